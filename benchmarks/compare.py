"""A corpus to hold a performance change to the same findings: drafts with defects, damaged tables,
every copied form of `nianbao.testing.forms`, and series of years for the cross-year rules.

A speed-up must not change a single finding. Write the corpus once, run both trees over it, and
compare their output byte for byte:

    python -m benchmarks compare --out /tmp/cmp
    before/.venv/bin/nianbao check /tmp/cmp --no-cache --format json > before.json
    after/.venv/bin/nianbao check /tmp/cmp --no-cache --format json > after.json
    cmp before.json after.json

The same seed always writes the same files. All text is generated (`nianbao.testing.drafts`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from nianbao.testing import forms
from nianbao.testing.drafts import Draft, first_of_series, random_draft, render, series

from .corpus import corpus

# What a copy does to a table number: a blank, a dash or slash, a sign, a decimal, a unit, a
# Chinese numeral, another number.
DAMAGES = ("", "/", "-", "+3", "2.5", "3件", "三", "17")
_SERIES_PLACE = "甲乙丙丁戊己庚辛壬癸子丑"
_NUMBER_CELL = re.compile(r"(?<=\t)\d+(?=\t|\n)")

# Copied forms (see nianbao.testing.forms), each made from a draft's tidy rendering.
COPIES: dict[str, tuple[Callable[[Draft], str], str]] = {
    "caption-lines": (lambda d: forms.caption_lines(render(d, "tab")), ".txt"),
    "wrapped-title": (lambda d: forms.wrapped_title(render(d, "tab")), ".txt"),
    "pdf-cells": (lambda d: forms.pdf_cells(render(d, "tab")), ".txt"),
    "pdf-rows": (lambda d: forms.pdf_rows(render(d, "tab")), ".txt"),
    "glued-rows": (lambda d: forms.glued_rows(render(d, "tab")), ".txt"),
    "one-paragraph": (lambda d: forms.one_paragraph(render(d, "tab")), ".txt"),
    "markdown-split": (lambda d: forms.split_markdown(render(d, "markdown"), "（三）不予公开"), ".md"),
    "middle-group-labels": (lambda d: forms.middle_group_labels(render(d, "tab")), ".txt"),
    "table2-lines-then-pipe": (lambda d: forms.table2_lines_then_pipe(render(d, "markdown")), ".md"),
    "overview-subtopics": (lambda d: forms.overview_subtopics(render(d, "tab")), ".txt"),
}


def damaged(text: str, rng: random.Random) -> str:
    """*text* with one of its tab-separated table numbers replaced by one of `DAMAGES`."""
    cells = list(_NUMBER_CELL.finditer(text))
    if not cells:
        return text
    cell = rng.choice(cells)
    return text[: cell.start()] + rng.choice(DAMAGES) + text[cell.end() :]


def files(drafts: int = 1500, seed: int = 0) -> Iterator[tuple[str, str]]:
    """(relative path, text) of every file of the comparison corpus: *drafts* generated drafts
    (six in ten with a defect), a fifth as many with a damaged table, each copied form of a few
    random drafts, and series of three to five years in folders of their own."""
    for s in corpus(drafts, seed, defect_rate=0.6):
        yield f"drafts/{s.name}", s.text
    rng = random.Random(seed)
    for i in range(drafts // 5):
        draft = random_draft(seed * 7919 + i, rng.randint(2019, 2024), scale=rng.choice((3, 9, 30)))
        yield f"damaged/{i:05d}.txt", damaged(render(draft, "tab"), rng)
    for name, (copy, suffix) in COPIES.items():
        for i in range(12):
            draft = random_draft(seed * 104729 + i, rng.randint(2019, 2024), scale=rng.choice((3, 9, 30)))
            yield f"forms/{name}-{i:02d}{suffix}", copy(draft)
    # Places of their own (no generated draft uses these characters), so each series is paired
    # within itself and a correct series gives no finding.
    places = [a + b for a in _SERIES_PLACE for b in _SERIES_PLACE if a != b]
    for i in range(min(drafts // 20, len(places))):
        name = places[i] + "乡"
        first = first_of_series(rng.randint(2019, 2021), f"青禾县{name}人民政府", name, seed=seed * 31 + i)
        for draft in series(first, rng.randint(3, 5), seed=seed * 37 + i):
            yield f"years/{i:04d}/{name}{draft.year}年度报告.txt", render(draft, "tab")


def write(directory: Path, drafts: int = 1500, seed: int = 0) -> int:
    """Write `files` under *directory*; the number of files written."""
    count = 0
    for relative, text in files(drafts, seed):
        path = directory / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        count += 1
    return count
