from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, Finding, rule
from nianbao.template import GROUP_TOTAL

from ._tables import identity_findings


@rule("NB204", "table4-total", ERROR, "表四某组的总计不等于维持、纠正、其他、尚未审结之和")
def table4_total(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    表四分三组：行政复议；行政诉讼·未经复议直接起诉；行政诉讼·复议后起诉。每组的
    总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。空白按 0 计算，有“/”或文字时不计算。

    为什么重要
    --------
    复议、诉讼数字少而醒目，合计错误一眼可见。

    错误示例
    --------
    行政复议：维持 1、纠正 1、其他 0、尚未审结 0，总计填 1。

    正确示例
    --------
    行政复议：维持 1、纠正 1、其他 0、尚未审结 0，总计 2。

    修复
    --------
    一组只有一个关系，五个数中任何一个错都能解释，所以只指出不符，不给修复（由起草人核对）。
    """
    yield from identity_findings(report, frozenset({GROUP_TOTAL}))
