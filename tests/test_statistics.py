"""``nianbao check --statistics``: exact counts per rule, in text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.testing.drafts import Draft, clean, render

LABEL = ("1.属于国家秘密", "1.属于国家机密")  # NB502, safe fix
REGULATION = ("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》")  # NB503, safe fix


@pytest.fixture
def folder(tmp_cwd: Path) -> Path:
    reports = tmp_cwd / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text(clean().replace(*LABEL), encoding="utf-8")
    (reports / "b.txt").write_text(clean().replace(*LABEL).replace(*REGULATION), encoding="utf-8")
    (reports / "c.txt").write_text(clean(), encoding="utf-8")
    # a 街道 that calls itself 我镇: NB403, a suggested fix
    (reports / "d.txt").write_text(render(Draft(agency="青禾县城关街道办事处", name="城关街道")), encoding="utf-8")
    return reports


def test_statistics_json_counts_every_rule_exactly(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--statistics", "--format", "json", "--no-cache", str(folder)]) == 1
    assert json.loads(capsys.readouterr().out) == [
        {"code": "NB502", "name": "nonstandard-label", "severity": "warning", "count": 2, "fixable": 2, "suggested": 0, "files": 2},
        {"code": "NB403", "name": "self-reference", "severity": "warning", "count": 1, "fixable": 0, "suggested": 1, "files": 1},
        {"code": "NB503", "name": "regulation-name", "severity": "error", "count": 1, "fixable": 1, "suggested": 0, "files": 1},
    ]  # fmt: skip


def test_statistics_text_is_an_aligned_table_instead_of_the_findings(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--statistics", "--no-cache", str(folder)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["数量", "代码", "名称", "级别", "可自动修复", "建议修复", "涉及文件"]
    assert [line.split() for line in lines[1:4]] == [
        ["2", "NB502", "nonstandard-label", "警告", "2", "0", "2"],
        ["1", "NB403", "self-reference", "警告", "0", "1", "1"],
        ["1", "NB503", "regulation-name", "错误", "1", "0", "1"],
    ]
    assert lines[4] == "共 4 个问题，涉及 3 条规则。"
    assert len(lines) == 5  # no finding is listed


def test_statistics_respect_selection_and_clean_runs(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--statistics", "--format", "json", "--select", "NB503", str(folder)]) == 1
    assert [s["code"] for s in json.loads(capsys.readouterr().out)] == ["NB503"]
    assert main(["check", "--statistics", str(folder / "c.txt")]) == 0
    assert capsys.readouterr().out == "没有发现问题。\n"
    assert main(["check", "--statistics", "--format", "json", str(folder / "c.txt")]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_statistics_only_in_text_and_json(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--statistics", "--format", "sarif", str(folder)]) == 2
    assert "--statistics" in capsys.readouterr().err
