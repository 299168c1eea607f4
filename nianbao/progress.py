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

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
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

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False
