"""Attribution maps against captum (the oracle) and finite differences; the live pass; the
sanity check of Adebayo et al. (2018); timings of the live path against captum's."""

from __future__ import annotations

import copy
import time

import numpy as np
import pytest
import torch
from captum.attr import InputXGradient, LayerAttribution, LayerGradCam, Occlusion, Saliency
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer import paths
from explainer.core import attribution as A
from explainer.core.ablation import Ablation
from explainer.core.checkpoint import load_model
from explainer.core.config import ModelConfig
from explainer.core.datasets import load_dataset, to_network_input
from explainer.core.errors import ExplainerError
from explainer.core.model import build_model

torch.set_num_threads(1)

CONFIGS = [
    ModelConfig(),
    ModelConfig(activation="tanh", pool="avg"),
    ModelConfig(activation="scaled_tanh", pool="avg", fc_sizes=(84,)),
    ModelConfig(activation="sigmoid", conv_channels=(4, 8)),
    ModelConfig(input_size=28, padding=2, norm_mean=0.13, norm_std=0.31),
    ModelConfig(in_channels=2, conv_channels=(5, 7), class_names=tuple("abcde")),
]
IDS = ["relu-max", "tanh-avg", "scaled-tanh", "sigmoid", "padded-28", "two-channels"]


@pytest.fixture(scope="module")
def default_model():
    model, _ = load_model(paths.default_checkpoint(), "cpu")
    return model


@pytest.fixture(scope="module")
def digits(default_model):
    """Ten held-out digits, one per class, as eval feeds them, and an ambiguous 3/8 blend."""
    dataset = load_dataset("mnist", "heldout")
    first = [int(np.flatnonzero(dataset.labels == d)[0]) for d in range(10)]
    inputs = to_network_input(dataset.images[first], default_model.config).numpy()
    blend = 0.5 * (dataset.images[first[3]] + dataset.images[first[8]])
    ambiguous = to_network_input(blend[None], default_model.config).numpy()[0]
    return inputs, ambiguous


