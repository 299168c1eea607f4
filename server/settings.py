"""Configuration in the server: the workspace's nianbao.toml / [tool.nianbao] (re-read when they
change) with the editor's settings (section ``nianbao``: select, ignore, severity) on top.

Local plugins are code in the user's folder: they load only when the editor said, in the
``initializationOptions``, that the workspace is trusted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nianbao.engine import Linter, Selection
from nianbao.errors import UsageError
from nianbao.plugins import build_registry
from nianbao.resolver import Resolver
from nianbao.results import FileResult
from nianbao.ruledef import SAFE, SEVERITIES
from nianbao.source import Source
from nianbao.walk import walk

from .checker import Checked
from .documents import Document
from .years import WorkspaceReports


@dataclass
class EditorSettings:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, raw: Any, report: Callable[[str], None]) -> EditorSettings:
        """Read the ``nianbao`` settings section, reporting (not failing on) values of the wrong type."""
        if not isinstance(raw, dict):
            return cls()
        out = cls()
        select = raw.get("select")
        if isinstance(select, list) and all(isinstance(c, str) for c in select) and select:
            out.select = [c.upper() for c in select]
        elif select not in (None, []):
            report("设置 nianbao.select 应为规则代码列表，已忽略")
        ignore = raw.get("ignore")
        if isinstance(ignore, list) and all(isinstance(c, str) for c in ignore):
            out.ignore = [c.upper() for c in ignore]
        elif ignore is not None:
            report("设置 nianbao.ignore 应为规则代码列表，已忽略")
        severity = raw.get("severity")
        if isinstance(severity, dict):
            for code, level in severity.items():
                if level in SEVERITIES:
                    out.severity[str(code).upper()] = level
                else:
                    report(f"设置 nianbao.severity.{code} 应为 {' / '.join(SEVERITIES)} 之一，已忽略")
        return out


class Settings:
    def __init__(self, report: Callable[[str], None], trusted: bool = False) -> None:
        self.report = report
        self.trusted = trusted
        self.editor = EditorSettings()
        self.resolver = Resolver(report=report, allow_local_plugins=trusted, watch_local_plugins=True)
        excluded = self.resolver.base_config
        self.reports = WorkspaceReports(self.resolver, lambda root: walk(root, lambda p: excluded(p).is_excluded(p)))

    def reload(self) -> None:
        """A configuration file changed: forget what was loaded."""
        self.resolver.forget()
        self.reports.forget()

    def linter_for(self, doc: Document) -> tuple[Linter, Selection]:
        path = doc.path
        try:
            registry = self.resolver.registry(path)
            selection = self.resolver.selection(
                path, select=self.editor.select, extra_ignore=self.editor.ignore, severity=self.editor.severity
            )
        except UsageError as exc:  # a bad nianbao.toml or setting: say so, and lint with the defaults
            self.report(f"{exc}；暂按默认配置检查")
            return Linter(build_registry()), Selection()
        # with last year's report when the workspace holds it: quick fixes and fix-all include the
        # cross-year rules' fixes
        return Linter(registry, previous=self.reports.previous(path, selection)), selection

    def lint(self, doc: Document) -> Checked:
        """Check one snapshot; runs in the checker's worker thread."""
        linter, selection = self.linter_for(doc)
        source = Source.from_text(doc.text)
        result = linter.check(source, doc.name, selection, markdown=doc.markdown, form=doc.form)
        return Checked(doc.uri, doc.version, doc.encoding, result, linter.registry.rules, doc.form)

    def fix_all(self, doc: Document, checked: Checked) -> FileResult | None:
        """*checked*'s text with every safe fix applied to a fixpoint, as ``nianbao check --fix``
        does, or None when there is nothing to fix. Lints up to ten times: run it in the checker's
        worker, like every lint."""
        if not any(f.fix and f.fix.applicability == SAFE for f in checked.findings):
            return None
        linter, selection = self.linter_for(doc)
        fixed = linter.fix(Source.from_text(checked.text), checked.result.path, selection, form=checked.form)
        return fixed if fixed.fixed and fixed.source is not None and fixed.source.text != checked.text else None
