"""Fictional reports as .docx, HTML and PDF, made from the draft composer's plain text.

`layout(text)` splits a tab-form draft into paragraphs and tables and says which cells Word would
merge (table 3's corner and row groups, table 4's groups, table 2's block headers), so a .docx and
an HTML page carry real merged cells whose expansion is the tab text again. PDFs are LibreOffice's
rendering of the .docx (tests skip when `soffice` is absent).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from nianbao.parsing.patterns import CAPTION, SECTION_HEADING, SUB_ITEM

Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (inclusive)


@dataclass
class Table:
    rows: list[list[str]]
    merges: list[Merge] = field(default_factory=list)


Block = str | Table


def layout(text: str) -> list[Block]:
    blocks: list[Block] = []
    for chunk in text.strip("\n").split("\n\n"):
        if "\t" not in chunk:
            blocks.append(chunk)
            continue
        rows = [line.split("\t") for line in chunk.split("\n")]
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        blocks.append(Table(rows, _merges(rows)))
    return blocks


def _merges(rows: list[list[str]]) -> list[Merge]:
    first = rows[0][0]
    if first.startswith("（本列数据"):
        return _t3_merges(rows)
    if first == "行政复议":
        return [(0, 0, 0, 4), (0, 5, 0, 14), (1, 5, 1, 9), (1, 10, 1, 14)] + [(1, c, 2, c) for c in range(5)]
    out = []
    for r, row in enumerate(rows):  # table 2: a label followed by empty cells spans the rest of the row
        filled = [c for c, cell in enumerate(row) if cell]
        if filled and filled[-1] < len(row) - 1:
            out.append((r, filled[-1], r, len(row) - 1))
    return out


def _t3_merges(rows: list[list[str]]) -> list[Merge]:
    out = [(0, 0, 2, 2), (0, 3, 0, 9), (1, 3, 2, 3), (1, 4, 1, 8), (1, 9, 2, 9)]
    body = range(3, len(rows))
    for r in body:
        a, b, c = rows[r][:3]
        if a and not b and not c:
            out.append((r, 0, r, 2))
        elif b and not c:
            out.append((r, 1, r, 2))
        for col in (0, 1):
            if rows[r][col] and (col == 1 or not (not b and not c)):
                last = r
                while last + 1 < len(rows) and not any(rows[last + 1][: col + 1]) and any(rows[last + 1][col + 1 : 3]):
                    last += 1
                if last > r:
                    out.append((r, col, last, col))
    return out


# --- .docx ------------------------------------------------------------------------------------

_NUMBERING = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
  <w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>"""
_PAGE_FIELD = """<w:fldSimple xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>"""
_NUM = """<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="90"><w:abstractNumId w:val="90"/></w:num>"""


def make_docx(text: str, numbered: bool = True, split_table3: bool = True) -> bytes:
    """The draft as a .docx: title with a line break, section headings in Heading 1 and sub-items
    in Heading 2 (numbered by Word when *numbered*), tables with merged cells; table 3 split in
    two tables with a page break between them when *split_table3*; a running header with the
    agency's name and a footer with the page number (a PAGE field)."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(parse_xml(_NUMBERING))
    else:
        numbering.append(parse_xml(_NUMBERING))
    numbering.append(parse_xml(_NUM))
    section = document.sections[0]
    section.header.paragraphs[0].text = "青禾县云溪镇人民政府政务公开"
    footer = section.footer.paragraphs[0]
    footer.add_run("第 ")
    footer._p.append(parse_xml(_PAGE_FIELD))
    footer.add_run(" 页")

    def numbered_paragraph(body: str, style: str, level: int) -> None:
        p = document.add_paragraph(body, style=style)
        num_pr = parse_xml(
            '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        )
        p._p.get_or_add_pPr().append(num_pr)

    for i, block in enumerate(layout(text)):
        if isinstance(block, Table):
            if split_table3 and block.rows[0][0].startswith("（本列数据"):
                half = 14
                _add_table(document, Table(block.rows[:half], [m for m in block.merges if m[2] < half]))
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                rest = [(a - half, b, c - half, d) for a, b, c, d in block.merges if a >= half]
                _add_table(document, Table(block.rows[half:], rest))
            else:
                _add_table(document, block)
            continue
        if i == 0 and "年度报告" in block:
            cut = block.index("人民政府") + len("人民政府")
            run = document.add_paragraph(style="Title").add_run(block[:cut])
            run.add_break()
            run.add_text(block[cut:])
            continue
        heading = SECTION_HEADING.match(block)
        sub = SUB_ITEM.match(block)
        if numbered and heading and len(block) < 40:
            numbered_paragraph(heading.group("title"), "Heading 1", 0)
        elif numbered and sub and len(block) < 40:
            numbered_paragraph(sub.group("title"), "Heading 2", 1)
        elif heading and len(block) < 40:
            document.add_paragraph(block, style="Heading 1")
        else:
            document.add_paragraph(block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_plain_docx(text: str) -> bytes:
    """The draft as a drafter types it: Word's Title and Heading 1 styles with the numbers typed,
    each table in one piece and ruled, only its caption rows (第二十条第（六）项) merged across."""
    import docx

    document = docx.Document()
    for block in layout(text):
        if isinstance(block, Table):
            captions = [r for r, row in enumerate(block.rows) if CAPTION.match(row[0])]
            _add_table(document, Table(block.rows, [(r, 0, r, len(block.rows[r]) - 1) for r in captions]))
        elif SECTION_HEADING.match(block) and len(block) < 40:
            document.add_heading(block, 1)
        elif block.endswith("年度报告"):
            document.add_heading(block, 0)
        else:
            document.add_paragraph(block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_table(document, table: Table) -> None:  # type: ignore[no-untyped-def]
    rows, width = len(table.rows), len(table.rows[0])
    t = document.add_table(rows=rows, cols=width)
    t.style = "Table Grid"  # ruled, so a PDF of it has lines to find
    for r, row in enumerate(table.rows):
        for c, value in enumerate(row):
            if value:
                t.cell(r, c).text = value
    for a, b, c, d in table.merges:
        t.cell(a, b).merge(t.cell(c, d))


# --- HTML ------------------------------------------------------------------------------------

_CHROME_TOP = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_青禾县人民政府</title>
<style>.nav li {{ display: inline; }}</style>
<script>var _hmt = _hmt || []; /* 统计代码 */</script>
</head>
<body>
<div class="top"><div class="logo"><img src="logo.png" alt="青禾县人民政府"></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="main">
<div class="left-menu"><h3>政府信息公开年报</h3><ul>
<li><a href="2022.html">青禾县石门镇人民政府2022年政府信息公开工作年度报告</a></li>
<li><a href="2021.html">青禾县白沙镇人民政府2021年政府信息公开工作年度报告</a></li></ul></div>
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="info">发布时间：2024-01-20 09:30　来源：青禾县人民政府办公室　浏览次数：<span id="hits">128</span>　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="TRS_Editor" id="zoom">
"""
_CHROME_BOTTOM = """</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h4>相关链接</h4><ul><li><a href="x.html">青禾县云溪镇2023年政务公开工作要点</a></li></ul></div>
</div></div>
<div class="footer"><p>主办：青禾县人民政府办公室　地址：青禾县人民路1号　电话：0000-7654321</p>
<p>网站标识码：0000000001　备案号：X ICP备00000000号</p></div>
</body></html>
"""


