"""Baselines: adopt nianbao on a body of existing reports by recording what is already wrong, then
report only what is new (``nianbao check --write-baseline FILE`` / ``--baseline FILE``).

A finding is identified by its file, its rule and a *fingerprint* of its text — never by its line,
so inserting or deleting lines elsewhere in the draft keeps it matched. The fingerprint hashes the
rule's message (it names the numbers involved), the flagged text, and as a little context the text of
the flagged line with its whitespace folded; a zero-width finding (a missing section, an empty file)
has no flagged text and no context. Identical findings in one file are matched by count: recorded
twice, the third is new.

The file is JSON in UTF-8, stable and sorted so that it diffs well under version control::

    {
      "nianbao-baseline": 1,
      "findings": [
        {"path": "各单位年报/石桥镇.txt", "code": "NB202", "message": "（七）总计…",
         "fingerprint": "5c0f9d2e8a417b36", "count": 1}
      ]
    }

``path`` is relative to the folder of the baseline file, with ``/``; ``message`` is there for the
people who review the file (the fingerprint already covers it); ``count`` is how many identical
findings the file had.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

from .cache import digest
from .errors import UsageError, why
from .output import shown
from .results import FileResult
from .ruledef import Finding

FORMAT = 1
_SPACE = re.compile(r"\s+")
Key = tuple[str, str, str]  # path (relative to the baseline's folder), code, fingerprint


def fingerprint(finding: Finding, result: FileResult) -> str:
    """16 hex digits identifying *finding* by its content (see the module documentation)."""
    flagged = context = ""
    source = result.source
    if source is not None and finding.end > finding.start:
        flagged = source.text[finding.start : finding.end]
        context = _SPACE.sub(" ", source.index.line_text(source.index.line_of(finding.start))).strip()
    return digest("\0".join((finding.code, finding.message, flagged, context)).encode("utf-8"))[:16]


class Baseline:
    """The findings recorded in one baseline file, by key and count."""

    def __init__(self, path: Path, counts: Counter[Key], messages: dict[Key, str] | None = None) -> None:
        self.path = path
        self.folder = path.resolve().parent
        self.counts = counts
        self.messages = messages or {}

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline file; `UsageError` when it is missing or not a baseline."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UsageError(f"基线文件不存在：{path}（可先用 --write-baseline {path} 生成）") from None
        except OSError as exc:
            raise UsageError(f"无法读取基线文件 {path}：{why(exc)}") from exc
        except json.JSONDecodeError as exc:
            raise UsageError(f"基线文件 {path} 不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）") from exc
        except ValueError as exc:  # not UTF-8
            raise UsageError(f"基线文件 {path} 不是 UTF-8 编码的 JSON") from exc
        counts: Counter[Key] = Counter()
        try:
            if data["nianbao-baseline"] != FORMAT:
                raise UsageError(f"基线文件 {path} 的格式版本 {data['nianbao-baseline']} 不受支持（应为 {FORMAT}）")
            for entry in data["findings"]:
                key = (str(entry["path"]), str(entry["code"]), str(entry["fingerprint"]))
                count = entry.get("count", 1)
                if type(count) is not int or count < 1:
                    raise ValueError(count)
                counts[key] += count
        except (KeyError, TypeError, ValueError) as exc:
            raise UsageError(f"基线文件 {path} 的内容不是 nianbao 基线（{type(exc).__name__}: {exc}）") from None
        return cls(path, counts)

    @classmethod
    def of(cls, path: Path, results: list[FileResult]) -> Baseline:
        """The baseline that records every finding of *results*, to be written to *path*."""
        baseline = cls(path, Counter(), {})
        for result in results:
            relative = baseline._relative(result.path)
            for f in result.findings:
                key = (relative, f.code, fingerprint(f, result))
                baseline.counts[key] += 1
                baseline.messages.setdefault(key, f.message)
        return baseline

    def write(self) -> None:
        entries: list[dict[str, Any]] = [
            {
                "path": path,
                "code": code,
                "message": self.messages.get((path, code, fp), ""),
                "fingerprint": fp,
                "count": n,
            }
            for (path, code, fp), n in self.counts.items()
        ]
        entries.sort(key=lambda e: (e["path"], e["code"], e["message"], e["fingerprint"]))
        text = json.dumps({"nianbao-baseline": FORMAT, "findings": entries}, ensure_ascii=False, indent=2) + "\n"
        try:
            self.path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"无法写入基线文件 {self.path}：{why(exc)}") from exc

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def filter(self, results: list[FileResult]) -> tuple[list[FileResult], int, int]:
        """*results* without the findings this baseline records, how many were left out, and how many
        recorded findings of the files in *results* no longer occur (the baseline can be renewed)."""
        left = Counter(self.counts)
        kept: list[FileResult] = []
        matched = 0
        checked: set[str] = set()
        for result in results:
            path = self._relative(result.path)
            checked.add(path)
            findings = []
            for f in result.findings:
                key = (path, f.code, fingerprint(f, result))
                if left[key] > 0:
                    left[key] -= 1
                    matched += 1
                else:
                    findings.append(f)
            kept.append(result.replace(findings=tuple(findings)) if len(findings) != len(result.findings) else result)
        gone = sum(n for key, n in left.items() if key[0] in checked and n > 0)
        return kept, matched, gone

    def _relative(self, path: str) -> str:
        """*path* (as the run shows it) relative to the baseline's folder, with ``/`` (undecodable
        bytes of a file name as ``\\xNN``, as every output shows them)."""
        return shown(Path(os.path.relpath(os.path.abspath(path), self.folder)).as_posix())
