"""Checking drafts for the CLI: one file at a time, from the cache when possible, over processes.

`Runner.run` does everything for one file (read, select, cache, lint or fix, write back) and
returns a `FileResult` (trimmed by `FileResult.portable` to cross the process pool), so the same code serves a single file and a process pool.
"""

from __future__ import annotations

import os
import stat
import sys
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import islice
from pathlib import Path

from .cache import Cache, code_fingerprint, digest
from .errors import UsageError, warn, why
from .output import shown
from .record import FrozenRecord
from .resolver import Resolver
from .results import FileResult

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from concurrent.futures import Future
    from typing import TypeVar

    from .digest import ReportDigest
    from .engine import Linter, Selection
    from .ruledef import Finding
    from .source import Source
    from .spill import Held
    from .years import Pairing

    Task = TypeVar("Task")


class Options(FrozenRecord):
    """How a run checks each file: the command line's selectors, fix modes and cache folder."""

    __slots__ = ("select", "ignore", "fix", "diff", "unsafe_fixes", "stdin_filename", "config", "cache_dir", "profile")
    select: list[str] | None
    ignore: list[str] | None
    fix: bool
    diff: bool
    unsafe_fixes: bool
    stdin_filename: str | None
    config: str | None
    cache_dir: str | None  # None: no cache
    profile: bool

    def __init__(
        self,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        fix: bool = False,
        diff: bool = False,
        unsafe_fixes: bool = False,
        stdin_filename: str | None = None,
        config: str | None = None,
        cache_dir: str | None = None,
        profile: bool = False,
    ) -> None:
        self._init(select, ignore, fix, diff, unsafe_fixes, stdin_filename, config, cache_dir, profile)


