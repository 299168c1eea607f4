"""Tests of the Shandong plugin, written with nianbao.testing (as a provincial office would)."""

from __future__ import annotations

from pathlib import Path

import nianbao_shandong
import pytest

from nianbao.testing import Invalid, assert_rule, lint, read_draft, sample_draft

ITEM_3 = "（三）人大代表建议和政协提案办理结果公开情况\n\n"
ITEM_5 = "（五）年度报告数据统计需要说明的事项\n\n"
GOOD = sample_draft()
WITHOUT_3_AND_5 = GOOD.replace(ITEM_3 + "本年度未承办人大代表建议和政协提案。\n\n", "").replace(ITEM_5 + "无。\n\n", "")
SEEDS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "seeds"


def test_section_six_items() -> None:
    assert_rule(
        "SD101",
        plugins=[nianbao_shandong],
        valid=[
            GOOD,
            sample_draft(year=2020),  # the requirement starts with report year 2021
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
                GOOD.split("（一）信息处理费收费情况")[0]
                + "本年度未收取信息处理费。\n\n青禾县云溪镇人民政府\n\n2024年1月18日\n",
                messages=["6 项"],
            ),
        ],
    )


def test_shandong_titles_are_accepted() -> None:
    text = GOOD.replace("二、主动公开政府信息情况", "二、行政机关主动公开政府信息情况").replace(
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
