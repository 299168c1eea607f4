"""Output formats for `nianbao check`: text (people), json, github (annotations), sarif."""

from __future__ import annotations

from dataclasses import dataclass

from ..ruledef import Edit, Finding
from ..source import Source


@dataclass
class FileResult:
    path: str  # as shown to the user
    source: Source | None  # None when the file could not be decoded
    findings: list[Finding]
    fixed: int = 0


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
