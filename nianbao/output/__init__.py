"""Output formats for `nianbao check`: text (people), json, github (annotations), sarif."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from ..results import FileResult
from ..ruledef import Edit
from ..source import Source

if TYPE_CHECKING:
    from ..documents import Location

__all__ = ["FileResult", "edit_span", "location", "position", "result_span", "shown", "span"]


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


def edit_span(result: FileResult, edit: Edit) -> tuple[int, int, int, int]:
    return result_span(result, edit.start, edit.end)


def result_span(result: FileResult, start: int, end: int) -> tuple[int, int, int, int]:
    """1-based line, column, end line, end column of a finding's span as the output formats give
    it: in the file's text; for a web page in its source; for .docx and PDF in the text nianbao
    read from them (the rendering `--diff` shows), the document's own terms being in `location`."""
    if result.document is not None:
        where = result.document.source_span(start, end)
        if where is not None:
            return where
    return span(result.source, start, end)


def location(result: FileResult, start: int, end: int) -> Location | None:
    """Where a span is in a .docx, web page or PDF (None for a text draft)."""
    return result.document.locate(start, end) if result.document is not None else None
