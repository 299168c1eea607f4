"""Open documents, with LSP's own notion of lines.

pygls keeps documents split with ``str.splitlines()``, which also breaks lines at form feeds and
other characters that LSP does not treat as line ends; PDF-extracted drafts are full of them. So the
server keeps its own text and converts positions with `nianbao.source.LineIndex`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePath

from lsprotocol import types
from pygls.uris import to_fs_path

from nianbao.forms import form_for_path
from nianbao.parsing.markdown import IncrementalParser
from nianbao.source import LineIndex


@dataclass
class Document:
    uri: str
    language_id: str
    version: int
    text: str
    encoding: str = "utf-16"  # the negotiated position encoding: utf-8, utf-16 or utf-32
    # a Markdown draft's previous tree, for incremental re-parsing; shared with the snapshots the
    # checker lints, and used only from its single worker thread
    markdown: IncrementalParser | None = field(default=None, repr=False)
    _index: LineIndex | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.markdown is None and self.is_markdown:
            self.markdown = IncrementalParser()

    @property
    def index(self) -> LineIndex:
        if self._index is None or self._index.text is not self.text:
            self._index = LineIndex(self.text)
        return self._index

    @property
    def path(self) -> Path | None:
        if not self.uri.startswith("file:"):
            return None
        fs = to_fs_path(self.uri)
        return Path(fs) if fs else None

    @property
    def name(self) -> str:
        """The name rules and configuration see: the file path, or the URI for unsaved buffers."""
        path = self.path
        if path is not None:
            return str(path)
        suffix = ".md" if self.language_id == "markdown" else ".txt"
        return PurePath(self.uri.rsplit("/", 1)[-1] or "untitled").stem + suffix

    @property
    def is_markdown(self) -> bool:
        return self.language_id == "markdown" or form_for_path(self.name) == "markdown"

    @property
    def form(self) -> str:
        """The surface form it is parsed as: the editor's language wins over the file name."""
        return "markdown" if self.is_markdown else "text"

    def apply(self, change: types.TextDocumentContentChangeEvent) -> None:
        if isinstance(change, types.TextDocumentContentChangePartial):
            start = self.offset(change.range.start)
            end = self.offset(change.range.end)
            self.text = self.text[:start] + change.text + self.text[max(start, end) :]
        else:
            self.text = change.text

    def offset(self, position: types.Position) -> int:
        return self.index.offset_from_units(position.line, position.character, self.encoding)


def lsp_range(index: LineIndex, encoding: str, start: int, end: int) -> types.Range:
    """Offsets in the text *index* was built from → an LSP range in *encoding* units."""
    sl, sc = index.units_position(start, encoding)
    el, ec = index.units_position(end, encoding)
    return types.Range(types.Position(sl, sc), types.Position(el, ec))


class Documents:
    def __init__(self) -> None:
        self._docs: dict[str, Document] = {}
        self.encoding = "utf-16"

    def open(self, item: types.TextDocumentItem) -> Document:
        doc = Document(item.uri, item.language_id, item.version, item.text, self.encoding)
        self._docs[item.uri] = doc
        return doc

    def change(self, params: types.DidChangeTextDocumentParams) -> Document | None:
        doc = self._docs.get(params.text_document.uri)
        if doc is None:
            return None
        for change in params.content_changes:
            doc.apply(change)
        doc.version = params.text_document.version
        return doc

    def close(self, uri: str) -> None:
        self._docs.pop(uri, None)

    def get(self, uri: str) -> Document | None:
        return self._docs.get(uri)

    def all(self) -> list[Document]:
        return list(self._docs.values())
