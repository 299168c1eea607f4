"""The report model every surface form parses into.

Every node carries ``start``/``end`` offsets into ``Source.text`` (end exclusive), so a finding or a
fix can point at exact characters; line/column come from ``report.source.index``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import TYPE_CHECKING

from .record import Record
from .source import Source
from .template import CELL_UNITS, DEFAULT_TEMPLATES, Alias, CellKey, ColumnSpec, RowSpec, SectionSpec, TemplateSet
from .template import NOT_APPLICABLE as NA_MARKERS
from .template.vocabulary import alternation
from .textutil import Normalized, fold, normalize, with_full_width

if TYPE_CHECKING:
    from .facts import Facts
    from .reconcile import Reconciliation

# Cell value kinds. A blank is not a zero and "/" is neither: rules must tell them apart.
NUMBER, BLANK, NOT_APPLICABLE, TEXT = "number", "blank", "n/a", "text"


class Value(Record):
    __slots__ = ("kind", "number", "unit", "start", "end")
    kind: str
    number: Decimal | None
    unit: str
    start: int  # span of the number token (what a fix replaces)
    end: int

    def __init__(self, kind: str, number: Decimal | None = None, unit: str = "", start: int = 0, end: int = 0) -> None:
        # assigned one by one (not Record._init, not a tuple): a draft makes a value per table cell
        self.kind = kind
        self.number = number
        self.unit = unit
        self.start = start
        self.end = end

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER


class Cell(Record):
    __slots__ = ("text", "start", "end", "artifacts", "_value", "_norm")
    text: str  # the cell's content with surrounding whitespace trimmed
    start: int  # span of that content; a blank cell is an empty span where the cell sits
    end: int
    artifacts: tuple[tuple[int, int], ...]  # conversion leftovers inside the cell ([bookmark: …])
    _value: Value | None
    _norm: str | None

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        artifacts: tuple[tuple[int, int], ...] = (),
        _value: Value | None = None,
        _norm: str | None = None,
    ) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.artifacts = artifacts
        self._value = _value
        self._norm = _norm

    @property
    def value(self) -> Value:
        if self._value is None:
            self._value = parse_value(self)
        return self._value

    @property
    def norm(self) -> str:
        if self._norm is None:
            self._norm = normalize(self.clean_text)
        return self._norm

    @property
    def clean_text(self) -> str:
        """The text without conversion artefacts."""
        if not self.artifacts:
            return self.text
        out, pos = [], self.start
        for a, b in self.artifacts:
            out.append(self.text[pos - self.start : a - self.start])
            pos = b
        out.append(self.text[pos - self.start :])
        return "".join(out)

    def normalized(self) -> Normalized:
        return Normalized(self.text, self.start)

    @property
    def is_blank(self) -> bool:
        return not self.text or self.text.isspace()


_NA = frozenset(NA_MARKERS)
# A number, optionally signed, with thousands separators and decimals, then an optional unit.
_NUMBER = re.compile(rf"([+\-−]?)\s*(\d{{1,3}}(?:,\d{{3}})+|\d+)(\.\d+)?\s*({alternation(CELL_UNITS)})?")


# A number followed by a bracketed note (含修订1件, 其中…): the number is the cell's value.
_NOTED = re.compile(r"(.*?\S)\s*[（(][^（()）]*[)）]")

_SMALL = {str(i): Decimal(i) for i in range(1000)}

# What a number or a not-applicable marker can open with, in either width; a cell whose trimmed text
# opens with anything else but a decimal digit is text (most label cells: 予以公开, （一）…).
_VALUE_OPENERS = with_full_width({"+", "-", "−", *(m[0] for m in _NA)})


def plain_count(digits: str) -> Decimal:
    """The number an ASCII digit string spells (small ones shared: most cells hold them)."""
    number = _SMALL.get(digits) if len(digits) < 4 else None
    return number if number is not None else Decimal(digits)


def parse_value(cell: Cell) -> Value:
    """Type a cell's text: number (with its unit), blank, not applicable, or text — never coerced."""
    raw = cell.clean_text
    if not raw:  # a blank cell as the segmenter trims it
        return Value(BLANK, start=cell.start, end=cell.end)
    if raw.isdigit() and raw.isascii():  # the common case: a plain count, already trimmed
        return Value(NUMBER, plain_count(raw), "", cell.start, cell.end)
    opener = raw.lstrip()[:1]  # folding keeps each character's place, and a digit a digit
    if opener and opener not in _VALUE_OPENERS and not opener.isdecimal():  # `\d` is any decimal digit
        return Value(TEXT, start=cell.start, end=cell.end)  # neither a number nor n/a, as below
    folded = raw if raw.isascii() else fold(raw)
    stripped = folded.strip()
    if not stripped:
        return Value(BLANK, start=cell.start, end=cell.end)
    if stripped in _NA:
        return Value(NOT_APPLICABLE, start=cell.start, end=cell.end)
    m = _NUMBER.fullmatch(stripped)
    if m is None and stripped[-1] in "）)":  # 22（其中修订16件）: a number with a note after it
        noted = _NOTED.fullmatch(stripped)
        m = _NUMBER.fullmatch(noted.group(1)) if noted else None
    if m:
        sign, digits, frac, unit = m.groups()
        try:
            number = Decimal(digits.replace(",", "") + (frac or ""))
        except InvalidOperation:  # the pattern only admits digits; defensive
            return Value(TEXT, start=cell.start, end=cell.end)
        if sign in ("-", "−"):
            number = -number
        start, end = _token_span(cell, raw, folded, m.start(1) if sign else m.start(2), m.end(3) if frac else m.end(2))
        return Value(NUMBER, number, unit or "", start, end)
    return Value(TEXT, start=cell.start, end=cell.end)


