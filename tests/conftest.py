from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from nianbao.engine import Linter, Selection
from nianbao.plugins import build_registry
from nianbao.results import FileResult
from nianbao.source import Source

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
# The official SARIF 2.1.0 schema, vendored: every SARIF test validates against it.
SARIF_SCHEMA = json.loads((ROOT / "tests" / "schemas" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is not present (a user's clone)")


def lint(text: str, path: str = "draft.txt", **selection: Any) -> FileResult:
    """Lint *text* with the built-in rules; keyword arguments go to `Selection`."""
    return Linter(build_registry(entry_points=False)).check(Source.from_text(text), path, Selection(**selection))


def codes(text: str, path: str = "draft.txt", **selection: Any) -> list[str]:
    return [f.code for f in lint(text, path, **selection).findings]


def check_cli(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``nianbao check --no-cache ARGS`` in a real process, its output decoded strictly as UTF-8
    (output that is not valid UTF-8 is a failure); a minute at most (a hang is a failure too)."""
    return subprocess.run(
        [sys.executable, "-m", "nianbao", "check", "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="strict",
        timeout=60,
        env={**os.environ, **(env or {})},
    )


@pytest.fixture
def tmp_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path
