"""What the harness installs beside the checkout, in its own work folder: a regular install of
nianbao with autocorrect-py, and textlint. Standard library only (it runs before nianbao is there)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def installed_venv(where: Path) -> Path:
    """A virtualenv with nianbao installed the way users install it (a wheel, not editable), plus
    what the side-by-side measurements need (the ``bench`` extra: autocorrect-py).

    An editable install puts an import hook in every interpreter start-up, `python -c pass` included,
    which would distort the very ratio being measured.
    """
    python = where / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "--force-reinstall", "--no-deps", str(ROOT)], check=True)
    subprocess.run([*pip, f"{ROOT}[bench]"], check=True)
    return where / "bin"


def textlint(work: Path) -> Path | None:
    """textlint with one trivial rule (no-todo), installed with npm into *work*; None without npm."""
    binary = work / "node_modules" / ".bin" / "textlint"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        return None
    work.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(work), *TEXTLINT_PACKAGES],
        capture_output=True,
    )
    return binary if done.returncode == 0 and binary.exists() else None


TEXTLINT_PACKAGES = ("textlint@15", "textlint-rule-no-todo@2")
