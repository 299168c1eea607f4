from __future__ import annotations

from collections.abc import Iterator

from nianbao.digest import ReportDigest
from nianbao.ruledef import WARNING, Finding, year_rule
from nianbao.template import T2019, T2Col, t2_blocks

from ._support import fmt
from ._years import last_year, shown, there


@year_rule("NB603", "item-count", WARNING, "表二（2019 版）上一年项目数量与上年报告的项目数量及增减接不上")
def item_count(current: ReportDigest, previous: ReportDigest) -> Iterator[Finding]:
    """检查内容
    --------
    2019 版模板表二的第二十条第（五）（六）（八）项（行政许可、其他对外管理服务事项、行政处罚、
    行政强制、行政事业性收费）按“上一年项目数量”和“本年增/减”填报。两年都用 2019 版模板时，
    本年的“上一年项目数量”应等于上年报告的“上一年项目数量”加上年的“本年增/减”。
    2021 版模板没有这两列，不比对。

    为什么重要
    --------
    项目数量是逐年累计的：本年的起点就是上年的终点。接不上说明两年中有一年填错，
    或者照抄了上年的数字。

    错误示例
    --------
    2019 年度行政许可上一年项目数量 10、本年增/减 2；2020 年度上一年项目数量仍填 10。

    正确示例
    --------
    2020 年度行政许可上一年项目数量填 12。
    """
    this, last = current.table("t2"), previous.table("t2")
    if current.template != T2019 or previous.template != T2019 or this is None or last is None:
        return
    for block in t2_blocks(T2019):
        if T2Col.CHANGE not in block.columns:
            continue
        for row in block.rows:
            now, before, change = (
                this.cell(row, T2Col.PREVIOUS),
                last.cell(row, T2Col.PREVIOUS),
                last.cell(row, T2Col.CHANGE),
            )
            if now is None or before is None or change is None:
                continue
            expected = before.number + change.number
            if now.number == expected:
                continue
            yield Finding(
                now.start,
                now.end,
                f"表二“{row.label}”上一年项目数量为 {shown(now)}，但{last_year(previous)}的上一年项目数量 "
                f"{shown(before)} 加本年增/减 {shown(change)} 为 {fmt(expected)}",
                related=(
                    there(previous, before.start, before.end, f"{last_year(previous)}：上一年项目数量 {shown(before)}"),
                    there(previous, change.start, change.end, f"{last_year(previous)}：本年增/减 {shown(change)}"),
                ),
                detail=f"{shown(before)} + {shown(change)} = {fmt(expected)}\n本年上一年项目数量：{shown(now)}",
            )