class Runner:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.resolver = Resolver(Path(options.config) if options.config else None, warn)
        self.cache = Cache(Path(options.cache_dir)) if options.cache_dir and not (options.fix or options.diff) else None
        self._fingerprints: dict[Path | None, str] = {}
        self._config_digests: dict[Path, str] = {}

    def run(
        self,
        file: Path | None,
        data: bytes | None = None,
        *,
        cache_checked: bool = False,
        sniff: bool = False,
        previous: ReportDigest | None = None,
    ) -> FileResult:
        """Check one file (None: standard input, or *data*); *cache_checked* when `cached` already
        missed for it; *sniff* for a file a folder walk found: one that does not look like a report
        (`nianbao.sniff`) comes back ``skipped``. With *previous* (last year's report), the
        cross-year rules run in the same check, so ``--fix`` applies their fixes too (the cache is
        not used)."""
        try:
            return self._run(file, data, cache_checked, sniff, previous)
        except UsageError as exc:
            return FileResult("", None, error=str(exc))

    def _run(
        self, file: Path | None, data: bytes | None, cache_checked: bool, sniff: bool, previous: ReportDigest | None
    ) -> FileResult:
        from .engine import Linter

        o = self.options
        display = (o.stdin_filename or "-") if file is None else str(file)  # output formats escape bad bytes
        as_file = self.as_file(file)
        config = self.resolver.base_config(as_file)
        data, size = _read(file, config.max_file_size) if data is None else (data, len(data))
        key = self._cache_key(as_file, display, data, sniff) if previous is None else None
        if key is not None and not cache_checked:
            hit = self._load(key, display, data, config.fail_on)
            if hit is not None:
                return hit
        if sniff and file is not None:
            from .sniff import looks_like_report  # a hit was a report: only misses are sniffed

            if not looks_like_report(display, data):
                return FileResult(display, None, fail_on=config.fail_on, skipped=True)
        selection = self.resolver.selection(as_file, o.select, o.ignore)
        timings: dict[str, float] | None = {} if o.profile else None
        linter = Linter(self.resolver.registry(as_file), timings, (lambda _: previous) if previous else None)
        checked = linter.oversized(size, display, selection) or linter.check_bytes(data, display, selection)
        result = checked
        source = result.source
        if result.document is not None and (o.fix or o.diff):
            result = self._fix_document(linter, result, file, data, selection)
        elif source is not None and (o.fix or o.diff):
            result = linter.fix(source, display, selection, unsafe=o.unsafe_fixes)
            if result.fixed and result.source is not None:
                fixed_source = result.source
                new = fixed_source.raw or fixed_source.encode(fixed_source.text)
                if o.diff:
                    result.diff = _diff(display, source.text, fixed_source.text)
                    result.fixed = 0
                elif file is None:
                    result.output = new
                else:
                    try:
                        file.write_bytes(new)
                    except OSError as exc:  # the findings of the text as it still is on disk
                        result = checked
                        result.error = f"无法写入 {shown(display)}（{why(exc)}），修复未保存"
            elif file is None and o.fix:
                result.output = data
        result.fail_on = config.fail_on
        result.timings = timings or {}
        result = result.portable()
        if key is not None and self.cache is not None:
            self.cache.store(key, result.findings, result.digest)
        return result

    def as_file(self, file: Path | None) -> Path | None:
        """The path *file* is configured as: standard input as if it were the file it names."""
        o = self.options
        return file if file is not None else (Path(o.stdin_filename) if o.stdin_filename else None)

    def compare(
        self, file: Path | None, result: FileResult, previous: ReportDigest, data: bytes | None = None
    ) -> FileResult:
        """*result* (of *file*; standard input's bytes in *data*) with the findings of comparing it
        with *previous*, last year's report, from the two digests: nothing is parsed again. The text
        is read again only to place findings, when there are some and the result came without it.
        With the cache, the findings of a pair are stored under the two reports' keys: comparing
        the same two texts again loads them, and decodes neither report's tables."""
        from .engine import Linter

        current = result.digest
        if current is None:
            return result
        key = self._pair_key(current, previous)
        stored = self.cache.load(key, result.path) if self.cache is not None and key else None
        here = result

        def text() -> Source | None:
            nonlocal here
            if here.source is None:
                raw = _read(file, None)[0] if file is not None else data
                here = result.placed(raw) if raw is not None else result
            return here.source

        if stored is not None:
            found = stored[0]
            if found and file is None:  # standard input cannot be read again where they are rendered
                text()
        else:
            o = self.options
            as_file = self.as_file(file)
            selection = self.resolver.selection(as_file, o.select, o.ignore)
            found = Linter(self.resolver.registry(as_file)).check_years(current, previous, selection, text)
            if found and here.document is not None:  # a fix the document cannot take is one to make by hand
                from .documents.lint import settle_fixes

                found = settle_fixes(found, here.document)
            if self.cache is not None and key:
                self.cache.store(key, found)
        return _with_found(result, here, found)

    def stored_comparison(self, result: FileResult, previous: ReportDigest) -> FileResult | None:
        """`compare` of a file on disk when the cache holds the pair (its findings not placed in
        the text: see `bare`); None on a miss. Cheap enough to try here before any worker starts."""
        key = self._pair_key(result.digest, previous) if result.digest is not None else ""
        stored = self.cache.load(key, result.path) if self.cache is not None and key else None
        return _with_found(result, result, stored[0]) if stored is not None else None

    def _pair_key(self, current: ReportDigest, previous: ReportDigest) -> str:
        """The cache key of comparing *current* with *previous*: "" when either came uncached."""
        if self.cache is None or not current.key or not previous.key:
            return ""
        return self.cache.key(b"", "years", current.key, previous.key)

    def prepare(self, files: Iterable[Path], strict: bool = True) -> None:
        """Resolve each configuration's selection here, before workers fork: a configuration error
        stops the run at once (*strict*; else each of its files' checks reports it), its warnings
        print once, and the workers inherit loaded plugins."""
        seen: set[Path | None] = set()
        for file in files:
            if (path := self.resolver.config_file(file)) not in seen:
                seen.add(path)
                try:
                    self.resolver.selection(file, self.options.select, self.options.ignore)
                except UsageError:
                    if strict:
                        raise

    def _fix_document(
        self, linter: Linter, result: FileResult, file: Path | None, data: bytes, selection: Selection
    ) -> FileResult:
        """--fix/--diff on a .docx (fixes inside single runs); web pages and PDFs are report-only."""
        o = self.options
        document = result.document
        assert document is not None
        if document.format != "docx":
            note = f"{result.path} 是{'网页' if document.format == 'html' else ' PDF '}，只检查、不修复：文件没有改动"
            return result.replace(notes=(note,), output=data if file is None and o.fix else None)
        from .documents import read_document
        from .documents.docxfix import fix_docx

        new, fixed = fix_docx(linter, data, result.path, selection, unsafe=o.unsafe_fixes)
        if not fixed.fixed:
            return fixed.replace(output=data if file is None and o.fix else None)
        if o.diff:
            after = read_document(new, "docx").text
            return fixed.replace(diff=_diff(result.path, document.text, after), fixed=0)
        if file is None:
            return fixed.replace(output=new)
        _write(file, new)
        return fixed

    def bare(self, result: FileResult) -> FileResult:
        """*result* as `run_many` gives it: without the text of a text draft unless fixing. Whoever
        renders its findings reads the file again (`nianbao.cli`), so the text crosses no process
        pool and is not held while the rest of the run is checked."""
        o = self.options
        if o.fix or o.diff or result.source is None or result.document is not None:
            return result
        return result.replace(source=None)

    def cached(self, file: Path, sniff: bool = False) -> FileResult | None:
        """The outcome from the cache, or None on a miss (or with no cache): cheap enough to try
        for every file before any worker process is started. Its findings are not placed in the
        text (see `bare`)."""
        if self.cache is None:
            return None
        try:
            config = self.resolver.base_config(file)
            data, _ = _read(file, config.max_file_size)
            key = self._cache_key(file, str(file), data, sniff)
        except UsageError:
            return None  # the full run reports it
        return self._load(key, str(file), data, config.fail_on, place=False) if key is not None else None

    def _cache_key(self, file: Path | None, display: str, data: bytes, sniff: bool) -> str | None:
        if self.cache is None:
            return None
        o = self.options
        # Everything the findings depend on: the configuration file's bytes (path-dependent
        # settings too, hence the draft's path), the command line's selectors, the plugins; and
        # whether the file was sniffed (a walk stores reports only, a named file is always checked).
        return self.cache.key(
            data,
            display,
            self._config_digest(file),
            repr((o.select, o.ignore, sniff)),
            self._fingerprint(file),
            code_fingerprint(),
        )

    def _load(self, key: str, display: str, data: bytes, fail_on: str, place: bool = True) -> FileResult | None:
        entry = self.cache.load(key, display) if self.cache is not None else None
        if entry is None:
            return None
        findings, digest = entry
        result = FileResult(display, None, findings, fail_on=fail_on, digest=digest)
        # The text is only needed to place findings; a clean draft is not even decoded.
        return result.placed(data) if findings and place else result

    def _config_digest(self, file: Path | None) -> str:
        path = self.resolver.config_file(file)
        if path is None:
            return ""
        if path not in self._config_digests:  # read once per run, like the configuration itself
            try:
                self._config_digests[path] = f"{path.resolve()}:{digest(path.read_bytes())}"
            except OSError:
                self._config_digests[path] = str(path)
        return self._config_digests[path]

    def _fingerprint(self, file: Path | None) -> str:
        """What identifies the plugins in use, without importing any of them."""
        path = self.resolver.config_file(file)
        if path not in self._fingerprints:
            from .entrypoints import discover_entry_points, local_stamp

            config = self.resolver.base_config(file)
            refs = [
                r
                for r in discover_entry_points()
                if r.name not in config.disable_plugins and (config.plugins is None or r.name in config.plugins)
            ]
            parts = [f"{r.name}={r.value}@{r.dist}-{r.version}" for r in refs]
            self._fingerprints[path] = "|".join([*parts, local_stamp(config.local_plugins)])
        return self._fingerprints[path]


