from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import WARNING, Finding, rule


@rule("NB404", "missing-signature", WARNING, "报告末尾没有落款机关和日期")
def missing_signature(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    报告最后应有落款：发布机关名称和成文日期，例如::

        柞村镇人民政府
        2024年1月11日

    缺少机关、缺少日期或两者都缺时报告。

    为什么重要
    --------
    落款表明报告由谁、在何时发布，也是判断是否按期公布的依据。

    错误示例
    --------
    报告在“六、其他需要报告的事项”的正文之后直接结束。

    正确示例
    --------
    正文之后另起两行写机关名称和日期。

    修复
    --------
    无自动修复：落款机关和日期需要人工填写。
    """
    sig = report.signature
    if sig is not None and sig.agency and sig.date:
        return
    if sig is None:
        # Mark where the signature belongs: the last character of the body (one character, not the
        # whole last paragraph; an empty range would show nothing in an editor).
        end = len(report.masked.rstrip())
        yield Finding(max(0, end - 1), end, "报告末尾没有落款（发布机关名称和日期），应在正文之后另起两行写明")
    elif not sig.date:
        yield Finding(sig.agency_start, sig.agency_end, "落款只有机关名称，缺少日期")
    else:
        yield Finding(sig.date_start, sig.date_end, "落款只有日期，缺少发布机关名称")
