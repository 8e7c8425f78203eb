"""Hostile `eval` runs (issue 14): IDX folders whose headers, gzip trailers and files disagree
are refused before the data is read (a gzip bomb too); special files in the folder are named;
generated argument sets give a result or one line."""

from __future__ import annotations

import gzip
import os
import struct
import time
import zlib
from pathlib import Path

import pytest
from hostile_support import MODELS, SMALL_CHECKPOINT, refused, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.core import datasets


def idx(n: int, *dims: int) -> bytes:
    return b"\x00\x00\x08" + bytes([1 + len(dims)]) + struct.pack(f">{1 + len(dims)}I", n, *dims)


def labels_file(folder: Path, n: int) -> None:
    (folder / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(idx(n) + bytes(n)))


def test_a_gzip_bomb_is_refused_from_its_trailer_before_inflating(tmp_path: Path, capsys) -> None:
    """64 MB of zeros behind a header of 10 images: refused without inflating (the issue's
    2 GB bomb ran 17 s to 800 MB and ended in a traceback)."""
    stream = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip format
    body = stream.compress(idx(10, 28, 28))
    zeros = bytes(1 << 22)
    body += b"".join(stream.compress(zeros) for _ in range(16)) + stream.flush()
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(body)
    labels_file(tmp_path, 10)
    started = time.perf_counter()
    line = refused(capsys, "eval", SMALL_CHECKPOINT, "--dataset", f"idx:{tmp_path}")
    assert "declares 7,840 bytes of data, the gzip file unpacks to 67,108,864" in line
    assert time.perf_counter() - started < 5


def test_a_gzip_trailer_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "t10k-images-idx3-ubyte.gz"
    data = gzip.compress(idx(10, 28, 28) + bytes(7840))
    path.write_bytes(data[:-4] + struct.pack("<I", 2**31))  # a trailer claiming 2 GiB
    with pytest.raises(datasets.DatasetError, match="unpacks to 2,147,483,648 bytes; at most"):
        datasets.read_idx(path, ndim=3)


def test_special_files_in_an_idx_folder(tmp_path: Path, capsys) -> None:
    os.mkfifo(tmp_path / "t10k-images-idx3-ubyte")
    labels_file(tmp_path, 10)
    started = time.perf_counter()
    line = refused(capsys, "eval", SMALL_CHECKPOINT, "--dataset", f"idx:{tmp_path}")
    assert "is a named pipe (FIFO), not a regular file; expected an IDX file" in line
    assert time.perf_counter() - started < 5
    for name in ("idx:", "idx:\0x", "idx:" + "a" * 5000):
        assert "error:" in refused(capsys, "eval", SMALL_CHECKPOINT, "--dataset", name)


def test_an_idx_folder_without_images(tmp_path: Path, capsys) -> None:
    """0 images gave accuracy NaN, and NaN in --json (not JSON), with exit 0."""
    (tmp_path / "t10k-images-idx3-ubyte").write_bytes(idx(0, 28, 28))
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(idx(0))
    line = refused(capsys, "eval", SMALL_CHECKPOINT, "--dataset", f"idx:{tmp_path}", "--json")
    assert "holds no images (its header declares 0)" in line


# ---- property: generated argument sets -----------------------------------------------------------
@settings(
    max_examples=20,
    deadline=8000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    checkpoint=st.sampled_from(
        [
            str(SMALL_CHECKPOINT),
            str(MODELS / "classic.pt"),
            "",
            "/dev/zero",
            "missing.pt",
            "/proc/self/maps",
        ]
    ),
    dataset=st.one_of(
        st.none(),
        st.sampled_from(["mnist", "fashion", "idx:", "idx:/proc", "idx:/dev", "idx:/tmp/none"]),
        st.text(max_size=12),
    ),
    split=st.one_of(st.none(), st.sampled_from(["train", "heldout", "test"]), st.text(max_size=8)),
    snapshot=st.one_of(st.none(), st.integers(-(10**20), 10**20)),
    as_json=st.booleans(),
)
def test_generated_argument_sets(capsys, checkpoint, dataset, split, snapshot, as_json) -> None:
    argv = ["eval", checkpoint]
    if dataset is not None:
        argv.append(f"--dataset={dataset}")
    if split is not None:
        argv.append(f"--split={split}")
    if snapshot is not None:
        argv.append(f"--snapshot={snapshot}")
    if as_json:
        argv.append("--json")
    if "\0" in "".join(argv):
        return  # not a command line: a NUL cannot be in one
    run_cli(capsys, *argv, seconds=8)
