"""The prose rules — NB205, NB206, NB402, NB503 — on sentences written for these tests, both ways:
statements they must report and near-misses they must leave alone. Agencies and numbers are
fictional; each sentence is added to section 一 of a correct draft (`nianbao.testing.drafts`).
"""

from __future__ import annotations

import pytest

from nianbao.ruledef import INFO, SAFE, SUGGESTED
from nianbao.template import T3Row
from nianbao.testing import fix
from nianbao.testing.drafts import Draft, render

from .conftest import lint

# Table 3 of the draft (applicant columns: 自然人, 商业企业, 0 …): 新收 22, 上年结转 2, 予以公开 9,
# 部分公开 3, 不予公开 2 (4. 第三方), 无法提供 4 (1. 不掌握 3, 2. 另行制作 1), 不予处理 1,
# 其他处理 1, （七）总计 20, 结转下年度 4. Table 4: 行政复议 1 件，维持; no litigation.
T3 = {
    T3Row.NEW: (21, 1, 0, 0, 0, 0),
    T3Row.CARRIED: (2, 0, 0, 0, 0, 0),
    T3Row.GRANTED: (8, 1, 0, 0, 0, 0),
    T3Row.PARTIAL: (3, 0, 0, 0, 0, 0),
    T3Row.DENIED_4: (2, 0, 0, 0, 0, 0),
    T3Row.UNABLE_1: (3, 0, 0, 0, 0, 0),
    T3Row.UNABLE_2: (1, 0, 0, 0, 0, 0),
    T3Row.UNPROCESSED_2: (1, 0, 0, 0, 0, 0),
    T3Row.OTHER_1: (1, 0, 0, 0, 0, 0),
    T3Row.CARRY_FORWARD: (4, 0, 0, 0, 0, 0),
}
T4_ROW = "\t".join(["1", "0", "0", "0", "1"] + ["0"] * 10)
CASES = "本年度因政府信息公开工作被申请行政复议 1 件，结果维持；未发生行政诉讼。"  # replaced: tests vary table 4


def draft(*sentences: str, agency: str = "青禾县云溪镇人民政府", name: str = "云溪镇", t4: str = T4_ROW) -> str:
    text = render(Draft(agency=agency, name=name, t3=dict(T3), extra=sentences))
    assert T4_ROW in text and CASES in text
    return text.replace(T4_ROW, t4).replace(CASES, "本年度政府信息公开行政复议、行政诉讼情况见下表。")


def messages(code: str, text: str) -> list[str]:
    return [f.message for f in lint(text).findings if f.code == code]


def test_the_draft_itself_is_clean() -> None:
    assert [(f.code, f.message) for f in lint(draft()).findings] == []


# --- NB206: “N 条，其中 A 条、B 条” and “N 条（A 条、B 条）” ----------------------------------------

NB206_FIRES = [
    ("全年公开财政信息 300 条，其中部门预算 120 条、部门决算 190 条。", "各分项之和为 310（120 + 190），比它还大"),
    # “其他” closes the list: the parts are the whole and must add up
    ("主动公开信息 739 条，其中网站 388 条、新媒体 292 条、公开栏等其他渠道 49 条。", "各分项之和为 729"),
    ("公开财政信息 300 条（部门预算 120 条、部门决算 190 条）。", "括号中各分项之和为 310"),
    ("公开财政信息 300 条（部门预算 120 条、其余 170 条）。", "括号中各分项之和为 290"),
    ("全年发布信息 200 条。其中，网站 150 条，微信 60 条。", "总数为 200"),  # 其中 opens the next sentence
    ("全年受理咨询 12 件，其中电话咨询 15 件。", "分项 15 比它还大"),
    # 其中 after two counts: 31 is more than 22, 2 and their sum 24
    ("全年受理电话咨询 22 件、来信咨询 2 件，其中政策类 20 件、办事类 11 件。", "都可能是总数"),
    # the top level adds up (150 + 250 + 100); the bracket does not (100 + 160 > 250)
    (
        "全年公开财政资金信息 500 条，其中部门预算 150 条、部门决算 250 条（县级 100 条、乡镇 160 条）、其他 100 条。",
        "260",
    ),
]

