from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, SAFE, SUGGESTED, Edit, Finding, Fix, Fixable, Related, rule


@rule("NB301", "title-year", ERROR, "标题年份与报告年度不一致", fixable=Fixable.ALWAYS)
def title_year(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    标题中的年份必须是报告年度。报告年度取自正文：统计期限
    （“自2023年1月1日起至2023年12月31日止”）和正文中说明本年度的句子
    （“现将2023年……报告如下”“2023年，我镇……”“2023年度共……”）。
    正文中提到的其他年份（“及时公开了2022年财政预算”“相比2022年”“2024年，我们将……”）
    不作为依据，也不会被报告。

    为什么重要
    --------
    套用上一年报告时最容易忘改标题年份；标题年份错了，报告在网站上就归错了年度。

    错误示例
    --------
    标题 ``××镇人民政府2022年政府信息公开工作年度报告``，统计期限和正文都是 2023 年。

    正确示例
    --------
    标题 ``××镇人民政府2023年政府信息公开工作年度报告``。

    修复（安全：正文证据全部一致时）
    --------
    把标题中的年份改为报告年度；正文证据不一致时只作为建议。
    """
    title = report.title
    facts = report.facts
    if title is None or title.year is None:
        return
    year = facts.body_year if "report-year" not in report.overrides else facts.report_year
    if year is None or year == title.year:
        return
    certain = facts.year_is_certain
    evidence = [e for e in facts.year_evidence if e.year == year]
    kinds = "统计期限和正文" if any(e.kind == "period" for e in evidence) else "正文"
    if "report-year" in report.overrides:
        kinds = "配置（report-year）"
    yield Finding(
        title.year_start,
        title.year_end,
        f"标题年份为 {title.year}，但{kinds}表明报告年度是 {year}",
        fix=Fix(
            f"把标题年份改为 {year}",
            (Edit(title.year_start, title.year_end, str(year)),),
            SAFE if certain else SUGGESTED,
        ),
        related=tuple(
            Related(e.start, e.end, f"{'统计期限' if e.kind == 'period' else '正文'}：{e.year} 年")
            for e in evidence[:5]
        ),
    )
