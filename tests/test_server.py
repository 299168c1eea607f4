"""The language server end to end: a real `nianbao lsp` subprocess, real JSON-RPC over stdio."""

from __future__ import annotations

import asyncio
import json
import subprocess
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import pytest
from lsprotocol import types
from pygls.uris import from_fs_path

from nianbao.template import RowSpec, T3Row
from nianbao.testing.drafts import clean, first_of_series, render, series

from .lsp_session import Session, raw_exchange, session

BAD = (
    clean()
    .replace("1.属于国家秘密", "1.属于国家机密")
    .replace("本报告依据《中华人民共和国政府信息公开条例》", "𠮷本报告依据《中华人民共和国信息公开条例》")
)
MessageT = TypeVar("MessageT", types.ShowMessageParams, types.LogMessageParams)
CLIENTS = ["visual-studio-code", "vscode-pull", "neovim@v0.7.0", "neovim", "emacs"]


def by_code(diags: list[types.Diagnostic], code: str) -> list[types.Diagnostic]:
    return [d for d in diags if d.code == code]


@pytest.mark.parametrize("spec", CLIENTS)
async def test_diagnostics_ranges_and_incremental_edits(tmp_path: Path, spec: str) -> None:
    async with session(spec, tmp_path) as s:
        uri = s.open(tmp_path / "报告.txt", BAD)
        diags = await s.diagnostics(uri)
        assert sorted(str(d.code) for d in diags) == ["NB502", "NB503"]
        nb503 = by_code(diags, "NB503")[0]
        start = BAD.index("《中华人民共和国信息公开条例》")  # the citation is marked with its 《》
        # 𠮷 (outside the BMP) sits earlier on the line: columns differ per encoding
        expected_column = {"utf-16": 2 + 5, "utf-8": 4 + 3 * 5, "utf-32": 1 + 5}[s.encoding]
        assert nb503.range.start.character == expected_column
        assert nb503.range.start == s.position(uri, start)
        assert nb503.range.end == s.position(uri, start + len("《中华人民共和国信息公开条例》"))
        assert nb503.source == "nianbao" and nb503.severity == types.DiagnosticSeverity.Error
        assert nb503.data is not None and nb503.data["fix"]["applicability"] == "safe"
        # an incremental edit fixing the label; then one introducing a new defect
        label = s.texts[uri].index("国家机密")
        s.change(uri, label, label + 4, "国家秘密")
        assert [d.code for d in await s.diagnostics(uri)] == ["NB503"]
        s.change(uri, 0, 0, "附件 1\n")  # line numbers shift by one
        diags = await s.diagnostics(uri)
        assert [d.range.start.line for d in diags] == [nb503.range.start.line + 1]


async def test_push_and_pull_are_never_both(tmp_path: Path) -> None:
    async with session("vscode-pull", tmp_path) as s:
        uri = s.open(tmp_path / "a.txt", BAD)
        assert len(await s.diagnostics(uri)) == 2
        await asyncio.sleep(0.3)
        assert s.published == []
    async with session("visual-studio-code", tmp_path) as s:
        uri = s.open(tmp_path / "a.txt", BAD)
        await s.diagnostics(uri)
        assert s.published == [(uri, 1)]


async def test_related_information_and_hover_with_numbers(tmp_path: Path) -> None:
    text = clean().replace("（七）总计\t\t3", "（七）总计\t\t2")
    async with session("visual-studio-code", tmp_path) as s:
        uri = s.open(tmp_path / "a.txt", text)
        diags = await s.diagnostics(uri)
        nb202 = by_code(diags, "NB202")[0]
        assert nb202.related_information and {r.message for r in nb202.related_information} >= {
            "“（一）予以公开”的自然人列 2"
        }
        hover = await s.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), nb202.range.start)
        )
        assert hover is not None
        value = hover.contents.value  # type: ignore[union-attr]
        assert "（一）2 + （二）0 + （三）0 + （四）1 + （五）0 + （六）0 = 3 ≠ （七）总计 2" in value
        assert "（七）总计（自然人列）为 2，按勾稽关系应为 3" in value
        assert "NB202" in value and "检查内容" in value
        nothing = await s.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(2, 0))
        )
        assert nothing is None