def _read(file: Path | None, limit: int | None) -> tuple[bytes, int]:
    """The draft's bytes and its size in bytes. Past *limit* only the first ``limit + 1`` bytes are
    read (the draft is not checked, and the cache key stays cheap). Only regular files are read: a
    FIFO or a device would block or never end. UsageError says why a file cannot be read."""
    if file is None:
        data = sys.stdin.buffer.read()
        return data, len(data)
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before we can see what it is
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise UsageError(f"无法读取 {shown(str(file))}：{why(exc)}") from exc
    with open(fd, "rb") as fh:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise UsageError(f"无法读取 {shown(str(file))}：不是普通文件（而是 FIFO、设备或套接字），已跳过")
        try:
            data = fh.read(limit + 1) if limit is not None else fh.read()
        except OSError as exc:
            raise UsageError(f"无法读取 {shown(str(file))}：{why(exc)}") from exc
    return data, max(status.st_size, len(data))


def _write(file: Path, data: bytes) -> None:
    """Replace *file* with *data* atomically: a failed write never leaves half a document."""
    tmp = file.with_name(f".{file.name}.{os.getpid()}.nianbao-tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, file)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UsageError(f"无法写入 {shown(str(file))}：{why(exc)}") from exc


def _with_found(result: FileResult, here: FileResult, found: tuple[Finding, ...]) -> FileResult:
    """*here* (*result*, perhaps with its text) with *found* beside *result*'s findings, in order."""
    if not found:
        return result
    return here.replace(findings=tuple(sorted(result.findings + found, key=lambda f: (f.start, f.end, f.code))))


def _diff(path: str, before: str, after: str) -> str:
    import difflib

    path = shown(path)
    old, new = (path, path) if os.path.isabs(path) else (f"a/{path}", f"b/{path}")
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), old, new))


