"""Linting open documents without a debounce delay, and never publishing stale results.

Each document has at most one check in flight, run in a single worker thread so the event loop
keeps reading edits. When a check finishes and newer text has arrived meanwhile, its result is kept
for reference but not published, and the newest text is checked next: bursts of edits coalesce into
one check of the latest version.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from nianbao.model import Report
from nianbao.results import FileResult
from nianbao.ruledef import Finding, Rule
from nianbao.source import LineIndex, Source

from .documents import Document, Documents


@dataclass
class Checked:
    """The result for one version of a document: the engine's `FileResult` (whose source is the
    document's text), with what the LSP needs around it."""

    uri: str
    version: int
    encoding: str  # the negotiated position encoding
    result: FileResult
    rules: Mapping[str, Rule]  # by code: documentation links and hover text
    form: str = "text"  # the surface form the text was parsed as: text or markdown

    @property
    def source(self) -> Source:
        assert self.result.source is not None  # the server always lints text it holds
        return self.result.source

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def index(self) -> LineIndex:
        return self.source.index  # the one the lint built, not a second one

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.result.findings

    @property
    def report(self) -> Report | None:
        return self.result.report


T = TypeVar("T")
Lint = Callable[[Document], Checked]  # runs in the worker thread on a snapshot
Publish = Callable[[Checked], Awaitable[None] | None]


class Checker:
    def __init__(self, documents: Documents, lint: Lint, publish: Publish) -> None:
        self.documents = documents
        self.lint = lint
        self.publish = publish
        self.results: dict[str, Checked] = {}
        self._tasks: dict[str, asyncio.Task[Any]] = {}
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nianbao-lint")

    def schedule(self, uri: str) -> None:
        """Make sure the newest version of *uri* gets checked (and published)."""
        task = self._tasks.get(uri)
        if task is None or task.done():
            self._tasks[uri] = asyncio.ensure_future(self._run(uri))

    def invalidate(self) -> None:
        """Configuration changed: every open document needs a fresh check."""
        self.results.clear()
        for doc in self.documents.all():
            self.schedule(doc.uri)

    def forget(self, uri: str) -> None:
        self.results.pop(uri, None)

    async def current(self, uri: str) -> Checked | None:
        """The result for the document's current version, checking it if needed."""
        while True:
            doc = self.documents.get(uri)
            if doc is None:
                return None
            checked = self.results.get(uri)
            if checked is not None and checked.version == doc.version and checked.text == doc.text:
                return checked
            self.schedule(uri)
            await asyncio.shield(self._tasks[uri])

    async def _run(self, uri: str) -> None:
        loop = asyncio.get_running_loop()
        while True:
            doc = self.documents.get(uri)
            if doc is None:
                return
            done = self.results.get(uri)
            if done is not None and done.version == doc.version and done.text == doc.text:
                return
            snapshot = Document(doc.uri, doc.language_id, doc.version, doc.text, doc.encoding, doc.markdown)
            checked = await loop.run_in_executor(self._executor, self.lint, snapshot)
            latest = self.documents.get(uri)
            if latest is None:
                return
            self.results[uri] = checked
            if latest.version == checked.version and latest.text == checked.text:
                published = self.publish(checked)
                if published is not None:
                    await published
                return
            # newer edits arrived while checking: loop and check the newest text

    async def in_worker(self, work: Callable[..., T], *args: Any) -> T:
        """Run *work* where the lints run (heavy work such as fix-all must not block the event
        loop, and lints of one document must not run in two threads at once)."""
        return await asyncio.get_running_loop().run_in_executor(self._executor, work, *args)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
