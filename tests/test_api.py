"""The public API: one module for plugin authors, visible to type checkers, and what uses it."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import nianbao
import nianbao.api

from .conftest import ROOT


def test_package_all_is_static_and_lazy() -> None:
    source = (ROOT / "nianbao" / "__init__.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    declared = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)
    )
    assert isinstance(declared, ast.List)  # a literal: type checkers read it without running code
    names = {ast.literal_eval(e) for e in declared.elts}
    assert names == set(vars(nianbao)["_LAZY"]) | {"__version__"}
    for name in names:
        assert getattr(nianbao, name) is not None
    # importing the package loads none of what it names
    code = "import sys, nianbao; print(sorted(m for m in sys.modules if m.startswith('nianbao')))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "['nianbao']"


def test_api_module_exports_what_plugins_need() -> None:
    for name in nianbao.api.__all__:
        assert getattr(nianbao.api, name) is not None
    for name in set(nianbao.__all__) - {"__version__"}:  # every top-level name is in the API too
        assert getattr(nianbao.api, name) is getattr(nianbao, name)


def test_py_typed_is_packaged() -> None:
    assert (ROOT / "nianbao" / "py.typed").is_file()
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'\[tool\.setuptools\.package-data\]\s*\nnianbao = \["py\.typed"\]', pyproject)


def _nianbao_imports(path: str) -> set[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "nianbao":
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "nianbao"}
    return found


def test_the_example_plugin_and_the_scaffold_import_only_the_public_modules() -> None:
    public = {"nianbao.api", "nianbao.testing"}
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        assert _nianbao_imports(str(path.relative_to(ROOT))) <= public, path
    from nianbao import scaffold

    for template in (scaffold.INIT, scaffold.RULE, scaffold.TEST):
        modules = set(re.findall(r"^\s*from (nianbao\S*) import", template, re.M))
        assert modules and modules <= public, modules
