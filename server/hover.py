"""Hover over a finding: the message, the concrete numbers, and the rule's documentation."""

from __future__ import annotations

from lsprotocol import types

from nianbao.ruledef import APPLICABILITY_LABEL, SEVERITY_LABEL

from .checker import Checked
from .documents import lsp_range


def hover(checked: Checked, offset: int) -> types.Hover | None:
    hits = [f for f in checked.findings if f.start <= offset < f.end or f.start == f.end == offset]
    if not hits:
        return None
    parts = []
    for f in hits:
        rule = checked.rules.get(f.code)
        head = f"**{f.code}** `{rule.name if rule else ''}`（{SEVERITY_LABEL.get(f.severity, f.severity)}"
        if f.fix:
            head += f"，{APPLICABILITY_LABEL[f.fix.applicability]}：{f.fix.description}"
        parts.append(head + "）\n\n" + f.message)
        if f.detail:
            parts.append(f"```text\n{f.detail}\n```")
        if f.related:
            parts.append("\n".join(f"- {r.message}" + (f"（{r.path}）" if r.path else "") for r in f.related))
        if rule:
            parts.append(f"---\n\n**{rule.summary}**（来自 {rule.origin}）\n\n{rule.doc}")
    first = hits[0]
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(parts)),
        range=lsp_range(checked.index, checked.encoding, first.start, first.end),
    )
