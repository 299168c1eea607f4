"""The runner of rule case files (`nianbao.testing.cases`) fails, naming the case and what
differed, whenever a rule does not do what its cases say — and only then."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from nianbao.hookspec import hookimpl
from nianbao.ruledef import SAFE, WARNING, Edit, Finding, Fix, Fixable, rule
from nianbao.testing import CaseFileError, check_case, check_case_file, load_cases

SECRET = re.compile("机密")


def _each(report, message: str, new: str, before: bool = False):  # type: ignore[no-untyped-def]
    """A finding on each 机密 whose fix writes *new* in its place (or *before* it)."""
    for m in SECRET.finditer(report.text):
        edit = Edit(m.start(), m.start(), new) if before else Edit(m.start(), m.end(), new)
        yield Finding(m.start(), m.end(), message, fix=Fix(f"改为“{new}”", (edit,), SAFE))


@rule("ZC101", "secret", WARNING, "机密 → 秘密", fixable=Fixable.ALWAYS)
def _secret(report):  # type: ignore[no-untyped-def]
    """A correct rule: reports 机密, fixes it to 秘密."""
    yield from _each(report, "“机密”应为“秘密”", "秘密")


@rule("ZC102", "fix-keeps-it", WARNING, "its fix leaves 机密", fixable=Fixable.ALWAYS)
def _keeps(report):  # type: ignore[no-untyped-def]
    """Its fix writes 绝 before the word: the finding stays."""
    yield from _each(report, "“机密”应为“秘密”", "绝", before=True)


@rule("ZC103", "fix-makes-another", WARNING, "its fix writes 机要, which it reports too", fixable=Fixable.SOMETIMES)
def _another(report):  # type: ignore[no-untyped-def]
    """Its fix writes 机要, which it reports too."""
    yield from _each(report, "“机密”应为“秘密”", "机要")
    for m in re.finditer("机要", report.text):
        yield Finding(m.start(), m.end(), "“机要”不是模板用语")


@rule("ZC104", "crashes", WARNING, "raises on 机密")
def _crashes(report):  # type: ignore[no-untyped-def]
    """Raises when the draft says 机密."""
    if "机密" in report.text:
        raise ZeroDivisionError("division by zero")
    return iter(())


@rule("ZC105", "says-never", WARNING, "declares it never fixes, then does")
def _says_never(report):  # type: ignore[no-untyped-def]
    """Declares it never fixes, then gives a fix."""
    yield from _each(report, "“机密”应为“秘密”", "秘密")


PLUGIN = SimpleNamespace(
    __name__="zc_plugin",
    PREFIX="ZC",
    nianbao_rules=hookimpl(lambda: [_secret, _keeps, _another, _crashes, _says_never]),
)
SECRET_CASE = """
[[fires]]
name = "secret"
replace = [["1.属于国家秘密", "1.属于国家机密"]]
message = "“机密”应为“秘密”"
marked = "1.属于国家«机密»"
fix = "safe"
edited = ["机密"]
fixed = "秘密"
"""


def write(tmp_path: Path, body: str, code: str = "ZC101") -> Path:
    path = tmp_path / "zc.cases.toml"
    path.write_text(f'rule = "{code}"\n{body}', encoding="utf-8")
    return path


def failure(path: Path) -> str:
    with pytest.raises(AssertionError) as raised:
        check_case_file(path, plugins=[PLUGIN])
    return str(raised.value)


def test_a_rule_that_does_what_its_cases_say_passes(tmp_path: Path) -> None:
    path = write(tmp_path, SECRET_CASE + '\n[[quiet]]\nname = "sample-draft"\n')
    check_case_file(path, plugins=[PLUGIN])
    assert [case.id for case in load_cases(path)] == ["ZC101-secret", "ZC101-sample-draft"]


def test_every_difference_is_named_with_the_case(tmp_path: Path) -> None:
    body = (
        SECRET_CASE.replace('marked = "1.属于国家«机密»"', 'marked = "国家秘密"')
        .replace('fix = "safe"', 'fix = "suggested"')
        .replace('edited = ["机密"]', 'edited = ["国家机密"]')
        .replace('fixed = "秘密"', 'fixed = "保密"')
        + 'count = 2\nseverity = "error"\nrelated = [["表三", "1"]]\nfix_message = "删除"\n'
    )
    message = failure(write(tmp_path, body))
    assert message.startswith("1 of 1 cases failed:\nzc.cases.toml [[fires]] secret:")
    for expected in [
        "1 findings, expected 2",
        'marks line 55 "不予公开\\t1.属于国家«机密»\\t0\\t0\\t0\\t0\\t0\\t0": “机密”应为“秘密”, expected "国家秘密"',
        "severity warning, expected error",
        'related places [], expected [["表三", "1"]]',
        "the finding has a safe fix “改为“秘密””, expected fix = 'suggested'",
        'the fix says "改为“秘密”", expected "删除" in it',
        'the fix\'s edits replace ["机密"], expected ["国家机密"]',
        'after the fix the marked text reads "秘密", expected "保密"',
    ]:
        assert expected in message


def test_a_quiet_case_that_fires_quotes_the_finding(tmp_path: Path) -> None:
    message = failure(write(tmp_path, '[[quiet]]\nname = "secret"\nreplace = [["国家秘密", "国家机密"]]\n'))
    assert 'ZC101 should be quiet but reports line 55 "不予公开\\t1.属于国家«机密»' in message


def test_a_case_that_does_not_fire_says_what_the_rule_reported(tmp_path: Path) -> None:
    assert "ZC101 reports nothing" in failure(write(tmp_path, SECRET_CASE.replace("国家机密", "国家秘密")))
    other = SECRET_CASE.replace('message = "“机密”应为“秘密”"', 'message = "泄密"')
    assert '0 of its findings say "泄密"; it reports:\n    line 55' in failure(write(tmp_path, other))


def test_a_fix_that_leaves_its_finding_fails(tmp_path: Path) -> None:
    body = SECRET_CASE.replace('fixed = "秘密"', 'fixed = "绝机密"').replace('edited = ["机密"]', 'edited = [""]')
    assert "the finding is still there after its fix" in failure(write(tmp_path, body, "ZC102"))


def test_a_fix_that_makes_another_finding_of_its_rule_fails(tmp_path: Path) -> None:
    body = SECRET_CASE.replace('fixed = "秘密"', 'fixed = "机要"')
    message = failure(write(tmp_path, body, "ZC103"))
    assert "after the fix the rule reports something new: line 55" in message and "“机要”不是模板用语" in message


def test_a_crash_never_passes_for_quiet(tmp_path: Path) -> None:
    message = failure(write(tmp_path, '[[quiet]]\nname = "secret"\nreplace = [["国家秘密", "国家机密"]]\n', "ZC104"))
    assert "the rule crashed" in message and "ZeroDivisionError" in message


def test_a_fix_from_a_rule_declared_never_to_fix_fails(tmp_path: Path) -> None:
    assert "the rule is declared fixable=never but this finding has a safe fix" in failure(
        write(tmp_path, SECRET_CASE, "ZC105")
    )


def test_edits_must_find_their_text_once(tmp_path: Path) -> None:
    for edit, says in [
        ('replace = [["国家绝密", "国家机密"]]', 'replace: "国家绝密" occurs 0 times in the draft'),
        (
            'replace = [["云溪镇", "石桥镇"]]',
            'replace: "云溪镇" occurs 4 times in the draft; quote more of the text around it',
        ),
        ('cut = ["四、政府信息公开", "无此段"]', 'cut: "无此段" is not in the draft after "四、政府信息公开"'),
        ('row = { label = "总计", values = ["1"] }', 'row: 4 tab-separated rows contain "总计"'),
    ]:
        (case,) = load_cases(write(tmp_path, f'[[quiet]]\nname = "edit"\n{edit}\n'))
        with pytest.raises(CaseFileError, match=re.escape(f"zc.cases.toml [[quiet]] edit: {says}")):
            check_case(case, plugins=[PLUGIN])


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ('[[fires]]\nname = "x"\nmesage = "y"', "[[fires]] x: unknown key 'mesage' (did you mean 'message'?)"),
        ('[[fires]]\nname = "x"\nmessage = "y"', "[[fires]] x: missing marked, fix"),
        ('[[quiet]]\nname = "甲"', "[[quiet]] 甲: name must be lowercase letters, digits and -, not '甲'"),
        ('[[quiet]]\nname = "x"\n[[quiet]]\nname = "x"', "[[quiet]] x: another case has this name"),
        ('[[quiet]]\nname = "x"\ntext = "t"\nadd = ["a"]', "a case with its own text has no draft to change"),
        ('[draft]\nform = "word"', "[draft]: form must be one of tab, pipe, cells, markdown, not 'word'"),
        ("[draft.t3]\nNEWS = [1, 0, 0, 0, 0, 0]", "[draft]: t3 must be a table of T3Row names"),
        ('[[fires]]\nname = "x"\nmessage = "y"\nmarked = "z"\nfix = "none"\nfixed = "w"', "there is no fix_message"),
        ('[[fires]]\nname = "x"\nmessage = "y"\nmarked = "«z"\nfix = "none"', "marked must be the marked text"),
        ("[[quiet]\n", "zc.cases.toml: "),
    ],
)
def test_a_case_file_the_runner_cannot_read_is_an_error_at_once(tmp_path: Path, body: str, says: str) -> None:
    with pytest.raises(CaseFileError, match=re.escape(says)):
        load_cases(write(tmp_path, body + "\n"))
