"""Damaged, disguised and hostile documents: each gives one clear Chinese NB002 for its file (a
`DocumentError` from the reader), never an internal error, and the run goes on with the others.

The fuzz tests mutate good fictional documents deterministically (truncation, byte flips, parts
removed or garbled, XML restructured, absurd numbers) and hold every reader to that contract.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from nianbao.cli import main
from nianbao.documents import Document, DocumentError, package, read_document
from nianbao.documents.html import decode_page
from nianbao.engine import Linter, Selection
from nianbao.plugins import build_registry
from nianbao.testing.drafts import clean

from .conftest import check_cli
from .documents_support import encrypted_pdf, make_docx, make_html, make_pdfs, needs_soffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What a message must not show: an exception's name or its English text.
_ENGLISH = re.compile(r"[A-Z][a-z]+(Error|Exception)|\b(the|is|no|not|of|in)\b", re.I)


@pytest.fixture(scope="module")
def docx() -> bytes:
    return make_docx(clean())


def parts_of(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return {name: z.read(name) for name in z.namelist()}


def pack(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, payload in parts.items():
            z.writestr(name, payload)
    return out.getvalue()


def changed(package: bytes, name: str, payload: bytes | None) -> bytes:
    """*package* with the part *name* replaced by *payload* (None: removed)."""
    parts = parts_of(package)
    if payload is None:
        del parts[name]
    else:
        parts[name] = payload
    return pack(parts)


def outcome(data: bytes, fmt: str) -> Document | str:
    """The document, or the reader's message; any other exception fails the test that asks."""
    try:
        return read_document(data, fmt)
    except DocumentError as exc:
        message = str(exc)
        assert message and not _ENGLISH.search(message), message
        return message


def message(data: bytes, fmt: str) -> str:
    got = outcome(data, fmt)
    assert isinstance(got, str), "read, but should not have been"
    return got


# --- the tester's reports --------------------------------------------------------------------------


def test_a_malformed_docx_beside_good_drafts_is_one_nb002_and_the_run_goes_on(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "m.docx", "w") as z:
        z.writestr("[Content_Types].xml", "<x/>")
    (tmp_path / "good.txt").write_text(clean(), encoding="utf-8")
    (tmp_path / "good.docx").write_bytes(make_docx(clean()))
    run = check_cli(tmp_path, ".")
    assert run.returncode == 1, run.stderr
    assert "内部错误" not in run.stdout + run.stderr
    assert run.stdout.count("NB002") == 1
    assert (
        "m.docx:1:1: NB002 无法读取草稿：不是有效的 .docx 文件（其中的 [Content_Types].xml 内容不符合格式）"
        in run.stdout
    )
    assert "共发现 1 个问题" in run.stdout  # the good .txt and .docx were checked and are clean
    out = tmp_path / "audit.html"
    assert main(["report", str(tmp_path), "-o", str(out), "--no-cache"]) in (0, 1)
    assert "m.docx" in out.read_text(encoding="utf-8")


def test_a_package_whose_parts_are_not_what_they_claim(docx: bytes) -> None:
    assert "[Content_Types].xml 内容不符合格式" in message(changed(docx, "[Content_Types].xml", b"<x/>"), "docx")
    assert "_rels/.rels 内容不符合格式" in message(changed(docx, "_rels/.rels", b"<x/>"), "docx")
    no_body = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    assert "word/document.xml 中没有文档正文" in message(changed(docx, "word/document.xml", no_body), "docx")
    assert "word/document.xml 中没有文档正文" in message(changed(docx, "word/document.xml", b"<x/>"), "docx")


def test_missing_and_broken_parts_are_named(docx: bytes) -> None:
    assert "缺少 word/document.xml（文件不完整" in message(changed(docx, "word/document.xml", None), "docx")
    assert "缺少 word/styles.xml" in message(changed(docx, "word/styles.xml", None), "docx")
    broken = message(changed(docx, "word/document.xml", b"<w:document"), "docx")
    assert "其中的 word/document.xml 不是格式正确的 XML，第 1 行附近已损坏" in broken
    assert "缺少 [Content_Types].xml" in message(changed(docx, "[Content_Types].xml", None), "docx")


