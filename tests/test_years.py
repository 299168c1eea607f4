"""Across years (#13): each report checked against the same agency's report for the year before.

Series of consecutive correct reports (`nianbao.testing.drafts.series`) are written into folders
and checked with the CLI: consistent series give nothing; each kind of break gives exactly its
finding, pointing into both years' files.
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from nianbao.cli import main
from nianbao.digest import ReportDigest
from nianbao.engine import Linter
from nianbao.hookspec import hookimpl
from nianbao.ruledef import WARNING, Finding, Related, Rule, year_rule
from nianbao.template import T4_COLUMNS, T4_ROWS, T2019, T2021, RowSpec, T2Col, T2Row, T3Col, T3Row, T4Col, T4Row
from nianbao.testing.drafts import Draft, first_of_series, problems_of, render, series

AGENCIES = (
    ("青禾县云溪镇人民政府", "云溪镇"),
    ("青禾县石桥镇人民政府", "石桥镇"),
    ("白沙县东岭街道办事处", "东岭街道"),
)


# Table 4 with three reviews and a lawsuit: enough cases that the same table two years running is a copy.
FOUR_CASES = {(g, c): "0" for g in T4_ROWS for c in T4_COLUMNS} | {
    (T4Row.REVIEW, T4Col.UPHELD): "2",
    (T4Row.REVIEW, T4Col.CORRECTED): "1",
    (T4Row.REVIEW, T4Col.TOTAL): "3",
    (T4Row.DIRECT, T4Col.PENDING): "1",
    (T4Row.DIRECT, T4Col.TOTAL): "1",
}


def chain(start: int, years: int = 3, agency: int = 0, seed: int = 0) -> list[Draft]:
    full, name = AGENCIES[agency]
    return series(first_of_series(start, full, name, seed), years, seed)


def write(root: Path, drafts: list[Draft], name: str | None = None) -> dict[int, Path]:
    """Each draft as ``root/<year>/<agency>.txt``; the paths by year."""
    out = {}
    for d in drafts:
        path = root / str(d.year) / f"{name or d.name}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(d), encoding="utf-8")
        out[d.year] = path
    return out


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, Any]], str]:
    """Run ``nianbao check --format json``; exit status, records and standard error."""
    status = main(["check", "--format", "json", *args])
    out, err = capsys.readouterr()
    return status, json.loads(out), err


def only(records: list[dict[str, Any]]) -> dict[str, Any]:
    assert len(records) == 1, [(r["path"], r["code"], r["message"]) for r in records]
    return records[0]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- consistent series --------------------------------------------------------------------------


def test_consistent_series_of_several_agencies_give_nothing(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Three agencies over 2019–2023 (both templates, across the 2020/2021 change), in one folder
    tree: every report but the first of each agency is paired, and nothing is found."""
    for i in range(len(AGENCIES)):
        write(tmp_cwd / "reports", chain(2019, 5, i, seed=i))
    status, records, err = check(capsys, "--verbose", "reports")
    assert (status, records) == (0, [])
    assert err.count("与上年报告") == 4 * len(AGENCIES) and err.count("不作跨年度比对") == len(AGENCIES)
    status, records, _ = check(capsys, "reports")  # answered from the cache, digests included
    assert (status, records) == (0, [])


