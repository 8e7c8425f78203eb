"""Preprocessing: canvas, photo or file → MNIST-style 28×28 (20 px box, centred mass)."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from explainer.core.config import ModelConfig
from explainer.core.errors import ImageError
from explainer.core.preprocess import (
    BOX_SIZE,
    MNIST_CENTER,
    center_of_mass,
    load_image,
    prepare_input,
    preprocess,
)

MNIST_CSV = Path(__file__).resolve().parents[1] / "data" / "mnist_5k.csv.gz"
CONFIG = ModelConfig()
COM_TOLERANCE = 0.5 + 1e-6  # whole-pixel placement: at worst exactly half a pixel off
INK = 0.05  # "small threshold" for measuring the ink box in mnist28


# ---- drawing helpers ---------------------------------------------------------------------------
def blank(rows: int = 280, cols: int = 280) -> np.ndarray:
    return np.zeros((rows, cols), np.float32)


def draw_line(canvas: np.ndarray, r0: float, c0: float, r1: float, c1: float, width: float):
    """A round-capped stroke from (r0, c0) to (r1, c1), `width` px thick (ink = 1)."""
    rows, cols = np.mgrid[: canvas.shape[0], : canvas.shape[1]].astype(np.float32)
    dr, dc = r1 - r0, c1 - c0
    t = np.clip(((rows - r0) * dr + (cols - c0) * dc) / max(dr * dr + dc * dc, 1e-9), 0, 1)
    dist = np.hypot(rows - (r0 + t * dr), cols - (c0 + t * dc))
    canvas[dist <= width / 2] = 1.0
    return canvas


def seven(canvas: np.ndarray, top: int, left: int, size: int, width: float) -> np.ndarray:
    draw_line(canvas, top, left, top, left + 0.7 * size, width)
    return draw_line(canvas, top, left + 0.7 * size, top + size, left + 0.25 * size, width)


def ink_box(image: np.ndarray, threshold: float = INK) -> tuple[int, int]:
    rows = np.flatnonzero((image > threshold).any(axis=1))
    cols = np.flatnonzero((image > threshold).any(axis=0))
    return int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1)


def mass_centre(image: np.ndarray) -> tuple[float, float]:
    """The test's own centre of mass (not preprocess.center_of_mass, which placed the digit):
    first moments over the pixel grid, Σ r·w / Σ w and Σ c·w / Σ w, in float64."""
    weights = np.asarray(image, dtype=np.float64)
    rows, cols = np.indices(weights.shape)
    total = weights.sum()
    assert total > 0, "no ink: the centre of mass is undefined"
    return float((rows * weights).sum() / total), float((cols * weights).sum() / total)


def load_mnist(every: int = 1) -> tuple[np.ndarray, np.ndarray]:
    with gzip.open(MNIST_CSV, "rt") as handle:
        table = np.loadtxt(handle, delimiter=",", dtype=np.float32)
    table = table[::every]
    return table[:, :784].reshape(-1, 28, 28) / 255.0, table[:, 784].astype(int)


SHAPES = {
    # A small 7 in the top-left corner of a large canvas, far from the centre.
    "off_centre_small": seven(blank(), 10, 12, 40, 5),
    # A 1-px pen, diagonal, on a 280×280 canvas: shrunk ~9×.
    "thin_stroke": seven(blank(), 40, 60, 190, 1),
    "thick_stroke": seven(blank(), 30, 40, 200, 34),
    "wide_dash": draw_line(blank(), 140, 40, 140, 240, 12),
    "tall_one": draw_line(blank(), 30, 150, 250, 130, 14),
    "mouse_dot_ring": np.where(
        np.abs(np.hypot(*np.mgrid[-140:140, -140:140]) - 80) < 9, 1.0, 0.0
    ).astype(np.float32),
}


# ---- the MNIST recipe -----------------------------------------------------------------------
def test_center_of_mass_equals_the_moments() -> None:
    dot = np.zeros((28, 28), np.float32)
    dot[3, 5] = 0.7
    assert center_of_mass(dot) == (3.0, 5.0)
    pair = np.zeros((10, 10), np.float32)
    pair[2, 1], pair[8, 7] = 1.0, 3.0  # rows (2·1 + 8·3)/4 = 6.5, cols (1·1 + 7·3)/4 = 5.5
    assert center_of_mass(pair) == pytest.approx((6.5, 5.5), abs=1e-12)
    noise = np.random.default_rng(7).random((17, 23)).astype(np.float32)
    assert center_of_mass(noise) == pytest.approx(mass_centre(noise), abs=1e-9)
    with pytest.raises(ImageError, match="without ink"):
        center_of_mass(np.zeros((5, 5), np.float32))


@pytest.mark.parametrize("name", list(SHAPES))
def test_center_of_mass_within_half_a_pixel_and_box_20(name: str) -> None:
    result = preprocess(SHAPES[name], CONFIG)
    assert not result.empty
    com = mass_centre(result.mnist28)
    assert result.center_of_mass == pytest.approx(com, abs=1e-5)
    assert abs(com[0] - MNIST_CENTER[0]) <= COM_TOLERANCE
    assert abs(com[1] - MNIST_CENTER[1]) <= COM_TOLERANCE
    # The crop's longer side is exactly 20, and the ink measured in mnist28 spans it (±1).
    assert max(result.scaled.shape) == BOX_SIZE
    assert BOX_SIZE - 1 <= max(ink_box(result.mnist28)) <= BOX_SIZE
    assert result.mnist28.shape == (28, 28) and result.mnist28.dtype == np.float32
    assert 0.0 <= result.mnist28.min() and result.mnist28.max() == pytest.approx(1.0)


def test_aspect_ratio_is_kept() -> None:
    dash = preprocess(SHAPES["wide_dash"], CONFIG)
    row0, col0, row1, col1 = dash.bbox
    assert (row1 - row0, col1 - col0) == (13, 213)  # 12 px pen, round caps, inclusive ends
    assert dash.scaled.shape == (1, 20)  # 13/213·20 = 1.2 rows
    one = preprocess(SHAPES["tall_one"], CONFIG)
    height, width = one.bbox[2] - one.bbox[0], one.bbox[3] - one.bbox[1]
    assert one.scaled.shape == (20, round(20 * width / height))


def test_bbox_is_the_ink_bounding_box_in_source() -> None:
    canvas = blank(100, 120)
    canvas[17:43, 55:61] = 1.0
    result = preprocess(canvas, CONFIG)
    assert result.bbox == (17, 55, 43, 61)
    assert result.scaled.shape == (20, round(6 * 20 / 26))
    np.testing.assert_array_equal(result.source, canvas)


def test_thin_one_pixel_line_survives_downscaling() -> None:
    canvas = draw_line(blank(), 20, 20, 260, 250, 1)  # a 1-px diagonal across the canvas
    result = preprocess(canvas, CONFIG)
    assert not result.empty
    # Shrunk 12×, the line is still full ink along all 20 rows of its box, not a faint smear.
    rows_with_ink = result.mnist28.max(axis=1)
    assert np.count_nonzero(rows_with_ink > 0.5) >= 19
    assert result.mnist28.max() == pytest.approx(1.0)


def test_dark_on_light_equals_light_on_dark() -> None:
    for canvas in (SHAPES["thick_stroke"], SHAPES["off_centre_small"]):
        white_strokes = preprocess(canvas, CONFIG)
        black_strokes = preprocess(1.0 - canvas, CONFIG)
        assert not white_strokes.inverted and black_strokes.inverted
        np.testing.assert_allclose(black_strokes.mnist28, white_strokes.mnist28, atol=1e-6)
        np.testing.assert_allclose(black_strokes.source, white_strokes.source, atol=1e-6)
        # The same drawing as an 8-bit RGB image of black ink on white paper.
        rgb = np.repeat(((1.0 - canvas) * 255).astype(np.uint8)[:, :, None], 3, axis=2)
        np.testing.assert_allclose(
            preprocess(rgb, CONFIG).mnist28, white_strokes.mnist28, atol=1e-6
        )


def test_photo_of_paper_noise_does_not_blow_up_the_box() -> None:
    rng = np.random.default_rng(0)
    clean = seven(blank(300, 240), 60, 50, 160, 14)
    # Grey paper (0.7) with grain, darker ink (0.25), mild blur-free JPEG-like noise.
    photo = np.where(clean > 0, 0.25, 0.7) + rng.normal(0, 0.02, clean.shape)
    photo = np.clip(photo, 0, 1).astype(np.float32)
    result = preprocess(photo, CONFIG)
    reference = preprocess(clean, CONFIG)
    assert result.inverted and not result.empty
    assert result.bbox == reference.bbox
    assert result.ink_level - result.background_level > 0.3
    corr = np.corrcoef(result.mnist28.ravel(), reference.mnist28.ravel())[0, 1]
    assert corr > 0.97


@pytest.mark.parametrize(
    "canvas",
    [
        blank(),
        np.ones((280, 280), np.float32),
        np.full((50, 60, 3), 255, np.uint8),
        np.full((28, 28), 0.6, np.float32),
        # An evenly lit, blank sheet of paper with grain: noise only, no ink.
        np.clip(0.65 + np.random.default_rng(1).normal(0, 0.01, (200, 150)), 0, 1),
    ],
    ids=["black", "white", "white_rgb", "grey", "paper_grain"],
)
def test_empty_canvas_is_a_state(canvas: np.ndarray) -> None:
    config = ModelConfig(norm_mean=0.1307, norm_std=0.3081)
    result = preprocess(canvas, config)
    assert result.empty and result.bbox is None
    assert result.source.shape == canvas.shape[:2]
    assert not result.mnist28.any() and result.mnist28.shape == (28, 28)
    assert not result.padded.any() and result.padded.shape == (32, 32)
    np.testing.assert_allclose(result.network_input, np.full((1, 32, 32), -0.1307 / 0.3081), 1e-6)


def test_real_mnist_digits_stay_themselves() -> None:
    digits, labels = load_mnist(every=10)  # 500 digits, 50 per class
    assert set(labels) == set(range(10))
    correlations = []
    for digit in digits:
        result = preprocess(digit, CONFIG)
        assert not result.inverted and not result.empty
        correlations.append(np.corrcoef(result.mnist28.ravel(), digit.ravel())[0, 1])
    assert min(correlations) > 0.99
    assert np.median(correlations) > 0.9999


def test_mnist_convention_is_com_rounded_to_14() -> None:
    """Why MNIST_CENTER is (14, 14): every real digit's centre of mass lies within 0.5 px of it."""
    digits, _ = load_mnist()
    coms = np.array([mass_centre(d) for d in digits])
    assert np.all(np.abs(coms - 14.0) <= COM_TOLERANCE)
    assert coms.mean(axis=0) == pytest.approx(MNIST_CENTER, abs=0.05)
    # …and not (13.5, 13.5), the geometric centre: half the digits are over half a pixel from it.
    assert np.mean(np.abs(coms[:, 0] - 13.5) > 0.5) > 0.3


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    rows=st.integers(30, 400),
    cols=st.integers(30, 400),
    fy=st.floats(0.3, 0.7),
    fx=st.floats(0.3, 0.7),
    ry=st.floats(0.02, 0.25),
    rx=st.floats(0.02, 0.25),
    dark_on_light=st.booleans(),
)
def test_any_blob_anywhere_is_centred_and_boxed(rows, cols, fy, fx, ry, rx, dark_on_light):
    """An ellipse of any size and aspect, anywhere inside a canvas of any size (not touching its
    border, which is the background), in either polarity."""
    rr, cc = np.mgrid[:rows, :cols]
    radius_rows, radius_cols = max(ry * rows, 1.5), max(rx * cols, 1.5)
    blob = ((rr - fy * rows) / radius_rows) ** 2 + ((cc - fx * cols) / radius_cols) ** 2 <= 1
    blob = blob.astype(np.float32)
    result = preprocess(1.0 - blob if dark_on_light else blob, CONFIG)
    assert result.inverted == dark_on_light and not result.empty
    com = mass_centre(result.mnist28)
    assert abs(com[0] - 14.0) <= COM_TOLERANCE and abs(com[1] - 14.0) <= COM_TOLERANCE
    assert max(result.scaled.shape) == BOX_SIZE
    assert BOX_SIZE - 1 <= max(ink_box(result.mnist28)) <= BOX_SIZE


