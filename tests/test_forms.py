"""The forms real drafts arrive in: the same report, tidy and copied out of a PDF or a web page,
reads as the same model and gives the same findings (nianbao.testing.forms makes each form)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.model import Report
from nianbao.parsing import parse_text
from nianbao.template import T2Col, T2Row, T3Col, T3Row
from nianbao.testing import forms, lint
from nianbao.testing.drafts import Draft, random_draft, render
from nianbao.textutil import normalize

# Each form: (name, how it is made from a tidy draft, the tidy form it is compared with, suffix)
FORMS = {
    "caption-lines-tab": (lambda d: forms.caption_lines(render(d, "tab")), "tab", ".txt"),
    "caption-lines-pipe": (lambda d: forms.caption_lines(render(d, "pipe")), "pipe", ".txt"),
    "wrapped-title": (lambda d: forms.wrapped_title(render(d, "tab")), "tab", ".txt"),
    "pdf-cells": (lambda d: forms.pdf_cells(render(d, "tab")), "tab", ".txt"),
    "pdf-rows": (lambda d: forms.pdf_rows(render(d, "tab")), "tab", ".txt"),
    "pdf-cells-captions": (lambda d: forms.pdf_cells(forms.caption_lines(render(d, "tab"))), "tab", ".txt"),
    "markdown-split": (lambda d: forms.split_markdown(render(d, "markdown"), "（三）不予公开"), "markdown", ".md"),
    "middle-group-labels": (lambda d: forms.middle_group_labels(render(d, "tab")), "tab", ".txt"),
    "table2-lines-then-pipe": (lambda d: forms.table2_lines_then_pipe(render(d, "markdown")), "markdown", ".md"),
}


def model(report: Report) -> dict[str, Any]:
    """What the linter read: title, sections, and every table's cells by template key."""
    title = report.title
    return {
        "title": (normalize(title.text), title.year, title.agency) if title else None,
        "sections": [(s.number, s.title, s.match) for s in report.sections],
        "tables": [
            (
                t.kind,
                t.template,
                t.unreadable,
                {(r.key, c.key): b.cell.clean_text for (r, c), b in t.cells.items()},
                sorted(t.blocks),
            )
            for t in report.tables
        ],
        "signature": (report.signature.agency, report.signature.date) if report.signature else None,
    }


def findings(text: str, path: str) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in lint(text, path=path)]


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("year", [2020, 2023])
def test_a_form_reads_as_the_tidy_report(form: str, year: int) -> None:
    make, tidy_form, suffix = FORMS[form]
    draft = Draft(year=year, signed=f"{year + 1}年1月18日")
    tidy, copied = render(draft, tidy_form), make(draft)
    assert copied != tidy
    assert model(parse_text(copied, "d" + suffix)) == model(parse_text(tidy, "d" + suffix))
    assert findings(copied, "d" + suffix) == findings(tidy, "d" + suffix) == []


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_form_gives_the_same_findings_for_the_same_defects(form: str) -> None:
    make, tidy_form, suffix = FORMS[form]
    draft = Draft()
    defects = [
        ("1.属于国家秘密", "1.属于国家机密"),  # NB502
        ("《中华人民共和国政府信息公开条例》", "《中华人民共和国信息公开条例》"),  # NB503
        ("人民政府2023年", "人民政府2022年"),  # NB301
    ]
    tidy, copied = render(draft, tidy_form), make(draft)
    for old, new in defects:
        tidy, copied = tidy.replace(old, new, 1), copied.replace(old, new, 1)
    expected = findings(tidy, "d" + suffix)
    assert {code for code, _ in expected} == {"NB301", "NB502", "NB503"}
    assert findings(copied, "d" + suffix) == expected


def test_glued_rows_with_one_digit_per_cell_are_read() -> None:
    draft = Draft()  # every number of the sample draft's tables is a single digit but one (行政许可 12)
    tidy, glued = render(draft), forms.glued_rows(render(draft))
    assert model(parse_text(glued, "d.txt")) == model(parse_text(tidy, "d.txt"))
    assert findings(glued, "d.txt") == []


def test_glued_rows_with_longer_numbers_are_one_unreadable_finding_per_table() -> None:
    glued = forms.glued_rows(render(random_draft(3, 2023, scale=30)))
    found = findings(glued, "d.txt")
    assert [code for code, _ in found] == ["NB106"]
    assert found[0][1].startswith("表三无法读取：单元格之间的分隔丢失，一行的数字连在一起")
    report = parse_text(glued, "d.txt")
    assert [(t.kind, bool(t.unreadable), len(t.cells)) for t in report.tables] == [
        ("t2", False, 10),
        ("t3", True, 0),
        ("t4", False, 15),
    ]


