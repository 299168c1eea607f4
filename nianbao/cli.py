"""The `nianbao` command: check, report, rules, explain, plugins (see ../shared/spec/cli.md).

Exit status: 0 no finding at or above the failing severity, 1 findings, 2 usage error,
unreadable path or bad configuration. Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import pairwise
from pathlib import Path

from . import __version__
from .argparse_zh import ArgumentParser
from .errors import UsageError, warn, why
from .forms import DRAFT_SUFFIXES
from .walk import walk

TYPE_CHECKING = False  # not typing's, which every run, a cache hit too, would import (see nianbao/__init__.py)

if TYPE_CHECKING:
    from typing import IO

    from .baseline import Baseline
    from .files import Files, OnDisk
    from .plugins import Registry
    from .progress import Progress
    from .resolver import Resolver
    from .results import FileResult
    from .runner import Runner

FORMATS = ("text", "json", "github", "sarif")
DEFAULT_CACHE_DIR = ".nianbao_cache"  # relative to the working directory, like ruff's


CHECK_EPILOG = """\
示例：
  nianbao check 报告.txt                    检查一个文件
  nianbao check 草稿目录/                   检查目录下所有像年度报告的草稿（文本、Markdown、Word、网页、PDF）
  nianbao check --fix 报告.txt              就地应用安全修复，再报告剩下的问题
  nianbao check --diff 报告.txt             只显示修复会改什么，不写文件
  nianbao check --select NB2 --ignore NB203 .
  nianbao check --format sarif . > nianbao.sarif
  cat 草稿.txt | nianbao check - --stdin-filename 草稿.txt

退出码：
  0  没有达到 --fail-on 级别（默认 warning）的问题
  1  发现了问题（--diff：有可修复的内容）
  2  用法错误、路径不存在、配置文件有误（错误信息写在标准错误输出）
