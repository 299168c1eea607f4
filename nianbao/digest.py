"""What one report tells the reports of other years: a small, plain digest of a parsed draft.

A `ReportDigest` is built in the process that parsed the draft (`ReportDigest.of`), next to its
findings. It is the one place per-report facts live outside that process: the agency, its level,
the year and templates (what the audit report shows for each report), and all that a cross-year
rule reads besides: the table
cells by the template specs' stable ``key`` names (so a 2019-template table and a 2021-template
table map row to row where the keys agree), and per section one fingerprint per sentence. It
crosses the process pool inside `FileResult` (pickled) and is stored in the cache entry
(`record`/`from_record`); the tables and sentences of a cached digest are decoded only when a
cross-year rule reads them, so a cache hit that is never paired costs one JSON object.

This module holds the outline, read on every cache hit; the tables, sentences and notes (`CellDigest`,
`TableDigest`, `SectionDigest`, `Sentence`, `YearMention`, `StockNote`, `fingerprint`) live in
`nianbao.digest_parts`, imported when a digest is built or paired — and re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping

try:  # CPython's built-in BLAKE2: importing hashlib loads OpenSSL, ~2 ms of every cached run
    from _blake2 import blake2b as new_digest
except ImportError:  # other interpreters
    from hashlib import blake2b as new_digest

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from typing import Any

    from .digest_parts import (
        CellDigest,
        Parts,
        SectionDigest,
        Sentence,
        StockNote,
        TableDigest,
        YearMention,
        fingerprint,
    )
    from .model import Report

__all__ = [
    "CellDigest", "ReportDigest", "SectionDigest", "Sentence", "StockNote", "TableDigest", "YearMention", "fingerprint",
    "new_digest",
]  # fmt: skip
_PARTS = frozenset(__all__) - {"ReportDigest", "new_digest"}


def __getattr__(name: str) -> Any:
    if name in _PARTS:
        from . import digest_parts

        return getattr(digest_parts, name)
    raise AttributeError(f"module 'nianbao.digest' has no attribute {name!r}")


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
        "level",
        "government",
        "size",
        "year",
        "template",
        "required_template",
        "overrides",
        "body",
        "body_file",
        "body_at",
        "key",
        "_parts",
    )

    def __init__(
        self,
        path: str = "",
        agency: str | None = None,
        agency_core: str | None = None,
        agency_kind: str | None = None,
        level: str | None = None,
        government: bool = False,
        size: int = 0,
        year: int | None = None,
        template: str | None = None,
        required_template: str | None = None,
        overrides: Mapping[str, Any] | None = None,
        body: str = "",
        body_file: str = "",
        key: str = "",
        body_at: tuple[int, int] | None = None,
    ) -> None:
        self.path = path
        self.agency = agency  # the name as written, whitespace removed: 青禾县云溪镇人民政府
        self.agency_core = agency_core  # without place prefixes or 人民政府: 云溪镇
        self.agency_kind = agency_kind  # 镇, 乡, 街道, 县, 区, 市, 省, 局, 委, 办, 厅, 中心
        self.level = level  # 省级 / 市级 / 县级 / 乡镇级 (`facts.agency_level`)
        self.government = government
        self.size = size  # the text's length in characters (a document's rendering): findings lie within
        self.year = year  # the report year
        self.template = template  # the template the tables follow ("2019" / "2021")
        self.required_template = required_template  # the template the report year requires
        self.overrides: Mapping[str, Any] = dict(overrides or {})
        # The tables and sentences as JSON text (`digest_parts.body_of`), decoded on first use: the
        # parent of a run over thousands of reports holds ~3 KB of text for each, not objects.
        self.body = body
        self.body_file = body_file  # or, from the cache, the file holding it (read when first decoded)
        self.body_at = body_at  # where in that file (offset and length in bytes), when not all of it
        # The cache key of the check it came from ("" uncached): one key, one digest, so a
        # comparison of two keyed digests is cached under the pair of keys (`Runner.compare`).
        self.key = key
        self._parts: Parts | None = None

    def __reduce__(self) -> tuple[type[ReportDigest], tuple[Any, ...]]:
        """Pickled (across the process pool) as its outline and body text, never decoded objects."""
        return ReportDigest, (
            self.path, self.agency, self.agency_core, self.agency_kind, self.level, self.government, self.size,
            self.year, self.template,
            self.required_template, self.overrides, self.body, self.body_file, self.key, self.body_at,
        )  # fmt: skip

    def __repr__(self) -> str:
        return f"ReportDigest({self.path!r}, {self.agency!r}, {self.year!r}, {self.template!r})"

    # --- what rules read -------------------------------------------------------------------------

    @property
    def tables(self) -> tuple[TableDigest, ...]:
        """Tables 2, 3 and 4, those the report has (a damaged cache entry has none)."""
        return self._decoded()[0]

    @property
    def sections(self) -> tuple[SectionDigest, ...]:
        """The text before section 一 (number 0) and each section the report has."""
        return self._decoded()[1]

    @property
    def notes(self) -> tuple[StockNote, ...]:
        """What the prose says of the stock of 规章 and 规范性文件 (a 清理 and its counts)."""
        return self._decoded()[2]

    def table(self, kind: str) -> TableDigest | None:
        return next((t for t in self.tables if t.kind == kind), None)

    def section(self, number: int) -> SectionDigest | None:
        return next((s for s in self.sections if s.number == number), None)

    def stored_in(self, file: str, at: tuple[int, int] | None = None) -> None:
        """The body has been written to *file* (the cache's; or *at* an offset, with a length in
        bytes, of a file of many): hold where it is instead of the text, so the parent of a run
        over thousands of reports holds next to nothing for each."""
        if self.body:
            self.body, self.body_file, self.body_at = "", file, at

    def _decoded(self) -> Parts:
        if self._parts is None:
            from .digest_parts import decode_body

            body = self.body or _read(self.body_file, self.body_at)
            self._parts = decode_body(body) if body else ((), (), ())
        return self._parts

    # --- building ---------------------------------------------------------------------------------

    @classmethod
    def of(cls, report: Report, path: str) -> ReportDigest:
        """The digest of a parsed report (*path*: the file as the user named it)."""
        from .digest_parts import body_of
        from .facts import agency_level

        facts = report.facts
        agency = facts.agency
        return cls(
            path,
            agency.name if agency else None,
            agency.core if agency else None,
            agency.kind if agency else None,
            agency_level(agency) if agency else None,
            agency.government if agency else False,
            len(report.text),
            facts.report_year,
            facts.table_template,
            facts.required_template,
            report.overrides,
            body_of(report),
        )

    # --- the cache's form -------------------------------------------------------------------------

    def record(self) -> tuple[dict[str, Any], str]:
        """As plain JSON data, in two parts: the outline (agency, year, templates, settings), read on
        every cache hit, and the tables and sentences as JSON text, decoded only when the report is
        paired ("" when it has neither). `from_record` reads both back."""
        head: dict[str, Any] = {
            "a": [self.agency, self.agency_core, self.agency_kind, self.level, self.government],
            "n": self.size,
            "y": self.year,
            "t": [self.template, self.required_template],
        }
        if self.overrides:
            head["o"] = dict(self.overrides)
        return head, self.body or _read(self.body_file, self.body_at)

    @classmethod
    def from_record(cls, path: str, head: Any, body: str = "", body_file: str = "", key: str = "") -> ReportDigest:
        """The digest a `record` describes; ValueError (or KeyError/TypeError) when its outline is
        malformed, so that a damaged cache entry is a miss. The body is checked when first read:
        damaged tables and sentences read as none."""
        if not isinstance(head, dict):
            raise ValueError(head)
        name, core, kind, level, government = head["a"]
        template, required = head["t"]
        year, size = head["y"], head["n"]
        texts = (name, core, kind, level, template, required)
        if any(v is not None and not isinstance(v, str) for v in texts) or not isinstance(government, bool):
            raise ValueError(head)
        if (year is not None and type(year) is not int) or type(size) is not int:
            raise ValueError(head)
        overrides = head.get("o", {})
        if not isinstance(overrides, dict) or not isinstance(body, str):
            raise ValueError(head)
        return cls(
            path, name, core, kind, level, government, size, year, template, required, overrides, body, body_file, key
        )


def _read(file: str, at: tuple[int, int] | None = None) -> str:
    """A body stored in a file (the cache's: all of it; else the bytes *at* an offset, of a length);
    "" when there is none or it cannot be read."""
    if not file:
        return ""
    try:
        if at is None:
            with open(file, encoding="utf-8") as text:
                return text.read()
        with open(file, "rb") as fh:
            fh.seek(at[0])
            return fh.read(at[1]).decode("utf-8")
    except (OSError, ValueError):
        return ""
