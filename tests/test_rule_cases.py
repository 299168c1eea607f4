"""Every built-in rule's cases, one test each: the ``*.cases.toml`` file next to the rule's module
(``rules/nb201_table3_row_total.cases.toml``), run by `nianbao.testing.check_case` — the same runner
plugin authors use. The format and what each case checks: docs/testing.md."""

from __future__ import annotations

import sys
from fnmatch import fnmatch

import pytest

from nianbao.plugins import build_registry
from nianbao.testing import Case, case_file, check_case, load_cases
from nianbao.testing.cases import FIRES, QUIET
from nianbao.testing.drafts import FORMS, SUFFIX, clean

from .conftest import ROOT, lint

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CASE_FILES = sorted((ROOT / "rules").glob("*.cases.toml"))
CASES = [case for path in CASE_FILES for case in load_cases(path)]
RULES = build_registry(entry_points=False).rules
# NB001 reports that another rule crashed: no draft makes a correct rule crash (test_engine.py and
# test_isolation.py give it crashing rules). A cross-year rule (NB6xx) compares two reports, which a
# case file of one draft cannot express: test_years.py holds the breaks each reports and the
# consistent series of years it leaves alone.
WITHOUT_CASES = {"NB001"} | {code for code, rule in RULES.items() if rule.compare is not None}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_rule_case(case: Case) -> None:
    check_case(case)


def test_every_built_in_rule_has_cases_that_fire_and_cases_that_do_not() -> None:
    for code, rule in RULES.items():
        if code in WITHOUT_CASES:
            continue
        path = case_file(rule)
        assert path.is_file(), f"{code} has no case file {path.name} next to its module"
        kinds = {case.kind for case in load_cases(path)}
        assert kinds == {FIRES, QUIET}, f"{path.name} needs [[fires]] and [[quiet]] cases, has {kinds}"
        assert {case.rule for case in load_cases(path)} == {code}


def test_every_case_file_belongs_to_a_rule() -> None:
    owned = {case_file(rule) for rule in RULES.values()}
    assert [path.name for path in CASE_FILES if path not in owned] == []


@pytest.mark.parametrize(
    ("project", "package", "folder"),
    [(".", "nianbao.rules", "rules"), ("plugins/shandong", "nianbao_shandong", "plugins/shandong/nianbao_shandong")],
)
def test_case_files_ship_with_their_rules(project: str, package: str, folder: str) -> None:
    """`case_file(rule)` finds a rule's cases in an installed package too: they are package data."""
    config = tomllib.loads((ROOT / project / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"][package]
    files = sorted((ROOT / folder).glob("*.cases.toml"))
    assert files and all(any(fnmatch(path.name, p) for p in patterns) for path in files)


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda path: path.name.split("_")[0])
def test_the_draft_of_every_case_file_is_clean(path) -> None:  # type: ignore[no-untyped-def]
    """A case's finding comes from its own edit: the draft the file starts from is clean for
    every rule."""
    unedited = Case(path, "", QUIET, "draft", {"name": "draft"}, load_cases(path)[0].base)
    assert [(f.code, f.message) for f in lint(unedited.text(), unedited.path).findings] == []


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("year", [2023, 2020])
def test_sample_drafts_are_clean_in_every_form(form: str, year: int) -> None:
    result = lint(clean(form, year), "draft" + SUFFIX[form])
    assert [(f.code, f.message) for f in result.findings] == []
