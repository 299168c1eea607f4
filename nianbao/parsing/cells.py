"""Whether a table cell sits where labels go or where numbers go (used by the binder)."""

from __future__ import annotations

from ..model import NOT_APPLICABLE, NUMBER, TEXT, Cell
from ..template import TEXT_VALUES

_TEXT_VALUES = frozenset(TEXT_VALUES)


def is_value_like(cell: Cell) -> bool:
    """A cell that sits where numbers go: a number, n/a, or a word drafters put there (无, 未统计)."""
    kind = cell.value.kind
    if kind in (NUMBER, NOT_APPLICABLE):
        return True
    return kind == TEXT and cell.norm in _TEXT_VALUES


def is_label_like(cell: Cell) -> bool:
    return cell.value.kind == TEXT and cell.norm not in _TEXT_VALUES
