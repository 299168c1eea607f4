"""What an audit report needs to know about a draft besides its findings: who wrote it, for which
year, on which template.

The parsed `Report` stays in the process that linted the draft; its `ReportSummary` is small and
plain, so it crosses the process pool (inside `FileResult`) and is stored in the cache.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .facts import Agency
    from .model import Report


class ReportSummary(NamedTuple):  # a named tuple, not a dataclass: it is built on every cache hit's start-up
    """The linter's inferences about one draft; None where it could not tell."""

    agency: str | None = None  # the agency's name as written, whitespace removed: 青禾县石桥镇人民政府
    agency_kind: str | None = None  # 镇, 乡, 街道, 县, 区, 市, 省, 局, 委, 办, 厅, 中心
    level: str | None = None  # 省级 / 市级 / 县级 / 乡镇级 (see `template.AGENCY_LEVELS`)
    year: int | None = None  # the report year
    template: str | None = None  # the template the tables follow ("2019" / "2021")
    required_template: str | None = None  # the template the report year requires

    @classmethod
    def of(cls, report: Report) -> ReportSummary:
        facts = report.facts
        agency = facts.agency
        return cls(
            agency=agency.name if agency else None,
            agency_kind=agency.kind if agency else None,
            level=agency_level(agency) if agency else None,
            year=facts.report_year,
            template=facts.table_template,
            required_template=facts.required_template,
        )

    def record(self) -> dict[str, Any]:
        """As plain JSON data (the cache's format); `from_record` reads it back."""
        return {k: v for k, v in self._asdict().items() if v is not None}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ReportSummary:
        """The summary a `record` describes; ValueError for anything malformed (a damaged cache entry
        must be a miss, never a crash)."""
        if not isinstance(record, dict):
            raise ValueError(record)
        year = record.get("year")
        if year is not None and type(year) is not int:
            raise ValueError(year)
        texts = {k: record.get(k) for k in ("agency", "agency_kind", "level", "template", "required_template")}
        if any(v is not None and not isinstance(v, str) for v in texts.values()):
            raise ValueError(record)
        return cls(year=year, **texts)


def agency_level(agency: Agency) -> str | None:
    """The administrative level of *agency*: its own kind's, or for a department the level of the
    government its name starts with; None when neither tells."""
    from .facts import analyse_agency  # with the template data: not on a cache hit's import path
    from .template import AGENCY_LEVELS

    level = AGENCY_LEVELS.get(agency.kind or "")
    if level is not None:
        return level
    cut = agency.name.rfind(agency.core) if agency.core else -1
    prefix = agency.name[:cut] if cut > 0 else ""
    return AGENCY_LEVELS.get(analyse_agency(prefix).kind or "") if prefix else None
