"""Baselines: record what is already wrong, report only what is new — matched by content, not lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nianbao.cli import main
from nianbao.testing.drafts import clean

LABEL = ("1.属于国家秘密", "1.属于国家机密")  # NB502 in table 3
REGULATION = ("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》")  # NB503 in the preamble
WRONG_NAME = "依据《中华人民共和国信息公开条例》开展工作。"  # NB503 in a line of its own
UNRELATED = "本单位高度重视政务公开工作，成立了工作专班。"


def check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]], str]:
    status = main(["check", "--format", "json", "--no-cache", *args])
    out, err = capsys.readouterr()
    return status, json.loads(out), err


def insert_after(path: Path, anchor: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert anchor in text
    path.write_text(text.replace(anchor, f"{anchor}\n\n{line}", 1), encoding="utf-8")


@pytest.fixture
def reports(tmp_cwd: Path) -> Path:
    folder = tmp_cwd / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text(clean().replace(*LABEL), encoding="utf-8")
    (folder / "b.txt").write_text(clean().replace(*LABEL).replace(*REGULATION), encoding="utf-8")
    (folder / "c.txt").write_text(clean(), encoding="utf-8")
    return folder


def test_a_baseline_records_every_finding_and_then_hides_them(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--no-cache", "--write-baseline", "baseline.json", "reports"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "已把 3 个问题记入基线 baseline.json" in err
    data = json.loads(Path("baseline.json").read_text(encoding="utf-8"))
    assert data["nianbao-baseline"] == 1
    assert [(e["path"], e["code"], e["count"]) for e in data["findings"]] == [
        ("reports/a.txt", "NB502", 1),
        ("reports/b.txt", "NB502", 1),
        ("reports/b.txt", "NB503", 1),
    ]
    assert all(len(e["fingerprint"]) == 16 and e["message"] for e in data["findings"])

    status, findings, err = check_json(capsys, "--baseline", "baseline.json", "reports")
    assert (status, findings) == (0, [])
    assert "已记录的 3 个问题未列出" in err


def test_unrelated_edits_keep_findings_matched_and_new_ones_are_reported(
    reports: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--no-cache", "--write-baseline", "baseline.json", "reports"]) == 0
    a = reports / "a.txt"
    before = check_json(capsys, "reports/a.txt")[1][0]["line"]
    # an unrelated line above the finding: every line below it moves
    insert_after(a, "一、总体情况", UNRELATED)
    moved = check_json(capsys, "reports/a.txt")[1]
    assert [f["code"] for f in moved] == ["NB502"] and moved[0]["line"] == before + 2
    assert check_json(capsys, "--baseline", "baseline.json", "reports")[:2] == (0, [])
    # a new finding in the same file is reported, and only it
    a.write_text(a.read_text(encoding="utf-8").replace(*REGULATION), encoding="utf-8")
    status, findings, err = check_json(capsys, "--baseline", "baseline.json", "reports")
    assert status == 1
    assert [(f["path"], f["code"]) for f in findings] == [("reports/a.txt", "NB503")]
    assert "已记录的 3 个问题未列出" in err


def test_identical_findings_are_matched_by_count(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    c = reports / "c.txt"
    insert_after(c, "（三）政府信息管理", WRONG_NAME)
    insert_after(c, "（五）监督保障", WRONG_NAME)
    assert [f["code"] for f in check_json(capsys, "reports/c.txt")[1]] == ["NB503", "NB503"]
    assert main(["check", "--no-cache", "--write-baseline", "baseline.json", "reports"]) == 0
    entry = next(
        e
        for e in json.loads(Path("baseline.json").read_text(encoding="utf-8"))["findings"]
        if e["path"] == "reports/c.txt"
    )
    assert entry["count"] == 2
    insert_after(c, "（一）主动公开", WRONG_NAME)  # a third, identical one
    status, findings, _ = check_json(capsys, "--baseline", "baseline.json", "reports")
    assert status == 1 and [(f["path"], f["code"]) for f in findings] == [("reports/c.txt", "NB503")]


def test_fixed_findings_are_noted_and_paths_are_relative_to_the_baseline(
    reports: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["check", "--no-cache", "--write-baseline", "baseline.json", "reports"]) == 0
    (reports / "b.txt").write_text(clean().replace(*LABEL), encoding="utf-8")  # NB503 fixed
    monkeypatch.chdir(reports)  # run from elsewhere: the baseline's paths still match
    status, findings, err = check_json(capsys, "--baseline", "../baseline.json", ".")
    assert (status, findings) == (0, [])
    assert "已记录的 2 个问题未列出" in err and "另有 1 个已记录的问题不再出现" in err


def test_text_output_and_statistics_honour_the_baseline(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-cache", "--write-baseline", "baseline.json", "reports/a.txt"]) == 0
    capsys.readouterr()
    assert (
        main(["check", "--no-cache", "--baseline", "baseline.json", "--statistics", "--format", "json", "reports"]) == 1
    )
    stats = json.loads(capsys.readouterr().out)
    assert [(s["code"], s["count"]) for s in stats] == [("NB502", 1), ("NB503", 1)]  # b.txt's only
    assert main(["check", "--no-cache", "--baseline", "baseline.json", "reports/a.txt"]) == 0
    assert capsys.readouterr().out == "没有发现问题。\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "基线文件不存在"),
        ("{not json", "不是有效的 JSON"),
        ('{"findings": []}', "不是 nianbao 基线"),
        ('{"nianbao-baseline": 9, "findings": []}', "格式版本 9 不受支持"),
        (
            '{"nianbao-baseline": 1, "findings": [{"path": "a", "code": "NB1", "fingerprint": "x", "count": 0}]}',
            "不是 nianbao 基线",
        ),
    ],
)
def test_an_unusable_baseline_is_a_usage_error(
    reports: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    if content is not None:
        Path("baseline.json").write_text(content, encoding="utf-8")
    assert main(["check", "--baseline", "baseline.json", "reports"]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_baseline_options_exclude_each_other_and_diff(reports: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--baseline", "x.json", "--write-baseline", "y.json", "reports"]) == 2
    assert "不能同时使用" in capsys.readouterr().err
    assert main(["check", "--diff", "--write-baseline", "y.json", "reports"]) == 2
    assert "--diff" in capsys.readouterr().err and not Path("y.json").exists()
