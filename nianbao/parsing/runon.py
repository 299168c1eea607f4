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
from functools import cache

from ..template import REPORT_TITLE_SUFFIX, SECTIONS, TABLE_TRACES, alternation

_LONG = 400  # a line this long holding several section headings is a run-on report
_MAX_LINES = 5  # "almost no line breaks"
_MIN_HEADINGS = 3
_TITLES = alternation({t for s in SECTIONS for t in (s.standard, *s.variants, *s.obsolete)})
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
        headings = list(_heading().finditer(text, start, end)) if end - start > _LONG else []
        if len(headings) < _MIN_HEADINGS:
            out.append((start, end))
            continue
        cuts = {start, end}
        title = text.find(REPORT_TITLE_SUFFIX, start, min(end, start + 100))
        if title >= 0:
            cuts.add(title + len(REPORT_TITLE_SUFFIX))
        for m in headings:
            cuts.update((m.start(), m.end()))
        cuts.update(m.end() for m in _SENTENCE_END.finditer(text, start, end))
        edges = sorted(cuts)
        out.extend((a, b) for a, b in zip(edges, edges[1:]) if text[a:b].strip())
    return out


@cache
def _heading() -> re.Pattern[str]:
    """A section heading of the template; compiled on first use (only run-on drafts need it)."""
    return re.compile(rf"[一二三四五六]\s*[、.．]\s*(?:{_TITLES})")


def table_trace(line: str) -> str | None:
    """The table kind whose header labels run together in *line*, if any (see `TABLE_TRACES`)."""
    squeezed = "".join(line.split())
    for kind, traces in _TRACE.items():
        if any(t in squeezed for t in traces):
            return kind
    return None