# --- a process pool over files ---------------------------------------------------------------------

_WORKER: Runner | None = None


Walk = Callable[[Path, Callable[[Path], bool]], Iterable[Path]]  # `nianbao.walk.walk`: folder, excluded → files


def pair_run(
    runner: Runner,
    files: Iterable[Path | None],
    held: Held,
    jobs: int,
    walk: Walk,
    named: Path | None = None,
    stdin: bytes | None = None,
    walked: Collection[Path] = (),
) -> tuple[Iterator[FileResult], Iterator[Pairing], list[str]]:
    """The results *held* (of *files*; None: standard input, whose bytes are *stdin*) with the
    cross-year findings of each report whose predecessor is found, in order and compared only as
    they are asked for (a run over thousands of reports holds none of the texts read again to place
    the findings); what each report was paired with, in order, as asked for; and, at once, notes
    for ``--verbose`` (candidates left out of the search, and why). Each report's pairing is found
    here and kept in *held*.

    With ``--fix``/``--diff``, a report whose cross-year findings can be fixed is checked again with
    its predecessor, so those fixes are applied (or shown) with the others. *walked*: folders the run
    checks whole (absolute): a folder tree inside one holds no report the run has not read.
    """
    notes: list[str] = []
    _predecessors(runner, files, held, jobs, walk, named, walked, notes)
    pairings = (p for p in map(held.pairing, range(len(held))) if p is not None)
    o = runner.options
    if _pool_pays(len(held), jobs) and stdin is None and not (o.fix or o.diff):
        return _compared_in_pool(runner, files, held, jobs), pairings, notes
    return _compared(runner, files, held, stdin), pairings, notes


def _compared(runner: Runner, files: Iterable[Path | None], held: Held, stdin: bytes | None) -> Iterator[FileResult]:
    """Each result *held* with the findings of comparing it with the predecessor its pairing names."""
    o = runner.options
    for i, file in enumerate(files):
        result, pairing = held.paired(i)
        if pairing is None or pairing.previous is None:
            yield result
            continue
        compared = runner.compare(file, result, pairing.previous, stdin)
        added = set(compared.findings) - set(result.findings)
        if (o.fix or o.diff) and any(f.fix and f.fix.applies(o.unsafe_fixes) for f in added):
            again = runner.run(file, stdin, previous=pairing.previous)
            compared = again.replace(fixed=again.fixed + (result.fixed if file is not None and o.fix else 0))
        yield compared


def _compared_in_pool(runner: Runner, files: Iterable[Path | None], held: Held, jobs: int) -> Iterator[FileResult]:
    """As `_compared` (without --fix or --diff, and without standard input, whose text is in this
    process only), the comparisons made by *jobs* processes: the run's last stretch, once every
    file is checked, is not one process's work. A pair the cache holds is answered here, as
    `run_many` answers a file's hit: a re-run starts no worker to load it."""

    def batches() -> Iterator[tuple[list[FileResult | None], list[tuple[Path | None, FileResult, ReportDigest]]]]:
        numbered = enumerate(files)
        while batch := list(islice(numbered, _BATCH)):
            known: list[FileResult | None] = []  # compared with nothing or from the cache; None: a worker's
            pairs = []
            for i, file in batch:
                result, pairing = held.paired(i)
                previous = pairing.previous if pairing is not None and result.digest is not None else None
                if previous is None:
                    known.append(result)
                    continue
                known.append(runner.stored_comparison(result, previous))
                if known[-1] is None:
                    pairs.append((file, result, previous))
            yield known, pairs

    return _pooled(runner, jobs, batches(), _compare_work)


def _compare_work(tasks: list[tuple[Path | None, FileResult, ReportDigest]]) -> list[FileResult]:
    assert _WORKER is not None
    return [_WORKER.bare(_WORKER.compare(file, result, previous)) for file, result, previous in tasks]


