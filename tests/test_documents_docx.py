"""Reading .docx files: paragraphs, Word's generated numbers, merged cells, locations."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml

from nianbao.documents import DocumentError, Place, read_document
from nianbao.documents.numbering import format_number
from nianbao.testing.drafts import clean

from .documents_support import make_docx


def lines(text: str) -> list[str]:
    return [line.rstrip("\t") for line in text.splitlines() if line.strip()]


def test_a_draft_reads_back_as_its_text() -> None:
    """Headings numbered by Word, a title with a line break, merged cells, table 3 split by a page
    break: the rendering is the draft's own tab-form text."""
    text = clean()
    doc = read_document(make_docx(text), "docx")
    assert lines(doc.text) == lines(text)


def test_without_generated_numbers_the_text_is_the_same() -> None:
    text = clean()
    assert lines(read_document(make_docx(text, numbered=False, split_table3=False), "docx").text) == lines(text)


def _document(*paragraphs: str) -> docx.document.Document:
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    return document


def _bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_merged_cells_keep_their_text_in_the_top_left_position() -> None:
    document = _document("表格")
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).text = "角"
    table.cell(0, 0).merge(table.cell(1, 1))  # 2 × 2
    table.cell(0, 2).text = "横"
    table.cell(0, 2).merge(table.cell(0, 3))  # colspan 2
    table.cell(1, 2).text = "a"
    table.cell(1, 3).text = "b"
    table.cell(2, 0).text = "纵"
    table.cell(2, 1).text = "1"
    table.cell(2, 2).text = "2"
    table.cell(2, 3).text = "3"
    doc = read_document(_bytes(document), "docx")
    assert lines(doc.text)[1:] == ["角\t\t横", "\t\ta\tb", "纵\t1\t2\t3"]
    at = doc.text.index("横")
    assert doc.place_at(at) == Place(table=1, row=1, column=3)
    loc = doc.locate(doc.text.index("3"), doc.text.index("3") + 1)
    assert loc.place.label() == "第1个表格 第3行 第4列"
    assert loc.excerpt == "纵  1  2  3" and loc.excerpt[slice(*loc.span)] == "3"


def test_cell_paragraphs_join_and_empty_rows_vanish() -> None:
    document = _document("表格")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "（二）部分公开"
    table.cell(0, 0).add_paragraph("（区分处理的，只计这一情形）")
    table.cell(0, 1).text = "0"
    table.cell(2, 0).text = "Legal"
    table.cell(2, 0).add_paragraph("aid")
    table.cell(2, 1).text = "1"
    assert lines(read_document(_bytes(document), "docx").text)[1:] == [
        "（二）部分公开（区分处理的，只计这一情形）\t0",
        "Legal aid\t1",
    ]


def test_paragraph_numbers_count_non_empty_paragraphs() -> None:
    doc = read_document(_bytes(_document("甲", "", "乙", "丙")), "docx")
    assert doc.locate(doc.text.index("丙"), doc.text.index("丙") + 1).place == Place(paragraph=3)
    assert doc.locate(doc.text.index("丙"), doc.text.index("丙") + 1).label() == "第3段"


def test_a_line_break_joins_and_a_tab_is_a_space() -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("青禾县人民政府")
    run.add_break()
    run.add_text("2023年报告")
    p = document.add_paragraph()
    p.add_run("联系电话")
    p.add_run().add_tab()
    p.add_run("0000")
    assert lines(read_document(_bytes(document), "docx").text) == ["青禾县人民政府2023年报告", "联系电话 0000"]


def test_numbering_restarts_below_a_higher_level() -> None:
    text = clean()
    doc = read_document(make_docx(text), "docx")
    got = [line for line in lines(doc.text) if line.startswith(("（一）", "六、", "一、")) and "\t" not in line]
    assert got[:3] == ["一、总体情况", "（一）主动公开", "六、其他需要报告的事项"]
    assert got[3] == "（一）信息处理费收费情况"


@pytest.mark.parametrize(
    ("n", "fmt", "expected"),
    [
        (1, "chineseCounting", "一"),
        (12, "chineseCounting", "十二"),
        (20, "chineseCountingThousand", "二十"),
        (3, "decimal", "3"),
        (3, "decimalFullWidth", "３"),
        (2, "decimalEnclosedCircle", "②"),
        (2, "ideographTraditional", "乙"),
        (4, "lowerRoman", "iv"),
        (28, "upperLetter", "BB"),
        (11, "chineseLegalSimplified", "拾壹"),
        (5, "bullet", ""),
        (7, "somethingNew", "7"),
    ],
)
def test_number_formats(n: int, fmt: str, expected: str) -> None:
    assert format_number(n, fmt) == expected


def test_a_start_override_restarts_a_list() -> None:
    document = _document()
    numbering = document.part.numbering_part.element
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {ns} w:abstractNumId="7"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(parse_xml(f'<w:num {ns} w:numId="7"><w:abstractNumId w:val="7"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {ns} w:numId="8"><w:abstractNumId w:val="7"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    for text, num in (("甲", 7), ("乙", 7), ("丙", 8)):
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {ns}><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'))
    assert lines(read_document(_bytes(document), "docx").text) == ["1.甲", "2.乙", "1.丙"]


def test_legacy_and_broken_files_say_to_save_as_docx() -> None:
    with pytest.raises(DocumentError, match="另存为"):
        read_document(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "docx")
    with pytest.raises(DocumentError, match="不是 zip 包"):
        read_document(b"plain text", "docx")
    with pytest.raises(DocumentError, match="另存为"):
        read_document(b"anything", "legacy")
    with pytest.raises(DocumentError, match="另存为"):
        read_document(b"PK\x03\x04broken", "docx")


def test_a_zip_that_is_not_a_word_document() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(DocumentError, match="另存为"):
        read_document(out.getvalue(), "docx")
