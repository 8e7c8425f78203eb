"""Knock-outs: units switched off for a whole forward pass (what-if experiments).

An `Ablation` is a frozen set of (layer, index) pairs, small and hashable, so that the session can
hold "which units are off" as one value next to the current model and input, and the core can
cache what it derives from it. What switching a unit off means:

- a conv channel (conv1, conv2): its map is zeroed *after* the activation, so everything after it
  (pooling, the next layers, the guesses) sees a map of zeros — as if the filter were removed;
- an FC unit (fc1, fc2, ...): its output after the activation is zeroed.

The trace keeps the pre-activation (`conv2_pre`, ...) as computed, so a panel can still show what
a switched-off filter would have produced. The logits are not units one can switch off (a logit
of 0 is not "no vote", it is a vote of exp(0)); the input is the drawing, not a unit.

Text form (the command line's `--ablate`): "conv2:3,conv1:0,fc1:17".
"""

from __future__ import annotations

import functools
import numbers
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from explainer.core.config import CONV, FC, ModelConfig
from explainer.core.errors import ExplainerError

if TYPE_CHECKING:
    import torch

Unit = tuple[str, int]  # (layer name, channel or unit index)

_PAIR = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(\d+)\s*$")


def ablatable_layers(config: ModelConfig) -> dict[str, int]:
    """The layers whose units can be switched off, in network order, with their unit counts:
    conv layers (channels) and hidden FC layers (units)."""
    return {spec.name: spec.shape[0] for spec in config.layers() if spec.kind in (CONV, FC)}


def _describe_layers(config: ModelConfig) -> str:
    table = {spec.name: spec for spec in config.layers()}
    parts = []
    for name, count in ablatable_layers(config).items():
        what = "channels" if table[name].kind == CONV else "units"
        parts.append(f"{name} ({what} 0..{count - 1})")
    return ", ".join(parts)


