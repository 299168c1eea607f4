"""Shandong's additions to the template, as data (the rule reads them from report.templates)."""

from __future__ import annotations

# Section titles Shandong drafts use, accepted in addition to the national ones.
SECTION_TITLES: dict[int, tuple[str, ...]] = {
    2: ("行政机关主动公开政府信息情况",),
    3: ("行政机关收到和处理政府信息公开申请情况",),
    4: ("因政府信息公开工作被申请行政复议、提起行政诉讼情况",),
}

# Items section 六 must report from 2021 on, in order: (standard label, phrases that identify it).
SECTION_SIX_ITEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("信息处理费收费情况", ("信息处理费",)),
    ("落实上级年度政务公开工作要点情况", ("工作要点",)),
    ("人大代表建议和政协提案办理结果公开情况", ("人大代表建议", "政协提案", "建议提案")),
    ("政务公开工作创新情况", ("创新",)),
    ("年度报告数据统计需要说明的事项", ("数据统计",)),
    ("其他需要报告的事项", ("其他需要报告", "需要报告的其他", "其他事项")),
)
FIRST_YEAR = 2021
