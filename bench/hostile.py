"""Issue 14's hostile inputs, timed: each case runs the real command line in a fresh process,
in this checkout and (with --baseline DIR) in another checkout of an older commit, one after the
other in the same run; wall time, peak memory (max RSS, from /usr/bin/time), exit status and the
last line on stderr.

    python -m bench.hostile                      # this checkout only
    git worktree add /tmp/old f8b7fe1            # the code before the hardening
    python -m bench.hostile --baseline /tmp/old --out bench/results/hostile.json

Every case is capped at --timeout seconds (default 60) and 6 GiB of address space, so that the
baseline's hangs and decompression bombs end: those count as "killed" or "timeout", with the
time they ran. Not a pass/fail test: the refusals themselves are tests/test_cli_hostile_*.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDRESS_SPACE = 6 * 1024**3


def make_cases(work: Path) -> dict[str, list[str]]:
    """name → command-line arguments (the files are written into `work`)."""
    import numpy as np
    import torch
    from PIL import Image

    cases: dict[str, list[str]] = {}
    # A PyTorch-tutorial-like state_dict of 2,000 linear layers (the issue: 66 s in the CLI).
    state = {"conv1.weight": torch.zeros(6, 1, 5, 5), "conv1.bias": torch.zeros(6)}
    state |= {"conv2.weight": torch.zeros(16, 6, 5, 5), "conv2.bias": torch.zeros(16)}
    state |= {"fc1.weight": torch.zeros(10, 400), "fc1.bias": torch.zeros(10)}
    for i in range(2, 2001):
        state |= {f"fc{i}.weight": torch.zeros(10, 10), f"fc{i}.bias": torch.zeros(10)}
    torch.save(state, work / "layers.pt")
    cases["2,000-layer state_dict (info)"] = ["info", str(work / "layers.pt")]
    # A zip bomb: a real checkpoint plus a member of 2 GiB of zeros (about 2 MB deflated).
    bomb = work / "bomb.pt"
    bomb.write_bytes((REPO / "models" / "untrained.pt").read_bytes())
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        prefix = archive.namelist()[0].split("/")[0]
        with archive.open(f"{prefix}/data/bomb", "w", force_zip64=True) as member:
            zeros = bytes(1 << 24)
            for _ in range(128):
                member.write(zeros)
    cases["zip bomb, 2 GiB unpacked (info)"] = ["info", str(bomb)]
    # A config that asks for a 2000×2000 input (the issue: 6.4 GB, accepted).
    payload = torch.load(REPO / "models" / "untrained.pt", weights_only=True)
    payload["config"]["input_size"] = 2000
    torch.save(payload, work / "big-input.pt")
    cases["config input 2000×2000 (info)"] = ["info", str(work / "big-input.pt")]
    # A decompression bomb: a 6000×6000 RGBA PNG of one colour (about 100 KB).
    Image.new("RGBA", (6000, 6000), (255, 255, 255, 255)).save(work / "bomb.png")
    cases["6000×6000 RGBA PNG (predict)"] = ["predict", str(work / "bomb.png")]
    # A gzip bomb in an IDX folder: 2 GiB of zeros behind a header of 60,000 images.
    idx = work / "idx"
    idx.mkdir()
    stream = zlib.compressobj(6, zlib.DEFLATED, 31)
    with open(idx / "t10k-images-idx3-ubyte.gz", "wb") as handle:
        handle.write(stream.compress(b"\0\0\x08\x03" + struct.pack(">III", 60000, 28, 28)))
        zeros = bytes(1 << 24)
        for _ in range(128):
            handle.write(stream.compress(zeros))
        handle.write(stream.flush())
    labels = b"\0\0\x08\x01" + struct.pack(">I", 60000) + bytes(60000)
    (idx / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(labels))
    cases["gzip bomb, 2 GiB (eval idx:)"] = [
        "eval", str(REPO / "models" / "untrained.pt"), "--dataset", f"idx:{idx}",
    ]  # fmt: skip
    cases["arith outsize --n 1e9"] = ["arith", "outsize", "--n", "1000000000", "--f", "3"]
    cases["arith conv --padding 1000 (text)"] = [
        "arith", "conv", "--input", "[[1, 2], [3, 4]]", "--kernel", "[[1]]", "--padding", "1000",
    ]  # fmt: skip
    np.save(work / "huge.npy", np.full((32, 32), 1e30, np.float32))
    cases[".npy of 1e30 (predict --json)"] = ["predict", str(work / "huge.npy"), "--json"]
    return cases


def run_case(tree: Path, argv: list[str], timeout: float) -> dict:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    env = {**os.environ, "PYTHONPATH": str(tree), "XDG_STATE_HOME": tempfile.mkdtemp()}
    started = time.perf_counter()
    peak: int | None = None
    try:
        done = subprocess.run(
            ["/usr/bin/time", "-f", "MAXRSS_KB %M", sys.executable, "-m", "explainer.cli", *argv],
            capture_output=True, text=True, env=env, cwd=tree, timeout=timeout,
            preexec_fn=limit,
        )  # fmt: skip
        status: int | str = done.returncode
        err = done.stderr.strip().splitlines()
        if err and err[-1].startswith("MAXRSS_KB "):
            peak = int(err.pop().split()[1])
        if err and err[-1].startswith("Command "):  # time's note on a signal or exit status
            err.pop()
        last = err[-1][:160] if err else ""
        lines = len(err)
    except subprocess.TimeoutExpired:
        status, last, lines = "timeout", "", 0
    return {
        "seconds": round(time.perf_counter() - started, 2),
        "peak_rss_mb": None if peak is None else round(peak / 1024),
        "exit": status,
        "stderr_lines": lines,
        "last_line": last,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    args = parser.parse_args()
    trees = {"this": REPO}
    if args.baseline:
        trees["baseline"] = args.baseline.resolve()
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        cases = make_cases(Path(folder))
        for name, argv in cases.items():
            results[name] = {}
            for label in sorted(trees):
                results[name][label] = run_case(trees[label], argv, args.timeout)
    print("| case | " + " | ".join(f"{t}: s, MB, exit" for t in sorted(trees)) + " |")
    print("|---|" + "---|" * len(trees))
    for name, row in results.items():
        cells = [
            f"{row[t]['seconds']} s, {row[t]['peak_rss_mb']} MB, {row[t]['exit']}"
            for t in sorted(trees)
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")
    if args.out:
        args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