def _predecessors(
    runner: Runner,
    files: Iterable[Path | None],
    held: Held,
    jobs: int,
    walk: Walk,
    named: Path | None,
    walked: Collection[Path],
    notes: list[str],
) -> None:
    """Pair each result *held* (None: nothing parsed) with last year's report: the one *named*
    (``--previous``) or configured (``previous``), else one of this run's, else one of the folder
    tree's (`years.search_root`, listed by *walk*) whose path mentions the year — those are checked
    (from the cache when they can be) only for their digests. A file of the tree that cannot be
    checked (unreadable, or a broken configuration of its own, which governs no report of the run)
    is no candidate: *notes* get why, and the run goes on."""
    from .years import TREE, ReportIndex, from_cwd, may_be_of, named_pairing, search_root

    looked: dict[Path, ReportDigest | None] = {}
    searched: dict[Path, dict[int, ReportDigest]] = {}  # the folder trees to search: reports not paired yet

    def digest_of(path: Path) -> ReportDigest | None:
        key = path.absolute()
        if key not in looked:
            in_run, digest = held.of_file(str(key))
            looked[key] = digest if in_run else runner.run(from_cwd(path)).digest
        return looked[key]

    for i, file in enumerate(files):
        digest, as_file = held.result(i).digest, runner.as_file(file)
        pairing = None
        if digest is not None:
            config = runner.resolver.base_config(as_file)
            given = named or (config.inference_for(as_file) if as_file else config.inference).get("previous")
            if given:
                pairing = named_pairing(digest, digest_of(Path(given)), str(from_cwd(Path(given))))
            else:
                pairing = held.previous_of(digest)
                if pairing.previous is None and digest.year is not None and as_file is not None:
                    root = search_root(as_file, digest.year, config)
                    if not _inside(root, walked):
                        searched.setdefault(root, {})[i] = digest
        held.pair(i, pairing)
    for root, unpaired in searched.items():
        years = {digest.year - 1 for digest in unpaired.values() if digest.year is not None}
        listed = [
            from_cwd(p)
            for p in walk(root, lambda p: _excluded(runner, p))
            if not held.of_file(str(p.absolute()))[0] and any(may_be_of(p, root, y) for y in years)
        ]
        # what is not a report is skipped; a file that cannot be checked comes back with its error
        found_by_walk = list(run_many(runner, listed, jobs, sniffed=lambda i: True, strict=False))
        _not_checked(listed, found_by_walk, notes)
        tree = ReportIndex(r.digest for r in found_by_walk if r.digest is not None)
        for i, digest in unpaired.items():
            found = tree.previous_of(digest, TREE)
            if found.previous is not None:
                held.pair(i, found)


def _excluded(runner: Runner, path: Path) -> bool:
    """Whether the configuration of *path*, a file or folder of a tree searched for last year's
    report, excludes it; a broken configuration excludes nothing here (the file's check says why)."""
    try:
        return runner.resolver.base_config(path).is_excluded(path)
    except UsageError:
        return False


def _not_checked(files: list[Path], results: list[FileResult], notes: list[str]) -> None:
    """Say which of *files* could not be checked (their *results*), once per reason (a broken
    configuration file names itself in every file's error)."""
    by_error: dict[str, list[str]] = {}
    for file, result in zip(files, results):
        if result.error:
            by_error.setdefault(result.error, []).append(str(file))
    for error, paths in by_error.items():
        named = "、".join(shown(p) for p in paths[:3]) + (f" 等 {len(paths)} 个文件" if len(paths) > 3 else "")
        notes.append(f"查找上年报告时跳过 {named}：{error}")


def _inside(folder: Path, folders: Collection[Path]) -> bool:
    """Whether *folder* is one of *folders* (absolute) or below one."""
    here = folder.absolute()
    return any(here == f or f in here.parents for f in folders)


def _work(tasks: list[tuple[Path, bool]]) -> list[FileResult]:
    assert _WORKER is not None
    return [_WORKER.bare(_WORKER.run(file, cache_checked=True, sniff=sniff)) for file, sniff in tasks]


_BATCH = 16  # files per task sent to a worker: few enough to stream, enough to amortise the pipe
_AHEAD = 4  # batches per worker in flight: workers never wait, and memory never grows with the run


