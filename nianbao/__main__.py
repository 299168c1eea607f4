"""``python -m nianbao``: the command line, without the working directory on the import path.

``python -m`` puts the working directory first on ``sys.path``. The language server is started
in a workspace the user may not trust, and the CLI in any folder: a ``pluggy.py`` (or ``re.py``)
there would be imported instead of the real module and run. So the working directory goes before
anything else is imported (the ``-P`` flag of Python 3.11+, for every version). A folder named
``nianbao/`` in the working directory shadows this very package before this code runs: editors
must start the server from another directory (the VS Code extension does).
"""

import sys

from ._safepath import drop_working_directory

drop_working_directory(sys.path)

from .cli import main  # noqa: E402  (after the import path is safe)

raise SystemExit(main())
