"""The three statistics tables of both templates, and the identities (勾稽关系) between their cells.

Rows and columns are typed specs (`RowSpec`, `ColumnSpec`), hashed by identity: a spec is its own
key, so a bound table is read as ``table.number(T3Row.GRANTED, T3Col.NATURAL)`` and no code ever
builds or parses a key string. Each spec also carries a stable ``key`` name (``"denied.1"``) for
output formats and for mapping rows across years; nothing splits it.

Identities are values (`Identity`: Σ lhs = Σ rhs over cells of one table), generated here from
the template's structure; `table_spec` gives each table's rows, columns and identities for a
template. Plugins add identities through ``TemplateVariants.identities``.

Sources: ``spec/template.md`` (国办公开办函〔2019〕60号, 〔2021〕30号); labels checked against
``notes/peers.md`` §3.
"""

from __future__ import annotations

from ..record import FrozenRecord, KeyRecord
from .sections import T2019, T2021, TEMPLATES

TYPE_CHECKING = False  # not typing's: see nianbao/__init__.py
if TYPE_CHECKING:
    from typing import Any

# Cell kinds a column holds.
COUNT = "count"  # non-negative integer, no unit
SIGNED = "signed"  # integer, may be negative (本年增/减)
AMOUNT = "amount"  # non-negative decimal, may carry one of the column's units


class ColumnSpec(KeyRecord):
    """A template column. Compared and hashed by identity: the spec is the column's key."""

    __slots__ = ("key", "label", "cores", "kind", "units", "templates")
    key: str  # stable name: natural, total, made …
    label: str
    cores: tuple[str, ...]  # normalised phrases a label contains; "=x" means the label must equal x
    kind: str
    units: tuple[str, ...]
    templates: tuple[str, ...]

    def __init__(
        self,
        key: str,
        label: str,
        cores: tuple[str, ...],
        kind: str = COUNT,
        units: tuple[str, ...] = (),
        templates: tuple[str, ...] = TEMPLATES,
    ) -> None:
        self._init(key, label, cores, kind, units, templates)


class RowSpec(KeyRecord):
    """A template row. Compared and hashed by identity: the spec is the row's key."""

    __slots__ = ("key", "label", "short", "cores", "ordinal", "group", "templates", "path", "subtotal", "block")
    key: str  # stable name: new, granted, denied.1, denied.subtotal, review …
    label: str  # the leaf label as the template prints it
    short: str  # how messages name the row
    cores: tuple[str, ...]
    ordinal: str  # 一 / （一） / 1 — the numbering the template gives the leaf
    group: str  # table 3: the outcome group (denied …) the row belongs to
    templates: tuple[str, ...]
    path: tuple[str, ...]  # full template path: 三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密
    subtotal: bool  # a group's subtotal row, which the template does not print but many reports add
    block: str  # table 2: the item of article 20 (一, 五, 六, 八, 九) the row belongs to

    def __init__(
        self,
        key: str,
        label: str,
        short: str,
        cores: tuple[str, ...],
        ordinal: str = "",
        group: str = "",
        templates: tuple[str, ...] = TEMPLATES,
        path: tuple[str, ...] = (),
        subtotal: bool = False,
        block: str = "",
    ) -> None:
        self._init(key, label, short, cores, ordinal, group, templates, path, subtotal, block)

    @property
    def quoted(self) -> str:
        """The row as messages quote it: “（一）予以公开”; an item of an outcome group under its
        group, as the template writes them: “（三）不予公开”中的“2.其他法律行政法规禁止公开”."""
        if self.ordinal.isdigit() and len(self.path) == 3:
            return f"“{self.path[1]}”中的“{self.label}”"
        return f"“{self.short}”"


CellKey = tuple[RowSpec, ColumnSpec]

# Identity families: what kind of 勾稽关系 an identity is (rules select theirs by family).
ROW_TOTAL = "row-total"  # a table-3 row's 总计 (or 小计) = its applicant (organisation) columns
OUTCOME_TOTAL = "outcome-total"  # （七）总计 = （一）…（六）, per column
GROUP_SUBTOTAL = "group-subtotal"  # a （三）–（六） subtotal row = its items, per column
BALANCE = "balance"  # 一 + 二 = （七）总计 + 四, per column (the corner cell's 勾稽关系)
GROUP_TOTAL = "group-total"  # table 4: a group's 总计 = 维持 + 纠正 + 其他 + 尚未审结


