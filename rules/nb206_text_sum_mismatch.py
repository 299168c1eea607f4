from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import WARNING, Finding, Related, rule

_UNIT = r"(?:条|件|篇|个|项|次|期|场)"
_COUNT = re.compile(r"(?P<n>\d+)\s*" + _UNIT)
_SENTENCE_END = re.compile(r"[。；;！!？?]")


@rule("NB206", "text-sum-mismatch", WARNING, "“共 N 条，其中 A 条、B 条……”的分项与总数不符")
def text_sum_mismatch(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    正文中“（共）N 条（件、篇），其中 A 条、B 条、C 条”这类句子，分项之和应等于总数：
    两个及以上分项时检查是否相等，只有一个分项时检查是否超过总数。总数是“其中”之前最近的一个
    计数；“其中”另起一句时取上一句。年份、月份、百分比、金额不算分项。

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
        for where in re.finditer("其中", text):
            total = _total_before(text, where.start())
            if total is None:
                continue
            stop = _SENTENCE_END.search(text, where.end())
            parts = list(_COUNT.finditer(text, where.end(), stop.start() if stop else len(text)))
            if not parts:
                continue
            n = int(total.group("n"))
            values = [int(p.group("n")) for p in parts]
            subtotal = sum(values)
            if (len(values) >= 2 and subtotal != n) or subtotal > n:
                terms = " + ".join(str(v) for v in values)
                yield Finding(
                    para.start + total.start("n"),
                    para.start + total.end("n"),
                    f"总数为 {n}，但“其中”各分项之和为 {subtotal}（{terms}）",
                    related=tuple(
                        Related(para.start + p.start("n"), para.start + p.end("n"), f"分项 {p.group('n')}")
                        for p in parts
                    ),
                    detail=f"{terms} = {subtotal} ≠ {n}",
                )


def _total_before(text: str, at: int) -> re.Match[str] | None:
    """The count that 其中 refers to: the last one before it in its sentence, or in the previous
    sentence when 其中 starts a new one (“共 773 条。其中，…”)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    start = ends[-1] if ends else 0
    if not text[start:at].strip(" ,，：:") and len(ends) > 0:
        start = ends[-2] if len(ends) > 1 else 0
    counts = list(_COUNT.finditer(text, start, at))
    return counts[-1] if counts else None
