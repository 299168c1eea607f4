"""``--format github``: GitHub Actions workflow commands, rendered as annotations on the lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO

from . import FileResult, shown, span

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Sequence[FileResult], stream: IO[str]) -> None:
    for result in results:
        for f in result.findings:
            line, col, end_line, end_col = span(result.source, f.start, f.end)
            name = f.name
            props = f"file={_prop(shown(result.path))},line={line},col={col},endLine={end_line},endColumn={end_col}"
            props += f",title={_prop(f'{f.code} {name}'.strip())}"
            stream.write(f"::{_LEVEL.get(f.severity, 'error')} {props}::{_data(f'{f.code} {f.message}')}\n")
