"""The audit as an Excel workbook (openpyxl), for the people who receive it and work in Excel.

Sheets: 概况 (the overview counts, by year, by agency level, the most frequent faults), 报告 (one row
per report) and 问题 (one row per finding: where, what, the excerpt, the fix). Written in openpyxl's
write-only mode, so 10,000 reports with their findings take seconds and little memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..ruledef import APPLICABILITY_LABEL, ERROR, INFO, SEVERITY_LABEL, WARNING
from .model import CLEAN, STATUS_LABEL, WITH_ERRORS, WITH_WARNINGS, Audit, Location

OVERVIEW, REPORTS, FINDINGS = "概况", "报告", "问题"
REPORT_HEADER = ("文件", "单位", "层级", "年度", "模板", "应用模板", "错误", "警告", "提示", "状态")
FINDING_HEADER = (
    "文件", "单位", "年度", "代码", "规则", "类别", "级别", "行", "列", "位置", "说明", "原文摘录", "修复方式", "修复建议",
    "相关位置",
)  # fmt: skip


def write(audit: Audit, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)

    def add(sheet: Any, values: list[Any]) -> None:
        # Excel refuses control characters (a form feed from a PDF conversion …): they become spaces.
        sheet.append([ILLEGAL_CHARACTERS_RE.sub(" ", v) if isinstance(v, str) else v for v in values])

    def header(sheet: Any, cells: tuple[str, ...] | list[str]) -> None:
        row = []
        for text in cells:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            row.append(cell)
        sheet.append(row)

    o = audit.overview()
    sheet = book.create_sheet(OVERVIEW)
    sheet.column_dimensions["A"].width = 28
    header(sheet, ["政府信息公开工作年度报告审核报告"])
    add(sheet, ["检查对象", "、".join(audit.inputs)])
    add(sheet, ["生成时间", audit.generated.replace("T", " ")])
    add(sheet, [])
    for label, value in (
        ("检查报告", o["reports"]),
        (STATUS_LABEL[WITH_ERRORS], o[WITH_ERRORS]),
        ("仅有警告", o[WITH_WARNINGS]),
        (STATUS_LABEL[CLEAN], o[CLEAN]),
        ("问题总数", o["findings"]),
        ("错误", o["severities"][ERROR]),
        ("警告", o["severities"][WARNING]),
        ("提示", o["severities"][INFO]),
    ):
        add(sheet, [label, value])
    for title, rows in (("年度", o["by_year"]), ("层级", o["by_level"])):
        add(sheet, [])
        header(sheet, [title, "报告", "有错误", "仅有警告", "通过"])
        for r in rows:
            add(sheet, [r["key"], r["reports"], r[WITH_ERRORS], r[WITH_WARNINGS], r[CLEAN]])
    add(sheet, [])
    header(sheet, ["最常见的问题", "次数", "涉及报告", "规则"])
    for t in o["top"]:
        add(
            sheet,
            [t["code"] + " " + audit.rules.get(t["code"], (t["name"], ""))[1], t["count"], t["reports"], t["name"]],
        )

    sheet = book.create_sheet(REPORTS)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJ", (40, 28, 8, 8, 8, 8, 6, 6, 6, 8)):
        sheet.column_dimensions[column].width = width
    header(sheet, REPORT_HEADER)
    for r in audit.reports:
        row = [r.path, r.agency, r.level, r.year, r.template, r.required_template, r.errors, r.warnings, r.infos]
        add(sheet, [*row, STATUS_LABEL[r.status]])

    sheet = book.create_sheet(FINDINGS)
    sheet.freeze_panes = "A2"
    for column, width in zip("ABCDEFGHIJKLMNO", (40, 28, 8, 8, 24, 18, 6, 6, 6, 20, 60, 50, 10, 40, 40)):
        sheet.column_dimensions[column].width = width
    header(sheet, FINDING_HEADER)
    for r in audit.reports:
        for f in r.findings:
            loc = f.location
            related = "\n".join(_place(x, r.path) for x in f.related)
            add(
                sheet,
                [
                    r.path,
                    r.agency,
                    r.year,
                    f.code,
                    f.name,
                    f.family,
                    SEVERITY_LABEL.get(f.severity, f.severity),
                    loc.line if loc else None,
                    loc.column if loc else None,
                    loc.place if loc else None,
                    f.message,
                    loc.excerpt if loc else None,
                    APPLICABILITY_LABEL.get(f.fix_kind, ""),
                    f.fix,
                    related,
                ],
            )
    book.save(path)


def _place(loc: Location, path: str) -> str:
    """A related place as one line: ``[other file ]第 12 行：message`` (or the document's place)."""
    where = loc.place or (f"第 {loc.line} 行" if loc.line else "")
    head = " ".join(part for part in ((loc.path if loc.path != path else ""), where) if part)
    return f"{head}：{loc.message}" if head and loc.message else head or loc.message
