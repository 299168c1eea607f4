"""The report's shape: template versions, the six sections and their accepted titles, the title
and the Regulation's name.

Sources: ``spec/template.md`` (国办公开办函〔2019〕60号 and 〔2021〕30号).
"""

from __future__ import annotations

from ..record import FrozenRecord

T2019 = "2019"
T2021 = "2021"
TEMPLATES = (T2019, T2021)
TEMPLATE_NOTICES = {T2019: "国办公开办函〔2019〕60号", T2021: "国办公开办函〔2021〕30号"}


def template_for_year(year: int) -> str | None:
    """The template in force for report year *year* (None before 2019: an obsolete form)."""
    if year >= 2021:
        return T2021
    if year >= 2019:
        return T2019
    return None


REPORT_TITLE_SUFFIX = "政府信息公开工作年度报告"
# How a report's title line ends, as drafts write it (spaces removed); a folder walk checks only
# files that look like a report (nianbao.sniff).
REPORT_TITLE_ENDINGS = (REPORT_TITLE_SUFFIX, "政府信息公开年度报告", "政府信息公开工作年报", "政府信息公开年报")
STATE_NAME = "中华人民共和国"
# The Regulation's name without the state's: the common short form once the full name is given.
REGULATION_PLAIN = "政府信息公开条例"
REGULATION_NAME = STATE_NAME + REGULATION_PLAIN
REGULATION_SHORT = "条例"
# Characters a misnamed citation of the Regulation is made of (《政府公开信息条例》, 《政务信息公开条例》).
REGULATION_NAME_CHARACTERS = "政府务信息公开"
# A revision note after the name: 《中华人民共和国政府信息公开条例（2019年修订）》.
REGULATION_REVISION_WORDS = ("修订", "修正")


class SectionSpec(FrozenRecord):
    __slots__ = ("number", "numeral", "standard", "variants", "obsolete", "keywords", "table")
    number: int
    numeral: str
    standard: str
    variants: tuple[str, ...]
    obsolete: tuple[str, ...]  # pre-2019 wording: recognised, but NB103 asks for the new title
    keywords: tuple[tuple[str, ...], ...]  # a title containing all words of one tuple is this section
    table: str | None  # the table kind the section holds (t2, t3, t4)

    def __init__(
        self,
        number: int,
        numeral: str,
        standard: str,
        variants: tuple[str, ...] = (),
        obsolete: tuple[str, ...] = (),
        keywords: tuple[tuple[str, ...], ...] = (),
        table: str | None = None,
    ) -> None:
        self._init(number, numeral, standard, variants, obsolete, keywords, table)

    @property
    def heading(self) -> str:
        return f"{self.numeral}、{self.standard}"


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(1, "一", "总体情况", ("概况", "总体概况", "概述"), keywords=(("总体",), ("概况",), ("概述",))),
    SectionSpec(
        2,
        "二",
        "主动公开政府信息情况",
        ("行政机关主动公开政府信息情况", "主动公开政府信息的情况"),
        keywords=(("主动公开",),),
        table="t2",
    ),
    SectionSpec(
        3,
        "三",
        "收到和处理政府信息公开申请情况",
        ("行政机关收到和处理政府信息公开申请情况",),
        obsolete=("依申请公开政府信息情况", "依申请公开政府信息和不予公开政府信息的情况"),
        keywords=(("申请",),),
        table="t3",
    ),
    SectionSpec(
        4,
        "四",
        "政府信息公开行政复议、行政诉讼情况",
        ("因政府信息公开工作被申请行政复议、提起行政诉讼情况", "因政府信息公开工作被申请行政复议和提起行政诉讼情况"),
        keywords=(("复议",), ("诉讼",)),
        table="t4",
    ),
    SectionSpec(
        5,
        "五",
        "存在的主要问题及改进情况",
        ("政府信息公开工作存在的主要问题及改进情况", "存在的主要问题和改进措施", "存在的主要问题和改进情况"),
        keywords=(("问题",), ("改进",)),
    ),
    SectionSpec(6, "六", "其他需要报告的事项", keywords=(("其他", "事项"), ("其他", "报告"))),
)

# Section 五, 存在的主要问题及改进情况: the prose third-party evaluations most often find copied from last year.
PROBLEMS_SECTION = 5

# Order in which loose keywords are tried: 四 before 三 because a 复议 title may mention 申请.
SECTION_KEYWORD_ORDER = (4, 3, 5, 2, 6, 1)
