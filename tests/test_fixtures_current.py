from __future__ import annotations

import pytest

from .conftest import lint
from .make_fixtures import ROOT, files


@pytest.mark.parametrize("path", sorted(files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_committed_drafts_are_current(path) -> None:  # type: ignore[no-untyped-def]
    assert path.read_text(encoding="utf-8") == files()[path], "run: python -m tests.make_fixtures"


def test_defective_example_shows_what_reviewers_send_back() -> None:
    path = next(p for p in files() if p.name.startswith("石桥镇"))
    found = {f.code for f in lint(files()[path], path.name).findings}
    assert found == {"NB201", "NB301", "NB304", "NB402", "NB502", "NB503", "NB901", "NB903"}
