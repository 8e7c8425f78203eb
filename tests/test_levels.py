import numpy as np
import pytest

from explainer.core.config import ModelConfig
from explainer.core.levels import (
    input_levels,
    levels_from_traces,
    nice_ceil,
    reference_digits,
    reference_levels,
)
from explainer.core.model import build_model
from explainer.core.preprocess import fit_to_input_size


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.27, 0.3), (1.0, 1.0), (1.01, 1.2), (3.2, 4.0), (0.081, 0.1), (7.9, 8.0), (812, 1000)],
)
def test_nice_ceil(value, expected):
    assert nice_ceil(value) == pytest.approx(expected)


def test_reference_digits_are_real_digits_of_every_class():
    digits = reference_digits()
    assert digits.shape == (50, 28, 28)
    assert 0.0 <= digits.min() and digits.max() <= 1.0
    ink = digits.reshape(50, -1).mean(axis=1)
    assert (ink > 0.03).all()  # no blank images
    assert fit_to_input_size(digits, 32).shape == (50, 32, 32)
    np.testing.assert_array_equal(fit_to_input_size(digits, 32)[:, 2:30, 2:30], digits)


def test_reference_digits_are_the_full_readers_rows(tmp_path):
    """The start-up path parses only the 50 rows it needs: the same digits, row for row, as
    reading the whole file; a file that is no CSV of digits goes to the full reader, which
    refuses it (and a synthetic stand-in is used)."""
    from explainer.core.datasets import read_mnist_csv
    from explainer.core.levels import _pick_rows, _read_picked_rows
    from explainer.paths import data_dir

    path = data_dir() / "mnist_5k.csv.gz"
    images, labels = read_mnist_csv(path)
    rows = _pick_rows(labels, 5)
    assert sorted(labels[rows].tolist()) == sorted(list(range(10)) * 5)
    np.testing.assert_array_equal(_read_picked_rows(path, 5), images[rows])
    np.testing.assert_array_equal(reference_digits(), images[rows] / np.float32(255.0))

    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,3\n4,5,6\n")
    assert _read_picked_rows(bad, 5) is None
    synthetic = reference_digits(bad)
    assert synthetic.shape == (50, 28, 28) and not np.array_equal(synthetic, reference_digits())


def test_input_levels_follow_the_normalisation():
    assert input_levels(ModelConfig()) == (0.0, 1.0)
    lo, hi = input_levels(ModelConfig(norm_mean=0.1307, norm_std=0.3081))
    assert lo == pytest.approx(-0.1307 / 0.3081) and hi == pytest.approx(0.8693 / 0.3081)


def test_relu_limits_are_a_rounded_high_percentile_of_the_reference_pass():
    config = ModelConfig()
    model = build_model(config, "cpu", seed=0)
    limits = reference_levels(model)
    digits = fit_to_input_size(reference_digits(), 32)
    traces = [model.forward_trace(d) for d in digits]
    for layer in ("conv1", "pool1", "conv2", "pool2", "fc1", "fc2"):
        values = np.concatenate([t[layer].ravel() for t in traces])
        lo, hi = limits[layer]
        assert lo == 0.0
        p995 = np.percentile(values, 99.5)
        assert p995 <= hi <= 1.34 * p995 + 1e-6  # the widest nice step is 3 → 4
    lo, hi = limits["logits"]
    logits = np.concatenate([t["logits"] for t in traces])
    assert lo <= np.percentile(logits, 0.5) and hi >= np.percentile(logits, 99.5)


def test_bounded_activations_use_their_range():
    config = ModelConfig(activation="tanh", pool="avg")
    traces = [build_model(config, "cpu", seed=1).forward_trace(np.zeros((32, 32), np.float32))]
    limits = levels_from_traces(config, traces)
    assert limits["conv1"] == limits["fc2"] == (-1.0, 1.0)
    sig = ModelConfig(activation="sigmoid")
    assert levels_from_traces(sig, [])["pool2"] == (0.0, 1.0)
