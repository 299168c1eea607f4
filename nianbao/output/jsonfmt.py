"""``--format json``: the schema of ../shared/spec/cli.md, exactly (other tools parse it)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from ..ruledef import Related
from . import FileResult, edit_span, location, related_in, result_span, shown


def records(result: FileResult) -> list[dict[str, Any]]:
    """The records of one file's findings, by line and column."""
    out: list[dict[str, Any]] = []
    for f in result.findings:
        line, column, end_line, end_column = result_span(result, f.start, f.end)
        fix = None
        if f.fix:
            edits = []
            for e in f.fix.edits:
                el, ec, eel, eec = edit_span(result, e)
                edits.append({"line": el, "column": ec, "end_line": eel, "end_column": eec, "new_text": e.new_text})
            fix = {"applicability": f.fix.applicability, "description": f.fix.description, "edits": edits}
        out.append(
            {
                "path": shown(result.path),
                "code": f.code,
                "name": f.name,
                "severity": f.severity,
                "message": f.message,
                "line": line,
                "column": column,
                "end_line": end_line,
                "end_column": end_column,
                "fix": fix,
            }
        )
        if f.related:  # the places that explain the finding (cells added up, last year's report …)
            out[-1]["related"] = [_related(result, r) for r in f.related]
        where = location(result, f.start, f.end)
        if where is not None:  # .docx, web pages and PDFs: the place in the document's own terms
            out[-1]["location"] = where.as_dict()
    out.sort(key=lambda r: (r["line"], r["column"]))
    return out


def _related(result: FileResult, related: Related) -> dict[str, Any]:
    """A related place: its file (this one, or another year's report) and where it is in that file."""
    target = related_in(result, related)
    place = dict(zip(("line", "column", "end_line", "end_column"), result_span(target, related.start, related.end)))
    out = {"path": shown(target.path), **place, "message": related.message}
    where = location(target, related.start, related.end)
    if where is not None:
        out["location"] = where.as_dict()
    return out


def render(results: Iterable[FileResult], stream: IO[str], by_path: bool = False) -> None:
    """One JSON array of every finding, sorted by path, line and column. *by_path*: the results
    come in order of their paths already, and each file's records are written as it comes (a run
    over many drafts holds none of them); otherwise all are gathered and sorted first."""
    if by_path:
        items: Iterable[dict[str, Any]] = (record for result in results for record in records(result))
    else:
        items = sorted((r for result in results for r in records(result)), key=lambda r: r["path"])
    first = True
    for item in items:
        # What json.dump(list, indent=2) writes, one element at a time.
        stream.write(("[\n" if first else ",\n") + _indented(json.dumps(item, ensure_ascii=False, indent=2)))
        first = False
    stream.write("[]\n" if first else "\n]\n")


def _indented(text: str) -> str:
    return "  " + text.replace("\n", "\n  ")
