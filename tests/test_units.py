import numpy as np
import torch

from explainer.core.config import ModelConfig
from explainer.core.model import build_model
from explainer.core.units import UnitRef, receptive_fields


def _depends_on_input(model, layer: str, unit: UnitRef) -> np.ndarray:
    """Which input pixels change the unit: the gradient's support, computed by torch."""
    x = torch.zeros(1, 1, 32, 32, requires_grad=True)
    stages = model.stages(x + 0.5)
    value = stages[layer][0, unit.channel, unit.row, unit.col]
    (grad,) = torch.autograd.grad(value, x)
    return grad[0, 0].abs().numpy() > 0


def test_receptive_field_matches_gradient_support():
    # tanh + avg pool: every input in the window gets a non-zero gradient.
    config = ModelConfig(activation="tanh", pool="avg")
    model = build_model(config, "cpu", seed=0)
    for layer, unit in [
        ("conv1", UnitRef("conv1", 2, 7, 11)),
        ("pool1", UnitRef("pool1", 1, 13, 0)),
        ("conv2", UnitRef("conv2", 5, 3, 9)),
        ("pool2", UnitRef("pool2", 15, 4, 2)),
    ]:
        support = _depends_on_input(model, layer, unit)
        r0, c0, r1, c1 = receptive_fields(config, unit)["input"]
        expected = np.zeros_like(support)
        expected[r0:r1, c0:c1] = True
        assert (support == expected).all(), layer


def test_padding_clips_to_the_input():
    config = ModelConfig(input_size=28, padding=2)
    assert receptive_fields(config, UnitRef("conv1", 0, 0, 0))["input"] == (0, 0, 3, 3)


def test_fc_units_see_everything():
    boxes = receptive_fields(ModelConfig(), UnitRef("fc1", 7))
    assert boxes["input"] == (0, 0, 32, 32) and boxes["pool2"] == (0, 0, 5, 5)
