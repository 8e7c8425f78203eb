"""Marks on the panels for the what-ifs: a switched-off map (or FC unit) is dimmed and crossed
out, so is the filter that makes it; an edited kernel weight is ringed in its filters panel.

Marks are child items of a panel's image (like the outlines), so their rectangles are in mosaic
pixels; they are made again whenever the panels are rebuilt or re-tiled (`show_marks`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from explainer.core.ablation import Ablation
from explainer.core.config import CONV
from explainer.core.edits import WeightEdits
from explainer.core.mosaic import Rect
from explainer.gui.network.layout import filters_name

if TYPE_CHECKING:
    from explainer.gui.network.rendering import Panel

CROSS_COLOUR = QColor(200, 20, 20)
DIM_COLOUR = QColor(255, 255, 255, 170)  # the map shows through, faded
EDITED_COLOUR = QColor(255, 140, 0)  # as the selection: "this one is yours"


def _mark(panel: Panel, rect: Rect, crossed: bool) -> QGraphicsPathItem:
    row0, col0, row1, col1 = rect
    box = QRectF(col0, row0, col1 - col0, row1 - row0)
    path = QPainterPath()
    path.addRect(box)
    if crossed:
        path.moveTo(box.topLeft())
        path.lineTo(box.bottomRight())
        path.moveTo(box.topRight())
        path.lineTo(box.bottomLeft())
    item = QGraphicsPathItem(path, panel.image)
    pen = QPen(CROSS_COLOUR if crossed else EDITED_COLOUR, 1.5 if crossed else 2.0)
    pen.setCosmetic(True)  # the same width at any zoom
    pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    item.setPen(pen)
    item.setBrush(QBrush(DIM_COLOUR) if crossed else QBrush(Qt.BrushStyle.NoBrush))
    item.setZValue(5)  # above the pixels, under the hover (10) and selection (20) outlines
    return item


def marked_rects(
    panels: dict[str, Panel], ablation: Ablation, edits: WeightEdits
) -> dict[str, list[tuple[Rect, bool]]]:
    """Per panel, the rectangles to mark and whether each is crossed out (a switched-off unit
    or its filter) or ringed (an edited weight). Units the panels lack are left out."""
    wanted: dict[str, list[tuple[Rect, bool]]] = {}
    for layer, index in ablation:
        panel = panels.get(layer)
        if panel is None or index >= panel.mosaic.n_tiles:
            continue
        wanted.setdefault(layer, []).append((panel.mosaic.tile_rect(index), True))
        filters = panels.get(filters_name(layer))
        if filters is not None and panel.layer.kind == CONV:
            inputs = filters.layer.weights[1]
            for tile in range(index * inputs, (index + 1) * inputs):
                if tile < filters.mosaic.n_tiles:
                    wanted.setdefault(filters.name, []).append(
                        (filters.mosaic.tile_rect(tile), True)
                    )
    for edit in edits:
        filters = panels.get(filters_name(edit.key.layer))
        if filters is None:
            continue
        tile = edit.key.out_channel * filters.layer.weights[1] + edit.key.in_channel
        if tile < filters.mosaic.n_tiles:
            rect = filters.mosaic.unit_rect(tile, edit.key.row, edit.key.col)
            wanted.setdefault(filters.name, []).append((rect, False))
    return wanted


def show_marks(panels: dict[str, Panel], ablation: Ablation, edits: WeightEdits) -> None:
    """Replace every panel's marks with those of `ablation` and `edits`."""
    wanted = marked_rects(panels, ablation, edits)
    for panel in panels.values():
        for item in panel.marks:
            scene = item.scene()
            if scene is not None:
                scene.removeItem(item)
        panel.marks = [_mark(panel, rect, crossed) for rect, crossed in wanted.get(panel.name, [])]


def visible_marks(panels: dict[str, Panel]) -> dict[str, list[tuple[Rect, bool]]]:
    """The marks shown now, per panel: (rect in mosaic pixels, crossed out)."""
    shown: dict[str, list[tuple[Rect, bool]]] = {}
    for panel in panels.values():
        for item in panel.marks:
            if item.scene() is None or not item.isVisible():
                continue
            box = item.path().boundingRect()
            rect = (round(box.top()), round(box.left()), round(box.bottom()), round(box.right()))
            crossed = item.brush().style() != Qt.BrushStyle.NoBrush
            shown.setdefault(panel.name, []).append((rect, crossed))
    return shown
