"""Keep the working directory off the import path (see ``nianbao/__main__.py``).

Imports only ``os`` and ``sys``, which every interpreter has loaded before any user code runs.
"""

import os


def drop_working_directory(path: list[str]) -> None:
    """Remove ``""``, ``"."`` and the working directory itself from *path* (a ``sys.path``), in place."""
    try:
        here = os.path.realpath(os.getcwd())
    except OSError:  # the working directory was deleted: only the relative entries can point at it
        here = None
    path[:] = [p for p in path if p not in ("", ".") and (here is None or os.path.realpath(p) != here)]
