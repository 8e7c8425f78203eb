"""Hostile inputs to predict (issue 14): decompression bombs refused from the header, NaN and
negative float TIFFs, a blank picture reported as "no ink", .npy files read header first
(shape, dtype, size) with only real finite numbers accepted, special files named; and
generated files and arrays give a result or one line, never a traceback."""

from __future__ import annotations

import json
import os
import struct
import time
from pathlib import Path

import numpy as np
import pytest
from hostile_support import png_header, refused, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from PIL import Image

from explainer.core.errors import ImageError
from explainer.core.preprocess import MAX_IMAGE_PIXELS, load_image, to_grayscale
from explainer.core.samples import sample_path

HYPOTHESIS = settings(
    max_examples=25,
    deadline=5000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SEVEN = str(sample_path(7))


def bmp_header(width: int, height: int) -> bytes:
    dib = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, 0, 2835, 2835, 0, 0)
    return b"BM" + struct.pack("<IHHI", 54 + 16, 0, 0, 54) + dib + b"\0" * 16


# ---- decompression bombs: refused from the header ------------------------------------------------
@pytest.mark.parametrize(
    ("name", "data", "size"),
    [
        ("bomb.png", png_header(13_000, 13_000), "13,000×13,000 = 169,000,000"),
        ("rgba.png", png_header(6000, 6000), "6,000×6,000 = 36,000,000"),
        ("line.png", png_header(1, 150_000_000, color_type=0), "1×150,000,000 = 150,000,000"),
        ("huge.bmp", bmp_header(100_000, 100_000), "has 10,000,000,000"),
    ],
    ids=["13000² RGBA", "6000² RGBA", "1×150 000 000", "BMP header"],
)
def test_a_picture_over_the_pixel_budget_is_refused_before_decoding(
    tmp_path: Path, capsys, name: str, data: bytes, size: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert path.stat().st_size < 1000
    started = time.perf_counter()
    with pytest.raises(ImageError, match=f"{size} pixels; at most {MAX_IMAGE_PIXELS:,}"):
        load_image(path)
    assert time.perf_counter() - started < 2  # a hang guard, generous for a loaded CI box
    assert "at most 16,000,000 are read" in refused(capsys, "predict", path)


def test_a_pasted_array_over_the_budget_is_refused_unconverted() -> None:
    """The window's paste and drop give the core an array: 12000² is refused before the float
    copy (a broadcast view: the test itself allocates nothing)."""
    paste = np.broadcast_to(np.uint8(255), (12_000, 12_000, 4))
    with pytest.raises(ImageError, match="12,000×12,000 = 144,000,000 pixels"):
        to_grayscale(paste)


# ---- pixel values that are not pixels ------------------------------------------------------------
def float_tiff(tmp_path: Path, values: np.ndarray) -> Path:
    path = tmp_path / "float.tif"
    Image.fromarray(values.astype(np.float32), mode="F").save(path)
    return path


def test_nan_and_negative_float_tiffs(tmp_path: Path, capsys) -> None:
    values = np.zeros((28, 28), np.float32)
    values[10:18, 12:16] = 200.0
    values[0, 0] = np.nan
    line = refused(capsys, "predict", float_tiff(tmp_path, values))
    assert "expected finite pixel values, found 1 NaN/Inf pixels" in line
    values[0, 0] = -5.0
    line = refused(capsys, "predict", float_tiff(tmp_path, values))
    assert "expected pixel values from 0 to 255 (or 65,535), found values from -5 to 200" in line
    values[0, 0] = 0.0
    assert run_cli(capsys, "predict", float_tiff(tmp_path, values))[0] == 0


def test_a_blank_picture_is_no_ink_not_a_confident_guess(tmp_path: Path, capsys) -> None:
    blank = tmp_path / "blank.png"
    Image.new("L", (280, 280), 255).save(blank)
    code, out, _ = run_cli(capsys, "predict", blank, SEVEN)
    first, second = out.strip().splitlines()
    assert code == 0 and first == f"{blank}: no ink (a blank picture): nothing to classify"
    assert second.startswith(f"{SEVEN}: 7 (")
    code, out, _ = run_cli(capsys, "predict", blank, SEVEN, "--json")
    results = json.loads(out)
    assert results[0] == {"file": str(blank), "no_ink": True, "top": [], "probs": None}
    assert results[1]["no_ink"] is False and results[1]["top"][0]["label"] == "7"


def test_special_files_as_images(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    loop = tmp_path / "loop.png"
    loop.symlink_to(loop)
    for path, fragment in [
        (fifo, "is a named pipe (FIFO), not a regular file; expected an image file"),
        ("/dev/zero", "is a character device"),
        ("/proc/self/maps", "a file whose size is not known"),
        (loop, "a symbolic link loop"),
    ]:
        assert fragment in refused(capsys, "predict", path, seconds=3)


# ---- .npy network inputs: the header first -------------------------------------------------------
def npy_with_header(path: Path, header: str, data: bytes = b"") -> Path:
    text = header.encode("latin1")
    text += b" " * (-(len(text) + 11) % 64) + b"\n"
    path.write_bytes(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text + data)
    return path


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda p: np.save(p, np.full((32, 32), 1e30, np.float32)), "within ±10000"),
        (
            lambda p: np.save(p, np.full((32, 32), np.nan, np.float32)),
            "finite numbers, found 1,024",
        ),
        (lambda p: np.save(p, np.zeros((32, 32), np.complex64)), "found dtype complex64"),
        (lambda p: np.save(p, np.zeros((32, 32), "m8[s]")), "found dtype timedelta64[s]"),
        (lambda p: np.save(p, np.zeros((32, 32), bool)), "found dtype bool"),
        (
            lambda p: np.save(p, np.array([[object()] * 32] * 32), allow_pickle=True),
            "found dtype object",
        ),
        (lambda p: np.save(p, np.zeros((0,), np.float32)), "found (0,)"),
        (
            lambda p: npy_with_header(
                p, "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }"
            ),
            "found (100000, 100000)",
        ),
        (
            lambda p: npy_with_header(
                p, "{'descr': '<f4', 'fortran_order': False, 'shape': (32, 32), }", b"\0" * 10
            ),
            "declares 4,096 bytes of values, the file holds 10",
        ),
        (lambda p: npy_with_header(p, "{'descr': '<f4', 'shape': ("), "not a readable .npy header"),
        (lambda p: npy_with_header(p, "(" * 3000 + ")" * 3000), "not a readable .npy header"),
        (lambda p: np.savez(p.open("wb"), x=np.zeros((32, 32))), "a .npz archive"),
        (lambda p: p.write_bytes(b"not numpy at all"), "not a .npy array"),
    ],
    ids=[
        "huge values",
        "nan",
        "complex",
        "timedelta",
        "bool",
        "pickled objects",
        "zero-length",
        "huge shape",
        "cut short",
        "malformed header",
        "deep header",
        "npz named npy",
        "not npy",
    ],
)
def test_npy_inputs_are_read_header_first(tmp_path: Path, capsys, make, fragment: str) -> None:
    path = tmp_path / "input.npy"
    make(path)
    assert fragment in refused(capsys, "predict", path)


