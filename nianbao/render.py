"""Rendering template pieces as draft text (headings, empty tables) for insertion fixes.

Rendered tables are parsed back by the same parser, so an inserted table is a table.
"""

from __future__ import annotations

from .template import T3_COLUMNS, T4_COLUMNS, T4_GROUPS, SectionSpec, t2_blocks, t3_rows

T3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _rows(kind: str, template: str) -> list[list[str]]:
    if kind == "t2":
        rows: list[list[str]] = []
        width = 1 + max(len(b.columns) for b in t2_blocks(template))
        for block in t2_blocks(template):
            rows.append([block.header] + [""] * (width - 1))
            rows.append(["信息内容"] + [c.label for c in block.columns] + [""] * (width - 1 - len(block.columns)))
            rows.extend([r.label] + [""] * len(block.columns) + [""] * (width - 1 - len(block.columns)) for r in block.rows)
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
            body.append(cells + [""] * n)
        return head + body
    width = len(T4_GROUPS) * len(T4_COLUMNS)
    return [
        ["行政复议"] + [""] * 4 + ["行政诉讼"] + [""] * 9,
        [c.label for c in T4_COLUMNS] + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4,
        [""] * 5 + [c.label for c in T4_COLUMNS] * 2,
        [""] * width,
    ]


def render_table(kind: str, template: str, form: str) -> str:
    """An empty template table (blank value cells, to be filled in) in the draft's surface form."""
    rows = _rows(kind, template)
    if form == "markdown":
        width = max(len(r) for r in rows)
        lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
        lines.insert(1, "|" + "---|" * width)
        return "\n".join(lines)
    return "\n".join("\t".join(r) for r in rows)


def render_heading(spec: SectionSpec, form: str, level: int = 0) -> str:
    return ("#" * level + " " if form == "markdown" and level else "") + spec.heading
