"""A document read into text: the rendering the parser reads, and the way back to the document."""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field

from ..source import LineIndex
from .text import Place

_EXCERPT_MAX = 120  # characters of a long line kept around the span
_EXCERPT_CONTEXT = 40
_TABS = re.compile(r"\t+")


@dataclass(frozen=True)
class Location:
    """Where a span of the rendering is, for a person and for tools.

    ``line``/``column`` (1-based, code points) are set for HTML only: the position in the page
    source. ``excerpt`` is the paragraph or table row the span lies in (cells separated by two
    spaces), ``span`` the span's code-point range inside it (end exclusive).
    """

    format: str
    place: Place
    excerpt: str
    span: tuple[int, int]
    line: int | None = None
    column: int | None = None

    def label(self) -> str:
        """As shown after the path in text output: ``12:5`` (HTML), ``第2页``, ``第3个表格 第5行 第2列``."""
        if self.line is not None:
            cell = self.place.label()
            return f"{self.line}:{self.column}" + (f"（{cell}）" if cell else "")
        return self.place.label() or "1"

    def as_dict(self) -> dict[str, object]:
        """The JSON/SARIF ``location`` object (documented in the README)."""
        out: dict[str, object] = {"format": self.format}
        if self.line is not None:
            out["line"], out["column"] = self.line, self.column
        out.update(self.place.as_dict())
        out["excerpt"] = self.excerpt
        out["span"] = list(self.span)
        return out


@dataclass
class Document:
    """A .docx, HTML page or PDF as plain text.

    ``text`` is the rendering (one paragraph per line, tables as tab-separated rows); ``origins``
    holds one origin per character of it (see `nianbao.documents.text`); ``places`` lists, by
    offset, the place of the text from that offset on; ``opaque`` holds offsets where content
    could not be read (a table that is a picture), so rules do not call it missing.
    ``page_source`` is the decoded HTML page (origins are offsets into it). ``runs`` (.docx) holds
    the start of each ``w:t``'s text in the text stream origins point into, then the stream's
    length: a fix can be applied only inside one of them (`nianbao.documents.docx.run_edit`).
    """

    format: str
    text: str
    origins: array
    places: list[tuple[int, Place]]
    opaque: list[int] = field(default_factory=list)
    page_source: str | None = None
    runs: array | None = None
    _starts: list[int] | None = field(default=None, repr=False)
    _page_index: LineIndex | None = field(default=None, repr=False)

    def place_at(self, offset: int) -> Place:
        if self._starts is None:
            self._starts = [start for start, _ in self.places]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return self.places[0][1] if self.places else Place()
        return self.places[i][1]

    def origin_near(self, start: int, end: int) -> int:
        """The origin of the first character in [start, end) that has one, else of the nearest
        character on the same line; -1 when the line has none."""
        text, origins = self.text, self.origins
        for i in range(start, min(max(end, start + 1), len(text))):
            if origins[i] >= 0:
                return origins[i]
        i = start
        while i < len(text) and text[i] != "\n":
            if origins[i] >= 0:
                return origins[i]
            i += 1
        i = min(start, len(text)) - 1
        while i >= 0 and text[i] != "\n":
            if origins[i] >= 0:
                return origins[i]
            i -= 1
        return -1

    def source_span(self, start: int, end: int) -> tuple[int, int, int, int] | None:
        """HTML: 1-based line, column, end line, end column (exclusive) of text[start:end] in the
        page source; None for other formats."""
        if self.page_source is None:
            return None
        if self._page_index is None:
            self._page_index = LineIndex(self.page_source)
        first = self.origin_near(start, end)
        if first < 0:
            return 1, 1, 1, 1
        last = next((self.origins[i] + 1 for i in range(end - 1, start - 1, -1) if self.origins[i] >= first), first)
        (line, column), (end_line, end_column) = self._page_index.position(first), self._page_index.position(last)
        return line + 1, column + 1, end_line + 1, end_column + 1

    def locate(self, start: int, end: int) -> Location:
        """The location of text[start:end]."""
        excerpt, span = self._excerpt(start, end)
        place = self.place_at(start)
        where = self.source_span(start, end)
        if where is None:
            return Location(self.format, place, excerpt, span)
        return Location(self.format, place, excerpt, span, where[0], where[1])

    def _excerpt(self, start: int, end: int) -> tuple[str, tuple[int, int]]:
        text = self.text
        start = min(start, len(text))
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        end = min(max(end, start), line_end)
        # Cells are shown separated by two spaces; before[k] = shown length before character k.
        shown: list[str] = []
        before: list[int] = []
        size = 0
        i = line_start
        while i < line_end:
            if text[i] == "\t":
                m = _TABS.match(text, i, line_end)
                assert m is not None
                before.extend([size] * (m.end() - i))
                shown.append("  ")
                size += 2
                i = m.end()
                continue
            before.append(size)
            shown.append(text[i])
            size += 1
            i += 1
        before.append(size)
        line = "".join(shown)
        s, e = before[start - line_start], before[end - line_start]
        lead = len(line) - len(line.lstrip())
        line = line.strip()
        s, e = min(max(0, s - lead), len(line)), min(max(0, e - lead), len(line))
        if len(line) > _EXCERPT_MAX:
            left = max(0, s - _EXCERPT_CONTEXT)
            right = min(len(line), e + _EXCERPT_CONTEXT)
            prefix = "…" if left else ""
            line = prefix + line[left:right] + ("…" if right < len(line) else "")
            s, e = s - left + len(prefix), e - left + len(prefix)
        return line, (s, e)