"""


def build_parser() -> argparse.ArgumentParser:
    parser = ArgumentParser(
        prog="nianbao",
        description="政府信息公开工作年度报告的检查工具（linter）。",
        epilog="每个命令的说明：nianbao 命令 --help，例如 nianbao check --help",
    )
    parser.add_argument("--version", action="version", version=f"nianbao {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="命令")

    check = sub.add_parser(
        "check",
        help="检查草稿（文件、目录，或 - 表示标准输入）",
        description="检查年度报告草稿，报告问题，并可自动修复。",
        epilog=CHECK_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="文件或目录；- 读取标准输入")
    check.add_argument("--format", choices=FORMATS, default="text", help="输出格式（默认 text）")
    check.add_argument("--fix", action="store_true", help="就地应用可安全自动修复的问题")
    check.add_argument("--unsafe-fixes", action="store_true", help="同时应用建议修复（需要人工复核）")
    check.add_argument("--diff", action="store_true", help="以统一 diff 显示修复内容，不写文件")
    check.add_argument("--stdin-filename", metavar="NAME", help="标准输入在输出中使用的文件名")
    check.add_argument("--fail-on", choices=("error", "warning", "info"), help="达到此严重程度才以 1 退出")
    check.add_argument("--exit-zero", action="store_true", help="有问题也以 0 退出")
    check.add_argument("--no-source", action="store_true", help="文本格式下不显示源代码行")
    check.add_argument(
        "--statistics", action="store_true", help="只列出每条规则发现的问题数（可与 --format json 同用）"
    )
    check.add_argument("--baseline", metavar="FILE", help="只报告基线文件中未记录的新问题")
    check.add_argument("--write-baseline", metavar="FILE", help="把当前全部问题记入基线文件（覆盖），以 0 退出")
    _run_options(check)
    check.add_argument("--profile", action="store_true", help="在标准错误输出中列出解析和每条规则的耗时")
    check.add_argument(
        "--force-exclude",
        action="store_true",
        help="对直接给出的文件也应用 exclude 和“是否像年度报告”的判断（pre-commit 钩子使用）",
    )
    check.add_argument(
        "--previous", metavar="FILE", help="同一机关上一年度的报告，用于跨年度比对（只检查一份报告时可用）"
    )

    report = sub.add_parser(
        "report",
        help="检查一批报告，生成审核报告（HTML 或 Excel）",
        description="检查一批报告，生成一份审核报告：单个离线网页（*.html）或 Excel 工作簿（*.xlsx）。",
        epilog="示例：nianbao report 各单位年报/ -o 审核报告.html",
    )
    report.add_argument("paths", nargs="+", metavar="PATH", help="文件或目录")
    report.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="审核报告文件：*.html（单个离线网页）或 *.xlsx"
    )
    _run_options(report)

    rules = sub.add_parser("rules", help="列出所有规则（内置与插件）", description="列出所有规则（内置与插件）。")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="输出格式（默认 text）")
    rules.add_argument("--config", metavar="FILE", help="按此配置加载插件")

    explain = sub.add_parser(
        "explain",
        help="显示一条规则的详细说明",
        description="显示一条规则的详细说明：检查内容、为什么重要、错误示例和正确示例。",
        epilog="示例：nianbao explain NB202，或 nianbao explain table3-outcome-total",
    )
    explain.add_argument("code", metavar="RULE", help="规则代码或名称")
    explain.add_argument("--config", metavar="FILE", help="按此配置加载插件")

    lsp = sub.add_parser(
        "lsp", help="启动语言服务器（默认使用标准输入输出）", description="启动语言服务器，供编辑器使用。"
    )
    lsp.add_argument("--tcp", metavar="HOST:PORT", help="改为在 TCP 端口上监听（调试用）")

    new = sub.add_parser(
        "new-plugin",
        help="生成一个可直接安装、测试的插件包骨架",
        description="生成一个可直接安装、测试的插件包骨架（见 docs/plugins.md）。",
    )
    new.add_argument("name", metavar="NAME", help="插件名（小写英文，如 jiangsu）")
    new.add_argument("--prefix", help="规则代码前缀（1–3 个大写字母；默认取名字的前两个字母）")
    new.add_argument("--dir", default=".", help="在此目录下生成（默认当前目录）")

    plugins = sub.add_parser(
        "plugins", help="列出已安装的插件及其是否加载成功", description="列出已安装的插件、版本及其是否加载成功。"
    )
    plugins.add_argument("--config", metavar="FILE", help="按此配置加载插件")
    return parser


def _run_options(parser: argparse.ArgumentParser) -> None:
    """Options of every command that checks drafts: which rules, which configuration, how to run."""
    parser.add_argument("--select", metavar="CODES", help="只启用这些规则（逗号分隔的代码或前缀，如 NB2,NB301）")
    parser.add_argument("--ignore", metavar="CODES", help="停用这些规则（逗号分隔的代码或前缀）")
    parser.add_argument("--config", metavar="FILE", help="使用指定的配置文件，不再向上查找")
    parser.add_argument("--jobs", "-j", type=_jobs, metavar="N", help="并行进程数（默认：全部 CPU 核）")
    parser.add_argument("--no-cache", action="store_true", help="不读写结果缓存")
    parser.add_argument(
        "--verbose", "-v", action="store_true", help="列出跳过的每个文件，并说明每份报告与哪份上年报告比对"
    )
    parser.add_argument(
        "--cache-dir", metavar="DIR", help=f"结果缓存目录（默认 {DEFAULT_CACHE_DIR}，或环境变量 NIANBAO_CACHE_DIR）"
    )


def _jobs(text: str) -> int:
    """The value of --jobs: a positive whole number (argparse says so when it is not)."""
    if not (text.strip().isascii() and text.strip().isdigit()) or int(text) < 1:  # not ², not ３
        raise argparse.ArgumentTypeError(f"应为正整数，而不是“{text}”")
    return int(text)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return cmd_check(args)
        if args.command == "report":
            return cmd_report(args)
        if args.command == "rules":
            return cmd_rules(args)
        if args.command == "explain":
            return cmd_explain(args)
        if args.command == "plugins":
            return cmd_plugins(args)
        if args.command == "lsp":
            return cmd_lsp(args)
        if args.command == "new-plugin":
            return cmd_new_plugin(args)
        parser.print_help()
        return 2
    except UsageError as exc:
        for line in str(exc).splitlines():  # one error a line (several files that could not be read)
            print(f"nianbao: 错误：{line}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (nianbao check … | head): stop quietly, without a flush error at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # never a traceback for the user; NIANBAO_DEBUG=1 shows it
        if os.environ.get("NIANBAO_DEBUG"):
            raise
        print(f"nianbao: 内部错误（请报告此问题）：{type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


# --- configuration and registry per file -------------------------------------------------------


def _resolver(explicit_config: str | None) -> Resolver:
    from .resolver import Resolver

    return Resolver(Path(explicit_config) if explicit_config else None, warn)


def _split_codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [c.strip().upper() for c in value.split(",") if c.strip()]


# --- check -----------------------------------------------------------------------------------


def collect_files(paths: Sequence[str], ctx: Resolver, force_exclude: bool = False) -> Files:
    """Files to check, in a deterministic order (None stands for standard input), each flagged
    when a folder walk found it (or, with *force_exclude*, every file on disk): it is checked only
    if it looks like a report. *force_exclude* also drops named files the configuration excludes.
    A file given twice, or named and walked, is checked once, where it first comes. Held compactly
    (`Files`): a walk over thousands of drafts keeps no list of `Path` objects."""
    from .files import Files

    out = Files()
    named = {Path(raw) for raw in paths if raw != "-" and not Path(raw).is_dir()}
    seen: set[str | None] | None = set() if len(paths) > 1 else None  # one path: nothing comes twice

    def add(path: Path | None, sniffed: bool) -> None:
        if seen is not None:
            key = os.path.normcase(path) if path is not None else None  # as paths compare
            if key in seen:
                return
            seen.add(key)
        out.append(path, sniffed)

    for raw in paths:
        if raw == "-":
            add(None, False)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in walk(path, lambda p: ctx.base_config(p).is_excluded(p)):
                add(found, force_exclude or found not in named)
        elif path.is_symlink() or path.exists():  # not a regular file, or a dangling link: the runner says so
            if force_exclude and ctx.base_config(path).is_excluded(path):
                continue
            add(path, force_exclude)
        else:
            raise UsageError(f"路径不存在：{raw}")
    return out


def _runner(args: argparse.Namespace, **options: object) -> Runner:
    """The runner for the options common to every command that checks drafts (see `_run_options`)."""
    from .runner import Options, Runner

    cache_dir = None if args.no_cache else (args.cache_dir or os.environ.get("NIANBAO_CACHE_DIR") or DEFAULT_CACHE_DIR)
    return Runner(
        Options(
            select=_split_codes(args.select),
            ignore=_split_codes(args.ignore),
            config=args.config,
            cache_dir=cache_dir,
            **options,  # type: ignore[arg-type]
        )
    )


def _run_files(
    runner: Runner, files: OnDisk, jobs: int | None, progress: Progress | None = None
) -> Iterator[FileResult]:
    """The outcomes of the files on disk, in order, as they are checked, with a progress bar on a
    terminal when it takes a while (*progress*, or one of its own); those flagged (found by a
    walk) only if they look like a report."""
    from .progress import Progress
    from .runner import run_many

    with progress or Progress(len(files)) as bar:
        yield from run_many(runner, files, jobs or os.cpu_count() or 1, files.sniffed, bar.advance)


def _in_order(files: Files, stdin: FileResult | None, disk: Iterator[FileResult]) -> Iterator[FileResult]:
    """The outcome of each of *files*: standard input's (None) is *stdin*, the others come from *disk*."""
    for file in files:
        if file is None:
            assert stdin is not None
            yield stdin
        else:
            yield next(disk)


