"""The national templates and the domain vocabulary, as data.

Everything nianbao knows about the form of a 政府信息公开工作年度报告 lives here: the six sections
and their accepted titles, the three tables of both template versions (rows, columns, which cells
are counts, signed numbers or amounts), the identities between cells, label aliases seen in real
drafts, the Regulation's name, agency kinds and self-references, and publication deadlines.

Rules never carry label lists of their own: they read a `TemplateSet`, which is this data plus what
plugins contribute through the ``nianbao_template_variants`` hook.

Sources: ``../shared/spec/template.md`` (国办公开办函〔2019〕60号 and 〔2021〕30号), checked against
the labels listed in ``../shared/notes/peers.md`` §3.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

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
REGULATION_NAME = "中华人民共和国政府信息公开条例"
REGULATION_SHORT = "条例"


# --- sections ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SectionSpec:
    number: int
    numeral: str
    standard: str
    variants: tuple[str, ...] = ()
    obsolete: tuple[str, ...] = ()  # pre-2019 wording: recognised, but NB103 asks for the new title
    keywords: tuple[tuple[str, ...], ...] = ()  # a title containing all words of one tuple is this section
    table: str | None = None

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

# Order in which loose keywords are tried: 四 before 三 because a 复议 title may mention 申请.
SECTION_KEYWORD_ORDER = (4, 3, 5, 2, 6, 1)


# --- tables ------------------------------------------------------------------------------------

COUNT = "count"  # non-negative integer, no unit
SIGNED = "signed"  # integer, may be negative (本年增/减)
AMOUNT = "amount"  # non-negative decimal, may carry one of the column's units


@dataclass(frozen=True)
class ColumnSpec:
    key: str
    label: str
    cores: tuple[str, ...]  # normalised phrases a label contains; "=x" means the label must equal x
    kind: str = COUNT
    units: tuple[str, ...] = ()
    templates: tuple[str, ...] = TEMPLATES


@dataclass(frozen=True)
class RowSpec:
    key: str
    label: str  # the leaf label as the template prints it
    short: str  # how messages name the row
    cores: tuple[str, ...]
    ordinal: str = ""  # 一 / （一） / 1 — the numbering the template gives the leaf
    group: str = ""  # table 3: the outcome group (（三）不予公开 …) the row belongs to
    templates: tuple[str, ...] = TEMPLATES
    path: tuple[str, ...] = ()  # full template path, e.g. 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密


@dataclass(frozen=True)
class Alias:
    """A nonstandard label seen in real drafts and the standard text that replaces it."""

    wrong: str
    right: str
    scope: str  # t2-row, t2-col, t3-row, t3-col, t4-col
    templates: tuple[str, ...] = TEMPLATES
    whole: bool = False  # only when the whole label (ordinal stripped) is exactly `wrong`


# Table 3 — 收到和处理政府信息公开申请情况
T3_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("natural", "自然人", ("自然人",)),
    ColumnSpec("commercial", "商业企业", ("商业企业",)),
    ColumnSpec("research", "科研机构", ("科研机构",)),
    ColumnSpec("social", "社会公益组织", ("社会公益组织", "公益组织")),
    ColumnSpec("legal", "法律服务机构", ("法律服务机构",)),
    ColumnSpec("other", "其他", ("=其他",)),
    ColumnSpec("total", "总计", ("=总计",)),
)
T3_SUBTOTAL_COLUMN = ColumnSpec("subtotal", "法人或其他组织小计", ("法人或其他组织小计", "=小计"))
T3_APPLICANT_COLUMNS = ("natural", "commercial", "research", "social", "legal", "other")
T3_ORGANISATION_COLUMNS = ("commercial", "research", "social", "legal", "other")

_OUTCOME = "三、本年度办理结果"
_DENIED, _UNABLE, _UNPROCESSED, _OTHER = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"


def _leaf(
    key: str,
    group: str,
    group_label: str,
    n: int,
    label: str,
    cores: tuple[str, ...],
    templates: tuple[str, ...] = TEMPLATES,
) -> RowSpec:
    return RowSpec(
        key,
        f"{n}.{label}",
        f"{group_label}{n}.{label}",
        cores,
        str(n),
        group,
        templates,
        (_OUTCOME, group_label, f"{n}.{label}"),
    )


T3_ROWS: tuple[RowSpec, ...] = (
    RowSpec(
        "new",
        "一、本年新收政府信息公开申请数量",
        "一、本年新收政府信息公开申请数量",
        ("本年新收",),
        "一",
        path=("一、本年新收政府信息公开申请数量",),
    ),
    RowSpec(
        "carried",
        "二、上年结转政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        ("上年结转",),
        "二",
        path=("二、上年结转政府信息公开申请数量",),
    ),
    RowSpec(
        "granted",
        "（一）予以公开",
        "（一）予以公开",
        ("予以公开",),
        "（一）",
        "granted",
        path=(_OUTCOME, "（一）予以公开"),
    ),
    RowSpec(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（二）部分公开",
        ("部分公开",),
        "（二）",
        "partial",
        path=(_OUTCOME, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ),
    _leaf("denied.1", "denied", _DENIED, 1, "属于国家秘密", ("国家秘密",)),
    _leaf("denied.2", "denied", _DENIED, 2, "其他法律行政法规禁止公开", ("禁止公开",)),
    _leaf("denied.3", "denied", _DENIED, 3, "危及“三安全一稳定”", ("三安全一稳定", "危及")),
    _leaf("denied.4", "denied", _DENIED, 4, "保护第三方合法权益", ("第三方合法权益", "保护第三方")),
    _leaf("denied.5", "denied", _DENIED, 5, "属于三类内部事务信息", ("内部事务",)),
    _leaf("denied.6", "denied", _DENIED, 6, "属于四类过程性信息", ("过程性信息",)),
    _leaf("denied.7", "denied", _DENIED, 7, "属于行政执法案卷", ("行政执法案",)),
    _leaf("denied.8", "denied", _DENIED, 8, "属于行政查询事项", ("行政查询",)),
    _leaf("unable.1", "unable", _UNABLE, 1, "本机关不掌握相关政府信息", ("不掌握",)),
    _leaf("unable.2", "unable", _UNABLE, 2, "没有现成信息需要另行制作", ("没有现成信息", "另行制作")),
    _leaf("unable.3", "unable", _UNABLE, 3, "补正后申请内容仍不明确", ("补正后", "仍不明确")),
    _leaf("unprocessed.1", "unprocessed", _UNPROCESSED, 1, "信访举报投诉类申请", ("信访举报投诉", "信访")),
    _leaf("unprocessed.2", "unprocessed", _UNPROCESSED, 2, "重复申请", ("重复申请",)),
    _leaf("unprocessed.3", "unprocessed", _UNPROCESSED, 3, "要求提供公开出版物", ("公开出版物",)),
    _leaf("unprocessed.4", "unprocessed", _UNPROCESSED, 4, "无正当理由大量反复申请", ("大量反复申请", "大量反复")),
    _leaf(
        "unprocessed.5",
        "unprocessed",
        _UNPROCESSED,
        5,
        "要求行政机关确认或重新出具已获取信息",
        ("重新出具", "确认或重新"),
    ),
    RowSpec(
        "other", "（六）其他处理", "（六）其他处理", ("其他处理",), "（六）", "other", (T2019,), (_OUTCOME, _OTHER)
    ),
    _leaf(
        "other.1",
        "other",
        _OTHER,
        1,
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ("逾期不补正",),
        (T2021,),
    ),
    _leaf(
        "other.2",
        "other",
        _OTHER,
        2,
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("收费通知", "缴纳费用"),
        (T2021,),
    ),
    _leaf("other.3", "other", _OTHER, 3, "其他", ("=其他",), (T2021,)),
    RowSpec("total", "（七）总计", "（七）总计", ("总计",), "（七）", path=(_OUTCOME, "（七）总计")),
    RowSpec(
        "carry_forward",
        "四、结转下年度继续办理",
        "四、结转下年度继续办理",
        ("结转下年度",),
        "四",
        path=("四、结转下年度继续办理",),
    ),
)

# Outcome groups of table 3, in template order, with the ordinal and label of the group heading.
T3_GROUPS: tuple[tuple[str, str, str], ...] = (
    ("granted", "（一）", "予以公开"),
    ("partial", "（二）", "部分公开"),
    ("denied", "（三）", "不予公开"),
    ("unable", "（四）", "无法提供"),
    ("unprocessed", "（五）", "不予处理"),
    ("other", "（六）", "其他处理"),
)
T3_GROUP_LABELS = {key: ordinal + label for key, ordinal, label in T3_GROUPS}  # granted → （一）予以公开
T3_TOP_ORDINALS = {"一": "new", "二": "carried", "四": "carry_forward"}  # 三 is the outcome heading
T3_SUBTOTAL_CORES = ("小计", "合计")


def t3_rows(template: str) -> tuple[RowSpec, ...]:
    return tuple(r for r in T3_ROWS if template in r.templates)


# Table 2 — 主动公开政府信息情况; one block per item of article 20 of the Regulation.


@dataclass(frozen=True)
class BlockSpec:
    item: str  # 一 / 五 / 六 / 八 / 九
    template: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]

    @property
    def header(self) -> str:
        return f"第二十条第（{self.item}）项"


def _t2_row(key: str, label: str, cores: tuple[str, ...]) -> RowSpec:
    return RowSpec(key, label, label, cores)


_PREV = ColumnSpec("previous", "上一年项目数量", ("上一年项目",), templates=(T2019,))
_CHANGE = ColumnSpec("change", "本年增/减", ("增/减", "增减", "增加/减少"), SIGNED, templates=(T2019,))
_DECIDED_2019 = ColumnSpec("decided", "处理决定数量", ("处理决定",), templates=(T2019,))
_DECIDED_2021 = ColumnSpec("decided", "本年处理决定数量", ("本年处理决定",), templates=(T2021,))
_PERMIT = _t2_row("permit", "行政许可", ("行政许可",))
_PENALTY = _t2_row("penalty", "行政处罚", ("行政处罚",))
_COERCION = _t2_row("coercion", "行政强制", ("行政强制",))
_FEES = _t2_row("fees", "行政事业性收费", ("事业性收费",))
_RULES = _t2_row("rules", "规章", ("规章",))

T2_BLOCKS: tuple[BlockSpec, ...] = (
    BlockSpec(
        "一",
        T2019,
        (
            ColumnSpec("made", "本年新制作数量", ("新制作",), templates=(T2019,)),
            ColumnSpec("published", "本年新公开数量", ("新公开",), templates=(T2019,)),
            ColumnSpec("in_force", "对外公开总数量", ("对外公开总数",), templates=(T2019,)),
        ),
        (_RULES, _t2_row("normative", "规范性文件", ("规范性文件",))),
    ),
    BlockSpec(
        "五",
        T2019,
        (_PREV, _CHANGE, _DECIDED_2019),
        (_PERMIT, _t2_row("other_services", "其他对外管理服务事项", ("对外管理服务",))),
    ),
    BlockSpec("六", T2019, (_PREV, _CHANGE, _DECIDED_2019), (_PENALTY, _COERCION)),
    BlockSpec("八", T2019, (_PREV, _CHANGE), (_FEES,)),
    BlockSpec(
        "九",
        T2019,
        (
            ColumnSpec("purchases", "采购项目数量", ("采购项目",), templates=(T2019,)),
            # The 2019 header gives no unit, so real reports write one in the cell (元 or 万元).
            ColumnSpec("purchase_amount", "采购总金额", ("采购总金额", "采购金额"), AMOUNT, ("元", "万元"), (T2019,)),
        ),
        (_t2_row("procurement", "政府集中采购", ("集中采购",)),),
    ),
    BlockSpec(
        "一",
        T2021,
        (
            ColumnSpec("made", "本年制发件数", ("制发",), templates=(T2021,)),
            ColumnSpec("repealed", "本年废止件数", ("废止", "度止"), templates=(T2021,)),
            ColumnSpec("in_force", "现行有效件数", ("现行有效",), templates=(T2021,)),
        ),
        (_RULES, _t2_row("normative", "行政规范性文件", ("规范性文件",))),
    ),
    BlockSpec("五", T2021, (_DECIDED_2021,), (_PERMIT,)),
    BlockSpec("六", T2021, (_DECIDED_2021,), (_PENALTY, _COERCION)),
    BlockSpec(
        "八",
        T2021,
        (ColumnSpec("fee_amount", "本年收费金额（单位：万元）", ("收费金额",), AMOUNT, ("万元",), (T2021,)),),
        (_FEES,),
    ),
)
T2_HEADER_CORE = "信息内容"


def t2_blocks(template: str) -> tuple[BlockSpec, ...]:
    return tuple(b for b in T2_BLOCKS if b.template == template)


# Table 4 — 行政复议、行政诉讼; identical in both templates: 3 groups × 5 columns, one data row.
T4_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("review", "行政复议", ("行政复议",)),
    ("direct", "行政诉讼·未经复议直接起诉", ("未经复议直接起诉", "直接起诉")),
    ("after_review", "行政诉讼·复议后起诉", ("复议后起诉",)),
)
T4_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("upheld", "结果维持", ("结果维持", "维持")),
    ColumnSpec("corrected", "结果纠正", ("结果纠正", "纠正")),
    ColumnSpec("other", "其他结果", ("其他结果",)),
    ColumnSpec("pending", "尚未审结", ("尚未审结", "未审结")),
    ColumnSpec("total", "总计", ("=总计",)),
)
T4_ADDENDS = ("upheld", "corrected", "other", "pending")

# How messages name the three tables.
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
TABLE_TITLES = {"t2": "主动公开政府信息情况", "t3": "收到和处理政府信息公开申请情况", "t4": "行政复议、行政诉讼情况"}

# Words that tell which table a block of rows is, scored per cell (see parsing.binding).
TABLE_MARKERS: dict[str, tuple[str, ...]] = {
    "t2": ("第二十条", "信息内容", "行政许可", "行政处罚", "行政事业性收费", "规章"),
    "t3": ("勾稽关系", "申请人情况", "本年新收", "上年结转", "予以公开", "不予公开", "结转下年度"),
    "t4": ("行政复议", "行政诉讼", "结果维持", "结果纠正", "未经复议", "复议后起诉", "尚未审结"),
}
# Statistics tables of the pre-2019 provincial forms (obsolete; reported once, not rule by rule).
OBSOLETE_TABLE_MARKERS = ("申请总数", "同意公开", "不同意公开", "免予公开", "已答复", "依申请公开情况统计")

LABEL_ALIASES: tuple[Alias, ...] = (
    Alias("国家机密", "国家秘密", "t3-row"),
    Alias("行政执法案件", "行政执法案卷", "t3-row"),
    Alias("其他法律法规禁止公开", "其他法律行政法规禁止公开", "t3-row"),
    Alias("已获信息", "已获取信息", "t3-row"),
    Alias("商业机构", "商业企业", "t3-col"),
    Alias("本年度止件数", "本年废止件数", "t2-col", (T2021,)),
    Alias("规范性文件", "行政规范性文件", "t2-row", (T2021,), whole=True),
)

NOT_APPLICABLE = ("/", "-", "—", "——", "–", "--", "不适用", "N/A", "n/a", "NA", "／", "无此项")
# Words drafters write where a number belongs; they are (invalid) values, not row labels.
TEXT_VALUES = ("无", "暂无", "没有", "空", "略", "未统计", "不详", "x", "X", "×", "*", "?", "？")


# --- agencies -----------------------------------------------------------------------------------

GOVERNMENT_SUFFIXES = ("人民政府", "政府")
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
TOWNSHIP_KINDS = ("镇", "乡", "街道")
GOVERNMENT_KINDS = ("县", "区", "市", "省")  # a people's government at county level or above
DEPARTMENT_KINDS = ("局", "委", "办", "厅", "中心")
# Which kinds may make 规章 (NB208): provincial and districted-city governments (and ministries).
RULEMAKING_KINDS = ("省", "市")
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

# --- dates ----------------------------------------------------------------------------------------

# Regulation art. 49: departments (and townships) publish by 31 January of Y+1; a people's
# government at county level or above publishes its aggregate report by 31 March of Y+1.
DEADLINE_DEFAULT = (1, 31)
DEADLINE_GOVERNMENT = (3, 31)


# --- what plugins may add -----------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateVariants:
    """What a plugin contributes to the template (see ``hookspec.nianbao_template_variants``).

    section_titles: extra accepted titles per section number, e.g. ``{2: ("…",)}``.
    aliases: extra nonstandard labels with their standard replacement.
    section_items: required sub-items per section number, as ``(label, cores)`` pairs; a plugin
    rule decides when they apply (the core only carries them so every rule sees one template).
    """

    section_titles: dict[int, tuple[str, ...]] = field(default_factory=dict)
    aliases: tuple[Alias, ...] = ()
    section_items: dict[int, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class TemplateSet:
    """The national template data merged with plugin variants; what rules and parsers read."""

    sections: tuple[SectionSpec, ...] = SECTIONS
    aliases: tuple[Alias, ...] = LABEL_ALIASES
    section_items: dict[int, tuple[tuple[str, tuple[str, ...]], ...]] = field(default_factory=dict)

    def section(self, number: int) -> SectionSpec:
        return self.sections[number - 1]

    def aliases_for(self, scope: str, template: str | None) -> tuple[Alias, ...]:
        return tuple(a for a in self.aliases if a.scope == scope and (template is None or template in a.templates))

    @classmethod
    def build(cls, variants: Iterable[TemplateVariants]) -> TemplateSet:
        sections = list(SECTIONS)
        aliases = list(LABEL_ALIASES)
        items: dict[int, tuple[tuple[str, tuple[str, ...]], ...]] = {}
        for v in variants:
            for number, titles in v.section_titles.items():
                spec = sections[number - 1]
                extra = tuple(t for t in titles if t not in spec.variants and t != spec.standard)
                sections[number - 1] = replace(spec, variants=spec.variants + extra)
            aliases.extend(a for a in v.aliases if a not in aliases)
            for number, wanted in v.section_items.items():
                items[number] = items.get(number, ()) + tuple(wanted)
        return cls(tuple(sections), tuple(aliases), items)


DEFAULT_TEMPLATES = TemplateSet()
