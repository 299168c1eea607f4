"""What one report tells the reports of other years: a small, plain digest of a parsed draft.

A `ReportDigest` is built in the process that parsed the draft (`ReportDigest.of`), next to its
findings, and is all that a cross-year rule reads: the agency, the year and templates, the table
cells by the template specs' stable ``key`` names (so a 2019-template table and a 2021-template
table map row to row where the keys agree), and per section one fingerprint per sentence. It
crosses the process pool inside `FileResult` (pickled) and is stored in the cache entry
(`record`/`from_record`); the tables and sentences of a cached digest are decoded only when a
cross-year rule reads them, so a cache hit that is never paired costs one JSON object.

This module imports nothing heavy at load: the template, the model and the text utilities are
imported by `ReportDigest.of` only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple

try:  # CPython's built-in BLAKE2: importing hashlib loads OpenSSL, ~2 ms of every cached run
    from _blake2 import blake2b as new_digest
except ImportError:  # other interpreters
    from hashlib import blake2b as new_digest

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
    """Table 2, 3 or 4: cells that hold a number or are blank (``/`` and text are left out), by
    row key and column key; ``start``–``head_end`` is the table's first row (where a finding about
    the whole table points)."""

    kind: str  # t2 | t3 | t4
    template: str | None
    start: int
    head_end: int
    cells: Mapping[str, Mapping[str, tuple[str | None, int, int]]]  # row key → column key → a `CellDigest`'s fields

    def cell(self, row: RowSpec, column: ColumnSpec) -> CellDigest | None:
        """The cell at the spec's row and column, matched by their ``key`` names."""
        found = self.cells.get(row.key, {}).get(column.key)
        return CellDigest(*found) if found is not None else None

    def items(self) -> list[tuple[tuple[str, str], CellDigest]]:
        """Every cell as ((row key, column key), cell)."""
        return [((r, c), CellDigest(*cell)) for r, columns in self.cells.items() for c, cell in columns.items()]


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


