"""Which files are drafts, and which surface form a file name implies.

Free of nianbao imports: the CLI walks folders before anything else is loaded, and the server
decides a document's form without the parsers.
"""

from __future__ import annotations

from pathlib import PurePath

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown")
# What a folder walk picks up; a file named on the command line is checked whatever its suffix,
# and `.mdown` is read as Markdown when named.
DRAFT_SUFFIXES = (".txt", ".md", ".markdown")


def form_for_path(path: str) -> str:
    return "markdown" if PurePath(path).suffix.lower() in MARKDOWN_SUFFIXES else "text"