# ---- network input ----------------------------------------------------------------------------
def test_network_input_is_padded_and_normalised() -> None:
    config = ModelConfig(norm_mean=0.1307, norm_std=0.3081)
    result = preprocess(SHAPES["tall_one"], config)
    assert result.padded.shape == (32, 32) and result.padded.dtype == np.float32
    np.testing.assert_array_equal(result.padded[2:30, 2:30], result.mnist28)
    assert result.padded.sum() == pytest.approx(result.mnist28.sum())  # the 2-px frame is empty
    assert result.network_input.shape == (1, 32, 32) and result.network_input.dtype == np.float32
    np.testing.assert_allclose(
        result.network_input[0], (result.padded - 0.1307) / 0.3081, rtol=1e-6, atol=1e-6
    )


def test_input_size_28_and_several_channels() -> None:
    config = ModelConfig(input_size=28, padding=2, in_channels=3)
    result = preprocess(SHAPES["off_centre_small"], config)
    np.testing.assert_array_equal(result.padded, result.mnist28)
    assert result.network_input.shape == (3, 28, 28)
    for channel in result.network_input:
        np.testing.assert_array_equal(channel, result.mnist28)  # mean 0, std 1: unchanged


def test_input_size_36_pads_4_px_each_side() -> None:
    config = ModelConfig(input_size=36)
    result = preprocess(SHAPES["thick_stroke"], config)
    np.testing.assert_array_equal(result.padded[4:32, 4:32], result.mnist28)
    assert result.padded.shape == (36, 36)


