from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Report, Section
from nianbao.render import render_heading, render_table
from nianbao.ruledef import ERROR, SUGGESTED, Edit, Finding, Fix, Fixable, Related, rule
from nianbao.template import CN_DIGITS, T2021, SectionSpec


@rule("NB101", "missing-section", ERROR, "缺少六个必备部分之一", fixable=Fixable.SOMETIMES)
def missing_section(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    年度报告必须按模板依次包含六个部分：一、总体情况；二、主动公开政府信息情况；
    三、收到和处理政府信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；
    五、存在的主要问题及改进情况；六、其他需要报告的事项。
    某一部分既找不到对应标题（含常见变体），也没有用它的编号写成的标题时，报告缺失。
    编号写错但标题对得上的部分不算缺失（那是 NB102）。
    标题其实在、只是和前后文字连在一起没有单独成行（从网页复制时常见）的，不说缺失，
    而是报告一次“版式丢失”，列出这些标题。

    为什么重要
    --------
    六个部分是国务院办公厅统一格式的硬性要求，缺少任何一部分都会被上级退回。
    最常见的是漏掉“四、行政复议、行政诉讼情况”或“六、其他需要报告的事项”。

    错误示例
    --------
    ::

        三、收到和处理政府信息公开申请情况
        ……
        五、存在的主要问题及改进情况

    正确示例
    --------
    ::

        三、收到和处理政府信息公开申请情况
        ……
        四、政府信息公开行政复议、行政诉讼情况
        ……
        五、存在的主要问题及改进情况

    修复（建议）
    --------
    在应有的位置插入标准标题；二、三、四部分同时插入空白的模板表格，待填写数字。
    """
    present = {s.number for s in report.sections if s.number}
    missing = [spec for spec in report.templates.sections if spec.number not in present]
    inline = {spec.number: span for spec in missing if (span := _inline_heading(report, spec)) is not None}
    if inline:
        # The heading is there, run into the text around it: the draft's layout is lost, not a section.
        spans = sorted(inline.values())
        names = "、".join(f"“{report.text[a:b]}”" for a, b in spans)
        yield Finding(
            spans[0][0],
            spans[0][1],
            f"版式丢失：{names}没有单独成行（与前后文字连在一起），请在标题前后换行",
            related=tuple(Related(a, b, "同样没有单独成行") for a, b in spans[1:]),
        )
    level = _heading_level(report)
    for spec in missing:
        if spec.number in inline:
            continue
        following = next((s for s in report.sections if (s.number or 0) > spec.number), None)
        anchor: Section | None
        if following is not None:
            at, anchor = following.start, following
        else:
            at = _end_of_body(report)
            anchor = report.sections[-1] if report.sections else None
        text = render_heading(spec, report.form, level)
        if spec.table:
            template = report.facts.required_template or report.facts.table_template or T2021
            text += "\n\n" + render_table(spec.table, template, report.form)
        insertion = ("\n" if at > 0 and report.text[at - 1] not in "\r\n" else "") + text + "\n\n"
        where = f"，按模板应位于“{following.numeral}、{following.title}”之前" if following is not None else ""
        start, end = (anchor.start, anchor.heading_end) if anchor else (0, 0)
        if anchor is None:
            start, end = _first_line(report)
        yield Finding(
            start,
            end,
            f"缺少第{spec.numeral}部分“{spec.heading}”{where}",
            fix=Fix(
                f"插入“{spec.heading}”" + ("及空白模板表格" if spec.table else ""),
                (Edit(at, at, insertion),),
                SUGGESTED,
            ),
        )


def _inline_heading(report: Report, spec: SectionSpec) -> tuple[int, int] | None:
    """Where the section's heading stands inside a paragraph (not at its start), if it does."""
    titles = "|".join(re.escape(t) for t in sorted((spec.standard, *spec.variants), key=len, reverse=True))
    pattern = re.compile(rf"[{CN_DIGITS}]{{1,2}}\s*[、.．]\s*(?:{titles})")
    for para in report.paragraphs:
        m = pattern.search(para.text, 1)
        if m:
            return para.start + m.start(), para.start + m.end()
    return None


def _heading_level(report: Report) -> int:
    for s in report.sections:
        line = report.text[s.start : s.heading_end]
        stripped = line.lstrip()
        if stripped.startswith("#"):
            return len(stripped) - len(stripped.lstrip("#"))
    return 2 if report.form == "markdown" else 0


def _end_of_body(report: Report) -> int:
    sig = report.signature
    if sig:
        return min(
            x for x in (sig.agency_start if sig.agency else None, sig.date_start if sig.date else None) if x is not None
        )
    return len(report.text)


def _first_line(report: Report) -> tuple[int, int]:
    index = report.source.index
    for line in range(index.line_count):
        start, end = index.line_bounds(line)
        if report.text[start:end].strip():
            return start, end
    return 0, 0
