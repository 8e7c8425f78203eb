"""The step-by-step arithmetic equals what torch computes: unit by unit on the real network
(untrained and trained), and against torch.nn.functional for random shapes (hypothesis)."""

from __future__ import annotations

import gzip
import math
import re

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import paths
from explainer.core import arithmetic as A
from explainer.core.config import ModelConfig
from explainer.core.errors import ExplainerError, ShapeError
from explainer.core.model import ACTIVATION_FUNCTIONS, SCALED_TANH_A, SCALED_TANH_S, build_model

TOL = 1e-5
UNIT_LAYERS = ("conv1", "pool1", "conv2", "pool2", "fc1", "fc2", "logits")


# ---- fixtures: real digits, an untrained and a trained network ----------------------------------


@pytest.fixture(scope="module")
def digits() -> tuple[np.ndarray, np.ndarray]:
    """Every 10th row of data/mnist_5k.csv.gz (50 per class) as 32×32 [0, 1] images, and labels."""
    with gzip.open(paths.data_dir() / "mnist_5k.csv.gz", "rt") as f:
        rows = np.loadtxt(f, delimiter=",", dtype=np.float32)[::10]
    images = np.zeros((len(rows), 32, 32), dtype=np.float32)
    images[:, 2:30, 2:30] = rows[:, :784].reshape(-1, 28, 28) / 255.0
    return images, rows[:, 784].astype(np.int64)


def network_inputs(model, images32: np.ndarray) -> np.ndarray:
    """The 32×32 digits as this model's input: cropped to its size, normalised, with channels."""
    size, channels = model.config.input_size, model.config.in_channels
    margin = (32 - size) // 2
    cropped = images32[..., margin : margin + size, margin : margin + size]
    stacked = np.repeat(cropped[:, None], channels, axis=1)
    return np.asarray(model.config.normalize(stacked), dtype=np.float32)


@pytest.fixture(scope="module")
def untrained():
    return build_model(ModelConfig(), "cpu", seed=0)


@pytest.fixture(scope="module")
def trained(digits):
    """The shipped model when it exists; else a model trained here for 40 steps (its weights
    have moved away from their initial values, and its logits are large, as a trained net's)."""
    if paths.default_checkpoint().exists():
        from explainer.core.checkpoint import load_model

        model, _ = load_model(paths.default_checkpoint(), "cpu")
        return model
    images, labels = digits
    torch.manual_seed(1)
    model = build_model(ModelConfig(), "cpu", seed=1).train()
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    x, y = torch.from_numpy(images[:, None]), torch.from_numpy(labels)
    # One thread: on a shared 2-core machine more threads make these tiny steps slower.
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        for _ in range(40):
            batch = torch.randint(0, len(x), (64,))
            optimizer.zero_grad()
            F.cross_entropy(model(x[batch]), y[batch]).backward()
            optimizer.step()
    finally:
        torch.set_num_threads(threads)
    return model.eval()


def _every_unit(shape: tuple[int, ...]):
    if len(shape) == 1:
        return [(c, None, None) for c in range(shape[0])]
    return [(c, r, q) for c in range(shape[0]) for r in range(shape[1]) for q in range(shape[2])]


def _check_every_unit(model, network_input: np.ndarray) -> None:
    trace = model.forward_trace(network_input)
    for layer in UNIT_LAYERS:
        expected = trace[layer]
        # Whole layer, vectorised.
        np.testing.assert_allclose(A.explain_layer(model, trace, layer), expected, rtol=0, atol=TOL)
        # Unit by unit through the same path the window and `arith unit` use.
        units = _every_unit(expected.shape)
        values = np.array([A.explain_unit(model, trace, layer, *u).value for u in units])
        network = np.array(
            [A.explain_unit(model, trace, layer, *u).network_value for u in units[:50]]
        )
        np.testing.assert_allclose(values, expected.reshape(-1), rtol=0, atol=TOL, err_msg=layer)
        np.testing.assert_array_equal(network, expected.reshape(-1)[:50])
    probs = A.explain_layer(model, trace, "probs")
    np.testing.assert_allclose(probs, trace["probs"], rtol=0, atol=TOL)


def test_every_unit_of_untrained_network_equals_trace(untrained, digits):
    _check_every_unit(untrained, network_inputs(untrained, digits[0][37:38])[0])


