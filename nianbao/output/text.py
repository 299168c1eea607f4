"""Human output: ``path:line:col: CODE message``, the source line with a marker, a summary."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from ..ruledef import APPLICABILITY_LABEL, ERROR, SAFE, SEVERITY_LABEL, SUGGESTED, WARNING
from ..textutil import display_width
from . import FileResult, excerpt, location, position, related_in, shown

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from typing import IO

_COLOURS = {ERROR: "\033[31m", WARNING: "\033[33m"}
_BOLD, _DIM, _RESET, _CYAN, _MARK = "\033[1m", "\033[2m", "\033[0m", "\033[36m", "\033[31m"


def use_colour(stream: IO[str]) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _expand(text: str) -> str:
    out: list[str] = []
    for ch in text:
        out.append(" " * (4 - display_width("".join(out)) % 4) if ch == "\t" else ch)
    return "".join(out)


def render(results: Iterable[FileResult], stream: IO[str], colour: bool, show_source: bool = True) -> None:
    def c(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if colour else text

    counts = {ERROR: 0, WARNING: 0}
    fixable = {SAFE: 0, SUGGESTED: 0}
    fixed = failed = 0
    for result in results:
        fixed += result.fixed
        failed += bool(result.error)
        for f in result.findings:
            counts[f.severity] = counts.get(f.severity, 0) + 1
            if f.fix and f.fix.applicability in fixable:  # not MANUAL: --fix cannot make it
                fixable[f.fix.applicability] += 1
            where = location(result, f.start, f.end)
            code = c(_COLOURS.get(f.severity, _CYAN) + _BOLD, f.code)
            stream.write(f"{c(_BOLD, shown(result.path))}:{_place(result, f.start, f.end)}: {code} {f.message}\n")
            if show_source and where is not None:
                _excerpt(stream, where.excerpt, where.span, c)
            elif show_source and result.source is not None:
                _snippet(stream, result, f.start, f.end, c)
            for r in f.related:  # places in another file (last year's report): where to look there
                if r.path and r.path != result.path:
                    target = related_in(result, r)
                    stream.write(
                        f"    = {c(_CYAN, '相关')}：{shown(target.path)}:{_place(target, r.start, r.end)}：{r.message}\n"
                    )
            if f.fix:
                label = APPLICABILITY_LABEL[f.fix.applicability]
                stream.write(f"    = {c(_CYAN, label)}：{f.fix.description}\n")
            if show_source:
                stream.write("\n")
    total = sum(counts.values())
    parts = [f"{SEVERITY_LABEL[s]} {n}" for s, n in counts.items() if n]
    if total == 0:
        summary = "没有发现问题。"
    else:
        summary = f"共发现 {total} 个问题（{'，'.join(parts)}）。"
        hints = []
        if fixable[SAFE]:
            hints.append(f"{fixable[SAFE]} 个可用 --fix 自动修复")
        if fixable[SUGGESTED]:
            hints.append(f"{fixable[SUGGESTED]} 个有建议修复（--unsafe-fixes 或编辑器中应用）")
        if hints:
            summary += "其中 " + "，".join(hints) + "。"
    if fixed:
        summary = f"已修复 {fixed} 个问题。" + ("剩余问题：" + summary if total else "")
    if failed:  # said on stderr: the summary must not read as if every file were clean
        summary += f"另有 {failed} 个文件出错（见错误信息）。"
    stream.write(c(_BOLD, summary) + "\n")


def _place(result: FileResult, start: int, end: int) -> str:
    """``line:col`` of a span, or for a .docx or PDF ``第2页`` (the document's own terms)."""
    where = location(result, start, end)
    if where is not None:
        return where.label()
    line, col = position(result.source, start)
    return f"{line}:{col}"


def _snippet(stream: IO[str], result: FileResult, start: int, end: int, c: Callable[[str, str], str]) -> None:
    if result.source is None:
        return
    part = excerpt(result.source, start, end)
    text = part.text
    prefix = _expand(text[: part.start])
    width = max(1, display_width(_expand(text[: part.end])) - display_width(prefix))
    more = " …" if part.more else ""
    line = part.line
    gutter = " " * len(str(line + 1))
    stream.write(f"{c(_DIM, gutter + ' |')}\n")
    stream.write(f"{c(_DIM, str(line + 1) + ' |')} {_expand(text)}\n")
    stream.write(f"{c(_DIM, gutter + ' |')} {' ' * display_width(prefix)}{c(_MARK, '^' * width)}{more}\n")


def _excerpt(stream: IO[str], excerpt: str, span: tuple[int, int], c: Callable[[str, str], str]) -> None:
    """A document's paragraph or table row (cells two spaces apart) with a marker under the span."""
    if not excerpt:
        return
    s, e = span
    prefix = display_width(excerpt[:s])
    width = max(1, display_width(excerpt[:e]) - prefix)
    stream.write(f"{c(_DIM, '  |')}\n")
    stream.write(f"{c(_DIM, '  |')} {excerpt}\n")
    stream.write(f"{c(_DIM, '  |')} {' ' * prefix}{c(_MARK, '^' * width)}\n")
