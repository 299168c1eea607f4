from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Table
from nianbao.ruledef import ERROR, Finding, Related, rule
from nianbao.template import T3_GROUP_LABELS, T4_COLUMNS, T4_GROUPS, TABLE_NAMES, RowSpec, t2_blocks, t3_rows


@rule("NB106", "incomplete-table", ERROR, "模板表格缺行或缺单元格")
def incomplete_table(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    统计表必须包含模板规定的全部行和单元格：

    - 表二：各“第二十条第（X）项”栏目及其各行（2019 年模板 5 栏 22 格，2021 年模板 4 栏 10 格）；
    - 表三：从“一、本年新收”到“四、结转下年度继续办理”的全部行，每行 7 个数
      （2019 年模板 23 行，2021 年模板“（六）其他处理”分 3 行，共 25 行）；
    - 表四：15 个数（行政复议 5 个，行政诉讼未经复议直接起诉 5 个、复议后起诉 5 个）。

    为什么重要
    --------
    从 Word 或 PDF 复制表格时常被截断，审核时一眼就能看出；缺行也使勾稽关系无法核对。

    错误示例
    --------
    表三在“（四）无法提供 2.没有现成信息需要另行制作”之后就结束了，缺少（五）至（七）和“四”。

    正确示例
    --------
    表三完整，最后一行是“四、结转下年度继续办理”。

    修复
    --------
    无自动修复：缺失的数字需要按实际情况补填。
    """
    required = report.facts.required_template
    for table in report.tables:
        if table.kind == "t3":
            yield from _t3(table, table.template or required)
        elif table.kind == "t2":
            yield from _t2(table, table.template or required)
        elif table.kind == "t4":
            yield from _t4(table)
        for label, row, found, expected in table.short_rows:
            yield Finding(
                row.start,
                row.end,
                f"{TABLE_NAMES.get(table.kind or '', '表格')}“{label}”一行只有 {found} 个数，应有 {expected} 个",
            )


def _anchor(table: Table, missing: list[RowSpec], order: list[str]) -> tuple[int, int]:
    """The row after which the first missing row belongs (or the table's first row)."""
    first = order.index(missing[0].key)
    for key in reversed(order[:first]):
        row = table.rows.get(key)
        if row is not None:
            return row.start, row.end
    row = table.grid.rows[0]
    return row.start, row.end


def _describe(missing: list[RowSpec], expected: list[RowSpec]) -> str:
    parts: list[str] = []
    done: set[str] = set()
    for spec in missing:
        if spec.group and spec.group not in ("granted", "partial") and spec.group not in done:
            group_rows = [s for s in expected if s.group == spec.group]
            if len(group_rows) > 1 and all(s in missing for s in group_rows):
                parts.append(f"{T3_GROUP_LABELS[spec.group]}（{len(group_rows)} 行）")
                done.add(spec.group)
                continue
        if spec.group in done:
            continue
        parts.append(spec.short)
    return "、".join(parts)


def _t3(table: Table, template: str | None) -> Iterator[Finding]:
    if template is None:
        template = "2019" if "other" in table.rows else "2021"
    expected = list(t3_rows(template))
    missing = [s for s in expected if s.key not in table.rows]
    if not missing:
        return
    start, end = _anchor(table, missing, [s.key for s in expected])
    yield Finding(
        start,
        end,
        f"表三不完整：缺少 {_describe(missing, expected)}（共 {len(missing)} 行）",
        related=(Related(table.grid.rows[0].start, table.grid.rows[0].end, "表三从这里开始"),),
    )


def _t2(table: Table, template: str | None) -> Iterator[Finding]:
    if template is None:
        return
    missing_blocks = [b for b in t2_blocks(template) if b.item not in table.blocks]
    missing_rows = [
        f"第（{b.item}）项“{r.label}”"
        for b in t2_blocks(template)
        if b.item in table.blocks
        for r in b.rows
        if f"{b.item}/{r.key}" not in table.rows
    ]
    parts = [b.header for b in missing_blocks] + missing_rows
    if parts:
        last = table.grid.rows[-1]
        yield Finding(
            last.start,
            last.end,
            f"表二不完整（{template} 年模板）：缺少 {'、'.join(parts)}",
            related=(Related(table.grid.rows[0].start, table.grid.rows[0].end, "表二从这里开始"),),
        )


def _t4(table: Table) -> Iterator[Finding]:
    if table.cells or table.short_rows:
        return
    first = table.grid.rows[0]
    width = len(T4_GROUPS) * len(T4_COLUMNS)
    yield Finding(first.start, first.end, f"表四没有数据行：应有 {width} 个数（行政复议 5 个，行政诉讼 10 个）")