def test_a_damaged_zip_is_said_to_be_one(docx: bytes) -> None:
    """The tester's `negative seek value` (a cut central directory) and a corrupt deflate stream
    (zlib.error, which zipfile lets through)."""
    for cut in (len(docx) // 2, len(docx) - 30, 10):
        assert "不是 zip 包，或 zip 包已损坏" in message(docx[:cut], "docx")
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    corrupt = bytearray(docx)
    for i in range(start + 20, start + 60):  # inside document.xml's compressed bytes
        corrupt[i] ^= 0x5A
    assert "其中的 word/document.xml 已损坏，无法解压" in message(bytes(corrupt), "docx")


def test_other_files_under_the_docx_name(docx: bytes) -> None:
    workbook = pack({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert "这是Excel 表格（.xlsx），不是 Word 文档" in message(workbook, "docx")
    assert "文件内容其实是 PDF 文件，与扩展名不符" in message(b"%PDF-1.7\n%...", "docx")
    assert "文件内容其实是 zip 压缩包" in message(docx, "pdf")
    assert "旧版 Word/WPS 文件" in message(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "docx")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "_MAX_UNPACKED", 2**20)  # a small bomb against a small limit
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * 2**21 + b"/>")
    assert "远超一份报告的大小" in message(out.getvalue(), "docx")


def test_absurd_numbers_in_a_package_are_read_quickly(docx: bytes) -> None:
    """A gridSpan of a hundred million once built rows of a hundred million cells; list levels and
    start values out of Word's range once raised or indexed past the nine levels."""
    xml = parts_of(docx)["word/document.xml"].decode()
    xml = re.sub(r'(<w:gridSpan w:val=")\d+', r"\g<1>99999999", xml)
    xml = re.sub(r'(<w:ilvl w:val=")\d+', r"\g<1>99999", xml, count=3)
    numbering = parts_of(docx)["word/numbering.xml"].decode()
    numbering = re.sub(r'(<w:start w:val=")\d+', r"\g<1>-99999999", numbering)
    numbering = re.sub(r'(w:ilvl=")\d+', r"\g<1>abc", numbering, count=2)
    package = pack({**parts_of(docx), "word/document.xml": xml.encode(), "word/numbering.xml": numbering.encode()})
    document = outcome(package, "docx")
    assert isinstance(document, Document)
    assert max(len(line.split("\t")) for line in document.text.splitlines()) < 16 * 63  # a cell spans 63 at most


def test_empty_files_and_a_page_of_comments() -> None:
    for fmt in ("docx", "html", "pdf"):
        assert message(b"", fmt) == message(b" \n\t", fmt) == "文件为空（没有任何内容）"
    assert message(b"<!-- nothing here -->", "html") == "网页中没有任何正文（只有注释或声明）"


def test_a_declared_charset_that_is_no_page_encoding_is_ignored() -> None:
    """`undefined` and `punycode` raised UnicodeError (not a decode error); utf-16 declared in a
    page's markup is read as the HTML standard says, not as UTF-16."""
    for name in ("undefined", "punycode", "unicode_escape", "utf-16", "base64"):
        page = f'<meta charset="{name}"><p>中文</p>'.encode()
        assert decode_page(page) == (page.decode(), None)


def test_a_gbk_page_that_declares_utf8_and_has_a_stray_byte_is_read_as_gbk() -> None:
    """No encoding reads it whole: the one with the fewest replacement characters (GB18030) is
    taken, so the report is found and checked; a page that is not a report then says the
    encoding could not be told."""
    page = make_html(clean(), "utf-8").decode("utf-8").encode("gb18030")
    stray = page.replace(b"</p>", b"\x81</p>", 1)
    document = outcome(stray, "html")
    assert isinstance(document, Document) and "政府信息公开工作年度报告" in document.text
    not_a_report = '<meta charset="utf-8"><p>青禾县人民政府</p>'.encode("gb18030") + b"\x81<p>\xff</p>"
    assert "网页的编码也无法确定（按 UTF-8、GB18030 解码都有错误）" in message(not_a_report, "html")


def test_an_encrypted_pdf_says_so() -> None:
    assert message(encrypted_pdf(), "pdf").startswith("PDF 设置了打开密码，无法读取：请去除密码")
    no_handler = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R/Encrypt 2 0 R>>\n%%EOF"
    assert message(no_handler, "pdf").startswith("PDF 已加密，无法读取")


def test_a_reader_bug_costs_its_file_not_the_run(monkeypatch: pytest.MonkeyPatch, docx: bytes) -> None:
    """The last line of defence: an exception no reader expected becomes this file's NB002 (and a
    DocumentError wherever a document is read again, e.g. to place a cached finding)."""
    from nianbao.documents import docx as reader
    from nianbao.documents.lint import check_document

    def broken(data: bytes) -> Document:
        raise IndexError("list index out of range")

    monkeypatch.setattr(reader, "read_docx", broken)
    result = check_document(Linter(build_registry(entry_points=False)), docx, "x.docx", "docx", Selection())
    assert [f.code for f in result.findings] == ["NB002"]
    assert "读取文件时 nianbao 内部出错（请报告此问题）：IndexError" in result.findings[0].message


# --- fuzzing ---------------------------------------------------------------------------------------


def _flips(data: bytes, rng: random.Random, count: int) -> list[bytes]:
    out = []
    for _ in range(count):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 12)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        out.append(bytes(mutated))
    return out


