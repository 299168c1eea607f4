from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import SUGGESTED, WARNING, Edit, Finding, Fix, Fixable, rule
from nianbao.template import SELF_REFERENCE_WORDS, SELF_REFERENCE_WRONG

_SELF = re.compile("我(" + "|".join(sorted(SELF_REFERENCE_WORDS, key=len, reverse=True)) + ")")
# 我市场…, 我区域…, 我县域…, 我省级…: the character after the match makes it another word.
_WORD_CONTINUES = "场域级委内外"


@rule("NB403", "self-reference", WARNING, "自称（我县、我镇……）与报告机关不符", fixable=Fixable.SOMETIMES)
def self_reference(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    正文中的自称要与报告机关一致：镇的报告说“我镇”，乡说“我乡”，街道说“我街道”，县政府说“我县”，
    局说“我局”。镇的报告里出现“我县”“我区”，局的报告里出现“我镇”，就是自称不符。
    “我单位”“我机关”“本机关”任何机关都可以用；“我区、镇重点工作”这样连用本级的写法不报告。

    为什么重要
    --------
    自称不符几乎总是从上级或别的单位的报告里复制过来的，读者会困惑到底是谁的报告。

    错误示例
    --------
    柞村镇的报告：“我县高度重视政府信息公开工作。”

    正确示例
    --------
    “我镇高度重视政府信息公开工作。”

    修复（建议）
    --------
    改为与报告机关相符的自称。
    """
    agency = report.facts.agency
    if agency is None or agency.kind not in SELF_REFERENCE_WRONG:
        return
    wrong = SELF_REFERENCE_WRONG[agency.kind]
    own = "我" + agency.kind
    for para in report.paragraphs:
        text = para.text
        if "我" not in text:
            continue
        for m in _SELF.finditer(text):
            word = m.group(1)
            after = text[m.end() : m.end() + 1 + len(agency.kind)]
            if word not in wrong or after[:1] in _WORD_CONTINUES:
                continue
            if after.startswith("、") and after[1:] == agency.kind:
                continue  # 我区、镇：the district and the town together
            start, end = para.start + m.start(), para.start + m.end()
            yield Finding(
                start,
                end,
                f"自称“{m.group()}”与报告机关“{agency.name}”（{agency.kind}）不符，应为“{own}”",
                fix=Fix(f"改为“{own}”", (Edit(start, end, own),), SUGGESTED),
            )
