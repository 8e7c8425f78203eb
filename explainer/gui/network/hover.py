"""Linking between the panels: what is under the mouse, and what to outline for it.

Hovering a unit outlines it, its receptive field on the input and on the layer it reads, and
the filter that makes it; hovering a filter weight outlines the map it makes and the map it
reads. The selected unit gets its own (orange) outline. Every link follows from the layer
table: a layer's `source`, its kind and its weight shape.

Outlines are child items of a panel's image, so their rectangles are in mosaic pixels.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from explainer.core.config import CONV, INPUT, OUTPUT, POOL, ModelConfig
from explainer.core.mosaic import Rect
from explainer.core.units import UnitRef, receptive_fields
from explainer.gui import names, numbers
from explainer.gui.network.layout import FILTERS, STRIP, filters_name

if TYPE_CHECKING:
    from explainer.core.trace import Trace
    from explainer.gui.network.rendering import Panel

HOVER_COLOUR = QColor(255, 255, 255)
SELECTION_COLOUR = QColor(255, 140, 0)
HALO_COLOUR = QColor(0, 0, 0)

HOVER_WIDTH, SELECTION_WIDTH, FIELD_WIDTH = 1.5, 2.5, 1.2  # screen pixels, × outline_scale
PRESENTATION_OUTLINE_SCALE = 2.5  # thick enough to see from the back of a lecture hall
outline_scale = 1.0  # set by NetworkView.set_presentation, for every view at once

# A place in a panel: (panel name, (tile, row, col)).
Hit = tuple[str, tuple[int, int, int]]


@dataclass
class Outline:
    """A rectangle drawn twice (dark halo under a bright core) so it shows on any colour."""

    halo: QGraphicsRectItem
    core: QGraphicsRectItem
    width: float = HOVER_WIDTH  # at outline_scale 1

    def set_scale(self, scale: float) -> None:
        halo_pen, core_pen = self.halo.pen(), self.core.pen()
        core_pen.setWidthF(self.width * scale)
        halo_pen.setWidthF(self.width * scale + 2 * scale)
        self.halo.setPen(halo_pen)
        self.core.setPen(core_pen)

    def show_rect(self, rect: Rect) -> None:
        row0, col0, row1, col1 = rect
        qrect = QRectF(col0, row0, col1 - col0, row1 - row0)
        self.halo.setRect(qrect)
        self.core.setRect(qrect)
        self.halo.setVisible(True)
        self.core.setVisible(True)

    def hide(self) -> None:
        self.halo.setVisible(False)
        self.core.setVisible(False)

    @property
    def visible(self) -> bool:
        return self.core.isVisible()

    def rect(self) -> Rect:
        r = self.core.rect()
        return (round(r.top()), round(r.left()), round(r.bottom()), round(r.right()))


def make_outline(panel: Panel, colour: QColor, z: float, width: float) -> Outline:
    halo_pen = QPen(HALO_COLOUR, (width + 2) * outline_scale)
    core_pen = QPen(colour, width * outline_scale)
    for pen in (halo_pen, core_pen):
        pen.setCosmetic(True)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
    halo = QGraphicsRectItem(panel.image)
    core = QGraphicsRectItem(panel.image)
    halo.setPen(halo_pen)
    core.setPen(core_pen)
    halo.setZValue(z)
    core.setZValue(z + 1)
    outline = Outline(halo, core, width)
    outline.hide()
    return outline


def set_outline_scale(panels: Iterable[Panel], scale: float) -> None:
    """Thicker (presentation) or normal outlines, for the outlines made so far and later."""
    global outline_scale
    outline_scale = scale
    for panel in panels:
        for outline in [*panel.outlines, panel.selection, *panel.selection_fields]:
            if outline is not None:
                outline.set_scale(scale)


# ---- what is where --------------------------------------------------------------------------
def hit_test(panels: Iterable[Panel], scene_pos: QPointF) -> Hit | None:
    """(panel name, (tile, row, col)) under a scene position, or None."""
    for panel in panels:
        if not panel.visible or not panel.view.sceneBoundingRect().contains(scene_pos):
            continue
        local = panel.image.mapFromScene(scene_pos)
        hit = panel.mosaic.unit_at(int(np.floor(local.y())), int(np.floor(local.x())))
        return (panel.name, hit) if hit is not None else None
    return None


def unit_ref(panel: Panel, hit: tuple[int, int, int]) -> UnitRef | None:
    """The UnitRef of a mosaic hit; None for weights."""
    tile, row, col = hit
    if panel.kind == FILTERS:
        return None
    if panel.kind == STRIP:
        return UnitRef(panel.name, tile)
    return UnitRef(panel.name, tile, row, col)


def weight_index(panel: Panel, hit: tuple[int, int, int]) -> tuple[int, int, int, int]:
    """(out channel, in channel, row, col) of the weight under a hit in a filters panel."""
    tile, row, col = hit
    out_channel, in_channel = divmod(tile, panel.layer.weights[1])
    return out_channel, in_channel, row, col


# ---- hover outlines -------------------------------------------------------------------------
def linked_rects(config: ModelConfig, panels: dict[str, Panel], hit: Hit) -> dict[str, list[Rect]]:
    """Every outline to show while `hit` is hovered, per panel."""
    name, place = hit
    panel = panels[name]
    tile, row, col = place
    wanted: dict[str, list[Rect]] = {name: [panel.mosaic.unit_rect(tile, row, col)]}
    if panel.kind == FILTERS:
        # A weight of filter (out, in): the map it makes and the map it reads.
        conv = panel.layer
        out_channel, in_channel, _, _ = weight_index(panel, place)
        wanted[conv.name] = [panels[conv.name].mosaic.tile_rect(out_channel)]
        wanted[conv.source] = [panels[conv.source].mosaic.tile_rect(in_channel)]
    else:
        unit = unit_ref(panel, place)
        assert unit is not None
        wanted.update(receptive_rects(config, panels, unit))
    return wanted


def receptive_rects(
    config: ModelConfig, panels: dict[str, Panel], unit: UnitRef
) -> dict[str, list[Rect]]:
    """Outlines for a hovered unit: its receptive field on the input and on the layer it
    reads, and the filter that makes it."""
    out: dict[str, list[Rect]] = {}
    spec = config.layer(unit.layer)
    if spec.kind == INPUT:
        return out
    fields = receptive_fields(config, unit)
    inputs = next(s for s in config.layers() if s.kind == INPUT)
    input_mosaic = panels[inputs.name].mosaic
    out[inputs.name] = [
        input_mosaic.box_rect(c, fields[inputs.name]) for c in range(inputs.shape[0])
    ]
    source = panels[spec.source].mosaic
    if spec.kind == POOL:  # one map pooled
        out[spec.source] = [source.box_rect(unit.channel, fields[spec.source])]
    elif spec.kind == CONV:  # every map of the source, same window
        channels = config.layer(spec.source).shape[0]
        out[spec.source] = [source.box_rect(c, fields[spec.source]) for c in range(channels)]
    else:  # fully connected: the whole layer it reads
        out[spec.source] = [(0, 0, source.height, source.width)]
    if spec.kind == CONV:
        out.update(filter_rects(panels, spec.name, spec.weights[1], unit.channel))
    return out


def filter_rects(
    panels: dict[str, Panel], conv: str, in_channels: int, out_channel: int
) -> dict[str, list[Rect]]:
    """The filter of one output channel: its tiles, as one rectangle when they share a mosaic
    row."""
    name = filters_name(conv)
    mosaic = panels[name].mosaic
    first = mosaic.tile_rect(out_channel * in_channels)
    last = mosaic.tile_rect(out_channel * in_channels + in_channels - 1)
    if first[0] == last[0]:
        return {name: [(first[0], first[1], last[2], last[3])]}
    tiles = range(out_channel * in_channels, (out_channel + 1) * in_channels)
    return {name: [mosaic.tile_rect(t) for t in tiles]}


def show_hover_outlines(panels: dict[str, Panel], wanted: dict[str, list[Rect]]) -> None:
    hide_hover_outlines(panels.values())
    for name, rects in wanted.items():
        if name in panels:
            _outline_rects(panels[name], rects)


def _outline_rects(panel: Panel, rects: list[Rect]) -> None:
    while len(panel.outlines) < len(rects):
        panel.outlines.append(make_outline(panel, HOVER_COLOUR, z=10, width=HOVER_WIDTH))
    for outline, rect in zip(panel.outlines, rects, strict=False):
        outline.show_rect(rect)
    for outline in panel.outlines[len(rects) :]:
        outline.hide()


def hide_hover_outlines(panels: Iterable[Panel]) -> None:
    for panel in panels:
        for outline in panel.outlines:
            if outline.visible:
                outline.hide()


def visible_outlines(panels: dict[str, Panel]) -> dict[str, list[Rect]]:
    """The hover outlines shown now, per panel, in mosaic pixels (row0, col0, row1, col1)."""
    return {
        name: [o.rect() for o in panel.outlines if o.visible]
        for name, panel in panels.items()
        if any(o.visible for o in panel.outlines)
    }


def show_selection(
    panels: dict[str, Panel], unit: UnitRef | None, config: ModelConfig | None = None
) -> None:
    """Outline the selected unit (and only it); a unit this network lacks shows nothing. With
    `config`, also the window it reads on the layer before (thin, in the selection's colour),
    so that stepping through a map slides that window across the overview."""
    for panel in panels.values():
        if panel.selection is not None:
            panel.selection.hide()
        for outline in panel.selection_fields:
            outline.hide()
    if unit is None:
        return
    panel = panels.get(unit.layer)
    if panel is None or unit.channel >= panel.mosaic.n_tiles:
        return
    if panel.selection is None:
        panel.selection = make_outline(panel, SELECTION_COLOUR, z=20, width=SELECTION_WIDTH)
    row, col = (unit.row, unit.col) if unit.is_spatial else (0, 0)
    panel.selection.show_rect(panel.mosaic.unit_rect(unit.channel, row, col))
    spec = config.layer(unit.layer) if config is not None else None
    if spec is None or spec.kind not in (CONV, POOL) or spec.source not in panels:
        return
    source = panels[spec.source]
    rects = receptive_rects(config, panels, unit).get(spec.source, [])
    while len(source.selection_fields) < len(rects):
        source.selection_fields.append(
            make_outline(source, SELECTION_COLOUR, z=15, width=FIELD_WIDTH)
        )
    for outline, rect in zip(source.selection_fields, rects, strict=False):
        outline.show_rect(rect)


# ---- the hovered value ----------------------------------------------------------------------
@dataclass(frozen=True)
class WeightValue:
    """A hovered filter weight: `layer`'s weight [out, in, row, col]."""

    layer: str
    index: tuple[int, int, int, int]
    value: float


@dataclass(frozen=True)
class UnitValue:
    """A hovered unit: its label ("conv1[2, 7, 11]", "logits[7] (7)", in the interface
    language: "entrada[0, 3, 4]"), its value (None without a trace) and, for the output layer,
    its probability."""

    label: str
    value: float | None
    probability: float | None = None


def hovered_value(
    config: ModelConfig,
    panel: Panel,
    place: tuple[int, int, int],
    weights: dict[str, np.ndarray],
    trace: Trace | None,
) -> WeightValue | UnitValue:
    if panel.kind == FILTERS:
        index = weight_index(panel, place)
        return WeightValue(panel.layer.name, index, float(weights[panel.name][index]))
    unit = unit_ref(panel, place)
    assert unit is not None
    tile, row, col = place
    label = names.unit_label(unit)
    is_output = panel.layer.kind == OUTPUT
    if is_output:
        label += f" ({names.class_name(config.class_names[tile])})"
    if panel.values is None:
        return UnitValue(label, None)
    value = float(panel.values.reshape(panel.mosaic.source_shape)[tile, row, col])
    probability = None
    if is_output and trace is not None and "probs" in trace:
        probability = float(trace["probs"][tile])
    return UnitValue(label, value, probability)


def format_value(value: float) -> str:
    """3 decimals (4 significant digits from 1000 on), in the interface's number format."""
    return numbers.short(value)
