"""Knock-outs: switching units off equals zeroing their output with torch hooks (the oracle)."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.core.ablation import NO_ABLATION, Ablation, ablatable_layers, keep_masks
from explainer.core.config import ModelConfig
from explainer.core.errors import ExplainerError
from explainer.core.model import build_model

torch.set_num_threads(1)

CONFIGS = [
    ModelConfig(),
    ModelConfig(activation="tanh", pool="avg"),
    ModelConfig(activation="sigmoid", conv_channels=(4, 8), fc_sizes=(30, 20, 10)),
    ModelConfig(input_size=28, padding=2, activation="scaled_tanh"),
]
IDS = ["relu-max", "tanh-avg", "sigmoid-3fc", "padded-scaled-tanh"]


def _batch(config: ModelConfig, n: int = 4, seed: int = 0) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.rand(n, config.in_channels, config.input_size, config.input_size, generator=g)


def _next_module(model, layer: str):
    """The module that reads `layer`'s output (through pooling / flattening, which map a map of
    zeros to zeros)."""
    names = [s.name for s in model.config.layers() if s.has_weights]
    return getattr(model, names[names.index(layer) + 1])


def _zeroing_pre_hook(model, layer: str, index: int):
    """Oracle: zero what `layer`'s unit contributes to the next module's input."""
    spec = model.config.layer(layer)
    reader = _next_module(model, layer)
    if spec.is_spatial:
        per_channel = 1
        if isinstance(reader, torch.nn.Linear):  # conv2 → pool2 → flattened into fc1
            per_channel = model.config.layer("pool2").shape[1] ** 2

        def hook(module, args):
            (x,) = args
            x = x.clone()
            if x.dim() == 4:
                x[:, index] = 0
            else:
                x[:, index * per_channel : (index + 1) * per_channel] = 0
            return (x,)
    else:

        def hook(module, args):
            (x,) = args
            x = x.clone()
            x[:, index] = 0
            return (x,)

    return reader.register_forward_pre_hook(hook)


@pytest.mark.parametrize("config", CONFIGS, ids=IDS)
def test_knocking_out_a_unit_equals_zeroing_its_output_with_hooks(config):
    model = build_model(config, "cpu", seed=2)
    x = _batch(config)
    with torch.no_grad():
        plain_stages = model.stages(x)
    changed = 0
    for layer, count in ablatable_layers(config).items():
        for index in sorted({0, count // 2, count - 1}):
            handle = _zeroing_pre_hook(model, layer, index)
            try:
                with torch.no_grad():
                    oracle = model(x)
            finally:
                handle.remove()
            with torch.no_grad():
                ablated = model(x, Ablation.of([(layer, index)]))
                plain = model(x)
            torch.testing.assert_close(ablated, oracle, rtol=1e-6, atol=1e-6)
            if plain_stages[layer][:, index].abs().max() > 0:  # a dead ReLU unit changes nothing
                assert not torch.equal(ablated, plain), (layer, index)
                changed += 1
    assert changed >= 8


def test_knocking_out_a_filter_equals_a_forward_hook_on_its_conv_for_relu():
    """With ReLU (act(0) = 0), zeroing a conv module's output channel is the same thing."""
    model = build_model(ModelConfig(), "cpu", seed=4)
    x = _batch(model.config)

    def zero_channel(index):
        def hook(module, args, output):
            output = output.clone()
            output[:, index] = 0
            return output

        return hook

    handles = [
        model.conv2.register_forward_hook(zero_channel(3)),
        model.conv1.register_forward_hook(zero_channel(0)),
    ]
    try:
        with torch.no_grad():
            oracle = model(x)
    finally:
        for handle in handles:
            handle.remove()
    ablation = Ablation.parse("conv2:3,conv1:0", model.config)
    with torch.no_grad():
        torch.testing.assert_close(model(x, ablation), oracle, rtol=1e-6, atol=1e-6)
        stages = model.stages(x, ablation)
    torch.testing.assert_close(stages["logits"], oracle, rtol=1e-6, atol=1e-6)


def test_the_trace_shows_the_zeroed_maps_and_keeps_the_pre_activation():
    model = build_model(ModelConfig(activation="sigmoid"), "cpu", seed=1)
    x = _batch(model.config, 1)[0]
    ablation = Ablation.of([("conv1", 2), ("conv2", 5), ("fc1", 7), ("fc2", 0)])
    trace = model.forward_trace(x, ablate=ablation)
    plain = model.forward_trace(x)
    assert trace.ablation == ablation and plain.ablation == NO_ABLATION
    assert np.all(trace["conv1"][2] == 0) and np.all(trace["pool1"][2] == 0)
    assert np.all(trace["conv2"][5] == 0) and np.all(trace["pool2"][5] == 0)
    assert trace["fc1"][7] == 0 and trace["fc2"][0] == 0
    np.testing.assert_array_equal(trace["conv1_pre"], plain["conv1_pre"])  # as computed
    np.testing.assert_array_equal(trace["conv1"][[0, 1, 3]], plain["conv1"][[0, 1, 3]])
    assert not np.allclose(trace.probs, plain.probs)
    with torch.no_grad():
        logits = model(torch.as_tensor(x)[None], ablation)[0].numpy()
    np.testing.assert_allclose(trace.logits, logits, rtol=1e-6, atol=1e-6)
    # Pairs are accepted as they are, and an empty ablation is the plain network.
    np.testing.assert_array_equal(
        model.forward_trace(x, ablate=[("conv1", 2), ("conv2", 5), ("fc1", 7), ("fc2", 0)]).probs,
        trace.probs,
    )
    np.testing.assert_array_equal(model.forward_trace(x, ablate=NO_ABLATION).probs, plain.probs)


