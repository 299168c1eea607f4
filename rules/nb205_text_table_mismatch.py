from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from nianbao.model import BoundCell, Report
from nianbao.ruledef import ERROR, Finding, Related, rule
from nianbao.template import T4_LITIGATION, T3Col, T3Row, T4Col, T4Row
from nianbao.textutil import cn_to_int

from ._support import fmt

_NUM = r"(?P<n>\d+|[零〇一二两三四五六七八九十百]+)\s*(?:件|个|条|份|宗|起|次)"
_RECEIVED = re.compile(
    r"(?:新收|收到|受理|接到|接收|提交|提出)(?P<obj>[^。；;，,]{0,16}?)(?:申请|事项)[^。；;，,0-9]{0,4}?" + _NUM
)
_RECEIVED_NONE = re.compile(r"(?<!尚)(?:未|没有)(?:新?收到|受理|接到|接收)(?P<obj>[^。；;，,]{0,16}?)申请")
_NOT_APPLICATIONS = re.compile(r"建议|提案|复议|诉讼|投诉|举报|信访|不予|咨询")
_GROUP = {"review": "行政复议", "litigation": "行政诉讼"}
_CASES = {key: re.compile(rf"{word}(?P<gap>[^。；;，,、和及与0-9复诉]{{0,8}}?)" + _NUM) for key, word in _GROUP.items()}
_CASES_NONE = re.compile(
    r"(?<!尚)(?:未|没有)(?:发生|收到|出现|涉及|被申请|被提起|有)[^。；;，,]{0,16}?(?P<what>行政复议(?:[、和及与]行政诉讼)?|行政诉讼)"
)


@rule("NB205", "text-table-mismatch", ERROR, "正文中的数字与统计表矛盾")
def text_table_mismatch(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    正文中明确写出的申请数、行政复议数、行政诉讼数要与统计表一致：

    - “共收到政府信息公开申请 N 件”“受理信息公开申请 N 件”“未收到政府信息公开申请”
      与表三“一、本年新收政府信息公开申请数量”的总计（也接受本年新收加上年结转）；
    - “被申请行政复议 N 件”“未发生行政复议”与表四行政复议的总计；
    - “行政诉讼 N 件”与表四两组行政诉讼总计之和。

    只比较句式明确的说法；人大代表建议、政协提案、投诉等不是公开申请，不参与比较。

    为什么重要
    --------
    正文和表格各说各的，是“数据失准”最常见的表现，公众和审核人员都会注意到。

    错误示例
    --------
    正文“本年度共收到政府信息公开申请 61 件”，表三本年新收总计为 66。

    正确示例
    --------
    正文与表三都为 66。

    修复
    --------
    无自动修复：要由起草人核实哪一处是对的。
    """
    t3, t4 = report.table("t3"), report.table("t4")
    new = t3.cell(T3Row.NEW, T3Col.TOTAL) if t3 else None
    carried = t3.cell(T3Row.CARRIED, T3Col.TOTAL) if t3 else None
    review = t4.cell(T4Row.REVIEW, T4Col.TOTAL) if t4 else None
    litigation = [t4.cell(g, T4Col.TOTAL) for g in T4_LITIGATION] if t4 else []
    for para in report.paragraphs:
        text = para.folded
        if new is not None and "申请" in text:
            for m in _RECEIVED.finditer(text):
                obj = m.group("obj")
                if (obj and "公开" not in obj) or _NOT_APPLICATIONS.search(obj):
                    continue
                yield from _compare(
                    para.start,
                    m.start("n"),
                    m.end("n"),
                    cn_to_int(m.group("n")),
                    [new, carried],
                    "本年新收政府信息公开申请",
                )
            for m in _RECEIVED_NONE.finditer(text):
                obj = m.group("obj")
                if (obj and "公开" not in obj) or _NOT_APPLICATIONS.search(obj):
                    continue
                yield from _compare(para.start, m.start(), m.end(), 0, [new], "本年新收政府信息公开申请")
        if "复议" not in text and "诉讼" not in text:
            continue
        if review is not None:
            for m in _CASES["review"].finditer(text):
                yield from _compare(para.start, m.start("n"), m.end("n"), cn_to_int(m.group("n")), [review], "行政复议")
        if len(litigation) == 2 and all(litigation):
            for m in _CASES["litigation"].finditer(text):
                yield from _compare(
                    para.start, m.start("n"), m.end("n"), cn_to_int(m.group("n")), litigation, "行政诉讼", add=True
                )
        for m in _CASES_NONE.finditer(text):
            what = m.group("what")
            if "复议" in what and review is not None:
                yield from _compare(para.start, m.start(), m.end(), 0, [review], "行政复议")
            if "诉讼" in what and len(litigation) == 2 and all(litigation):
                yield from _compare(para.start, m.start(), m.end(), 0, litigation, "行政诉讼", add=True)


def _compare(
    base: int, start: int, end: int, stated: int | None, cells: list[BoundCell | None], what: str, add: bool = False
) -> Iterator[Finding]:
    """A finding if *stated* matches neither the first cell nor (unless *add*) the first + second."""
    if stated is None:
        return
    numbers = [c.cell.value.number if c is not None and c.cell.value.is_number else None for c in cells]
    if numbers[0] is None:
        return
    if add:
        if any(n is None for n in numbers):
            return
        acceptable = {sum((n for n in numbers if n is not None), Decimal(0))}
        table_value = next(iter(acceptable))
        where = "表四两组行政诉讼总计之和"
    else:
        acceptable = {numbers[0]}
        if len(numbers) > 1 and numbers[1] is not None:
            acceptable.add(numbers[0] + numbers[1])
        table_value = numbers[0]
        first = cells[0]
        where = f"表{'三' if what.startswith('本年') else '四'}“{first.row_label if first else ''}”的总计"
    if Decimal(stated) in acceptable:
        return
    first_cell = cells[0]
    assert first_cell is not None
    yield Finding(
        base + start,
        base + end,
        f"正文说{what} {stated} 件，但{where}为 {fmt(table_value)}",
        related=tuple(Related(c.cell.start, c.cell.end, f"{c.row_label} 总计") for c in cells if c is not None),
    )
