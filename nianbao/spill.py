"""`BodySpill`: where a run over many reports keeps the digests' tables and sentences while it
waits for its last report, so that what it holds in memory for each report is its outline.

A report's findings are final only once its predecessor is known, and whether another file of the
run is that predecessor is known only when that file is checked: the CLI holds every report's
digest until then (`nianbao.cli`). The body of a digest (its tables and sentences as JSON text,
~5,600 characters, most of what a held result weighs) goes to a file of a temporary folder, as the
cache does with its ``.body`` files (`ReportDigest.stored_in`), and is read back only if the
report is paired.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    import tempfile

    from .digest import ReportDigest


class BodySpill:
    """A temporary folder of digest bodies, made on first use and removed by `close` (or ``with``)."""

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._count = 0

    def hold(self, digest: ReportDigest) -> None:
        """Move *digest*'s body to a file of the folder; kept in memory when it cannot be written."""
        if not digest.body:
            return
        if self._folder is None:
            import tempfile

            self._folder = tempfile.TemporaryDirectory(prefix="nianbao-")
        self._count += 1
        file = os.path.join(self._folder.name, f"{self._count}.body")
        try:
            with open(file, "w", encoding="utf-8") as fh:
                fh.write(digest.body)
        except OSError:  # a full or read-only temporary folder: memory will do
            return
        digest.stored_in(file)

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def __enter__(self) -> BodySpill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
