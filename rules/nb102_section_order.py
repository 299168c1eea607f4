from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Section
from nianbao.ruledef import ERROR, SUGGESTED, Edit, Finding, Fix, Fixable, Related, rule
from nianbao.textutil import int_to_cn


@rule("NB102", "section-order", ERROR, "部分编号顺序错误、跳号或重复", fixable=Fixable.SOMETIMES)
def section_order(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    六个部分的编号必须是一、二、三、四、五、六，与标题对应。检查三种情况：

    - 标题能认出是第 N 部分，但编号不是 N（例如“存在的主要问题”写成了“六、”）；
    - 编号跳号（三 → 五）或重复（两个“三、”）；
    - 部分的先后顺序与模板不一致。

    为什么重要
    --------
    编号错乱往往意味着漏写或多写了部分，审核人员会按模板逐项核对。

    错误示例
    --------
    ::

        三、收到和处理政府信息公开申请情况
        六、存在的主要问题和改进措施

    正确示例
    --------
    ::

        三、收到和处理政府信息公开申请情况
        四、政府信息公开行政复议、行政诉讼情况
        五、存在的主要问题和改进措施

    修复（建议）
    --------
    把编号改为该部分在模板中的编号。
    """
    previous: tuple[int | None, Section] | None = None
    seen: dict[int, Section] = {}
    for section in report.sections:
        written = section.written_number
        identity = section.number
        if section.spec and written != section.spec.number:
            expected = int_to_cn(section.spec.number)
            yield Finding(
                section.numeral_start,
                section.numeral_end,
                f"“{section.title}”是第{expected}部分，编号应为“{expected}”，而不是“{section.numeral}”",
                fix=Fix(
                    f"把编号改为“{expected}”", (Edit(section.numeral_start, section.numeral_end, expected),), SUGGESTED
                ),
            )
        elif identity is not None and identity in seen:
            other = seen[identity]
            yield Finding(
                section.numeral_start,
                section.numeral_end,
                f"编号“{section.numeral}”重复：前面已经有第{section.numeral}部分",
                related=(Related(other.start, other.heading_end, "前面的同号部分"),),
            )
        elif previous is not None and identity is not None and previous[0] is not None and identity < previous[0]:
            yield Finding(
                section.numeral_start,
                section.numeral_end,
                f"第{section.numeral}部分出现在第{previous[1].numeral}部分之后，顺序与模板不一致",
                related=(Related(previous[1].start, previous[1].heading_end, "前一部分"),),
            )
        elif (
            section.spec is None
            and previous is not None
            and previous[0] is not None
            and identity is not None
            and identity > previous[0] + 1
        ):
            expected = int_to_cn(previous[0] + 1)
            yield Finding(
                section.numeral_start,
                section.numeral_end,
                f"编号从“{previous[1].numeral}”跳到了“{section.numeral}”",
                fix=Fix(
                    f"把编号改为“{expected}”", (Edit(section.numeral_start, section.numeral_end, expected),), SUGGESTED
                ),
            )
        if identity is not None:
            seen.setdefault(identity, section)
        previous = (identity, section)
