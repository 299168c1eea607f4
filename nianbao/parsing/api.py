"""The parse entry point: Source → Report, whatever the surface form."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..forms import form_for_path
from ..model import Report
from ..source import Source
from ..suppression import find_directives
from ..template import DEFAULT_TEMPLATES, TemplateSet
from .lines import segment
from .outline import build_outline
from .runon import split_run_on

if TYPE_CHECKING:  # tree-sitter is imported only for Markdown drafts
    from .markdown import IncrementalParser

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


def mask_comments(text: str) -> str:
    """HTML comments (suppression directives) turned into spaces, keeping every offset."""
    if "<!--" not in text:
        return text
    return _HTML_COMMENT.sub(lambda m: re.sub(r"[^\r\n]", " ", m.group()), text)


def parse(
    source: Source,
    path: str = "-",
    form: str | None = None,
    templates: TemplateSet = DEFAULT_TEMPLATES,
    overrides: Mapping[str, object] | None = None,
    markdown: IncrementalParser | None = None,
) -> Report:
    form = form or form_for_path(path)
    report = Report(source, path, form, templates=templates, overrides=dict(overrides or {}))
    text = source.text
    index = source.index
    report.directives = find_directives(text, index)
    masked = mask_comments(text)
    report.masked = masked
    bounds = split_run_on(masked, index.all_bounds())
    if form == "markdown":
        from .markdown import markdown_blocks

        build_outline(report, masked, markdown_blocks(masked, bounds, markdown))
    else:
        build_outline(report, masked, segment(masked, bounds))
    return report


def parse_text(text: str, path: str = "-", **kwargs: Any) -> Report:
    return parse(Source.from_text(text), path, **kwargs)
