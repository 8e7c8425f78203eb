"""Importing other people's weights: a plain LeNet-like state_dict becomes a Checkpoint.

The architecture is read from the tensor shapes: two 4-D conv weights (in/out channels, square
kernel) followed by 2-D linear weights (hidden sizes; the last one gives the number of classes).
Recognised namings: the PyTorch tutorial LeNet (``conv1, conv2, fc1, fc2, fc3``), ``nn.Sequential``
indices (``0.weight, 3.weight, ...`` or ``features.0`` / ``classifier.1``), our own LeNet's names,
and other names in module order. When the state_dict's own order does not chain (safetensors sorts
its keys as strings, so "11" comes before "7"), the layers are put in natural name order.
The input size is inferred from fc1's in_features = c2·s² (s = pool2's output size, pool 2 assumed),
preferring 32×32 without padding. Activation, pooling and class names cannot be read from weights:
they default to ReLU, max pooling and "0".."N-1", and can be given as keyword arguments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import torch

from explainer.core.checkpoint.record import Checkpoint
from explainer.core.checkpoint.validation import (
    check_float_and_finite,
    check_tensors,
    join,
    shape_text,
    validate_state_dict,
    weight_layer_names,
)
from explainer.core.config import (
    ACTIVATIONS,
    CONV,
    DIGIT_CLASSES,
    MAX_CHANNELS,
    MAX_CLASSES,
    MAX_FC_LAYERS,
    MAX_FC_WIDTH,
    MAX_INPUT_SIZE,
    POOL_KINDS,
    ModelConfig,
)
from explainer.core.errors import CheckpointError, ConfigError

# Keys under which training scripts commonly wrap a state_dict, tried in this order.
WRAPPER_KEYS = ("state_dict", "model_state_dict", "model")


def find_state_dict(payload: Any, label: str) -> tuple[Mapping[str, Any], str | None]:
    if not isinstance(payload, Mapping):
        raise CheckpointError(
            f"{label}: not a checkpoint: holds a {type(payload).__name__}, "
            "expected a dict (a state_dict or our checkpoint format)"
        )
    for key in WRAPPER_KEYS:
        inner = payload.get(key)
        if isinstance(inner, Mapping) and inner:
            return inner, key
    if not payload:
        raise CheckpointError(f"{label}: not a checkpoint: an empty dict")
    if not any(isinstance(v, torch.Tensor) for v in payload.values()):
        keys = ", ".join(str(k) for k in list(payload)[:6])
        raise CheckpointError(
            f"{label}: not a checkpoint: a dict without tensors (keys: {keys}); expected a "
            f"state_dict, or one under {' / '.join(repr(k) for k in WRAPPER_KEYS)}"
        )
    return payload, None


@dataclass
class _Layer:
    prefix: str  # module path in the source state_dict, e.g. "conv1" or "features.0"
    weight: torch.Tensor
    bias: torch.Tensor | None

    @property
    def kind(self) -> str:
        return {4: "conv", 2: "linear"}.get(self.weight.dim(), "other")


def _natural_key(text: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


def import_state_dict(
    state_dict: Mapping[str, Any],
    *,
    activation: str | None = None,
    pool: str | None = None,
    pool_size: int | None = None,
    class_names: tuple[str, ...] | list[str] | None = None,
    input_size: int | None = None,
    padding: int | None = None,
    norm_mean: float | None = None,
    norm_std: float | None = None,
    source: str = "state_dict",
) -> Checkpoint:
    """Build a Checkpoint from a plain LeNet-like state_dict, inferring the config from shapes.

    ``source`` starts every error message (the file name when called from load_checkpoint).
    Activation, pooling, class names and normalisation cannot be read from weights; defaults are
    relu, max, "0".."N-1" and none. input_size/padding are inferred unless given.
    """
    label = source
    if not isinstance(state_dict, Mapping):
        raise CheckpointError(
            f"{label}: expected a state_dict (dict of tensors), found {type(state_dict).__name__}"
        )
    check_tensors(state_dict, label)
    tensors: dict[str, torch.Tensor] = dict(state_dict)
    if tensors and all(k.startswith("module.") for k in tensors):  # saved from nn.DataParallel
        tensors = {k.removeprefix("module."): v for k, v in tensors.items()}
    check_float_and_finite(tensors, label, require_float=False)  # names the source's keys

    layers, others = _group_layers(tensors)
    scheme = _naming_scheme(layers)
    _check_named_layers_complete(layers, others, scheme, label)
    convs = [layer for layer in layers if layer.kind == "conv"]
    linears = [layer for layer in layers if layer.kind == "linear"]
    if others or len(convs) != 2 or not linears or any(lay.kind == "other" for lay in layers):
        raise CheckpointError(
            f"{label}: unsupported architecture: {_describe_found(layers, others)}"
        )
    check_float_and_finite(
        {
            f"{lay.prefix}.{part}": t
            for lay in layers
            for part, t in (("weight", lay.weight), ("bias", lay.bias))
            if t is not None
        },
        label,
    )
    missing_bias = [f"{lay.prefix}.bias" for lay in layers if lay.bias is None]
    if missing_bias:
        raise CheckpointError(f"{label}: missing {join(missing_bias)}")
    _check_sizes(convs, linears, label)
    convs, linears = _chain_order(convs, linears, label)

    conv1, conv2 = convs
    kernel = conv1.weight.shape[-1]
    kernels = [tuple(c.weight.shape[-2:]) for c in convs]
    if any(k != (kernel, kernel) for k in kernels):
        raise CheckpointError(
            f"{label}: unsupported architecture: conv kernels are {kernels[0]} and {kernels[1]}; "
            "LeNet import needs square kernels of one size"
        )
    flat = linears[0].weight.shape[1]
    if activation is not None and activation not in ACTIVATIONS:
        raise CheckpointError(
            f"{label}: activation must be one of {ACTIVATIONS}, found {activation!r}"
        )
    if pool is not None and pool not in POOL_KINDS:
        raise CheckpointError(f"{label}: pool must be one of {POOL_KINDS}, found {pool!r}")
    base = dict(
        in_channels=int(conv1.weight.shape[1]),
        conv_channels=(int(conv1.weight.shape[0]), int(conv2.weight.shape[0])),
        kernel_size=int(kernel),
        pool=pool or "max",
        pool_size=pool_size or 2,
        activation=activation or "relu",
        fc_sizes=tuple(int(lay.weight.shape[0]) for lay in linears[:-1]),
        norm_mean=0.0 if norm_mean is None else float(norm_mean),
        norm_std=1.0 if norm_std is None else float(norm_std),
    )
    num_classes = int(linears[-1].weight.shape[0])
    if class_names is None:
        class_names = DIGIT_CLASSES if num_classes == 10 else tuple(map(str, range(num_classes)))
    elif len(class_names) != num_classes:
        raise CheckpointError(
            f"{label}: {len(class_names)} class names given, but the last layer "
            f"{linears[-1].prefix} has {num_classes} outputs"
        )
    base["class_names"] = tuple(class_names)
    try:
        sized = _infer_input_size(base, flat, input_size, padding, linears[0], label)
        config = ModelConfig(**base, **sized)
    except ConfigError as exc:
        raise CheckpointError(f"{label}: invalid config for the imported weights: {exc}") from exc

    names = weight_layer_names(config)  # conv1, conv2, fc1.., logits: the layer table's order
    source_keys: dict[str, str] = {}
    mapped: dict[str, torch.Tensor] = {}
    for our_name, layer in zip(names, [*convs, *linears], strict=True):
        for part, tensor in (("weight", layer.weight), ("bias", layer.bias)):
            mapped[f"{our_name}.{part}"] = tensor
            source_keys[f"{our_name}.{part}"] = f"{layer.prefix}.{part}"
    validated = validate_state_dict(config, mapped, label)
    metadata: dict[str, Any] = {
        "imported_from": scheme,
        "source_keys": source_keys,
        "assumed": {
            key: value
            for key, value, given in (
                ("activation", config.activation, activation),
                ("pool", config.pool, pool),
                ("pool_size", config.pool_size, pool_size),
                ("input_size", config.input_size, input_size),
                ("padding", config.padding, padding),
                ("normalisation", [config.norm_mean, config.norm_std], norm_mean),
            )
            if given is None
        },
    }
    return Checkpoint(config, validated, metadata)


def _check_sizes(convs: list[_Layer], linears: list[_Layer], label: str) -> None:
    """The limits of a model (config.py), from the tensor shapes, before a config is tried."""
    if len(linears) > MAX_FC_LAYERS + 1:
        raise CheckpointError(
            f"{label}: unsupported architecture: {len(linears):,} linear layers; at most "
            f"{MAX_FC_LAYERS + 1} (hidden layers and the output) are allowed"
        )
    for conv in convs:
        channels = max(conv.weight.shape[:2])
        if channels > MAX_CHANNELS:
            raise CheckpointError(
                f"{label}: {conv.prefix}.weight has {channels:,} channels; at most "
                f"{MAX_CHANNELS:,} are allowed"
            )
        kernel = max(conv.weight.shape[2:])
        if kernel > MAX_INPUT_SIZE:
            raise CheckpointError(
                f"{label}: {conv.prefix}.weight has a {kernel:,}-pixel kernel; at most "
                f"{MAX_INPUT_SIZE} are allowed"
            )
    for layer in linears[:-1]:
        if layer.weight.shape[0] > MAX_FC_WIDTH:
            raise CheckpointError(
                f"{label}: {layer.prefix}.weight has {layer.weight.shape[0]:,} outputs; at most "
                f"{MAX_FC_WIDTH:,} are allowed"
            )
    classes = linears[-1].weight.shape[0]
    if classes > MAX_CLASSES:
        raise CheckpointError(
            f"{label}: {linears[-1].prefix}.weight has {classes:,} outputs (classes); at most "
            f"{MAX_CLASSES:,} are allowed"
        )


def _group_layers(tensors: Mapping[str, torch.Tensor]) -> tuple[list[_Layer], list[str]]:
    """Group "<prefix>.weight/.bias" pairs into layers, in the state_dict's order."""
    weights: dict[str, torch.Tensor] = {}
    biases: dict[str, torch.Tensor] = {}
    others: list[str] = []
    for key, tensor in tensors.items():
        prefix, _, leaf = key.rpartition(".")
        if leaf == "weight" and prefix:
            weights[prefix] = tensor
        elif leaf == "bias" and prefix:
            biases[prefix] = tensor
        else:
            others.append(key)  # running_mean, num_batches_tracked, bare names ...
    others += [f"{prefix}.bias" for prefix in biases if prefix not in weights]
    layers = [_Layer(prefix, w, biases.get(prefix)) for prefix, w in weights.items()]
    return layers, others


