"""The server's incremental Markdown re-parse must give exactly the tree a fresh parse gives."""

from __future__ import annotations

import random

import pytest

from nianbao.engine import Linter, Selection
from nianbao.parsing.markdown import IncrementalParser, parse_tree
from nianbao.plugins import build_registry
from nianbao.source import Source
from nianbao.testing.drafts import Draft, render

BASE = render(Draft(), "markdown")
# Edits that change structure, not just words: headings, tables, code fences, comments, CRs.
PIECES = [
    "字",
    "\n",
    "\n\n",
    "# ",
    "## 六、其他\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "```\n",
    "<!-- ",
    " -->",
    "\r",
    "\r\n",
    "|",
    "一、",
    "𠮷",
    "",
]


def _edits(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    text, out = BASE, []
    for _ in range(count):
        at = rng.randrange(len(text) + 1)
        cut = rng.choice([0, 0, 1, 3, 40])
        text = text[:at] + rng.choice(PIECES) + text[at + cut :]
        out.append(text)
    return out


@pytest.mark.parametrize("seed", range(6))
def test_incremental_trees_equal_fresh_parses(seed: int) -> None:
    parser = IncrementalParser()
    parser.tree(BASE)
    for text in _edits(seed, 40):
        assert str(parser.tree(text).root_node) == str(parse_tree(text).root_node)


def test_findings_are_the_same_with_and_without_the_previous_tree() -> None:
    linter = Linter(build_registry(entry_points=False))
    parser = IncrementalParser()
    broken = BASE.replace("1.属于国家秘密", "1.属于国家机密")
    for text in [BASE, broken, *_edits(99, 15)]:
        fresh = linter.check(Source.from_text(text), "d.md", Selection()).findings
        reused = linter.check(Source.from_text(text), "d.md", Selection(), markdown=parser).findings
        assert [(f.code, f.start, f.end, f.message) for f in reused] == [
            (f.code, f.start, f.end, f.message) for f in fresh
        ]
    assert any(
        f.code == "NB502" for f in linter.check(Source.from_text(broken), "d.md", Selection(), markdown=parser).findings
    )
