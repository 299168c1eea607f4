from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, SUGGESTED, Edit, Finding, Fix, Fixable, Related, rule


@rule("NB303", "period-year", ERROR, "统计期限不是报告年度的 1 月 1 日至 12 月 31 日", fixable=Fixable.SOMETIMES)
def period_year(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    统计期限（“本报告所列数据的统计期限自Y年1月1日起至Y年12月31日止”）必须恰好是报告年度 Y 的
    全年。报告年度以标题和正文中说明本年度的句子为准；期限不是全年（如止于 11 月 30 日）也报告。

    为什么重要
    --------
    套用上一年报告时统计期限常常忘改，数据的时间范围就说错了。

    错误示例
    --------
    2023 年度报告中写“统计期限自2022年1月1日起至2022年12月31日止”。

    正确示例
    --------
    “统计期限自2023年1月1日起至2023年12月31日止”。

    修复（建议）
    --------
    改为报告年度的 1 月 1 日至 12 月 31 日。
    """
    period = report.facts.period
    if period is None:
        return
    year = _other_evidence_year(report)
    wrong_year = year is not None and (period.start_date[0] != year or period.end_date[0] != year)
    if not wrong_year and period.full_year:
        return
    target = year if year is not None else period.start_date[0]
    text = report.text[period.start : period.end]
    if wrong_year:
        message = f"统计期限是 {_date(period.start_date)} 至 {_date(period.end_date)}，但报告年度是 {year} 年"
    else:
        message = f"统计期限 {_date(period.start_date)} 至 {_date(period.end_date)} 不是完整的自然年"
    replacement = f"{target}年1月1日起至{target}年12月31日" if "起" in text else f"{target}年1月1日至{target}年12月31日"
    related: tuple[Related, ...] = ()
    if report.title and report.title.year is not None:
        related = (Related(report.title.year_start, report.title.year_end, f"标题年份 {report.title.year}"),)
    yield Finding(
        period.start,
        period.end,
        message,
        fix=Fix(f"改为“{replacement}”", (Edit(period.start, period.end, replacement),), SUGGESTED),
        related=related,
    )


def _date(d: tuple[int, int, int]) -> str:
    return f"{d[0]}年{d[1]}月{d[2]}日"


def _other_evidence_year(report: Report) -> int | None:
    """The year the title and the body's statements agree on, leaving the period itself out."""
    override = report.overrides.get("report-year")
    if isinstance(override, int):
        return override
    votes: Counter[int] = Counter(e.year for e in report.facts.statements)
    if report.title and report.title.year is not None:
        votes[report.title.year] += 1
    if not votes:
        return None
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]
