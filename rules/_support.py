"""Small helpers shared by the built-in rules (formatting numbers, pointing at cells)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from nianbao.model import Cell, Table
from nianbao.ruledef import SUGGESTED, Edit, Finding, Fix, Related


def fmt(number: Decimal | int) -> str:
    """A number the way a drafter writes it: 12, 3.5, -2 (no trailing zeros, no exponent)."""
    if isinstance(number, int):
        return str(number)
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def related_cell(cell: Cell, what: str) -> Related:
    return Related(cell.start, cell.end, what)


def set_number(cell: Cell, number: Decimal, description: str, applicability: str) -> Fix | None:
    """A fix writing *number* into *cell* (replacing its number token, or filling it when blank)."""
    value = cell.value
    if value.is_number:
        return Fix(description, (Edit(value.start, value.end, fmt(number)),), applicability)
    if cell.is_blank:
        return Fix(description, (Edit(cell.start, cell.end, fmt(number)),), applicability)
    return None


def check_sum(
    table: Table,
    row: str,
    column: str,
    addends: list[tuple[str, str]],
    what: str,
    parts: str,
    applicability: str = SUGGESTED,
) -> Iterator[Finding]:
    """One finding when table[row, column] is not the sum of the *addends* cells.

    *what* names the checked cell, with ``{label}`` standing for the row's label.

    Nothing is reported unless every cell involved holds a number: a blank, "/" or text makes the
    identity undecidable (NB207 reports blanks and text).
    """
    values = table.numbers_at([(row, column), *addends])
    if values is None:
        return
    target = table.cells[(row, column)]
    cells = [table.cells[a] for a in addends]
    actual, parts_values = values[0], values[1:]
    expected = sum(parts_values, Decimal(0))
    if actual == expected:
        return
    terms = " + ".join(fmt(v) for v in parts_values)
    subject = what.format(label=target.row_label)
    yield Finding(
        target.cell.start,
        target.cell.end,
        f"{subject}为 {fmt(actual)}，但{parts}为 {fmt(expected)}（{terms}）",
        fix=set_number(target.cell, expected, f"把{subject}改为 {fmt(expected)}", applicability),
        related=tuple(related_cell(c.cell, f"{c.column.label} {fmt(v)}") for c, v in zip(cells, parts_values) if c),
        detail=f"{terms} = {fmt(expected)} ≠ {fmt(actual)}",
    )