NB206_QUIET = [
    # 其中 refers to everything handled (22 + 2), not to the 2 carried over
    "共新收政府信息公开申请 22 件，上年结转 2 件，均在法定期限内答复，其中予以公开 9 件。",
    # a bracket splits the item before it and is not a further addend: 150 + 250 + 60 + 40 = 500
    "全年公开财政资金信息 500 条，其中部门预算 150 条，部门决算 250 条（县级部门决算 100 条、乡镇决算 150 条）、专项资金 60 条、政府债务 40 条。",
    "全年主动公开信息 300 条，比上年增加 50 条，其中网站 200 条、其他渠道 100 条。",  # a change is no total
    "全年收到申请 5 件（上年 8 件）。",
    "全年收到申请 5 件（上年 8 件、前年 9 件）。",  # comparisons in a bracket are no breakdown
    "共累计发布政务信息 306 篇，其中在网站发布 45 件，通过新媒体等其他渠道发布 261 条。",  # units mixed
    "组织业务培训 3 期，其中参训人员 150 人次。",  # people are not a part of the sessions
    "其中，依托网站发布的信息涉及机构职能、政策文件等多个领域。",
    "全年发布信息 200 条，其中网站占 60%。",
    "累计发布信息 2,300 条，其中网站发布 1,450 条、其他渠道 850 条。",  # thousands separators
    # highlights, not a partition: no closing word, and they add up to less
    "全年主动公开政府信息 2356 条，同比增长 12%，其中规范性文件 12 件、政策解读 38 篇、重大项目信息 56 条。",
    "共收到申请 20 件，办结 18 件，其中予以公开 10 件、部分公开 3 件、不予公开 5 件。",  # 其中 → 办结 18
    "全年新收申请 22 件，办结 20 件，其中 9 件予以公开、3 件部分公开。",  # outcomes listed in part
]


@pytest.mark.parametrize(("sentence", "expect"), NB206_FIRES)
def test_nb206_reports_parts_that_do_not_add_up(sentence: str, expect: str) -> None:
    found = messages("NB206", draft(sentence))
    assert len(found) == 1 and expect in found[0], found


@pytest.mark.parametrize("sentence", NB206_QUIET)
def test_nb206_near_misses(sentence: str) -> None:
    assert messages("NB206", draft(sentence)) == []


def test_nb206_outcome_lists_without_table_3_are_wrong_only_when_too_many() -> None:
    def without_table_3(sentence: str) -> str:
        text = draft(sentence)
        return text[: text.index("三、收到和处理")] + text[text.index("四、政府信息公开行政复议") :]

    assert messages("NB206", without_table_3("共收到申请 22 件，其中予以公开 9 件、部分公开 3 件。")) == []
    found = messages("NB206", without_table_3("共收到申请 22 件，其中予以公开 19 件、部分公开 5 件。"))
    assert found == ["总数为 22，但“其中”各分项之和为 24（19 + 5），比它还大"]
    # with table 3, NB205 compares each count instead (one finding per wrong number)
    assert messages("NB206", draft("共收到申请 22 件，其中予以公开 19 件、部分公开 5 件。")) == []


def test_nb206_finding_points_at_the_total_with_the_parts_related() -> None:
    text = draft("公开财政信息 300 条（部门预算 120 条、部门决算 190 条）。")
    (finding,) = [f for f in lint(text).findings if f.code == "NB206"]
    assert text[finding.start : finding.end] == "300"
    assert [text[r.start : r.end] for r in finding.related] == ["120", "190"]


# --- NB205: prose against tables 3 and 4 --------------------------------------------------------

PENDING = "\t".join(["1", "0", "0", "1", "2"] + ["0"] * 10)  # 行政复议: 1 维持, 1 尚未审结
CORRECTED = "\t".join(["1", "0", "0", "0", "1", "0", "1", "0", "0", "1"] + ["0"] * 5)  # 直接起诉 1 件纠正

NB205_FIRES = [
    (
        "全年予以公开和部分公开共 15 件。",
        T4_ROW,
        "正文说予以公开和部分公开 15 件，但表三“（一）予以公开”“（二）部分公开”的总计之和为 12",
    ),
    ("因本机关不掌握相关信息等原因无法提供 5 件。", T4_ROW, "“（四）无法提供”各项的总计之和为 4"),
    ("全年不予公开 3 件。", T4_ROW, "正文说不予公开 3 件"),
    ("全年予以公开十件。", T4_ROW, "正文说予以公开 10 件，但表三“（一）予以公开”的总计为 9"),
    ("另有 6 件结转至下年度办理。", T4_ROW, "正文说结转下年度 6 件，但表三“四、结转下年度继续办理”的总计为 4"),
    ("上年结转申请 5 件已全部办结。", T4_ROW, "正文说上年结转 5 件，但表三“二、上年结转”的总计为 2"),
    ("共收到申请 22 件，其中 10 件予以公开。", T4_ROW, "正文说予以公开 10 件"),
    ("予以公开、部分公开各 3 件。", T4_ROW, "正文说予以公开 3 件"),  # 部分公开 3 is right
    ("被申请行政复议 2 件，结果均为维持。", PENDING, "正文说行政复议结果均为维持，但表四中行政复议结果不是维持"),
    ("行政复议和行政诉讼案件均获维持。", CORRECTED, "正文说行政复议、行政诉讼结果均为维持"),
    ("本年度未发生因政府信息公开工作被申请行政复议的情况。", T4_ROW, "正文说没有行政复议，但表四“行政复议”的总计为 1"),
    (
        "全年共发生行政复议、行政诉讼案件 3 件。",
        T4_ROW,
        "正文说行政复议、行政诉讼 3 件，但表四行政复议与行政诉讼总计之和为 1",
    ),
]

