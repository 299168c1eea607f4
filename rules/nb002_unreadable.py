from __future__ import annotations

from collections.abc import Iterator

from nianbao.model import Report
from nianbao.ruledef import ERROR, Finding, rule


@rule("NB002", "unreadable", ERROR, "文件无法解码或解析")
def unreadable(report: Report) -> Iterator[Finding]:
    """检查内容
    --------
    文件无法作为文本草稿读取：不是 UTF-8（含或不含 BOM）、GB18030/GBK、带 BOM 的 UTF-16 中的任何一种，
    是二进制文件，或者是空文件。消息说明具体原因。出现 NB002 时不再运行其他规则。

    为什么重要
    --------
    读不出来的文件什么也检查不了；与其静默跳过，不如明确告诉使用者这份文件需要另存为文本。

    错误示例
    --------
    把 ``.docx`` 改名为 ``.txt``，或用了不支持的编码保存草稿。

    正确示例
    --------
    在 Word/WPS 中“另存为”纯文本（UTF-8 或 GBK 编码均可）。
    """
    return iter(())
