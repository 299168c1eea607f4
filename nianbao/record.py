"""`Record` and `FrozenRecord`: small value classes for the modules every run imports, a cache hit's
included, where `dataclasses` costs too much at start-up: importing it loads `inspect` (and with
it `ast`, `dis` and `tokenize`), and each decorated class compiles its methods from source as it
is defined (0.3–0.6 ms a class; see docs/performance.md).

A subclass names its fields in ``__slots__`` (in order) and writes its ``__init__`` with the
signature it wants, storing the values with `Record._init`. Equality (same class, equal fields),
``repr`` and `Record.replace` come from the fields; a `FrozenRecord` is also hashable and refuses
assignment, as a frozen dataclass does.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:  # a TypeVar with a bound costs ~1 ms to make, and this module is on every run's path
    from typing import Any, TypeVar

    R = TypeVar("R", bound="Record")


class Record:
    __slots__: tuple[str, ...] = ()

    def _init(self, *values: Any) -> None:
        """Store *values* in this class's fields, in the order ``__slots__`` names them (one value
        for each: the hand-written ``__init__`` passes them all)."""
        # Not zip(strict=True), and object.__setattr__ looked up once: a check makes hundreds of
        # records (its prose's counts, the facts' agencies), each as cheaply as a dataclass.
        set_field = object.__setattr__
        for name, value in zip(self.__slots__, values):
            set_field(self, name, value)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def replace(self: R, **changes: Any) -> R:
        """A copy with *changes* (field name → value); the fields are not validated again."""
        copy = object.__new__(type(self))
        for name in self.__slots__:
            object.__setattr__(copy, name, changes.pop(name) if name in changes else getattr(self, name))
        if changes:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(changes)}")
        return copy

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()  # type: ignore[attr-defined]

    # No __hash__: defining __eq__ leaves a mutable record unhashable, as a dataclass that is not frozen.

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__qualname__}({fields})"

    def __getstate__(self) -> tuple[Any, ...]:  # pickled across the process pool
        return self._values()

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._init(*state)


class FrozenRecord(Record):
    __slots__ = ()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: make a changed copy with replace() ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable ({name})")


class KeyRecord(FrozenRecord):
    """A frozen record compared and hashed by identity (a dataclass with ``eq=False``): each instance
    is its own key, as a template's row and column specs are."""

    __slots__ = ()
    __eq__ = object.__eq__
    __hash__ = object.__hash__
