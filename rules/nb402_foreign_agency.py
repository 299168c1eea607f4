from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import chain

from nianbao.facts import Agency, analyse_agency, place_names
from nianbao.model import Report
from nianbao.ruledef import ERROR, SUGGESTED, Edit, Finding, Fix, Fixable, Related, rule
from nianbao.template import (
    GOVERNMENT_KINDS,
    NOT_AGENCY_NAMES,
    NOT_IN_PLACE_NAMES,
    TOWNSHIP_KINDS,
    VERBS_BEFORE_AGENCY,
)

_CJK = "\u4e00-\u9fff"
# Where a name is the one doing the work: the start of a clause (the subject), or the contact
# sentence's "请与……联系" (the office readers are sent to).
_CLAUSE_ENDS = r"。；;，,：:！!？?\s）)"
_CONTACT = "请与|请同|请和"
_POSITION = rf"(?:^|(?<=[{_CLAUSE_ENDS}])|(?<={_CONTACT}))"
_AT_POSITION = re.compile(rf"[{_CLAUSE_ENDS}]|{_CONTACT}")  # where each is, ends a _POSITION
_PLACE = rf"[{_CJK}]{{2,3}}?(?:省|市|区|县|州|盟|旗)"
_GEO = rf"(?:[{_CJK}]{{2,3}}(?:省|市|区|县))*?"
# Compiled when a draft needs one (`re` keeps what it compiled): a draft needs at most one of them,
# by its agency's kind, and compiling both took 4 ms of every start-up.
_TOWNSHIP = _POSITION + rf"(?P<name>{_GEO}[{_CJK}]{{2,3}}?(?:镇|乡|街道))(?P<gov>人民政府|政府|党委)?(?P<next>.?)"
_GOVERNMENT = _POSITION + rf"(?P<name>{_GEO}[{_CJK}]{{2,3}}?(?:县|区|市))(?P<gov>人民政府|政府)(?P<next>.?)"
_NOT_SUBJECT = "、和与及等的"
_OFFICE = "办事处"  # 东湖街道办事处 is 东湖街道: one agency, two forms
# Place names of one level: a department of another place is reported only at its own level
# (a county bureau's report names the city's bureau, its superior, freely).
_LEVELS = (("省", "自治区"), ("市", "州", "盟"), ("区", "县", "旗"))


