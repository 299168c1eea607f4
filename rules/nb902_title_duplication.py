from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import SAFE, WARNING, Edit, Finding, Fix, Fixable, rule

_DOUBLED = re.compile(r"(?P<word>[\u4e00-\u9fff]{2,8})(?P<gap>\s*)(?P=word)")


@rule("NB902", "title-duplication", WARNING, "标题中有重复的词", fixable=Fixable.ALWAYS)
def title_duplication(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    标题中同一个词（两个字以上）紧挨着出现两次，例如“政府信息公开 公开工作年度报告”。

    为什么重要
    --------
    标题是报告最醒目的地方，重字一眼可见；多见于换行、粘贴时重复了一段。

    错误示例
    --------
    ``河东区郑旺镇2021年政府信息公开 公开工作年度报告``

    正确示例
    --------
    ``河东区郑旺镇2021年政府信息公开工作年度报告``

    修复（安全）
    --------
    删除重复的那一次（连同中间的空格）。
    """
    title = report.title
    if title is None:
        return
    for m in _DOUBLED.finditer(title.text):
        word = m.group("word")
        dup_start = title.start + m.start("gap")
        dup_end = title.start + m.end()
        yield Finding(
            title.start + m.start(),
            dup_end,
            f"标题中“{word}”重复出现",
            fix=Fix(f"删除重复的“{word}”", (Edit(dup_start, dup_end, ""),), SAFE),
        )
