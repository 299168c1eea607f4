"""Decoded draft text and everything that depends on encodings and line ends.

This module is the only place that knows about bytes. Downstream code works on ``str`` offsets;
`LineIndex` converts them to line/column pairs in whichever unit a consumer needs: code points
(the CLI, JSON), or UTF-8/UTF-16/UTF-32 code units (LSP position encodings).
"""

from __future__ import annotations

import bisect
import codecs
import re
from itertools import accumulate

# LSP knows exactly three line terminators; Python's splitlines() knows eight. Drafts extracted from
# PDF contain form feeds, which must stay inside a line or every position after them drifts.
_EOL = re.compile(r"\r\n|\r|\n")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(Exception):
    """The bytes are not a text draft nianbao can read; the message says why, in Chinese."""


class Source:
    """A draft's text together with what is needed to write it back byte-for-byte.

    Compared by its fields (text, encoding, BOM, raw bytes), not by the line index made on demand.
    """

    # A plain class, not a dataclass: every check imports it (see nianbao/record.py).
    __slots__ = ("text", "encoding", "bom", "raw", "_index")
    text: str
    encoding: str
    bom: bytes
    raw: bytes | None
    _index: LineIndex | None

    def __init__(self, text: str, encoding: str = "utf-8", bom: bytes = b"", raw: bytes | None = None) -> None:
        self.text, self.encoding, self.bom, self.raw = text, encoding, bom, raw
        self._index = None

    def _fields(self) -> tuple[str, str, bytes, bytes | None]:
        return self.text, self.encoding, self.bom, self.raw

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._fields() == other._fields()  # type: ignore[attr-defined]

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass it was

    def __repr__(self) -> str:
        return f"Source(text={self.text!r}, encoding={self.encoding!r}, bom={self.bom!r}, raw={self.raw!r})"

    @classmethod
    def from_bytes(cls, data: bytes) -> Source:
        text, encoding, bom = decode(data)
        return cls(text=text, encoding=encoding, bom=bom, raw=data)

    @classmethod
    def from_text(cls, text: str) -> Source:
        return cls(text=text)

    @property
    def index(self) -> LineIndex:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index

    @property
    def newline(self) -> str:
        """The dominant line terminator, used for text a fix inserts."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        cr = self.text.count("\r") - crlf
        best = max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"))
        return best[1] if best[0] else "\n"

    def encode(self, text: str) -> bytes:
        """Encode *text* the way this source was stored (same codec, same BOM)."""
        return self.bom + text.encode(self.encoding)

    def byte_offset(self, offset: int) -> int:
        """Offset in the stored body (after the BOM) of the character at *offset*."""
        return len(self.text[:offset].encode(self.encoding))


def decode(data: bytes) -> tuple[str, str, bytes]:
    """A draft's text, codec and BOM: BOM first, then UTF-8, then GB18030 (a superset of GBK).

    Each candidate codec decodes the bytes once, and that decoding is the text. Raises
    DecodeError for binary data and for bytes no supported codec accepts.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, bom
            except UnicodeDecodeError as exc:
                raise DecodeError(f"文件以 {encoding} 的字节顺序标记开头，但第 {exc.start} 字节处无法解码") from exc
    utf16 = _bomless_utf16(data)
    if utf16:
        return utf16[0], utf16[1], b""
    if b"\x00" in data:
        raise DecodeError("文件含有空字节，像是二进制文件而不是文本草稿")
    try:
        return data.decode("utf-8"), "utf-8", b""
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DecodeError(f"既不是 UTF-8 也不是 GB18030/GBK 编码（第 {exc.start} 字节处无法解码）") from exc
    if _looks_binary(text):
        raise DecodeError("文件内容含大量控制字符，像是二进制文件而不是文本草稿")
    return text, "gb18030", b""


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    # A draft in UTF-16 without BOM has NUL bytes in most ASCII positions, nearly all on one side,
    # and decodes to readable CJK/ASCII text.
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros > half * 0.2 and other <= zeros // 4:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return (text, encoding) if _readable(text) else None
    return None


