"""``nianbao new-plugin NAME``: a working plugin package to start from.

The generated package has the entry point, one sample rule with its documentation and a safe fix,
its cases next to it (``*.cases.toml``) and a test running them with `nianbao.testing`, which
passes as generated.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import UsageError

_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
_PREFIX = re.compile(r"^[A-Z]{1,3}$")

PYPROJECT = """[build-system]
requires = ["setuptools>=64"]
build-backend = "setuptools.build_meta"

[project]
name = "nianbao-{name}"
version = "0.1.0"
description = "nianbao 插件：{name}（代码前缀 {prefix}）"
readme = "README.md"
requires-python = ">=3.10"
dependencies = ["nianbao"]

[project.optional-dependencies]
test = ["pytest"]

# The entry-point name is the plugin's code prefix: every rule code starts with {prefix}.
[project.entry-points.nianbao]
{prefix} = "{package}"

[tool.setuptools]
packages = ["{package}"]

# Each rule's test cases sit next to it (x.cases.toml) and ship with it, so
# nianbao.testing.case_file(rule) finds them wherever the plugin is installed.
[tool.setuptools.package-data]
{package} = ["*.cases.toml"]
"""

INIT = '''"""nianbao-{name}: rules added to nianbao (code prefix {prefix}).

Hook implementations live here; see nianbao's docs/plugins.md for every hook.
"""

from __future__ import annotations

from nianbao.api import Rule, hookimpl

PREFIX = "{prefix}"


@hookimpl
def nianbao_rules() -> list[Rule]:
    from .{module} import title_year_spacing

    return [title_year_spacing]
'''

RULE = '''from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.api import SAFE, WARNING, Edit, Finding, Fix, Fixable, Report, rule

_SPACED_YEAR = re.compile(r"(\\s+)(\\d{{4}})(\\s+)(?=年)")


@rule("{prefix}101", "title-year-spacing", WARNING, "标题中年份两侧有空格", fixable=Fixable.ALWAYS)
def title_year_spacing(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    标题中的年份两侧不应有空格：“××镇人民政府 2023 年政府信息公开工作年度报告”。

    为什么重要
    --------
    空格多是从 PDF 复制标题时带进来的，发布时显得不规范，也妨碍按标题检索。

    错误示例
    --------
    ``青禾县云溪镇人民政府 2023 年政府信息公开工作年度报告``

    正确示例
    --------
    ``青禾县云溪镇人民政府2023年政府信息公开工作年度报告``

    修复（安全）
    --------
    删除年份两侧的空格。
    """
    title = report.title
    if title is None:
        return
    m = _SPACED_YEAR.search(title.text)
    if m is None:
        return
    start = title.start
    yield Finding(
        start + m.start(1), start + m.end(3),
        f"标题中年份“{{m.group(2)}}”两侧有空格",
        fix=Fix("删除年份两侧的空格", (Edit(start + m.start(1), start + m.end(1), ""),
                                      Edit(start + m.start(3), start + m.end(3), "")), SAFE),
    )
'''

CASES = """# {prefix}101 title-year-spacing: drafts it must report and near misses it must leave alone.
# Each case edits nianbao's sample draft (nianbao.testing); nianbao's docs/testing.md has the format.

rule = "{prefix}101"

[[fires]]
name = "spaces-around-the-year"
replace = [["人民政府2023年", "人民政府 2023 年"]]
message = "标题中年份“2023”两侧有空格"
marked = "人民政府« 2023 »年"
fix = "safe"
fixed = "2023"

[[quiet]]
name = "sample-draft"

[[quiet]]
name = "markdown"
draft = {{ form = "markdown" }}
"""

TEST = """from __future__ import annotations

import pytest

import {package}
from {package}.{module} import title_year_spacing
from nianbao.testing import Case, case_file, check_case, load_cases


# One test per case of {module}.cases.toml, the file next to the rule.
@pytest.mark.parametrize("case", load_cases(case_file(title_year_spacing)), ids=lambda case: case.id)
def test_title_year_spacing(case: Case) -> None:
    check_case(case, plugins=[{package}])
"""

README = """# nianbao-{name}

A plugin for nianbao, the linter of 政府信息公开工作年度报告 (code prefix `{prefix}`).

```sh
pip install -e .            # in the environment where nianbao is installed
nianbao plugins             # {prefix}  nianbao-{name} 0.1.0 … 已加载
nianbao explain {prefix}101
pip install -e '.[test]' && pytest
```

- `pyproject.toml` — the entry point `{prefix} = "{package}"` under `[project.entry-points.nianbao]`;
- `{package}/__init__.py` — hook implementations (`nianbao_rules`, and optionally
  `nianbao_template_variants`, `nianbao_config_defaults`);
- `{package}/{module}.py` — a sample rule: code, name, severity, summary, documentation, fix;
- `{package}/{module}.cases.toml` — its cases: drafts it must report (message, marked text, fix)
  and near misses it must leave alone (format: nianbao's `docs/testing.md`);
- `tests/` — runs each case as a test with `nianbao.testing`.
"""


def new_plugin(name: str, prefix: str | None, parent: Path) -> Path:
    """Write the plugin package for *name* under *parent*; return its directory."""
    if not _NAME.match(name):
        raise UsageError(f"插件名“{name}”应为小写英文字母开头，只含小写字母、数字、- 和 _")
    prefix = (prefix or re.sub(r"[^a-z]", "", name)[:2]).upper()
    if not _PREFIX.match(prefix) or prefix == "NB":
        raise UsageError(f"代码前缀“{prefix}”不可用：应为 1–3 个大写字母，且不能是 NB（用 --prefix 指定）")
    target = parent / name
    if target.exists():
        raise UsageError(f"{target} 已存在")
    package = "nianbao_" + name.replace("-", "_")
    module = f"{prefix.lower()}101_title_year_spacing"
    values = {"name": name, "prefix": prefix, "package": package, "module": module}
    files = {
        "pyproject.toml": PYPROJECT,
        "README.md": README,
        f"{package}/__init__.py": INIT,
        f"{package}/{module}.py": RULE,
        f"{package}/{module}.cases.toml": CASES,
        f"tests/test_{package}.py": TEST,
    }
    for rel, template in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**values), encoding="utf-8")
    return target
