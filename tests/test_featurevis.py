"""Feature visualisation: it raises its objective well above the blank input's, is repeatable
with a seed, stays a drawable image, and takes under a second on the CPU."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer import paths
from explainer.core.checkpoint import load_model
from explainer.core.errors import ExplainerError
from explainer.core.featurevis import visualise

torch.set_num_threads(1)


@pytest.fixture(scope="module")
def model():
    model, _ = load_model(paths.default_checkpoint(), "cpu")
    return model


def test_class_logits_rise_far_above_the_blank_inputs(model):
    seconds = []
    for k in range(10):
        result = visualise(model, "logits", k, seed=k)
        seconds.append(result.seconds)
        assert result.value > result.blank_value + 10, (k, result.value, result.blank_value)
        with torch.no_grad():  # `value` is the logit of the returned image, checked again
            logits = model(torch.as_tensor(result.image)[None])[0]
        assert float(logits[k]) == pytest.approx(result.value, rel=1e-5, abs=1e-5)
        assert int(logits.argmax()) == k  # the optimised input is that class's best example
    # Its time is a benchmark figure (bench/why.py), not a pass/fail bound: a loaded CI box
    # runs it 2–3× slower.
    print(f"\nfeature visualisation of a logit, CPU 1 thread: max {max(seconds):.3f} s")


def test_conv2_filters_rise_above_the_blank_inputs(model):
    gains = []
    for f in range(16):
        result = visualise(model, "conv2", f)
        assert result.value >= result.blank_value + 0.5, (f, result.value, result.blank_value)
        gains.append(result.value - result.blank_value)
    assert np.median(gains) > 2.0


def test_conv1_filters_and_fc_units(model):
    # Filters silent on blank paper (0, 2, 5 of the default network): the warm-up push wakes
    # each, and it stays awake. No filter ends below its blank value (filter 1 likes paper:
    # blank paper is its best input, and the ascent leaves it there).
    silent = 0
    for f in range(model.conv1.weight.shape[0]):
        result = visualise(model, "conv1", f)
        assert result.value >= result.blank_value - 1e-4, (f, result.value, result.blank_value)
        if result.blank_value == 0:
            silent += 1
            assert result.value > 0.3, (f, result.value)
    assert silent >= 2  # the case the push is for is there
    unit = visualise(model, "fc1", 1)
    assert unit.value > unit.blank_value + 10


def test_a_seed_repeats_the_result_and_another_seed_differs(model):
    a, b = visualise(model, "conv2", 4, seed=11), visualise(model, "conv2", 4, seed=11)
    np.testing.assert_array_equal(a.image, b.image)
    np.testing.assert_array_equal(a.history, b.history)
    assert a.value == b.value
    c = visualise(model, "conv2", 4, seed=12)
    assert not np.array_equal(a.image, c.image)


def test_the_result_is_a_drawable_image(model):
    config = model.config
    result = visualise(model, "logits", 3)
    low, high = float(config.normalize(0.0)), float(config.normalize(1.0))
    assert result.image.shape == (1, 32, 32) and result.image01.shape == (32, 32)
    assert result.image.min() >= low - 1e-6 and result.image.max() <= high + 1e-6
    assert 0.0 <= result.image01.min() and result.image01.max() <= 1.0
    np.testing.assert_allclose(config.normalize(result.image01), result.image[0], atol=1e-5)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    layer=st.sampled_from(["conv1", "conv2", "fc1", "fc2", "logits", "pool1", "probs", "x"]),
    index=st.one_of(st.integers(-2, 130), st.sampled_from([10**12, 1.5, float("nan"), "3", None])),
)
def test_visualise_either_answers_or_says_what_exists(model, layer, index):
    try:
        result = visualise(model, layer, index, steps=2)
    except ExplainerError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert np.isfinite(result.value) and result.image.shape == (1, 32, 32)


def test_bad_settings_are_refused(model):
    for kwargs in ({"steps": -1}, {"jitter": 1.5}, {"lr": float("nan")}, {"l2": -1.0}):
        with pytest.raises(ExplainerError):
            visualise(model, "conv1", 0, **kwargs)
