"""Which panels a network gets, how each is tiled, and how wide each column is (Qt-free).

The panels follow the config's layer table (`ModelConfig.layers()`), left to right in network
order: the input; for each conv layer its feature maps and then its filters; each pool layer;
one strip per fully connected layer; the logits. A deeper table gives more panels.

Conv and pool mosaics adapt their grid to the widget's shape: for each target width/height in
GRID_TARGETS the column widths that show the panels largest are found by water-filling, and the
target with the best weighted sum of log scales wins (`plan_columns`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from explainer.core.config import CONV, FC, INPUT, OUTPUT, POOL, LayerSpec, ModelConfig
from explainer.core.mosaic import Mosaic, grid_columns, strip

# Panel kinds: how a panel is drawn and what hovering it means.
INPUT_PANEL, MAPS, FILTERS, STRIP = "input", "maps", "filters", "strip"

# How many times wider than tall one unit of a strip is drawn, per layer kind.
STRIP_CELL_WIDTHS = {FC: 6.0, OUTPUT: 2.0}
# Width/height the conv/pool mosaics may aim for; the one that shows the panels largest on the
# widget's current size is picked (see plan_columns), again on every resize.
GRID_TARGETS = (0.1, 0.16, 0.25, 0.35, 0.45, 0.6, 0.8, 1.0, 1.4)
DEFAULT_GRID_TARGET = 0.45
COLUMN_SPACING = 6
# Vertical room the title, the colour bar and the margins take from each column (pixels).
PANEL_CHROME_HEIGHT = 100
# Pixels the graphics widget keeps around its columns (contents margins).
OUTER_MARGIN = 8

# How much a bigger picture of each kind of panel is worth when sharing out the width, by the
# kind of the layer it shows (FILTERS: a conv layer's weights).
PANEL_WEIGHTS = {INPUT: 1.6, CONV: 1.0, POOL: 1.0, FILTERS: 0.5, FC: 0.5, OUTPUT: 1.0}


def filters_name(conv_layer: str) -> str:
    """The panel of a conv layer's weights: "conv1" → "conv1_filters"."""
    return f"{conv_layer}_filters"


@dataclass(frozen=True)
class PanelPlan:
    """One panel: its name (as in NetworkView.layer_names()), its kind, the layer it shows
    (for FILTERS: the conv layer whose weights it shows), its strip cell width and its weight
    in the width planning."""

    name: str
    kind: str  # INPUT_PANEL | MAPS | FILTERS | STRIP
    layer: LayerSpec
    cell_width: float = 1.0
    weight: float = 1.0

    @property
    def trace_key(self) -> str | None:
        """The trace entry the panel shows; None for weights."""
        return None if self.kind == FILTERS else self.name


def panel_plans(config: ModelConfig) -> list[PanelPlan]:
    """The panels of a network, in column order, from its layer table."""
    plans: list[PanelPlan] = []
    for spec in config.layers():
        if spec.kind == INPUT:
            plans.append(PanelPlan(spec.name, INPUT_PANEL, spec, weight=PANEL_WEIGHTS[INPUT]))
        elif spec.kind in (CONV, POOL):
            plans.append(PanelPlan(spec.name, MAPS, spec, weight=PANEL_WEIGHTS[spec.kind]))
            if spec.kind == CONV:
                name = filters_name(spec.name)
                plans.append(PanelPlan(name, FILTERS, spec, weight=PANEL_WEIGHTS[FILTERS]))
        elif spec.kind in (FC, OUTPUT):
            plans.append(
                PanelPlan(
                    spec.name,
                    STRIP,
                    spec,
                    cell_width=STRIP_CELL_WIDTHS[spec.kind],
                    weight=PANEL_WEIGHTS[spec.kind],
                )
            )
        else:
            raise ValueError(f"no panel for layer {spec.name!r} of kind {spec.kind!r}")
    return plans


def grid_mosaics(config: ModelConfig, target: float) -> dict[str, Mosaic]:
    """The mosaics whose grid adapts to the widget's shape: conv and pool layers, and the
    filters of a conv layer with one input channel. A pool layer uses the grid of the conv
    layer it reads, and such filters the grid of their conv layer, so that map c, its pooled
    map and its filter sit in the same cell of their panels."""
    columns: dict[str, int] = {}
    mosaics: dict[str, Mosaic] = {}
    for spec in config.layers():
        if spec.kind not in (CONV, POOL):
            continue
        n, rows, cols = spec.shape
        if spec.kind == POOL and spec.source in columns:
            columns[spec.name] = columns[spec.source]
        else:
            columns[spec.name] = grid_columns(n, rows, cols, target)
        mosaics[spec.name] = Mosaic(n, rows, cols, min(columns[spec.name], n))
        if spec.kind == CONV and spec.weights[1] == 1:
            out_channels, _, k_rows, k_cols = spec.weights
            mosaics[filters_name(spec.name)] = Mosaic(
                out_channels, k_rows, k_cols, columns[spec.name]
            )
    return mosaics


