"""The numbers Word generates for numbered paragraphs (一、 （一） 1. …), from numbering.xml.

python-docx does not compute list numbers, yet drafts carry their section numbers that way: a
heading style linked to a list shows `一、` without the character being in the text. `Numbering`
keeps Word's counters while paragraphs are visited in document order and returns each one's label.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..textutil import int_to_cn

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_LEVELS = 9
_MAX_START = 32767  # the largest start value Word accepts


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(element: etree._Element | None, default: str | None = None) -> str | None:
    if element is None:
        return default
    return element.get(w("val"), default)


def _int(element: etree._Element | None, default: int) -> int:
    """A number Word stores (a list's start), *default* when it is missing or not a number, kept
    within what Word itself accepts."""
    return number(_val(element), default, 0, _MAX_START)


def number(value: str | None, default: int, low: int, high: int) -> int:
    """*value* as an integer within [low, high]; *default* when it is missing or not a number (a
    damaged file must not make nianbao count to a billion or index past Word's nine levels)."""
    try:
        n = int(value) if value is not None else default
    except ValueError:
        n = default
    return min(max(n, low), high)


_TRADITIONAL = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_ROMAN = tuple(zip((1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1), "m cm d cd c xc l xl x ix v iv i".split()))


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word's a…z, aa…zz, aaa…: the letter repeats
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """*n* in a Word number format (numFmt's w:val); unknown formats fall back to decimal."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return int_to_cn(n) if 0 < n < 100 else str(n)
    if fmt == "chineseLegalSimplified" and 0 < n < 100:
        tens, ones = divmod(n, 10)
        return (
            (_LEGAL_DIGITS[tens] if tens > 1 else "") + ("拾" if tens else "") + (_LEGAL_DIGITS[ones] if ones else "")
        )
    if fmt == "ideographTraditional" and 0 < n <= len(_TRADITIONAL):
        return _TRADITIONAL[n - 1]
    if fmt == "ideographZodiac" and 0 < n <= len(_ZODIAC):
        return _ZODIAC[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 0 < n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 0 < n <= 20:
        return chr(0x2488 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n).upper() if fmt == "upperLetter" else _letters(n)
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str
    text: str  # lvlText: "%1、", "（%2）", "%1.%2"
    suffix: str  # after the number: "tab", "space" or "nothing"


class Numbering:
    """Word's list counters for one document; call `label` for each paragraph in document order."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._level_styles: dict[str, tuple[str, int]] = {}  # styleId → (abstractNumId, level)
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId → (abstractNumId, start overrides)
        if numbering is not None:
            self._read(numbering)
        self._style_num: dict[str, tuple[str | None, int | None]] = {}
        self._based_on: dict[str, str] = {}
        if styles is not None:
            for style in styles.iterfind(w("style")):
                sid = style.get(w("styleId"))
                if sid is None:
                    continue
                num_pr = style.find(f"{w('pPr')}/{w('numPr')}")
                if num_pr is not None:
                    self._style_num[sid] = (_val(num_pr.find(w("numId"))), _opt_level(num_pr.find(w("ilvl"))))
                based = _val(style.find(w("basedOn")))
                if based:
                    self._based_on[sid] = based
        self._counters: dict[str, list[int | None]] = {}
        self._used_nums: set[str] = set()

    def _read(self, numbering: etree._Element) -> None:
        for abstract in numbering.iterfind(w("abstractNum")):
            aid = abstract.get(w("abstractNumId"))
            if aid is None:
                continue
            levels: dict[int, Level] = {}
            for lvl in abstract.iterfind(w("lvl")):
                ilvl = _level(lvl.get(w("ilvl")))
                levels[ilvl] = Level(
                    _int(lvl.find(w("start")), 1),
                    _val(lvl.find(w("numFmt")), "decimal") or "decimal",
                    _val(lvl.find(w("lvlText")), "") or "",
                    _val(lvl.find(w("suff")), "tab") or "tab",
                )
                style = _val(lvl.find(w("pStyle")))
                if style:
                    self._level_styles[style] = (aid, ilvl)
            self._abstract[aid] = levels
        for num in numbering.iterfind(w("num")):
            nid = num.get(w("numId"))
            aid = _val(num.find(w("abstractNumId")))
            if nid is None or aid is None:
                continue
            overrides = {}
            for override in num.iterfind(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    overrides[_level(override.get(w("ilvl")))] = _int(start, 1)
            self._nums[nid] = (aid, overrides)

    def _style_numbering(self, style: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self._style_num:
                num_id, ilvl = self._style_num[style]
                if ilvl is None and style in self._level_styles:
                    ilvl = self._level_styles[style][1]
                return num_id, ilvl
            style = self._based_on.get(style)
        return None, None

    def label(self, paragraph: etree._Element) -> str:
        """The number Word shows before *paragraph* ("" for none), advancing the counters."""
        ppr = paragraph.find(w("pPr"))
        style = _val(ppr.find(w("pStyle"))) if ppr is not None else None
        num_id, ilvl = self._style_numbering(style)
        num_pr = ppr.find(w("numPr")) if ppr is not None else None
        if num_pr is not None:
            direct_id = _val(num_pr.find(w("numId")))
            num_id = direct_id if direct_id is not None else num_id
            direct_lvl = _opt_level(num_pr.find(w("ilvl")))
            ilvl = direct_lvl if direct_lvl is not None else ilvl
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        aid, overrides = self._nums[num_id]
        levels = self._abstract.get(aid)
        level_no = ilvl or 0
        if not levels or level_no not in levels:
            return ""
        counters = self._counters.setdefault(aid, [None] * _LEVELS)
        if num_id not in self._used_nums:
            self._used_nums.add(num_id)
            for lvl_no, start in overrides.items():
                counters[lvl_no] = start - 1
        current = counters[level_no]
        counters[level_no] = levels[level_no].start if current is None else current + 1
        for deeper in range(level_no + 1, _LEVELS):
            counters[deeper] = None
        level = levels[level_no]
        if level.fmt == "bullet":
            return ""
        text = level.text
        for k in range(level_no + 1):
            token = f"%{k + 1}"
            if token in text:
                n = counters[k]
                n = levels[k].start if n is None and k in levels else (n or 1)
                fmt = levels[k].fmt if k in levels else "decimal"
                text = text.replace(token, format_number(n, fmt))
        return text + (" " if level.suffix == "space" and text else "")


def _opt_level(element: etree._Element | None) -> int | None:
    """A paragraph's or style's list level (0–8), None when it names none."""
    value = _val(element)
    return None if value is None else _level(value)


def _level(value: str | None) -> int:
    return number(value, 0, 0, _LEVELS - 1)
