"""The five real drafts in ../shared/corpus/seeds: what a careful reviewer would send back.

The expectations below were written by reading each seed; the seeds' text is not copied here.
Skipped when ../shared is absent (a user's clone).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao.engine import Linter, Selection
from nianbao.parsing import parse
from nianbao.plugins import build_registry
from nianbao.source import Source

from .conftest import SEEDS, needs_seeds

pytestmark = needs_seeds

# seed → (section numbers present, table kinds, findings that must appear as (code, text in message),
#         codes that must not appear)
EXPECTED = {
    "000": (
        [1, 2, 3, 5],
        ["t2", "t3"],
        [
            ("NB503", "中华人民共和国信息公开条例"),
            ("NB103", "旧版标题"),
            ("NB502", "其他法律法规禁止公开"),
            ("NB106", "表三不完整"),
            ("NB102", "编号应为“五”"),
            ("NB101", "缺少第四部分"),
            ("NB101", "缺少第六部分"),
        ],
        {
            "NB104",
            "NB201",
            "NB202",
            "NB203",
            "NB207",
            "NB301",
            "NB302",
            "NB304",
            "NB401",
            "NB402",
            "NB403",
            "NB404",
            "NB501",
        },
    ),
    "001": (
        [1, 2, 3, 4, 5, 6],
        ["t2", "t3", "t4"],
        [
            ("NB104", "没有报告标题"),
            ("NB502", "商业机构"),
            ("NB502", "国家机密"),
            ("NB502", "行政执法案件"),
            ("NB502", "已获信息"),
            ("NB404", "没有落款"),
        ],
        {"NB101", "NB102", "NB103", "NB106", "NB2", "NB3", "NB402", "NB403", "NB501", "NB503"},
    ),
    "002": (
        [1, 2, 3, 4, 5],
        ["t2", "t3", "t4"],
        [
            ("NB302", "2019"),
            ("NB903", "100%以上"),
            ("NB901", "bookmark"),
            ("NB207", "本年增/减"),
            ("NB207", "采购项目数量"),
            ("NB202", "自然人列"),
            ("NB202", "总计列"),
            # one slip, (七)总计 in two columns: the balance is named in the same findings, not a third
            ("NB202", "自然人列 一、本年新收 1 + 二、上年结转 0 = 1，而（七）总计 0"),
            ("NB101", "缺少第六部分"),
            ("NB404", "没有落款"),
        ],
        {"NB104", "NB106", "NB201", "NB205", "NB206", "NB301", "NB402", "NB403", "NB501", "NB503"},
    ),
    "003": (
        [1, 2, 3, 5, 6],
        ["t2", "t3"],
        [
            ("NB902", "公开"),
            ("NB901", "加粗"),
            ("NB502", "本年度止件数"),
            ("NB106", "表三不完整"),
            ("NB101", "缺少第四部分"),
            ("NB404", "没有落款"),
        ],
        {"NB103", "NB104", "NB2", "NB301", "NB302", "NB402", "NB403", "NB501", "NB503"},
    ),
    "004": (
        [1, 2, 3, 4, 5, 6],
        ["t2", "t3", "t4"],
        [("NB502", "本年度止件数"), ("NB207", "表四有 5 个空白单元格（“行政复议”的结果维持")],
        {
            "NB101",
            "NB102",
            "NB103",
            "NB104",
            "NB106",
            "NB201",
            "NB202",
            "NB203",
            "NB206",
            "NB3",
            "NB4",
            "NB501",
            "NB503",
            "NB9",
        },
    ),
}


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_structure_is_recognised(prefix: str) -> None:
    sections, tables, _, _ = EXPECTED[prefix]
    report = parse(Source.from_bytes(_seed(prefix).read_bytes()), str(_seed(prefix)))
    assert [s.number for s in report.sections] == sections
    assert [t.kind for t in report.tables] == tables
    for table in report.tables:
        expected_cells: dict[tuple[str | None, str | None], int] = {
            ("t2", "2019"): 22,
            ("t2", "2021"): 10,
            ("t3", "2019"): 161,
            ("t3", "2021"): 175,
            ("t4", None): 15,
        }
        if table.kind == "t3" and table.template is None:
            continue  # truncated: NB106 reports the missing rows
        assert len(table.cells) == expected_cells[(table.kind, table.template)]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed_defects_are_reported_without_false_alarms(prefix: str) -> None:
    _, _, must, must_not = EXPECTED[prefix]
    result = Linter(build_registry(entry_points=False)).check_bytes(_seed(prefix).read_bytes(), "seed.txt", Selection())
    found = [(f.code, f.message) for f in result.findings]
    for code, text in must:
        assert any(c == code and text in m for c, m in found), (code, text, found)
    unexpected = [(c, m) for c, m in found if any(c.startswith(p) for p in must_not)]
    assert unexpected == []


def test_cli_json_on_all_seeds() -> None:
    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    proc = subprocess.run(
        [sys.executable, "-m", "nianbao", "check", "--format", "json", *seeds],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert proc.returncode == 1, proc.stderr
    records = json.loads(proc.stdout)
    assert {r["path"] for r in records} == set(seeds)
    assert records == sorted(records, key=lambda r: (r["path"], r["line"], r["column"]))