def _token_span(cell: Cell, raw: str, folded: str, i: int, j: int) -> tuple[int, int]:
    # i/j index the stripped clean text; map back through the leading whitespace and artefacts.
    lead = len(folded) - len(folded.lstrip())
    i += lead
    j += lead
    if not cell.artifacts:
        return cell.start + i, cell.start + j
    # Walk the original text, skipping artefact ranges, to find clean positions i and j.
    positions: list[int] = []
    pos = cell.start
    arts = list(cell.artifacts)
    while pos < cell.end:
        if arts and pos == arts[0][0]:
            pos = arts.pop(0)[1]
            continue
        positions.append(pos)
        pos += 1
    positions.append(cell.end)
    return positions[i], positions[j - 1] + 1 if j > 0 else positions[0]


class Row(Record):
    __slots__ = ("cells", "start", "end", "_norm")
    cells: list[Cell]
    start: int
    end: int
    _norm: str | None

    def __init__(self, cells: list[Cell], start: int, end: int, _norm: str | None = None) -> None:
        self.cells = cells
        self.start = start
        self.end = end
        self._norm = _norm

    @property
    def norm(self) -> str:
        """The row's cells, normalised and joined by NUL (so no label matches across two cells)."""
        if self._norm is None:
            # One NFKC pass over the joined row, not one per cell: NUL is neither whitespace nor
            # composable, so this equals joining the cells' own normal forms, which each cell
            # keeps (the binder reads them next).
            texts = [cell.clean_text if cell.artifacts else cell.text for cell in self.cells]
            self._norm = norm = normalize("\x00".join(texts))
            parts = norm.split("\x00")
            if len(parts) == len(self.cells):  # else a cell holds a NUL of its own
                for cell, own in zip(self.cells, parts):
                    cell._norm = own
        return self._norm


class Grid(Record):
    """A table as it appears in the text: rows of ranged cells, before any template knowledge."""

    __slots__ = ("rows", "form", "start", "end")
    rows: list[Row]
    form: str  # tab | pipe | cells | markdown
    start: int
    end: int

    def __init__(self, rows: list[Row], form: str, start: int = 0, end: int = 0) -> None:
        self._init(rows, form, start, end)


class LabelMatch(Record):
    """A table label recognised as a template label; ``alias`` is set when it is a known nonstandard one."""

    __slots__ = ("cell", "scope", "standard", "alias", "start", "end")
    cell: Cell
    scope: str
    standard: str
    alias: Alias | None
    start: int  # where the alias text sits (what NB502's fix replaces)
    end: int

    def __init__(
        self, cell: Cell, scope: str, standard: str, alias: Alias | None = None, start: int = 0, end: int = 0
    ) -> None:
        self.cell = cell
        self.scope = scope
        self.standard = standard
        self.alias = alias
        self.start = start
        self.end = end