def _naming_scheme(layers: list[_Layer]) -> str:
    prefixes = {layer.prefix for layer in layers}
    if prefixes and all(re.fullmatch(r"(conv|fc)\d+|logits", p) for p in prefixes):
        return "explainer-lenet" if "logits" in prefixes else "tutorial-lenet"
    if prefixes and all(re.fullmatch(r"([A-Za-z_]\w*\.)*\d+", p) for p in prefixes):
        return "sequential"
    return "state-dict"


def _check_named_layers_complete(
    layers: list[_Layer], others: list[str], scheme: str, label: str
) -> None:
    """With conv1/conv2/fc1.. names, a gap in the numbering is a missing layer: name it."""
    if scheme not in ("tutorial-lenet", "explainer-lenet"):
        return
    numbers: dict[str, set[int]] = {"conv": set(), "fc": set()}
    for layer in layers:
        match = re.fullmatch(r"(conv|fc)(\d+)", layer.prefix)
        if match:
            numbers[match.group(1)].add(int(match.group(2)))
    missing = [f"conv{i}" for i in (1, 2) if i not in numbers["conv"]]
    if numbers["fc"]:
        missing += [f"fc{i}" for i in range(1, max(numbers["fc"])) if i not in numbers["fc"]]
    elif scheme == "tutorial-lenet":
        missing.append("fc1")
    present = {
        f"{layer.prefix}.{part}"
        for layer in layers
        for part in ("weight", "bias")
        if part == "weight" or layer.bias is not None
    } | set(others)
    missing_keys = [
        f"{name}.{part}"
        for name in missing
        for part in ("weight", "bias")
        if f"{name}.{part}" not in present
    ]
    if missing_keys:
        raise CheckpointError(f"{label}: missing {', '.join(dict.fromkeys(missing_keys))}")


