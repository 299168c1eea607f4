"""The audit report opened in a real browser: Debian's Chromium, headless, driven by playwright, with
the network cut off — the charts render, the table has one row per report, the filters work.

A screenshot is kept as a test artifact in ``tests/artifacts/`` (not versioned).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from nianbao.cli import main

from . import audit_corpus
from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "tests" / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="Chromium is not installed (.ci/run installs Debian's chromium)"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The HTML report of the audit corpus, and what the JSON output says about the same drafts."""
    root = tmp_path_factory.mktemp("browser")
    folder = root / "各单位年报"
    audit_corpus.write(folder)
    out = root / "审核报告.html"
    assert main(["report", str(folder), "-o", str(out), "--no-cache"]) == 0
    from .test_audit_report import embedded

    return out, embedded(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def page(report: tuple[Path, dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    path, _ = report
    fetched: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")),  # a fresh user data directory
            executable_path=CHROMIUM,
            args=FLAGS,
            headless=True,
            offline=True,
            viewport={"width": 1400, "height": 900},
        )

        def record(route: Any) -> None:  # every request the page makes (there must be none)
            fetched.append(route.request.url)
            route.continue_()

        browser.route("**/*", record)
        tab = browser.new_page()
        errors: list[str] = []
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.goto(path.as_uri())
        tab.wait_for_selector("#chart-errors .main-svg")
        yield tab
        assert errors == []
        assert [url for url in fetched if not url.startswith("file:")] == []  # nothing from the network
        browser.close()


def rows(page: Any) -> int:
    return int(page.locator("#report-table tbody tr.report").count())


def test_the_charts_render(page: Any, report: tuple[Path, dict[str, Any]]) -> None:
    _, data = report
    for chart in ("families", "heatmap", "errors"):
        assert page.locator(f"#chart-{chart} .main-svg").count() >= 1, chart
        box = page.locator(f"#chart-{chart}").bounding_box()
        assert box["width"] > 300 and box["height"] > 200, chart
    findings = [f for r in data["reports"] for f in r["f"]]
    families, severities = {f[0][:3] for f in findings}, {f[1] for f in findings}
    bars = page.locator("#chart-families .bars .point path")  # a stack per family, a bar per severity
    assert bars.count() == len(families) * len(severities) >= 10
    errors = max(r["e"] for r in data["reports"])
    assert errors >= 3
    assert page.locator("#chart-errors .bars .point path").count() == errors + 1  # reports with 0, 1 … errors
    assert page.locator("#chart-heatmap .hm image").count() == 1  # plotly paints heatmaps as one image
    assert "松山县卫生健康局" in page.locator("#chart-heatmap").inner_text()


def test_one_row_per_report_and_the_filters_work(page: Any, report: tuple[Path, dict[str, Any]]) -> None:
    _, data = report
    reports = data["reports"]
    assert rows(page) == len(reports) == 29
    assert page.locator("#report-table tbody tr.report").first.get_attribute("class") == "report error"

    page.select_option("#filter-status", "error")
    assert rows(page) == sum(r["s"] == "error" for r in reports) >= 10
    assert page.locator("#report-table tbody tr.report.warning, #report-table tbody tr.report.clean").count() == 0
    page.select_option("#filter-status", "")

    page.fill("#filter-text", "卫生健康局")
    assert rows(page) == 4
    assert page.locator("#filter-count").inner_text() == "共 4 份报告（全部 29 份）"
    page.fill("#filter-text", "")

    page.select_option("#filter-year", "2021")
    page.select_option("#filter-level", "县级")
    assert rows(page) == sum(r["y"] == 2021 and r["l"] == "县级" for r in reports) == 2
    page.select_option("#filter-year", "")
    page.select_option("#filter-level", "")

    page.click('#overview a[data-code="NB503"]')  # a frequent fault: the reports that have it
    assert rows(page) == sum(any(f[0] == "NB503" for f in r["f"]) for r in reports) >= 4
    page.select_option("#filter-code", "")
    assert rows(page) == 29


def test_sorting_and_a_reports_findings(page: Any, report: tuple[Path, dict[str, Any]]) -> None:
    _, data = report
    page.click('#report-table th[data-key="agency"]')
    agencies = page.locator("#report-table tbody tr.report td:first-child").all_inner_texts()
    assert agencies[-1] == "（未识别）"  # what was not inferred goes last
    groups = [a for i, a in enumerate(agencies) if i == 0 or agencies[i - 1] != a]
    assert len(groups) == len(set(agencies))  # each agency's reports together
    assert groups == [  # in pinyin order (卫 wei after 梅 mei, though U+536B comes before U+6885)
        "青禾县东岭乡人民政府",
        "青禾县教育局",
        "青禾县石桥镇人民政府",
        "青禾县云溪镇人民政府",
        "松山县城关街道办事处",
        "松山县梅兰镇人民政府",
        "松山县卫生健康局",
        "（未识别）",
    ]
    page.click('#report-table th[data-key="errors"]')  # most errors first
    errors = [int(x) for x in page.locator("#report-table tbody tr.report td:nth-child(5)").all_inner_texts()]
    assert errors == sorted(errors, reverse=True) and errors[0] == max(r["e"] for r in data["reports"])

    page.locator("#report-table tbody tr.report").first.click()
    details = page.locator("#report-table tr.details")
    assert details.count() == 1
    findings = details.locator("li.finding")
    assert findings.count() >= 3
    total = details.locator("li.finding", has_text="NB202")
    shown = total.locator("pre.excerpt mark").all_inner_texts()
    assert shown[0] == "4"  # the wrong total is marked, then each place that explains it
    assert "建议修复" in total.locator(".fix").inner_text()
    related = next(f[6] for r in data["reports"] for f in r["f"] if f[0] == "NB202")
    assert total.locator("ul.related li").count() == len(related) == len(shown) - 1

    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "audit-report.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    page.locator("#report-table tbody tr.report").first.click()
    assert page.locator("#report-table tr.details").count() == 0
