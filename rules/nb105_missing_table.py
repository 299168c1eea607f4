from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.render import render_table
from nianbao.ruledef import ERROR, SUGGESTED, Edit, Finding, Fix, Fixable, rule
from nianbao.template import T2021, TABLE_NAMES, TABLE_TITLES


@rule("NB105", "missing-table", ERROR, "第二、三、四部分没有统计表", fixable=Fixable.SOMETIMES)
def missing_table(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    第二部分必须有“主动公开政府信息情况”表，第三部分必须有“收到和处理政府信息公开申请情况”表，
    第四部分必须有“行政复议、行政诉讼情况”表。部分存在但报告中找不到对应的表时报告。

    为什么重要
    --------
    三张统计表是年度报告的核心数据，只有文字描述而没有表格的报告不符合统一格式。
    即使全年数据都是 0，也要填表。

    错误示例
    --------
    ::

        四、政府信息公开行政复议、行政诉讼情况
        本年度未发生行政复议和行政诉讼。

    正确示例
    --------
    在文字之后附上完整的表四，15 个单元格全部填写（没有发生则填 0）。

    修复（建议）
    --------
    在标题下插入空白的模板表格（按报告年度选择 2019 或 2021 年模板）。
    """
    for section in report.sections:
        spec = section.spec
        if spec is None or spec.table is None or report.table(spec.table) is not None:
            continue
        template = report.facts.required_template or report.facts.table_template or T2021
        table = render_table(spec.table, template, report.form)
        at = section.heading_end
        yield Finding(
            section.title_start,
            section.title_end,
            f"第{spec.numeral}部分没有{TABLE_NAMES[spec.table]}（{TABLE_TITLES[spec.table]}）",
            fix=Fix("插入空白的模板表格", (Edit(at, at, "\n\n" + table + "\n"),), SUGGESTED),
        )
