"""Reading a .docx (python-docx): paragraphs with Word's generated numbers, tables with merged cells.

Origins are offsets into the *text stream* of ``word/document.xml``: the texts of all its ``w:t``
elements, concatenated in document order (`text_stream` gives their starts). A .docx fix maps an
edit back through them (`nianbao.documents.docxfix`).
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lxml import etree

from . import DocumentError
from .document import Document
from .numbering import Numbering, number, w
from .package import NOT_DOCX, open_package
from .text import Builder, Chars, Place, join

if TYPE_CHECKING:
    from ..ruledef import Edit, Fix

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_PICTURES = (w("drawing"), w("pict"), w("object"))
_INLINE = (w("t"), w("tab"), w("br"), w("cr"), w("noBreakHyphen"))
_SKIPPED = frozenset((w("txbxContent"), _MC_FALLBACK, w("pPr"), w("rPr")))
_MAX_COLUMNS = 63  # Word's limit: a larger gridSpan is damage, not a table


def text_stream(root: etree._Element) -> tuple[dict[etree._Element, int], array]:
    """Start of each ``w:t``'s text in the document's text stream (see the module docstring), and
    the runs' bounds: those starts in order, then the stream's length."""
    starts = {}
    bounds = array("l")
    pos = 0
    for t in root.iter(w("t")):
        starts[t] = pos
        bounds.append(pos)
        pos += len(t.text or "")
    bounds.append(pos)
    return starts, bounds


RunEdit = tuple[int, int, int, str]  # w:t index, start and end inside its text, new text


def map_fix(origins: array, runs: Sequence[int], fix: Fix) -> list[RunEdit] | None:
    """The fix's edits as edits of single ``w:t`` texts (see `run_edit`), or None if any edit is
    not inside one."""
    out = []
    for edit in fix.edits:
        mapped = run_edit(origins, runs, edit)
        if mapped is None:
            return None
        out.append(mapped)
    return out


def run_edit(origins: array, runs: Sequence[int], edit: Edit) -> RunEdit | None:
    """*edit* of the rendering as an edit inside one ``w:t``'s text (*runs*: their bounds, see
    `text_stream`), or None when it is not inside one: it spans runs
    (text formatted in pieces), touches text Word generates (a list number), or adds a line or cell."""
    if "\n" in edit.new_text or "\t" in edit.new_text:
        return None
    if edit.end > edit.start:
        span = origins[edit.start : edit.end]
        if span[0] < 0 or any(b != a + 1 for a, b in zip(span, span[1:])):
            return None
        anchor, first, last = span[0], span[0], span[-1] + 1
    elif edit.start > 0 and origins[edit.start - 1] >= 0:  # an insertion joins the text before it
        anchor = origins[edit.start - 1]
        first = last = anchor + 1
    elif edit.start < len(origins) and origins[edit.start] >= 0:  # … or else the text after it
        anchor = first = last = origins[edit.start]
    else:
        return None
    t = bisect.bisect_right(runs, anchor, 0, len(runs) - 1) - 1
    while t > 0 and runs[t + 1] == runs[t] and anchor >= runs[t]:  # an empty w:t shares its start
        t -= 1
    if t < 0 or last > runs[t + 1]:
        return None
    return t, first - runs[t], last - runs[t], edit.new_text


def read_docx(data: bytes) -> Document:
    document = open_package(data)
    part = document.part
    try:
        numbering = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering = None
    root = document.element
    body = root.find(w("body"))
    if root.tag != w("document") or body is None:
        raise DocumentError(NOT_DOCX.format(why=f"{part.partname.lstrip('/')} 中没有文档正文"))
    reader = _Reader(root, Numbering(numbering, document.styles.element))
    reader.blocks(body)
    b = reader.builder
    return Document("docx", b.text, b.origins, b.places, b.opaque, runs=reader.bounds)


class _Reader:
    def __init__(self, root: etree._Element, numbering: Numbering) -> None:
        self.builder = Builder()
        self.numbering = numbering
        self.starts, self.bounds = text_stream(root)
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, container: etree._Element) -> None:
        """Paragraphs and tables of the body (or of a content control, or a one-column box)."""
        for child in container:
            if child.tag == w("p"):
                chars = self.paragraph_text(child)
                if chars.normalized():
                    self.paragraphs += 1
                    self.builder.paragraph(chars, Place(paragraph=self.paragraphs))
                elif any(True for _ in child.iter(*_PICTURES)):
                    self.builder.mark_opaque()
            elif child.tag == w("tbl"):
                self.table(child)
            elif child.tag in (w("customXml"), w("sdtContent")):
                self.blocks(child)
            elif child.tag == w("sdt") and (content := child.find(w("sdtContent"))) is not None:
                self.blocks(content)

    def paragraph_text(self, p: etree._Element) -> Chars:
        """The paragraph as Word shows it: its generated number, then its runs; a line break joins."""
        lines: list[Chars] = [Chars.of(self.numbering.label(p))]
        for el in _inline(p):
            tag = el.tag
            if tag == w("t"):
                lines[-1] = lines[-1] + Chars.of(el.text or "", self.starts.get(el, -1))
            elif tag == w("tab"):
                lines[-1] = lines[-1] + Chars(" ", [-1])
            elif tag == w("noBreakHyphen"):
                lines[-1] = lines[-1] + Chars("-", [-1])
            elif el.get(w("type")) not in ("page", "column"):  # w:br, w:cr
                lines.append(Chars())
        return join(lines) if len(lines) > 1 else lines[0]

    def table(self, tbl: etree._Element) -> None:
        self.tables += 1
        number = self.tables
        grid = _grid(tbl)
        width = max((len(row) for row in grid), default=0)
        if width <= 1:  # a box around content (one cell per row), not a statistics table
            for row in grid:
                for cell in row:
                    if cell is not None:
                        self.blocks(cell)
            return
        for r, row in enumerate(grid, 1):
            cells = [
                (self.cell_text(tc) if tc is not None else Chars(), Place(table=number, row=r, column=c))
                for c, tc in enumerate(row, 1)
            ]
            if any(chars.normalized() for chars, _ in cells):
                self.builder.row(
                    cells + [(Chars(), Place(table=number, row=r, column=c)) for c in range(len(row) + 1, width + 1)]
                )
            elif any(tc is not None and any(True for _ in tc.iter(*_PICTURES)) for tc in row):
                self.builder.mark_opaque()
        self.builder.end_table()

    def cell_text(self, tc: etree._Element) -> Chars:
        """A cell's paragraphs (nested tables included) as one line."""
        return join([self.paragraph_text(p) for p in tc.iter(w("p"))])