def _describe_found(layers: list[_Layer], others: list[str]) -> str:
    counts = {
        "conv": sum(lay.kind == "conv" for lay in layers),
        "linear": sum(lay.kind == "linear" for lay in layers),
    }
    norm_layers = {
        k.rpartition(".")[0] for k in others if k.endswith(("running_mean", "running_var"))
    }
    parts = [
        f"{counts['conv']} conv layer{'s' * (counts['conv'] != 1)}",
        f"{counts['linear']} linear layer{'s' * (counts['linear'] != 1)}",
    ]
    if norm_layers:
        parts.append(f"{len(norm_layers)} batch-norm layer{'s' * (len(norm_layers) != 1)}")
    odd = [
        f"{lay.prefix}.weight {shape_text(tuple(lay.weight.shape))}"
        for lay in layers
        if lay.kind == "other" and lay.prefix not in norm_layers
    ]
    loose = [k for k in others if k.rpartition(".")[0] not in norm_layers]
    if odd or loose:
        shown = (odd + loose)[:4]
        more = len(odd) + len(loose) - len(shown)
        parts.append("other tensors " + ", ".join(shown) + (f" and {more} more" if more else ""))
    listing = ", ".join(
        f"{lay.prefix} {shape_text(tuple(lay.weight.shape))}"
        for lay in layers
        if lay.kind in ("conv", "linear")
    )
    if len(listing) > 160:
        listing = listing[:157] + "..."
    return (
        f"found {', '.join(parts)}{f' ({listing})' if listing else ''}; expected a LeNet: "
        "2 conv layers followed by 1 or more linear layers"
    )


