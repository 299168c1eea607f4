from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from nianbao.cli import main
from nianbao.testing.drafts import clean

BAD = clean().replace("1.属于国家秘密", "1.属于国家机密").replace("提升答复质量。", "满意率为120%。")


@pytest.fixture
def repo(tmp_cwd: Path) -> Path:
    (tmp_cwd / "a").mkdir()
    (tmp_cwd / "a" / "r.txt").write_text(BAD, encoding="utf-8")
    return tmp_cwd


def codes(capsys: pytest.CaptureFixture[str], *args: str) -> list[str]:
    capsys.readouterr()
    main(["check", "--format", "json", *args])
    return [r["code"] for r in json.loads(capsys.readouterr().out)]


def test_nearest_config_wins(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert codes(capsys, "a/r.txt") == ["NB502", "NB903"]
    (repo / "nianbao.toml").write_text('ignore = ["NB903"]\n', encoding="utf-8")
    assert codes(capsys, "a/r.txt") == ["NB502"]
    (repo / "a" / "pyproject.toml").write_text('[tool.nianbao]\nignore = ["NB5"]\n', encoding="utf-8")
    assert codes(capsys, "a/r.txt") == ["NB903"]
    assert codes(capsys, "a/r.txt", "--config", "nianbao.toml") == ["NB502"]
    assert codes(capsys, "a/r.txt", "--ignore", "NB9") == ["NB502"]  # the command line overrides


def test_select_severity_and_per_file_ignores(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "nianbao.toml").write_text(
        'select = ["NB5"]\n[severity]\nNB502 = "error"\n[per-file-ignores]\n"b/*.txt" = ["NB502"]\n', encoding="utf-8"
    )
    (repo / "b").mkdir()
    (repo / "b" / "r.txt").write_text(BAD, encoding="utf-8")
    capsys.readouterr()
    main(["check", "--format", "json", "a", "b"])
    records = json.loads(capsys.readouterr().out)
    assert [(r["path"], r["code"], r["severity"]) for r in records] == [(str(Path("a") / "r.txt"), "NB502", "error")]


def test_exclude_and_inference_overrides(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "old").mkdir()
    (repo / "old" / "r.txt").write_text(BAD, encoding="utf-8")
    (repo / "nianbao.toml").write_text(
        'exclude = ["old"]\n[[overrides]]\nfiles = ["a/*.txt"]\nreport-year = 2022\n', encoding="utf-8"
    )
    found = codes(capsys, ".")
    assert "NB301" in found  # the override says 2022; the title says 2023


def test_province_reaches_the_report_per_file() -> None:
    from nianbao.config import config_from_mapping

    config = config_from_mapping(
        {"province": "山东", "overrides": [{"files": ["js/*.txt"], "province": " 江苏 "}]}, Path("nianbao.toml")
    )
    assert config.inference_for(Path("a/r.txt"))["province"] == "山东"
    assert config.inference_for(Path("js/r.txt"))["province"] == "江苏"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('selct = ["NB1"]\n', "未知的配置项“selct”"),
        ('ignore = "NB1"\n', "“ignore”应为字符串列表"),
        ('[severity]\nNB101 = "fatal"\n', "severity.NB101"),
        ('report-year = "2023"\n', "report-year"),
        ('template = "2020"\n', "template"),
        ("province = 37\n", "province"),
        ('fail-on = "never"\n', "fail-on"),
        ("[[overrides]]\nreport-year = 2020\n", "overrides[0].files"),
        ('local-plugins = ["nowhere.py"]\n', "local-plugins"),
        ('fail-on = "warn"\n', "“fail-on”应为 error / warning / info 之一，而不是“warn”"),
        ('fail-on = ["warn"]\n', '而不是 ["warn"]'),  # as TOML writes it, not Python's ['warn']
        ('\ufefffail-on = "warn"\n', "“fail-on”应为"),  # a BOM (Notepad's UTF-8) is no syntax error
        ('previous = "nonexist.txt"\n', "previous 指定的“nonexist.txt”不存在"),
        ('[[overrides]]\nfiles = ["a/*"]\nprevious = "a"\n', "overrides[0].previous 指定的“a”不是文件"),
        ("ignore = [\n", "到末尾仍不完整，不是合法的 TOML：可能缺少“]”"),
        ('ignore = ["NB1"\n', "到末尾仍不完整，不是合法的 TOML：列表缺少“]”"),
        ("fail-on = error\n", "第 1 行第 11 列不是合法的 TOML：取值无效（文字要加引号"),
        ('select = ["NB1"]\nselect = ["NB2"]\n', "第 2 行第 17 列不是合法的 TOML：同一个键设置了两次"),
        ('ignore = ["NB1"] x\n', "第 1 行第 18 列不是合法的 TOML：一项设置之后多出了内容"),
    ],
)
def test_invalid_config_is_exit_2_naming_the_key(
    repo: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    (repo / "nianbao.toml").write_text(content, encoding="utf-8")
    assert main(["check", "a/r.txt"]) == 2
    out, err = capsys.readouterr()
    assert message in err and "nianbao.toml" in err and "Traceback" not in err
    assert out == "" and not re.search(r"[A-Za-z]{4,} [a-z]{4,}", err.split("：", 2)[-1]), err  # no English


def test_fail_on_from_config(repo: Path) -> None:
    (repo / "nianbao.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    assert main(["check", "a/r.txt"]) == 0  # only warnings


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('select = ["XX9"]\n', "select 中的“XX9”不对应任何规则"),
        ('ignore = ["NB2O3"]\n', "ignore 中的“NB2O3”不对应任何规则；最接近的是 NB203"),
        ('[per-file-ignores]\n"a/*.txt" = ["NB99"]\n', 'per-file-ignores."a/*.txt" 中的“NB99”'),
        ('[severity]\nNB999 = "error"\n', "severity 中的“NB999”不是规则代码；最接近的是 NB9"),
        ('[severity]\nNB2 = "error"\n', "severity 中的“NB2”不是规则代码；最接近的是 NB201"),
        ('[tool.nianbao]\nignore = ["NB5O2"]\n', "最接近的是 NB502"),
    ],
)
def test_a_code_in_configuration_that_matches_no_rule_is_exit_2(
    repo: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    name = "pyproject.toml" if content.startswith("[tool.") else "nianbao.toml"
    (repo / name).write_text(content, encoding="utf-8")
    for args in (["a/r.txt"], ["--no-cache", "a"], ["--jobs", "2", "--no-cache", "a", "a/r.txt", "a", "a/r.txt"]):
        assert main(["check", *args]) == 2
        err = capsys.readouterr().err
        assert message in err and name in err and "Traceback" not in err


def test_a_plugin_in_configuration_that_is_not_installed_warns_naming_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "nianbao.toml").write_text('plugins = ["nosuch", "SD"]\n', encoding="utf-8")
    assert main(["check", "--no-cache", "a/r.txt"]) == 1  # the rest of the configuration is in force
    err = capsys.readouterr().err
    assert "plugins 中的“nosuch”没有安装，此项暂不生效（已安装的插件：SD）" in err, err
    assert "“SD”" not in err


def test_codes_in_configuration_ignore_case(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "nianbao.toml").write_text('ignore = ["nb903"]\n[severity]\nnb502 = "info"\n', encoding="utf-8")
    capsys.readouterr()
    main(["check", "--format", "json", "a/r.txt"])
    assert [(r["code"], r["severity"]) for r in json.loads(capsys.readouterr().out)] == [("NB502", "info")]


def test_codes_of_a_plugin_that_is_not_installed_warn_naming_it(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "nianbao.toml").write_text('plugins = ["JS"]\nignore = ["NB903", "JS101"]\n', encoding="utf-8")
    assert codes(capsys, "a/r.txt") == ["NB502"]  # the rest of the configuration is in force
    main(["check", "--no-cache", "a/r.txt"])
    err = capsys.readouterr().err
    assert "ignore 中的“JS101”属于插件 JS，该插件没有安装" in err and "错误" not in err
    # switched off on purpose: nothing to say
    (repo / "nianbao.toml").write_text('disable-plugins = ["SD"]\nignore = ["SD101"]\n', encoding="utf-8")
    assert main(["check", "--no-cache", "a/r.txt"]) == 1
    assert "SD101" not in capsys.readouterr().err