class BoundCell(Record):
    """A cell keyed to its template row and column (compared by identity, like the specs)."""

    __slots__ = ("cell", "row", "column")
    cell: Cell
    row: RowSpec
    column: ColumnSpec
    __eq__ = object.__eq__
    __hash__ = object.__hash__

    def __init__(self, cell: Cell, row: RowSpec, column: ColumnSpec) -> None:
        self.cell = cell
        self.row = row
        self.column = column


class ShortRow(Record):
    """A template row found with fewer (or more) value cells than the template has columns."""

    __slots__ = ("row", "grid_row", "found", "expected")
    row: RowSpec
    grid_row: Row
    found: int
    expected: int

    def __init__(self, row: RowSpec, grid_row: Row, found: int, expected: int) -> None:
        self._init(row, grid_row, found, expected)


@dataclass
class Table:
    """A grid recognised as template table 2, 3 or 4 and bound to template keys.

    ``cells`` maps (`RowSpec`, `ColumnSpec`) — the template's own specs, e.g.
    ``(T3Row.GRANTED, T3Col.NATURAL)`` — to the bound cell; read it through `cell` and `number`.
    ``unreadable`` says why a table that is there cannot be read (its cells lost their separators,
    its rows are scrambled …); rules then leave its cells alone and NB106 says so once.
    """

    grid: Grid
    kind: str | None  # t2 | t3 | t4 | obsolete | None
    template: str | None = None  # the template its labels show, when they show one
    cells: dict[CellKey, BoundCell] = field(default_factory=dict)
    rows: dict[RowSpec, Row] = field(default_factory=dict)  # row spec → the grid row it was read from
    columns: tuple[ColumnSpec, ...] = ()
    labels: list[LabelMatch] = field(default_factory=list)
    blocks: dict[str, Row] = field(default_factory=dict)  # table 2: article item → its header row
    short_rows: list[ShortRow] = field(default_factory=list)
    unreadable: str = ""
    reconciliation: Reconciliation | None = field(default=None, repr=False)  # see nianbao.reconcile

    @property
    def start(self) -> int:
        return self.grid.start

    @property
    def end(self) -> int:
        return self.grid.end

    def cell(self, row: RowSpec, column: ColumnSpec) -> BoundCell | None:
        return self.cells.get((row, column))

    def number(self, row: RowSpec, column: ColumnSpec) -> Decimal | None:
        """The cell's number, or None when the cell is absent, blank, n/a or text."""
        return self.numbers.get((row, column))

    @cached_property
    def numbers(self) -> dict[CellKey, Decimal]:
        """Every bound cell that holds a number, by (row, column)."""
        out = {}
        for key, bound in self.cells.items():
            value = bound.cell.value
            if value.kind == NUMBER and value.number is not None:
                out[key] = value.number
        return out


class Paragraph(Record):
    __slots__ = ("text", "start", "end", "folded")
    text: str
    start: int
    end: int
    folded: str  # the text with full-width ASCII folded (same offsets); folded here unless given

    def __init__(self, text: str, start: int, end: int, folded: str = "") -> None:
        self.text = text
        self.start = start
        self.end = end
        self.folded = folded or fold(text)


class SubItem(Record):
    """A numbered sub-heading inside a section: （一）主动公开 …"""

    __slots__ = ("ordinal", "title", "start", "end", "title_start", "title_end")
    ordinal: str
    title: str
    start: int
    end: int  # end of the heading line
    title_start: int
    title_end: int

    def __init__(self, ordinal: str, title: str, start: int, end: int, title_start: int, title_end: int) -> None:
        self._init(ordinal, title, start, end, title_start, title_end)


