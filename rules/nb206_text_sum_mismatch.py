from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Paragraph, Report
from nianbao.ruledef import WARNING, Finding, Related, rule
from nianbao.template import ADDITION_WORDS, EXHAUSTIVE_WORDS, INCLUSION_WORDS

from ._prose import OPEN, Count, closing, counts, depths, is_outcome, sentences

_WHEREIN = "其中"


@rule("NB206", "text-sum-mismatch", WARNING, "“共 N 条，其中 A 条、B 条……”的分项与总数不符")
def text_sum_mismatch(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    正文中“N 条，其中 A 条、B 条、C 条”和“N 条（A 条、B 条）”这类把一个数分成几项的句子，
    分项之和应等于总数。

    检查的句子是这样的（计数指阿拉伯数字加量词，如“120 条”“3 件”“2 期”）：

    - **“其中”分项**：一句话（到。；！？为止）中，“其中”之后、下一个“其中”或句末之前、不在括号里的
      计数是分项；只取与第一个分项量词同类的计数（件、条、篇、个等计物，起草时常混用；次、期、场计
      活动；人次计人）。“其中”之前同一句中（“其中”位于句首时取上一句）同类、不在括号里的计数是它可能指的总数。“其中”前只有一个计数时，它就是总数：两个及以上
      分项之和应等于它，只有一个分项时不应超过它。“其中”前有几个计数时
      （“新收申请 23 件，上年结转 1 件，……其中予以公开 7 件”），“其中”可能指其中任何一个，也可能指
      它们的合计（这里是办理的全部 24 件）。分项写明了“其他”“其余”“另有”等收尾词
      （“……通过公开栏等其他渠道公开 59 条”）时，它们是总数的全部，之和应等于某一种读法；没有
      收尾词时，分项可能只是列举其中几项（“其中规范性文件 12 件、政策解读 38 篇”），只有分项之和
      超过所有读法时才报告。
    - **括号分项**：紧跟在计数后的括号里有两个及以上同类的计数
      （“部门决算 210 条（县级部门决算 50 条、乡镇决算 160 条）”），它们是前一项的细分，
      之和不应超过前一项（括号里有收尾词时应相等）；括号里的计数不是外层的分项
      （外层：140 + 210 + 60 + 10 = 420）。
    - **办理结果分项**：“其中”的分项是表三的办理结果（“其中予以公开 24 件、部分公开 6 件”）时，
      起草人常常只列出其中几种，所以只在分项之和超过所有读法时报告；有可读的表三时不检查，
      由 NB205 把每一个数与表三逐一核对。
    - 不算计数的：年份、月份、百分比、金额，以及比较和增减（所在短语中有“同比”“比上年”“增加”
      “减少”等，或紧跟在“上年”“去年”之后的数）。

    为什么重要
    --------
    分项加不上总数，读者会怀疑所有数字；这类笔误在汇总时很容易出现。

    错误示例
    --------
    ``全年主动公开政府信息 773 条，其中政府网站 122 条、微信公众号 411 条、政务微博 250 条。``
    （122 + 411 + 250 = 783）

    ``主动公开信息 739 条，其中网站 388 条、新媒体 292 条、公开栏等其他渠道 49 条。``
    （388 + 292 + 49 = 729）

    正确示例
    --------
    ``全年主动公开政府信息 773 条，其中政府网站 122 条、微信公众号 411 条、政务微博 240 条。``

    ``共新收申请 23 件，上年结转 1 件，均在法定期限内答复，其中予以公开 7 件、部分公开 2 件。``

    修复
    --------
    无自动修复：需要核实是总数错了还是分项错了。
    """
    t3 = report.table("t3")
    compared = t3 is not None and not t3.unreadable  # NB205 reads outcome counts against it
    for para in report.paragraphs:
        text = para.folded
        if _WHEREIN not in text and not any(mark in text for mark in OPEN):
            continue  # both readings need a 其中 or a bracket: spare most paragraphs their counts
        found = counts(text)
        if len(found) < 2:
            continue
        spans = sentences(text)
        for i, (start, end) in enumerate(spans):
            previous = spans[i - 1] if i else None
            yield from _wherein(para, found, start, end, previous, compared)
            yield from _bracketed(para, found, start, end)


def _wherein(
    para: Paragraph, found: list[Count], start: int, end: int, previous: tuple[int, int] | None, compared: bool
) -> Iterator[Finding]:
    """“N 条，其中 A 条、B 条”: the parts after each 其中 against the counts it may refer to."""
    text = para.folded
    occurrences = _occurrences(text, _WHEREIN, start, end)
    if not occurrences:
        return
    level = depths(text)
    marks = [i for i in occurrences if level[i] == 0]
    for k, at in enumerate(marks):
        stop = marks[k + 1] if k + 1 < len(marks) else end
        parts = _level(found, at + len(_WHEREIN), stop)
        if not parts:
            continue
        kind = parts[0].kind
        parts = [p for p in parts if p.kind == kind]
        lead = start
        if previous and not text[start:at].strip(" ,，：:"):
            lead = previous[0]  # “共 773 条。其中，……”: 其中 opens a sentence and refers to the last one
        totals = [c for c in _level(found, lead, at) if c.kind == kind]
        if not totals:
            continue
        if any(is_outcome(text, p) for p in parts):
            # Outcomes are often listed in part ("其中予以公开 24 件、部分公开 6 件"): only too many is
            # wrong, and with table 3 at hand NB205 checks each count itself.
            if not compared:
                yield from _check(para, totals, parts, "“其中”各分项", False)
            continue
        yield from _check(para, totals, parts, "“其中”各分项", _closes(text, at, parts[-1].start))


def _bracketed(para: Paragraph, found: list[Count], start: int, end: int) -> Iterator[Finding]:
    """“210 条（县级 50 条、乡镇 160 条）”: a bracket right after a count splits that count."""
    text = para.folded
    for total in found:
        if not start <= total.start < end or total.comparative:
            continue
        after = total.unit_end
        while after < end and text[after] == " ":
            after += 1
        if after < end and text[after] in "，," and text.startswith(_WHEREIN, after + 2):
            after += 1  # “120条，(其中……)”: a comma before a bracket that opens with 其中
        if after >= end or text[after] not in OPEN:
            continue
        close = closing(text, after)
        if close is None:
            continue
        parts = [c for c in found if after < c.start < close and c.depth == total.depth + 1 and not c.comparative]
        parts = [p for p in parts if p.kind == total.kind]
        complete = _closes(text, after, close)
        if text[after + 1 : close].lstrip().startswith(INCLUSION_WORDS):
            # “13件（含结转1件，另有1件顺延至下年度）”: what the count includes, in part; what comes
            # after 另有 is not in it at all.
            addition = min((i for w in ADDITION_WORDS if (i := text.find(w, after, close)) != -1), default=close)
            parts = [p for p in parts if p.start < addition]
            complete = False
        if len(parts) >= 2 or (parts and not complete):
            yield from _check(para, [total], parts, "括号中各分项", complete)


def _closes(text: str, start: int, end: int) -> bool:
    """Whether a breakdown in text[start:end] says it is complete (……等其他渠道 N 条)."""
    return any(text.find(word, start, end) != -1 for word in EXHAUSTIVE_WORDS)


def _check(para: Paragraph, totals: list[Count], parts: list[Count], kind: str, complete: bool) -> Iterator[Finding]:
    """A finding when no reading of *totals* (any one of them, or all of them together) fits *parts*.

    *complete*: the parts say they make up the whole (two or more must add up to a reading); else
    they may be only some of it, and only a sum above every reading is wrong.
    """
    subtotal = sum(p.value for p in parts)
    together = sum(t.value for t in totals)
    readings = {t.value for t in totals} | {together}
    if subtotal in readings if complete and len(parts) >= 2 else subtotal <= together:
        return
    terms = " + ".join(str(p.value) for p in parts)
    anchor = totals[-1]
    if len(totals) == 1:
        said = f"总数为 {anchor.value}"
    else:
        said = f"“其中”之前的 {'、'.join(str(t.value) for t in totals)}（合计 {together}）都可能是总数"
    if len(parts) >= 2:
        message = f"{said}，但{kind}之和为 {subtotal}（{terms}）"
        message += "" if complete else "，比它还大"
    else:
        message = f"{said}，但分项 {subtotal} 比它还大"
    related = tuple(Related(para.start + t.start, para.start + t.end, f"可能的总数 {t.value}") for t in totals[:-1])
    related += tuple(Related(para.start + p.start, para.start + p.end, f"分项 {p.value}") for p in parts)
    yield Finding(
        para.start + anchor.start,
        para.start + anchor.end,
        message,
        related=related,
        detail=f"{terms} = {subtotal}，而" + "、".join(str(r) for r in sorted(readings)) + f" 都不是 {subtotal}"
        if complete and len(parts) >= 2
        else f"{terms} = {subtotal} > {together}",
    )


def _level(found: list[Count], start: int, end: int) -> list[Count]:
    """The counts in [start, end) outside brackets that are quantities (not comparisons)."""
    return [c for c in found if start <= c.start < end and c.depth == 0 and not c.comparative]


def _occurrences(text: str, word: str, start: int, end: int) -> list[int]:
    out, i = [], text.find(word, start, end)
    while i != -1:
        out.append(i)
        i = text.find(word, i + len(word), end)
    return out
