"""argparse speaking Chinese: its own strings ("usage:", "options", "unrecognized arguments" …)
translated, so that ``nianbao --help`` and its errors read in one language.

argparse looks its messages up through ``argparse._``/``argparse.ngettext`` (gettext) when it
builds parsers, formats help and reports errors. `ArgumentParser` swaps in the translation for
exactly those calls and puts the originals back afterwards, so other argparse users in the same
process (pytest, a host application) are unaffected. The table covers Python 3.10 to 3.13.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import re
from collections.abc import Callable, Iterator

from .lazyre import lazy

MESSAGES = {
    "usage: ": "用法：",
    "%(heading)s:": "%(heading)s：",  # Python 3.13 and later; earlier ones: `_full_width_headings`
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "subcommands": "子命令",
    " (default: %(default)s)": "（默认：%(default)s）",
    "show this help message and exit": "显示此帮助信息并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s: 错误：%(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: 警告：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：“%(value)s”",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的值“%s”被忽略",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令“%(parser_name)s”（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    'argument "-" with mode %r': "参数“-”不能以“%s”模式打开",
    "argument '%(argument_name)s' is deprecated": "参数“%(argument_name)s”已弃用",
    "option '%(option)s' is deprecated": "选项“%(option)s”已弃用",
    "command '%(parser_name)s' is deprecated": "命令“%(parser_name)s”已弃用",
}


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


@contextlib.contextmanager
def chinese() -> Iterator[None]:
    """argparse's messages in Chinese while the block runs."""
    module: Any = argparse
    saved = module._, module.ngettext
    module._, module.ngettext = gettext, ngettext
    try:
        yield
    finally:
        module._, module.ngettext = saved


_HALF_WIDTH_HEADING = lazy(r"^(\S[^\n]*):$", re.M)  # only help asks it: not on every start-up
_ANY_WIDTH = 80  # of the formatters argparse makes while a parser is built, which print nothing


def _full_width_headings(text: str) -> str:
    """Help whose section headings (位置参数:, 选项:) end in a full-width colon, like 用法：.
    Before Python 3.13 argparse appends the colon without gettext."""
    return _HALF_WIDTH_HEADING.sub(r"\1：", text)


TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from typing import Any, NoReturn, TypeVar

    F = TypeVar("F", bound=Callable[..., Any])


def _in_chinese(method: F) -> F:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with chinese():
            return method(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


class ArgumentParser(argparse.ArgumentParser):
    """An argparse parser whose help, usage and error messages are Chinese (sub-parsers too)."""

    __init__ = _in_chinese(argparse.ArgumentParser.__init__)
    add_argument_group = _in_chinese(argparse.ArgumentParser.add_argument_group)
    parse_known_args = _in_chinese(argparse.ArgumentParser.parse_known_args)
    format_usage = _in_chinese(argparse.ArgumentParser.format_usage)

    def format_help(self) -> str:
        with chinese():
            return _full_width_headings(super().format_help())

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        with chinese():
            parsed, extras = self.parse_known_args(args, namespace)
            chosen = self._chosen(parsed)
            # argparse gives a list of paths only the ones before the first option after them
            # (`check a.txt --no-cache b.txt` left b.txt over): the others belong to it too.
            extras = _paths_after_options(chosen, parsed, extras)
            if extras:  # said with the usage of the command they were given to, not the top level's
                chosen.error(gettext("unrecognized arguments: %s") % " ".join(extras))
        return parsed

    # argparse makes a help formatter for each argument added (to check its metavar) and for the
    # sub-commands (to spell their prog, "nianbao check"), and each formatter asks the terminal's
    # size, importing shutil: 8 M instructions of every start-up, a cache hit's too. Neither needs
    # the width; help and usage are still formatted at the terminal's.
    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        with chinese(), self._building():
            return super().add_argument(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        with chinese(), self._building():
            return super().add_subparsers(**kwargs)

    @contextlib.contextmanager
    def _building(self) -> Iterator[None]:
        self._formatting = False
        try:
            yield
        finally:
            self._formatting = True

    def _get_formatter(self) -> argparse.HelpFormatter:
        if not getattr(self, "_formatting", True):
            return self.formatter_class(prog=self.prog, width=_ANY_WIDTH)  # type: ignore[call-arg]  # argparse's all take it
        return super()._get_formatter()

    def _chosen(self, parsed: argparse.Namespace) -> argparse.ArgumentParser:
        """The parser of the (sub-)command *parsed* chose."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                chosen = action.choices.get(str(getattr(parsed, action.dest, "")))
                if chosen is not None:
                    return chosen._chosen(parsed) if isinstance(chosen, ArgumentParser) else chosen
        return self

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # argparse quotes the value and the choices as Python does ('xml', 'text', 'json')
        if action.choices is not None and value not in action.choices:
            choices = "、".join(map(str, action.choices))
            raise argparse.ArgumentError(action, f"无效的取值“{value}”（可选：{choices}）")

    def error(self, message: str) -> NoReturn:
        # Python 3.10 formats "argument X: …" without gettext
        message = re.sub(r"^argument (\S+): ", r"参数 \1：", message)
        with chinese():
            super().error(message)


def _paths_after_options(parser: argparse.ArgumentParser, parsed: argparse.Namespace, extras: list[str]) -> list[str]:
    """*extras* left over once those that are not options are added to *parser*'s one positional
    list (``nargs="*"`` or ``"+"``), if it has one; what is still left over."""
    positionals = [a for a in parser._actions if not a.option_strings]
    if len(positionals) != 1 or positionals[0].nargs not in ("*", "+"):
        return extras
    # after a "--" every word is a path (check a.txt --no-cache -- -odd.txt), as before the options
    end = extras.index("--") if "--" in extras else len(extras)
    values = [e for e in extras[:end] if not e.startswith("-") or e == "-"] + extras[end + 1 :]
    if values:
        dest = positionals[0].dest
        setattr(parsed, dest, [*(getattr(parsed, dest) or []), *values])
    return [e for e in extras[:end] if e not in values]
