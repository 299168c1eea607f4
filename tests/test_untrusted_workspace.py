"""Nothing in a workspace is imported by the server, however an editor starts it (issue #11).

A marker module in the workspace records that it ran. The launches are the ones the editors use:
``python -m nianbao lsp`` started from an unrelated directory (what the VS Code extension does with
the selected interpreter, see editors/vscode/src/server.ts), the same started from the workspace
itself (a client that keeps its default working directory), and the ``nianbao`` console script
(the extension's PATH/pipx lookup, Neovim, Emacs, Helix) with an empty PYTHONPATH entry.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao.testing import sample_draft

from .lsp_session import session

MARKER = "open({path!r}, 'a').write({name!r} + '\\n')\n"
SHADOWS = ("pluggy", "lsprotocol", "tomllib", "difflib", "json", "nianbao_shandong")


def workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A workspace whose modules would shadow what nianbao imports; the file their code writes to."""
    ws = tmp_path / "workspace"
    ws.mkdir()
    ran = tmp_path / "ran.txt"
    for name in SHADOWS:
        (ws / f"{name}.py").write_text(MARKER.format(path=str(ran), name=name), encoding="utf-8")
    (ws / "nianbao").mkdir()
    (ws / "nianbao" / "__init__.py").write_text(MARKER.format(path=str(ran), name="nianbao"), encoding="utf-8")
    (ws / "nianbao.toml").write_text('ignore = ["NB903"]\n', encoding="utf-8")
    return ws, ran


def console_script() -> str | None:
    return shutil.which("nianbao", path=os.path.dirname(sys.executable))


LAUNCHES = {
    "python -m, from another directory (the VS Code extension)": ([sys.executable, "-m", "nianbao", "lsp"], False),
    "python -m, from the workspace": ([sys.executable, "-m", "nianbao", "lsp"], True),
    "console script, from the workspace": (["<script>", "lsp"], True),
}


@pytest.mark.parametrize("launch", sorted(LAUNCHES))
async def test_no_module_of_the_workspace_runs(tmp_path: Path, launch: str) -> None:
    ws, ran = workspace(tmp_path)
    command, in_workspace = LAUNCHES[launch]
    if command[0] == "<script>":
        script = console_script()
        if script is None:
            pytest.skip("no nianbao console script next to this interpreter")
        command = [script, *command[1:]]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # an empty PYTHONPATH entry is the working directory, for the console script too
    env = dict(os.environ, PYTHONPATH=os.pathsep + os.environ.get("PYTHONPATH", ""))
    if in_workspace:  # a nianbao/ folder in the working directory shadows the package before any of
        # its code runs (python -m, or an empty PYTHONPATH entry): hence the extension's directory
        (ws / "nianbao").rename(ws / "nianbao-folder")
    async with session("visual-studio-code", ws, command=command, cwd=ws if in_workspace else elsewhere, env=env) as s:
        uri = s.open(ws / "报告.txt", sample_draft().replace("1.属于国家秘密", "1.属于国家机密"))
        assert [d.code for d in await s.diagnostics(uri)] == ["NB502"]
    assert not ran.exists(), ran.read_text()


def test_the_cli_from_python_m_does_not_import_the_working_directory(tmp_path: Path) -> None:
    ws, ran = workspace(tmp_path)
    (ws / "nianbao").rename(ws / "nianbao-folder")
    (ws / "报告.txt").write_text(sample_draft(), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "nianbao", "check", "--no-cache", "报告.txt"], cwd=ws, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert not ran.exists(), ran.read_text()
