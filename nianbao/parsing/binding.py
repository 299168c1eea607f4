"""Recognise a grid as template table 2, 3 or 4 and key its cells to template rows and columns.

Fuzzy label matching happens here, once: labels are compared by their standard core (normalised,
spaces removed, full-width folded), known nonstandard aliases are recorded for NB502, and values
are taken by count after the last label cell (see docs/architecture.md, "Decisions").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import BoundCell, Cell, Grid, LabelMatch, Row, Section, Table
from ..template import (
    OBSOLETE_TABLE_MARKERS,
    T2_BLOCKS,
    T2_HEADER_CORE,
    T3_COLUMNS,
    T3_GROUP_LABELS,
    T3_ROWS,
    T3_SUBTOTAL_COLUMN,
    T3_SUBTOTAL_CORES,
    T3_TOP_ORDINALS,
    T4_COLUMNS,
    T4_GROUPS,
    T2019,
    T2021,
    TABLE_MARKERS,
    Alias,
    ColumnSpec,
    RowSpec,
    TemplateSet,
)
from .cells import is_label_like, is_value_like

_SPLIT_MARKERS = {"t2": ("第二十条",), "t3": ("勾稽关系", "申请人情况", "本年新收"), "t4": ("行政复议",)}
_ARTICLE = re.compile(r"第二十条第?\(?([一二三四五六七八九十]+)\)?项")
_TOP = re.compile(r"^([一二三四])[、.,]")
_GROUP = re.compile(r"^\(([一二三四五六七])\)")
_ITEM = re.compile(r"^(\d{1,2})[.、,]")
_GROUP_BY_ORDINAL = {
    "一": "granted",
    "二": "partial",
    "三": "denied",
    "四": "unable",
    "五": "unprocessed",
    "六": "other",
    "七": "total",
}
_T4_WIDTH = len(T4_GROUPS) * len(T4_COLUMNS)


def bind_grid(grid: Grid, section: Section | None, templates: TemplateSet) -> list[Table]:
    tables = []
    for part in _split(grid):
        table = Table(part, _classify(part, section))
        if table.kind == "t2":
            _bind_t2(table, templates)
        elif table.kind == "t3":
            _bind_t3(table, templates)
        elif table.kind == "t4":
            _bind_t4(table, templates)
        tables.append(table)
    return tables


def _split(grid: Grid) -> list[Grid]:
    """Cut a grid where a row starts a different table (two tables with no heading between)."""
    parts: list[list[Row]] = [[]]
    current: str | None = None
    for row in grid.rows:
        hint = _row_hint(row)
        if hint and current and hint != current and parts[-1]:
            parts.append([])
            current = hint
        elif hint and current is None:
            current = hint
        parts[-1].append(row)
    return [Grid(rows, grid.form, rows[0].start, rows[-1].end) for rows in parts if rows]


def _row_hint(row: Row) -> str | None:
    text = row.norm
    for kind, markers in _SPLIT_MARKERS.items():
        if any(m in text for m in markers):
            return kind
    return None


def _classify(grid: Grid, section: Section | None) -> str | None:
    text = "\x00".join(row.norm for row in grid.rows)
    scores = {kind: sum(text.count(m) for m in markers) for kind, markers in TABLE_MARKERS.items()}
    obsolete = sum(text.count(m) for m in OBSOLETE_TABLE_MARKERS)
    best = max(scores, key=lambda k: scores[k])
    if scores[best] >= 2 and scores[best] > obsolete:
        return best
    if obsolete >= 2:
        return "obsolete"
    if section and section.spec and section.spec.table:
        return section.spec.table
    return None


# --- shared helpers --------------------------------------------------------------------------


def _label_zone(cells: Sequence[Cell]) -> tuple[list[Cell], list[Cell]]:
    """Split a row into its leading label cells (blanks included) and the value cells after them."""
    i = 0
    while i < len(cells) and (cells[i].is_blank or is_label_like(cells[i])):
        i += 1
    return list(cells[:i]), list(cells[i:])


def _fit(zone: list[Cell], values: list[Cell], width: int) -> list[Cell]:
    """Exactly *width* value cells if the row allows it: merged-cell placeholders are dropped,
    and blank cells just before the first number are taken back when values are short."""
    values = list(values)
    spare = zone[_last_label(zone) + 1 :]  # blanks between the last label and the first value
    while len(values) < width and spare:
        values.insert(0, spare.pop())
    while len(values) > width and values[0].is_blank:
        values.pop(0)
    while len(values) > width and values[-1].is_blank:
        values.pop()
    return values


def _last_label(zone: list[Cell]) -> int:
    for i in range(len(zone) - 1, -1, -1):
        if not zone[i].is_blank:
            return i
    return -1


def _matches(norm: str, cores: Iterable[str]) -> int:
    """Length of the best core found in *norm* (0 when none): longer cores are more specific."""
    best = 0
    for core in cores:
        if core.startswith("="):
            if norm == core[1:]:
                best = max(best, len(core))
        elif core in norm:
            best = max(best, len(core))
    return best


def _apply_aliases(cell: Cell, norm: str, aliases: Iterable[Alias], scope: str, labels: list[LabelMatch]) -> str:
    """Record known nonstandard labels in *cell* and return *norm* with them standardised."""
    for alias in aliases:
        if alias.whole:
            if norm != alias.wrong:
                continue
        elif alias.wrong not in norm:
            continue
        normalized = cell.normalized()
        i = normalized.text.find(alias.wrong)
        if i < 0:
            continue
        start, end = normalized.span(i, i + len(alias.wrong))
        labels.append(LabelMatch(cell, scope, alias.right, alias, start, end))
        norm = norm.replace(alias.wrong, alias.right)
    return norm


def _match_column(
    cell: Cell, specs: Sequence[ColumnSpec], aliases: Iterable[Alias], scope: str, labels: list[LabelMatch]
) -> ColumnSpec | None:
    norm = _apply_aliases(cell, cell.norm, aliases, scope, labels)
    best, best_len = None, 0
    for spec in specs:
        n = _matches(norm, spec.cores)
        if n > best_len:
            best, best_len = spec, n
    return best


def _bind_cells(
    table: Table,
    key: str,
    label: str,
    spec: RowSpec | None,
    row: Row,
    columns: Sequence[ColumnSpec],
    values: list[Cell],
) -> None:
    if key in table.rows:
        return  # a repeated row keeps its first occurrence
    table.rows[key] = row
    if spec:
        table.row_specs[key] = spec
    for column, cell in zip(columns, values):
        table.cells[(key, column.key)] = BoundCell(cell, label, column, spec)


# --- table 3 ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _T3Context:
    group: str | None = None


def _bind_t3(table: Table, templates: TemplateSet) -> None:
    aliases_col = templates.aliases_for("t3-col", None)
    aliases_row = templates.aliases_for("t3-row", None)
    rows = table.grid.rows
    first_data = next((i for i, r in enumerate(rows) if _is_t3_data(r)), len(rows))
    found: dict[str, ColumnSpec] = {}
    for row in rows[:first_data]:
        for cell in row.cells:
            if not cell.is_blank:
                column = _match_column(cell, T3_COLUMNS + (T3_SUBTOTAL_COLUMN,), aliases_col, "t3-col", table.labels)
                if column:
                    found.setdefault(column.key, column)
    columns = list(T3_COLUMNS)
    if "subtotal" in found:
        columns.insert(len(columns) - 1, T3_SUBTOTAL_COLUMN)
    table.columns = tuple(columns)
    width = len(columns)

    ctx = _T3Context()
    pending: list[Cell] = []
    for row in rows[first_data:]:
        zone, values = _label_zone(row.cells)
        labels = pending + [c for c in zone if not c.is_blank]
        if not values and len(zone) - 1 - _last_label(zone) < width:
            pending = labels  # a label wrapped onto its own line, or the 三、本年度办理结果 heading
            _t3_identify(labels, ctx, aliases_row, [])
            continue
        pending = []
        key, spec, label = _t3_identify(labels, ctx, aliases_row, table.labels)
        values = _fit(zone, values, width)
        if key is None:
            continue
        if len(values) != width:
            table.short_rows.append((label, row, len(values), width))
            table.rows.setdefault(key, row)
            continue
        _bind_cells(table, key, label, spec, row, columns, values)
    if any(k.startswith("other.") for k in table.rows):
        table.template = T2021
        if "other" in table.rows:  # in 2021 a valued （六）其他处理 row is the group's subtotal
            _rekey(table, "other", "other.subtotal", _subtotal_spec("other"))
    elif "other" in table.rows:
        table.template = T2019


def _rekey(table: Table, old: str, new: str, spec: RowSpec) -> None:
    table.rows[new] = table.rows.pop(old)
    table.row_specs[new] = spec
    for column in table.columns:
        bound = table.cells.pop((old, column.key), None)
        if bound:
            table.cells[(new, column.key)] = BoundCell(bound.cell, spec.short, column, spec)


def _is_t3_data(row: Row) -> bool:
    """A data row has numbers, or a numbered row label (header cells are never numbered)."""
    zone, values = _label_zone(row.cells)
    if sum(1 for c in values if is_value_like(c)) >= 5:
        return True
    return any(p.match(c.norm) for c in zone if not c.is_blank for p in (_TOP, _GROUP, _ITEM))


def _strip_ordinal(norm: str) -> str:
    for pattern in (_TOP, _GROUP, _ITEM):
        m = pattern.match(norm)
        if m:
            return norm[m.end() :]
    return norm


# Every table-3 row core, longest first: the first core a label contains is its best match.
_T3_CORES = sorted(((core, spec) for spec in T3_ROWS for core in spec.cores), key=lambda cs: -len(cs[0]))


def _t3_core_match(leaf: str, group: str | None = None) -> RowSpec | None:
    for core, spec in _T3_CORES:
        if group and spec.group and spec.group != group:
            continue
        if (leaf == core[1:]) if core.startswith("=") else (core in leaf):
            return spec
    return None


def _t3_identify(
    labels: list[Cell], ctx: _T3Context, aliases: Iterable[Alias], matches: list[LabelMatch]
) -> tuple[str | None, RowSpec | None, str]:
    """The row key for a table-3 row's label cells, updating the group context."""
    item: int | None = None
    top: str | None = None
    group_ordinal: str | None = None
    for cell in labels:
        norm = cell.norm
        if m := _TOP.match(norm):
            top = m.group(1)
            ctx.group = None
        elif m := _GROUP.match(norm):
            group_ordinal = m.group(1)
            ctx.group = _GROUP_BY_ORDINAL[group_ordinal]
        elif m := _ITEM.match(norm):
            item = int(m.group(1))
    if not labels:
        return None, None, ""
    leaf_cell = labels[-1]
    leaf = _apply_aliases(leaf_cell, _strip_ordinal(leaf_cell.norm), aliases, "t3-row", matches)
    label = "".join(c.text for c in labels)

    leaf_is_group = bool(_GROUP.match(leaf_cell.norm))
    spec = _t3_core_match(leaf, ctx.group if item is not None else None)
    if spec is None and item is not None and ctx.group:
        spec = next((s for s in T3_ROWS if s.group == ctx.group and s.ordinal == str(item)), None)
    if spec is None and leaf_is_group:
        spec = next((s for s in T3_ROWS if s.key == ctx.group), None)
    if spec is None and top in T3_TOP_ORDINALS and _TOP.match(leaf_cell.norm):
        spec = next(s for s in T3_ROWS if s.key == T3_TOP_ORDINALS[top])
    if spec is None and ctx.group and (leaf_is_group or _matches(leaf, T3_SUBTOTAL_CORES)):
        key = f"{ctx.group}.subtotal"
        return key, _subtotal_spec(ctx.group), label
    if spec is None:
        return None, None, label
    if spec.group and spec.group not in ("granted", "partial"):
        ctx.group = spec.group
    return spec.key, spec, spec.short


