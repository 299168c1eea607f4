"""Finding the wrong cells of a table whose identities do not hold (error localisation).

Given the values of a table's cells and its identities (linear equalities Σ lhs = Σ rhs, see
`nianbao.template.Identity`), `localise` finds the smallest sets of cells whose change makes every
identity hold, and the values those cells would need. This is the error-localisation problem of
statistical data editing (Fellegi & Holt, JASA 1976; see ``notes/identities.md``); for one table of
an annual report it is small enough to solve exactly by search:

- a set of cells can only explain the table if it touches every broken identity, so candidate sets
  grow by branching on the cells of the first broken identity they do not touch yet, and, once all
  are touched, on the cells of identities the set takes part in (a cell changed to fix one identity
  may need a partner to keep another identity that held);
- for each candidate set, the identities it takes part in form a small linear system in the new
  values, solved exactly with fractions: the set explains the table when the system is consistent,
  and fixes it when the solution is unique and every value is admissible (a count stays a
  non-negative integer).

Sets are tried by size, so the answer is every explanation of the smallest size found, up to
``max_cells`` cells and ``budget`` candidate sets per size; beyond that the table is "unresolved"
(many independent mistakes, or a table too damaged to say).

Pure: no report, no text — keys are whatever the identities use (the template's cell keys).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar, cast

from .record import FrozenRecord

if TYPE_CHECKING:  # fractions is imported when a broken table is solved, not at every start-up
    from fractions import Fraction

Key = Hashable
K = TypeVar("K", bound=Hashable)


class Equation(Protocol):
    """What `localise` needs of an identity: the cells on each side (coefficients +1 and −1)."""

    @property
    def lhs(self) -> tuple[Key, ...]: ...

    @property
    def rhs(self) -> tuple[Key, ...]: ...


E = TypeVar("E", bound=Equation)


class Explanation(FrozenRecord, Generic[K]):
    """A smallest set of cells that, changed, makes every identity hold.

    ``values`` are the new values, by cell, when the identities determine them uniquely and they
    are admissible; None when several value assignments would do (no fix can be offered).
    """

    __slots__ = ("cells", "values")
    cells: frozenset[K]
    values: Mapping[K, Decimal] | None

    def __init__(self, cells: frozenset[K], values: Mapping[K, Decimal] | None) -> None:
        self._init(cells, values)


class Localisation(FrozenRecord, Generic[E, K]):
    """What the identities say about a table.

    broken: the identities that do not hold (empty: the table is consistent).
    explanations: every explanation of the smallest size found; empty when the table is broken
    and no set of at most ``max_cells`` cells explains it.
    """

    __slots__ = ("broken", "explanations")
    broken: tuple[E, ...]
    explanations: tuple[Explanation[K], ...]

    def __init__(self, broken: tuple[E, ...], explanations: tuple[Explanation[K], ...]) -> None:
        self._init(broken, explanations)

    @property
    def unique(self) -> Explanation[K] | None:
        """The one smallest explanation, when there is exactly one."""
        return self.explanations[0] if len(self.explanations) == 1 else None


_ZERO = Decimal(0)


def residual(identity: Equation, values: Mapping[K, Decimal]) -> Decimal:
    """Σ lhs − Σ rhs; zero when the identity holds."""
    value = cast("Callable[[Key], Decimal]", values.__getitem__)  # the identity's keys are K's
    return sum(map(value, identity.lhs), _ZERO) - sum(map(value, identity.rhs), _ZERO)


def localise(
    identities: Sequence[E],
    values: Mapping[K, Decimal],
    *,
    admissible: Callable[[K, Decimal], bool] = lambda key, value: True,
    max_cells: int = 3,
    budget: int = 4000,
) -> Localisation[E, K]:
    """Localise the errors of a table: see the module docstring.

    identities: every identity to hold; each cell of each must have a value in *values*.
    admissible: whether a cell may take a value (a count must stay a non-negative integer).
    Raises KeyError when an identity names a cell *values* does not have.
    """
    broken = [i for i in identities if residual(i, values) != 0]
    if not broken:
        return Localisation((), ())
    system = _System(identities, values)
    broken_cells = [frozenset(_cells(b, values)) for b in broken]
    level: set[frozenset[K]] = {frozenset((k,)) for k in broken_cells[0]}
    for size in range(1, max_cells + 1):
        found = []
        for cells in level:
            if any(not (cells & b) for b in broken_cells):
                continue
            explanation = system.explain(cells, admissible)
            if explanation is not None:
                found.append(explanation)
        if found:
            found.sort(key=lambda e: sorted(map(system.order.__getitem__, e.cells)))
            return Localisation(tuple(broken), tuple(found))
        if size == max_cells:
            break
        grown: set[frozenset[K]] = set()
        for cells in level:
            unhit = next((b for b in broken_cells if not (cells & b)), None)
            partners = unhit if unhit is not None else system.neighbours(cells)
            for key in partners:
                if key not in cells:
                    grown.add(cells | {key})
            if len(grown) > budget:
                return Localisation(tuple(broken), ())
        level = grown
    return Localisation(tuple(broken), ())


def solve_for(
    identities: Sequence[Equation],
    values: Mapping[K, Decimal],
    cells: Collection[K],
    *,
    admissible: Callable[[K, Decimal], bool] = lambda key, value: True,
) -> dict[K, Decimal] | None:
    """The values *cells* must take for every identity to hold, when changing those cells (and no
    other) does it and the values are unique and admissible; None otherwise. A cell may keep its
    value (unlike in `localise`, which looks for cells that are wrong): this fills in unknowns."""
    unknowns: frozenset[K] = frozenset(cells)
    broken = [frozenset(_cells(i, values)) for i in identities if residual(i, values) != 0]
    if not unknowns or any(not (unknowns & b) for b in broken):
        return None
    return _System(identities, values).solve(unknowns, admissible)


def _cells(identity: Equation, values: Mapping[K, Decimal]) -> tuple[K, ...]:
    """The identity's cells, typed as the keys of *values* (which they are)."""
    return cast("tuple[K, ...]", identity.lhs + identity.rhs)


