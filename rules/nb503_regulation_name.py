from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, SAFE, Edit, Finding, Fix, Fixable, rule
from nianbao.template import REGULATION_NAME, REGULATION_SHORT
from nianbao.textutil import normalize

_CITED = re.compile(r"《(?P<inner>[^《》\n]{2,30}?)》")
_LOCAL = re.compile(r"省|市|县|区|自治|州|盟|旗")


@rule("NB503", "regulation-name", ERROR, "《中华人民共和国政府信息公开条例》的名称写错", fixable=Fixable.ALWAYS)
def regulation_name(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    《条例》的全称只有一个：《中华人民共和国政府信息公开条例》，简称《条例》。
    书名号中含“信息公开”、以“条例”结尾（或误作“条列”），但既不是全称也不是《条例》的，都报告，
    例如《中华人民共和国信息公开条例》《政府信息公开条例》。
    地方性法规规章（书名中有省、市、县等地名，如《上海市政府信息公开规定》）不检查。

    为什么重要
    --------
    年度报告是依据《条例》第五十条编制的，开篇就把法规名称写错很不严肃，也是通报中常被点名的问题。

    错误示例
    --------
    ``按照《中华人民共和国信息公开条例》规定的主动公开信息范围……``

    正确示例
    --------
    ``按照《中华人民共和国政府信息公开条例》规定的主动公开信息范围……``

    修复（安全）
    --------
    替换为全称。
    """
    standard = normalize(REGULATION_NAME)
    for m in _CITED.finditer(report.folded):
        inner = normalize(m.group("inner"))
        if inner in (standard, REGULATION_SHORT) or "信息公开" not in inner:
            continue
        if not inner.endswith(("条例", "条列")):
            continue
        if _LOCAL.search(inner.replace("中华人民共和国", "")):
            continue
        start, end = m.start("inner"), m.end("inner")
        yield Finding(
            start,
            end,
            f"法规名称“《{report.text[start:end]}》”有误，应为《{REGULATION_NAME}》",
            fix=Fix(f"改为《{REGULATION_NAME}》", (Edit(start, end, REGULATION_NAME),), SAFE),
        )
