"""From blocks (prose lines, headings, grids) to the report's outline.

Finds the title, the six numbered sections (by title first, number second), sub-items, prose
paragraphs and the signature block, then binds each grid to a template table.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Cell, Grid, Paragraph, Report, Row, Section, Signature, SubItem, Title
from ..template import (
    AGENCY_KIND_SUFFIXES,
    GOVERNMENT_SUFFIXES,
    REPORT_TITLE_SUFFIX,
    SectionSpec,
)
from ..textutil import cn_to_int, fold, normalize
from .binding import bind_grid, continues, merge_into
from .lines import TextLine
from .patterns import (
    ATTACHMENT_LINE,
    CAPTION,
    DATE,
    PAGE_NUMBER,
    SECTION_HEADING,
    SUB_ITEM,
    T3_CAPTION,
    T4_CAPTION,
    TABLE_TITLE,
    TITLE_CORE,
    TITLE_YEAR,
)
from .sections import identify_section

_MAX_HEADING = 40
_HEADING_STOP = re.compile(r"[。；;，,：:]\s*\S|[。；;，,]$")
_EMPHASIS = re.compile(r"^[*_]+|[*_]+$")
_SIGNATURE_PUNCT = re.compile(r"[，,。；;：:、]")
_AGENCY_ENDINGS = tuple(s for s, _ in AGENCY_KIND_SUFFIXES) + GOVERNMENT_SUFFIXES + ("办事处",)
_ITEM_TITLE_END = re.compile(r"[。：:；;，,]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A table-2 block's caption, a table-4 group's or a table's title: one match tells any of them.
_TABLE_CAPTION = re.compile("|".join(f"(?:{p.pattern})" for p in (CAPTION, T4_CAPTION, TABLE_TITLE)))


@dataclass(slots=True)
class Heading:
    """A Markdown heading: the line, and where its text sits (markers stripped)."""

    level: int
    start: int
    end: int
    content_start: int
    content_end: int


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    cstart: int  # content bounds (Markdown markers and surrounding space stripped)
    cend: int
    explicit: bool  # a Markdown heading


def build_outline(report: Report, text: str, blocks: Sequence[TextLine | Grid | Heading]) -> None:
    lines: list[_Line | Grid] = []
    for b in _join_fragments(text, blocks):
        if isinstance(b, Grid):
            lines.append(b)
        elif isinstance(b, Heading):
            lines.append(_Line(b.start, b.end, b.content_start, b.content_end, True))
        else:
            cs, ce = _content_bounds(text, b.start, b.end)
            lines.append(_Line(b.start, b.end, cs, ce, False))

    sections = _find_sections(report, text, lines)
    first_section = sections[0].start if sections else None
    report.title = _find_title(text, lines, first_section)
    report.signature, signature_lines = _find_signature(text, lines, report.title)
    report.sections = sections

    end_of_body = report.signature.agency_start if report.signature and report.signature.agency else None
    if (
        report.signature
        and report.signature.date
        and (end_of_body is None or report.signature.date_start < end_of_body)
    ):
        end_of_body = report.signature.date_start
    for i, current in enumerate(sections):
        nxt = sections[i + 1].start if i + 1 < len(sections) else None
        current.end = nxt if nxt is not None else (end_of_body if end_of_body is not None else len(text))

    section_starts = [s.start for s in sections]  # in document order
    heading_starts = set(section_starts)
    title_span = (report.title.start, report.title.end) if report.title else None
    folded = report.folded
    for item in lines:
        if isinstance(item, Grid):
            continue
        if item.start in heading_starts or item.start in signature_lines:
            continue
        if title_span and item.start <= title_span[1] and title_span[0] <= item.end:
            continue
        para = Paragraph(text[item.cstart : item.cend], item.cstart, item.cend, folded[item.cstart : item.cend])
        report.paragraphs.append(para)
        section = _section_at(sections, section_starts, item.start)
        if section is None:
            if first_section is None or item.start < first_section:
                report.intro.append(para)
            continue
        section.paragraphs.append(para)
        sub = _sub_item(text, item)
        if sub:
            section.items.append(sub)

    for item in lines:
        if isinstance(item, Grid):
            section = _section_at(sections, section_starts, item.start)
            for table in bind_grid(item, section, report.templates):
                previous = report.tables[-1] if report.tables else None
                if (
                    previous is not None
                    and continues(previous, table)
                    and (section is None or previous in section.tables)
                ):
                    merge_into(previous, table)  # a fragment of the table before it (PDF text, broken pages)
                    continue
                report.tables.append(table)
                if section:
                    section.tables.append(table)


def _join_fragments(text: str, blocks: Sequence[TextLine | Grid | Heading]) -> list[TextLine | Grid | Heading]:
    """One table split into pieces — by a blank line (Markdown ends a table there), a caption over
    each piece (第二十条第（一）项, ### 行政复议 …), or a page number between two pages of a PDF — is
    one grid again, its captions rows of it. The binder cuts a grid where a row starts another
    table, so joining never merges two tables."""
    out: list[TextLine | Grid | Heading] = []
    pending: list[TextLine | Heading] = []  # captions and page numbers since the last block
    for block in blocks:
        if not isinstance(block, Grid):
            if _is_glue(text, block):
                pending.append(block)
            else:
                out.extend(pending)
                pending = []
                out.append(block)
            continue
        captions = [_caption_row(text, g) for g in pending if _is_caption(text, g)]
        previous = out[-1] if out else None
        if isinstance(previous, Grid) and "run-on" not in (block.form, previous.form):
            out[-1] = Grid(previous.rows + captions + block.rows, previous.form, previous.start, block.end)
        else:
            out.extend(g for g in pending if not _is_caption(text, g))  # a page number before a table is prose
            rows = captions + block.rows
            out.append(Grid(rows, block.form, rows[0].start, block.end) if captions else block)
        pending = []
    out.extend(pending)
    return out


def _is_glue(text: str, line: TextLine | Heading) -> bool:
    """A caption, or (between two pieces of a table) a page number."""
    return _is_caption(text, line) or (
        isinstance(line, TextLine) and PAGE_NUMBER.fullmatch(text[line.start : line.end].strip()) is not None
    )


def _is_caption(text: str, line: TextLine | Heading) -> bool:
    content = _glue_text(text, line)
    if isinstance(line, Heading) and T3_CAPTION.match(fold(content)):
        return True  # a table-3 row label as a heading over its own small table
    return _TABLE_CAPTION.match(content) is not None


def _glue_text(text: str, line: TextLine | Heading) -> str:
    if isinstance(line, Heading):
        return text[line.content_start : line.content_end]
    return text[line.start : line.end].lstrip("# ")  # "#第二十条…" (no space: not a Markdown heading)


def _caption_row(text: str, line: TextLine | Heading) -> Row:
    if isinstance(line, Heading):
        cs, ce = line.content_start, line.content_end
    else:
        cs, ce = _content_bounds(text, line.start, line.end)
    return Row([Cell(text[cs:ce], cs, ce)], cs, ce)


def _content_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    line = text[start:end]
    lead = len(line) - len(line.lstrip())
    return start + lead, start + len(line.rstrip())


def _section_at(sections: list[Section], starts: list[int], offset: int) -> Section | None:
    """The section holding *offset*; *starts* are the sections' starts, in document order. A
    bisection: a file holding many reports has thousands of sections and as many lines each."""
    i = bisect_right(starts, offset) - 1
    return sections[i] if i >= 0 and offset < sections[i].end else None


_HEADING_START = frozenset("一二三四五六七八九十#*_")


def _heading_candidate(text: str, line: _Line) -> re.Match[str] | None:
    content = text[line.cstart : line.cend]
    if content[:1] not in _HEADING_START:  # cheap test before the regexes: most lines are prose
        return None
    if line.explicit:
        content = _EMPHASIS.sub("", content)
    m = SECTION_HEADING.match(fold(_EMPHASIS.sub("", content)))
    if not m:
        return None
    title = m.group("title")
    if not line.explicit and (len(title) > _MAX_HEADING or _HEADING_STOP.search(title)):
        return None
    return m


def _find_sections(report: Report, text: str, lines: list[_Line | Grid]) -> list[Section]:
    candidates: list[tuple[_Line, re.Match[str], SectionSpec | None, str]] = []
    for line in lines:
        if isinstance(line, Grid):
            continue
        m = _heading_candidate(text, line)
        if m:
            spec, how = identify_section(m.group("title"), report.templates)
            candidates.append((line, m, spec, how))
    known = {spec.number for _, _, spec, _ in candidates if spec}
    sections: list[Section] = []
    previous = 0
    for line, m, spec, how in candidates:
        written = cn_to_int(m.group("numeral"))
        if spec is None and not line.explicit and (written in known or written != previous + 1):
            continue  # a numbered list item in the prose, not a section heading
        offset = _match_offset(text, line)
        sections.append(
            Section(
                numeral=m.group("numeral"),
                written_number=written,
                title=m.group("title"),
                start=line.start,
                heading_end=line.end,
                numeral_start=offset + m.start("numeral"),
                numeral_end=offset + m.end("numeral"),
                title_start=offset + m.start("title"),
                title_end=offset + m.end("title"),
                spec=spec,
                match=how,
            )
        )
        previous = written or previous
    return sections


def _match_offset(text: str, line: _Line) -> int:
    """Offset where the heading regex's input starts (after Markdown emphasis markers)."""
    content = text[line.cstart : line.cend]
    lead = len(content) - len(_EMPHASIS.sub("", content, count=1)) if content[:1] in "*_" else 0
    return line.cstart + lead


def _find_title(text: str, lines: list[_Line | Grid], first_section: int | None) -> Title | None:
    """The report title among the first lines: one line, or wrapped over up to three (PDF text and
    narrow Word pages break it anywhere: 某县人民政府2024年政府信息公开 / 工作年度报告)."""
    seen: list[_Line] = []
    for line in lines:
        if isinstance(line, Grid):
            break
        if first_section is not None and line.start >= first_section:
            break
        content = text[line.cstart : line.cend]
        if ATTACHMENT_LINE.match(content):
            continue
        if len(seen) >= 3:
            break
        plain = _EMPHASIS.sub("", content)
        if len(plain) <= 80 and TITLE_CORE.search(fold(plain)):
            start = line.cstart + (len(content) - len(content.lstrip("*_")))
            end = line.cstart + len(content.rstrip("*_"))
            year = TITLE_YEAR.search(fold(plain))
            before = _wrapped_before(text, seen, line)
            wrapped = [*before, line]
            opening = next((i for i, p in enumerate(wrapped) if _starts_with_year(text, p)), 0)
            # 2025年… (on this line or a wrapped one above): the agency on the line before (某县人民政府 /
            # 2025年政府信息公开…), or after the year (2025年上海市人民政府办公厅政府信息公开 / 工作年度报告) —
            # never a stray line such as 正文.
            before = [p for p in before[:opening] if _ends_like_agency(text[p.cstart : p.cend])] + before[opening:]
            if year is None or year.start() == 0:
                start = next((p.cstart for p in before), start)
            return _parse_title(text, start, end)
        seen.append(line)
    return None


_TITLE_LINES = 3  # a title wraps over at most three lines


def _starts_with_year(text: str, line: _Line) -> bool:
    year = TITLE_YEAR.match(fold(_EMPHASIS.sub("", text[line.cstart : line.cend])))
    return year is not None


def _wrapped_before(text: str, seen: list[_Line], line: _Line) -> list[_Line]:
    """The lines right before *line* (no blank line between) that begin a wrapped title."""
    prefix: list[_Line] = []
    following = line
    for prev in reversed(seen):
        if len(prefix) == _TITLE_LINES - 1 or not _is_title_prefix(text, prev):
            break
        if len(_LINE_BREAK.findall(text, prev.end, following.start)) > 1:
            break  # a blank line between: not one title
        prefix.insert(0, prev)
        following = prev
    return prefix


def _is_title_prefix(text: str, line: _Line) -> bool:
    content = text[line.cstart : line.cend]
    return len(content) <= 30 and not _SIGNATURE_PUNCT.search(content) and not SECTION_HEADING.match(content)


def _parse_title(text: str, start: int, end: int) -> Title:
    raw = text[start:end]
    folded = fold(raw)
    title = Title(raw, start, end)
    m = TITLE_YEAR.search(folded)
    agency_start = 0
    if m:
        title.year = int(m.group("year"))
        title.year_start = start + m.start("year")
        title.year_end = start + m.end("year")
        agency_end = m.start()
        if not raw[:agency_end].strip():  # the year first: 2025年上海市人民政府办公厅政府信息公开…
            agency_start = m.end()
            agency_end = _before_core(raw, agency_start)
    else:
        agency_end = _before_core(raw, 0)
    prefix = raw[agency_start:agency_end]
    stripped = prefix.rstrip()
    lead = len(stripped) - len(stripped.lstrip())
    title.agency = normalize(stripped)
    title.agency_start = start + agency_start + lead
    title.agency_end = start + agency_start + len(stripped)
    return title


def _before_core(raw: str, after: int) -> int:
    """Where the agency ends in a title whose year does not: before 政府信息公开… (the last
    occurrence, so that 某县人民政府政府信息公开… keeps its 人民政府); *after* when there is none."""
    squeezed = normalize(raw[after:])
    cut = squeezed.rfind(normalize(REPORT_TITLE_SUFFIX)[:6])
    return after + _raw_index(raw[after:], cut) if cut > 0 else after


def _ends_like_agency(content: str) -> bool:
    return normalize(content).endswith(_AGENCY_ENDINGS)


def _raw_index(raw: str, squeezed_index: int) -> int:
    """Index in *raw* of the character that is number *squeezed_index* once whitespace is removed."""
    count = 0
    for i, ch in enumerate(raw):
        if ch.isspace():
            continue
        if count == squeezed_index:
            return i
        count += 1
    return len(raw)


def _find_signature(text: str, lines: list[_Line | Grid], title: Title | None) -> tuple[Signature | None, set[int]]:
    tail: list[_Line] = []
    for line in reversed(lines):
        if isinstance(line, Grid) or len(tail) == 2:
            break
        tail.append(line)
    tail.reverse()
    if not tail or (title and tail[-1].start < title.end):
        return None, set()
    last = tail[-1]
    content = text[last.cstart : last.cend]
    date = _date_in(content)
    if date and date[1] == 0 and date[2] == len(content):  # a line that is only the date
        agency_line = tail[0] if len(tail) == 2 and _is_agency_line(text, tail[0]) else None
        sig = Signature(None, last.cstart, last.cstart, date[0], last.cstart, last.cend)
        used = {last.start}
        if agency_line:
            sig.agency = normalize(text[agency_line.cstart : agency_line.cend])
            sig.agency_start, sig.agency_end = agency_line.cstart, agency_line.cend
            used.add(agency_line.start)
        return sig, used
    if date and date[1] > 0 and _is_agency_text(content[: date[1]].rstrip()):
        agency = content[: date[1]].rstrip()
        return Signature(
            normalize(agency),
            last.cstart,
            last.cstart + len(agency),
            date[0],
            last.cstart + date[1],
            last.cstart + date[2],
        ), {last.start}
    if _is_agency_line(text, last):
        return Signature(normalize(content), last.cstart, last.cend, None, last.cend, last.cend), {last.start}
    return None, set()


def _date_in(content: str) -> tuple[tuple[int, int, int], int, int] | None:
    m = DATE.search(fold(content))
    if not m or content[m.end() :].strip():
        return None
    y, mo, d = (cn_to_int(m.group(k)) or 0 for k in ("y", "m", "d"))
    if len(m.group("y")) == 4 and not m.group("y").isdigit():
        y = int("".join(str(cn_to_int(ch)) for ch in m.group("y")))
    return (y, mo, d), m.start(), m.end()


def _is_agency_text(content: str) -> bool:
    return (
        0 < len(content) <= _MAX_HEADING
        and not _SIGNATURE_PUNCT.search(content)
        and not SECTION_HEADING.match(content)
        and not SUB_ITEM.match(content)
        and normalize(content).endswith(_AGENCY_ENDINGS)
    )


def _is_agency_line(text: str, line: _Line) -> bool:
    return _is_agency_text(text[line.cstart : line.cend])


def _sub_item(text: str, line: _Line) -> SubItem | None:
    content = text[line.cstart : line.cend]
    m = SUB_ITEM.match(_EMPHASIS.sub("", content) if line.explicit else content)
    if not m:
        return None
    offset = line.cstart + (
        len(content) - len(_EMPHASIS.sub("", content, count=1)) if line.explicit and content[:1] in "*_" else 0
    )
    title = m.group("title")
    stop = _ITEM_TITLE_END.search(title)
    if stop:
        title = title[: stop.start()]
    title = title.strip().strip("*")
    t_start = offset + m.start("title")
    return SubItem(m.group("ordinal"), title, line.start, line.end, t_start, t_start + len(title))