class Identity(FrozenRecord):
    """Σ lhs = Σ rhs over cells of one table (a linear equality with coefficients ±1).

    ``lhs`` is usually the one total cell; the balance has two cells on each side. ``cells`` (lhs
    then rhs) and ``cell_set`` are made with the identity: every table of every draft asks for them.
    """

    __slots__ = ("family", "lhs", "rhs", "cells", "cell_set")
    family: str
    lhs: tuple[CellKey, ...]
    rhs: tuple[CellKey, ...]
    cells: tuple[CellKey, ...]
    cell_set: frozenset[CellKey]

    def __init__(self, family: str, lhs: tuple[CellKey, ...], rhs: tuple[CellKey, ...]) -> None:
        self._init(family, lhs, rhs, lhs + rhs, frozenset(lhs + rhs))

    def replace(self, **changes: Any) -> Identity:
        """A copy with *changes* to ``family``, ``lhs`` or ``rhs``; its cells are made again."""
        return Identity(**{"family": self.family, "lhs": self.lhs, "rhs": self.rhs, **changes})


class TableSpec(FrozenRecord):
    """One table of one template: rows and columns in template order, and its identities.

    ``optional_rows``/``optional_columns`` are extras many reports add (subtotal rows, the
    法人或其他组织小计 column); they are checked when present and never missing.
    """

    __slots__ = ("kind", "template", "rows", "columns", "optional_rows", "optional_columns", "identities")
    kind: str  # t2 | t3 | t4
    template: str
    rows: tuple[RowSpec, ...]
    columns: tuple[ColumnSpec, ...]
    optional_rows: tuple[RowSpec, ...]
    optional_columns: tuple[ColumnSpec, ...]
    identities: tuple[Identity, ...]

    def __init__(
        self,
        kind: str,
        template: str,
        rows: tuple[RowSpec, ...],
        columns: tuple[ColumnSpec, ...],
        optional_rows: tuple[RowSpec, ...] = (),
        optional_columns: tuple[ColumnSpec, ...] = (),
        identities: tuple[Identity, ...] = (),
    ) -> None:
        self._init(kind, template, rows, columns, optional_rows, optional_columns, identities)


# --- table 3 — 收到和处理政府信息公开申请情况 ------------------------------------------------------


class T3Col:
    """Table 3's columns: six applicant kinds and their 总计 (plus the optional 小计)."""

    NATURAL = ColumnSpec("natural", "自然人", ("自然人",))
    COMMERCIAL = ColumnSpec("commercial", "商业企业", ("商业企业",))
    RESEARCH = ColumnSpec("research", "科研机构", ("科研机构",))
    SOCIAL = ColumnSpec("social", "社会公益组织", ("社会公益组织", "公益组织"))
    LEGAL = ColumnSpec("legal", "法律服务机构", ("法律服务机构",))
    OTHER = ColumnSpec("other", "其他", ("=其他",))
    TOTAL = ColumnSpec("total", "总计", ("=总计",))
    SUBTOTAL = ColumnSpec("subtotal", "法人或其他组织小计", ("法人或其他组织小计", "=小计"))


T3_COLUMNS = (T3Col.NATURAL, T3Col.COMMERCIAL, T3Col.RESEARCH, T3Col.SOCIAL, T3Col.LEGAL, T3Col.OTHER, T3Col.TOTAL)
T3_APPLICANT_COLUMNS = T3_COLUMNS[:6]
T3_ORGANISATION_COLUMNS = T3_COLUMNS[1:6]

_OUTCOME = "三、本年度办理结果"


