"""editors/helix/languages.toml: Helix itself cannot be installed here (not in Debian 12, PyPI or
npm), so this checks the file's structure and runs the server exactly as the file configures it:
same command and arguments, `config` as initialization options and as workspace configuration."""

from __future__ import annotations

import fnmatch
import os
import shutil
import sys
from pathlib import Path

import pytest

from nianbao.testing.drafts import clean

from .conftest import ROOT
from .lsp_session import session

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

CONFIG = tomllib.loads((ROOT / "editors" / "helix" / "languages.toml").read_text(encoding="utf-8"))


def test_languages_toml_structure() -> None:
    server = CONFIG["language-server"]["nianbao"]
    assert server["command"] == "nianbao" and server["args"] == ["lsp"]
    assert server["config"]["trusted"] is False
    languages = {lang["name"]: lang for lang in CONFIG["language"]}
    draft = languages["nianbao-draft"]
    assert "nianbao" in draft["language-servers"] and draft["roots"] == ["nianbao.toml"]
    globs = [ft["glob"] for ft in draft["file-types"]]
    for name in ("云溪镇2023年政府信息公开工作年度报告.txt", "东岭乡2020年报.txt"):
        assert any(fnmatch.fnmatch(name, g) for g in globs), name
    assert not any(fnmatch.fnmatch("会议纪要.txt", g) for g in globs)
    assert "nianbao" in languages["markdown"]["language-servers"]


async def test_server_runs_as_configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = CONFIG["language-server"]["nianbao"]
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    command = [shutil.which(server["command"]) or server["command"], *server["args"]]
    config = dict(server["config"], nianbao={"ignore": ["NB503"]})
    bad = (
        clean()
        .replace("1.属于国家秘密", "1.属于国家机密")
        .replace("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》")
    )
    async with session(
        "neovim", tmp_path, options=config, configuration={"nianbao": config["nianbao"]}, command=command
    ) as s:
        uri = s.open(tmp_path / "云溪镇2023年政府信息公开工作年度报告.txt", bad)
        assert [d.code for d in await s.diagnostics(uri)] == ["NB502"]
