"""Linting a string with the built-in rules plus a plugin's, as a rule's tests need it."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from ..engine import Linter, Selection
from ..plugins import build_registry
from ..results import FileResult
from ..ruledef import Finding
from ..source import Source


def read_draft(path: str | os.PathLike[str]) -> str:
    """The text of a draft file as nianbao reads it (UTF-8, GB18030/GBK or UTF-16; BOM dropped).
    Raises OSError for an unreadable file and `nianbao.source.DecodeError` for binary data."""
    with open(path, "rb") as fh:
        return Source.from_bytes(fh.read()).text


# Linters made, by the ids of their plugins (which may be unhashable), with the plugins themselves
# (kept alive, so their ids stay theirs).
_LINTERS: dict[tuple[int, ...], tuple[tuple[Any, ...], Linter]] = {}


def linter(plugins: Sequence[Any] = ()) -> Linter:
    """A linter with the built-in rules and *plugins* (modules or objects with hook
    implementations; no installed entry points). Made once per set of plugins: a case file runs
    hundreds of lints. Raises AssertionError when a plugin fails to load."""
    key = tuple(map(id, plugins))
    if key not in _LINTERS:
        extra = [(getattr(p, "PREFIX", "") or f"P{i}", p) for i, p in enumerate(plugins)]
        registry = build_registry(entry_points=False, extra=extra)
        if registry.problems:
            raise AssertionError("plugin failed to load: " + "; ".join(registry.problems))
        if len(_LINTERS) >= 16:
            _LINTERS.clear()
        _LINTERS[key] = (tuple(plugins), Linter(registry))
    return _LINTERS[key][1]


def check(
    text: str,
    plugins: Sequence[Any] = (),
    path: str = "draft.txt",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    inference: Mapping[str, Any] | None = None,
) -> FileResult:
    """The result of checking *text* as the file *path*; *inference* holds configuration keys
    (``report-year``, ``template``, ``agency``, ``province``)."""
    selection = Selection(select=select, ignore=ignore, inference=dict(inference or {}))
    return linter(plugins).check(Source.from_text(text), path, selection)


def lint(
    text: str,
    plugins: Sequence[Any] = (),
    path: str = "draft.txt",
    select: Sequence[str] | None = None,
    ignore: Sequence[str] = (),
    **inference: Any,
) -> list[Finding]:
    """Findings for *text*; keyword arguments are inference overrides (report_year=2023, agency=…)."""
    overrides = {k.replace("_", "-"): v for k, v in inference.items()}
    return list(check(text, plugins, path, select, ignore, overrides).findings)


def fix(
    text: str,
    plugins: Sequence[Any] = (),
    path: str = "draft.txt",
    select: Sequence[str] | None = None,
    unsafe: bool = False,
) -> str:
    """*text* after applying fixes to a fixpoint (safe only, or suggested too with *unsafe*)."""
    result = linter(plugins).fix(Source.from_text(text), path, Selection(select=select), unsafe=unsafe)
    assert result.source is not None
    return result.source.text