@pytest.mark.parametrize("spec", ["visual-studio-code", "neovim"])
async def test_quick_fix_fix_all_and_source_fix_all(tmp_path: Path, spec: str) -> None:
    text = BAD.replace("\t商业企业\t", "\t商业机构\t").replace(
        "三、收到和处理政府信息公开申请情况", "三、依申请公开政府信息情况"
    )
    async with session(spec, tmp_path) as s:
        uri = s.open(tmp_path / "a.txt", text)
        diags = await s.diagnostics(uri)
        nb502 = by_code(diags, "NB502")
        assert len(nb502) == 2
        actions = await s.actions(uri, [nb502[0]])
        quick = [a for a in actions if a.is_preferred]
        assert len(quick) == 1 and quick[0].kind == types.CodeActionKind.QuickFix
        s.apply(uri, quick[0].edit.changes[uri])  # type: ignore[union-attr,index]
        assert len(by_code(await s.diagnostics(uri), "NB502")) == 1
        # the suggested (not preferred) fix for the title
        nb103 = by_code(await s.diagnostics(uri), "NB103")[0]
        suggested = [a for a in await s.actions(uri, [nb103]) if a.edit and not a.is_preferred and "NB103" in a.title]
        assert suggested and "建议" in suggested[0].title
        # source.fixAll applies safe fixes only
        fix_all = await s.actions(uri, [], only=["source.fixAll"])
        assert [a.kind for a in fix_all] == ["source.fixAll.nianbao"]
        s.apply(uri, fix_all[0].edit.changes[uri])  # type: ignore[union-attr,index]
        assert sorted(str(d.code) for d in await s.diagnostics(uri)) == ["NB103"]
        expected = clean().replace("三、收到和处理政府信息公开申请情况", "三、依申请公开政府信息情况")
        assert s.texts[uri] == expected.replace("本报告依据", "𠮷本报告依据", 1)


async def test_fix_all_of_one_code(tmp_path: Path) -> None:
    text = BAD.replace("\t商业企业\t", "\t商业机构\t")
    async with session("visual-studio-code", tmp_path) as s:
        uri = s.open(tmp_path / "a.txt", text)
        nb502 = by_code(await s.diagnostics(uri), "NB502")
        every = [a for a in await s.actions(uri, nb502[:1]) if a.title.startswith("修复本文件中所有 NB502")]
        assert len(every) == 1
        s.apply(uri, every[0].edit.changes[uri])  # type: ignore[union-attr,index]
        assert by_code(await s.diagnostics(uri), "NB502") == []