def test_a_report_on_one_line_has_its_sections_and_says_once_per_table_that_it_cannot_be_read() -> None:
    draft = Draft()
    tidy, run_on = render(draft), forms.one_paragraph(render(draft))
    assert run_on.count("\n") == 1
    read, expected = model(parse_text(run_on, "d.txt")), model(parse_text(tidy, "d.txt"))
    assert read["title"] == expected["title"] and read["signature"] == expected["signature"]
    assert read["sections"] == expected["sections"]
    assert [(kind, bool(unreadable)) for kind, _, unreadable, _, _ in read["tables"]] == [
        ("t2", True),
        ("t3", True),
        ("t4", True),
    ]
    found = lint(run_on)
    assert [f.code for f in found] == ["NB106", "NB106", "NB106"]
    assert all("无法读取" in f.message and f.fix is None for f in found)


def test_a_present_but_unreadable_table_is_never_reported_missing_nor_given_a_blank_table() -> None:
    found = lint(forms.one_paragraph(render(Draft())), select=["NB105", "NB106"])
    assert {f.code for f in found} == {"NB106"}


def test_a_page_number_between_two_pages_of_a_table_does_not_cut_it() -> None:
    tidy = render(Draft())
    row = next(line for line in tidy.split("\n") if line.startswith("\t（四）无法提供"))
    paged = tidy.replace(row, row + "\n- 3 -\n", 1)
    assert model(parse_text(paged, "d.txt"))["tables"] == model(parse_text(tidy, "d.txt"))["tables"]
    assert findings(paged, "d.txt") == []


def test_table_three_row_labels_in_a_pdf_stream_are_not_section_headings() -> None:
    report = parse_text(forms.pdf_cells(render(Draft())), "d.txt")
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    year=st.sampled_from([2020, 2021, 2023]),
    form=st.sampled_from(["tab", "pipe", "cells", "markdown", *sorted(FORMS)]),
)
def test_correct_drafts_give_no_finding_in_any_form(seed: int, year: int, form: str) -> None:
    draft = random_draft(seed, year)
    if form in FORMS:
        make, _, suffix = FORMS[form]
        text = make(draft)
    else:
        text, suffix = render(draft, form), ".md" if form == "markdown" else ".txt"
    assert findings(text, "d" + suffix) == []


def test_headings_run_into_the_text_of_a_many_line_draft_are_one_layout_finding() -> None:
    tidy = render(Draft())
    joined = tidy.replace("。\n\n二、主动公开政府信息情况\n", "。二、主动公开政府信息情况\n", 1)
    joined = joined.replace("。\n\n六、其他需要报告的事项\n", "。六、其他需要报告的事项\n", 1)
    found = [f for f in lint(joined) if f.code.startswith("NB10")]
    assert len(found) == 1 and found[0].code == "NB101", [f.message for f in found]
    assert found[0].message.startswith("版式丢失：“二、主动公开政府信息情况”、“六、其他需要报告的事项”没有单独成行")
    assert joined[found[0].start : found[0].end] == "二、主动公开政府信息情况"


def test_markdown_saved_as_txt_is_read_as_markdown() -> None:
    markdown = render(Draft(), "markdown")
    assert model(parse_text(markdown, "d.txt")) == model(parse_text(markdown, "d.md"))
    assert findings(markdown, "d.txt") == []


def test_table_four_as_three_captioned_tables_is_one_table() -> None:
    tidy = render(Draft(), "markdown")
    head = "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n|---|---|---|---|---|\n"
    groups = [("行政复议", "| 1 | 0 | 0 | 0 | 1 |"), ("行政诉讼（未经复议直接起诉）", "| 0 | 0 | 0 | 0 | 0 |")]
    groups.append(("行政诉讼（复议后起诉）", "| 0 | 0 | 0 | 0 | 0 |"))
    three = "\n\n".join(f"### {name}\n{head}{row}" for name, row in groups)
    start = tidy.index("| 行政复议 |")
    end = tidy.index("\n\n", start)
    split = tidy[:start] + three + tidy[end:]
    table = parse_text(split, "d.md").table("t4")
    assert table is not None and len(table.cells) == 15
    assert model(parse_text(split, "d.md"))["tables"][-1][3] == model(parse_text(tidy, "d.md"))["tables"][-1][3]
    assert findings(split, "d.md") == []


