"""The progress bar: on standard error, only on a terminal, only after a while, never in the output."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from nianbao import progress
from nianbao.cli import main
from nianbao.progress import Progress
from nianbao.testing.drafts import clean


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def terminal_type(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm")


def test_the_bar_appears_once_the_run_has_taken_the_delay() -> None:
    now = [0.0]
    stream = Terminal()
    with Progress(10, stream=stream, delay=1.0, clock=lambda: now[0]) as bar:
        bar.advance()
        bar.advance()
        assert stream.getvalue() == ""  # a quick start shows nothing
        now[0] = 1.5
        bar.advance()
        assert "检查" in stream.getvalue() and "3/10" in stream.getvalue()
        for _ in range(7):
            bar.advance()
    assert bar.done == 10


def test_nothing_when_not_a_terminal_or_a_dumb_one(monkeypatch: pytest.MonkeyPatch) -> None:
    for stream in (io.StringIO(), Terminal()):
        if isinstance(stream, Terminal):
            monkeypatch.setenv("TERM", "dumb")
        with Progress(5, stream=stream, delay=0.0) as bar:
            for _ in range(5):
                bar.advance()
        assert stream.getvalue() == ""


def test_the_cli_shows_progress_on_stderr_and_keeps_stdout_clean(
    tmp_cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for i in range(6):
        (tmp_cwd / f"r{i}.txt").write_text(clean().replace("1.属于国家秘密", "1.属于国家机密"), encoding="utf-8")
    assert main(["check", "--format", "json", "--no-cache", "-j", "1", "."]) == 1
    piped = capsys.readouterr().out
    monkeypatch.setattr(progress, "DELAY", 0.0)
    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert main(["check", "--format", "json", "--no-cache", "-j", "1", "."]) == 1
    assert capsys.readouterr().out == piped  # the bar never reaches the findings' stream
    assert len(json.loads(piped)) == 6
    assert "检查" in term.getvalue() and "/6" in term.getvalue()


def test_findings_written_while_the_bar_shows_clear_it_first() -> None:
    # Findings stream out as files finish, while the bar is on the terminal: each write clears it
    # first, so a finding never lands in the middle of the bar.
    terminal, findings = Terminal(), io.StringIO()
    with Progress(5, stream=terminal, delay=0.0, output=findings) as bar:
        bar.advance()
        drawn = terminal.getvalue()
        assert "1/5" in drawn
        bar.output.write("r1.txt:3:1: NB503 …\n")
        assert terminal.getvalue()[len(drawn) :].strip(" \r") == ""  # cleared, nothing else written
        assert findings.getvalue() == "r1.txt:3:1: NB503 …\n"
        cleared = terminal.getvalue()
        bar.output.write("more\n")
        assert terminal.getvalue() == cleared  # cleared once until the bar is drawn again
