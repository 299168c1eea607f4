"""Whether a file a folder walk found looks like an annual report at all.

A walk meets READMEs, notes and tool output next to the drafts; checking those gives pages of
findings about a "report" that never was one. A text file counts as a report when its first
64 KB (decoded as drafts are; spaces and tabs dropped) hold at least one of:

- a title line: a line ending in ``政府信息公开工作年度报告`` or a variant (``template.sections.REPORT_TITLE_ENDINGS``),
  optionally followed by a note in brackets (``（初稿）``);
- a section heading of the template: ``一、总体情况`` … ``六、其他需要报告的事项``, or an accepted
  variant or old wording of those titles;
- three different words that mark the same template table (``申请人情况``, ``本年新收``, …;
  ``template.tables.TABLE_MARKERS``), or three of the pre-2019 table's words.

The test is deliberately generous (a real draft must never be skipped): a file that cannot be
decoded is checked, so NB002 says why. Files named on the command line are always checked.

The test is chosen per suffix (`TESTS`): a web page is tested on its text with the tags taken out
(a site's folder of saved pages holds index and notice pages beside the reports); formats without
a test — the binary documents (.docx, .pdf) — are always checked. Only called on a cache miss, so a cached run imports neither this
module's template data nor the parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import PurePath

from .forms import DOCUMENT_FORMATS, MARKDOWN_SUFFIXES

SNIFF_CHARS = 64 * 1024
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")


def looks_like_report(path: str, data: bytes) -> bool:
    """Whether the file at *path* (its suffix chooses the test) with content *data* may be a report."""
    test = TESTS.get(PurePath(path).suffix.lower())
    return True if test is None else test(data)


def text_looks_like_report(data: bytes) -> bool:
    from .source import DecodeError, decode

    try:
        text = decode(data)[0]
    except DecodeError:
        return True
    title, heading, tables = _patterns()
    squeezed = _SPACES.sub("", text[:SNIFF_CHARS])
    if title.search(squeezed) or heading.search(squeezed):
        return True
    return any(len({m.group() for m in words.finditer(squeezed)}) >= 3 for words in tables)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], tuple[re.Pattern[str], ...]]:
    from .template.sections import REPORT_TITLE_ENDINGS, SECTIONS
    from .template.tables import OBSOLETE_TABLE_MARKERS, TABLE_MARKERS

    def alternatives(words: tuple[str, ...] | list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    title = re.compile(rf"({alternatives(REPORT_TITLE_ENDINGS)})(?:[（(][^）)\n]{{0,12}}[）)])?\r?$", re.M)
    numerals = "".join(s.numeral for s in SECTIONS)
    titles = [t for s in SECTIONS for t in (s.standard, *s.variants, *s.obsolete)]
    heading = re.compile(rf"^[#*]*[{numerals}][、.．]({alternatives(titles)})", re.M)
    tables = tuple(re.compile(alternatives(words)) for words in (*TABLE_MARKERS.values(), OBSOLETE_TABLE_MARKERS))
    return title, heading, tables


_TAG = re.compile(rb"<(?:script|style)\b.*?</(?:script|style)\s*>|<[^>]*>", re.S | re.I)
_ENTITY = re.compile(rb"&(?:nbsp|#160|#12288);", re.I)


def page_looks_like_report(data: bytes) -> bool:
    """A web page looks like a report when its text does: tags become line breaks (a heading or a
    title is one element), entities for spaces become spaces. The page's own charset is kept:
    `decode` tries UTF-8 then GB18030, the encodings government pages use."""
    return text_looks_like_report(_ENTITY.sub(b" ", _TAG.sub(b"\n", data)))


TESTS: dict[str, Callable[[bytes], bool]] = {suffix: text_looks_like_report for suffix in (".txt", *MARKDOWN_SUFFIXES)}
TESTS.update({suffix: page_looks_like_report for suffix, kind in DOCUMENT_FORMATS.items() if kind == "html"})