def test_a_pickled_npy_is_never_unpickled(tmp_path: Path, capsys, monkeypatch) -> None:
    import pickle

    def refuse(*args, **kwargs):
        raise AssertionError("a .npy pickle was loaded")

    path = tmp_path / "objects.npy"
    np.save(path, np.array([[object()] * 32] * 32), allow_pickle=True)
    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    assert "found dtype object" in refused(capsys, "predict", path)


# ---- property: generated files and arrays --------------------------------------------------------
MAGIC = [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"GIF89a", b"BM", b"II*\x00", b"\x93NUMPY"]


@HYPOTHESIS
@given(
    magic=st.sampled_from(MAGIC),
    body=st.binary(max_size=300),
    suffix=st.sampled_from([".png", ".jpg", ".bmp", ".tif", ".npy", ".gif"]),
)
def test_generated_files(tmp_path: Path, capsys, magic: bytes, body: bytes, suffix: str) -> None:
    path = tmp_path / f"generated{suffix}"
    path.write_bytes(magic + body)
    run_cli(capsys, "predict", path, "--json")


@HYPOTHESIS
@given(
    pixels=hnp.arrays(
        dtype=st.sampled_from([np.uint8, np.uint16, np.float32, np.int32]),
        shape=hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=40),
        elements={"allow_nan": True, "allow_infinity": True} if False else None,
    ),
    form=st.sampled_from(["png", "tif"]),
)
def test_generated_pictures(tmp_path: Path, capsys, pixels: np.ndarray, form: str) -> None:
    if pixels.dtype == np.float32 or pixels.dtype == np.int32:
        form = "tif"  # PNG holds no float or 32-bit pixels
    path = tmp_path / f"generated.{form}"
    Image.fromarray(pixels).save(path)
    run_cli(capsys, "predict", path)


@HYPOTHESIS
@given(
    array=hnp.arrays(
        dtype=st.one_of(
            hnp.floating_dtypes(),
            hnp.integer_dtypes(),
            hnp.unsigned_integer_dtypes(),
            hnp.complex_number_dtypes(),
            hnp.timedelta64_dtypes(),
            hnp.boolean_dtypes(),
        ),
        shape=st.one_of(
            st.sampled_from([(32, 32), (1, 32, 32), (3, 32, 32), (28, 28), (0,), (32,)]),
            hnp.array_shapes(max_dims=3, max_side=4),
        ),
    ),
    fortran=st.booleans(),
)
def test_generated_npy_arrays(tmp_path: Path, capsys, array: np.ndarray, fortran: bool) -> None:
    path = tmp_path / "generated.npy"
    np.save(path, np.asfortranarray(array) if fortran else array)
    code, out, _ = run_cli(capsys, "predict", path, "--json")
    if code == 0:
        (result,) = json.loads(out)  # accepted: then a finite distribution
        assert sum(result["probs"]) == pytest.approx(1, abs=1e-5)
