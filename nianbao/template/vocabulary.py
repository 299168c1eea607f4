"""Word lists of the domain: the one copy every parser and rule reads.

Each list says what it is for; rules build their regular expressions from these lists (never from
literals of their own), so a word added here reaches every rule that needs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# --- numbering --------------------------------------------------------------------------------

# Chinese numerals as section headings, group ordinals and dates write them.
CN_DIGITS = "一二三四五六七八九十"
# Table 3's outcome groups are numbered （一）…（七）; the top rows 一、二、三、四.
GROUP_ORDINALS = "一二三四五六七"
TOP_ORDINALS = "一二三四"

# --- numbers in prose and cells ---------------------------------------------------------------

# Measure words that follow a count in prose ("共收到申请 61 件", "公开文件 210 条", "培训 2 期").
MEASURE_WORDS = ("件", "个", "条", "份", "宗", "起", "次", "项", "篇", "人次", "期", "场")
# Those of them that count events or people, not documents or cases: drafts mix 件, 条 and 篇 for one
# kind of item ("发布信息 306 篇，其中网站 45 件、新媒体 261 条"), but never an item with an event or a
# person ("培训 3 期，参训 150 人次").
EVENT_MEASURE_WORDS = ("次", "期", "场")
PERSON_MEASURE_WORDS = ("人次",)
# Units a drafter may write in a number cell; which ones a column accepts is the column's business.
CELL_UNITS = ("万元", "元", "件", "条", "个", "项", "次", "人次", "篇", "%")
# What a cell holds when a row does not apply; not blank, not zero (see spec/template.md).
NOT_APPLICABLE = ("/", "-", "—", "——", "–", "--", "不适用", "N/A", "n/a", "NA", "／", "无此项")
# Words drafters write where a number belongs; they are (invalid) values, not row labels.
TEXT_VALUES = ("无", "暂无", "没有", "空", "略", "未统计", "不详", "x", "X", "×", "*", "?", "？")

# --- prose -------------------------------------------------------------------------------------

# Sentences compared across years end as `SENTENCE_ENDS` (below) says, a clause listed as
# 一是……；二是…… being a sentence of its own.
# A sentence shorter than this, once normalised, is too common to say it was copied (无。 一是……).
MIN_COMPARED_SENTENCE = 8

# --- places and agencies ----------------------------------------------------------------------

GOVERNMENT_SUFFIXES = ("人民政府", "政府")
# An agency that reports as its office: the agency itself is what the office serves, so the full
# and the short name are one agency (青禾县东岭街道办事处 and 东岭街道).
OFFICE_FORMS = (("街道办事处", "街道"),)
# Endings of the place names that prefix an agency's own name (云州市临川区白沙镇 → 白沙镇).
PLACE_SUFFIXES = ("自治区", "自治州", "自治县", "省", "市", "州", "盟", "区", "县", "旗")
# Name endings → agency kind, longest first. Kinds decide self-references and deadlines.
AGENCY_KIND_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("街道办事处", "街道"),
    ("街道", "街道"),
    ("镇", "镇"),
    ("乡", "乡"),
    ("自治县", "县"),
    ("县", "县"),
    ("区", "区"),
    ("旗", "县"),
    ("市", "市"),
    ("省", "省"),
    ("自治区", "省"),
    ("委员会", "委"),
    ("办公室", "办"),
    ("局", "局"),
    ("委", "委"),
    ("办", "办"),
    ("厅", "厅"),
    ("中心", "中心"),
    ("署", "局"),
    ("院", "局"),
)
_KIND_SUFFIXES_LONGEST_FIRST = tuple(sorted(AGENCY_KIND_SUFFIXES, key=lambda pair: -len(pair[0])))


def kind_of_name(name: str) -> str | None:
    """The kind a name ends in (`AGENCY_KIND_SUFFIXES`, the longest suffix first, so 自治区 is not a
    区); None when no suffix fits."""
    return next((kind for suffix, kind in _KIND_SUFFIXES_LONGEST_FIRST if name.endswith(suffix)), None)


TOWNSHIP_KINDS = ("镇", "乡", "街道")
GOVERNMENT_KINDS = ("县", "区", "市", "省")  # a people's government at county level or above
DEPARTMENT_KINDS = ("局", "委", "办", "厅", "中心")
# Which kinds may make 规章 (NB208, NB602): provincial and districted-city governments (and ministries).
# A name does not tell a districted city (设区的市) from a county-level one (莱州市): every 市 is given
# the benefit of the doubt.
RULEMAKING_KINDS = ("省", "市")


# A government's general office reports the government's own documents, 规章 included (上海市人民政府
# 办公厅's report lists the city's 规章): it answers for the government whose name it carries.
GENERAL_OFFICE_SUFFIXES = ("人民政府办公厅", "人民政府办公室", "政府办公厅", "政府办公室")  # longest first


def may_make_rules(kind: str | None, government: bool, name: str = "") -> bool:
    """Whether an agency of *kind* (`AGENCY_KIND_SUFFIXES`' kinds; None: unknown) may make 规章: a
    people's government of one of `RULEMAKING_KINDS`, or the general office of one (*name*, the
    agency's full name, ends with one of `GENERAL_OFFICE_SUFFIXES`). A 局 or a 县 never may, so its
    table 2 规章 row is 0 every year. An unknown kind is given the benefit of the doubt: it may (a
    rule that would say otherwise stays silent)."""
    if kind is None:
        return True
    if kind in RULEMAKING_KINDS and government:
        return True
    office = next((s for s in GENERAL_OFFICE_SUFFIXES if name.endswith(s)), None)
    if office is None:
        return False
    return kind_of_name(name[: -len(office)]) in RULEMAKING_KINDS


# Administrative level, for auditors' overviews (by agency level): a government's own kind, or for
# a department the kind of the government its name starts with (青禾县卫生健康局 → 县级).
AGENCY_LEVELS: dict[str, str] = {
    "省": "省级",
    "厅": "省级",
    "市": "市级",
    "县": "县级",
    "区": "县级",
    "镇": "乡镇级",
    "乡": "乡镇级",
    "街道": "乡镇级",
}

# Self-references (我X) that cannot describe an agency of the given kind.
SELF_REFERENCE_WORDS = ("街道", "镇", "乡", "县", "区", "市", "省", "局", "委", "厅")
SELF_REFERENCE_WRONG: dict[str, tuple[str, ...]] = {
    "镇": ("乡", "街道", "县", "区", "市", "省", "局", "委", "厅"),
    "乡": ("镇", "街道", "县", "区", "市", "省", "局", "委", "厅"),
    "街道": ("镇", "乡", "县", "市", "省", "局", "委", "厅"),
    "县": ("镇", "乡", "街道", "区", "局", "委", "厅"),
    "区": ("镇", "乡", "街道", "县", "局", "委", "厅"),
    "市": ("镇", "乡", "街道", "县", "局", "委", "厅"),
    "省": ("镇", "乡", "街道", "县", "区", "局", "委"),
    "局": ("镇", "乡", "街道", "委", "厅"),
    "委": ("镇", "乡", "街道", "局", "厅"),
    "办": ("镇", "乡", "街道"),
    "厅": ("镇", "乡", "街道", "县", "区", "局", "委"),
    "中心": ("镇", "乡", "街道"),
}
# Common words that end like a township name but are not one.
NOT_AGENCY_NAMES = (
    "城镇",
    "乡镇",
    "村镇",
    "集镇",
    "城乡",
    "家乡",
    "故乡",
    "下乡",
    "返乡",
    "老乡",
    "小城镇",
    "特色小镇",
)
# Characters of verbs and function words: "做到镇政府", "负责镇政务", "围绕镇政府" are not names.
NOT_IN_PLACE_NAMES = "我本全各该此每到使在对为把将从于和与及向做围绕负责结合请传推进加强落实开展按照根据"
# Verbs that, at the start of a clause, make "维护县政府门户网站" an action on a thing, not a place's
# government doing the work (NB402).
VERBS_BEFORE_AGENCY = (
    "维护",
    "依托",
    "利用",
    "通过",
    "登录",
    "访问",
    "完善",
    "优化",
    "升级",
    "运维",
    "更新",
    "管理",
    "建设",
    "进入",
    "关注",
)
# Words that, before a 镇/乡/县 name ending, show it is not a proper name (全镇, 各乡, 本县 …).
NON_NAME_PREFIXES = (
    "我",
    "本",
    "全",
    "各",
    "该",
    "此",
    "每",
    "乡",
    "城",
    "市",
    "县",
    "区",
    "和",
    "与",
    "及",
    "、",
    "在",
)

# --- statements in prose (NB205, NB206; grammar in rules/_prose.py) ---------------------------

# Sentence and clause ends as drafts write them (ASCII forms are what full-width ones fold to).
SENTENCE_ENDS = "。；;！!？?"
CLAUSE_ENDS = SENTENCE_ENDS + "，,："
# Words in a count's clause that make it a comparison with another period, not a quantity of the
# year: "比上年增加 10 件", "同比下降 3 件".
COMPARISON_WORDS = (
    "同比",
    "环比",
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "上年同期",
    "增加",
    "增长",
    "减少",
    "下降",
    "提高",
    "降低",
    "多于",
    "少于",
)
# Words directly before a count that date it to another year: "（上年 15 件）".
OTHER_PERIOD_WORDS = ("上年度", "上一年度", "上一年", "上年", "去年", "前年")
# Words that close a breakdown as complete ("……、通过公开栏等其他渠道公开 59 条"): its parts must add
# up to the total; without one, a breakdown may name only some parts (highlights), and only parts
# that add up to more than the total are wrong.
EXHAUSTIVE_WORDS = ("其他", "其它", "其余", "剩余", "另有")
# A bracket after a count that opens with these says what the count includes, in part (含…件).
INCLUSION_WORDS = ("含", "包括", "包含")
# …and after these, counts that are not part of it at all (另有1件顺延至下年度).
ADDITION_WORDS = ("另有", "另外")
# Table 3's outcome groups as prose names them (group key of `T3_GROUPS` → words), longest first
# when matched; "不予以公开" is listed so that its "予以公开" is not read as 予以公开.
OUTCOME_WORDS: dict[str, tuple[str, ...]] = {
    "granted": ("予以公开", "全部公开"),
    "partial": ("部分公开", "予以部分公开"),
    "denied": ("不予公开", "不予以公开"),
    "unable": ("无法提供",),
    "unprocessed": ("不予处理",),
    "other": ("其他处理",),
}
# Words that join outcome names into one count: "予以公开和部分公开共 19 件".
OUTCOME_JOINERS = ("和", "及", "与", "、", "或", "以及", "或者")
# Words that make one count apply to every outcome named before it: "予以公开、部分公开各 2 件".
EACH_WORDS = ("各",)
# Table 3's top rows as prose names them.
CARRIED_WORDS = ("上年结转", "上年度结转", "上一年度结转", "去年结转", "从上年结转")
CARRY_FORWARD_WORDS = (
    "结转下年度",
    "结转至下年度",
    "结转到下年度",
    "结转下一年度",
    "结转至下一年度",
    "结转到下一年度",
    "转入下年度",
    "转入下一年度",
    "结转至次年",
    "结转次年",
)
# Table 4 in prose: the two kinds of case and the outcomes a sentence may claim for all of them.
REVIEW_WORDS = ("行政复议", "复议")
LITIGATION_WORDS = ("行政诉讼", "诉讼", "起诉")
UPHELD_WORDS = ("维持",)
CORRECTED_WORDS = ("纠错", "纠正", "败诉", "撤销", "确认违法")
ALL_WORDS = ("均", "全部", "都", "皆", "一律")
# "所有申请均已办结": every application was finished this year (none carried forward).
DONE_WORDS = ("办结", "办理完成", "办理完毕", "办理完结", "答复完毕", "处理完毕")
# …unless the sentence excepts some: "除结转的 3 件外，其余均已办结".
EXCEPT_WORDS = ("其余", "除", "以外", "结转下年", "转入下年", "下年度继续")
# Words that deny a case happened, before it in its clause: "未发生", "没有收到".
NEGATION_WORDS = ("未", "没有", "无")

# --- the stock of 规章 and 规范性文件 in prose (NB602, read into the digest) ----------------------

# Which documents a sentence is about, by table 2's row keys (规章 / (行政)规范性文件, both templates);
# a word followed by one of `STOCK_NOT_DOCUMENTS` is something else (下发……等规章制度).
STOCK_DOCUMENTS = {"rules": ("规章",), "normative": ("规范性文件",)}
STOCK_NOT_DOCUMENTS = ("制度",)
# Words that say the stock moved by more than the year's making and repeal: only a sentence with one
# of them can explain a stock that does not carry over ("开展规范性文件清理……", "集中发布现行有效…").
STOCK_CHANGE_WORDS = ("清理", "废止", "失效", "撤销", "集中发布", "集中公开")
# What a count of documents (N 件) is, by the last of these words between it and the count before
# it: the stock after the change, documents taken out of it, documents made this year.
STOCK_COUNT_ROLES = {
    "现行有效": "stock",
    "保留": "stock",
    "废止": "removed",
    "失效": "removed",
    "撤销": "removed",
    "制发": "made",
    "印发": "made",
    "出台": "made",
    "制定": "made",
}
STOCK_COUNT_UNITS = ("件", "部")

# --- dates ------------------------------------------------------------------------------------

# Regulation art. 49: departments (and townships) publish by 31 January of Y+1; a people's
# government at county level or above publishes its aggregate report by 31 March of Y+1.
DEADLINE_DEFAULT = (1, 31)
DEADLINE_GOVERNMENT = (3, 31)


# --- published documents (nianbao.documents) ----------------------------------------------------

# Blocks of a government website's page around the report (info bars, share and print buttons,
# related links, page navigation): a short block holding one of these is not part of the report.
WEB_CHROME_PHRASES = (
    "当前位置",
    "您的位置",
    "发布时间：",
    "发布日期：",
    "信息来源：",
    "来源：",
    "浏览次数",
    "阅读次数",
    "访问量",
    "字体：",
    "字号：",
    "【打印",
    "打印本页",
    "关闭窗口",
    "【关闭",
    "分享到",
    "扫一扫",
    "相关链接",
    "相关文章",
    "相关阅读",
    "相关新闻",
    "上一篇",
    "下一篇",
    "返回顶部",
    "索引号：",
    "发文机关：",
    "主题分类：",
    "成文日期：",
    "网站标识码",
    "ICP备",
    "公网安备",
)
# class/id words of such blocks in CMS templates (pinyin abbreviations included: fx = 分享, xgxx = 相关信息).
WEB_CHROME_CLASSES = (
    "nav",
    "menu",
    "breadcrumb",
    "position",
    "location",
    "crumb",
    "share",
    "fenxiang",
    "bdshare",
    "print",
    "related",
    "xgxx",
    "xglj",
    "footer",
    "copyright",
    "sidebar",
    "pager",
    "pagination",
)
# Running footers of published PDFs: page numbers as they are printed.
PAGE_NUMBER_PATTERNS = (
    r"[-—–－\s]*[0-9０-９]+[-—–－\s]*",
    r"第\s*[0-9０-９]+\s*页(?:\s*[，,/]?\s*共\s*[0-9０-９]+\s*页)?",
    r"[0-9０-９]+\s*/\s*[0-9０-９]+",
    r"(?:Page|页码)\s*[0-9]+(?:\s*(?:of|/)\s*[0-9]+)?",
)


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of *words*, longest first (so 自治县 wins over 县)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
