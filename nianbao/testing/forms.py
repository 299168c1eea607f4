"""The forms real drafts arrive in, made from a tidy tab-form draft (see `drafts.render`).

Drafts are often started from last year's published report, copied out of a PDF or a web page.
Each function here rewrites a tidy draft the way one such copy does, so a test can check that the
linter reads the same report from every form:

- `caption_lines` — table 2's block captions (第二十条第（一）项) as lines of their own;
- `wrapped_title` — the title wrapped over two lines;
- `pdf_cells` — every table cell on a line of its own, in reading order, empty cells dropped;
- `glued_rows` — each table row on one line with its cells run together;
- `one_paragraph` — the whole report on one line (a web page copied as text);
- `split_markdown` — a Markdown table cut in two by a blank line.
"""

from __future__ import annotations

import re

_TAB_TABLE_ROW = re.compile(r"^.*\t.*$", re.M)


def caption_lines(text: str) -> str:
    """Tab or pipe rows holding only a 第二十条 caption become the bare caption line."""
    text = re.sub(r"^(第二十条第（[一二三四五六七八九十]+）项)\t+$", r"\1", text, flags=re.M)
    return re.sub(r"^(第二十条第（[一二三四五六七八九十]+）项)( \|\s*)+$", r"\1 |", text, flags=re.M)


def wrapped_title(text: str) -> str:
    """The first line broken after 政府信息公开, as narrow pages and PDF text break it."""
    head, _, rest = text.partition("\n")
    return head.replace("政府信息公开工作年度报告", "政府信息公开\n工作年度报告", 1) + "\n" + rest


def pdf_cells(text: str) -> str:
    """Every tab row as its non-empty cells, one per line (PDF text of a ruled table)."""
    return _TAB_TABLE_ROW.sub(lambda m: "\n".join(c.strip() for c in m.group().split("\t") if c.strip()), text)


def glued_rows(text: str) -> str:
    """Every tab row with its cells run together (the separators lost)."""
    return _TAB_TABLE_ROW.sub(lambda m: "".join(c.strip() for c in m.group().split("\t")), text)


def one_paragraph(text: str) -> str:
    """The whole report on one line, table cells run together (a web page copied as text)."""
    return "".join(line.replace("\t", "").strip() for line in text.splitlines()) + "\n"


def split_markdown(text: str, after: str) -> str:
    """A Markdown table cut in two by a blank line after the row containing *after*."""
    lines = text.split("\n")
    i = next(n for n, line in enumerate(lines) if line.startswith("|") and after in line)
    return "\n".join(lines[: i + 1] + [""] + lines[i + 1 :])