async def test_disable_line_file_and_config_actions(tmp_path: Path) -> None:
    async with session("visual-studio-code", tmp_path) as s:
        uri = s.open(tmp_path / "a.txt", BAD)
        diags = await s.diagnostics(uri)
        nb502 = by_code(diags, "NB502")[0]
        actions = {a.title: a for a in await s.actions(uri, [nb502])}
        s.apply(uri, actions["在本行禁用 NB502"].edit.changes[uri])  # type: ignore[union-attr,index]
        assert "<!-- nianbao-disable-line NB502 -->" in s.texts[uri]
        assert [d.code for d in await s.diagnostics(uri)] == ["NB503"]
        nb503 = by_code(await s.diagnostics(uri), "NB503")[0]
        actions = {a.title: a for a in await s.actions(uri, [nb503])}
        s.apply(uri, actions["在本文件禁用 NB503"].edit.changes[uri])  # type: ignore[union-attr,index]
        assert s.texts[uri].startswith("<!-- nianbao-disable-file NB503 -->\n")
        assert await s.diagnostics(uri) == []
        # ignore in nianbao.toml: the file does not exist yet, so the edit creates it
        other = s.open(tmp_path / "b.txt", BAD)
        nb503 = by_code(await s.diagnostics(other), "NB503")[0]
        actions = {a.title: a for a in await s.actions(other, [nb503])}
        edit = actions["在 nianbao.toml 中忽略 NB503"].edit
        assert edit is not None and edit.document_changes
        create, text_edit = edit.document_changes
        assert isinstance(create, types.CreateFile) and create.uri.endswith("/nianbao.toml")
        (tmp_path / "nianbao.toml").write_text(text_edit.edits[0].new_text, encoding="utf-8")  # type: ignore[union-attr]
        s.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams([types.FileEvent(uri=create.uri, type=types.FileChangeType.Created)])
        )
        s.versions[other] += 1  # re-check without an edit: wait for the next publish of the same text
        s.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(uri=other, version=s.versions[other]), []
            )
        )
        assert [d.code for d in await s.diagnostics(other)] == ["NB502"]
        # with the file present, the same action edits it in place
        nb502 = by_code(await s.diagnostics(other), "NB502")[0]
        actions = {a.title: a for a in await s.actions(other, [nb502])}
        changes = actions["在 nianbao.toml 中忽略 NB502"].edit.changes  # type: ignore[union-attr]
        assert changes is not None and [e.new_text for e in changes[create.uri]] == ['"NB503", "NB502"']


async def test_show_documentation_command(tmp_path: Path) -> None:
    async with session("visual-studio-code", tmp_path) as s:
        uri = s.open(tmp_path / "a.txt", BAD)
        nb502 = by_code(await s.diagnostics(uri), "NB502")[0]
        docs = [
            a for a in await s.actions(uri, [nb502]) if a.command and a.command.command == "nianbao.showDocumentation"
        ]
        command = docs[0].command
        assert len(docs) == 1 and command is not None
        await s.client.workspace_execute_command_async(
            types.ExecuteCommandParams(command=command.command, arguments=command.arguments)
        )
        assert len(s.client.shown_documents) == 1
        shown = Path(s.client.shown_documents[0].uri.removeprefix("file://"))
        assert "NB502 nonstandard-label" in shown.read_text(encoding="utf-8")


async def test_document_symbols(tmp_path: Path) -> None:
    async with session("neovim", tmp_path) as s:
        uri = s.open(tmp_path / "a.md", clean("markdown"), language="markdown")
        symbols = await s.client.text_document_document_symbol_async(
            types.DocumentSymbolParams(types.TextDocumentIdentifier(uri))
        )
        names = [sym.name for sym in symbols]  # type: ignore[union-attr]
        assert names[0] == "青禾县云溪镇人民政府2023年政府信息公开工作年度报告"
        assert names[1:7] == [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        ]
        three = symbols[3]  # type: ignore[index]
        assert [c.name for c in three.children] == ["表三 收到和处理政府信息公开申请情况"]  # type: ignore[union-attr]
        one = symbols[1]  # type: ignore[index]
        assert [c.name for c in one.children][:2] == ["（一）主动公开", "（二）依申请公开"]  # type: ignore[union-attr]


async def test_editor_settings_and_config_file_changes(tmp_path: Path) -> None:
    config = {"nianbao": {"ignore": ["NB502"], "severity": {"NB503": "warning"}}}
    async with session("vscode-pull", tmp_path, configuration=config) as s:
        uri = s.open(tmp_path / "a.txt", BAD)
        diags = await s.diagnostics(uri)
        assert [(d.code, d.severity) for d in diags] == [("NB503", types.DiagnosticSeverity.Warning)]
        s.client.set_configuration({"nianbao": {"select": ["NB5"]}})
        refreshes = s.client.diagnostic_refresh_count
        s.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
        for _ in range(100):
            if s.client.diagnostic_refresh_count > refreshes:
                break
            await asyncio.sleep(0.05)
        assert s.client.diagnostic_refresh_count > refreshes
        assert sorted(str(d.code) for d in await s.diagnostics(uri)) == ["NB502", "NB503"]
        (tmp_path / "nianbao.toml").write_text('ignore = ["NB503"]\n', encoding="utf-8")
        s.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                [types.FileEvent(uri="file://" + str(tmp_path / "nianbao.toml"), type=types.FileChangeType.Created)]
            )
        )
        await asyncio.sleep(0.2)
        assert [d.code for d in await s.diagnostics(uri)] == ["NB502"]


