"""Linting a document: read it, lint its rendering as a text draft, keep the way back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ruledef import MANUAL
from ..source import Source
from . import DocumentError, read_document

if TYPE_CHECKING:
    from ..engine import Linter, Selection
    from ..model import Report
    from ..results import FileResult
    from ..ruledef import Finding, Fix
    from .document import Document

# Rules that would call a table missing: not where the document holds content nianbao cannot read
# (a table pasted as a picture, a scanned page).
_CLAIMS_ABSENCE = ("NB105",)


def check_document(linter: Linter, data: bytes, path: str, fmt: str, selection: Selection) -> FileResult:
    """Findings for a .docx, HTML or PDF file; its rendering is the result's ``source`` and the
    document itself its ``document``. An unreadable document gives one NB002 saying why."""
    try:
        document = read_document(data, fmt)
    except DocumentError as exc:
        return linter.unreadable(path, str(exc), selection)
    result = linter.check(Source.from_text(document.text), path, selection, form="text")
    findings = result.findings
    if document.opaque and result.report is not None:
        findings = tuple(f for f in findings if not _hidden_by_picture(f, result.report, document.opaque))
    return result.replace(findings=settle_fixes(findings, document), document=document)


def settle_fixes(findings: tuple[Finding, ...], document: Document) -> tuple[Finding, ...]:
    """*findings* with each fix the document cannot take made MANUAL (`nianbao.ruledef.MANUAL`):
    every fix in a web page or PDF (report-only), and a .docx fix that is not inside single runs."""

    def takes(fix: Fix) -> bool:
        if document.runs is None:
            return False
        from .docx import map_fix

        return map_fix(document.origins, document.runs, fix) is not None

    return tuple(
        f.replace(fix=f.fix.manual()) if f.fix is not None and f.fix.applicability != MANUAL and not takes(f.fix) else f
        for f in findings
    )


def _hidden_by_picture(finding: Finding, report: Report, opaque: list[int]) -> bool:
    if finding.code not in _CLAIMS_ABSENCE:
        return False
    for section in report.sections:
        if section.start <= finding.start < max(section.end, section.start + 1):
            return any(section.start <= at < section.end for at in opaque)
    return False
