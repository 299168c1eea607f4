"""Plugins: discovery through entry points, control from configuration, isolation, the kit.

"Installed" plugins are written as a distribution (dist-info with entry_points.txt plus the module)
into a temporary site directory put on PYTHONPATH, which is exactly what pip leaves behind.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from nianbao.testing.drafts import clean

from .lsp_session import session

BAD = clean().replace("1.属于国家秘密", "1.属于国家机密")

RULE_PLUGIN = '''
from nianbao import hookimpl, rule, WARNING, SAFE, Finding, Fix, Fixable, Edit

@rule("ZP101", "title-says-report", WARNING, "标题应以“报告”结尾", fixable=Fixable.ALWAYS)
def title_says_report(report):
    """检查内容\\n--------\\n示例插件规则。\\n\\n为什么重要\\n--------\\n示例。\\n\\n错误示例\\n--------\\n无。\\n\\n正确示例\\n--------\\n无。"""
    t = report.title
    if t and "二〇" not in t.text:
        yield Finding(t.year_start, t.year_end, "示例：年份用阿拉伯数字",
                      fix=Fix("改为汉字年份", (Edit(t.year_start, t.year_end, "二〇二三"),), SAFE))

@hookimpl
def nianbao_rules():
    return [title_says_report]
'''
RAISING_PLUGIN = '''
from nianbao import hookimpl, rule, ERROR

@rule("ZR101", "always-raises", ERROR, "raises")
def always_raises(report):
    """Raises."""
    raise KeyError("boom")

@hookimpl
def nianbao_rules():
    return [always_raises]
'''
VARIANTS_PLUGIN = """
from nianbao import hookimpl, TemplateVariants, Alias

@hookimpl
def nianbao_template_variants():
    return TemplateVariants(section_titles={5: ("工作中的不足和下一步打算",)},
                            aliases=(Alias("国家保密", "国家秘密", "t3-row"),))

@hookimpl
def nianbao_config_defaults():
    return {"ignore": ["NB404"]}

@hookimpl
def nianbao_rules():
    return []
