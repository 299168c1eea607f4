from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import SAFE, WARNING, Edit, Finding, Fix, Fixable, rule


@rule("NB502", "nonstandard-label", WARNING, "表格行、列标签与模板用语不一致", fixable=Fixable.ALWAYS)
def nonstandard_label(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    统计表的行、列标签要用模板原文。以下是草稿中常见的错写（右边是模板用语）：

    - 国家机密 → 国家秘密
    - 行政执法案件 → 行政执法案卷
    - 其他法律法规禁止公开 → 其他法律行政法规禁止公开
    - 已获信息 → 已获取信息
    - 商业机构 → 商业企业
    - 本年度止件数 → 本年废止件数（2021 年模板）
    - 规范性文件 → 行政规范性文件（2021 年模板表二）

    插件可以增加本省的对照（见 docs/plugins.md）。标签中的空格、全角半角差异不算错写。

    为什么重要
    --------
    “国家秘密”“行政执法案卷”是《条例》的法定用语，写错了意思也变了；统一用语也便于汇总。

    错误示例
    --------
    ``(三)不予公开 | 1.属于国家机密 | 0 | …``

    正确示例
    --------
    ``(三)不予公开 | 1.属于国家秘密 | 0 | …``

    修复（安全）
    --------
    把错写的部分替换为模板用语，标签的其余部分（编号等）保持不变。
    """
    fallback = report.facts.required_template
    for table in report.tables:
        template = table.template or fallback
        for label in table.labels:
            alias = label.alias
            if alias is None or (template is not None and template not in alias.templates):
                continue
            if template is None and len(alias.templates) < 2:
                continue  # a version-specific alias needs to know the version
            yield Finding(
                label.start,
                label.end,
                f"“{alias.wrong}”不是模板用语，应为“{alias.right}”",
                fix=Fix(f"改为“{alias.right}”", (Edit(label.start, label.end, alias.right),), SAFE),
            )
