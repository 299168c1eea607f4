"""python -m benchmarks corpus …  |  compare …  |  run [--quick]  (see benchmarks/__init__.py)"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# `python -m benchmarks` in the checkout puts the checkout first on the import path, where nianbao/
# is the source tree without its rules (they are installed as nianbao.rules from rules/): the
# installed package is what is measured. This package is imported already; its own modules follow.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT]

import argparse  # noqa: E402
import importlib  # noqa: E402
import os  # noqa: E402
from types import ModuleType  # noqa: E402

WORK = ROOT / "benchmarks" / ".work"
VENV = WORK / "venv"


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    sub = parser.add_subparsers(dest="command", required=True)
    corpus = sub.add_parser("corpus", help="write generated drafts to a folder")
    corpus.add_argument("--count", type=int, default=1000)
    corpus.add_argument("--out", type=Path, required=True)
    corpus.add_argument("--seed", type=int, default=0)
    corpus.add_argument("--defects", type=float, default=0.2, help="share of drafts with one injected defect")
    compare = sub.add_parser("compare", help="write the corpus a speed-up is held to the same findings on")
    compare.add_argument("--out", type=Path, required=True)
    compare.add_argument("--drafts", type=int, default=1500)
    compare.add_argument("--seed", type=int, default=0)
    bench = sub.add_parser("run", help="measure everything side by side and write RESULTS.md")
    bench.add_argument("--quick", action="store_true", help="smaller samples (1k drafts)")
    bench.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    args = parser.parse_args(args_list)
    if args.command == "corpus":
        if (generator := _needing_nianbao("corpus")) is None:
            return 2
        paths = generator.write(args.out, args.count, args.seed, args.defects)
        print(f"wrote {len(paths)} drafts to {args.out}")
        return 0
    if args.command == "compare":
        if (comparison := _needing_nianbao("compare")) is None:
            return 2
        count = comparison.write(args.out, args.drafts, args.seed)
        print(f"wrote {count} files to {args.out}; run both trees with --no-cache --format json and compare")
        return 0
    if not _inside_venv():
        # Everything is measured in one regular (non-editable) install of this checkout, with
        # autocorrect-py beside it: build it, then run this same command there.
        from .tools import installed_venv

        print(f"installing nianbao into {VENV} (a regular, non-editable install) …", file=sys.stderr)
        python = installed_venv(VENV) / "python"
        out = str(args.out.resolve())
        os.chdir(ROOT)
        os.execv(
            str(python), [str(python), "-m", "benchmarks", "run", "--out", out, *(["--quick"] if args.quick else [])]
        )
    from .run import run

    run(args.quick, args.out, WORK)
    return 0


def _needing_nianbao(name: str) -> ModuleType | None:
    """The module ``benchmarks.<name>``, which writes drafts with nianbao's own generator; None,
    said on stderr, when nianbao is not installed in this interpreter."""
    try:
        return importlib.import_module(f"{__package__}.{name}")
    except ImportError:
        print("nianbao is not installed in this interpreter: pip install . (or -e .) first", file=sys.stderr)
        return None


def _inside_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV.resolve()


if __name__ == "__main__":
    raise SystemExit(main())
