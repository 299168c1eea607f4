"""Finding plugins' entry points cheaply, without importing them or the rule registry; and
telling when local plugin files changed (`local_stamp`).

Entry points are read from ``*.dist-info/entry_points.txt`` directly: importing
``importlib.metadata`` and scanning every distribution costs more than the whole lint of a draft,
and pre-commit pays start-up on every commit. A cached run only needs the list (to fingerprint the
plugins in use), so this module imports nothing of nianbao but `nianbao.record`.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence

from .record import FrozenRecord

GROUP = "nianbao"
_SECTION = re.compile(r"^\[(.+)\]\s*$")


class EntryPointRef(FrozenRecord):
    """One entry point as its distribution's ``entry_points.txt`` declares it."""

    __slots__ = ("name", "value", "dist", "version")
    name: str  # the code prefix
    value: str  # module[:attribute]
    dist: str
    version: str

    def __init__(self, name: str, value: str, dist: str, version: str) -> None:
        self._init(name, value, dist, version)


def discover_entry_points(group: str = GROUP, paths: Sequence[str] | None = None) -> list[EntryPointRef]:
    found: list[EntryPointRef] = []
    seen: set[str] = set()
    for directory in paths if paths is not None else sys.path:
        try:
            names = sorted(os.listdir(directory or "."))
        except OSError:
            continue
        for meta in names:
            if not (meta.endswith(".dist-info") or meta.endswith(".egg-info")):
                continue
            dist, _, version = meta.rsplit(".", 1)[0].partition("-")
            if dist.lower() in seen:
                continue  # the first installation on sys.path wins, as for imports
            try:
                with open(os.path.join(directory or ".", meta, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                continue
            seen.add(dist.lower())
            if f"[{group}]" in text:
                name = _dist_name(os.path.join(directory or ".", meta)) or dist
                found.extend(EntryPointRef(n, v, name, version.split("-")[0]) for n, v in _entries(text, group))
    return found


def _dist_name(meta_dir: str) -> str | None:
    """The project name as published (nianbao-shandong), from METADATA or PKG-INFO."""
    for name in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(meta_dir, name), encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("Name:"):
                        return line.split(":", 1)[1].strip()
                    if not line.strip():
                        break
        except OSError:
            continue
    return None


def _entries(text: str, group: str) -> Iterable[tuple[str, str]]:
    inside = False
    for line in text.splitlines():
        line = line.strip()
        m = _SECTION.match(line)
        if m:
            inside = m.group(1).strip() == group
            continue
        if inside and "=" in line and not line.startswith(("#", ";")):
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


def local_stamp(paths: Iterable[os.PathLike[str] | str]) -> str:
    """What identifies the code of local plugins (files or package folders): each Python file's
    path, modification time and size. A changed stamp means the plugin must be loaded again."""
    parts = []
    for path in paths:
        root = os.fspath(path)
        files = [root]
        if os.path.isdir(root):
            files = sorted(
                os.path.join(folder, name)
                for folder, _, names in os.walk(root)
                for name in names
                if name.endswith(".py")
            )
        for file in files:
            try:
                status = os.stat(file)
            except OSError:
                continue
            parts.append(f"{file}:{status.st_mtime_ns}:{status.st_size}")
    return "|".join(parts)
