"""Reading a PDF (pdfplumber): ruled tables from the page's lines, the rest in reading order.

A PDF has lines, not paragraphs: lines are joined into paragraphs the way they were typeset (a full
line followed by one starting at the left margin continues it), a title split over lines in a
large font is one line, running headers, footers and page numbers are dropped, and a table that
continues on the next page continues the same table. There are no origins (PDFs are report-only);
every place carries its page number.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..parsing.patterns import CAPTION, SECTION_HEADING, SUB_ITEM, T3_CAPTION, T4_CAPTION
from ..template import PAGE_NUMBER_PATTERNS
from ..textutil import fold
from . import DocumentError
from .document import Document
from .text import Builder, Chars, Place, join

ENCRYPTED = "PDF {how}，无法读取：请去除密码和加密（例如在 PDF 阅读器中另存为不加密的副本）后再检查"
SCANNED = "扫描件，没有文字层，无法检查（文字识别不在 nianbao 的范围内：请检查报告的 Word 或网页版本）"
_TABLES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_PAGE_NUMBER = re.compile("^(?:" + "|".join(PAGE_NUMBER_PATTERNS) + ")$")
_MARGIN = 0.1  # top and bottom share of a page where running headers and footers sit
_RUNNING_SHARE = 0.5  # a margin line on at least this share of pages (and two) is running
_LIST_START = re.compile(r"^\s*(?:[0-9０-９]+\s*[.、．]|[(（][0-9０-９]+[)）]|[①-⑳])")
_NUMBER = re.compile(r"^[-+]?[0-9０-９][0-9０-９.,，．%]*$")
_CAPTIONS = (CAPTION, T3_CAPTION, T4_CAPTION)  # rows that start a part of a table
_CID = re.compile(r"\(cid:\d+\)")

# pdfminer warns about every damaged font or colour it meets; with no handler of its own those
# warnings would reach the user's terminal through logging's last resort. An application that
# configures logging (the language server) still receives them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())


@dataclass
class _Line:
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str


@dataclass
class _Table:
    page: int
    top: float
    x0: float
    x1: float
    rows: list[list[str]]
    number: int = 0
    first_row: int = 1  # row number of rows[0] in the whole table (continued tables go on counting)


@dataclass
class _Page:
    number: int
    height: float
    items: list[_Line | _Table] = field(default_factory=list)
    pictured: bool = False  # large pictures and little text: content that cannot be read


def read_pdf(data: bytes) -> Document:
    pages = _extract(data)
    lines = [item for page in pages for item in page.items if isinstance(item, _Line)]
    if not any(page.items for page in pages):
        raise DocumentError(SCANNED)
    text = "".join(line.text for line in lines)
    if len(_CID.findall(text)) * 6 > len(text):
        raise DocumentError("PDF 的文字层无法解码（字体缺少 Unicode 映射），无法检查：请检查报告的 Word 或网页版本")
    _drop_running(pages)
    return _render(pages)


def _extract(data: bytes) -> list[_Page]:
    import pdfplumber
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_page(page) for page in pdf.pages]
    except (PSException, PdfminerException, MalformedPDFException) as exc:
        cause = exc.args[0] if isinstance(exc, PdfminerException) and exc.args else exc  # pdfplumber wraps
        raise DocumentError(_unreadable(cause)) from exc


def _unreadable(cause: object) -> str:
    """Why pdfminer could not read a PDF, in Chinese."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfexceptions import PDFEOFError
    from pdfminer.psexceptions import PSEOF

    if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
        return ENCRYPTED.format(how="设置了打开密码")
    if isinstance(cause, PDFEncryptionError):
        return ENCRYPTED.format(how="已加密")
    if isinstance(cause, (PSEOF, PDFEOFError)):
        return "PDF 文件不完整（在结尾之前就断了，可能下载或复制时被截断），无法读取：请重新获取完整的文件"
    return "PDF 文件已损坏，无法读取：请重新获取文件，或检查报告的 Word 或网页版本"