def test_every_unit_of_trained_network_equals_trace(trained, digits):
    images, labels = digits
    inputs = network_inputs(trained, images)
    # Sanity: the weights are really trained (it recognises most digits), not the initial ones.
    with torch.no_grad():
        logits = trained(torch.from_numpy(inputs))
    assert (logits.argmax(1).numpy() == labels).mean() > 0.6
    assert logits[123].abs().max() > 2.0
    _check_every_unit(trained, inputs[123])


@pytest.mark.parametrize(
    "config",
    [
        ModelConfig(activation="tanh", pool="avg"),
        ModelConfig(activation="scaled_tanh", pool="avg", input_size=28, padding=2),
        ModelConfig(activation="sigmoid", conv_channels=(4, 8), kernel_size=3, fc_sizes=(32,)),
        ModelConfig(in_channels=3, class_names=tuple("abcd"), fc_sizes=(50, 40, 30)),
    ],
    ids=["tanh-avg", "scaled_tanh-pad2", "sigmoid-k3", "rgb-3fc"],
)
def test_other_configurations_equal_trace(config):
    model = build_model(config, "cpu", seed=3)
    size = config.input_size
    image = np.random.default_rng(0).random((config.in_channels, size, size)).astype(np.float32)
    trace = model.forward_trace(image)
    for layer in A.network_layers(model):
        np.testing.assert_allclose(
            A.explain_layer(model, trace, layer), trace[layer], rtol=0, atol=TOL, err_msg=layer
        )
    # The last unit of every layer: the edges are where an off-by-one would show.
    for layer in A.network_layers(model)[:-1]:
        shape = trace[layer].shape
        last = (shape[0] - 1,) + tuple(s - 1 for s in shape[1:])
        result = A.explain_unit(model, trace, layer, *last)
        assert result.value == pytest.approx(float(trace[layer][last]), abs=TOL)


def test_conv1_with_padding_marks_the_padded_cells():
    model = build_model(ModelConfig(input_size=28, padding=2), "cpu", seed=0)
    trace = model.forward_trace(np.ones((28, 28), dtype=np.float32))
    corner = A.explain_unit(model, trace, "conv1", 0, 0, 0)
    assert (corner.top, corner.left) == (-2, -2)
    step = corner.channels[0]
    assert step.is_padding[:2].all() and step.is_padding[:, :2].all()
    assert not step.is_padding[2:, 2:].any()
    np.testing.assert_array_equal(step.patch[step.is_padding], 0.0)
    np.testing.assert_array_equal(step.patch[~step.is_padding], 1.0)
    assert "pad" in corner.format_steps()
    assert corner.value == pytest.approx(float(trace["conv1"][0, 0, 0]), abs=TOL)


def test_conv2_unit_sums_six_channels(untrained, digits):
    trace = untrained.forward_trace(digits[0][5])
    unit = A.explain_unit(untrained, trace, "conv2", 7, 4, 6)
    assert len(unit.channels) == 6
    assert unit.total == pytest.approx(sum(step.sum for step in unit.channels))
    # The patch of channel c is pool1[c] under the kernel, the kernel is conv2's weight.
    np.testing.assert_array_equal(unit.channels[2].patch, trace["pool1"][2, 4:9, 6:11])
    np.testing.assert_array_equal(
        unit.channels[2].kernel, untrained.conv2.weight[7, 2].detach().numpy()
    )
    assert unit.pre_activation == pytest.approx(float(trace["conv2_pre"][7, 4, 6]), abs=TOL)
    assert unit.bias == pytest.approx(float(untrained.conv2.bias[7].detach()))


def test_pool_unit_of_real_network_marks_the_winner(untrained, digits):
    trace = untrained.forward_trace(digits[0][200])
    conv1 = trace["conv1"]
    channel, row, col = np.unravel_index(np.argmax(trace["pool1"]), trace["pool1"].shape)
    unit = A.explain_unit(untrained, trace, "pool1", int(channel), int(row), int(col))
    assert unit.kind == "max" and unit.window.shape == (2, 2)
    assert unit.value == conv1[channel][unit.winner]
    assert unit.winner_in_window == (unit.winner[0] - 2 * row, unit.winner[1] - 2 * col)