async def test_form_feeds_do_not_shift_positions(tmp_path: Path) -> None:
    text = BAD.replace("一、总体情况", "一、总体\f情况")
    async with session("neovim@v0.7.0", tmp_path) as s:
        uri = s.open(tmp_path / "a.txt", text)
        diags = await s.diagnostics(uri)
        nb502 = by_code(diags, "NB502")[0]
        start = text.index("国家机密")
        assert nb502.range.start == s.position(uri, start)
        assert nb502.range.start.line == text[:start].count("\n")


async def test_bursts_coalesce_and_stale_results_are_never_published(tmp_path: Path) -> None:
    async with session("visual-studio-code", tmp_path) as s:
        uri = s.open(tmp_path / "a.txt", BAD)
        await s.diagnostics(uri)
        at = s.texts[uri].index("一是政策解读")
        for i in range(200):
            s.change(uri, at + i, at + i, "字")
        label = s.texts[uri].index("国家机密")
        s.change(uri, label, label + 4, "国家秘密")
        assert [d.code for d in await s.diagnostics(uri)] == ["NB503"]
        versions = [v or 0 for u, v in s.published if u == uri]  # a publication without a version fails
        # never a result older than one already shown, and the last one is for the final text
        # (how many checks a burst coalesces into is a matter of speed: see benchmarks/)
        assert versions == sorted(versions) and versions[-1] == s.versions[uri]


async def test_large_document_and_server_stays_responsive(tmp_path: Path) -> None:
    big = BAD + ("（五）补充说明\n\n" + "本年度持续推进政务公开工作，信息发布及时准确。" * 40 + "\n\n") * 420
    assert len(big.encode()) > 1_000_000
    async with session("visual-studio-code", tmp_path) as s:
        uri = s.open(tmp_path / "big.txt", big)
        diags = await s.diagnostics(uri, timeout=60)
        assert {"NB502", "NB503"} <= {d.code for d in diags}
        symbols = await s.client.text_document_document_symbol_async(
            types.DocumentSymbolParams(types.TextDocumentIdentifier(uri))
        )
        assert symbols


def test_malformed_requests_get_json_rpc_errors_and_the_server_keeps_serving() -> None:
    uri = "file:///tmp/malformed.txt"
    responses = raw_exchange(
        [
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {"processId": None, "rootUri": None, "capabilities": {}},
            },
            {"jsonrpc": "2.0", "method": "initialized", "params": {}},
            {"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}}},
            {"jsonrpc": "2.0", "id": 3, "method": "no/suchMethod", "params": {}},
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didOpen",
                "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": BAD}},
            },
            {
                "jsonrpc": "2.0",
                "id": 4,
                "method": "textDocument/documentSymbol",
                "params": {"textDocument": {"uri": uri}},
            },
            {"jsonrpc": "2.0", "id": 5, "method": "shutdown"},
        ]
    )
    assert responses[2]["error"]["code"] == -32602  # invalid params
    assert responses[3]["error"]["code"] == -32601  # method not found
    assert len(responses[4]["result"]) == 8  # title, six sections, signature: still serving
    assert responses[5]["result"] is None


