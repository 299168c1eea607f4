"""The real pre-commit, pointed at this repository (local path + current commit)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao.testing.drafts import clean

from .conftest import ROOT

FIXABLE = clean().replace("1.属于国家秘密", "1.属于国家机密")
UNFIXABLE = clean().replace("（七）总计\t\t3", "（七）总计\t\t2")


def _head() -> str | None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        return None
    proc = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else None


HEAD = _head()
pytestmark = pytest.mark.skipif(HEAD is None, reason="not a git checkout of nianbao")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def pre_commit(repo: Path, cache: Path, hook: str) -> subprocess.CompletedProcess[str]:
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {HEAD}\n    hooks:\n      - id: {hook}\n", encoding="utf-8"
    )
    env = dict(os.environ, PRE_COMMIT_HOME=str(cache), PRE_COMMIT_COLOR="never")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_hooks_block_fix_and_pass(tmp_path: Path) -> None:
    repo = tmp_path / "drafts"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "t@example.invalid")
    git(repo, "config", "user.name", "t")
    (repo / "云溪镇2023年度报告.txt").write_text(FIXABLE, encoding="utf-8")
    (repo / "石桥镇2023年度报告.txt").write_text(UNFIXABLE, encoding="utf-8")
    (repo / "README.md").write_text("# 年度报告草稿\n\n各乡镇的草稿放在这里。\n", encoding="utf-8")  # not a report
    git(repo, "add", ".")
    cache = tmp_path / "cache"

    blocked = pre_commit(repo, cache, "nianbao")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "NB502" in blocked.stdout and "NB202" in blocked.stdout and "README.md:" not in blocked.stdout

    fixed = pre_commit(repo, cache, "nianbao-fix")
    assert fixed.returncode == 1  # files were modified, and NB202 has no safe fix
    assert (repo / "云溪镇2023年度报告.txt").read_text(encoding="utf-8") == clean()
    assert (repo / "石桥镇2023年度报告.txt").read_text(encoding="utf-8") == UNFIXABLE
    assert "NB202" in fixed.stdout

    (repo / "石桥镇2023年度报告.txt").write_text(clean(), encoding="utf-8")
    git(repo, "add", ".")
    passed = pre_commit(repo, cache, "nianbao")
    assert passed.returncode == 0, passed.stdout + passed.stderr
