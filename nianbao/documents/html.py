"""Reading a published web page (lxml): the page's encoding, the report inside the site's chrome,
tables with rowspan/colspan expanded.

Origins are offsets into the decoded page source, so a finding has a line:column there. lxml
knows an element's line but not a text's column; `_SourceText` finds each text node's characters
in the source (entities decoded, in document order) and falls back to the start of the element's
line where the parser changed the text.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Iterator

from lxml import etree
from lxml import html as lxml_html

from ..parsing.patterns import SECTION_HEADING, TITLE_CORE, TITLE_YEAR
from ..source import LineIndex
from ..template import REPORT_TITLE_ENDINGS, REPORT_TITLE_SUFFIX, TABLE_MARKERS, WEB_CHROME_CLASSES, WEB_CHROME_PHRASES
from ..textutil import fold, normalize
from . import DocumentError
from .document import Document
from .text import Builder, Chars, Place, join

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARED = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I
)
_GB = ("gbk", "gb2312", "gb_2312", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn", "hz-gb-2312")
# Encodings a page cannot declare in its markup (the HTML standard reads such a page as UTF-8),
# and Python codecs that are no page encoding at all: canonical codec names, as prefixes.
_UNDECLARABLE = ("utf-16", "utf-32", "utf-7", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined")
# Single-byte charsets (canonical codec names, as prefixes: Latin, Cyrillic, Greek, Thai … and
# ASCII): every byte, or nearly, reads as some character, so a wrong one raises no error.
_SINGLE_BYTE = ("iso8859", "cp125", "cp437", "cp850", "cp866", "koi8", "mac-", "tis-620", "ascii")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")

# Markup in the page source, so that what lies between is text (comments and script bodies are not).
_MARKUP = re.compile(
    r"<!--.*?(?:-->|\Z)|<!\[CDATA\[.*?(?:\]\]>|\Z)|<[!?][^>]*>"
    r"|<(script|style|textarea)\b[^>]*>.*?(?:</\1\s*>|\Z)"
    r"""|</?[A-Za-z][^\s/>]*(?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*/?>""",
    re.S | re.I,
)
_ENTITY = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_ALIGN_WINDOW = 40  # source text runs tried for one text node before giving up on its column

_DROPPED = tuple(
    "script style noscript template iframe select button input textarea svg object embed nav header footer aside map".split()
)
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr section article main blockquote pre center "
    "hr address figure figcaption caption fieldset".split()
)
_CHROME_CLASS = re.compile(r"(?<![a-z])(" + "|".join(WEB_CHROME_CLASSES) + r")(?![a-z])", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_CHROME_BLOCK_MAX = 80  # characters: a longer block is content even if it names 来源
_MIN_REPORT_CHARS = 100
_FILE_LINK = re.compile(r"\.(pdf|docx?|wps|xlsx?|zip|rar|ofd)(\?|$)", re.I)
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜—–-]{1,2}\s*")


def decode_page(data: bytes) -> tuple[str, str | None]:
    """The page's text, and what went wrong decoding it (None when an encoding read it whole).

    BOM first, then the charset it declares (GBK and GB2312 read as GB18030, their superset; one
    that names no encoding a page can declare is ignored, as browsers do; a single-byte one
    is tried after UTF-8 and GB18030, which no Chinese report page really is), then UTF-8, then
    GB18030. When none reads every byte (a stray byte in a GBK page, two encodings mixed), the one
    that needs the fewest replacement characters (a web page, unlike a draft, is never written back).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), None
    declared = _declared(data)
    if declared and declared[0].startswith(_SINGLE_BYTE):
        # A single-byte charset reads every byte, so a GBK or UTF-8 page that declares it
        # (a CMS template's default, an HTTP header saved into the page) would read as mojibake
        # without an error. A Chinese report is never in such an encoding: the two Chinese ones
        # are tried first, and the declared one only reads a page neither can.
        candidates = ["utf-8", "gb18030", *declared]
    else:
        candidates = list(dict.fromkeys([*declared, "utf-8", "gb18030"]))
    for encoding in candidates:
        try:
            return data.decode(encoding), None
        except (UnicodeError, LookupError):  # "undefined", "punycode" … raise UnicodeError itself
            continue
    texts = []
    for encoding in candidates:
        try:
            texts.append(data.decode(encoding, errors="replace"))
        except (UnicodeError, LookupError):
            continue
    names = "、".join(dict.fromkeys(encoding.upper() for encoding in candidates))
    return min(texts, key=lambda text: text.count("\ufffd")), f"按 {names} 解码都有错误"