def run_many(
    runner: Runner,
    files: Collection[Path],
    jobs: int,
    sniffed: Callable[[int], bool] = lambda i: False,
    advance: Callable[[], None] | None = None,
    strict: bool = True,
) -> Iterator[FileResult]:
    """Check *files* with *jobs* processes and yield the outcomes in the order of *files*, each as
    soon as it and those before it are done: the caller renders a file while later ones are still
    being checked, and at most ``jobs × _AHEAD × _BATCH`` outcomes are held at any time, whatever
    the number of files. Cache hits are answered in this process; workers start only when a file
    misses. The files *sniffed* says yes to (by index: found by a folder walk) are checked only
    if they look like a report. *advance* is called once per finished file (a progress bar). *strict*: a configuration
    that cannot be used stops the run (UsageError) at the first cache miss, before any file is
    checked (a hit was checked with a configuration that worked); else its files come back with
    the error."""
    tasks = ((f, sniffed(i)) for i, f in enumerate(files))  # not a list: a run's memory must not grow with its files
    if not _pool_pays(len(files), jobs):
        prepared = False
        for file, sniff in tasks:
            result = runner.cached(file, sniff)
            if result is None:
                if not prepared:  # as before starting workers: a configuration error before any outcome
                    runner.prepare(files, strict)
                    prepared = True
                result = runner.bare(runner.run(file, cache_checked=True, sniff=sniff))
            if advance:
                advance()
            yield result
        return

    def batches() -> Iterator[tuple[list[FileResult | None], list[tuple[Path, bool]]]]:
        while batch := list(islice(tasks, _BATCH)):
            hits = [runner.cached(file, sniff) for file, sniff in batch]
            yield hits, [task for task, hit in zip(batch, hits) if hit is None]

    yield from _pooled(runner, jobs, batches(), _work, advance, lambda: runner.prepare(files, strict))


def _pool_pays(count: int, jobs: int) -> bool:
    """Whether *count* files are worth starting *jobs* worker processes for: two or more each."""
    return jobs > 1 and count >= 2 * jobs


def _pooled(
    runner: Runner,
    jobs: int,
    batches: Iterator[tuple[list[FileResult | None], list[Task]]],
    work: Callable[[list[Task]], list[FileResult]],
    advance: Callable[[], None] | None = None,
    start: Callable[[], None] = lambda: None,
) -> Iterator[FileResult]:
    """The outcomes of *batches* in order. A batch is its outcomes known here (None where a task's
    goes) and its tasks, which *work* does in one of *jobs* worker processes, started (after
    *start*) at the first task; at most ``jobs × _AHEAD`` batches are in flight, so that neither
    the workers wait nor memory grows with the run. *advance* is called once per outcome."""
    pool: _Pool | None = None
    window: deque[tuple[list[FileResult | None], Future[list[FileResult]] | None]] = deque()
    try:
        for known, tasks in batches:
            if tasks and pool is None:
                start()
                pool = _Pool(runner, jobs)
            window.append((known, pool.submit(work, tasks) if tasks and pool is not None else None))
            while len(window) > jobs * _AHEAD or (window and _ready(window[0])):
                yield from _settle(*window.popleft(), advance)
        while window:
            yield from _settle(*window.popleft(), advance)
    finally:
        if pool is not None:
            pool.close()


def _ready(entry: tuple[list[FileResult | None], Future[list[FileResult]] | None]) -> bool:
    return entry[1] is None or entry[1].done()


def _settle(
    hits: list[FileResult | None], future: Future[list[FileResult]] | None, advance: Callable[[], None] | None
) -> Iterator[FileResult]:
    """A batch's outcomes in order: those known here, and its tasks' as the worker did them."""
    checked = iter(future.result() if future is not None else ())
    for hit in hits:
        if advance:
            advance()
        yield hit if hit is not None else next(checked)


class _Pool:
    """Worker processes checking batches of files; forked, they inherit the runner, its
    configuration and its loaded plugins for free."""

    def __init__(self, runner: Runner, jobs: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _WORKER
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        _WORKER = runner
        self.executor = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=_init,
            initargs=(runner.options,) if context.get_start_method() != "fork" else (),
        )

    def submit(self, work: Callable[[list[Task]], list[FileResult]], tasks: list[Task]) -> Future[list[FileResult]]:
        return self.executor.submit(work, tasks)

    def close(self) -> None:
        global _WORKER
        self.executor.shutdown(cancel_futures=True)
        _WORKER = None


def _init(options: Options | None = None) -> None:
    global _WORKER
    if options is not None:  # spawned, not forked: build our own runner
        _WORKER = Runner(options)
