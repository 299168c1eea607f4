"""``--fix`` on a .docx: safe fixes whose text lies inside one run's ``w:t``, formatting kept.

An edit maps back through the rendering's origins to one ``w:t`` element of ``word/document.xml``;
the new text replaces that element's content in the XML bytes, so every other byte of the part
and every other part of the package stay as they were. An edit that spans runs (text formatted
in pieces), or touches text Word generates (a list number), cannot be applied: `check_document`
marks its fix MANUAL already, so output never calls it fixable, and ``--fix`` counts it.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from typing import TYPE_CHECKING

from lxml import etree

from ..fixes import select_fixes
from ..ruledef import MANUAL, Fix
from .docx import RunEdit, map_fix, text_stream
from .lint import check_document
from .numbering import W, w

if TYPE_CHECKING:
    from ..engine import Linter, Selection
    from ..results import FileResult
    from .document import Document

PART = "word/document.xml"
_MAX_PASSES = 10


def not_applied_note(count: int) -> str:
    return f"{count} 个修复涉及多处格式（跨越文字格式不同的片段或 Word 自动编号），未自动应用，请在 Word 中手工修改"


def fix_docx(
    linter: Linter, data: bytes, path: str, selection: Selection, unsafe: bool = False
) -> tuple[bytes, FileResult]:
    """The fixed package and the result for it (``fixed``: fixes applied; ``notes``: how many
    could not be applied). Applies fixes to a fixpoint, like `Linter.fix`."""
    applied = 0
    result = check_document(linter, data, path, "docx", selection)
    for _ in range(_MAX_PASSES):
        document = result.document
        if document is None:
            break
        fixes = [f.fix for f in result.findings if f.fix and f.fix.applies(unsafe)]
        runs = _Runs(data)
        mapped = [m for m in (runs.map_fix(document, fix) for fix in select_fixes(fixes)) if m is not None]
        if not mapped:
            break
        data = runs.apply([edit for edits in mapped for edit in edits])
        applied += len(mapped)
        result = check_document(linter, data, path, "docx", selection)
    # What is left could not be applied: by hand (check_document made most such fixes MANUAL
    # already; these are the ones whose w:t bytes could not be located).
    findings = tuple(f.replace(fix=f.fix.manual()) if f.fix and f.fix.applies(unsafe) else f for f in result.findings)
    left = sum(1 for f in findings if f.fix and f.fix.applicability == MANUAL)
    notes = (not_applied_note(left),) if left else ()
    return data, result.replace(findings=findings, fixed=applied, notes=notes)


class _Runs:
    """The ``w:t`` elements of a package's document part: their texts and where they are in the bytes."""

    def __init__(self, package: bytes) -> None:
        self.package = package
        with zipfile.ZipFile(io.BytesIO(package)) as z:
            self.xml = z.read(PART)
        root = etree.fromstring(self.xml)
        self.texts = [t.text or "" for t in root.iter(w("t"))]
        self.bounds = text_stream(root)[1]
        prefix = next((p for p, uri in (root.nsmap or {}).items() if uri == W and p), None)
        self.spans: list[tuple[int, int, int]] | None = None  # (tag start, content start, content end)
        if prefix is not None:
            self.spans = self._scan(prefix.encode())

    def _scan(self, prefix: bytes) -> list[tuple[int, int, int]] | None:
        p = re.escape(prefix)
        pattern = re.compile(rb"<" + p + rb":t(?:\s[^>]*?)?(/?)>", re.S)
        close = b"</" + prefix + b":t>"
        spans = []
        for m in pattern.finditer(self.xml):
            if m.group(1):  # <w:t/>
                spans.append((m.start(), m.end(), m.end()))
                continue
            end = self.xml.find(close, m.end())
            if end < 0:
                return None
            spans.append((m.start(), m.end(), end))
        # Trust the byte positions only if they are exactly the elements the parser saw.
        if len(spans) != len(self.texts):
            return None
        for (_, a, b), text in zip(spans, self.texts):
            if html.unescape(self.xml[a:b].decode("utf-8")) != text:
                return None
        return spans

    def map_fix(self, document: Document, fix: Fix) -> list[RunEdit] | None:
        """The fix's edits as edits of single ``w:t`` texts, or None if any edit is not inside one
        (or the elements' bytes could not be located)."""
        return None if self.spans is None else map_fix(document.origins, self.bounds, fix)

    def apply(self, edits: list[RunEdit]) -> bytes:
        """The package with *edits* applied to document.xml; every other part copied as it was."""
        assert self.spans is not None
        texts = dict(enumerate(self.texts))
        for t, a, b, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
            texts[t] = texts[t][:a] + new + texts[t][b:]
        xml = self.xml
        for t in sorted({e[0] for e in edits}, reverse=True):
            tag_start, a, b = self.spans[t]
            content = _escape(texts[t])
            tag = xml[tag_start:a]
            if texts[t] != texts[t].strip() and b"xml:space" not in tag:
                tag = tag[:-1] + b' xml:space="preserve">'
            xml = xml[:tag_start] + tag + content + xml[b:]
        return _repack(self.package, xml)


def _escape(text: str) -> bytes:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


def _repack(package: bytes, xml: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as zin, zipfile.ZipFile(out, "w") as zout:
        zout.comment = zin.comment
        for info in zin.infolist():
            payload = xml if info.filename == PART else zin.read(info)
            zout.writestr(info, payload, compress_type=info.compress_type)
    return out.getvalue()
