"""Running rules on one draft: selection, isolation, severities, suppressions, fixes.

The CLI and the language server both go through `Linter`; neither knows how rules run.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from time import perf_counter
from typing import TYPE_CHECKING, Any

from .ruledef import SAFE, SEVERITY_RANK, Finding, Rule
from .source import DecodeError, Source

if TYPE_CHECKING:  # the model and the registry are imported only when a draft is really linted
    from .model import Report
    from .parsing.markdown import IncrementalParser
    from .plugins import Registry

INTERNAL_ERROR, UNREADABLE = "NB001", "NB002"


@dataclass
class Selection:
    """Which rules run and how severe they are, for one file."""

    select: Sequence[str] | None = None  # None: every rule
    ignore: Sequence[str] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    inference: Mapping[str, Any] = field(default_factory=dict)  # report-year / template / agency

    def enabled(self, code: str) -> bool:
        chosen = _longest(code, self.select if self.select is not None else ("",))
        dropped = _longest(code, self.ignore)
        return chosen >= 0 and chosen > dropped


def _longest(code: str, selectors: Iterable[str]) -> int:
    best = -1
    for s in selectors:
        s = s.strip().upper()
        if s == "ALL":
            s = ""
        if code.startswith(s):
            best = max(best, len(s))
    return best


@dataclass
class Result:
    findings: list[Finding]
    report: Report | None  # None when the draft could not be read


class Linter:
    def __init__(self, registry: Registry, timings: dict[str, float] | None = None) -> None:
        self.registry = registry
        self.timings = timings  # when a dict: seconds spent parsing and in each rule, accumulated

    def rules_for(self, selection: Selection) -> list[Rule]:
        return [r for code, r in self.registry.rules.items() if selection.enabled(code)]

    def check_bytes(self, data: bytes, path: str, selection: Selection) -> tuple[Result, Source | None]:
        try:
            source = Source.from_bytes(data)
        except DecodeError as exc:
            return Result(self._finalize([self._unreadable(str(exc))], selection, None), None), None
        return self.check(source, path, selection), source

    def check(
        self,
        source: Source,
        path: str,
        selection: Selection,
        markdown: IncrementalParser | None = None,
        form: str | None = None,
    ) -> Result:
        if not source.text.strip():
            return Result(self._finalize([self._unreadable("文件为空（没有任何正文）")], selection, None), None)
        from .parsing import parse

        timings = self.timings
        started = perf_counter()
        try:
            report = parse(
                source, path, form, templates=self.registry.templates, overrides=selection.inference, markdown=markdown
            )
        except Exception as exc:  # a parser bug must not cost the user a traceback
            return Result(
                self._finalize([self._unreadable(f"解析失败（{type(exc).__name__}: {exc}）")], selection, None), None
            )
        if timings is not None:
            timings["parse"] = timings.get("parse", 0.0) + perf_counter() - started
        findings: list[Finding] = []
        for rule in self.rules_for(selection):
            if rule.code in (INTERNAL_ERROR, UNREADABLE):
                continue
            started = perf_counter()
            try:
                produced = list(rule.check(report))
            except Exception as exc:
                findings.append(self._internal_error(rule, exc))
                continue
            finally:
                if timings is not None:
                    timings[rule.code] = timings.get(rule.code, 0.0) + perf_counter() - started
            for f in produced:
                f.code, f.rule = rule.code, rule
            findings.extend(produced)
        return Result(self._finalize(findings, selection, report), report)

    def _finalize(self, findings: list[Finding], selection: Selection, report: Report | None) -> list[Finding]:
        index = report.source.index if report else None
        for f in findings:
            if f.rule is None:
                f.rule = self.registry.rules.get(f.code)
            if f.rule is not None:
                f.name = f.rule.name
            f.severity = selection.severity.get(f.code) or (f.rule.severity if f.rule else "error")
            f.line = index.line_of(f.start) if index else 0
        findings = [f for f in findings if selection.enabled(f.code)]
        if report:
            from .suppression import filter_findings

            findings = filter_findings(findings, report.directives)
        findings.sort(key=lambda f: (f.start, f.end, f.code))
        return findings

    def _unreadable(self, why: str) -> Finding:
        return Finding(0, 0, f"无法读取草稿：{why}", code=UNREADABLE)

    def _internal_error(self, rule: Rule, exc: Exception) -> Finding:
        return Finding(
            0,
            0,
            f"规则 {rule.code}（{rule.name}，来自 {rule.origin}）运行出错，其余规则照常运行：{type(exc).__name__}: {exc}",
            code=INTERNAL_ERROR,
        )

    # --- fixes ---------------------------------------------------------------------------------

    def fix(
        self, source: Source, path: str, selection: Selection, unsafe: bool = False, max_passes: int = 10
    ) -> tuple[Source, int, Result]:
        """Apply fixes until none is left (a fixpoint, so fixing twice equals fixing once).

        Returns the fixed source, the number of fixes applied, and the result for the fixed text.
        """
        from .fixes import apply_fixes

        applied = 0
        result = self.check(source, path, selection)
        for _ in range(max_passes):
            fixes = [f.fix for f in result.findings if f.fix and (unsafe or f.fix.applicability == SAFE)]
            if not fixes:
                break
            source, n = apply_fixes(source, fixes)
            if n == 0:
                break
            applied += n
            result = self.check(source, path, selection)
        return source, applied, result


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK.get(f.severity, 2) >= threshold for f in findings)