NB205_QUIET = [
    ("全年予以公开和部分公开共 12 件，因本机关不掌握相关信息等原因无法提供 4 件。", T4_ROW),
    ("因本机关不掌握相关政府信息无法提供 3 件。", T4_ROW),  # the reason's own row: 3
    ("共新收政府信息公开申请 22 件，上年结转 2 件，均在法定期限内答复，其中予以公开 9 件。", T4_ROW),
    ("办结申请 20 件，其中予以公开 9 件、部分公开 3 件。", T4_ROW),  # 其中 → （七）总计
    ("自然人申请 21 件，其中予以公开 8 件。", T4_ROW),  # about the natural persons' applications only
    ("上年结转的 2 件中，予以公开 1 件。", T4_ROW),
    ("全年主动予以公开政府信息 120 条。", T4_ROW),  # 主动公开, not table 3
    ("予以公开数量比上年增加 3 件。", T4_ROW),
    ("上年结转申请较去年增加 3 件。", T4_ROW),
    ("全年没有发生因政府信息公开被行政复议纠错、行政诉讼败诉的情况。", T4_ROW),  # an outcome denied
    ("行政复议 2 件，其中 1 件维持。", PENDING),
    ("被申请行政复议 2 件，1 件维持，1 件尚未审结。", PENDING),
    ("本年度未收到人大代表建议和政协提案。", T4_ROW),
    ("被申请行政复议 1 件，结果均为维持。", T4_ROW),
    ("全年共发生行政复议、行政诉讼案件 1 件，结果均为维持。", T4_ROW),  # both kinds together
    ("被申请行政复议 2 件，其中行政复议 1 件维持、1 件尚未审结。", PENDING),  # counts of one outcome
]


@pytest.mark.parametrize(("sentence", "t4", "expect"), NB205_FIRES)
def test_nb205_reports_prose_the_tables_contradict(sentence: str, t4: str, expect: str) -> None:
    found = messages("NB205", draft(sentence, t4=t4))
    assert len(found) == 1 and expect in found[0], found


@pytest.mark.parametrize(("sentence", "t4"), NB205_QUIET)
def test_nb205_near_misses(sentence: str, t4: str) -> None:
    assert messages("NB205", draft(sentence, t4=t4)) == []


def test_nb205_points_at_the_prose_number_with_the_cells_related() -> None:
    text = draft("全年予以公开和部分公开共 15 件。")
    (finding,) = [f for f in lint(text).findings if f.code == "NB205"]
    assert text[finding.start : finding.end] == "15"
    assert [r.message for r in finding.related] == ["（一）予以公开 总计 9", "（二）部分公开 总计 3"]


def test_nb205_all_upheld_names_the_cases_that_were_not() -> None:
    text = draft("行政复议和行政诉讼案件均获维持。", t4=CORRECTED)
    (finding,) = [f for f in lint(text).findings if f.code == "NB205"]
    assert text[finding.start : finding.end] == "均获维持"
    assert [r.message for r in finding.related] == ["行政诉讼·未经复议直接起诉 结果纠正 1"]


def test_nb205_leaves_a_wrong_table_cell_to_the_table_rules() -> None:
    """The prose says what the row adds up to; the 总计 cell is the slip: NB201 only."""
    text = draft("共收到申请 22 件，其中予以公开 9 件。")
    row = next(line for line in text.splitlines() if "\t（一）予以公开\t" in line)
    text = text.replace(row, row.rsplit("\t", 1)[0] + "\t10")
    codes = [f.code for f in lint(text).findings]
    assert "NB201" in codes and "NB205" not in codes


# --- NB402: another agency doing the work -----------------------------------------------------

BUREAU = {"agency": "云州市临川区市场监督管理局", "name": "临川区市场监督管理局"}


def test_nb402_reports_another_place_s_bureau_and_fixes_its_place_once() -> None:
    text = draft("安平区市场监督管理局明确办公室为政府信息公开工作机构。", **BUREAU)
    (finding,) = [f for f in lint(text).findings if f.code == "NB402"]
    assert text[finding.start : finding.end] == "安平区"
    once = fix(text, select=["NB402"], unsafe=True)
    assert "临川区市场监督管理局明确办公室" in once
    assert fix(once, select=["NB402"], unsafe=True) == once


