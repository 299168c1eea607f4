"""A progress bar on standard error for long runs over many drafts (tqdm).

Shown only when standard error is a terminal, and only once the run has taken `DELAY` seconds, so
that quick runs (pre-commit, one draft) print nothing extra and do not even import tqdm. Never on
standard output: that is the findings' stream, and scripts parse it.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from typing import IO, Any

DELAY = 1.0  # seconds before the bar appears


class Progress:
    """Counts finished files out of *total*; call `advance` per file and `close` at the end (or use
    it as a context manager). *stream* defaults to standard error, *delay* to `DELAY`; *clock* is
    for tests."""

    def __init__(
        self,
        total: int,
        label: str = "检查",
        stream: IO[str] | None = None,
        delay: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        output: IO[str] | None = None,
    ) -> None:
        self.total = total
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.delay = DELAY if delay is None else delay
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.enabled = _terminal(self.stream)
        self._bar: Any = None
        self._drawn = False  # the bar is on the screen (not cleared for findings since it was drawn)
        # Where the findings go while the bar runs (they are written as files finish): each write
        # first clears the bar, which is drawn again below them as the next file finishes.
        self.output: IO[str] = _Above(self, output if output is not None else sys.stdout)  # type: ignore[assignment]

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
            self._drawn = True
        elif self.enabled and self.done < self.total and self.clock() - self.started >= self.delay:
            from tqdm import tqdm

            self._bar = tqdm(
                total=self.total,
                initial=self.done,
                desc=self.label,
                unit="份",
                file=self.stream,
                leave=False,  # the findings follow: the finished bar is cleared, not left above them
                dynamic_ncols=True,
            )
            self._drawn = True

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Above:
    """A stream that clears the progress bar before text is written to it."""

    def __init__(self, progress: Progress, stream: IO[str]) -> None:
        self._progress = progress
        self._stream = stream

    def write(self, text: str) -> int:
        progress = self._progress
        if progress._drawn and progress._bar is not None:
            progress._bar.clear()
            progress._drawn = False
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:  # isatty, flush, encoding …: the stream's own
        return getattr(self._stream, name)


def _terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False