def fixed_mosaic(plan: PanelPlan) -> Mosaic:
    """The mosaic of a panel whose tiling does not follow the widget's shape (and the first
    one of those that do)."""
    spec = plan.layer
    if plan.kind == FILTERS:
        # One mosaic row of filters per output channel, one column per input channel.
        out_channels, in_channels, k_rows, k_cols = spec.weights
        return Mosaic(out_channels * in_channels, k_rows, k_cols, in_channels)
    if plan.kind == STRIP:
        return strip(spec.shape[0])
    channels, rows, cols = spec.shape
    return Mosaic(channels, rows, cols, channels)


def water_fill(columns: list[tuple[float, float, float]], total: float) -> list[float]:
    """Widths clamp(weight·λ, low, high) for (weight, low, high) columns, λ chosen so they
    add up to `total`; all lows when even those do not fit, highs plus an even share of the
    spare width when even the highs leave room."""
    lows = sum(low for _, low, _ in columns)
    highs = sum(high for _, _, high in columns)
    if lows >= total:
        return [low for _, low, _ in columns]
    if highs <= total:
        spare = (total - highs) / len(columns)
        return [high + spare for _, _, high in columns]

    def widths(lam: float) -> list[float]:
        return [min(max(weight * lam, low), high) for weight, low, high in columns]

    lo, hi = 0.0, max(high / weight for weight, _, high in columns)
    for _ in range(40):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if sum(widths(mid)) <= total else (lo, mid)
    return widths(lo)


@dataclass(frozen=True)
class Column:
    """A visible panel as the width planning sees it. `minimum` is the narrowest the column
    may be (title, colour bar, class names); `extra_width` the pixels beside the picture."""

    name: str
    mosaic: Mosaic  # its current mosaic (adaptive ones are re-tiled per grid target)
    cell_width: float
    weight: float
    minimum: float
    extra_width: float = 0.0


def minimum_width(columns: list[Column]) -> int:
    """The narrowest the graphics widget may be without panels overlapping or clipping."""
    spacing = COLUMN_SPACING * max(len(columns) - 1, 0)
    return math.ceil(sum(c.minimum for c in columns) + spacing + OUTER_MARGIN)


def plan_columns(
    config: ModelConfig, columns: list[Column], width: float, height: float
) -> tuple[float, list[float]]:
    """The grid target that shows the panels largest on a widget of `width`×`height`, and the
    width of each column.

    A panel drawn in a column of width w is shown at scale min(w / mosaic width,
    H / mosaic height). For each grid target the widths that maximise the weighted sum
    of log scales are found by water-filling (w = clamp(weight·λ, minimum, width at
    full height), with λ such that the columns fill the widget); the target with the
    best sum wins."""
    width = max(width, 200) - OUTER_MARGIN
    max_height = max(height - PANEL_CHROME_HEIGHT, 60)
    free = width - COLUMN_SPACING * max(len(columns) - 1, 0)
    best: tuple[float, list[float]] = (DEFAULT_GRID_TARGET, [])
    best_score = -math.inf
    for target in GRID_TARGETS if columns else ():
        mosaics = grid_mosaics(config, target)
        sizes = []  # (weight, minimum width, data width, data height, extra width)
        for column in columns:
            mosaic = mosaics.get(column.name, column.mosaic)
            data_width = mosaic.width * column.cell_width
            sizes.append(
                (column.weight, column.minimum, data_width, mosaic.height, column.extra_width)
            )
        widths = water_fill(
            [
                (weight, low, max(low, extra + data_width / data_height * max_height))
                for weight, low, data_width, data_height, extra in sizes
            ],
            free,
        )
        score = sum(
            weight * math.log(min((w - extra) / data_width, max_height / data_height))
            for (weight, _, data_width, data_height, extra), w in zip(sizes, widths, strict=True)
        )
        if score > best_score + 1e-9:
            best, best_score = (target, widths), score
    return best