@pytest.mark.parametrize(
    "sentence",
    [
        "如对本报告有疑问，请与临川区市场监督管理局办公室联系。",  # its own name, short, after 请与
        "云州市市场监督管理局部署了年度政务公开工作。",  # the superior city's bureau
        "东川省市场监督管理局印发了工作要点。",  # another level
        "与安平区市场监督管理局开展交流。",  # not the subject
    ],
)
def test_nb402_near_misses_for_a_bureau(sentence: str) -> None:
    assert messages("NB402", draft(sentence, **BUREAU)) == []


def test_nb402_a_verb_before_the_county_government_is_no_name() -> None:
    county = {"agency": "江北县人民政府", "name": "江北县"}
    assert messages("NB402", draft("维护县政府门户网站信息公开专栏。", **county)) == []
    assert len(messages("NB402", draft("江南县人民政府高度重视政务公开工作。", **county))) == 1


def test_nb402_reads_the_contact_sentence() -> None:
    text = draft("如对本报告有疑问，请与石桥镇人民政府党政办公室联系。")
    assert messages("NB402", text) == [
        "正文把“石桥镇”写成了工作主体，但本报告的机关是“青禾县云溪镇人民政府”（复制其他单位报告的痕迹？）"
    ]


def test_nb402_subdistrict_office_is_one_agency_and_its_fix_converges() -> None:
    office = {"agency": "青禾县东湖街道办事处", "name": "东湖街道办事处"}
    assert messages("NB402", draft("东湖街道办事处坚持以公开为常态。", **office)) == []
    text = draft("青禾县西山街道办事处将政务公开纳入年度考核。", **office)
    assert len(messages("NB402", text)) == 1
    once = fix(text, select=["NB402"], unsafe=True)
    assert "青禾县东湖街道办事处将政务公开纳入年度考核" in once
    assert fix(once, select=["NB402"], unsafe=True) == once


# --- NB503: the Regulation's name ---------------------------------------------------------------

FULL = "《中华人民共和国政府信息公开条例》"


@pytest.mark.parametrize(
    "wrong",
    [
        "《中华人民共和国信息公开条例》",
        "《政府公开信息条例》",
        "《政务信息公开条例》",
        "《中华人民共和国政府信息公开条列》",
    ],
)
def test_nb503_misnamings_are_errors_with_a_safe_fix(wrong: str) -> None:
    text = draft(f"认真贯彻落实{wrong}。")
    (finding,) = [f for f in lint(text).findings if f.code == "NB503"]
    assert finding.severity == "error" and finding.fix is not None and finding.fix.applicability == SAFE
    assert wrong not in fix(text, select=["NB503"]) and FULL in fix(text, select=["NB503"])


@pytest.mark.parametrize(
    "sentence",
    [
        "认真贯彻落实《政府信息公开条例》。",  # the full name is given above: （以下简称《条例》）
        "认真贯彻落实《条例》。",
        "对照《中华人民共和国政府信息公开条例（2019年修订）》逐条梳理。",
        "参照《东川省政务公开条例》执行。",  # a local regulation
        "落实《优化营商环境条例》要求。",
    ],
)
def test_nb503_near_misses(sentence: str) -> None:
    assert messages("NB503", draft(sentence)) == []


def test_nb503_short_name_without_the_full_one_is_an_info_with_a_suggested_fix() -> None:
    text = draft("认真贯彻落实《政府信息公开条例》。").replace(FULL, "《条例》")
    (finding,) = [f for f in lint(text).findings if f.code == "NB503"]
    assert finding.severity == INFO and finding.fix is not None and finding.fix.applicability == SUGGESTED
    assert fix(text, select=["NB503"]) == text  # --fix leaves it
    fixed = fix(text, select=["NB503"], unsafe=True)
    assert f"落实{FULL}" in fixed and messages("NB503", fixed) == []


def test_nb503_a_misnamed_full_name_is_one_finding_with_the_short_form_after_it() -> None:
    text = draft("认真贯彻落实《政府信息公开条例》。").replace(FULL, "《中华人民共和国信息公开条例》")
    assert messages("NB503", text) == [
        "法规名称“《中华人民共和国信息公开条例》”有误，应为《中华人民共和国政府信息公开条例》"
    ]


def test_nb503_marks_the_citation_with_its_brackets_and_fixes_only_the_name() -> None:
    from nianbao.testing import lint as lint_rule
    from nianbao.testing.drafts import clean as clean_draft

    text = clean_draft().replace("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》")
    (finding,) = lint_rule(text, select=["NB503"])
    assert text[finding.start : finding.end] == "《中华人民共和国信息公开条例》"
    assert finding.fix is not None and [text[e.start : e.end] for e in finding.fix.edits] == [
        "中华人民共和国信息公开条例"
    ]
