"""Edited kernel weights (what-if experiments): one conv weight set to another value.

A `WeightKey` names one weight, (layer, out_channel, in_channel, row, col), as the kernel grid of
the arithmetic dock shows it. `WeightEdits` is a small frozen value: which weights are edited,
what each was (its original, the checkpoint's value) and what it is now. The session writes the
values into its model in place, so every computation that reads the model (the trace, the
step-through, the attributions, an evaluation) uses them, and writes the originals back on a
reset; the checkpoint file is never touched (only "save a copy" writes the edited weights).

Text form of a key: "conv1[0,0,2,3]" (layer[out, in, row, col]).
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from explainer.core.config import CONV, ModelConfig
from explainer.core.errors import ExplainerError

if TYPE_CHECKING:
    from explainer.core.model import LeNet

_KEY = re.compile(r"^\s*([A-Za-z_]\w*)\s*\[\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\]\s*$")


def conv_layers(config: ModelConfig) -> dict[str, tuple[int, ...]]:
    """The layers whose kernel weights can be edited, with their weight shapes (out, in, k, k)."""
    return {spec.name: spec.weights for spec in config.layers() if spec.kind == CONV}


@dataclass(frozen=True, order=True)
class WeightKey:
    """One conv kernel weight: layer.weight[out_channel, in_channel, row, col]."""

    layer: str
    out_channel: int
    in_channel: int
    row: int
    col: int

    def __post_init__(self) -> None:
        if not isinstance(self.layer, str):
            raise ExplainerError(f"a layer name must be text, found {self.layer!r}")
        for name in ("out_channel", "in_channel", "row", "col"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Integral):
                raise ExplainerError(f"a weight's {name} must be a whole number, found {value!r}")
            object.__setattr__(self, name, int(value))

    @property
    def index(self) -> tuple[int, int, int, int]:
        return (self.out_channel, self.in_channel, self.row, self.col)

    def spec(self) -> str:
        return f"{self.layer}[{self.out_channel},{self.in_channel},{self.row},{self.col}]"

    @classmethod
    def parse(cls, text: str) -> WeightKey:
        match = _KEY.match(text) if isinstance(text, str) else None
        if match is None:
            raise ExplainerError(f"expected a weight as layer[out,in,row,col], found {text!r}")
        return cls(match.group(1), *(int(match.group(i)) for i in range(2, 6)))

    def validate(self, config: ModelConfig) -> WeightKey:
        """Itself when the weight exists in a network of `config`; ExplainerError otherwise."""
        layers = conv_layers(config)
        if self.layer not in layers:
            raise ExplainerError(
                f"no conv layer {self.layer!r} with kernel weights to edit; expected one of "
                f"{', '.join(layers)}"
            )
        shape = layers[self.layer]
        if not all(0 <= i < n for i, n in zip(self.index, shape, strict=True)):
            size = "×".join(str(n) for n in shape)
            raise ExplainerError(
                f"{self.layer}'s weights are {size} (out, in, row, col), found index "
                f"[{', '.join(str(i) for i in self.index)}]"
            )
        return self

    def fits(self, config: ModelConfig) -> bool:
        try:
            self.validate(config)
        except ExplainerError:
            return False
        return True


@dataclass(frozen=True)
class WeightEdit:
    key: WeightKey
    original: float
    value: float


@dataclass(frozen=True)
class WeightEdits:
    """Which weights are edited; empty (falsy) means the network as loaded."""

    edits: tuple[WeightEdit, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "edits", tuple(sorted(self.edits, key=lambda e: e.key)))

    def _find(self, key: WeightKey) -> WeightEdit | None:
        return next((edit for edit in self.edits if edit.key == key), None)

    def with_value(self, key: WeightKey, original: float, value: float) -> WeightEdits:
        """`key` set to `value` (its first original is kept); setting it back to its original
        drops the edit."""
        known = self._find(key)
        if known is not None:
            original = known.original
        rest = tuple(edit for edit in self.edits if edit.key != key)
        if value == original:
            return WeightEdits(rest)
        return WeightEdits((*rest, WeightEdit(key, float(original), float(value))))

    def without(self, key: WeightKey) -> WeightEdits:
        return WeightEdits(tuple(edit for edit in self.edits if edit.key != key))

    def original(self, key: WeightKey) -> float | None:
        edit = self._find(key)
        return edit.original if edit is not None else None

    def value(self, key: WeightKey) -> float | None:
        edit = self._find(key)
        return edit.value if edit is not None else None

    def keys(self) -> tuple[WeightKey, ...]:
        return tuple(edit.key for edit in self.edits)

    def in_layer(self, layer: str, out_channel: int | None = None) -> tuple[WeightEdit, ...]:
        """The edits of one layer (of one filter, when `out_channel` is given)."""
        return tuple(
            e
            for e in self.edits
            if e.key.layer == layer and (out_channel is None or e.key.out_channel == out_channel)
        )

    def describe(self) -> list[dict[str, Any]]:
        """JSON-ready, for a saved copy's metadata."""
        return [
            {"weight": e.key.spec(), "original": e.original, "value": e.value} for e in self.edits
        ]

    def __contains__(self, key: object) -> bool:
        return any(edit.key == key for edit in self.edits)

    def __iter__(self) -> Iterator[WeightEdit]:
        return iter(self.edits)

    def __len__(self) -> int:
        return len(self.edits)

    def __bool__(self) -> bool:
        return bool(self.edits)


NO_EDITS = WeightEdits()


# The largest weight one may type. The network's own are below 2; a million already
# saturates every unit downstream, and a float32 (max 3.4e38) cannot hold 1e40 at all: 1e38 in
# one kernel cell made the logits inf and the guesses NaN.
WEIGHT_LIMIT = 1e6


def check_weight_value(value: Any) -> float:
    """A finite number from -WEIGHT_LIMIT to WEIGHT_LIMIT, as float; ExplainerError for
    anything else (text, NaN, ±inf, 1e40)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ExplainerError(f"a weight must be a number, found {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ExplainerError(f"a weight must be a finite number, found {value}")
    if abs(value) > WEIGHT_LIMIT:
        raise ExplainerError(f"a weight must lie between -1000000 and 1000000, found {value:g}")
    return value


def read_weight(model: LeNet, key: WeightKey) -> float:
    key.validate(model.config)
    return float(getattr(model, key.layer).weight[key.index].item())


def write_weight(model: LeNet, key: WeightKey, value: float) -> None:
    """Set one kernel weight of `model` in place (float32, as the network stores it)."""
    import torch

    key.validate(model.config)
    with torch.no_grad():
        getattr(model, key.layer).weight[key.index] = float(value)
