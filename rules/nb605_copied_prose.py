from __future__ import annotations

from collections.abc import Iterator

from nianbao.digest import ReportDigest
from nianbao.ruledef import WARNING, Finding, Related, year_rule
from nianbao.template import PROBLEMS_SECTION, SECTIONS

from ._years import last_year, there

DEFAULT_THRESHOLD = 0.5  # `copied-prose-threshold` in nianbao.toml
SETTING = "copied-prose-threshold"
_SHOWN = 5  # identical sentences named as related places


@year_rule("NB605", "copied-prose", WARNING, "第五部分“存在的主要问题及改进情况”大段沿用上年报告")
def copied_prose(current: ReportDigest, previous: ReportDigest) -> Iterator[Finding]:
    """检查内容
    --------
    把第五部分“存在的主要问题及改进情况”的每一句（以句号、问号、感叹号或分号断开，不计很短的句子）
    与同一机关上一年度报告的第五部分比对：年份和数字不计，文字相同即算沿用。沿用的句子所占比例
    超过阈值（默认 50%，在 ``nianbao.toml`` 中用 ``copied-prose-threshold = 0.6`` 调整，
    也可以在 ``[[overrides]]`` 中按文件设置）时报告，写明比例和句数。

    为什么重要
    --------
    “问题与改进”年年照抄，是第三方评估最常批评的问题之一：去年说要改进的，今年应当写改进了什么、
    还存在什么新问题。只改了年份和数字的句子，同样是照抄。

    错误示例
    --------
    2023 年度报告第五部分：“一是政策解读形式较为单一；二是答复规范性有待提高。下一步，我镇将……”，
    与 2022 年度报告第五部分逐句相同。

    正确示例
    --------
    写明上年提出的问题改进得怎样、本年度新发现的问题和下一步的具体措施。
    """
    this, last = current.section(PROBLEMS_SECTION), previous.section(PROBLEMS_SECTION)
    if this is None or last is None or not this.sentences:
        return
    before = {s.fingerprint for s in last.sentences}
    same = [s for s in this.sentences if s.fingerprint in before]
    share = len(same) / len(this.sentences)
    threshold = current.overrides.get(SETTING, DEFAULT_THRESHOLD)
    if share <= threshold:
        return
    title = SECTIONS[PROBLEMS_SECTION - 1].standard
    yield Finding(
        this.start,
        this.end,
        f"第五部分“{title}”有 {share:.0%}（{len(same)}/{len(this.sentences)} 句）与{last_year(previous)}的第五部分"
        f"相同（年份和数字不计），超过 {threshold:.0%}：问题和改进应写本年度的实际情况",
        related=(
            there(previous, last.start, last.end, f"{last_year(previous)}的第五部分"),
            *(Related(s.start, s.end, "与上年相同的句子") for s in same[:_SHOWN]),
        ),
        detail=f"第五部分：{len(same)}/{len(this.sentences)} 句与上年相同（{share:.0%}），阈值 {threshold:.0%}",
    )
