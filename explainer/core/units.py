"""Which unit of which layer: the selection shared by the panels, and its receptive field."""

from __future__ import annotations

from dataclasses import dataclass

from explainer.core.config import ModelConfig

SPATIAL_LAYERS = ("input", "conv1", "pool1", "conv2", "pool2")


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


def _window_steps(config: ModelConfig) -> list[tuple[str, str, int, int, int]]:
    """(layer, layer it reads, kernel, stride, padding) for each spatial step, input → pool2."""
    k, p = config.kernel_size, config.pool_size
    return [
        ("conv1", "input", k, 1, config.padding),
        ("pool1", "conv1", p, p, 0),
        ("conv2", "pool1", k, 1, 0),
        ("pool2", "conv2", p, p, 0),
    ]


def receptive_fields(config: ModelConfig, unit: UnitRef) -> dict[str, Box]:
    """The region of each earlier spatial layer that the unit depends on, clipped to the layer.

    For FC layers the answer is every spatial layer whole."""
    sizes = {name: shape[-1] for name, shape in config.layer_shapes().items()}
    if not unit.is_spatial:
        return {name: (0, 0, sizes[name], sizes[name]) for name in SPATIAL_LAYERS}
    boxes: dict[str, Box] = {}
    r0, c0, r1, c1 = unit.row, unit.col, unit.row + 1, unit.col + 1
    layer = unit.layer
    for name, source, kernel, stride, pad in reversed(_window_steps(config)):
        if name != layer:
            continue
        r0, r1 = r0 * stride - pad, (r1 - 1) * stride - pad + kernel
        c0, c1 = c0 * stride - pad, (c1 - 1) * stride - pad + kernel
        n = sizes[source]
        boxes[source] = (max(r0, 0), max(c0, 0), min(r1, n), min(c1, n))
        layer = source
    return boxes
