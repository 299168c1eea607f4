"""The forms real drafts arrive in: the same report, tidy and copied out of a PDF or a web page,
reads as the same model and gives the same findings (nianbao.testing.forms makes each form)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.model import Report
from nianbao.parsing import parse_text
from nianbao.testing import forms, lint
from nianbao.testing.drafts import Draft, random_draft, render
from nianbao.textutil import normalize

# Each form: (name, how it is made from a tidy draft, the tidy form it is compared with, suffix)
FORMS = {
    "caption-lines-tab": (lambda d: forms.caption_lines(render(d, "tab")), "tab", ".txt"),
    "caption-lines-pipe": (lambda d: forms.caption_lines(render(d, "pipe")), "pipe", ".txt"),
    "wrapped-title": (lambda d: forms.wrapped_title(render(d, "tab")), "tab", ".txt"),
    "pdf-cells": (lambda d: forms.pdf_cells(render(d, "tab")), "tab", ".txt"),
    "pdf-cells-captions": (lambda d: forms.pdf_cells(forms.caption_lines(render(d, "tab"))), "tab", ".txt"),
    "markdown-split": (lambda d: forms.split_markdown(render(d, "markdown"), "（三）不予公开"), "markdown", ".md"),
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
