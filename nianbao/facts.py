"""What the linter infers once per report and rules share.

- the report year, with the evidence for it (the statistics period, the body's own-year
  statements), independent of the title so that NB301 can check the title against it;
- the reporting agency (from configuration, the title, the signature or the body), its short
  "core" name and its kind (镇, 县, 局 …);
- the template the year requires and the template the tables follow.

Configuration overrides (``report-year``, ``template``, ``agency``) win over inference.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property
from typing import TYPE_CHECKING

from .lazyre import lazy
from .record import FrozenRecord
from .template import (
    AGENCY_LEVELS,
    GOVERNMENT_SUFFIXES,
    NON_NAME_PREFIXES,
    OFFICE_FORMS,
    TOWNSHIP_KINDS,
    kind_of_name,
    template_for_year,
)
from .textutil import normalize

if TYPE_CHECKING:
    from .model import Report

_PERIOD = re.compile(
    r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*"
    r"(?P<y2>\d{4})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
)
_PERIOD_CONTEXT = re.compile(r"统计|数据")
# The last two open with ``\d\d{3}``, not ``\d{4}``: a pattern that starts with one digit lets `re`
# skip ahead to the digits of a paragraph instead of trying every character (same matches).
_STATEMENTS = (
    re.compile(r"现将[^。]{0,40}?(?P<y>\d{4})\s*年度?[^。]{0,30}?(?:报告|总结)如下"),
    re.compile(r"^\s*(?P<y>\d{4})\s*年度?\s*[,，](?P<clause>[^,，。；]*)"),
    re.compile(r"(?P<y>\d\d{3})\s*年度?\s*(?:共|全年|累计|共计|主动公开|未收到|收到|受理)"),
    re.compile(r"(?P<y>\d\d{3})\s*年度?\s*政府信息公开工作年度报告"),
)
_FUTURE = re.compile(r"将|计划|预计|拟|争取|力争|下一步|今后|明年")
_GEO_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,3}?(?:自治区|自治州|省|市|州|盟|区|县|旗)")
_TOWNSHIP_NAME = lazy(r"(?=([\u4e00-\u9fff]{2,3})(镇|乡|街道))")

PERIOD_WEIGHT = 2  # the statistics period is the strongest statement of the year


class YearEvidence(FrozenRecord):
    __slots__ = ("year", "start", "end", "kind")
    year: int
    start: int
    end: int
    kind: str  # period | statement

    def __init__(self, year: int, start: int, end: int, kind: str) -> None:
        self._init(year, start, end, kind)


class Period(FrozenRecord):
    __slots__ = ("start_date", "end_date", "start", "end", "year_spans")
    start_date: tuple[int, int, int]
    end_date: tuple[int, int, int]
    start: int
    end: int
    year_spans: tuple[tuple[int, int], tuple[int, int]]

    def __init__(
        self,
        start_date: tuple[int, int, int],
        end_date: tuple[int, int, int],
        start: int,
        end: int,
        year_spans: tuple[tuple[int, int], tuple[int, int]],
    ) -> None:
        self._init(start_date, end_date, start, end, year_spans)

    @property
    def full_year(self) -> bool:
        return (
            self.start_date[0] == self.end_date[0] and self.start_date[1:] == (1, 1) and self.end_date[1:] == (12, 31)
        )


class Agency(FrozenRecord):
    __slots__ = ("name", "core", "kind", "government", "start", "end", "source")
    name: str  # as written, whitespace removed: 莱州市柞村镇人民政府
    core: str  # the agency itself without its place prefixes or 人民政府: 柞村镇
    kind: str | None  # 镇, 乡, 街道, 县, 区, 市, 省, 局, 委, 办, 厅, 中心
    government: bool  # named as a people's government (…人民政府)
    start: int
    end: int
    source: str  # config | title | signature | body

    def __init__(
        self, name: str, core: str, kind: str | None, government: bool, start: int = 0, end: int = 0, source: str = ""
    ) -> None:
        self._init(name, core, kind, government, start, end, source)

    @property
    def places(self) -> tuple[str, ...]:
        """The place names written before the core, outermost first: 云州市临川区白沙镇 → (云州市, 临川区)."""
        return place_names(place_prefix(self.name, self.core))

    @property
    def is_county_or_higher_government(self) -> bool:
        return self.government and self.kind in ("县", "区", "市", "省")


def analyse_agency(name: str, start: int = 0, end: int = 0, source: str = "") -> Agency:
    """Split an agency name into its core and kind: 烟台市牟平区莒格庄镇 → 莒格庄镇, 镇;
    青禾县东岭街道办事处 → 东岭街道, 街道."""
    full = normalize(name)
    body = full
    government = False
    for suffix in GOVERNMENT_SUFFIXES:
        if body.endswith(suffix) and len(body) > len(suffix):
            body = body[: -len(suffix)]
            government = True
            break
    for office, own in OFFICE_FORMS:
        if body.endswith(office):
            body = body[: -len(office)] + own
            break
    core = body
    while True:
        m = _GEO_PREFIX.match(core)
        if not m or m.end() == len(core):
            break
        core = core[m.end() :]
    return Agency(full, core, kind_of_name(core), government, start, end, source)


def place_names(text: str) -> tuple[str, ...]:
    """A run of place names split into its names: 云州市临川区 → (云州市, 临川区); a rest that is no
    place name stays one piece."""
    parts = []
    while text:
        m = _GEO_PREFIX.match(text)
        end = m.end() if m else len(text)
        parts.append(text[:end])
        text = text[end:]
    return tuple(parts)


def agency_level(agency: Agency) -> str | None:
    """The administrative level of *agency* (省级 / 市级 / 县级 / 乡镇级): its own kind's, or for a
    department the level of the government its name starts with; None when neither tells."""
    level = AGENCY_LEVELS.get(agency.kind or "")
    if level is not None:
        return level
    prefix = place_prefix(agency.name, agency.core)
    return AGENCY_LEVELS.get(analyse_agency(prefix).kind or "") if prefix else None


def place_prefix(name: str, core: str) -> str:
    """What an agency's name writes before its core: 青禾市临溪县 in 青禾市临溪县教育局 ("" when nothing)."""
    cut = name.rfind(core) if core else -1
    return name[:cut] if cut > 0 else ""


