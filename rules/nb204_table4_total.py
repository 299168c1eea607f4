from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, Finding, Fixable, rule
from nianbao.template import T4_ADDENDS, T4_GROUPS

from ._support import check_sum


@rule("NB204", "table4-total", ERROR, "表四某组的总计不等于维持、纠正、其他、尚未审结之和", fixable=Fixable.SOMETIMES)
def table4_total(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    表四分三组：行政复议；行政诉讼·未经复议直接起诉；行政诉讼·复议后起诉。每组的
    总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。有空白、“/”或文字时不计算。

    为什么重要
    --------
    复议、诉讼数字少而醒目，合计错误一眼可见。

    错误示例
    --------
    行政复议：维持 1、纠正 1、其他 0、尚未审结 0，总计填 1。

    正确示例
    --------
    行政复议：维持 1、纠正 1、其他 0、尚未审结 0，总计 2。

    修复（建议）
    --------
    把该组总计改为四项之和。
    """
    for table in report.tables_of("t4"):
        for group, _, _ in T4_GROUPS:
            yield from check_sum(
                table,
                group,
                "total",
                [(group, c) for c in T4_ADDENDS],
                what="表四“{label}”的总计",
                parts="维持、纠正、其他、尚未审结之和",
            )
