from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.facts import Agency, analyse_agency
from nianbao.model import Report
from nianbao.ruledef import ERROR, SUGGESTED, Edit, Finding, Fix, Fixable, Related, rule
from nianbao.template import GOVERNMENT_KINDS, NOT_AGENCY_NAMES, NOT_IN_PLACE_NAMES, TOWNSHIP_KINDS

_CJK = "\u4e00-\u9fff"
_CLAUSE = r"(?:^|(?<=[。；;，,：:！!？?\s）)]))"
_GEO = rf"(?:[{_CJK}]{{2,3}}(?:省|市|区|县))*?"
# Compiled when a draft needs one (`re` keeps what it compiled): a draft needs at most one of them,
# by its agency's kind, and compiling both took 4 ms of every start-up.
_TOWNSHIP = _CLAUSE + rf"(?P<name>{_GEO}[{_CJK}]{{2,3}}?(?:镇|乡|街道))(?P<gov>人民政府|政府|党委)?(?P<next>.?)"
_GOVERNMENT = _CLAUSE + rf"(?P<name>{_GEO}[{_CJK}]{{2,3}}?(?:县|区|市))(?P<gov>人民政府|政府)(?P<next>.?)"
_NOT_SUBJECT = "、和与及等的"


@rule("NB402", "foreign-agency", ERROR, "正文把另一个同级机关写成了本报告的主体", fixable=Fixable.SOMETIMES)
def foreign_agency(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    正文中作为句子主语出现的同级机关（镇/乡/街道报告中的另一个镇、县政府报告中的另一个县、
    局的报告中另一地方的同名局），而不是本报告的机关——这是复制邻近单位报告后没改干净的典型痕迹。
    只检查处在分句开头、作主语、写成机关名称形式（带地名前缀，或后接“人民政府”“政府”“党委”）的名称；
    列举（“与朱桥镇、程郭镇……”）、上级机关（“区政府”“莱州市政府办公室”“县人民政府门户网站”）、
    “做到镇政府信箱……”这类动词短语都不报告。

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
    把该名称换成本报告的机关名称。
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
    for para in report.paragraphs:
        if not any(needle in para.text for needle in needles):
            continue
        for m in pattern.finditer(para.text):
            name = m.group("name")
            if m.group("next") in _NOT_SUBJECT:
                continue
            mention = analyse_agency(name)
            if mention.kind not in kinds or not _looks_like_a_name(mention, m.group("gov")):
                continue
            if mention.core.endswith(agency.core) or agency.core.endswith(mention.core):
                continue
            start = para.start + m.start("name") + len(name) - len(mention.core)
            yield _finding(report, agency, mention.core, start, start + len(mention.core))


def _looks_like_a_name(mention: Agency, suffix: str | None) -> bool:
    """Only name forms a copied report carries: with a place prefix, 人民政府/党委, or a clean 政府."""
    if any(mention.core.endswith(w) for w in NOT_AGENCY_NAMES):
        return False
    stem = mention.core[: -len(mention.kind or "")]
    if any(ch in NOT_IN_PLACE_NAMES for ch in stem):
        return False
    return mention.name != mention.core or suffix in ("人民政府", "党委", "政府")


def _departments(report: Report, agency: Agency) -> Iterator[Finding]:
    """Another place's department of the same name: 泗阳县发展和改革局 in 沭阳县发展和改革局's report."""
    own_prefix = agency.name[: len(agency.name) - len(agency.core)]
    if not own_prefix or len(agency.core) < 3:
        return
    mentions = [para for para in report.paragraphs if agency.core in para.text]
    if not mentions:
        return  # no paragraph names the department: nothing to compile
    place = re.compile(rf"(?P<place>[{_CJK}]{{2,3}}(?:省|市|区|县)){re.escape(agency.core)}")
    for para in mentions:
        for m in place.finditer(para.text):
            if own_prefix.endswith(m.group("place")):
                continue
            start = para.start + m.start("place")
            yield _finding(report, agency, m.group("place") + agency.core, start, para.start + m.end())


def _finding(report: Report, agency: Agency, name: str, start: int, end: int) -> Finding:
    replacement = agency.core if agency.kind in TOWNSHIP_KINDS or agency.government else agency.name
    related = (Related(agency.start, agency.end, f"本报告的机关：{agency.name}"),) if agency.end else ()
    return Finding(
        start,
        end,
        f"正文把“{name}”写成了工作主体，但本报告的机关是“{agency.name}”（复制其他单位报告的痕迹？）",
        fix=Fix(f"改为“{replacement}”", (Edit(start, end, replacement),), SUGGESTED),
        related=related,
    )
