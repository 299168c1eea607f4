"""Reading JSON-RPC from standard input on the event loop itself, surviving broken clients.

pygls 2 reads stdin through `run_in_executor`: one thread hop per header line and one per body,
three per message. While a check runs in the lint thread each hop waits for the GIL, so a burst of
edits was read at about 3 ms a message and nearly every edit got its own check. Reading the pipe
with asyncio needs no thread; a message already in the buffer is parsed without waiting.

The framing is our own too (pygls' `run_async` lost the framing for good after one bad
``Content-Length``, and died on a header line longer than the stream's limit): a header block
without a usable length is skipped, and the reader resynchronises on the next line that ends in
``Content-Length: N``, which is where the next well-framed message starts even when the broken
message's body is glued in front of it. Every problem is one line on stderr, never a traceback.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
import threading
from typing import Any, BinaryIO, Protocol

from pygls.io_ import StdinAsyncReader, StdoutWriter
from pygls.lsp.server import LanguageServer

logger = logging.getLogger(__name__)

LINE_LIMIT = 2**26  # a header line longer than this is skipped (a resync may read a whole body as a line)
MAX_BODY = 2**30  # a Content-Length above this is refused rather than buffered
_SKIPPED = b"(skipped)\r\n"  # stands for the skipped line: a header line that carries no length
_LENGTH = re.compile(rb"Content-Length:[ \t]*(.*?)[ \t]*\r?\n?\Z", re.IGNORECASE | re.DOTALL)
_NUMBER = re.compile(rb"[-+]?\d+")


class AsyncReader(Protocol):
    def readline(self) -> Any: ...

    def readexactly(self, n: int) -> Any: ...


class StreamReader:
    """pygls' AsyncReader over an asyncio stream."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.stream = stream

    async def readline(self) -> bytes:
        try:
            return await self.stream.readline()
        except ValueError:  # longer than LINE_LIMIT: the stream dropped what it had; skip the rest
            logger.warning("跳过一个超长的报头行（超过 %d 字节）", LINE_LIMIT)
            while True:
                try:
                    await self.stream.readuntil(b"\n")
                    return _SKIPPED
                except asyncio.LimitOverrunError as exc:
                    await self.stream.readexactly(exc.consumed)
                except asyncio.IncompleteReadError:
                    return b""

    async def readexactly(self, n: int) -> bytes:
        try:
            return await self.stream.readexactly(n)
        except asyncio.IncompleteReadError as exc:  # end of input
            return exc.partial


async def _reader(stdin: BinaryIO, server: LanguageServer) -> AsyncReader:
    loop = asyncio.get_running_loop()
    stream = asyncio.StreamReader(limit=LINE_LIMIT, loop=loop)
    try:
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream, loop=loop), stdin)
    except (ValueError, OSError):  # a regular file or a console: fall back to pygls' threaded reader
        return StdinAsyncReader(stdin, server.thread_pool)
    return StreamReader(stream)


async def read_length(reader: AsyncReader) -> int | None:
    """Read one header block and return its body's length; None at the end of input.

    A block without a valid length (missing, not a number, negative, absurdly large) is reported
    and skipped; reading goes on until a block that has one.
    """
    length: int | None = None
    invalid = ""
    seen = False  # any header line at all: stray blank lines between messages are not worth a warning
    while True:
        line = await reader.readline()
        if not line:
            return None
        if line.strip():
            seen = True
            match = _LENGTH.search(line)
            if match:  # a later Content-Length wins: it is where a resynchronised message starts
                length, invalid = _length(match.group(1))
            continue
        if length is not None:
            return length
        if seen:
            logger.warning("丢弃一条没有有效长度的消息：%s", invalid or "缺少 Content-Length")
        invalid, seen = "", False


def _length(value: bytes) -> tuple[int | None, str]:
    """A Content-Length header's value as (length, "") or (None, why it cannot be used)."""
    if not value:
        return None, "Content-Length 没有值"
    if not _NUMBER.fullmatch(value):
        shown = value[:40].decode("utf-8", "replace") + ("…" if len(value) > 40 else "")
        return None, f"Content-Length 不是数字（“{shown}”）"
    length = int(value)
    return (length, "") if 0 <= length <= MAX_BODY else (None, f"Content-Length 无效（{length}）")


async def read_messages(
    stop: threading.Event, reader: AsyncReader, protocol: Any, error_handler: Any | None = None
) -> None:
    """pygls' `run_async` loop with our framing: parse each body and hand it to *protocol*."""
    while not stop.is_set():
        length = await read_length(reader)
        if length is None:
            return
        body = await reader.readexactly(length)
        if len(body) < length:
            if body.strip():
                logger.warning("输入在消息中途结束（应有 %d 字节，只有 %d 字节）", length, len(body))
            return
        try:
            message = json.loads(body, object_hook=protocol.structure_message)
        except Exception as exc:  # not JSON, or params that do not parse (already answered)
            logger.warning("无法解析的消息：%s", _one_line(exc))
            if error_handler is not None:
                error_handler(exc, None)
            continue
        if not hasattr(message, "jsonrpc"):  # JSON, but not a JSON-RPC message object
            logger.warning("忽略一条不是 JSON-RPC 消息的输入：%s", _one_line(body[:80].decode("utf-8", "replace")))
            continue
        try:
            protocol.handle_message(message)
        except Exception as exc:
            logger.warning("处理消息失败：%s", _one_line(exc))
            if error_handler is not None:
                error_handler(exc, None)


class OneLineFormatter(logging.Formatter):
    """A log record as one line on stderr: pygls logs tracebacks (and puts them in messages) for
    every malformed message a client sends; the user of an editor needs to know what happened, not
    where. ``NIANBAO_DEBUG=1`` keeps the tracebacks, as in the CLI."""

    def format(self, record: logging.LogRecord) -> str:
        return f"[{record.levelname}] {record.name}: {_one_line(record.getMessage())}"


def log_to_stderr() -> None:
    """Route the server's and pygls' log records to stderr, one line each (warnings and worse)."""
    import os

    handler = logging.StreamHandler(sys.stderr)
    if not os.environ.get("NIANBAO_DEBUG"):
        handler.setFormatter(OneLineFormatter())
    logging.basicConfig(level=logging.WARNING, handlers=[handler], force=True)


def _one_line(what: object) -> str:
    text = f"{type(what).__name__}: {what}" if isinstance(what, BaseException) else str(what)
    return text.splitlines()[0] if text.strip() else text


def serve_stdio(server: LanguageServer, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
    """What `LanguageServer.start_io` does, with the reader above."""
    stop = threading.Event()
    server._stop_event = stop  # pygls sets this on `exit`; private, hence pygls pinned to 2.1.x
    server.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))

    async def main() -> None:
        reader = await _reader(stdin or sys.stdin.buffer, server)
        await read_messages(stop, reader, server.protocol, server.report_server_error)

    try:
        asyncio.run(main())
    except BrokenPipeError:
        logger.error("客户端关闭了连接")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()