def _chain_order(
    convs: list[_Layer], linears: list[_Layer], label: str
) -> tuple[list[_Layer], list[_Layer]]:
    """The state_dict's own order, else natural name order (safetensors sorts its keys)."""

    def problem(cs: list[_Layer], ls: list[_Layer]) -> str | None:
        if cs[1].weight.shape[1] != cs[0].weight.shape[0]:
            return (
                f"{cs[1].prefix}.weight takes {cs[1].weight.shape[1]} channels but "
                f"{cs[0].prefix}.weight gives {cs[0].weight.shape[0]}"
            )
        for prev, nxt in zip(ls, ls[1:], strict=False):
            if nxt.weight.shape[1] != prev.weight.shape[0]:
                return (
                    f"{nxt.prefix}.weight takes {nxt.weight.shape[1]} inputs but "
                    f"{prev.prefix}.weight gives {prev.weight.shape[0]}"
                )
        return None

    first = problem(convs, linears)
    if first is None:
        return convs, linears
    by_name = (
        sorted(convs, key=lambda lay: _natural_key(lay.prefix)),
        sorted(linears, key=lambda lay: _natural_key(lay.prefix)),
    )
    if problem(*by_name) is None:
        return by_name
    raise CheckpointError(f"{label}: layers do not fit together: {first}")


def _infer_input_size(
    base: dict[str, Any],
    flat: int,
    input_size: int | None,
    padding: int | None,
    fc1: _Layer,
    label: str,
) -> dict[str, int]:
    """Find (input_size, padding) with c2·s² == fc1's in_features; prefer 32 and no padding."""
    kernel = base["kernel_size"]
    sizes = [input_size] if input_size is not None else list(range(kernel, 257))
    paddings = [padding] if padding is not None else list(range(0, kernel // 2 + 1))
    candidates: list[tuple[int, int]] = []
    for size in sizes:
        for pad in paddings:
            try:
                config = ModelConfig(**base, input_size=size, padding=pad)
            except ConfigError:
                continue
            if config.flat_size == flat:
                candidates.append((size, pad))
    if not candidates:
        c2 = base["conv_channels"][1]
        given = ""
        if input_size is not None or padding is not None:
            given = f" with input_size={input_size} and padding={padding}"
        raise CheckpointError(
            f"{label}: {fc1.prefix}.weight takes {flat} inputs, but conv2's {c2} channels × s×s "
            f"after pooling give no such size{given}; cannot infer the input size"
        )

    def preference(candidate: tuple[int, int]) -> tuple[int, int, int, int]:
        size, pad = candidate
        config = ModelConfig(**base, input_size=size, padding=pad)
        pool = config.pool_size
        exact = all(spec.shape[-1] % pool == 0 for spec in config.layers() if spec.kind == CONV)
        # 32×32 unpadded first (the classic LeNet input), then 28 'same'-padded, then exact fits.
        return (size != 32 or pad != 0, size != 28, not exact, pad * 1000 + size)

    size, pad = min(candidates, key=preference)
    return {"input_size": size, "padding": pad}
