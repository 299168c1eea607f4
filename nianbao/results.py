"""What checking one file produced: the one result type of the engine, the runner, the cache, the
output formats and the language server.

A `FileResult` holds Python objects (`Finding`, `Source`, the parsed `Report`) for as long as it
stays in one process. It is serialised only where it must cross a boundary: `portable` trims it for
the process pool (pickled as is; the parsed report is replaced by its small `ReportDigest`), and
`nianbao.cache` stores its findings and digest as plain records.
"""

from __future__ import annotations

from .record import Record

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from .digest import ReportDigest
    from .documents import Document
    from .model import Report
    from .ruledef import Finding
    from .source import Source


class FileResult(Record):
    """The findings for one file, with the text they point into.

    ``source`` is the text the findings' offsets refer to (after ``--fix``, the fixed text); None
    when the bytes could not be decoded. ``report`` is the parsed draft, kept in process only (the
    server's outline and hover use it); None across the process pool and from the cache, where
    ``digest`` (agency, year, templates, tables and sentence fingerprints: what other years' reports
    are compared with, and what an audit report summarises) stands in for it.
    """

    __slots__ = (
        "path",
        "source",
        "findings",
        "report",
        "fixed",
        "diff",
        "output",
        "fail_on",
        "timings",
        "error",
        "document",
        "notes",
        "skipped",
        "digest",
    )
    path: str  # as shown to the user
    source: Source | None
    findings: tuple[Finding, ...]
    report: Report | None
    fixed: int  # fixes applied by --fix (0 with --diff)
    diff: str  # --diff: the unified diff of what --fix would change
    output: bytes | None  # standard input with --fix: the fixed bytes to print
    fail_on: str  # the lowest severity that fails this file (from its configuration)
    timings: dict[str, float]  # --profile: seconds per phase and rule
    error: str | None  # a usage error for this file (exit 2), e.g. unreadable path
    document: Document | None  # a .docx/HTML/PDF: the findings' offsets are into its rendering
    notes: tuple[str, ...]  # what the user should know about this file besides findings (stderr)
    skipped: bool  # found by a folder walk but does not look like a report: not checked
    digest: ReportDigest | None  # see `with_digest`; None when nothing was parsed

    def __init__(
        self,
        path: str,
        source: Source | None,
        findings: tuple[Finding, ...] = (),
        report: Report | None = None,
        fixed: int = 0,
        diff: str = "",
        output: bytes | None = None,
        fail_on: str = "warning",
        timings: dict[str, float] | None = None,
        error: str | None = None,
        document: Document | None = None,
        notes: tuple[str, ...] = (),
        skipped: bool = False,
        digest: ReportDigest | None = None,
    ) -> None:
        timings = {} if timings is None else timings
        self._init(
            path,
            source,
            findings,
            report,
            fixed,
            diff,
            output,
            fail_on,
            timings,
            error,
            document,
            notes,
            skipped,
            digest,
        )

    def with_digest(self) -> FileResult:
        """This result with the parsed report's digest (once; None when the report is None)."""
        if self.digest is not None or self.report is None:
            return self
        from .digest import ReportDigest

        try:
            digest = ReportDigest.of(self.report, self.path)
        except Exception:  # inference is the rules' business: a failure there was reported as NB001
            return self
        return self.replace(digest=digest)

    def placed(self, data: bytes) -> FileResult:
        """This result with the text its findings point into, read from *data* (the file's bytes:
        decoded, or for a .docx/HTML/PDF read into its rendering again), for a result that came
        without it (a cache hit, a clean draft, another year's report). Unreadable: no source."""
        from .forms import document_format
        from .source import DecodeError, Source

        fmt = document_format(self.path)
        if fmt is None:
            try:
                return self.replace(source=Source.from_text(Source.from_bytes(data).text))
            except DecodeError:
                return self.replace(source=None)
        from .documents import DocumentError, read_document

        try:
            document = read_document(data, fmt)
        except DocumentError:
            return self.replace(source=None, document=None)
        return self.replace(source=Source.from_text(document.text), document=document)

    def portable(self) -> FileResult:
        """A copy fit to cross the process pool: no parsed report but its digest, and the text only
        when a finding needs it (a run over many drafts must not hold every clean draft's text)."""
        from .source import Source

        source = self.source
        if source is not None:
            source = Source.from_text(source.text) if self.findings else None
        digest = self.with_digest().digest
        document = self.document if self.findings else None
        return self.replace(source=source, report=None, document=document, digest=digest)
