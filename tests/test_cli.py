from __future__ import annotations

import codecs
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.testing.drafts import clean

BAD = (
    clean()
    .replace("1.属于国家秘密", "1.属于国家机密")
    .replace("三、收到和处理政府信息公开申请情况", "三、依申请公开政府信息情况")
)


def run(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nianbao", *args],
        input=stdin.decode() if stdin else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
    )


@pytest.fixture
def drafts(tmp_cwd: Path) -> Path:
    (tmp_cwd / "reports").mkdir()
    (tmp_cwd / "reports" / "good.txt").write_text(clean(), encoding="utf-8")
    (tmp_cwd / "reports" / "bad.txt").write_text(BAD, encoding="utf-8")
    (tmp_cwd / "reports" / ".hidden").mkdir()
    (tmp_cwd / "reports" / ".hidden" / "skip.txt").write_text(BAD, encoding="utf-8")
    (tmp_cwd / "reports" / "notes.xlsx").write_bytes(b"PK\x03\x04")
    return tmp_cwd


def test_exit_codes(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "reports/good.txt"]) == 0
    assert main(["check", "reports/bad.txt"]) == 1
    assert main(["check", "reports"]) == 1
    assert main(["check", "reports/bad.txt", "--exit-zero"]) == 0
    assert main(["check", "reports/bad.txt", "--select", "NB502", "--fail-on", "error"]) == 0
    assert main(["check", "missing.txt"]) == 2
    assert main(["check"]) == 2
    assert main(["check", "reports/bad.txt", "--select", "XX9"]) == 2
    assert main(["explain", "NB999"]) == 2
    err = capsys.readouterr().err
    assert "路径不存在：missing.txt" in err and "XX9" in err and "NB999" in err
    assert "Traceback" not in err


def test_text_output_shows_the_line_and_a_marker(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "reports/bad.txt"])
    out = capsys.readouterr().out
    line_no = BAD.split("\n").index(next(x for x in BAD.split("\n") if "国家机密" in x)) + 1
    assert f"reports/bad.txt:{line_no}:" in out
    block = out[out.index("NB502") :]
    src_line, marker = block.split("\n")[2], block.split("\n")[3]
    assert "1.属于国家机密" in src_line
    # the carets sit under 国家机密: 4 wide characters = 8 columns
    assert marker.strip().endswith("^" * 8) and marker.count("^") == 8
    assert "\033[" not in out  # not a terminal: no colour
    assert "共发现 2 个问题" in out and "1 个可用 --fix 自动修复" in out


def test_directory_walk_skips_hidden_and_other_files(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "reports", "--format", "json"])
    paths = {r["path"] for r in json.loads(capsys.readouterr().out)}
    assert paths == {str(Path("reports") / "bad.txt")}


def test_json_schema_is_exact(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "reports/bad.txt", "--format", "json"])
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 2
    for r in records:
        assert list(r) == [
            "path",
            "code",
            "name",
            "severity",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "fix",
        ]
    nb502 = next(r for r in records if r["code"] == "NB502")
    line = BAD.split("\n")[nb502["line"] - 1]
    assert line[nb502["column"] - 1 : nb502["end_column"] - 1] == "国家机密"
    assert nb502["name"] == "nonstandard-label" and nb502["severity"] == "warning"
    assert nb502["fix"] == {
        "applicability": "safe",
        "description": "改为“国家秘密”",
        "edits": [
            {
                "line": nb502["line"],
                "column": nb502["column"],
                "end_line": nb502["line"],
                "end_column": nb502["end_column"],
                "new_text": "国家秘密",
            }
        ],
    }
    nb103 = next(r for r in records if r["code"] == "NB103")
    assert nb103["fix"]["applicability"] == "suggested"


def test_github_annotations(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "reports/bad.txt", "--format", "github"])
    lines = capsys.readouterr().out.strip().split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("::warning file=reports/bad.txt,line=")
    assert ",title=NB103 section-title::NB103 " in lines[0]


