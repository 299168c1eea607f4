"""Errors that end a run with exit status 2 (usage, unreadable path, bad configuration), and how
the command line reports problems that do not end it."""

import errno
import sys


def warn(message: str) -> None:
    print(f"nianbao: 警告：{message}", file=sys.stderr)


class UsageError(Exception):
    """The command line, a path or the configuration cannot be used; the message says why."""


class ConfigError(UsageError):
    """The configuration is invalid; the message names the file and the key."""


_REASONS = {
    errno.ENOENT: "文件或目录不存在（或是指向不存在位置的符号链接）",
    errno.ENOTDIR: "路径中有一级不是目录",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EISDIR: "这是一个目录",
    errno.ELOOP: "符号链接形成了循环",
    errno.EROFS: "文件系统是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.ENAMETOOLONG: "文件名太长",
}


def why(exc: OSError) -> str:
    """Why a file operation failed, in Chinese where we know the reason (else the system's words)."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
