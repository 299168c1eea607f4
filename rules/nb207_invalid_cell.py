from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import BLANK, NUMBER, TEXT, BoundCell, Report
from nianbao.ruledef import ERROR, Finding, rule
from nianbao.template import AMOUNT, COUNT, SIGNED, TABLE_NAMES


@rule("NB207", "invalid-cell", ERROR, "数字单元格为空、不是数字、为负数或带了模板不用的单位")
def invalid_cell(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    三张统计表中每个该填数字的单元格：

    - 不能空着：没有发生的填 0，不适用的填“/”；
    - 必须是数字，不能是“无”“略”等文字；
    - 件数不能为负数、不能有小数（表二 2019 年模板的“本年增/减”可以为负）；
    - 不能带模板不用的单位：件数一栏不写“件”“条”；金额栏只能用表头规定的单位
      （2021 年模板“本年收费金额”为万元；2019 年模板“采购总金额”可写元或万元）。

    一行中连续的空单元格合并为一条报告。

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

    修复
    --------
    无自动修复：应填的数字只有起草人知道。
    """
    for table in report.tables:
        if table.kind not in TABLE_NAMES:
            continue
        name = TABLE_NAMES[table.kind]
        by_row: dict[str, list[BoundCell]] = {}
        for (row, _), bound in table.cells.items():
            by_row.setdefault(row, []).append(bound)
        for cells in by_row.values():
            yield from _blank_runs(name, cells)
            for bound in cells:
                message = _problem(bound)
                if message:
                    yield Finding(
                        bound.cell.start, bound.cell.end, f"{name}“{bound.row_label}”的“{bound.column.label}”{message}"
                    )


def _blank_runs(name: str, cells: list[BoundCell]) -> Iterator[Finding]:
    run: list[BoundCell] = []
    for bound in cells:
        if bound.cell.value.kind == BLANK:
            run.append(bound)
            continue
        if run:
            yield _blank(name, run)
            run = []
    if run:
        yield _blank(name, run)


def _blank(name: str, run: list[BoundCell]) -> Finding:
    labels = "、".join(b.column.label for b in run)
    return Finding(
        run[0].cell.start,
        run[-1].cell.end,
        f"{name}“{run[0].row_label}”的 {labels} 为空：没有发生应填 0，不适用应填“/”",
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