class Section(Record):
    __slots__ = (
        "numeral",
        "written_number",
        "title",
        "start",
        "heading_end",
        "numeral_start",
        "numeral_end",
        "title_start",
        "title_end",
        "spec",
        "match",
        "end",
        "paragraphs",
        "items",
        "tables",
    )
    numeral: str  # as written: 一, 二 …
    written_number: int | None  # the numeral's value
    title: str
    start: int  # heading line start
    heading_end: int
    numeral_start: int
    numeral_end: int
    title_start: int
    title_end: int
    spec: SectionSpec | None  # which template section the title identifies, if any
    match: str  # standard | variant | obsolete | keyword | "" (unrecognised title)
    end: int  # where the section's body ends
    paragraphs: list[Paragraph]
    items: list[SubItem]
    tables: list[Table]

    def __init__(
        self,
        numeral: str,
        written_number: int | None,
        title: str,
        start: int,
        heading_end: int,
        numeral_start: int,
        numeral_end: int,
        title_start: int,
        title_end: int,
        spec: SectionSpec | None = None,
        match: str = "",
        end: int = 0,
        paragraphs: list[Paragraph] | None = None,
        items: list[SubItem] | None = None,
        tables: list[Table] | None = None,
    ) -> None:
        self._init(
            numeral,
            written_number,
            title,
            start,
            heading_end,
            numeral_start,
            numeral_end,
            title_start,
            title_end,
            spec,
            match,
            end,
            [] if paragraphs is None else paragraphs,
            [] if items is None else items,
            [] if tables is None else tables,
        )

    @property
    def number(self) -> int | None:
        """The section's identity: by title when recognised, else by its written number."""
        return self.spec.number if self.spec else self.written_number


class Title(Record):
    __slots__ = ("text", "start", "end", "year", "year_start", "year_end", "agency", "agency_start", "agency_end")
    text: str
    start: int
    end: int
    year: int | None
    year_start: int
    year_end: int
    agency: str
    agency_start: int
    agency_end: int

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        year: int | None = None,
        year_start: int = 0,
        year_end: int = 0,
        agency: str = "",
        agency_start: int = 0,
        agency_end: int = 0,
    ) -> None:
        self._init(text, start, end, year, year_start, year_end, agency, agency_start, agency_end)


class Signature(Record):
    __slots__ = ("agency", "agency_start", "agency_end", "date", "date_start", "date_end")
    agency: str | None
    agency_start: int
    agency_end: int
    date: tuple[int, int, int] | None
    date_start: int
    date_end: int

    def __init__(
        self,
        agency: str | None,
        agency_start: int,
        agency_end: int,
        date: tuple[int, int, int] | None,
        date_start: int,
        date_end: int,
    ) -> None:
        self._init(agency, agency_start, agency_end, date, date_start, date_end)


class Directive(Record):
    """An inline suppression comment: ``<!-- nianbao-disable NB203 -->`` and friends."""

    __slots__ = ("action", "codes", "line", "start", "end")
    action: str  # disable | enable | disable-next-line | disable-line | disable-file
    codes: tuple[str, ...]  # empty = every rule
    line: int
    start: int
    end: int

    def __init__(self, action: str, codes: tuple[str, ...], line: int, start: int, end: int) -> None:
        self._init(action, codes, line, start, end)


@dataclass
class Report:
    source: Source
    path: str = "-"
    form: str = "text"  # text | markdown
    title: Title | None = None
    intro: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)  # every prose line, in order
    signature: Signature | None = None
    directives: list[Directive] = field(default_factory=list)
    templates: TemplateSet = DEFAULT_TEMPLATES
    overrides: dict[str, object] = field(default_factory=dict)  # config: report-year, template, agency, province
    masked: str = ""  # the text with HTML comments blanked out, same offsets

    @property
    def text(self) -> str:
        return self.source.text

    @cached_property
    def folded(self) -> str:
        """The text (comments blanked) with full-width ASCII folded; same offsets as ``text``."""
        return fold(self.masked or self.source.text)

    @cached_property
    def facts(self) -> Facts:
        from .facts import Facts

        return Facts(self)

    def section(self, number: int) -> Section | None:
        """The first section identified as template section *number*."""
        for section in self.sections:
            if section.number == number:
                return section
        return None

    def tables_of(self, kind: str) -> Iterator[Table]:
        return (t for t in self.tables if t.kind == kind)

    def table(self, kind: str) -> Table | None:
        return next(self.tables_of(kind), None)

    def line_of(self, offset: int) -> int:
        return self.source.index.line_of(offset)
