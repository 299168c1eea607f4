"""Findings from a table's reconciliation, shared by the identity rules NB201–NB204 and NB207.

Each of those rules reports the identity families it owns (`nianbao.template` ``ROW_TOTAL`` …)
from one `nianbao.reconcile.Reconciliation` per table:

- the table's smallest explanation is unique: one finding per wrong cell, anchored on the cell,
  naming every broken identity it takes part in with their numbers; all of them share one
  suggested fix that sets every wrong cell (after which every identity holds);
- several explanations are equally small: one finding naming the cells that could be wrong, no fix;
- no explanation of at most three cells: one finding per broken identity, no fix.

A wrong cell that is blank is NB207's ("为空"), whatever its family.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from nianbao.model import BLANK, BoundCell, Cell, Report, Table
from nianbao.reconcile import FAMILY_ORDER, Reconciliation, WrongCell, reconciled
from nianbao.ruledef import SUGGESTED, Edit, Finding, Fix, Related
from nianbao.template import (
    BALANCE,
    GROUP_SUBTOTAL,
    GROUP_TOTAL,
    OUTCOME_TOTAL,
    ROW_TOTAL,
    T3_GROUPS,
    T4_ROWS,
    TABLE_NAMES,
    CellKey,
    Identity,
    T3Col,
    T3Row,
)

from ._support import fmt

_RELATED_MAX = 12  # related locations per finding: the cells that explain it, not the whole table


def reconciliations(report: Report) -> Iterator[tuple[Table, Reconciliation]]:
    """Every bound, readable table with identities, and its reconciliation."""
    for table in report.tables:
        if table.kind in TABLE_NAMES and not table.unreadable and table.cells:
            yield table, reconciled(report, table)


def identity_findings(report: Report, families: frozenset[str], blanks: bool = False) -> Iterator[Finding]:
    """The findings of the identity families in *families* (see the module docstring).

    With *blanks*, only findings about blank cells (NB207's); otherwise only the others.
    """
    text = report.text
    for table, rec in reconciliations(report):
        if rec.wrong:
            fix = _fix(rec)
            for wrong in rec.wrong:
                if wrong.is_blank == blanks and (blanks or wrong.family in families):
                    yield _wrong_cell(text, rec, wrong, fix)
        elif rec.candidates:
            family = _primary(rec.broken)
            if not blanks and family in families:
                yield _ambiguous(text, table, rec)
        else:
            for identity in rec.broken:
                total = table.cells[identity.lhs[0]]
                is_blank = total.cell.value.kind == BLANK
                if is_blank == blanks and (blanks or identity.family in families):
                    yield _unresolved(text, table, rec, identity)


def _primary(broken: tuple[Identity, ...]) -> str:
    return min((i.family for i in broken), key=lambda f: FAMILY_ORDER.index(f) if f in FAMILY_ORDER else 99)


def cell_name(bound: BoundCell) -> str:
    """How a message names a cell: （七）总计（自然人列）, “（一）予以公开”一行的总计, 表四“行政复议”的结果维持."""
    row, column = bound.row, bound.column
    if row in T4_ROWS:
        return f"表四{row.quoted}的{column.label}"
    if row is T3Row.TOTAL:
        return f"（七）总计（{column.label}列）"
    if column in (T3Col.TOTAL, T3Col.SUBTOTAL):
        return f"{row.quoted}一行的{column.label}"
    return f"{row.quoted}的{column.label}列"


def describe(identity: Identity, rec: Reconciliation) -> str:
    """The identity with its numbers, as a clause: “（一）予以公开”一行的总计 7 ≠ 自然人至其他六列之和 6."""
    v = rec.values
    lhs, rhs = _sum(identity.lhs, v), _sum(identity.rhs, v)
    row, column = identity.lhs[0]
    if identity.family == ROW_TOTAL:
        parts = "自然人至其他六列之和" if column is T3Col.TOTAL else "五类法人或其他组织之和"
        where = "（七）总计一行" if row is T3Row.TOTAL else f"{row.quoted}一行"
        return f"{where}的{column.label} {fmt(lhs)} ≠ {parts} {fmt(rhs)}"
    if identity.family == OUTCOME_TOTAL:
        return f"（七）总计（{column.label}列）{fmt(lhs)} ≠（一）至（六）之和 {fmt(rhs)}"
    if identity.family == GROUP_SUBTOTAL:
        return f"{row.short}（{column.label}列）{fmt(lhs)} ≠ 各项之和 {fmt(rhs)}"
    if identity.family == BALANCE:
        new, carried = (v[k] for k in identity.lhs)
        total, forward = (v[k] for k in identity.rhs)
        return (
            f"{column.label}列 一、本年新收 {fmt(new)} + 二、上年结转 {fmt(carried)} = {fmt(lhs)}，"
            f"而（七）总计 {fmt(total)} + 四、结转下年度 {fmt(forward)} = {fmt(rhs)}"
        )
    if identity.family == GROUP_TOTAL:
        return f"表四{row.quoted}的总计 {fmt(lhs)} ≠ 维持、纠正、其他、尚未审结之和 {fmt(rhs)}"
    names = " + ".join(f"{k[0].short}·{k[1].label}" for k in identity.lhs)
    return f"{names} {fmt(lhs)} ≠ 对应各项之和 {fmt(rhs)}"


def formula(identity: Identity, rec: Reconciliation) -> str:
    """The identity as arithmetic, for hover: （一）2 + （二）0 + … = 3 ≠ （七）总计 2."""
    v = rec.values
    if identity.family == OUTCOME_TOTAL:
        by_group: dict[str, Decimal] = {}
        for row, column in identity.rhs:
            by_group[row.group] = by_group.get(row.group, Decimal(0)) + v[(row, column)]
        terms = " + ".join(f"{g.ordinal}{fmt(by_group.get(g.key, Decimal(0)))}" for g in T3_GROUPS)
    else:
        terms = " + ".join(fmt(v[k]) for k in identity.rhs)
    right = f"{terms} = {fmt(_sum(identity.rhs, v))}"
    if len(identity.lhs) == 1:
        total = identity.lhs[0]
        name = "（七）总计" if total[0] is T3Row.TOTAL else "总计"
        return f"{right} ≠ {name} {fmt(v[total])}"
    left = " + ".join(fmt(v[k]) for k in identity.lhs)
    return f"{left} = {fmt(_sum(identity.lhs, v))} ≠ {right}"


def visible_span(text: str, cell: Cell) -> tuple[int, int]:
    """Where to underline a cell: its number, or for an empty cell the separator beside it (an
    empty range shows nothing in most editors)."""
    value = cell.value
    if value.kind != BLANK:
        return (value.start, value.end) if value.end > value.start else (cell.start, cell.end)
    start = cell.start
    if start < len(text) and text[start] in "\t|":
        return start, start + 1
    if start > 0 and text[start - 1] in "\t|":
        return start - 1, start
    return start, start


def _sum(keys: tuple[CellKey, ...], values: dict[CellKey, Decimal]) -> Decimal:
    return sum((values[k] for k in keys), Decimal(0))


def _related(rec: Reconciliation, identities: tuple[Identity, ...], skip: set[CellKey]) -> tuple[Related, ...]:
    """The cells the broken identities add up, with their numbers (zero cells left out)."""
    out: list[Related] = []
    seen = set(skip)
    for identity in identities:
        for key in identity.cells:
            if key in seen:
                continue
            seen.add(key)
            bound = rec.cells[key]
            value = rec.values[key]
            if value or key in identity.lhs:
                out.append(Related(bound.cell.start, bound.cell.end, f"{cell_name(bound)} {fmt(value)}"))
    return tuple(out[:_RELATED_MAX])


def _fix(rec: Reconciliation) -> Fix | None:
    """One suggested fix setting every wrong cell of the unique explanation."""
    expected = rec.expected_values()
    if expected is None:
        return None
    edits = []
    names = []
    for wrong in rec.wrong:
        cell = wrong.cell.cell
        value = cell.value
        new = fmt(expected[(wrong.cell.row, wrong.cell.column)])
        if value.kind == BLANK:
            edits.append(Edit(cell.start, cell.end, new))
        elif value.end > value.start:
            edits.append(Edit(value.start, value.end, new))
        else:
            return None
        names.append(f"{cell_name(wrong.cell)}改为 {new}")
    return Fix("把" + "、".join(names), tuple(edits), SUGGESTED)


def _wrong_cell(text: str, rec: Reconciliation, wrong: WrongCell, fix: Fix | None) -> Finding:
    bound = wrong.cell
    name = cell_name(bound)
    start, end = visible_span(text, bound.cell)
    number = rec.values[(bound.row, bound.column)]
    now = "为空" if wrong.is_blank else f"为 {fmt(number)}"
    should = f"，按勾稽关系应为 {fmt(wrong.expected)}" if wrong.expected is not None else ""
    others = [w for w in rec.wrong if w is not wrong]
    together = ""
    if len(others) in (1, 2):
        together = f"（与{'、'.join(cell_name(w.cell) for w in others)}是同一处错误）"
    elif others:
        together = f"（共 {len(rec.wrong)} 个单元格要一起改）"
    reasons = "；".join(describe(i, rec) for i in wrong.broken)
    related = tuple(
        Related(w.cell.cell.start, w.cell.cell.end, f"同一处错误：{cell_name(w.cell)}") for w in others
    ) + _related(rec, wrong.broken, {(w.cell.row, w.cell.column) for w in rec.wrong})
    return Finding(
        start,
        end,
        f"{name}{now}{should}{together}：{reasons}",
        fix=fix,
        related=related[:_RELATED_MAX],
        detail="\n".join(f"{describe(i, rec)}\n  {formula(i, rec)}" for i in wrong.broken),
    )


def _ambiguous(text: str, table: Table, rec: Reconciliation) -> Finding:
    """Several equally small explanations: say where the sums disagree and which cells could be wrong."""
    anchor = table.cells[rec.broken[0].lhs[0]]
    start, end = visible_span(text, anchor.cell)
    cells = list(dict.fromkeys(c for group in rec.candidates for c in group))
    reasons = "；".join(describe(i, rec) for i in rec.broken)
    return Finding(
        start,
        end,
        f"{reasons}：可能是{_options(rec.candidates)}填错了，无法确定是哪一处，请核对",
        related=tuple(Related(c.cell.start, c.cell.end, f"可能填错：{cell_name(c)}") for c in cells)[:_RELATED_MAX],
        detail="\n".join(f"{describe(i, rec)}\n  {formula(i, rec)}" for i in rec.broken),
    )


def _options(candidates: tuple[tuple[BoundCell, ...], ...]) -> str:
    """The equally small explanations, named briefly: 表四“行政复议”的结果维持、结果纠正……或总计;
    “（一）予以公开”一行的自然人列和总计，或“（四）无法提供”中的“1.…”一行的自然人列和总计."""
    rows = {c.row for group in candidates for c in group}
    if all(len(g) == 1 for g in candidates) and len(rows) == 1:
        labels = [g[0].column.label for g in candidates]
        head = cell_name(candidates[0][0])[: -len(labels[0])]
        return head + ("、".join(labels[:-1]) + "或" + labels[-1] if len(labels) > 1 else labels[0])
    names = [_group_name(g) for g in candidates]
    return "，或".join(names) if len(names) <= 3 else "、".join(names[:3]) + f"等 {len(names)} 处之一"


def _group_name(group: tuple[BoundCell, ...]) -> str:
    """Cells of one explanation: in one row they share the row's name."""
    row = group[0].row
    if len(group) > 1 and all(c.row is row for c in group):
        if row in T4_ROWS:
            return f"表四{row.quoted}的" + "和".join(c.column.label for c in group)
        columns = [c.column.label + ("" if c.column in (T3Col.TOTAL, T3Col.SUBTOTAL) else "列") for c in group]
        where = "（七）总计一行" if row is T3Row.TOTAL else f"{row.quoted}一行"
        return f"{where}的" + "和".join(columns)
    return "与".join(cell_name(c) for c in group)


def _unresolved(text: str, table: Table, rec: Reconciliation, identity: Identity) -> Finding:
    total = table.cells[identity.lhs[0]]
    start, end = visible_span(text, total.cell)
    blank = f"{cell_name(total)}为空：" if total.cell.value.kind == BLANK else ""
    return Finding(
        start,
        end,
        blank + describe(identity, rec),
        related=_related(rec, (identity,), {identity.lhs[0]}),
        detail=f"{describe(identity, rec)}\n  {formula(identity, rec)}",
    )