class GroupSpec(FrozenRecord):
    """An outcome group of table 3: （一）予以公开 … （六）其他处理."""

    __slots__ = ("key", "ordinal", "label")
    key: str
    ordinal: str  # （三）
    label: str  # 不予公开

    def __init__(self, key: str, ordinal: str, label: str) -> None:
        self._init(key, ordinal, label)

    @property
    def heading(self) -> str:
        return self.ordinal + self.label


T3_GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec("granted", "（一）", "予以公开"),
    GroupSpec("partial", "（二）", "部分公开"),
    GroupSpec("denied", "（三）", "不予公开"),
    GroupSpec("unable", "（四）", "无法提供"),
    GroupSpec("unprocessed", "（五）", "不予处理"),
    GroupSpec("other", "（六）", "其他处理"),
)
T3_GROUP_BY_KEY = {g.key: g for g in T3_GROUPS}


def _leaf(group: str, n: int, label: str, cores: tuple[str, ...], templates: tuple[str, ...] = TEMPLATES) -> RowSpec:
    heading = T3_GROUP_BY_KEY[group].heading
    return RowSpec(
        f"{group}.{n}", f"{n}.{label}", f"{heading}{n}.{label}", cores, str(n), group, templates,
        (_OUTCOME, heading, f"{n}.{label}"),
    )  # fmt: skip


def _subtotal(group: str, templates: tuple[str, ...] = TEMPLATES) -> RowSpec:
    heading = T3_GROUP_BY_KEY[group].heading
    return RowSpec(
        f"{group}.subtotal", "小计", f"{heading}小计", (), group=group, templates=templates,
        path=(_OUTCOME, heading, "小计"), subtotal=True,
    )  # fmt: skip


