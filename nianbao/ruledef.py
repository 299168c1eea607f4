"""What a rule is and what it produces.

A rule is a small unit: code, name, default severity, one-line summary, long documentation, the
kind of fix it offers, and a pure check function from a parsed `Report` to findings. Write one
with the `rule` decorator; the function's docstring is the rule's documentation (shown by
``nianbao explain``, the docs and the editor hover).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Report

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_RANK = {INFO: 0, WARNING: 1, ERROR: 2}
SEVERITY_LABEL = {ERROR: "错误", WARNING: "警告", INFO: "提示"}

SAFE, SUGGESTED = "safe", "suggested"  # fix applicability: --fix and fix-all apply only SAFE
APPLICABILITY_LABEL = {SAFE: "可自动修复", SUGGESTED: "建议修复"}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with new_text (``\\n`` in new_text becomes the file's newline)."""

    start: int
    end: int
    new_text: str


@dataclass(frozen=True, slots=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    applicability: str = SAFE


@dataclass(frozen=True, slots=True)
class Related:
    """A place that explains a finding (the rows a total was summed from, the title's agency …)."""

    start: int
    end: int
    message: str


@dataclass(slots=True)
class Finding:
    start: int
    end: int
    message: str
    fix: Fix | None = None
    related: tuple[Related, ...] = ()
    detail: str = ""  # the concrete numbers behind the message, for hover (Markdown)
    # Filled in by the engine:
    code: str = ""
    name: str = ""  # the rule's name
    severity: str = ""
    rule: Rule | None = field(default=None, repr=False)
    line: int = 0  # 0-based line of `start`


Check = Callable[["Report"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str
    doc: str
    check: Check
    fix: str | None = None  # SAFE, SUGGESTED, or None when the rule never offers a fix
    origin: str = "nianbao"  # the plugin that contributed it (set by the registry)
    url: str | None = None  # documentation link shown by editors, if one exists

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"{self.code}: unknown severity {self.severity!r}")
        if self.fix not in (None, SAFE, SUGGESTED):
            raise ValueError(f"{self.code}: unknown fix applicability {self.fix!r}")


def rule(
    code: str, name: str, severity: str, summary: str, fix: str | None = None, url: str | None = None
) -> Callable[[Check], Rule]:
    """Decorator turning a check function into a `Rule`; its docstring becomes the documentation."""

    def wrap(check: Check) -> Rule:
        doc = inspect.cleandoc(check.__doc__ or summary)
        return Rule(code, name, severity, summary, doc, check, fix, url=url)

    return wrap