# ---- inputs of every kind, and bad ones ---------------------------------------------------------
def test_dtypes_and_channel_layouts_agree() -> None:
    canvas = SHAPES["off_centre_small"]
    reference = preprocess(canvas, CONFIG).mnist28
    as_uint8 = (canvas * 255).astype(np.uint8)
    variants = [
        as_uint8,
        as_uint8[:, :, None],
        as_uint8.astype(np.float64),  # 0–255 floats, e.g. MNIST rows read with loadtxt
        canvas.astype(bool),
        (canvas * 65535).astype(np.uint16),
        np.dstack([as_uint8] * 3 + [np.full_like(as_uint8, 255)]),
    ]
    for variant in variants:
        np.testing.assert_allclose(preprocess(variant, CONFIG).mnist28, reference, atol=1e-5)


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (np.zeros((28, 28, 2)), r"H×W×3 \(RGB\) or H×W×4 \(RGBA\), found shape \(28, 28, 2\)"),
        (np.zeros((1, 28, 28, 3)), r"found shape \(1, 28, 28, 3\)"),
        (np.zeros(784), r"found shape \(784,\)"),
        (np.zeros((0, 28)), r"expected a non-empty image, found shape \(0, 28\)"),
        (np.zeros((28, 0, 3)), r"non-empty image, found shape \(28, 0, 3\)"),
        (np.full((28, 28), np.nan), r"expected finite pixel values, found 784 NaN/Inf"),
        (np.array([[0.0, np.inf], [0, 0]]), r"found 1 NaN/Inf"),
        (np.full((28, 28), -0.5), r"\[0, 1\] or \[0, 255\], found values from -0.5 to -0.5"),
        (np.full((4, 4), 1000, np.int32), r"found values from 1000 to 1000"),
        (np.full((4, 4), "a"), r"expected a numeric image array, found dtype <U1"),
    ],
)
def test_bad_arrays_raise_image_error(image: np.ndarray, message: str) -> None:
    with pytest.raises(ImageError, match=message):
        preprocess(image, CONFIG)


