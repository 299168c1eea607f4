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
from collections.abc import Callable
from pathlib import Path

from .forms import DRAFT_SUFFIXES

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

SKIPPED_FOLDERS = ("node_modules", "__pycache__")

# (folder, prefix, patterns): a path under *folder* is matched as prefix + its path from folder;
# outermost first.
Ignores = list[tuple[Path, str, "GitIgnoreSpec"]]


def walk(directory: Path, excluded: Callable[[Path], bool] = lambda path: False) -> list[Path]:
    """The draft files under *directory*, sorted; *excluded* is asked about every file and folder."""
    found: list[Path] = []
    inherited: dict[Path, Ignores] = {directory: _outer_ignores(directory)}
    for root, dirs, names in os.walk(directory):
        here = Path(root)
        ignores = inherited.pop(here, [])
        own = _read_ignore_file(here / ".gitignore")
        if own is not None:
            ignores = [*ignores, (here, "", own)]
        kept = []
        for name in sorted(dirs):
            path = here / name
            if name.startswith(".") or name in SKIPPED_FOLDERS or _ignored(path, True, ignores) or excluded(path):
                continue
            kept.append(name)
            inherited[path] = ignores
        dirs[:] = kept
        for name in names:
            if name.startswith(".") or not name.lower().endswith(DRAFT_SUFFIXES):
                continue
            path = here / name
            if not _ignored(path, False, ignores) and not excluded(path):
                found.append(path)
    return sorted(found)


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
