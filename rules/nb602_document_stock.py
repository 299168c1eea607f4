from __future__ import annotations

from collections.abc import Iterator

from nianbao.digest import ReportDigest
from nianbao.ruledef import WARNING, Finding, Related, year_rule
from nianbao.template import T2019, T2021, T2Col, T2Row

from ._support import fmt
from ._years import last_year, shown, there

# What adds to the stock of each template's table 2, block 一: 2021 — 本年制发 − 本年废止; 2019 —
# 本年新公开 (the 2019 form has no repeal column). The stock column has the key `in_force` in both.
_ADDED = {T2021: (T2Col.MADE, T2Col.REPEALED), T2019: (T2Col.PUBLISHED_2019, None)}
_ROWS = {T2021: (T2Row.RULES, T2Row.NORMATIVE), T2019: (T2Row.RULES, T2Row.NORMATIVE_2019)}
_STOCK = {T2021: T2Col.IN_FORCE, T2019: T2Col.IN_FORCE_2019}


@year_rule("NB602", "document-stock", WARNING, "表二规章、行政规范性文件的现行有效件数与上年报告接不上")
def document_stock(current: ReportDigest, previous: ReportDigest) -> Iterator[Finding]:
    """检查内容
    --------
    表二第二十条第（一）项的存量要与上年报告接上：

    - 2021 版模板：上年的“现行有效件数” + 本年“本年制发件数” − 本年“本年废止件数” = 本年“现行有效件数”；
    - 2019 版模板：上年的“对外公开总数量” + 本年“本年新公开数量” = 本年“对外公开总数量”；
    - 2020 年度（2019 版）到 2021 年度（2021 版）：上年的“对外公开总数量”作为上年存量，按 2021 版的算式比对。

    规章、（行政）规范性文件两行分别比对；本年或上年缺少其中一格时不比对。这是警告而不是错误：
    开展规范性文件清理、宣布失效等都会改变存量，这时请核实数字，并在报告中说明。

    为什么重要
    --------
    现行有效件数是累计数，每年只应按本年的制发、废止变化；对不上往往是照抄了上年的数字，
    或者只填了本年制发的件数。

    错误示例
    --------
    2022 年度现行有效 5 件；2023 年度本年制发 2 件、本年废止 1 件，现行有效却仍填 5 件。

    正确示例
    --------
    2023 年度现行有效 6 件（5 + 2 − 1）；若因清理另有 1 件失效而填 5 件，在报告中说明清理情况。
    """
    template = current.template
    this, last = current.table("t2"), previous.table("t2")
    if template not in _ADDED or this is None or last is None:
        return
    added_column, removed_column = _ADDED[template]
    stock_column = _STOCK[template]
    for row in _ROWS[template]:
        now, before = this.cell(row, stock_column), last.cell(row, stock_column)
        added = this.cell(row, added_column)
        removed = this.cell(row, removed_column) if removed_column is not None else None
        if now is None or before is None or added is None or (removed_column is not None and removed is None):
            continue
        expected = before.number + added.number - (removed.number if removed is not None else 0)
        if now.number == expected:
            continue
        sum_text = f"上年{stock_column.label} {shown(before)} + {added_column.label} {shown(added)}"
        related = [
            there(previous, before.start, before.end, f"{last_year(previous)}：{stock_column.label} {shown(before)}"),
            Related(added.start, added.end, f"{added_column.label} {shown(added)}"),
        ]
        if removed is not None and removed_column is not None:
            sum_text += f" − {removed_column.label} {shown(removed)}"
            related.append(Related(removed.start, removed.end, f"{removed_column.label} {shown(removed)}"))
        yield Finding(
            now.start,
            now.end,
            f"表二“{row.label}”{stock_column.label}为 {shown(now)}，但按{last_year(previous)}的存量计算："
            f"{sum_text} = {fmt(expected)}。开展清理、宣布失效等会改变存量，请核实并在报告中说明",
            related=tuple(related),
            detail=f"{sum_text} = {fmt(expected)}\n本年{stock_column.label}：{shown(now)}\n上年报告：{previous.path}",
        )
