from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from nianbao.model import Report
from nianbao.ruledef import WARNING, Finding, rule
from nianbao.template import DEADLINE_DEFAULT, DEADLINE_GOVERNMENT


@rule("NB304", "date-window", WARNING, "落款日期早于年度结束或晚于法定发布期限")
def date_window(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    《条例》第四十九条规定：报告年度 Y 的年度报告应在 Y+1 年 1 月 31 日前公布；
    县级以上人民政府的本级年度报告在 Y+1 年 3 月 31 日前公布。
    落款日期早于 Y+1 年 1 月 1 日（年度还没结束）或晚于上述期限时报告。

    为什么重要
    --------
    逾期发布会在政务公开考核中扣分；早于年度结束的日期多半是年份写错。

    错误示例
    --------
    2023 年度镇政府报告落款 ``2024年2月20日``。

    正确示例
    --------
    落款 ``2024年1月11日``。

    修复
    --------
    无自动修复：落款日期以实际印发日期为准。
    """
    sig = report.signature
    year = report.facts.report_year
    if sig is None or sig.date is None or year is None:
        return
    try:
        signed = date(*sig.date)
    except ValueError:
        yield Finding(
            sig.date_start, sig.date_end, f"落款日期 {sig.date[0]}年{sig.date[1]}月{sig.date[2]}日 不是有效日期"
        )
        return
    agency = report.facts.agency
    government = agency is not None and agency.is_county_or_higher_government
    month, day = DEADLINE_GOVERNMENT if government else DEADLINE_DEFAULT
    deadline = date(year + 1, month, day)
    if signed < date(year + 1, 1, 1):
        yield Finding(sig.date_start, sig.date_end, f"落款日期 {_fmt(signed)} 早于 {year} 年度结束，年份可能写错了")
    elif signed > deadline:
        who = "县级以上人民政府本级年度报告" if government else "年度报告"
        yield Finding(sig.date_start, sig.date_end, f"落款日期 {_fmt(signed)} 晚于{who}的法定发布期限 {_fmt(deadline)}")


def _fmt(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
