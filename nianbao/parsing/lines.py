"""Plain-text segmentation: which lines are prose and which form a table, and the table's cells.

Three table forms reach us from Word and PDF:

- tab rows: one row per line, cells separated by tabs, leading empty cells for merged headers;
- pipe rows: ``a | b | c |``, one row per line;
- one cell per line: each cell on its own tab-indented line, rows separated by blank lines, a
  cell's text sometimes wrapped onto following lines without the tab (Word's text export).

A table-2 block caption (第二十条第（一）项) standing alone on its line belongs to the table after
it, as a one-cell row. Tables with no separators at all (PDF text, glued digits) are `streams`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import NUMBER, Cell, Grid, Row, Value, plain_count
from ..textutil import ARTIFACT_PATTERN
from .patterns import CAPTION, SECTION_HEADING, delimiter_row
from .runon import table_trace
from .streams import build_stream, stream_end

_ARTIFACT = re.compile(ARTIFACT_PATTERN)
_PIPE_DELIMITER_ROW = delimiter_row("-{2,}")
_BAR = re.compile(r"(?<!\\)\|")
_SENTENCE_END = re.compile(r"[。；;！!？?]")
# Short unpunctuated lines inside a table are wrapped labels, not prose.
_WRAP_MAX = 30


@dataclass(slots=True)
class TextLine:
    """A non-blank line of prose (or a heading; the outline decides)."""

    start: int
    end: int


Block = TextLine | Grid
# A line as the segmenter reads it, classified once: (start, end, its text, its kind — see `_line_kind`).
Line = tuple[int, int, str, str]


def segment(text: str, folded: str, bounds: list[tuple[int, int]]) -> list[Block]:
    """Split lines (given as content bounds) into prose lines and table grids, in order; *folded*
    is *text* with its widths folded (`textutil.fold`, the same offsets), read to find cell streams."""
    lines: list[Line] = []
    for s, e in bounds:
        line = text[s:e]
        lines.append((s, e, line, _line_kind(line)))
    blocks: list[Block] = []
    n = len(lines)
    i = 0
    while i < n:
        start, end, line, kind = lines[i]
        if kind == "blank":
            i += 1
            continue
        if kind in ("text", "caption"):
            last = stream_end(folded, bounds, i)
            if last is not None:
                blocks.append(build_stream(text, folded, bounds[i : last + 1]))
                i = last + 1
                continue
        if kind == "caption":  # a caption opens the table that follows it, if one does
            following = _next_nonblank(lines, i + 1)
            kind = lines[following][3] if following is not None else "text"
            if kind not in ("tab", "pipe"):
                kind = "text"
        if kind == "text":
            if table_trace(line):  # a table whose cells lost every separator: not prose
                blocks.append(Grid([Row([make_cell(text, start, end)], start, end)], "run-on", start, end))
            else:
                blocks.append(TextLine(start, end))
            i += 1
            continue
        last = _region_end(lines, i, kind)
        grid = _build_grid(text, lines[i : last + 1], kind)
        if grid is None:
            blocks.extend(TextLine(s, e) for s, e, line, _ in lines[i : last + 1] if line.strip())
        else:
            blocks.append(grid)
        i = last + 1
    return blocks


def _line_kind(line: str) -> str:
    """tab, blank, pipe, caption or text. A tab-indented line holding only spaces is a tab line:
    the empty cell of a one-cell-per-line table."""
    if "\t" in line:
        return "tab"
    if not line.strip():
        return "blank"
    if line.count("|") >= 2:
        return "pipe"
    if "第二十条" in line and CAPTION.match(line):
        return "caption"
    return "text"


def _is_cell_line(line: str) -> bool:
    return line.startswith("\t") and line.count("\t") == 1


def _is_wrap(line: str) -> bool:
    stripped = line.strip()
    return len(stripped) <= _WRAP_MAX and not _SENTENCE_END.search(stripped) and not SECTION_HEADING.match(stripped)


def _region_end(lines: list[Line], first: int, kind: str) -> int:
    """Index of the last line of the table region that starts at *first*."""
    last = first
    j = first + 1
    n = len(lines)
    while j < n:
        lk = lines[j][3]
        if lk == "blank":
            j += 1
            continue
        if lk == kind:
            last = j
            j += 1
            continue
        if lk == "caption":  # the next block's caption, when that block continues the table
            following = _next_nonblank(lines, j + 1)
            if following is not None and lines[following][3] == kind:
                last = j
                j += 1
                continue
            break
        if lk == "text" and j == last + 1 and _is_wrap(lines[j][2]):
            nxt = _next_nonblank(lines, j + 1)
            # a cell wrapped under a one-cell-per-line cell, or a label wrapped between two rows
            if (kind == "tab" and _is_cell_line(lines[last][2])) or (nxt is not None and lines[nxt][3] == kind):
                last = j
                j += 1
                continue
        break
    return last


def _next_nonblank(lines: list[Line], j: int) -> int | None:
    """Index of the first line from *j* on that is not blank, if any."""
    while j < len(lines):
        if lines[j][3] != "blank":
            return j
        j += 1
    return None


def _build_grid(text: str, lines: list[Line], kind: str) -> Grid | None:
    content = [line for line in lines if line[3] != "blank"]
    if kind == "pipe":
        rows = [Row(pipe_cells(text, s, e), s, e) for s, e, line, _ in content if not _PIPE_DELIMITER_ROW.match(line)]
        form = "pipe"
    else:
        tab_lines = [line for _, _, line, lk in content if lk == "tab"]
        cellish = sum(1 for line in tab_lines if _is_cell_line(line))
        has_gaps = len(content) < len(lines)
        if has_gaps and cellish >= 0.8 * len(tab_lines):
            rows = _cell_per_line_rows(text, lines)
            form = "cells"
        else:
            rows = [Row(_tab_cells(text, s, e), s, e) for s, e, _, _ in content]
            form = "tab"
    if not rows or max(len(r.cells) for r in rows) < 2 or len(rows) < 2:
        return None  # one tab-indented paragraph is prose, not a table
    return Grid(rows, form, rows[0].start, rows[-1].end)


def make_cell(text: str, start: int, end: int) -> Cell:
    """A cell from the raw segment text[start:end], trimmed; blank cells get an empty span."""
    return _cell(text[start:end], start)


def _cell(raw: str, start: int) -> Cell:
    """A cell from *raw*, the text at *start*, trimmed (see `make_cell`)."""
    stripped = raw.strip()
    if not stripped:  # typed when asked: the binder passes most blanks by without their value
        return Cell("", start, start)
    s = start + raw.find(stripped)  # the first place *stripped* occurs is after the leading space
    e = s + len(stripped)
    if stripped.isdigit() and stripped.isascii():  # most cells: a plain count, typed right here
        return Cell(stripped, s, e, (), Value(NUMBER, plain_count(stripped), "", s, e))
    if "[" in stripped or "{" in stripped or "\\" in stripped or "HYPERLINK" in stripped:
        artifacts = tuple((s + m.start(), s + m.end()) for m in _ARTIFACT.finditer(stripped))
        return Cell(stripped, s, e, artifacts)
    return Cell(stripped, s, e)


def _cells(start: int, parts: list[str]) -> list[Cell]:
    """The cells of *parts*, the pieces of the line at *start* between one-character separators.
    The two commonest pieces, a bare count and nothing, are made here as `_cell` makes them: a
    Python call costs as much as the cell, and a table is mostly these."""
    cells: list[Cell] = []
    append = cells.append
    for part in parts:
        end = start + len(part)
        if part.isdigit() and part.isascii():
            append(Cell(part, start, end, (), Value(NUMBER, plain_count(part), "", start, end)))
        elif part:
            append(_cell(part, start))
        else:
            append(Cell("", start, start))
        start = end + 1
    return cells


def _tab_cells(text: str, start: int, end: int) -> list[Cell]:
    return _cells(start, text[start:end].split("\t"))


def pipe_cells(text: str, start: int, end: int) -> list[Cell]:
    """Cells of a ``a | b |`` row; a leading/trailing pipe does not make an empty cell."""
    line = text[start:end]
    parts = _BAR.split(line) if "\\" in line else line.split("|")  # an escaped \| is not a bar
    if len(parts) > 1:  # the blank text outside the first and last bar is no cell
        outer_end = not parts[-1].strip()
        if not parts[0].strip():
            start += len(parts[0]) + 1
            parts = parts[1:]
        if outer_end:
            parts = parts[:-1]
    return _cells(start, parts)


def _cell_per_line_rows(text: str, lines: list[Line]) -> list[Row]:
    rows: list[Row] = []
    cells: list[Cell] = []
    e_prev = 0
    for s, e, line, kind in lines:
        if kind == "blank":
            if cells:
                rows.append(Row(cells, cells[0].start, e_prev))
                cells = []
            continue
        e_prev = e
        if "\t" not in line and CAPTION.match(line):  # a block caption is a row of its own
            if cells:
                rows.append(Row(cells, cells[0].start, e_prev))
            rows.append(Row([make_cell(text, s, e)], s, e))
            cells = []
            e_prev = e
            continue
        if "\t" not in line:
            if cells:  # continuation of the previous cell's text; the cell spans both lines
                prev = cells[-1]
                piece = make_cell(text, s, e)
                start = prev.start if prev.text else piece.start
                cells[-1] = Cell(text[start : piece.end], start, piece.end, prev.artifacts + piece.artifacts)
            else:
                cells.append(make_cell(text, s, e))
            continue
        cells.extend(_tab_cells(text, s + 1 if line.startswith("\t") else s, e))  # not the indent's empty cell
    if cells:
        rows.append(Row(cells, cells[0].start, e_prev))
    return rows
