"""The language server survives broken clients: bad framing, bad JSON, repeated initialize.

Each test feeds raw bytes to a real `nianbao lsp` process, closes its input and reads everything it
wrote: a server that hangs fails by timeout, one that dies or prints a traceback fails the asserts.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from nianbao.testing.drafts import clean

from .lsp_session import SERVER
from .lsp_session import session as lsp_session

INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {}}}
SHUTDOWN = {"jsonrpc": "2.0", "id": 99, "method": "shutdown"}
EXIT = {"jsonrpc": "2.0", "method": "exit"}


def frame(message: Any) -> bytes:
    body = json.dumps(message).encode() if not isinstance(message, bytes) else message
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def exchange(data: bytes, timeout: float = 60) -> tuple[dict[Any, dict[str, Any]], str]:
    """Responses by id (id None for errors without one), and stderr, after the input ends."""
    proc = subprocess.run(SERVER, input=data, capture_output=True, timeout=timeout)
    responses: dict[Any, dict[str, Any]] = {}
    out = proc.stdout
    while out:
        head, sep, rest = out.partition(b"\r\n\r\n")
        assert sep, f"unframed output: {out[:200]!r}"
        length = next(int(h.split(b":")[1]) for h in head.split(b"\r\n") if h.lower().startswith(b"content-length"))
        reply = json.loads(rest[:length])
        out = rest[length:]
        if "method" not in reply:
            responses[reply.get("id")] = reply
    stderr = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr, stderr
    return responses, stderr


def session(*middle: bytes) -> bytes:
    return frame(INIT) + b"".join(middle) + frame(SHUTDOWN) + frame(EXIT)


@pytest.mark.parametrize(
    "broken",
    [
        b"Content-Length: abc\r\n\r\n" + json.dumps({"jsonrpc": "2.0", "id": 5, "method": "shutdown"}).encode(),
        b"Content-Length: -12\r\n\r\n" + json.dumps({"jsonrpc": "2.0", "id": 5, "method": "shutdown"}).encode(),
        b"Content-Type: application/vscode-jsonrpc\r\n\r\n" + json.dumps({"jsonrpc": "2.0", "id": 5}).encode(),
        b"Content-Length: 10\r\n\r\n" + json.dumps({"jsonrpc": "2.0", "id": 5, "method": "shutdown"}).encode(),
        b"Content-Length: 99999999999999999999\r\n\r\n{}",
    ],
    ids=["non-numeric", "negative", "missing", "too-small", "absurd"],
)
def test_bad_content_length_is_skipped_and_the_next_message_answered(broken: bytes) -> None:
    hover = {"jsonrpc": "2.0", "id": 7, "method": "no/suchMethod", "params": {}}
    responses, stderr = exchange(session(broken, frame(hover)))
    assert responses[7]["error"]["code"] == -32601  # the well-framed message after the broken one
    assert responses[99]["result"] is None
    assert len(stderr.strip().splitlines()) <= 3, stderr  # a line or two about the broken message


def test_a_70_mb_header_line_is_skipped() -> None:
    huge = b"X-Junk: " + b"a" * (70 * 2**20) + b"\r\n"
    responses, stderr = exchange(frame(INIT) + huge + frame(SHUTDOWN)[0:] + frame(EXIT), timeout=120)
    assert responses[99]["result"] is None
    assert "超长" in stderr


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2, 3]",
        b"42",
        b'{"no": "jsonrpc"}',
        json.dumps({"jsonrpc": "2.0", "id": 5, "method": "textDocument/hover", "params": {"textDocument": 3}}).encode(),
    ],
    ids=["invalid-json", "array", "number", "not-json-rpc", "wrong-param-types"],
)
def test_malformed_messages_are_one_log_line(body: bytes) -> None:
    responses, stderr = exchange(session(frame(body)))
    assert responses[99]["result"] is None
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert 1 <= len(lines) <= 2, stderr


def test_a_second_initialize_is_an_invalid_request() -> None:
    again = dict(INIT, id=2, params={"processId": None, "capabilities": {}, "initializationOptions": {"trusted": True}})
    responses, _ = exchange(session(frame(again)))
    assert "capabilities" in responses[1]["result"]
    assert responses[2]["error"]["code"] == -32600
    assert "initialize" in responses[2]["error"]["message"]


async def test_fix_all_keeps_the_documents_form(tmp_path: Path) -> None:
    # A Markdown buffer named .txt: **bold** is Markdown there, not a conversion artifact to remove
    text = clean("markdown").replace("1.属于国家秘密", "1.属于国家机密").replace("（一）主动公开", "（一）**主动公开**")
    async with lsp_session("visual-studio-code", tmp_path) as s:
        uri = s.open(tmp_path / "a.txt", text, language="markdown")
        assert [d.code for d in await s.diagnostics(uri)] == ["NB502"]
        fix_all = await s.actions(uri, [], only=["source.fixAll"])
        s.apply(uri, fix_all[0].edit.changes[uri])  # type: ignore[union-attr,index]
        assert s.texts[uri] == text.replace("1.属于国家机密", "1.属于国家秘密")


async def test_fix_all_lints_in_the_lint_thread_not_on_the_event_loop(tmp_path: Path) -> None:
    log = tmp_path / "threads.log"
    (tmp_path / "spy.py").write_text(
        "import threading\nfrom nianbao import hookimpl, rule, ERROR\nPREFIX = 'SP'\n"
        "@rule('SP101', 'spy', ERROR, 'notes the thread it runs in')\n"
        f"def spy(report):\n    '''Notes its thread.'''\n    with open({str(log)!r}, 'a') as fh:\n"
        "        fh.write(threading.current_thread().name + '\\n')\n    return ()\n"
        "@hookimpl\ndef nianbao_rules():\n    return [spy]\n",
        encoding="utf-8",
    )
    (tmp_path / "nianbao.toml").write_text('local-plugins = ["spy.py"]\n', encoding="utf-8")
    text = clean().replace("1.属于国家秘密", "1.属于国家机密")
    async with lsp_session("visual-studio-code", tmp_path, options={"trusted": True}) as s:
        uri = s.open(tmp_path / "a.txt", text)
        await s.diagnostics(uri)
        fix_all = await s.actions(uri, [], only=["source.fixAll"])
        assert fix_all
    threads = log.read_text(encoding="utf-8").split()
    assert len(threads) >= 2 and all(t.startswith("nianbao-lint") for t in threads), threads


class _Lines:
    """A reader of header lines (read_length reads no body)."""

    def __init__(self, data: bytes) -> None:
        self.lines = data.splitlines(keepends=True)

    async def readline(self) -> bytes:
        return self.lines.pop(0) if self.lines else b""

    async def readexactly(self, n: int) -> bytes:
        raise AssertionError("no body is read")


@pytest.mark.parametrize(
    ("header", "said"),
    [
        (b"Content-Length: abc", "Content-Length 不是数字（“abc”）"),
        (b"Content-Length: 12abc", "Content-Length 不是数字（“12abc”）"),
        (b"Content-Length:", "Content-Length 没有值"),
        (b"Content-Length: -12", "Content-Length 无效（-12）"),
        (b"Content-Type: text/plain", "缺少 Content-Length"),
    ],
)
async def test_a_header_block_without_a_usable_length_says_why(
    header: bytes, said: str, caplog: pytest.LogCaptureFixture
) -> None:
    from nianbao.server.stdio import read_length

    assert await read_length(_Lines(header + b"\r\n\r\nContent-Length: 2\r\n\r\n")) == 2
    assert said in caplog.text, caplog.text
