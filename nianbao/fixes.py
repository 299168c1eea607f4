"""Applying fixes to a draft without touching anything outside their edits.

Edits are applied to the decoded text and, in step, spliced into the original bytes, so bytes
outside every edit (encoding quirks, BOM, CRLF, stray control characters) stay exactly as they were.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence

from .ruledef import Edit, Fix
from .source import Source

# An HTML comment, or an unclosed ``<!--`` that runs to the end (Markdown hides both when rendered)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


def comment_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of every HTML comment in *text*, in order. An unclosed ``<!--``
    runs past the end of the text (end = ``len(text) + 1``): text appended to it lands inside."""
    if "<!--" not in text:
        return []
    size = len(text)
    return [(m.start(), m.end() if m.group().endswith("-->") else size + 1) for m in _COMMENT.finditer(text)]


def edits_comment(fix: Fix, comments: Sequence[tuple[int, int]]) -> bool:
    """Whether *fix* changes text inside one of *comments* (`comment_spans`). Nothing a rule fixes
    lives there: such a fix aims at text the parser could not see, and would never converge (a
    missing section inserted into an unclosed comment stays missing, and is inserted again)."""
    if not comments:
        return False
    starts = [start for start, _ in comments]
    for edit in fix.edits:
        # The comments are disjoint: the last one that starts before the edit ends (strictly
        # before an insertion point) is the only one that can overlap it.
        i = bisect_left(starts, edit.end)
        if i and comments[i - 1][1] > edit.start:
            return True
    return False


def changes_text(fix: Fix, source: Source) -> bool:
    """Whether applying *fix* to *source* would change it (a fix may rewrite text as it is)."""
    newline = source.newline
    text = source.text
    return any(text[e.start : e.end] != e.new_text.replace("\n", newline) for e in fix.edits)


def select_fixes(fixes: Iterable[Fix]) -> list[Fix]:
    """Fixes whose edits overlap none of an earlier fix's edits, in the order given."""
    taken: list[tuple[int, int]] = []
    chosen = []
    for fix in fixes:
        spans = [(e.start, e.end) for e in fix.edits]
        if any(_overlaps(a, b) for a in spans for b in taken):
            continue
        taken.extend(spans)
        chosen.append(fix)
    return chosen


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a == b:
        return True  # two insertions at one point would interleave unpredictably
    return a[0] < b[1] and b[0] < a[1]


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    out = text
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        out = out[: edit.start] + edit.new_text + out[edit.end :]
    return out


def apply_fixes(source: Source, fixes: Iterable[Fix]) -> tuple[Source, int]:
    """Apply the non-overlapping subset of *fixes*; return the new source and how many of them
    changed the text (a fix shared by several findings counts once; one that rewrites text as it
    is does not count, so `--fix` stops and reports only real changes)."""
    chosen = [fix for fix in select_fixes(fixes) if changes_text(fix, source)]
    edits = sorted((e for f in chosen for e in f.edits), key=lambda e: (e.start, e.end), reverse=True)
    newline = source.newline
    text = source.text
    body = source.raw[len(source.bom) :] if source.raw is not None else None
    for edit in edits:
        new_text = edit.new_text.replace("\n", newline) if newline != "\n" else edit.new_text
        if body is not None:
            b_start, b_end = source.byte_offset(edit.start), source.byte_offset(edit.end)
            body = body[:b_start] + new_text.encode(source.encoding) + body[b_end:]
        text = text[: edit.start] + new_text + text[edit.end :]
    raw = source.bom + body if body is not None else None
    return Source(text, source.encoding, source.bom, raw), len(chosen)
