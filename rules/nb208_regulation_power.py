from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import WARNING, Finding, rule
from nianbao.template import T2Row, may_make_rules

from ._support import fmt


@rule("NB208", "regulation-power", WARNING, "无规章制定权的机关在表二填报了规章")
def regulation_power(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    只有省级人民政府和设区的市的人民政府（以及国务院部门）有权制定规章。
    乡镇、街道、县（区）人民政府和地方政府的局、委、办在表二“规章”一行制发、废止或现行有效的件数
    应当都是 0。报告机关由标题（或落款、配置）判断。省、市人民政府办公厅（办公室）的报告
    公开的是本级政府的规章，不报告；凡名称为“××市”的人民政府都按有权处理（仅凭名称分不出设区的市
    和县级市）。

    为什么重要
    --------
    把“规范性文件”误填进“规章”一行是常见错误，说明起草人没有分清两类文件。

    错误示例
    --------
    ``柞村镇人民政府2023年……年度报告`` 的表二：``规章	2	0	2``

    正确示例
    --------
    ``规章	0	0	0`` ，镇里制发的文件填在“行政规范性文件”一行。

    修复
    --------
    无自动修复：需要把数字移到正确的行。
    """
    agency = report.facts.agency
    if agency is None or may_make_rules(agency.kind, agency.government, agency.name):
        return
    for table in report.tables_of("t2"):
        for (row, _), bound in table.cells.items():
            if row is not T2Row.RULES:
                continue
            value = bound.cell.value
            if value.is_number and value.number is not None and value.number > 0:
                yield Finding(
                    bound.cell.start,
                    bound.cell.end,
                    f"{agency.core}无权制定规章（只有省级和设区的市级人民政府可以），"
                    f"但表二“规章”一行的“{bound.column.label}”为 {fmt(value.number)}",
                )
                return
