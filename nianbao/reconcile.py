"""The 勾稽关系 of one bound table, checked together: which identities hold and which cells are wrong.

`reconciled` evaluates every identity of the table's template (plus those plugins add) on the
cells the table has, reading a blank cell as 0 (a blank that means "none"; see NB207), and hands
the broken ones to `nianbao.solver.localise`, which finds the smallest sets of cells that explain
them. NB201–NB204 and NB207 report from the same `Reconciliation`, each the identity families it
owns, so one slip gives one finding per wrong cell (never a cascade of sums that disagree with it),
and a suggested fix exists only when the smallest explanation is unique — after which every
identity holds.

An identity takes part only when all its cells are present and hold a number or nothing: a "/"
or text makes it undecidable (NB207 reports text), a missing row makes it absent (NB106).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from .model import BLANK, NUMBER, BoundCell, Table
from .record import FrozenRecord
from .solver import localise, solve_for
from .template import AMOUNT, COUNT, SIGNED, T2021, CellKey, ColumnSpec, Identity

if TYPE_CHECKING:
    from .model import Report


class WrongCell(FrozenRecord):
    """A cell of the table's smallest explanation: what it holds and what it should hold.

    ``expected`` is None when several values would do (no fix). ``broken`` are the broken identities
    the cell takes part in, which the message names; ``family`` decides which rule reports it.
    """

    __slots__ = ("cell", "expected", "broken", "family")
    cell: BoundCell
    expected: Decimal | None
    broken: tuple[Identity, ...]
    family: str

    def __init__(self, cell: BoundCell, expected: Decimal | None, broken: tuple[Identity, ...], family: str) -> None:
        self._init(cell, expected, broken, family)

    @property
    def is_blank(self) -> bool:
        return self.cell.cell.value.kind == BLANK


class Reconciliation(FrozenRecord):
    """What the identities say about one table.

    identities: those that could be evaluated; broken: those that do not hold.
    wrong: the cells of the unique smallest explanation (empty when the table is consistent, when
    several explanations are equally small, or when none of at most three cells explains it).
    candidates: the equally small explanations, when there are several (no fix can be offered).
    values: every cell's number as evaluated (blank = 0), by key.
    blanks: blank cells read as 0 that are not among the wrong cells.
    blank_totals: those of them that are a total (the left side of an identity).
    others: every cell holding anything but ASCII digits or nothing (text, "/", a sign, decimals,
    a unit, full-width digits): the only cells that can be malformed.
    """

    __slots__ = ("cells", "identities", "broken", "wrong", "candidates", "values", "blanks", "blank_totals", "others")
    cells: dict[CellKey, BoundCell]  # the table's (not the table itself: it holds this reconciliation)
    identities: tuple[Identity, ...]
    broken: tuple[Identity, ...]
    wrong: tuple[WrongCell, ...]
    candidates: tuple[tuple[BoundCell, ...], ...]
    values: dict[CellKey, Decimal]
    blanks: tuple[BoundCell, ...]
    blank_totals: tuple[BoundCell, ...]
    others: tuple[BoundCell, ...]  # cells holding more than a plain count or nothing (NB207 reads them)

    def __init__(
        self,
        cells: dict[CellKey, BoundCell],
        identities: tuple[Identity, ...],
        broken: tuple[Identity, ...],
        wrong: tuple[WrongCell, ...],
        candidates: tuple[tuple[BoundCell, ...], ...],
        values: dict[CellKey, Decimal],
        blanks: tuple[BoundCell, ...],
        blank_totals: tuple[BoundCell, ...],
        others: tuple[BoundCell, ...],
    ) -> None:
        self._init(cells, identities, broken, wrong, candidates, values, blanks, blank_totals, others)

    @property
    def located(self) -> bool:
        return bool(self.wrong)

    @property
    def unresolved(self) -> bool:
        """Broken, and no explanation of at most three cells was found."""
        return bool(self.broken) and not self.wrong and not self.candidates

    def expected_values(self) -> dict[CellKey, Decimal] | None:
        """The new value of every wrong cell, when the explanation fixes the table."""
        if not self.wrong or any(w.expected is None for w in self.wrong):
            return None
        return {(w.cell.row, w.cell.column): w.expected for w in self.wrong if w.expected is not None}


# Which family names a wrong cell, when it takes part in broken identities of several: the one whose
# total it is, else the first of these (a row's own sum before the column's, the column's before the balance).
_ZERO = Decimal(0)
FAMILY_ORDER = ("row-total", "outcome-total", "group-subtotal", "balance", "group-total")


def reconciled(report: Report, table: Table) -> Reconciliation:
    """The table's reconciliation, computed once per table and shared by the rules that read it."""
    cached = table.reconciliation
    if cached is None:
        cached = table.reconciliation = _reconcile(report, table)
    return cached


