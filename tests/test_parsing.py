from __future__ import annotations

import unicodedata
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nianbao.model import BLANK, NOT_APPLICABLE, NUMBER, TEXT, Report
from nianbao.parsing import parse_text
from nianbao.render import render_table
from nianbao.template import T3Col, T3Row
from nianbao.testing.drafts import FORMS, SUFFIX, Draft, clean


def projection(report: Report) -> dict[str, Any]:
    """Everything in a report that must not depend on the surface form."""
    title = report.title
    sig = report.signature
    return {
        "title": title and (title.year, title.agency),
        "intro": [p.text for p in report.intro],
        "sections": [
            (
                s.numeral,
                s.title,
                s.number,
                s.match,
                [(i.ordinal, i.title) for i in s.items],
                [p.text for p in s.paragraphs],
                [t.kind for t in s.tables],
            )
            for s in report.sections
        ],
        "tables": [
            (
                t.kind,
                t.template,
                {k: (b.cell.value.kind, b.cell.value.number, b.cell.value.unit) for k, b in t.cells.items()},
            )
            for t in report.tables
        ],
        "signature": sig and (sig.agency, sig.date),
    }


@pytest.mark.parametrize("year", [2023, 2020])
def test_every_surface_form_yields_the_same_report(year: int) -> None:
    reports = {form: parse_text(clean(form, year), "draft" + SUFFIX[form]) for form in FORMS}
    reference = projection(reports["tab"])
    assert len(reference["sections"]) == 6
    assert [t[0] for t in reference["tables"]] == ["t2", "t3", "t4"]
    cells = [len(t[2]) for t in reference["tables"]]
    assert cells == ([10, 175, 15] if year >= 2021 else [22, 161, 15])
    for form, report in reports.items():
        assert projection(report) == reference, form


def test_every_node_points_at_its_text() -> None:
    text = clean()
    report = parse_text(text)
    assert report.title is not None
    assert text[report.title.start : report.title.end] == "青禾县云溪镇人民政府2023年政府信息公开工作年度报告"
    assert text[report.title.year_start : report.title.year_end] == "2023"
    assert text[report.title.agency_start : report.title.agency_end] == "青禾县云溪镇人民政府"
    for s in report.sections:
        assert text[s.numeral_start : s.numeral_end] == s.numeral
        assert text[s.title_start : s.title_end] == s.title
    for t in report.tables:
        for bound in t.cells.values():
            assert text[bound.cell.start : bound.cell.end] == bound.cell.text
    sig = report.signature
    assert sig is not None and text[sig.date_start : sig.date_end] == "2024年1月18日"


@pytest.mark.parametrize(
    ("raw", "kind", "number", "unit"),
    [
        ("12", NUMBER, 12, ""),
        ("０", NUMBER, 0, ""),
        ("\u30000", NUMBER, 0, ""),
        ("\xa03\xa0", NUMBER, 3, ""),
        ("87580.00元", NUMBER, 87580, "元"),
        ("1,200", NUMBER, 1200, ""),
        ("-8", NUMBER, -8, ""),
        ("+3", NUMBER, 3, ""),
        ("", BLANK, None, ""),
        ("\u3000", BLANK, None, ""),
        ("/", NOT_APPLICABLE, None, ""),
        ("—", NOT_APPLICABLE, None, ""),
        ("不适用", NOT_APPLICABLE, None, ""),
        ("无", TEXT, None, ""),
        ("约5", TEXT, None, ""),
        # a full-width sign, digit or marker opens a value too; anything else is text at once
        ("－8", NUMBER, -8, ""),
        ("１２（其中修订3件）", NUMBER, 12, ""),
        ("／", NOT_APPLICABLE, None, ""),
        ("ＮＡ", NOT_APPLICABLE, None, ""),
        ("\u3000无此项", NOT_APPLICABLE, None, ""),
        ("（一）予以公开", TEXT, None, ""),
    ],
)
def test_cell_values_are_typed_never_coerced(raw: str, kind: str, number: int | None, unit: str) -> None:
    from nianbao.model import Cell, parse_value

    value = parse_value(Cell(raw.strip(), 0, len(raw.strip())))
    assert value.kind == kind
    assert value.number == number
    assert value.unit == unit


