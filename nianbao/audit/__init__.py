"""``nianbao report``: an audit report over many drafts, for the offices that check them — one
self-contained HTML file (`html`) or an Excel workbook (`xlsx`), both rendered from one `model.Audit`.

Imported only by that command: plotly and openpyxl never load for ``nianbao check``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UsageError, why

if TYPE_CHECKING:
    from ..plugins import Registry
    from ..results import FileResult
    from .model import Audit

SUFFIXES = (".html", ".htm", ".xlsx")


def check_output(path: Path) -> None:
    """`UsageError` unless *path* names a format we write in a folder that is there (decided
    before any draft is checked)."""
    if path.suffix.lower() not in SUFFIXES:
        raise UsageError(f"不支持的报告格式：{path.name}（文件名应以 .html 或 .xlsx 结尾）")
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"无法写入 {path}：{f'目录 {folder} 不存在' if not folder.exists() else f'{folder} 不是目录'}")


def write(results: Sequence[FileResult], registry: Registry, inputs: Sequence[str], output: Path) -> Audit:
    """Write the audit of *results* to *output* (format by its suffix) and return it."""
    from .model import build

    check_output(output)
    audit = build(results, registry, inputs)
    try:
        if output.suffix.lower() == ".xlsx":
            from .xlsx import write as write_xlsx

            write_xlsx(audit, output)
        else:
            from .html import render

            output.write_text(render(audit), encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"无法写入 {output}：{why(exc)}") from exc
    return audit