def test_masks_first_made_under_inference_mode_still_carry_gradients():
    """forward_trace (inference mode) is usually the first pass with a new ablation; the cached
    masks must still work in a pass with gradients (the Why panel's)."""
    from explainer.core.attribution import live_attributions

    model = build_model(ModelConfig(), "cpu", seed=9)
    ablation = Ablation.parse("conv2:1,fc1:3,conv1:4")
    x = _batch(model.config, 1)[0]
    trace = model.forward_trace(x, ablate=ablation)
    live = live_attributions(model, x, ablate=ablation)
    np.testing.assert_allclose(live.trace.probs, trace.probs, rtol=1e-5, atol=1e-7)
    assert live.trace.ablation == ablation


def test_knocking_out_every_conv1_filter_leaves_only_the_biases():
    model = build_model(ModelConfig(), "cpu", seed=0)
    everything = Ablation.of([("conv1", c) for c in range(6)])
    a, b = _batch(model.config, 2)
    ta, tb = model.forward_trace(a, ablate=everything), model.forward_trace(b, ablate=everything)
    np.testing.assert_array_equal(ta.probs, tb.probs)  # the input no longer matters


def test_ablation_value_semantics():
    config = ModelConfig()
    a = Ablation.parse(" conv2:3 , conv1:0,fc1:17 ", config)
    assert a.spec() == "conv1:0,conv2:3,fc1:17"
    assert Ablation.parse(a.spec()) == a and hash(Ablation.parse(a.spec())) == hash(a)
    assert a.indices("conv2") == (3,) and a.layers == ("conv1", "conv2", "fc1")
    assert ("conv2", 3) in a and len(a) == 3 and list(a)[0] == ("conv1", 0)
    assert a.toggled("conv2", 3) == Ablation.parse("conv1:0,fc1:17")
    assert a.toggled("fc2", np.int64(4)).indices("fc2") == (4,)
    assert not NO_ABLATION and Ablation.of(None) is NO_ABLATION
    assert Ablation.of(a) is a and Ablation.of("fc2:1") == Ablation.of([["fc2", 1]])
    small = ModelConfig(conv_channels=(4, 8), fc_sizes=(10,))
    assert Ablation.parse("conv1:5,conv2:3,fc2:1,fc1:9").restricted_to(small) == Ablation.of(
        [("conv2", 3), ("fc1", 9)]
    )
    assert Ablation.parse("conv1:5,conv2:3,fc2:1,fc1:9").missing_in(small) == Ablation.of(
        [("conv1", 5), ("fc2", 1)]
    )
    masks = keep_masks(a, config, "cpu")
    assert masks["conv2"].shape == (16, 1, 1) and masks["fc1"].shape == (120,)
    assert masks["conv2"].flatten().tolist() == [0.0 if c == 3 else 1.0 for c in range(16)]
    assert keep_masks(a, config, "cpu") is masks  # cached


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (
            "conv9:1",
            "no layer 'conv9'.*conv1 \\(channels 0..5\\), conv2 \\(channels 0..15\\), "
            "fc1 \\(units 0..119\\), fc2 \\(units 0..99\\)",
        ),
        ("conv2:16", "conv2 has channels 0..15, found 16"),
        ("fc1:120", "fc1 has units 0..119, found 120"),
        ("logits:3", "no layer 'logits'"),
        ("pool1:0", "no layer 'pool1'"),
        ("conv2:-1", "whole-number index"),
        ("conv2:nan", "whole-number index"),
        ("conv2", "whole-number index"),
        ("", "layer:index pairs"),
        ("conv2:3,", "whole-number index"),
    ],
)
def test_units_that_do_not_exist_are_named(spec, message):
    with pytest.raises(ExplainerError, match=message):
        Ablation.parse(spec, ModelConfig())


def test_a_model_refuses_units_it_does_not_have():
    model = build_model(ModelConfig(), "cpu", seed=0)
    x = _batch(model.config, 1)
    with pytest.raises(ExplainerError, match="conv2 has channels 0..15, found 99"):
        model(x, [("conv2", 99)])
    with pytest.raises(ExplainerError, match="no layer 'conv3'"):
        model.forward_trace(x[0], ablate=Ablation.of([("conv3", 0)]))
    for bad in ([("conv1", 1.5)], [("conv1", True)], [(3, 1)], [("conv1",)], 5):
        with pytest.raises(ExplainerError):
            model(x, Ablation.of(bad))


layer_names = st.sampled_from(["conv1", "conv2", "fc1", "fc2", "pool1", "logits", "input", "x"])
indices = st.one_of(st.integers(-5, 200), st.sampled_from([10**12, -(10**12)]))
texts = st.one_of(
    st.lists(st.tuples(layer_names, indices).map(lambda p: f"{p[0]}:{p[1]}"), max_size=4).map(
        ",".join
    ),
    st.sampled_from(["conv2:nan", "conv2:1e3", "conv2:3.0", ":", "conv2::3", "conv2:+3", "¿"]),
    st.text(max_size=12),
)


@settings(max_examples=150, deadline=None)
@given(text=texts)
def test_parse_either_gives_existing_units_or_says_what_exists(text):
    config = ModelConfig()
    try:
        ablation = Ablation.parse(text, config)
    except ExplainerError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    layers = ablatable_layers(config)
    assert ablation and all(0 <= i < layers[name] for name, i in ablation)
    assert Ablation.parse(ablation.spec(), config) == ablation
