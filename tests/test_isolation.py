"""Plugins cannot take the run down: a rule's time budget, SystemExit at import, the size limit.

Budgets in these tests are a fraction of a second, so a rule that loops forever costs little.
"""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from lsprotocol import types

from nianbao.config import load_config
from nianbao.engine import Linter, Selection
from nianbao.errors import ConfigError
from nianbao.hookspec import hookimpl
from nianbao.plugins import build_registry
from nianbao.results import FileResult
from nianbao.ruledef import ERROR, Finding, rule
from nianbao.testing.drafts import clean

from .conftest import check_cli
from .lsp_session import session

BROKEN = clean().replace("1.属于国家秘密", "1.属于国家机密")
LOOPING_PLUGIN = """
from nianbao import ERROR, Finding, hookimpl, rule

PREFIX = "LP"


@rule("LP101", "loops", ERROR, "loops forever on drafts that say 死循环")
def loops(report):
    '''Never returns on a draft holding 死循环.'''
    while "死循环" in report.text:
        pass
    yield from ()


@rule("LP102", "title", ERROR, "reports the title")
def title(report):
    '''Reports the title.'''
    yield Finding(report.title.start, report.title.end, "标题在此")


@hookimpl
def nianbao_rules():
    return [loops, title]
"""


@rule("ZZ301", "spins", ERROR, "loops forever")
def _spins(report):  # type: ignore[no-untyped-def]
    """Loops forever, in Python."""
    while True:
        pass
    yield  # pragma: no cover


@rule("ZZ302", "sleeps", ERROR, "blocks in a C call")
def _sleeps(report):  # type: ignore[no-untyped-def]
    """Blocks in one long system call."""
    time.sleep(3600)
    yield  # pragma: no cover


@rule("ZZ303", "finds-title", ERROR, "one finding on the title")
def _title(report):  # type: ignore[no-untyped-def]
    """Reports the title."""
    yield Finding(report.title.start, report.title.end, "标题")


HANGING = SimpleNamespace(__name__="zz_hang", nianbao_rules=hookimpl(lambda: [_spins, _title]))
SLEEPING = SimpleNamespace(__name__="zz_sleep", nianbao_rules=hookimpl(lambda: [_sleeps, _title]))


def _check(plugin: object, budget: float) -> FileResult:
    registry = build_registry(entry_points=False, extra=[("ZZ", plugin)])
    return Linter(registry).check_bytes(BROKEN.encode(), "draft.txt", Selection(rule_timeout=budget))


def _assert_timed_out(result: FileResult, code: str) -> None:
    internal = [f.message for f in result.findings if f.code == "NB001"]
    assert len(internal) == 1 and code in internal[0] and "超时" in internal[0], internal
    assert {"NB502", "ZZ303"} <= {f.code for f in result.findings}  # the rest stand


def test_a_rule_that_never_returns_is_nb001_on_the_main_thread() -> None:
    _assert_timed_out(_check(HANGING, 0.2), "ZZ301")


def test_a_rule_that_never_returns_is_nb001_on_another_thread() -> None:
    # the language server lints in a worker thread, where no signal arrives: the watchdog's path
    out: list[FileResult] = []
    worker = threading.Thread(target=lambda: out.append(_check(HANGING, 0.2)))
    worker.start()
    worker.join(30)
    assert not worker.is_alive() and out
    _assert_timed_out(out[0], "ZZ301")


def test_a_rule_blocked_in_a_system_call_is_interrupted_on_the_main_thread() -> None:
    _assert_timed_out(_check(SLEEPING, 0.2), "ZZ302")


def test_budgets_are_configured_and_validated(tmp_path: Path) -> None:
    config = tmp_path / "nianbao.toml"
    config.write_text("rule-timeout = 2.5\nmax-file-size = 1\n", encoding="utf-8")
    loaded = load_config(config)
    assert (loaded.rule_timeout, loaded.max_file_size) == (2.5, 2**20)
    config.write_text("rule-timeout = 0\nmax-file-size = 0\n", encoding="utf-8")
    loaded = load_config(config)
    assert (loaded.rule_timeout, loaded.max_file_size) == (None, None)
    for bad in ('rule-timeout = "10"', "rule-timeout = -1", "max-file-size = true", "max-file-size = nan"):
        config.write_text(bad + "\n", encoding="utf-8")
        with pytest.raises(ConfigError, match=bad.split(" ")[0]):
            load_config(config)


