from __future__ import annotations

import re
from typing import Iterator

from nianbao.model import Report
from nianbao.rule import WARNING, Finding, Related, rule

_UNIT = r"(?:条|件|篇|个|项|次|期|场)"
_TOTAL = re.compile(r"共(?:计|累计)?[^。；;，,0-9]{0,20}?(?P<n>\d+)\s*" + _UNIT)
_PART = re.compile(r"(?P<n>\d+)\s*" + _UNIT)
_SENTENCE_END = re.compile(r"[。；;！!？?]")
_WHEREOF = re.compile(r"^[，,：:]?\s*其中")


@rule("NB206", "text-sum-mismatch", WARNING, "“共 N 条，其中 A 条、B 条……”的分项与总数不符")
def text_sum_mismatch(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    正文中“共 N 条（件、篇），其中 A 条、B 条、C 条”这类句子，分项之和应等于总数：
    两个及以上分项时检查是否相等，只有一个分项时检查是否超过总数。
    紧接着的下一句以“其中”开头时也算。年份、月份、百分比、金额不算分项。

    为什么重要
    --------
    分项加不上总数，读者会怀疑所有数字；这类笔误在汇总时很容易出现。

    错误示例
    --------
    ``全年主动公开政府信息 773 条，其中政府网站 122 条、微信公众号 411 条、政务微博 250 条。``
    （122 + 411 + 250 = 783）

    正确示例
    --------
    ``全年主动公开政府信息 773 条，其中政府网站 122 条、微信公众号 411 条、政务微博 240 条。``

    修复
    --------
    无自动修复：需要核实是总数错了还是分项错了。
    """
    for para in report.paragraphs:
        text = para.folded
        for m in _TOTAL.finditer(text):
            rest_start = m.end()
            stop = _SENTENCE_END.search(text, rest_start)
            sentence_end = stop.start() if stop else len(text)
            rest = text[rest_start:sentence_end]
            if "其中" not in rest and stop and _WHEREOF.match(text[stop.end():]):
                nxt = _SENTENCE_END.search(text, stop.end())
                rest_start = stop.end()
                rest = text[rest_start : nxt.start() if nxt else len(text)]
            where = rest.find("其中")
            if where < 0:
                continue
            parts = [p for p in _PART.finditer(rest, where) if "共" not in rest[where : p.start()]]
            if not parts:
                continue
            total = int(m.group("n"))
            values = [int(p.group("n")) for p in parts]
            subtotal = sum(values)
            if (len(values) >= 2 and subtotal != total) or subtotal > total:
                terms = " + ".join(str(v) for v in values)
                yield Finding(
                    para.start + m.start("n"), para.start + m.end("n"),
                    f"总数为 {total}，但“其中”各分项之和为 {subtotal}（{terms}）",
                    related=tuple(
                        Related(para.start + rest_start + p.start("n"), para.start + rest_start + p.end("n"), f"分项 {p.group('n')}")
                        for p in parts
                    ),
                    detail=f"{terms} = {subtotal} ≠ {total}",
                )