def _restructured(xml: bytes, rng: random.Random, count: int) -> list[bytes]:
    """Well-formed XML with elements removed, moved, emptied or renamed (what a careless tool writes)."""
    tags = [f"{W}{t}" for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "t", "br", "body")] + ["x"]
    out = []
    for _ in range(count):
        root = etree.fromstring(xml)
        elements = list(root.iter())
        for _ in range(rng.randint(1, 6)):
            el = rng.choice(elements)
            parent = el.getparent()
            if parent is None:
                continue
            op = rng.randrange(4)
            if op == 0:
                parent.remove(el)
            elif op == 1:
                target = rng.choice(elements)
                if target is not el and el not in target.iterancestors():
                    target.append(el)
            elif op == 2:
                el.text = rng.choice(["", None, "中文", "\t"])
            else:
                el.tag = rng.choice(tags)
        out.append(etree.tostring(root))
    return out


def _values(xml: bytes, rng: random.Random, count: int) -> list[bytes]:
    """Attribute values replaced by nonsense: negative, huge, not numbers, empty."""
    text = xml.decode()
    choices = ["-1", "99999999", "abc", "", "restart", "0"]
    return [
        re.sub(r'w:val="([^"]*)"', lambda m: f'w:val="{rng.choice([m.group(1)] * 4 + choices)}"', text).encode()
        for _ in range(count)
    ]


def test_fuzzed_docx_packages_read_or_say_why(docx: bytes) -> None:
    rng = random.Random(12)
    parts = parts_of(docx)
    cases = [docx[:n] for n in range(0, len(docx), len(docx) // 15)]
    cases += _flips(docx, rng, 40)
    for name in parts:
        cases += [changed(docx, name, None), changed(docx, name, b"\x00\xff garbage"), changed(docx, name, b"")]
    cases += [changed(docx, "word/document.xml", xml) for xml in _restructured(parts["word/document.xml"], rng, 40)]
    cases += [changed(docx, "word/document.xml", xml) for xml in _values(parts["word/document.xml"], rng, 10)]
    cases += [changed(docx, "word/numbering.xml", xml) for xml in _values(parts["word/numbering.xml"], rng, 10)]
    for case in cases:
        outcome(case, "docx")


def test_fuzzed_pages_read_or_say_why() -> None:
    rng = random.Random(13)
    page = make_html(clean(), "gbk")
    cases = [page[:n] for n in range(0, len(page), len(page) // 20)] + _flips(page, rng, 40)
    cases += [
        b"<div>" * 50000,
        b'<table><tr><td rowspan="99999999" colspan="-5">1</td><td colspan="abc">2</td></tr></table>',
        b"<p>&#0; &#xD800; &#99999999999; &#x110000;</p>",
        b"\xff\xfe<\x00p",
        b'<?xml version="1.0" encoding="utf-16"?><html><body><p>x</p></body></html>',
    ]
    for case in cases:
        outcome(case, "html")


@needs_soffice
def test_fuzzed_pdfs_read_or_say_why() -> None:
    rng = random.Random(14)
    pdf = make_pdfs([make_docx(clean())])[0]
    cases = [pdf[:n] for n in range(0, len(pdf), len(pdf) // 15)] + _flips(pdf, rng, 25)
    for case in cases:
        outcome(case, "pdf")
