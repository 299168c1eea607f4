"""Regular expressions for the report's numbering and title, shared by the parsers."""

from __future__ import annotations

import re

_CN = "一二三四五六七八九十"

# 一、总体情况 / 三． 收到… / ## 二、… (Markdown markers are stripped before matching)
SECTION_HEADING = re.compile(rf"^\s*(?P<numeral>[{_CN}]{{1,3}})\s*[、.．,，]\s*(?P<title>\S.*?)\s*$")
# （一）主动公开 / (二) 依申请公开
SUB_ITEM = re.compile(rf"^\s*[(（]\s*(?P<ordinal>[{_CN}]{{1,3}})\s*[)）]\s*(?P<title>.*?)\s*$")
# The year in a title: 2023年 / 2023 年度 / ２０２３年
TITLE_YEAR = re.compile(r"(?P<year>[12][0-9]{3}|[１２][０-９]{3})\s*年度?")
TITLE_CORE = re.compile(r"年\s*度\s*报\s*告\s*$|信\s*息\s*公\s*开.*报\s*告\s*$")
ATTACHMENT_LINE = re.compile(r"^\s*附\s*件\s*[0-9０-９一二三四五六七八九十]*\s*[:：]?\s*$")
# 2024年1月11日 / 二〇二四年一月十一日
DATE = re.compile(
    r"(?P<y>[12][0-9]{3}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<d>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
