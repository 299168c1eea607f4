"""The body of a `ReportDigest`: its tables, its sentences and what its prose says of table 2's
stock of documents, how they are built from a parsed report, and their cache form (JSON text).
Imported when a digest is built or when a cached one is first read by a cross-year rule — never on
a cache hit that is not paired.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

from .digest import new_digest

if TYPE_CHECKING:
    from .model import Paragraph, Report, Table
    from .template import ColumnSpec, RowSpec


class CellDigest(NamedTuple):
    """One table cell: its number as written (``"12"``, ``"3.6"``; a unit is dropped) or None for a
    blank cell, which identities read as 0; ``start``/``end`` span the number (or the blank cell)."""

    value: str | None
    start: int
    end: int

    @property
    def number(self) -> Decimal:
        return Decimal(self.value) if self.value is not None else Decimal(0)


class TableDigest(NamedTuple):
    """Table 2, 3 or 4: the cells that hold a number or are blank (``/`` and text are left out), by
    the row's and the column's ``key``; ``start``–``head_end`` is the table's first row (where a
    finding about the whole table points).

    The cells stay in their cache form (``cells``: ``row/column=value@start[:end];…``, see
    `body_of`) and a cell is parsed when it is asked for: a comparison reads a dozen of a table's
    ~200 cells, and decoding them all would cost more than the comparison.
    """

    kind: str  # t2 | t3 | t4
    template: str | None
    start: int
    head_end: int
    cells: str

    def cell(self, row: RowSpec, column: ColumnSpec) -> CellDigest | None:
        """The cell at the spec's row and column, matched by their ``key`` names."""
        key = f"{row.key}/{column.key}="
        at = self.cells.find(key)
        while at > 0 and self.cells[at - 1] != ";":  # a key that ends another one (denied.1 in …)
            at = self.cells.find(key, at + 1)
        if at < 0:
            return None
        value, start, end = _CELL_PLACE.match(self.cells, at + len(key)).groups()  # type: ignore[union-attr]
        return CellDigest(value or None, int(start), int(end) if end else int(start) + len(value))

    def values(self) -> dict[tuple[str, str], str | None]:
        """Every cell's value (as `CellDigest.value`) by (row key, column key)."""
        return {(row, column): value or None for row, column, value in _CELL_VALUE.findall(self.cells)}


class YearMention(NamedTuple):
    """A four-digit year written with 年 in a sentence; ``own`` when it is one of the report's
    statements of its own year (``2023年，我镇……``, `Facts.statements`)."""

    year: int
    start: int
    end: int
    own: bool


class Sentence(NamedTuple):
    """A sentence (or a clause ended by ；) of prose: a 48-bit fingerprint of its text with
    whitespace removed, full-width folded, and every number (years included) replaced by ``#``."""

    fingerprint: int
    start: int
    end: int
    years: tuple[YearMention, ...] = ()


class SectionDigest(NamedTuple):
    """A section by template number (0: the text before section 一): its heading's span and the
    sentences of its paragraphs (sub-headings such as （一）主动公开 left out)."""

    number: int
    title: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]


class StockNote(NamedTuple):
    """A count of 规章 or 规范性文件 in a sentence of the report that tells of a change to their
    stock beyond the year's making and repeal (a 清理, a 集中发布: `STOCK_CHANGE_WORDS`): ``row`` is
    table 2's row key (``rules`` / ``normative``), ``role`` what the count is by the words before it
    (``stock``, ``removed`` or ``made``: `STOCK_COUNT_ROLES`), ``value`` the count."""

    row: str
    role: str
    value: int


def body_of(report: Report) -> str:
    """The tables and sections of *report* as a digest's body: compact JSON text, ~5 KB for a
    report, built without the typed objects (the parent of a run over thousands of reports holds
    one per report; `decode_body` makes the objects when a cross-year rule reads them).

    ``[tables, sections, notes]``. A table is ``[kind, template, start, head_end, cells]``, its cells one
    string ``row/column=value@start;…`` (keys are the specs' ``key`` names; a blank has no value; the
    end follows as ``:end`` where it is not where the value's characters end): one JSON string
    instead of ~200 small arrays halves the cost of writing it. A section is ``[number, title,
    start, end, [[fingerprint, start, end, [[year, start, end, own]]?]]]``; a note (`StockNote`)
    ``[row, role, value]``."""
    tables = []
    for kind in ("t2", "t3", "t4"):
        table = report.table(kind)
        if table is not None and not table.unreadable:
            tables.append(_table_record(table))
    own = {e.start for e in report.facts.statements}
    sections = []
    if report.intro:
        at = report.intro[0].start
        sections.append(_section_record(0, "", at, at, report.intro, own))
    for section in report.sections:
        if section.number is not None and all(s[0] != section.number for s in sections):
            items = {item.start for item in section.items}
            paragraphs = [p for p in section.paragraphs if p.start not in items]
            heading = (section.start, section.heading_end)
            sections.append(_section_record(section.number, section.title, *heading, paragraphs, own))
    notes = _stock_notes(report.paragraphs)
    if not (tables or sections or notes):
        return ""
    # ASCII only (titles escaped): a str with one CJK character would take two bytes for every character
    return json.dumps([tables, sections, notes], separators=(",", ":"))


