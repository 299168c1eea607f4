from __future__ import annotations

from collections.abc import Iterator

from nianbao.digest import ReportDigest
from nianbao.digest_parts import Sentence
from nianbao.ruledef import ERROR, SAFE, Edit, Finding, Fix, Fixable, year_rule

from ._years import last_year, there


@year_rule("NB606", "year-not-updated", ERROR, "沿用上年报告的句子仍写着上年的年份", fixable=Fixable.ALWAYS)
def year_not_updated(current: ReportDigest, previous: ReportDigest) -> Iterator[Finding]:
    """检查内容
    --------
    本年度报告中的一句话与同一机关上一年度报告中的一句相同（年份和数字不计），而上年那句是在说
    上年自己的年度（“2022年，我镇……”“2022年度共收到……”“现将2022年……报告如下”），本年这句却仍写着
    上年的年份。标题和统计期限中的年份由 NB301、NB303 检查，这里不重复报告。

    为什么重要
    --------
    在上年报告的基础上修改时，数字改了、年份忘了改，是最常见的疏漏：读者会以为这段话说的是上一年。

    错误示例
    --------
    2023 年度报告：“2022年，我镇坚持以公开为常态、不公开为例外……”（与 2022 年度报告的开头相同）。

    正确示例
    --------
    “2023年，我镇坚持以公开为常态、不公开为例外……”

    修复（安全）
    --------
    把这句中沿用的上年年份改为本年度。
    """
    year, stale = current.year, previous.year
    if year is None or stale is None or year != stale + 1:
        return
    stated = _own_year_sentences(previous)
    for section in current.sections:
        for sentence in section.sentences:
            if not sentence.years or sentence.fingerprint not in stated:
                continue
            model = stated[sentence.fingerprint]
            if len(model.years) != len(sentence.years):
                continue
            kept = [
                now for now, then in zip(sentence.years, model.years) if then.own and then.year == stale == now.year
            ]
            if not kept:
                continue
            first = kept[0]
            yield Finding(
                first.start,
                first.end,
                f"这句与{last_year(previous)}中的一句相同，但仍写着上年的年份 {stale} 年：本报告是 {year} 年度的",
                fix=Fix(f"改为 {year}", tuple(Edit(m.start, m.end, str(year)) for m in kept), SAFE),
                related=(there(previous, model.start, model.end, f"{last_year(previous)}中的这句话"),),
            )


def _own_year_sentences(digest: ReportDigest) -> dict[int, Sentence]:
    """The sentences of *digest* that state its own year, by fingerprint."""
    return {
        s.fingerprint: s
        for section in digest.sections
        for s in section.sentences
        if any(m.own and m.year == digest.year for m in s.years)
    }
