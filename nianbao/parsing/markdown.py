"""Markdown drafts: tree-sitter-markdown finds headings, pipe tables and code; the rest is prose.

The grammar knows nothing of 一、/（一） numbering, so everything that is not a Markdown heading,
table or code block goes through the same line segmenter as plain text (which also finds tab
tables pasted into a Markdown file). Both paths therefore produce the same model.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..model import Grid, Row
from .lines import Block, pipe_cells, segment
from .outline import Heading
from .patterns import delimiter_row

_LONE_CR = re.compile(r"\r(?!\n)")
_ATX_LINE = re.compile(r"^\s{0,3}#{1,6}\s")
_ATX = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_PROSE_SKIP = {"fenced_code_block", "thematic_break", "html_block"}
_DELIMITER = delimiter_row("-+")


@lru_cache(maxsize=1)
def _parser() -> Any:
    import tree_sitter_markdown
    from tree_sitter import Language, Parser

    return Parser(Language(tree_sitter_markdown.language()))


def _tree_bytes(text: str) -> bytes:
    # lone CRs become LFs so the grammar's rows match LSP lines
    return _LONE_CR.sub("\n", text).encode("utf-8")


def parse_tree(text: str) -> Any:
    """The block tree of *text*."""
    return _parser().parse(_tree_bytes(text))


class IncrementalParser:
    """Parses successive versions of one document, reusing the previous tree (the language server
    keeps one per open Markdown draft).

    The edit is not taken from the client's change events but recomputed from the bytes actually
    parsed (common prefix and suffix): masking comments and CR handling change bytes outside the
    typed range, and a tree edited with a wrong range would silently mis-parse.
    """

    def __init__(self) -> None:
        self._data = b""
        self._tree: Any = None

    def tree(self, text: str) -> Any:
        data = _tree_bytes(text)
        old, tree = self._data, self._tree
        if tree is None:
            tree = _parser().parse(data)
        elif data != old:
            start = _common_prefix(old, data)
            suffix = _common_prefix(old[start:][::-1], data[start:][::-1])
            old_end, new_end = len(old) - suffix, len(data) - suffix
            tree.edit(
                start_byte=start,
                old_end_byte=old_end,
                new_end_byte=new_end,
                start_point=_point(old, start),
                old_end_point=_point(old, old_end),
                new_end_point=_point(data, new_end),
            )
            tree = _parser().parse(data, tree)
        self._data, self._tree = data, tree
        return tree


def _common_prefix(a: bytes, b: bytes) -> int:
    """Length of the common prefix, by bisection over slice comparisons (each a C memcmp)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _point(data: bytes, offset: int) -> tuple[int, int]:
    row = data.count(b"\n", 0, offset)
    return row, offset - (data.rfind(b"\n", 0, offset) + 1)


def markdown_blocks(
    text: str, folded: str, bounds: list[tuple[int, int]], parser: IncrementalParser | None = None
) -> list[Block | Heading]:
    """The blocks of a Markdown draft (*folded*: *text* with its widths folded, see `segment`)."""
    builder = _BlockBuilder(text, folded, bounds)
    builder.visit((parser.tree(text) if parser is not None else parse_tree(text)).root_node)
    builder.flush()
    return builder.blocks


class _BlockBuilder:
    """Walks the block tree in row order. A class rather than nested closures: a recursive closure
    is a reference cycle, which would keep every parsed table alive until the cyclic GC runs."""

    def __init__(self, text: str, folded: str, bounds: list[tuple[int, int]]) -> None:
        self.text = text
        self.folded = folded
        self.bounds = bounds
        self.blocks: list[Block | Heading] = []
        self.pending: list[int] = []
        self.consumed = 0  # rows before this one already belong to a block

    def flush(self) -> None:
        # After an error the grammar may leave headings inside the recovered region.
        text, bounds = self.text, self.bounds
        run: list[tuple[int, int]] = []
        for r in self.pending:
            if _ATX_LINE.match(text[bounds[r][0] : bounds[r][1]]):
                self.blocks.extend(segment(text, self.folded, run))
                run = []
                self.blocks.append(_heading(text, bounds[r], "atx_heading"))
            else:
                run.append(bounds[r])
        self.blocks.extend(segment(text, self.folded, run))
        self.pending.clear()

    def rows_of(self, node: Any) -> range:
        end = node.end_point.row if node.end_point.column == 0 else node.end_point.row + 1
        return range(max(node.start_point.row, self.consumed), min(end, len(self.bounds)))

    def is_pipe_row(self, row: int) -> bool:
        line = self.text[self.bounds[row][0] : self.bounds[row][1]].strip()
        return line.startswith("|") and line.count("|") >= 2

    def visit(self, node: Any) -> None:
        text, bounds = self.text, self.bounds
        for child in node.children:
            kind = child.type
            rows = self.rows_of(child)
            if kind == "section":
                self.visit(child)
            elif not rows:
                continue
            elif kind in ("atx_heading", "setext_heading"):
                self.flush()
                self.blocks.append(_heading(text, bounds[rows[0]], kind))
                self.consumed = rows[0] + 1 if kind == "atx_heading" else rows[-1] + 1
            elif kind == "pipe_table":
                self.flush()
                last = rows[-1]
                # The grammar gives up on some rows of empty cells; they still belong to the table.
                while last + 1 < len(bounds) and self.is_pipe_row(last + 1):
                    last += 1
                table_rows = [
                    r for r in range(rows[0], last + 1) if not _DELIMITER.match(text[bounds[r][0] : bounds[r][1]])
                ]
                grid_rows = [Row(pipe_cells(text, *bounds[r]), *bounds[r]) for r in table_rows]
                if grid_rows:
                    self.blocks.append(Grid(grid_rows, "markdown", grid_rows[0].start, grid_rows[-1].end))
                self.consumed = last + 1
            elif kind in _PROSE_SKIP:
                self.flush()
                self.consumed = rows[-1] + 1
            else:
                self.pending.extend(rows)
                self.consumed = rows[-1] + 1


def _heading(text: str, bound: tuple[int, int], kind: str) -> Heading:
    start, end = bound
    line = text[start:end]
    if kind == "atx_heading":
        m = _ATX.match(line)
        if m:
            level = len(line.lstrip()) - len(line.lstrip().lstrip("#"))
            return Heading(level, start, end, start + m.start(1), start + m.end(1))
    stripped = line.strip()
    lead = len(line) - len(line.lstrip())
    return Heading(2, start, end, start + lead, start + lead + len(stripped))
