"""Fixes converge: no fix edits inside a comment, a fix that changes nothing is no fix, identical
fixes count once, and fixing reaches a fixpoint in at most two passes on generated drafts."""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from benchmarks.corpus import corpus
from nianbao.engine import Linter, Selection
from nianbao.fixes import apply_fixes
from nianbao.hookspec import hookimpl
from nianbao.plugins import build_registry
from nianbao.ruledef import ERROR, SAFE, Edit, Finding, Fix, rule
from nianbao.source import Source
from nianbao.testing import fix, lint
from nianbao.testing.drafts import clean

LINTER = Linter(build_registry(entry_points=False))


@pytest.mark.parametrize("form", ["markdown", "tab"])
def test_missing_sections_are_not_inserted_into_an_unclosed_comment(form: str) -> None:
    text = clean(form)
    cut = text.rfind("\n", 0, text.index("三、收到"))
    draft = text[:cut] + "\n<!-- 草稿备注：以下内容待定\n" + text[cut:]
    once = fix(draft, unsafe=True)
    assert once == draft  # nothing can be fixed from outside the comment
    assert any(f.code == "NB101" for f in lint(draft)) or form == "tab"


@rule("ZC101", "comment-fixer", ERROR, "proposes fixes in and around comments")
def _comment_fixer(report):  # type: ignore[no-untyped-def]
    """Proposes one fix inside a closed comment, one appending to the text, one right after it."""
    text = report.text
    start = text.index("<!--")
    end = text.index("-->") + 3
    yield Finding(start, end, "里面", fix=Fix("改注释", (Edit(start + 4, start + 5, "X"),), SAFE))
    if text[end] != "Y":  # idempotent, as every fix must be
        yield Finding(end, end, "后面", fix=Fix("在注释后插入", (Edit(end, end, "Y"),), SAFE))
    yield Finding(0, 1, "不变", fix=Fix("原样", (Edit(0, 1, text[0]),), SAFE))


COMMENTS = SimpleNamespace(__name__="zc", PREFIX="ZC", nianbao_rules=hookimpl(lambda: [_comment_fixer]))


def test_fixes_inside_comments_and_fixes_that_change_nothing_are_dropped() -> None:
    draft = clean() + "<!-- 备注 -->尾\n"
    found = {f.message: f for f in lint(draft, plugins=[COMMENTS], select=["ZC"])}
    assert set(found) == {"里面", "后面", "不变"}
    assert found["里面"].fix is None and found["不变"].fix is None  # the findings stay, without fixes
    assert found["后面"].fix is not None
    assert fix(draft, plugins=[COMMENTS], select=["ZC"]).endswith("<!-- 备注 -->Y尾\n")


def test_only_fixes_that_change_the_text_are_counted_and_shared_fixes_once() -> None:
    source = Source.from_text("青禾县云溪镇\n")
    shared = Fix("改名", (Edit(3, 5, "石桥"),), SAFE)
    same = Fix("原样", (Edit(0, 3, "青禾县"),), SAFE)
    fixed, applied = apply_fixes(source, [shared, shared, Fix("改名", (Edit(3, 5, "石桥"),), SAFE), same])
    assert fixed.text == "青禾县石桥镇\n" and applied == 1


def _mutate(text: str, rng: random.Random) -> str:
    """One random edit of the kinds real drafts suffer: a lost or repeated line, a wrong year or
    number, an unclosed comment, a neighbour's name, another agency kind, a flattened table row."""
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    op = rng.randrange(9)
    if op == 0:
        del lines[i]
    elif op == 1:
        lines.insert(i, "<!-- 备注")
    elif op == 2:
        lines[i] = lines[i].replace("2023", "2022")
    elif op == 3:
        lines[i] = "".join(str(rng.randrange(10)) if ch.isdigit() else ch for ch in lines[i])
    elif op == 4:
        lines.insert(i, lines[rng.randrange(len(lines))])
    elif op == 5:
        lines[i] += "本镇与石桥镇人民政府联合开展培训。"
    elif op == 6:
        lines[i] = lines[i].replace("人民政府", "街道办事处").replace("镇", "街道")
    elif op == 7:
        lines[i] = lines[i].replace("\t", "  ")
    else:
        lines[i] += "我县"
    return "\n".join(lines)


def test_fix_with_unsafe_fixes_reaches_a_fixpoint_in_two_passes_on_generated_drafts() -> None:
    selection = Selection(rule_timeout=None)
    for k, sample in enumerate(corpus(150, seed=11, defect_rate=1.0)):
        rng = random.Random(k)
        text = sample.text
        for _ in range(rng.randint(1, 3)):
            text = _mutate(text, rng)
        fixed = LINTER.fix(Source.from_text(text), sample.name, selection, unsafe=True, max_passes=2)
        assert fixed.source is not None
        again = LINTER.fix(fixed.source, sample.name, selection, unsafe=True)
        assert again.fixed == 0, (sample.name, [f.code for f in again.findings if f.fix])
