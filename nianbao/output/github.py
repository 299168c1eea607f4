"""``--format github``: GitHub Actions workflow commands, rendered as annotations on the lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from . import FileResult, location, related_in, result_span, shown

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Iterable[FileResult], stream: IO[str]) -> None:
    for result in results:
        for f in result.findings:
            line, col, end_line, end_col = result_span(result, f.start, f.end)
            where = location(result, f.start, f.end)
            message = f"{f.code} {f.message}"
            props = f"file={_prop(shown(result.path))}"
            if where is None or where.line is not None:
                props += f",line={line},col={col},endLine={end_line},endColumn={end_col}"
            if where is not None:  # a .docx or PDF has no lines GitHub could show: name the place
                message = f"{f.code} {where.label()}：{f.message}"
            for r in f.related:  # an annotation sits in one file: name places in another (last year's report)
                if r.path and r.path != result.path:
                    target = related_in(result, r)
                    elsewhere = location(target, r.start, r.end)
                    line_col = (
                        elsewhere.label() if elsewhere else ":".join(map(str, result_span(target, r.start, r.end)[:2]))
                    )
                    message += f"\n{r.message}：{shown(target.path)}:{line_col}"
            props += f",title={_prop(f'{f.code} {f.name}'.strip())}"
            stream.write(f"::{_LEVEL.get(f.severity, 'error')} {props}::{_data(message)}\n")
