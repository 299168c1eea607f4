"""Tests of the Shandong plugin, written with nianbao.testing (as a provincial office would)."""

from __future__ import annotations

from pathlib import Path

import nianbao_shandong
import pytest

from nianbao.testing import Draft, Invalid, assert_rule, lint, read_draft, render, sample_draft

ITEM_3 = "（三）人大代表建议和政协提案办理结果公开情况\n\n"
ITEM_5 = "（五）年度报告数据统计需要说明的事项\n\n"
# A fictional township under a real Shandong city, so the provincial rules apply to it.
AGENCY = "烟台市青禾区云溪镇人民政府"
GOOD = render(Draft(agency=AGENCY, name="云溪镇"))
NATIONAL = sample_draft()  # 青禾县云溪镇: no province in its name
WITHOUT_3_AND_5 = GOOD.replace(ITEM_3 + "本年度未承办人大代表建议和政协提案。\n\n", "").replace(ITEM_5 + "无。\n\n", "")
SEEDS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "seeds"


def test_section_six_items() -> None:
    assert_rule(
        "SD101",
        plugins=[nianbao_shandong],
        valid=[
            GOOD,
            render(Draft(agency=AGENCY, name="云溪镇", year=2020, signed="2021年1月20日")),  # from 2021 on
            GOOD.replace("（三）人大代表建议和政协提案办理结果公开情况", "（三）人大代表建议、政协提案办理情况"),
        ],
        invalid=[
            Invalid(
                WITHOUT_3_AND_5,
                messages=[
                    "没有逐项报告山东省要求的 2 项：人大代表建议和政协提案办理结果公开情况、年度报告数据统计需要说明的事项"
                ],
                fixed=GOOD.replace(ITEM_3 + "本年度未承办人大代表建议和政协提案。\n\n", ITEM_3).replace(
                    ITEM_5 + "无。\n\n", ITEM_5
                ),
            ),
            Invalid(
                GOOD.split("（一）信息处理费收费情况")[0] + f"本年度未收取信息处理费。\n\n{AGENCY}\n\n2024年1月18日\n",
                messages=["6 项"],
            ),
        ],
    )


def test_shandong_titles_are_accepted() -> None:
    text = NATIONAL.replace("二、主动公开政府信息情况", "二、行政机关主动公开政府信息情况").replace(
        "四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
    )
    assert [f.code for f in lint(text, plugins=[nianbao_shandong])] == []
    variants = nianbao_shandong.nianbao_template_variants()
    assert "行政机关主动公开政府信息情况" in variants.section_titles[2]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not present")
def test_seeds_with_the_items_are_silent() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        text = read_draft(seed)
        found = [f for f in lint(text, plugins=[nianbao_shandong], select=["SD", "NB103"])]
        assert found == [] or all(f.code == "NB103" and "旧版" in f.message for f in found), (seed.name, found)


def _without_items(text: str) -> str:
    return text.replace(ITEM_3 + "本年度未承办人大代表建议和政协提案。\n\n", "").replace(ITEM_5 + "无。\n\n", "")


@pytest.mark.parametrize(
    "agency",
    [
        "青禾县云溪镇人民政府",  # no province at all
        "四川省内江市市中区云溪镇人民政府",  # another province (市中区 is also a district of 济南 and 枣庄)
        "市中区云溪镇人民政府",  # a district name several provinces have: says nothing
        "江苏省青禾县云溪镇人民政府",
    ],
)
def test_reports_of_other_provinces_are_not_checked(agency: str) -> None:
    text = _without_items(render(Draft(agency=agency, name="云溪镇")))
    assert lint(text, plugins=[nianbao_shandong], select=["SD"]) == []


@pytest.mark.parametrize(
    "agency",
    [
        "山东省青禾县云溪镇人民政府",
        "济南市市中区云溪镇人民政府",  # 市中区 with its city
        "日照市莒县云溪镇人民政府",
        "莒县云溪镇人民政府",  # a one-character county
        "莱州市云溪镇人民政府",  # a county-level city without its prefecture
        "青岛市青禾区人民政府",
    ],
)
def test_shandong_agencies_are_recognised_from_their_names(agency: str) -> None:
    text = _without_items(render(Draft(agency=agency, name="云溪镇")))
    assert [f.code for f in lint(text, plugins=[nianbao_shandong], select=["SD"])] == ["SD101"]


def test_the_agency_may_come_from_the_signature_or_the_configuration() -> None:
    bare = _without_items(render(Draft(agency="云溪镇人民政府", name="云溪镇")))
    assert lint(bare, plugins=[nianbao_shandong], select=["SD"]) == []
    signed = bare.replace("\n\n云溪镇人民政府\n\n2024年1月18日", f"\n\n{AGENCY}\n\n2024年1月18日")
    assert [f.code for f in lint(signed, plugins=[nianbao_shandong], select=["SD"])] == ["SD101"]
    configured = lint(bare, plugins=[nianbao_shandong], select=["SD"], agency=AGENCY)
    assert [f.code for f in configured] == ["SD101"]


def test_configured_province_wins_over_the_name() -> None:
    national = _without_items(NATIONAL)
    assert [f.code for f in lint(national, plugins=[nianbao_shandong], select=["SD"], province="山东")] == ["SD101"]
    shandong = _without_items(GOOD)
    assert lint(shandong, plugins=[nianbao_shandong], select=["SD"], province="江苏") == []
