"""`nianbao check` on .docx, web pages and PDFs: the same findings as the text draft, located in
each file's own terms, --fix on .docx keeping the package, report-only HTML and PDF."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from nianbao.testing.drafts import clean

from .conftest import SARIF_SCHEMA as SCHEMA
from .conftest import check_cli
from .documents_support import make_docx, make_html, make_pdfs

BAD = (
    clean()
    .replace("（七）总计\t\t3\t1", "（七）总计\t\t4\t1")
    .replace("属于国家秘密", "属于国家机密")
    .replace("人民政府2023年政府", "人民政府2022年政府")
)


run = check_cli  # the shared helper, under the name these tests use


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same defective report as .txt, .docx, .html (GBK) and, with LibreOffice, .pdf."""
    root = tmp_path_factory.mktemp("reports")
    (root / "report.txt").write_text(BAD, encoding="utf-8")
    docx_bytes = make_docx(BAD)
    (root / "report.docx").write_bytes(docx_bytes)
    (root / "report.html").write_bytes(make_html(BAD))
    if shutil.which("soffice"):
        (root / "report.pdf").write_bytes(make_pdfs([docx_bytes])[0])
    return root


def test_a_folder_gives_the_same_findings_for_every_format(folder: Path) -> None:
    proc = run(folder, ".", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    records = json.loads(proc.stdout)
    by_file: dict[str, list[tuple[str, str]]] = {}
    for r in records:
        by_file.setdefault(Path(r["path"]).name, []).append((r["code"], r["message"]))
    expected = sorted(by_file["report.txt"])
    assert len(expected) == 3  # the wrong （七） cell is one finding (its balance is in its message)
    names = {p.name for p in folder.iterdir()}
    assert set(by_file) == names
    for name in names:
        assert sorted(by_file[name]) == expected, name
    for r in records:
        suffix = Path(r["path"]).suffix
        if suffix == ".txt":
            assert "location" not in r
            continue
        loc = r["location"]
        assert loc["format"] == suffix[1:] and loc["excerpt"]
        if r["code"] == "NB502":
            assert loc["excerpt"][slice(*loc["span"])] == "国家机密"
            assert loc["cell"]["column"] == 3
        if suffix == ".pdf":
            assert loc["page"] >= 1
        if suffix == ".html":
            line = make_html(BAD).decode("gb18030").splitlines()[r["line"] - 1]
            assert line[r["column"] - 1 :].startswith(loc["excerpt"][slice(*loc["span"])])


def test_text_output_names_the_place_and_shows_the_excerpt(folder: Path) -> None:
    out = run(folder, "report.docx", "report.html").stdout
    assert re.search(r"report\.docx:第\d+个表格 第8行 第3列: NB502", out)
    assert "report.docx:第1段: NB301" in out
    assert re.search(r"report\.html:\d+:\d+（第2个表格 第8行 第3列）: NB502", out)
    block = out[out.index("report.docx:第1段: NB301") :].split("\n")
    assert block[2].strip("| ") == "青禾县云溪镇人民政府2022年政府信息公开工作年度报告"
    assert block[3].strip(" |") == "^^^^"


def test_sarif_for_documents_validates(folder: Path) -> None:
    log = json.loads(run(folder, ".", "--format", "sarif").stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in log["runs"][0]["results"]]
    assert any("snippet" in region and "startLine" not in region for region in regions)  # .docx/.pdf
    assert any("startLine" in region and "properties" in region for region in regions)  # .html
    # A fix --fix cannot make in a web page or PDF is no SARIF fix a system could apply: it is
    # named as manual, with what to change; the .txt and .docx keep theirs.
    by_file: dict[str, list[dict[str, Any]]] = {}
    for r in log["runs"][0]["results"]:
        by_file.setdefault(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], []).append(r)
    html_fixable = [r for r in by_file["report.html"] if r.get("properties", {}).get("fixApplicability")]
    assert html_fixable and all("fixes" not in r for r in html_fixable)
    assert all(
        r["properties"]["fixApplicability"] == "manual" and r["properties"]["fixDescription"] for r in html_fixable
    )
    assert any("fixes" in r for r in by_file["report.txt"]) and any("fixes" in r for r in by_file["report.docx"])


def test_github_annotations_for_a_docx_name_the_place(folder: Path) -> None:
    out = run(folder, "report.docx", "--format", "github").stdout
    line = next(x for x in out.splitlines() if "NB502" in x)
    assert "line=" not in line and "第8行 第3列" in line


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def test_fix_on_a_docx_changes_only_the_edited_runs(tmp_path: Path) -> None:
    before = make_docx(BAD)
    (tmp_path / "report.docx").write_bytes(before)
    proc = run(tmp_path, "report.docx", "--fix")
    assert proc.returncode == 1  # the totals need a person
    after = (tmp_path / "report.docx").read_bytes()
    old, new = parts(before), parts(after)
    assert list(old) == list(new)
    for name in old:
        if name != "word/document.xml":
            assert old[name] == new[name], name
    # document.xml: the same bytes outside the two edited w:t elements
    a, b = old["word/document.xml"].decode(), new["word/document.xml"].decode()
    diffs = [(x, y) for x, y in zip(re.split(r"(<w:t[ >].*?</w:t>)", a), re.split(r"(<w:t[ >].*?</w:t>)", b)) if x != y]
    assert [(x, y) for x, y in diffs] == [
        ("<w:t>2022年政府信息公开工作年度报告</w:t>", "<w:t>2023年政府信息公开工作年度报告</w:t>"),
        ("<w:t>1.属于国家机密</w:t>", "<w:t>1.属于国家秘密</w:t>"),
    ]
    assert "已修复 2 个问题" in proc.stdout
    again = run(tmp_path, "report.docx", "--fix")
    assert (tmp_path / "report.docx").read_bytes() == after and "已修复" not in again.stdout


