from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from nianbao.model import Report, Table
from nianbao.ruledef import ERROR, SUGGESTED, Finding, Fixable, rule
from nianbao.template import T3_GROUPS, RowSpec, t3_rows

from ._support import check_sum, fmt, related_cell, set_number


@rule("NB202", "table3-outcome-total", ERROR, "表三（七）总计不等于（一）至（六）之和", fixable=Fixable.SOMETIMES)
def table3_outcome_total(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    表三每一列（自然人、五类法人或其他组织、总计）都必须满足：
    （七）总计 = （一）予以公开 + （二）部分公开 + （三）不予公开 1–8 项 + （四）无法提供 1–3 项
    + （五）不予处理 1–5 项 + （六）其他处理（2021 年模板为 1–3 项）。
    表中另有（三）至（六）的小计行时，也检查小计等于各项之和。
    有空白、“/”、文字或缺行时不计算（分别由 NB207、NB106 报告）。

    为什么重要
    --------
    （七）总计是本年度办理结果的合计，是表三勾稽关系的中心；错一个数，整张表都对不上。

    错误示例
    --------
    自然人一列：（一）予以公开 1，其余各项为 0，但（七）总计填了 0。

    正确示例
    --------
    自然人一列：（一）予以公开 1，其余各项为 0，（七）总计为 1。

    修复（建议）
    --------
    把（七）总计改为各项之和（请先确认是总计错了，而不是某一项错了）。
    """
    template_default = report.facts.required_template
    for table in report.tables_of("t3"):
        template = table.template or template_default
        if template is None:
            continue
        leaves = [s for s in t3_rows(template) if s.group]
        if any(s.key not in table.rows for s in leaves) or "total" not in table.rows:
            continue
        for column in table.columns:
            yield from _total(table, leaves, column.key, column.label)
            for key, _, _ in T3_GROUPS:
                subtotal = f"{key}.subtotal"
                if subtotal in table.rows:
                    items = [(s.key, column.key) for s in leaves if s.group == key]
                    yield from check_sum(
                        table,
                        subtotal,
                        column.key,
                        items,
                        what="{label}（" + column.label + "列）",
                        parts="各项之和",
                    )


def _total(table: Table, leaves: list[RowSpec], column: str, column_label: str) -> Iterator[Finding]:
    values = table.numbers_at([("total", column), *((s.key, column) for s in leaves)])
    if values is None:
        return
    target = table.cells[("total", column)]
    cells = [table.cells[(s.key, column)] for s in leaves]
    actual, leaf_values = values[0], values[1:]
    by_group: dict[str, Decimal] = {}
    for spec, value in zip(leaves, leaf_values):
        by_group[spec.group] = by_group.get(spec.group, Decimal(0)) + value
    expected = sum(leaf_values, Decimal(0))
    if actual == expected:
        return
    formula = " + ".join(f"{ordinal}{fmt(by_group.get(key, 0))}" for key, ordinal, _ in T3_GROUPS)
    nonzero = [(s, c, v) for s, c, v in zip(leaves, cells, leaf_values) if c is not None and v]
    yield Finding(
        target.cell.start,
        target.cell.end,
        f"（七）总计（{column_label}列）为 {fmt(actual)}，但（一）至（六）之和为 {fmt(expected)}",
        fix=set_number(target.cell, expected, f"把（七）总计（{column_label}列）改为 {fmt(expected)}", SUGGESTED),
        related=tuple(related_cell(c.cell, f"{s.short} {fmt(v)}") for s, c, v in nonzero),
        detail=f"{formula} = {fmt(expected)} ≠ （七）总计 {fmt(actual)}",
    )