Parts = tuple[tuple[TableDigest, ...], tuple[SectionDigest, ...], tuple[StockNote, ...]]


def decode_body(body: str) -> Parts:
    """What `body_of` wrote; a damaged body reads as no tables, no sections and no notes."""
    try:
        tables, sections, notes = json.loads(body)
        return tuple(_table(t) for t in tables), tuple(_section(s) for s in sections), tuple(_note(n) for n in notes)
    except (ValueError, TypeError, KeyError):
        return (), (), ()


def _table_record(table: Table) -> list[Any]:
    from .model import BLANK, NUMBER

    cells = []
    for (row, column), bound in table.cells.items():
        cell = bound.cell
        value = cell.value
        if value.kind == NUMBER and value.number is not None:
            text = cell.text  # a plain count as written: str(Decimal) is the slow path
            if text.isascii() and text.isdigit():
                cells.append(f"{row.key}/{column.key}={text}@{value.start}")
            else:
                cells.append(f"{row.key}/{column.key}={value.number}@{value.start}:{value.end}")
        elif value.kind == BLANK:
            cells.append(f"{row.key}/{column.key}=@{value.start}")
    first = table.grid.rows
    return [table.kind or "", table.template, table.start, first[0].end if first else table.end, ";".join(cells)]


def _section_record(
    number: int, title: str, start: int, end: int, paragraphs: list[Paragraph], own: set[int]
) -> list[Any]:
    """*own*: where the report's own-year statements start. Sentences are kept for the whole of
    section 五 (copied prose) and elsewhere only where they mention a year (a year not updated):
    fingerprinting every sentence would cost more than the rest of the digest."""
    from .template import MIN_COMPARED_SENTENCE, PROBLEMS_SECTION

    sentences: list[list[Any]] = []
    split = _sentence_pattern()
    every = number == PROBLEMS_SECTION
    for para in paragraphs:
        folded = para.folded
        found = _years(folded) if "年" in folded else []
        if not (every or found):
            continue
        base = para.start
        for m in split.finditer(folded):
            a, b = m.span()
            years = [y for y in found if a <= y[1] < b]
            if not (every or years):
                continue
            text = m.group()
            norm = _NUMBER.sub("#", _SPACE.sub("", text))
            if len(norm) < MIN_COMPARED_SENTENCE:
                continue
            lead = len(text) - len(text.lstrip())
            sentence: list[Any] = [_fingerprint(norm), base + a + lead, base + a + len(text.rstrip())]
            if years:
                sentence.append([[y, base + s, base + e, base + s in own] for y, s, e in years])
            sentences.append(sentence)
    return [number, title, start, end, sentences]


def _stock_notes(paragraphs: list[Paragraph]) -> list[list[Any]]:
    """The `StockNote` records ``[row, role, value]`` of the report's prose: in each sentence that
    names 规章 or 规范性文件 and a change to their stock, each count of documents (N 件) after a word
    that says what it is — the last such word since the count before it, so that in
    ``清理并集中发布现行有效规范性文件40件，动态更新本年度制发的5件`` 40 is the stock and 5 made."""
    from .template import STOCK_COUNT_ROLES

    documents, change, count, role, enumerated = _stock_patterns()
    notes: list[list[Any]] = []
    for para in paragraphs:
        folded = para.folded
        if not change.search(folded):  # one pass in C over most paragraphs
            continue
        for m in _sentence_pattern().finditer(folded):
            text = m.group()
            named = sorted((d.start(), row) for row, pattern in documents for d in pattern.finditer(text))
            if not named or not change.search(text):
                continue
            since, last_role = 0, None
            for c in count.finditer(text):
                said = [w.group() for w in role.finditer(text, since, c.start())]
                if said:
                    last_role = STOCK_COUNT_ROLES[said[-1]]
                elif last_role is None or not enumerated.fullmatch(text, since, c.start()):
                    # no word says what this count is (废止3件，修改5件: 5 is no repeal); only a list
                    # goes on with the role before it (废止规章1件、规范性文件3件)
                    last_role = None
                if last_role is not None:
                    # the documents named nearest before the count (or, failing that, right after it)
                    before = [row for at, row in named if at < c.start()]
                    notes.append([before[-1] if before else named[0][1], last_role, int(c.group(1))])
                since = c.end()
    return notes


