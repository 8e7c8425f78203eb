"""Every shipped checkpoint reaches its stated accuracy on its own held-out data.

The model cards in models/README.md state these numbers; the metadata stores them too, and the
stored value must be exactly what evaluating the shipped weights gives (same data, deterministic).
Also: the default model classifies digits drawn with a mouse (polylines on a 280×280 canvas).
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image, ImageDraw

from explainer import paths
from explainer.core.checkpoint import load_model
from explainer.core.config import FASHION_CLASSES
from explainer.core.datasets import FASHION_DIR, load_dataset
from explainer.core.train import evaluate

torch.set_num_threads(1)

# name: (dataset, split, minimum accuracy, sample count)
SHIPPED = {
    "default": ("mnist", "heldout", 0.98, 1000),
    "classic": ("mnist", "heldout", 0.97, 1000),
    "fashion": ("fashion", "test", 0.89, 10000),
    "early": ("mnist", "heldout", None, 1000),
    "untrained": ("mnist", "heldout", None, 1000),
}


def _needs_data(dataset: str):
    if dataset == "fashion" and not FASHION_DIR.is_dir():
        pytest.skip(f"{FASHION_DIR} missing: apt-get install dataset-fashion-mnist")


@pytest.mark.parametrize("name", list(SHIPPED))
def test_shipped_checkpoint_reaches_its_stated_accuracy(name):
    dataset_name, split, minimum, n = SHIPPED[name]
    _needs_data(dataset_name)
    model, checkpoint = load_model(paths.models_dir() / f"{name}.pt", "cpu")
    meta = checkpoint.metadata
    assert meta["dataset"] == dataset_name and meta["eval_split"] == split
    result = evaluate(model, load_dataset(dataset_name, split))
    assert result.n == n == meta["heldout_n"]
    assert meta["heldout_accuracy"] == pytest.approx(result.accuracy, abs=1e-9)
    if minimum is not None:
        assert result.accuracy >= minimum, f"{name}: {result.accuracy:.4f} < {minimum}"
    if name == "untrained":
        assert meta["trained"] is False and meta["epochs"] == 0
        assert result.accuracy < 0.3  # chance is 0.1
    if name == "early":
        assert meta["epochs"] == 1 and 0.3 < result.accuracy < 0.98


def test_shipped_configs_are_what_the_cards_say():
    configs = {
        name: load_model(paths.models_dir() / f"{name}.pt", "cpu")[1].config for name in SHIPPED
    }
    assert (configs["default"].activation, configs["default"].pool) == ("relu", "max")
    assert configs["default"].fc_sizes == (120, 100)
    assert (configs["classic"].activation, configs["classic"].pool) == ("scaled_tanh", "avg")
    assert configs["fashion"].class_names == FASHION_CLASSES
    # Normalisation is the padded training set's, not the identity.
    assert configs["default"].norm_mean == pytest.approx(0.1007, abs=1e-4)
    assert configs["default"].norm_std == pytest.approx(0.2757, abs=1e-4)


# ---- digits drawn with a mouse ----------------------------------------------------------------
def _arc(cx, cy, rx, ry, start_deg, end_deg, n=24):
    angles = np.radians(np.linspace(start_deg, end_deg, n))
    return [(cx + rx * np.cos(a), cy + ry * np.sin(a)) for a in angles]


# Pen strokes in a unit box (x right, y down; angle 0 = right, 90 = down), drawn the way people
# write them, in one or two strokes each.
DIGIT_STROKES = {
    0: [_arc(0.5, 0.5, 0.32, 0.45, -90, 270, 40)],
    1: [[(0.58, 0.05), (0.42, 0.95)]],
    2: [_arc(0.5, 0.3, 0.3, 0.25, 180, 360) + [(0.2, 0.95), (0.85, 0.95)]],
    3: [_arc(0.47, 0.28, 0.3, 0.23, 200, 450) + _arc(0.47, 0.72, 0.33, 0.23, -90, 160)],
    4: [[(0.3, 0.05), (0.15, 0.62), (0.88, 0.62)], [(0.68, 0.3), (0.68, 0.97)]],
    5: [[(0.82, 0.05), (0.3, 0.05), (0.25, 0.45)] + _arc(0.5, 0.68, 0.32, 0.27, -120, 150)],
    6: [[(0.7, 0.05), (0.35, 0.35)] + _arc(0.5, 0.7, 0.3, 0.26, 200, 560)],
    7: [[(0.15, 0.08), (0.85, 0.08), (0.4, 0.95)]],
    8: [_arc(0.5, 0.27, 0.25, 0.22, 90, 450) + _arc(0.5, 0.72, 0.3, 0.23, -90, 270)],
    9: [_arc(0.5, 0.3, 0.28, 0.24, 0, 360) + [(0.78, 0.3), (0.7, 0.97)]],
}
# Where on the 280×280 canvas the digit goes (x0, y0, x1, y1): big and central, small in a
# corner, off-centre towards the bottom right.
PLACEMENTS = {
    "centred": (60, 30, 220, 250),
    "small": (20, 20, 80, 100),
    "off-centre": (150, 140, 260, 270),
}
STROKE_WIDTHS = (8, 20, 40)


def draw_digit(
    digit: int,
    width: int,
    box: tuple[int, int, int, int],
    tilt_deg: float = 0.0,
    dark_on_light: bool = False,
) -> np.ndarray:
    """A 280×280 canvas with the digit's strokes drawn as thick polylines with round ends."""
    canvas = Image.new("L", (280, 280), 255 if dark_on_light else 0)
    pen = ImageDraw.Draw(canvas)
    ink = 0 if dark_on_light else 255
    x0, y0, x1, y1 = box
    cos, sin = np.cos(np.radians(tilt_deg)), np.sin(np.radians(tilt_deg))
    for stroke in DIGIT_STROKES[digit]:
        points = []
        for x, y in stroke:
            # Tilt about the box centre, as a slanted hand would.
            dx, dy = x - 0.5, y - 0.5
            x, y = 0.5 + cos * dx - sin * dy, 0.5 + sin * dx + cos * dy
            points.append((x0 + x * (x1 - x0), y0 + y * (y1 - y0)))
        pen.line(points, fill=ink, width=width, joint="curve")
        r = width / 2
        for x, y in (points[0], points[-1]):
            pen.ellipse((x - r, y - r, x + r, y + r), fill=ink)
    return np.asarray(canvas, dtype=np.float32) / 255.0


