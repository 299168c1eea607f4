"""Documentation that must not drift from the code."""

from __future__ import annotations

import re

from nianbao.cli import rules_markdown
from nianbao.plugins import build_registry

from .conftest import ROOT

SECTIONS = ("检查内容", "为什么重要", "错误示例", "正确示例")


def test_readme_rule_list_is_generated_from_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = readme.split("<!-- rules:start -->\n")[1].split("<!-- rules:end -->")[0]
    assert listed == rules_markdown(build_registry(entry_points=False))


def test_every_rule_documents_what_why_and_examples() -> None:
    for code, rule in build_registry(entry_points=False).rules.items():
        for heading in SECTIONS:
            assert heading in rule.doc, (code, heading)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), code


def test_readme_setup_commands_are_the_ci_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/nianbao check examples/" in readme
    assert "\n.ci/run\n" in readme
    assert "pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_install_and_pre_commit_instructions_name_what_exists() -> None:
    """`pip install nianbao` finds nothing on any index, and a pre-commit `rev` must be a commit of
    this repository (there are no release tags)."""
    import shutil
    import subprocess

    documents = [ROOT / "README.md", ROOT / "docs" / "plugins.md", ROOT / "editors" / "github-action.md"]
    documents += sorted((ROOT / "editors").glob("*/README.md"))
    for doc in documents:
        text = doc.read_text(encoding="utf-8")
        assert not re.search(r"pip install nianbao(?![-\w])", text), doc
    revs = [
        rev
        for doc in (ROOT / "README.md", ROOT / "docs" / "plugins.md")
        for rev in re.findall(r"^\s*rev: (\S+)", doc.read_text(encoding="utf-8"), re.M)
    ]
    assert len(revs) == 2 and all(re.fullmatch(r"[0-9a-f]{40}", rev) for rev in revs), revs
    if shutil.which("git") and (ROOT / ".git").exists():
        for rev in revs:
            found = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{rev}^{{commit}}"], capture_output=True)
            assert found.returncode == 0, f"{rev} is not a commit of this repository"


def test_the_vsix_the_readmes_install_is_the_one_ci_builds() -> None:
    import json

    script = json.loads((ROOT / "editors" / "vscode" / "package.json").read_text(encoding="utf-8"))["scripts"][
        "package"
    ]
    built = re.search(r"--out (\S+\.vsix)", script)
    assert built and "npm run package" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for doc in (ROOT / "README.md", ROOT / "editors" / "vscode" / "README.md"):
        installed = re.findall(r"code --install-extension (\S+\.vsix)", doc.read_text(encoding="utf-8"))
        assert installed == [built.group(1)], doc