def test_fc_unit_contributions(untrained, digits):
    trace = untrained.forward_trace(digits[0][300])
    unit = A.explain_unit(untrained, trace, "fc1", 11)
    assert unit.inputs.size == 400 and unit.input_labels[17] == "pool2[0,3,2]"
    np.testing.assert_array_equal(unit.inputs, trace["pool2"].reshape(-1))
    by_abs = unit.top_contributions(400, "abs")
    magnitudes = [abs(c.product) for c in by_abs]
    assert magnitudes == sorted(magnitudes, reverse=True)
    positive = unit.top_contributions(5, "positive")
    negative = unit.top_contributions(5, "negative")
    assert positive and all(c.product > 0 for c in positive)
    assert negative and all(c.product < 0 for c in negative)
    assert positive[0].product == unit.products.max()
    assert negative[0].product == unit.products.min()
    assert [c.product for c in positive] == sorted((c.product for c in positive), reverse=True)
    assert unit.pre_activation == pytest.approx(unit.products.sum() + unit.bias)
    assert unit.pre_activation == pytest.approx(float(trace["fc1_pre"][11]), abs=TOL)
    text = unit.format_steps()
    assert "largest positive" in text and "largest negative" in text
    logit = A.explain_unit(untrained, trace, "logits", 3)
    assert logit.activation is None and logit.input_labels[0] == "fc2[0]"


def test_probs_unit_is_the_softmax(trained, digits):
    trace = trained.forward_trace(network_inputs(trained, digits[0][:1])[0])
    result = A.explain_unit(trained, trace, "softmax", 4)
    assert isinstance(result, A.SoftmaxResult)
    assert result.value == pytest.approx(float(trace["probs"][4]), abs=TOL)
    np.testing.assert_allclose(result.probs, trace["probs"], atol=TOL)


@pytest.mark.parametrize(
    ("layer", "kwargs", "message"),
    [
        ("conv3", {}, "unknown layer 'conv3'"),
        (
            "conv1",
            {"channel": 6, "row": 0, "col": 0},
            "conv1 channel 6 is out of range: expected 0–5",
        ),
        (
            "conv2",
            {"channel": 0, "row": 10, "col": 0},
            "conv2 row 10 is out of range: expected 0–9",
        ),
        ("pool2", {"channel": 0, "row": 0}, "col is missing"),
        ("fc1", {"channel": 120}, "fc1 unit 120 is out of range: expected 0–119"),
        ("probs", {"channel": -1}, "out of range"),
    ],
)
def test_explain_unit_rejects_bad_addresses(untrained, layer, kwargs, message):
    trace = untrained.forward_trace(np.zeros((32, 32), dtype=np.float32))
    with pytest.raises(ExplainerError, match=re.escape(message)):
        A.explain_unit(untrained, trace, layer, **kwargs)


