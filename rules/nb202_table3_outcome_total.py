from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, Finding, Fixable, rule
from nianbao.template import GROUP_SUBTOTAL, OUTCOME_TOTAL

from ._tables import identity_findings


@rule("NB202", "table3-outcome-total", ERROR, "表三（七）总计不等于（一）至（六）之和", fixable=Fixable.SOMETIMES)
def table3_outcome_total(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    表三每一列（自然人、五类法人或其他组织、总计）都必须满足：
    （七）总计 = （一）予以公开 + （二）部分公开 + （三）不予公开 1–8 项 + （四）无法提供 1–3 项
    + （五）不予处理 1–5 项 + （六）其他处理（2021 年模板为 1–3 项）。
    表中另有（三）至（六）的小计行时，也检查小计等于各项之和。

    与 NB201、NB203 一起核对（见 NB201 的说明）：找出让全部勾稽关系成立所需改动最少的单元格。
    错的是（七）总计或某个小计时由本规则报告，消息同时列出它牵连的其他关系
    （例如一 + 二 =（七）+ 四）。缺行时不计算（由 NB106 报告）。

    为什么重要
    --------
    （七）总计是本年度办理结果的合计，是表三勾稽关系的中心；错一个数，整张表都对不上。

    错误示例
    --------
    自然人一列：（一）予以公开 1，其余各项为 0，但（七）总计填了 0（一 + 二 = 1，结转下年度 0）。

    正确示例
    --------
    自然人一列：（一）予以公开 1，其余各项为 0，（七）总计为 1。

    修复（建议）
    --------
    改法唯一时，建议把（七）总计（及同一处错误牵连的单元格）改为算出的数，改后全部关系成立。
    """
    yield from identity_findings(report, frozenset({OUTCOME_TOTAL, GROUP_SUBTOTAL}))
