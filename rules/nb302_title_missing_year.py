from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, SUGGESTED, Edit, Finding, Fix, Fixable, rule


@rule("NB302", "title-missing-year", ERROR, "标题没有年份", fixable=Fixable.SOMETIMES)
def title_missing_year(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    标题必须写明报告年度：``××镇人民政府2023年政府信息公开工作年度报告``。

    为什么重要
    --------
    每个机关每年都发布一份年度报告，没有年份的标题无法区分是哪一年的。

    错误示例
    --------
    ``青山镇政府信息公开工作年度报告``

    正确示例
    --------
    ``青山镇2019年政府信息公开工作年度报告``

    修复（建议）
    --------
    在机关名称之后插入正文所示的报告年度。
    """
    title = report.title
    if title is None or title.year is not None:
        return
    year = report.facts.report_year
    fix = None
    if year is not None:
        fix = Fix(f"在标题中插入“{year}年”", (Edit(title.agency_end, title.agency_end, f"{year}年"),), SUGGESTED)
    hint = f"（正文表明是 {year} 年）" if year is not None else ""
    yield Finding(title.start, title.end, f"标题没有年份{hint}", fix=fix)