def _subtotal_spec(group: str) -> RowSpec:
    key = f"{group}.subtotal"
    return RowSpec(key, "小计", f"{T3_GROUP_LABELS.get(group, '')}小计", (), group=group)


# --- table 4 ----------------------------------------------------------------------------------


def _bind_t4(table: Table, templates: TemplateSet) -> None:
    aliases = templates.aliases_for("t4-col", None)
    table.columns = T4_COLUMNS
    data = [r for r in table.grid.rows if sum(1 for c in r.cells if is_value_like(c)) >= 3]
    if not data:  # an unfilled table: its data row is the wide row of blank cells
        data = [r for r in table.grid.rows if len(r.cells) >= _T4_WIDTH and all(c.is_blank for c in r.cells)][-1:]
    for row in table.grid.rows:
        if row in data:
            break
        for cell in row.cells:
            if not cell.is_blank:
                _match_column(cell, T4_COLUMNS, aliases, "t4-col", table.labels)
    if not data:
        return
    by_group = {}
    for row in data:
        zone, _ = _label_zone(row.cells)
        label = "".join(c.norm for c in zone)
        group = next((key for key, _, cores in reversed(T4_GROUPS) if _matches(label, cores)), None)
        if group:
            by_group[group] = row
    if len(by_group) >= 2:  # transposed layout: one row per group
        for key, name, _ in T4_GROUPS:
            grouped = by_group.get(key)
            if grouped is None:
                continue
            zone, values = _label_zone(grouped.cells)
            values = _fit(zone, values, len(T4_COLUMNS))
            if len(values) != len(T4_COLUMNS):
                table.short_rows.append((name, grouped, len(values), len(T4_COLUMNS)))
                continue
            _bind_cells(table, key, name, None, grouped, T4_COLUMNS, values)
        return
    row = data[0]
    zone, values = _label_zone(row.cells)
    values = _fit(zone, values, _T4_WIDTH)
    if len(values) != _T4_WIDTH:
        table.short_rows.append(("数据行", row, len(values), _T4_WIDTH))
        return
    width = len(T4_COLUMNS)
    for i, (key, name, _) in enumerate(T4_GROUPS):
        _bind_cells(table, key, name, None, row, T4_COLUMNS, values[i * width : (i + 1) * width])
    table.rows = {key: row for key, _, _ in T4_GROUPS}


