"""An optional compiled build; everything else about the package is in pyproject.toml.

``pip install .`` builds the pure-Python package (the default, and what every platform gets).
``NIANBAO_COMPILE=1 pip install --no-build-isolation .``, with mypy installed, compiles the parser,
the text helpers and the table reconciliation with mypyc: the same source, the same findings, about
a fifth less time per draft for batch runs (numbers and what was left out, and why, in
docs/performance.md). The .py files ship beside the compiled modules, so the source stays readable
in place and tracebacks still point at it.
"""

import os

from setuptools import setup

# The per-cell and per-line work of a check. Not compiled: the model and the template (rules read
# their attributes from interpreted code, slower on native classes; the template's row and column
# namespaces are class attributes mypyc rejects), the solver (a generic frozen dataclass) and facts
# (functools.cached_property needs an instance __dict__).
COMPILED = [
    "nianbao/textutil.py",
    "nianbao/reconcile.py",
    "nianbao/parsing/api.py",
    "nianbao/parsing/binding.py",
    "nianbao/parsing/cells.py",
    "nianbao/parsing/lines.py",
    "nianbao/parsing/markdown.py",
    "nianbao/parsing/outline.py",
    "nianbao/parsing/runon.py",
    "nianbao/parsing/streams.py",
]

ext_modules = []
if os.environ.get("NIANBAO_COMPILE") == "1":
    from mypyc.build import mypycify

    ext_modules = mypycify(COMPILED, opt_level="3")

setup(ext_modules=ext_modules)
