from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from nianbao.digest import ReportDigest
from nianbao.digest_parts import TableDigest
from nianbao.ruledef import WARNING, Finding, year_rule
from nianbao.template import T4_ROWS, TABLE_NAMES, T3Col, T3Row, T4Col

from ._support import fmt
from ._years import last_year, there

# The cells that count a table's cases: applications received and carried over (table 3, by
# applicant), reviews and lawsuits by outcome (table 4); totals repeat them.
_CASE_ROWS = {"t3": frozenset({T3Row.NEW.key, T3Row.CARRIED.key}), "t4": frozenset(r.key for r in T4_ROWS)}
_TOTAL_COLUMNS = frozenset({T3Col.TOTAL.key, T3Col.SUBTOTAL.key, T4Col.TOTAL.key})
# A table with only one or two cases may well come out the same two years running.
MIN_CASES = 3
# Cells that differ in nearly every pair of years: compared first, so most pairs are told apart
# without reading the ~200 cells of table 3.
_FIRST = {
    "t3": ((T3Row.NEW, T3Col.TOTAL), (T3Row.TOTAL, T3Col.TOTAL), (T3Row.CARRY_FORWARD, T3Col.TOTAL)),
    "t4": tuple((row, T4Col.TOTAL) for row in T4_ROWS),
}


@year_rule("NB604", "table-copied", WARNING, "表三或表四与上年报告的同一张表完全相同")
def table_copied(current: ReportDigest, previous: ReportDigest) -> Iterator[Finding]:
    """检查内容
    --------
    表三（收到和处理政府信息公开申请情况）或表四（行政复议、行政诉讼情况）的每一个数字都与同一机关
    上一年度报告的同一张表相同，而且表中至少有 3 件（表三：本年新收与上年结转的申请；表四：行政复议
    与行政诉讼的案件）。
    跨 2019、2021 两版模板时，比对两版都有的行列，只有一版才有的行列须两年都为 0。

    为什么重要
    --------
    申请和复议、诉讼的数字每年都会变化；整张表一字不差，多半是沿用了上年的表格忘了更新。
    只有一两件的表两年相同并不少见，所以件数太少时不报告。

    错误示例
    --------
    2023 年度报告的表三与 2022 年度报告的表三逐格相同（本年新收 12 件、予以公开 8 件……）。

    正确示例
    --------
    按本年度实际收到和办理的申请填写表三；确实与上年相同时，可用行内注释
    ``<!-- nianbao-disable-next-line NB604 -->`` 说明已核实。
    """
    for kind in ("t3", "t4"):
        this, last = current.table(kind), previous.table(kind)
        if this is None or last is None:
            continue
        cases = _copied_cases(kind, this, last)
        if cases < MIN_CASES:
            continue
        name = TABLE_NAMES[kind]
        yield Finding(
            this.start,
            this.head_end,
            f"{name}与{last_year(previous)}的{name}逐格相同（共 {fmt(cases)} 件）：是否沿用了上年的数据？",
            related=(there(previous, last.start, last.head_end, f"{last_year(previous)}的{name}"),),
        )


def _copied_cases(kind: str, this: TableDigest, last: TableDigest) -> Decimal:
    """The table's number of cases when the two tables are the same, else 0: every cell of one is
    the other's where both have it, and zero where only one has it (a blank is zero)."""
    for row, column in _FIRST[kind]:
        a, b = this.cell(row, column), last.cell(row, column)
        if not _same(a.value if a else None, b.value if b else None):
            return Decimal(0)
    now, before = this.values(), last.values()
    if any(not _same(now.get(key), before.get(key)) for key in now.keys() | before.keys()):
        return Decimal(0)
    rows = _CASE_ROWS[kind]
    return sum(
        (_number(v) for (row, column), v in now.items() if row in rows and column not in _TOTAL_COLUMNS), Decimal(0)
    )


def _same(a: str | None, b: str | None) -> bool:
    return a == b or _number(a) == _number(b)  # as written first: most cells are the same digits


def _number(value: str | None) -> Decimal:
    return Decimal(value) if value is not None else Decimal(0)