@rule("NB402", "foreign-agency", ERROR, "正文把另一个同级机关写成了本报告的主体", fixable=Fixable.SOMETIMES)
def foreign_agency(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    正文中作为工作主体出现的另一个同级机关（镇/乡/街道报告中的另一个镇、县政府报告中的另一个县、
    局的报告中另一地方的同名局），而不是本报告的机关——这是复制邻近单位报告后没改干净的典型痕迹。

    检查的位置只有两处：分句开头的主语（“2023年，朱桥镇人民政府严格按照……”“泗阳县发展和改革局
    明确……”），和咨询联系句“请与……联系”中“请与/请同/请和”之后的机关。名称要写成机关名称的形式：
    镇、乡、街道和县级政府带地名前缀或后接“人民政府”“政府”“党委”；局、委、办等带地名前缀
    （“泗阳县发展和改革局”）。

    不报告的：本机关自己的名称，无论全称还是简称（“云州市临川区市场监督管理局”的报告中的
    “临川区市场监督管理局”，“东湖街道办事处”与“东湖街道”）；列举（“与朱桥镇、程郭镇……”）；
    上级机关（“区政府”“莱州市政府办公室”，局的报告中本机关地名前缀里的上级地方的同名局，或
    不同级别地方的同名局）；“做到镇政府信箱……”“维护县政府门户网站……”这类动词短语。

    为什么重要
    --------
    把别的镇的名字留在自己的报告里会被公众一眼看出，是年报通报中的常见问题。

    错误示例
    --------
    柞村镇的报告里写：“2023年，朱桥镇人民政府严格按照上级要求落实年度政务公开各项工作任务。”

    正确示例
    --------
    “2023年，柞村镇人民政府严格按照上级要求落实年度政务公开各项工作任务。”

    修复（建议）
    --------
    把写错的名称（镇、县名或局名前的地名）换成本报告机关的相应名称。只有换上的名称本身会被本规则
    认作本机关时才提供修复，所以修复后再检查不会再报告同一处，修复两次与修复一次相同。
    """
    agency = report.facts.agency
    if agency is None or agency.kind is None:
        return
    kinds: tuple[str, ...]
    needles: tuple[str, ...]  # one of them is in every match: paragraphs without any are skipped
    if agency.kind in TOWNSHIP_KINDS:
        pattern, kinds, needles = re.compile(_TOWNSHIP), TOWNSHIP_KINDS, TOWNSHIP_KINDS
    elif agency.kind in GOVERNMENT_KINDS and agency.government:
        pattern, kinds, needles = re.compile(_GOVERNMENT), (agency.kind,), ("政府",)
    else:
        yield from _departments(report, agency)
        return
    own = _stem(agency.core)
    for para in report.paragraphs:
        if not any(needle in para.text for needle in needles):
            continue
        for m in _subject_matches(pattern, para.text):
            name = m.group("name")
            if m.group("next") in _NOT_SUBJECT:
                continue
            mention = _analysed(name)
            if mention.kind not in kinds or not _looks_like_a_name(mention, m.group("gov")):
                continue
            if _same(mention.core, own):
                continue
            start = para.start + m.start("name") + len(name) - len(mention.core)
            replacement = own if mention.kind in TOWNSHIP_KINDS else agency.core
            fix = _same(_analysed(replacement).core, own)
            yield _finding(report, agency, mention.core, start, start + len(mention.core), replacement if fix else None)


def _subject_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that opens with `_POSITION`, tried only where a
    `_POSITION` holds: `re` cannot skip ahead to a pattern that opens with a look-behind, and tried
    every character of every paragraph (the same matches, a third of the time of a whole NB402)."""
    done = 0  # like finditer, a match starts at or after the end of the one before
    for at in chain((0,), (m.end() for m in _AT_POSITION.finditer(text))):
        if at >= done and (m := pattern.match(text, at)) is not None:
            yield m
            done = m.end()


@lru_cache(maxsize=256)
def _analysed(name: str) -> Agency:
    """`analyse_agency` of a mentioned name, once per name (a name recurs in many paragraphs and drafts)."""
    return analyse_agency(name)


def _stem(core: str) -> str:
    """An agency's core without 办事处 (东湖街道办事处 → 东湖街道)."""
    return core[: -len(_OFFICE)] if core.endswith(_OFFICE) and len(core) > len(_OFFICE) else core


def _same(core: str, own: str) -> bool:
    """Whether a mentioned core names the report's agency (a short or long form of it)."""
    core = _stem(core)
    return core.endswith(own) or own.endswith(core)


def _looks_like_a_name(mention: Agency, suffix: str | None) -> bool:
    """Only name forms a copied report carries: with a place prefix, 人民政府/党委, or a clean 政府."""
    if any(mention.core.endswith(w) for w in NOT_AGENCY_NAMES):
        return False
    stem = mention.core[: -len(mention.kind or "")]
    if any(ch in NOT_IN_PLACE_NAMES for ch in stem) or mention.name.startswith(VERBS_BEFORE_AGENCY):
        return False
    return mention.name != mention.core or suffix in ("人民政府", "党委", "政府")


def _departments(report: Report, agency: Agency) -> Iterator[Finding]:
    """Another place's department of the same name: 泗阳县发展和改革局 in 沭阳县发展和改革局's report."""
    own = agency.places
    if not own or len(agency.core) < 3:
        return
    mentions = [para for para in report.paragraphs if agency.core in para.text]
    if not mentions:
        return  # no paragraph names the department: nothing to compile
    pattern = re.compile(_POSITION + rf"(?P<places>(?:{_PLACE})+?){re.escape(agency.core)}")
    for para in mentions:
        for m in _subject_matches(pattern, para.text):
            place = place_names(m.group("places"))[-1]
            if _foreign_place(place, own):
                start = para.start + m.end("places") - len(place)
                fix = not _foreign_place(own[-1], own)
                yield _finding(report, agency, place + agency.core, start, start + len(place), own[-1] if fix else None)


def _foreign_place(place: str, own: tuple[str, ...]) -> bool:
    """Whether *place* is another place of the level of the agency's own (not it, not its superior)."""
    if any(ch in NOT_IN_PLACE_NAMES for ch in place) or place.startswith(VERBS_BEFORE_AGENCY) or place in own:
        return False
    return _level(place) == _level(own[-1])


def _level(place: str) -> int | None:
    return next((i for i, ends in enumerate(_LEVELS) if place.endswith(ends)), None)


def _finding(report: Report, agency: Agency, name: str, start: int, end: int, replacement: str | None) -> Finding:
    related = (Related(agency.start, agency.end, f"本报告的机关：{agency.name}"),) if agency.end else ()
    fix = Fix(f"改为“{replacement}”", (Edit(start, end, replacement),), SUGGESTED) if replacement else None
    return Finding(
        start,
        end,
        f"正文把“{name}”写成了工作主体，但本报告的机关是“{agency.name}”（复制其他单位报告的痕迹？）",
        fix=fix,
        related=related,
    )
