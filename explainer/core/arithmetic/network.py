"""The operations applied to the real network: `explain_unit(model, trace, layer, channel, row,
col)` works one unit through with the network's own weights and the inputs recorded in its Trace;
`explain_layer` recomputes a whole layer.

Which layer reads which, and what each does, comes from the config's layer table
(`ModelConfig.layers()`), so a network with other layer sizes or more FC layers needs nothing
here. `probs`, the softmax of the output layer, is not a row of the table but a traced tensor of
its own, explained here as the softmax of that layer.

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
from explainer.core.config import CONV, INPUT, OUTPUT, POOL, LayerSpec
from explainer.core.errors import ExplainerError, ShapeError

if TYPE_CHECKING:
    from explainer.core.model import LeNet
    from explainer.core.trace import Trace

PROBS = "probs"  # the softmax of the output layer, as the trace names it
_ALIASES = {"softmax": PROBS}


def _numpy(tensor: Any) -> np.ndarray:
    return tensor.detach().cpu().numpy().astype(np.float64)


def network_layers(model: LeNet) -> tuple[str, ...]:
    """The layers explain_unit knows, in network order: every layer of the table after the
    input, then probs."""
    return (*(spec.name for spec in model.config.layers() if spec.kind != INPUT), PROBS)


def _output_layer(model: LeNet) -> LayerSpec:
    return next(spec for spec in model.config.layers() if spec.kind == OUTPUT)


def _resolve(model: LeNet, layer: str) -> tuple[str, LayerSpec | None]:
    """The layer's trace name and its row of the table (None for probs); an ExplainerError
    naming the layers there are when it is none of them."""
    layer = _ALIASES.get(layer, layer)
    layers = network_layers(model)
    if layer not in layers:
        raise ExplainerError(f"unknown layer {layer!r}; expected one of {', '.join(layers)}")
    return layer, None if layer == PROBS else model.config.layer(layer)


def _activation(model: LeNet, spec: LayerSpec) -> str | None:
    return model.config.activation if spec.has_activation else None


def _fc_inputs(trace: Trace, spec: LayerSpec) -> tuple[np.ndarray, tuple[str, ...]]:
    """The layer's inputs, flattened, and the name of each: 'pool2[0,3,2]', 'fc2[7]'."""
    values = np.asarray(trace[spec.source], dtype=np.float64)
    coords = np.stack(np.unravel_index(np.arange(values.size), values.shape), axis=1)
    labels = tuple(f"{spec.source}[{','.join(map(str, c))}]" for c in coords.tolist())
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
    layer, spec = _resolve(model, layer)
    shape = trace[layer].shape
    channel = _check_index("channel" if len(shape) == 3 else "unit", channel, shape[0], layer)
    if len(shape) == 3:
        row = _check_index("row", row, shape[1], layer)
        col = _check_index("col", col, shape[2], layer)
    result: UnitResult
    if spec is None:
        result = softmax_steps(trace[_output_layer(model).name], model.config.class_names, channel)
    elif spec.kind == CONV:
        conv = getattr(model, spec.name)
        result = _conv_unit(
            np.asarray(trace[spec.source], dtype=np.float64),
            _numpy(conv.weight[channel]),
            float(_numpy(conv.bias)[channel]) if conv.bias is not None else 0.0,
            row,
            col,
            (spec.stride, spec.stride),
            (spec.padding, spec.padding),
            _activation(model, spec),
            layer,
            channel,
        )
    elif spec.kind == POOL:
        result = _pool_unit(
            np.asarray(trace[spec.source][channel], dtype=np.float64),
            row,
            col,
            model.config.pool,
            (spec.kernel, spec.kernel),
            (spec.stride, spec.stride),
            channel,
            layer,
        )
    else:  # FC or OUTPUT: a linear layer
        linear = getattr(model, spec.name)
        inputs, labels = _fc_inputs(trace, spec)
        result = fc_unit(
            inputs,
            _numpy(linear.weight[channel]),
            float(_numpy(linear.bias)[channel]),
            _activation(model, spec),
            unit=channel,
            layer=layer,
            input_labels=labels,
        )
    index = (channel,) if len(shape) == 1 else (channel, row, col)
    return replace(result, network_value=float(trace[layer][index]))


def explain_layer(model: LeNet, trace: Trace, layer: str) -> np.ndarray:
    """The whole layer recomputed with the vectorised operations (for an output map that fills
    in as a stepper runs, and to check every unit at once against the trace)."""
    layer, spec = _resolve(model, layer)
    if spec is None:
        return softmax_steps(trace[_output_layer(model).name]).probs
    source = trace[spec.source]
    if spec.kind == CONV:
        conv = getattr(model, spec.name)
        bias = _numpy(conv.bias) if conv.bias is not None else None
        return conv2d(
            source,
            _numpy(conv.weight),
            bias,
            spec.stride,
            spec.padding,
            _activation(model, spec),
        )
    if spec.kind == POOL:
        return pool2d(source, model.config.pool, spec.kernel, spec.stride)  # type: ignore[arg-type]
    linear = getattr(model, spec.name)
    inputs, _ = _fc_inputs(trace, spec)
    return fc_layer(inputs, _numpy(linear.weight), _numpy(linear.bias), _activation(model, spec))
