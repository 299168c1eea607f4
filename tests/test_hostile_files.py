"""Hostile files and folders: each is reported, the rest is checked, and the exit status is 2 at the end."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao.cache import Cache
from nianbao.cli import main
from nianbao.testing.drafts import clean

from .conftest import check_cli

BAD = clean().replace("1.属于国家秘密", "1.属于国家机密")
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, symlinks and byte file names are POSIX")


@POSIX
def test_a_fifo_and_a_dangling_link_are_reported_and_the_rest_is_checked(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    for args in ((".",), ("pipe.txt", "dangling.txt", "bad.txt")):
        run = check_cli(tmp_path, "--format", "json", *args)
        assert run.returncode == 2, run.stderr
        assert [f["path"] for f in json.loads(run.stdout)] == ["bad.txt"]  # the rest was checked
        assert "pipe.txt" in run.stderr and "不是普通文件" in run.stderr
        assert "dangling.txt" in run.stderr and "不存在" in run.stderr
        assert "Traceback" not in run.stderr and "内部错误" not in run.stderr


@POSIX
@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "text"])
def test_a_file_name_that_is_not_utf8_gives_valid_output(tmp_path: Path, fmt: str) -> None:
    name = os.fsdecode(b"bad\xff.txt")
    try:
        (tmp_path / name).write_text(BAD, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system does not take a name that is not UTF-8")
    for env in ({}, {"PYTHONIOENCODING": "utf-8"}):
        run = check_cli(tmp_path, "--format", fmt, ".", env=env)
        assert run.returncode == 1, run.stderr
        if fmt == "json":
            assert json.loads(run.stdout)[0]["path"] == "bad\\xff.txt"
        elif fmt == "sarif":
            location = json.loads(run.stdout)["runs"][0]["results"][0]["locations"][0]
            assert location["physicalLocation"]["artifactLocation"]["uri"] == "bad%FF.txt"
        else:
            assert "bad\\xff.txt" in run.stdout


def test_fix_on_a_file_that_cannot_be_written(tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:  # type: ignore[no-untyped-def]
    (tmp_cwd / "locked.txt").write_text(BAD, encoding="utf-8")
    (tmp_cwd / "other.txt").write_text(BAD, encoding="utf-8")
    real = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:  # root ignores file modes: refuse like a read-only file
        if self.name == "locked.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    assert main(["check", "--no-cache", "--fix", "--no-source", "locked.txt", "other.txt"]) == 2
    out, err = capsys.readouterr()
    assert "无法写入 locked.txt（没有权限），修复未保存" in err and "内部错误" not in err
    assert "locked.txt:55:14: NB502" in out  # what is still wrong on disk
    assert (tmp_cwd / "locked.txt").read_text(encoding="utf-8") == BAD
    assert "国家秘密" in (tmp_cwd / "other.txt").read_text(encoding="utf-8")  # the rest was fixed


@pytest.mark.parametrize(
    "entry",
    [
        b'[{"s": 0, "e": 1, "m": "x", "c": "NB502", "n": "n", "v": "fatal", "l": 0}]',  # bad severity
        b'[{"s": "0", "e": 1, "m": "x", "c": "NB502", "n": "n", "v": "error", "l": 0}]',  # wrong type
        b'[{"s": 0, "e": 1, "m": 5, "c": "NB502", "n": "n", "v": "error", "l": 0}]',
        b'[{"s": 0, "e": 1, "m": "x", "c": "NB502", "n": "n", "v": "error", "l": 0, "f": [1]}]',
        b'{"s": 0}',  # not a list
        b'"text"',
        b"[1, 2]",
        b'[{"s": 0, "e": 1, "m": "x", "c": "NB5',  # truncated
        b"\xff\xfe",
    ],
)
def test_a_corrupted_cache_entry_is_a_miss(tmp_path: Path, entry: bytes) -> None:
    cache = Cache(tmp_path)
    key = cache.key(b"draft")
    cache.store(key, ())
    path = next(tmp_path.rglob(f"{key}.json"))
    path.write_bytes(entry)
    assert cache.load(key, "draft.txt") is None


def test_a_corrupted_cache_entry_is_rechecked_by_the_cli(tmp_path: Path) -> None:
    (tmp_path / "bad.txt").write_text(BAD, encoding="utf-8")
    run = [sys.executable, "-m", "nianbao", "check", "--format", "json", "bad.txt"]  # with the cache
    first = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=60)
    for entry in (tmp_path / ".nianbao_cache").rglob("*.json"):
        entry.write_text(entry.read_text(encoding="utf-8").replace('"warning"', '"fatal"'), encoding="utf-8")
    again = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert again.returncode == first.returncode == 1 and again.stdout == first.stdout, again.stderr


def test_the_outline_of_a_file_holding_many_reports_is_linear_work() -> None:
    """Counted, not timed: the Python lines the outline builder executes for 10 and for 40 reports
    in one file. Linear work gives four times as many; finding each line's section by scanning
    every section gave ten times as many."""
    import nianbao.parsing.outline as outline
    from nianbao.parsing import parse
    from nianbao.source import Source

    def executed(reports: int) -> int:
        count = 0

        def local(frame, event, arg):  # type: ignore[no-untyped-def]
            nonlocal count
            count += 1
            return local

        def calls(frame, event, arg):  # type: ignore[no-untyped-def]
            return local if frame.f_code.co_filename == outline.__file__ else None

        source = Source.from_text((clean() + "\n") * reports)
        sys.settrace(calls)
        try:
            parse(source, "many.txt")
        finally:
            sys.settrace(None)
        return count

    assert executed(40) < 5 * executed(10)


@pytest.mark.parametrize(
    ("function", "text"),
    [
        ("looks_like_markdown", " " * 300_000),
        ("looks_like_markdown", "---" + "\t" * 300_000 + "x"),
        ("looks_like_markdown", "|---" + " " * 300_000 + "|x"),
        ("mask_comments", "<!--" * 100_000),
    ],
    ids=["blank-line", "blanks-after-dashes", "blanks-in-a-cell", "unclosed-comments"],
)
def test_a_long_run_does_not_hang_the_parser(function: str, text: str) -> None:
    """300,000 blanks or 100,000 unclosed ``<!--``: a second for linear patterns, half an hour or
    more for the quadratic ones they replaced (two adjacent ``[ \\t]*`` sharing a run; every
    ``<!--`` scanning the rest for its ``-->``). Guarded by a subprocess timeout, not timed."""
    code = f"import sys; from nianbao.parsing.api import {function}; {function}(sys.stdin.read())"
    subprocess.run([sys.executable, "-c", code], input=text, text=True, check=True, timeout=60)


@pytest.mark.parametrize(
    ("row", "delimiter"),
    [
        ("|---|---|", True),
        ("  | :--- | ---: |  ", True),
        ("---|---", True),
        ("|---|", False),  # one column: no report table has one
        ("---", False),
        ("| 申请 | 3 |", False),
        ("|---|---| 注", False),
    ],
)
def test_the_delimiter_row_pattern(row: str, delimiter: bool) -> None:
    from nianbao.parsing.api import looks_like_markdown

    assert looks_like_markdown(f"标题\n\n| 甲 | 乙 |\n{row}\n") is delimiter


def test_a_report_deleted_during_the_run_is_said_and_the_rest_reported(
    tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Findings are held without their text until the run is paired, then placed by reading the
    file again; a file gone by then is one error, not an internal error that loses the others."""
    import nianbao.runner

    for name in ("a.txt", "b.txt"):
        Path(name).write_text(clean().replace("至2023年12月31日止", "至2022年12月31日止"), encoding="utf-8")
    pair_run = nianbao.runner.pair_run

    def deleting(*args, **kwargs):  # type: ignore[no-untyped-def]
        Path("a.txt").unlink()
        return pair_run(*args, **kwargs)

    monkeypatch.setattr(nianbao.runner, "pair_run", deleting)
    assert main(["check", "--no-cache", "--format", "json", "a.txt", "b.txt"]) == 2
    out, err = capsys.readouterr()
    assert "无法再次读取 a.txt" in err and "内部错误" not in err
    assert {Path(f["path"]).name for f in json.loads(out)} == {"b.txt"}
