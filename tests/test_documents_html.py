"""Reading published web pages: encodings, the article inside the chrome, tables, source positions."""

from __future__ import annotations

import codecs

import pytest

from nianbao.documents import DocumentError, Place, read_document
from nianbao.documents.html import decode_page
from nianbao.testing.drafts import clean

from .documents_support import make_html


def lines(text: str) -> list[str]:
    return [line.rstrip("\t") for line in text.splitlines() if line.strip()]


def page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}<title>t</title></head><body>{body}</body></html>".encode()


REPORT = "<h1>青禾县云溪镇人民政府2023年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p>"


@pytest.mark.parametrize("charset", ["gbk", "gb2312", "utf-8"])
def test_a_cms_page_reads_as_the_draft(charset: str) -> None:
    """Navigation, side list of other reports, info bar, share/print/related blocks and footer
    are left out; paragraphs with nested spans and indents and tables with rowspan/colspan and
    &nbsp; cells read as the draft's tab-form text."""
    text = clean()
    doc = read_document(make_html(text, charset), "html")
    assert lines(doc.text) == lines(text)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (codecs.BOM_UTF8 + "<p>中文</p>".encode(), "<p>中文</p>"),
        ('<meta charset="GB2312"><p>中文</p>'.encode("gb18030"), '<meta charset="GB2312"><p>中文</p>'),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=gbk"><p>中文</p>'.encode("gb18030"),
            '<meta http-equiv="Content-Type" content="text/html; charset=gbk"><p>中文</p>',
        ),
        ("<p>没有声明的 GBK 页面</p>".encode("gb18030"), "<p>没有声明的 GBK 页面</p>"),
        ('<meta charset="utf-8"><p>声明错了</p>'.encode("gb18030"), '<meta charset="utf-8"><p>声明错了</p>'),
        (codecs.BOM_UTF16_LE + "<p>中文</p>".encode("utf-16-le"), "<p>中文</p>"),
        # A single-byte charset declared over GBK or UTF-8 bytes (it would read them all,
        # as mojibake): the Chinese encodings first; a page really in it still reads as declared.
        (
            '<meta charset="iso-8859-1"><p>政府信息公开</p>'.encode("gb18030"),
            '<meta charset="iso-8859-1"><p>政府信息公开</p>',
        ),
        (
            '<meta charset="windows-1252"><p>政府信息公开</p>'.encode(),
            '<meta charset="windows-1252"><p>政府信息公开</p>',
        ),
        ('<meta charset="koi8-r"><p>政府信息公开</p>'.encode("gb18030"), '<meta charset="koi8-r"><p>政府信息公开</p>'),
        (
            '<meta charset="iso-8859-1"><p>Café à la carte</p>'.encode("latin-1"),
            '<meta charset="iso-8859-1"><p>Café à la carte</p>',
        ),
    ],
)
def test_the_page_encoding(data: bytes, expected: str) -> None:
    assert decode_page(data) == (expected, None)


def test_rowspan_colspan_and_cell_text_normalisation() -> None:
    table = (
        '<table><tr><td rowspan="2" colspan="2"><p><span>角</span></p></td><td colspan="2">申请人</td></tr>'
        "<tr><td>自然人</td><td><p>法人或</p><p>其他组织</p></td></tr>"
        "<tr><td>一、</td><td>&nbsp;</td><td> 1&nbsp;</td><td>2<br>件</td></tr>"
        '<tr><td colspan="4">&nbsp;</td></tr></table>'
    )
    doc = read_document(page(REPORT + table), "html")
    assert lines(doc.text)[-3:] == ["角\t\t申请人", "\t\t自然人\t法人或其他组织", "一、\t\t1\t2件"]
    at = doc.text.index("法人")
    assert doc.place_at(at) == Place(table=1, row=2, column=4)


def test_locations_are_line_and_column_in_the_page_source() -> None:
    text = clean()
    data = make_html(text)
    source = data.decode("gb18030").splitlines()
    doc = read_document(data, "html")
    for needle in ("（七）总计", "规范信息发布", "青禾县云溪镇人民政府2023", "国家秘密"):
        at = doc.text.index(needle)
        loc = doc.locate(at, at + len(needle))
        assert loc.line is not None and loc.column is not None
        assert source[loc.line - 1][loc.column - 1 :].startswith(needle), needle
    loc = doc.locate(doc.text.index("国家秘密"), doc.text.index("国家秘密") + 4)
    assert loc.label().endswith("（第2个表格 第8行 第3列）")


def test_entities_keep_positions() -> None:
    doc = read_document(page(REPORT + "<p>甲&amp;乙&ldquo;丙&rdquo;</p>"), "html")
    at = doc.text.index("丙")
    loc = doc.locate(at, at + 1)
    source = page(REPORT + "<p>甲&amp;乙&ldquo;丙&rdquo;</p>").decode()
    assert loc.column is not None and source[loc.column - 1 :].startswith("丙")


def test_line_breaks_split_paragraphs_and_scripts_are_not_text() -> None:
    body = REPORT + "<div>第一段<br>第二段<script>var x = '一、总体情况';</script><style>p{}</style></div>"
    got = lines(read_document(page(body), "html").text)
    assert got[-2:] == ["第一段", "第二段"] and not any("var" in line for line in got)


def test_the_title_comes_from_the_page_title_when_the_body_has_none() -> None:
    head = '<meta charset="utf-8"><title>青禾县云溪镇人民政府2023年政府信息公开工作年度报告_青禾县人民政府网</title>'
    body = "<div class='content'><p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p></div>"
    data = f"<html><head>{head}</head><body>{body}</body></html>".encode()
    assert lines(read_document(data, "html").text)[0] == "青禾县云溪镇人民政府2023年政府信息公开工作年度报告"


def test_a_page_without_the_report_says_so() -> None:
    body = '<div class="nav"><a href="/">首页</a></div><p>附件：<a href="report.pdf">年度报告.pdf</a></p>'
    with pytest.raises(DocumentError, match="没有找到报告正文"):
        read_document(page(body), "html")


def test_a_picture_in_the_article_is_opaque() -> None:
    doc = read_document(
        page(REPORT + '<p><img src="table3.png" width="600"></p><img src="icon.gif" width="16">'), "html"
    )
    assert len(doc.opaque) == 1


def test_hidden_blocks_are_not_text() -> None:
    body = REPORT + '<p style="display:none">隐藏的文字</p><p>看得见</p>'
    got = lines(read_document(page(body), "html").text)
    assert "看得见" in got and not any("隐藏" in line for line in got)
