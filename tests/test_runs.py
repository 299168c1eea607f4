"""Running many drafts: the result cache, parallel jobs and profiling. How lint time grows with a
draft's size is the benchmark harness's to measure (``python -m benchmarks``: per-KB time by size
in benchmarks/RESULTS.md), not a unit test's: a wall clock in a shared test run is noise."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.corpus import corpus, sample
from nianbao.results import FileResult
from nianbao.testing.drafts import clean

from .conftest import lint

BAD = clean().replace("1.属于国家秘密", "1.属于国家机密")


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nianbao", "check", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    for s in corpus(24, seed=7, defect_rate=0.5):
        (tmp_path / s.name).write_text(s.text, encoding="utf-8")
    return tmp_path


def test_cache_answers_unchanged_drafts_and_nothing_else(drafts: Path) -> None:
    first = run(drafts, "--format", "json", ".")
    cache = drafts / ".nianbao_cache"
    entries = list(cache.rglob("*.json"))
    assert len(entries) == 24 and (cache / "CACHEDIR.TAG").exists() and (cache / ".gitignore").read_text() == "*\n"
    again = run(drafts, "--format", "json", ".")
    assert again.stdout == first.stdout and again.returncode == first.returncode
    # a hit really comes from the cache: a doctored entry is what gets reported
    entry = entries[0]
    entry.write_text(
        json.dumps({"f": [{"s": 0, "e": 1, "m": "来自缓存", "c": "NB999", "n": "cached", "v": "warning", "l": 0}]}),
        encoding="utf-8",
    )
    assert "来自缓存" in run(drafts, "--format", "json", ".").stdout
    assert "来自缓存" not in run(drafts, "--format", "json", "--no-cache", ".").stdout
    # changed configuration, changed selectors and changed content are all misses
    (drafts / "nianbao.toml").write_text('ignore = ["NB502"]\n', encoding="utf-8")
    assert "来自缓存" not in run(drafts, "--format", "json", ".").stdout
    assert "NB502" not in run(drafts, "--format", "json", ".").stdout
    (drafts / "nianbao.toml").unlink()
    assert "NB502" not in run(drafts, "--format", "json", "--ignore", "NB5", ".").stdout
    entry.write_text("not json", encoding="utf-8")  # a broken entry is a miss, not an error
    assert run(drafts, "--format", "json", ".").stdout == first.stdout


def test_cache_dir_option_and_fix_bypass(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    run(tmp_path, "--cache-dir", "elsewhere", "r.txt")
    assert list((tmp_path / "elsewhere").rglob("*.json")) and not (tmp_path / ".nianbao_cache").exists()
    assert run(tmp_path, "--cache-dir", "elsewhere", "--fix", "r.txt").returncode == 0
    assert "国家秘密" in (tmp_path / "r.txt").read_text(encoding="utf-8")


def test_parallel_jobs_give_the_same_output_in_the_same_order(drafts: Path) -> None:
    one = run(drafts, "--no-cache", "--jobs", "1", "--format", "json", ".")
    two = run(drafts, "--no-cache", "--jobs", "2", "--format", "json", ".")
    assert one.stdout == two.stdout and one.returncode == two.returncode == 1
    text_one = run(drafts, "--no-cache", "--jobs", "1", ".").stdout
    text_two = run(drafts, "--no-cache", "--jobs", "2", ".").stdout
    assert text_one == text_two
    assert run(drafts, "--jobs", "0", ".").returncode == 2


def test_a_partly_cached_parallel_run_gives_the_same_output(drafts: Path) -> None:
    # Cache hits answered in this process and misses checked by the workers come out interleaved,
    # in input order.
    fresh = run(drafts, "--no-cache", "--jobs", "2", "--format", "json", ".")
    run(drafts, "--jobs", "2", ".")
    for path in sorted(p for p in drafts.iterdir() if p.is_file())[::3]:  # every third changes: misses among hits
        path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    mixed = run(drafts, "--jobs", "2", "--format", "json", ".")
    assert json.loads(mixed.stdout) == json.loads(fresh.stdout) and mixed.returncode == fresh.returncode


def test_outcomes_stream_in_input_order_as_they_are_checked(tmp_path: Path) -> None:
    from nianbao.runner import Options, Runner, run_many

    files = []
    for i, s in enumerate(corpus(3, seed=3)):
        files.append(tmp_path / f"{i}{Path(s.name).suffix}")
        files[-1].write_text(s.text, encoding="utf-8")
    runner = Runner(Options(cache_dir=None))
    checked: list[Path] = []
    check = runner.run

    def spy(file: Path, **kw: Any) -> FileResult:
        checked.append(file)
        return check(file, **kw)

    runner.run = spy  # type: ignore[method-assign,assignment]
    outcomes = run_many(runner, files, jobs=1)
    assert next(outcomes).path == str(files[0]) and checked == files[:1]  # the first is out before the next is read
    assert [o.path for o in outcomes] == [str(f) for f in files[1:]] and checked == files


def test_reports_are_compared_with_last_years_only_as_their_results_are_asked_for(tmp_path: Path) -> None:
    """A run holds each compared report's text (read again to place its findings) only while its
    result is rendered: `pair_run` compares a report when the caller takes its result."""
    from nianbao.runner import Options, Runner, pair_run, run_many
    from nianbao.spill import Held
    from nianbao.testing.drafts import first_of_series, render, series

    files = []
    for d in series(first_of_series(2021, "青禾县云溪镇人民政府", "云溪镇"), 3):
        files.append(tmp_path / f"云溪镇{d.year}年度报告.txt")
        files[-1].write_text(render(d), encoding="utf-8")
    runner = Runner(Options(cache_dir=None))
    compared: list[str] = []
    compare = runner.compare

    def spy(file: Path | None, result: FileResult, *args: Any) -> FileResult:
        compared.append(result.path)
        return compare(file, result, *args)

    runner.compare = spy  # type: ignore[method-assign,assignment]
    with Held(many=True) as held:
        for file, result in zip(files, run_many(runner, files, jobs=1)):
            held.add(str(file.absolute()), result)
        checked, pairings, _ = pair_run(runner, list(files), held, 1, lambda root, excluded: [])
        assert [p.previous.path if p.previous else None for p in pairings] == [None, str(files[0]), str(files[1])]
        assert compared == []
        assert [r.path for r in checked] == [str(f) for f in files] and compared == [str(files[1]), str(files[2])]


def test_held_digests_keep_their_tables_and_sentences_in_a_temporary_file() -> None:
    """Held bodies go one after another into one temporary file; each digest reads its own back
    (here and, pickled, as a worker process would), and the file goes when the spill is closed."""
    import pickle

    from nianbao.digest import ReportDigest
    from nianbao.spill import BodySpill

    other = ReportDigest("b.txt", "青禾县云溪镇人民政府", "云溪镇", year=2023, body='["另一份"]')
    digests = [lint(clean()).with_digest().digest, other]
    assert all(d is not None and d.body for d in digests)
    before = [d.record() for d in digests if d is not None]
    with BodySpill() as spill:
        for d in digests:
            assert d is not None
            spill.hold(d)
            assert d.body == "" and Path(d.body_file).is_file()
        assert digests[0] is not None and digests[1] is not None
        assert digests[0].body_file == digests[1].body_file
        assert [pickle.loads(pickle.dumps(d)).record() for d in digests] == before
        assert digests[0].table("t3") is not None
    assert not Path(digests[0].body_file).exists()


@pytest.mark.parametrize("disk", [True, False])
def test_a_run_on_disk_pairs_as_the_index_in_memory(disk: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """`Held` narrows a year's reports to those that may be the same agency's in its database;
    `years.same_agency` decides among them: every pairing, its candidates and their order are
    the in-memory index's, a report added again under its path replaces the first. A temporary
    folder that cannot take the database leaves the run in memory, paired the same."""
    import tempfile

    if not disk:

        def refused(*args: object, **kwargs: object) -> None:
            raise PermissionError("read-only")

        monkeypatch.setattr(tempfile, "NamedTemporaryFile", refused)
    from nianbao.digest import ReportDigest
    from nianbao.results import FileResult
    from nianbao.spill import Held
    from nianbao.years import Pairing, ReportIndex

    names = [
        ("青禾县云溪镇人民政府", "云溪镇"),
        ("云溪镇人民政府", "云溪镇"),
        ("青禾县教育局", "县教育局"),
        ("教育局", "教育局"),
        ("临溪县教育局", "教育局"),
        ("青禾县溪镇人民政府", "溪镇"),
        ("青禾县云溪镇街道办事处", "云溪街道"),
        (None, None),
    ]
    digests = [
        ReportDigest(f"{year}/{i}.txt", agency, core, year=year)
        for year in (2021, 2022)
        for i, (agency, core) in enumerate(names)
    ]
    digests.append(ReportDigest("2021/3.txt", "青禾市教育局", "教育局", year=2021))  # replaces 2021/3.txt
    with Held(many=True) as held:
        for digest in digests:
            held.add(digest.path, FileResult(digest.path, None, digest=digest))
        index = ReportIndex(digests)
        paired = [(held.previous_of(d), index.previous_of(d)) for d in digests if d.year == 2022]

    def seen(p: Pairing) -> tuple[str | None, Pairing]:  # digests are equal only to themselves
        return p.previous.path if p.previous else None, p.replace(previous=None)

    assert all(seen(on_disk) == seen(in_memory) for on_disk, in_memory in paired)
    assert {p.previous.path for p, _ in paired if p.previous} and any(p.others for p, _ in paired)
    assert any(p.why for p, _ in paired)  # the agency with two reports of 2021 is not paired


def test_a_cache_hit_defines_no_dataclass_and_imports_no_engine(tmp_path: Path) -> None:
    """What a cached ``nianbao check one.txt`` (pre-commit) imports: not `dataclasses` (with the
    `inspect`, `ast` and `dis` it loads), the engine, the model, the templates or the plugins; nor
    `shutil`, which argparse would import to ask the terminal's size while the parser is built."""
    (tmp_path / "draft.txt").write_text(clean(), encoding="utf-8")
    heavy = (
        "typing",
        "dataclasses",
        "inspect",
        "nianbao.engine",
        "nianbao.model",
        "nianbao.template",
        "nianbao.plugins",
        "sqlite3",
        "shutil",
    )
    code = f"import sys; from nianbao.cli import main; main(['check', 'draft.txt']); print([m for m in {heavy!r} if m in sys.modules])"
    assert run(tmp_path, "draft.txt").returncode == 0  # fills the cache
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, encoding="utf-8")
    assert proc.stdout.strip().endswith("[]"), proc.stdout + proc.stderr