def _reconcile(report: Report, table: Table) -> Reconciliation:
    template = table.template or report.facts.required_template or T2021
    spec = report.templates.table(table.kind, template) if table.kind else None
    values: dict[CellKey, Decimal] = {}
    blank: list[BoundCell] = []
    others: list[BoundCell] = []
    for key, bound in table.cells.items():  # the one pass over the cells
        cell = bound.cell
        value = cell.value
        kind = value.kind
        if kind == NUMBER and value.number is not None:
            values[key] = value.number
        elif kind == BLANK:
            values[key] = _ZERO
            blank.append(bound)
        text = cell.text
        if text and not (text.isdigit() and text.isascii()):
            others.append(bound)
    present = set(values)  # a set, not the dict's keys: the comparisons below then reuse the stored hashes
    identities = tuple(i for i in (spec.identities if spec else ()) if present >= i.cell_set)
    localisation = localise(identities, values, admissible=_admissible)
    wrong: tuple[WrongCell, ...] = ()
    candidates: tuple[tuple[BoundCell, ...], ...] = ()
    filled = None
    if localisation.broken and localisation.unique is None:
        filled = _fill_blanks(identities, values, {(b.row, b.column) for b in blank}, localisation.broken)
    if filled:  # blank cells hiding numbers (totals left empty): each is wrong, with the number it needs
        wrong = tuple(_wrong(table.cells[key], filled, localisation.broken) for key in _in_reading_order(table, filled))
    elif localisation.unique is not None:
        explanation = localisation.unique
        wrong = tuple(
            _wrong(table.cells[key], explanation.values, localisation.broken)
            for key in _in_reading_order(table, explanation.cells)
        )
    elif localisation.explanations:
        groups = (tuple(table.cells[k] for k in _in_reading_order(table, e.cells)) for e in localisation.explanations)
        candidates = tuple(sorted(groups, key=lambda group: group[0].cell.start))
    wrong_cells = {w.cell for w in wrong}
    blanks = tuple(b for b in blank if b not in wrong_cells)
    totals = {i.lhs[0] for i in identities if len(i.lhs) == 1}
    return Reconciliation(
        table.cells,
        identities,
        localisation.broken,
        wrong,
        candidates,
        values,
        blanks,
        tuple(b for b in blanks if (b.row, b.column) in totals),
        tuple(others),
    )


def _fill_blanks(
    identities: tuple[Identity, ...], values: dict[CellKey, Decimal], blank: set[CellKey], broken: tuple[Identity, ...]
) -> dict[CellKey, Decimal] | None:
    """When no few cells explain the table, blank cells may: a drafter who left several totals empty
    broke one identity per total. The blanks of the broken identities, filled with the unique values
    that make every identity hold, are the answer — those that must hold a number other than 0."""
    totals = {i.lhs[0] for i in broken if len(i.lhs) == 1 and i.lhs[0] in blank}
    # The blank totals alone first (the other blanks of those rows usually mean 0), then every blank.
    for unknowns in (totals, {k for i in broken for k in i.cells if k in blank}):
        solved = solve_for(identities, values, unknowns, admissible=_admissible) if unknowns else None
        if solved:
            return {k: v for k, v in solved.items() if v != 0} or None
    return None


def _wrong(bound: BoundCell, values: Mapping[CellKey, Decimal] | None, broken: tuple[Identity, ...]) -> WrongCell:
    key = (bound.row, bound.column)
    mine = tuple(i for i in broken if key in i.cells)
    totals = [i.family for i in mine if i.lhs == (key,)]  # identities whose total the cell is
    family = totals[0] if totals else min((i.family for i in mine), key=_family_rank)
    return WrongCell(bound, values.get(key) if values is not None else None, mine, family)


def _family_rank(family: str) -> int:
    return FAMILY_ORDER.index(family) if family in FAMILY_ORDER else len(FAMILY_ORDER)


def _in_reading_order(table: Table, keys: Iterable[CellKey]) -> list[CellKey]:
    """The solver's keys (the table's cell keys) in the order the cells sit in the text."""
    return sorted(keys, key=lambda key: table.cells[key].cell.start)


def _admissible(key: CellKey, value: Decimal) -> bool:
    column: ColumnSpec = key[1]
    integral = value == value.to_integral_value()
    if column.kind == COUNT:
        return value >= 0 and integral
    if column.kind == SIGNED:
        return integral
    return column.kind != AMOUNT or value >= 0
