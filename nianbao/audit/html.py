"""The audit report as one self-contained HTML file, in Chinese: everything (styles, data, plotly.js,
our script) is inline, so it opens from disk on a machine with no network.

The overview is static HTML written here; the per-report table and each report's findings are drawn
by ``report.js`` from the data embedded as JSON, one page of rows at a time and a report's
findings only when it is opened, so that 10,000 reports open in a few seconds.
"""

from __future__ import annotations

import json
from html import escape
from importlib.resources import files
from typing import Any

from ..ruledef import APPLICABILITY_LABEL, ERROR, INFO, SEVERITY_LABEL, WARNING
from .charts import CONFIG, charts, plotly_js
from .model import CLEAN, STATUS_LABEL, WITH_ERRORS, WITH_WARNINGS, Audit, AuditFinding, Location

TITLE = "政府信息公开工作年度报告审核报告"


def render(audit: Audit) -> str:
    """The whole HTML document."""
    here = files("nianbao.audit")
    style = (here / "report.css").read_text(encoding="utf-8")
    script = (here / "report.js").read_text(encoding="utf-8")
    drawn = charts(audit)
    chart_html = (
        "".join(f'<div class="chart"><div id="chart-{name}"></div></div>' for name in drawn)
        if drawn
        else '<p class="empty">所有报告均未发现问题，没有可绘制的图表。</p>'
    )
    plotly = f"<script>{plotly_js()}</script>" if drawn else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="nianbao {escape(audit.version)}">
