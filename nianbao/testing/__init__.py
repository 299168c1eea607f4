"""Helpers for testing rules, nianbao's own and plugins' (textlint-tester style).

::

    from nianbao.testing import Invalid, assert_rule, sample_draft

    def test_my_rule():
        good = sample_draft()
        assert_rule(
            "SD101", plugins=[my_plugin],
            valid=[good],
            invalid=[Invalid(good.replace("（三）人大代表", "（三）人大"), messages=["缺少"], fixed=good)],
        )

`lint` and `fix` run the built-in rules plus the given plugins (modules or objects with hook
implementations) on a string; `sample_draft` returns a correct draft to mutate.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..engine import Linter, Selection
from ..plugins import build_registry
from ..ruledef import Finding
from ..source import Source
from .drafts import FORMS, Draft, clean, render

__all__ = ["FORMS", "Draft", "Invalid", "assert_rule", "fix", "lint", "read_draft", "render", "sample_draft"]


def read_draft(path: str | os.PathLike[str]) -> str:
    """The text of a draft file as nianbao reads it (UTF-8, GB18030/GBK or UTF-16; BOM dropped).
    Raises OSError for an unreadable file and `nianbao.source.DecodeError` for binary data."""
    with open(path, "rb") as fh:
        return Source.from_bytes(fh.read()).text


def sample_draft(form: str = "tab", year: int = 2023) -> str:
    """A correct draft (2021 template for 2021+, else 2019) in a surface form: tab, pipe, cells, markdown."""
    return clean(form, year)


def _linter(plugins: Sequence[Any]) -> Linter:
    extra = [(getattr(p, "PREFIX", "") or f"P{i}", p) for i, p in enumerate(plugins)]
    registry = build_registry(entry_points=False, extra=extra)
    if registry.problems:
        raise AssertionError("plugin failed to load: " + "; ".join(registry.problems))
    return Linter(registry)


def lint(
    text: str,
    plugins: Sequence[Any] = (),
    path: str = "draft.txt",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    **inference: Any,
) -> list[Finding]:
    """Findings for *text*; keyword arguments are inference overrides (report_year=2023, agency=…)."""
    selection = Selection(
        select=select, ignore=ignore, inference={k.replace("_", "-"): v for k, v in inference.items()}
    )
    return list(_linter(plugins).check(Source.from_text(text), path, selection).findings)


def fix(
    text: str,
    plugins: Sequence[Any] = (),
    path: str = "draft.txt",
    select: Sequence[str] | None = None,
    unsafe: bool = False,
) -> str:
    """*text* after applying fixes to a fixpoint (safe only, or suggested too with *unsafe*)."""
    result = _linter(plugins).fix(Source.from_text(text), path, Selection(select=select), unsafe=unsafe)
    assert result.source is not None
    return result.source.text


@dataclass
class Invalid:
    """A draft that must produce findings of the rule under test.

    messages: one substring per expected finding, in order; fixed: the text after applying that
    rule's fixes (suggested ones included), or None to skip the fix check.
    """

    text: str
    messages: list[str] = field(default_factory=list)
    fixed: str | None = None
    path: str = "draft.txt"


def assert_rule(
    code: str, plugins: Sequence[Any] = (), valid: Iterable[str] = (), invalid: Iterable[Invalid] = ()
) -> None:
    """Fail with a readable message unless *code* is silent on every valid draft and reports, and
    fixes, every invalid one as described."""
    for i, text in enumerate(valid):
        reported = [f.message for f in lint(text, plugins, select=[code])]
        if reported:
            raise AssertionError(f"valid[{i}]: {code} should be silent but reported: {reported}")
    for i, case in enumerate(invalid):
        found = lint(case.text, plugins, case.path, select=[code])
        messages = [f.message for f in found]
        if not found:
            raise AssertionError(f"invalid[{i}]: {code} reported nothing")
        if case.messages:
            if len(case.messages) != len(found) or not all(m in f for m, f in zip(case.messages, messages)):
                raise AssertionError(f"invalid[{i}]: expected messages containing {case.messages}, got {messages}")
        if case.fixed is not None:
            result = fix(case.text, plugins, case.path, select=[code], unsafe=True)
            if result != case.fixed:
                raise AssertionError(f"invalid[{i}]: the fix gave a different text than expected")
            remaining = [f.message for f in lint(result, plugins, case.path, select=[code])]
            if remaining:
                raise AssertionError(f"invalid[{i}]: {code} still reports after its fix: {remaining}")
