"""Output formats for `nianbao check`: text (people), json, github (annotations), sarif."""

from __future__ import annotations

from typing import NamedTuple

from ..results import FileResult
from ..ruledef import Edit
from ..source import Source
from ..textutil import display_width

__all__ = ["Excerpt", "FileResult", "edit_span", "excerpt", "position", "span"]

_WINDOW = 24  # characters of context kept on each side of the span in long lines
_LONG_LINE = 100  # display columns above which a line is shown as an excerpt


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


class Excerpt(NamedTuple):  # not a dataclass: cheaper to define on the start-up path
    """The source line a span starts on, as people are shown it: ``text`` is the whole line, or for
    a long line a window around the span with ``…`` at each cut end; ``start``/``end`` delimit the
    span inside ``text`` (code points); ``more`` when the span goes on past what is shown."""

    line: int  # 0-based
    text: str
    start: int
    end: int
    more: bool


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
