"""Which files are drafts, and which surface form a file name implies.

Free of nianbao imports: the CLI walks folders before anything else is loaded, and the server
decides a document's form without the parsers.
"""

from __future__ import annotations

from pathlib import PurePath

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
# Documents read from their own structure (nianbao.documents), by suffix.
DOCUMENT_FORMATS = {".docx": "docx", ".html": "html", ".htm": "html", ".shtml": "html", ".pdf": "pdf"}
# Word/WPS binary formats nianbao cannot read: a file named on the command line gets NB002 saying
# to save it as .docx; a folder walk leaves them alone.
LEGACY_WORD_SUFFIXES = (".doc", ".wps")
# What a folder walk picks up; a file named on the command line is checked whatever its suffix,
# and `.mdown` is read as Markdown when named.
DRAFT_SUFFIXES = (".txt", ".md", ".markdown", *DOCUMENT_FORMATS)


def form_for_path(path: str) -> str:
    return "markdown" if PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES else "text"


def document_format(path: str) -> str | None:
    """ "docx", "html", "pdf" or "legacy" (.doc/.wps) for a document path; None for a text draft."""
    suffix = PurePath(path).suffix.lower()
    if suffix in LEGACY_WORD_SUFFIXES:
        return "legacy"
    return DOCUMENT_FORMATS.get(suffix)
