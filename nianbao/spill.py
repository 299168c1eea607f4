"""`Held` and `BodySpill`: where a run over many reports keeps the digests' tables and sentences while it
waits for its last report, so that what it holds in memory for each report is its outline.

A report's findings are final only once its predecessor is known, and whether another file of the
run is that predecessor is known only when that file is checked: the CLI holds every report's
digest until then (`nianbao.cli`). The body of a digest (its tables and sentences as JSON text,
~5,600 characters, most of what a held result weighs) goes to a temporary file, as the cache's
go to its ``.body`` files (`ReportDigest.stored_in`), and is read back only if the report is
paired.
"""

from __future__ import annotations

import os

from .errors import UsageError

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    import sqlite3
    import tempfile
    from collections.abc import Callable
    from io import BufferedWriter
    from typing import Any

    from .digest import ReportDigest
    from .results import FileResult
    from .years import Pairing, ReportIndex


class BodySpill:
    """A temporary file of digest bodies, one after another, made on first use and removed by
    `close` (or ``with``): one file, not one a body, whose making and removing cost a run more
    than writing them."""

    def __init__(self) -> None:
        self._file: BufferedWriter | None = None
        self._name = ""

    def hold(self, digest: ReportDigest) -> None:
        """Move *digest*'s body to the file; kept in memory when it cannot be written."""
        if not digest.body:
            return
        try:
            if self._file is None:
                import tempfile

                # not a NamedTemporaryFile: on Windows no other handle could open it to read
                fd, self._name = tempfile.mkstemp(prefix="nianbao-", suffix=".bodies")
                self._file = open(fd, "wb")
            data = digest.body.encode("utf-8")
            at = self._file.seek(0, os.SEEK_END)
            self._file.write(data)
            self._file.flush()  # read back by other processes (--jobs), by name
        except OSError:  # a full or read-only temporary folder: memory will do
            return
        digest.stored_in(self._name, (at, len(data)))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
            try:
                os.remove(self._name)
            except OSError:  # gone already, or in use on Windows: the temporary folder's to clean
                pass

    def __enter__(self) -> BodySpill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Held:
    """The outcomes of a run, in order, held until its last report is checked (each report's
    predecessor may be any later file), with what pairs them: `previous_of` as
    `years.ReportIndex.previous_of`, and each report's `Pairing` once found.

    A run over several files holds them in a temporary ``sqlite3`` database (pickled, the digests'
    bodies in a `BodySpill`), the reports indexed by year, agency and core name reversed (a core
    ending another's is a prefix of it), so that its memory does not grow with the number of files.
    A one-file run holds its one outcome in memory and opens no database: pre-commit's start-up;
    so does a run whose temporary folder cannot take the database. UsageError when the folder
    fails (fills up) during the run.
    """

    def __init__(self, many: bool) -> None:
        self._bodies = BodySpill() if many else None
        self._db: sqlite3.Connection | None = None
        self._file: tempfile._TemporaryFileWrapper[bytes] | None = None
        self._memory: list[tuple[str, FileResult, Pairing | None]] = []  # (absolute, result, pairing)
        self._index: ReportIndex | None = None  # the pairing index of the outcomes in memory
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def add(self, absolute: str, result: FileResult) -> None:
        """Hold *result*, the outcome of the file at *absolute* ("" for standard input)."""
        if self._bodies is not None and result.digest is not None:
            self._bodies.hold(result.digest)
        self._count += 1
        db = self._database() if self._bodies is not None and (self._db or not self._memory) else None
        if db is None:
            from .years import ReportIndex

            self._memory.append((absolute, result, None))
            self._index = self._index or ReportIndex()
            if result.digest is not None:
                self._index.add(result.digest)
            return
        import sqlite3  # imported by `_database`

        try:
            self._insert(db, absolute, result)
        except sqlite3.Error as exc:
            raise UsageError(f"临时文件夹无法写入（{exc}），检查中止：请腾出空间或用 TMPDIR 另指一个文件夹") from exc

    def _insert(self, db: sqlite3.Connection, absolute: str, result: FileResult) -> None:
        db.execute("INSERT INTO result VALUES (?, ?, ?, NULL)", (self._count - 1, _key(absolute), _packed(result)))
        digest = result.digest
        if digest is not None and digest.year is not None:  # one report per path: adding again replaces
            db.execute("DELETE FROM report WHERE path = ?", (_key(digest.path),))
            core = _key((digest.agency_core or "")[::-1])
            db.execute(
                "INSERT INTO report VALUES (NULL, ?, ?, ?, ?, ?)",
                (_key(digest.path), digest.year, _key(digest.agency), core, _packed(digest)),
            )

    def result(self, i: int) -> FileResult:
        """The *i*-th outcome held."""
        if self._db is None:
            return self._memory[i][1]
        return _unpacked(self._db.execute("SELECT held FROM result WHERE i = ?", (i,)).fetchone()[0])

    def of_file(self, absolute: str) -> tuple[bool, ReportDigest | None]:
        """Whether the file at *absolute* is one of the run's, and its digest."""
        if self._db is None:
            found = [result for path, result, _ in self._memory if path == absolute]
        else:
            rows = self._db.execute(
                "SELECT held FROM result WHERE absolute = ? ORDER BY i DESC LIMIT 1", (_key(absolute),)
            )
            found = [_unpacked(held) for (held,) in rows]
        return (True, found[-1].digest) if found else (False, None)

    def previous_of(self, digest: ReportDigest) -> Pairing:
        """As `years.ReportIndex.previous_of` over the reports held."""
        from .years import previous_among

        return previous_among(digest, self._of_year(digest))

    def _of_year(self, digest: ReportDigest) -> Callable[[int], list[ReportDigest]]:
        """The reports of a year that may be by *digest*'s agency, in the order they came: the same
        name, or a core name that ends or is ended by *digest*'s (`years.same_agency` decides)."""

        def of_year(year: int) -> list[ReportDigest]:
            if self._db is None:
                return self._index.of_year(year) if self._index else []
            core = (digest.agency_core or "")[::-1]
            ends = [_key(core[:n]) for n in range(1, len(core) + 1)]  # the cores *digest*'s ends with
            # Each term names the year, so that each is a search of an index: with the year
            # factored out, sqlite scans every report of the year, and a run pays its square.
            rows = self._db.execute(
                "SELECT digest FROM report WHERE (year = ?1 AND agency = ?2)"
                f" OR (year = ?1 AND core IN ({','.join(f'?{n}' for n in range(5, len(ends) + 5))}))"
                " OR (year = ?1 AND core > ?3 AND core < ?4) ORDER BY n",
                (year, _key(digest.agency), _key(core), _key(core + "\U0010ffff"), *ends),
            )
            return [_unpacked(packed) for (packed,) in rows]

        return of_year

    def pair(self, i: int, pairing: Pairing | None) -> None:
        """Record what the *i*-th outcome's report is paired with."""
        if self._db is None:
            absolute, result, _ = self._memory[i]
            self._memory[i] = (absolute, result, pairing)
        else:
            self._db.execute("UPDATE result SET pairing = ? WHERE i = ?", (_packed(pairing), i))

    def pairing(self, i: int) -> Pairing | None:
        if self._db is None:
            return self._memory[i][2]
        return _unpacked(self._db.execute("SELECT pairing FROM result WHERE i = ?", (i,)).fetchone()[0])

    def paired(self, i: int) -> tuple[FileResult, Pairing | None]:
        """The *i*-th outcome and its pairing, read together (`result` and `pairing`)."""
        if self._db is None:
            return self._memory[i][1], self._memory[i][2]
        held, pairing = self._db.execute("SELECT held, pairing FROM result WHERE i = ?", (i,)).fetchone()
        return _unpacked(held), _unpacked(pairing)

    def _database(self) -> sqlite3.Connection | None:
        """The database, made on first use; None when the temporary folder cannot take it."""
        if self._db is None:
            import sqlite3
            import tempfile

            try:
                self._file = tempfile.NamedTemporaryFile(prefix="nianbao-", suffix=".db")
                self._db = sqlite3.connect(self._file.name)
                self._db.executescript(_SCHEMA)
            except (OSError, sqlite3.Error):  # memory will do, as before
                self._drop_database()
        return self._db

    def _drop_database(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._file is not None:
            self._file.close()
            self._file = None

    def close(self) -> None:
        self._drop_database()
        if self._bodies is not None:
            self._bodies.close()

    def __enter__(self) -> Held:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# No journal and no syncing: the database lives and dies with the run. A report's core name is
# stored reversed, so that the cores ending with another are a range of the index.
_SCHEMA = """
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -256;
CREATE TABLE result (i INTEGER PRIMARY KEY, absolute BLOB, held BLOB, pairing BLOB);
CREATE INDEX result_file ON result (absolute);
CREATE TABLE report (n INTEGER PRIMARY KEY AUTOINCREMENT, path BLOB, year INTEGER, agency BLOB, core BLOB, digest BLOB);
CREATE INDEX report_path ON report (path);
CREATE INDEX report_core ON report (year, core);
CREATE INDEX report_agency ON report (year, agency);
"""


def _key(text: str | None) -> bytes | None:
    """*text* as the database holds it: bytes, for a file name that is not valid UTF-8 (its
    undecodable bytes as surrogates, which sqlite3 refuses in text) is a key too."""
    return None if text is None else text.encode("utf-8", "surrogateescape")


def _packed(value: object) -> bytes:
    import pickle

    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _unpacked(data: bytes) -> Any:
    import pickle

    return pickle.loads(data)
