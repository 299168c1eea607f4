"""Fixes never lose text: only their range changes; fixing twice = once; encodings survive.

That each rule's fix clears its own finding and changes nothing outside its edits is checked for
every case of every rule (rules/*.cases.toml, docs/testing.md); here: fixes applied together."""

from __future__ import annotations

import codecs

import pytest

from nianbao.engine import Linter, Selection
from nianbao.plugins import build_registry
from nianbao.results import FileResult
from nianbao.source import Source
from nianbao.testing.drafts import clean

LINTER = Linter(build_registry(entry_points=False))

# One draft carrying every safe-fixable defect at once.
DEFECTS = (
    clean()
    .replace("人民政府2023年政府信息公开", "人民政府2022年政府信息公开")  # NB301
    .replace("1.属于国家秘密", "1.属于国家机密")  # NB502
    .replace("\t商业企业\t", "\t商业机构\t")  # NB502
    .replace("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》")  # NB503
    .replace("行政许可\t12", "行政许可\t[bookmark: _GoBack]12")  # NB901
    .replace("规范信息发布审核流程", "**规范信息发布审核流程**")  # NB901
    .replace("政府信息公开工作年度报告", "政府信息公开 公开工作年度报告")  # NB902
)


def _fix(source: Source, selection: Selection, unsafe: bool = False) -> tuple[Source, int, FileResult]:
    result = LINTER.fix(source, "d.txt", selection, unsafe=unsafe)
    assert result.source is not None
    return result.source, result.fixed, result


def test_fix_all_matches_the_clean_draft_and_is_idempotent() -> None:
    source = Source.from_text(DEFECTS)
    once, n, result = _fix(source, Selection())
    assert n == 7
    assert once.text == clean()
    assert result.findings == ()
    twice, m, _ = _fix(once, Selection())
    assert m == 0 and twice.text == once.text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_fix_keeps_encoding_bom_newlines_and_untouched_bytes(encoding: str, newline: str) -> None:
    text = DEFECTS.replace("\n", newline)
    data = text.encode(encoding)
    source = Source.from_bytes(data)
    fixed, n, _ = _fix(source, Selection())
    assert n == 7
    expected_text = clean().replace("\n", newline)
    assert fixed.raw == expected_text.encode(encoding)
    assert fixed.raw is not None and fixed.raw.startswith(source.bom)
    # a byte that is not valid text in any fix range survives untouched
    odd = text.replace("无。", "无\x0c。", 1).encode(encoding)
    fixed_odd, _, _ = _fix(Source.from_bytes(odd), Selection())
    assert fixed_odd.raw == expected_text.replace("无。", "无\x0c。", 1).encode(encoding)


def test_inserted_text_uses_the_files_newlines() -> None:
    text = clean().replace("\n", "\r\n")
    text = text[: text.index("六、其他需要报告的事项")] + text[text.index("青禾县云溪镇人民政府\r\n\r\n2024") :]
    fixed, n, _ = _fix(Source.from_text(text), Selection(select=["NB101"]), unsafe=True)
    assert n == 1
    assert "六、其他需要报告的事项\r\n\r\n青禾县云溪镇人民政府" in fixed.text
    assert "\n" not in fixed.text.replace("\r\n", "")


def test_suggested_fixes_only_with_unsafe() -> None:
    text = clean().replace("三、收到和处理政府信息公开申请情况", "三、依申请公开政府信息情况")
    _, n, result = _fix(Source.from_text(text), Selection())
    assert n == 0 and "NB103" in [f.code for f in result.findings]
    fixed, n, result = _fix(Source.from_text(text), Selection(), unsafe=True)
    assert n == 1 and fixed.text == clean()


def test_overlapping_fixes_are_applied_in_later_passes() -> None:
    # two findings whose fixes touch the same title: both end up applied, in two passes
    text = clean().replace("人民政府2023年政府信息公开工作", "人民政府2022年政府信息公开 公开工作")
    fixed, n, result = _fix(Source.from_text(text), Selection())
    assert fixed.text == clean() and n == 2 and result.findings == ()


def test_utf16_bom_preserved() -> None:
    data = codecs.BOM_UTF16_LE + DEFECTS.encode("utf-16-le")
    fixed, _, _ = _fix(Source.from_bytes(data), Selection())
    assert fixed.raw == codecs.BOM_UTF16_LE + clean().encode("utf-16-le")
