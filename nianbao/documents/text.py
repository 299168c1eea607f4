"""Text that remembers where each character came from, and the plain-text rendering readers build.

A reader turns a document into the plain text the existing parser reads best — one paragraph per
line, tables as tab-separated rows — and keeps, for every rendered character, its *origin*: an
integer position in the document's own text stream (the page source for HTML, the concatenated
``w:t`` texts for .docx; -1 where a character was made up, such as a tab between cells or a
number Word generates). Locations and .docx fixes are computed from these origins.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, field

# Whitespace a document uses for layout inside one line: collapsed to one space. The ideographic
# space is kept inside text (labels such as `三、　本年度` read fine with it) and trimmed at the ends.
_LAYOUT_SPACE = re.compile(r"[ \t\r\n\f\v\xa0\u2002\u2003\u2009\u200b]+")
# Characters after/before which lines of one cell or title join without a space.
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’（）《》、，。；：！？]")


@dataclass
class Chars:
    """A string with one origin per character (-1: no origin)."""

    text: str = ""
    origins: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Text given without origins has none (-1 each); any other mismatch is a reader's bug.
        if not self.origins and self.text:
            self.origins = [-1] * len(self.text)
        elif len(self.origins) != len(self.text):
            raise ValueError(f"{len(self.text)} characters but {len(self.origins)} origins")

    @classmethod
    def of(cls, text: str, origin: int = -1) -> Chars:
        """*text* whose characters come from consecutive origins from *origin* on (-1: none)."""
        if origin < 0:
            return cls(text, [-1] * len(text))
        return cls(text, list(range(origin, origin + len(text))))

    def __add__(self, other: Chars) -> Chars:
        return Chars(self.text + other.text, self.origins + other.origins)

    def __bool__(self) -> bool:
        return bool(self.text)

    def normalized(self) -> Chars:
        """Layout whitespace runs collapsed to one space, tabs and line breaks included; ends trimmed."""
        text, origins = self.text, self.origins
        out: list[str] = []
        kept: list[int] = []
        pos = 0
        for m in _LAYOUT_SPACE.finditer(text):
            out.append(text[pos : m.start()])
            kept.extend(origins[pos : m.start()])
            out.append(" ")
            kept.append(origins[m.start()])
            pos = m.end()
        out.append(text[pos:])
        kept.extend(origins[pos:])
        joined = "".join(out)
        lead = len(joined) - len(joined.lstrip())
        trimmed = joined.strip()
        return Chars(trimmed, kept[lead : lead + len(trimmed)])


def join(parts: list[Chars], numbers_wrap: bool = False) -> Chars:
    """Lines of one cell or one wrapped title as one line: no space between Chinese text, one
    space between Latin words or numbers — except, with *numbers_wrap* (a narrow table cell of a
    PDF, where a long number wraps: 121 / 2), none between digits."""
    out = Chars()
    for part in parts:
        part = part.normalized()
        if not part:
            continue
        digits = numbers_wrap and out and out.text[-1].isdigit() and part.text[0].isdigit()
        if out and not digits and not (_CJK.match(out.text[-1]) or _CJK.match(part.text[0])):
            out = out + Chars(" ", [-1])
        out = out + part
    return out


@dataclass(frozen=True, slots=True)
class Place:
    """Where a piece of the rendering sits in the document, in the document's own terms.

    Numbers are 1-based. ``paragraph`` counts the non-empty paragraphs outside tables; ``table``
    counts tables in document order; ``row``/``column`` are positions in the table's grid (a merged
    cell has the position of its top-left corner).
    """

    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None

    def label(self) -> str:
        """The place as a Chinese phrase: 第2页 第3个表格 第5行 第2列 / 第12段."""
        parts = []
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"第{self.table}个表格 第{self.row}行 第{self.column}列")
        elif self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        return " ".join(parts)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {}
        if self.page is not None:
            out["page"] = self.page
        if self.paragraph is not None:
            out["paragraph"] = self.paragraph
        if self.table is not None:
            out["cell"] = {"table": self.table, "row": self.row, "column": self.column}
        return out


class Builder:
    """Accumulates a rendering: lines of prose and tab-separated table rows, each with its places."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._size = 0
        self.origins = array("q")
        self.places: list[tuple[int, Place]] = []  # (offset, place of the text from there on)
        self.opaque: list[int] = []  # offsets where content sits that could not be read (images)

    @property
    def size(self) -> int:
        return self._size

    def _add(self, chars: Chars) -> None:
        self._parts.append(chars.text)
        self.origins.extend(chars.origins)
        self._size += len(chars.text)

    def _newline(self) -> None:
        self._add(Chars("\n", [-1]))

    def paragraph(self, chars: Chars, place: Place) -> None:
        """One line of prose (normalised; nothing is written for an empty paragraph)."""
        chars = chars.normalized()
        if not chars:
            return
        self.places.append((self._size, place))
        self._add(chars)
        self._add(Chars("\n\n", [-1, -1]))  # a blank line between blocks, as in the text drafts

    def row(self, cells: list[tuple[Chars, Place]]) -> None:
        """One table row: cells joined by tabs. The caller expands merged cells (text in the
        top-left position, empty cells elsewhere) and skips rows with no text at all."""
        for i, (chars, place) in enumerate(cells):
            if i:
                self._add(Chars("\t", [-1]))
            self.places.append((self._size, place))
            self._add(chars.normalized())
        self._newline()

    def end_table(self) -> None:
        self._newline()

    def mark_opaque(self) -> None:
        """Content that could not be read sits here (a picture of a table, a scanned page)."""
        self.opaque.append(self._size)

    @property
    def text(self) -> str:
        return "".join(self._parts)
