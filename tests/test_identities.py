"""The table identities (勾稽关系) as one system: one slip gives one finding at the slip, and every
suggested fix leaves a table whose identities all hold.

Drafts are generated (nianbao.testing.drafts) with consistent random tables in every surface form
and both templates; a test then changes cells through the text, as a drafter would.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nianbao.engine import Linter, Selection
from nianbao.model import Table
from nianbao.parsing import parse_text
from nianbao.plugins import build_registry
from nianbao.render import FORMS
from nianbao.solver import localise
from nianbao.source import Source
from nianbao.template import (
    GROUP_TOTAL,
    Identity,
    T3Col,
    T3Row,
    T4Col,
    T4Row,
    table_spec,
)
from nianbao.testing.drafts import SUFFIX, Draft, random_draft, render

LINTER = Linter(build_registry(entry_points=False))
TABLE_CODES = ("NB201", "NB202", "NB203", "NB204", "NB207")


def consistent_draft(seed: int, year: int) -> Draft:
    """A draft whose table 3 has random, consistent numbers (every identity holds)."""
    return random_draft(seed, year)


def table_findings(text: str, path: str) -> list:  # type: ignore[type-arg]
    return [f for f in LINTER.check(Source.from_text(text), path, Selection()).findings if f.code in TABLE_CODES]


def with_cell(text: str, table: Table, key: tuple, value: int) -> tuple[str, int]:  # type: ignore[type-arg]
    """*text* with one bound cell's number replaced, and where the new number starts."""
    cell = table.cells[key].cell
    return text[: cell.start] + str(value) + text[cell.end :], cell.start