def cmd_check(args: argparse.Namespace) -> int:
    from .progress import Progress
    from .ruledef import SEVERITY_RANK

    if not args.paths:
        raise UsageError("请给出要检查的文件或目录（- 表示标准输入），例如：nianbao check 报告.txt")
    if args.fix and args.diff:
        raise UsageError("--fix 与 --diff 不能同时使用")
    previous = Path(args.previous) if args.previous else None
    if previous is not None and not previous.is_file():
        raise UsageError(f"--previous 指定的“{args.previous}”不存在")
    if args.statistics and args.format not in ("text", "json"):
        raise UsageError("--statistics 只能与 --format text 或 json 同用")
    if args.baseline and args.write_baseline:
        raise UsageError("--baseline 与 --write-baseline 不能同时使用")
    if args.diff and (args.statistics or args.baseline or args.write_baseline):
        raise UsageError("--diff 只显示修复内容，不能与 --statistics、--baseline 或 --write-baseline 同用")
    runner = _runner(
        args,
        fix=args.fix,
        diff=args.diff,
        unsafe_fixes=args.unsafe_fixes,
        stdin_filename=args.stdin_filename,
        profile=args.profile,
    )
    files = collect_files(args.paths, runner.resolver, args.force_exclude)
    if files.stdin_count > 1:
        raise UsageError("标准输入（-）只能出现一次")
    if previous is not None and len(files) != 1:
        raise UsageError(
            "--previous 只能在检查一份报告时使用；多份报告请在 nianbao.toml 的 [[overrides]] 中用 previous 指定"
        )
    baseline = _load_baseline(Path(args.baseline)) if args.baseline else None
    on_disk = files.on_disk()
    stdin_data = sys.stdin.buffer.read() if None in files else None
    stdin = runner.run(None, stdin_data) if stdin_data is not None else None
    if stdin is not None and stdin.error:  # its bytes are read: what failed is its configuration
        raise UsageError(stdin.error)
    stream = sys.stderr if (args.fix and None in files) else sys.stdout
    tally = _Tally(args.fail_on)
    with Progress(len(on_disk), output=stream) as progress:
        # Streamed: each file is rendered as soon as it and those before it are checked, and
        # dropped; only what the exit status and the closing notes need is kept (`_Tally`).
        outcomes = _in_order(files, stdin, _run_files(runner, on_disk, args.jobs, progress))
        checked = tally.take(_across_years(runner, files, outcomes, args, previous, stdin_data))
        if args.diff:
            changed = False
            for result in checked:
                if result.diff:
                    progress.output.write(result.diff)
                    changed = True
            return tally.close(args, len(files)) or (1 if changed and not args.exit_zero else 0)
        if args.write_baseline:
            _write_baseline(Path(args.write_baseline), list(checked))
            return tally.close(args, len(files)) or 0
        if baseline is not None:
            checked = iter(_apply_baseline(baseline, list(checked)))
        reported = tally.severities(checked)
        if args.statistics:
            from .output import statistics

            statistics.render(reported, progress.output, args.format)
        else:
            from .output import shown

            names = (shown(str(f) if f is not None else runner.options.stdin_filename or "-") for f in files)
            by_path = all(one <= other for one, other in pairwise(names))  # not a list: see `_across_years`
            _emit(args.format, reported, runner.resolver, progress.output, args, by_path)
    status = tally.close(args, len(files))
    if status or args.exit_zero:
        return status
    return 1 if tally.worst >= SEVERITY_RANK[tally.fail_on or "warning"] else 0


