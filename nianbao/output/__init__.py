"""Output formats for `nianbao check`: text (people), json, github (annotations), sarif."""

from __future__ import annotations

import os
import sys
from functools import lru_cache

from ..record import FrozenRecord
from ..results import FileResult
from ..ruledef import Edit, Related
from ..textutil import display_width

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from ..documents import Location
    from ..source import Source

__all__ = [
    "Excerpt", "FileResult", "edit_span", "elsewhere", "excerpt", "location", "position", "related_in", "result_span",
    "shown", "span",
]  # fmt: skip

_WINDOW = 24  # characters of context kept on each side of the span in long lines
_LONG_LINE = 100  # display columns above which a line is shown as an excerpt


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


class Excerpt(FrozenRecord):
    """The source line a span starts on, as people are shown it: ``text`` is the whole line, or for
    a long line a window around the span with ``…`` at each cut end; ``start``/``end`` delimit the
    span inside ``text`` (code points); ``more`` when the span goes on past what is shown."""

    __slots__ = ("line", "text", "start", "end", "more")
    line: int  # 0-based
    text: str
    start: int
    end: int
    more: bool

    def __init__(self, line: int, text: str, start: int, end: int, more: bool) -> None:
        self._init(line, text, start, end, more)


def excerpt(source: Source, start: int, end: int) -> Excerpt:
    """The `Excerpt` of *source* around the span *start*–*end* (offsets)."""
    index = source.index
    line = index.line_of(start)
    line_start, line_end = index.line_bounds(line)
    text = source.text[line_start:line_end]
    s = start - line_start
    e = (min(end, line_end) if end > start else start) - line_start
    more = end > line_end
    if display_width(text) > _LONG_LINE:
        left = max(0, s - _WINDOW)
        right = min(len(text), max(e, s + 1) + _WINDOW, s + 3 * _WINDOW)
        if e > right:
            e, more = right, True
        lead = "…" if left else ""
        text = lead + text[left:right] + ("…" if right < len(text) else "")
        s, e = s - left + len(lead), e - left + len(lead)
    return Excerpt(line, text, s, e, more)


def related_in(result: FileResult, related: Related) -> FileResult:
    """The file a related place is in: *result*'s own, or another (last year's report, for a
    cross-year finding), read once to place it in that file's own text."""
    if not related.path or related.path == result.path:
        return result
    return elsewhere(related.path)


def elsewhere(path: str) -> FileResult:
    """Another file as the output formats place spans in it (its text, or a document's rendering
    and the way back), read once per version; a file that cannot be read is placed at its start."""
    try:
        stat = os.stat(path)
    except OSError:
        return FileResult(path, None)
    return _read(path, os.path.abspath(path), stat.st_mtime_ns, stat.st_size)


# A few: a report's findings that point into last year's come one after another, and each file
# held weighs its text and line index (~50 KB for an 18 KB draft: 64 of them were 3 MB of a run).
@lru_cache(maxsize=8)
def _read(path: str, absolute: str, mtime: int, size: int) -> FileResult:
    try:
        with open(absolute, "rb") as fh:
            data = fh.read()
    except OSError:
        return FileResult(path, None)
    return FileResult(path, None).placed(data)
