from __future__ import annotations

import re
from collections.abc import Iterator

from nianbao.lazyre import lazy
from nianbao.model import Report
from nianbao.ruledef import ERROR, INFO, SAFE, SUGGESTED, Edit, Finding, Fix, Fixable, rule
from nianbao.template import (
    REGULATION_NAME,
    REGULATION_NAME_CHARACTERS,
    REGULATION_PLAIN,
    REGULATION_REVISION_WORDS,
    REGULATION_SHORT,
    STATE_NAME,
    alternation,
)
from nianbao.textutil import normalize

_CITED = re.compile(r"《(?P<inner>[^《》\n]{2,40}?)》")
_REVISION = re.compile(rf"[（(][^（）()]*(?:{alternation(REGULATION_REVISION_WORDS)})[^（）()]*[）)]$")
_LOCAL = lazy(r"省|市|县|区|自治|州|盟|旗")
_ENDINGS = ("条例", "条列")
FULL, PLAIN, WRONG = "full", "plain", "wrong"


@rule("NB503", "regulation-name", ERROR, "《中华人民共和国政府信息公开条例》的名称写错", fixable=Fixable.ALWAYS)
def regulation_name(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    《条例》的全称只有一个：《中华人民共和国政府信息公开条例》。书名号中的名称按下面的规则归类
    （先去掉空白和书名末尾的“（2019年修订）”这类修订说明）：

    - **全称** 《中华人民共和国政府信息公开条例》：正确。
    - **简称** 《条例》和《政府信息公开条例》：在全文某处写过全称之后（通常是“……（以下简称《条例》）”）
      是通行的引用方式，不报告。
    - **写错的名称**：去掉开头的“中华人民共和国”后以“条例”（或误作“条列”）结尾，其余部分只由
      “政府、政务、信息、公开”这几个字组成、至少四个字，但又不是“政府信息公开”的，例如
      《中华人民共和国信息公开条例》《政府公开信息条例》《政务信息公开条例》：报告为错误，安全修复为全称。
    - 地方性法规规章（书名中有省、市、县等地名，如《上海市政府信息公开规定》）和其他法规不检查。

    全文没有出现全称（也没有会被修复成全称的写错的名称）、却引用了《政府信息公开条例》时：
    在第一次引用处给一条**提示**（info），
    建议改为全称（建议修复，不会被 ``--fix`` 自动应用）。只写《条例》的不报告：它可能是前文以
    “以下简称《条例》”引入的其他条例。

    为什么重要
    --------
    年度报告是依据《条例》第五十条编制的，开篇就把法规名称写错很不严肃，也是通报中常被点名的问题。

    错误示例
    --------
    ``按照《中华人民共和国信息公开条例》规定的主动公开信息范围……``

    正确示例
    --------
    ``按照《中华人民共和国政府信息公开条例》规定的主动公开信息范围……``

    ``根据《中华人民共和国政府信息公开条例》（以下简称《条例》）……认真贯彻落实《政府信息公开条例》……``

    修复
    --------
    写错的名称：替换为全称（安全）。没有全称时的第一次简称引用：替换为全称（建议）。
    """
    cited = [(m, kind) for m in _CITED.finditer(report.folded) if (kind := _kind(m.group("inner")))]
    # A misnamed citation gets the full name from its own (safe) fix: no second finding about it.
    if not any(kind in (FULL, WRONG) for _, kind in cited):
        first = next((m for m, kind in cited if kind == PLAIN), None)
        if first is not None:
            message = f"全文没有写出《条例》的全称：第一次引用时宜写《{REGULATION_NAME}》"
            yield _to_full_name(first, message, SUGGESTED, INFO)
    for m, kind in cited:
        if kind == WRONG:
            message = f"法规名称“《{report.text[m.start('inner') : m.end('inner')]}》”有误，应为《{REGULATION_NAME}》"
            yield _to_full_name(m, message, SAFE)


def _to_full_name(cited: re.Match[str], message: str, applicability: str, severity: str = "") -> Finding:
    """A finding on the citation with its 《》 (as the message quotes it), whose fix rewrites only the
    name inside them."""
    start, end = cited.start("inner"), cited.end("inner")
    fix = Fix(f"改为《{REGULATION_NAME}》", (Edit(start, end, REGULATION_NAME),), applicability)
    return Finding(cited.start(), cited.end(), message, fix=fix, severity=severity)


def _kind(inner: str) -> str | None:
    """How a title in 《》 cites the Regulation: FULL, PLAIN (政府信息公开条例), WRONG, or None (not it)."""
    name = _REVISION.sub("", normalize(inner))
    body = name.removeprefix(STATE_NAME)
    if body == REGULATION_PLAIN:
        return FULL if name != body else PLAIN
    if body == REGULATION_SHORT or _LOCAL.search(body) or not body.endswith(_ENDINGS):
        return None
    core = body[: -len(_ENDINGS[0])]
    if len(core) >= 4 and set(core) <= set(REGULATION_NAME_CHARACTERS):
        return WRONG
    return None
