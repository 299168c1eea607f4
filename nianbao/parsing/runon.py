"""Drafts whose whole text is one paragraph: a web page copied as plain text.

Everything — title, section headings, sub-items, sentences and tables — sits on one or two very
long lines. To read them like any other draft, such a line is cut into virtual lines (the text is
untouched; only the line bounds the segmenter sees change): after the report title, around each
section heading of the template (``一、总体情况`` followed directly by its text), and after every
sentence. Tables in such a draft have lost every separator between their cells; their text is
recognised (two header labels run together, `TABLE_TRACES`) and becomes a table that cannot be
read, said once, instead of prose or a missing table.
"""

from __future__ import annotations

import re

from ..template import REPORT_TITLE_ENDINGS, SECTIONS, TABLE_TRACES, alternation

_LONG = 400  # a line this long holding several section headings is a run-on report
_MAX_LINES = 5  # "almost no line breaks"
_MIN_HEADINGS = 3
# A section heading in running text: its numeral, then (within a short title) the words that name
# that section — ending at the word titles end with. Misspelt or variant titles (行政法复议,
# 整改措施) still carry their section's words.
_NUMERAL = re.compile(r"([一二三四五六])\s*[、.．]")
_TITLE_END = re.compile(r"情况|事项|措施|概况|概述")
_TITLE_MAX = 30
_KEYWORDS = {s.numeral: s.keywords for s in SECTIONS}
_TITLE = re.compile(rf"(?P<year>[12][0-9]{{3}})\s*年度?\s*(?:{alternation(REPORT_TITLE_ENDINGS)})")
_TITLE_START = re.compile(r"[\s　：:>›»|｜]")
_AGENCY_MAX = 30  # characters of agency name before the title's year
_SENTENCE_END = re.compile(r"[。！？]")
_TRACE = {kind: tuple(traces) for kind, traces in TABLE_TRACES.items()}


def split_run_on(text: str, bounds: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """*bounds* with each run-on line cut into virtual lines (unchanged for ordinary drafts)."""
    lines = []
    for s, e in bounds:
        if text[s:e].strip():
            lines.append((s, e))
            if len(lines) > _MAX_LINES:  # an ordinary draft: known after its first few lines
                return bounds
    if not any(e - s > _LONG for s, e in lines):
        return bounds
    out: list[tuple[int, int]] = []
    for start, end in bounds:
        headings = _headings(text, start, end) if end - start > _LONG else []
        if len(headings) < _MIN_HEADINGS:
            out.append((start, end))
            continue
        cuts = {start, end}
        title = _TITLE.search(text, start, min(end, start + 200))
        if title is not None:  # the title alone on its line: after the page's chrome, before the text
            before = text[max(start, title.start() - _AGENCY_MAX) : title.start()]
            separators = list(_TITLE_START.finditer(before))
            cuts.update((title.start() - len(before) + (separators[-1].end() if separators else 0), title.end()))
        for a, b in headings:
            cuts.update((a, b))
        cuts.update(m.end() for m in _SENTENCE_END.finditer(text, start, end))
        edges = sorted(cuts)
        out.extend((a, b) for a, b in zip(edges, edges[1:]) if text[a:b].strip())
    return out


def _headings(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the section headings inside a run-on line, in order of their numbers."""
    out: list[tuple[int, int]] = []
    last = 0
    for m in _NUMERAL.finditer(text, start, end):
        number = "一二三四五六".index(m.group(1)) + 1
        stop = _TITLE_END.search(text, m.end(), min(end, m.end() + _TITLE_MAX))
        if number <= last or stop is None:
            continue
        title = text[m.end() : stop.end()]
        if any(all(word in title for word in words) for words in _KEYWORDS[m.group(1)]):
            out.append((m.start(), stop.end()))
            last = number
    return out


def table_trace(line: str) -> str | None:
    """The table kind whose header labels run together in *line*, if any (see `TABLE_TRACES`)."""
    squeezed = "".join(line.split())
    for kind, traces in _TRACE.items():
        if any(t in squeezed for t in traces):
            return kind
    return None
