"""Correct annual-report drafts in every surface form, to test rules against.

The agency (青禾县云溪镇) and all text are fictional. A `Draft` holds the content;
`render(draft, form)` writes it as plain text with tab tables (``tab``), ` | ` tables (``pipe``),
one-cell-per-line tables (``cells``), or as Markdown (``markdown``). Every number is consistent,
so a rendered draft lints clean; a test introduces one defect at a time with `str.replace`.

`series` composes one agency's reports for consecutive years that agree across years as well:
each year's 二、上年结转 is last year's 四、结转下年度继续办理, table 2's stocks carry over, and the
prose of section 五 changes every year (`next_year` makes one more year of a series).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from ..render import FORMS as FORMS  # the forms sample drafts come in (re-exported)
from ..render import render_table
from ..template import (
    T3_APPLICANT_COLUMNS,
    T4_COLUMNS,
    T4_ROWS,
    T2019,
    T2021,
    CellKey,
    ColumnSpec,
    RowSpec,
    T2Col,
    T2Row,
    T3Col,
    T3Row,
    T4Col,
    T4Row,
    t3_outcome_rows,
    t3_rows,
)

SUFFIX = {"tab": ".txt", "pipe": ".txt", "cells": ".txt", "markdown": ".md"}

# Table 3: applicant-column values per row (自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他).
T3_DATA: dict[RowSpec, tuple[int, ...]] = {
    T3Row.NEW: (3, 1, 0, 0, 0, 0),
    T3Row.CARRIED: (1, 0, 0, 0, 0, 0),
    T3Row.GRANTED: (2, 1, 0, 0, 0, 0),
    T3Row.UNABLE_1: (1, 0, 0, 0, 0, 0),
    T3Row.CARRY_FORWARD: (1, 0, 0, 0, 0, 0),
}
T2_DATA: dict[str, dict[CellKey, str]] = {
    T2021: {(T2Row.RULES, c): "0" for c in (T2Col.MADE, T2Col.REPEALED, T2Col.IN_FORCE)}
    | {
        (T2Row.NORMATIVE, T2Col.MADE): "2",
        (T2Row.NORMATIVE, T2Col.REPEALED): "1",
        (T2Row.NORMATIVE, T2Col.IN_FORCE): "5",
        (T2Row.PERMIT, T2Col.DECIDED): "12",
        (T2Row.PENALTY, T2Col.DECIDED): "3",
        (T2Row.COERCION, T2Col.DECIDED): "0",
        (T2Row.FEES, T2Col.FEE_AMOUNT): "0",
    },
    T2019: {(T2Row.RULES, c): "0" for c in (T2Col.MADE_2019, T2Col.PUBLISHED_2019, T2Col.PUBLISHED_TOTAL_2019)}
    | {
        (T2Row.NORMATIVE_2019, T2Col.MADE_2019): "2",
        (T2Row.NORMATIVE_2019, T2Col.PUBLISHED_2019): "2",
        (T2Row.NORMATIVE_2019, T2Col.PUBLISHED_TOTAL_2019): "5",
        (T2Row.PERMIT, T2Col.PREVIOUS): "10",
        (T2Row.PERMIT, T2Col.CHANGE): "2",
        (T2Row.PERMIT, T2Col.DECIDED_2019): "12",
        (T2Row.OTHER_SERVICES, T2Col.PREVIOUS): "4",
        (T2Row.OTHER_SERVICES, T2Col.CHANGE): "-1",
        (T2Row.OTHER_SERVICES, T2Col.DECIDED_2019): "6",
        (T2Row.PENALTY, T2Col.PREVIOUS): "3",
        (T2Row.PENALTY, T2Col.CHANGE): "0",
        (T2Row.PENALTY, T2Col.DECIDED_2019): "3",
        (T2Row.COERCION, T2Col.PREVIOUS): "0",
        (T2Row.COERCION, T2Col.CHANGE): "0",
        (T2Row.COERCION, T2Col.DECIDED_2019): "0",
        (T2Row.FEES, T2Col.PREVIOUS): "0",
        (T2Row.FEES, T2Col.CHANGE): "0",
        (T2Row.PROCUREMENT, T2Col.PURCHASES): "1",
        (T2Row.PROCUREMENT, T2Col.PURCHASE_AMOUNT): "3.6万元",
    },
}


# Section 五 of a series: two problems and one improvement a year, never the same two years running.
_PROBLEMS = (
    "政策解读形式较为单一，图表、音视频解读占比不高",
    "依申请公开答复文书的规范性有待提高",
    "村务公开与政务公开衔接不够紧密",
    "政务公开专栏个别栏目更新不够及时",
    "基层工作人员政务公开业务能力参差不齐",
    "公开内容的可读性、实用性还需增强",
    "政务新媒体互动回应不够充分",
    "重点领域信息公开的深度有待拓展",
)
_IMPROVEMENTS = (  # {we}: how the agency names itself (我镇, 我街道)
    "下一步，{we}将组织专题培训，提升工作人员业务水平。",
    "下一步，{we}将建立栏目更新台账，按月检查更新情况。",
    "下一步，{we}将丰富解读形式，推出图解和短视频解读。",
    "下一步，{we}将完善答复文书模板，实行法律顾问审核。",
)
PROBLEMS_DEFAULT = (
    "一是政策解读形式较为单一；二是依申请公开答复的规范性有待提高。"
    "下一步，我镇将丰富解读形式，加强业务培训，提升答复质量。"
)


@dataclass
class Draft:
    year: int = 2023
    agency: str = "青禾县云溪镇人民政府"
    name: str = "云溪镇"
    signed: str = "2024年1月18日"
    t3: dict[RowSpec, tuple[int, ...]] = field(default_factory=lambda: dict(T3_DATA))
    extra: tuple[str, ...] = ()  # more paragraphs for section 一 (to make larger drafts)
    t2: dict[CellKey, str] | None = None  # table 2's values; None: `T2_DATA` for the template
    t4: dict[CellKey, str] | None = None  # table 4's values; None: one review, upheld
    problems: str = PROBLEMS_DEFAULT  # the text of section 五

    @property
    def template(self) -> str:
        return T2021 if self.year >= 2021 else T2019

    def t2_values(self) -> dict[CellKey, str]:
        return self.t2 if self.t2 is not None else T2_DATA[self.template]

    def t3_values(self) -> dict[CellKey, str]:
        values: dict[CellKey, str] = {}
        totals = [0] * 6
        for spec in t3_rows(self.template):
            if spec is T3Row.TOTAL:
                continue
            row = self.t3.get(spec, (0,) * 6)
            for column, v in zip(T3_APPLICANT_COLUMNS, row):
                values[(spec, column)] = str(v)
            values[(spec, T3Col.TOTAL)] = str(sum(row))
            if spec.group:
                totals = [a + b for a, b in zip(totals, row)]
        for column, v in zip(T3_APPLICANT_COLUMNS, totals):
            values[(T3Row.TOTAL, column)] = str(v)
        values[(T3Row.TOTAL, T3Col.TOTAL)] = str(sum(totals))
        return values

    def t4_values(self) -> dict[CellKey, str]:
        if self.t4 is not None:
            return self.t4
        values = {(g, c): "0" for g in T4_ROWS for c in T4_COLUMNS}
        values[(T4Row.REVIEW, T4Col.UPHELD)] = values[(T4Row.REVIEW, T4Col.TOTAL)] = "1"
        return values


def _total(d: Draft, row: RowSpec) -> int:
    return sum(d.t3.get(row, (0,) * 6))


def render(d: Draft, form: str = "tab") -> str:
    md = form == "markdown"
    new, carried, forward = _total(d, T3Row.NEW), _total(d, T3Row.CARRIED), _total(d, T3Row.CARRY_FORWARD)
    table_form = {"markdown": "markdown", "pipe": "pipe", "cells": "cells"}.get(form, "tab")
    h1, h2 = ("# ", "## ") if md else ("", "")
    y = d.year
    parts = [
        f"{h1}{d.agency}{y}年政府信息公开工作年度报告",
        "本报告依据《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级有关要求编制，"
        f"本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"
        f"如对本报告有疑问，请与{d.name}党政办公室联系（电话：0000-1234567）。",
        f"{h2}一、总体情况",
        f"{y}年，{d.name}坚持以公开为常态、不公开为例外，认真落实上级政务公开工作要点，"
        "推进决策、执行、管理、服务、结果公开。",
        "（一）主动公开",
        "全年主动公开政府信息 120 条，其中通过县政府门户网站公开 80 条、通过“云溪发布”微信公众号公开 40 条。",
        "（二）依申请公开",
        f"本年度共收到政府信息公开申请 {new} 件，上年结转 {carried} 件，已办结 {new + carried - forward} 件，"
        f"结转下年度继续办理 {forward} 件。",
        "（三）政府信息管理",
        "规范信息发布审核流程，落实“三审三校”制度，全年未发生泄密事件。",
        "（四）政府信息公开平台建设",
        "维护县政府门户网站镇级专栏，及时更新机构职能、政策文件等栏目内容。",
        "（五）监督保障",
        "镇党委将政务公开纳入年度考核，组织政务公开业务培训 2 次。",
        *d.extra,
        f"{h2}二、主动公开政府信息情况",
        render_table("t2", d.template, table_form, d.t2_values()),
        f"{h2}三、收到和处理政府信息公开申请情况",
        render_table("t3", d.template, table_form, d.t3_values()),
        f"{h2}四、政府信息公开行政复议、行政诉讼情况",
        _t4_text(d),
        render_table("t4", d.template, table_form, d.t4_values()),
        f"{h2}五、存在的主要问题及改进情况",
        d.problems,
        f"{h2}六、其他需要报告的事项",
        "（一）信息处理费收费情况",
        "本年度未收取信息处理费。",
        "（二）落实上级年度政务公开工作要点情况",
        "按照县政府办公室部署，逐项落实年度政务公开工作要点。",
        "（三）人大代表建议和政协提案办理结果公开情况",
        "本年度未承办人大代表建议和政协提案。",
        "（四）政务公开工作创新情况",
        "开展“政府开放日”活动 1 次，邀请群众代表参观便民服务中心。",
        "（五）年度报告数据统计需要说明的事项",
        "无。",
        "（六）其他需要报告的事项",
        "无。",
        d.agency,
        d.signed,
    ]
    return "\n\n".join(parts) + "\n"


def _t4_text(d: Draft) -> str:
    """What section 四 says of table 4: the default's one review, or the totals of the draft's own."""
    if d.t4 is None:
        return "本年度因政府信息公开工作被申请行政复议 1 件，结果维持；未发生行政诉讼。"
    review = d.t4.get((T4Row.REVIEW, T4Col.TOTAL), "0")
    lawsuits = sum(int(d.t4.get((row, T4Col.TOTAL), "0")) for row in (T4Row.DIRECT, T4Row.AFTER_REVIEW))
    return f"本年度因政府信息公开工作被申请行政复议 {review} 件，提起行政诉讼 {lawsuits} 件。"


def sample(year: int = 2023, **fields: Any) -> Draft:
    """The sample draft's content for *year* (signed in the next January, within the legal
    window); *fields* are other `Draft` fields to change (agency, name, signed, t3, extra)."""
    signed = f"{year + 1}年1月{20 if year < 2021 else 18}日"
    return Draft(**{"year": year, "signed": signed, **fields})


def clean(form: str = "tab", year: int = 2023) -> str:
    """A correct draft: 2023 (2021 template) by default, or 2020 (2019 template)."""
    return render(sample(year), form)


def random_draft(seed: int, year: int = 2023, scale: int = 9, carried: tuple[int, ...] | None = None) -> Draft:
    """A correct draft whose table 3 holds random numbers (up to about *scale* per cell of 一) that
    satisfy every identity: each application received is counted once among the outcomes or as
    carried forward, column by column. *carried*: 二、上年结转 per applicant column (default random)."""
    rng = random.Random(seed)
    rows = list(t3_outcome_rows(T2021 if year >= 2021 else T2019))
    data: dict[RowSpec, list[int]] = {r: [0] * 6 for r in (T3Row.NEW, T3Row.CARRIED, T3Row.CARRY_FORWARD, *rows)}
    for col in range(6):
        new = rng.randint(0, scale)
        carried_here = rng.randint(0, max(1, scale // 3)) if carried is None else carried[col]
        forward = rng.randint(0, new + carried_here)
        data[T3Row.NEW][col], data[T3Row.CARRIED][col], data[T3Row.CARRY_FORWARD][col] = new, carried_here, forward
        for _ in range(new + carried_here - forward):
            data[rng.choice(rows)][col] += 1
    return Draft(year=year, signed=f"{year + 1}年1月18日", t3={k: tuple(v) for k, v in data.items()})


def next_year(draft: Draft, seed: int) -> Draft:
    """The same agency's correct report for the year after *draft*'s, agreeing with it: 二、上年结转
    is *draft*'s 四, table 2's stocks (现行有效 / 对外公开总数量, the 2019 item counts) carry over
    within a template, 二 and 四 across the 2019/2021 change too, and section 五 says something else."""
    year = draft.year + 1
    base = random_draft(seed, year, carried=draft.t3.get(T3Row.CARRY_FORWARD, (0,) * 6))
    rng = random.Random(seed)
    return Draft(
        year=year,
        agency=draft.agency,
        name=draft.name,
        signed=f"{year + 1}年1月{rng.randint(5, 28)}日",
        t3=base.t3,
        t2=_t2_after(draft, year, rng),
        problems=problems_of(year, draft.name),
    )


def series(first: Draft, years: int, seed: int = 0) -> list[Draft]:
    """*first* and the reports of the *years* − 1 years after it (see `next_year`)."""
    out = [first]
    for i in range(1, years):
        out.append(next_year(out[-1], seed * 100 + i))
    return out


def first_of_series(year: int, agency: str, name: str, seed: int = 0) -> Draft:
    """A correct report to start a `series` with: random table 3, its own section 五."""
    return sample(year, agency=agency, name=name, t3=random_draft(seed, year).t3, problems=problems_of(year, name))


def problems_of(year: int, name: str = "云溪镇") -> str:
    """Section 五 for *year* of the agency *name*: two problems and an improvement shared with
    neither neighbouring year."""
    from ..facts import analyse_agency

    n = len(_PROBLEMS)
    first, second = _PROBLEMS[(2 * year) % n], _PROBLEMS[(2 * year + 1) % n]
    we = "我" + (analyse_agency(name).kind or "们")
    return f"一是{first}；二是{second}。" + _IMPROVEMENTS[year % len(_IMPROVEMENTS)].format(we=we)


def _t2_after(draft: Draft, year: int, rng: random.Random) -> dict[CellKey, str]:
    """Table 2 for *year* carrying on from *draft*'s (read by the specs' key names)."""
    template = T2021 if year >= 2021 else T2019
    before = {(r.key, c.key): v for (r, c), v in draft.t2_values().items()}
    values = dict(T2_DATA[template])

    def last(row: RowSpec, column: ColumnSpec) -> int:
        return int(before.get((row.key, column.key), "0"))

    # 规章 stay 0: a township makes none (NB208)
    for row in (T2Row.NORMATIVE if template == T2021 else T2Row.NORMATIVE_2019,):
        # the stock goes on from last year's in its own template (the two templates' stocks are
        # different quantities: NB602 compares none across the change)
        stock = last(row, T2Col.IN_FORCE if draft.template == T2021 else T2Col.PUBLISHED_TOTAL_2019)
        made = rng.randint(0, 4)
        if template == T2021:
            repealed = rng.randint(0, min(2, stock + made))
            values |= {(row, T2Col.MADE): str(made), (row, T2Col.REPEALED): str(repealed)}
            values[(row, T2Col.IN_FORCE)] = str(stock + made - repealed)
        else:
            published = rng.randint(0, made)
            values |= {(row, T2Col.MADE_2019): str(made), (row, T2Col.PUBLISHED_2019): str(published)}
            values[(row, T2Col.PUBLISHED_TOTAL_2019)] = str(stock + published)
    if template == T2019 and draft.template == T2019:
        for (row, column), _ in T2_DATA[T2019].items():
            if column is T2Col.PREVIOUS:
                count = last(row, T2Col.PREVIOUS) + last(row, T2Col.CHANGE)
                change = rng.randint(-min(2, count), 3)
                values |= {(row, T2Col.PREVIOUS): str(count), (row, T2Col.CHANGE): str(change)}
    return values
