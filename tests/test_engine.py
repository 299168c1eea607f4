from __future__ import annotations

import codecs
from types import SimpleNamespace

from nianbao.engine import Linter, Selection
from nianbao.hookspec import hookimpl
from nianbao.plugins import build_registry
from nianbao.ruledef import ERROR, SAFE, Edit, Finding, Fix, rule
from nianbao.testing.drafts import clean

from .conftest import codes, lint

BROKEN = clean().replace("1.属于国家秘密", "1.属于国家机密")


@rule("ZZ101", "always-raises", ERROR, "raises")
def _raises(report):  # type: ignore[no-untyped-def]
    """Raises on purpose."""
    raise ZeroDivisionError("division by zero")


@rule("ZZ102", "finds-title", ERROR, "one finding on the title")
def _finds(report):  # type: ignore[no-untyped-def]
    """Reports the title."""
    yield Finding(report.title.start, report.title.end, "标题")


RAISING = SimpleNamespace(__name__="zz_plugin", nianbao_rules=hookimpl(lambda: [_raises, _finds]))


def test_a_raising_rule_becomes_nb001_and_the_others_still_run() -> None:
    registry = build_registry(entry_points=False, extra=[("ZZ", RAISING)])
    found = Linter(registry).check_bytes(BROKEN.encode(), "draft.txt", Selection()).findings
    internal = [f for f in found if f.code == "NB001"]
    assert len(internal) == 1
    assert "ZZ101" in internal[0].message and "always-raises" in internal[0].message
    assert "ZeroDivisionError" in internal[0].message
    assert {"NB502", "ZZ102"} <= {f.code for f in found}
    baseline = [f.code for f in lint(BROKEN).findings]
    assert [f.code for f in found if not f.code.startswith(("ZZ", "NB001"))] == baseline


@rule("ZZ201", "exits", ERROR, "calls sys.exit")
def _exits(report):  # type: ignore[no-untyped-def]
    """Exits on purpose."""
    raise SystemExit(3)


@rule("ZZ202", "yields-junk", ERROR, "yields something that is not a finding")
def _junk(report):  # type: ignore[no-untyped-def]
    """Yields a string, then a finding outside the text, then a finding whose fix edits backwards."""
    yield "标题错了"
    yield Finding(0, len(report.text) + 5, "越界")
    yield Finding(0, 1, "修复无效", fix=Fix("反向编辑", (Edit(5, 2, "x"),), SAFE))


MISBEHAVING = SimpleNamespace(__name__="zz_bad", nianbao_rules=hookimpl(lambda: [_exits, _junk, _finds]))


def test_misbehaving_rules_become_nb001_and_nothing_else_is_lost() -> None:
    registry = build_registry(entry_points=False, extra=[("ZZ", MISBEHAVING)])
    found = Linter(registry).check_bytes(BROKEN.encode(), "draft.txt", Selection()).findings
    internal = sorted(f.message for f in found if f.code == "NB001")
    assert len(internal) == 4, internal
    assert any("ZZ201" in m and "SystemExit" in m for m in internal)
    assert any("ZZ202" in m and "不是 Finding" in m and "str" in m for m in internal)
    assert any("ZZ202" in m and "超出了文本范围" in m for m in internal)
    assert any("ZZ202" in m and "已丢弃该修复" in m for m in internal)
    # the finding whose fix was invalid is kept, without the fix; the others still ran
    kept = [f for f in found if f.code == "ZZ202"]
    assert [(f.message, f.fix) for f in kept] == [("修复无效", None)]
    assert {"NB502", "ZZ102"} <= {f.code for f in found}


def test_unreadable_inputs_are_nb002() -> None:
    linter = Linter(build_registry(entry_points=False))
    for data, why in (
        (b"", "文件为空"),
        (b"  \n\n", "文件为空"),
        (b"\x00\x01bin\x00", "二进制"),
        (b"\xff\xfe\x00\xd8", "无法解码"),
    ):
        result = linter.check_bytes(data, "x.txt", Selection())
        assert [f.code for f in result.findings] == ["NB002"], data
        assert why in result.findings[0].message


def test_gb18030_and_bom_drafts_are_linted_like_utf8() -> None:
    linter = Linter(build_registry(entry_points=False))
    expected = codes(BROKEN)
    for data in (
        BROKEN.encode("gb18030"),
        codecs.BOM_UTF8 + BROKEN.encode(),
        codecs.BOM_UTF16_LE + BROKEN.encode("utf-16-le"),
        BROKEN.replace("\n", "\r\n").encode(),
    ):
        result = linter.check_bytes(data, "x.txt", Selection())
        assert [f.code for f in result.findings] == expected


def test_selection_prefers_the_more_specific_selector() -> None:
    sel = Selection(select=["NB2"], ignore=["NB203"])
    assert sel.enabled("NB202") and not sel.enabled("NB203") and not sel.enabled("NB101")
    sel = Selection(select=["NB203"], ignore=["NB2"])
    assert sel.enabled("NB203") and not sel.enabled("NB202")
    assert Selection(select=["ALL"], ignore=[]).enabled("SD101")


def test_severity_override() -> None:
    found = lint(BROKEN, severity={"NB502": "error"}).findings
    assert [f.severity for f in found if f.code == "NB502"] == ["error"]


def test_a_checked_report_is_freed_without_the_cyclic_gc() -> None:
    # Batch runs allocate a model per draft; a reference cycle in it would leave every table and
    # cell to the cyclic collector, which cost ~15 % of lint time when it was there.
    import gc

    from nianbao.testing.drafts import FORMS, SUFFIX, Draft, render

    linter = Linter(build_registry(entry_points=False))
    texts = [(render(Draft(), form), "d" + SUFFIX[form]) for form in FORMS]
    for text, name in texts:  # first imports leave garbage of their own (slots dataclasses)
        linter.check_bytes(text.encode(), name, Selection())
    gc.collect()
    gc.disable()
    try:
        for text, name in texts:
            result = linter.check_bytes(text.encode(), name, Selection())
            assert result.report is not None and result.report.facts.report_year
            del result
        assert gc.collect() == 0
    finally:
        gc.enable()
