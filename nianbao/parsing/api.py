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
from .patterns import delimiter_row
from .runon import split_run_on

if TYPE_CHECKING:  # tree-sitter is imported only for Markdown drafts
    from .markdown import IncrementalParser

# An unclosed <!-- matches to the end and stops the scan: without \Z every <!-- rescanned the rest.
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_ATX_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)
_DELIMITER_ROW = delimiter_row("-{3,}", r"[ \t]", "+", re.M)  # two columns at least: a lone --- is a rule


def looks_like_markdown(text: str) -> bool:
    """Text whose structure is written in Markdown: two or more ``#`` headings, or a pipe table with
    its ``|---|`` delimiter row (plain-text pipe rows never have one)."""
    # Most drafts have neither a "#" nor a "---": no need to try the patterns at every line.
    if "#" in text and len(_ATX_HEADING.findall(text, 0, 200_000)) >= 2:
        return True
    return "---" in text and _DELIMITER_ROW.search(text) is not None


def mask_comments(text: str) -> str:
    """HTML comments (suppression directives) turned into spaces, keeping every offset."""
    if "<!--" not in text:
        return text
    return _HTML_COMMENT.sub(_blanked, text)


def _blanked(comment: re.Match[str]) -> str:
    """A closed comment as spaces (line breaks kept); an unclosed ``<!--`` left as it is."""
    text = comment.group()
    return re.sub(r"[^\r\n]", " ", text) if text.endswith("-->") else text


def parse(
    source: Source,
    path: str = "-",
    form: str | None = None,
    templates: TemplateSet = DEFAULT_TEMPLATES,
    overrides: Mapping[str, object] | None = None,
    markdown: IncrementalParser | None = None,
) -> Report:
    if form is None:
        form = form_for_path(path)
        if form == "text" and looks_like_markdown(source.text):
            form = "markdown"  # a .txt holding Markdown (## headings, |---| tables), as some tools save it
    report = Report(source, path, form, templates=templates, overrides=dict(overrides or {}))
    text = source.text
    index = source.index
    report.directives = find_directives(text, index)
    masked = mask_comments(text)
    report.masked = masked
    bounds = split_run_on(masked, index.all_bounds())
    if form == "markdown":
        from .markdown import markdown_blocks

        build_outline(report, masked, markdown_blocks(masked, report.folded, bounds, markdown))
    else:
        build_outline(report, masked, segment(masked, report.folded, bounds))
    return report


def parse_text(text: str, path: str = "-", **kwargs: Any) -> Report:
    return parse(Source.from_text(text), path, **kwargs)