def _random_input(config: ModelConfig, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    image = (rng.random((config.in_channels, config.input_size, config.input_size)) > 0.7) * 1.0
    return np.asarray(config.normalize(image.astype(np.float32)), np.float32)


def _close_gradients(mine: np.ndarray, oracle: np.ndarray) -> float:
    """Relative agreement of gradient maps: max |difference| / max |oracle| (≤ 1e-5 asked)."""
    scale = float(np.abs(oracle).max())
    error = float(np.abs(mine - oracle).max())
    np.testing.assert_allclose(mine, oracle, rtol=1e-5, atol=1e-5 * max(scale, 1e-12))
    return error / scale if scale else error


def _score_func(model, target, probs=False):
    """captum's forward_func for a class (with target=k) or a contrast (one score per row)."""

    def forward(x):
        out = model(x)
        out = torch.softmax(out, 1) if probs else out
        if isinstance(target, tuple):
            return out[:, target[0]] - out[:, target[1]]
        return out

    return forward, (None if isinstance(target, tuple) else target)


def _captum_maps(model, x, target, layer):
    tensor = torch.as_tensor(x)[None]
    forward, k = _score_func(model, target)
    sal = Saliency(forward).attribute(tensor.clone().requires_grad_(), target=k)
    gxi = InputXGradient(forward).attribute(tensor.clone().requires_grad_(), target=k)
    tapped = A.TappedLeNet(model)
    tapped_forward, _ = _score_func(tapped, target)
    cam = LayerGradCam(tapped_forward, tapped.taps[layer]).attribute(
        tensor, target=k, relu_attributions=True
    )
    size = model.config.input_size
    cam_up = LayerAttribution.interpolate(cam, (size, size), interpolate_mode="bilinear")
    return sal[0].detach().numpy(), gxi[0].detach().numpy(), cam_up[0, 0].detach().numpy()


@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
@pytest.mark.parametrize("target", [1, 4, (2, 0)], ids=["class1", "class4", "contrast2-0"])
def test_gradient_maps_equal_captum_on_random_networks(config, target):
    model = build_model(config, "cpu", seed=7)
    x = _random_input(config, seed=1)
    for layer in ("conv1", "conv2"):
        sal, gxi, cam = _captum_maps(model, x, target, layer)
        mine = A.grad_cam(model, x, target, layer=layer)
        _close_gradients(mine.map, cam)
    assert mine.coarse.shape == config.layer(layer).shape[1:]
    s, g = A.saliency(model, x, target), A.gradient_x_input(model, x, target)
    _close_gradients(s.channels, sal)
    _close_gradients(g.channels, gxi)
    np.testing.assert_array_equal(s.map, s.channels.max(axis=0))  # max over input channels
    np.testing.assert_allclose(g.map, g.channels.sum(axis=0), rtol=1e-6, atol=1e-7)
    assert s.map.shape == g.map.shape == (config.input_size, config.input_size)
    assert s.target == g.target == target and not s.signed and g.signed


def test_gradient_maps_equal_captum_on_the_default_model(default_model, digits):
    inputs, ambiguous = digits
    errors = []
    for x, target in [(inputs[3], 3), (inputs[8], 8), (ambiguous, (3, 8)), (inputs[7], (7, 1))]:
        for layer in ("conv1", "conv2"):
            sal, gxi, cam = _captum_maps(default_model, x, target, layer)
            errors.append(
                _close_gradients(A.grad_cam(default_model, x, target, layer=layer).map, cam)
            )
        errors.append(_close_gradients(A.saliency(default_model, x, target).channels, sal))
        errors.append(_close_gradients(A.gradient_x_input(default_model, x, target).channels, gxi))
    print(f"\ncaptum vs ours, gradient maps: max relative difference {max(errors):.2e}")


@pytest.mark.parametrize("config", CONFIGS[:1] + CONFIGS[4:], ids=["relu-max", "padded", "2ch"])
@pytest.mark.parametrize("geometry", [(6, 2), (5, 3), (1, 1)], ids=["6s2", "5s3", "1s1"])
def test_occlusion_equals_captum(config, geometry):
    window, stride = geometry
    model = build_model(config, "cpu", seed=3)
    x = _random_input(config, seed=2)
    blank = float(config.normalize(0.0))
    tensor = torch.as_tensor(x)[None]
    for target in (2, (0, 1)):
        forward, k = _score_func(model, target, probs=True)
        oracle = Occlusion(forward).attribute(
            tensor,
            sliding_window_shapes=(config.in_channels, window, window),
            strides=(1, stride, stride),
            baselines=blank,
            target=k,
        )[0]
        mine = A.occlusion(model, x, target, window=window, stride=stride)
        for channel in oracle:  # the window covers every channel: the same map for each
            np.testing.assert_allclose(mine.map, channel.numpy(), rtol=1e-5, atol=1e-5)
        assert mine.signed and mine.target == target


def test_occlusion_of_an_ambiguous_digit_equals_captum(default_model, digits):
    _, ambiguous = digits
    config = default_model.config
    forward, _ = _score_func(default_model, 3, probs=True)
    oracle = (
        Occlusion(forward)
        .attribute(
            torch.as_tensor(ambiguous)[None],
            sliding_window_shapes=(1, 6, 6),
            strides=(1, 2, 2),
            baselines=float(config.normalize(0.0)),
            target=3,
        )[0, 0]
        .numpy()
    )
    mine = A.occlusion(default_model, ambiguous, 3)
    assert np.abs(oracle).max() > 1e-2  # a map with something in it
    np.testing.assert_allclose(mine.map, oracle, rtol=1e-5, atol=1e-5)
    print(f"\ncaptum vs ours, occlusion: max |difference| {np.abs(mine.map - oracle).max():.2e}")


def test_saliency_equals_finite_differences(default_model, digits):
    """Central differences of the score in float64, on pixels of the stroke and around it
    where the network is differentiable: where the one-sided differences agree. (In blank
    areas conv1's maps are constant, max pooling has ties, and the two sides differ.)"""
    inputs, ambiguous = digits
    double = copy.deepcopy(default_model).double()
    h = 1e-5
    for x, target in [(inputs[3], 3), (inputs[6], 6), (ambiguous, (3, 8))]:
        sal = A.saliency(default_model, x, target).map
        forward, _ = _score_func(double, target)
        base = torch.as_tensor(x, dtype=torch.float64)[None]

        def score(image: torch.Tensor, forward=forward, target=target) -> float:
            with torch.no_grad():
                out = forward(image)
            return float(out[0] if isinstance(target, tuple) else out[0, target])

        peak = np.unravel_index(np.argmax(sal), sal.shape)
        ink = np.argwhere(x[0] > x.min() + 0.1)
        candidates = [peak, *map(tuple, ink[:: max(1, len(ink) // 12)])]
        checked = 0
        at_x = score(base)
        for row, col in candidates:
            plus, minus = base.clone(), base.clone()
            plus[0, 0, row, col] += h
            minus[0, 0, row, col] -= h
            right, left = (score(plus) - at_x) / h, (at_x - score(minus)) / h
            if abs(right - left) > 1e-4 * max(abs(right), abs(left), 1e-3):
                continue  # a kink or a pooling tie at this pixel: no derivative to compare
            numeric = abs(right + left) / 2
            assert sal[row, col] == pytest.approx(numeric, rel=1e-4, abs=1e-6 * float(sal.max()))
            checked += 1
        assert checked >= 8, checked


def test_gradcam_is_the_documented_formula(default_model, digits):
    x = digits[0][5]
    tensor = torch.as_tensor(x)[None]
    stages = default_model.stages(tensor.requires_grad_())
    conv2 = stages["conv2"]
    (grads,) = torch.autograd.grad(stages["logits"][0, 5], [conv2])
    alpha = grads[0].mean(dim=(1, 2))
    coarse = torch.relu((alpha[:, None, None] * conv2[0]).sum(0))
    up = torch.nn.functional.interpolate(coarse[None, None], size=(32, 32), mode="bilinear")
    cam = A.grad_cam(default_model, x, 5)
    np.testing.assert_allclose(cam.coarse, coarse.detach().numpy(), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(cam.map, up[0, 0].detach().numpy(), rtol=1e-5, atol=1e-7)


def test_live_pass_equals_the_single_maps_and_the_trace(default_model, digits):
    _, ambiguous = digits
    live = A.live_attributions(
        default_model,
        ambiguous,
        (A.FIRST, A.SECOND, (A.FIRST, A.SECOND)),
        gradcam_layers=("conv2", "conv1"),
    )
    trace = default_model.forward_trace(ambiguous)
    first, second = (g.index for g in trace.top(2))
    assert live.targets == (first, second, (first, second))
    for name in trace.names:
        np.testing.assert_allclose(live.trace[name], trace[name], rtol=1e-5, atol=1e-6)
    for i, target in enumerate(live.targets):
        maps = live.maps(i)
        np.testing.assert_allclose(
            maps["saliency"].map, A.saliency(default_model, ambiguous, target).map, rtol=1e-5
        )
        np.testing.assert_allclose(
            maps["gradxinput"].map,
            A.gradient_x_input(default_model, ambiguous, target).map,
            rtol=1e-5,
            atol=1e-7,
        )
        for layer in ("conv1", "conv2"):
            single = A.grad_cam(default_model, ambiguous, target, layer=layer)
            np.testing.assert_allclose(
                maps[f"gradcam:{layer}"].map, single.map, rtol=1e-5, atol=1e-7
            )
        np.testing.assert_allclose(maps["saliency"].probs, trace.probs, rtol=1e-5, atol=1e-7)


def test_maps_follow_knock_outs(default_model, digits):
    x = digits[0][3]
    ablation = Ablation.of([("conv2", 3), ("conv1", 0), ("fc1", 5)])
    tapped = A.TappedLeNet(default_model, ablation)
    with torch.no_grad():
        np.testing.assert_allclose(
            tapped(torch.as_tensor(x)[None]).numpy(),
            default_model(torch.as_tensor(x)[None], ablation).numpy(),
            rtol=1e-6,
        )
    sal = Saliency(tapped).attribute(torch.as_tensor(x)[None].requires_grad_(), target=3)
    _close_gradients(A.saliency(default_model, x, 3, ablate=ablation).channels, sal[0].numpy())
    cam = LayerGradCam(tapped, tapped.taps["conv2"]).attribute(
        torch.as_tensor(x)[None], target=3, relu_attributions=True
    )
    mine = A.grad_cam(default_model, x, 3, ablate=ablation)
    _close_gradients(mine.coarse, cam[0, 0].detach().numpy())
    assert not np.allclose(mine.map, A.grad_cam(default_model, x, 3).map)


def test_sanity_check_trained_and_untrained_saliency_differ(default_model):
    """Adebayo et al. (2018), model randomisation: a map that explains the *trained* network
    must change when its weights are random. Spearman rank correlation of the saliency maps of
    models/default.pt and models/untrained.pt on the same 100 held-out digits."""
    untrained, _ = load_model(paths.models_dir() / "untrained.pt", "cpu")
    dataset = load_dataset("mnist", "heldout")
    inputs = to_network_input(dataset.images[::10], default_model.config).numpy()
    labels = dataset.labels[::10]
    correlations = np.array(
        [
            A.rank_correlation(
                A.saliency(default_model, x, int(k)).map, A.saliency(untrained, x, int(k)).map
            )
            for x, k in zip(inputs, labels, strict=True)
        ]
    )
    mean = float(correlations.mean())
    print(
        f"\nsanity check: Spearman(saliency default.pt, untrained.pt) over {len(inputs)} digits: "
        f"mean {mean:.3f}, median {np.median(correlations):.3f}, max {correlations.max():.3f}"
    )
    assert mean < 0.5
    # The same digit's map against itself is 1, so the statistic can tell them apart.
    x = inputs[0]
    same = A.saliency(default_model, x, int(labels[0])).map
    assert A.rank_correlation(same, same.copy()) == pytest.approx(1.0)


def test_rank_correlation_is_spearmans_with_average_ranks():
    a = np.array([1.0, 2.0, 2.0, 3.0, 5.0])
    b = np.array([5.0, 6.0, 7.0, 8.0, 7.0])
    # ranks a: 1, 2.5, 2.5, 4, 5; ranks b: 1, 2, 3.5, 5, 3.5 → Pearson of the ranks.
    ra, rb = np.array([1, 2.5, 2.5, 4, 5]), np.array([1, 2, 3.5, 5, 3.5])
    assert A.rank_correlation(a, b) == pytest.approx(np.corrcoef(ra, rb)[0, 1])
    assert A.rank_correlation(a, -a) == pytest.approx(-1.0)
    assert np.isnan(A.rank_correlation(np.ones(4), a[:4]))


def test_live_path_is_faster_than_captum(default_model, digits):
    """The measurement behind the live-path choice (explainer/core/attribution.py): per painted
    frame, saliency + gradient × input + Grad-CAM (conv2) of the first and second guesses."""
    x = digits[1]
    tensor = torch.as_tensor(x)[None]
    tapped = A.TappedLeNet(default_model)
    saliency, gxi = Saliency(default_model), InputXGradient(default_model)
    cam = LayerGradCam(tapped, tapped.taps["conv2"])

    def captum_frame() -> None:
        first, second = (g.index for g in default_model.forward_trace(x).top(2))
        for k in (first, second):
            saliency.attribute(tensor.clone().requires_grad_(), target=k)
            gxi.attribute(tensor.clone().requires_grad_(), target=k)
            c = cam.attribute(tensor, target=k, relu_attributions=True)
            LayerAttribution.interpolate(c, (32, 32), interpolate_mode="bilinear")

    def ours() -> None:
        A.live_attributions(default_model, x)

    def closed() -> None:
        default_model.forward_trace(x)

    times = {"captum": [], "ours": [], "closed": []}
    for _ in range(5):
        captum_frame(), ours(), closed()
    for _ in range(40):
        for name, run in (("captum", captum_frame), ("ours", ours), ("closed", closed)):
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    median = {name: 1e3 * float(np.median(v)) for name, v in times.items()}
    print(
        f"\nper frame (median of 40, 1 thread): panel closed (forward_trace) "
        f"{median['closed']:.2f} ms; open, ours (maps + trace in one pass) "
        f"{median['ours']:.2f} ms; "
        f"captum {median['captum']:.2f} ms + trace"
    )
    assert median["ours"] < median["captum"]


# ---- errors a user can cause --------------------------------------------------------------------
def test_bad_targets_layers_and_inputs_raise_explainer_error(default_model, digits):
    x = digits[0][0]
    for target in (10, -1, 10**12, (3, 3), (1, 2, 3), 2.5, True, "nan", None):
        with pytest.raises(ExplainerError):
            A.saliency(default_model, x, target)
    with pytest.raises(ExplainerError, match="conv1, conv2"):
        A.grad_cam(default_model, x, 3, layer="fc1")
    with pytest.raises(ExplainerError, match=r"shape \(1, 32, 32\)"):
        A.saliency(default_model, np.zeros((28, 28), np.float32), 3)
    with pytest.raises(ExplainerError, match="finite"):
        A.saliency(default_model, np.full((32, 32), np.nan, np.float32), 3)
    with pytest.raises(ExplainerError, match="window must be 1..32"):
        A.occlusion(default_model, x, 3, window=33)
    with pytest.raises(ExplainerError, match="stride must be 1..6"):
        A.occlusion(default_model, x, 3, window=6, stride=7)
    with pytest.raises(ExplainerError, match="method must be one of"):
        A.explain(default_model, x, "lime", 3)
    with pytest.raises(ExplainerError, match="Grad-CAM only"):
        A.explain(default_model, x, "saliency", 3, layer="conv1")
    with pytest.raises(ExplainerError, match="at least one target"):
        A.live_attributions(default_model, x, ())


class_refs = st.one_of(
    st.integers(-(10**13), 10**13),
    st.sampled_from([A.FIRST, A.SECOND, "third", "nan", "", 3.0, float("nan"), None, True]),
)
targets = st.one_of(class_refs, st.tuples(class_refs, class_refs), st.lists(class_refs, max_size=3))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    method=st.sampled_from([*A.METHODS, "lime", ""]),
    target=targets,
    layer=st.sampled_from([None, "conv1", "conv2", "pool1", "fc1", "logits", "conv9", ""]),
)
def test_explain_either_answers_or_says_what_was_expected(
    default_model, digits, method, target, layer
):
    x = digits[1]
    try:
        result = A.explain(default_model, x, method, target, layer=layer)
    except ExplainerError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert method in A.METHODS
    assert result.map.shape == (32, 32) and np.all(np.isfinite(result.map))
    n = default_model.config.num_classes
    resolved = result.target if isinstance(result.target, tuple) else (result.target,)
    assert all(0 <= k < n for k in resolved)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    target_list=st.lists(targets, max_size=4),
    layers=st.lists(st.sampled_from(["conv1", "conv2", "pool2", "fc2", "nope"]), max_size=3),
    ablate=st.sampled_from([None, "conv2:3", "conv1:0,fc2:99", "conv2:16", "fc1:1e12"]),
)
def test_live_pass_either_answers_or_says_what_was_expected(
    default_model, digits, target_list, layers, ablate
):
    x = digits[1]
    try:
        ablation = Ablation.parse(ablate, default_model.config) if ablate else None
        live = A.live_attributions(
            default_model, x, tuple(target_list), gradcam_layers=tuple(layers), ablate=ablation
        )
    except ExplainerError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert len(live.targets) == len(target_list) == len(live.saliency) == len(live.gradxinput)
    for layer in layers:
        assert len(live.gradcam[layer]) == len(target_list)
    for i in range(len(target_list)):
        assert all(m.map.shape == (32, 32) for m in live.maps(i).values())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    window=st.one_of(st.integers(-2, 40), st.sampled_from([10**12, 2.5, float("nan"), "6", True])),
    stride=st.one_of(st.integers(-2, 40), st.sampled_from([10**12, 0.5, float("nan"), None])),
    target=targets,
)
def test_occlusion_either_answers_or_says_what_was_expected(
    default_model, digits, window, stride, target
):
    try:
        result = A.occlusion(default_model, digits[1], target, window=window, stride=stride)
    except ExplainerError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert 1 <= window <= 32 and 1 <= stride <= window
    assert result.map.shape == (32, 32) and np.all(np.isfinite(result.map))
