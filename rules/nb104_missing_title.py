from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, Finding, rule
from nianbao.template import REPORT_TITLE_SUFFIX


@rule("NB104", "missing-title", ERROR, "开头没有报告标题")
def missing_title(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    报告开头（“附件 1”之类的行之后、第一部分之前的前几行）应有一行标题，形如
    ``××镇人民政府2023年政府信息公开工作年度报告``。

    为什么重要
    --------
    标题写明发布机关和年度，是公众检索和上级汇总的依据。从网页或 PDF 复制时标题常被漏掉。

    错误示例
    --------
    草稿第一行直接是正文：“今年以来，我镇的政务公开工作……”

    正确示例
    --------
    ::

        温泉镇人民政府2020年政府信息公开工作年度报告

        今年以来，我镇的政务公开工作……

    修复
    --------
    无自动修复：标题中的机关名称和年度需要人工确认。
    """
    if report.title is not None:
        return
    index = report.source.index
    for line in range(index.line_count):
        start, end = index.line_bounds(line)
        if report.masked[start:end].strip():
            yield Finding(start, start, f"开头没有报告标题（应形如“××镇人民政府2023年{REPORT_TITLE_SUFFIX}”）")
            return
