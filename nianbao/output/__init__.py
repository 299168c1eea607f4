"""Output formats for `nianbao check`: text (people), json, github (annotations), sarif."""

from __future__ import annotations

import os
import sys

from ..results import FileResult
from ..ruledef import Edit
from ..source import Source

__all__ = ["FileResult", "edit_span", "position", "shown", "span"]


def shown(path: str) -> str:
    """A file name as text every output can carry. A name whose bytes are not valid in the file
    system's encoding reaches Python with surrogate escapes, which no output stream can encode;
    those bytes are written as ``\\xNN`` (as ``ls -b`` does), the rest of the name unchanged."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode(sys.getfilesystemencoding(), "backslashreplace")
    return path


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
