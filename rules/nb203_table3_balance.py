from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, Finding, rule

from ._support import fmt, related_cell


@rule("NB203", "table3-balance", ERROR, "表三勾稽关系不成立：一 + 二 ≠（七）总计 + 四")
def table3_balance(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    表三左上角写明的勾稽关系：第一项加第二项之和，等于第三项加第四项之和，即每一列都要满足
    一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理。
    四个单元格中有空白、“/”或文字时不计算。

    为什么重要
    --------
    收到的申请（本年新收加上年结转）要么本年办结，要么结转下年，不会凭空多出或消失。
    这是审核人员必查的一项。

    错误示例
    --------
    本年新收 1 + 上年结转 0 = 1，但（七）总计 0 + 结转下年度 0 = 0。

    正确示例
    --------
    本年新收 1 + 上年结转 0 = 1，（七）总计 1 + 结转下年度 0 = 1。

    修复
    --------
    无自动修复：要由起草人判断是哪一个数填错了。
    """
    for table in report.tables_of("t3"):
        for column in table.columns:
            keys = [(row, column.key) for row in ("new", "carried", "total", "carry_forward")]
            values = table.numbers_at(keys)
            if values is None:
                continue
            cells = [table.cells[k] for k in keys]
            anchor = cells[2]
            new, carried, total, forward = values
            left, right = new + carried, total + forward
            if left == right:
                continue
            yield Finding(
                anchor.cell.start,
                anchor.cell.end,
                f"勾稽关系不成立（{column.label}列）：一、本年新收 {fmt(new)} + 二、上年结转 {fmt(carried)} = {fmt(left)}，"
                f"但（七）总计 {fmt(total)} + 四、结转下年度 {fmt(forward)} = {fmt(right)}",
                related=tuple(related_cell(c.cell, f"{c.row_label} {fmt(v)}") for c, v in zip(cells, values) if c),
                detail=f"{fmt(new)} + {fmt(carried)} = {fmt(left)} ≠ {fmt(total)} + {fmt(forward)} = {fmt(right)}",
            )