def _page(page) -> _Page:  # type: ignore[no-untyped-def]
    page = page.dedupe_chars()  # "bold" drawn as the same character printed twice
    out = _Page(page.page_number, float(page.height))
    tables = [t for t in page.find_tables(_TABLES) if len(t.rows) >= 2 and len(t.columns) >= 2]
    boxes = [t.bbox for t in tables]
    for t in tables:
        rows = [[_cell_text(c) for c in row] for row in t.extract()]
        out.items.append(_Table(out.number, float(t.bbox[1]), float(t.bbox[0]), float(t.bbox[2]), rows))
    words = [
        w
        for w in page.extract_words(x_tolerance=1.5, y_tolerance=3, extra_attrs=["size"])
        if not any(_inside(w, box) for box in boxes)
    ]
    out.items.extend(_lines(words, out.number))
    out.items.sort(key=lambda item: item.top)
    area = float(page.width * page.height) or 1.0
    pictures = sum(float(i["width"] * i["height"]) for i in page.images)
    out.pictured = pictures > 0.25 * area and len(page.chars) < 200
    return out


def _cell_text(text: str | None) -> str:
    if not text:
        return ""
    return join([Chars(line) for line in text.split("\n")], numbers_wrap=True).text


def _inside(word: dict, box: tuple[float, float, float, float]) -> bool:  # type: ignore[type-arg]
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _lines(words: list[dict], page: int) -> list[_Line]:  # type: ignore[type-arg]
    """Words grouped into lines by their vertical middle; a wide gap between words is a tab (a
    table drawn without rules), a narrow one a space between Latin words or nothing in Chinese."""
    rows: list[list[dict]] = []  # type: ignore[type-arg]
    for word in sorted(words, key=lambda w: ((w["top"] + w["bottom"]) / 2, w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        if rows:
            last = rows[-1][-1]
            if abs(middle - (last["top"] + last["bottom"]) / 2) <= 0.4 * max(word["size"], last["size"]):
                rows[-1].append(word)
                continue
        rows.append([word])
    out = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = max(float(w["size"]) for w in row)
        parts = [row[0]["text"]]
        for prev, word in zip(row, row[1:]):
            gap = word["x0"] - prev["x1"]
            if gap >= 2 * size:
                parts.append("\t")
            elif gap > 0.15 * size and prev["text"][-1:].isascii() and word["text"][:1].isascii():
                parts.append(" ")
            parts.append(word["text"])
        out.append(
            _Line(
                page,
                float(min(w["top"] for w in row)),
                float(max(w["bottom"] for w in row)),
                float(row[0]["x0"]),
                float(row[-1]["x1"]),
                size,
                "".join(parts),
            )
        )
    return out


def _drop_running(pages: list[_Page]) -> None:
    """Drop running headers and footers: page numbers in the margins, and margin lines that repeat
    on most pages (digits ignored, so `第 3 页` and a dated header match across pages)."""

    def in_margin(line: _Line, page: _Page) -> bool:
        return line.bottom <= page.height * _MARGIN or line.top >= page.height * (1 - _MARGIN)

    def key(line: _Line) -> str:
        return re.sub(r"[0-9０-９]+", "#", "".join(line.text.split()))

    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({key(i) for i in page.items if isinstance(i, _Line) and in_margin(i, page)})
    running = {k for k, n in seen.items() if n >= max(2, _RUNNING_SHARE * len(pages))}
    for page in pages:
        page.items = [
            i
            for i in page.items
            if not (
                isinstance(i, _Line)
                and in_margin(i, page)
                and (key(i) in running or _PAGE_NUMBER.match(fold(i.text).strip()))
            )
        ]


def _render(pages: list[_Page]) -> Document:
    b = Builder()
    body = [i.size for p in pages for i in p.items if isinstance(i, _Line)]
    body_size = statistics.median(body) if body else 12.0
    lines = [i for p in pages for i in p.items if isinstance(i, _Line)]
    left = min((line.x0 for line in lines), default=0.0)
    # the right margin: where most full lines end (a long URL or a stray line may stick out)
    ends = sorted(line.x1 for line in lines if line.size <= body_size * 1.1)
    right = ends[int(len(ends) * 0.9)] if ends else 0.0
    _number_tables(pages)
    paragraph: list[_Line] = []
    previous: _Line | _Table | None = None

    def flush() -> None:
        if paragraph:
            b.paragraph(join([Chars(line.text) for line in paragraph]), Place(page=paragraph[0].page))
            paragraph.clear()

    for page in pages:
        if page.pictured:
            flush()
            b.mark_opaque()
        for item in page.items:
            if isinstance(item, _Table):
                flush()
                for r, row in enumerate(item.rows, item.first_row):
                    if any(row):
                        b.row(
                            [
                                (Chars(cell), Place(item.page, table=item.number, row=r, column=c))
                                for c, cell in enumerate(row, 1)
                            ]
                        )
            elif paragraph and _continues(paragraph[-1], item, left, right, body_size):
                paragraph.append(item)
            else:
                flush()
                if isinstance(previous, _Table):
                    b.end_table()
                paragraph.append(item)
            previous = item
    flush()
    return Document("pdf", b.text, b.origins, b.places, b.opaque)


def _continues(previous: _Line, line: _Line, left: float, right: float, body_size: float) -> bool:
    """Whether *line* goes on with *previous*'s paragraph: a full line followed by one at the left
    margin in the same size, not a heading or list item; or a title in a large font going on."""
    size = line.size
    if abs(previous.size - size) > 0.5:
        return False
    if "\t" in previous.text or "\t" in line.text:
        return False
    if previous.page == line.page and line.top - previous.bottom > 1.2 * size:
        return False
    start = fold(line.text).lstrip()
    if SECTION_HEADING.match(start) or SUB_ITEM.match(start) or _LIST_START.match(start):
        return False
    if size >= body_size * 1.15:  # a title in a large font: its lines are one line
        return previous.page == line.page
    return previous.x1 >= right - 2 * size and line.x0 <= left + 0.5 * size


def _number_tables(pages: list[_Page]) -> None:
    """Number tables in order; a table that starts a page right after one that ended the previous
    page, with as many columns, continues it (a row split by the page break is joined again)."""
    number = 0
    last: _Table | None = None
    for page in pages:
        for i, item in enumerate(page.items):
            if isinstance(item, _Table):
                if last is not None and i == 0 and _same_shape(last, item) and last.page == page.number - 1:
                    item.number = last.number
                    if len(last.rows[-1]) == len(item.rows[0]) and _is_split_row(last.rows[-1], item.rows[0]):
                        last.rows[-1] = [join([Chars(a), Chars(b)]).text for a, b in zip(last.rows[-1], item.rows[0])]
                        item.rows = item.rows[1:]
                    item.first_row = last.first_row + len(last.rows)
                else:
                    number += 1
                    item.number = number
                last = item
            else:
                last = None


def _same_shape(a: _Table, b: _Table) -> bool:
    # The same width on the page; the column count may differ (each part's grid comes from its own rules).
    return abs(a.x0 - b.x0) < 3 and abs(a.x1 - b.x1) < 3


def _is_split_row(before: list[str], after: list[str]) -> bool:
    """The second half of a row the page break cut: text only in cells whose first half holds text
    (a wrapped label), no numbers of its own, and no caption of the template (第二十条第（六）项
    at the top of a page starts a block: it never ends the label above it)."""
    filled = [i for i, cell in enumerate(after) if cell]
    return bool(filled) and all(
        before[i]
        and not _NUMBER.match(after[i])
        and not _NUMBER.match(before[i])
        and not any(caption.match(after[i]) for caption in _CAPTIONS)
        for i in filled
    )
