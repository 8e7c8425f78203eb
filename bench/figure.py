"""Run ONE figure in this process: `python -m bench.figure NAME [--quick] --json OUT`.

The runner (`python -m bench`) starts one such process per figure, so that no figure inherits
another's torch thread setting, imported modules or memory.
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
import traceback
from pathlib import Path

from bench.common import clean_json, torch_facts_here

FIGURE_MODULES = {
    "forward": "bench.forward",
    "pen": "bench.pen",
    "render": "bench.render",
    "startup": "bench.startup",
    "training": "bench.training",
    "memory": "bench.memory",
    "timeline": "bench.timeline",
    "attribution": "bench.attribution",
    "why": "bench.why",
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.figure")
    parser.add_argument("name", choices=sorted(FIGURE_MODULES))
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", required=True, help="where to write the figure's result")
    args = parser.parse_args()
    start = time.perf_counter()
    try:
        result = importlib.import_module(FIGURE_MODULES[args.name]).run(args.quick)
    except Exception as exc:  # noqa: BLE001 - the runner records the failure and goes on
        traceback.print_exc()
        result = {"error": f"{type(exc).__name__}: {exc}", "targets": []}
    result["wall_s"] = round(time.perf_counter() - start, 2)
    facts = torch_facts_here()
    if facts is not None:
        result["torch_facts"] = facts
    Path(args.json).write_text(
        json.dumps(clean_json(result), indent=1, allow_nan=False), encoding="utf-8"
    )
    return 0 if "error" not in result else 1


if __name__ == "__main__":
    raise SystemExit(main())