def same_agency(a: str, b: str) -> bool:
    """Whether two names denote one agency, allowing the short forms drafts use."""
    x, y = analyse_agency(a), analyse_agency(b)
    return x.core == y.core or x.core.endswith(y.core) or y.core.endswith(x.core)


class Facts:
    def __init__(self, report: Report) -> None:
        # Facts keeps what it reads, not the report itself: the report caches its Facts, and a
        # back-reference would make every parsed report a cycle that only the cyclic GC frees.
        # Built on first use, after parsing has set the title and signature.
        self.paragraphs = report.paragraphs
        self.tables = report.tables
        self.overrides = report.overrides
        self.title = report.title
        self.signature = report.signature

    # --- years ---------------------------------------------------------------------------------

    @cached_property
    def period(self) -> Period | None:
        for para in self.paragraphs:
            folded = para.folded
            for m in _PERIOD.finditer(folded):
                if not _PERIOD_CONTEXT.search(folded[max(0, m.start() - 30) : m.start()]):
                    continue
                g = {k: int(v) for k, v in m.groupdict().items()}
                base = para.start
                return Period(
                    (g["y1"], g["m1"], g["d1"]),
                    (g["y2"], g["m2"], g["d2"]),
                    base + m.start(),
                    base + m.end(),
                    ((base + m.start("y1"), base + m.end("y1")), (base + m.start("y2"), base + m.end("y2"))),
                )
        return None

    @cached_property
    def statements(self) -> list[YearEvidence]:
        """Sentences in the body that state the report's own year (not plans, not comparisons)."""
        found: list[YearEvidence] = []
        seen: set[int] = set()
        for para in self.paragraphs:
            folded = para.folded
            if "年" not in folded:
                continue
            for pattern in _STATEMENTS:
                for m in pattern.finditer(folded):
                    if "clause" in m.groupdict() and _FUTURE.search(m.group("clause")):
                        continue
                    start = para.start + m.start("y")
                    if start in seen:
                        continue
                    seen.add(start)
                    found.append(YearEvidence(int(m.group("y")), start, para.start + m.end("y"), "statement"))
        found.sort(key=lambda e: e.start)
        return found

    @cached_property
    def year_evidence(self) -> list[YearEvidence]:
        evidence = list(self.statements)
        if self.period and self.period.start_date[0] == self.period.end_date[0]:
            (s, e), _ = self.period.year_spans
            evidence.insert(0, YearEvidence(self.period.start_date[0], s, e, "period"))
        return evidence

    @cached_property
    def body_year(self) -> int | None:
        """The year the period and the body's own-year statements agree on (weighted majority)."""
        return _vote(self.year_evidence)

    @cached_property
    def report_year(self) -> int | None:
        override = self.overrides.get("report-year")
        if isinstance(override, int):
            return override
        if self.body_year is not None:
            return self.body_year
        title = self.title
        if title and title.year:
            return title.year
        signature = self.signature
        if signature and signature.date and signature.date[1] <= 3:
            return signature.date[0] - 1
        return None

    @cached_property
    def year_is_certain(self) -> bool:
        """Every piece of body evidence names the report year (the condition for safe year fixes)."""
        if "report-year" in self.overrides:
            return True
        return bool(self.year_evidence) and all(e.year == self.report_year for e in self.year_evidence)

    # --- templates -------------------------------------------------------------------------------

    @cached_property
    def required_template(self) -> str | None:
        override = self.overrides.get("template")
        if isinstance(override, str):
            return override
        return template_for_year(self.report_year) if self.report_year else None

    @cached_property
    def table_template(self) -> str | None:
        """The template the report's tables follow, from their labels (table 2 first, then 3)."""
        for kind in ("t2", "t3"):
            for table in self.tables:
                if table.kind == kind and table.template:
                    return table.template
        return None

    # --- agency ----------------------------------------------------------------------------------

    @cached_property
    def agency(self) -> Agency | None:
        override = self.overrides.get("agency")
        if isinstance(override, str):
            return analyse_agency(override, source="config")
        t = self.title
        if t and t.agency:
            return analyse_agency(t.agency, t.agency_start, t.agency_end, "title")
        s = self.signature
        if s and s.agency:
            return analyse_agency(s.agency, s.agency_start, s.agency_end, "signature")
        return self._agency_from_body()

    def _agency_from_body(self) -> Agency | None:
        counts: Counter[str] = Counter()
        first: dict[str, tuple[int, int]] = {}
        for para in self.paragraphs:
            for m in _TOWNSHIP_NAME.finditer(para.text):
                name = m.group(1) + m.group(2)
                if m.group(1)[0] in NON_NAME_PREFIXES:
                    continue
                counts[name] += 1
                first.setdefault(name, (para.start + m.start(), para.start + m.start() + len(name)))
        if not counts:
            return None
        name, n = counts.most_common(1)[0]
        if n < 2:
            return None
        agency = analyse_agency(name, *first[name], "body")
        return agency if agency.kind in TOWNSHIP_KINDS else None


def _vote(evidence: list[YearEvidence]) -> int | None:
    if not evidence:
        return None
    weights: Counter[int] = Counter()
    for e in evidence:
        weights[e.year] += PERIOD_WEIGHT if e.kind == "period" else 1
    ranked = weights.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        period = next((e.year for e in evidence if e.kind == "period"), None)
        if period in (ranked[0][0], ranked[1][0]):
            return period
    return ranked[0][0]
