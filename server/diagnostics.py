"""Findings → LSP diagnostics, each carrying what its quick fix needs in ``data``."""

from __future__ import annotations

from typing import Any

from lsprotocol import types
from pygls.uris import from_fs_path

from nianbao.output import elsewhere, location
from nianbao.ruledef import Finding, Fix, Related
from nianbao.source import LineIndex

from .checker import Checked
from .documents import lsp_range

SOURCE = "nianbao"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def range_json(r: types.Range) -> dict[str, Any]:
    return {
        "start": {"line": r.start.line, "character": r.start.character},
        "end": {"line": r.end.line, "character": r.end.character},
    }


def fix_edits(fix: Fix, index: LineIndex, encoding: str, newline: str) -> list[types.TextEdit]:
    return [
        types.TextEdit(
            lsp_range(index, encoding, e.start, e.end),
            e.new_text.replace("\n", newline) if newline != "\n" else e.new_text,
        )
        for e in fix.edits
    ]


def to_diagnostic(finding: Finding, checked: Checked) -> types.Diagnostic:
    rule = checked.rules.get(finding.code)
    data: dict[str, Any] = {"code": finding.code, "version": checked.version, "fix": None}
    if finding.fix:
        newline = checked.source.newline
        data["fix"] = {
            "applicability": finding.fix.applicability,
            "description": finding.fix.description,
            "edits": [
                {"range": range_json(e.range), "newText": e.new_text}
                for e in fix_edits(finding.fix, checked.index, checked.encoding, newline)
            ],
        }
    if finding.detail:
        data["detail"] = finding.detail
    related = [_related(r, checked) for r in finding.related]
    return types.Diagnostic(
        range=lsp_range(checked.index, checked.encoding, finding.start, finding.end),
        message=finding.message,
        severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Error),
        code=finding.code,
        code_description=types.CodeDescription(href=rule.url) if rule and rule.url else None,
        source=SOURCE,
        related_information=related or None,
        data=data,
    )


def _related(related: Related, checked: Checked) -> types.DiagnosticRelatedInformation:
    """A related place: in the draft, or in another file (last year's report, read as saved) by its
    URI and its own lines; a .docx or PDF has no lines an editor shows, so the place is named."""
    if not related.path or related.path == checked.result.path:
        where = lsp_range(checked.index, checked.encoding, related.start, related.end)
        return types.DiagnosticRelatedInformation(types.Location(checked.uri, where), related.message)
    uri = from_fs_path(related.path) or related.path
    target = elsewhere(related.path)
    place = location(target, related.start, related.end)
    if target.source is None or target.document is not None:
        at = types.Range(types.Position(0, 0), types.Position(0, 0))
        label = f"（{place.label()}）" if place is not None else ""
        return types.DiagnosticRelatedInformation(types.Location(uri, at), related.message + label)
    where = lsp_range(target.source.index, checked.encoding, related.start, related.end)
    return types.DiagnosticRelatedInformation(types.Location(uri, where), related.message)


def diagnostics(checked: Checked) -> list[types.Diagnostic]:
    return [to_diagnostic(f, checked) for f in checked.findings]
