"""Helpers shared by the cross-year rules (NB6xx): naming the two reports and their places."""

from __future__ import annotations

from nianbao.digest import ReportDigest
from nianbao.digest_parts import CellDigest
from nianbao.ruledef import Related

from ._support import fmt


def last_year(previous: ReportDigest) -> str:
    """How messages name last year's report: 上年（2022 年度）报告."""
    return f"上年（{previous.year} 年度）报告" if previous.year is not None else "上年报告"


def there(previous: ReportDigest, start: int, end: int, message: str) -> Related:
    """A place in last year's report."""
    return Related(start, end, message, previous.path)


def shown(cell: CellDigest) -> str:
    """A cell's number as messages give it; a blank cell is read as 0 and said to be blank."""
    return fmt(cell.number) if cell.value is not None else "0（空白）"