# ---- activations --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ACTIVATION_FUNCTIONS))
def test_numpy_activations_match_the_models(name):
    x = np.linspace(-30, 30, 2001)
    expected = ACTIVATION_FUNCTIONS[name](torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(A.activate(name, x), expected, rtol=1e-12, atol=1e-12)


def test_activation_constants_and_names():
    assert (A.SCALED_TANH_A, A.SCALED_TANH_S) == (SCALED_TANH_A, SCALED_TANH_S)
    # The model and the arithmetic share one definition (explainer.core.config), so the line
    # above cannot fail by itself: check the shared constants against LeCun's numbers and his
    # design rule f(±1) ≈ ±1, and the printed formula against the constants.
    assert (SCALED_TANH_A, SCALED_TANH_S) == (1.7159, 2 / 3)
    assert float(A.scaled_tanh(1.0)) == pytest.approx(1.0, abs=1e-4)
    assert float(A.scaled_tanh(-1.0)) == pytest.approx(-1.0, abs=1e-4)
    assert A.ACTIVATION_FORMULAS["scaled_tanh"] == f"{SCALED_TANH_A}·tanh(2x/3)"
    assert set(A.ACTIVATIONS) == set(ACTIVATION_FUNCTIONS)
    assert float(A.scaled_tanh(1.0)) == pytest.approx(1.7159 * math.tanh(2 / 3))
    with pytest.raises(ExplainerError, match="unknown activation 'gelu'"):
        A.activate("gelu", 1.0)


# ---- softmax and cross-entropy ------------------------------------------------------------------


@pytest.mark.parametrize(
    "logits",
    [
        [2.0, 1.0, 0.1],
        [1000.0, 999.0, -1000.0, 0.0],  # exp(1000) overflows unless the max is subtracted first
        np.random.default_rng(4).normal(0, 8, 10).tolist(),
    ],
)
def test_softmax_steps_equal_torch(logits):
    steps = A.softmax_steps(logits)
    expected = torch.softmax(torch.tensor(logits, dtype=torch.float64), 0).numpy()
    np.testing.assert_allclose(steps.probs, expected, rtol=1e-12, atol=1e-15)
    assert steps.probs.sum() == pytest.approx(1.0, abs=1e-12)
    assert steps.max_logit == max(logits)
    np.testing.assert_allclose(steps.exps, np.exp(np.array(logits) - max(logits)))
    assert steps.sum_exp == pytest.approx(steps.exps.sum())
    assert "subtract the largest logit" in steps.format_steps()


@pytest.mark.parametrize("target", [0, 2, 3])
def test_cross_entropy_equals_torch_in_every_base(target):
    logits = [1.5, -0.3, 4.2, 40.0]
    natural = F.cross_entropy(
        torch.tensor([logits], dtype=torch.float64), torch.tensor([target])
    ).item()
    loss_e = A.cross_entropy(logits, target)
    assert loss_e.log_base == "e" and loss_e.loss == pytest.approx(natural, rel=1e-12)
    assert A.cross_entropy(logits, target, "10").loss == pytest.approx(natural / math.log(10))
    assert A.cross_entropy(logits, target, 2).loss == pytest.approx(natural / math.log(2))
    # A probability that underflows to 0 still gives the exact, finite loss.
    assert math.isfinite(loss_e.loss)
    assert "log₁₀" in A.cross_entropy(logits, target, "10").format_steps()


def test_a_probability_that_rounds_to_one_is_shown_as_one_minus_its_loss():
    """ "−ln(1.0000) = 6.217e-15" reads as ln 1 ≠ 0 (found by a student's review): the
    probability is written "1 − 6.217e-15" when it shows as 1.0000 without being 1."""
    certain = A.cross_entropy([40.0, 6.0, 0.0], 0)
    natural = F.cross_entropy(
        torch.tensor([[40.0, 6.0, 0.0]], dtype=torch.float64), torch.tensor([0])
    )
    assert certain.loss == pytest.approx(natural.item(), rel=1e-9) and certain.loss < 5e-5
    shown = A.probability_text(certain.prob)
    assert shown.startswith("1 − ") and float(shown[4:]) == pytest.approx(
        1 - certain.prob, rel=1e-3
    )
    assert f"−ln(p[0]) = −ln({shown}) = {A.fmt(certain.loss)}" in certain.format_steps()
    assert A.probability_text(1.0) == "1.0000" and A.probability_text(0.25) == "0.2500"
    assert A.probability_text(0.99994) == "0.9999"  # shows as itself: not rewritten
    # Base 10, where p = 0.99999 rounds to 1.0000 too.
    base10 = A.cross_entropy([12.0, 0.0, 0.0], 0, "10")
    assert "−log₁₀(1 − " in base10.format_steps()


def test_cross_entropy_rejects_bad_target_and_base():
    with pytest.raises(ShapeError, match="true class 3 is out of range"):
        A.cross_entropy([1.0, 2.0, 3.0], 3)
    with pytest.raises(ExplainerError, match="log base must be e, 10 or 2"):
        A.cross_entropy([1.0, 2.0], 0, "7")


# ---- sizes, parameter counts, errors ------------------------------------------------------------


def test_output_size_that_does_not_fit_shows_the_value():
    with pytest.raises(ShapeError) as info:
        A.output_size(7, 3, 3, 0)
    message = str(info.value)
    assert "(7 + 2·0 − 3)/3 + 1 = 2.33 is not a whole number: stride 3 does not fit" in message
    assert "strides that fit: 1, 2, 4" in message
    with pytest.raises(ShapeError, match=re.escape("(32 + 2·1 − 5)/2 + 1 = 15.50")):
        A.conv2d(np.zeros((32, 32)), np.zeros((5, 5)), stride=2, padding=1)
    with pytest.raises(ShapeError, match="kernel 7 is larger than the padded input 5"):
        A.output_size(5, 7)


@pytest.mark.parametrize(
    ("n", "f", "s", "p", "expected"),
    [
        (32, 5, 1, 0, 28),
        (28, 5, 1, 2, 28),
        (7, 3, 2, 0, 3),
        (7, 3, 1, 1, 7),
        (227, 11, 4, 0, 55),
    ],
)
def test_output_size(n, f, s, p, expected):
    assert A.output_size(n, f, s, p) == expected
    assert A.output_size_formula(n, f, s, p).endswith(f"= {expected}")


def test_parameter_counts_match_the_network():
    config = ModelConfig()
    model = build_model(config, "cpu", seed=0)
    count, formula = A.conv_param_count(5, 1, 6)
    assert (count, formula) == (156, "(5·5·1 + 1)·6 = 156")
    assert count == sum(p.numel() for p in model.conv1.parameters())
    assert A.conv_param_count(5, 6, 16)[0] == sum(p.numel() for p in model.conv2.parameters())
    plan = A.plan_conv(14, 14, 6, 16, 5)
    assert plan.output_shape == (10, 10, 16) and plan.params == config.param_counts()["conv2"]
    assert A.plan_conv(7, 9, 2, 4, (3, 1), (2, 1), 0).output_shape == (3, 9, 4)
    assert A.conv_param_count(3, 2, 4, 1)[0] == (3 * 1 * 2 + 1) * 4


def test_operand_errors():
    with pytest.raises(ShapeError, match="rectangular"):
        A.conv2d([[1, 2], [3]], [[1]])
    with pytest.raises(ShapeError, match="kernel has 2 channel.* input has 3"):
        A.conv2d(np.zeros((3, 5, 5)), np.zeros((2, 3, 3)))
    with pytest.raises(ShapeError, match="bias must hold one number per filter \\(2\\)"):
        A.conv2d(np.zeros((5, 5)), np.zeros((2, 1, 3, 3)), bias=[1, 2, 3])
    with pytest.raises(ShapeError, match="NaN"):
        A.softmax_steps([1.0, float("nan")])
    with pytest.raises(ShapeError, match="outside the 3×3 output"):
        A.conv_unit(np.zeros((5, 5)), np.ones((3, 3)), row=3, col=0)
    with pytest.raises(ShapeError, match="pooling window 4 is larger than the input 3"):
        A.pool2d(np.zeros((3, 3)), "max", 4)


def test_conv_unit_summary_and_steps():
    image = np.arange(16, dtype=float).reshape(4, 4)
    unit = A.conv_unit(image, np.ones((3, 3)), bias=0.1, row=1, col=1, activation="relu")
    assert unit.total == image[1:4, 1:4].sum() == 90.0
    assert unit.value == pytest.approx(90.1)
    assert unit.summary() == (
        "patch ⊙ kernel: 9 products … sum = 90.0000; + bias 0.1000 = 90.1000; relu → 90.1000"
    )
    text = unit.format_steps()
    assert "+ bias 0.1000 = 90.1000" in text and "relu" in text
    assert all(len(line) <= 100 for line in text.splitlines())


# ---- property tests against torch.nn.functional -------------------------------------------------


@st.composite
def conv_cases(draw):
    channels, filters = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    height, width = draw(st.integers(1, 9)), draw(st.integers(1, 9))
    kernel_h, kernel_w = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    padding = (draw(st.integers(0, 2)), draw(st.integers(0, 2)))
    rng = np.random.default_rng(draw(st.integers(0, 2**31)))
    image = rng.normal(size=(channels, height, width))
    kernels = rng.normal(size=(filters, channels, kernel_h, kernel_w))
    bias = rng.normal(size=filters)
    return image, kernels, bias, stride, padding


@settings(max_examples=150, deadline=None)
@given(conv_cases(), st.sampled_from([None, "relu", "tanh"]))
def test_conv2d_matches_torch(case, activation):
    image, kernels, bias, stride, padding = case
    fits = all(
        size + 2 * p >= k and (size + 2 * p - k) % s == 0
        for size, k, s, p in zip(image.shape[1:], kernels.shape[2:], stride, padding, strict=True)
    )
    if not fits:
        with pytest.raises(ShapeError, match="does not fit"):
            A.conv2d(image, kernels, bias, stride, padding)
        return
    expected = F.conv2d(
        torch.from_numpy(image)[None],
        torch.from_numpy(kernels),
        torch.from_numpy(bias),
        stride,
        padding,
    )[0]
    if activation:
        expected = ACTIVATION_FUNCTIONS[activation](expected)
    output = A.conv2d(image, kernels, bias, stride, padding, activation)
    np.testing.assert_allclose(output, expected.numpy(), rtol=1e-10, atol=1e-10)
    # Every unit's worked steps give the same number.
    units = list(A.conv_units(image, kernels, bias, stride, padding, activation))
    assert len(units) == output.size
    np.testing.assert_allclose([u.value for u in units], output.reshape(-1), rtol=1e-10, atol=1e-10)
    # The patch is the zero-padded input under the kernel; the padding mask marks the border.
    padded = np.pad(image, ((0, 0), (padding[0],) * 2, (padding[1],) * 2))
    inside = np.pad(np.ones(image.shape[1:], dtype=bool), ((padding[0],) * 2, (padding[1],) * 2))
    kernel_h, kernel_w = kernels.shape[2:]
    for unit in units[:: max(1, len(units) // 5)]:
        rows = slice(unit.top + padding[0], unit.top + padding[0] + kernel_h)
        cols = slice(unit.left + padding[1], unit.left + padding[1] + kernel_w)
        for step in unit.channels:
            np.testing.assert_array_equal(step.patch, padded[step.channel, rows, cols])
            np.testing.assert_array_equal(step.is_padding, ~inside[rows, cols])
        assert unit.total == pytest.approx(sum(s.sum for s in unit.channels))


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 3),
    st.integers(1, 10),
    st.integers(1, 10),
    st.tuples(st.integers(1, 4), st.integers(1, 4)),
    st.tuples(st.integers(1, 4), st.integers(1, 4)),
    st.sampled_from(["max", "avg"]),
    st.integers(0, 2**31),
)
def test_pool2d_matches_torch(channels, height, width, size, stride, kind, seed):
    image = np.random.default_rng(seed).normal(size=(channels, height, width))
    if size[0] > height or size[1] > width:
        with pytest.raises(ShapeError, match="larger than the input"):
            A.pool2d(image, kind, size, stride)
        return
    torch_pool = F.max_pool2d if kind == "max" else F.avg_pool2d
    expected = torch_pool(torch.from_numpy(image)[None], size, stride)[0].numpy()
    output = A.pool2d(image, kind, size, stride)
    np.testing.assert_allclose(output, expected, rtol=1e-12, atol=1e-12)
    for channel, row, col in [(0, 0, 0), (channels - 1, *np.array(output.shape[1:]) - 1)]:
        unit = A.pool_unit(image, int(row), int(col), kind, size, stride, channel)
        assert unit.value == pytest.approx(expected[channel, row, col], abs=1e-12)
        assert unit.window.shape == size
        if kind == "max":
            assert image[channel][unit.winner] == unit.value == unit.window.max()
        else:
            assert unit.total == pytest.approx(unit.window.sum())
    # A 2-D input keeps its rank.
    assert A.pool2d(image[0], kind, size, stride).shape == output.shape[1:]


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 50),
    st.integers(1, 20),
    st.integers(0, 2**31),
    st.sampled_from([None, "relu", "sigmoid", "scaled_tanh"]),
)
def test_fc_unit_matches_torch_linear(inputs, outputs, seed, activation):
    rng = np.random.default_rng(seed)
    x, bias = rng.normal(size=inputs), rng.normal(size=outputs)
    weights = rng.normal(size=(outputs, inputs))
    expected = F.linear(torch.from_numpy(x), torch.from_numpy(weights), torch.from_numpy(bias))
    if activation:
        expected = ACTIVATION_FUNCTIONS[activation](expected)
    np.testing.assert_allclose(
        A.fc_layer(x, weights, bias, activation), expected.numpy(), rtol=1e-10, atol=1e-12
    )
    unit = A.fc_unit(x, weights[-1], bias[-1], activation, unit=outputs - 1)
    assert unit.value == pytest.approx(float(expected[-1]), rel=1e-10, abs=1e-12)


def test_arithmetic_needs_neither_torch_nor_qt():
    import subprocess
    import sys

    code = (
        "import sys, explainer.core.arithmetic; "
        "print(sorted({'torch', 'PySide6', 'pyqtgraph'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
