"""Typing a table cell's text: number, blank, not applicable, or text — never coerced."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..model import BLANK, NOT_APPLICABLE, NUMBER, TEXT, Cell, Value
from ..template import NOT_APPLICABLE as NA_MARKERS
from ..template import TEXT_VALUES
from ..textutil import fold

_NA = frozenset(NA_MARKERS)
# A number, optionally signed, with thousands separators and decimals, then an optional unit.
_NUMBER = re.compile(r"([+\-−]?)\s*(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*(万元|元|件|条|个|项|次|人次|篇|%)?")
_TEXT_VALUES = frozenset(TEXT_VALUES)


def parse_value(cell: Cell) -> Value:
    raw = cell.clean_text
    folded = fold(raw)
    stripped = folded.strip()
    if not stripped:
        return Value(BLANK, start=cell.start, end=cell.end)
    if stripped in _NA:
        return Value(NOT_APPLICABLE, start=cell.start, end=cell.end)
    m = _NUMBER.fullmatch(stripped)
    if m:
        sign, digits, frac, unit = m.groups()
        try:
            number = Decimal(digits.replace(",", "") + (frac or ""))
        except InvalidOperation:  # the pattern only admits digits; defensive
            return Value(TEXT, start=cell.start, end=cell.end)
        if sign in ("-", "−"):
            number = -number
        start, end = _token_span(cell, raw, folded, m.start(1) if sign else m.start(2), m.end(3) if frac else m.end(2))
        return Value(NUMBER, number, unit or "", start, end)
    return Value(TEXT, start=cell.start, end=cell.end)


def _token_span(cell: Cell, raw: str, folded: str, i: int, j: int) -> tuple[int, int]:
    # i/j index the stripped clean text; map back through the leading whitespace and artefacts.
    lead = len(folded) - len(folded.lstrip())
    i += lead
    j += lead
    if not cell.artifacts:
        return cell.start + i, cell.start + j
    # Walk the original text, skipping artefact ranges, to find clean positions i and j.
    positions: list[int] = []
    pos = cell.start
    arts = list(cell.artifacts)
    while pos < cell.end:
        if arts and pos == arts[0][0]:
            pos = arts.pop(0)[1]
            continue
        positions.append(pos)
        pos += 1
    positions.append(cell.end)
    return positions[i], positions[j - 1] + 1 if j > 0 else positions[0]


def is_value_like(cell: Cell) -> bool:
    """A cell that sits where numbers go: a number, n/a, or a word drafters put there (无, 未统计)."""
    kind = cell.value.kind
    if kind in (NUMBER, NOT_APPLICABLE):
        return True
    return kind == TEXT and cell.norm in _TEXT_VALUES


def is_label_like(cell: Cell) -> bool:
    return cell.value.kind == TEXT and not is_value_like(cell)
