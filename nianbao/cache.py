"""The result cache: findings per draft content, so re-checking unchanged drafts is near-instant.

A cache entry is keyed by everything that decides the findings: the draft's bytes and path, the
configuration file's bytes, the command line's selectors, the nianbao version and code, and the
plugins (entry points with their versions, local plugin files with their modification times).
Nothing else is trusted: a changed input is a different key. Entries are small JSON files
``<key>.json`` under ``<cache dir>/<version>/``: ``{"f": [finding records (see `record`)], "d": the
report digest's outline, "x": true}``, with "x" when the digest's body (its tables and sentences,
`ReportDigest.record`) is in ``<key>.body`` beside it — read only when the report is paired with
another year's, so a hit reads no more than before. The findings of comparing two reports (the
cross-year rules) are an entry ``{"f": [...]}`` of their own, keyed by the two reports' keys
(`Runner.compare`): a re-run over unchanged reports compares nothing. The directory carries a
CACHEDIR.TAG and ignores itself for git.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from . import __version__
from .digest import ReportDigest, new_digest
from .ruledef import MANUAL, SAFE, SEVERITIES, SUGGESTED, Edit, Finding, Fix, Related

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from typing import Any


def digest(data: bytes) -> str:
    return new_digest(data).hexdigest()


class Cache:
    def __init__(self, directory: Path) -> None:
        self.root = directory
        self.directory = directory / __version__
        self._ready = False

    def key(self, data: bytes, *parts: str) -> str:
        h = new_digest()
        for part in (__version__, *parts):
            h.update(part.encode("utf-8", "surrogateescape"))  # a file name need not be valid UTF-8
            h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def load(self, key: str, path: str) -> tuple[tuple[Finding, ...], ReportDigest | None] | None:
        """The findings and report digest (for the file *path* names) stored under *key*, or None on
        a miss (a corrupt or foreign entry is a miss)."""
        folder = self.directory / key[:2]
        try:
            with open(folder / f"{key}.json", encoding="utf-8", errors="surrogatepass") as fh:
                entry = json.load(fh)
            body_file = str(folder / f"{key}.body") if entry.get("x") is True else ""
            digest = ReportDigest.from_record(path, entry["d"], body_file=body_file, key=key) if "d" in entry else None
            return tuple(finding_from_record(r) for r in entry["f"]), digest
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def store(self, key: str, findings: tuple[Finding, ...], digest: ReportDigest | None = None) -> None:
        """Store *findings* and *digest* under *key*; a digest whose entry is written takes *key*
        (`ReportDigest.key`), and gives up its body's text for the file's name (`ReportDigest.stored_in`)."""
        entry: dict[str, Any] = {"f": [record(f) for f in findings]}
        body = ""
        if digest is not None:
            entry["d"], body = digest.record()
            if body:
                entry["x"] = True
        try:
            self._prepare()
            folder = self.directory / key[:2]
            folder.mkdir(exist_ok=True)
            if body:  # first: an entry is never there without its body
                _write(folder / f"{key}.body", body)
            _write(folder / f"{key}.json", json.dumps(entry, ensure_ascii=False))
            if digest is not None:
                digest.key = key
                if body:
                    digest.stored_in(str(folder / f"{key}.body"))
        except OSError:
            pass  # a read-only or full disk only costs speed

    def _prepare(self) -> None:
        if self._ready:
            return
        self.directory.mkdir(parents=True, exist_ok=True)
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# nianbao's result cache\n", encoding="utf-8")
            (self.root / ".gitignore").write_text("*\n", encoding="utf-8")
        self._ready = True


def _write(path: Path, text: str) -> None:
    """Replace *path* atomically: parallel workers never see half a file."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    # surrogatepass: a file name that is not UTF-8 (a previous year's, in a pair's findings) is
    # kept as the lone surrogates Python decoded it to, and read back as them (`Cache.load`)
    tmp.write_bytes(text.encode("utf-8", "surrogatepass"))
    os.replace(tmp, path)


_CODE: str | None = None


def code_fingerprint() -> str:
    """nianbao's own code, by modification time: a development checkout changes without a new
    version number, and must never be answered with results of the code it had before."""
    global _CODE
    if _CODE is None:
        import importlib.util

        folders = [Path(__file__).parent]
        spec = importlib.util.find_spec("nianbao.rules")  # imports nothing but the nianbao package
        if spec and spec.submodule_search_locations:
            folders += [Path(p) for p in spec.submodule_search_locations]
        stamps = []
        for folder in folders:
            for root, _, names in os.walk(folder):
                stamps += [os.stat(os.path.join(root, n)).st_mtime_ns for n in names if n.endswith(".py")]
        _CODE = f"{len(stamps)}:{max(stamps, default=0)}"
    return _CODE


def record(f: Finding) -> dict[str, Any]:
    """A completed finding as plain JSON data (the cache's entry format)."""
    out: dict[str, Any] = {
        "s": f.start,
        "e": f.end,
        "m": f.message,
        "c": f.code,
        "n": f.name,
        "v": f.severity,
        "l": f.line,
    }
    if f.detail:
        out["d"] = f.detail
    if f.related:
        out["r"] = [[r.start, r.end, r.message, r.path] if r.path else [r.start, r.end, r.message] for r in f.related]
    if f.fix:
        out["f"] = [f.fix.description, f.fix.applicability, [[e.start, e.end, e.new_text] for e in f.fix.edits]]
    return out


def finding_from_record(r: dict[str, Any]) -> Finding:
    """The finding a `record` describes; ValueError (or KeyError/TypeError) for anything malformed,
    so that a damaged cache entry is a miss and never a crash."""
    fix = None
    if "f" in r:
        description, applicability, edits = r["f"]
        if applicability not in (SAFE, SUGGESTED, MANUAL):
            raise ValueError(applicability)
        fix = Fix(_text(description), tuple(Edit(_int(a), _int(b), _text(t)) for a, b, t in edits), applicability)
    if r["v"] not in SEVERITIES:
        raise ValueError(r["v"])
    return Finding(
        _int(r["s"]),
        _int(r["e"]),
        _text(r["m"]),
        fix=fix,
        related=tuple(Related(_int(a), _int(b), _text(m), _text(p[0]) if p else "") for a, b, m, *p in r.get("r", ())),
        detail=_text(r.get("d", "")),
        code=_text(r["c"]),
        name=_text(r["n"]),
        severity=r["v"],
        line=_int(r["l"]),
    )


def _int(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise ValueError(value)
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError(value)
    return value
