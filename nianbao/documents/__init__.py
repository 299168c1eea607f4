"""Reading .docx, HTML and PDF reports into the plain text the parser reads, with a way back.

``read_document(data, fmt)`` returns a `Document`: the rendering (one paragraph per line, tables
as tab-separated rows, merged cells' text in their top-left position) and, for every character of
it, where it came from. Each format's reader (and its third-party library: python-docx, lxml,
pdfplumber) is imported only when a file of that format is read.
"""

from __future__ import annotations

from .document import Document, Location
from .text import Place

__all__ = ["Document", "DocumentError", "Location", "Place", "read_document"]

LEGACY_MESSAGE = "这是旧版 Word/WPS 文件（.doc/.wps），无法直接检查：请在 Word 或 WPS 中“另存为” .docx 后再检查"


class DocumentError(Exception):
    """The document cannot be read; the message says why, in Chinese, and what to do."""


# What a file's first bytes say it is, for a file whose name says otherwise (a PDF saved as .docx).
_MAGIC = (
    (b"%PDF-", "pdf", "PDF 文件"),
    (b"PK\x03\x04", "docx", "zip 压缩包（.docx 就是这种格式）"),
)


def read_document(data: bytes, fmt: str) -> Document:
    """Read *data* as *fmt* ("docx", "html", "pdf" or "legacy"); raises DocumentError, with a
    message in Chinese, for every file that cannot be read — and for a reader's own bug, which
    must cost that file, not the run (the readers are fuzzed so that this message is never seen)."""
    try:
        return _read(data, fmt)
    except DocumentError:
        raise
    except Exception as exc:
        raise DocumentError(f"读取文件时 nianbao 内部出错（请报告此问题）：{type(exc).__name__}: {exc}") from exc


def _read(data: bytes, fmt: str) -> Document:
    if not data or data.isspace():  # not strip(): it would copy a whole PDF ending in a newline
        raise DocumentError("文件为空（没有任何内容）")
    mismatch = next((name for magic, kind, name in _MAGIC if data.startswith(magic) and kind != fmt), None)
    if mismatch is not None:
        raise DocumentError(f"文件内容其实是 {mismatch}，与扩展名不符：请改正扩展名后再检查")
    if fmt == "legacy":
        raise DocumentError(LEGACY_MESSAGE)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data)
    if fmt == "html":
        from .html import read_html

        return read_html(data)
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data)
    raise ValueError(f"unknown document format {fmt!r}")
