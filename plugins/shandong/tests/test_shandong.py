"""Tests of the Shandong plugin, written with nianbao.testing (as a provincial office would).

SD101's cases — drafts it must report, near misses it must leave alone — are data next to the
rule, in ``sd101_section_six_items.cases.toml``; each runs as its own test.
"""

from __future__ import annotations

from pathlib import Path

import nianbao_shandong
import pytest
from nianbao_shandong.sd101_section_six_items import section_six_items

from nianbao.testing import Case, case_file, check_case, lint, load_cases, read_draft, sample_draft

SEEDS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "seeds"


@pytest.mark.parametrize("case", load_cases(case_file(section_six_items)), ids=lambda case: case.id)
def test_section_six_items(case: Case) -> None:
    check_case(case, plugins=[nianbao_shandong])


def test_shandong_titles_are_accepted() -> None:
    text = (
        sample_draft()
        .replace("二、主动公开政府信息情况", "二、行政机关主动公开政府信息情况")
        .replace("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")
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
