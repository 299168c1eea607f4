"""Applying fixes to a draft without touching anything outside their edits.

Edits are applied to the decoded text and, in step, spliced into the original bytes, so bytes
outside every edit (encoding quirks, BOM, CRLF, stray control characters) stay exactly as they were.
"""

from __future__ import annotations

from collections.abc import Iterable

from .ruledef import Edit, Fix
from .source import Source


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
    """Apply the non-overlapping subset of *fixes*; return the new source and how many applied."""
    chosen = select_fixes(fixes)
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