def apply_fix(text: str, path: str, fix) -> str:  # type: ignore[no-untyped-def]
    from nianbao.fixes import apply_fixes

    fixed, n = apply_fixes(Source.from_text(text), [fix])
    assert n == 1
    return fixed.text


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("year", [2020, 2023])
def test_generated_tables_are_consistent(form: str, year: int) -> None:
    for seed in range(5):
        text = render(consistent_draft(seed, year), form)
        assert table_findings(text, "d" + SUFFIX[form]) == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    year=st.sampled_from([2020, 2023]),
    form=st.sampled_from(FORMS),
    pick=st.integers(0, 10_000),
    delta=st.integers(1, 5),
)
def test_one_changed_cell_is_found_and_its_fix_restores_every_identity(
    seed: int, year: int, form: str, pick: int, delta: int
) -> None:
    path = "d" + SUFFIX[form]
    text = render(consistent_draft(seed, year), form)
    report = parse_text(text, path)
    t3 = report.table("t3")
    assert t3 is not None
    keys = sorted(t3.cells, key=lambda k: t3.cells[k].cell.start)
    key = keys[pick % len(keys)]
    old = t3.numbers[key]
    new = int(old) + delta if (pick // len(keys)) % 2 or old < delta else int(old) - delta
    broken, at = with_cell(text, t3, key, new)
    found = table_findings(broken, path)
    assert len(found) == 1, [f.message for f in found]
    finding = found[0]
    assert finding.start == at and finding.fix is not None, finding.message
    assert [e.new_text for e in finding.fix.edits] == [str(old)]
    assert table_findings(apply_fix(broken, path, finding.fix), path) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    form=st.sampled_from(FORMS),
    pick=st.integers(0, 10_000),
    same_row=st.booleans(),
    deltas=st.tuples(st.integers(1, 4), st.integers(1, 4)),
)
def test_two_changed_cells_never_get_a_fix_that_leaves_an_identity_broken(
    seed: int, form: str, pick: int, same_row: bool, deltas: tuple[int, int]
) -> None:
    path = "d" + SUFFIX[form]
    text = render(consistent_draft(seed, 2023), form)
    t3 = parse_text(text, path).table("t3")
    assert t3 is not None
    keys = sorted(t3.cells, key=lambda k: t3.cells[k].cell.start)
    first = keys[pick % len(keys)]
    partners = [k for k in keys if k != first and (k[0] is first[0] if same_row else k[1] is first[1])]
    second = partners[(pick // 7) % len(partners)]
    cells = sorted([first, second], key=lambda k: t3.cells[k].cell.start, reverse=True)
    broken = text
    for key, delta in zip(cells, deltas):  # from the end, so earlier offsets stay valid
        broken, _ = with_cell(broken, t3, key, int(t3.numbers[key]) + delta)
    for finding in table_findings(broken, path):
        if finding.fix is not None:
            assert table_findings(apply_fix(broken, path, finding.fix), path) == [], finding.fix.description


def _rendered(template: str) -> str:
    year = 2023 if template == "2021" else 2020
    return render(consistent_draft(year, year), "tab")


def _identity_cases() -> list[tuple[str, str, Identity]]:
    """Every identity of tables 3 and 4 whose cells the rendered template tables have (the optional
    subtotal rows and column are not rendered)."""
    cases = []
    for template in ("2019", "2021"):
        report = parse_text(_rendered(template), "d.txt")
        for kind in ("t3", "t4"):
            spec, table = table_spec(kind, template), report.table(kind)
            assert spec is not None and table is not None
            cases += [(kind, template, i) for i in spec.identities if all(k in table.cells for k in i.cells)]
    return cases


@pytest.mark.parametrize(("kind", "template", "identity"), _identity_cases())
def test_breaking_one_addend_of_each_identity_gives_one_finding_naming_it(
    kind: str, template: str, identity: Identity
) -> None:
    text = _rendered(template)
    table = parse_text(text, "d.txt").table(kind)
    assert table is not None
    addend = identity.rhs[-1]
    broken, at = with_cell(text, table, addend, int(table.numbers[addend]) + 1)
    found = table_findings(broken, "d.txt")
    assert len(found) == 1, [f.message for f in found]
    finding = found[0]
    if identity.family == GROUP_TOTAL:  # five cells, one identity: any of them could be the slip
        assert finding.code == "NB204" and finding.fix is None
        assert at in {r.start for r in finding.related}
    else:
        assert finding.start == at and finding.fix is not None


def test_subtotal_rows_and_column_take_part_when_present() -> None:
    text = _rendered("2021")
    t3 = parse_text(text, "d.txt").table("t3")
    assert t3 is not None
    # a 小计 row for （四）无法提供 after its items, consistent, then one wrong cell in it
    items = [r for r in t3.rows if r.group == "unable"]
    last = t3.rows[items[-1]]
    sums = [sum(int(t3.numbers[(r, c)]) for r in items) for c in t3.columns]
    row = "\t\t小计\t\t" + "\t".join(map(str, sums))
    with_subtotal = text[: last.end] + "\n" + row + text[last.end :]
    assert table_findings(with_subtotal, "d.txt") == []
    wrong = with_subtotal.replace(row, row[: -len(str(sums[-1]))] + str(sums[-1] + 1))
    found = table_findings(wrong, "d.txt")
    # the subtotal row's 总计 is the total of its row and of its group: the row's sum names it first
    assert [f.code for f in found] == ["NB201"] and "“（四）无法提供小计”一行的总计" in found[0].message
    assert "（四）无法提供小计（总计列）" in found[0].message


def test_the_readme_example_kind_of_slip_without_a_unique_answer_gets_no_fix() -> None:
    # 自然人 and 总计 one too high in one leaf row, with two leaf rows that could hold the extra one
    d = Draft()
    text = render(d)
    t3 = parse_text(text, "d.txt").table("t3")
    assert t3 is not None
    for column in (T3Col.TOTAL, T3Col.NATURAL):
        text, _ = with_cell(text, t3, (T3Row.GRANTED, column), int(t3.numbers[(T3Row.GRANTED, column)]) + 1)
    found = table_findings(text, "d.txt")
    assert [f.code for f in found] == ["NB202"]
    assert found[0].fix is None
    assert (
        "可能是“（一）予以公开”一行的自然人列和总计，或“（四）无法提供”中的“1.本机关不掌握相关政府信息”一行的自然人列和总计"
        in (found[0].message)
    )


def test_a_blank_total_whose_parts_are_not_zero_is_an_error_with_a_fix() -> None:
    text = render(Draft())
    t3 = parse_text(text, "d.txt").table("t3")
    assert t3 is not None
    cell = t3.cells[(T3Row.TOTAL, T3Col.NATURAL)].cell
    text = text[: cell.start] + text[cell.end :]
    found = table_findings(text, "d.txt")
    assert [(f.code, f.severity) for f in found] == [("NB207", "error")]
    assert found[0].message.startswith("（七）总计（自然人列）为空，按勾稽关系应为 3")
    assert found[0].fix is not None and [e.new_text for e in found[0].fix.edits] == ["3"]
    assert text[found[0].start : found[0].end] == "\t"  # an empty cell is underlined by its separator


def test_blank_cells_that_mean_none_are_one_warning_per_table() -> None:
    text = render(Draft())
    t3 = parse_text(text, "d.txt").table("t3")
    assert t3 is not None
    # every zero that is not a total (the 总计 column, the （七）总计 row) left blank
    zeros = [k for k, v in t3.numbers.items() if v == 0 and k[1] is not T3Col.TOTAL and k[0] is not T3Row.TOTAL]
    for key in sorted(zeros, key=lambda k: t3.cells[k].cell.start, reverse=True):
        cell = t3.cells[key].cell
        text = text[: cell.start] + text[cell.end :]
    found = table_findings(text, "d.txt")
    assert [(f.code, f.severity) for f in found] == [("NB207", "warning")]
    assert found[0].message.startswith(f"表三有 {len(zeros)} 个空白单元格")
    assert "按 0 计算时各项勾稽关系成立" in found[0].message


def test_fix_reaches_a_fixpoint_in_two_passes_and_counts_what_it_applied() -> None:
    for seed in range(12):
        for form in FORMS:
            text = render(consistent_draft(seed, 2023), form)
            t3 = parse_text(text, "d" + SUFFIX[form]).table("t3")
            assert t3 is not None
            key = sorted(t3.cells, key=lambda k: t3.cells[k].cell.start)[seed % len(t3.cells)]
            broken, _ = with_cell(text, t3, key, int(t3.numbers[key]) + 2)
            path = "d" + SUFFIX[form]
            result = LINTER.fix(Source.from_text(broken), path, Selection(), unsafe=True, max_passes=2)
            assert result.fixed == 1
            assert result.findings == ()
            again = LINTER.fix(result.source, path, Selection(), unsafe=True)  # type: ignore[arg-type]
            assert again.fixed == 0


# --- the solver on its own ------------------------------------------------------------------------


def test_solver_finds_the_unique_smallest_explanation_and_its_values() -> None:
    # a + b = t, c + d = u, t + u = s: b is 1 too high
    class Eq:
        def __init__(self, lhs: tuple[str, ...], rhs: tuple[str, ...]) -> None:
            self.lhs, self.rhs = lhs, rhs

    # a 2×2 table with row totals r1, r2 and column totals c1, c2: b is one too high
    eqs = [Eq(("r1",), ("a", "b")), Eq(("r2",), ("c", "d")), Eq(("c1",), ("a", "c")), Eq(("c2",), ("b", "d"))]
    values = {k: Decimal(v) for k, v in dict(a=1, b=3, c=2, d=2, r1=3, r2=4, c1=3, c2=4).items()}
    found = localise(eqs, values)
    assert found.unique is not None and found.unique.values == {"b": Decimal(2)}
    # a total typed wrong: only its own identity breaks, and the total alone explains it
    values = {k: Decimal(v) for k, v in dict(a=1, b=2, c=2, d=2, r1=5, r2=4, c1=3, c2=4).items()}
    found = localise(eqs, values)
    assert found.unique is not None and found.unique.values == {"r1": Decimal(3)}
    # one identity, three cells: every cell explains it
    found = localise([Eq(("t",), ("a", "b"))], {"a": Decimal(1), "b": Decimal(1), "t": Decimal(3)})
    assert found.unique is None and len(found.explanations) == 3
    # a negative count is not an explanation
    found = localise(
        [Eq(("t",), ("a", "b"))],
        {"a": Decimal(0), "b": Decimal(1), "t": Decimal(0)},
        admissible=lambda key, value: value >= 0,
    )
    assert sorted(sorted(e.cells) for e in found.explanations) == [["b"], ["t"]]  # not a = −1


def test_table_four_groups_are_one_identity_each() -> None:
    spec = table_spec("t4", "2021")
    assert spec is not None
    assert [(i.lhs, len(i.rhs)) for i in spec.identities] == [
        (((row, T4Col.TOTAL),), 4) for row in (T4Row.REVIEW, T4Row.DIRECT, T4Row.AFTER_REVIEW)
    ]