def make_html(text: str, charset: str = "gbk") -> bytes:
    """The draft as a government CMS page in *charset*: navigation, a side list of other reports,
    an info bar, share/print/related-link blocks and a footer around the article; paragraphs with
    nested spans and ideographic-space indents, tables with rowspan/colspan and &nbsp; cells."""
    blocks = layout(text)
    title = blocks[0] if isinstance(blocks[0], str) else ""
    body: list[str] = []
    for block in blocks[1:]:
        if isinstance(block, Table):
            body.append(_html_table(block))
        elif SECTION_HEADING.match(block) and len(block) < 40:
            body.append(
                f'<p style="text-indent:2em"><strong><span style="font-family:黑体">{_esc(block)}</span></strong></p>'
            )
        else:
            body.append(
                f'<p style="text-indent:2em;line-height:1.5"><span style="font-size:16pt">　　{_esc(block)}</span></p>'
            )
    page = _CHROME_TOP.format(charset=charset, title=_esc(title)) + "\n".join(body) + _CHROME_BOTTOM
    return page.encode("gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _html_table(table: Table) -> str:
    covered: dict[tuple[int, int], bool] = {}
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for a, b, c, d in table.merges:
        spans[(a, b)] = (c - a + 1, d - b + 1)
        for r in range(a, c + 1):
            for col in range(b, d + 1):
                if (r, col) != (a, b):
                    covered[(r, col)] = True
    out = ['<table border="1" cellspacing="0" style="width:100%;border-collapse:collapse"><tbody>']
    for r, row in enumerate(table.rows):
        cells = []
        for c, value in enumerate(row):
            if covered.get((r, c)):
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
            inner = (
                f'<p style="text-align:center"><span style="font-size:12pt">{_esc(value)}</span></p>'
                if value
                else "&nbsp;"
            )
            cells.append(f'<td{attrs} style="width:40px">{inner}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


# --- PDF --------------------------------------------------------------------------------------

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")


def make_pdfs(documents: list[bytes]) -> list[bytes]:
    """LibreOffice's PDFs of .docx files (a real converter, with Debian's CJK fonts), converted in
    one run of soffice."""
    with tempfile.TemporaryDirectory() as tmp:
        names = []
        for i, data in enumerate(documents):
            src = Path(tmp) / f"report{i}.docx"
            src.write_bytes(data)
            names.append(str(src))
        profile = Path(tmp) / "profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                *names,
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        return [(Path(tmp) / f"report{i}.pdf").read_bytes() for i in range(len(documents))]


_PDF_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def encrypted_pdf(user: bytes = b"secret", owner: bytes = b"owner") -> bytes:
    """A one-page PDF with an open password (the standard security handler, revision 2: RC4 with
    a 40-bit key, PDF 1.7 §7.6.3), so a reader without the password must refuse it."""
    import hashlib

    from pdfminer.arcfour import Arcfour

    def padded(password: bytes) -> bytes:
        return (password + _PDF_PAD)[:32]

    o = Arcfour(hashlib.md5(padded(owner)).digest()[:5]).encrypt(padded(user))
    ident = b"0123456789abcdef"
    key = hashlib.md5(padded(user) + o + (-4).to_bytes(4, "little", signed=True) + ident).digest()[:5]
    u = Arcfour(key).encrypt(_PDF_PAD)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>",
        b"<</Filter/Standard/V 1/R 2/O<%s>/U<%s>/P -4>>" % (o.hex().encode(), u.hex().encode()),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R/Encrypt 4 0 R/ID[<%s><%s>]>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        ident.hex().encode(),
        ident.hex().encode(),
        xref,
    )
    return bytes(out)