@dataclass(frozen=True)
class Ablation:
    """Which units are switched off. Empty (falsy) means the network as it is."""

    units: frozenset[Unit] = frozenset()

    def __post_init__(self) -> None:
        clean = set()
        for unit in self.units:
            if not (isinstance(unit, tuple) and len(unit) == 2):
                raise ExplainerError(f"a knocked-out unit is a (layer, index) pair, found {unit!r}")
            layer, index = unit
            if not isinstance(layer, str):
                raise ExplainerError(f"a layer name must be text, found {layer!r}")
            if isinstance(index, bool) or not isinstance(index, numbers.Integral):
                raise ExplainerError(
                    f"the index of a knocked-out unit must be a whole number, found {index!r}"
                )
            clean.add((layer, int(index)))
        object.__setattr__(self, "units", frozenset(clean))

    # ---- building ------------------------------------------------------------------------------
    @classmethod
    def of(cls, value: Ablation | Iterable[Unit] | str | None) -> Ablation:
        """An Ablation from None (none), an Ablation, text ("conv2:3,fc1:0") or (layer, index)
        pairs. Not checked against a network: see `validate`."""
        if value is None:
            return NO_ABLATION
        if isinstance(value, Ablation):
            return value
        if isinstance(value, str):
            return cls.parse(value)
        try:
            units = frozenset(tuple(unit) if isinstance(unit, list) else unit for unit in value)
        except TypeError as exc:
            raise ExplainerError(
                f"expected knocked-out units as (layer, index) pairs, found {value!r}"
            ) from exc
        return cls(units)

    @classmethod
    def parse(cls, text: str, config: ModelConfig | None = None) -> Ablation:
        """'conv2:3,conv1:0' → Ablation; checked against `config` when one is given."""
        if not isinstance(text, str) or not text.strip():
            raise ExplainerError(
                "expected units to knock out as layer:index pairs, e.g. conv2:3,fc1:0; "
                f"found {text!r}"
            )
        units = []
        for item in text.split(","):
            match = _PAIR.match(item)
            if match is None:
                raise ExplainerError(
                    "expected layer:index with a whole-number index (e.g. conv2:3), "
                    f"found {item.strip()!r}"
                )
            units.append((match.group(1), int(match.group(2))))
        ablation = cls(frozenset(units))
        return ablation.validate(config) if config is not None else ablation

    def with_unit(self, layer: str, index: int) -> Ablation:
        return Ablation(self.units | {(layer, index)})

    def without_unit(self, layer: str, index: int) -> Ablation:
        return Ablation(self.units - {(layer, int(index))})

    def toggled(self, layer: str, index: int) -> Ablation:
        """Switch one unit off, or back on when it was off (a click on "switch off")."""
        unit = (layer, int(index))
        return self.without_unit(*unit) if unit in self.units else self.with_unit(*unit)

    # ---- checking against a network ----------------------------------------------------------
    def validate(self, config: ModelConfig) -> Ablation:
        """Itself, when every unit exists in a network of `config`; ExplainerError naming the
        layers and index ranges there are otherwise."""
        layers = ablatable_layers(config)
        for layer, index in sorted(self.units):
            if layer not in layers:
                raise ExplainerError(
                    f"no layer {layer!r} to knock units out of; expected one of "
                    f"{_describe_layers(config)}"
                )
            if not 0 <= index < layers[layer]:
                what = "channels" if config.layer(layer).kind == CONV else "units"
                raise ExplainerError(
                    f"{layer} has {what} 0..{layers[layer] - 1}, found {index} "
                    f"(layers to knock out: {_describe_layers(config)})"
                )
        return self

    def restricted_to(self, config: ModelConfig) -> Ablation:
        """Only the units that exist in a network of `config` (after loading another model)."""
        layers = ablatable_layers(config)
        kept = frozenset(u for u in self.units if u[0] in layers and 0 <= u[1] < layers[u[0]])
        return self if kept == self.units else Ablation(kept)

    def missing_in(self, config: ModelConfig) -> Ablation:
        """The units a network of `config` does not have (what `restricted_to` drops)."""
        return Ablation(self.units - self.restricted_to(config).units)

    # ---- reading -------------------------------------------------------------------------------
    def indices(self, layer: str) -> tuple[int, ...]:
        """The switched-off indices of one layer, sorted."""
        return tuple(sorted(index for name, index in self.units if name == layer))

    @property
    def layers(self) -> tuple[str, ...]:
        return tuple(sorted({name for name, _ in self.units}))

    def spec(self) -> str:
        """The text form, sorted: parse(spec()) == self."""
        return ",".join(f"{layer}:{index}" for layer, index in sorted(self.units))

    def __bool__(self) -> bool:
        return bool(self.units)

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self) -> Iterator[Unit]:
        return iter(sorted(self.units))

    def __contains__(self, unit: Any) -> bool:
        return unit in self.units


NO_ABLATION = Ablation()


def keep_masks(
    ablation: Ablation, config: ModelConfig, device: torch.device | str
) -> dict[str, torch.Tensor]:
    """Per ablated layer, a float mask of ones with zeros at the switched-off units, shaped to
    broadcast over a batch: (C, 1, 1) for conv maps, (N,) for FC vectors. Validated and cached:
    a pass with the same knock-outs costs one dict lookup."""
    import torch

    return _keep_masks(ablation, config, torch.device(device))


@functools.lru_cache(maxsize=64)
def _keep_masks(ablation: Ablation, config: ModelConfig, device) -> dict[str, Any]:
    import torch

    ablation.validate(config)
    masks = {}
    # Normal tensors even when the first pass runs under inference_mode (forward_trace): an
    # inference tensor cached here would break every later pass with gradients (attribution).
    with torch.inference_mode(False):
        for layer in ablation.layers:
            spec = config.layer(layer)
            mask = torch.ones(spec.shape[0], dtype=torch.float32)
            mask[list(ablation.indices(layer))] = 0.0
            if spec.kind == CONV:
                mask = mask.reshape(-1, 1, 1)
            masks[layer] = mask.to(device)
    return masks
