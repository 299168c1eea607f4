"""nianbao — a linter for 政府信息公开工作年度报告 (government information-disclosure annual reports).

Plugin authors import from `nianbao.api` (the complete, documented interface). The names below are
also available here, imported on first use so that ``import nianbao`` costs nothing on the CLI's path.
"""

from __future__ import annotations

# Not `from typing import TYPE_CHECKING`: typing costs ~2 ms to import and every run starts here.
TYPE_CHECKING = False

__version__ = "0.1.0"

# Attributes are imported on first use so that `import nianbao` costs nothing on the CLI's path.
_LAZY = {
    "rule": ("ruledef", "rule"),
    "Rule": ("ruledef", "Rule"),
    "Finding": ("ruledef", "Finding"),
    "Fix": ("ruledef", "Fix"),
    "Edit": ("ruledef", "Edit"),
    "Related": ("ruledef", "Related"),
    "ERROR": ("ruledef", "ERROR"),
    "WARNING": ("ruledef", "WARNING"),
    "INFO": ("ruledef", "INFO"),
    "SAFE": ("ruledef", "SAFE"),
    "SUGGESTED": ("ruledef", "SUGGESTED"),
    "Fixable": ("ruledef", "Fixable"),
    "year_rule": ("ruledef", "year_rule"),
    "ReportDigest": ("digest", "ReportDigest"),
    "hookimpl": ("hookspec", "hookimpl"),
    "TemplateVariants": ("template", "TemplateVariants"),
    "Alias": ("template", "Alias"),
    "Report": ("model", "Report"),
}

if TYPE_CHECKING:
    from typing import Any

    from .digest import ReportDigest
    from .hookspec import hookimpl
    from .model import Report
    from .ruledef import (
        ERROR,
        INFO,
        SAFE,
        SUGGESTED,
        WARNING,
        Edit,
        Finding,
        Fix,
        Fixable,
        Related,
        Rule,
        rule,
        year_rule,
    )
    from .template import Alias, TemplateVariants


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module 'nianbao' has no attribute {name!r}")


# Static, so that type checkers and IDEs see the public names (a test keeps it equal to _LAZY's keys).
__all__ = [
    "ERROR",
    "INFO",
    "SAFE",
    "SUGGESTED",
    "WARNING",
    "Alias",
    "Edit",
    "Finding",
    "Fix",
    "Fixable",
    "Related",
    "Report",
    "ReportDigest",
    "Rule",
    "TemplateVariants",
    "__version__",
    "hookimpl",
    "rule",
    "year_rule",
]