# ---- files --------------------------------------------------------------------------------------
def test_load_png_jpeg_and_rgba(tmp_path: Path) -> None:
    canvas = SHAPES["thick_stroke"]
    ink_black_on_white = ((1.0 - canvas) * 255).astype(np.uint8)
    reference = preprocess(canvas, CONFIG)

    png = tmp_path / "digit.png"
    Image.fromarray(ink_black_on_white, mode="L").save(png)
    loaded = load_image(png)
    assert loaded.dtype == np.float32 and loaded.shape == (280, 280)
    np.testing.assert_allclose(loaded, 1.0 - canvas, atol=1e-6)  # no inversion in load_image
    np.testing.assert_allclose(prepare_input(png, CONFIG).mnist28, reference.mnist28, atol=1e-6)
    np.testing.assert_allclose(prepare_input(str(png), CONFIG).mnist28, reference.mnist28, 1e-6)

    jpeg = tmp_path / "digit.jpg"
    Image.fromarray(np.repeat(ink_black_on_white[:, :, None], 3, 2), mode="RGB").save(
        jpeg, quality=90
    )
    from_jpeg = prepare_input(jpeg, CONFIG)
    assert from_jpeg.inverted
    corr = np.corrcoef(from_jpeg.mnist28.ravel(), reference.mnist28.ravel())[0, 1]
    assert corr > 0.99  # JPEG is lossy

    # Black ink with antialiased alpha on a transparent canvas: composited on white.
    rgba = np.zeros((280, 280, 4), np.uint8)
    rgba[:, :, 3] = (canvas * 255).astype(np.uint8)
    black_rgba = tmp_path / "black_on_transparent.png"
    Image.fromarray(rgba, mode="RGBA").save(black_rgba)
    np.testing.assert_allclose(load_image(black_rgba), 1.0 - canvas, atol=1e-6)
    # White ink on a transparent canvas: composited on black, so the strokes do not vanish.
    rgba[:, :, :3] = 255
    white_rgba = tmp_path / "white_on_transparent.png"
    Image.fromarray(rgba, mode="RGBA").save(white_rgba)
    np.testing.assert_allclose(load_image(white_rgba), canvas, atol=1e-6)
    np.testing.assert_allclose(prepare_input(white_rgba, CONFIG).mnist28, reference.mnist28, 1e-6)


def test_load_16_bit_png(tmp_path: Path) -> None:
    canvas = SHAPES["wide_dash"]
    path = tmp_path / "deep.png"
    Image.fromarray((canvas * 65535).astype(np.uint16)).save(path)
    np.testing.assert_allclose(load_image(path), canvas, atol=1e-4)


def test_load_image_errors(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match=r"image file not found: .*missing\.png"):
        load_image(tmp_path / "missing.png")
    with pytest.raises(ImageError, match="is a folder, expected an image file"):
        load_image(tmp_path)
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(ImageError, match=r"empty file \(0 bytes\), expected an image file"):
        load_image(empty)
    text = tmp_path / "notes.png"
    text.write_text("this is not a picture")
    with pytest.raises(ImageError, match=r"notes\.png is not an image PIL can read"):
        prepare_input(text, CONFIG)
    good = tmp_path / "good.png"
    Image.fromarray(np.zeros((64, 64), np.uint8) + 200).save(good)
    truncated = tmp_path / "truncated.png"
    truncated.write_bytes(good.read_bytes()[:60])
    with pytest.raises(ImageError, match=r"truncated\.png"):
        load_image(truncated)
