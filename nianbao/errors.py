"""Errors that end a run with exit status 2 (usage, unreadable path, bad configuration), and how
the command line reports problems that do not end it."""

import sys


def warn(message: str) -> None:
    print(f"nianbao: 警告：{message}", file=sys.stderr)


class UsageError(Exception):
    """The command line, a path or the configuration cannot be used; the message says why."""


class ConfigError(UsageError):
    """The configuration is invalid; the message names the file and the key."""
