"""Correct annual-report drafts in every surface form, to test rules against.

The agency (青禾县云溪镇) and all text are fictional. A `Draft` holds the content;
`render(draft, form)` writes it as plain text with tab tables (``tab``), ` | ` tables (``pipe``),
one-cell-per-line tables (``cells``), or as Markdown (``markdown``). Every number is consistent,
so a rendered draft lints clean; a test introduces one defect at a time with `str.replace`.
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
    T2019: {(T2Row.RULES, c): "0" for c in (T2Col.MADE_2019, T2Col.PUBLISHED_2019, T2Col.IN_FORCE_2019)}
    | {
        (T2Row.NORMATIVE_2019, T2Col.MADE_2019): "2",
        (T2Row.NORMATIVE_2019, T2Col.PUBLISHED_2019): "2",
        (T2Row.NORMATIVE_2019, T2Col.IN_FORCE_2019): "5",
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


@dataclass
class Draft:
    year: int = 2023
    agency: str = "青禾县云溪镇人民政府"
    name: str = "云溪镇"
    signed: str = "2024年1月18日"
    t3: dict[RowSpec, tuple[int, ...]] = field(default_factory=lambda: dict(T3_DATA))
    extra: tuple[str, ...] = ()  # more paragraphs for section 一 (to make larger drafts)

    @property
    def template(self) -> str:
        return T2021 if self.year >= 2021 else T2019

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
        render_table("t2", d.template, table_form, T2_DATA[d.template]),
        f"{h2}三、收到和处理政府信息公开申请情况",
        render_table("t3", d.template, table_form, d.t3_values()),
        f"{h2}四、政府信息公开行政复议、行政诉讼情况",
        "本年度因政府信息公开工作被申请行政复议 1 件，结果维持；未发生行政诉讼。",
        render_table("t4", d.template, table_form, d.t4_values()),
        f"{h2}五、存在的主要问题及改进情况",
        "一是政策解读形式较为单一；二是依申请公开答复的规范性有待提高。"
        "下一步，我镇将丰富解读形式，加强业务培训，提升答复质量。",
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


def sample(year: int = 2023, **fields: Any) -> Draft:
    """The sample draft's content for *year* (signed in the next January, within the legal
    window); *fields* are other `Draft` fields to change (agency, name, signed, t3, extra)."""
    signed = f"{year + 1}年1月{20 if year < 2021 else 18}日"
    return Draft(**{"year": year, "signed": signed, **fields})


def clean(form: str = "tab", year: int = 2023) -> str:
    """A correct draft: 2023 (2021 template) by default, or 2020 (2019 template)."""
    return render(sample(year), form)


def random_draft(seed: int, year: int = 2023, scale: int = 9) -> Draft:
    """A correct draft whose table 3 holds random numbers (up to about *scale* per cell of 一) that
    satisfy every identity: each application received is counted once among the outcomes or as
    carried forward, column by column."""
    rng = random.Random(seed)
    rows = list(t3_outcome_rows(T2021 if year >= 2021 else T2019))
    data: dict[RowSpec, list[int]] = {r: [0] * 6 for r in (T3Row.NEW, T3Row.CARRIED, T3Row.CARRY_FORWARD, *rows)}
    for col in range(6):
        new, carried = rng.randint(0, scale), rng.randint(0, max(1, scale // 3))
        forward = rng.randint(0, new + carried)
        data[T3Row.NEW][col], data[T3Row.CARRIED][col], data[T3Row.CARRY_FORWARD][col] = new, carried, forward
        for _ in range(new + carried - forward):
            data[rng.choice(rows)][col] += 1
    return Draft(year=year, signed=f"{year + 1}年1月18日", t3={k: tuple(v) for k, v in data.items()})
