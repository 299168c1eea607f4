from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, Finding, rule
from nianbao.template import TABLE_NAMES, TEMPLATE_NOTICES


@rule("NB501", "template-version", ERROR, "表格使用了与报告年度不符的模板")
def template_version(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    2019、2020 年度报告使用 2019 年模板（国办公开办函〔2019〕60号），2021 年度及以后使用 2021 年模板
    （国办公开办函〔2021〕30号）。从表头判断表格用的是哪一版：2019 年模板有“本年新制作数量”
    “上一年项目数量”“第二十条第（九）项”等，2021 年模板有“本年制发件数”“现行有效件数”
    “本年收费金额”“（六）其他处理”下分 3 项等。版本不符时报告一次。
    2019 年以前的旧统计表（“申请总数”“同意公开”等）也报告一次，不再逐条套用表格规则。

    为什么重要
    --------
    套用往年报告时最容易沿用旧表格；用错模板，数据就无法与同级报告汇总比较。

    错误示例
    --------
    2023 年度报告的表二仍是“本年新制作数量 / 本年新公开数量 / 对外公开总数量”。

    正确示例
    --------
    2023 年度报告的表二为“本年制发件数 / 本年废止件数 / 现行有效件数”。

    修复
    --------
    无自动修复：需要按新模板重新填报数据。
    """
    facts = report.facts
    for table in report.tables:
        if table.kind == "obsolete":
            yield Finding(
                table.start,
                table.grid.rows[0].end,
                "这张统计表是 2019 年以前的旧版格式（如“申请总数”“同意公开”），应改用现行模板的表格",
            )
            return
    required = facts.required_template
    if required is None:
        return
    for table in report.tables:
        if table.kind in ("t2", "t3") and table.template and table.template != required:
            year = facts.report_year
            yield Finding(
                table.start,
                table.grid.rows[0].end,
                f"{year} 年度报告应使用 {required} 年模板（{TEMPLATE_NOTICES[required]}），"
                f"但{TABLE_NAMES[table.kind]}使用的是 {table.template} 年模板",
            )
            return
