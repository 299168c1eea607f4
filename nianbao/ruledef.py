"""What a rule is and what it produces.

A rule is a small unit: code, name, default severity, one-line summary, long documentation, the
whether it can fix what it finds, and a pure check function from a parsed `Report` to findings. Write one
with the `rule` decorator; the function's docstring is the rule's documentation (shown by
``nianbao explain``, the docs and the editor hover).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from enum import Enum

from .record import FrozenRecord

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from .digest import ReportDigest
    from .model import Report

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_RANK = {INFO: 0, WARNING: 1, ERROR: 2}
SEVERITY_LABEL = {ERROR: "错误", WARNING: "警告", INFO: "提示"}

# Fix applicability: --fix and fix-all apply SAFE, --unsafe-fixes SUGGESTED too. MANUAL is the
# engine's, never a rule's: the fix says what to change, but the file's form cannot take it (a web
# page or PDF is report-only; a .docx edit across differently formatted runs).
SAFE, SUGGESTED, MANUAL = "safe", "suggested", "manual"
APPLICABILITY_LABEL = {SAFE: "可自动修复", SUGGESTED: "建议修复", MANUAL: "需手工修改"}


class Fixable(Enum):
    """Whether a rule's findings carry a fix (as ruff's ``FixAvailability``): the applicability
    (safe or suggested) is a property of each `Fix`, since one rule may offer either."""

    NEVER = "never"
    SOMETIMES = "sometimes"
    ALWAYS = "always"

    @property
    def label(self) -> str:
        return _FIXABLE_LABEL[self]


_FIXABLE_LABEL = {Fixable.NEVER: "—", Fixable.SOMETIMES: "有时可修复", Fixable.ALWAYS: "可修复"}


class Edit(FrozenRecord):
    """Replace text[start:end] with new_text (``\\n`` in new_text becomes the file's newline)."""

    __slots__ = ("start", "end", "new_text")
    start: int
    end: int
    new_text: str

    def __init__(self, start: int, end: int, new_text: str) -> None:
        self._init(start, end, new_text)


class Fix(FrozenRecord):
    """Edits that fix a finding, described in Chinese; ``applicability`` is SAFE or SUGGESTED (or
    MANUAL, which only the engine sets)."""

    __slots__ = ("description", "edits", "applicability")
    description: str
    edits: tuple[Edit, ...]
    applicability: str

    def __init__(self, description: str, edits: tuple[Edit, ...], applicability: str = SAFE) -> None:
        self._init(description, edits, applicability)

    def applies(self, unsafe: bool = False) -> bool:
        """Whether ``--fix`` applies it (with ``--unsafe-fixes`` when *unsafe*)."""
        return self.applicability == SAFE or (unsafe and self.applicability == SUGGESTED)

    def manual(self) -> Fix:
        """This fix as one to make by hand (see MANUAL)."""
        return self.replace(applicability=MANUAL)


class Related(FrozenRecord):
    """A place that explains a finding (the rows a total was summed from, the title's agency …).

    ``path`` is empty for a place in the finding's own file; a cross-year rule names the other
    file (last year's report, as the user named it), and ``start``/``end`` are offsets into that
    file's text (a document's rendering).
    """

    __slots__ = ("start", "end", "message", "path")
    start: int
    end: int
    message: str
    path: str

    def __init__(self, start: int, end: int, message: str, path: str = "") -> None:
        self._init(start, end, message, path)


class Finding(FrozenRecord):
    """One problem a rule found: where (``start``/``end`` offsets into the text, end exclusive),
    what (``message``, in Chinese, naming the numbers involved), and optionally a fix, related
    places and the numbers behind the message (``detail``, Markdown, for hover).

    Immutable: a rule yields it with the first six fields; the engine returns a completed copy
    (``code``, ``name``, ``severity``, ``line``) made with `completed`, never by mutation. A rule
    may set ``severity`` itself for one finding that is less (or more) serious than the rule's
    default; the user's ``[severity]`` configuration still wins.
    """

    __slots__ = ("start", "end", "message", "fix", "related", "detail", "code", "name", "severity", "line")
    start: int
    end: int
    message: str
    fix: Fix | None
    related: tuple[Related, ...]
    detail: str
    # Filled in by the engine:
    code: str
    name: str  # the rule's kebab-case name
    severity: str  # empty: the rule's severity
    line: int  # 0-based line of `start`

    def __init__(
        self,
        start: int,
        end: int,
        message: str,
        fix: Fix | None = None,
        related: tuple[Related, ...] = (),
        detail: str = "",
        code: str = "",
        name: str = "",
        severity: str = "",
        line: int = 0,
    ) -> None:
        self._init(start, end, message, fix, related, detail, code, name, severity, line)

    def completed(self, code: str, name: str, severity: str, line: int) -> Finding:
        """This finding as the engine reports it: the rule's identity and the effective severity."""
        return self.replace(code=code, name=name, severity=severity, line=line)


Check = Callable[["Report"], Iterable[Finding]]
# A cross-year check: this year's digest, then last year's (the same agency's report for the year before).
YearCheck = Callable[["ReportDigest", "ReportDigest"], Iterable[Finding]]


class Rule(FrozenRecord):
    """A rule: ``check(report)`` yields its findings in one report. A cross-year rule (made with
    `year_rule`, registered through the ``nianbao_year_rules`` hook) has ``compare`` instead: it
    reads two `ReportDigest` objects — this report's and the same agency's report for the year before —
    and runs only when that report is found; it is selected, configured and suppressed like any rule.
    """

    __slots__ = ("code", "name", "severity", "summary", "doc", "check", "fixable", "origin", "url", "compare")
    code: str
    name: str
    severity: str
    summary: str
    doc: str
    check: Check
    fixable: Fixable
    origin: str  # the plugin that contributed it (set by the registry)
    url: str | None  # documentation link shown by editors, if one exists
    compare: YearCheck | None  # a cross-year rule's check (its ``check`` finds nothing)

    def __init__(
        self,
        code: str,
        name: str,
        severity: str,
        summary: str,
        doc: str,
        check: Check,
        fixable: Fixable = Fixable.NEVER,
        origin: str = "nianbao",
        url: str | None = None,
        compare: YearCheck | None = None,
    ) -> None:
        if severity not in SEVERITIES:
            raise ValueError(f"{code}: unknown severity {severity!r}")
        if not isinstance(fixable, Fixable):
            raise ValueError(f"{code}: fixable must be a nianbao.Fixable, not {fixable!r}")
        self._init(code, name, severity, summary, doc, check, fixable, origin, url, compare)


def no_findings(report: Report) -> Iterable[Finding]:
    """The check of a rule that finds nothing in one report alone (a cross-year rule)."""
    return ()


def rule(
    code: str,
    name: str,
    severity: str,
    summary: str,
    fixable: Fixable = Fixable.NEVER,
    url: str | None = None,
) -> Callable[[Check], Rule]:
    """Decorator turning a check function into a `Rule`; its docstring becomes the documentation."""

    def wrap(check: Check) -> Rule:
        return Rule(code, name, severity, summary, _documentation(check, summary), check, fixable, url=url)

    return wrap


def year_rule(
    code: str,
    name: str,
    severity: str,
    summary: str,
    fixable: Fixable = Fixable.NEVER,
    url: str | None = None,
) -> Callable[[YearCheck], Rule]:
    """Decorator turning a cross-year check ``(current, previous) -> findings`` into a cross-year
    `Rule` (its ``compare``); the function's docstring becomes the documentation."""

    def wrap(compare: YearCheck) -> Rule:
        doc = _documentation(compare, summary)
        return Rule(code, name, severity, summary, doc, no_findings, fixable, url=url, compare=compare)

    return wrap


def _documentation(function: Callable[..., object], summary: str) -> str:
    """A rule's documentation: its function's docstring, dedented (else the one-line summary)."""
    import inspect  # not at the top: a cache hit imports this module but defines no rule

    return inspect.cleandoc(function.__doc__ or summary)
