"""Folder walks: .gitignore and exclude are respected; files that are not reports are skipped and counted."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.sniff import looks_like_report
from nianbao.testing import sample_draft
from nianbao.testing.drafts import FORMS
from nianbao.walk import walk

from .conftest import SHARED

BAD = sample_draft().replace("1.属于国家秘密", "1.属于国家机密")
README = "# 本目录说明\n\n这里存放各乡镇报送的年度报告草稿，请勿删除。\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def checked(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[set[str], str]:
    capsys.readouterr()
    main(["check", "--format", "json", "--no-cache", *args])
    captured = capsys.readouterr()
    return {Path(r["path"]).as_posix() for r in json.loads(captured.out)}, captured.err


@pytest.mark.parametrize("form", FORMS)
def test_every_surface_form_of_a_draft_looks_like_a_report(form: str) -> None:
    text = sample_draft(form)
    name = "r.md" if form == "markdown" else "r.txt"
    assert looks_like_report(name, text.encode("utf-8"))
    assert looks_like_report(name, text.encode("gb18030"))
    assert looks_like_report(name, text.encode("utf-16"))
    # only the title, one heading, or the tables glued into one paragraph: still a report
    lines = text.split("\n")
    assert looks_like_report(name, (lines[0] + "（初稿）\n").encode())
    assert looks_like_report(name, b"\n\n" + "一、总体情况\n".encode())


def test_text_that_is_not_a_report_is_recognised() -> None:
    for text in (
        README,
        "# nianbao — 政府信息公开工作年度报告检查工具\n\n检查表三的勾稽关系。\n",  # words of a report, no title line
        "会议纪要\n\n讨论了行政复议和行政诉讼的情况。\n",  # two table words are not a table
        "",
    ):
        assert not looks_like_report("notes.md", text.encode("utf-8")), text
    assert looks_like_report("binary.txt", b"\x00\x01\x02\xff" * 100)  # undecodable: checked, NB002 says why
    assert looks_like_report("报告.docx", b"PK\x03\x04")  # formats without a text test are always checked


def test_walk_skips_non_reports_and_says_so(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_cwd / "drafts" / "README.md", README)
    write(tmp_cwd / "drafts" / "a.txt", BAD)
    found, err = checked(capsys, "drafts")
    assert found == {"drafts/a.txt"}
    assert "跳过 1 个不像年度报告的文件：drafts/README.md" in err.replace("\\", "/")
    # named explicitly, it is checked
    found, err = checked(capsys, "drafts/README.md")
    assert found == {"drafts/README.md"} and "跳过" not in err
    # many: the first three, all with --verbose
    for i in range(5):
        write(tmp_cwd / "drafts" / f"note{i}.txt", "备忘\n")
    _, err = checked(capsys, "drafts")
    assert "跳过 6 个不像年度报告的文件" in err and "--verbose 列出全部" in err and "note4" not in err
    _, err = checked(capsys, "drafts", "--verbose")
    assert all(f"note{i}.txt" in err for i in range(5)) and "README.md" in err


def test_a_cached_walk_skips_the_same_files_without_parsing(tmp_cwd: Path) -> None:
    write(tmp_cwd / "README.md", README)
    write(tmp_cwd / "a.txt", BAD)
    code = (
        "import sys; from nianbao.cli import main; main(['check', '--format', 'json', '.']); "
        "print('parser imported' if 'nianbao.parsing' in sys.modules else '', file=sys.stderr)"
    )

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_cwd, capture_output=True, text=True, encoding="utf-8"
        )

    subprocess.run([sys.executable, "-m", "nianbao", "check", "README.md"], cwd=tmp_cwd, capture_output=True)
    first, again = run(), run()  # the README's findings from the named run are not reused by the walk
    for proc in (first, again):
        assert {r["path"] for r in json.loads(proc.stdout)} == {"a.txt"} and "README.md" in proc.stderr
    assert "parser imported" in first.stderr and "parser imported" not in again.stderr


def test_walk_respects_gitignore_like_git(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    write(repo / ".gitignore", "*.egg-info/\nbuild/\n/top.txt\nold-*.txt\n!old-keep.txt\n")
    (repo / ".git").mkdir()
    write(repo / ".git" / "info" / "exclude", "local.txt\n")
    for name in (
        "pkg.egg-info/SOURCES.txt",
        "build/r.txt",
        "top.txt",
        "sub/top.txt",
        "old-a.txt",
        "old-keep.txt",
        "local.txt",
        "sub/.gitignore",
        "sub/x.txt",
        "sub/deep/y.txt",
        "sub/deep/z.md",
    ):
        write(repo / name, "x\n")
    write(repo / "sub" / ".gitignore", "x.txt\ndeep/*.md\n")
    found = {p.relative_to(repo).as_posix() for p in walk(repo)}
    assert found == {"sub/top.txt", "old-keep.txt", "sub/deep/y.txt"}
    # walking a folder inside the repository: the .gitignore files above it count
    assert {p.relative_to(repo).as_posix() for p in walk(repo / "sub")} == {"sub/top.txt", "sub/deep/y.txt"}
    write(repo / "sub" / "old-b.txt", "x\n")
    assert repo / "sub" / "old-b.txt" not in walk(repo / "sub")
    # outside a repository, only the .gitignore files in the walked tree count
    (repo / ".git" / "info" / "exclude").unlink()
    (repo / ".git" / "info").rmdir()
    (repo / ".git").rmdir()
    assert repo / "sub" / "old-b.txt" in walk(repo / "sub")


def test_exclude_prunes_folders_and_force_exclude_applies_to_named_files(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_cwd / "nianbao.toml", 'exclude = ["archive"]\n')
    write(tmp_cwd / "archive" / "old.txt", BAD)
    write(tmp_cwd / "README.md", README)
    write(tmp_cwd / "a.txt", BAD)
    assert checked(capsys, ".")[0] == {"a.txt"}
    assert checked(capsys, "archive/old.txt", "README.md")[0] == {"archive/old.txt", "README.md"}
    found, err = checked(capsys, "--force-exclude", "archive/old.txt", "README.md", "a.txt")
    assert found == {"a.txt"} and "跳过 1 个不像年度报告的文件：README.md" in err


@pytest.mark.skipif(not (SHARED / "corpus" / "cases" / "README.md").is_file(), reason="../shared is not present")
def test_the_shared_cases_folder_readme_is_skipped(capsys: pytest.CaptureFixture[str]) -> None:
    found, err = checked(capsys, str(SHARED / "corpus" / "cases"))
    assert not any(p.endswith("README.md") for p in found) and "README.md" in err


def test_a_file_named_and_walked_is_checked_once_as_named(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_cwd / "d" / "README.md", README)
    write(tmp_cwd / "d" / "a.txt", BAD)
    capsys.readouterr()
    main(["check", "--format", "json", "--no-cache", "d", "d/README.md", "d/a.txt"])
    records = json.loads(capsys.readouterr().out)
    assert {Path(r["path"]).as_posix() for r in records} == {"d/README.md", "d/a.txt"}
    main(["check", "--format", "json", "--no-cache", "d/a.txt"])
    alone = json.loads(capsys.readouterr().out)
    assert len([r for r in records if r["path"].endswith("a.txt")]) == len(alone)  # not twice


def test_a_web_page_is_tested_on_its_text() -> None:
    from .documents_support import make_html

    page = make_html(sample_draft("tab"), charset="gbk")
    assert looks_like_report("报告.html", page)
    index = (
        "<html><head><title>政务公开</title></head><body><ul><li><a href='a.html'>通知公告</a></li></ul></body></html>"
    )
    assert not looks_like_report("index.html", index.encode("utf-8"))
    # a report's page whose only content is a title and the table words still counts
    assert looks_like_report("r.shtml", "<h1>某县人民政府2023年政府信息公开工作年度报告</h1>".encode("gb18030"))


def test_walk_gives_the_files_in_sorted_order_one_at_a_time(tmp_path: Path) -> None:
    """A walk yields what `sorted` would give of everything it finds — a subfolder's files where
    the folder's name falls among the files' names (a, a-b.txt, a0.txt: not string order) — and
    leaves out what a folder walk always left out."""
    for name in ("b.txt", "a-b.txt", "a/x.txt", "a/a/y.md", "a0.txt", "云溪镇/2023.txt", "A.txt", "a/.hidden.txt"):
        write(tmp_path / name, "x\n")
    write(tmp_path / "node_modules" / "n.txt", "x\n")
    write(tmp_path / "notes.csv", "x\n")
    (tmp_path / "link").symlink_to(tmp_path / "a")  # a link to a folder is not entered
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # a broken link is a file (the check says why)
    found = walk(tmp_path)
    assert next(found) == tmp_path / "A.txt"  # one at a time
    expected = ["a/a/y.md", "a/x.txt", "a-b.txt", "a0.txt", "b.txt", "gone.txt", "云溪镇/2023.txt"]
    assert [p.relative_to(tmp_path).as_posix() for p in found] == expected
    assert sorted(walk(tmp_path)) == list(walk(tmp_path))


def test_files_hold_paths_and_flags_in_order() -> None:
    """`Files` gives back each path as it was added (a name that is not valid UTF-8 too), None for
    standard input, each with its flag; indexed as a list, and without standard input on demand."""
    from nianbao.files import Files

    odd = Path("草稿/\udcff.txt")  # an undecodable byte, as the file system gave it
    files = Files()
    for path, sniffed in ((Path("a.txt"), False), (None, False), (odd, True), (Path("/abs/b.md"), True)):
        files.append(path, sniffed)
    assert list(files) == [Path("a.txt"), None, odd, Path("/abs/b.md")]
    assert (len(files), files[-1], files[2], None in files, Path("b.md") in files) == (
        4,
        Path("/abs/b.md"),
        odd,
        True,
        False,
    )
    assert [files.sniffed(i) for i in range(4)] == [False, False, True, True]
    assert files.stdin_count == 1 and None not in files.on_disk() and files.on_disk().stdin_count == 0
    with pytest.raises(IndexError):
        files[4]
    with pytest.raises(IndexError):
        files[-5]
    disk = files.on_disk()
    assert list(disk) == [Path("a.txt"), odd, Path("/abs/b.md")]
    assert [disk.sniffed(i) for i in range(3)] == [False, True, True]
    assert list(Files()) == []
