"""Hostile arguments to `arith` (issue 14): bounded sizes (a worked grid is at most 256 cells a
side, the formulas' sizes at most 1,024), "overflow" instead of Infinity, huge integers, deep
or huge JSON, @FILE read with a size cap and a UTF-8 check; and generated arguments give a
result or one line within a second or so."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from hostile_support import refused, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HYPOTHESIS = settings(
    max_examples=40,
    deadline=3000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
GRID = "[[1, 2], [3, 4]]"


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["outsize", "--n", "1000000000", "--f", "3"], "N must be at most 1,024"),
        (["outsize", "--n", "1000000000000", "--f", "3"], "N must be at most 1,024"),
        (["outsize", "--n", "1" + "0" * 400, "--f", "3"], "found a ~401-digit integer"),
        (["outsize", "--n", "9" * 5000, "--f", "3"], "invalid int value"),
        (["outsize", "--n", "5", "--f", "3", "--p", str(10**20)], "P must be at most 1,024"),
        (["conv", "--input", GRID, "--kernel", "[[1]]", "--padding", "100000"], "at most 256"),
        (["conv", "--input", GRID, "--kernel", "[[1]]", "--padding", "20000"], "at most 256"),
        (
            ["conv", "--input", GRID, "--kernel", "[[1]]", "--padding", "200"],
            "the output has 161,604 units; the worked steps are written for at most 4,096",
        ),
        (["conv", "--input", "[[1e308, 2], [3, 4]]", "--kernel", "[[10]]", "--json"], "overflow"),
        (["conv", "--input", "[[1e308, 2], [3, 4]]", "--kernel", "[[10]]"], "overflow"),
        (
            [
                "conv",
                "--input",
                "[[1e308, 1e308]]",
                "--kernel",
                "[[1, 1]]",
                "--activation",
                "sigmoid",
                "--json",
            ],
            "overflow: a sum of products",
        ),
        (["pool", "--input", "[[1e308, 1e308]]", "--kind", "avg", "--size", "1,2"], "invalid int"),
        (
            ["pool", "--input", "[[1e308, 1e308], [1e308, 1]]", "--kind", "avg", "--json"],
            "overflow",
        ),
        (["softmax", "--logits", "[1e308, -1e308]", "--json"], "overflow"),
        (["conv", "--input", "[[" + "9" * 400 + "]]", "--kernel", "[[1]]"], "beyond the range"),
        (["conv", "--input", "[[" + "9" * 5000 + "]]", "--kernel", "[[1]]"], "4,300+ digits"),
        (["conv", "--input", "[[NaN]]", "--kernel", "[[1]]"], "NaN or Infinity"),
        (["conv", "--input", "[" * 100_000 + "]" * 100_000, "--kernel", "[[1]]"], "100,000 levels"),
        (["conv", "--input", "[" * 1000 + "1" + "]" * 1000, "--kernel", "[[1]]"], "1,000 levels"),
        (["conv", "--input", "@/dev/zero", "--kernel", "[[1]]"], "is a character device"),
        (["conv", "--input", "@/proc/self/maps", "--kernel", "[[1]]"], "size is not known"),
        (["conv", "--input", "@/nonexistent.json", "--kernel", "[[1]]"], "no such file"),
        (["params", "--input", "32x32x100000", "--filters", "6", "--f", "5"], "at most 4,096"),
        (["params", "--input", "32x32x1", "--filters", "6", "--f", "5000"], "at most 1,024"),
    ],
)
def test_sizes_overflow_and_json_are_one_line(capsys, argv: list[str], fragment: str) -> None:
    assert fragment in refused(capsys, "arith", *argv, seconds=3)


def test_at_file_arguments(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "latin1.json"
    bad.write_bytes(b"[[1, 2], [3, \xe9]]")
    assert "not UTF-8 text (byte 0xe9 at position 13)" in refused(
        capsys, "arith", "pool", "--input", f"@{bad}"
    )
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    started = time.perf_counter()
    assert "named pipe" in refused(capsys, "arith", "pool", "--input", f"@{fifo}")
    assert time.perf_counter() - started < 2  # not opened: opening a pipe blocks
    big = tmp_path / "big.json"
    big.write_text("[" + ", ".join(["1"] * 600_000) + "]")
    assert "at most 1,048,576 bytes" in refused(capsys, "arith", "softmax", "--logits", f"@{big}")
    good = tmp_path / "good.json"
    good.write_text(GRID)
    code, out, _ = run_cli(capsys, "arith", "pool", "--input", f"@{good}", "--json")
    assert code == 0 and json.loads(out)["output"] == [[4.0]]


def test_arrays_over_the_grid_limit(capsys) -> None:
    wide = json.dumps([[0] * 300] * 300)
    assert "holds 90,000 numbers; at most 65,536" in refused(
        capsys, "arith", "pool", "--input", wide
    )
    grid = json.dumps([[1] * 200] * 200)
    line = refused(
        capsys, "arith", "conv", "--input", grid, "--kernel", json.dumps([[1] * 100] * 100)
    )
    assert "10,201 × 100 × 100" not in line and "at most 10,000,000 are worked out" in line


# ---- property: generated arguments ---------------------------------------------------------------
numbers = st.one_of(
    st.integers(-(10**6), 10**6),
    st.integers(-(10**400), 10**400),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e308, -1e308, 5e-324]),
)
arrays = st.recursive(
    numbers, lambda inner: st.lists(inner, min_size=0, max_size=5), max_leaves=30
).map(json.dumps)
texts = st.one_of(arrays, st.text(max_size=30), st.sampled_from(["[", "[[1,2],[3]]", "null", "@"]))
ints = st.one_of(st.integers(-5, 300), st.integers(-(10**30), 10**30)).map(str)


@HYPOTHESIS
@given(
    command=st.sampled_from(["conv", "pool", "softmax", "outsize", "params"]),
    values=st.fixed_dictionaries(
        {},
        optional={
            "--input": texts,
            "--kernel": texts,
            "--bias": texts,
            "--logits": texts,
            "--stride": ints,
            "--padding": ints,
            "--size": ints,
            "--n": ints,
            "--f": ints,
            "--s": ints,
            "--p": ints,
            "--filters": ints,
            "--target": ints,
            "--kind": st.sampled_from(["max", "avg", "median"]),
        },
    ),
    brief=st.booleans(),
    as_json=st.booleans(),
)
def test_generated_arguments(
    capsys, command: str, values: dict, brief: bool, as_json: bool
) -> None:
    argv = ["arith", command]
    for option, value in values.items():
        argv.append(f"{option}={value}")
    if brief:
        argv.append("--brief")
    if as_json:
        argv.append("--json")
    code, out, _ = run_cli(capsys, *argv, seconds=3)
    if code == 0 and as_json:
        json.loads(out)  # valid JSON: no Infinity, no NaN
