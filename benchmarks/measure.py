"""The measurements behind benchmarks/RESULTS.md.

Wall-clock times on a shared 2-core VM are noisy, so in-process timings are taken in batches and
reported as medians over many samples; command timings are medians over repeated runs.
"""

from __future__ import annotations

import json
import operator
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from nianbao import __version__
from nianbao.engine import Linter, Selection
from nianbao.plugins import build_registry
from nianbao.source import Source

from .corpus import sample
from .floor import floor

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "Python": platform.python_version(),
        "OS": platform.platform(),
        "nianbao": f"{__version__} ({commit.stdout.strip() or 'no git'})",
    }


# --- in process ---------------------------------------------------------------------------------


def _autocorrect() -> Callable[[bytes, str], object] | None:
    """autocorrect's Rust core (`pip install autocorrect-py`) linting a draft, or None."""
    try:
        import autocorrect_py
    except ImportError:
        return None
    return lambda data, name: autocorrect_py.lint_for(data.decode("utf-8"), name)


def lint_by_size(sizes: list[float], samples: int, repeats: int) -> list[dict[str, Any]]:
    """Per draft size, the median and p99 of a full lint (decode + parse + every rule), and beside
    it, on the same drafts in the same rounds, the floor and autocorrect (when installed; None for
    a size where it fails on some draft)."""
    linter = Linter(build_registry(entry_points=False))
    check: Callable[[bytes, str], object] = lambda data, name: linter.check_bytes(data, name, Selection())  # noqa: E731
    others = {"floor": lambda data, name: floor(data), "autocorrect": _autocorrect()}
    contenders = {"nianbao": check, **{k: v for k, v in others.items() if v is not None}}
    rows = []
    for size in sizes:
        timings: dict[str, list[float]] = {name: [] for name in contenders}
        failed: set[str] = set()  # autocorrect gives up on some large Markdown drafts ("call limit reached")
        for i in range(samples):
            s = sample(1000 + i, size_kb=size)
            data = s.text.encode("utf-8")
            for name, run in contenders.items():
                try:
                    run(data, s.name)  # warm up lazy imports and caches
                except ValueError:
                    failed.add(name)
            for _ in range(repeats):
                for name, run in contenders.items():  # interleaved: a slow spell of the machine hits all
                    if name not in failed:
                        started = time.perf_counter()
                        run(data, s.name)
                        timings[name].append(time.perf_counter() - started)
        row: dict[str, Any] = {"size_kb": size, "runs": len(timings["nianbao"])}
        for name, values in timings.items():
            row[f"{name}_ms"] = None if name in failed else statistics.median(values) * 1000
        row["p99_ms"] = percentile(timings["nianbao"], 99) * 1000
        row["per_kb_us"] = row["nianbao_ms"] * 1000 / size
        rows.append(row)
    return rows


def profile(samples: int) -> list[tuple[str, float, float]]:
    """Where the time goes in a ~10 KB draft: parsing versus each rule (ms per draft, share)."""
    timings: dict[str, float] = {}
    linter = Linter(build_registry(entry_points=False), timings)
    texts = [sample(2000 + i, size_kb=10) for i in range(samples)]
    for s in texts:
        linter.check(Source.from_text(s.text), s.name, Selection())
    timings.clear()
    for s in texts:
        linter.check(Source.from_text(s.text), s.name, Selection())
    total = sum(timings.values())
    return [
        (name, seconds * 1000 / samples, seconds / total)
        for name, seconds in sorted(timings.items(), key=lambda kv: -kv[1])
    ]


# --- whole processes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """One finished process: wall and CPU seconds, peak resident memory (its own, in MB)."""

    wall: float
    cpu: float
    rss_mb: float
    returncode: int


def run_process(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run *cmd* (output discarded) and account for that one process (`os.wait4`, not the
    children's running maximum, so each run's peak memory is its own)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode)


def peak_rss_mb(cmd: list[str], cwd: Path | None = None) -> float:
    """The peak resident size of *cmd* alone, in MB, as GNU time (``/usr/bin/time``) reports it.

    Not `run_process`'s figure: Linux keeps in a process's ``ru_maxrss`` the high-water mark of
    the memory it was forked from, before it ran *cmd* — this harness's own size, ~50 MB once it
    holds a corpus — so every command would seem to take at least that much. GNU time is small."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as out:
        subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd], cwd=cwd, stdout=subprocess.DEVNULL, check=False
        )
        return int(out.read().split()[-1]) / 1024


@dataclass(frozen=True)
class Spread:
    """Median and range of repeated runs of one command."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values))

    def ms(self) -> str:
        return f"{self.median * 1000:.1f} ms ({self.low * 1000:.1f}–{self.high * 1000:.1f})"

    def s(self) -> str:
        return f"{self.median:.2f} s ({self.low:.2f}–{self.high:.2f})"