class _Tally:
    """What a streamed check keeps of the results it has rendered: files that could not be read or
    written (exit status 2), the fail-on level, the worst severity reported, the profile's
    timings and the files skipped as not reports."""

    def __init__(self, fail_on: str | None) -> None:
        self.fail_on = fail_on
        self.errors = 0
        self.worst = -1
        self.timings: dict[str, float] = {}
        self.skipped: list[str] = []

    def take(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """*results* as they come, their errors, output and notes said at once; skipped files left out."""
        for result in results:
            if result.error:
                self.errors += 1
                print(f"nianbao: 错误：{result.error}", file=sys.stderr)
            if result.output is not None:
                sys.stdout.buffer.write(result.output)
            for note in result.notes:
                warn(note)
            self.fail_on = self.fail_on or result.fail_on
            for name, seconds in result.timings.items():
                self.timings[name] = self.timings.get(name, 0.0) + seconds
            if result.skipped:
                self.skipped.append(result.path)
            else:
                yield result

    def severities(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """*results*, noting the worst severity of the findings reported (for the exit status)."""
        from .ruledef import SEVERITY_RANK

        for result in results:
            for f in result.findings:
                self.worst = max(self.worst, SEVERITY_RANK.get(f.severity, 2))
            yield result

    def close(self, args: argparse.Namespace, files: int) -> int:
        """Say what is said after the findings; 2 when a file could not be read or written, else 0."""
        if self.skipped:
            _report_skipped(self.skipped, args.verbose)
        if args.profile:
            _print_profile(self.timings, files)
        return 2 if self.errors else 0


def _across_years(
    runner: Runner,
    files: Collection[Path | None],
    outcomes: Iterable[FileResult],
    args: argparse.Namespace,
    previous: Path | None = None,
    stdin: bytes | None = None,
) -> Iterator[FileResult]:
    """The outcomes with the findings of comparing each report with the same agency's report for the
    year before (`runner.pair_run`), in order; with --verbose, what each was compared with, on stderr.

    Whether another file of the run is a report's predecessor is known only once that file is
    checked, so the outcomes are held until the last one is in — on disk (`spill.Held`: a temporary
    database, the digests' tables and sentences in a temporary folder), so that a run's memory does
    not grow with its files; a text draft's outcome comes without its text (`Runner.bare`), read
    again when its findings are rendered."""
    from .runner import pair_run
    from .spill import Held

    with Held(many=len(files) > 1) as held:
        failed = True  # until a file is checked, or fails for a reason of its own
        errors: dict[str, None] = {}
        for file, result in zip(files, outcomes):
            if result.error and not result.findings:
                errors[result.error] = None
            else:
                failed = False
            held.add(str(file.absolute()) if file is not None else "", result)
        if failed and errors:  # nothing could be checked: no report, as for a missing path
            raise UsageError("\n".join(errors))
        checked, pairings, notes = pair_run(
            runner,
            files,
            held,
            args.jobs or os.cpu_count() or 1,
            walk,
            previous,
            stdin,
            {Path(p).absolute() for p in args.paths if p != "-" and Path(p).is_dir()},
        )
        if args.verbose:
            for line in (*notes, *(pairing.describe() for pairing in pairings)):
                print(f"nianbao: {line}", file=sys.stderr)
        for file, result in zip(files, checked):
            if file is not None and result.findings and result.source is None and result.document is None:
                try:
                    result = result.placed(file.read_bytes())  # held slimmed: its text again, to place its findings
                except OSError as exc:  # moved or deleted while the rest of the run was checked
                    from .output import shown

                    result = result.replace(findings=(), error=f"无法再次读取 {shown(str(file))}：{why(exc)}")
            yield result


def _report_skipped(paths: list[str], verbose: bool) -> None:
    """Say which walked files were left out as not a report: the first few, or all with --verbose."""
    shown = paths if verbose or len(paths) <= 3 else paths[:3]
    more = "" if len(shown) == len(paths) else " 等（--verbose 列出全部）"
    if verbose and len(paths) > 1:
        print(f"nianbao: 跳过 {len(paths)} 个不像年度报告的文件：", file=sys.stderr)
        for path in paths:
            print(f"  {path}", file=sys.stderr)
    else:
        print(f"nianbao: 跳过 {len(paths)} 个不像年度报告的文件：{'、'.join(shown)}{more}", file=sys.stderr)


def _write_baseline(path: Path, results: list[FileResult]) -> None:
    from .baseline import Baseline

    baseline = Baseline.of(path, results)
    baseline.write()
    print(f"已把 {baseline.total} 个问题记入基线 {path}。", file=sys.stderr)


def _load_baseline(path: Path) -> Baseline:
    """The baseline at *path*, read before any draft is checked (UsageError when it cannot be)."""
    from .baseline import Baseline

    return Baseline.load(path)


def _apply_baseline(baseline: Baseline, results: list[FileResult]) -> list[FileResult]:
    """*results* without the findings recorded in *baseline*; says on stderr how many."""
    path = baseline.path
    kept, matched, gone = baseline.filter(results)
    note = f"基线 {path} 中已记录的 {matched} 个问题未列出。"
    if gone:
        note += f"另有 {gone} 个已记录的问题不再出现，可用 --write-baseline {path} 更新基线。"
    print(note, file=sys.stderr)
    return kept


def cmd_report(args: argparse.Namespace) -> int:
    from .audit import check_output, write

    output = Path(args.output)
    check_output(output)
    runner = _runner(args)
    files = collect_files(args.paths, runner.resolver)
    if None in files:
        raise UsageError("审核报告不能读取标准输入（-），请给出文件或目录")
    on_disk = files.on_disk()
    if not on_disk:
        kinds = "、".join(f"*{suffix}" for suffix in DRAFT_SUFFIXES)
        raise UsageError(f"在 {'、'.join(args.paths)} 中没有找到草稿（{kinds}）")
    results = []
    skipped = []
    checked = _across_years(runner, on_disk, _run_files(runner, on_disk, args.jobs), args)
    for result in checked:
        if result.error:  # a file that could not be read is said, and left out; exit status 2 at the end
            print(f"nianbao: 错误：{result.error}", file=sys.stderr)
        elif result.skipped:
            skipped.append(result.path)
        else:
            results.append(result)
    if skipped:
        _report_skipped(skipped, args.verbose)
    audit = write(results, runner.resolver.registry(None), args.paths, output)
    o = audit.overview()
    sys.stdout.write(
        f"已生成审核报告 {output}：共 {o['reports']} 份报告，有错误 {o['error']} 份，仅有警告 {o['warning']} 份，"
        f"通过 {o['clean']} 份。\n"
    )
    return 2 if len(results) + len(skipped) < len(on_disk) else 0


def _print_profile(timings: dict[str, float], files: int) -> None:
    """Where the time went, like textlint's TIMING=1: parsing and each rule, slowest first."""
    total = sum(timings.values()) or 1.0
    print(f"耗时分布（{files} 个文件，共 {total * 1000:.1f} ms）：", file=sys.stderr)
    for name, seconds in sorted(timings.items(), key=lambda item: -item[1]):
        label = "解析" if name == "parse" else name
        print(f"  {label:8} {seconds * 1000:9.2f} ms  {seconds / total:6.1%}", file=sys.stderr)


def _emit(
    fmt: str, results: Iterable[FileResult], ctx: Resolver, stream: IO[str], args: argparse.Namespace, by_path: bool
) -> None:
    """Render *results* as they come; *by_path*: they come in the order of their paths (JSON is
    sorted by path, and is then written file by file too)."""
    if fmt == "json":
        from .output import jsonfmt

        jsonfmt.render(results, stream, by_path)
    elif fmt == "github":
        from .output import github

        github.render(results, stream)
    elif fmt == "sarif":
        from .output import sarif

        sarif.render(results, ctx.registry(None), stream)
    else:
        from .output import text

        text.render(results, stream, text.use_colour(stream), show_source=not args.no_source)


# --- rules / explain / plugins ---------------------------------------------------------------------


def cmd_rules(args: argparse.Namespace) -> int:
    from .ruledef import SEVERITY_LABEL
    from .textutil import display_width

    registry = _resolver(args.config).registry(None)
    rules = list(registry.rules.values())
    if args.format == "json":
        import json

        json.dump(
            [
                {
                    "code": r.code,
                    "name": r.name,
                    "severity": r.severity,
                    "fixable": r.fixable.value,
                    "origin": r.origin,
                    "summary": r.summary,
                }
                for r in rules
            ],
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return 0
    if args.format == "markdown":
        sys.stdout.write(rules_markdown(registry))
        return 0
    header = ("代码", "名称", "级别", "修复", "来源", "说明")
    rows = [header] + [
        (r.code, r.name, SEVERITY_LABEL[r.severity], r.fixable.label, r.origin, r.summary) for r in rules
    ]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(header) - 1)]
    for row in rows:
        cells = [cell + " " * (w - display_width(cell)) for cell, w in zip(row, widths)]
        sys.stdout.write("  ".join(cells + [row[-1]]) + "\n")
    return 0


def rules_markdown(registry: Registry) -> str:
    from .ruledef import SEVERITY_LABEL

    lines = ["| 代码 | 名称 | 级别 | 修复 | 说明 |", "|---|---|---|---|---|"]
    for r in registry.rules.values():
        fix = r.fixable.label
        lines.append(f"| {r.code} | `{r.name}` | {SEVERITY_LABEL[r.severity]} | {fix} | {r.summary} |")
    return "\n".join(lines) + "\n"


def cmd_explain(args: argparse.Namespace) -> int:
    from .ruledef import SEVERITY_LABEL, Fixable

    registry = _resolver(args.config).registry(None)
    query = args.code.strip()
    rule = registry.rules.get(query.upper()) or next((r for r in registry.rules.values() if r.name == query), None)
    if rule is None:
        from .selectors import hint

        names = [r.name for r in registry.rules.values()]
        raise UsageError(
            f"没有代码或名称为 {args.code} 的规则{hint(query, list(registry.rules), names, prefixes=False)}"
        )
    fix = rule.fixable.label if rule.fixable is not Fixable.NEVER else "无自动修复"
    sys.stdout.write(f"{rule.code} {rule.name}（{SEVERITY_LABEL[rule.severity]}，{fix}，来自 {rule.origin}）\n")
    sys.stdout.write(f"{rule.summary}\n\n{rule.doc}\n")
    return 0


def cmd_lsp(args: argparse.Namespace) -> int:
    if args.tcp and not args.tcp.rpartition(":")[2].isdigit():
        raise UsageError(f"--tcp 应为 HOST:PORT，例如 127.0.0.1:2087，而不是 {args.tcp}")
    from ._safepath import drop_working_directory

    # The server runs in a workspace that may not be trusted; `python -m` already dropped the working
    # directory, the console script too in case PYTHONPATH holds an empty entry.
    drop_working_directory(sys.path)
    from .server.app import serve  # the only place pygls/lsprotocol are imported

    serve(args.tcp)
    return 0


def cmd_new_plugin(args: argparse.Namespace) -> int:
    from .scaffold import new_plugin

    target = new_plugin(args.name, args.prefix, Path(args.dir))
    sys.stdout.write(f"已生成 {target}。下一步：pip install -e '{target}[test]' && pytest {target}\n")
    return 0


def cmd_plugins(args: argparse.Namespace) -> int:
    registry = _resolver(args.config).registry(None)
    for info in registry.plugins:
        state = f"已加载，{len(info.rules)} 条规则" if info.loaded else f"未加载：{info.error}"
        version = f" {info.version}" if info.version else ""
        sys.stdout.write(f"{info.prefix or '?':4} {info.name}{version}（{info.source}）— {state}\n")
    return 0