def _mouse_cases():
    cases = []
    for digit in DIGIT_STROKES:
        for width in STROKE_WIDTHS:
            for place, box in PLACEMENTS.items():
                # A 40 px pen on a 60 px digit is a blob, not a digit: halve the pen when small.
                pen = width // 2 if place == "small" else width
                cases.append((digit, pen, place, box, 0.0, False))
        cases.append((digit, 14, "tilted left", PLACEMENTS["centred"], -12.0, False))
        cases.append((digit, 14, "tilted right", PLACEMENTS["centred"], 12.0, False))
        cases.append((digit, 20, "dark on light", PLACEMENTS["centred"], 0.0, True))
    return cases


def test_default_model_classifies_mouse_drawn_digits():
    from explainer.core.preprocess import preprocess

    model, checkpoint = load_model(paths.default_checkpoint(), "cpu")
    cases = _mouse_cases()
    inputs = np.stack(
        [
            preprocess(draw_digit(d, pen, box, tilt, dark), checkpoint.config).network_input
            for d, pen, _, box, tilt, dark in cases
        ]
    )
    with torch.inference_mode():
        predicted = model(torch.as_tensor(inputs)).argmax(1).numpy()
    wrong = [
        f"{d} ({pen} px, {place}) → {p}"
        for (d, pen, place, *_), p in zip(cases, predicted, strict=True)
        if p != d
    ]
    # 120 drawings: all 10 digits × 3 pen widths × 3 placements, plus tilted and inverted ones.
    # The shipped default gets every one right; allow 3 misses (97.5%) so that a retrained
    # model with a different seed is not failed for one ambiguous drawing.
    assert len(cases) == 120
    assert len(wrong) <= 3, f"{len(wrong)} of {len(cases)} misclassified: {wrong}"
    # No single digit may be systematically wrong.
    wrong_digits = [int(w.split()[0]) for w in wrong]
    assert all(wrong_digits.count(d) <= 1 for d in range(10)), wrong


def test_mouse_test_is_not_trivial_for_an_undertrained_model():
    """The early (1-epoch) snapshot fails many of the same drawings: the test can fail."""
    from explainer.core.preprocess import preprocess

    model, checkpoint = load_model(paths.models_dir() / "early.pt", "cpu")
    cases = _mouse_cases()
    inputs = np.stack(
        [
            preprocess(draw_digit(d, pen, box, tilt, dark), checkpoint.config).network_input
            for d, pen, _, box, tilt, dark in cases
        ]
    )
    with torch.inference_mode():
        predicted = model(torch.as_tensor(inputs)).argmax(1).numpy()
    labels = np.array([c[0] for c in cases])
    assert (predicted != labels).sum() > 10
