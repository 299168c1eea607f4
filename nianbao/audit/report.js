// The audit report's table: filter, sort, paginate and open reports, drawn from the embedded JSON
// (see nianbao/audit/html.py `data` for its shape). Only one page of rows is in the document at a
// time, and a report's findings are drawn when it is opened: 10,000 reports stay quick.
// Text from the drafts is only ever set through textContent, never parsed as HTML.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("audit-data").textContent);
  var PAGE = 50;
  var RANK = { error: 2, warning: 1, clean: 0 };
  var reports = DATA.reports.map(function (r, i) {
    r.n = i;
    r.codes = {};
    r.f.forEach(function (f) { r.codes[f[0]] = true; });
    r.key = ((r.a || "") + "\n" + r.p).toLowerCase();
    return r;
  });
  var state = { text: "", status: "", year: "", level: "", code: "", sort: "status", desc: true, page: 0 };
  var open = {};
  var shown = [];

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fillSelect(select, values, label) {
    values.forEach(function (v) {
      var option = el("option", null, label ? label(v) : v);
      option.value = v;
      select.appendChild(option);
    });
  }
  function distinct(field) {
    var seen = {};
    reports.forEach(function (r) { if (r[field] !== null && r[field] !== undefined) seen[r[field]] = true; });
    return Object.keys(seen).sort();
  }
  fillSelect($("filter-year"), distinct("y"), function (y) { return y + " 年度"; });
  fillSelect($("filter-level"), distinct("l"));
  var codeCounts = {};
  reports.forEach(function (r) { Object.keys(r.codes).forEach(function (c) { codeCounts[c] = (codeCounts[c] || 0) + 1; }); });
  fillSelect($("filter-code"), Object.keys(codeCounts).sort(), function (c) {
    var rule = DATA.rules[c];
    return c + " " + (rule ? rule[1] || rule[0] : "") + "（" + codeCounts[c] + " 份）";
  });

  function value(r, key) {
    switch (key) {
      case "agency": return r.a;
      case "level": return r.l;
      case "year": return r.y;
      case "template": return r.t;
      case "errors": return r.e;
      case "warnings": return r.w;
      case "status": return RANK[r.s] * 1e9 + r.e * 1e4 + r.w;
      default: return r.p;
    }
  }
  var collator = new Intl.Collator("zh-CN", { numeric: true });  // names in pinyin order
  function compare(x, y) {
    return typeof x === "number" ? x - y : collator.compare(x, y);
  }

  function apply() {
    var text = state.text.toLowerCase();
    shown = reports.filter(function (r) {
      return (!text || r.key.indexOf(text) >= 0) &&
        (!state.status || r.s === state.status) &&
        (!state.year || String(r.y) === state.year) &&
        (!state.level || r.l === state.level) &&
        (!state.code || r.codes[state.code]);
    });
    var key = state.sort, sign = state.desc ? -1 : 1;
    shown.sort(function (a, b) {
      var x = value(a, key), y = value(b, key);
      var unknown = (x === null) - (y === null);  // what was not inferred goes last either way
      return unknown || (x === null ? 0 : sign * compare(x, y)) || collator.compare(a.p, b.p);
    });
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    draw(pages);
  }

  function draw(pages) {
    var body = document.querySelector("#report-table tbody");
    body.textContent = "";
    shown.slice(state.page * PAGE, (state.page + 1) * PAGE).forEach(function (r) {
      var row = el("tr", "report " + r.s);
      row.dataset.index = r.n;
      row.appendChild(el("td", null, r.a || "（未识别）"));
      row.appendChild(el("td", null, r.l || "—"));
      row.appendChild(el("td", "num", r.y || "—"));
      var template = r.t ? r.t + " 年版" : "—";
      if (r.t && r.rt && r.t !== r.rt) template += "（应为 " + r.rt + " 年版）";
      row.appendChild(el("td", null, template));
      row.appendChild(el("td", "num", r.e));
      row.appendChild(el("td", "num", r.w));
      var status = el("td");
      status.appendChild(el("span", "badge " + r.s, DATA.status[r.s]));
      row.appendChild(status);
      row.appendChild(el("td", "path", r.p));
      row.addEventListener("click", function () { open[r.n] = !open[r.n]; apply(); });
      body.appendChild(row);
      if (open[r.n]) body.appendChild(details(r));
    });
    $("filter-count").textContent = "共 " + shown.length + " 份报告（全部 " + reports.length + " 份）";
    $("page-info").textContent = "第 " + (state.page + 1) + " / " + pages + " 页";
    $("page-prev").disabled = state.page === 0;
    $("page-next").disabled = state.page >= pages - 1;
    document.querySelectorAll("#report-table th").forEach(function (th) {
      th.classList.toggle("sorted", th.dataset.key === state.sort);
      th.classList.toggle("desc", th.dataset.key === state.sort && state.desc);
    });
  }

  function where(loc) {
    return loc[6] || (loc[0] ? "第 " + loc[0] + " 行第 " + loc[1] + " 列" : "");
  }

  function excerpt(loc) {
    var pre = el("pre", "excerpt");
    pre.appendChild(el("span", "ln", loc[0]));
    var text = loc[2];
    pre.appendChild(document.createTextNode(text.slice(0, loc[3])));
    pre.appendChild(el("mark", null, text.slice(loc[3], loc[4]) || " "));
    pre.appendChild(document.createTextNode(text.slice(loc[4])));
    return pre;
  }

  function details(r) {
    var row = el("tr", "details");
    var cell = el("td");
    cell.colSpan = 8;
    if (!r.f.length) cell.appendChild(el("p", "empty", "未发现问题。"));
    var list = el("ol", "findings");
    r.f.forEach(function (f) {
      var item = el("li", "finding " + f[1]);
      var head = el("div", "head");
      head.appendChild(el("span", "badge " + f[1], DATA.severity[f[1]] || f[1]));
      head.appendChild(el("code", null, f[0]));
      var rule = DATA.rules[f[0]];
      if (rule) head.appendChild(el("span", "rule", rule[0]));
      if (f[3]) head.appendChild(el("span", "where", where(f[3])));
      item.appendChild(head);
      item.appendChild(el("p", "message", f[2]));
      if (f[3] && f[3][2]) item.appendChild(excerpt(f[3]));
      if (f[4]) {
        var fix = el("p", "fix");
        fix.appendChild(el("b", null, (DATA.fixKind[f[5]] || "修复") + "："));
        fix.appendChild(document.createTextNode(f[4]));
        item.appendChild(fix);
      }
      if (f[6].length) {
        var related = el("ul", "related");
        f[6].forEach(function (loc) {
          var li = el("li");
          var place = [loc[7] || "", where(loc)].filter(Boolean).join(" ");
          li.appendChild(el("span", "where", place + (place && loc[5] ? "：" : "") + loc[5]));
          if (loc[2]) li.appendChild(excerpt(loc));
          related.appendChild(li);
        });
        item.appendChild(related);
      }
      list.appendChild(item);
    });
    cell.appendChild(list);
    row.appendChild(cell);
    return row;
  }

  function bind(id, field) {
    $(id).addEventListener("input", function (e) { state[field] = e.target.value; state.page = 0; apply(); });
  }
  bind("filter-text", "text");
  bind("filter-status", "status");
  bind("filter-year", "year");
  bind("filter-level", "level");
  bind("filter-code", "code");
  $("page-prev").addEventListener("click", function () { state.page -= 1; apply(); });
  $("page-next").addEventListener("click", function () { state.page += 1; apply(); });
  document.querySelectorAll("#report-table th").forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.dataset.key;
      state.desc = state.sort === key ? !state.desc : ["errors", "warnings", "status", "year"].indexOf(key) >= 0;
      state.sort = key;
      apply();
    });
  });
  function choose(id, field, v) {
    $(id).value = v;
    state[field] = v;
    state.page = 0;
    apply();
    $("reports").scrollIntoView();
  }
  document.querySelectorAll("a[data-code]").forEach(function (a) {
    a.addEventListener("click", function (e) { e.preventDefault(); choose("filter-code", "code", a.dataset.code); });
  });
  document.querySelectorAll(".card[data-count]").forEach(function (card) {
    var status = card.dataset.count;
    if (!(status in RANK)) return;
    card.addEventListener("click", function () { choose("filter-status", "status", status); });
  });
  apply();
  // The charts, drawn once the page is laid out (plotly sizes them to their boxes).
  if (window.Plotly) {
    Object.keys(DATA.charts).forEach(function (name) {
      var chart = DATA.charts[name];
      window.Plotly.newPlot("chart-" + name, chart.data, chart.layout, DATA.chartConfig);
    });
  }
})();