# --- table 2 ----------------------------------------------------------------------------------


def _bind_t2(table: Table, templates: TemplateSet) -> None:
    aliases_col = templates.aliases_for("t2-col", None)
    aliases_row = templates.aliases_for("t2-row", None)
    votes = {T2019: 0, T2021: 0}
    item: str | None = None
    columns: list[ColumnSpec] = []
    header_width = 0
    for row in table.grid.rows:
        nonblank = [c for c in row.cells if not c.is_blank]
        if not nonblank:
            continue
        first = nonblank[0]
        m = _ARTICLE.search(first.norm)
        if m:
            item = m.group(1)
            table.blocks.setdefault(item, row)
            columns = []
            header_width = 0
            if item == "九":
                votes[T2019] += 1
            continue
        if item is None:
            continue
        candidates = [b for b in T2_BLOCKS if b.item == item]
        if not candidates:
            continue
        if first.norm.startswith(T2_HEADER_CORE):
            all_columns = tuple(c for b in candidates for c in b.columns)
            columns = []
            header_width = len(row.cells) - row.cells.index(first) - 1
            for cell in nonblank[1:]:
                column = _match_column(cell, all_columns, aliases_col, "t2-col", table.labels)
                if column:
                    columns.append(column)
                    if len(column.templates) == 1:
                        votes[column.templates[0]] += 1
            continue
        zone, values = _label_zone(row.cells)
        labels = [c for c in zone if not c.is_blank]
        if not labels:
            continue
        leaf = labels[-1]
        norm = _apply_aliases(leaf, leaf.norm, aliases_row, "t2-row", table.labels)
        block_template = _block_template(columns)
        blocks = [b for b in candidates if block_template in (None, b.template)]
        spec: RowSpec | None = None
        best = 0
        for block in blocks:
            for row_spec in block.rows:
                n = _matches(norm, row_spec.cores)
                if n > best:
                    spec, best = row_spec, n
        if spec is None:
            continue  # an extra row some provinces add (其他主动公开文件 …)
        if spec.label == "行政规范性文件" and norm == "行政规范性文件":
            votes[T2021] += 1
        block_columns = columns or list(blocks[0].columns)
        # Values under header cells that name no column (a blank extra column) are not data.
        values = _fit(zone, values, max(len(block_columns), header_width))[: len(block_columns)]
        key = f"{item}/{spec.key}"
        if len(values) != len(block_columns):
            table.short_rows.append((spec.label, row, len(values), len(block_columns)))
            table.rows.setdefault(key, row)
            continue
        _bind_cells(table, key, spec.label, spec, row, block_columns, values)
    if votes[T2019] != votes[T2021]:
        table.template = T2019 if votes[T2019] > votes[T2021] else T2021


def _block_template(columns: Sequence[ColumnSpec]) -> str | None:
    for column in columns:
        if len(column.templates) == 1:
            return column.templates[0]
    return None
