"""``--format sarif``: SARIF 2.1.0 for code-scanning systems (columns in Unicode code points)."""

from __future__ import annotations

import json
import os
import string
from collections.abc import Iterable
from pathlib import PurePath
from typing import IO, Any

from .. import __version__
from ..plugins import Registry
from ..ruledef import MANUAL
from . import FileResult, location, related_in, result_span

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


_URI_CHARS = frozenset(string.ascii_letters + string.digits + "-._~!$&'()*+,;=:@/")


def _uri(path: str) -> str:
    """A relative URI reference for *path*: characters a URI cannot hold are percent-encoded bytes
    (a space, ``%``, ``#``, and bytes of a name that is not valid in the file system's encoding);
    other non-ASCII characters stay readable, as code-scanning systems expect."""
    if path == "-":
        return "stdin"
    out = []
    for ch in PurePath(path).as_posix():
        if ch in _URI_CHARS or (ord(ch) > 127 and not "\udc80" <= ch <= "\udcff"):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in os.fsencode(ch))
    return "".join(out)


def _region(result: FileResult, start: int, end: int) -> dict[str, Any]:
    """A text region; in a .docx or PDF (no lines a viewer could show) the excerpt as the region's
    snippet, and the place in the document's own terms in its property bag."""
    where = location(result, start, end)
    if where is not None and where.line is None:
        return {"snippet": {"text": where.excerpt}, "properties": {"location": where.as_dict()}}
    line, col, end_line, end_col = result_span(result, start, end)
    region: dict[str, Any] = {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col}
    if where is not None:
        region["properties"] = {"location": where.as_dict()}
    return region


def document(results: Iterable[FileResult], registry: Registry) -> dict[str, Any]:
    results = list(results)  # one document: the rules it names come first
    codes = sorted({f.code for r in results for f in r.findings} | set(registry.rules))
    rules = []
    for code in codes:
        rule = registry.rules.get(code)
        if rule is None:
            continue
        entry: dict[str, Any] = {
            "id": code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.summary},
            "help": {"text": rule.doc, "markdown": rule.doc},
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
            "properties": {"origin": rule.origin, "fixable": rule.fixable.value},
        }
        if rule.url:
            entry["helpUri"] = rule.url
        rules.append(entry)
    index = {r["id"]: i for i, r in enumerate(rules)}
    out_results = []
    for result in results:
        uri = _uri(result.path)
        for f in result.findings:
            item: dict[str, Any] = {
                "ruleId": f.code,
                "level": _LEVEL.get(f.severity, "error"),
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": _region(result, f.start, f.end),
                        }
                    }
                ],
            }
            if f.code in index:
                item["ruleIndex"] = index[f.code]
            if f.related:
                item["relatedLocations"] = [
                    {
                        "id": i,
                        "message": {"text": r.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(target.path)},
                            "region": _region(target, r.start, r.end),
                        },
                    }
                    for i, r, target in ((i, r, related_in(result, r)) for i, r in enumerate(f.related))
                ]
            if f.fix and f.fix.applicability == MANUAL:
                # A change the tool cannot make in this file (a web page, a PDF, a .docx edit
                # across formatting runs): its offsets are in the text read out of the document,
                # not in the file's bytes, so it is no SARIF fix a system could apply.
                item["properties"] = {"fixApplicability": MANUAL, "fixDescription": f.fix.description}
            elif f.fix:
                item["fixes"] = [
                    {
                        "description": {"text": f.fix.description},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": _region(result, e.start, e.end),
                                        "insertedContent": {"text": e.new_text},
                                    }
                                    for e in f.fix.edits
                                ],
                            }
                        ],
                    }
                ]
                item["properties"] = {"fixApplicability": f.fix.applicability}
            out_results.append(item)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "nianbao",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": out_results,
            }
        ],
    }


def render(results: Iterable[FileResult], registry: Registry, stream: IO[str]) -> None:
    json.dump(document(results, registry), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
