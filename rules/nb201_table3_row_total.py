from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, Finding, Fixable, rule
from nianbao.template import T3_APPLICANT_COLUMNS, T3_ORGANISATION_COLUMNS

from ._support import check_sum


@rule("NB201", "table3-row-total", ERROR, "表三某行的总计不等于六类申请人之和", fixable=Fixable.SOMETIMES)
def table3_row_total(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    表三每一行的“总计”必须等于 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。
    有“法人或其他组织小计”列时，还检查小计等于五类法人或其他组织之和。
    行中有空白、“/”或文字时不计算（空白由 NB207 报告）。

    为什么重要
    --------
    行合计是最基本的勾稽关系，算错会被上级直接退回，发布后也容易被指出“数据失准”。

    错误示例
    --------
    ``一、本年新收政府信息公开申请数量  3  1  0  0  0  0  5``（3 + 1 = 4，不是 5）

    正确示例
    --------
    ``一、本年新收政府信息公开申请数量  3  1  0  0  0  0  4``

    修复（建议）
    --------
    把总计改为各列之和（请先确认是总计错了，而不是某一列错了）。
    """
    for table in report.tables_of("t3"):
        columns = {c.key for c in table.columns}
        for key in table.rows:
            yield from check_sum(
                table,
                key,
                "total",
                [(key, c) for c in T3_APPLICANT_COLUMNS],
                what="“{label}”一行：总计",
                parts="自然人至其他六列之和",
            )
            if "subtotal" in columns:
                yield from check_sum(
                    table,
                    key,
                    "subtotal",
                    [(key, c) for c in T3_ORGANISATION_COLUMNS],
                    what="“{label}”一行：法人或其他组织小计",
                    parts="五类法人或其他组织之和",
                )