def _inline(p: etree._Element):  # type: ignore[no-untyped-def]
    """Text-bearing elements of a paragraph's runs, in order, skipping text boxes and duplicates."""
    stack = list(reversed(p))
    while stack:
        el = stack.pop()
        if el.tag in _SKIPPED or el.tag == w("p"):
            continue
        if el.tag in _INLINE:
            if el.tag != w("tab") or el.getparent().tag == w("r"):
                yield el
            continue
        stack.extend(reversed(el))


def _grid(tbl: etree._Element) -> list[list[etree._Element | None]]:
    """The table's rows as grid positions: a cell element at the top-left position of each cell,
    None at the other positions it covers (horizontal and vertical merges) and at gaps."""
    rows: list[list[etree._Element | None]] = []
    for tr in tbl.iterfind(w("tr")):
        row: list[etree._Element | None] = []
        before = tr.find(f"{w('trPr')}/{w('gridBefore')}")
        row.extend([None] * (_span(before) if before is not None else 0))
        for tc in _cells(tr):
            tcpr = tc.find(w("tcPr"))
            span = _span(tcpr.find(w("gridSpan")) if tcpr is not None else None)
            vmerge = tcpr.find(w("vMerge")) if tcpr is not None else None
            continued = vmerge is not None and vmerge.get(w("val"), "continue") == "continue"
            row.append(None if continued else tc)
            row.extend([None] * (span - 1))
        rows.append(row)
    return rows


def _cells(tr: etree._Element):  # type: ignore[no-untyped-def]
    for child in tr:
        if child.tag == w("tc"):
            yield child
        elif child.tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from content.iterfind(w("tc"))


def _span(element: etree._Element | None) -> int:
    value = element.get(w("val")) if element is not None else None
    return number(value, 1, 1, _MAX_COLUMNS)
