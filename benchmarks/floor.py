"""The floor: the least a checker of a folder of drafts can do — read each file, decode it, make one
regular-expression pass. `python benchmarks/floor.py FOLDER` prints how many numbers it saw.

Standard library only, and run as a script (not ``-m benchmarks``), so its start-up is an
interpreter's: what nianbao is measured against is the work, not our imports.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_NUMBER = re.compile(r"\d+")


def floor(data: bytes) -> int:
    """Decode *data* (UTF-8) and count the runs of digits in it."""
    return sum(1 for _ in _NUMBER.finditer(data.decode("utf-8")))


def main(folder: str) -> int:
    print(sum(floor(path.read_bytes()) for path in sorted(Path(folder).iterdir()) if path.is_file()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
