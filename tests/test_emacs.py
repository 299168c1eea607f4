"""A second client we did not write: `emacs --batch` with eglot loads editors/emacs/nianbao.el."""

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

BAD = (
    clean()
    .replace("1.属于国家秘密", "1.𠮷属于国家机密")
    .replace("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》")
)
EMACS = shutil.which("emacs")


@pytest.mark.skipif(EMACS is None, reason="Emacs is not installed (.ci/run installs emacs-nox and elpa-eglot)")
def test_quick_fix_in_emacs_eglot(tmp_path: Path) -> None:
    draft = tmp_path / "云溪镇2023年年度报告.txt"
    draft.write_text(BAD, encoding="utf-8")
    out = tmp_path / "result.json"
    env = dict(
        os.environ,
        NIANBAO_EMACS_CONFIG=str(ROOT / "editors" / "emacs" / "nianbao.el"),
        NIANBAO_TEST_DRAFT=str(draft),
        NIANBAO_TEST_OUT=str(out),
        HOME=str(tmp_path),
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    # No -Q: Debian activates elpa-eglot from site-start.d.
    proc = subprocess.run(
        [EMACS, "--batch", "-l", str(ROOT / "tests" / "editors" / "emacs_driver.el")],  # type: ignore[list-item]
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    result = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    assert proc.returncode == 0 and "error" not in result, (proc.returncode, result, proc.stderr[-3000:])
    assert result["before"] == ["NB502", "NB503"]
    assert result["text"] == "国家机密"  # the range is exact even after the non-BMP 𠮷
    assert "国家秘密" in result["chose"]
    assert result["line"].endswith("1.𠮷属于国家秘密\t" + "\t".join(["0"] * 7))
    assert result["after"] == ["NB503"]
