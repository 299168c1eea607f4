"""Rule selectors — codes and prefixes such as ``NB2`` or ``NB203`` — and the nearest rule for a typo.

Used wherever a user names rules: the command line, configuration files, editor settings and
``nianbao explain``. Free of the registry: callers pass the codes (and names) there are.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

ALL = "ALL"  # the selector every rule matches
_PREFIX = re.compile(r"[A-Z]*")


def matches_any(selector: str, codes: Iterable[str]) -> bool:
    """Whether *selector* (an upper-case code or prefix, or ``ALL``) selects at least one of *codes*."""
    return selector == ALL or any(code.startswith(selector) for code in codes)


def letters(selector: str) -> str:
    """The leading capital letters of a code or prefix: ``SD`` for ``SD101``, the plugin's prefix."""
    match = _PREFIX.match(selector)
    return match.group() if match else ""


def closest(query: str, codes: Collection[str], names: Collection[str] = (), prefixes: bool = True) -> str | None:
    """The rule code, code prefix (when *prefixes*) or rule name nearest to *query*, or None when
    nothing is close.

    A prefix is compared with prefixes of the same length (``NB99`` → ``NB90``), a code with codes
    (``NB2O3`` → ``NB203``), a kebab-case name with names (``table3-outcome-totl``).
    """
    import difflib  # only on the error path

    upper = query.strip().upper()
    extending = sorted(code for code in codes if code.startswith(upper))
    if extending and not prefixes:  # a prefix where a full code is needed
        return extending[0]
    candidates = set(codes)
    if prefixes:
        candidates |= {code[: len(upper)] for code in codes if len(code) >= len(upper)}
    found = difflib.get_close_matches(upper, sorted(candidates), n=1, cutoff=0.5)
    by_name = difflib.get_close_matches(query.strip().lower(), sorted(names), n=1, cutoff=0.6)
    if by_name and (not found or _ratio(query.lower(), by_name[0]) > _ratio(upper, found[0])):
        return by_name[0]
    return found[0] if found else None


def _ratio(a: str, b: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, a, b).ratio()


def hint(query: str, codes: Collection[str], names: Collection[str] = (), prefixes: bool = True) -> str:
    """The end of an error message about an unknown selector: the nearest rule, and where to look."""
    near = closest(query, codes, names, prefixes)
    return f"；最接近的是 {near}（nianbao rules 可列出全部规则）" if near else "（nianbao rules 可列出全部规则）"
