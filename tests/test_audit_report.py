"""``nianbao report``: the audit model, the workbook read back with openpyxl, and the HTML's data —
their numbers must equal those of ``nianbao check --format json`` on the same drafts."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from nianbao.cli import main

from . import audit_corpus


def check_json(folder: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    main(["check", "--format", "json", "--no-cache", str(folder)])
    return list(json.loads(capsys.readouterr().out))


def embedded(html: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="audit-data">(.*?)</script>', html, re.S)
    assert m is not None
    return dict(json.loads(m.group(1)))


def expected_overview(records: list[dict[str, Any]], files: int) -> dict[str, int]:
    by_file: dict[str, set[str]] = {}
    for r in records:
        by_file.setdefault(r["path"], set()).add(r["severity"])
    errors = sum("error" in s for s in by_file.values())
    warnings = sum("error" not in s and "warning" in s for s in by_file.values())
    severities = Counter(r["severity"] for r in records)
    return {
        "检查报告": files,
        "有错误": errors,
        "仅有警告": warnings,
        "通过": files - errors - warnings,
        "问题总数": len(records),
        "错误": severities["error"],
        "警告": severities["warning"],
        "提示": severities["info"],
    }


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("audit")
    audit_corpus.write(root / "各单位年报")
    return root / "各单位年报"


def test_the_workbook_has_one_row_per_finding_and_the_overview_of_the_json(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    records = check_json(folder, capsys)
    files = len(list(folder.iterdir()))
    out = tmp_path / "审核报告.xlsx"
    assert main(["report", str(folder), "-o", str(out), "--no-cache"]) == 0
    assert f"共 {files} 份报告" in capsys.readouterr().out
    book = load_workbook(out, read_only=True)
    assert book.sheetnames == ["概况", "报告", "问题"]

    rows = list(book["问题"].iter_rows(values_only=True))
    header, findings = rows[0], rows[1:]
    assert header[:4] == ("文件", "单位", "年度", "代码")
    column = {name: i for i, name in enumerate(header)}
    assert len(findings) == len(records)
    assert Counter(
        (row[column["文件"]], row[column["代码"]], row[column["行"]], row[column["列"]], row[column["说明"]])
        for row in findings
    ) == Counter(
        # an undecodable file has no lines: its one finding (NB002) is placed nowhere in the workbook
        (r["path"], r["code"], *((None, None) if r["code"] == "NB002" else (r["line"], r["column"])), r["message"])
        for r in records
    )

    overview = {row[0]: row[1] for row in book["概况"].iter_rows(values_only=True) if len(row) > 1 and row[0]}
    for label, value in expected_overview(records, files).items():
        assert overview[label] == value, label

    reports = list(book["报告"].iter_rows(values_only=True))
    assert len(reports) == files + 1
    health = [r for r in reports[1:] if r[1] == "松山县卫生健康局"]
    assert sorted((r[2], r[3], r[4]) for r in health) == [
        ("县级", 2020, "2019"),
        ("县级", 2021, "2021"),
        ("县级", 2022, "2021"),
        ("县级", 2023, "2021"),
    ]


def test_the_html_embeds_every_report_and_finding_with_its_place(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = check_json(folder, capsys)
    out = tmp_path / "审核报告.html"
    assert main(["report", str(folder), "-o", str(out), "--no-cache", "-j", "2"]) == 0
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]*(src|href)=", html)  # nothing to fetch: it opens offline
    data = embedded(html)
    assert sorted(data["charts"]) == ["errors", "families", "heatmap"]
    reports = {r["p"]: r for r in data["reports"]}
    assert len(reports) == len(list(folder.iterdir()))
    assert sum(len(r["f"]) for r in reports.values()) == len(records)
    for r in reports.values():
        assert (r["e"], r["w"]) == (
            sum(f[1] == "error" for f in r["f"]),
            sum(f[1] == "warning" for f in r["f"]),
        )
    # every finding placed as the JSON output places it, with its excerpt marking the flagged text
    placed = Counter((path, f[0], f[3][0], f[3][1]) for path, r in reports.items() for f in r["f"] if f[3])
    assert placed == Counter((r["path"], r["code"], r["line"], r["column"]) for r in records if r["code"] != "NB002")
    total = next(f for r in reports.values() for f in r["f"] if f[0] == "NB202")
    line, column, excerpt, start, end, message, place = total[3]
    assert excerpt[start:end] == "4" and "（七）总计" in excerpt
    assert total[4].startswith("把（七）总计") and total[5] == "suggested"
    related = {loc[5]: loc[2][loc[3] : loc[4]] for loc in total[6]}  # what each related place says, and marks
    assert related["“（一）予以公开”的自然人列 2"] == "2"
    # the file that is not text: no place, no inference, still a report with an error
    unreadable = next(r for p, r in reports.items() if p.endswith("扫描件2023年度报告.txt"))
    assert (unreadable["a"], unreadable["y"], unreadable["s"]) == (None, None, "error")
    assert [f[0] for f in unreadable["f"]] == ["NB002"] and unreadable["f"][0][3] is None
    street = next(r for r in reports.values() if r["a"] == "松山县城关街道办事处" and r["y"] == 2023)
    assert (street["l"], street["t"], street["rt"]) == ("乡镇级", "2021", "2021")


def test_summaries_come_back_from_the_cache(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = str(tmp_path / "cache")
    first, again = tmp_path / "first.html", tmp_path / "again.html"
    assert main(["report", str(folder), "-o", str(first), "--cache-dir", cache]) == 0
    entries = set(Path(cache).rglob("*.json"))  # one a file, and one a pair of years compared
    assert len(entries) > len(list(folder.iterdir()))
    assert main(["report", str(folder), "-o", str(again), "--cache-dir", cache]) == 0
    assert set(Path(cache).rglob("*.json")) == entries  # all answered from the cache
    data = embedded(again.read_text(encoding="utf-8"))
    assert data == embedded(first.read_text(encoding="utf-8"))
    assert {r["a"] for r in data["reports"]} >= {name for name, _ in audit_corpus.AGENCIES}


def test_text_from_drafts_cannot_break_out_of_the_page(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "</script><script>alert(1)</script>镇"
    (tmp_cwd / "nianbao.toml").write_text(f'agency = "{hostile}"\n', encoding="utf-8")
    text = next(iter(audit_corpus.drafts().values())).replace("1.属于国家秘密", "1.属于国家机密")
    (tmp_cwd / "r.txt").write_text(text, encoding="utf-8")
    assert main(["report", "r.txt", "-o", "out.html"]) == 0
    html = Path("out.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert embedded(html)["reports"][0]["a"] == hostile


def test_clean_reports_render_without_charts(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_cwd / "r.txt").write_text(audit_corpus.drafts()["青禾县云溪镇人民政府2020年度报告.txt"], encoding="utf-8")
    assert main(["report", ".", "-o", "out.html"]) == 0
    html = Path("out.html").read_text(encoding="utf-8")
    assert "所有报告均未发现问题" in html and embedded(html)["charts"] == {}
    assert "plotly.js v" not in html  # no 4 MB library for nothing


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", ".", "-o", "out.pdf"], "不支持的报告格式"),
        (["report", "-", "-o", "out.html"], "不能读取标准输入"),
        (["report", "missing", "-o", "out.html"], "路径不存在"),
        (["report", "empty", "-o", "out.html"], "没有找到草稿"),
        (["report", ".", "-o", "no/such/folder/out.html"], "无法写入"),
    ],
)
def test_report_usage_errors(tmp_cwd: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    (tmp_cwd / "empty").mkdir()
    (tmp_cwd / "r.txt").write_text(audit_corpus.drafts()["青禾县云溪镇人民政府2020年度报告.txt"], encoding="utf-8")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_related_places_in_another_file_are_rendered(tmp_cwd: Path) -> None:
    """Findings that compare drafts (a report and last year's) point into another file: any related
    place that carries a ``path`` is read from that file and shown with its name."""
    from nianbao.audit.html import data
    from nianbao.audit.model import build
    from nianbao.plugins import build_registry
    from nianbao.results import FileResult
    from nianbao.ruledef import Finding, Related
    from nianbao.source import Source

    last_year = tmp_cwd / "2022.txt"
    last_year.write_text("标题\n四、结转下年度继续办理\t2\n", encoding="utf-8")
    this_year = "标题\n二、上年结转\t1\n"
    start = this_year.index("1")
    at = last_year.read_text(encoding="utf-8").index("2")
    elsewhere = Related(at, at + 1, "上年结转下年度 2", str(last_year))
    finding = Finding(start, start + 1, "上年结转 1 与上年报告的结转下年度 2 不符", related=(elsewhere,))
    finding = finding.completed("NB601", "carry-over", "error", 1)
    result = FileResult("2023.txt", Source.from_text(this_year), (finding,))
    audit = build([result], build_registry(entry_points=False), ["."])
    (place,) = audit.reports[0].findings[0].related
    assert (place.path, place.line, place.column, place.message) == (str(last_year), 2, 13, "上年结转下年度 2")
    assert place.excerpt[place.mark[0] : place.mark[1]] == "2"
    assert audit.reports[0].findings[0].family == "NB6xx 跨年度比对"
    located = data(audit, {})["reports"][0]["f"][0][6][0]
    assert located[-1] == str(last_year)  # the page names the other file


def test_checking_imports_no_chart_workbook_or_progress_library(tmp_cwd: Path) -> None:
    (tmp_cwd / "r.txt").write_text(audit_corpus.drafts()["青禾县云溪镇人民政府2020年度报告.txt"], encoding="utf-8")
    code = (
        "import sys; from nianbao.cli import main; main(['check', '--no-cache', 'r.txt']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('plotly', 'openpyxl', 'tqdm', 'narwhals')"
        " or m.startswith('nianbao.audit')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_cwd)
    assert proc.stdout.strip().endswith("[]"), proc.stdout + proc.stderr


def test_findings_in_documents_are_placed_in_the_documents_terms(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import load_workbook

    from nianbao.testing.drafts import clean

    from .documents_support import make_docx, make_html

    text = clean().replace("1.属于国家秘密", "1.属于国家机密")
    Path("云溪镇.docx").write_bytes(make_docx(text))
    Path("云溪镇.html").write_bytes(make_html(text))
    records = check_json(Path("."), capsys)
    assert main(["report", ".", "-o", "out.html"]) == 0
    reports = {r["p"]: r for r in embedded(Path("out.html").read_text(encoding="utf-8"))["reports"]}
    for name in ("云溪镇.docx", "云溪镇.html"):
        (finding,) = (f for f in reports[name]["f"] if f[0] == "NB502")
        line, column, excerpt, start, end, _, place, *_ = finding[3]
        assert excerpt[start:end] == "国家机密" and "个表格 第" in place
        (record,) = (r for r in records if r["path"] == name and r["code"] == "NB502")
        assert (line, column) == (record["line"], record["column"])  # as the JSON output places it
    assert main(["report", ".", "-o", "out.xlsx"]) == 0
    rows = list(load_workbook("out.xlsx", read_only=True)["问题"].iter_rows(values_only=True))
    column = rows[0].index("位置")
    places = {row[0]: row[column] for row in rows[1:] if row[3] == "NB502"}
    assert places["云溪镇.docx"] == reports["云溪镇.docx"]["f"][0][3][6]  # the same place as in the page
    assert places["云溪镇.html"].startswith(f"{places_line(records, '云溪镇.html')}:")  # the page source's line first


def places_line(records: list[dict[str, Any]], path: str) -> int:
    return next(int(r["line"]) for r in records if r["path"] == path and r["code"] == "NB502")


def test_control_characters_and_undecodable_names_reach_both_files(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A form feed left by a PDF conversion inside a flagged line (Excel refuses control characters),
    and a file name that is not valid UTF-8, still make a page and a workbook."""
    from openpyxl import load_workbook

    from nianbao.testing.drafts import clean

    text = clean().replace("1.属于国家秘密", "1.属于国家机密\f")
    Path("草稿.txt").write_text(text, encoding="utf-8")
    odd = os.fsdecode(b"\xff\xfe-draft.txt")
    Path(odd).write_text(text, encoding="utf-8")
    assert main(["report", ".", "-o", "out.xlsx"]) == 0
    rows = list(load_workbook("out.xlsx", read_only=True)["问题"].iter_rows(values_only=True))
    assert sorted(row[0] for row in rows[1:]) == ["\\xff\\xfe-draft.txt", "草稿.txt"]
    assert all("\f" not in (row[11] or "") for row in rows[1:])
    assert main(["report", ".", "-o", "out.html"]) == 0
    names = {r["p"] for r in embedded(Path("out.html").read_text(encoding="utf-8"))["reports"]}
    assert names == {"\\xff\\xfe-draft.txt", "草稿.txt"}
