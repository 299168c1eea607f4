"""The forms real drafts arrive in, made from a tidy tab-form draft (see `drafts.render`).

Drafts are often started from last year's published report, copied out of a PDF or a web page.
Each function here rewrites a tidy draft the way one such copy does, so a test can check that the
linter reads the same report from every form:

- `caption_lines` — table 2's block captions (第二十条第（一）项) as lines of their own;
- `wrapped_title` — the title wrapped over two lines;
- `pdf_cells` — every table cell on a line of its own, in reading order, empty cells dropped;
- `pdf_rows` — each table row on one line, its cells apart by a space (PDF text kept in layout);
- `glued_rows` — each table row on one line with its cells run together;
- `one_paragraph` — the whole report on one line (a web page copied as text);
- `split_markdown` — a Markdown table cut in two by a blank line;
- `middle_group_labels` — table 3's group labels (（三）不予公开 …) beside the middle row of their
  group, where PDF text puts a merged cell's text, so that a group's first rows follow the group
  before without a label of their own;
- `table2_lines_then_pipe` — a Markdown table 2 as PDF-to-Markdown tools leave it: every block
  caption and the small blocks as plain lines (header labels run together, a row's numbers after its
  label), the first block's rows as a pipe table after them;
- `overview_subtopics` — section 一 with numbered sub-topics whose titles share a part's words
  (二、主动公开工作情况 …), and the parts after it numbered again from 一.
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


def pdf_rows(text: str) -> str:
    """Every tab row as its non-empty cells on one line, a space between them."""
    return _TAB_TABLE_ROW.sub(lambda m: " ".join(c.strip() for c in m.group().split("\t") if c.strip()), text)


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


_T3_GROUP_ROW = re.compile(r"^\t(?P<label>（[三四五六]）[^\t]+)\t(?P<rest>\d+\.[^\n]*)$", re.M)


def middle_group_labels(text: str) -> str:
    """Each table-3 group label of a tab draft moved from its group's first row to its middle row."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = _T3_GROUP_ROW.match(lines[i])
        size = 1
        while m and i + size < len(lines) and re.match(r"^\t\t\d+\.", lines[i + size]):
            size += 1
        if m:
            middle = i + size // 2
            lines[i] = "\t\t" + m.group("rest")
            lines[middle] = "\t" + m.group("label") + lines[middle][1:]
        i += size
    return "\n".join(lines)


def table2_lines_then_pipe(markdown: str) -> str:
    """Table 2 of a Markdown draft (one pipe table, captions as one-cell rows) rewritten: every
    caption and every block but the first as plain lines, then the first block's header and rows
    as a pipe table under a ``## 表二`` caption."""
    lines = markdown.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("| 第二十条第（一）项"))
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("|"))
    blocks: list[list[list[str]]] = []
    for line in lines[start:end]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        cells = [c for c in cells if c]
        if not cells or set("".join(cells)) <= set("-:"):
            continue
        if cells[0].startswith("第二十条"):
            blocks.append([])
        blocks[-1].append(cells)
    first, *others = blocks
    plain = [first[0][0]]
    for block in others:
        caption, header, *rows = block
        plain += [caption[0], "".join(header)] + [" ".join(row) for row in rows]
    header, *rows = first[1:]
    pipe = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    pipe += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines[:start] + plain + ["## 表二：主动公开政府信息情况"] + pipe + lines[end:])


def overview_subtopics(text: str) -> str:
    """Section 一 of a tab draft given sub-topics numbered 二、三、 whose titles share the words of
    parts 二 and 三, and the parts after it numbered 一 … 五 (as a real report was)."""
    subtopics = (
        "二、主动公开工作情况\n\n全年通过门户网站主动公开政府信息。\n\n"
        "三、政府信息公开申请情况\n\n全年依申请公开工作平稳有序。\n\n"
    )
    head, _, rest = text.partition("\n二、主动公开政府信息情况\n")
    for old, new in (("三、收到", "二、收到"), ("四、政府信息公开行政", "三、政府信息公开行政")):
        rest = rest.replace("\n" + old, "\n" + new, 1)
    rest = rest.replace("\n五、存在", "\n四、存在", 1).replace("\n六、其他需要", "\n五、其他需要", 1)
    return head + "\n" + subtopics + "一、主动公开政府信息情况\n" + rest
