"""`python -m bench [--quick] [--only forward,pen,...] [--out FILE]`: the benchmark suite.

Each figure runs in its own process (bench.figure), one after another; the results, with
machine facts, load averages and every target's pass/fail, are written as JSON and printed as
a markdown table. A full run writes bench/results/<YYYY-MM-DD>-<machine>.json; --quick writes
bench/results/tmp/quick-<YYYY-MM-DD>-<machine>.json (git-ignored) with the same keys.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.common import (
    QUICK_RESULTS_DIR,
    REPO_ROOT,
    RESULTS_DIR,
    clean_json,
    load_average,
    machine_info,
    torch_facts,
    utc_now,
)
from bench.figure import FIGURE_MODULES
from bench.report import markdown_table

FIGURE_ORDER = (
    "forward",
    "render",
    "pen",
    "startup",
    "training",
    "timeline",
    "memory",
    "attribution",
    "why",
)
FIGURE_TIMEOUT_S = {"memory": 1200}
DEFAULT_TIMEOUT_S = 900
SCHEMA = 1


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--quick", action="store_true", help="short runs (under a minute in all), same JSON keys"
    )
    parser.add_argument(
        "--only", default="", help=f"comma-separated figures to run, of: {', '.join(FIGURE_ORDER)}"
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="JSON file to write (default: bench/results/<date>-<machine>.json; with --quick "
        "bench/results/tmp/quick-<date>-<machine>.json)",
    )
    args = parser.parse_args(argv)
    wanted = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(wanted) - set(FIGURE_MODULES))
    if unknown:
        parser.error(f"unknown figure(s) {unknown}; choose from {', '.join(FIGURE_ORDER)}")
    args.figures = [name for name in FIGURE_ORDER if not wanted or name in wanted]
    return args


def run_figure(name: str, quick: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as folder:
        out = Path(folder) / "result.json"
        command = [sys.executable, "-m", "bench.figure", name, "--json", str(out)]
        if quick:
            command.append("--quick")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), env.get("PYTHONPATH")]))
        load_before = load_average()
        try:
            done = subprocess.run(
                command,
                cwd=REPO_ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=FIGURE_TIMEOUT_S.get(name, DEFAULT_TIMEOUT_S),
            )
        except subprocess.TimeoutExpired:
            return {"error": "timed out", "targets": [], "load_avg_before": load_before}
        if out.exists():
            result = json.loads(out.read_text(encoding="utf-8"))
        else:
            result = {
                "error": f"exit {done.returncode}: {done.stderr.strip()[-800:]}",
                "targets": [],
            }
        if "error" in result and done.stderr.strip():
            result["stderr_tail"] = done.stderr.strip()[-800:]
        result["load_avg_before"] = load_before
        return result


def git_commit() -> str | None:
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def collect_targets(figures: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"figure": name, **item} for name, fig in figures.items() for item in fig.get("targets", [])
    ]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = utc_now()
    clock = time.perf_counter()
    load_start = load_average()
    figures: dict[str, dict[str, Any]] = {}
    for name in args.figures:
        print(f"bench: {name}{' (quick)' if args.quick else ''} …", file=sys.stderr, flush=True)
        figures[name] = run_figure(name, args.quick)
        status = figures[name].get("error") or f"{figures[name].get('wall_s', 0):.1f} s"
        print(f"bench: {name}: {status}", file=sys.stderr, flush=True)
    targets = collect_targets(figures)
    reported = [fig.pop("torch_facts") for fig in figures.values() if "torch_facts" in fig]
    machine = machine_info(reported[0] if reported else torch_facts())
    training_threads = figures.get("training", {}).get("cpu", {}).get("default_threads", {})
    machine["torch_default_threads"] = (
        training_threads.get("threads") or machine["torch_default_threads"]
    )
    result: dict[str, Any] = {
        "schema": SCHEMA,
        "date": started.strftime("%Y-%m-%d"),
        "started_utc": started.isoformat(timespec="seconds"),
        "finished_utc": utc_now().isoformat(timespec="seconds"),
        "wall_s": round(time.perf_counter() - clock, 1),
        "quick": args.quick,
        "command": "python -m bench" + (" --quick" if args.quick else ""),
        "git_commit": git_commit(),
        "bench_version": _bench_version(),
        "machine": machine,
        "load_avg_start": load_start,
        "load_avg_end": load_average(),
        "figures": figures,
        "targets": targets,
        "summary": {
            "passed": sum(t["passed"] is True for t in targets),
            "missed": sum(t["passed"] is False for t in targets),
            "not_measured": sum(t["passed"] is None for t in targets),
            "errors": sorted(name for name, fig in figures.items() if "error" in fig),
        },
    }
    out = args.out
    if out is None:
        folder = QUICK_RESULTS_DIR if args.quick else RESULTS_DIR
        prefix = "quick-" if args.quick else ""
        out = folder / f"{prefix}{result['date']}-{machine['machine']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(clean_json(result), indent=1, allow_nan=False) + "\n", encoding="utf-8"
    )
    print(markdown_table(result))
    print(f"\nwritten: {out.relative_to(REPO_ROOT) if out.is_relative_to(REPO_ROOT) else out}")
    return 1 if result["summary"]["errors"] else 0


def _bench_version() -> str:
    try:
        return metadata.version("cnn-explainer")
    except metadata.PackageNotFoundError:
        return "unknown"


if __name__ == "__main__":
    raise SystemExit(main())
