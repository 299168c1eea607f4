"""Finding last year's report, shared by the CLI and the language server.

`ReportIndex` holds report digests by year and pairs a report with the same agency's report for
the year before (`ReportIndex.previous_of`); `search_root` and `may_be_of` say where a report's
folder tree is and which of its files may be last year's (their path mentions the year). Checking
a pair is `Linter.check_years` (or, inside a check, `Linter(previous=…)`); `nianbao.runner.pair_run`
does both for a CLI run. See docs/years.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from .record import FrozenRecord

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from .config import Config
    from .digest import ReportDigest

NAMED, RUN, TREE = "named", "run", "tree"  # how a predecessor was found
HOW = {NAMED: "配置或命令行指定", RUN: "同一次检查中的文件", TREE: "同一目录树中的文件"}
# Why a candidate is the same agency, strongest first (`same_agency`), and why one is not.
FULL, CORE, SHORT, ELSEWHERE = "full", "core", "short", "elsewhere"
MATCH = {
    FULL: "机关全称相同",
    CORE: "机关简称相同",
    SHORT: "一方的机关名称是另一方的简称",
    ELSEWHERE: "同名机关，但地名不同",
}


class Pairing(FrozenRecord):  # not a dataclass: this module is imported by every run, cached ones too
    """What a report was paired with (``previous`` None: nothing, and ``why`` says why); ``match``
    why the predecessor is the same agency (`MATCH`); ``others`` the other candidates of the year
    before that were not taken, each with its `MATCH` key."""

    __slots__ = ("path", "previous", "how", "why", "match", "others")
    path: str
    previous: ReportDigest | None
    how: str  # named | run | tree
    why: str
    match: str
    others: tuple[tuple[str, str], ...]  # (path, match)

    def __init__(
        self,
        path: str,
        previous: ReportDigest | None = None,
        how: str = "",
        why: str = "",
        match: str = "",
        others: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self._init(path, previous, how, why, match, others)

    def describe(self) -> str:
        """One line for ``nianbao check --verbose`` (file names any output can carry): with several
        candidates, which was taken and why, and the others."""
        from .output import shown

        others = "、".join(f"{shown(path)}（{MATCH[match]}）" for path, match in self.others)
        if self.previous is not None:
            line = f"{shown(self.path)}：与上年报告 {shown(self.previous.path)} 比对（{HOW[self.how]}"
            if not others:
                return line + "）"
            return line + f"；{MATCH[self.match]}）；未采用的其他候选：{others}"
        line = f"{shown(self.path)}：不作跨年度比对（{shown(self.why)}）"
        return line + (f"；未采用的候选：{others}" if others else "")


class ReportIndex:
    """Report digests by year, each under its path (one digest per path: adding again replaces)."""

    def __init__(self, digests: Iterable[ReportDigest] = ()) -> None:
        self._by_year: dict[int, dict[str, ReportDigest]] = {}
        for digest in digests:
            self.add(digest)

    def add(self, digest: ReportDigest) -> None:
        self.remove(digest.path)
        if digest.year is not None:
            self._by_year.setdefault(digest.year, {})[digest.path] = digest

    def remove(self, path: str) -> None:
        for reports in self._by_year.values():
            reports.pop(path, None)

    def of_year(self, year: int) -> list[ReportDigest]:
        return list(self._by_year.get(year, {}).values())

    def previous_of(self, digest: ReportDigest, how: str = RUN) -> Pairing:
        """The same agency's report for the year before *digest*'s, or why there is none."""
        return previous_among(digest, self.of_year, how)


def previous_among(digest: ReportDigest, of_year: Callable[[int], list[ReportDigest]], how: str = RUN) -> Pairing:
    """The same agency's report for the year before *digest*'s among *of_year*'s reports of that
    year (in the order they came; any that may be the same agency's — `same_agency` decides), or
    why there is none."""
    if digest.year is None or not digest.agency_core:
        return Pairing(digest.path, why="未能确定本报告的年度或机关")
    year = digest.year - 1
    candidates = [d for d in of_year(year) if d.path != digest.path]
    matched = same_agency(digest, candidates)
    best = [d for d, match in matched if match == matched[0][1]] if matched else []
    if len(best) == 1 and matched[0][1] != ELSEWHERE:
        others = tuple((d.path, match) for d, match in matched[1:])
        return Pairing(digest.path, best[0], how, match=matched[0][1], others=others)
    if best and matched[0][1] != ELSEWHERE:
        names = "、".join(d.path for d in best)
        weaker = tuple((d.path, match) for d, match in matched[len(best) :])
        return Pairing(
            digest.path,
            why=f"有多份可能是{digest.agency_core} {year} 年度的报告：{names}，请用 previous 指定",
            others=weaker,
        )
    others = tuple((d.path, match) for d, match in matched)
    return Pairing(digest.path, why=f"没有找到{digest.agency_core} {year} 年度的报告", others=others)


def same_agency(digest: ReportDigest, candidates: list[ReportDigest]) -> list[tuple[ReportDigest, str]]:
    """The candidates that may be by the same agency as *digest*, each with why (`MATCH`), the
    likeliest first: the same full name; else the same core name (云溪镇 for 青禾县云溪镇人民政府);
    else a core that ends with the other's (a short form such as 县教育局 for 教育局) — the agency
    inference's own notion of one agency. A core shared by agencies of two places (云州县自然资源局,
    临溪县自然资源局) is not one agency: a candidate whose name places it elsewhere comes last, as
    `ELSEWHERE`. A 镇 and the 街道 that replaced it have different cores: they are not paired unless
    named."""
    core = digest.agency_core or ""
    here: tuple[str, ...] | None = None  # read when a candidate needs it: a run without one imports no facts
    found = []
    for d in candidates:
        other = d.agency_core or ""
        if digest.agency and d.agency == digest.agency:
            match = FULL
        elif core and other == core:
            match = CORE
        elif core and other and (other.endswith(core) or core.endswith(other)):
            match = SHORT
        else:
            continue
        if match != FULL:
            here = _places(digest) if here is None else here
            match = match if _same_place(here, _places(d)) else ELSEWHERE
        found.append((d, match))
    order = list(MATCH)
    return sorted(found, key=lambda pair: order.index(pair[1]))


def _places(digest: ReportDigest) -> tuple[str, ...]:
    """The place names before the agency's core in its name: 青禾市临溪县 in 青禾市临溪县教育局."""
    from .facts import place_names, place_prefix  # pairing only: never on the import path of a cached run

    return place_names(place_prefix(digest.agency or "", digest.agency_core or ""))


