"""Helpers for testing rules, nianbao's own and plugins': sample drafts and rule case files.

A rule's cases live in a TOML file next to its module (``sd101_items.py`` →
``sd101_items.cases.toml``): drafts it must report, with the message, the marked text and the
fix, and near misses it must leave alone (format: docs/testing.md). Run them from pytest, one
test per case::

    import pytest
    import nianbao_shandong
    from nianbao.testing import check_case, load_cases

    CASES = load_cases(Path(nianbao_shandong.__file__).with_name("sd101_items.cases.toml"))

    @pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
    def test_sd101(case):
        check_case(case, plugins=[nianbao_shandong])

`lint` and `fix` run the built-in rules plus the given plugins (modules or objects with hook
implementations) on a string; `sample_draft` returns a correct draft to change.
"""

from __future__ import annotations

from .cases import Case, CaseFileError, case_file, check_case, check_case_file, load_cases
from .drafts import FORMS, Draft, clean, render
from .linting import fix, lint, read_draft

__all__ = [
    "FORMS",
    "Case",
    "CaseFileError",
    "Draft",
    "case_file",
    "check_case",
    "check_case_file",
    "fix",
    "lint",
    "load_cases",
    "read_draft",
    "render",
    "sample_draft",
]


def sample_draft(form: str = "tab", year: int = 2023) -> str:
    """A correct draft (2021 template for 2021+, else 2019) in a surface form: tab, pipe, cells, markdown."""
    return clean(form, year)
