import numpy as np
import pytest
import torch
import torch.nn.functional as F

from explainer.core.config import ModelConfig
from explainer.core.errors import ConfigError, ExplainerError
from explainer.core.model import LeNet, build_model, pick_device

CONFIGS = [
    ModelConfig(),
    ModelConfig(activation="tanh", pool="avg"),
    ModelConfig(activation="scaled_tanh", pool="avg", fc_sizes=(120, 84)),
    ModelConfig(activation="sigmoid", conv_channels=(4, 12)),
    ModelConfig(input_size=28, padding=2, conv_channels=(8, 16), norm_mean=0.13, norm_std=0.31),
    ModelConfig(fc_sizes=(64,), class_names=tuple("abcde")),
]


@pytest.mark.parametrize("config", CONFIGS, ids=lambda c: f"{c.activation}-{c.pool}-{c.fc_sizes}")
def test_trace_equals_plain_forward(config):
    model = build_model(config, "cpu", seed=3)
    x = torch.rand(1, 1, config.input_size, config.input_size)
    trace = model.forward_trace(x)
    with torch.no_grad():
        logits = model(x)[0].numpy()
    np.testing.assert_allclose(trace.logits, logits, atol=1e-6)
    np.testing.assert_allclose(trace.probs, torch.softmax(torch.from_numpy(logits), 0), atol=1e-6)
    assert {k: v.shape for k, v in trace.tensors.items()} == config.layer_shapes()
    assert all(v.dtype == np.float32 for v in trace.tensors.values())


def test_trace_stages_are_the_documented_operations():
    model = build_model(ModelConfig(activation="scaled_tanh", pool="avg"), "cpu", seed=5)
    x = np.random.default_rng(0).random((32, 32), dtype=np.float32)
    t = model.forward_trace(x)
    w1, b1 = model.conv1.weight.detach(), model.conv1.bias.detach()
    conv1_pre = F.conv2d(torch.from_numpy(x)[None, None], w1, b1)[0].numpy()
    np.testing.assert_allclose(t["conv1_pre"], conv1_pre, atol=1e-5)
    np.testing.assert_allclose(t["conv1"], 1.7159 * np.tanh(2 / 3 * conv1_pre), atol=1e-5)
    pooled = t["conv1"].reshape(6, 14, 2, 14, 2).mean(axis=(2, 4))
    np.testing.assert_allclose(t["pool1"], pooled, atol=1e-6)
    fc1_pre = (
        model.fc1.weight.detach().numpy() @ t["pool2"].reshape(-1) + model.fc1.bias.detach().numpy()
    )
    np.testing.assert_allclose(t["fc1_pre"], fc1_pre, atol=1e-5)


def test_max_pool_and_relu_stages():
    model = build_model(ModelConfig(), "cpu", seed=1)
    t = model.forward_trace(np.random.default_rng(1).random((1, 32, 32), dtype=np.float32))
    np.testing.assert_array_equal(t["conv2"], np.maximum(t["conv2_pre"], 0))
    np.testing.assert_array_equal(t["pool2"], t["conv2"].reshape(16, 5, 2, 5, 2).max(axis=(2, 4)))


def test_top_two_is_sorted_and_named():
    config = ModelConfig(class_names=tuple("abcdefghij"))
    trace = build_model(config, "cpu", seed=0).forward_trace(np.ones((32, 32), np.float32))
    first, second = trace.top(2)
    order = np.argsort(-trace.probs)
    assert (first.index, second.index) == (order[0], order[1])
    assert first.label == "abcdefghij"[order[0]] and first.prob >= second.prob


def test_wrong_input_shape_is_a_clear_error():
    model = build_model(ModelConfig(), "cpu", seed=0)
    with pytest.raises(ExplainerError, match=r"\(1, 32, 32\).*\(28, 28\)"):
        model.forward_trace(np.zeros((28, 28), np.float32))


def test_config_round_trip_and_validation():
    config = ModelConfig(activation="tanh", fc_sizes=(120, 84), class_names=("cat", "dog"))
    assert ModelConfig.from_dict(config.to_dict()) == config
    with pytest.raises(ConfigError, match="unknown config keys"):
        ModelConfig.from_dict({**config.to_dict(), "dropout": 0.5})
    with pytest.raises(ConfigError, match="activation"):
        ModelConfig(activation="gelu")
    with pytest.raises(ConfigError, match="input too small"):
        ModelConfig(input_size=12)


def test_param_counts_match_torch():
    for config in CONFIGS:
        model = LeNet(config)
        counts = config.param_counts()
        for name, count in counts.items():
            layer = getattr(model, name)
            assert count == sum(p.numel() for p in layer.parameters()), name
    assert ModelConfig().param_counts()["conv1"] == (5 * 5 * 1 + 1) * 6 == 156


def test_device_choice():
    assert pick_device("cpu").type == "cpu"
    expected = "cuda" if torch.cuda.is_available() else "cpu"
    assert pick_device(None).type == expected == pick_device("auto").type
    with pytest.raises(ExplainerError, match="unknown device"):
        pick_device("tpu9")
    if not torch.cuda.is_available():
        with pytest.raises(ExplainerError, match="no CUDA GPU"):
            pick_device("cuda")
