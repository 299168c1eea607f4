from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from nianbao.model import Report, Table
from nianbao.reconcile import reconciled
from nianbao.ruledef import ERROR, Finding, Related, rule
from nianbao.template import CellKey, T3Col, T3Row

from ._claims import Claim, Reading, claims
from ._support import fmt
from ._tables import cell_name

# What a 其中 may refer to for an outcome count to be about every application handled.
_HANDLED = (
    ((T3Row.NEW, T3Col.TOTAL),),
    ((T3Row.NEW, T3Col.TOTAL), (T3Row.CARRIED, T3Col.TOTAL)),
    ((T3Row.TOTAL, T3Col.TOTAL),),
)


@rule("NB205", "text-table-mismatch", ERROR, "正文中的数字与统计表矛盾")
def text_table_mismatch(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    正文中明确写出的申请数、办理结果、结转数和复议诉讼情况要与统计表一致。检查的说法
    （“N 件”也可以是“N 条”“N 个”或中文数字；比较和增减——所在短语中有“同比”“比上年”“增加”等，
    或紧跟“上年”“去年”的数——不检查）：

    - **收到申请**：“新收/收到/受理/接到……（政府信息公开）申请 N 件”，与表三“一、本年新收”的总计比较
      （也接受本年新收加上年结转）；“未收到……申请”即 0 件。宾语中有“建议”“提案”“投诉”“复议”等的
      不是公开申请，不比较。
    - **上年结转**：“上年结转……N 件”，与表三“二、上年结转”的总计比较。
    - **结转下年度**：“结转（至）下年度（继续办理）……N 件”或“N 件……结转下年度”，与表三
      “四、结转下年度继续办理”的总计比较。
    - **均已办结**：“（所有）申请均已办结 / 全部办理完成 / 都已答复完毕……”，即没有结转下年度，
      与“四、结转下年度继续办理”的总计为 0 比较；句中有“其余”“除……以外”“结转下年度”的（已把结转的
      除开）不比较。“均在法定期限内答复”说的是时限，不是办结，不比较。
    - **办理结果**：“予以公开 / 部分公开 / 不予公开 / 无法提供 / 不予处理 / 其他处理（……）N 件”
      和“N 件予以公开”，与表三相应一组各项的总计之和比较；用“和、及、与、、、或”连起来的几种结果
      （“予以公开和部分公开共 N 件”）与这几组之和比较，后面是“各 N 件”时每一组分别比较。
      “因本机关不掌握相关信息等原因无法提供 N 件”这样写出原因的，也接受写出原因的那几项之和。
      以下不比较：括号里的数；短语中有“主动”的（那是主动公开）；句中此前有“……的 N 件中”“申请中”
      的（只说了一部分申请）；句中此前有“其中”、而“其中”之前的数（任何一个或它们的合计）都不是
      本年新收、新收加上年结转或（七）总计的（“自然人申请 30 件，其中予以公开 20 件”）。
    - **复议、诉讼件数**：“行政复议……N 件”与表四行政复议的总计比较，“行政诉讼……N 件”与表四两组
      行政诉讼总计之和比较；中间有“维持”“纠正”“结果”“审结”等词的（那是某种结果的件数）不比较。
    - **没有复议、诉讼**：“未发生 / 未收到 / 没有（发生）/ 无……行政复议（、行政诉讼）”，与相应总计为 0
      比较。否定的是某种结果的不算：“没有发生……被行政复议纠错、行政诉讼败诉的情况”并没有说没有复议。
    - **均维持**：一句话里提到行政复议和（或）行政诉讼，随后说“均 / 全部 / 都……维持”
      （“结果均为维持”“均获维持”），而表四中这些案件有结果纠正、其他结果或尚未审结的。

    每个发现指向正文中的数字（或说法），并把表中相应单元格列为相关位置。表格无法读取时不比较。

    为什么重要
    --------
    正文和表格各说各的，是“数据失准”最常见的表现，公众和审核人员都会注意到。

    错误示例
    --------
    正文“本年度共收到政府信息公开申请 61 件”，表三本年新收总计为 66。

    正文“全年予以公开和部分公开共 19 件”，表三（一）予以公开 8 件、（二）部分公开 8 件。

    正文“行政复议和行政诉讼案件结果均为维持”，表四行政复议有 1 件尚未审结。

    正确示例
    --------
    正文与表三都为 66；“予以公开和部分公开共 16 件”；表四全部案件结果维持。

    修复
    --------
    无自动修复：要由起草人核实哪一处是对的。
    """
    tables = {kind: report.table(kind) for kind in ("t3", "t4")}
    states = {kind: _State(report, table) for kind, table in tables.items() if table and not table.unreadable}
    for para in report.paragraphs:
        for claim in claims(para):
            state = states.get(claim.table)
            if state is not None and _about_all(claim, states.get("t3")):
                yield from _compare(claim, state)


class _State:
    """A table as written and as its 勾稽关系 correct it: a statement agreeing with either is fine
    (a wrong table cell is NB201–NB204's finding, not a second one here)."""

    def __init__(self, report: Report, table: Table) -> None:
        self.table = table
        self.template = table.template or report.facts.required_template
        reconciliation = reconciled(report, table)
        self.written = reconciliation.values
        self.corrected = {**self.written, **(reconciliation.expected_values() or {})}
        doubtful = [c for group in reconciliation.candidates for c in group]
        doubtful += [w.cell for w in reconciliation.wrong if w.expected is None]
        if reconciliation.unresolved:
            doubtful += [table.cells[k] for identity in reconciliation.broken for k in identity.cells]
        self.doubtful = {(b.row, b.column) for b in doubtful}

    def keys(self, cells: tuple[CellKey, ...]) -> list[CellKey]:
        return [(row, column) for row, column in cells if self.template is None or self.template in row.templates]

    def sums(self, cells: tuple[CellKey, ...]) -> tuple[Decimal, Decimal] | None:
        """Σ of the cells as written and as corrected; None when one is missing, n/a, text or doubtful."""
        keys = self.keys(cells)
        if not keys or any(k not in self.written or k in self.doubtful for k in keys):
            return None
        return sum((self.written[k] for k in keys), Decimal(0)), sum((self.corrected[k] for k in keys), Decimal(0))


def _about_all(claim: Claim, t3: _State | None) -> bool:
    """Whether the statement is about every application: no 其中, or one that refers to them all."""
    if claim.referents is None:
        return True
    if not claim.referents or t3 is None:
        return False
    handled = {v for cells in _HANDLED if (sums := t3.sums(cells)) for v in sums}
    return any(Decimal(n) in handled for n in claim.referents + (sum(claim.referents),))


def _compare(claim: Claim, state: _State) -> Iterator[Finding]:
    """A finding if the stated number is none of the claim's readings of the table."""
    sums = [state.sums(reading.cells) for reading in claim.readings]
    first = sums[0]
    if first is None or any(s is not None and Decimal(claim.stated) in s for s in sums):
        return
    reading = claim.readings[0]
    number = f" {claim.stated} 件" if claim.written else ""
    yield Finding(
        claim.start,
        claim.end,
        f"正文说{claim.what}{number}，但{reading.where}为 {fmt(first[0])}",
        related=_cells(state, reading),
    )


def _cells(state: _State, reading: Reading) -> tuple[Related, ...]:
    """The cells behind a reading, as related locations (the non-zero ones when there are many)."""
    keys = state.keys(reading.cells)
    bound = [b for row, column in keys if (b := state.table.cell(row, column)) is not None]
    shown = [b for b in bound if state.written.get((b.row, b.column))] if len(bound) > 2 else bound
    return tuple(Related(b.cell.start, b.cell.end, f"{cell_name(b)} {b.cell.text or '（空白）'}") for b in shown)
