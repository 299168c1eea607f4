"""Folder walks: the drafts under a directory, skipping what git and the configuration ignore.

A walk skips hidden files and folders, ``node_modules`` and ``__pycache__``, whatever a
``.gitignore`` ignores (git's semantics through pathspec: nested ``.gitignore`` files, negation,
directory patterns; the ``.gitignore`` files above the walked folder up to the repository root and
``.git/info/exclude`` count too) and whatever the caller's *excluded* says (the configuration's
``exclude``). Only names with a draft suffix are returned. pathspec is imported only when there is
a ``.gitignore`` to read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from .forms import DRAFT_SUFFIXES

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

SKIPPED_FOLDERS = ("node_modules", "__pycache__")

# (folder, prefix, patterns): a path under *folder* is matched as prefix + its path from folder;
# outermost first.
Ignores = list[tuple[Path, str, "GitIgnoreSpec"]]


def walk(directory: Path, excluded: Callable[[Path], bool] = lambda path: False) -> Iterator[Path]:
    """The draft files under *directory*, in sorted order (as `sorted` orders paths: name by name),
    one at a time: a folder's entries are visited in name order, a subfolder where its name
    falls, so a walk holds one listing per folder it is in, never the list of what it found.
    *excluded* is asked about every file and folder. Folders that cannot be listed, and links to
    folders, are not entered (as `os.walk`)."""
    yield from _walk(directory, _outer_ignores(directory), excluded)


def _walk(here: Path, ignores: Ignores, excluded: Callable[[Path], bool]) -> Iterator[Path]:
    try:
        with os.scandir(here) as listing:
            # as paths sort: by name, case-folded where the system folds case (Windows)
            entries = sorted(((e.name, _is_folder(e)) for e in listing), key=lambda entry: os.path.normcase(entry[0]))
    except OSError:
        return
    own = _read_ignore_file(here / ".gitignore")
    if own is not None:
        ignores = [*ignores, (here, "", own)]
    for name, folder in entries:
        if name.startswith(".") or folder is None:
            continue
        if folder:
            path = here / name
            if name not in SKIPPED_FOLDERS and not _ignored(path, True, ignores) and not excluded(path):
                yield from _walk(path, ignores, excluded)
        elif name.lower().endswith(DRAFT_SUFFIXES):
            path = here / name
            if not _ignored(path, False, ignores) and not excluded(path):
                yield path


def _is_folder(entry: os.DirEntry[str]) -> bool | None:
    """True for a folder to enter, False for a file (or a broken link), None for a link to a
    folder (neither entered nor checked, as `os.walk` leaves it)."""
    try:
        if not entry.is_dir():
            return False
    except OSError:
        return False
    return None if entry.is_symlink() else True


def _ignored(path: Path, is_dir: bool, ignores: Ignores) -> bool:
    """git's answer: the deepest ignore file with a pattern matching *path* decides."""
    verdict: bool | None = None
    for folder, prefix, spec in ignores:
        relative = prefix + path.relative_to(folder).as_posix() + ("/" if is_dir else "")
        result = spec.check_file(relative).include
        if result is not None:
            verdict = result
    return bool(verdict)


def _outer_ignores(directory: Path) -> Ignores:
    """The ignore files that apply to *directory* from above, up to the enclosing git repository's
    root, with its ``.git/info/exclude``; none outside a repository."""
    start = directory.resolve()
    chain = [start, *start.parents]
    root = next((d for d in chain if (d / ".git").exists()), None)
    if root is None:
        return []
    found: Ignores = []
    candidates = [root / ".git" / "info" / "exclude"] + [
        folder / ".gitignore" for folder in reversed(chain[1 : chain.index(root) + 1])
    ]
    for file in candidates:
        spec = _read_ignore_file(file)
        if spec is not None:
            base = root if file.name == "exclude" else file.parent
            below = start.relative_to(base).as_posix()
            found.append((directory, "" if below == "." else below + "/", spec))
    return found


def _read_ignore_file(path: Path) -> GitIgnoreSpec | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)
