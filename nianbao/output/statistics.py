"""``--statistics``: how many findings each rule produced, instead of the findings (like ruff's).

Text: one aligned row per rule, most frequent first. JSON: an array of objects
``{"code", "name", "severity", "count", "fixable", "suggested", "files"}`` in the same order, where
``fixable`` counts the findings ``--fix`` would fix (a safe fix), ``suggested`` those with a suggested
fix (``--unsafe-fixes``), ``files`` the files with at least one, and ``severity`` is the most severe
the rule was reported at.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import IO

from ..results import FileResult
from ..ruledef import SAFE, SEVERITY_LABEL, SEVERITY_RANK, SUGGESTED
from ..textutil import display_width


@dataclass(frozen=True)
class RuleCount:
    code: str
    name: str
    severity: str
    count: int
    fixable: int  # with a safe fix
    suggested: int  # with a suggested fix
    files: int  # files with at least one finding of this rule


def count(results: Iterable[FileResult]) -> list[RuleCount]:
    """One `RuleCount` per rule that found anything, most findings first, then by code."""
    rows: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    severities: dict[str, str] = {}
    for result in results:
        seen: set[str] = set()
        for f in result.findings:
            row = rows.setdefault(f.code, {"count": 0, SAFE: 0, SUGGESTED: 0, "files": 0})
            names.setdefault(f.code, f.name)
            if SEVERITY_RANK.get(f.severity, 2) > SEVERITY_RANK.get(severities.get(f.code, ""), -1):
                severities[f.code] = f.severity
            row["count"] += 1
            if f.fix and f.fix.applies(unsafe=True):  # a MANUAL fix is counted as none
                row[f.fix.applicability] += 1
            if f.code not in seen:
                seen.add(f.code)
                row["files"] += 1
    stats = [
        RuleCount(code, names[code], severities[code], r["count"], r[SAFE], r[SUGGESTED], r["files"])
        for code, r in rows.items()
    ]
    stats.sort(key=lambda s: (-s.count, s.code))
    return stats


def render(results: Iterable[FileResult], stream: IO[str], fmt: str = "text") -> None:
    """Write the statistics of *results* to *stream* as ``text`` or ``json``."""
    stats = count(results)
    if fmt == "json":
        json.dump([asdict(s) for s in stats], stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    if not stats:
        stream.write("没有发现问题。\n")
        return
    header = ("数量", "代码", "名称", "级别", "可自动修复", "建议修复", "涉及文件")
    rows = [header] + [
        (
            str(s.count),
            s.code,
            s.name,
            SEVERITY_LABEL.get(s.severity, s.severity),
            str(s.fixable),
            str(s.suggested),
            str(s.files),
        )
        for s in stats
    ]
    numeric = {0, 4, 5, 6}
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        cells = []
        for i, (cell, width) in enumerate(zip(row, widths)):
            pad = " " * (width - display_width(cell))
            cells.append(pad + cell if i in numeric else cell + pad)
        stream.write("  ".join(cells).rstrip() + "\n")
    total = sum(s.count for s in stats)
    stream.write(f"共 {total} 个问题，涉及 {len(stats)} 条规则。\n")
