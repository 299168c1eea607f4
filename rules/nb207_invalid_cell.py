from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import NUMBER, TEXT, BoundCell, Report, Table
from nianbao.reconcile import Reconciliation
from nianbao.ruledef import ERROR, WARNING, Finding, Fixable, Related, rule
from nianbao.template import AMOUNT, COUNT, SIGNED, TABLE_NAMES, RowSpec

from ._tables import cell_name, identity_findings, reconciliations, visible_span

_LISTED_ROWS = 3  # rows named in the blank-cell message; the rest are counted
_RELATED_MAX = 12


@rule("NB207", "invalid-cell", ERROR, "数字单元格为空、不是数字、为负数或带了模板不用的单位", fixable=Fixable.SOMETIMES)
def invalid_cell(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    三张统计表中每个该填数字的单元格：

    - 必须是数字，不能是“无”“略”等文字；
    - 件数不能为负数、不能有小数（表二 2019 年模板的“本年增/减”可以为负）；
    - 不能带模板不用的单位：件数一栏不写“件”“条”；金额栏只能用表头规定的单位
      （2021 年模板“本年收费金额”为万元；2019 年模板“采购总金额”可写元或万元）；
    - 不应空着：没有发生的填 0，不适用的填“/”。

    空白单元格按 0 参与勾稽关系核对（见 NB201）。按 0 计算能说得通的空白，每张表只报告一次：
    按 0 计算时各项勾稽关系都成立，为警告（“表三有 33 个空白单元格”，空着的总计也算在内）；
    表中另有勾稽关系不成立而又有空着的总计时为错误（空白的总计可能漏填了数）。
    一个空白的总计而它的各项之和不是 0，是一处真正的错误，单独报告，并在改法唯一时建议填入算出的数。

    为什么重要
    --------
    空白既不是 0 也不是“不适用”，审核人员无法判断是漏填还是没有发生；
    文字和单位会让汇总统计出错。

    错误示例
    --------
    ``行政事业性收费	0	（空）`` ；``一、本年新收政府信息公开申请数量	3件	…``

    正确示例
    --------
    ``行政事业性收费	0	0`` ；``一、本年新收政府信息公开申请数量	3	…``

    修复（建议）
    --------
    只为空白的总计（各项之和不是 0）建议填入算出的数；其余要由起草人填写。
    """
    yield from identity_findings(report, frozenset(), blanks=True)
    for table, rec in reconciliations(report):
        name = TABLE_NAMES[table.kind or ""]
        for bound in rec.others:  # a plain count or a blank is never malformed
            message = _problem(bound)
            if message:
                yield Finding(
                    bound.cell.start, bound.cell.end, f"{name}{bound.row.quoted}的“{bound.column.label}”{message}"
                )
        if rec.blanks:
            yield _blanks(report.text, table, rec)


def _blanks(text: str, table: Table, rec: Reconciliation) -> Finding:
    """One finding for the blank cells of a table that read as 0."""
    name = TABLE_NAMES[table.kind or ""]
    by_row: dict[RowSpec, list[BoundCell]] = {}
    for bound in rec.blanks:
        by_row.setdefault(bound.row, []).append(bound)
    listed = "；".join(
        f"{row.quoted}的{'、'.join(b.column.label for b in cells)}"
        for row, cells in list(by_row.items())[:_LISTED_ROWS]
    )
    more = f"等 {len(by_row)} 行" if len(by_row) > _LISTED_ROWS else ""
    totals = f"，其中 {len(rec.blank_totals)} 个是总计" if rec.blank_totals else ""
    holds = "，按 0 计算时各项勾稽关系成立" if rec.identities and not rec.broken else ""
    # Blank totals are "none" like the other blanks when their identities hold with blank = 0 (a
    # blank total over non-zero parts is a wrong cell, reported on its own); in a broken identity
    # besides, a blank total may be hiding a number.
    totals_in_broken = {(b.row, b.column) for b in rec.blank_totals} & {k for i in rec.broken for k in i.cells}
    severity = ERROR if totals_in_broken else WARNING
    why = totals + holds
    start, end = visible_span(text, rec.blanks[0].cell)
    return Finding(
        start,
        end,
        f"{name}有 {len(rec.blanks)} 个空白单元格（{listed}{more}）{why}：没有发生应填 0，不适用应填“/”",
        related=tuple(
            Related(*visible_span(text, b.cell), f"空白：{cell_name(b)}") for b in rec.blanks[1 : _RELATED_MAX + 1]
        ),
        severity=severity,
    )


def _problem(bound: BoundCell) -> str:
    value = bound.cell.value
    column = bound.column
    if value.kind == TEXT:
        return f"不是数字（“{bound.cell.clean_text.strip()}”）：没有发生应填 0，不适用应填“/”"
    if value.kind != NUMBER or value.number is None:
        return ""
    if value.number < 0 and column.kind != SIGNED:
        return f"不能为负数（{bound.cell.clean_text.strip()}）"
    if column.kind in (COUNT, SIGNED) and value.number != value.number.to_integral_value():
        return f"应为整数（{bound.cell.clean_text.strip()}）"
    if value.unit and value.unit not in column.units:
        if column.kind == AMOUNT:
            return f"单位应为{'或'.join(column.units)}，而不是“{value.unit}”"
        return f"只填数字，不要带单位“{value.unit}”"
    return ""