async def said(messages: Sequence[MessageT], text: str, timeout: float = 2.5) -> list[MessageT]:
    """The messages (shown or logged) containing *text*, waiting up to *timeout* seconds for one."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not (found := [m for m in messages if text in m.message]) and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.05)
    return found


async def test_raising_local_plugin_is_nb001_and_logged(tmp_path: Path) -> None:
    (tmp_path / "local_rules.py").write_text(
        "from nianbao import hookimpl, rule, ERROR\n"
        "PREFIX = 'LX'\n"
        "@rule('LX101', 'boom', ERROR, 'raises')\n"
        "def boom(report):\n    '''Raises.'''\n    raise RuntimeError('故意出错')\n"
        "@hookimpl\ndef nianbao_rules():\n    return [boom]\n",
        encoding="utf-8",
    )
    (tmp_path / "nianbao.toml").write_text('local-plugins = ["local_rules.py"]\n', encoding="utf-8")
    async with session("visual-studio-code", tmp_path, options={"trusted": True}) as s:
        uri = s.open(tmp_path / "a.txt", BAD)
        diags = await s.diagnostics(uri)
        assert sorted(str(d.code) for d in diags) == ["NB001", "NB502", "NB503"]
        assert "LX101" in by_code(diags, "NB001")[0].message
        logged = await said(s.client.log_messages, "LX101")
        assert any(m.type == types.MessageType.Error for m in logged)
    async with session("visual-studio-code", tmp_path) as s:  # untrusted: the local plugin never runs
        uri = s.open(tmp_path / "a.txt", BAD)
        assert sorted(str(d.code) for d in await s.diagnostics(uri)) == ["NB502", "NB503"]
        assert await said(s.client.messages, "不受信任")


async def test_a_typo_in_configuration_is_shown_and_the_defaults_lint(tmp_path: Path) -> None:
    (tmp_path / "nianbao.toml").write_text('ignore = ["NB5O2"]\n', encoding="utf-8")
    async with session("visual-studio-code", tmp_path) as s:
        uri = s.open(tmp_path / "a.txt", BAD)
        assert sorted(str(d.code) for d in await s.diagnostics(uri)) == ["NB502", "NB503"]
        assert await said(s.client.messages, "“NB5O2”不对应任何规则；最接近的是 NB502")


def test_check_does_not_import_the_server_stack() -> None:
    import sys

    code = "import sys, nianbao.cli, nianbao.engine, nianbao.parsing; print([m for m in sys.modules if m.startswith(('pygls', 'lsprotocol'))])"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"


__all__ = ["Session"]


def _scripted(
    tmp_path: Path, messages: list[dict[str, Any]]
) -> tuple[dict[int, Any], subprocess.CompletedProcess[bytes]]:
    """Run the server on a file of messages (stdin that is not a pipe: the server reads it in a
    thread, not on the event loop); its responses by id, and the process."""
    from .lsp_session import SERVER

    requests = tmp_path / "requests.bin"
    requests.write_bytes(
        b"".join(
            b"Content-Length: %d\r\n\r\n" % len(body) + body for body in (json.dumps(m).encode() for m in messages)
        )
    )
    with requests.open("rb") as stdin:
        proc = subprocess.run(SERVER, stdin=stdin, capture_output=True, timeout=60)
    replies = [json.loads(part.split(b"\r\n\r\n", 1)[1]) for part in proc.stdout.split(b"Content-Length: ")[1:]]
    return {r["id"]: r for r in replies if "id" in r and "method" not in r}, proc


INITIALIZE: dict[str, Any] = {
    "jsonrpc": "2.0",
    "id": 1,
    "method": "initialize",
    "params": {"processId": None, "capabilities": {}},
}
SHUTDOWN: list[dict[str, Any]] = [
    {"jsonrpc": "2.0", "id": 2, "method": "shutdown"},
    {"jsonrpc": "2.0", "method": "exit"},
]


def test_requests_from_a_regular_file_on_stdin(tmp_path: Path) -> None:
    by_id, proc = _scripted(
        tmp_path, [INITIALIZE, {"jsonrpc": "2.0", "method": "initialized", "params": {}}, *SHUTDOWN]
    )
    assert by_id[1]["result"]["serverInfo"]["name"] == "nianbao" and by_id[2]["result"] is None
    assert proc.returncode == 0


def _plus_one(t3: dict[RowSpec, tuple[int, ...]], *rows: RowSpec) -> dict[RowSpec, tuple[int, ...]]:
    """*t3* with one more in the 自然人 column of each of *rows*."""
    return t3 | {r: (t3.get(r, (0,) * 6)[0] + 1, *t3.get(r, (0,) * 6)[1:]) for r in rows}


async def test_open_draft_is_compared_with_last_years_report_in_the_workspace(tmp_path: Path) -> None:
    """Last year's report on disk (and another agency's), this year's draft open: the carry-over
    finding points into last year's file (its URI, its own lines), hover gives both years' numbers,
    fix-all updates a year left from last year, and fixing last year's file on disk (a watched-file
    change) re-checks the draft."""
    last, this = series(first_of_series(2022, "青禾县云溪镇人民政府", "云溪镇", 4), 2, 4)
    this = replace(this, t3=_plus_one(this.t3, T3Row.CARRIED, T3Row.GRANTED))
    old = tmp_path / "2022" / "云溪镇.txt"
    old.parent.mkdir()
    old.write_text(render(last), encoding="utf-8")
    other = replace(last, agency="青禾县石桥镇人民政府", name="石桥镇")
    (tmp_path / "2022" / "石桥镇.txt").write_text(render(other), encoding="utf-8")
    draft = render(this).replace("2023年，云溪镇坚持", "2022年，云溪镇坚持")
    async with session("visual-studio-code", tmp_path) as s:
        uri = s.open(tmp_path / "2023" / "云溪镇.txt", draft)
        diags = await s.diagnostics(uri)
        assert sorted(str(d.code) for d in diags) == ["NB601", "NB606"]
        (nb601,) = by_code(diags, "NB601")
        assert s.texts[uri].splitlines()[nb601.range.start.line].startswith("二、上年结转")
        (there,) = nb601.related_information or []
        assert there.location.uri == from_fs_path(str(old))
        assert (
            old.read_text(encoding="utf-8").splitlines()[there.location.range.start.line].startswith("四、结转下年度")
        )
        hover = await s.client.text_document_hover_async(
            types.HoverParams(types.TextDocumentIdentifier(uri), nb601.range.start)
        )
        value = hover.contents.value  # type: ignore[union-attr]
        forward = last.t3[T3Row.CARRY_FORWARD][0]
        assert f"本年（2023 年度）二、上年结转（自然人）：{forward + 1}" in value
        assert f"上年（2022 年度）四、结转下年度继续办理（自然人）：{forward}" in value
        fix_all = await s.actions(uri, [], only=["source.fixAll"])
        s.apply(uri, fix_all[0].edit.changes[uri])  # type: ignore[union-attr,index]
        assert "2023年，云溪镇坚持" in s.texts[uri]
        assert [d.code for d in await s.diagnostics(uri)] == ["NB601"]
        old.write_text(render(replace(last, t3=_plus_one(last.t3, T3Row.CARRY_FORWARD, T3Row.NEW))), encoding="utf-8")
        changed = types.FileEvent(uri=from_fs_path(str(old)) or "", type=types.FileChangeType.Changed)
        s.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams([changed]))
        for _ in range(100):
            await asyncio.sleep(0.05)
            if not by_code(list(s.client.diagnostics.get(uri, [])), "NB601"):
                break
        assert list(s.client.diagnostics[uri]) == []


def test_a_late_cancel_is_not_logged_as_an_error(tmp_path: Path) -> None:
    cancel = [{"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": i}} for i in (1, 99)]
    by_id, proc = _scripted(tmp_path, [INITIALIZE, *cancel, *SHUTDOWN])
    assert by_id[2]["result"] is None and proc.returncode == 0
    assert b"Cancel" not in proc.stderr and b"cancel" not in proc.stderr, proc.stderr
