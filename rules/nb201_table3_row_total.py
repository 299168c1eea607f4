from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, Finding, Fixable, rule
from nianbao.template import ROW_TOTAL

from ._tables import identity_findings


@rule("NB201", "table3-row-total", ERROR, "表三某行的总计不等于六类申请人之和", fixable=Fixable.SOMETIMES)
def table3_row_total(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    表三每一行的“总计”必须等于 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。
    有“法人或其他组织小计”列时，还检查小计等于五类法人或其他组织之和。

    表三的全部勾稽关系（本条、NB202 的（七）总计与小计、NB203 的一 + 二 =（七）+ 四）一起核对，
    找出最少要改几个单元格才能让所有关系都成立：一处笔误只报告那一格，不会因为它牵连的每个合计
    都各报一次。那一格是某行的总计，或者是某行中的一个数（它同时让该行总计和所在列的（七）总计
    对不上）时，由本规则报告；消息列出它牵连的每一个不成立的关系和数字。
    空白单元格按 0 计算；有“/”或文字的关系不计算（文字由 NB207 报告）。

    为什么重要
    --------
    行合计是最基本的勾稽关系，算错会被上级直接退回，发布后也容易被指出“数据失准”。

    错误示例
    --------
    ``一、本年新收政府信息公开申请数量  3  1  0  0  0  0  5``（3 + 1 = 4，不是 5）

    正确示例
    --------
    ``一、本年新收政府信息公开申请数量  3  1  0  0  0  0  4``

    修复（建议）
    --------
    只改一种方式就能让全部勾稽关系成立时，建议把错的单元格改为算出的数；改法不唯一时只指出
    可能填错的单元格，不给修复。
    """
    yield from identity_findings(report, frozenset({ROW_TOTAL}))
