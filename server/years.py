"""Last year's report for an open draft: the workspace's reports, indexed by agency and year.

The report files under the workspace folders are listed on first need and kept current by
``workspace/didChangeWatchedFiles`` (`changed`). A file's digest is computed — parsed, no rule
run — the first time the file is a candidate (its path mentions the year looked for) and kept
until the file changes, so checking a draft again on a keystroke costs a few dictionary lookups.
Pairing and checking are the CLI's: `nianbao.years.ReportIndex` and the engine's cross-year
rules (`Linter(previous=…)`). Files are read as saved: an unsaved edit to last year's report is
seen when it is saved.

Lookups run in the checker's worker thread, file events on the event loop: a lock keeps the two
apart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from nianbao.digest import ReportDigest
from nianbao.engine import Linter, Previous, Selection
from nianbao.resolver import Resolver
from nianbao.years import TREE, Pairing, ReportIndex, may_be_of, named_pairing

Walk = Callable[[Path], Iterable[Path]]


class WorkspaceReports:
    def __init__(self, resolver: Resolver, walk: Walk) -> None:
        self.resolver = resolver
        self.walk = walk
        self.roots: list[Path] = []
        self._files: dict[Path, Path] | None = None  # report file → the workspace folder it is in
        self._digests: dict[Path, ReportDigest | None] = {}  # None: read, but not a report
        self._index = ReportIndex()
        self._lock = threading.Lock()

    def forget(self) -> None:
        """The configuration changed (inference settings shape digests): read everything again."""
        with self._lock:
            self._files = None
            self._digests.clear()
            self._index = ReportIndex()

    def changed(self, paths: Iterable[Path]) -> None:
        """Report files created, changed or deleted on disk: forget what was read from them."""
        with self._lock:
            for path in paths:
                self._digests.pop(path, None)
                self._index.remove(str(path))
                if self._files is not None:
                    root = next((r for r in self.roots if path.is_relative_to(r)), None)
                    if path.is_file() and root is not None:
                        self._files[path] = root
                    else:
                        self._files.pop(path, None)

    def previous(self, path: Path | None, selection: Selection) -> Previous:
        """The predecessor lookup for a draft (at *path* on disk, if saved; configured by
        *selection*), as the engine calls it with the draft's digest."""
        return lambda digest: self._pairing(digest, path, selection).previous

    def _pairing(self, digest: ReportDigest, path: Path | None, selection: Selection) -> Pairing:
        named = selection.inference.get("previous")
        if named:
            return named_pairing(digest, self._digest(Path(named)), named)
        if digest.year is None:
            return Pairing(digest.path, why="未能确定本报告的年度")
        year = digest.year - 1
        for file in self._candidates(year, path):
            self._digest(file)
        with self._lock:
            return self._index.previous_of(digest, TREE)

    def _candidates(self, year: int, path: Path | None) -> list[Path]:
        """The report files whose path (in their workspace folder) mentions *year*, but *path*."""
        with self._lock:
            if self._files is None:
                self._files = {file: root for root in self.roots for file in self.walk(root)}
            return [f for f, root in self._files.items() if f != path and may_be_of(f, root, year)]

    def _digest(self, file: Path) -> ReportDigest | None:
        with self._lock:
            if file in self._digests:
                return self._digests[file]
        digest = _read_digest(self.resolver, file)
        with self._lock:
            self._digests[file] = digest
            if digest is not None:
                self._index.add(digest)
        return digest


def _read_digest(resolver: Resolver, file: Path) -> ReportDigest | None:
    """The digest of a report on disk: parsed with its own configuration, no rule run."""
    try:
        data = file.read_bytes()
        registry = resolver.registry(file)
        inference = resolver.selection(file).inference
    except Exception:  # unreadable, or a broken configuration the open draft's check reports
        return None
    result = Linter(registry).check_bytes(data, str(file), Selection(select=[], inference=inference))
    return result.with_digest().digest
