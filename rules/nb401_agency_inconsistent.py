from __future__ import annotations

from collections.abc import Iterator

from nianbao.facts import same_agency
from nianbao.model import Report
from nianbao.ruledef import ERROR, SUGGESTED, Edit, Finding, Fix, Fixable, Related, rule

_WHERE = {"config": "配置（agency）", "title": "标题", "signature": "落款"}


@rule("NB401", "agency-inconsistent", ERROR, "标题、落款中的机关名称不一致", fixable=Fixable.SOMETIMES)
def agency_inconsistent(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    报告机关在标题和落款中必须是同一个机关（配置了 ``agency`` 时以配置为准）。允许常见的简称：
    ``莱州市柞村镇人民政府`` ≈ ``柞村镇人民政府`` ≈ ``柞村镇政府`` ≈ ``柞村镇``。

    为什么重要
    --------
    标题写一个机关、落款写另一个，通常是复制别的单位报告后没有改全。

    错误示例
    --------
    标题 ``柞村镇人民政府2023年……年度报告``，落款 ``朱桥镇人民政府``。

    正确示例
    --------
    标题 ``莱州市柞村镇人民政府2023年……年度报告``，落款 ``柞村镇人民政府``。

    修复（建议）
    --------
    把落款中的机关名称改为标题中的名称。
    """
    reference = report.facts.agency
    if reference is None or reference.source not in ("config", "title"):
        return
    places: list[tuple[str, str, int, int]] = []
    t = report.title
    if t and t.agency and reference.source != "title":
        places.append(("title", t.agency, t.agency_start, t.agency_end))
    s = report.signature
    if s and s.agency:
        places.append(("signature", s.agency, s.agency_start, s.agency_end))
    for where, name, start, end in places:
        if same_agency(reference.name, name):
            continue
        related: tuple[Related, ...] = ()
        if reference.source == "title":
            related = (Related(reference.start, reference.end, f"标题中的机关：{reference.name}"),)
        yield Finding(
            start,
            end,
            f"{_WHERE[where]}中的机关“{name}”与{_WHERE[reference.source]}中的“{reference.name}”不一致",
            fix=Fix(f"改为“{reference.name}”", (Edit(start, end, reference.name),), SUGGESTED),
            related=related,
        )
