"""The audit report's charts, made with plotly (see docs/audit-report.md for why plotly).

Each chart is a plotly figure as JSON (``data`` and ``layout``), drawn by ``report.js`` with
``Plotly.newPlot`` once the page is laid out; `plotly_js` is the plotly.js library itself, inlined
once per report so that the file opens with no network. The data behind a chart is aggregated here
(a few hundred numbers at most), whatever the number of reports.
"""

from __future__ import annotations

import html
from collections import Counter
from pathlib import PurePath
from typing import Any

from ..ruledef import ERROR, INFO, SEVERITY_LABEL, WARNING
from .model import Audit

FONT = "Microsoft YaHei, PingFang SC, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"
COLOURS = {ERROR: "#c62828", WARNING: "#ef8c00", INFO: "#1e88e5"}
HEATMAP_AGENCIES = 30  # agencies with the most findings shown in the heatmap
ERROR_BUCKETS = 20  # reports with more errors than this share one bar
CONFIG = {"displayModeBar": False, "responsive": True}  # the mode bar's tooltips are English only


def plotly_js() -> str:
    """The plotly.js library (minified), for one inline ``<script>``."""
    from plotly.offline import get_plotlyjs

    return str(get_plotlyjs())


def charts(audit: Audit) -> dict[str, Any]:
    """Chart name → plotly figure as JSON data (``{"data": […], "layout": {…}}``); empty when there
    is nothing to draw."""
    if not audit.findings:
        return {}
    return {  # in page order: the heatmap, widest, last and across the page
        "families": _json(_families(audit)),
        "errors": _json(_errors(audit)),
        "heatmap": _json(_heatmap(audit)),
    }


def _json(figure: Any) -> Any:
    import json

    import plotly.io as pio

    figure.update_layout(
        template="plotly_white", font={"family": FONT, "size": 13}, margin={"l": 10, "r": 10, "t": 50, "b": 10}
    )
    return json.loads(pio.to_json(figure))


def _families(audit: Audit) -> Any:
    """Findings per rule family, stacked by severity."""
    import plotly.graph_objects as go

    counts: Counter[tuple[str, str]] = Counter()
    for report in audit.reports:
        for f in report.findings:
            counts[(f.family, f.severity)] += 1
    families = sorted({family for family, _ in counts})
    figure = go.Figure()
    for severity in (ERROR, WARNING, INFO):
        values = [counts[(family, severity)] for family in families]
        if any(values):
            figure.add_bar(
                y=families,
                x=values,
                orientation="h",
                name=SEVERITY_LABEL[severity],
                marker_color=COLOURS[severity],
                hovertemplate="%{y}：%{x} 个" + SEVERITY_LABEL[severity] + "<extra></extra>",
            )
    figure.update_layout(
        title="各类问题数量",
        barmode="stack",
        xaxis_title="问题数",
        yaxis={"autorange": "reversed", "automargin": True},
        legend={"orientation": "h", "y": -0.2},
        height=160 + 40 * len(families),
    )
    return figure


def _heatmap(audit: Audit) -> Any:
    """The agencies with the most findings × rule families."""
    import plotly.graph_objects as go

    by_agency: dict[str, Counter[str]] = {}
    for report in audit.reports:
        if report.findings:
            row = by_agency.setdefault(_short(report.agency or PurePath(report.path).name), Counter())
            row.update(f.family for f in report.findings)
    ranked = sorted(by_agency.items(), key=lambda item: (-sum(item[1].values()), item[0]))[:HEATMAP_AGENCIES]
    families = sorted({family for _, row in ranked for family in row})
    agencies = [html.escape(name) for name, _ in ranked]  # plotly reads labels as HTML
    z = [[row[family] or None for family in families] for _, row in ranked]  # no number in empty cells
    title = "单位 × 问题类别"
    if len(by_agency) > len(ranked):
        title += f"（问题最多的 {len(ranked)} 个单位，共 {len(by_agency)} 个单位有问题）"
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=[f.replace(" ", "<br>", 1) for f in families],  # code above label: narrow columns
            y=agencies,
            colorscale="Reds",
            texttemplate="%{z}",
            hovertemplate="%{y}<br>%{x}：%{z} 个问题<extra></extra>",
            colorbar={"title": {"text": "问题数"}},
        )
    )
    figure.update_layout(
        title=title,
        height=180 + 26 * len(agencies),
        xaxis={"automargin": True, "tickangle": 0},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure


def _short(label: str, most: int = 16) -> str:
    """A name fit for an axis: long ones keep their start and end (where the agency's kind is)."""
    return label if len(label) <= most else label[: most // 2] + "…" + label[-(most // 2) :]


def _errors(audit: Audit) -> Any:
    """How many reports have 0, 1, 2 … errors."""
    import plotly.graph_objects as go

    buckets = Counter(min(r.errors, ERROR_BUCKETS + 1) for r in audit.reports)
    xs = list(range(max(buckets) + 1))
    labels = [str(x) if x <= ERROR_BUCKETS else f"{ERROR_BUCKETS + 1} 及以上" for x in xs]
    figure = go.Figure(
        go.Bar(
            x=labels,
            y=[buckets[x] for x in xs],
            marker_color=[COLOURS[ERROR] if x else "#2e7d32" for x in xs],
            hovertemplate="%{x} 个错误：%{y} 份报告<extra></extra>",
        )
    )
    figure.update_layout(
        title="每份报告的错误数", xaxis={"title": "错误数", "type": "category"}, yaxis_title="报告数", height=360
    )
    return figure
