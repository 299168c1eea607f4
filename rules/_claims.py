"""What the prose says about tables 3 and 4: the statements NB205 compares with the tables.

Each statement found is a `Claim`: a number the prose states (or 0, for "未发生…" and "均维持"),
where it is, and the sums of table cells it may mean (`Reading`s). The grammar of each kind of
statement is in NB205's documentation; the word lists are in `nianbao.template.vocabulary`, the
row names and the reasons of each table-3 row come from `nianbao.template.tables`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.lazyre import lazy
from nianbao.model import Paragraph
from nianbao.record import FrozenRecord
from nianbao.template import (
    ALL_WORDS,
    CARRIED_WORDS,
    CARRY_FORWARD_WORDS,
    CORRECTED_WORDS,
    DONE_WORDS,
    EACH_WORDS,
    EXCEPT_WORDS,
    LITIGATION_WORDS,
    MEASURE_WORDS,
    OUTCOME_JOINERS,
    OUTCOME_WORDS,
    REVIEW_WORDS,
    T3_GROUP_BY_KEY,
    T3_ROWS,
    T4_LITIGATION,
    UPHELD_WORDS,
    CellKey,
    T3Col,
    T3Row,
    T4Col,
    T4Row,
    alternation,
)

from ._prose import NUMBER, depths, is_comparative, number_value, phrase_start, sentences

_COUNT = rf"(?P<n>{NUMBER})\s*(?:{alternation(MEASURE_WORDS)})"
_STOP = "。；;，,"  # a statement's words do not run over these
_PHRASE_END = _STOP + "、"
_GAP = rf"[^{_STOP}0-9]"

_RECEIVED = re.compile(
    rf"(?:新收|收到|受理|接到|接收|提交|提出)(?P<obj>[^{_STOP}]{{0,16}}?)(?:申请|事项){_GAP}{{0,4}}?{_COUNT}"
)
_RECEIVED_NONE = re.compile(rf"(?<!尚)(?:未|没有)(?:新?收到|受理|接到|接收)(?P<obj>[^{_STOP}]{{0,16}}?)申请")
_NOT_APPLICATIONS = re.compile(r"建议|提案|复议|诉讼|投诉|举报|信访|不予|咨询")
_CARRIED = re.compile(rf"(?:{alternation(CARRIED_WORDS)}){_GAP}{{0,10}}?{_COUNT}")
_CARRIED_WORD = re.compile(alternation(CARRIED_WORDS))
_FORWARD_WORDS = alternation(CARRY_FORWARD_WORDS)
_FORWARD_WORD = re.compile(_FORWARD_WORDS)
_FORWARD = re.compile(rf"(?:{_FORWARD_WORDS})(?:继续办理|办理)?{_GAP}{{0,6}}?{_COUNT}")
_FORWARD_AFTER = re.compile(rf"{_COUNT}{_GAP}{{0,6}}?(?:{_FORWARD_WORDS})")

_WORD_GROUP = {word: group for group, words in OUTCOME_WORDS.items() for word in words}
_OUTCOME = alternation(_WORD_GROUP)
_NAMES = rf"(?P<names>(?:{_OUTCOME})(?:(?:{alternation(OUTCOME_JOINERS)})(?:{_OUTCOME}))*)"
_OUTCOMES = lazy(rf"{_NAMES}(?P<gap>[^{_STOP}、0-9]{{0,8}}?){_COUNT}")
_OUTCOMES_AFTER = lazy(rf"(?:^|[{_STOP}、：:]|其中|有)\s*{_COUNT}(?:申请)?(?:均|已|被|依法)?{_NAMES}")
_OUTCOME_WORD = re.compile(_OUTCOME)
# Every statement `_carried` or `_outcomes` reads holds one of these words.
_TABLE3_WORD = re.compile(f"{_OUTCOME}|{alternation(CARRIED_WORDS + CARRY_FORWARD_WORDS)}")
_EACH = re.compile(alternation(EACH_WORDS))
_SCOPE = re.compile(r"[的件]中|申请中")  # "上年结转的 3 件中，予以公开 2 件": about a part only

_REVIEW = alternation(REVIEW_WORDS)
_LITIGATION = alternation(LITIGATION_WORDS)
_CASE_OUTCOME = re.compile(alternation(UPHELD_WORDS + CORRECTED_WORDS + ("结果", "审结", "审理", "其他")))
_CASES = {
    "review": re.compile(rf"行政复议(?P<gap>[^{_STOP}、和及与0-9复诉]{{0,8}}?){_COUNT}"),
    "litigation": re.compile(rf"行政诉讼(?P<gap>[^{_STOP}、和及与0-9复诉]{{0,8}}?){_COUNT}"),
}
_VERBS = "发生|收到|出现|涉及|被|有|产生|接到|引发|存在|因"
_NONE = re.compile(rf"(?<!尚)(?:未(?:{_VERBS})|没有(?:{_VERBS})?|无(?=因|行政复议|行政诉讼))")
_MENTION = re.compile(rf"(?P<review>(?:{_REVIEW})(?!后))|(?P<litigation>{_LITIGATION})")
_ALL_UPHELD = re.compile(rf"(?:{alternation(ALL_WORDS)})[^{_STOP}0-9]{{0,4}}?(?:{alternation(UPHELD_WORDS)})")
_CORRECTED = re.compile(alternation(CORRECTED_WORDS + UPHELD_WORDS))
_NONE_REACH = 16  # characters between 未发生 and the case it denies


class Reading(FrozenRecord):
    """One meaning of a statement: the sum of *cells* of the table, named *where* in messages."""

    __slots__ = ("cells", "where")
    cells: tuple[CellKey, ...]
    where: str

    def __init__(self, cells: tuple[CellKey, ...], where: str) -> None:
        self._init(cells, where)


class Claim(FrozenRecord):
    """A statement of the prose about a table. Offsets are into the report's text.

    ``stated`` is the number said (0 for 未发生…, and for 均维持: the cases not upheld);
    ``written`` whether the prose wrote it as a number; ``readings`` every sum of cells it may
    mean (the first is the one a message names); ``referents`` the counts a 其中 before it refers
    to, when one does (the statement is about those applications, which may be only some).
    """

    __slots__ = ("table", "start", "end", "what", "stated", "written", "readings", "referents")
    table: str  # t3 | t4
    start: int
    end: int
    what: str
    stated: int
    written: bool
    readings: tuple[Reading, ...]
    referents: tuple[int, ...] | None

    def __init__(
        self,
        table: str,
        start: int,
        end: int,
        what: str,
        stated: int,
        written: bool,
        readings: tuple[Reading, ...],
        referents: tuple[int, ...] | None = None,
    ) -> None:
        self._init(table, start, end, what, stated, written, readings, referents)


def claims(para: Paragraph) -> Iterator[Claim]:
    """Every statement about tables 3 and 4 in *para*, in the order the grammar finds them."""
    text = para.folded
    yield from _received(para)
    if _TABLE3_WORD.search(text):  # one scan for the words of both readers spares most paragraphs two
        yield from _carried(para)
        yield from _outcomes(para)
    yield from _all_done(para)
    if "复议" in text or "诉讼" in text or "起诉" in text:
        yield from _cases(para)
        yield from _no_cases(para)
        yield from _all_upheld(para)


# --- table 3 -----------------------------------------------------------------------------------

_NEW = Reading(((T3Row.NEW, T3Col.TOTAL),), "表三“一、本年新收”的总计")
_NEW_AND_CARRIED = Reading(((T3Row.NEW, T3Col.TOTAL), (T3Row.CARRIED, T3Col.TOTAL)), "表三本年新收与上年结转之和")
_CARRIED_READING = Reading(((T3Row.CARRIED, T3Col.TOTAL),), "表三“二、上年结转”的总计")
_FORWARD_READING = Reading(((T3Row.CARRY_FORWARD, T3Col.TOTAL),), "表三“四、结转下年度继续办理”的总计")


_ALL_DONE = re.compile(  # 申请均已(按要求)办结, 均已办结…申请
    rf"申请[^{_STOP}0-9]{{0,6}}?(?:{alternation(ALL_WORDS)})已?[^{_STOP}0-9]{{0,4}}?(?:{alternation(DONE_WORDS)})"
    rf"|(?:{alternation(ALL_WORDS)})已?(?:{alternation(DONE_WORDS)})[^{_STOP}0-9]{{0,4}}?申请"
)
_EXCEPT = re.compile(alternation(EXCEPT_WORDS))


def _all_done(para: Paragraph) -> Iterator[Claim]:
    """“所有申请均已办结”: nothing is carried forward to next year (unless the sentence excepts some)."""
    text = para.folded
    if "申请" not in text:  # both of the pattern's forms hold the word: spare most paragraphs the scan
        return
    for start, end in sentences(text):
        m = _ALL_DONE.search(text, start, end)
        if m is None or _EXCEPT.search(text, start, end):
            continue
        yield Claim("t3", para.start + m.start(), para.start + m.end(), "申请均已办结", 0, False, (_FORWARD_READING,))


def _received(para: Paragraph) -> Iterator[Claim]:
    text = para.folded
    if "申请" not in text:
        return
    for m in _RECEIVED.finditer(text):
        if _applications(m.group("obj")):
            yield from _claim(para, "t3", m, "本年新收政府信息公开申请", _NEW, _NEW_AND_CARRIED)
    for m in _RECEIVED_NONE.finditer(text):
        if _applications(m.group("obj")):
            yield Claim("t3", para.start + m.start(), para.start + m.end(), "没有收到申请", 0, False, (_NEW,))


def _applications(obj: str) -> bool:
    """Whether what was received is information-disclosure applications (not 建议, 投诉 …)."""
    return not ((obj and "公开" not in obj) or _NOT_APPLICATIONS.search(obj))


def _carried(para: Paragraph) -> Iterator[Claim]:
    text = para.folded
    # Each pattern needs one of its words: one search for any of them spares most paragraphs the
    # scans (a Python test per word was a third of NB205).
    if _CARRIED_WORD.search(text):
        for m in _CARRIED.finditer(text):
            yield from _claim(para, "t3", m, "上年结转", _CARRIED_READING)
    if _FORWARD_WORD.search(text):
        for pattern in (_FORWARD, _FORWARD_AFTER):
            for m in pattern.finditer(text):
                yield from _claim(para, "t3", m, "结转下年度", _FORWARD_READING)


def _outcomes(para: Paragraph) -> Iterator[Claim]:
    """“予以公开和部分公开共 19 件”, “因……等原因无法提供 8 件”, “其中 8 件予以公开”."""
    text = para.folded
    if not _OUTCOME_WORD.search(text):  # both patterns need an outcome's name
        return
    matches = [m for pattern in (_OUTCOMES, _OUTCOMES_AFTER) for m in pattern.finditer(text)]
    if not matches:
        return  # most paragraphs: no need for their sentences and bracket depths
    level = depths(text)
    spans = sentences(text)
    for m in matches:
        at = m.start("n")
        start = phrase_start(text, min(m.start(), at))
        sentence = next(s for s, e in spans if s <= at <= e)
        if level[at] or "主动" in text[start : m.start()]:
            continue
        if _SCOPE.search(text, sentence, m.start()):
            continue
        groups = list(dict.fromkeys(_WORD_GROUP[w.group()] for w in _OUTCOME_WORD.finditer(m.group("names"))))
        if "gap" in m.groupdict() and _OUTCOME_WORD.search(m.group("gap")):
            continue
        each = "gap" in m.groupdict() and _EACH.search(m.group("gap"))
        referents = _referents(text, level, sentence, m.start())
        reason = text[start : m.start()]
        for chosen in [[g] for g in groups] if each else [groups]:
            readings = [_group_reading(chosen)]
            leaves = [r for r in T3_ROWS if r.group in chosen and any(core in reason for core in r.cores)]
            if leaves and len(chosen) == 1:
                readings.append(_rows_reading(leaves))
            what = "、".join(T3_GROUP_BY_KEY[g].label for g in chosen) if each else m.group("names")
            yield from _claim(para, "t3", m, what, *readings, referents=referents)


def _referents(text: str, level: list[int], sentence: int, at: int) -> tuple[int, ...] | None:
    """The counts a 其中 before *at* (in its sentence) refers to, or None without a 其中."""
    where = text.rfind("其中", sentence, at)
    if where == -1:
        return None
    found = re.finditer(_COUNT, text[sentence:where])
    return tuple(
        v
        for m in found
        if not level[sentence + m.start("n")] and not is_comparative(text, sentence + m.start("n"))
        for v in [number_value(m.group("n"))]
        if v is not None
    )


def _group_reading(groups: list[str]) -> Reading:
    rows = [r for r in T3_ROWS if r.group in groups and not r.subtotal]
    names = "”“".join(T3_GROUP_BY_KEY[g].heading for g in groups)
    if len(groups) > 1:
        where = f"表三“{names}”的总计之和"
    elif any(r.ordinal.isdigit() for r in rows):
        where = f"表三“{names}”各项的总计之和"
    else:
        where = f"表三“{names}”的总计"
    return Reading(tuple((r, T3Col.TOTAL) for r in rows), where)


def _rows_reading(rows: list) -> Reading:
    names = "、".join(r.quoted for r in rows)
    return Reading(tuple((r, T3Col.TOTAL) for r in rows), f"表三{names}的总计" + ("之和" if len(rows) > 1 else ""))


# --- table 4 -----------------------------------------------------------------------------------

_REVIEW_TOTAL = Reading(((T4Row.REVIEW, T4Col.TOTAL),), "表四“行政复议”的总计")
_LITIGATION_TOTAL = Reading(tuple((g, T4Col.TOTAL) for g in T4_LITIGATION), "表四两组行政诉讼总计之和")
_ALL_CASES = Reading(_REVIEW_TOTAL.cells + _LITIGATION_TOTAL.cells, "表四行政复议与行政诉讼总计之和")
_BOTH = re.compile(rf"行政复议(?:{alternation(OUTCOME_JOINERS)})$")  # “行政复议、行政诉讼案件 3 件”
_NOT_UPHELD = (T4Col.CORRECTED, T4Col.OTHER, T4Col.PENDING)


def _cases(para: Paragraph) -> Iterator[Claim]:
    """“被申请行政复议 5 件”, “被提起行政诉讼 10 件”."""
    text = para.folded
    for key, what, reading in (("review", "行政复议", _REVIEW_TOTAL), ("litigation", "行政诉讼", _LITIGATION_TOTAL)):
        for m in _CASES[key].finditer(text):
            after = text[m.end() : next((i for i in range(m.end(), len(text)) if text[i] in _PHRASE_END), len(text))]
            if (
                _CASE_OUTCOME.search(m.group("gap") + after)
                or "其中" in text[phrase_start(text, m.start()) : m.start()]
            ):
                continue  # “其中行政复议 1 件维持”: the count of one outcome, not of the cases
            if key == "litigation" and _BOTH.search(text, 0, m.start()):
                yield from _claim(para, "t4", m, "行政复议、行政诉讼", _ALL_CASES)
            else:
                yield from _claim(para, "t4", m, what, reading)


def _no_cases(para: Paragraph) -> Iterator[Claim]:
    """“未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况”: none of those cases.

    “没有发生……被行政复议纠错、行政诉讼败诉的情况” denies an outcome, not the cases: skipped.
    """
    text = para.folded
    for m in _NONE.finditer(text):
        end = next((i for i in range(m.end(), len(text)) if text[i] in _STOP), len(text))
        clause = text[m.end() : end]
        first = _MENTION.search(clause)
        if first is None or first.start() > _NONE_REACH or _CORRECTED.search(clause):
            continue
        kinds = {k for mention in _MENTION.finditer(clause) for k, v in mention.groupdict().items() if v}
        for kind, what, reading in (
            ("review", "行政复议", _REVIEW_TOTAL),
            ("litigation", "行政诉讼", _LITIGATION_TOTAL),
        ):
            if kind in kinds:
                yield Claim("t4", para.start + m.start(), para.start + end, f"没有{what}", 0, False, (reading,))


def _all_upheld(para: Paragraph) -> Iterator[Claim]:
    """“行政复议和行政诉讼……结果均为维持”: no case of those kinds was corrected, other or pending."""
    text = para.folded
    for start, end in sentences(text):
        for m in _ALL_UPHELD.finditer(text, start, end):
            clause = phrase_start(text, m.start())
            before = text[clause : m.start()]
            if not _MENTION.search(before):
                before = text[start : m.start()]
            if "其中" in before:
                continue
            kinds = {k for mention in _MENTION.finditer(before) for k, v in mention.groupdict().items() if v}
            groups = ([T4Row.REVIEW] if "review" in kinds else []) + (
                list(T4_LITIGATION) if "litigation" in kinds else []
            )
            if not groups:
                continue
            names = "、".join(n for k, n in (("review", "行政复议"), ("litigation", "行政诉讼")) if k in kinds)
            cells = tuple((g, c) for g in groups for c in _NOT_UPHELD)
            reading = Reading(cells, f"表四中{names}结果不是维持（纠正、其他或尚未审结）的案件数")
            yield Claim(
                "t4", para.start + m.start(), para.start + m.end(), f"{names}结果均为维持", 0, False, (reading,)
            )


def _claim(
    para: Paragraph,
    table: str,
    m: re.Match[str],
    what: str,
    *readings: Reading,
    referents: tuple[int, ...] | None = None,
) -> Iterator[Claim]:
    """The claim of a statement whose number is group ``n`` of *m*; none if it is not a numeral or
    is a comparison ("比上年增加 3 件")."""
    value = number_value(m.group("n"))
    if value is not None and not is_comparative(para.folded, m.start("n")):
        yield Claim(table, para.start + m.start("n"), para.start + m.end("n"), what, value, True, readings, referents)
