"""Text helpers shared by parsers and rules: width folding, label normalisation, numerals."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Full-width ASCII (！…～) → ASCII and the ideographic space → space, one character for one, so a
# folded string has the same offsets as the original and regex spans can be used on both.
FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
FOLD[0x3000] = 0x20
FOLD[0xA0] = 0x20


_FOLDABLE = re.compile("[" + "".join(map(chr, FOLD)) + "]")
_FOLDED = {chr(k): chr(v) for k, v in FOLD.items()}


def fold(text: str) -> str:
    """Fold full-width ASCII and odd spaces; same length as *text*."""
    # One str.replace per distinct foldable character the text holds (a handful: ，（）：…), each a
    # pass in C; a substitution with a callback made a Python call per full-width mark (2× slower
    # on whole drafts), str.translate with a dict looks up every character (4× slower). Each
    # character folds to an ASCII one that folds no further, so the order does not matter.
    for ch in set(_FOLDABLE.findall(text)):
        text = text.replace(ch, _FOLDED[ch])
    return text


def with_full_width(chars: Iterable[str]) -> frozenset[str]:
    """*chars* and every character `fold` turns into one of them (＋ beside +, ／ beside /)."""
    narrow = set(chars)
    return frozenset(narrow | {wide for wide, folded in _FOLDED.items() if folded in narrow})


@lru_cache(maxsize=4096)
def _nfkc_char(ch: str) -> str:
    if ch.isspace():
        return ""
    return unicodedata.normalize("NFKC", ch)


class Normalized:
    """A label with spaces removed and widths folded (NFKC), plus a map back to the original.

    ``text`` is what matching uses; ``span(i, j)`` turns a slice of ``text`` back into offsets
    of the original string (relative to the start offset given at construction).
    """

    __slots__ = ("text", "_origin", "_ends")

    def __init__(self, raw: str, start: int = 0) -> None:
        chars: list[str] = []
        origin: list[int] = []
        ends: list[int] = []
        for i, ch in enumerate(raw):
            if ch.isascii() and not ch.isspace():
                chars.append(ch)
                origin.append(start + i)
                ends.append(start + i + 1)
                continue
            for out in _nfkc_char(ch):
                chars.append(out)
                origin.append(start + i)
                ends.append(start + i + 1)
        self.text = "".join(chars)
        self._origin = origin
        self._ends = ends

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Original (start, end) offsets covering normalised characters i..j (j exclusive)."""
        return self._origin[i], self._ends[j - 1]


def normalize(raw: str) -> str:
    """The matching form of a label: NFKC, no whitespace at all."""
    if raw.isascii():
        return raw if raw.isalnum() else "".join(raw.split())
    if not unicodedata.is_normalized("NFKC", raw):
        # Full-width marks (，（）：) are what most labels hold that NFKC changes, and `fold` gives
        # each its NFKC form in a few passes of str.replace; what is left is then usually in normal
        # form already. CPython's full NFKC costs ~500 instructions a character (9x on a paragraph).
        raw = unicodedata.normalize("NFKC", fold(raw))
    return "".join(raw.split())


_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS)


def cn_to_int(text: str) -> int | None:
    """Parse a Chinese numeral (``十二``, ``二十一``, ``两``, ``一百零五``) or ASCII digits."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(unicodedata.normalize("NFKC", text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            unit = _CN_UNITS[ch]
            if unit == 10000:
                total += (section + (digit or 0)) * unit
                section, digit = 0, None
            else:
                section += (1 if digit is None else digit) * unit
                digit = None
        else:
            return None
    return total + section + (digit or 0)


INT_TO_CN = ("", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十")


def int_to_cn(n: int) -> str:
    """1..99 as a Chinese numeral, the way section headings write them."""
    if 0 < n <= 10:
        return INT_TO_CN[n]
    tens, ones = divmod(n, 10)
    return (INT_TO_CN[tens] if tens > 1 else "") + "十" + INT_TO_CN[ones]


def display_width(text: str, tab: int = 4) -> int:
    """Terminal columns *text* occupies (East Asian wide characters count two)."""
    width = 0
    for ch in text:
        if ch == "\t":
            width += tab - width % tab
        elif unicodedata.east_asian_width(ch) in "WF":
            width += 2
        elif not unicodedata.combining(ch):
            width += 1
    return width


# Leftovers of Word/PDF conversion that are never part of the report's text (NB901 reports them,
# parsers read around them). `**` is handled separately: it is markup in Markdown drafts.
ARTIFACT_PATTERN = (
    r"\[bookmark:[^\]\n]*\]"
    r"|\{\s*(?:PAGE|NUMPAGES|TOC|HYPERLINK|MERGEFIELD)\b[^}\n]*\}"
    r"|\bHYPERLINK\s+\"[^\"\n]*\""
    r"|\\\*\s*MERGEFORMAT"
)
# Every match of ARTIFACT_PATTERN contains one of these: text without any has no leftovers.
ARTIFACT_MARKS = ("[bookmark:", "{", "HYPERLINK", "MERGEFORMAT")
