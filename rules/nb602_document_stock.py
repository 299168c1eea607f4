from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from nianbao.digest import ReportDigest
from nianbao.digest_parts import StockNote
from nianbao.ruledef import WARNING, Finding, Related, year_rule
from nianbao.template import T2019, T2021, T2Col, T2Row, may_make_rules

from ._support import fmt
from ._years import last_year, shown, there

# What adds to the stock of each template's table 2, block 一: 2021 — 本年制发 − 本年废止; 2019 —
# 本年新公开 (the 2019 form has no repeal column). The two stocks are different quantities (现行有效
# vs everything published so far) with different keys, so no stock is compared across the change.
_ADDED = {T2021: (T2Col.MADE, T2Col.REPEALED), T2019: (T2Col.PUBLISHED_2019, None)}
_ROWS = {T2021: (T2Row.RULES, T2Row.NORMATIVE), T2019: (T2Row.RULES, T2Row.NORMATIVE_2019)}
_STOCK = {T2021: T2Col.IN_FORCE, T2019: T2Col.PUBLISHED_TOTAL_2019}


@year_rule("NB602", "document-stock", WARNING, "表二规章、行政规范性文件的现行有效件数与上年报告接不上")
def document_stock(current: ReportDigest, previous: ReportDigest) -> Iterator[Finding]:
    """检查内容
    --------
    表二第二十条第（一）项的存量要与上年报告接上：

    - 2021 版模板：上年的“现行有效件数” + 本年“本年制发件数” − 本年“本年废止件数” = 本年“现行有效件数”；
    - 2019 版模板：上年的“对外公开总数量” + 本年“本年新公开数量” = 本年“对外公开总数量”。

    规章、（行政）规范性文件两行分别比对；本年或上年缺少其中一格时不比对。两版模板的存量不是同一个数
    （2019 版是历年对外公开的总数，2021 版是现行有效的件数），2020 年度与 2021 年度之间不比对。
    无权制定规章的机关（县、乡镇、街道人民政府和各部门；省、市政府办公厅除外）“规章”一行每年都应为 0，
    由 NB208 逐年检查，这里不比对：否则更正了上年误填的一年反而被指为接不上。

    这是警告而不是错误：开展规范性文件清理、宣布失效等都会改变存量。报告正文说明了变化、且数字对得上时
    不报告：同一句话提到规章或规范性文件和清理、废止、失效、集中发布等，并且

    - 写明的现行有效件数（或它加本年制发件数）等于本年现行有效件数
      （“清理并集中发布现行有效行政规范性文件40件，动态更新本年度制发的5件”，本年 45 件）；或
    - 上年存量 + 本年制发 −（本年废止）− 写明的废止、失效件数（一项或合计）等于本年现行有效件数。

    只说开展了清理而没有数字，或数字对不上，仍然报告。

    为什么重要
    --------
    现行有效件数是累计数，每年只应按本年的制发、废止变化；对不上往往是照抄了上年的数字，
    或者只填了本年制发的件数。

    错误示例
    --------
    2022 年度现行有效 5 件；2023 年度本年制发 2 件、本年废止 1 件，现行有效却仍填 5 件。

    正确示例
    --------
    2023 年度现行有效 6 件（5 + 2 − 1）；若因清理另有 1 件失效而填 5 件，在报告中说明：
    “经清理，宣布失效规范性文件1件”。
    """
    template = current.template
    this, last = current.table("t2"), previous.table("t2")
    if template not in _ADDED or this is None or last is None:
        return
    added_column, removed_column = _ADDED[template]
    stock_column = _STOCK[template]
    for row in _ROWS[template]:
        if row is T2Row.RULES and not may_make_rules(current.agency_kind, current.government, current.agency or ""):
            continue
        now, before = this.cell(row, stock_column), last.cell(row, stock_column)
        added = this.cell(row, added_column)
        removed = this.cell(row, removed_column) if removed_column is not None else None
        if now is None or before is None or added is None or (removed_column is not None and removed is None):
            continue
        taken = removed.number if removed is not None else Decimal(0)
        expected = before.number + added.number - taken
        if now.number == expected or _explained(current.notes, row.key, now.number, expected, added.number, taken):
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


def _explained(
    notes: tuple[StockNote, ...], row: str, now: Decimal, expected: Decimal, added: Decimal, removed: Decimal
) -> bool:
    """Whether the report's prose accounts for this year's stock *now* of table 2's *row* (key),
    which the table's own numbers put at *expected* (*added* this year, *removed* in the table's
    repeal column): a stock it states, alone or with the documents made this year, is *now*; or
    documents it says were repealed or expired (one count, or all of them) are what is missing."""
    said = [n for n in notes if n.row == row]
    stocks = [Decimal(n.value) for n in said if n.role == "stock"]
    made = {added, *(Decimal(n.value) for n in said if n.role == "made")}
    gone = [Decimal(n.value) for n in said if n.role == "removed"]
    if any(stock == now or stock + m == now for stock in stocks for m in made):
        return True
    # the text's count beyond the repeal column (a 清理 the table left out) — a count equal to the
    # repeal column is that column said again (本年废止1件), not a second repeal…
    beyond = [k for k in gone if k != removed]
    if beyond and any(expected - k == now for k in (*beyond, sum(beyond))):
        return True
    # …or instead of it (the 清理's count, which the table's repeal column did not hold)
    return any(expected + removed - k == now for k in (*gone, sum(gone)))
