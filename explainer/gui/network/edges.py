"""Connections, as Harley's and the Georgia Tech explainers draw them: lines from a unit to what
it reads. A conv or pool unit: to the corners of its window on each map it reads (so stepping
through a map slides the window over the previous layer, in place on the overview). A fully
connected unit or a logit: to its strongest incoming weights (by |w|), red for positive, blue
for negative, thicker for stronger. The selected unit also keeps its window outlined when the
mouse is elsewhere."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QLineF, QPointF
from PySide6.QtGui import QColor

from explainer.core.config import CONV, FC, OUTPUT, POOL, ModelConfig
from explainer.core.units import UnitRef, receptive_fields
from explainer.gui.network import hover

if TYPE_CHECKING:
    from explainer.gui.network.rendering import Panel

STRONGEST = 8  # incoming weights drawn for a fully connected unit
WINDOW_COLOUR = QColor(40, 40, 40, 170)
POSITIVE_COLOUR = QColor(213, 94, 0, 200)  # Okabe–Ito vermillion and blue: safe for CVD
NEGATIVE_COLOUR = QColor(0, 114, 178, 200)


@dataclass(frozen=True)
class Edge:
    """One line: from the centre of `unit` to a point (mosaic pixels) of panel `target`;
    `weight` is None for a window corner, else the incoming weight it stands for."""

    target: str
    row: float
    col: float
    weight: float | None = None


def unit_edges(
    config: ModelConfig, unit: UnitRef, fc_weights: dict[str, np.ndarray], panels: dict[str, Panel]
) -> list[Edge]:
    """The lines for `unit`, in the mosaic pixels of the panel each one ends in."""
    spec = config.layer(unit.layer)
    source = panels.get(spec.source) if spec.source else None
    if source is None or not source.visible:
        return []
    if spec.kind in (CONV, POOL):
        box = receptive_fields(config, unit)[spec.source]
        channels = [unit.channel] if spec.kind == POOL else range(source.mosaic.n_tiles)
        edges = []
        for channel in channels:
            row0, col0, row1, col1 = source.mosaic.box_rect(channel, box)
            edges += [Edge(spec.source, r, c) for r in (row0, row1) for c in (col0, col1)]
        return edges
    if spec.kind not in (FC, OUTPUT) or unit.layer not in fc_weights:
        return []
    incoming = fc_weights[unit.layer][unit.channel]
    strongest = np.argsort(-np.abs(incoming), kind="stable")[:STRONGEST]
    shape = source.mosaic.source_shape  # (tiles, rows, cols): pool2's maps, or a strip
    edges = []
    for index in strongest:
        tile, row, col = np.unravel_index(int(index), shape)
        row0, col0, row1, col1 = source.mosaic.unit_rect(int(tile), int(row), int(col))
        edges.append(
            Edge(spec.source, (row0 + row1) / 2, (col0 + col1) / 2, float(incoming[index]))
        )
    return edges


def scene_lines(
    panels: dict[str, Panel], unit: UnitRef, edges: list[Edge]
) -> list[tuple[QLineF, QColor, float]]:
    """The lines to paint, in scene coordinates: (line, colour, width in pixels)."""
    start_panel = panels.get(unit.layer)
    if start_panel is None or not edges:
        return []
    row, col = (unit.row, unit.col) if unit.is_spatial else (0, 0)
    r0, c0, r1, c1 = start_panel.mosaic.unit_rect(unit.channel, row, col)
    start_panel.view.updateMatrix()  # the views map lazily (at paint): make it current
    start = start_panel.image.mapToScene(QPointF((c0 + c1) / 2, (r0 + r1) / 2))
    weights = [abs(e.weight) for e in edges if e.weight is not None]
    largest = max(weights, default=1.0) or 1.0
    lines = []
    for edge in edges:
        target = panels[edge.target]
        target.view.updateMatrix()
        end = target.image.mapToScene(QPointF(edge.col, edge.row))
        if edge.weight is None:
            colour, width = WINDOW_COLOUR, 1.2
        else:
            colour = POSITIVE_COLOUR if edge.weight >= 0 else NEGATIVE_COLOUR
            width = 0.8 + 2.4 * abs(edge.weight) / largest
        lines.append((QLineF(start, end), colour, width * hover.outline_scale))
    return lines
