"""Recognise a grid as template table 2, 3 or 4 and key its cells to the template's rows and columns.

Fuzzy label matching happens here, once: labels are compared by their standard core (normalised,
spaces removed, full-width folded), known nonstandard aliases are recorded for NB502, and values
are taken by count after the last label cell (see docs/architecture.md, "Decisions"). Cells are
keyed by the template's own `RowSpec`/`ColumnSpec` objects (``T3Row.GRANTED``, ``T3Col.NATURAL``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..model import BoundCell, Cell, Grid, LabelMatch, Row, Section, ShortRow, Table
from ..template import (
    CN_DIGITS,
    GROUP_ORDINALS,
    OBSOLETE_TABLE_MARKERS,
    T2_BLOCKS,
    T2_HEADER_CORE,
    T3_COLUMNS,
    T3_GROUPS,
    T3_ROWS,
    T3_SUBTOTAL_CORES,
    T3_SUBTOTAL_ROWS,
    T3_TOP_ROWS,
    T4_COLUMNS,
    T4_ROWS,
    T4_WIDTH,
    T2019,
    T2021,
    TABLE_MARKERS,
    TABLE_START_MARKERS,
    TOP_ORDINALS,
    Alias,
    ColumnSpec,
    RowSpec,
    T2Row,
    T3Col,
    T3Row,
    TemplateSet,
)
from .cells import is_label_like, is_value_like
from .patterns import TABLE_START
from .streams import is_glued

_ARTICLE = re.compile(rf"第二十条第?\(?([{CN_DIGITS}]+)\)?项")
_TOP = re.compile(rf"^([{TOP_ORDINALS}])[、.,]")
_GROUP = re.compile(rf"^\(([{GROUP_ORDINALS}])\)")
_ITEM = re.compile(r"^(\d{1,2})[.、,]")
_ORDINAL_OPENERS = frozenset(TOP_ORDINALS + "(")  # with the decimal digits, what the three open with
# （一）…（六） name the outcome groups in template order; （七） is the total row.
_GROUP_BY_ORDINAL = dict(zip(GROUP_ORDINALS, [g.key for g in T3_GROUPS] + ["total"]))
_SUBTOTAL_OF = {row.group: row for row in T3_SUBTOTAL_ROWS}
_T3_ALL_COLUMNS = T3_COLUMNS + (T3Col.SUBTOTAL,)


def bind_grid(grid: Grid, section: Section | None, templates: TemplateSet) -> list[Table]:
    if grid.form == "run-on":
        table = Table(grid, _classify(grid, section))
        table.unreadable = "单元格之间没有任何分隔（整段文字连在一起，像是从网页复制的），读不出各格的数"
        return [table]
    tables = []
    for part in _split(grid):
        table = Table(part, _classify(part, section))
        if table.kind == "t2":
            _bind_t2(table, templates)
        elif table.kind == "t3":
            _bind_t3(table, templates)
        elif table.kind == "t4":
            _bind_t4(table, templates)
        if table.unreadable:  # nothing of a table that cannot be read is handed to the rules
            table.cells.clear()
            table.rows.clear()
            table.short_rows.clear()
        tables.append(table)
    return tables


def continues(previous: Table, table: Table) -> bool:
    """Whether *table* is the next fragment of *previous*: the same kind of template table, not
    starting afresh (its first row names no table's start), neither of them unreadable."""
    return (
        table.kind in ("t2", "t3", "t4")
        and table.kind == previous.kind
        and not table.unreadable
        and not previous.unreadable
        and _row_hint(table.grid.rows[0]) is None
    )


def merge_into(previous: Table, table: Table) -> None:
    """Add fragment *table*'s rows and cells to *previous* (a row bound twice keeps its first binding)."""
    previous.grid = Grid(previous.grid.rows + table.grid.rows, previous.grid.form, previous.start, table.end)
    new = {spec for spec in table.rows if spec not in previous.rows}
    previous.rows.update((spec, row) for spec, row in table.rows.items() if spec in new)
    previous.cells.update((key, bound) for key, bound in table.cells.items() if key[0] in new)
    previous.short_rows += [short for short in table.short_rows if short.row in new]
    previous.labels += table.labels
    for item, row in table.blocks.items():
        previous.blocks.setdefault(item, row)
    previous.template = previous.template or table.template
    previous.columns = previous.columns or table.columns


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
    if TABLE_START.search(text) is None:
        return None
    for kind, markers in TABLE_START_MARKERS.items():
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


def _label_zone(cells: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """Split a row into its leading label cells (blanks included) and the value cells after them."""
    i = 0
    while i < len(cells) and (cells[i].is_blank or is_label_like(cells[i])):
        i += 1
    return cells[:i], cells[i:]


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
    cell: Cell, specs: tuple[ColumnSpec, ...], aliases: Iterable[Alias], scope: str, labels: list[LabelMatch]
) -> ColumnSpec | None:
    return _best_column(_apply_aliases(cell, cell.norm, aliases, scope, labels), specs)


@lru_cache(maxsize=2048)
def _best_column(norm: str, specs: tuple[ColumnSpec, ...]) -> ColumnSpec | None:
    """The column whose longest core *norm* holds (kept per label, like `_t3_core_match`)."""
    best, best_len = None, 0
    for spec in specs:
        n = _matches(norm, spec.cores)
        if n > best_len:
            best, best_len = spec, n
    return best


def _values(table: Table, row: Row, zone: list[Cell], values: list[Cell], width: int) -> list[Cell]:
    """The row's *width* value cells (see `_fit`). In a cell stream, numbers run together into one
    cell are split when there is one digit per column; otherwise the table cannot be read."""
    fitted = _fit(zone, values, width)
    if table.grid.form != "lines" or width < 2 or len(fitted) != 1 or not is_glued(fitted[0]):
        return fitted
    cell = fitted[0]
    if len(cell.text) == width:
        return [Cell(digit, cell.start + i, cell.start + i + 1) for i, digit in enumerate(cell.text)]
    if not table.unreadable:
        label = "".join(c.text for c in zone if not c.is_blank)
        table.unreadable = f"单元格之间的分隔丢失，一行的数字连在一起（如“{label}{cell.text}”），分不清各列的数"
    return fitted


def _bind_row(table: Table, spec: RowSpec, row: Row, columns: Sequence[ColumnSpec], values: list[Cell]) -> None:
    """Key *values* to *columns* for template row *spec*, or record the row as short."""
    if spec in table.rows:
        return  # a repeated row keeps its first occurrence
    table.rows[spec] = row
    if len(values) != len(columns):
        table.short_rows.append(ShortRow(spec, row, len(values), len(columns)))
        return
    for column, cell in zip(columns, values):
        table.cells[(spec, column)] = BoundCell(cell, spec, column)


# --- table 3 ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _T3Context:
    group: str | None = None


def _bind_t3(table: Table, templates: TemplateSet) -> None:
    aliases_col = templates.aliases_for("t3-col", None)
    aliases_row = templates.aliases_for("t3-row", None)
    rows = table.grid.rows
    first_data = next((i for i, r in enumerate(rows) if _is_t3_data(r)), len(rows))
    found: set[ColumnSpec] = set()
    for row in rows[:first_data]:
        for cell in row.cells:
            if not cell.is_blank:
                column = _match_column(cell, _T3_ALL_COLUMNS, aliases_col, "t3-col", table.labels)
                if column:
                    found.add(column)
    columns = list(T3_COLUMNS)
    if T3Col.SUBTOTAL in found:
        columns.insert(len(columns) - 1, T3Col.SUBTOTAL)
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
        spec = _t3_identify(labels, ctx, aliases_row, table.labels)
        if spec is not None:
            _bind_row(table, spec, row, columns, _values(table, row, zone, values, width))
    if any(r.group == "other" and r.templates == (T2021,) for r in table.rows):
        table.template = T2021
        if T3Row.OTHER in table.rows:  # in 2021 a valued （六）其他处理 row is the group's subtotal
            _rekey(table, T3Row.OTHER, T3Row.OTHER_SUBTOTAL)
    elif T3Row.OTHER in table.rows:
        table.template = T2019


def _rekey(table: Table, old: RowSpec, new: RowSpec) -> None:
    """Move what was bound to row *old* over to row *new*."""
    table.rows[new] = table.rows.pop(old)
    for short in table.short_rows:
        if short.row is old:
            short.row = new
    for (row, column), bound in list(table.cells.items()):
        if row is old:
            del table.cells[(row, column)]
            table.cells[(new, column)] = BoundCell(bound.cell, new, column)


def _is_t3_data(row: Row) -> bool:
    """A data row has numbers, or a numbered row label (header cells are never numbered)."""
    zone, values = _label_zone(row.cells)
    if sum(1 for c in values if is_value_like(c)) >= 5:
        return True
    return any(_ordinal(c.norm) for c in zone if not c.is_blank)


def _ordinal(norm: str) -> tuple[re.Pattern[str], re.Match[str]] | None:
    """The ordinal a normalised label opens with — `_TOP` 一、, `_GROUP` (一) or `_ITEM` 1. — and
    its match; None for most labels, told by their first character."""
    opener = norm[:1]
    if opener not in _ORDINAL_OPENERS and not opener.isdecimal():  # `\d` is any decimal digit
        return None
    for pattern in (_TOP, _GROUP, _ITEM):
        m = pattern.match(norm)
        if m:
            return pattern, m
    return None


def _strip_ordinal(norm: str) -> str:
    found = _ordinal(norm)
    return norm[found[1].end() :] if found else norm


# Every table-3 row core, longest first: the first core a label contains is its best match.
_T3_CORES = sorted(((core, spec) for spec in T3_ROWS for core in spec.cores), key=lambda cs: -len(cs[0]))


@lru_cache(maxsize=2048)
def _t3_core_match(leaf: str, group: str | None = None) -> RowSpec | None:
    """The row whose core *leaf* holds (within *group*). Drafts repeat the same few labels, so the
    answer is kept per label instead of scanning every core again."""
    for core, spec in _T3_CORES:
        if group and spec.group and spec.group != group:
            continue
        if (leaf == core[1:]) if core.startswith("=") else (core in leaf):
            return spec
    return None


def _t3_identify(
    labels: list[Cell], ctx: _T3Context, aliases: Iterable[Alias], matches: list[LabelMatch]
) -> RowSpec | None:
    """The template row of a table-3 row's label cells, updating the group context."""
    item: int | None = None
    top: str | None = None
    leaf_at = 0  # the leaf label starts at the last cell carrying an ordinal (a wrapped label follows it)
    for i, cell in enumerate(labels):
        found = _ordinal(cell.norm)
        if found is None:
            continue
        pattern, m = found
        if pattern is _TOP:
            top = m.group(1)
            ctx.group = None
        elif pattern is _GROUP:
            ctx.group = _GROUP_BY_ORDINAL[m.group(1)]
        else:
            item = int(m.group(1))
        leaf_at = i
    if not labels:
        return None
    leaf_cells = labels[leaf_at:]
    leaf = "".join(_strip_ordinal(c.norm) if i == 0 else c.norm for i, c in enumerate(leaf_cells))
    for cell in leaf_cells:
        leaf = _apply_aliases(cell, leaf, aliases, "t3-row", matches)
    last = labels[-1].norm
    leaf_is_group = bool(_GROUP.match(leaf_cells[0].norm))

    spec = _t3_core_match(leaf, ctx.group if item is not None else None)
    if spec is None and leaf_cells is not labels and len(leaf_cells) > 1:
        spec = _t3_core_match(_strip_ordinal(last), ctx.group if item is not None else None)
    if spec is None and item is not None and ctx.group:
        # A numbered leaf whose words and number are another group's item: the label names its group
        # (1.信访举报投诉类申请 is （五）1 even where PDF text left the （五） cell after it).
        named = _t3_core_match(leaf)
        if named is not None and named.group and named.ordinal == str(item):
            spec = named
    if spec is None and item is not None and ctx.group:
        spec = next((s for s in T3_ROWS if s.group == ctx.group and s.ordinal == str(item)), None)
    if spec is None and leaf_is_group:
        spec = next((s for s in T3_ROWS if s.key == ctx.group), None)
    if spec is None and top in T3_TOP_ROWS and _TOP.match(leaf_cells[0].norm):
        spec = T3_TOP_ROWS[top]
    if spec is None and ctx.group and (leaf_is_group or _matches(leaf, T3_SUBTOTAL_CORES)):
        return _SUBTOTAL_OF.get(ctx.group)
    if spec is None:
        return None
    if spec.group and spec.group not in ("granted", "partial"):
        ctx.group = spec.group
    return spec


# --- table 4 ----------------------------------------------------------------------------------


def _bind_t4(table: Table, templates: TemplateSet) -> None:
    aliases = templates.aliases_for("t4-col", None)
    table.columns = T4_COLUMNS
    data = [r for r in table.grid.rows if sum(1 for c in r.cells if is_value_like(c)) >= 3]
    if not data and table.grid.form == "lines":  # a stream whose 15 numbers ran together
        for row in table.grid.rows:
            zone, values = _label_zone(row.cells)
            if len(values) == 1 and is_glued(values[0]):
                split = _values(table, row, zone, values, T4_WIDTH)
                if len(split) == T4_WIDTH:
                    row.cells = zone + split
                    data = [row]
                break
    if not data:  # mostly blank (blank for 0, or unfilled): the data row is a full-width row of values and blanks
        data = [
            r
            for r in table.grid.rows
            if len(r.cells) >= T4_WIDTH and all(c.is_blank or is_value_like(c) for c in r.cells[-T4_WIDTH:])
        ][-1:]
    for row in table.grid.rows:
        if row in data:
            break
        for cell in row.cells:
            if not cell.is_blank:
                _match_column(cell, T4_COLUMNS, aliases, "t4-col", table.labels)
    if not data:
        return
    by_group: dict[RowSpec, Row] = {}
    caption: RowSpec | None = None  # the group a caption row above names (three small tables, one per group)
    for row in table.grid.rows:
        zone, _ = _label_zone(row.cells)
        group = _t4_group("".join(c.norm for c in zone))
        if row not in data:
            caption = group or caption
            continue
        group = group or caption
        if group and group not in by_group:
            by_group[group] = row
    if len(by_group) >= 2:  # transposed layout: one row per group
        for spec, grouped in by_group.items():
            zone, values = _label_zone(grouped.cells)
            _bind_row(table, spec, grouped, T4_COLUMNS, _fit(zone, values, len(T4_COLUMNS)))
        return
    row = data[0]
    zone, values = _label_zone(row.cells)
    values = _fit(zone, values, T4_WIDTH)
    if len(values) != T4_WIDTH:
        table.short_rows.append(ShortRow(T4_ROWS[0], row, len(values), T4_WIDTH))
        return
    width = len(T4_COLUMNS)
    for i, spec in enumerate(T4_ROWS):
        _bind_row(table, spec, row, T4_COLUMNS, values[i * width : (i + 1) * width])


def _t4_group(label: str) -> RowSpec | None:
    """The group of table 4 a label names (复议后起诉 before 行政复议: it contains 复议)."""
    return next((spec for spec in reversed(T4_ROWS) if _matches(label, spec.cores)), None)


# --- table 2 ----------------------------------------------------------------------------------


def _bind_t2(table: Table, templates: TemplateSet) -> None:
    aliases_col = templates.aliases_for("t2-col", None)
    aliases_row = templates.aliases_for("t2-row", None)
    votes = {T2019: 0, T2021: 0}
    item: str | None = None
    columns: list[ColumnSpec] = []
    header_width = 0
    header: Row | None = None  # the block's 信息内容 row, whose cell positions place the values
    in_header = False
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
            header = None
            if item == "九":
                votes[T2019] += 1
            continue
        if item is None:
            continue
        if first.norm.startswith(T2_HEADER_CORE):
            item = _headed_block(table, item, nonblank)
        candidates = [b for b in T2_BLOCKS if b.item == item]
        if not candidates:
            continue
        all_columns = tuple(c for b in candidates for c in b.columns)
        if first.norm.startswith(T2_HEADER_CORE):
            header_width = len(row.cells) - row.cells.index(first) - 1
            columns = _header_columns(nonblank, all_columns, aliases_col, table.labels)
            header = row
            in_header = True
            for column in columns:
                if len(column.templates) == 1:
                    votes[column.templates[0]] += 1
            continue
        if in_header and all(is_label_like(c) for c in nonblank):  # a stream: one header label per line
            more = _header_columns(nonblank, all_columns, aliases_col, table.labels)
            if more:
                columns += more
                for column in more:
                    if len(column.templates) == 1:
                        votes[column.templates[0]] += 1
                continue
        in_header = False
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
        if norm == T2Row.NORMATIVE.label:  # the 2021 wording (2019 said 规范性文件)
            votes[T2021] += 1
        block_columns = columns or list(blocks[0].columns)
        placed = _under_header(header, row, len(block_columns)) if header is not None and columns else None
        if placed is None:
            # Values under header cells that name no column (a blank extra column) are not data.
            placed = _values(table, row, zone, values, max(len(block_columns), header_width))[: len(block_columns)]
        _bind_row(table, spec, row, block_columns, placed)
    if votes[T2019] != votes[T2021]:
        table.template = T2019 if votes[T2019] > votes[T2021] else T2021
        _settle_t2_rows(table, table.template)


def _headed_block(table: Table, item: str, header: Sequence[Cell]) -> str:
    """The item of the block a 信息内容 header row heads: the current one, unless the header names
    none of its columns and those of exactly one block whose caption came earlier with no rows of
    its own (PDF text leaves a block's caption where it was and its rows after the other blocks)."""
    labels = "".join(c.norm for c in header)

    def named(candidate: str) -> bool:
        return any(_matches(labels, c.cores) for b in T2_BLOCKS if b.item == candidate for c in b.columns)

    if named(item):
        return item
    filled = {spec.block for spec in table.rows}
    orphans = [other for other in table.blocks if other not in filled and other != item and named(other)]
    return orphans[0] if len(orphans) == 1 else item


def _under_header(header: Row, row: Row, width: int) -> list[Cell] | None:
    """The value under each header label, by position, when header and row have the same number of
    cells and the header has gaps: a merged header cell (colspan) is its label and blank cells
    after it, and each value belongs to the label whose span holds it. None when that does not
    say (another shape, or two values under one label)."""
    cells = header.cells
    if len(row.cells) != len(cells) or all(not c.is_blank for c in cells):
        return None
    starts = [i for i, c in enumerate(cells) if not c.is_blank][1:]  # after 信息内容
    if len(starts) != width:
        return None
    placed = []
    for start, end in zip(starts, starts[1:] + [len(cells)]):
        inside = [c for c in row.cells[start:end] if not c.is_blank]
        if len(inside) > 1:
            return None
        placed.append(inside[0] if inside else row.cells[start])
    return placed


def _settle_t2_rows(table: Table, template: str) -> None:
    """Rows matched before the template was known (规范性文件 is a row of both) take the spec of
    the template the table turned out to follow."""
    own = {(r.block, r.key): r for b in T2_BLOCKS if b.template == template for r in b.rows}
    for spec in list(table.rows):
        mine = own.get((spec.block, spec.key))
        if mine is not None and mine is not spec:
            _rekey(table, spec, mine)


def _header_columns(
    cells: Sequence[Cell], specs: tuple[ColumnSpec, ...], aliases: Iterable[Alias], labels: list[LabelMatch]
) -> list[ColumnSpec]:
    """The columns a table-2 header names, in order: one per cell usually, several when the labels
    ran together into one cell (信息内容本年制发件数本年废止件数…); the longest label wins where two
    overlap (本年处理决定数量 is 2021's, not 2019's 处理决定数量)."""
    out: list[ColumnSpec] = []
    for cell in cells:
        norm = _apply_aliases(cell, cell.norm, aliases, "t2-col", labels)
        end = -1
        for a, b, spec in _column_spans(norm, specs):
            if a >= end and spec not in out:
                out.append(spec)
                end = b
    return out


@lru_cache(maxsize=2048)
def _column_spans(norm: str, specs: tuple[ColumnSpec, ...]) -> tuple[tuple[int, int, ColumnSpec], ...]:
    """Where each column's cores sit in a header label, leftmost (then longest) first."""
    spans = sorted(
        (
            (start, start + len(core), spec)
            for spec in specs
            for core in spec.cores
            if not core.startswith("=") and (start := norm.find(core)) >= 0
        ),
        key=lambda span: (span[0], span[0] - span[1]),
    )
    return tuple(spans)


def _block_template(columns: Sequence[ColumnSpec]) -> str | None:
    for column in columns:
        if len(column.templates) == 1:
            return column.templates[0]
    return None