def test_a_table_three_leaf_goes_to_the_group_its_label_names_not_the_group_before() -> None:
    """PDF text puts a group's label beside its middle row: the rows before it follow the last
    group without a label; 1.本机关不掌握… is still （四）1, 1.信访举报投诉类申请 still （五）1."""
    draft = Draft()
    draft.t3[T3Row.UNPROCESSED_1] = (2, 0, 0, 0, 0, 0)  # so that a row read under （四） would show
    draft.t3[T3Row.NEW] = (5, 1, 0, 0, 0, 0)
    tidy, copied = render(draft), forms.middle_group_labels(render(draft))
    assert "\t\t1.信访举报投诉类申请" in copied and "\t（五）不予处理\t3.要求提供公开出版物" in copied
    table = parse_text(copied, "d.txt").table("t3")
    assert table is not None
    assert table.number(T3Row.UNPROCESSED_1, T3Col.TOTAL) == 2 and table.number(T3Row.UNABLE_1, T3Col.TOTAL) == 1
    assert model(parse_text(copied, "d.txt")) == model(parse_text(tidy, "d.txt"))
    assert findings(copied, "d.txt") == []


def test_a_numbered_leaf_with_another_groups_words_but_not_its_number_stays_where_it_is() -> None:
    """Only words and number together move a row: 3.信访… after （四）2 is not （五）1 (it stays （四）3)."""
    copied = forms.middle_group_labels(render(Draft()))
    copied = copied.replace("\t\t3.补正后申请内容仍不明确", "\t\t3.信访举报投诉类申请", 1)
    table = parse_text(copied, "d.txt").table("t3")
    assert table is not None and T3Row.UNABLE_3 in table.rows
    assert table.rows[T3Row.UNABLE_3].cells[2].text == "3.信访举报投诉类申请"
    assert table.rows[T3Row.UNPROCESSED_1].cells[2].text == "1.信访举报投诉类申请"


def test_table_two_captions_and_small_blocks_as_lines_before_a_pipe_table_are_one_table() -> None:
    """The first block's caption stays where it was, its rows come after the other blocks (PDF
    text turned into Markdown): all four blocks are read, nothing is said missing."""
    copied = forms.table2_lines_then_pipe(render(Draft(), "markdown"))
    assert "第二十条第（一）项\n第二十条第（五）项\n信息内容本年处理决定数量\n行政许可 12\n" in copied
    table = parse_text(copied, "d.md").table("t2")
    assert table is not None and sorted(table.blocks) == ["一", "五", "八", "六"]
    assert table.number(T2Row.NORMATIVE, T2Col.IN_FORCE) == 5 and table.number(T2Row.PERMIT, T2Col.DECIDED) == 12
    assert findings(copied, "d.md") == []


def test_a_header_naming_a_block_whose_caption_is_missing_does_not_take_its_rows() -> None:
    """The header switches to an earlier caption's block only: with 第二十条第（一）项 gone, 规章 and
    行政规范性文件 are not read into another block, and the missing caption is said."""
    copied = forms.table2_lines_then_pipe(render(Draft(), "markdown")).replace("第二十条第（一）项\n", "", 1)
    table = parse_text(copied, "d.md").table("t2")
    assert table is not None and "一" not in table.blocks and T2Row.RULES not in table.rows
    assert [code for code, message in findings(copied, "d.md")] == ["NB106"]


def test_overview_sub_topics_named_like_parts_keep_every_table_of_a_one_paragraph_copy() -> None:
    """Sub-topics 二、主动公开工作情况 / 三、政府信息公开申请情况 under 一、总体情况, then the parts
    numbered from 一 again: one paragraph reads as the copy with line breaks does (each table under
    its own part, the same numbering and title findings), never ‘第三部分没有表三’."""
    tidy = forms.overview_subtopics(render(Draft()))
    run_on = forms.one_paragraph(tidy)
    sections = [(s.number, s.title) for s in parse_text(run_on, "d.txt").sections]
    assert sections == [(s.number, s.title) for s in parse_text(tidy, "d.txt").sections]
    assert [n for n, _ in sections] == [1, 2, 3, 2, 3, 4, 5, 6]
    read = parse_text(run_on, "d.txt")
    assert [(t.kind, bool(t.unreadable)) for t in read.tables] == [("t2", True), ("t3", True), ("t4", True)]
    layout = [(code, message) for code, message in findings(tidy, "d.txt") if code in ("NB102", "NB103")]
    assert layout and [f for f in findings(run_on, "d.txt") if f[0] in ("NB102", "NB103")] == layout
    assert not any(code in ("NB101", "NB105") for code, _ in findings(run_on, "d.txt"))