def _project(tmp_path: Path, toml: str) -> Path:
    (tmp_path / "looping.py").write_text(LOOPING_PLUGIN, encoding="utf-8")
    (tmp_path / "nianbao.toml").write_text('local-plugins = ["looping.py"]\n' + toml, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_cli_finishes_with_a_rule_that_never_returns(tmp_path: Path, jobs: str) -> None:
    project = _project(tmp_path, "rule-timeout = 2\n")  # generous: honest rules on a loaded machine stay under it
    for i in range(4):  # four drafts: with two jobs they go through the process pool
        (project / f"{i}.txt").write_text(BROKEN + "\n死循环\n", encoding="utf-8")
    run = check_cli(project, "--format", "json", "-j", jobs, ".")
    assert run.returncode == 1, run.stderr
    found = json.loads(run.stdout)
    for i in range(4):
        codes = {f["code"] for f in found if f["path"] == f"{i}.txt"}
        assert {"NB001", "NB502", "LP102"} <= codes
    assert all("超时" in f["message"] and "LP101" in f["message"] for f in found if f["code"] == "NB001")


async def test_the_server_stays_responsive_with_a_rule_that_never_returns(tmp_path: Path) -> None:
    project = _project(tmp_path, "rule-timeout = 2\n")  # generous: honest rules on a loaded machine stay under it
    async with session("visual-studio-code", project, options={"trusted": True}) as s:
        hung = s.open(project / "hung.txt", BROKEN + "\n死循环\n")
        other = s.open(project / "other.txt", BROKEN)
        other_codes = sorted(str(d.code) for d in await s.diagnostics(other, timeout=30))
        assert other_codes == ["LP102", "NB502"]
        diags = await s.diagnostics(hung, timeout=30)
        assert {"NB001", "NB502", "LP102"} <= {d.code for d in diags}
        assert "超时" in next(d.message for d in diags if d.code == "NB001")
        # and later edits are still checked
        s.change(other, 0, 0, "\n")
        assert sorted(str(d.code) for d in await s.diagnostics(other, timeout=30)) == other_codes


def test_systemexit_when_a_plugin_is_imported_skips_that_plugin(tmp_path: Path) -> None:
    module = tmp_path / "exits.py"
    module.write_text("import sys\nsys.exit(7)\n", encoding="utf-8")
    registry = build_registry(entry_points=False, local=[module])
    assert any("SystemExit" in p for p in registry.problems)
    assert "NB502" in registry.rules


def test_a_draft_over_the_size_limit_is_one_nb002(tmp_path: Path) -> None:
    linter = Linter(build_registry(entry_points=False))
    data = BROKEN.encode()
    found = linter.check_bytes(data, "draft.txt", Selection(max_file_size=1000)).findings
    assert [f.code for f in found] == ["NB002"]
    assert "文件过大" in found[0].message and "上限" in found[0].message
    assert linter.check_bytes(data, "draft.txt", Selection(max_file_size=len(data))).findings  # at the limit: checked
    (tmp_path / "nianbao.toml").write_text("max-file-size = 0.001\n", encoding="utf-8")
    (tmp_path / "big.txt").write_bytes(data)
    run = check_cli(tmp_path, "--format", "json", "big.txt")
    assert [f["code"] for f in json.loads(run.stdout)] == ["NB002"] and run.returncode == 1


async def test_the_server_applies_the_size_limit(tmp_path: Path) -> None:
    (tmp_path / "nianbao.toml").write_text("max-file-size = 0.001\n", encoding="utf-8")
    async with session("visual-studio-code", tmp_path) as s:
        uri = s.open(tmp_path / "big.txt", BROKEN)
        diags = await s.diagnostics(uri)
        assert [d.code for d in diags] == ["NB002"] and "文件过大" in diags[0].message
        doc = types.TextDocumentIdentifier(uri)  # an unchecked draft still answers the other requests
        assert await s.client.text_document_document_symbol_async(types.DocumentSymbolParams(doc)) == []
        await s.client.text_document_hover_async(types.HoverParams(doc, types.Position(0, 0)))


def test_plugin_objects_at_a_reused_address_get_their_own_registry() -> None:
    from nianbao.testing import lint

    for i in range(40):  # each plugin object is freed after its run; the next may take its address

        @rule(f"ZQ{100 + i % 7}", "says-which", ERROR, "names its plugin")
        def says(report, i=i):  # type: ignore[no-untyped-def]
            """Names the plugin object it came from."""
            yield Finding(0, 1, f"插件 {i}")

        plugin = SimpleNamespace(__name__=f"zq{i}", PREFIX="ZQ", nianbao_rules=hookimpl(lambda says=says: [says]))
        assert [f.message for f in lint(BROKEN, plugins=[plugin], select=["ZQ"])] == [f"插件 {i}"]


async def test_the_server_loads_a_changed_local_plugin_again(tmp_path: Path) -> None:
    plugin = tmp_path / "local_rules.py"
    source = (
        "from nianbao import hookimpl, rule, ERROR, Finding\nPREFIX = 'LV'\n"
        "@rule('LV101', 'version', ERROR, 'says its version')\n"
        "def version(report):\n    '''Says its version.'''\n    yield Finding(0, 1, '版本一')\n"
        "@hookimpl\ndef nianbao_rules():\n    return [version]\n"
    )
    plugin.write_text(source, encoding="utf-8")
    (tmp_path / "nianbao.toml").write_text('local-plugins = ["local_rules.py"]\n', encoding="utf-8")
    async with session("visual-studio-code", tmp_path, options={"trusted": True}) as s:
        uri = s.open(tmp_path / "a.txt", BROKEN)
        assert [d.message for d in await s.diagnostics(uri) if d.code == "LV101"] == ["版本一"]
        plugin.write_text(source.replace("版本一", "版本二"), encoding="utf-8")
        stamp = plugin.stat().st_mtime + 5
        os.utime(plugin, (stamp, stamp))  # a file system with coarse timestamps still sees a change
        s.change(uri, 0, 0, "\n")
        assert [d.message for d in await s.diagnostics(uri) if d.code == "LV101"] == ["版本二"]