class ReportDigest:
    """One report as the cross-year rules see it; None wherever the linter could not tell.

    ``path`` is the file as the user named it (a `Related` pointing into this report carries it);
    ``overrides`` are the per-file settings from configuration that rules read, as in
    ``Report.overrides`` (``copied-prose-threshold`` …).
    """

    __slots__ = (
        "path",
        "agency",
        "agency_core",
        "agency_kind",
        "government",
        "year",
        "template",
        "required_template",
        "overrides",
        "_tables",
        "_sections",
        "_body",
    )

    def __init__(
        self,
        path: str = "",
        agency: str | None = None,
        agency_core: str | None = None,
        agency_kind: str | None = None,
        government: bool = False,
        year: int | None = None,
        template: str | None = None,
        required_template: str | None = None,
        overrides: Mapping[str, Any] | None = None,
        tables: tuple[TableDigest, ...] = (),
        sections: tuple[SectionDigest, ...] = (),
        body: str = "",
    ) -> None:
        self.path = path
        self.agency = agency  # the name as written, whitespace removed: 青禾县云溪镇人民政府
        self.agency_core = agency_core  # without place prefixes or 人民政府: 云溪镇
        self.agency_kind = agency_kind  # 镇, 乡, 街道, 县, 区, 市, 省, 局, 委, 办, 厅, 中心
        self.government = government
        self.year = year  # the report year
        self.template = template  # the template the tables follow ("2019" / "2021")
        self.required_template = required_template  # the template the report year requires
        self.overrides: Mapping[str, Any] = dict(overrides or {})
        self._tables = tables
        self._sections = sections
        self._body = body  # a cache entry's tables and sections, as JSON text: decoded on first use

    def __repr__(self) -> str:
        return f"ReportDigest({self.path!r}, {self.agency!r}, {self.year!r}, {self.template!r})"

    def renamed(self, path: str) -> ReportDigest:
        """This digest for the file as *path* names it."""
        return ReportDigest(
            path, self.agency, self.agency_core, self.agency_kind, self.government, self.year, self.template,
            self.required_template, self.overrides, self._tables, self._sections, self._body,
        )  # fmt: skip

    # --- what rules read -------------------------------------------------------------------------

    @property
    def tables(self) -> tuple[TableDigest, ...]:
        self._decode()
        return self._tables

    @property
    def sections(self) -> tuple[SectionDigest, ...]:
        self._decode()
        return self._sections

    def table(self, kind: str) -> TableDigest | None:
        return next((t for t in self.tables if t.kind == kind), None)

    def section(self, number: int) -> SectionDigest | None:
        return next((s for s in self.sections if s.number == number), None)

    def _decode(self) -> None:
        if not self._body:
            return
        body, self._body = self._body, ""
        try:
            tables, sections = json.loads(body)
            self._tables = tuple(_table(t) for t in tables)
            self._sections = tuple(_section(s) for s in sections)
        except (ValueError, TypeError, KeyError, InvalidOperation):
            self._tables, self._sections = (), ()  # a damaged entry: as if the report had none

    # --- building ---------------------------------------------------------------------------------

    @classmethod
    def of(cls, report: Report, path: str) -> ReportDigest:
        """The digest of a parsed report (*path*: the file as the user named it)."""
        facts = report.facts
        agency = facts.agency
        own = {e.start for e in facts.statements}
        sections = []
        if report.intro:
            at = report.intro[0].start
            sections.append(_section_of(0, "", at, at, report.intro, own))
        for section in report.sections:
            if section.number is not None and all(s.number != section.number for s in sections):
                items = {item.start for item in section.items}
                paragraphs = [p for p in section.paragraphs if p.start not in items]
                heading = (section.start, section.heading_end)
                sections.append(_section_of(section.number, section.title, *heading, paragraphs, own))
        tables = []
        for kind in ("t2", "t3", "t4"):
            table = report.table(kind)
            if table is not None and not table.unreadable:
                tables.append(_table_of(table))
        return cls(
            path,
            agency.name if agency else None,
            agency.core if agency else None,
            agency.kind if agency else None,
            agency.government if agency else False,
            facts.report_year,
            facts.table_template,
            facts.required_template,
            report.overrides,
            tuple(tables),
            tuple(sections),
        )

    # --- the cache's form -------------------------------------------------------------------------

    def record(self) -> tuple[dict[str, Any], str]:
        """As plain JSON data, in two parts: the outline (agency, year, templates, settings), read on
        every cache hit, and the tables and sentences as JSON text, decoded only when the report is
        paired ("" when it has neither). `from_record` reads both back."""
        head: dict[str, Any] = {
            "a": [self.agency, self.agency_core, self.agency_kind, self.government],
            "y": self.year,
            "t": [self.template, self.required_template],
        }
        if self.overrides:
            head["o"] = dict(self.overrides)
        if self._body:
            return head, self._body
        if not (self.tables or self.sections):
            return head, ""
        tables = [[t.kind, t.template, t.start, t.head_end, t.cells] for t in self.tables]
        sections = [
            [s.number, s.title, s.start, s.end, [_sentence_record(x) for x in s.sentences]] for s in self.sections
        ]
        return head, json.dumps([tables, sections], ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_record(cls, path: str, head: Any, body: str = "") -> ReportDigest:
        """The digest a `record` describes; ValueError (or KeyError/TypeError) when its outline is
        malformed, so that a damaged cache entry is a miss. The body is checked when first read:
        damaged tables and sentences read as none."""
        if not isinstance(head, dict):
            raise ValueError(head)
        name, core, kind, government = head["a"]
        template, required = head["t"]
        year = head["y"]
        texts = (name, core, kind, template, required)
        if any(v is not None and not isinstance(v, str) for v in texts) or not isinstance(government, bool):
            raise ValueError(head)
        if year is not None and type(year) is not int:
            raise ValueError(year)
        overrides = head.get("o", {})
        if not isinstance(overrides, dict) or not isinstance(body, str):
            raise ValueError(head)
        return cls(path, name, core, kind, government, year, template, required, overrides, body=body)


# --- building from a report --------------------------------------------------------------------


def _table_of(table: Table) -> TableDigest:
    from .model import BLANK, NUMBER

    cells: dict[str, dict[str, tuple[str | None, int, int]]] = {}
    for (row, column), bound in table.cells.items():
        cell = bound.cell
        value = cell.value
        if value.kind == NUMBER and value.number is not None:
            text = cell.text  # a plain count is kept as written: str(Decimal) is the slow path
            shown: str | None = text if text.isdigit() and text.isascii() else str(value.number)
        elif value.kind == BLANK:
            shown = None
        else:
            continue
        cells.setdefault(row.key, {})[column.key] = (shown, value.start, value.end)
    rows = table.grid.rows
    return TableDigest(table.kind or "", table.template, table.start, rows[0].end if rows else table.end, cells)


def _section_of(
    number: int, title: str, start: int, end: int, paragraphs: list[Paragraph], own: set[int]
) -> SectionDigest:
    """*own*: where the report's own-year statements start. Sentences are kept for the whole of
    section 五 (copied prose) and elsewhere only where they mention a year (a year not updated):
    fingerprinting every sentence would cost more than the rest of the digest."""
    from .template import MIN_COMPARED_SENTENCE, PROBLEMS_SECTION

    sentences = []
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
            mentions = tuple(YearMention(y, base + s, base + e, base + s in own) for y, s, e in years)
            lead = len(text) - len(text.lstrip())
            sentences.append(Sentence(_fingerprint(norm), base + a + lead, base + a + len(text.rstrip()), mentions))
    return SectionDigest(number, title, start, end, tuple(sentences))


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


def _sentence_record(s: Sentence) -> list[Any]:
    out: list[Any] = [s.fingerprint, s.start, s.end]
    if s.years:
        out.append([[y.year, y.start, y.end, y.own] for y in s.years])
    return out


# --- decoding a cache record's tables and sections (on first use) -------------------------------


def _int(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(value)
    return value


def _table(raw: Any) -> TableDigest:
    kind, template, start, head_end, rows = raw
    if not isinstance(kind, str) or not (template is None or isinstance(template, str)):
        raise ValueError(raw)
    cells: dict[str, dict[str, tuple[str | None, int, int]]] = {}
    for row, columns in rows.items():
        for column, (value, s, e) in columns.items():
            if value is not None:
                Decimal(value)  # raises for anything that is not a number
            cells.setdefault(str(row), {})[str(column)] = (value, _int(s), _int(e))
    return TableDigest(kind, template, _int(start), _int(head_end), cells)


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
