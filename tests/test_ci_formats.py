"""Output for CI systems: SARIF that validates against the official schema, GitHub annotations."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from nianbao.testing.drafts import clean

from .conftest import SARIF_SCHEMA as SCHEMA

BAD = (
    clean()
    .replace("1.属于国家秘密", "1.属于国家机密")
    .replace("（七）总计\t\t3", "（七）总计\t\t2")
    .replace("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》")
)


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nianbao", "check", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


def test_sarif_validates_against_the_official_schema(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "草稿.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "空.txt").write_bytes(b"")  # named: a folder walk would skip it as not a report
    proc = run(tmp_path, "--format", "sarif", "reports", "空.txt")
    assert proc.returncode == 1
    log = json.loads(proc.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    run_ = log["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    results = run_["results"]
    assert {r["ruleId"] for r in results} >= {"NB202", "NB502", "NB503", "NB002"}
    nb502 = next(r for r in results if r["ruleId"] == "NB502")
    region = nb502["locations"][0]["physicalLocation"]["region"]
    line = BAD.split("\n")[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == "国家机密"
    assert nb502["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "reports/草稿.txt"
    assert nb502["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "国家秘密"
    assert run_["tool"]["driver"]["rules"][nb502["ruleIndex"]]["id"] == "NB502"
    nb202 = next(r for r in results if r["ruleId"] == "NB202")
    assert nb202["relatedLocations"]
    # an empty run is valid too
    (tmp_path / "ok.txt").write_text(clean(), encoding="utf-8")
    empty = json.loads(run(tmp_path, "--format", "sarif", "ok.txt").stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(empty)
    assert empty["runs"][0]["results"] == []


def test_github_annotations_escape_and_point_at_the_span(tmp_path: Path) -> None:
    (tmp_path / "a,b.txt").write_text(BAD, encoding="utf-8")
    lines = run(tmp_path, "--format", "github", "a,b.txt").stdout.strip().split("\n")
    nb502 = next(line for line in lines if "NB502" in line)
    props, message = nb502[len("::warning ") :].split("::", 1)
    fields = dict(p.split("=", 1) for p in props.split(","))
    assert fields["file"] == "a%2Cb.txt"
    line = BAD.split("\n")[int(fields["line"]) - 1]
    assert line[int(fields["col"]) - 1 : int(fields["endColumn"]) - 1] == "国家机密"
    assert fields["title"] == "NB502 nonstandard-label"
    assert message.startswith("NB502 “国家机密”不是模板用语")
    assert any(line.startswith("::error ") and "NB202" in line for line in lines)


def test_json_carries_related_places(tmp_path: Path) -> None:
    (tmp_path / "草稿.txt").write_text(BAD, encoding="utf-8")
    records = json.loads(run(tmp_path, "--format", "json", "草稿.txt").stdout)
    nb202 = next(r for r in records if r["code"] == "NB202")
    related = {r["message"]: r for r in nb202["related"]}
    cell = related["“（一）予以公开”的自然人列 2"]
    line = BAD.split("\n")[cell["line"] - 1]
    assert line.startswith("三、本年度办理结果\t（一）予以公开") and line[cell["column"] - 1] == "2"
