"""The operations applied to the real network: `explain_unit(model, trace, layer, channel, row,
col)` works one unit through with the network's own weights and the inputs recorded in its Trace;
`explain_layer` recomputes a whole layer.

No torch import here: the model's tensors are read through `.detach().cpu().numpy()`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from explainer.core.arithmetic.operations import (
    _conv_unit,
    _pool_unit,
    conv2d,
    fc_layer,
    fc_unit,
    pool2d,
    softmax_steps,
)
from explainer.core.arithmetic.results import UnitResult
from explainer.core.errors import ExplainerError, ShapeError

if TYPE_CHECKING:
    from explainer.core.model import LeNet
    from explainer.core.trace import Trace


def _numpy(tensor: Any) -> np.ndarray:
    return tensor.detach().cpu().numpy().astype(np.float64)


def network_layers(model: LeNet) -> tuple[str, ...]:
    """The layers explain_unit knows, in network order."""
    return ("conv1", "pool1", "conv2", "pool2", *model.fc_names, "logits", "probs")


def _fc_inputs(model: LeNet, trace: Trace, layer: str) -> tuple[np.ndarray, tuple[str, ...]]:
    order = ["pool2", *model.fc_names, "logits"]
    source = order[order.index(layer) - 1]
    values = np.asarray(trace[source], dtype=np.float64)
    coords = np.stack(np.unravel_index(np.arange(values.size), values.shape), axis=1)
    labels = tuple(f"{source}[{','.join(map(str, c))}]" for c in coords.tolist())
    return values.reshape(-1), labels


def _check_index(name: str, value: int | None, size: int, layer: str) -> int:
    if value is None:
        raise ShapeError(f"{layer} units are addressed by channel, row and col; {name} is missing")
    if int(value) != value or not 0 <= value < size:
        raise ShapeError(f"{layer} {name} {value} is out of range: expected 0–{size - 1}")
    return int(value)


def explain_unit(
    model: LeNet,
    trace: Trace,
    layer: str,
    channel: int = 0,
    row: int | None = None,
    col: int | None = None,
) -> UnitResult:
    """The worked arithmetic of trace[layer][channel, row, col] (fc/logits/probs: [channel]),
    from the model's own weights and the trace's inputs; `network_value` holds the trace value."""
    layers = network_layers(model)
    if layer == "softmax":
        layer = "probs"
    if layer not in layers:
        raise ExplainerError(f"unknown layer {layer!r}; expected one of {', '.join(layers)}")
    shape = trace[layer].shape
    channel = _check_index("channel" if len(shape) == 3 else "unit", channel, shape[0], layer)
    activation = model.config.activation
    if layer in ("conv1", "conv2"):
        row = _check_index("row", row, shape[1], layer)
        col = _check_index("col", col, shape[2], layer)
        conv = getattr(model, layer)
        source = trace["input" if layer == "conv1" else "pool1"]
        result: UnitResult = _conv_unit(
            np.asarray(source, dtype=np.float64),
            _numpy(conv.weight[channel]),
            float(_numpy(conv.bias)[channel]) if conv.bias is not None else 0.0,
            row,
            col,
            tuple(conv.stride),
            tuple(conv.padding),
            activation,
            layer,
            channel,
        )
    elif layer in ("pool1", "pool2"):
        row = _check_index("row", row, shape[1], layer)
        col = _check_index("col", col, shape[2], layer)
        source = trace["conv1" if layer == "pool1" else "conv2"]
        size = model.config.pool_size
        result = _pool_unit(
            np.asarray(source[channel], dtype=np.float64),
            row,
            col,
            model.config.pool,
            (size, size),
            (size, size),
            channel,
            layer,
        )
    elif layer == "probs":
        result = softmax_steps(trace["logits"], model.config.class_names, channel)
    else:
        linear = getattr(model, layer)
        inputs, labels = _fc_inputs(model, trace, layer)
        bias = float(_numpy(linear.bias)[channel])
        result = fc_unit(
            inputs,
            _numpy(linear.weight[channel]),
            bias,
            None if layer == "logits" else activation,
            unit=channel,
            layer=layer,
            input_labels=labels,
        )
    index = (channel,) if len(shape) == 1 else (channel, row, col)
    network_value = float(trace[layer][index])
    return _with_network_value(result, network_value)


def _with_network_value(result: UnitResult, network_value: float) -> UnitResult:
    return replace(result, network_value=network_value)


def explain_layer(model: LeNet, trace: Trace, layer: str) -> np.ndarray:
    """The whole layer recomputed with this module's vectorised functions (for an output map that
    fills in as a stepper runs, and to check every unit at once against the trace)."""
    layers = network_layers(model)
    if layer == "softmax":
        layer = "probs"
    if layer not in layers:
        raise ExplainerError(f"unknown layer {layer!r}; expected one of {', '.join(layers)}")
    activation = model.config.activation
    if layer in ("conv1", "conv2"):
        conv = getattr(model, layer)
        source = trace["input" if layer == "conv1" else "pool1"]
        bias = _numpy(conv.bias) if conv.bias is not None else None
        return conv2d(
            source, _numpy(conv.weight), bias, tuple(conv.stride), tuple(conv.padding), activation
        )
    if layer in ("pool1", "pool2"):
        source = trace["conv1" if layer == "pool1" else "conv2"]
        return pool2d(source, model.config.pool, model.config.pool_size)  # type: ignore[arg-type]
    if layer == "probs":
        return softmax_steps(trace["logits"]).probs
    linear = getattr(model, layer)
    inputs, _ = _fc_inputs(model, trace, layer)
    return fc_layer(
        inputs,
        _numpy(linear.weight),
        _numpy(linear.bias),
        None if layer == "logits" else activation,
    )
