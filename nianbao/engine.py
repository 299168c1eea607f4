"""Running rules on one draft: selection, isolation, severities, suppressions, fixes.

The CLI and the language server both go through `Linter`; neither knows how rules run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from time import perf_counter
from typing import TYPE_CHECKING, Any

from .results import FileResult
from .ruledef import SAFE, SEVERITY_RANK, SUGGESTED, Edit, Finding, Fix, Rule, no_findings
from .source import DecodeError, Source

if TYPE_CHECKING:  # the model and the registry are imported only when a draft is really linted
    from .digest import ReportDigest
    from .model import Directive
    from .parsing.markdown import IncrementalParser
    from .plugins import Registry
    from .source import LineIndex

INTERNAL_ERROR, UNREADABLE = "NB001", "NB002"


@dataclass
class Selection:
    """Which rules run and how severe they are, for one file."""

    select: Sequence[str] | None = None  # None: every rule
    ignore: Sequence[str] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    # per-file settings from configuration: report-year / template / agency / copied-prose-threshold
    inference: Mapping[str, Any] = field(default_factory=dict)

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


# How a check finds last year's report for the draft it has parsed: its digest → the predecessor's.
Previous = Callable[["ReportDigest"], "ReportDigest | None"]


class Linter:
    """Runs the rules of a registry on one draft.

    *previous*, when given, finds the predecessor of each draft checked (from its digest): the
    cross-year rules then run with the single-report rules, so ``--fix`` and the editor treat their
    findings like any other. Without it, `check_years` runs them later on two digests.
    """

    def __init__(
        self, registry: Registry, timings: dict[str, float] | None = None, previous: Previous | None = None
    ) -> None:
        self.registry = registry
        self.timings = timings  # when a dict: seconds spent parsing and in each rule, accumulated
        self.previous = previous

    def rules_for(self, selection: Selection) -> list[Rule]:
        return [r for code, r in self.registry.rules.items() if selection.enabled(code)]

    def check_bytes(self, data: bytes, path: str, selection: Selection) -> FileResult:
        """Decode and check one draft; bytes that are not text give one NB002 and ``source`` None.
        A .docx, web page or PDF (by *path*'s suffix) is read from its structure first."""
        from .forms import document_format

        fmt = document_format(path)
        if fmt is not None:
            from .documents.lint import check_document

            return check_document(self, data, path, fmt, selection)
        try:
            source = Source.from_bytes(data)
        except DecodeError as exc:
            return self.unreadable(path, str(exc), selection)
        return self.check(source, path, selection)

    def check(
        self,
        source: Source,
        path: str,
        selection: Selection,
        markdown: IncrementalParser | None = None,
        form: str | None = None,
    ) -> FileResult:
        if not source.text.strip():
            return FileResult(path, source, self._finalize([self._unreadable("文件为空（没有任何正文）")], selection))
        from .parsing import parse

        timings = self.timings
        started = perf_counter()
        try:
            report = parse(
                source, path, form, templates=self.registry.templates, overrides=selection.inference, markdown=markdown
            )
        except Exception as exc:  # a parser bug must not cost the user a traceback
            why = f"解析失败（{type(exc).__name__}: {exc}）"
            return FileResult(path, source, self._finalize([self._unreadable(why)], selection))
        if timings is not None:
            timings["parse"] = timings.get("parse", 0.0) + perf_counter() - started
        findings: list[tuple[Rule, Finding]] = []
        rules = self.rules_for(selection)
        size = len(source.text)
        for rule in rules:
            if rule.code in (INTERNAL_ERROR, UNREADABLE) or rule.compare is not None:
                continue
            findings.extend(self._timed(rule, partial(rule.check, report), size))
        result = FileResult(path, source, (), report)
        if self.previous is not None:  # the cross-year rules, when last year's report is found
            result = result.with_digest()
            current = result.digest
            before = self.previous(current) if current is not None else None
            if current is not None and before is not None:
                findings.extend(self._compare(rules, current, before, size))
        return replace(result, findings=self._finalize(findings, selection, source.index, report.directives))

    def check_years(
        self, current: ReportDigest, previous: ReportDigest, selection: Selection, source: Source
    ) -> tuple[Finding, ...]:
        """The cross-year findings for the report *current* digests, compared with *previous* (the
        same agency's report for the year before); *source* is this year's text (a document's
        rendering), for lines and suppression comments. Completed, selected and sorted."""
        from .suppression import find_directives

        found = self._compare(self.rules_for(selection), current, previous, len(source.text))
        if not found:
            return ()
        return self._finalize(found, selection, source.index, find_directives(source.text, source.index))

    def _compare(
        self, rules: Sequence[Rule], current: ReportDigest, previous: ReportDigest, size: int
    ) -> list[tuple[Rule, Finding]]:
        out: list[tuple[Rule, Finding]] = []
        for rule in rules:
            if rule.compare is not None:
                out.extend(self._timed(rule, partial(rule.compare, current, previous), size))
        return out

    def _timed(self, rule: Rule, produce: Callable[[], Iterable[Finding]], size: int) -> list[tuple[Rule, Finding]]:
        started = perf_counter()
        try:
            return self._run(rule, produce, size)
        finally:
            if self.timings is not None:
                self.timings[rule.code] = self.timings.get(rule.code, 0.0) + perf_counter() - started

    def _run(self, rule: Rule, produce: Callable[[], Iterable[Finding]], size: int) -> list[tuple[Rule, Finding]]:
        """One rule's findings in a text of *size* characters; whatever goes wrong inside it becomes
        NB001 and the others still run."""
        try:
            produced = list(produce())
        except KeyboardInterrupt:
            raise  # the user's Ctrl-C stops the run
        except BaseException as exc:  # SystemExit from a plugin must not end the CLI or the server
            return [self._internal_error(rule, f"{type(exc).__name__}: {exc}")]
        out: list[tuple[Rule, Finding]] = []
        for item in produced:
            if not isinstance(item, Finding):
                out.append(self._internal_error(rule, f"产出了不是 Finding 的对象（{type(item).__name__}）"))
            elif not 0 <= item.start <= item.end <= size:
                out.append(self._internal_error(rule, f"产出的位置 {item.start}–{item.end} 超出了文本范围（0–{size}）"))
            elif item.fix is not None and not _valid_fix(item.fix, size):
                out.append((rule, replace(item, fix=None)))
                out.append(self._internal_error(rule, f"给出的修复“{item.fix.description}”编辑范围无效，已丢弃该修复"))
            else:
                out.append((rule, item))
        return out

    def _finalize(
        self,
        findings: Sequence[tuple[Rule, Finding]],
        selection: Selection,
        index: LineIndex | None = None,
        directives: list[Directive] | None = None,
    ) -> tuple[Finding, ...]:
        """Completed findings (code, name, severity, line), selected, unsuppressed (by the text's
        suppression comments) and sorted."""
        done = [
            f.completed(
                rule.code,
                rule.name,
                selection.severity.get(rule.code) or f.severity or rule.severity,
                index.line_of(f.start) if index else 0,
            )
            for rule, f in findings
            if selection.enabled(rule.code)
        ]
        if directives:
            from .suppression import filter_findings

            done = filter_findings(done, directives)
        done.sort(key=lambda f: (f.start, f.end, f.code))
        return tuple(done)

    def unreadable(self, path: str, why: str, selection: Selection) -> FileResult:
        """The result for a file that cannot be read: one NB002 saying *why*."""
        return FileResult(path, None, self._finalize([self._unreadable(why)], selection))

    def _own_rule(self, code: str) -> Rule:
        rule = self.registry.rules.get(code)
        if rule is None:  # the built-in rules were not registered: still say what happened
            from .ruledef import ERROR

            rule = Rule(code, "internal-error" if code == INTERNAL_ERROR else "unreadable", ERROR, "", "", no_findings)
        return rule

    def _unreadable(self, why: str) -> tuple[Rule, Finding]:
        return self._own_rule(UNREADABLE), Finding(0, 0, f"无法读取草稿：{why}")

    def _internal_error(self, rule: Rule, what: str) -> tuple[Rule, Finding]:
        message = f"规则 {rule.code}（{rule.name}，来自 {rule.origin}）运行出错，其余规则照常运行：{what}"
        return self._own_rule(INTERNAL_ERROR), Finding(0, 0, message)

    # --- fixes ---------------------------------------------------------------------------------

    def fix(
        self, source: Source, path: str, selection: Selection, unsafe: bool = False, max_passes: int = 10
    ) -> FileResult:
        """Apply fixes until none is left (a fixpoint, so fixing twice equals fixing once).

        Returns the result for the fixed text: its ``source`` is the fixed source and ``fixed`` the
        number of fixes applied.
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
        result.fixed = applied
        return result


def _valid_fix(fix: object, size: int) -> bool:
    """A fix a plugin may have got wrong: every edit an `Edit` inside the text, forwards, with text,
    and no two edits overlapping (their order of application would be undefined)."""
    if not isinstance(fix, Fix) or fix.applicability not in (SAFE, SUGGESTED):
        return False
    spans = []
    for e in fix.edits:
        if not isinstance(e, Edit) or type(e.start) is not int or type(e.end) is not int:
            return False
        if not (0 <= e.start <= e.end <= size and isinstance(e.new_text, str)):
            return False
        spans.append((e.start, e.end))
    spans.sort()
    return all(
        a_end <= b_start and (a_start, a_end) != (b_start, b_end)
        for (a_start, a_end), (b_start, b_end) in zip(spans, spans[1:])
    )


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK.get(f.severity, 2) >= threshold for f in findings)