def year_across_runs() -> bytes:
    """The clean draft as a .docx whose title year is 2022, typed in two runs (20 | 22年…)."""
    import docx

    document = docx.Document(io.BytesIO(make_docx(clean())))
    title = document.paragraphs[0]
    title.runs[0].text = "青禾县云溪镇人民政府20"
    title.add_run("22年政府信息公开工作年度报告")  # the year split over two runs
    for run_ in title.runs[1:-1]:
        run_.text = ""
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_fix_across_runs_is_reported_not_applied(tmp_path: Path) -> None:
    data = year_across_runs()
    (tmp_path / "report.docx").write_bytes(data)
    proc = run(tmp_path, "report.docx", "--fix")
    assert (tmp_path / "report.docx").read_bytes() == data
    assert "1 个修复涉及多处格式" in proc.stderr and "NB301" in proc.stdout


def test_fixable_is_claimed_only_where_fix_can_fix(folder: Path, tmp_path: Path) -> None:
    """The same safe fixes: offered for the text and for a .docx inside single runs; to be made
    by hand in a web page, a PDF and a .docx fix across runs — shown so, and not counted."""
    out = run(folder, "report.txt", "report.docx").stdout
    assert out.count("= 可自动修复") == 4 and "其中 4 个可用 --fix 自动修复" in out
    documents = ["report.html"] + (["report.pdf"] if (folder / "report.pdf").exists() else [])
    out = run(folder, *documents).stdout
    assert "可自动修复" not in out and "--fix" not in out
    assert out.count("= 需手工修改：把标题年份改为 2023") == len(documents)
    records = json.loads(run(folder, *documents, "--format", "json").stdout)
    assert {r["fix"]["applicability"] for r in records if r["fix"]} == {"manual"}
    stats = json.loads(run(folder, *documents, "--statistics", "--format", "json").stdout)
    assert stats and all(s["fixable"] == s["suggested"] == 0 for s in stats)
    (tmp_path / "split.docx").write_bytes(year_across_runs())
    out = run(tmp_path, "split.docx").stdout
    assert "= 需手工修改：把标题年份改为 2023" in out and "可自动修复" not in out


def test_diff_on_a_docx_shows_the_text_change_and_writes_nothing(tmp_path: Path) -> None:
    data = make_docx(BAD)
    (tmp_path / "report.docx").write_bytes(data)
    proc = run(tmp_path, "report.docx", "--diff")
    assert "-青禾县云溪镇人民政府2022年" in proc.stdout and "+青禾县云溪镇人民政府2023年" in proc.stdout
    assert (tmp_path / "report.docx").read_bytes() == data


def test_fix_on_a_web_page_is_report_only(tmp_path: Path) -> None:
    data = make_html(BAD)
    (tmp_path / "report.html").write_bytes(data)
    proc = run(tmp_path, "report.html", "--fix")
    assert proc.returncode == 1 and "只检查、不修复" in proc.stderr
    assert (tmp_path / "report.html").read_bytes() == data


def test_legacy_word_files_get_nb002(tmp_path: Path) -> None:
    (tmp_path / "report.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (tmp_path / "fake.docx").write_bytes(b"not a zip")
    proc = run(tmp_path, "report.doc", "fake.docx")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "report.doc:1:1: NB002" in proc.stdout and "另存为" in proc.stdout
    assert "fake.docx:1:1: NB002" in proc.stdout and "不是 zip 包" in proc.stdout


def test_cached_findings_of_a_document_keep_their_location(tmp_path: Path) -> None:
    (tmp_path / "report.docx").write_bytes(make_docx(BAD))
    args = [sys.executable, "-m", "nianbao", "check", "report.docx", "--format", "json", "--cache-dir", "c"]
    first = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, encoding="utf-8").stdout
    second = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, encoding="utf-8").stdout
    assert first == second and '"location"' in second


def test_checking_a_text_draft_imports_no_document_library(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(BAD, encoding="utf-8")
    code = (
        "import sys; from nianbao.cli import main; main(['check', '--no-cache', 'report.txt']);"
        "print(sorted(m for m in ('docx', 'lxml', 'pdfplumber', 'pdfminer', 'nianbao.documents') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True).stdout
    assert out.strip().endswith("[]")
