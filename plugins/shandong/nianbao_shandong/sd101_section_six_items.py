from __future__ import annotations

from collections.abc import Iterator

from nianbao.api import SUGGESTED, WARNING, Edit, Finding, Fix, Fixable, Report, Section, int_to_cn, normalize, rule

from .items import FIRST_YEAR
from .province import is_shandong

_HEADING_LENGTH = 40


@rule("SD101", "section-six-items", WARNING, "第六部分没有逐项报告山东省要求的事项", fixable=Fixable.SOMETIMES)
def section_six_items(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    山东省要求 2021 年度起的年度报告在“六、其他需要报告的事项”中逐项报告：
    信息处理费收费情况、落实上级年度政务公开工作要点情况、人大代表建议和政协提案办理结果公开情况、
    政务公开工作创新情况、年度报告数据统计需要说明的事项、其他需要报告的事项。
    每一项应有自己的小标题（如“（三）人大代表建议和政协提案办理结果公开情况”），措辞可以略有不同。

    只检查山东省机关的报告：配置 ``province = "山东"`` 时，或者（没有配置 ``province`` 时）本报告机关
    （配置的 ``agency``、标题或落款中的机关）的名称中写有山东省、省内 16 个设区的市或其所属县（市、区）
    之一。机关名称没有写地名（如“青山镇人民政府”）的报告，请在配置中写明 ``province``。

    为什么重要
    --------
    省政府办公厅按这六项汇总各地情况；缺项的报告会被退回补充。没有相关情况的也要写明“无”。

    错误示例
    --------
    ::

        六、其他需要报告的事项
        本年度未收取信息处理费。

    正确示例
    --------
    ::

        六、其他需要报告的事项
        （一）信息处理费收费情况
        本年度未收取信息处理费。
        （二）落实上级年度政务公开工作要点情况
        ……（共六项）

    修复（建议）
    --------
    按顺序插入缺少的小标题（内容需要起草人补写，插入后请核对编号）。
    """
    required = report.templates.section_items.get(6, ())
    year = report.facts.report_year
    section = report.section(6)
    if not required or section is None or year is None or year < FIRST_YEAR or not is_shandong(report):
        return
    present = [_found(section, cores) for _, cores in required]
    missing = [i for i, at in enumerate(present) if at is None]
    if not missing:
        return
    inserts: dict[int, list[str]] = {}
    for i in missing:
        following = next((present[j] for j in range(i + 1, len(required)) if present[j] is not None), None)
        at = following if following is not None else section.end
        inserts.setdefault(at, []).append(f"（{int_to_cn(i + 1)}）{required[i][0]}\n\n")
    edits = []
    for at, texts in sorted(inserts.items()):
        lead = "" if at == 0 or report.text[at - 1] in "\r\n" else "\n"
        edits.append(Edit(at, at, lead + "".join(texts)))
    names = "、".join(required[i][0] for i in missing)
    yield Finding(
        section.title_start,
        section.title_end,
        f"第六部分没有逐项报告山东省要求的 {len(missing)} 项：{names}",
        fix=Fix(f"插入缺少的 {len(missing)} 个小标题", tuple(edits), SUGGESTED),
    )


def _found(section: Section, cores: tuple[str, ...]) -> int | None:
    """Where the item with these identifying phrases starts in the section, or None."""
    for item in section.items:
        if any(core in normalize(item.title) for core in cores):
            return item.start
    for para in section.paragraphs:  # an unnumbered heading line: short, not a sentence
        text = para.text.rstrip()
        if len(text) <= _HEADING_LENGTH and not text.endswith("。") and any(core in normalize(text) for core in cores):
            return para.start
    return None
