from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.lazyre import lazy
from nianbao.model import Report
from nianbao.ruledef import SAFE, WARNING, Edit, Finding, Fix, Fixable, rule
from nianbao.textutil import ARTIFACT_MARKS, ARTIFACT_PATTERN

_ARTIFACT = lazy(ARTIFACT_PATTERN)
_BOLD = re.compile(r"\*\*(?=\S)(?P<body>[^*\n]+?)(?<=\S)\*\*")


@rule("NB901", "conversion-artifact", WARNING, "格式转换留下的痕迹", fixable=Fixable.ALWAYS)
def conversion_artifact(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    从 Word、PDF 或网页转换时留下、不属于报告内容的痕迹：

    - Word 书签标记 ``[bookmark: _GoBack]``；
    - 域代码残留，如 ``{ PAGE }``、``HYPERLINK "…"``、``\\* MERGEFORMAT``；
    - 纯文本草稿中的 Markdown 加粗标记 ``**……**``（Markdown 草稿中是正常格式，不报告）。

    为什么重要
    --------
    这些字符会原样出现在发布的报告里，显得粗糙；在表格里还会让数字无法识别。

    错误示例
    --------
    ``规章	0	0	[bookmark: _GoBack]0`` ；``1、**强化组织管理。**郑旺镇……``

    正确示例
    --------
    ``规章	0	0	0`` ；``1、强化组织管理。郑旺镇……``

    修复（安全）
    --------
    删除这些痕迹，文字本身保持不变。
    """
    text = report.masked
    # Most drafts have no leftovers: a substring test is cheaper than a regex scan of the whole text.
    if any(mark in text for mark in ARTIFACT_MARKS):
        yield from _artifacts(text)
    if report.form == "markdown" or "**" not in text:
        return
    for m in _BOLD.finditer(text):
        s, e = m.start(), m.end()
        yield Finding(
            s,
            e,
            "纯文本草稿中残留 Markdown 加粗标记“**”",
            fix=Fix("删除“**”标记", (Edit(s, s + 2, ""), Edit(e - 2, e, "")), SAFE),
        )


def _artifacts(text: str) -> Iterator[Finding]:
    for m in _ARTIFACT.finditer(text):
        yield Finding(
            m.start(),
            m.end(),
            f"格式转换残留“{m.group()}”",
            fix=Fix("删除转换残留", (Edit(m.start(), m.end(), ""),), SAFE),
        )
