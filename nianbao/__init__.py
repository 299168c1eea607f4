"""nianbao — a linter for 政府信息公开工作年度报告 (government information-disclosure annual reports).

The public API for plugins and scripts: `rule`, `Rule`, `Finding`, `Fix`, `Edit`, `Related`,
`Fixable`, `hookimpl`, `TemplateVariants`, `Alias`, `Report` (the parsed draft), and for
cross-year rules `year_rule` and `ReportDigest` (a report as other years see it).
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


__all__ = sorted(_LAZY) + ["__version__"]