def _declared(data: bytes) -> list[str]:
    """The encoding the page declares, as a list of none or one."""
    m = _DECLARED.search(data[:4096])
    if not m:
        return []
    name = (m.group(1) or m.group(2)).decode("ascii").lower()
    if name in _GB:
        return ["gb18030"]
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return []
    return [] if canonical.startswith(_UNDECLARABLE) else [canonical]


def read_html(data: bytes) -> Document:
    source, trouble = decode_page(data)
    # lxml refuses str input that carries an XML declaration; blank it, keeping every offset.
    markup = _XML_DECLARATION.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    try:
        root = lxml_html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as exc:  # "Document is empty": only comments or declarations
        raise DocumentError("网页中没有任何正文（只有注释或声明）") from exc
    reader = _Reader(source, root)
    article, title = _find_article(root)
    if title is not None:
        reader.block(title)
    reader.block(article)
    b = reader.builder
    if not _looks_like_report(b.text, reader.tables):
        if trouble is not None:
            raise DocumentError(
                f"网页中没有找到报告正文，网页的编码也无法确定（{trouble}），读出的文字可能是乱码："
                "可在浏览器中把网页另存为 UTF-8 编码后再检查"
            )
        raise DocumentError("网页中没有找到报告正文（报告可能以附件或图片形式发布，请检查附件本身）")
    return Document("html", b.text, b.origins, b.places, b.opaque, page_source=source)


def _looks_like_report(text: str, tables: int) -> bool:
    if tables:
        return True
    if any(SECTION_HEADING.match(fold(line)) for line in text.splitlines()):
        return True
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff") >= _MIN_REPORT_CHARS


# --- the article inside the page ---------------------------------------------------------------


def _text(el: etree._Element) -> str:
    return normalize(el.text_content())


def _find_article(root: etree._Element) -> tuple[etree._Element, etree._Element | None]:
    """The element holding the report, and the title element when the title sits outside it."""
    body = root.find("body")
    if body is None:
        body = root
    for el in list(body.iter(*_DROPPED)):
        if el.getparent() is not None and not _anchors_in(el):
            el.drop_tree()
    for el in list(body.iter()):
        if not isinstance(el.tag, str):
            continue
        if _HIDDEN.search(el.get("style", "")) and el.getparent() is not None:
            el.drop_tree()
    anchors = list(_anchors(body))
    article = _common_ancestor(anchors) if len(anchors) >= 2 else _densest(body)
    _drop_chrome(article, anchors)
    title = None if _has_title(article) else _title_before(root, article)
    return article, title