def test_a_folder_of_several_agencies_and_years_with_every_kind_of_fault(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three agencies over 2019–2023, with faults of every kind in different reports (across the
    template change too): one run finds each fault, in its report, and nothing else."""
    one, two, three = chain(2019, 5, 0, seed=1), chain(2019, 5, 1, seed=2), chain(2019, 5, 2, seed=3)
    one[2] = _carried_plus_one(one[2])  # 2021 against 2020: across the template change
    t2 = dict(two[3].t2_values())  # two more made in 2022, and the stock not moved
    t2[(T2Row.NORMATIVE, T2Col.MADE)] = str(int(t2[(T2Row.NORMATIVE, T2Col.MADE)]) + 2)
    two[3] = replace(two[3], t2=t2)
    two[4] = replace(two[4], problems=two[3].problems)
    t2 = dict(three[1].t2_values())
    t2[(T2Row.PENALTY, T2Col.PREVIOUS)] = str(int(t2[(T2Row.PENALTY, T2Col.PREVIOUS)]) + 1)
    three[1] = replace(three[1], t2=t2)
    three[2], three[3] = (replace(d, t4=FOUR_CASES) for d in three[2:4])  # 2022's table 4 is 2021's
    for d in (*one, *two, *three):
        write(tmp_cwd / "reports", [d])
    paths = {(d.name, d.year): tmp_cwd / "reports" / str(d.year) / f"{d.name}.txt" for d in (*one, *two, *three)}
    edit(paths[("云溪镇", 2023)], "2023年，云溪镇坚持", "2022年，云溪镇坚持")
    expected = {
        (("云溪镇", 2021), "NB601"),
        (("云溪镇", 2023), "NB606"),
        (("石桥镇", 2022), "NB602"),
        (("石桥镇", 2023), "NB605"),
        (("东岭街道", 2020), "NB603"),
        (("东岭街道", 2022), "NB604"),
    }
    status, records, _ = check(capsys, "reports")
    where = {str(path.relative_to(tmp_cwd)): key for key, path in paths.items()}
    found = [(where[r["path"]], r["code"]) for r in records]
    assert status == 1 and sorted(found) == sorted(expected)
    assert all(r["related"][0]["path"] != r["path"] for r in records)  # each points into last year's report


# --- each break, exactly its finding ------------------------------------------------------------


def _carried_plus_one(d: Draft) -> Draft:
    """*d* with one more application carried over (and granted), its own identities still holding."""
    t3 = dict(d.t3)
    t3[T3Row.CARRIED] = (t3[T3Row.CARRIED][0] + 1, *t3[T3Row.CARRIED][1:])
    granted = t3.get(T3Row.GRANTED, (0,) * 6)
    t3[T3Row.GRANTED] = (granted[0] + 1, *granted[1:])
    return replace(d, t3=t3)


@pytest.mark.parametrize("start", [2022, 2020])  # 2020 → 2021 crosses the template change
def test_carry_over_break(tmp_cwd: Path, capsys: pytest.CaptureFixture[str], start: int) -> None:
    drafts = chain(start, 2)
    drafts[1] = _carried_plus_one(drafts[1])
    paths = write(tmp_cwd, drafts)
    status, records, _ = check(capsys, str(tmp_cwd / str(start)), str(tmp_cwd / str(start + 1)))
    finding = only(records)
    last = drafts[0].t3[T3Row.CARRY_FORWARD][0]
    assert (status, finding["code"], finding["name"]) == (1, "NB601", "carry-over")
    assert finding["path"] == str(paths[start + 1]) and "自然人列为" in finding["message"]
    assert f"{last + 1}" in finding["message"] and f"自然人列为 {last}" in finding["message"]
    (there,) = finding["related"]
    lines = paths[start].read_text(encoding="utf-8").splitlines()
    assert there["path"] == str(paths[start]) and lines[there["line"] - 1].startswith("四、结转下年度继续办理")
    here = paths[start + 1].read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
    assert here.startswith("二、上年结转")
    # again, both reports answered from the cache (their digests' bodies read from it when paired)
    assert check(capsys, str(tmp_cwd / str(start)), str(tmp_cwd / str(start + 1)))[1] == records


def _forward_plus_one(d: Draft) -> Draft:
    """*d* with one more application carried forward to next year (and one more received), its own
    identities still holding."""
    t3 = dict(d.t3)
    for row in (T3Row.CARRY_FORWARD, T3Row.NEW):
        counts = t3.get(row, (0,) * 6)
        t3[row] = (counts[0] + 1, *counts[1:])
    return replace(d, t3=t3)


def test_a_cache_hit_does_not_compare_an_unchanged_pair_again(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Re-checking two unchanged reports answers their comparison from the cache: the same
    findings, without comparing or reading either report's tables."""
    drafts = chain(2022, 2)
    drafts[1] = _carried_plus_one(drafts[1])
    write(tmp_cwd, drafts)
    first = check(capsys, "2022", "2023")
    assert [r["code"] for r in first[1]] == ["NB601"]

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("compared again")

    monkeypatch.setattr(Linter, "check_years", fail)
    monkeypatch.setattr("nianbao.digest_parts.decode_body", fail)
    assert check(capsys, "2022", "2023") == first


def test_a_stored_comparison_is_not_used_once_either_report_changes(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The cache's comparison of a pair belongs to the two texts: a changed predecessor, or a
    changed report, is compared again, and every run says what a run without the cache says."""
    drafts = chain(2022, 2)
    drafts[1] = _carried_plus_one(drafts[1])
    paths = write(tmp_cwd, drafts)

    def both() -> list[dict[str, Any]]:
        cached = check(capsys, "2022", "2023")
        assert cached == check(capsys, "--no-cache", "2022", "2023")
        return cached[1]

    (before,) = both()
    edit(paths[2023], "一、总体情况", "一、总体情况\n")  # this year's text: the finding moves a line down
    (moved,) = both()
    assert (moved["code"], moved["line"]) == ("NB601", before["line"] + 1)
    paths[2022].write_text(render(_forward_plus_one(drafts[0])), encoding="utf-8")  # last year's agrees now
    assert both() == []
    paths[2022].write_text(render(drafts[0]), encoding="utf-8")  # and disagrees again
    assert both() == [moved]


def test_comparisons_made_by_worker_processes_are_the_ones_made_in_process(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --jobs 2 the reports' comparisons are made by the worker processes: the same findings,
    in the same order, as one process makes, in text (placed in each report's lines) and JSON."""
    for i in range(len(AGENCIES)):
        drafts = chain(2019, 4, i, seed=i)
        drafts[2] = _carried_plus_one(drafts[2])
        write(tmp_cwd / "reports", drafts)
    one = check(capsys, "--no-cache", "--jobs", "1", "reports")
    assert [r["code"] for r in one[1]].count("NB601") == len(AGENCIES)
    assert check(capsys, "--no-cache", "--jobs", "2", "reports") == one
    texts = []
    for jobs in ("1", "2"):
        status = main(["check", "--no-cache", "--verbose", "--jobs", jobs, "reports"])
        texts.append((status, *capsys.readouterr()))
    assert texts[0] == texts[1] and "NB601" in texts[0][1]


def test_a_re_run_starts_no_worker_for_the_pairs_the_cache_holds(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --jobs 2, a re-run over unchanged reports answers each file and each pair from the
    cache in this process, as `run_many` answers a file's hit: no process pool is started."""
    for i in range(len(AGENCIES)):
        drafts = chain(2021, 3, i, seed=i)
        drafts[2] = _carried_plus_one(drafts[2])
        write(tmp_cwd / "reports", drafts)
    first = check(capsys, "--jobs", "2", "reports")
    assert [r["code"] for r in first[1]] == ["NB601"] * len(AGENCIES)

    def no_pool(*args: object) -> None:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr("nianbao.runner._Pool", no_pool)
    assert check(capsys, "--jobs", "2", "reports") == first


def test_standard_input_s_stored_comparison_is_placed_in_its_text(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Standard input cannot be read again where findings are rendered: a comparison loaded from
    the cache is placed in its lines, as a fresh one is."""
    paths = write(tmp_cwd, chain(2022, 2))
    edit(paths[2023], "2023年，云溪镇坚持", "2022年，云溪镇坚持")
    data = paths[2023].read_bytes()
    runs = []
    for _ in range(2):  # compared, then loaded from the cache
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
        runs.append(only(check(capsys, "--stdin-filename", "2023/云溪镇.txt", "-")[1]))
    assert runs[0]["code"] == "NB606" and runs[0]["line"] > 1
    assert runs[1] == runs[0]


def test_a_predecessor_whose_name_is_not_utf8_is_cached(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A pair's findings name last year's file: a name that is not UTF-8 is stored and loaded again
    (it was an internal error when the pair's cache entry was written)."""
    paths = write(tmp_cwd, chain(2022, 2))
    edit(paths[2023], "2023年，云溪镇坚持", "2022年，云溪镇坚持")
    odd = os.fsdecode(b"2022/\xd4\xc6.txt")  # 云 in GBK
    try:
        paths[2022].rename(odd)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes UTF-8 names only")
    runs = [check(capsys, ".") for _ in range(2)]  # stored, then loaded
    assert runs[0] == runs[1] == check(capsys, "--no-cache", ".")
    assert only(runs[1][1])["related"][0]["path"] == "2022/\\xd4\\xc6.txt"


def test_a_digest_keeps_the_key_of_its_cache_entry(tmp_path: Path) -> None:
    """A digest stored in, or loaded from, the cache carries the entry's key (what its comparisons
    are stored under), across pickling too; an uncached one has none."""
    import pickle

    from nianbao.cache import Cache

    digest = ReportDigest("a.txt", "青禾县云溪镇人民政府", "云溪镇", year=2023, body="[]")
    assert digest.key == ""
    cache = Cache(tmp_path)
    cache.store("ab" * 32, (), digest)
    loaded = cache.load("ab" * 32, "a.txt")
    assert loaded is not None and loaded[1] is not None
    assert digest.key == loaded[1].key == "ab" * 32
    assert pickle.loads(pickle.dumps(loaded[1])).key == "ab" * 32


def test_document_stock_break_2021(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = chain(2022, 2)
    t2 = dict(drafts[1].t2_values())
    stock = int(t2[(T2Row.NORMATIVE, T2Col.IN_FORCE)])
    t2[(T2Row.NORMATIVE, T2Col.IN_FORCE)] = str(stock + 3)
    drafts[1] = replace(drafts[1], t2=t2)
    paths = write(tmp_cwd, drafts)
    _, records, _ = check(capsys, str(tmp_cwd))
    finding = only(records)
    assert (finding["code"], finding["severity"]) == ("NB602", "warning")
    assert f"现行有效件数为 {stock + 3}" in finding["message"] and f"= {stock}" in finding["message"]
    assert "清理" in finding["message"]
    assert [r["path"] for r in finding["related"]][0] == str(paths[2022])


def test_document_stock_break_2019_and_none_across_the_template_change(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """2019 template: 对外公开总数量 carries over. 2020 → 2021: the 2019 template's 对外公开总数量
    (everything published so far) is not the 2021 template's 现行有效件数: nothing is compared."""
    drafts = chain(2019, 3)  # 2019, 2020 (2019 template), 2021 (2021 template)
    for i, row, column, more in (
        (1, T2Row.NORMATIVE_2019, T2Col.PUBLISHED_TOTAL_2019, 1),
        (2, T2Row.NORMATIVE, T2Col.IN_FORCE, 40),
    ):
        t2 = dict(drafts[i].t2_values())
        t2[(row, column)] = str(int(t2[(row, column)]) + more)
        drafts[i] = replace(drafts[i], t2=t2)
    write(tmp_cwd, drafts)
    _, records, _ = check(capsys, str(tmp_cwd))
    finding = only(records)
    assert (finding["code"], Path(finding["path"]).parent.name) == ("NB602", "2020")
    assert "对外公开总数量" in finding["message"] and "本年新公开数量" in finding["message"]


def _stock(d: Draft, row: RowSpec, made: int, repealed: int, in_force: int) -> Draft:
    t2 = dict(d.t2_values()) | {(row, T2Col.MADE): str(made), (row, T2Col.REPEALED): str(repealed)}
    return replace(d, t2=t2 | {(row, T2Col.IN_FORCE): str(in_force)})


@pytest.mark.parametrize(
    ("said", "in_force", "found"),
    [
        # last year 30 in force; this year 4 made, 1 repealed: 33 expected
        ("开展行政规范性文件清理，清理并集中发布现行有效行政规范性文件20件，动态更新本年度制发的4件。", 24, False),
        ("经清理，现行有效行政规范性文件24件。", 24, False),
        ("开展规范性文件清理，宣布失效规范性文件6件、废止2件。", 25, False),  # 33 − 6 − 2
        ("开展规范性文件清理，宣布失效规范性文件6件。", 28, False),  # 30 + 4 − 6: the table's 1 among the 6
        ("开展规范性文件清理，宣布失效规范性文件6件。", 20, True),  # numbers that do not add up
        ("开展行政规范性文件全面清理，及时清理失效、废止文件。", 24, True),  # a clearance, no numbers
        ("本年制发行政规范性文件4件，废止1件。", 4, True),  # the stock filled in as this year's making
        ("本年制发行政规范性文件4件，废止1件。", 32, True),  # the table's repeal said again: not a second one
        ("清理规章和规范性文件，废止规章1件、规范性文件3件。", 30, False),  # 33 − 3: each count its documents
        ("清理规章和规范性文件，废止规章1件、规范性文件3件。", 32, True),  # the 规章's 1 explains nothing here
        ("", 24, True),
    ],
    ids=[
        "stock-stated-plus-made",
        "stock-stated",
        "removals-summed",
        "removals-instead-of-the-repeal-column",
        "removals-that-do-not-add-up",
        "clearance-without-numbers",
        "made-filled-in-as-the-stock",
        "repeal-column-said-again",
        "counts-listed-by-documents",
        "another-documents-count",
        "nothing-said",
    ],
)
def test_document_stock_explained_in_the_text(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str], said: str, in_force: int, found: bool
) -> None:
    """A stock moved by a 清理 is not reported when the report says so with numbers that add up."""
    last, this = chain(2022, 2)
    last = _stock(last, T2Row.NORMATIVE, 3, 0, 30)
    this = replace(_stock(this, T2Row.NORMATIVE, 4, 1, in_force), extra=(said,) if said else ())
    write(tmp_cwd, [last, this])
    _, records, _ = check(capsys, str(tmp_cwd))
    assert [r["code"] for r in records] == (["NB602"] if found else [])


@pytest.mark.parametrize(
    ("agency", "name", "compared"),
    [("青禾县云溪镇人民政府", "云溪镇", False), ("青禾市人民政府", "青禾市", True)],
    ids=["township", "districted-city"],
)
def test_rules_stock_only_for_an_agency_that_may_make_rules(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str], agency: str, name: str, compared: bool
) -> None:
    """Last year's 规章 5 in force, this year 0: a 镇 makes no 规章, so 0 is the correction of last
    year's slip (NB208 there), not a stock that fails to carry over; a 设区的市 government's is."""
    last, this = (
        replace(d, problems=problems_of(d.year, name)) for d in series(first_of_series(2022, agency, name), 2)
    )
    write(tmp_cwd, [_stock(last, T2Row.RULES, 5, 0, 5), _stock(this, T2Row.RULES, 0, 0, 0)])
    _, records, _ = check(capsys, "--select", "NB6", str(tmp_cwd))
    assert [(r["code"], Path(r["path"]).parent.name) for r in records] == ([("NB602", "2023")] if compared else [])


def test_item_count_break(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = chain(2019, 2)
    t2 = dict(drafts[1].t2_values())
    t2[(T2Row.PERMIT, T2Col.PREVIOUS)] = str(int(t2[(T2Row.PERMIT, T2Col.PREVIOUS)]) + 5)
    drafts[1] = replace(drafts[1], t2=t2)
    paths = write(tmp_cwd, drafts)
    _, records, _ = check(capsys, str(tmp_cwd))
    finding = only(records)
    assert finding["code"] == "NB603" and "行政许可" in finding["message"]
    assert {r["path"] for r in finding["related"]} == {str(paths[2019])} and len(finding["related"]) == 2


def test_table_copied(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Table 3 and table 4 the same as last year's: one warning each (the default table 3 carries
    over exactly what it carried forward, so only the copy is wrong)."""
    drafts = [replace(d, t3=Draft().t3, t4=FOUR_CASES) for d in chain(2022, 2)]
    paths = write(tmp_cwd, drafts)
    _, records, _ = check(capsys, str(tmp_cwd))
    assert sorted(r["code"] for r in records) == ["NB604", "NB604"]
    messages = sorted(r["message"] for r in records)
    assert messages[0].startswith("表三与上年（2022 年度）报告的表三逐格相同（共 5 件）")
    assert messages[1].startswith("表四与上年（2022 年度）报告的表四逐格相同（共 4 件）")
    assert all(r["related"][0]["path"] == str(paths[2022]) for r in records)


def test_small_tables_the_same_two_years_are_not_copies(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Table 3 with one application received and one carried over, table 4 with one review: two
    cases each, the same both years — nothing to say."""
    one: tuple[int, ...] = (1, 0, 0, 0, 0, 0)
    t3: dict[RowSpec, tuple[int, ...]] = {
        T3Row.NEW: one,
        T3Row.CARRIED: one,
        T3Row.GRANTED: one,
        T3Row.CARRY_FORWARD: one,
    }
    drafts = [replace(d, t3=t3) for d in chain(2022, 2)]
    write(tmp_cwd, drafts)
    assert check(capsys, str(tmp_cwd))[1] == []


def test_copied_prose_in_section_five(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = chain(2022, 2)
    drafts[1] = replace(drafts[1], problems=drafts[0].problems)
    paths = write(tmp_cwd, drafts)
    _, records, _ = check(capsys, str(tmp_cwd))
    finding = only(records)
    assert finding["code"] == "NB605" and "100%（3/3 句）" in finding["message"]
    assert "存在的主要问题及改进情况" in finding["message"]
    assert finding["related"][0]["path"] == str(paths[2022])
    assert {r["path"] for r in finding["related"][1:]} == {str(paths[2023])}


def test_copied_prose_threshold_is_configurable(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two of three sentences copied (67 %): reported at the default 50 %, not at 0.7 — set per file."""
    drafts = chain(2022, 2)
    last = drafts[0].problems.split("。")
    drafts[1] = replace(drafts[1], problems=last[0] + "。" + drafts[1].problems.split("。")[1] + "。")
    write(tmp_cwd, drafts)
    assert "67%（2/3 句）" in only(check(capsys, str(tmp_cwd))[1])["message"]
    (tmp_cwd / "nianbao.toml").write_text('[[overrides]]\nfiles = ["2023/*"]\ncopied-prose-threshold = 0.7\n')
    assert check(capsys, str(tmp_cwd))[1] == []


def test_year_not_updated_is_an_error_with_a_safe_fix(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = chain(2022, 2)
    paths = write(tmp_cwd, drafts)
    edit(paths[2023], "2023年，云溪镇坚持", "2022年，云溪镇坚持")
    _, records, _ = check(capsys, str(tmp_cwd))
    finding = only(records)
    assert (finding["code"], finding["severity"]) == ("NB606", "error")
    assert finding["fix"]["applicability"] == "safe" and finding["fix"]["edits"][0]["new_text"] == "2023"
    assert finding["related"][0]["path"] == str(paths[2022])
    assert main(["check", "--fix", str(tmp_cwd)]) == 0
    assert "2023年，云溪镇坚持" in paths[2023].read_text(encoding="utf-8")
    capsys.readouterr()


def test_a_sentence_that_names_last_year_on_purpose_is_quiet(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Last year's own-year statement, rewritten this year about last year (相比2022年): not copied."""
    drafts = chain(2022, 2)
    paths = write(tmp_cwd, drafts)
    edit(paths[2023], "2023年，云溪镇坚持", "相比2022年，云溪镇坚持")
    assert check(capsys, str(tmp_cwd))[1] == []


# --- finding the previous report ----------------------------------------------------------------


@pytest.mark.parametrize("agency", [0, 2])  # 青禾县云溪镇人民政府 / 云溪镇; 白沙县东岭街道办事处 / 东岭街道
def test_full_and_short_names_are_one_agency(tmp_cwd: Path, capsys: pytest.CaptureFixture[str], agency: int) -> None:
    drafts = chain(2022, 2, agency)
    drafts[0] = replace(drafts[0], agency=drafts[0].name)  # titled and signed with the short name
    drafts[1] = _carried_plus_one(drafts[1])
    write(tmp_cwd, drafts)
    _, records, err = check(capsys, "--verbose", str(tmp_cwd))
    assert only(records)["code"] == "NB601" and "同一次检查中的文件" in err


def _bureau(agency: str = "临溪县自然资源局", seed: int = 0) -> list[Draft]:
    """A county bureau's correct reports for 2022 and 2023 (titled and signed *agency*)."""
    return series(first_of_series(2022, agency, "自然资源局", seed), 2, seed)


def test_one_short_name_in_two_places_is_two_agencies(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """云州县自然资源局 and 临溪县自然资源局 share the core 自然资源局 but are bureaus of two counties:
    never paired. The same place's bureau, short or full, is."""
    last, this = _bureau()
    last, this = replace(last, agency="云州县自然资源局"), _carried_plus_one(this)
    write(tmp_cwd, [last, this])
    status, records, err = check(capsys, "--verbose", str(tmp_cwd))
    assert (status, records) == (0, [])
    assert "没有找到自然资源局 2022 年度的报告" in err and "同名机关，但地名不同" in err
    for name in ("临溪县自然资源局", "青禾市临溪县自然资源局", "自然资源局"):
        write(tmp_cwd, [replace(last, agency=name)])
        _, records, err = check(capsys, "--verbose", str(tmp_cwd))
        assert only(records)["code"] == "NB601", name


def test_verbose_says_which_of_several_candidates_was_taken(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two reports for 2022 that may be the agency's: the one with the same full name is taken, and
    --verbose says why and names the other."""
    full, this = _bureau()
    write(tmp_cwd, [full], "全称")
    write(tmp_cwd, [replace(_bureau(seed=2)[0], agency="县自然资源局")], "简称")
    write(tmp_cwd, [this], "本年")
    _, records, err = check(capsys, "--verbose", ".")
    assert records == []
    line = next(line for line in err.splitlines() if "本年.txt：" in line)
    assert "与上年报告 2022/全称.txt 比对（同一次检查中的文件；机关全称相同）" in line
    assert "未采用的其他候选：2022/简称.txt（一方的机关名称是另一方的简称）" in line


def test_two_agencies_in_one_folder_are_each_paired_with_their_own(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = chain(2022, 2, 0, seed=1), chain(2022, 2, 1, seed=2)
    one[1] = _carried_plus_one(one[1])
    for d in (*one, *two):  # flat: 云溪镇2022.txt …
        (tmp_cwd / f"{d.name}{d.year}.txt").write_text(render(d), encoding="utf-8")
    _, records, err = check(capsys, "--verbose", ".")
    assert only(records)["path"] == "云溪镇2023.txt"
    assert "云溪镇2023.txt：与上年报告 云溪镇2022.txt" in err and "石桥镇2023.txt：与上年报告 石桥镇2022.txt" in err


def test_a_missing_year_pairs_nothing(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = chain(2021, 3)
    drafts[2] = _carried_plus_one(drafts[2])
    paths = write(tmp_cwd, drafts)
    paths[2022].unlink()
    status, records, err = check(capsys, "--verbose", str(tmp_cwd))
    assert (status, records) == (0, [])
    assert "没有找到云溪镇 2022 年度的报告" in err


def test_a_town_that_became_a_subdistrict_is_another_agency_unless_named(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    town, subdistrict = chain(2022, 2)
    subdistrict = replace(
        subdistrict, agency="青禾县云溪街道办事处", name="云溪街道", problems=problems_of(2023, "云溪街道")
    )
    subdistrict = _carried_plus_one(subdistrict)
    write(tmp_cwd, [town])
    write(tmp_cwd, [subdistrict])
    _, records, err = check(capsys, "--verbose", str(tmp_cwd))
    assert records == [] and "没有找到云溪街道 2022 年度的报告" in err
    (tmp_cwd / "nianbao.toml").write_text(
        '[[overrides]]\nfiles = ["2023/云溪街道.txt"]\nprevious = "2022/云溪镇.txt"\n'
    )
    _, records, err = check(capsys, "--verbose", str(tmp_cwd))
    assert only(records)["code"] == "NB601" and "配置或命令行指定" in err


@pytest.mark.parametrize("broken", ['selct = ["NB1"]\n', 'select = ["NB999"]\n'], ids=["unknown-key", "unknown-code"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_broken_configuration_beside_a_candidate_skips_it(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str], broken: str, jobs: str
) -> None:
    """Files of the tree searched for last year's report under a broken nianbao.toml are left out
    (said with --verbose), and the report is still paired and checked; a broken configuration
    governing the report itself still stops the run."""
    drafts = chain(2022, 2)
    drafts[1] = _carried_plus_one(drafts[1])
    write(tmp_cwd, drafts)
    other = tmp_cwd / "2022" / "其他科室"
    other.mkdir()
    (other / "nianbao.toml").write_text(broken, encoding="utf-8")
    for i in range(5):  # enough checks missing the cache to start worker processes with -j 2
        (other / f"2022年工作总结{i}.txt").write_text(f"2022年工作总结{i}。\n", encoding="utf-8")
    status, records, err = check(capsys, "--verbose", "-j", jobs, "2023/云溪镇.txt")
    assert (status, [r["code"] for r in records]) == (1, ["NB601"]), err
    if "selct" in broken:  # read before the file is seen not to be a report (an unknown code is read after)
        assert "查找上年报告时跳过 2022/其他科室/2022年工作总结0.txt" in err and "2022/其他科室/nianbao.toml" in err
    (tmp_cwd / "2023" / "nianbao.toml").write_text(broken, encoding="utf-8")
    assert main(["check", "-j", jobs, "2023/云溪镇.txt"]) == 2
    assert "2023/nianbao.toml" in capsys.readouterr().err


def test_previous_on_the_command_line(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    drafts = chain(2022, 2)
    drafts[1] = _carried_plus_one(drafts[1])
    (tmp_cwd / "old.txt").write_text(render(drafts[0]), encoding="utf-8")
    (tmp_cwd / "new" / "draft.txt").parent.mkdir()
    (tmp_cwd / "new" / "draft.txt").write_text(render(drafts[1]), encoding="utf-8")
    assert check(capsys, "new/draft.txt")[1] == []  # not in the tree of new/, not named
    finding = only(check(capsys, "--previous", "old.txt", "new/draft.txt")[1])
    assert finding["code"] == "NB601" and finding["related"][0]["path"] == "old.txt"
    # standard input, with its predecessor named too
    data = (tmp_cwd / "new" / "draft.txt").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    finding = only(check(capsys, "--previous", "old.txt", "--stdin-filename", "new/draft.txt", "-")[1])
    assert (finding["code"], finding["path"]) == ("NB601", "new/draft.txt")
    assert main(["check", "--previous", "old.txt", "new/draft.txt", "old.txt"]) == 2
    assert "--previous 只能在检查一份报告时使用" in capsys.readouterr().err


def test_a_named_report_of_another_year_is_not_compared(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = chain(2021, 3)
    drafts[2] = _carried_plus_one(drafts[2])
    (tmp_cwd / "a.txt").write_text(render(drafts[0]), encoding="utf-8")
    (tmp_cwd / "c.txt").write_text(render(drafts[2]), encoding="utf-8")
    status, records, err = check(capsys, "--verbose", "--previous", "a.txt", "c.txt")
    assert (status, records) == (0, []) and "是 2021 年度的，本报告是 2023 年度" in err


# --- rules like any other -----------------------------------------------------------------------


def test_cross_year_rules_are_selected_configured_and_suppressed_like_any(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drafts = chain(2022, 2)
    drafts[1] = _carried_plus_one(drafts[1])
    paths = write(tmp_cwd, drafts)
    assert check(capsys, "--ignore", "NB6", str(tmp_cwd))[1] == []
    (tmp_cwd / "nianbao.toml").write_text('[severity]\nNB601 = "warning"\n')
    assert only(check(capsys, str(tmp_cwd))[1])["severity"] == "warning"
    edit(paths[2023], "二、上年结转", "<!-- nianbao-disable-next-line NB601 -->\n二、上年结转")
    edit(paths[2023], "<!-- nianbao-disable-next-line NB601 -->\n", "<!-- nianbao-disable NB601 -->\n")
    assert check(capsys, str(tmp_cwd))[1] == []


def test_text_sarif_and_github_name_the_other_file(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    drafts = chain(2022, 2)
    drafts[1] = _carried_plus_one(drafts[1])
    paths = write(tmp_cwd, drafts)
    last = paths[2022].read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(last, 1) if text.startswith("四、结转下年度继续办理"))
    main(["check", "--no-source", str(tmp_cwd)])
    assert f"= 相关：{paths[2022]}:{line}:" in capsys.readouterr().out
    main(["check", "--format", "sarif", str(tmp_cwd)])
    (result,) = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == paths[2022].as_posix()
    assert related["physicalLocation"]["region"]["startLine"] == line
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == paths[2023].as_posix()
    main(["check", "--format", "github", str(tmp_cwd)])
    assert f"{paths[2022]}:{line}:" in capsys.readouterr().out


def test_last_years_report_as_a_word_document(tmp_cwd: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .documents_support import make_docx

    drafts = chain(2022, 2)
    drafts[1] = _carried_plus_one(drafts[1])
    (tmp_cwd / "2022").mkdir()
    (tmp_cwd / "2022" / "云溪镇.docx").write_bytes(make_docx(render(drafts[0])))
    write(tmp_cwd, drafts[1:])
    finding = only(check(capsys, str(tmp_cwd / "2023" / "云溪镇.txt"))[1])
    (there,) = finding["related"]
    assert there["path"] == "2022/云溪镇.docx" and there["location"]["format"] == "docx"
    assert there["location"]["excerpt"].startswith("四、结转下年度继续办理")


@pytest.mark.parametrize("template", [T2019, T2021])
def test_digest_survives_the_cache(template: str) -> None:
    """A digest read back from its cache record is the digest: same outline, tables and sentences."""
    from .conftest import lint

    d = chain(2020 if template == T2019 else 2022, 1)[0]
    digest = lint(render(d)).with_digest().digest
    assert digest is not None and digest.table("t3") is not None
    head, body = digest.record()
    again = ReportDigest.from_record("x.txt", json.loads(json.dumps(head)), body)
    assert again.record() == (head, body)
    before, after = digest.table("t3"), again.table("t3")
    assert before is not None and after is not None
    assert after.cell(T3Row.CARRIED, T3Col.NATURAL) == before.cell(T3Row.CARRIED, T3Col.NATURAL)
    assert again.section(5) == digest.section(5)
    damaged = ReportDigest.from_record("x.txt", head, body[:-3])
    assert (damaged.tables, damaged.sections, damaged.year) == ((), (), digest.year)


class _YearPlugin:
    """A plugin's cross-year rule (the hook any plugin may implement), and one that raises."""

    PREFIX = "XY"

    @staticmethod
    @hookimpl
    def nianbao_year_rules() -> list[Rule]:
        @year_rule("XY601", "agency-renamed", WARNING, "机关名称与上年不同")
        def renamed(current: ReportDigest, previous: ReportDigest) -> list[Finding]:
            """检查内容 为什么重要 错误示例 正确示例"""
            if current.agency == previous.agency:
                return []
            return [Finding(0, 1, f"上年是 {previous.agency}", related=(Related(0, 1, "上年标题", previous.path),))]

        @year_rule("XY602", "broken", WARNING, "出错的规则")
        def broken(current: ReportDigest, previous: ReportDigest) -> list[Finding]:
            """检查内容 为什么重要 错误示例 正确示例"""
            raise RuntimeError("boom")

        return [renamed, broken]


def test_plugins_add_cross_year_rules_through_their_own_hook() -> None:
    from nianbao.engine import Linter, Selection
    from nianbao.plugins import build_registry
    from nianbao.source import Source

    registry = build_registry(entry_points=False, extra=[("XY", _YearPlugin)])
    assert not registry.problems and registry.rules["XY601"].compare is not None
    linter = Linter(registry)
    last, this = chain(2022, 2)
    digests = []
    for d in (last, replace(this, agency="云溪镇")):
        source = Source.from_text(render(d))
        digests.append((linter.check(source, f"{d.year}.txt", Selection()).with_digest().digest, source))
    (before, _), (now, source) = digests
    assert before is not None and now is not None
    found = linter.check_years(now, before, Selection(), lambda: source)
    assert [(f.code, f.message, f.related[0].path) for f in found if f.code == "XY601"] == [
        ("XY601", "上年是 青禾县云溪镇人民政府", "2022.txt")
    ]
    assert any(f.code == "NB001" and "XY602" in f.message and "boom" in f.message for f in found)
    assert linter.check_years(now, before, Selection(ignore=["XY"]), lambda: source) == ()


def test_digest_cells_as_written_full_width_and_decimal() -> None:
    """Cells written with full-width digits or as amounts keep their number and their span."""
    from .conftest import lint

    d = chain(2020, 1)[0]  # 2019 template: 本年增/减 −1, 采购总金额 3.6万元
    text = render(d)
    row = text.index("二、上年结转")
    digit = row + next(i for i, ch in enumerate(text[row:]) if ch.isdigit())
    text = text[:digit] + chr(ord(text[digit]) + 0xFEE0) + text[digit + 1 :]  # full-width
    digest = lint(text).with_digest().digest
    assert digest is not None
    again = ReportDigest.from_record("x.txt", *digest.record())
    cell = again.table("t3").cell(T3Row.CARRIED, T3Col.NATURAL)  # type: ignore[union-attr]
    assert cell is not None and cell.number == d.t3[T3Row.CARRIED][0] and (cell.start, cell.end) == (digit, digit + 1)
    t2 = again.table("t2")
    assert t2 is not None and t2.cell(T2Row.OTHER_SERVICES, T2Col.CHANGE).number == -1  # type: ignore[union-attr]
    assert t2.cell(T2Row.PROCUREMENT, T2Col.PURCHASE_AMOUNT).value == "3.6"  # type: ignore[union-attr]


def test_a_cross_year_fix_in_a_web_page_is_one_to_make_by_hand(
    tmp_cwd: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NB606's safe fix cannot be applied to a web page (report-only): it is offered as one to make
    by hand, from a fresh check and from the cache alike."""
    from .documents_support import make_html

    drafts = chain(2022, 2)
    paths = write(tmp_cwd, drafts)
    text = paths[2023].read_text(encoding="utf-8").replace("2023年，云溪镇坚持", "2022年，云溪镇坚持", 1)
    paths[2023].unlink()
    paths[2023].with_suffix(".html").write_bytes(make_html(text))
    for _ in range(2):  # checked, then read from the cache
        finding = only(check(capsys, str(tmp_cwd))[1])
        assert finding["code"] == "NB606" and finding["fix"]["applicability"] == "manual"
    main(["check", str(tmp_cwd)])
    out = capsys.readouterr().out
    assert "= 需手工修改" in out and "--fix" not in out
