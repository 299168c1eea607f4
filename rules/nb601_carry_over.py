from __future__ import annotations

from collections.abc import Iterator

from nianbao.digest import ReportDigest
from nianbao.digest_parts import CellDigest, TableDigest
from nianbao.ruledef import ERROR, Finding, year_rule
from nianbao.template import T3_APPLICANT_COLUMNS, ColumnSpec, T3Col, T3Row

from ._years import last_year, shown, there


@year_rule("NB601", "carry-over", ERROR, "表三“二、上年结转”与上年报告的“四、结转下年度继续办理”不一致")
def carry_over(current: ReportDigest, previous: ReportDigest) -> Iterator[Finding]:
    """检查内容
    --------
    本年度表三“二、上年结转政府信息公开申请数量”的每一列，必须等于同一机关上一年度报告表三
    “四、结转下年度继续办理”的同一列（自然人、商业企业……其他）。上年报告由 nianbao 在同一次
    检查的文件、同一目录树或工作区中按机关和年度找到，也可以在配置中用 ``previous`` 指定。
    2020 年度报告（2019 版模板）与 2021 年度报告（2021 版模板）之间同样比对。
    只有申请人各列都相符时才比对“总计”“法人或其他组织小计”列，一处错误只报告一次。

    为什么重要
    --------
    上年没有办结、结转到本年的申请，就是本年的“上年结转”。两年数字对不上，说明有申请被漏统计
    或重复统计，也是审核人员比对两年报告时最先查看的地方。

    错误示例
    --------
    2022 年度报告“四、结转下年度继续办理”自然人列为 2，2023 年度报告“二、上年结转”自然人列为 0。

    正确示例
    --------
    2023 年度报告“二、上年结转”自然人列为 2（与 2022 年度报告的结转数一致）。
    """
    this, last = current.table("t3"), previous.table("t3")
    if this is None or last is None:
        return
    differing = _differing(this, last, T3_APPLICANT_COLUMNS)
    if not differing:  # totals only when no applicant column explains their difference
        differing = _differing(this, last, (T3Col.TOTAL, T3Col.SUBTOTAL))
    for column, now, before in differing:
        yield Finding(
            now.start,
            now.end,
            f"表三“二、上年结转”{column.label}列为 {shown(now)}，"
            f"但{last_year(previous)}“四、结转下年度继续办理”{column.label}列为 {shown(before)}",
            related=(
                there(previous, before.start, before.end, f"{last_year(previous)}：结转下年度继续办理 {shown(before)}"),
            ),
            detail=(
                f"本年（{current.year} 年度）二、上年结转（{column.label}）：{shown(now)}\n"
                f"上年（{previous.year} 年度）四、结转下年度继续办理（{column.label}）：{shown(before)}\n"
                f"上年报告：{previous.path}"
            ),
        )


def _differing(
    this: TableDigest, last: TableDigest, columns: tuple[ColumnSpec, ...]
) -> list[tuple[ColumnSpec, CellDigest, CellDigest]]:
    """This year's 二 and last year's 四 in each of *columns* where both are there and differ."""
    out = []
    for column in columns:
        now, before = this.cell(T3Row.CARRIED, column), last.cell(T3Row.CARRY_FORWARD, column)
        if now is not None and before is not None and now.number != before.number:
            out.append((column, now, before))
    return out
