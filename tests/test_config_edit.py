from __future__ import annotations

import pytest

from nianbao.config import config_from_mapping, ignore_code_edit
from nianbao.fixes import apply_edits
from nianbao.ruledef import Edit


def apply(text: str, code: str, pyproject: bool = False) -> str:
    return apply_edits(text, [Edit(*ignore_code_edit(text, code, pyproject))])


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("", 'ignore = ["NB903"]\n'),
        ('select = ["NB"]\n', 'ignore = ["NB903"]\nselect = ["NB"]\n'),
        (
            'ignore = ["NB101"]\n[severity]\nNB206 = "error"\n',
            'ignore = ["NB101", "NB903"]\n[severity]\nNB206 = "error"\n',
        ),
        ("ignore = []\n", 'ignore = ["NB903"]\n'),
        ('ignore = ["NB903"]\n', 'ignore = ["NB903"]\n'),
        ('[severity]\nNB206 = "error"\n', 'ignore = ["NB903"]\n[severity]\nNB206 = "error"\n'),
    ],
)
def test_ignore_edit_in_nianbao_toml(before: str, after: str) -> None:
    assert apply(before, "NB903") == after


def test_ignore_edit_in_pyproject() -> None:
    text = '[project]\nname = "x"\n\n[tool.nianbao]\nselect = ["NB"]\n\n[tool.other]\nignore = ["E1"]\n'
    out = apply(text, "NB903", pyproject=True)
    assert (
        out
        == '[project]\nname = "x"\n\n[tool.nianbao]\nignore = ["NB903"]\nselect = ["NB"]\n\n[tool.other]\nignore = ["E1"]\n'
    )
    assert apply('[project]\nname = "x"', "NB903", pyproject=True).endswith('\n\n[tool.nianbao]\nignore = ["NB903"]\n')


def test_edited_config_is_valid() -> None:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]

    text = apply('ignore = ["NB101"]\n', "NB903")
    config = config_from_mapping(tomllib.loads(text), None)
    assert config.ignore == ["NB101", "NB903"]