def test_json_is_written_file_by_file_as_one_document(drafts: Path) -> None:
    from nianbao.output import jsonfmt

    results = [lint(path.read_text(encoding="utf-8"), str(path)) for path in sorted(drafts.glob("*.*"))[:6]]
    streamed, gathered = io.StringIO(), io.StringIO()
    jsonfmt.render(iter(results), streamed, by_path=True)
    jsonfmt.render(reversed(results), gathered)  # out of path order: gathered and sorted first
    document = json.loads(streamed.getvalue())
    assert streamed.getvalue() == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    assert gathered.getvalue() == streamed.getvalue() and document
    assert [r["path"] for r in document] == sorted(r["path"] for r in document)
    empty = io.StringIO()
    jsonfmt.render([], empty, by_path=True)
    assert empty.getvalue() == "[]\n"


def test_profile_lists_parse_and_rules(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(BAD, encoding="utf-8")
    err = run(tmp_path, "--no-cache", "--profile", "r.txt").stderr
    assert "耗时分布（1 个文件" in err and "解析" in err and "NB202" in err


def test_generated_corpus_is_clean_unless_a_defect_was_injected() -> None:
    for s in corpus(40, seed=3, defect_rate=0.5):
        found = [f.code for f in lint(s.text, s.name).findings]
        assert bool(found) == bool(s.defect), (s.name, s.defect, found)
    assert sample(1).text == sample(1).text  # deterministic


def test_benchmark_harness_measures_the_server_and_the_lint() -> None:
    # The harness itself must not rot: a tiny run of the in-process and language-server measurements.
    from benchmarks import measure

    sizes = measure.lint_by_size([5], samples=1, repeats=2)
    assert sizes[0]["runs"] == 2 and sizes[0]["nianbao_ms"] > sizes[0]["floor_ms"] > 0
    lsp = measure.lsp_latency(edits=4, burst=20)
    assert lsp["edits"] == 4 and 0 < lsp["median_ms"] <= lsp["max_ms"]
    assert 1 <= lsp["burst_publishes"] <= 20  # the final version was published; a burst coalesces


def test_the_optional_compiled_build_names_modules_that_exist() -> None:
    # NIANBAO_COMPILE=1 builds these with mypyc (setup.py); a renamed module must not break it.
    import ast

    root = Path(__file__).resolve().parents[1]
    tree = ast.parse((root / "setup.py").read_text(encoding="utf-8"))
    compiled = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "COMPILED"
    )
    assert compiled and all((root / path).is_file() and path.startswith("nianbao/") for path in compiled)
