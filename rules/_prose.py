"""Counts in prose, as NB205 and NB206 read them: sentences, counts ("61 件", "两件"), the
parentheses around a count, and whether a count is a quantity of the year or a comparison.

Offsets are into the text given (a paragraph's ``folded`` text), end exclusive. Word lists come
from `nianbao.template.vocabulary`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from nianbao.template import (
    CLAUSE_ENDS,
    COMPARISON_WORDS,
    EVENT_MEASURE_WORDS,
    MEASURE_WORDS,
    OTHER_PERIOD_WORDS,
    OUTCOME_WORDS,
    PERSON_MEASURE_WORDS,
    SENTENCE_ENDS,
    alternation,
)
from nianbao.textutil import CN_NUMERAL_CHARS, cn_to_int

OPEN, CLOSE = "（(", "）)"
# Arabic numerals, with thousands separators ("1,245"), or Chinese ones ("十二", "两").
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+|[{CN_NUMERAL_CHARS}]+)"
_UNIT = rf"(?P<unit>{alternation(MEASURE_WORDS)})"
# Arabic digits (with thousands separators: "1,245") not after a digit, "." or ",", then a unit.
# Written to start with a digit (the check before it moved after the first digit) so that `re`
# skips to the digits instead of trying every character of a paragraph: the same matches, 3.7×
# faster.
_DIGIT_COUNT = re.compile(rf"(?P<n>\d(?<![\d.,]\d)(?:\d{{0,2}}(?:,\d{{3}})+(?!\d)|\d*))\s*{_UNIT}")
_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_ENDS)}]")
_BRACKET = re.compile(f"[{re.escape(OPEN + CLOSE)}]")
# A comparison is said inside the count's own phrase (since the last clause mark, 、 or bracket).
_PHRASE_START = re.compile(f"[{re.escape(CLAUSE_ENDS)}、{re.escape(OPEN + CLOSE)}]")
_COMPARISON = re.compile(alternation(COMPARISON_WORDS))
_OUTCOME = re.compile(alternation(w for words in OUTCOME_WORDS.values() for w in words))
_OTHER_YEAR = re.compile(r"(?:较|比|同)\s*\d{4}\s*年")  # “较 2022 年的 132 件”
_OTHER_PERIOD = re.compile(rf"(?:{alternation(OTHER_PERIOD_WORDS)})(?:为|是|共|计|有)?\s*$")


@dataclass(frozen=True)
class Count:
    """A number with a measure word: ``value`` ``unit``; ``start``/``end`` span the number."""

    value: int
    start: int
    end: int
    unit: str
    unit_end: int  # where the measure word ends
    depth: int  # how many brackets enclose it: 0 on the sentence's own level
    comparative: bool  # a comparison or change ("比上年增加 10 件", "上年 15 件"), not a quantity

    @property
    def kind(self) -> str:
        """What it counts: ``event`` (次, 期, 场), ``person`` (人次) or ``item`` (件, 条, 篇 …, mixed freely)."""
        if self.unit in EVENT_MEASURE_WORDS:
            return "event"
        return "person" if self.unit in PERSON_MEASURE_WORDS else "item"


def number_value(written: str) -> int | None:
    """The value of a number matched by `NUMBER`: 1,245 → 1245, 十二 → 12."""
    return cn_to_int(written.replace(",", ""))


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of *text*, without their end marks (。；！？)."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def depths(text: str) -> list[int]:
    """Bracket depth at each offset of *text* (a bracket itself counts as outside)."""
    # Visits the brackets only: the depth is constant between two of them (a walk over every
    # character was 15 % of a whole check).
    out: list[int] = []
    depth, pos = 0, 0
    for m in _BRACKET.finditer(text):
        at = m.start()
        out += [depth] * (at - pos)
        if text[at] in CLOSE:
            depth = max(0, depth - 1)
        out.append(depth)
        if text[at] in OPEN:
            depth += 1
        pos = at + 1
    out += [depth] * (len(text) - pos)
    return out


def counts(text: str) -> list[Count]:
    """Every count in *text* written in Arabic numerals (Chinese ones are too often words: 一次性)."""
    level: list[int] = []  # the depths, found at the first count (many paragraphs have none)
    found = []
    for m in _DIGIT_COUNT.finditer(text):
        value = number_value(m.group("n"))
        if value is None:
            continue
        start, end = m.start("n"), m.end("n")
        level = level or depths(text)
        found.append(Count(value, start, end, m.group("unit"), m.end(), level[start], is_comparative(text, start)))
    return found


def phrase_start(text: str, at: int) -> int:
    """Where the phrase holding offset *at* starts: after the last clause mark, 、 or bracket."""
    ends = _phrase_ends(text)
    i = bisect_right(ends, at)
    return ends[i - 1] if i else 0


@lru_cache(maxsize=256)
def _phrase_ends(text: str) -> tuple[int, ...]:
    """Where each clause mark, 、 or bracket of *text* ends: found once per paragraph, not once per
    count (a scan from the start of the text for every count made a paragraph's counts quadratic)."""
    return tuple(m.end() for m in _PHRASE_START.finditer(text))


def is_comparative(text: str, at: int) -> bool:
    """Whether the number at *at* is a comparison or change rather than a quantity of the year."""
    phrase = text[phrase_start(text, at) : at]
    return bool(_COMPARISON.search(phrase) or _OTHER_PERIOD.search(phrase) or _OTHER_YEAR.search(phrase))


def closing(text: str, at: int) -> int | None:
    """The offset of the bracket closing the one at *at*, or None when it is never closed."""
    depth = 0
    for i in range(at, len(text)):
        if text[i] in OPEN:
            depth += 1
        elif text[i] in CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return None


def is_outcome(text: str, count: Count) -> bool:
    """Whether *count* counts a table-3 outcome: "予以公开 9 件" or "9 件予以公开"."""
    after = _PHRASE_START.search(text, count.unit_end)
    return bool(
        _OUTCOME.search(text, phrase_start(text, count.start), count.start)
        or _OUTCOME.search(text, count.unit_end, after.start() if after else len(text))
    )