class _System(Generic[K]):
    """The identities as rows of coefficients, for solving in a few unknowns at a time."""

    def __init__(self, identities: Sequence[Equation], values: Mapping[K, Decimal]) -> None:
        self.values = values
        self.touching: dict[K, list[int]] = {}  # cell → the identities it takes part in
        self.order: dict[K, int] = {}  # cell → first appearance: a stable order for unknowns
        self.rows: list[dict[K, int]] = []
        for n, identity in enumerate(identities):
            row: dict[K, int] = {}
            for k in cast("tuple[K, ...]", identity.lhs):
                row[k] = row.get(k, 0) + 1
            for k in cast("tuple[K, ...]", identity.rhs):
                row[k] = row.get(k, 0) - 1
            self.rows.append({k: c for k, c in row.items() if c})
            for k in row:
                self.touching.setdefault(k, []).append(n)
                self.order.setdefault(k, len(self.order))

    def neighbours(self, cells: Iterable[K]) -> set[K]:
        out: set[K] = set()
        for key in cells:
            for n in self.touching.get(key, ()):
                out.update(self.rows[n])
        return out

    def explain(self, cells: frozenset[K], admissible: Callable[[K, Decimal], bool]) -> Explanation[K] | None:
        """Whether changing *cells* can make every identity hold, and to which values."""
        consistent, solution = self._solve(cells)
        if not consistent:
            return None
        if solution is None:
            return Explanation(frozenset(cells), None)
        if any(solution[k] == self.values[k] for k in cells):
            return None  # a cell that keeps its value is not part of a smallest explanation
        if not all(admissible(k, v) for k, v in solution.items()):
            return None
        return Explanation(frozenset(cells), solution)

    def solve(self, cells: frozenset[K], admissible: Callable[[K, Decimal], bool]) -> dict[K, Decimal] | None:
        """The unique admissible values of *cells* that make every identity they touch hold."""
        _, solution = self._solve(cells)
        if solution is None or not all(admissible(k, v) for k, v in solution.items()):
            return None
        return solution

    def _solve(self, cells: frozenset[K]) -> tuple[bool, dict[K, Decimal] | None]:
        """Whether values of *cells* can make the identities they touch hold, and those values when
        they are unique."""
        from fractions import Fraction

        unknowns = sorted(cells, key=self.order.__getitem__)
        index = {k: i for i, k in enumerate(unknowns)}
        equations: list[list[Fraction]] = []
        for n in sorted({n for k in cells for n in self.touching.get(k, ())}):
            row = self.rows[n]
            coefficients = [Fraction(0)] * len(unknowns)
            constant = Fraction(0)
            for key, c in row.items():
                if key in index:
                    coefficients[index[key]] += c
                else:
                    constant -= c * Fraction(self.values[key])
            equations.append(coefficients + [constant])
        solution = _solve(equations, len(unknowns))
        if solution is _INCONSISTENT:
            return False, None
        if solution is None:
            return True, None
        return True, {k: Decimal(v.numerator) / Decimal(v.denominator) for k, v in zip(unknowns, solution)}


_INCONSISTENT: list[Fraction] = []


def _solve(rows: list[list[Fraction]], n: int) -> list[Fraction] | None:
    """Gauss–Jordan elimination on an augmented matrix: the unique solution, None when there are
    many, or `_INCONSISTENT` when there is none."""
    rows = [r[:] for r in rows]
    pivot_row = 0
    pivots: list[int] = []
    for col in range(n):
        pick = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if pick is None:
            continue
        rows[pivot_row], rows[pick] = rows[pick], rows[pivot_row]
        p = rows[pivot_row][col]
        rows[pivot_row] = [x / p for x in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                f = rows[r][col]
                rows[r] = [a - f * b for a, b in zip(rows[r], rows[pivot_row])]
        pivots.append(col)
        pivot_row += 1
    if any(all(x == 0 for x in r[:n]) and r[n] != 0 for r in rows):
        return _INCONSISTENT
    if len(pivots) < n:
        return None
    return [rows[i][n] for i in range(n)]