def _anchors(body: etree._Element) -> Iterator[etree._Element]:
    """Elements that only a report has: its section headings and its statistics tables."""
    markers = [m for words in TABLE_MARKERS.values() for m in words[:3]]
    for el in body.iter("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "span", "td", "li", "table"):
        if el.tag == "table":
            text = _text(el)
            if sum(1 for m in markers if m in text) >= 2 and el.find(".//table") is None:
                yield el
            continue
        if el.getparent() is not None and el.getparent().tag in ("td", "th"):
            continue
        own = fold(el.text_content()).strip()
        if len(own) <= 40 and SECTION_HEADING.match(own) and not any(c.tag in _BLOCKS for c in el):
            m = SECTION_HEADING.match(own)
            assert m is not None
            if _is_section_title(m.group("title")):
                yield el


def _is_section_title(title: str) -> bool:
    from ..parsing.sections import identify_section
    from ..template import DEFAULT_TEMPLATES

    return identify_section(title, DEFAULT_TEMPLATES)[0] is not None


def _anchors_in(el: etree._Element) -> bool:
    text = _text(el)
    return REPORT_TITLE_SUFFIX in text or any(m in text for m in TABLE_MARKERS["t3"][:2])


def _common_ancestor(elements: list[etree._Element]) -> etree._Element:
    paths = [list(reversed(list(el.iterancestors()))) + [el] for el in elements]
    common = paths[0][0]
    for level in zip(*paths):
        if all(x is level[0] for x in level):
            common = level[0]
        else:
            break
    if common.tag in ("tr", "tbody", "thead", "table") and common.getparent() is not None:
        # headings inside one layout table: render the whole table's cells as blocks
        common = next((a for a in common.iterancestors() if a.tag in ("div", "td", "body")), common)
    return common


def _densest(body: etree._Element) -> etree._Element:
    """Readability's choice when a page has no headings to anchor on: the block with the most
    Chinese text outside links."""
    best, best_score = body, 0.0
    for el in body.iter("div", "td", "article", "section", "main"):
        text = el.text_content()
        cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
        links = sum(len(a.text_content()) for a in el.iter("a"))
        score = cjk - 2 * links
        if score > best_score * 1.25 or (score >= best_score * 0.8 and best in el.iterancestors()):
            best, best_score = el, max(score, best_score)
    return best


def _drop_chrome(article: etree._Element, anchors: list[etree._Element]) -> None:
    """Drop share/print/related-link blocks and info bars inside the article (never report text:
    not inside the span of the report's own headings and tables)."""
    first = anchors[0] if anchors else None
    last = anchors[-1] if anchors else None
    order = {el: i for i, el in enumerate(article.iter())}
    lo = order.get(first, -1) if first is not None else -1
    hi = order.get(last, -1) if last is not None else -1
    for el in list(article.iter()):
        if not isinstance(el.tag, str) or el is article or el.getparent() is None:
            continue
        i = order.get(el, -1)
        if lo <= i <= hi and lo >= 0 or _contains_any(el, anchors):
            continue
        names = f"{el.get('class', '')} {el.get('id', '')}"
        text = el.text_content().strip()
        if _CHROME_CLASS.search(names) or (
            el.tag in _BLOCKS and len(text) <= _CHROME_BLOCK_MAX and any(p in text for p in WEB_CHROME_PHRASES)
        ):
            el.drop_tree()
        elif el.tag == "a" and _FILE_LINK.search(el.get("href", "")) and i > hi:
            el.drop_tree()  # attachment links after the report: the attachment is checked on its own


def _contains_any(el: etree._Element, anchors: list[etree._Element]) -> bool:
    return any(el is a or el in a.iterancestors() for a in anchors)


def _has_title(article: etree._Element) -> bool:
    for el in article.iter("p", "div", "h1", "h2", "h3", "strong", "span", "td"):
        text = fold(el.text_content()).strip()
        if SECTION_HEADING.match(text):
            return False
        if _is_title(text):
            return True
    return False


def _is_title(text: str) -> bool:
    """A report's title, not a fragment of one (a span holding only 年度报告): short, ending as a
    title ends, and naming the year or the whole 政府信息公开…报告."""
    if len(text) > 80 or not TITLE_CORE.search(text):
        return False
    squeezed = "".join(text.split())
    return TITLE_YEAR.search(squeezed) is not None or any(e in squeezed for e in REPORT_TITLE_ENDINGS)


def _title_before(root: etree._Element, article: etree._Element) -> etree._Element | None:
    """The nearest title-like element before the article (not a link in a list of other reports);
    else the page's <title> text with the site's name cut off."""
    found = None
    for el in root.iter("h1", "h2", "h3", "div", "p", "td", "span", "strong"):
        if el is article or article in el.iterancestors() or el in article.iterancestors():
            if el is article:
                break
            continue
        if el.find(".//a") is not None or el.getparent() is not None and el.getparent().tag in ("a", "li"):
            continue
        text = fold(el.text_content()).strip()
        if _is_title(text) and not any(c.tag in _BLOCKS for c in el):
            found = el
    if found is not None:
        return found
    head_title = root.find(".//title")
    if head_title is not None and head_title.text:
        for part in _TITLE_SEPARATORS.split(head_title.text.strip()):
            if TITLE_CORE.search(fold(part)):
                p = etree.Element("p")
                p.text = part
                return p
    return None


# --- rendering --------------------------------------------------------------------------------


class _Reader:
    def __init__(self, source: str, root: etree._Element) -> None:
        self.builder = Builder()
        self.source = _SourceText(source)
        self.line: list[Chars] = []
        self.tables = 0

    def flush(self) -> None:
        if self.line:
            self.builder.paragraph(sum(self.line, Chars()), Place())
            self.line = []

    def block(self, el: etree._Element) -> None:
        """Render *el* and everything inside it; a block element ends the current line."""
        self.flush()
        self.line.append(self.source.text_of(el))
        self._children(el)
        self.flush()

    def _children(self, el: etree._Element) -> None:
        for child in el:
            if isinstance(child.tag, str):
                self._element(child)
            if child.tail:
                self.line.append(self.source.tail_of(child))

    def _element(self, el: etree._Element) -> None:
        tag = el.tag
        if tag == "br":
            self.flush()
        elif tag == "img":
            if _is_picture(el):
                self.flush()
                self.builder.mark_opaque()
        elif tag == "table":
            self.flush()
            self.table(el)
        elif tag in _BLOCKS:
            self.block(el)
        else:
            self.line.append(self.source.text_of(el))
            self._children(el)

    def table(self, table: etree._Element) -> None:
        rows = [tr for tr in table.iter("tr") if _owner_table(tr) is table]
        grid = _grid(rows)
        width = max((len(r) for r in grid), default=0)
        nested = any(_owner_table(t) is table for t in table.iter("table") if t is not table)
        if width <= 1 or nested:  # a layout table: its cells are blocks of the page
            for tr in rows:
                for cell in tr:
                    if cell.tag in ("td", "th"):
                        self.block(cell)
            return
        self.tables += 1
        number = self.tables
        for r, row in enumerate(grid, 1):
            cells = [
                (self.cell_text(c) if c is not None else Chars(), Place(table=number, row=r, column=i))
                for i, c in enumerate(row, 1)
            ]
            cells += [(Chars(), Place(table=number, row=r, column=i)) for i in range(len(row) + 1, width + 1)]
            if any(chars.normalized() for chars, _ in cells):
                self.builder.row(cells)
            elif any(c is not None and any(_is_picture(i) for i in c.iter("img")) for c in row):
                self.builder.mark_opaque()
        self.builder.end_table()

    def cell_text(self, cell: etree._Element) -> Chars:
        """A cell's text as one line: its <p>, <br> and <div> lines joined."""
        lines: list[Chars] = [Chars()]

        def walk(el: etree._Element) -> None:
            lines[-1] = lines[-1] + self.source.text_of(el)
            for child in el:
                if isinstance(child.tag, str):
                    if child.tag == "br" or child.tag in _BLOCKS:
                        lines.append(Chars())
                    if child.tag != "br":
                        walk(child)
                    if child.tag in _BLOCKS:
                        lines.append(Chars())
                if child.tail:
                    lines[-1] = lines[-1] + self.source.tail_of(child)

        walk(cell)
        return join(lines)


def _owner_table(el: etree._Element) -> etree._Element | None:
    return next(el.iterancestors("table"), None)


def _is_picture(img: etree._Element) -> bool:
    """A picture that may hold report content (a table scanned or pasted as an image), not an icon."""
    for attr in ("width", "height"):
        value = re.match(r"\s*(\d+)", img.get(attr, "") or "")
        if value and int(value.group(1)) < 60:
            return False
    return True


def _grid(rows: list[etree._Element]) -> list[list[etree._Element | None]]:
    """Rows as grid positions: each cell at its top-left position, None where a rowspan/colspan
    covers a position (the HTML table model)."""
    grid: list[list[etree._Element | None]] = []
    pending: dict[tuple[int, int], bool] = {}  # positions covered by a rowspan from above
    for r, tr in enumerate(rows):
        row: list[etree._Element | None] = []
        col = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while pending.pop((r, col), False):
                row.append(None)
                col += 1
            rowspan, colspan = _span(cell.get("rowspan")), _span(cell.get("colspan"))
            row.append(cell)
            row.extend([None] * (colspan - 1))
            for dr in range(1, rowspan):
                for dc in range(colspan):
                    pending[(r + dr, col + dc)] = True
            col += colspan
        while pending.pop((r, col), False):
            row.append(None)
            col += 1
        grid.append(row)
    return grid


def _span(value: str | None) -> int:
    try:
        return min(max(1, int((value or "1").strip())), 100)  # a page's rowspan="1000" is a typo
    except ValueError:
        return 1


# --- where text sits in the page source ---------------------------------------------------------


class _SourceText:
    """Origins of text nodes: each node's characters found in the page source, in order."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.index = LineIndex(source)
        self.runs: list[tuple[int, int]] = []  # text between markup: (start, end)
        pos = 0
        for m in _MARKUP.finditer(source):
            if m.start() > pos:
                self.runs.append((pos, m.start()))
            pos = m.end()
        if pos < len(source):
            self.runs.append((pos, len(source)))
        self.starts = [s for s, _ in self.runs]
        self.cursor = 0

    def text_of(self, el: etree._Element) -> Chars:
        return self._locate(el.text, el.sourceline) if el.text else Chars()

    def tail_of(self, el: etree._Element) -> Chars:
        return self._locate(el.tail, el.sourceline) if el.tail else Chars()

    def _locate(self, text: str, sourceline: int | None) -> Chars:
        if not text.strip():
            return Chars(text, [-1] * len(text))
        import bisect

        line_start = self.index.starts[min(max((sourceline or 1) - 1, 0), self.index.line_count - 1)]
        i = max(self.cursor, bisect.bisect_right(self.starts, line_start) - 1, 0)
        for j in range(i, min(i + _ALIGN_WINDOW, len(self.runs))):
            start, end = self.runs[j]
            decoded, origins = _decode_run(self.source, start, end)
            if decoded == text:
                self.cursor = j + 1
                return Chars(text, origins)
        # The parser changed the text (whitespace, a repaired tag): the element's line, column 1.
        return Chars(text, [line_start] * len(text))


def _decode_run(source: str, start: int, end: int) -> tuple[str, list[int]]:
    """The run's text with entities decoded, and each character's offset in the source."""
    chunk = source[start:end]
    if "&" not in chunk and "\r" not in chunk:
        return chunk, list(range(start, end))
    out: list[str] = []
    origins: list[int] = []

    def plain(a: int, b: int) -> None:
        for k in range(a, b):
            if source[k] == "\r" and k + 1 < end and source[k + 1] == "\n":
                continue  # the parser reads CR LF (and a lone CR) as LF
            out.append("\n" if source[k] == "\r" else source[k])
            origins.append(k)

    pos = start
    for m in _ENTITY.finditer(source, start, end):
        plain(pos, m.start())
        value = html.unescape(m.group())
        out.append(value)
        origins.extend([m.start()] * len(value))
        pos = m.end()
    plain(pos, end)
    return "".join(out), origins
