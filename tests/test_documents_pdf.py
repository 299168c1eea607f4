"""Reading PDFs made by LibreOffice from a .docx: ruled tables over pages, running headers and
footers, paragraphs joined again; a scan gets one clear message."""

from __future__ import annotations

import io
import re

import pytest

from nianbao.documents import DocumentError, read_document
from nianbao.documents.pdf import SCANNED, _number_tables, _Page, _Table
from nianbao.testing import lint
from nianbao.testing.drafts import clean

from .documents_support import make_docx, make_pdfs, make_plain_docx, needs_soffice

YEARS = range(2019, 2026)


def lines(text: str) -> list[str]:
    # PDF text has no spaces between Chinese and digits (the typesetter's gap is not a character)
    return [re.sub(r" (?=\d)|(?<=\d) ", "", line.rstrip("\t")) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return make_pdfs([make_docx(clean())])[0]


@needs_soffice
def test_a_draft_reads_back_as_its_text(pdf: bytes) -> None:
    """Six pages, a running header and a 第 N 页 footer, tables 2 and 3 continued over page
    breaks: the rendering is the draft's text, paragraph for paragraph."""
    doc = read_document(pdf, "pdf")
    assert lines(doc.text) == lines(clean())
    assert "政务公开" not in doc.text.split("\n")[0] and "第 1 页" not in doc.text


@needs_soffice
def test_places_carry_the_page_and_continued_tables_keep_their_number(pdf: bytes) -> None:
    doc = read_document(pdf, "pdf")
    first = doc.locate(doc.text.index("一、本年新收"), doc.text.index("一、本年新收") + 2)
    total = doc.locate(doc.text.index("（七）总计"), doc.text.index("（七）总计") + 5)
    assert first.place.page is not None and total.place.page is not None
    assert total.place.page > first.place.page  # table 3 runs over a page break …
    assert total.place.table == first.place.table  # … and stays one table
    assert total.place.row == 27 and total.label() == f"第{total.place.page}页 第{total.place.table}个表格 第27行 第2列"
    assert doc.locate(0, 3).label() == "第1页"


def test_a_scan_has_no_text_layer() -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(out, "PDF")
    with pytest.raises(DocumentError) as info:
        read_document(out.getvalue(), "pdf")
    assert str(info.value) == SCANNED and str(info.value).startswith("扫描件，没有文字层，无法检查")


def test_not_a_pdf() -> None:
    with pytest.raises(DocumentError, match="^PDF 文件(已损坏|不完整)"):
        read_document(b"%PDF-1.4 broken", "pdf")


def test_a_caption_at_the_top_of_a_page_is_not_the_end_of_the_label_above() -> None:
    """Table 2 of the 2019 template continued on a new page whose first row is the caption
    第二十条第（六）项: it starts the next block, and is not glued to 其他对外管理服务事项 (a false NB106);
    a label the page break really cut is still joined."""

    def pages(last_row: list[str], first_row: list[str]) -> list[_Page]:
        before = _Table(1, 600.0, 50.0, 550.0, [["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"], last_row])
        after = _Table(2, 60.0, 50.0, 550.0, [first_row, ["行政处罚", "3", "0", "3"]])
        return [_Page(1, 800.0, [before]), _Page(2, 800.0, [after])]

    caption = pages(["其他对外管理服务事项", "4", "-1", "6"], ["第二十条第（六）项", "", "", ""])
    _number_tables(caption)
    assert caption[0].items[0].rows[-1][0] == "其他对外管理服务事项"  # type: ignore[union-attr]
    assert caption[1].items[0].rows[0][0] == "第二十条第（六）项"  # type: ignore[union-attr]
    wrapped = pages(["其他对外管理", "", "", ""], ["服务事项", "", "", ""])
    _number_tables(wrapped)
    assert wrapped[0].items[0].rows[-1][0] == "其他对外管理服务事项"  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def year_pdfs() -> list[bytes]:
    """A correct report of each year typed plainly in Word (caption rows merged across), and the
    2020 one (the 2019 template) in the fuller layout too."""
    return make_pdfs([make_plain_docx(clean(year=year)) for year in YEARS] + [make_docx(clean(year=2020))])


@needs_soffice
def test_correct_reports_of_every_year_give_no_findings_as_pdf(year_pdfs: list[bytes]) -> None:
    for year, pdf in zip([*YEARS, 2020], year_pdfs):
        assert [(f.code, f.message) for f in lint(read_document(pdf, "pdf").text)] == [], year
