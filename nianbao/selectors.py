"""Rule selectors — codes and prefixes such as ``NB2`` or ``NB203`` — and the nearest rule for a typo.

Used wherever a user names rules: the command line, configuration files, editor settings and
``nianbao explain``. Free of the registry: callers pass the codes (and names) there are.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence

from .record import Record

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from typing import Any

ALL = "ALL"  # the selector every rule matches
DEFAULT_SECONDS = 10.0  # per rule and draft: the slowest honest rule takes well under 1 s on 10 MB
DEFAULT_MAX_FILE_SIZE = 10 * 2**20  # bytes: 30 times the largest real report (~300 KB)


class Selection(Record):
    """Which rules run, how severe they are and the limits they run under, for one file."""

    __slots__ = ("select", "ignore", "severity", "inference", "rule_timeout", "max_file_size")
    select: Sequence[str] | None  # None: every rule
    ignore: Sequence[str]
    severity: Mapping[str, str]
    # per-file settings from configuration: report-year / template / agency / province / copied-prose-threshold …
    inference: Mapping[str, Any]
    rule_timeout: float | None  # seconds each rule may run on the draft; None: no limit
    max_file_size: int | None  # bytes; a larger draft gets one NB002; None: no limit

    def __init__(
        self,
        select: Sequence[str] | None = None,
        ignore: Sequence[str] = (),
        severity: Mapping[str, str] | None = None,
        inference: Mapping[str, Any] | None = None,
        rule_timeout: float | None = DEFAULT_SECONDS,
        max_file_size: int | None = DEFAULT_MAX_FILE_SIZE,
    ) -> None:
        severity = {} if severity is None else severity
        self._init(select, ignore, severity, {} if inference is None else inference, rule_timeout, max_file_size)

    def enabled(self, code: str) -> bool:
        chosen = _longest(code, self.select if self.select is not None else ("",))
        dropped = _longest(code, self.ignore)
        return chosen >= 0 and chosen > dropped


def _longest(code: str, selectors: Iterable[str]) -> int:
    best = -1
    for s in selectors:
        s = s.strip().upper()
        if s == "ALL":
            s = ""
        if code.startswith(s):
            best = max(best, len(s))
    return best


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