def _same_place(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two names' places may be one: the shorter run of place names ends the longer (临溪县
    and 青禾市临溪县; none given fits any)."""
    short, long = sorted((one, other), key=len)
    return not short or long[-len(short) :] == short


def named_pairing(digest: ReportDigest, named: ReportDigest | None, path: str) -> Pairing:
    """The pairing with a predecessor named in configuration or on the command line (*path*, whose
    digest is *named*; None when it could not be read): any agency, but the year before."""
    if named is None:
        return Pairing(digest.path, why=f"指定的上年报告 {path} 无法读取")
    if digest.year is not None and named.year is not None and named.year != digest.year - 1:
        return Pairing(digest.path, why=f"指定的上年报告 {path} 是 {named.year} 年度的，本报告是 {digest.year} 年度")
    return Pairing(digest.path, named, NAMED)


def search_root(file: Path, year: int, config: Config) -> Path:
    """The folder tree where last year's report of *file* (a report for *year*) is looked for: the
    configuration file's folder (the project); without one, the report's own folder — or its parent
    when the folder is named by the year (``2023/``), so that ``2022/`` is in the tree."""
    if config.path is not None:
        return config.path.parent
    folder = file.parent
    return folder.parent if str(year) in (folder.name or folder.absolute().name) else folder


def may_be_of(path: Path, root: Path, year: int) -> bool:
    """Whether *path* (found under *root*) mentions *year* in its file or folder names below the
    root: the only files of a tree that are read to find last year's report."""
    text, under = str(path), str(root)
    return str(year) in (text[len(under) :] if text.startswith(under) else text)


def from_cwd(path: Path) -> Path:
    """*path* as output names it: relative to the working directory when it is under it."""
    if not path.is_absolute():
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive
        return path
    return path if relative.startswith("..") else Path(relative)
