"""Inline suppression comments and the filter they apply to findings.

``<!-- nianbao-disable NB203 -->`` … ``<!-- nianbao-enable NB203 -->`` (a range; no codes = all),
``<!-- nianbao-disable-next-line NB502 -->``, ``<!-- nianbao-disable-line NB502 -->`` (on the line
itself) and ``<!-- nianbao-disable-file NB9 -->``. Codes may be prefixes (``NB2``) and are separated
by spaces or commas. HTML comments are invisible when Markdown is rendered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .lazyre import lazy
from .model import Directive

if TYPE_CHECKING:
    from .ruledef import Finding
    from .source import LineIndex

DIRECTIVE = lazy(
    r"<!--\s*nianbao-(?P<action>disable-next-line|disable-line|disable-file|disable|enable)\b(?P<codes>[^>]*)-->"
)
_CODE = re.compile(r"[A-Z]+[0-9]*")


def find_directives(text: str, index: LineIndex) -> list[Directive]:
    if "nianbao-" not in text:
        return []
    return [
        Directive(
            m.group("action"), tuple(_CODE.findall(m.group("codes"))), index.line_of(m.start()), m.start(), m.end()
        )
        for m in DIRECTIVE.finditer(text)
    ]


def _covers(codes: tuple[str, ...], code: str) -> bool:
    return not codes or any(code.startswith(c) for c in codes)


def is_suppressed(code: str, line: int, directives: Iterable[Directive]) -> bool:
    """Whether a finding of *code* on 0-based *line* is silenced by the directives."""
    suppressed = False
    for d in directives:
        if not _covers(d.codes, code):
            continue
        if d.action == "disable-file":
            return True
        if d.action == "disable-line" and d.line == line:
            return True
        if d.action == "disable-next-line" and d.line + 1 == line:
            return True
        if d.line <= line:
            if d.action == "disable":
                suppressed = True
            elif d.action == "enable":
                suppressed = False
    return suppressed


def filter_findings(findings: list[Finding], directives: list[Directive]) -> list[Finding]:
    if not directives:
        return findings
    return [f for f in findings if not is_suppressed(f.code, f.line, directives)]
