"""Reading JSON-RPC from standard input on the event loop itself.

pygls 2 reads stdin through `run_in_executor`: one thread hop per header line and one per body,
three per message. While a check runs in the lint thread each hop waits for the GIL, so a burst of
edits was read at about 3 ms a message and nearly every edit got its own check. Reading the pipe
with asyncio needs no thread; a message already in the buffer is parsed without waiting.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from typing import Any, BinaryIO

from pygls.io_ import StdinAsyncReader, StdoutWriter, run_async
from pygls.lsp.server import LanguageServer

logger = logging.getLogger(__name__)


class StreamReader:
    """pygls' AsyncReader over an asyncio stream."""

    def __init__(self, stream: asyncio.StreamReader) -> None:
        self.stream = stream

    async def readline(self) -> bytes:
        return await self.stream.readline()

    async def readexactly(self, n: int) -> bytes:
        try:
            return await self.stream.readexactly(n)
        except asyncio.IncompleteReadError as exc:  # end of input: pygls stops on a short body
            return exc.partial


async def _reader(stdin: BinaryIO, server: LanguageServer) -> Any:
    loop = asyncio.get_running_loop()
    stream = asyncio.StreamReader(limit=2**26, loop=loop)  # a whole-document didOpen is one "line" to read past
    try:
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stream, loop=loop), stdin)
    except (ValueError, OSError):  # a regular file or a console: fall back to pygls' threaded reader
        return StdinAsyncReader(stdin, server.thread_pool)
    return StreamReader(stream)


def serve_stdio(server: LanguageServer, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
    """What `LanguageServer.start_io` does, with the reader above."""
    stop = threading.Event()
    server._stop_event = stop  # pygls sets this on `exit`; private, hence pygls pinned to 2.1.x
    server.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))

    async def main() -> None:
        reader = await _reader(stdin or sys.stdin.buffer, server)
        await run_async(
            stop_event=stop,
            reader=reader,
            protocol=server.protocol,
            logger=logger,
            error_handler=server.report_server_error,
        )

    try:
        asyncio.run(main())
    except BrokenPipeError:
        logger.error("the client closed the connection")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()