def test_labels_match_by_core_despite_spaces_widths_wraps_and_notes() -> None:
    table = render_table("t3", "2021", "tab", {(T3Row.NEW, T3Col.NATURAL): "1"})
    messy = (
        table.replace("三、本年度办理结果", "三、 本 年 度 办 理 结 果")
        .replace("社会公益组织", "社会公 益组织")
        .replace("（一）予以公开", "(一) 予以公开")
        .replace("5.要求行政机关确认或重新出具已获取信息", "5. 要求行政机关确认或重新\t")
        .replace("法律服务机构", "法律服 务机构")
    )
    # a wrapped label: the rest of 5. sits on the next line, before the values
    lines = messy.split("\n")
    i = next(n for n, line in enumerate(lines) if line.startswith("\t\t5. 要求"))
    cells = lines[i].split("\t")
    lines[i] = "\t".join(cells[:3])
    lines.insert(i + 1, "出具已获取信息\t" + "\t".join(cells[4:]))
    report = parse_text("三、收到和处理政府信息公开申请情况\n" + "\n".join(lines) + "\n")
    t3 = report.table("t3")
    assert t3 is not None and t3.template == "2021"
    assert len(t3.cells) == 175 and not t3.short_rows
    assert t3.cell(T3Row.NEW, T3Col.NATURAL).cell.text == "1"  # type: ignore[union-attr]


def test_extra_subtotal_rows_and_columns_are_tolerated() -> None:
    text = clean().replace(
        "\t\t3.补正后申请内容仍不明确",
        "\t小计\t\t" + "\t".join(["1", "0", "0", "0", "0", "0", "1"]) + "\n\t\t3.补正后申请内容仍不明确",
        1,
    )
    report = parse_text(text)
    t3 = report.table("t3")
    assert t3 is not None and T3Row.UNABLE_SUBTOTAL in t3.rows


def test_parenthetical_notes_in_labels() -> None:
    table = render_table("t2", "2019", "tab", {}).replace("上一年项目数量", "上一年项目数量（指2019年事项数）")
    report = parse_text("二、主动公开政府信息情况\n" + table + "\n")
    t2 = report.table("t2")
    assert t2 is not None and t2.template == "2019" and len(t2.cells) == 22


def test_detects_template_from_labels() -> None:
    for year, template in ((2023, "2021"), (2020, "2019")):
        report = parse_text(clean(year=year))
        assert {t.template for t in report.tables if t.kind in ("t2", "t3")} == {template}
        assert report.facts.required_template == template
        assert report.facts.table_template == template


def test_markdown_code_blocks_and_comments_are_not_report_text() -> None:
    md = clean("markdown")
    md = md.replace(
        "## 五、存在的主要问题及改进情况",
        "```\n一、这不是标题\n|a|b|\n```\n\n<!-- 一、注释 -->\n\n## 五、存在的主要问题及改进情况",
    )
    report = parse_text(md, "draft.md")
    assert [s.numeral for s in report.sections] == ["一", "二", "三", "四", "五", "六"]
    assert not any("这不是标题" in p.text for p in report.paragraphs)


def test_infers_year_agency_and_kind() -> None:
    facts = parse_text(clean()).facts
    assert facts.report_year == 2023 and facts.year_is_certain
    assert facts.agency is not None
    assert (facts.agency.core, facts.agency.kind, facts.agency.government) == ("云溪镇", "镇", True)
    untitled = clean().split("\n", 2)[2]
    facts = parse_text(untitled).facts
    assert facts.agency is not None and facts.agency.source == "signature"


def test_configured_overrides_win() -> None:
    report = parse_text(clean(), overrides={"report-year": 2022, "agency": "东岭乡人民政府", "template": "2019"})
    assert report.facts.report_year == 2022
    assert report.facts.required_template == "2019"
    assert report.facts.agency is not None and report.facts.agency.kind == "乡"


def test_obsolete_statistics_table_is_classified() -> None:
    table3 = render_table("t3", "2021", "tab", Draft().t3_values())
    old_form = "项目\t申请总数\t同意公开\t部分同意公开\t不同意公开\n合计\t4\t3\t0\t1"
    report = parse_text(clean().replace(table3, old_form))
    assert [t.kind for t in report.tables] == ["t2", "obsolete", "t4"]


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("一、总体情况", "总体情况"),
        ("三．\u3000收到和处理 \t", "收到和处理"),
        ("（一） 主动公开 ", "主动公开"),
        ("（二）", ""),
    ],
)
def test_heading_titles_end_at_their_last_character(line: str, title: str) -> None:
    from nianbao.parsing.patterns import SECTION_HEADING, SUB_ITEM

    m = SECTION_HEADING.match(line) or SUB_ITEM.match(line)
    assert m is not None and m.group("title") == title


# Full-width marks, spaces, combining and compatibility characters, CJK: where `fold` and NFKC meet.
_NORMALIZE_ALPHABET = "（）：，Ａａ０１　\xa0 \tA1予以公开\u0301\u3099かｶﾞ①Ⅷ㎡ﬁ가\u1100\u1161"


@given(st.text(alphabet=_NORMALIZE_ALPHABET, max_size=12))
def test_normalize_is_nfkc_without_spaces(raw: str) -> None:
    from nianbao.textutil import normalize

    assert normalize(raw) == "".join(unicodedata.normalize("NFKC", raw).split())
