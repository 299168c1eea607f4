from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report, Row, Table
from nianbao.ruledef import ERROR, Finding, Related, rule
from nianbao.template import T3_GROUP_BY_KEY, T4_WIDTH, TABLE_NAMES, RowSpec, t2_blocks, t3_rows


@rule("NB106", "incomplete-table", ERROR, "模板表格缺行或缺单元格")
def incomplete_table(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    统计表必须包含模板规定的全部行和单元格：

    - 表二：各“第二十条第（X）项”栏目及其各行（2019 年模板 5 栏 22 格，2021 年模板 4 栏 10 格）；
    - 表三：从“一、本年新收”到“四、结转下年度继续办理”的全部行，每行 7 个数
      （2019 年模板 23 行，2021 年模板“（六）其他处理”分 3 行，共 25 行）；
    - 表四：15 个数（行政复议 5 个，行政诉讼未经复议直接起诉 5 个、复议后起诉 5 个）。

    每张表只报告一次，列出缺少的全部行和数目不对的行。表格在报告中存在、但读不出来
    （例如从网页或 PDF 复制时单元格之间的分隔丢失，数字连在一起），也由本规则报告一次，
    说明读不出来的原因；此时其他规则不核对这张表的数字，NB105 也不会说“没有表格”。

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
        if table.kind not in TABLE_NAMES:
            continue
        name = TABLE_NAMES[table.kind or ""]
        first = table.grid.rows[0]
        if table.unreadable:
            yield Finding(table.start, first.end, f"{name}无法读取：{table.unreadable}")
            continue
        missing, anchor = _missing(table, table.template or required)
        short = [f"{s.row.quoted}一行只有 {s.found} 个数（应有 {s.expected} 个）" for s in table.short_rows]
        if not missing and not short:
            continue
        where = anchor if missing else table.short_rows[0].grid_row
        parts = ([f"缺少{missing}"] if missing else []) + short
        yield Finding(
            where.start,
            where.end,
            f"{name}不完整：{'；'.join(parts)}",
            related=(Related(first.start, first.end, f"{name}从这里开始"),)
            + tuple(Related(s.grid_row.start, s.grid_row.end, f"{s.row.quoted}数目不对") for s in table.short_rows[1:]),
        )


def _missing(table: Table, template: str | None) -> tuple[str, Row]:
    """What the table lacks, named as the template names it (empty when nothing), and the row
    after which the first missing piece belongs."""
    last = table.grid.rows[-1]
    if table.kind == "t3":
        if template is None:
            template = "2019" if any(r.templates == ("2019",) for r in table.rows) else "2021"
        expected = list(t3_rows(template))
        absent = [s for s in expected if s not in table.rows]
        if not absent:
            return "", last
        before = [table.rows[s] for s in expected[: expected.index(absent[0])] if s in table.rows]
        anchor = before[-1] if before else table.grid.rows[0]
        return f"{_describe(absent, expected)}（共 {len(absent)} 行）", anchor
    if table.kind == "t2" and template is not None:
        blocks = [b.header for b in t2_blocks(template) if b.item not in table.blocks]
        rows = [
            f"第（{b.item}）项“{r.label}”"
            for b in t2_blocks(template)
            if b.item in table.blocks
            for r in b.rows
            if r not in table.rows
        ]
        return "、".join(blocks + rows), last
    if table.kind == "t4" and not table.cells and not table.short_rows:
        return f"数据行（应有 {T4_WIDTH} 个数：行政复议 5 个，行政诉讼 10 个）", table.grid.rows[0]
    return "", last


def _describe(missing: list[RowSpec], expected: list[RowSpec]) -> str:
    parts: list[str] = []
    done: set[str] = set()
    for spec in missing:
        if spec.group and spec.group not in ("granted", "partial") and spec.group not in done:
            group_rows = [s for s in expected if s.group == spec.group]
            if len(group_rows) > 1 and all(s in missing for s in group_rows):
                parts.append(f"“{T3_GROUP_BY_KEY[spec.group].heading}”（{len(group_rows)} 行）")
                done.add(spec.group)
                continue
        if spec.group in done:
            continue
        parts.append(spec.quoted)
    return "、".join(parts)
