"""Fuzzing the two ways in: the CLI's in-process path and the language server's message loop.

Bounded (a fixed number of examples, no deadline per example) so the file runs in well under a
minute. Each example asserts what a user must always get: an exit status of 0, 1 or 2, valid JSON
on stdout, no traceback, no hang; from the server, well-framed JSON-RPC and no traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.cli import main
from nianbao.testing.drafts import clean

DRAFTS = [clean("tab"), clean("markdown"), clean("cells", 2020)]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16"]
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@st.composite
def drafts(draw: st.DrawFn) -> bytes:
    """Bytes near a real draft: a draft with a few random splices, in a random encoding; or noise."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=3000))
    text = draw(st.sampled_from(DRAFTS))
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 200)))
        insert = draw(st.text(st.sampled_from("\t\n\r |-#*<!->（）一二三0123456789国家机密条例年镇/"), max_size=40))
        text = text[:start] + insert + text[end:]
    return text.encode(draw(st.sampled_from(ENCODINGS)), "replace")


NAMES = st.sampled_from(["草稿.txt", "a.md", "b.markdown", "x y.txt", os.fsdecode(b"\xff\xfe.txt"), "-中.txt"])


@FUZZ
@given(data=drafts(), name=NAMES, fmt=st.sampled_from(["json", "sarif"]), fix=st.booleans())
def test_the_cli_never_fails_on_any_draft(tmp_path: Path, data: bytes, name: str, fmt: str, fix: bool) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    try:
        (folder / name).write_bytes(data)
    except (OSError, UnicodeEncodeError):  # a file system that refuses the name
        return
    out, err = io.StringIO(), io.StringIO()
    args = ["check", "--no-cache", "--format", fmt, *(["--fix", "--unsafe-fixes"] if fix else []), str(folder)]
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(args)
    assert status in (0, 1), err.getvalue()
    json.loads(out.getvalue())  # valid JSON, whatever the draft and its name
    assert "Traceback" not in err.getvalue() and "内部错误" not in err.getvalue()
    if not fix:
        assert (folder / name).read_bytes() == data  # checking never writes


# --- the server's message loop ---------------------------------------------------------------------

URI = "file:///fuzz/草稿.txt"


def _frame(message: Any) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message, ensure_ascii=False).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


POSITION = st.fixed_dictionaries({"line": st.integers(0, 200), "character": st.integers(0, 80)})
RANGE = st.fixed_dictionaries({"start": POSITION, "end": POSITION})
DOC = st.fixed_dictionaries({"uri": st.just(URI)})
MESSAGES = st.one_of(
    st.builds(
        lambda text, version: {
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": URI, "languageId": "plaintext", "version": version, "text": text}},
        },
        st.sampled_from(DRAFTS),
        st.integers(0, 3),
    ),
    st.builds(
        lambda rng, text, version: {
            "jsonrpc": "2.0",
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": URI, "version": version},
                "contentChanges": [{"range": rng, "text": text}],
            },
        },
        RANGE,
        st.text(max_size=30),
        st.integers(4, 100),
    ),
    st.builds(
        lambda i, method, pos, rng: {
            "jsonrpc": "2.0",
            "id": i,
            "method": method,
            "params": {
                "textDocument": {"uri": URI},
                "position": pos,
                "range": rng,
                "context": {"diagnostics": [], "only": ["source.fixAll", "quickfix"]},
            },
        },
        st.integers(10, 10_000),
        st.sampled_from(["textDocument/hover", "textDocument/documentSymbol", "textDocument/codeAction"]),
        POSITION,
        RANGE,
    ),
    st.builds(
        lambda i: {"jsonrpc": "2.0", "id": i, "method": "initialize", "params": {"capabilities": {}}}, st.just(2)
    ),
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
        max_leaves=8,
    ),
)
BROKEN = st.one_of(
    st.binary(max_size=60),
    st.builds(lambda n: b"Content-Length: %d\r\n\r\n{}" % n, st.integers(-5, 40)),
    st.just(b"Content-Length: x\r\n\r\n{}"),
    st.just(b"\r\n\r\n"),
)


class _Writer:
    def __init__(self) -> None:
        self.data = bytearray()

    def write(self, data: bytes) -> None:
        self.data += data

    def close(self) -> None:
        pass


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _serve(data: bytes) -> tuple[bytes, list[logging.LogRecord]]:
    from nianbao.server.app import create_server
    from nianbao.server.stdio import StreamReader, read_messages

    server = create_server()
    writer = _Writer()
    server.protocol.set_writer(writer)
    records = _Records()
    logging.getLogger().addHandler(records)

    async def run() -> None:
        stream = asyncio.StreamReader()
        stream.feed_data(data)
        stream.feed_eof()
        loop = read_messages(threading.Event(), StreamReader(stream), server.protocol, server.report_server_error)
        await asyncio.wait_for(loop, 30)  # a hang fails the test
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        if pending:  # requests still being answered (a lint in the worker thread)
            done, still = await asyncio.wait(pending, timeout=30)
            assert not still, still

    try:
        asyncio.run(run())
    finally:
        logging.getLogger().removeHandler(records)
        server.checker.shutdown()
    return bytes(writer.data), records.records


@FUZZ
@given(st.lists(st.one_of(MESSAGES.map(_frame), BROKEN), max_size=12))
def test_the_server_message_loop_survives_any_input(frames: list[bytes]) -> None:
    init = _frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
    out, records = _serve(init + _frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}) + b"".join(frames))
    assert not [r for r in records if r.exc_info], [r.getMessage() for r in records if r.exc_info]
    assert not [r for r in records if "Traceback" in r.getMessage()]
    replies = []
    while out:  # every reply well framed, valid JSON
        head, sep, rest = out.partition(b"\r\n\r\n")
        assert sep and head.startswith(b"Content-Length: "), out[:100]
        length = int(head.split(b"\r\n")[0].split(b":")[1])
        replies.append(json.loads(rest[:length]))
        out = rest[length:]
    assert replies and replies[0].get("id") == 1 and "result" in replies[0]


@pytest.mark.parametrize("data", [b"", b"\r\n", b"Content-Length: 3\r\n\r\n{}"])
def test_the_message_loop_ends_at_the_end_of_input(data: bytes) -> None:
    out, _ = _serve(data)
    assert out == b""
