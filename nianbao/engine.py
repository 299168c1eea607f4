"""Running rules on one draft: selection, isolation, severities, suppressions, fixes.

The CLI and the language server both go through `Linter`; neither knows how rules run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from time import perf_counter
from typing import TYPE_CHECKING

from .budget import RuleTimeout, TimeBudget
from .fixes import changes_text, comment_spans, edits_comment
from .results import FileResult
from .ruledef import SAFE, SEVERITY_RANK, SUGGESTED, Edit, Finding, Fix, Rule, no_findings
from .selectors import Selection
from .source import DecodeError, Source

if TYPE_CHECKING:  # the model and the registry are imported only when a draft is really linted
    from .digest import ReportDigest
    from .model import Directive
    from .parsing.markdown import IncrementalParser
    from .plugins import Registry
    from .source import LineIndex

INTERNAL_ERROR, UNREADABLE = "NB001", "NB002"


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
        """Decode and check one draft; bytes that are not text, or more of them than the selection's
        size limit, give one NB002 and ``source`` None. A .docx, web page or PDF (by *path*'s
        suffix) is read from its structure first."""
        too_large = self.oversized(len(data), path, selection)
        if too_large is not None:
            return too_large
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
        size = len(source.raw) if source.raw is not None else _utf8_size(source.text, selection.max_file_size)
        too_large = self.oversized(size, path, selection, source)
        if too_large is not None:
            return too_large
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
        fixable = _FixCheck(source)
        rules = self.rules_for(selection)
        size = len(source.text)
        result = FileResult(path, source, (), report)
        with TimeBudget(selection.rule_timeout) as budget:
            for rule in rules:
                if rule.code in (INTERNAL_ERROR, UNREADABLE) or rule.compare is not None:
                    continue
                findings.extend(map(fixable.keep, self._timed(rule, partial(rule.check, report), size, budget)))
            if self.previous is not None:  # the cross-year rules, when last year's report is found
                result = result.with_digest()
                current = result.digest
                before = self.previous(current) if current is not None else None
                if current is not None and before is not None:
                    findings.extend(map(fixable.keep, self._compare(rules, current, before, size, budget)))
        return result.replace(findings=self._finalize(findings, selection, source.index, report.directives))

    def check_years(
        self,
        current: ReportDigest,
        previous: ReportDigest,
        selection: Selection,
        text: Callable[[], Source | None],
    ) -> tuple[Finding, ...]:
        """The cross-year findings for the report *current* digests, compared with *previous* (the
        same agency's report for the year before). *text* gives this year's text (a document's
        rendering) for lines and suppression comments; it is called only when something was found.
        Completed, selected and sorted."""
        from .suppression import find_directives

        with TimeBudget(selection.rule_timeout) as budget:
            found = self._compare(self.rules_for(selection), current, previous, current.size, budget)
        source = text() if found else None
        if source is None:
            return ()
        fixable = _FixCheck(source)
        directives = find_directives(source.text, source.index)
        return self._finalize(list(map(fixable.keep, found)), selection, source.index, directives)

    def _compare(
        self, rules: Sequence[Rule], current: ReportDigest, previous: ReportDigest, size: int, budget: TimeBudget
    ) -> list[tuple[Rule, Finding]]:
        out: list[tuple[Rule, Finding]] = []
        for rule in rules:
            if rule.compare is not None:
                out.extend(self._timed(rule, partial(rule.compare, current, previous), size, budget))
        return out

    def _timed(
        self, rule: Rule, produce: Callable[[], Iterable[Finding]], size: int, budget: TimeBudget
    ) -> list[tuple[Rule, Finding]]:
        started = perf_counter()
        try:
            return self._run(rule, produce, size, budget)
        finally:
            if self.timings is not None:
                self.timings[rule.code] = self.timings.get(rule.code, 0.0) + perf_counter() - started

    def oversized(self, size: int, path: str, selection: Selection, source: Source | None = None) -> FileResult | None:
        """One NB002 for a draft of *size* bytes over the selection's limit (checking it would take
        minutes for nothing: no real report comes near), else None. *source*, when given, is kept
        in the result (the language server places findings in the text it holds)."""
        limit = selection.max_file_size
        if limit is None or size <= limit:
            return None
        why = f"文件过大（{size / 2**20:.1f} MB，超过上限 {limit / 2**20:g} MB），未检查；上限可用配置项 max-file-size 调整"
        return FileResult(path, source, self._finalize([(self._own_rule(UNREADABLE), Finding(0, 0, why))], selection))

    def _run(
        self, rule: Rule, produce: Callable[[], Iterable[Finding]], size: int, budget: TimeBudget
    ) -> list[tuple[Rule, Finding]]:
        """One rule's findings in a text of *size* characters; whatever goes wrong inside it (an
        exception, running past its time budget, bad output) becomes NB001 and the others still run."""
        try:
            with budget.rule():
                produced = list(produce())
        except KeyboardInterrupt:
            raise  # the user's Ctrl-C stops the run
        except RuleTimeout:
            return [self._internal_error(rule, f"超时：运行超过 {budget.seconds:g} 秒，已中断")]
        except BaseException as exc:  # SystemExit from a plugin must not end the CLI or the server
            return [self._internal_error(rule, f"{type(exc).__name__}: {exc}")]
        out: list[tuple[Rule, Finding]] = []
        for item in produced:
            if not isinstance(item, Finding):
                out.append(self._internal_error(rule, f"产出了不是 Finding 的对象（{type(item).__name__}）"))
            elif not 0 <= item.start <= item.end <= size:
                out.append(self._internal_error(rule, f"产出的位置 {item.start}–{item.end} 超出了文本范围（0–{size}）"))
            elif item.fix is not None and not _valid_fix(item.fix, size):
                out.append((rule, item.replace(fix=None)))
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
        self,
        source: Source,
        path: str,
        selection: Selection,
        unsafe: bool = False,
        max_passes: int = 10,
        form: str | None = None,
    ) -> FileResult:
        """Apply fixes until none is left (a fixpoint, so fixing twice equals fixing once); *form*
        as for `check` (None: from the file name).

        Returns the result for the fixed text: its ``source`` is the fixed source and ``fixed`` the
        number of fixes applied.
        """
        from .fixes import apply_fixes

        applied = 0
        result = self.check(source, path, selection, form=form)
        for _ in range(max_passes):
            fixes = [f.fix for f in result.findings if f.fix and f.fix.applies(unsafe)]
            if not fixes:
                break
            source, n = apply_fixes(source, fixes)
            if n == 0:
                break
            applied += n
            result = self.check(source, path, selection, form=form)
        result.fixed = applied
        return result


class _FixCheck:
    """Drops the fix of a finding when applying it would be pointless or never converge: it changes
    nothing, or it edits inside an HTML comment (`nianbao.fixes.edits_comment`). The finding stays."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.comments = comment_spans(source.text)

    def keep(self, found: tuple[Rule, Finding]) -> tuple[Rule, Finding]:
        rule, finding = found
        fix = finding.fix
        if fix is not None and (edits_comment(fix, self.comments) or not changes_text(fix, self.source)):
            return rule, finding.replace(fix=None)
        return found


def _utf8_size(text: str, limit: int | None) -> int:
    """The text's size in UTF-8 bytes, computed only when it could matter for *limit*."""
    if limit is None or len(text) * 4 <= limit:  # at most 4 bytes a character: surely within
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


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
