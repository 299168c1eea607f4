from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from nianbao.lazyre import lazy
from nianbao.model import Report
from nianbao.ruledef import WARNING, Finding, rule

_RATE = lazy(
    r"(?P<rate>[\u4e00-\u9fff]{0,6}率)[^。；;，,\d]{0,6}?(?P<num>\d+(?:\.\d+)?)\s*%\s*(?P<above>以上|之上|多)?"
)
_GROWTH = ("增长率", "增幅", "涨幅", "增速", "提升率", "上升率")


@rule("NB903", "impossible-percentage", WARNING, "比率超过 100%")
def impossible_percentage(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    办复率、满意率、公开率、电子化率这类“……率”不可能超过 100%：写成 120%，
    或写成“100%以上”，都报告。增长率、增幅不受此限，不报告。

    为什么重要
    --------
    不可能的比率会让读者怀疑报告中所有数字的可靠性。

    错误示例
    --------
    ``做到镇政府信箱按时办复率达100%以上``

    正确示例
    --------
    ``做到镇政府信箱按时办复率达100%``

    修复
    --------
    无自动修复：需要核实实际比率。
    """
    for para in report.paragraphs:
        if "%" not in para.folded:
            continue
        for m in _RATE.finditer(para.folded):
            if m.group("rate").endswith(_GROWTH):
                continue
            value = Decimal(m.group("num"))
            if value > 100 or (value == 100 and m.group("above")):
                end = m.end("above") if m.group("above") else m.end()
                yield Finding(
                    para.start + m.start("num"),
                    para.start + end,
                    f"“{m.group('rate')}”为 {para.text[m.start('num') : end].strip()}，比率不可能超过 100%",
                )
