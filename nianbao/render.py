"""Rendering template pieces as draft text (headings, tables) for insertion fixes and sample drafts.

Rendered tables are parsed back by the same parser, so an inserted table is a table. Values are
keyed like `Table.cells`: (`RowSpec`, `ColumnSpec`); a missing value renders as a blank cell.
"""

from __future__ import annotations

from collections.abc import Mapping

from .template import T3_COLUMNS, T4_COLUMNS, T4_ROWS, T4_WIDTH, CellKey, SectionSpec, t2_blocks, t3_rows

T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
FORMS = ("tab", "pipe", "cells", "markdown")

Values = Mapping[CellKey, str]


def _rows(kind: str, template: str, values: Values) -> list[list[str]]:
    if kind == "t2":
        rows: list[list[str]] = []
        width = 1 + max(len(b.columns) for b in t2_blocks(template))
        for block in t2_blocks(template):
            pad = [""] * (width - 1 - len(block.columns))
            rows.append([block.header] + [""] * (width - 1))
            rows.append(["信息内容"] + [c.label for c in block.columns] + pad)
            rows.extend([r.label] + [values.get((r, c), "") for c in block.columns] + pad for r in block.rows)
        return rows
    if kind == "t3":
        n = len(T3_COLUMNS)
        head = [
            [T3_CORNER, "", "", "申请人情况"] + [""] * (n - 1),
            ["", "", "", "自然人", "法人或其他组织"] + [""] * (n - 3) + ["总计"],
            ["", "", "", ""] + [c.label for c in T3_COLUMNS[1:-1]] + [""],
        ]
        body = []
        previous: list[str] = ["", "", ""]
        for spec in t3_rows(template):
            parts = (list(spec.path) + ["", ""])[:3]
            # Repeated group labels are left empty, as merged cells come out of Word.
            cells = [p if p != q else "" for p, q in zip(parts, previous)]
            previous = parts
            body.append(cells + [values.get((spec, c), "") for c in T3_COLUMNS])
        return head + body
    return [
        ["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * (T4_WIDTH - 6),
        [c.label for c in T4_COLUMNS] + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4,
        [""] * 5 + [c.label for c in T4_COLUMNS] * 2,
        [values.get((g, c), "") for g in T4_ROWS for c in T4_COLUMNS],
    ]


def render_table(kind: str, template: str, form: str, values: Values | None = None) -> str:
    """Table 2, 3 or 4 of *template* in a surface form (tab, pipe, cells, markdown); text form = tab."""
    rows = _rows(kind, template, values or {})
    if form == "markdown":
        width = max(len(r) for r in rows)
        lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
        lines.insert(1, "|" + "---|" * width)
        return "\n".join(lines)
    if form == "pipe":
        return "\n".join(" | ".join(r) + " |" for r in rows)
    if form == "cells":
        return "\n\n".join("\n".join("\t" + cell for cell in r) for r in rows)
    return "\n".join("\t".join(r) for r in rows)


def render_heading(spec: SectionSpec, form: str, level: int = 0) -> str:
    return ("#" * level + " " if form == "markdown" and level else "") + spec.heading
