from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, Finding, rule


@rule("NB001", "internal-error", ERROR, "某条规则（内置或插件）运行出错")
def internal_error(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    不检查草稿本身。某条规则（nianbao 自带的或插件提供的）在检查这份草稿时抛出了异常，
    引擎把异常记为一条 NB001，消息写明是哪条规则、来自哪个插件、出了什么错；其余规则照常运行。

    为什么重要
    --------
    一条规则的缺陷不应让整份报告得不到检查，也不应让使用者看到程序崩溃的堆栈。
    NB001 让问题可见、可报告，同时不影响其他检查结果。

    错误示例
    --------
    插件规则 SD101 对某种表格写法计算时除以零：
    ``NB001 规则 SD101（…，来自 nianbao-shandong 0.1.0）运行出错，其余规则照常运行：ZeroDivisionError…``

    正确示例
    --------
    所有规则正常运行，没有 NB001。遇到 NB001 时请把草稿和消息报告给规则的维护者。
    """
    return iter(())
