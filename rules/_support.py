"""Small helpers shared by the built-in rules."""

from __future__ import annotations

from decimal import Decimal


def fmt(number: Decimal | int) -> str:
    """A number the way a drafter writes it: 12, 3.5, -2 (no trailing zeros, no exponent)."""
    if isinstance(number, int):
        return str(number)
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")
