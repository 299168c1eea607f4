"""Tables whose cells arrive one per line with no separators at all.

Two forms real drafts come in when a table was copied out of a PDF or a web page as plain text:

- **a stream of cells**: every label and every number on a line of its own, in reading order
  (``一、本年新收政府信息公开申请数量`` / ``26`` / ``8`` / …), no tabs, no blank lines;
- **rows on a line**: each row on one line, its numbers after its label either run together
  (``…申请数量458004259``, the separators lost) or apart (``行政许可 10 2 12``).

A stream starts at a short line that names a table (its caption, the 勾稽关系 corner, the first
row label, 行政复议 …) and runs over cell-like lines — short, without sentence punctuation, not a
section heading (table 3's 一、本年新收 and 四、结转下年度 look like one and are not) — up to the
last number, or to a row with separators; it is a table when it holds at least five numbers, table
2's block captions counted with them (four small blocks hold only four numbers, and a
第二十条第（X）项 line is never prose). Each label line starts a row; the number lines after it are
that row's cells (a line may hold several, apart); a row on a line becomes its label and its numbers, a glued one its label and one
cell holding the digits, which the binder splits when the count of digits equals the number of
columns and otherwise reports as unreadable (a table that is there but cannot be read).
"""

from __future__ import annotations

import re

from ..lazyre import lazy
from ..model import Cell, Grid, Row
from ..template import NOT_APPLICABLE, alternation
from .patterns import CAPTION, SECTION_HEADING, T3_TOP_LABEL, TABLE_START

_VALUE = r"[+\-−]?\d[\d,]*(?:\.\d+)?(?:万元|元)?"
# A row on one line: its label, then its numbers run together (…申请数量458004259) or apart, as PDF
# text gives a row (行政许可 10 2 12). The label must not end in a digit, a sign or an ordinal's dot
# (1.属于…).
_ROW = lazy(rf"(?P<label>.*[^\d\s.,、．+\-−])\s*(?P<values>{_VALUE}(?:\s+{_VALUE})*)")
# A line of numbers only: one value or an n/a marker, or values apart (table 4's one row).
_NUMBERS = lazy(rf"{_VALUE}(?:\s+{_VALUE})*|{alternation(NOT_APPLICABLE)}")
_TOKEN = re.compile(r"\S+")
_SENTENCE = re.compile(r"[。；;！!？?]")
_CELL_MAX = 60  # the longest template label (2.申请人逾期未按收费通知…) is 38 characters
# Fewer numbers (and table-2 captions) than this is prose that happens to be short, not a table.
_MIN_EVIDENCE = 5


def stream_end(folded: str, bounds: list[tuple[int, int]], first: int) -> int | None:
    """Index of the last line of a cell stream starting at line *first*, or None when none starts;
    *folded* is the text with its widths folded (`textutil.fold`), which is all the tests read."""
    line = folded[bounds[first][0] : bounds[first][1]].strip()
    if len(line) > _CELL_MAX and "第二十条" not in line:
        return None  # prose: neither a caption nor a cell, see `_is_cell`
    if not (CAPTION.match(line) or (_is_cell(line) and TABLE_START.search(line.replace(" ", "")))):
        return None
    evidence = 1 if CAPTION.match(line) else 0
    last = None
    for j in range(first + 1, len(bounds)):
        raw = folded[bounds[j][0] : bounds[j][1]]
        content = raw.strip()
        if not content:
            continue
        if "\t" in raw or content.count("|") >= 2:
            break  # a row with separators: a table of another form starts here
        if _NUMBERS.fullmatch(content):
            # a long run of digits is a whole row of numbers that ran together
            evidence += _MIN_EVIDENCE if len(content) >= _MIN_EVIDENCE and content.isdigit() else len(content.split())
            last = j
        elif _is_cell(content):
            if _ROW.fullmatch(content):
                evidence += 1
                last = j
            elif CAPTION.match(content):
                evidence += 1  # another block of table 2: nothing but a table has these lines
        else:
            break
    return last if last is not None and evidence >= _MIN_EVIDENCE else None


def _is_cell(content: str) -> bool:
    """A line that can be one cell (or one glued row) of a table, not prose or a section heading."""
    if len(content) > _CELL_MAX or _SENTENCE.search(content):
        return False
    return not (SECTION_HEADING.match(content) and not T3_TOP_LABEL.search(content))


def build_stream(text: str, folded: str, lines: list[tuple[int, int]]) -> Grid:
    """The rows of a cell stream: each label line starts a row, the number lines after it are its
    cells. The cells hold *text*; *folded* (the same, widths folded) is what the patterns read."""
    rows: list[list[Cell]] = []
    for start, end in lines:
        raw = text[start:end]
        content = folded[start:end].strip()
        if not content:
            continue
        lead = len(raw) - len(raw.lstrip())
        s, e = start + lead, start + lead + len(raw.strip())
        if _NUMBERS.fullmatch(content):
            if not rows:
                rows.append([])
            rows[-1] += [Cell(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, s, e)]
            continue
        row = _ROW.fullmatch(content) if not CAPTION.match(content) else None
        if row:
            cut = s + row.start("values")
            label_end = s + len(text[s:cut].rstrip())
            values = [Cell(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, cut, e)]
            rows.append([Cell(text[s:label_end], s, label_end), *values])
        else:
            rows.append([Cell(text[s:e], s, e)])
    out = [Row(cells, cells[0].start, cells[-1].end) for cells in rows if cells]
    return Grid(out, "lines", out[0].start, out[-1].end)


def is_glued(value: Cell) -> bool:
    """Whether a stream row's only value cell is several numbers run together (its digits)."""
    return value.text.isdigit() and len(value.text) > 1
