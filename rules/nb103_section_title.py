from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import SUGGESTED, WARNING, Edit, Finding, Fix, Fixable, rule


@rule("NB103", "section-title", WARNING, "部分标题既非标准标题也非公认变体，或是旧版标题", fixable=Fixable.SOMETIMES)
def section_title(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    每个部分的标题应是模板的标准标题，或公认的变体（如“概况”“行政机关主动公开政府信息情况”
    “因政府信息公开工作被申请行政复议、提起行政诉讼情况”“存在的主要问题和改进措施”）。
    以下情况报告：

    - 标题只含有关键词（能看出是哪一部分），但措辞不在标准标题和变体之列；
    - 使用 2019 年以前的旧版标题，如“依申请公开政府信息和不予公开政府信息的情况”；
    - 标题完全认不出是哪一部分（按编号与标准标题比较）。

    插件可以为本省增加公认变体（见 docs/plugins.md）。

    为什么重要
    --------
    统一的标题便于公众查阅和上级汇总；旧版标题说明套用了过时的模板。

    错误示例
    --------
    ``三、依申请公开政府信息和不予公开政府信息的情况``

    正确示例
    --------
    ``三、收到和处理政府信息公开申请情况``

    修复（建议）
    --------
    替换为标准标题。
    """
    for section in report.sections:
        spec = section.spec
        if spec is not None and section.match in ("standard", "variant"):
            continue
        if spec is None:
            number = section.written_number
            if not number or number > len(report.templates.sections):
                continue
            spec = report.templates.section(number)
            message = f"标题“{section.title}”看不出是哪一部分；第{spec.numeral}部分的标准标题是“{spec.standard}”"
        elif section.match == "obsolete":
            message = f"“{section.title}”是 2019 年以前的旧版标题，现行模板为“{spec.standard}”"
        else:
            message = f"标题“{section.title}”不是标准标题，第{spec.numeral}部分应为“{spec.standard}”"
        yield Finding(
            section.title_start,
            section.title_end,
            message,
            fix=Fix(
                f"改为“{spec.standard}”", (Edit(section.title_start, section.title_end, spec.standard),), SUGGESTED
            ),
        )
