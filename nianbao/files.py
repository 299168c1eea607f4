"""`Files`: the files a run checks, in order, held compactly.

A folder of 10,000 drafts held as `pathlib.Path` objects (each with its parts, string and hash)
weighed ~0.5 KB a draft, for the whole run. `Files` holds each name's bytes one after another in
one buffer (~60 bytes a draft) and makes a `Path` only when one is asked for; with each file, a
flag: whether it is to be checked only if it looks like a report (found by a folder walk: see
`nianbao.sniff`). None stands for standard input.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path


class Files:
    """Paths (None: standard input) in the order they were added, each with its *sniffed* flag: a
    collection (`len`, `in`, iteration) indexed as a list."""

    def __init__(self, paths: Iterable[Path | None] = (), sniffed: bool = False) -> None:
        self._names = bytearray()  # each name as the file system's bytes (`os.fsencode`), end to end
        self._ends = array("Q")  # where each name ends in `_names`; standard input's is empty
        self._sniffed = bytearray()
        self.stdin_count = 0  # how many entries stand for standard input (one, at most, in a valid run)
        for path in paths:
            self.append(path, sniffed)

    def append(self, path: Path | None, sniffed: bool = False) -> None:
        if path is not None:
            self._names += os.fsencode(path)  # never empty: an empty path is "."
        else:
            self.stdin_count += 1
        self._ends.append(len(self._names))
        self._sniffed.append(sniffed)

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> Path | None:
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        start, end = self._ends[i - 1] if i else 0, self._ends[i]
        return Path(os.fsdecode(bytes(self._names[start:end]))) if end > start else None

    def __contains__(self, path: object) -> bool:
        if path is None:  # known without making a `Path` of every name
            return self.stdin_count > 0
        return any(path == p for p in self)

    def __iter__(self) -> Iterator[Path | None]:
        for i in range(len(self)):
            yield self[i]

    def sniffed(self, i: int) -> bool:
        """Whether the *i*-th file is checked only if it looks like a report."""
        return bool(self._sniffed[i])

    def on_disk(self) -> OnDisk:
        """These files without standard input, each with its flag."""
        out = OnDisk()
        for i, path in enumerate(self):
            if path is not None:
                out.append(path, self.sniffed(i))
        return out


class OnDisk(Files):
    """Files without standard input (`Files.on_disk`)."""

    def __getitem__(self, i: int) -> Path:
        path = super().__getitem__(i)
        assert path is not None
        return path

    def __iter__(self) -> Iterator[Path]:
        for i in range(len(self)):
            yield self[i]
