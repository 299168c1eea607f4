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

from ..lazyre import lazy
from ..template import DEFAULT_TEMPLATES, REPORT_TITLE_ENDINGS, TABLE_TRACES, alternation
from .patterns import T3_TOP_LABEL, TITLE_YEAR
from .sections import identify_section

_LONG = 400  # a line this long holding several section headings is a run-on report
_MAX_LINES = 5  # "almost no line breaks"
_MIN_HEADINGS = 3
# A section heading in running text: its numeral, then (within a short title) the words that name
# that section — ending at the word titles end with. Misspelt or variant titles (行政法复议,
# 整改措施) still carry their section's words.
_NUMERAL = lazy(r"([一二三四五六七八九十])\s*[、.．]")
_TITLE_END = lazy(r"情况|事项|措施|概况|概述")
_TITLE_MAX = 30
# Inside a heading's title there is no other numbered heading and no digit: 四、结转下年度继续办理00
# 四、政府信息公开行政复议… is a table row run into the heading after it.
_NOT_A_TITLE = lazy(r"[一二三四五六七八九十]\s*[、.．]|[0-9]")
_ENDING = lazy(alternation(REPORT_TITLE_ENDINGS))
_TITLE_START = lazy(r"[\s　：:>›»|｜]")
_TITLE_CHARS = 40  # the longest agency name and year before a title's ending
_SENTENCE_END = lazy(r"[。！？]")
_TRACE = {kind: tuple(traces) for kind, traces in TABLE_TRACES.items()}
# Any trace at all: most lines hold none, and one search tells.
_ANY_TRACE = re.compile(alternation({t for traces in _TRACE.values() for t in traces}))


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
        headings, parts = _headings(text, start, end) if end - start > _LONG else ([], 0)
        if parts < _MIN_HEADINGS:
            out.append((start, end))
            continue
        cuts = {start, end}
        title = _title(text, start, min(end, start + 200))
        if title is not None:  # the title alone on its line: after the page's chrome, before the text
            cuts.update(title)
        for a, b in headings:
            cuts.update((a, b))
        cuts.update(m.end() for m in _SENTENCE_END.finditer(text, start, end))
        edges = sorted(cuts)
        out.extend((a, b) for a, b in zip(edges, edges[1:]) if text[a:b].strip())
    return out


def _title(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the report's title stands among the first characters of a run-on line: the first
    title ending (…政府信息公开工作年度报告, …年报) whose words since the last separator name the year
    (a breadcrumb's 政府信息公开年报 does not); else the first ending."""
    found: list[tuple[int, int]] = []
    for m in _ENDING.finditer(text, start, end):
        before = text[max(start, m.start() - _TITLE_CHARS) : m.start()]
        separators = list(_TITLE_START.finditer(before))
        first = m.start() - len(before) + (separators[-1].end() if separators else 0)
        if TITLE_YEAR.search(text, first, m.start()):
            return first, m.end()
        found.append((first, m.end()))
    return found[0] if found else None


def _headings(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int]:
    """Spans of the section headings inside a run-on line, and how many parts of the template they
    name. A heading is found by its title's words (the numbers may restart or be wrong: NB102 says
    so). Every one is cut out, as it would stand on its own line in the same report copied with its
    line breaks: an overview's sub-topics that name a part's words (三、主动公开工作情况) as well as the
    parts' own headings after them, which the outline then tells apart as it does in any draft."""
    out: list[tuple[int, int]] = []
    parts: set[int] = set()
    for m in _NUMERAL.finditer(text, start, end):
        stop = _TITLE_END.search(text, m.end(), min(end, m.end() + _TITLE_MAX))
        if stop is None:
            continue
        title = text[m.end() : stop.end()]
        if _NOT_A_TITLE.search(title) or T3_TOP_LABEL.search(title):
            continue
        spec, _ = identify_section(title, DEFAULT_TEMPLATES)
        if spec is not None:
            out.append((m.start(), stop.end()))
            parts.add(spec.number)
    return out, len(parts)


def table_trace(line: str) -> str | None:
    """The table kind whose header labels run together in *line*, if any (see `TABLE_TRACES`)."""
    squeezed = "".join(line.split())
    if _ANY_TRACE.search(squeezed) is None:  # most lines: one search, not one test per trace
        return None
    for kind, traces in _TRACE.items():
        if any(t in squeezed for t in traces):
            return kind
    return None
