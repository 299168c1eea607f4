"""Output formats for `nianbao check`: text (people), json, github (annotations), sarif."""

from __future__ import annotations

from ..results import FileResult
from ..ruledef import Edit
from ..source import Source

__all__ = ["FileResult", "edit_span", "position", "span"]


def position(source: Source | None, offset: int) -> tuple[int, int]:
    """1-based line and code-point column of *offset*."""
    if source is None:
        return 1, 1
    line, column = source.index.position(offset)
    return line + 1, column + 1


def span(source: Source | None, start: int, end: int) -> tuple[int, int, int, int]:
    return (*position(source, start), *position(source, end))


def edit_span(source: Source | None, edit: Edit) -> tuple[int, int, int, int]:
    return span(source, edit.start, edit.end)