@lru_cache(maxsize=1)
def _stock_patterns() -> tuple[
    list[tuple[str, re.Pattern[str]]], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]
]:
    """What `_stock_notes` looks for: each row's documents, a change to the stock, a count of
    documents (its number as group 1), a word that says what a count is, and what stands between two
    counts of one list (、规范性文件: a separator and the next count's documents)."""
    from .template import (
        STOCK_CHANGE_WORDS,
        STOCK_COUNT_ROLES,
        STOCK_COUNT_UNITS,
        STOCK_DOCUMENTS,
        STOCK_NOT_DOCUMENTS,
        alternation,
    )

    not_documents = alternation(STOCK_NOT_DOCUMENTS)
    documents = [
        (row, re.compile(f"(?:{alternation(words)})(?!{not_documents})")) for row, words in STOCK_DOCUMENTS.items()
    ]
    count = re.compile(rf"(?<![\d.])(\d+)\s*(?:{alternation(STOCK_COUNT_UNITS)})")
    any_documents = alternation([w for words in STOCK_DOCUMENTS.values() for w in words])
    enumerated = re.compile(rf"\s*(?:(?:[、，,和及与]|以及)\s*)?(?:行政)?(?:{any_documents})\s*")
    change = re.compile(alternation(STOCK_CHANGE_WORDS))
    return documents, change, count, re.compile(alternation(STOCK_COUNT_ROLES)), enumerated


@lru_cache(maxsize=1)
def _sentence_pattern() -> re.Pattern[str]:
    from .template import SENTENCE_ENDS  # the template data: not on a cache hit's import path

    ends = re.escape(SENTENCE_ENDS)
    return re.compile(rf"[^{ends}]+[{ends}]*")


def _years(text: str) -> list[tuple[int, int, int]]:
    """The four-digit years written with 年 (``2023年``, ``2023 年``) in folded text, with their
    spans; found from each 年 backwards (a regular expression over CJK prose is 40× slower)."""
    out = []
    at = text.find("年")
    while at != -1:
        end = at
        while end > 0 and text[end - 1] in " \t\u3000":
            end -= 1
        digits = text[end - 4 : end] if end >= 4 else ""
        if digits[:2] in ("19", "20") and digits.isdigit() and digits.isascii():
            if end == 4 or not text[end - 5].isdigit():
                out.append((int(digits), end - 4, end))
        at = text.find("年", at + 1)
    return out


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPACE = re.compile(r"\s+")


def _fingerprint(normalised: str) -> int:
    return int.from_bytes(new_digest(normalised.encode("utf-8"), digest_size=6).digest(), "big")


def fingerprint(sentence: str) -> int:
    """The `Sentence.fingerprint` of a sentence's text: folded, whitespace removed, every number (a
    year too) replaced by ``#`` (tests and plugins compare with it)."""
    from .textutil import fold

    return _fingerprint(_NUMBER.sub("#", _SPACE.sub("", fold(sentence))))


def _int(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(value)
    return value


# A table's cells in the body: ``row/column=value@start[:end]``, ``;`` between cells.
_CELL = r"[\w.]+/[\w.]+=(?:-?\d+(?:\.\d+)?)?@\d+(?::\d+)?"
_CELLS = re.compile(rf"(?:{_CELL}(?:;{_CELL})*)?", re.ASCII)
_CELL_PLACE = re.compile(r"(-?\d+(?:\.\d+)?)?@(\d+)(?::(\d+))?", re.ASCII)
_CELL_VALUE = re.compile(r"([\w.]+)/([\w.]+)=(-?\d+(?:\.\d+)?)?@", re.ASCII)


def _table(raw: Any) -> TableDigest:
    kind, template, start, head_end, cells = raw
    if not isinstance(kind, str) or not (template is None or isinstance(template, str)):
        raise ValueError(raw)
    if not isinstance(cells, str) or _CELLS.fullmatch(cells) is None:  # one pass, in C
        raise ValueError(cells)
    return TableDigest(kind, template, _int(start), _int(head_end), cells)


def _note(raw: Any) -> StockNote:
    row, role, value = raw
    if not (isinstance(row, str) and isinstance(role, str)):
        raise ValueError(raw)
    return StockNote(row, role, _int(value))


def _section(raw: Any) -> SectionDigest:
    number, title, start, end, sentences = raw
    if not isinstance(title, str):
        raise ValueError(raw)
    out = []
    for item in sentences:
        fp, s, e, *rest = item
        years = tuple(YearMention(_int(y), _int(a), _int(b), bool(own)) for y, a, b, own in (rest[0] if rest else ()))
        out.append(Sentence(_int(fp), _int(s), _int(e), years))
    return SectionDigest(_int(number), title, _int(start), _int(end), tuple(out))
