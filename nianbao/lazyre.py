"""Regular expressions compiled on first use, for module-level patterns a check often never needs.

Compiling is much of what a cold check costs (docs/performance.md): `re` builds a character class
holding a CJK character as a 64 K-entry table in Python (~2 M instructions), a range over the
unified ideographs costs ~10 M. ``lazy(source)`` stands where ``re.compile(source)`` stood and
compiles on the first attribute asked of it (``.search``, ``.finditer``, ``.pattern`` …). The
attribute is then kept on the object, so each later look-up of it is one plain attribute read.

A lazy pattern is used through its attributes only: ``re.sub(PATTERN, …)`` and
``isinstance(PATTERN, re.Pattern)`` need the compiled pattern.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # not typing's: see nianbao/__init__.py


class _LazyPattern:
    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> object:  # called only for a name not yet kept on the object
        if name.startswith("_"):  # not a pattern's: copy, pickle and the like probing for protocols
            raise AttributeError(name)
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"lazy({self._source!r}, {re.RegexFlag(self._flags)!r})" if self._flags else f"lazy({self._source!r})"


if TYPE_CHECKING:  # to a type checker, a lazy pattern is the compiled pattern it stands for

    def lazy(source: str, flags: int = 0) -> re.Pattern[str]: ...

else:
    lazy = _LazyPattern