def test_fix_writes_back_in_the_files_encoding(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = drafts / "reports" / "bad.txt"
    data = codecs.BOM_UTF8 + BAD.replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(data)
    assert main(["check", "--fix", str(path)]) == 1  # the suggested NB103 fix remains
    fixed = path.read_bytes()
    assert fixed == codecs.BOM_UTF8 + BAD.replace("国家机密", "国家秘密").replace("\n", "\r\n").encode("utf-8")
    out = capsys.readouterr().out
    assert "已修复 1 个问题" in out and "NB103" in out and "NB502" not in out
    assert main(["check", "--fix", "--unsafe-fixes", str(path)]) == 0
    assert path.read_bytes() == codecs.BOM_UTF8 + clean().replace("\n", "\r\n").encode("utf-8")


def test_gbk_draft_is_fixed_in_gbk(drafts: Path) -> None:
    path = drafts / "reports" / "gbk.txt"
    path.write_bytes(BAD.encode("gb18030"))
    assert main(["check", "--fix", str(path)]) == 1
    assert path.read_bytes() == BAD.replace("国家机密", "国家秘密").encode("gb18030")


def test_diff_does_not_write(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = drafts / "reports" / "bad.txt"
    assert main(["check", "--diff", str(path)]) == 1
    out = capsys.readouterr().out
    removed = [x for x in out.split("\n") if x.startswith("-") and not x.startswith("---")]
    added = [x for x in out.split("\n") if x.startswith("+") and not x.startswith("+++")]
    assert len(removed) == len(added) == 1
    assert removed[0].endswith("1.属于国家机密\t" + "\t".join(["0"] * 7)) and "国家秘密" in added[0]
    assert out.startswith(f"--- {path}\n+++ {path}\n")
    assert path.read_text(encoding="utf-8") == BAD
    assert main(["check", "--diff", "reports/good.txt"]) == 0


def test_stdin(drafts: Path) -> None:
    proc = run("check", "-", "--stdin-filename", "草稿.txt", "--format", "json", stdin=BAD.encode())
    assert proc.returncode == 1
    assert {r["path"] for r in json.loads(proc.stdout)} == {"草稿.txt"}
    proc = run("check", "--fix", "-", stdin=BAD.encode())
    assert proc.stdout == BAD.replace("国家机密", "国家秘密")
    assert "NB103" in proc.stderr


def test_unreadable_file_is_a_finding_not_a_crash(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (drafts / "reports" / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    assert main(["check", "reports/binary.txt", "--format", "json"]) == 1
    records = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in records] == ["NB002"]


def test_rules_and_explain(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "NB202" in out and "table3-outcome-total" in out and "nianbao" in out
    assert main(["rules", "--format", "json"]) == 0
    rules = json.loads(capsys.readouterr().out)
    assert {r["code"] for r in rules} >= {"NB001", "NB208", "NB903"}
    assert main(["explain", "nb202"]) == 0
    out = capsys.readouterr().out
    for heading in ("检查内容", "为什么重要", "错误示例", "正确示例"):
        assert heading in out


def test_no_traceback_and_no_server_imports_on_the_check_path(drafts: Path) -> None:
    code = (
        "import sys; from nianbao.cli import main; main(['check', 'reports/good.txt']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol', 'tree_sitter')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=drafts)
    assert proc.stdout.strip().endswith("[]"), proc.stdout


ENGLISH = ("usage:", "positional arguments", "optional arguments", "options:", "show this help", "error:", "argument")


@pytest.mark.parametrize("command", ["", "check", "rules", "explain", "lsp", "new-plugin", "plugins"])
def test_help_is_all_chinese(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"] if command else ["--help"])
    out = capsys.readouterr().out
    assert exit_.value.code == 0 and "用法：nianbao" in out and "显示此帮助信息并退出" in out
    assert not [word for word in ENGLISH if word in out.lower()], out
    headings = re.findall(r"^(\S.*)[:：]$", out, re.M)
    assert "选项：" in out and all(h.endswith("：") for h in re.findall(r"^\S.*[:：]$", out, re.M)), headings
    if command == "check":
        assert "示例：" in out and "nianbao check --fix 报告.txt" in out
        assert "退出码：" in out and "  2  用法错误" in out
        assert "位置参数：" in out and "Word、网页、PDF" in out and ".txt/.md 文件" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--bogus"], "无法识别的参数：--bogus"),
        (["check", "--format", "xml", "a.txt"], "参数 --format：无效的取值“xml”（可选：text、json、github、sarif）"),
        (["chek"], "无效的取值“chek”"),
        (["check", "--jobs", "x", "a.txt"], "参数 --jobs/-j：应为正整数，而不是“x”"),
        (["check", "--jobs", "²", "a.txt"], "参数 --jobs/-j：应为正整数，而不是“²”"),
        (["report", "-j", "0", "-o", "a.html", "a.txt"], "参数 --jobs/-j：应为正整数，而不是“0”"),
        (["explain"], "缺少必需的参数：RULE"),
        (["check", "--jobs"], "需要一个值"),
    ],
)
def test_usage_errors_are_chinese(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    with pytest.raises(SystemExit) as exit_:
        main(args)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and message in err and "错误：" in err, err
    assert not [word for word in ENGLISH if word in err.lower()], err
    assert vars(argparse)["_"]("usage: ") == "usage: "  # other argparse users in the process keep English


def test_an_option_a_command_does_not_know_is_said_with_that_commands_usage(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["check", "--bogus", "a.txt"])
    err = capsys.readouterr().err
    assert err.startswith("用法：nianbao check [-h]") and "nianbao check: 错误：无法识别的参数：--bogus" in err, err


def test_explain_takes_names_and_suggests_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "table3-outcome-total"]) == 0
    assert capsys.readouterr().out.startswith("NB202 table3-outcome-total")
    assert main(["explain", "table3-outcome-totl"]) == 2
    assert "最接近的是 table3-outcome-total" in capsys.readouterr().err
    assert main(["explain", "NB2O2"]) == 2
    assert "最接近的是 NB202" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("config", "args", "message"),
    [
        ('ignore = ["NB2O3"]\n', [], "ignore 中的“NB2O3”不对应任何规则"),
        ("", ["--select", "XX9"], "select 中的“XX9”不对应任何规则"),
        ('[per-file-ignores]\n"reports/*" = ["NB99"]\n', [], "per-file-ignores"),
        ('[[overrides]]\nfiles = ["reports/*"]\nreport-year = "x"\n', [], "overrides[0].report-year"),
        ('previous = "nonexist.txt"\n', [], "previous 指定的“nonexist.txt”不存在"),
        ("ignore = [\n", [], "不是合法的 TOML"),
        ("", ["--baseline", "nowhere.json"], "基线文件不存在"),
        ("", ["--previous", "reports/good.txt", "reports/good.txt"], "--previous 只能在检查一份报告时使用"),
    ],
)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_an_exit_2_error_prints_nothing_on_stdout(
    drafts: Path, capsys: pytest.CaptureFixture[str], config: str, args: list[str], message: str, fmt: str
) -> None:
    """Not “没有发现问题” nor ``[]`` beside the error: a script must not read a report that was not made."""
    assert main(["check", "--format", fmt, "reports/bad.txt"]) == 1  # findings, and the cache holds them
    capsys.readouterr()
    if config:
        (drafts / "nianbao.toml").write_text(config, encoding="utf-8")
    for name in ("c.txt", "d.txt"):  # four drafts: enough for a pool of two workers
        (drafts / "reports" / name).write_text(BAD, encoding="utf-8")
    for jobs, more in (([], []), (["--jobs", "2"], ["reports"])):  # one process, and a pool of workers
        assert main(["check", "--format", fmt, *jobs, *args, "reports/bad.txt", *more]) == 2
        out, err = capsys.readouterr()
        assert out == "" and message in err and "Traceback" not in err, (out, err)


def test_a_configuration_error_on_standard_input_prints_nothing_on_stdout(drafts: Path) -> None:
    (drafts / "nianbao.toml").write_text('ignore = ["NB2O3"]\n', encoding="utf-8")
    proc = run("check", "--format", "json", "-", stdin=BAD.encode(), cwd=drafts)
    assert proc.returncode == 2 and proc.stdout == "" and "NB2O3" in proc.stderr


def test_a_file_that_cannot_be_read_is_said_and_the_others_are_reported(
    drafts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (drafts / "reports" / "gone.txt").symlink_to("nowhere.txt")
    assert main(["check", "reports/gone.txt"]) == 2  # nothing could be checked: no report at all
    out, err = capsys.readouterr()
    assert out == "" and "无法读取 reports/gone.txt：文件或目录不存在" in err
    assert main(["check", "reports/good.txt", "reports/gone.txt"]) == 2
    out, err = capsys.readouterr()
    assert out.strip() == "没有发现问题。另有 1 个文件出错（见错误信息）。" and "gone.txt" in err


def test_report_into_a_folder_that_is_not_there_is_said_in_chinese_before_checking(
    drafts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "-o", "nowhere/audit.html", "reports"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "无法写入 nowhere/audit.html：目录 nowhere 不存在" in err


def test_paths_after_options_are_paths_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check a --no-cache b` checks a and b, as ruff does; an unknown option is still an error."""
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(clean().replace("1.属于国家秘密", "1.属于国家机密"), encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert main(["check", paths[0], "--no-cache", paths[1], "--format", "json", paths[2]]) == 1
    records = json.loads(capsys.readouterr().out)
    assert sorted({Path(r["path"]).name for r in records}) == ["a.txt", "b.txt", "c.txt"]
    with pytest.raises(SystemExit) as exit_:
        main(["check", paths[0], "--no-cache", paths[1], "--bogus"])
    assert exit_.value.code == 2 and "无法识别的参数：--bogus" in capsys.readouterr().err
    # after "--", a word that looks like an option is a path too
    odd = tmp_path / "-odd.txt"
    odd.write_bytes((tmp_path / "a.txt").read_bytes())
    assert main(["check", paths[0], "--no-cache", "--format", "json", "--", str(odd)]) == 1
    assert sorted({Path(r["path"]).name for r in json.loads(capsys.readouterr().out)}) == ["-odd.txt", "a.txt"]
