from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, Finding, Fixable, rule
from nianbao.template import BALANCE

from ._tables import identity_findings


@rule("NB203", "table3-balance", ERROR, "表三勾稽关系不成立：一 + 二 ≠（七）总计 + 四", fixable=Fixable.SOMETIMES)
def table3_balance(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    表三左上角写明的勾稽关系：第一项加第二项之和，等于第三项加第四项之和，即每一列都要满足
    一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理。

    与 NB201、NB202 一起核对（见 NB201 的说明）：错的是“本年新收”“上年结转”或“结转下年度”
    中的一格时由本规则报告；错的是（七）总计时由 NB202 报告，消息中同时写出本关系的数字。
    四个单元格中有“/”或文字时不计算。

    为什么重要
    --------
    收到的申请（本年新收加上年结转）要么本年办结，要么结转下年，不会凭空多出或消失。
    这是审核人员必查的一项。

    错误示例
    --------
    自然人列：本年新收 2 + 上年结转 0 = 2，但（七）总计 1 + 结转下年度 0 = 1，而（七）总计与
    （一）至（六）之和相符——错的是“本年新收”。

    正确示例
    --------
    本年新收 1 + 上年结转 0 = 1，（七）总计 1 + 结转下年度 0 = 1。

    修复（建议）
    --------
    改法唯一时建议改为算出的数；否则只指出可能填错的单元格，由起草人判断。
    """
    yield from identity_findings(report, frozenset({BALANCE}))