class T3Row:
    """Table 3's rows in template order (both templates), and the optional group subtotal rows."""

    NEW = RowSpec("new", "一、本年新收政府信息公开申请数量", "一、本年新收", ("本年新收",), "一",
                  path=("一、本年新收政府信息公开申请数量",))  # fmt: skip
    CARRIED = RowSpec("carried", "二、上年结转政府信息公开申请数量", "二、上年结转", ("上年结转",),
                      "二", path=("二、上年结转政府信息公开申请数量",))  # fmt: skip
    GRANTED = RowSpec("granted", "（一）予以公开", "（一）予以公开", ("予以公开",), "（一）", "granted",
                      path=(_OUTCOME, "（一）予以公开"))  # fmt: skip
    PARTIAL = RowSpec("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开", ("部分公开",),
                      "（二）", "partial",
                      path=(_OUTCOME, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"))  # fmt: skip
    DENIED_1 = _leaf("denied", 1, "属于国家秘密", ("国家秘密",))
    DENIED_2 = _leaf("denied", 2, "其他法律行政法规禁止公开", ("禁止公开",))
    DENIED_3 = _leaf("denied", 3, "危及“三安全一稳定”", ("三安全一稳定", "危及"))
    DENIED_4 = _leaf("denied", 4, "保护第三方合法权益", ("第三方合法权益", "保护第三方"))
    DENIED_5 = _leaf("denied", 5, "属于三类内部事务信息", ("内部事务",))
    DENIED_6 = _leaf("denied", 6, "属于四类过程性信息", ("过程性信息",))
    DENIED_7 = _leaf("denied", 7, "属于行政执法案卷", ("行政执法案",))
    DENIED_8 = _leaf("denied", 8, "属于行政查询事项", ("行政查询",))
    UNABLE_1 = _leaf("unable", 1, "本机关不掌握相关政府信息", ("不掌握",))
    UNABLE_2 = _leaf("unable", 2, "没有现成信息需要另行制作", ("没有现成信息", "另行制作"))
    UNABLE_3 = _leaf("unable", 3, "补正后申请内容仍不明确", ("补正后", "仍不明确"))
    UNPROCESSED_1 = _leaf("unprocessed", 1, "信访举报投诉类申请", ("信访举报投诉", "信访"))
    UNPROCESSED_2 = _leaf("unprocessed", 2, "重复申请", ("重复申请",))
    UNPROCESSED_3 = _leaf("unprocessed", 3, "要求提供公开出版物", ("公开出版物",))
    UNPROCESSED_4 = _leaf("unprocessed", 4, "无正当理由大量反复申请", ("大量反复申请", "大量反复"))
    UNPROCESSED_5 = _leaf("unprocessed", 5, "要求行政机关确认或重新出具已获取信息", ("重新出具", "确认或重新"))
    OTHER = RowSpec("other", "（六）其他处理", "（六）其他处理", ("其他处理",), "（六）", "other", (T2019,),
                    (_OUTCOME, "（六）其他处理"))  # fmt: skip
    OTHER_1 = _leaf(
        "other", 1, "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", ("逾期不补正",), (T2021,)
    )
    OTHER_2 = _leaf("other", 2, "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                    ("收费通知", "缴纳费用"), (T2021,))  # fmt: skip
    OTHER_3 = _leaf("other", 3, "其他", ("=其他",), (T2021,))
    TOTAL = RowSpec("total", "（七）总计", "（七）总计", ("总计",), "（七）", path=(_OUTCOME, "（七）总计"))
    CARRY_FORWARD = RowSpec("carry_forward", "四、结转下年度继续办理", "四、结转下年度继续办理", ("结转下年度",), "四",
                            path=("四、结转下年度继续办理",))  # fmt: skip
    DENIED_SUBTOTAL = _subtotal("denied")
    UNABLE_SUBTOTAL = _subtotal("unable")
    UNPROCESSED_SUBTOTAL = _subtotal("unprocessed")
    OTHER_SUBTOTAL = _subtotal("other", (T2021,))  # in 2019 （六）其他处理 is itself a row


T3_ROWS: tuple[RowSpec, ...] = (
    T3Row.NEW, T3Row.CARRIED, T3Row.GRANTED, T3Row.PARTIAL,
    T3Row.DENIED_1, T3Row.DENIED_2, T3Row.DENIED_3, T3Row.DENIED_4,
    T3Row.DENIED_5, T3Row.DENIED_6, T3Row.DENIED_7, T3Row.DENIED_8,
    T3Row.UNABLE_1, T3Row.UNABLE_2, T3Row.UNABLE_3,
    T3Row.UNPROCESSED_1, T3Row.UNPROCESSED_2, T3Row.UNPROCESSED_3, T3Row.UNPROCESSED_4, T3Row.UNPROCESSED_5,
    T3Row.OTHER, T3Row.OTHER_1, T3Row.OTHER_2, T3Row.OTHER_3,
    T3Row.TOTAL, T3Row.CARRY_FORWARD,
)  # fmt: skip
T3_SUBTOTAL_ROWS = (T3Row.DENIED_SUBTOTAL, T3Row.UNABLE_SUBTOTAL, T3Row.UNPROCESSED_SUBTOTAL, T3Row.OTHER_SUBTOTAL)
# 一、二、四 are rows; 三、本年度办理结果 is the heading of the outcome rows.
T3_TOP_ROWS = {"一": T3Row.NEW, "二": T3Row.CARRIED, "四": T3Row.CARRY_FORWARD}
T3_SUBTOTAL_CORES = ("小计", "合计")


def t3_rows(template: str) -> tuple[RowSpec, ...]:
    """Table 3's printed rows for *template*, in order (no subtotal rows)."""
    return tuple(r for r in T3_ROWS if template in r.templates)


def t3_outcome_rows(template: str) -> tuple[RowSpec, ...]:
    """The rows that add up to （七）总计: （一）, （二） and every item of （三）–（六）."""
    return tuple(r for r in t3_rows(template) if r.group)


def _t3_identities(template: str) -> tuple[Identity, ...]:
    rows = t3_rows(template)
    subtotals = tuple(s for s in T3_SUBTOTAL_ROWS if template in s.templates)
    columns = T3_COLUMNS + (T3Col.SUBTOTAL,)
    outcomes = t3_outcome_rows(template)
    out: list[Identity] = []
    for row in rows + subtotals:
        out.append(Identity(ROW_TOTAL, ((row, T3Col.TOTAL),), tuple((row, c) for c in T3_APPLICANT_COLUMNS)))
        out.append(Identity(ROW_TOTAL, ((row, T3Col.SUBTOTAL),), tuple((row, c) for c in T3_ORGANISATION_COLUMNS)))
    for column in columns:
        out.append(Identity(OUTCOME_TOTAL, ((T3Row.TOTAL, column),), tuple((r, column) for r in outcomes)))
        for subtotal in subtotals:
            items = tuple((r, column) for r in outcomes if r.group == subtotal.group)
            out.append(Identity(GROUP_SUBTOTAL, ((subtotal, column),), items))
        out.append(
            Identity(
                BALANCE,
                ((T3Row.NEW, column), (T3Row.CARRIED, column)),
                ((T3Row.TOTAL, column), (T3Row.CARRY_FORWARD, column)),
            )
        )
    return tuple(out)


# --- table 4 — 行政复议、行政诉讼 (identical in both templates) ------------------------------------


class T4Col:
    UPHELD = ColumnSpec("upheld", "结果维持", ("结果维持", "维持"))
    CORRECTED = ColumnSpec("corrected", "结果纠正", ("结果纠正", "纠正"))
    OTHER = ColumnSpec("other", "其他结果", ("其他结果",))
    PENDING = ColumnSpec("pending", "尚未审结", ("尚未审结", "未审结"))
    TOTAL = ColumnSpec("total", "总计", ("=总计",))


class T4Row:
    """Table 4's three groups of five cells, read as three rows (whatever the layout)."""

    REVIEW = RowSpec("review", "行政复议", "行政复议", ("行政复议",))
    DIRECT = RowSpec(
        "direct", "行政诉讼·未经复议直接起诉", "行政诉讼·未经复议直接起诉", ("未经复议直接起诉", "直接起诉")
    )
    AFTER_REVIEW = RowSpec("after_review", "行政诉讼·复议后起诉", "行政诉讼·复议后起诉", ("复议后起诉",))


T4_COLUMNS = (T4Col.UPHELD, T4Col.CORRECTED, T4Col.OTHER, T4Col.PENDING, T4Col.TOTAL)
T4_ADDENDS = T4_COLUMNS[:4]
T4_ROWS = (T4Row.REVIEW, T4Row.DIRECT, T4Row.AFTER_REVIEW)
T4_LITIGATION = (T4Row.DIRECT, T4Row.AFTER_REVIEW)
T4_WIDTH = len(T4_ROWS) * len(T4_COLUMNS)  # the 15 numbers of the one-row layout

_T4_IDENTITIES = tuple(
    Identity(GROUP_TOTAL, ((row, T4Col.TOTAL),), tuple((row, c) for c in T4_ADDENDS)) for row in T4_ROWS
)


# --- table 2 — 主动公开政府信息情况; one block per item of article 20 of the Regulation ------------


class BlockSpec(FrozenRecord):
    __slots__ = ("item", "template", "columns", "rows")
    item: str  # 一 / 五 / 六 / 八 / 九
    template: str
    columns: tuple[ColumnSpec, ...]
    rows: tuple[RowSpec, ...]

    def __init__(self, item: str, template: str, columns: tuple[ColumnSpec, ...], rows: tuple[RowSpec, ...]) -> None:
        self._init(item, template, columns, rows)

    @property
    def header(self) -> str:
        return f"第二十条第（{self.item}）项"


def _t2_row(key: str, label: str, cores: tuple[str, ...], block: str) -> RowSpec:
    return RowSpec(key, label, label, cores, block=block)


class T2Col:
    MADE_2019 = ColumnSpec("made", "本年新制作数量", ("新制作",), templates=(T2019,))
    PUBLISHED_2019 = ColumnSpec("published", "本年新公开数量", ("新公开",), templates=(T2019,))
    # Everything published so far, not the documents in force: another quantity than 2021's 现行有效
    # (平潭 2020: 166 published since 2019; 2021: 665 in force), hence another key.
    PUBLISHED_TOTAL_2019 = ColumnSpec("published_total", "对外公开总数量", ("对外公开总数",), templates=(T2019,))
    PREVIOUS = ColumnSpec("previous", "上一年项目数量", ("上一年项目",), templates=(T2019,))
    CHANGE = ColumnSpec("change", "本年增/减", ("增/减", "增减", "增加/减少"), SIGNED, templates=(T2019,))
    DECIDED_2019 = ColumnSpec("decided", "处理决定数量", ("处理决定",), templates=(T2019,))
    PURCHASES = ColumnSpec("purchases", "采购项目数量", ("采购项目",), templates=(T2019,))
    # The 2019 header gives no unit, so real reports write one in the cell (元 or 万元).
    PURCHASE_AMOUNT = ColumnSpec(
        "purchase_amount", "采购总金额", ("采购总金额", "采购金额"), AMOUNT, ("元", "万元"), (T2019,)
    )
    MADE = ColumnSpec("made", "本年制发件数", ("制发",), templates=(T2021,))
    REPEALED = ColumnSpec("repealed", "本年废止件数", ("废止", "度止"), templates=(T2021,))
    IN_FORCE = ColumnSpec("in_force", "现行有效件数", ("现行有效",), templates=(T2021,))
    DECIDED = ColumnSpec("decided", "本年处理决定数量", ("本年处理决定",), templates=(T2021,))
    FEE_AMOUNT = ColumnSpec("fee_amount", "本年收费金额（单位：万元）", ("收费金额",), AMOUNT, ("万元",), (T2021,))


class T2Row:
    RULES = _t2_row("rules", "规章", ("规章",), "一")
    NORMATIVE_2019 = _t2_row("normative", "规范性文件", ("规范性文件",), "一")
    NORMATIVE = _t2_row("normative", "行政规范性文件", ("规范性文件",), "一")
    PERMIT = _t2_row("permit", "行政许可", ("行政许可",), "五")
    OTHER_SERVICES = _t2_row("other_services", "其他对外管理服务事项", ("对外管理服务",), "五")
    PENALTY = _t2_row("penalty", "行政处罚", ("行政处罚",), "六")
    COERCION = _t2_row("coercion", "行政强制", ("行政强制",), "六")
    FEES = _t2_row("fees", "行政事业性收费", ("事业性收费",), "八")
    PROCUREMENT = _t2_row("procurement", "政府集中采购", ("集中采购",), "九")


_ITEMS_2019 = (T2Col.PREVIOUS, T2Col.CHANGE, T2Col.DECIDED_2019)
T2_BLOCKS: tuple[BlockSpec, ...] = (
    BlockSpec("一", T2019, (T2Col.MADE_2019, T2Col.PUBLISHED_2019, T2Col.PUBLISHED_TOTAL_2019),
              (T2Row.RULES, T2Row.NORMATIVE_2019)),
    BlockSpec("五", T2019, _ITEMS_2019, (T2Row.PERMIT, T2Row.OTHER_SERVICES)),
    BlockSpec("六", T2019, _ITEMS_2019, (T2Row.PENALTY, T2Row.COERCION)),
    BlockSpec("八", T2019, (T2Col.PREVIOUS, T2Col.CHANGE), (T2Row.FEES,)),
    BlockSpec("九", T2019, (T2Col.PURCHASES, T2Col.PURCHASE_AMOUNT), (T2Row.PROCUREMENT,)),
    BlockSpec("一", T2021, (T2Col.MADE, T2Col.REPEALED, T2Col.IN_FORCE), (T2Row.RULES, T2Row.NORMATIVE)),
    BlockSpec("五", T2021, (T2Col.DECIDED,), (T2Row.PERMIT,)),
    BlockSpec("六", T2021, (T2Col.DECIDED,), (T2Row.PENALTY, T2Row.COERCION)),
    BlockSpec("八", T2021, (T2Col.FEE_AMOUNT,), (T2Row.FEES,)),
)  # fmt: skip
T2_HEADER_CORE = "信息内容"


def t2_blocks(template: str) -> tuple[BlockSpec, ...]:
    return tuple(b for b in T2_BLOCKS if b.template == template)


# --- all tables --------------------------------------------------------------------------------


def _t2_spec(template: str) -> TableSpec:
    blocks = t2_blocks(template)
    columns = tuple(dict.fromkeys(c for b in blocks for c in b.columns))
    # No identity holds inside one year's table 2: 2021's stock relation (现行有效 = last year's +
    # 制发 − 废止) and 2019's item counts (上一年 + 增/减) need last year's report (cross-year rules).
    return TableSpec("t2", template, tuple(r for b in blocks for r in b.rows), columns)


TABLE_SPECS: dict[tuple[str, str], TableSpec] = {
    **{("t2", t): _t2_spec(t) for t in TEMPLATES},
    **{
        ("t3", t): TableSpec(
            "t3", t, t3_rows(t), T3_COLUMNS,
            tuple(s for s in T3_SUBTOTAL_ROWS if t in s.templates), (T3Col.SUBTOTAL,), _t3_identities(t),
        )
        for t in TEMPLATES
    },
    **{("t4", t): TableSpec("t4", t, T4_ROWS, T4_COLUMNS, identities=_T4_IDENTITIES) for t in TEMPLATES},
}  # fmt: skip


def table_spec(kind: str, template: str) -> TableSpec | None:
    """The spec of table *kind* (t2, t3, t4) in *template* (2019, 2021), or None."""
    return TABLE_SPECS.get((kind, template))


# How messages name the three tables.
TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
TABLE_TITLES = {"t2": "主动公开政府信息情况", "t3": "收到和处理政府信息公开申请情况", "t4": "行政复议、行政诉讼情况"}

# Words that tell which table a block of rows is, scored per cell (see parsing.binding).
TABLE_MARKERS: dict[str, tuple[str, ...]] = {
    "t2": ("第二十条", "信息内容", "行政许可", "行政处罚", "行政事业性收费", "规章"),
    "t3": ("勾稽关系", "申请人情况", "本年新收", "上年结转", "予以公开", "不予公开", "结转下年度"),
    "t4": ("行政复议", "行政诉讼", "结果维持", "结果纠正", "未经复议", "复议后起诉", "尚未审结"),
}
# Words that start a new table inside one run of rows (two tables with no heading between them).
TABLE_START_MARKERS: dict[str, tuple[str, ...]] = {
    "t2": ("第二十条",),
    "t3": ("勾稽关系", "申请人情况", "本年新收"),
    "t4": ("行政复议",),
}
# Two header labels of one table run together with nothing between them: a table whose cells lost
# every separator (a web page copied as one paragraph). Matched with whitespace removed.
TABLE_TRACES: dict[str, tuple[str, ...]] = {
    "t2": ("信息内容本年",),
    "t3": ("申请人情况自然人", "自然人法人或其他组织"),
    "t4": ("结果维持结果纠正",),
}
# Statistics tables of the pre-2019 provincial forms (obsolete; reported once, not rule by rule).
OBSOLETE_TABLE_MARKERS = ("申请总数", "同意公开", "不同意公开", "免予公开", "已答复", "依申请公开情况统计")


class Alias(FrozenRecord):
    """A nonstandard label seen in real drafts and the standard text that replaces it."""

    __slots__ = ("wrong", "right", "scope", "templates", "whole")
    wrong: str
    right: str
    scope: str  # t2-row, t2-col, t3-row, t3-col, t4-col
    templates: tuple[str, ...]
    whole: bool  # only when the whole label (ordinal stripped) is exactly `wrong`

    def __init__(
        self, wrong: str, right: str, scope: str, templates: tuple[str, ...] = TEMPLATES, whole: bool = False
    ) -> None:
        self._init(wrong, right, scope, templates, whole)


LABEL_ALIASES: tuple[Alias, ...] = (
    Alias("国家机密", "国家秘密", "t3-row"),
    Alias("行政执法案件", "行政执法案卷", "t3-row"),
    Alias("其他法律法规禁止公开", "其他法律行政法规禁止公开", "t3-row"),
    Alias("已获信息", "已获取信息", "t3-row"),
    Alias("商业机构", "商业企业", "t3-col"),
    Alias("本年度止件数", "本年废止件数", "t2-col", (T2021,)),
    Alias("规范性文件", "行政规范性文件", "t2-row", (T2021,), whole=True),
)
