"""Which unit of which layer: the selection shared by the panels, and its receptive field."""

from __future__ import annotations

from dataclasses import dataclass

from explainer.core.config import ModelConfig


@dataclass(frozen=True)
class UnitRef:
    """One unit. Spatial layers: (layer, channel, row, col). FC layers: (layer, index) with
    row = col = None. Layer names are the trace names (conv1, pool1, ..., fc1, logits, probs)."""

    layer: str
    channel: int
    row: int | None = None
    col: int | None = None

    @property
    def is_spatial(self) -> bool:
        return self.row is not None

    def label(self) -> str:
        if self.is_spatial:
            return f"{self.layer}[{self.channel}, {self.row}, {self.col}]"
        return f"{self.layer}[{self.channel}]"


Box = tuple[int, int, int, int]  # (row0, col0, row1, col1), end-exclusive


def spatial_layers(config: ModelConfig) -> tuple[str, ...]:
    """The layers whose units have a (channel, row, col) place: input, conv and pool layers."""
    return tuple(spec.name for spec in config.layers() if spec.is_spatial)


def unit_exists(config: ModelConfig, unit: UnitRef) -> bool:
    """Whether `unit` is a unit of a network of `config` (another architecture may lack it)."""
    shape = config.layer_shapes().get(unit.layer)
    if shape is None or not 0 <= unit.channel < shape[0]:
        return False
    if unit.is_spatial:
        return len(shape) == 3 and 0 <= unit.row < shape[1] and 0 <= unit.col < shape[2]
    return len(shape) == 1


def receptive_fields(config: ModelConfig, unit: UnitRef) -> dict[str, Box]:
    """The region of each earlier spatial layer that the unit depends on, clipped to the layer.

    For FC layers the answer is every spatial layer whole."""
    table = {spec.name: spec for spec in config.layers()}
    if not unit.is_spatial:
        return {
            name: (0, 0, table[name].shape[-1], table[name].shape[-1])
            for name in spatial_layers(config)
        }
    boxes: dict[str, Box] = {}
    r0, c0, r1, c1 = unit.row, unit.col, unit.row + 1, unit.col + 1
    spec = table[unit.layer]
    while spec.source:  # walk the windows back to the input
        k, stride, pad = spec.kernel, spec.stride, spec.padding
        r0, r1 = r0 * stride - pad, (r1 - 1) * stride - pad + k
        c0, c1 = c0 * stride - pad, (c1 - 1) * stride - pad + k
        n = table[spec.source].shape[-1]
        boxes[spec.source] = (max(r0, 0), max(c0, 0), min(r1, n), min(c1, n))
        spec = table[spec.source]
    return boxes
