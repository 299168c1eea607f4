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
