from __future__ import annotations

import codecs

import pytest

from nianbao.source import DecodeError, LineIndex, Source, decode

TEXT = "一、总体情况\n𠮷野说：要进一步加强管理。\n"


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (TEXT.encode("utf-8"), "utf-8", b""),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", codecs.BOM_UTF8),
        (TEXT.encode("gb18030"), "gb18030", b""),
        ("一、总体情况\n".encode("gbk"), "gb18030", b""),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", codecs.BOM_UTF16_LE),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", codecs.BOM_UTF16_BE),
        ("abc 总体情况 一二三四五六七八九十".encode("utf-16-le"), "utf-16-le", b""),
    ],
)
def test_detects_encodings(data: bytes, encoding: str, bom: bytes) -> None:
    assert decode(data)[1:] == (encoding, bom)
    source = Source.from_bytes(data)
    assert source.encode(source.text) == data


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01\x02\x03binary\x00\xff",
        bytes(range(256)) * 4,
        b"\x81\x30",  # truncated GB18030 four-byte sequence
    ],
)
def test_rejects_binary_and_undecodable(data: bytes) -> None:
    with pytest.raises(DecodeError):
        Source.from_bytes(data)


def test_newline_style() -> None:
    assert Source.from_text("a\r\nb\r\nc\n").newline == "\r\n"
    assert Source.from_text("a\nb").newline == "\n"
    assert Source.from_text("a\rb\r").newline == "\r"
    assert Source.from_text("one line").newline == "\n"


def test_line_index_follows_lsp_line_ends_only() -> None:
    text = "第一页\f第二页 进一步的\r\n下一行\r末行\u2028同一行"
    index = LineIndex(text)
    assert index.line_count == 3
    assert index.line_text(0) == "第一页\f第二页 进一步的"
    assert index.line_text(1) == "下一行"
    assert index.line_text(2) == "末行\u2028同一行"
    assert index.offset(1, 0) == text.index("下一行")
    assert index.position(text.index("末行")) == (2, 0)


def test_code_unit_columns_outside_the_bmp() -> None:
    index = LineIndex(TEXT)
    col = TEXT.split("\n")[1].index("进一步")  # 5 code points: 𠮷野说：要
    assert col == 5
    assert index.to_units(1, col, "utf-32") == 5
    assert index.to_units(1, col, "utf-16") == 6
    assert index.to_units(1, col, "utf-8") == 16
    for encoding, units in (("utf-32", 5), ("utf-16", 6), ("utf-8", 16)):
        assert index.from_units(1, units, encoding) == col
    # an offset inside the surrogate pair of 𠮷 rounds down to the character's start
    assert index.from_units(1, 1, "utf-16") == 0


def test_offsets_clamp_to_the_line() -> None:
    index = LineIndex("ab\ncd")
    assert index.offset(0, 99) == 2
    assert index.offset(5, 0) == 5
    assert index.offset_from_units(1, 1, "utf-16") == 4


@pytest.mark.parametrize("text", ["", "一", "a\r\nb\rc\nd", "a\n\n", "\r\n\r", "表\t1\r\n\r\n尾"])
def test_all_bounds_are_each_lines_bounds(text: str) -> None:
    index = LineIndex(text)
    assert index.all_bounds() == [index.line_bounds(i) for i in range(index.line_count)]