def paired(
    commands: dict[str, list[str]], runs: int, cwd: Path | None = None, warm_up: bool = True
) -> dict[str, list[Run]]:
    """Each command *runs* times, in turn (A B C A B C …), after one warm-up round (unless told
    not to: a long command warms itself up), so that a slow spell of the shared machine falls on
    all of them; ratios are then taken run by run."""
    for cmd in commands.values() if warm_up else ():
        run_process(cmd, cwd)
    out: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            out[name].append(run_process(cmd, cwd))
    return out


def ratio(runs: dict[str, list[Run]], a: str, b: str) -> Spread:
    """A's wall time over B's, pair by pair (the same round)."""
    return Spread.of([x.wall / y.wall for x, y in zip(runs[a], runs[b])])


# --- the language server --------------------------------------------------------------------------


@dataclass
class LspClient:
    """A minimal JSON-RPC client over the server's stdio, recording when each notification arrives."""

    proc: subprocess.Popen[bytes]
    published: dict[int, float] = field(default_factory=dict)
    publish_count: int = 0
    responses: dict[int, Any] = field(default_factory=dict)
    cond: threading.Condition = field(default_factory=threading.Condition)

    @classmethod
    def start(cls) -> LspClient:
        proc = subprocess.Popen(
            [str(BIN / "nianbao"), "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        client = cls(proc)
        threading.Thread(target=client._read, daemon=True).start()
        return client

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while (line := out.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not length:
                return
            message = json.loads(out.read(length))
            now = time.perf_counter()
            with self.cond:
                if message.get("method") == "textDocument/publishDiagnostics":
                    self.published[message["params"].get("version") or 0] = now
                    self.publish_count += 1
                elif "id" in message and "method" not in message:
                    self.responses[message["id"]] = message
                self.cond.notify_all()

    def send(self, message: dict[str, Any]) -> float:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        sent = time.perf_counter()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return sent

    def wait(self, predicate: Callable[[], bool], timeout: float = 60) -> None:
        with self.cond:
            assert self.cond.wait_for(predicate, timeout), "timed out waiting for the server"

    def request(self, id_: int, method: str, params: Any) -> Any:
        self.send({"id": id_, "method": method, "params": params})
        self.wait(lambda: id_ in self.responses)
        return self.responses[id_]

    def stop(self) -> int:
        self.request(99999, "shutdown", None)
        self.send({"method": "exit"})
        return self.proc.wait(timeout=10)

    def peak_rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM"):
                return int(line.split()[1]) / 1024
        return float("nan")


def _initialize(client: LspClient) -> None:
    client.request(1, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    client.send({"method": "initialized", "params": {}})


def lsp_latency(edits: int, burst: int) -> dict[str, Any]:
    """didChange → publishDiagnostics on a 20 KB draft, one edit at a time; then a burst."""
    s = sample(3000, size_kb=20, form="tab", year=2023)
    client = LspClient.start()
    _initialize(client)
    uri = "file:///tmp/nianbao-bench/draft.txt"
    client.send(
        {
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": s.text}},
        }
    )
    client.wait(lambda: 1 in client.published)
    lines = s.text.split("\n")
    line = next(i for i, x in enumerate(lines) if x.startswith("本年度持续推进") or "政务公开" in x and "。" in x)
    latencies = []
    version = 1
    for _ in range(edits):
        version += 1
        sent = _type_or_delete(client, uri, version, line)
        client.wait(partial(operator.contains, client.published, version))
        latencies.append(client.published[version] - sent)
    before = client.publish_count
    first = 0.0
    for _ in range(burst):
        version += 1
        sent = _type_or_delete(client, uri, version, line)
        first = first or sent
    client.wait(lambda: version in client.published)
    burst_seconds = client.published[version] - first
    checks = client.publish_count - before
    client.stop()
    return {
        "size_kb": len(s.text.encode()) / 1024,
        "edits": edits,
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": percentile(latencies, 95) * 1000,
        "max_ms": max(latencies) * 1000,
        "burst": burst,
        "burst_ms": burst_seconds * 1000,
        "burst_publishes": checks,
    }


def _type_or_delete(client: LspClient, uri: str, version: int, line: int) -> float:
    """Type a character at the start of *line* (even versions) or delete it again (odd ones), so the
    draft keeps its size; returns when the edit was sent."""
    insert = version % 2 == 0
    rng = {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0 if insert else 1}}
    return client.send(
        {
            "method": "textDocument/didChange",
            "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": rng, "text": "字" if insert else ""}],
            },
        }
    )


def server_memory(documents: int) -> dict[str, float]:
    client = LspClient.start()
    _initialize(client)
    for i in range(documents):
        s = sample(4000 + i, size_kb=20)
        client.send(
            {
                "method": "textDocument/didOpen",
                "params": {
                    "textDocument": {
                        "uri": f"file:///tmp/nianbao-bench/{i}{Path(s.name).suffix}",
                        "languageId": "markdown" if s.name.endswith(".md") else "plaintext",
                        "version": 1,
                        "text": s.text,
                    }
                },
            }
        )
    client.wait(lambda: client.publish_count >= documents, timeout=120)
    peak = client.peak_rss_mb()
    client.stop()
    return {"documents": documents, "peak_rss_mb": peak}
