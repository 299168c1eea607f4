"""The report's outline for the editor: title, the six sections, their sub-items and tables."""

from __future__ import annotations

from lsprotocol import types

from nianbao.template import TABLE_NAMES, TABLE_TITLES

from .checker import Checked
from .documents import lsp_range


def document_symbols(checked: Checked) -> list[types.DocumentSymbol]:
    report = checked.report
    if report is None:
        return []

    def rng(start: int, end: int) -> types.Range:
        return lsp_range(checked.index, checked.encoding, start, end)

    out: list[types.DocumentSymbol] = []
    if report.title:
        t = report.title
        out.append(
            types.DocumentSymbol(
                name=t.text.replace("\n", ""),
                kind=types.SymbolKind.File,
                range=rng(t.start, t.end),
                selection_range=rng(t.start, t.end),
            )
        )
    for s in report.sections:
        children = [
            types.DocumentSymbol(
                name=f"（{i.ordinal}）{i.title}",
                kind=types.SymbolKind.Key,
                range=rng(i.start, i.end),
                selection_range=rng(i.title_start, i.title_end),
            )
            for i in s.items
        ]
        children += [
            types.DocumentSymbol(
                name=f"{TABLE_NAMES[t.kind]} {TABLE_TITLES[t.kind]}",
                kind=types.SymbolKind.Struct,
                detail=f"{t.template} 年模板" if t.template else None,
                range=rng(t.start, t.end),
                selection_range=rng(t.start, t.grid.rows[0].end),
            )
            for t in s.tables
            if t.kind in TABLE_NAMES
        ]
        children.sort(key=lambda c: (c.range.start.line, c.range.start.character))
        end = max(s.end, s.heading_end)
        out.append(
            types.DocumentSymbol(
                name=f"{s.numeral}、{s.title}",
                kind=types.SymbolKind.Namespace,
                range=rng(s.start, end),
                selection_range=rng(s.title_start, s.title_end),
                children=children or None,
            )
        )
    sig = report.signature
    if sig is not None:
        start = sig.agency_start if sig.agency else sig.date_start
        end = sig.date_end if sig.date else sig.agency_end
        out.append(
            types.DocumentSymbol(
                name="落款", kind=types.SymbolKind.Event, range=rng(start, end), selection_range=rng(start, end)
            )
        )
    return out