def _readable(text: str) -> bool:
    sample = text[:4096]
    good = sum(1 for ch in sample if ch.isprintable() or ch in "\t\n\r\f" or "\u4e00" <= ch <= "\u9fff")
    return good >= 0.95 * len(sample) and not _looks_binary(sample)


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return "\x00" in sample or controls > len(sample) // 20


class LineIndex:
    """Offset ⇄ (line, column) for one text, with LSP's notion of lines.

    Lines and columns are 0-based here. Columns are code points unless a method says otherwise.
    """

    __slots__ = ("text", "starts", "_wide_lines")

    def __init__(self, text: str) -> None:
        self.text = text
        if "\r" in text:
            self.starts = [0] + [m.end() for m in _EOL.finditer(text)]
        else:  # every terminator one "\n": the starts are sums of line lengths, summed in C
            self.starts = list(accumulate(map((1).__add__, map(len, text.split("\n")[:-1])), initial=0))
        self._wide_lines: set[int] | None = None

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        line = self.line_of(offset)
        return line, offset - self.starts[line]

    def offset(self, line: int, column: int) -> int:
        """Offset of (line, code-point column), clamped to the line's content like LSP clients expect."""
        if line >= len(self.starts):
            return len(self.text)
        if line < 0:
            return 0
        start, end = self.line_bounds(line)
        return min(start + max(column, 0), end)

    def line_bounds(self, line: int) -> tuple[int, int]:
        """(start, end) offsets of *line*'s content, end excluding the terminator."""
        start = self.starts[line]
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            if self.text[end - 2 : end] == "\r\n":
                end -= 2
            else:
                end -= 1
        else:
            end = len(self.text)
        return start, end

    def all_bounds(self) -> list[tuple[int, int]]:
        """`line_bounds` of every line, in order (one pass: each terminator starts where a line ends)."""
        if "\r" in self.text:
            ends = [m.start() for m in _EOL.finditer(self.text)]
        else:  # a line ends one character before the next starts
            ends = list(map((-1).__add__, self.starts[1:]))
        ends.append(len(self.text))
        return list(zip(self.starts, ends))

    def line_text(self, line: int) -> str:
        start, end = self.line_bounds(line)
        return self.text[start:end]

    # --- code units for LSP position encodings -----------------------------------------------

    def _has_wide(self, line: int, encoding: str) -> bool:
        if encoding == "utf-32":
            return False
        if encoding == "utf-8":
            start, end = self.line_bounds(line)
            return not self.text[start:end].isascii()
        if self._wide_lines is None:
            self._wide_lines = {self.line_of(m.start()) for m in re.finditer("[\U00010000-\U0010ffff]", self.text)}
        return line in self._wide_lines

    def to_units(self, line: int, column: int, encoding: str) -> int:
        """Code-point column → column in *encoding* code units (utf-8, utf-16 or utf-32)."""
        if not self._has_wide(line, encoding):
            return column
        start = self.starts[line]
        prefix = self.text[start : start + column]
        if encoding == "utf-8":
            return len(prefix.encode("utf-8"))
        return column + sum(1 for ch in prefix if ord(ch) > 0xFFFF)

    def from_units(self, line: int, units: int, encoding: str) -> int:
        """Column in *encoding* code units → code-point column (a split surrogate rounds down)."""
        if line >= len(self.starts):
            return 0
        if not self._has_wide(line, encoding):
            start, end = self.line_bounds(line)
            return min(units, end - start)
        start, end = self.line_bounds(line)
        count = 0
        for i, ch in enumerate(self.text[start:end]):
            width = len(ch.encode("utf-8")) if encoding == "utf-8" else (2 if ord(ch) > 0xFFFF else 1)
            if count + width > units:
                return i
            count += width
        return end - start

    def offset_from_units(self, line: int, units: int, encoding: str) -> int:
        return self.offset(line, self.from_units(line, units, encoding))

    def units_position(self, offset: int, encoding: str) -> tuple[int, int]:
        line, column = self.position(offset)
        return line, self.to_units(line, column, encoding)