<title>{TITLE}</title>
<style>{style}</style>
{plotly}
</head>
<body>
<header>
<h1>{TITLE}</h1>
<p class="meta">检查对象：{escape("、".join(audit.inputs))} · 生成时间：{escape(audit.generated.replace("T", " "))} · nianbao {escape(audit.version)}</p>
</header>
<main>
<section id="overview">
<h2>概况</h2>
{_overview(audit)}
</section>
<section id="charts">
<h2>图表</h2>
<div class="charts">{chart_html}</div>
</section>
<section id="reports">
<h2>逐份报告</h2>
<p class="hint">点击表头排序，点击一行查看该报告的全部问题（行号、原文摘录和修复建议）。</p>
<div class="filters">
<input id="filter-text" type="search" placeholder="按单位或文件名筛选" aria-label="按单位或文件名筛选">
<select id="filter-status" aria-label="状态"><option value="">全部状态</option>{_options(STATUS_LABEL)}</select>
<select id="filter-year" aria-label="年度"><option value="">全部年度</option></select>
<select id="filter-level" aria-label="层级"><option value="">全部层级</option></select>
<select id="filter-code" aria-label="问题"><option value="">全部问题</option></select>
<span id="filter-count" aria-live="polite"></span>
</div>
<table id="report-table">
<thead><tr>
<th data-key="agency">单位</th><th data-key="level">层级</th><th data-key="year">年度</th>
<th data-key="template">模板</th><th data-key="errors" class="num">错误</th>
<th data-key="warnings" class="num">警告</th><th data-key="status">状态</th><th data-key="path">文件</th>
</tr></thead>
<tbody></tbody>
</table>
<nav class="pager" aria-label="翻页"><button id="page-prev" type="button">上一页</button>
<span id="page-info"></span><button id="page-next" type="button">下一页</button></nav>
</section>
</main>
<script type="application/json" id="audit-data">{_json(data(audit, drawn))}</script>
<script>{script}</script>
</body>
</html>
"""


def _options(labels: dict[str, str]) -> str:
    return "".join(f'<option value="{escape(k)}">{escape(v)}</option>' for k, v in labels.items())


def _overview(audit: Audit) -> str:
    o = audit.overview()
    sev = o["severities"]
    cards = [
        ("reports", "检查报告", o["reports"], ""),
        (WITH_ERRORS, STATUS_LABEL[WITH_ERRORS], o[WITH_ERRORS], "error"),
        (WITH_WARNINGS, "仅有警告", o[WITH_WARNINGS], "warning"),
        (CLEAN, STATUS_LABEL[CLEAN], o[CLEAN], "clean"),
        ("findings", "问题总数", o["findings"], ""),
    ]
    out = ['<div class="cards">']
    for key, label, value, kind in cards:
        out.append(f'<div class="card {kind}" data-count="{key}"><b>{value}</b><span>{label}</span></div>')
    out.append("</div>")
    out.append(
        f'<p class="severities">其中错误 <b>{sev[ERROR]}</b> 个，警告 <b>{sev[WARNING]}</b> 个，'
        f"提示 <b>{sev[INFO]}</b> 个。</p>"
    )
    out.append('<div class="tables">')
    out.append(_breakdown("按年度", "年度", o["by_year"]))
    out.append(_breakdown("按单位层级", "层级", o["by_level"]))
    rows = "".join(
        f'<tr><td><a href="#reports" data-code="{escape(t["code"])}">{escape(t["code"])}</a></td>'
        f"<td>{escape(audit.rules.get(t['code'], (t['name'], ''))[1] or t['name'])}</td>"
        f'<td class="num">{t["count"]}</td><td class="num">{t["reports"]}</td></tr>'
        for t in o["top"]
    )
    out.append(
        '<table class="top"><caption>最常见的问题</caption>'
        '<thead><tr><th>代码</th><th>问题</th><th class="num">次数</th><th class="num">涉及报告</th></tr></thead>'
        f"<tbody>{rows or '<tr><td colspan=4>没有发现问题</td></tr>'}</tbody></table>"
    )
    out.append("</div>")
    return "\n".join(out)


def _breakdown(caption: str, head: str, rows: list[dict[str, Any]]) -> str:
    body = "".join(
        f'<tr><td>{escape(r["key"])}</td><td class="num">{r["reports"]}</td><td class="num">{r[WITH_ERRORS]}</td>'
        f'<td class="num">{r[WITH_WARNINGS]}</td><td class="num">{r[CLEAN]}</td></tr>'
        for r in rows
    )
    return (
        f"<table><caption>{caption}</caption><thead><tr><th>{head}</th><th class=num>报告</th>"
        f"<th class=num>有错误</th><th class=num>仅有警告</th><th class=num>通过</th></tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def data(audit: Audit, drawn: dict[str, Any]) -> dict[str, Any]:
    """What ``report.js`` reads: compact, short keys (10,000 reports must stay small)::

    {"charts": {name: plotly figure}, "chartConfig": {…},
     "rules": {code: [name, summary]}, "severity": {"error": "错误", …}, "status": {…},
     "reports": [{"p": path, "a": agency, "l": level, "y": year, "t": template,
                  "rt": required template, "e": errors, "w": warnings, "i": infos, "s": status,
                  "f": [finding, …]}, …]}
    finding: [code, severity, message, location, fix, fix kind, [related location, …]]
    location: [line, column, excerpt, mark start, mark end, message, place, path] (line 0: unknown;
    place: where in a .docx, web page or PDF, else ""; path only when it is another file; the
    location is null when the file could not be read)
    """
    reports = []
    for r in audit.reports:
        reports.append(
            {
                "p": r.path,
                "a": r.agency,
                "l": r.level,
                "y": r.year,
                "t": r.template,
                "rt": r.required_template,
                "e": r.errors,
                "w": r.warnings,
                "i": r.infos,
                "s": r.status,
                "f": [_finding(f, r.path) for f in r.findings],
            }
        )
    return {
        "charts": drawn,
        "chartConfig": CONFIG,
        "rules": {code: list(v) for code, v in audit.rules.items()},
        "severity": SEVERITY_LABEL,
        "status": STATUS_LABEL,
        "fixKind": APPLICABILITY_LABEL,
        "reports": reports,
    }


def _finding(f: AuditFinding, path: str) -> list[Any]:
    return [
        f.code,
        f.severity,
        f.message,
        _location(f.location, path),
        f.fix,
        f.fix_kind,
        [_location(r, path) for r in f.related],
    ]


def _location(loc: Location | None, path: str) -> list[Any] | None:
    if loc is None:
        return None
    out: list[Any] = [loc.line, loc.column, loc.excerpt, *loc.mark, loc.message, loc.place]
    if loc.path != path:
        out.append(loc.path)
    return out


def _json(value: Any) -> str:
    """JSON safe inside ``<script>``: no ``<`` at all (so no ``</script>`` or ``<!--``)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
