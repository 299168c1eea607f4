"""The audit of a run: every report with what the linter inferred about it and every finding placed
in its text, and the overview counts. The HTML report, the workbook and the JSON all render this one
model, so their numbers cannot disagree.

Built from the `FileResult`s of a run (their ``digest`` gives agency, year and template; their
``source`` places findings) and the registry (rule names and summaries).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..output import excerpt, location, related_in, result_span, shown
from ..output.statistics import count
from ..results import FileResult
from ..ruledef import ERROR, INFO, WARNING, Related

if TYPE_CHECKING:
    from ..plugins import Registry

# Rule families by code prefix: the first digit after the letters names the family (NB2xx). A family
# not listed here (a plugin's, a new one) is shown by its code pattern.
FAMILIES = {
    "NB0": "工具自身",
    "NB1": "结构",
    "NB2": "数字与勾稽关系",
    "NB3": "年份与日期",
    "NB4": "机关名称",
    "NB5": "模板规范",
    "NB6": "跨年度比对",
    "NB9": "文字规范",
}
CLEAN, WITH_WARNINGS, WITH_ERRORS = "clean", "warning", "error"
STATUS_LABEL = {CLEAN: "通过", WITH_WARNINGS: "有警告", WITH_ERRORS: "有错误"}
UNKNOWN = "（未识别）"


def family(code: str) -> str:
    """The family a rule code belongs to, as shown to people: ``NB2xx 数字与勾稽关系``."""
    letters = code.rstrip("0123456789")
    digits = code[len(letters) :]
    key = letters + digits[:1]
    pattern = key + "x" * max(len(digits) - 1, 0)
    label = FAMILIES.get(key)
    return f"{pattern} {label}" if label else pattern


@dataclass(frozen=True)
class Location:
    """A place in a draft: 1-based line and column (0: unknown), the excerpt shown (a line, or a
    document's paragraph or table row), the span inside it."""

    path: str
    line: int
    column: int
    excerpt: str
    mark: tuple[int, int]  # code points of `excerpt`
    message: str = ""  # what this place says (related locations)
    place: str = ""  # in a .docx, web page or PDF: 第2页 第2个表格 第8行 第3列 …


@dataclass(frozen=True)
class AuditFinding:
    code: str
    name: str
    family: str
    severity: str
    message: str
    location: Location | None  # None when the text could not be decoded
    fix: str = ""  # the fix's description
    fix_kind: str = ""  # safe | suggested | manual | "" (none)
    related: tuple[Location, ...] = ()


@dataclass(frozen=True)
class AuditReport:
    path: str
    agency: str | None
    level: str | None
    year: int | None
    template: str | None
    required_template: str | None
    findings: tuple[AuditFinding, ...]
    severities: Counter[str] = field(default_factory=Counter)

    @property
    def errors(self) -> int:
        return self.severities[ERROR]

    @property
    def warnings(self) -> int:
        return self.severities[WARNING]

    @property
    def infos(self) -> int:
        return self.severities[INFO]

    @property
    def status(self) -> str:
        return WITH_ERRORS if self.errors else WITH_WARNINGS if self.warnings else CLEAN


@dataclass
class Audit:
    reports: list[AuditReport]
    rules: dict[str, tuple[str, str]]  # code → (name, summary), for every rule that found something
    inputs: list[str]  # the paths the user named
    generated: str  # local time, ISO 8601 to the minute
    version: str
    top: list[dict[str, Any]] = field(default_factory=list)  # most frequent faults (see `overview`)

    @property
    def findings(self) -> int:
        return sum(len(r.findings) for r in self.reports)

    def overview(self) -> dict[str, Any]:
        """The overview counts as plain data (what every output shows first)::

        {"reports": 12, "clean": 7, "warning": 2, "error": 3,
         "findings": 9, "severities": {"error": 5, "warning": 4, "info": 0},
         "by_year": [{"key": "2023", "reports": …, "clean": …, "warning": …, "error": …}, …],
         "by_level": [same, keyed by 乡镇级 / 县级 / … / （未识别）],
         "top": [{"code", "name", "count", "reports", "severity"}, …]}
        """
        statuses = Counter(r.status for r in self.reports)
        severities: Counter[str] = Counter()
        for r in self.reports:
            severities.update(r.severities)
        return {
            "reports": len(self.reports),
            **{s: statuses[s] for s in (CLEAN, WITH_WARNINGS, WITH_ERRORS)},
            "findings": self.findings,
            "severities": {s: severities[s] for s in (ERROR, WARNING, INFO)},
            "by_year": _breakdown(self.reports, lambda r: str(r.year) if r.year else UNKNOWN),
            "by_level": _breakdown(self.reports, lambda r: r.level or UNKNOWN),
            "top": self.top,
        }


def _breakdown(reports: Iterable[AuditReport], key: Any) -> list[dict[str, Any]]:
    rows: dict[str, Counter[str]] = {}
    for r in reports:
        rows.setdefault(key(r), Counter())[r.status] += 1
    return [
        {"key": k, "reports": sum(c.values()), **{s: c[s] for s in (CLEAN, WITH_WARNINGS, WITH_ERRORS)}}
        for k, c in sorted(rows.items(), key=lambda item: (item[0] == UNKNOWN, item[0]))
    ]


TOP = 10  # most frequent faults listed in the overview


def build(results: Sequence[FileResult], registry: Registry, inputs: Sequence[str]) -> Audit:
    """The audit of *results* (one per draft, in the order checked)."""
    import datetime

    from .. import __version__

    reports = [_report(r) for r in results]
    found = {f.code for r in reports for f in r.findings}
    rules = {code: (rule.name, rule.summary) for code, rule in registry.rules.items() if code in found}
    top = [
        {"code": s.code, "name": s.name, "count": s.count, "reports": s.files, "severity": s.severity}
        for s in count(results)[:TOP]
    ]
    now = datetime.datetime.now().isoformat(timespec="minutes")
    return Audit(reports, rules, [shown(path) for path in inputs], now, __version__, top)


def _report(result: FileResult) -> AuditReport:
    s = result.digest
    findings = []
    for f in result.findings:
        findings.append(
            AuditFinding(
                code=f.code,
                name=f.name,
                family=family(f.code),
                severity=f.severity,
                message=f.message,
                location=_locate(result, f.start, f.end),
                fix=f.fix.description if f.fix else "",
                fix_kind=f.fix.applicability if f.fix else "",
                related=tuple(_related(r, result) for r in f.related),
            )
        )
    return AuditReport(
        path=shown(result.path),
        agency=s.agency if s else None,
        level=s.level if s else None,
        year=s.year if s else None,
        template=s.template if s else None,
        required_template=s.required_template if s else None,
        findings=tuple(findings),
        severities=Counter(f.severity for f in result.findings),
    )


def _locate(result: FileResult, start: int, end: int, message: str = "") -> Location | None:
    """Where *start*–*end* is in *result*: line and column as the JSON output gives them, the
    excerpt, and for a .docx, web page or PDF the place in the document's own terms; None when the
    file could not be read."""
    where = location(result, start, end)
    if where is not None:
        line, column, _, _ = result_span(result, start, end)
        return Location(shown(result.path), line, column, where.excerpt, where.span, message, where.label())
    if result.source is None:
        return None
    line, column = result.source.index.position(start)
    part = excerpt(result.source, start, end)
    return Location(shown(result.path), line + 1, column + 1, part.text, (part.start, part.end), message)


def _related(related: Related, result: FileResult) -> Location:
    """Where a related place is: in the finding's own draft, or — for findings that compare drafts
    (a `Related` that carries a ``path``) — in the other draft, read from disk. A place that cannot
    be read is still listed, with its message (line 0: unknown)."""
    owner = related_in(result, related)
    found = _locate(owner, related.start, related.end, related.message)
    return found or Location(shown(owner.path), 0, 0, "", (0, 0), related.message)
