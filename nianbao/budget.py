"""A time budget for each rule: a rule still running when its budget is spent is interrupted.

Python cannot kill a thread, so the rule is interrupted from inside, by an exception (`RuleTimeout`)
raised in the thread that runs it; the engine turns it into NB001 and runs the other rules:

- On the main thread (the CLI and its worker processes) a ``SIGALRM`` timer raises it. A signal
  also interrupts a blocking system call (``time.sleep``, a socket read) and the regular-expression
  engine (catastrophic backtracking), so every way a rule can hang is covered. The timer is armed
  once per check and ticks every eighth of the budget; the handler raises only in a rule past its
  deadline (a rule stops within 1⅛ of its budget). Arming a timer per rule cost two system calls
  and a generator per rule, ~4 % of a check.
- On any other thread (the language server's lint thread) a watchdog thread raises it in the rule's
  thread with CPython's ``PyThreadState_SetAsyncExc``. That exception is delivered between two
  Python bytecodes: a loop in Python stops within milliseconds, but a rule blocked inside one C
  call (a sleep, a socket read, a regular expression that backtracks, which also holds the GIL)
  stops only when that call returns.

Neither can stop a rule that catches `BaseException` and carries on; the contract in
``docs/plugins.md`` says so.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from math import inf
from time import monotonic
from typing import Any

from .record import Record

_TICKS = 8  # alarm ticks per budget: a rule stops at most an eighth of its budget late


class RuleTimeout(BaseException):
    """Raised inside a rule that ran past its budget; a BaseException so that a rule's own
    ``except Exception`` does not swallow it."""


class TimeBudget:
    """The budget of each rule in one check::

        with TimeBudget(10.0) as budget:
            for rule in rules:
                with budget.rule():  # RuleTimeout after 10 s
                    ...

    *seconds* None or 0: no limit. The mechanism is chosen once per check (installing a signal
    handler costs more than a rule's timer). A rule may see `RuleTimeout` raised as it ends, when
    its budget ran out just then: that counts as a timeout too.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds or None
        self._previous: Any = None
        self._alarm: _AlarmClock | None = None

    def __enter__(self) -> TimeBudget:
        # Only the main thread receives signals; a timer already running belongs to someone else
        # (pytest-timeout, an application embedding nianbao) and is left alone.
        if (
            self.seconds
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0
        ):
            self._alarm = _AlarmClock(self.seconds)
            self._previous = signal.signal(signal.SIGALRM, self._alarm.expire)
            tick = self.seconds / _TICKS
            signal.setitimer(signal.ITIMER_REAL, tick, tick)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._alarm is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)
            self._alarm = None

    def rule(self) -> AbstractContextManager[None]:
        if self.seconds is None:
            return nullcontext()
        if self._alarm is not None:
            return self._alarm
        return _WATCHDOG.guard(self.seconds)


class _AlarmClock:
    """The deadline of the rule running on the main thread, read by the periodic SIGALRM handler."""

    __slots__ = ("seconds", "deadline")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = inf  # between rules no deadline runs

    def __enter__(self) -> None:
        self.deadline = monotonic() + self.seconds

    def __exit__(self, *exc: object) -> None:
        self.deadline = inf

    def expire(self, signum: int, frame: object) -> None:
        if monotonic() >= self.deadline:
            self.deadline = inf  # one exception per rule, even if its cleanup outlasts a tick
            raise RuleTimeout


class _Guard(Record):
    __slots__ = ("deadline", "fired")
    deadline: float
    fired: bool

    def __init__(self, deadline: float, fired: bool = False) -> None:
        self._init(deadline, fired)


class _Watchdog:
    """One daemon thread that raises `RuleTimeout` in threads whose guard outlived its deadline."""

    def __init__(self) -> None:
        self._reset()
        if hasattr(os, "register_at_fork"):  # a forked worker has no watchdog thread: start its own
            os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self._cond = threading.Condition()
        self._guards: dict[int, _Guard] = {}  # thread id → the guard that thread is inside
        self._wake_at = float("inf")  # when the watchdog thread next looks
        self._thread: threading.Thread | None = None

    @contextmanager
    def guard(self, seconds: float) -> Iterator[None]:
        tid = threading.get_ident()
        guard = _Guard(monotonic() + seconds)
        with self._cond:
            self._guards[tid] = guard
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="nianbao-rule-watchdog", daemon=True)
                self._thread.start()
            if guard.deadline < self._wake_at:  # wake it only when it would look too late
                self._cond.notify()
        try:
            yield
        finally:
            with self._cond:
                self._guards.pop(tid, None)
            if guard.fired:  # the rule ended as the budget ran out: take back the pending exception
                _raise_in(tid, None)
                raise RuleTimeout

    def _watch(self) -> None:
        with self._cond:
            while True:
                now = monotonic()
                for tid, guard in self._guards.items():
                    if not guard.fired and guard.deadline <= now:
                        guard.fired = True
                        _raise_in(tid, RuleTimeout)
                pending = [g.deadline for g in self._guards.values() if not g.fired]
                self._wake_at = min(pending, default=float("inf"))
                self._cond.wait(None if not pending else max(0.0, self._wake_at - now))


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Schedule *exc* in another thread (None: cancel a scheduled one)."""
    import ctypes  # only the server's lint thread ever needs it; the CLI starts without it

    set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
    set_async_exc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else ctypes.py_object())


_WATCHDOG = _Watchdog()
