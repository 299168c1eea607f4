"""Every rule, both ways: a draft that must trigger it and a near-miss that must not.

Drafts come from nianbao.testing.drafts (a correct report in every surface form); each case introduces
one defect (or one tricky-but-correct construction) with a string replacement.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from nianbao.ruledef import SAFE, SUGGESTED
from nianbao.testing.drafts import FORMS, SUFFIX, Draft, clean, render

from .conftest import codes, lint

CLEAN = clean("tab")
CLEAN_2019 = clean("tab", 2020)


def replace(old: str, new: str, text: str = CLEAN, count: int = 1) -> str:
    assert old in text, f"fixture text not found: {old!r}"
    return text.replace(old, new, count)


def cut(start: str, end: str, text: str = CLEAN) -> str:
    """Remove text from *start* (inclusive) to *end* (exclusive)."""
    i, j = text.index(start), text.index(end)
    return text[:i] + text[j:]


def t3_row(label: str, text: str = CLEAN) -> str:
    return next(line for line in text.splitlines() if label in line and "\t" in line)


def set_row_values(label: str, values: list[str], text: str = CLEAN) -> str:
    line = t3_row(label, text)
    cells = line.split("\t")
    cells[-len(values) :] = values
    return text.replace(line, "\t".join(cells))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("year", [2023, 2020])
def test_clean_drafts_have_no_findings(form: str, year: int) -> None:
    result = lint(clean(form, year), "draft" + SUFFIX[form])
    assert [(f.code, f.message) for f in result.findings] == []


# Each case: (code, draft) that must produce the code; the message must contain `expect`.
FAILING: list[tuple[str, Callable[[], str], str]] = [
    ("NB101", lambda: cut("四、政府信息公开行政复议", "五、存在的主要问题"), "缺少第四部分"),
    ("NB101", lambda: cut("六、其他需要报告的事项", "青禾县云溪镇人民政府\n\n2024"), "缺少第六部分"),
    ("NB102", lambda: replace("六、其他需要报告的事项", "七、其他需要报告的事项"), "编号应为“六”"),
    ("NB102", lambda: replace("五、存在的主要问题及改进情况", "三、存在的主要问题及改进情况"), "编号应为“五”"),
    ("NB103", lambda: replace("三、收到和处理政府信息公开申请情况", "三、依申请公开政府信息情况"), "旧版标题"),
    ("NB103", lambda: replace("二、主动公开政府信息情况", "二、主动公开信息的工作开展情况"), "不是标准标题"),
    ("NB104", lambda: replace("青禾县云溪镇人民政府2023年政府信息公开工作年度报告\n\n", ""), "没有报告标题"),
    ("NB105", lambda: cut("行政复议\t\t\t\t\t行政诉讼", "五、存在的主要问题"), "没有表四"),
    ("NB106", lambda: cut(t3_row("（五）不予处理"), "四、政府信息公开行政复议"), "缺少"),
    (
        "NB106",
        lambda: replace("\t".join(["1", "0", "0", "0", "1"] + ["0"] * 10), "\t".join(["0"] * 10)),
        "只有 10 个数",
    ),
    ("NB201", lambda: set_row_values("一、本年新收", ["5"]), "“一、本年新收”一行的总计为 5，按勾稽关系应为 4"),
    (
        "NB202",
        lambda: set_row_values("（七）总计", ["2", "1", "0", "0", "0", "0", "3"]),
        "（七）总计（自然人列）为 2，按勾稽关系应为 3",
    ),
    (
        "NB203",
        lambda: set_row_values("四、结转下年度继续办理", ["2", "0", "0", "0", "0", "0", "2"]),
        "自然人列 一、本年新收 3 + 二、上年结转 1 = 4，而（七）总计 3 + 四、结转下年度 2 = 5",
    ),
    (
        "NB204",
        lambda: replace("\t".join(["1", "0", "0", "0", "1"]), "\t".join(["1", "0", "0", "0", "2"])),
        "表四“行政复议”的总计 2 ≠ 维持、纠正、其他、尚未审结之和 1",
    ),
    (
        "NB205",
        lambda: replace("共收到政府信息公开申请 4 件", "共收到政府信息公开申请 6 件"),
        "正文说本年新收政府信息公开申请 6 件",
    ),
    ("NB205", lambda: replace("被申请行政复议 1 件", "被申请行政复议 3 件"), "正文说行政复议 3 件"),
    ("NB205", lambda: replace("未发生行政诉讼", "发生行政诉讼 2 件"), "行政诉讼 2 件"),
    ("NB206", lambda: replace("县政府门户网站公开 80 条", "县政府门户网站公开 90 条"), "各分项之和为 130"),
    ("NB207", lambda: replace("行政许可\t12", "行政许可\t"), "表二有 1 个空白单元格（“行政许可”的本年处理决定数量）"),
    ("NB207", lambda: replace("行政许可\t12", "行政许可\t无"), "不是数字"),
    ("NB207", lambda: replace("行政许可\t12", "行政许可\t12件"), "不要带单位"),
    ("NB207", lambda: replace("行政许可\t12", "行政许可\t-12"), "不能为负数"),
    ("NB207", lambda: replace("行政事业性收费\t0", "行政事业性收费\t3元"), "单位应为万元"),
    ("NB208", lambda: replace("规章\t0\t0\t0", "规章\t1\t0\t1"), "无权制定规章"),
    ("NB301", lambda: replace("人民政府2023年政府信息公开", "人民政府2022年政府信息公开"), "标题年份为 2022"),
    ("NB302", lambda: replace("人民政府2023年政府信息公开", "人民政府政府信息公开"), "标题没有年份"),
    (
        "NB303",
        lambda: replace("自2023年1月1日起至2023年12月31日止", "自2022年1月1日起至2022年12月31日止"),
        "报告年度是 2023 年",
    ),
    ("NB303", lambda: replace("至2023年12月31日止", "至2023年11月30日止"), "不是完整的自然年"),
    ("NB304", lambda: replace("2024年1月18日", "2024年2月20日"), "晚于年度报告的法定发布期限"),
    ("NB304", lambda: replace("2024年1月18日", "2023年12月20日"), "早于 2023 年度结束"),
    (
        "NB401",
        lambda: replace("\n\n青禾县云溪镇人民政府\n\n2024", "\n\n青禾县石桥镇人民政府\n\n2024"),
        "落款中的机关“青禾县石桥镇人民政府”",
    ),
    (
        "NB402",
        lambda: replace("镇党委将政务公开纳入年度考核", "石桥镇党委将政务公开纳入年度考核"),
        "正文把“石桥镇”写成了工作主体",
    ),
    ("NB403", lambda: replace("下一步，我镇将", "下一步，我县将"), "自称“我县”"),
    ("NB404", lambda: replace("\n\n青禾县云溪镇人民政府\n\n2024年1月18日\n", "\n"), "没有落款"),
    ("NB404", lambda: replace("\n\n2024年1月18日\n", "\n"), "缺少日期"),
    (
        "NB501",
        lambda: CLEAN_2019.replace("2020", "2023").replace("2021年1月20日", "2024年1月18日"),
        "应使用 2021 年模板",
    ),
    ("NB502", lambda: replace("1.属于国家秘密", "1.属于国家机密"), "“国家机密”不是模板用语"),
    ("NB502", lambda: replace("\t商业企业\t", "\t商业机构\t"), "“商业机构”"),
    ("NB502", lambda: replace("本年废止件数", "本年度止件数"), "“本年度止件数”"),
    ("NB502", lambda: replace("\n行政规范性文件\t", "\n规范性文件\t"), "应为“行政规范性文件”"),
    ("NB503", lambda: replace("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》"), "法规名称"),
    ("NB503", lambda: replace("《中华人民共和国政府信息公开条例》", "《政府公开信息条例》"), "法规名称"),
    ("NB503", lambda: replace("《中华人民共和国政府信息公开条例》", "《政府信息公开条例》"), "没有写出《条例》的全称"),
    ("NB901", lambda: replace("行政许可\t12", "行政许可\t[bookmark: _GoBack]12"), "[bookmark: _GoBack]"),
    ("NB901", lambda: replace("规范信息发布审核流程", "**规范信息发布审核流程。**"), "加粗标记"),
    ("NB902", lambda: replace("政府信息公开工作年度报告", "政府信息公开 公开工作年度报告"), "“公开”重复"),
    ("NB903", lambda: replace("提升答复质量。", "提升答复质量，确保按时办复率达100%以上。"), "比率不可能超过 100%"),
    ("NB903", lambda: replace("提升答复质量。", "群众满意率为120%。"), "满意率"),
]


@pytest.mark.parametrize(("code", "draft", "expect"), FAILING, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(FAILING)])
def test_rule_fires(code: str, draft: Callable[[], str], expect: str) -> None:
    findings = [f for f in lint(draft()).findings if f.code == code]
    assert findings, f"{code} did not fire"
    assert any(expect in f.message for f in findings), [f.message for f in findings]


# Near-misses: correct (or tolerated) constructions that must not produce the code.
NEAR_MISSES: list[tuple[str, Callable[[], str]]] = [
    ("NB101", lambda: replace("四、政府信息公开行政复议、行政诉讼情况", "五、政府信息公开行政复议、行政诉讼情况")),
    (
        "NB102",
        lambda: replace(
            "四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
        ),
    ),
    ("NB103", lambda: replace("二、主动公开政府信息情况", "二、行政机关主动公开政府信息情况")),
    ("NB103", lambda: replace("一、总体情况", "一、概况")),
    ("NB103", lambda: replace("五、存在的主要问题及改进情况", "五、存在的主要问题和改进措施")),
    ("NB104", lambda: "附件 1\n\n" + CLEAN),
    ("NB104", lambda: replace("青禾县云溪镇人民政府2023年政府信息公开", "青禾县云溪镇人民政府\n2023年政府信息公开")),
    ("NB105", lambda: CLEAN),
    ("NB106", lambda: replace("行政强制\t0", "行政强制\t0\n其他主动公开文件\t3")),
    ("NB201", lambda: set_row_values("二、上年结转", ["1", "/", "0", "0", "0", "0", "1"])),
    ("NB202", lambda: CLEAN),
    ("NB203", lambda: CLEAN),
    ("NB204", lambda: replace("\t".join(["1", "0", "0", "0", "1"]), "\t".join(["1", "/", "0", "0", "1"]))),
    ("NB205", lambda: replace("共收到政府信息公开申请 4 件", "共收到政府信息公开申请 5 件")),
    ("NB205", lambda: replace("本年度未承办人大代表建议和政协提案。", "本年度收到政协委员提案申请 7 件。")),
    ("NB205", lambda: replace("本年度未收取信息处理费。", "未收到不予公开政府信息申请。")),
    ("NB206", lambda: replace("、通过“云溪发布”微信公众号公开 40 条", "")),
    ("NB206", lambda: replace("全年主动公开", "2023年全年共主动公开")),
    ("NB207", lambda: replace("行政许可\t12", "行政许可\t/")),
    ("NB207", lambda: CLEAN_2019),  # -1 in 本年增/减 and 3.6万元 in 采购总金额 are allowed
    ("NB208", lambda: render(Draft(agency="青禾市人民政府", name="青禾市")).replace("规章\t0\t0\t0", "规章\t1\t0\t1")),
    (
        "NB301",
        lambda: replace(
            "推进决策、执行、管理、服务、结果公开。",
            "推进决策、执行、管理、服务、结果公开。及时公开了2022年财政预算执行情况，相比2022年公开数量增加。2024年，我们将继续努力。",
        ),
    ),
    ("NB302", lambda: CLEAN),
    ("NB303", lambda: replace("统计期限自2023年1月1日起至2023年12月31日止", "统计时限为2023年1月1日至2023年12月31日")),
    (
        "NB304",
        lambda: render(Draft(agency="青禾县人民政府", name="青禾县", signed="2024年3月20日")).replace("我镇", "我县"),
    ),
    ("NB401", lambda: replace("\n\n青禾县云溪镇人民政府\n\n2024", "\n\n云溪镇政府\n\n2024")),
    (
        "NB402",
        lambda: replace(
            "镇党委将政务公开纳入年度考核",
            "与石桥镇、东岭镇开展交流，区政府和县人民政府门户网站给予指导，镇党委将政务公开纳入年度考核",
        ),
    ),
    ("NB402", lambda: replace("镇党委将政务公开纳入年度考核", "做到镇政府信箱及时回复，镇党委将政务公开纳入年度考核")),
    ("NB403", lambda: replace("下一步，我镇将", "下一步，我单位将结合我区、镇实际")),
    ("NB404", lambda: replace("青禾县云溪镇人民政府\n\n2024年1月18日", "青禾县云溪镇人民政府 2024年1月18日")),
    ("NB501", lambda: CLEAN_2019),
    ("NB502", lambda: CLEAN_2019),  # 规范性文件 is the 2019 label
    ("NB502", lambda: replace("1.属于国家秘密", "1.属于国 家 秘 密")),
    ("NB503", lambda: replace("（以下简称《条例》）", "（以下简称《条例》），并参照《某市政府信息公开规定》")),
    ("NB901", lambda: clean("markdown").replace("规范信息发布审核流程", "**规范信息发布审核流程**")),
    ("NB902", lambda: CLEAN),
    ("NB903", lambda: replace("提升答复质量。", "提升答复质量，按时办复率100%，申请数量同比增长150%。")),
]


@pytest.mark.parametrize(("code", "draft"), NEAR_MISSES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(NEAR_MISSES)])
def test_near_miss_is_quiet(code: str, draft: Callable[[], str]) -> None:
    text = draft()
    path = "draft.md" if text.startswith("# ") else "draft.txt"
    found = [f.message for f in lint(text, path).findings if f.code == code]
    assert found == []


def test_every_catalog_rule_has_a_failing_case() -> None:
    from nianbao.plugins import build_registry

    tested = {code for code, _, _ in FAILING} | {"NB001", "NB002"}  # the engine's own: see test_engine.py
    assert set(build_registry(entry_points=False).rules) <= tested


def test_renumbered_section_is_not_missing() -> None:
    text = replace("五、存在的主要问题及改进情况", "六、存在的主要问题及改进情况")
    text = replace("六、其他需要报告的事项", "七、其他需要报告的事项", text)
    found = codes(text)
    assert "NB101" not in found
    assert found.count("NB102") == 2


def test_one_slip_in_the_total_row_is_one_finding_per_wrong_cell_with_one_fix() -> None:
    text = set_row_values("（七）总计", ["2", "1", "0", "0", "0", "0", "3"])
    found = [f for f in lint(text).findings if f.code.startswith("NB20")]
    assert [f.code for f in found] == ["NB202", "NB202"]
    natural, total = found
    assert "（与（七）总计（总计列）是同一处错误）" in natural.message
    assert "自然人列 一、本年新收 3 + 二、上年结转 1 = 4，而（七）总计 2 + 四、结转下年度 1 = 3" in natural.message
    assert natural.fix is not None and natural.fix == total.fix
    assert natural.fix.description == "把（七）总计（自然人列）改为 3、（七）总计（总计列）改为 4"
    assert {r.message for r in natural.related} >= {"（七）总计（总计列）", "同一处错误：（七）总计（总计列）"} - {
        "（七）总计（总计列）"
    }
    assert "“（一）予以公开”的自然人列 2" in {r.message for r in natural.related}


def test_table_findings_point_at_the_cell() -> None:
    text = set_row_values("一、本年新收", ["5"])
    finding = next(f for f in lint(text).findings if f.code == "NB201")
    line = t3_row("一、本年新收", text)
    assert text[finding.start : finding.end] == "5"
    assert text.index(line) < finding.start < text.index(line) + len(line)
    assert finding.fix is not None and finding.fix.applicability == SUGGESTED
    assert [e.new_text for e in finding.fix.edits] == ["4"]


def test_title_year_fix_is_safe_only_when_the_body_agrees() -> None:
    text = replace("人民政府2023年政府信息公开", "人民政府2022年政府信息公开")
    finding = next(f for f in lint(text).findings if f.code == "NB301")
    assert finding.fix is not None and finding.fix.applicability == SAFE
    mixed = text.replace("2023年，云溪镇坚持", "2022年，云溪镇坚持")
    finding = next(f for f in lint(mixed).findings if f.code == "NB301")
    assert finding.fix is not None and finding.fix.applicability == SUGGESTED


def test_blank_cells_of_a_table_are_one_finding() -> None:
    text = replace("\t".join(["1", "0", "0", "0", "1"] + ["0"] * 10), "\t".join([""] * 5 + ["0"] * 10))
    blanks = [f for f in lint(text).findings if f.code == "NB207"]
    assert len(blanks) == 1
    assert (
        "表四有 5 个空白单元格（“行政复议”的结果维持、结果纠正、其他结果、尚未审结、总计），其中 1 个是总计"
        in blanks[0].message
    )
    assert blanks[0].severity == "error"  # a total is blank


def test_markdown_tables_are_checked_like_text_ones() -> None:
    text = clean("markdown").replace("| 1.属于国家秘密 |", "| 1.属于国家机密 |")
    assert "NB502" in codes(text, "draft.md")


@pytest.mark.parametrize("form", ["pipe", "cells", "markdown"])
def test_totals_are_checked_in_every_form(form: str) -> None:
    d = Draft()
    d.t3 = dict(d.t3)
    text = render(d, form)
    # one more application in the 自然人 column of 一 without touching 总计
    broken = re.sub(r"(本年新收政府信息公开申请数量\W+)3", r"\g<1>4", text, count=1)
    assert broken != text
    assert "NB201" in codes(broken, "draft" + SUFFIX[form])


def test_missing_signature_marks_the_end_of_the_body_not_the_whole_paragraph() -> None:
    text = replace("\n\n青禾县云溪镇人民政府\n\n2024年1月18日\n", "\n")
    finding = next(f for f in lint(text).findings if f.code == "NB404")
    assert finding.end - finding.start == 1 and text[finding.start : finding.end] == "。"
    assert text[finding.end :].strip() == ""
