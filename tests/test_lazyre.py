"""Module-level patterns compiled on first use (`nianbao.lazyre`), and what a cold check leaves
uncompiled (docs/performance.md, sixth step)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from nianbao.lazyre import lazy
from nianbao.testing.drafts import clean


def test_a_lazy_pattern_compiles_on_first_use_and_matches_as_the_compiled_one() -> None:
    source = r"(?P<n>\d+)\s*件"
    pattern = lazy(source)
    assert pattern._compiled is None  # type: ignore[attr-defined]
    compiled = re.compile(source)
    text = "收到申请 12 件，办结 3件"
    assert [m.group("n") for m in pattern.finditer(text)] == [m.group("n") for m in compiled.finditer(text)]
    assert pattern.sub("#", text) == compiled.sub("#", text) and pattern.pattern == source
    assert pattern.groupindex == compiled.groupindex and pattern.search("无") is None
    assert "finditer" in vars(pattern)  # kept: the next look-up is a plain attribute read


def test_a_cold_check_of_a_clean_draft_leaves_the_rare_patterns_uncompiled(tmp_path: Path) -> None:
    (tmp_path / "draft.txt").write_text(clean(), encoding="utf-8")
    rare = (
        ("nianbao.parsing.runon", "_NUMERAL"),
        ("nianbao.parsing.streams", "_ROW"),
        ("nianbao.suppression", "DIRECTIVE"),
    )
    code = (
        "import sys; from nianbao.cli import main; main(['check', '--no-cache', 'draft.txt']); "
        f"print([f'{{m}}.{{n}}' for m, n in {rare!r} if sys.modules[m].__dict__[n]._compiled is not None])"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert proc.stdout.strip().endswith("[]"), proc.stdout + proc.stderr


def test_the_repr_names_the_source_and_flags() -> None:
    assert repr(lazy("a")) == "lazy('a')"
    assert repr(lazy("a", re.M | re.S)) == "lazy('a', re.MULTILINE|re.DOTALL)"
