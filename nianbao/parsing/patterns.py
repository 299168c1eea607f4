"""Regular expressions for the report's numbering and title, shared by the parsers."""

from __future__ import annotations

import re

from ..lazyre import lazy
from ..template import PAGE_NUMBER_PATTERNS, TABLE_START_MARKERS, alternation

_CN = "一二三四五六七八九十"

# 一、总体情况 / 三． 收到… / ## 二、… (Markdown markers are stripped before matching)
# A title runs to its last non-space character, greedily: a lazy `.*?` before `\s*$` tried the end of
# the line after every character of a long paragraph that opens like a heading.
SECTION_HEADING = re.compile(rf"^\s*(?P<numeral>[{_CN}]{{1,3}})\s*[、.．,，]\s*(?P<title>\S(?:.*\S)?)\s*$")
# （一）主动公开 / (二) 依申请公开
SUB_ITEM = re.compile(rf"^\s*[(（]\s*(?P<ordinal>[{_CN}]{{1,3}})\s*[)）]\s*(?P<title>(?:.*\S)?)\s*$")
# The year in a title: 2023年 / 2023 年度 / ２０２３年
TITLE_YEAR = re.compile(r"(?P<year>[12][0-9]{3}|[１２][０-９]{3})\s*年度?")
TITLE_CORE = re.compile(r"年\s*度\s*报\s*告\s*$|信\s*息\s*公\s*开.*报\s*告\s*$")
ATTACHMENT_LINE = re.compile(r"^\s*附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?\s*$")
# 2024年1月11日 / 二〇二四年一月十一日
DATE = re.compile(
    r"(?P<y>[12][0-9]{3}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<d>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)


def delimiter_row(dash: str, blank: str = r"\s", columns: str = "*", flags: int = 0) -> re.Pattern[str]:
    """A Markdown table's delimiter row (``| --- | :---: |``): cells of *dash* (a pattern: ``-+``,
    ``-{3,}``) between bars, *blank* the pattern of one blank character, *columns* how many cells
    follow the first (``*`` any, ``+`` at least one more).

    Each run of blanks is matched by a single ``blank*``: two adjacent ones (``\\s*\\|?\\s*``) split a
    long blank line every way before failing, which made it quadratic."""
    cell = rf":?{dash}:?{blank}*"
    return re.compile(rf"^{blank}*(?:\|{blank}*)?{cell}(?:\|{blank}*{cell}){columns}(?:\|{blank}*)?$", flags)


# A table-2 block caption standing on its own line: 第二十条第（一）项 (a merged caption cell, copied out).
# A pipe row of one cell (第二十条第（一）项 |) is the same caption.
# Any table's start marker (its first row's words): most lines hold none, and one search tells.
TABLE_START = re.compile(alternation({m for markers in TABLE_START_MARKERS.values() for m in markers}))
CAPTION = re.compile(r"^\s*(?:\|\s*)?第二十条第?\s*[(（]\s*[一二三四五六七八九十]+\s*[)）]\s*项\s*(?:\|\s*)?$")
# Labels of table 3's top rows, which look like section headings (一、本年新收… 四、结转下年度…).
T3_TOP_LABEL = re.compile(
    r"本\s*年\s*新\s*收|上\s*年\s*结\s*转|本\s*年\s*度\s*办\s*理\s*结\s*果|结\s*转\s*下\s*年\s*度"
)
# A line that is only a page number (- 3 -, 第 3 页, 3/12): what a PDF page break leaves in its text.
PAGE_NUMBER = re.compile("(?:" + "|".join(PAGE_NUMBER_PATTERNS) + ")")
# A caption over one group of table 4 when its three groups come as three small tables.
T4_CAPTION = re.compile(
    r"^\s*(?:\|\s*)?(?:行政复议|行政诉讼\s*[（(·]?\s*(?:未经复议直接起诉|复议后起诉)[)）]?|未经复议直接起诉|复议后起诉)"
    r"\s*(?:\|\s*)?$"
)
# A row label of table 3 standing over one small table per row (what some PDF-to-Markdown tools
# make of it): ### 一、本年新收政府信息公开申请数量, ### （一）予以公开, ### 三、本年度办理结果.
T3_CAPTION = lazy(
    r"^\s*(?:[一二三四]\s*[、.．]\s*(?:本年新收|上年结转|本年度办理结果|结转下年度)"
    r"|[(（]\s*[一二三四五六七]\s*[)）]\s*(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|总计))"
)
# A table's own title line over it or between its pieces: 表三：收到和处理政府信息公开申请情况.
TABLE_TITLE = re.compile(r"^\s*表\s*[一二三四1-4]\s*[:：、.．]?\s*\S")