"""


def install(site: Path, dist: str, version: str, prefix: str, module: str, code: str) -> None:
    meta = site / f"{dist.replace('-', '_')}-{version}.dist-info"
    meta.mkdir(parents=True)
    (meta / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: {version}\n\n", encoding="utf-8")
    (meta / "entry_points.txt").write_text(f"[nianbao]\n{prefix} = {module}\n", encoding="utf-8")
    (site / f"{module}.py").write_text(code, encoding="utf-8")


def nianbao(cwd: Path, site: Path | None, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run(
        [sys.executable, "-m", "nianbao", *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8"
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    return tmp_path


def test_plugin_rules_are_first_class(repo: Path) -> None:
    site = repo / "site"
    install(site, "nianbao-zp", "1.2.0", "ZP", "nianbao_zp", RULE_PLUGIN)
    rules = nianbao(repo, site, "rules").stdout
    assert "ZP101  title-says-report" in rules and "nianbao-zp 1.2.0" in rules
    assert "示例插件规则" in nianbao(repo, site, "explain", "ZP101").stdout
    records = json.loads(nianbao(repo, site, "check", "--format", "json", "r.txt").stdout)
    assert [(r["code"], r["name"]) for r in records] == [("ZP101", "title-says-report"), ("NB502", "nonstandard-label")]
    assert [
        r["code"]
        for r in json.loads(nianbao(repo, site, "check", "--format", "json", "--ignore", "ZP", "r.txt").stdout)
    ] == ["NB502"]
    assert [
        r["code"]
        for r in json.loads(nianbao(repo, site, "check", "--format", "json", "--select", "ZP101", "r.txt").stdout)
    ] == ["ZP101"]
    sarif = json.loads(nianbao(repo, site, "check", "--format", "sarif", "r.txt").stdout)
    rule = next(r for r in sarif["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "ZP101")
    assert rule["properties"]["origin"] == "nianbao-zp 1.2.0"
    (repo / "s.txt").write_text("<!-- nianbao-disable-file ZP101 -->\n" + BAD, encoding="utf-8")
    assert [r["code"] for r in json.loads(nianbao(repo, site, "check", "--format", "json", "s.txt").stdout)] == [
        "NB502"
    ]
    nianbao(repo, site, "check", "--fix", "r.txt")
    assert "二〇二三年政府信息公开" in (repo / "r.txt").read_text(encoding="utf-8")
    (repo / "nianbao.toml").write_text('ignore = ["ZP101"]\n', encoding="utf-8")
    assert "ZP101" not in nianbao(repo, site, "check", "s.txt", "r.txt").stdout


def test_config_turns_plugins_off(repo: Path) -> None:
    site = repo / "site"
    install(site, "nianbao-zp", "1.2.0", "ZP", "nianbao_zp", RULE_PLUGIN)
    (repo / "nianbao.toml").write_text('disable-plugins = ["ZP"]\n', encoding="utf-8")
    assert "ZP101" not in nianbao(repo, site, "check", "r.txt").stdout
    assert "ZP" not in nianbao(repo, site, "plugins").stdout
    (repo / "nianbao.toml").write_text('plugins = ["XX"]\n', encoding="utf-8")
    assert "ZP101" not in nianbao(repo, site, "rules").stdout


def test_broken_plugins_are_reported_once_and_skipped(repo: Path) -> None:
    site = repo / "site"
    install(site, "nianbao-zb", "0.9.1", "ZB", "nianbao_zb", "raise ImportError('缺少依赖 foo')\n")
    install(site, "nianbao-zr", "0.3.0", "ZR", "nianbao_zr", RAISING_PLUGIN)
    (repo / "r2.txt").write_text(BAD, encoding="utf-8")
    proc = nianbao(repo, site, "check", "--format", "json", "r.txt", "r2.txt")
    assert proc.returncode == 1
    warnings = [line for line in proc.stderr.splitlines() if "nianbao-zb" in line]
    assert len(warnings) == 1 and "0.9.1" in warnings[0] and "缺少依赖 foo" in warnings[0]
    records = json.loads(proc.stdout)
    internal = [r for r in records if r["code"] == "NB001"]
    assert len(internal) == 2 and all("ZR101" in r["message"] and "nianbao-zr 0.3.0" in r["message"] for r in internal)
    assert [r["code"] for r in records if r["code"] != "NB001"] == ["NB502", "NB502"]
    listing = nianbao(repo, site, "plugins").stdout
    assert "ZB   nianbao-zb 0.9.1（entry-point）— 未加载：ImportError: 缺少依赖 foo" in listing


def test_two_plugins_with_one_prefix_is_a_configuration_error(repo: Path) -> None:
    site = repo / "site"
    install(site, "nianbao-one", "1.0", "ZD", "nianbao_one", RULE_PLUGIN.replace("ZP101", "ZD101"))
    install(site, "nianbao-two", "2.0", "ZD", "nianbao_two", RULE_PLUGIN.replace("ZP101", "ZD102"))
    proc = nianbao(repo, site, "check", "r.txt")
    assert proc.returncode == 2
    assert "nianbao-one 1.0" in proc.stderr and "nianbao-two 2.0" in proc.stderr and "ZD" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_variants_and_config_defaults_from_a_plugin(repo: Path) -> None:
    site = repo / "site"
    install(site, "nianbao-zv", "1.0", "ZV", "nianbao_zv", VARIANTS_PLUGIN)
    text = (
        clean()
        .replace("五、存在的主要问题及改进情况", "五、工作中的不足和下一步打算")
        .replace("1.属于国家秘密", "1.属于国家保密")
        .split("\n\n青禾县云溪镇人民政府\n\n")[0]
        + "\n"
    )
    (repo / "v.txt").write_text(text, encoding="utf-8")
    records = json.loads(nianbao(repo, site, "check", "--format", "json", "v.txt").stdout)
    assert [(r["code"], r["fix"]["edits"][0]["new_text"]) for r in records] == [
        ("NB502", "国家秘密")
    ]  # no NB103, no NB404
    (repo / "nianbao.toml").write_text("ignore = []\n", encoding="utf-8")  # the user's own setting wins
    records = json.loads(nianbao(repo, site, "check", "--format", "json", "v.txt").stdout)
    assert sorted(r["code"] for r in records) == ["NB404", "NB502"]


@pytest.mark.parametrize("layout", ["file", "package"])
def test_local_plugin_is_loaded_by_the_cli(repo: Path, layout: str) -> None:
    code = "PREFIX = 'LC'\n" + RULE_PLUGIN.replace("ZP101", "LC101")
    if layout == "file":
        (repo / "tools").mkdir()
        (repo / "tools" / "our_rules.py").write_text(code, encoding="utf-8")
        target = "tools/our_rules.py"
    else:
        (repo / "our_rules").mkdir()
        (repo / "our_rules" / "__init__.py").write_text(code, encoding="utf-8")
        target = "our_rules"
    (repo / "nianbao.toml").write_text(f'local-plugins = ["{target}"]\n', encoding="utf-8")
    records = json.loads(nianbao(repo, None, "check", "--format", "json", "r.txt").stdout)
    assert [r["code"] for r in records] == ["LC101", "NB502"]
    assert "LC101" in nianbao(repo, None, "rules").stdout


def test_new_plugin_scaffold_installs_and_passes_its_tests(tmp_path: Path) -> None:
    assert nianbao(tmp_path, None, "new-plugin", "demo").returncode == 0
    assert nianbao(tmp_path, None, "new-plugin", "demo").returncode == 2  # never overwrites
    assert nianbao(tmp_path, None, "new-plugin", "江苏").returncode == 2
    site = tmp_path / "site"
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(tmp_path / "demo")],
        capture_output=True,
        text=True,
    )
    assert pip.returncode == 0, pip.stderr
    env = dict(os.environ, PYTHONPATH=str(site))
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path / "demo" / "tests")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "3 passed" in tests.stdout  # the cases of the rule: one that fires, two near misses
    assert "DE101" in nianbao(tmp_path, site, "rules").stdout


shandong = pytest.importorskip("nianbao_shandong", reason="plugins/shandong is not installed (.ci/run installs it)")
# The Shandong plugin checks Shandong agencies' reports only: a township of a Shandong city.
WITHOUT_ITEM = (
    clean()
    .replace("青禾县云溪镇人民政府", "烟台市青禾区云溪镇人民政府")
    .replace("（四）政务公开工作创新情况\n\n开展“政府开放日”活动 1 次，邀请群众代表参观便民服务中心。\n\n", "")
)


def test_shandong_plugin_through_the_cli(repo: Path) -> None:
    (repo / "s.txt").write_text(WITHOUT_ITEM, encoding="utf-8")
    proc = nianbao(repo, None, "check", "--format", "json", "s.txt")
    assert [r["code"] for r in json.loads(proc.stdout)] == ["SD101"]
    (repo / "nianbao.toml").write_text('disable-plugins = ["SD"]\n', encoding="utf-8")
    assert json.loads(nianbao(repo, None, "check", "--format", "json", "s.txt").stdout) == []


async def test_shandong_plugin_in_the_server(tmp_path: Path) -> None:
    async with session("visual-studio-code", tmp_path) as s:
        uri = s.open(tmp_path / "s.txt", WITHOUT_ITEM)
        diags = await s.diagnostics(uri)
        assert [d.code for d in diags] == ["SD101"]
        hover = await s.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), diags[0].range.start)
        )
        assert hover is not None and "nianbao-shandong 0.1.0" in hover.contents.value  # type: ignore[union-attr]
        fix = [a for a in await s.actions(uri, diags) if a.edit and "SD101" in a.title]
        assert fix and not fix[0].is_preferred  # a suggested fix
        s.apply(uri, fix[0].edit.changes[uri])  # type: ignore[union-attr,index]
        assert await s.diagnostics(uri) == []
        assert "（四）政务公开工作创新情况\n\n（五）" in s.texts[uri]
