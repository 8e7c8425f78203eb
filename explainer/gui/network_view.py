"""Linked layer panels: every layer of the network, left to right, one mosaic image per layer.

One GraphicsLayoutWidget (one scene, one view) holds a column per panel: a title, a ViewBox with
one ImageItem showing the layer's mosaic (see explainer.core.mosaic), and a non-interactive
colour bar. Per frame, `set_trace` maps each layer through its cached colour table and writes
the colours into the panel's preallocated RGB32 pixels with one np.put (precomputed mosaic
indices); no item is created per frame.

Linking: hovering a unit shows its value and outlines it, its receptive field on the input and
on the layer it reads, and the filter that makes it; hovering a filter outlines the map it
makes. Clicking a unit emits `unitClicked`; the selection outline follows `set_selection`
(the window routes clicks through its state, so this widget never selects on its own).

Weights (filters) are not units: hovering one shows its value and emits `unitHovered(None)`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QLabel, QVBoxLayout, QWidget

from explainer.core.levels import Levels, input_levels
from explainer.core.mosaic import Mosaic, Rect, grid_columns, strip
from explainer.core.units import UnitRef, receptive_fields
from explainer.gui.colormaps import (
    ACTIVATION_MAP,
    INPUT_MAP,
    WEIGHT_MAP,
    argb_table,
    colormap,
    colour_indices,
    symmetric_levels,
)

if TYPE_CHECKING:
    from explainer.core.config import ModelConfig
    from explainer.core.model import LeNet
    from explainer.core.trace import Trace

# How many times wider than tall one unit of a fully connected strip is drawn.
STRIP_CELL_WIDTH = 6.0
LOGITS_CELL_WIDTH = 2.0
# Width/height the conv/pool mosaics may aim for; the one that shows the panels largest on the
# widget's current size is picked (see _plan_columns), again on every resize.
GRID_TARGETS = (0.1, 0.16, 0.25, 0.35, 0.45, 0.6, 0.8, 1.0, 1.4)
DEFAULT_GRID_TARGET = 0.45
COLUMN_SPACING = 6
# Vertical room the title, the colour bar and the margins take from each column (pixels).
PANEL_CHROME_HEIGHT = 100

# How much a bigger picture of each kind of panel is worth when sharing out the width.
PANEL_WEIGHTS = {"input": 1.6, "maps": 1.0, "filters": 0.5, "strip": 0.5, "logits": 1.0}

BACKGROUND = "w"
GAP_PIXEL = 0xFFFFFFFF  # gaps between tiles: the background's white, opaque
TEXT_COLOUR = "#202020"
HOVER_COLOUR = QColor(255, 255, 255)
SELECTION_COLOUR = QColor(255, 140, 0)
HALO_COLOUR = QColor(0, 0, 0)


class MosaicImage(pg.ImageItem):
    """An ImageItem drawn from ready-made 0xFFRRGGBB pixels (QImage.Format_RGB32).

    Qt draws a scaled RGB32 image several times faster than the Indexed8/RGBA images that
    pyqtgraph builds from float data + levels + LUT (measured 0.15-0.5 ms against 1.4-1.8 ms
    for 8 panels), and no colour table is rebuilt per frame. The panels map values through
    the cached `argb_table` themselves and write straight into `pixels`, which the QImage
    shares; local coordinates stay mosaic pixels, as for any ImageItem."""

    def __init__(self, height: int, width: int, background: int) -> None:
        super().__init__(axisOrder="row-major")
        self.pixels = np.full((height, width), background, dtype=np.uint32)
        self._pixel_image = QImage(
            self.pixels.data, width, height, 4 * width, QImage.Format.Format_RGB32
        )
        # The float image only gives the item its size (setRect and bounds read it).
        super().setImage(np.zeros((height, width), np.float32), autoLevels=False, levels=(0, 1))

    def render(self) -> None:
        # ImageItem.paint() calls render() when it thinks the image changed and checks these
        # two flags (pyqtgraph 0.13-0.14); our QImage already holds the pixels.
        self.qimage = self._pixel_image
        self._renderRequired = False
        self._unrenderable = False

    def pixels_changed(self) -> None:
        self.update()


@dataclass
class Outline:
    """A rectangle drawn twice (dark halo under a bright core) so it shows on any colour."""

    halo: QGraphicsRectItem
    core: QGraphicsRectItem

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


@dataclass
class Panel:
    name: str  # as in layer_names(): "conv1", "conv1_filters", "fc1", ...
    kind: str  # "input" | "maps" | "filters" | "strip"
    mosaic: Mosaic
    colormap_name: str
    fixed_levels: Levels
    layout: pg.GraphicsLayout
    title: pg.LabelItem
    view: pg.ViewBox
    image: MosaicImage
    colorbar: pg.ColorBarItem
    cell_width: float = 1.0
    extra_width: float = 0.0  # pixels beside the view (the class names of the output strip)
    visible: bool = True
    levels: Levels = (0.0, 1.0)
    values: np.ndarray | None = None  # what the mosaic shows, in source (tile, row, col) order
    outlines: list[Outline] = field(default_factory=list)
    selection: Outline | None = None

    @property
    def trace_key(self) -> str | None:
        return None if self.kind == "filters" else self.name

    @property
    def aspect(self) -> float:
        return self.mosaic.width * self.cell_width / self.mosaic.height


class _LeaveFilter(QObject):
    """Tells the view when the mouse leaves the graphics viewport."""

    def __init__(self, on_leave) -> None:
        super().__init__()
        self._on_leave = on_leave

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Leave:
            self._on_leave()
        return False


def _water_fill(columns: list[tuple[float, float, float]], total: float) -> list[float]:
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


def _two_lines(text: str) -> tuple[str, str]:
    """Split a caption at the space nearest its middle; always two lines, so that every
    panel's title has the same height and the views line up."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    if not spaces:
        return text, "&nbsp;"
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut], text[cut + 1 :]


def _format_value(value: float) -> str:
    return f"{value:.3f}" if abs(value) < 1000 else f"{value:.4g}"


def _tick_label(value: float) -> str:
    # Two significant digits: the end labels of a narrow strip's colour bar must both fit.
    return f"{value:.2g}"


class NetworkView(QWidget):
    unitHovered = Signal(object)  # UnitRef | None  # noqa: N815 (Qt naming)
    unitClicked = Signal(object)  # UnitRef  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("network_view")
        self._graphics = pg.GraphicsLayoutWidget()
        self._graphics.setObjectName("network_panels")
        self._graphics.setBackground(BACKGROUND)
        self._graphics.ci.layout.setHorizontalSpacing(COLUMN_SPACING)
        self._graphics.ci.setContentsMargins(4, 4, 4, 4)
        self._value_label = QLabel()
        self._value_label.setObjectName("hover_value")
        self._value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self._graphics, 1)
        layout.addWidget(self._value_label, 0)

        self._config: ModelConfig | None = None
        self._panels: dict[str, Panel] = {}
        self._hidden: set[str] = set()  # survives set_model, so toggles stick across models
        self._trace: Trace | None = None
        self._autoscale = False
        self._activation_levels: dict[str, Levels] = {}
        self._hovered: tuple[str, tuple[int, int, int]] | None = None
        self._hovered_unit: UnitRef | None = None
        self._selection: UnitRef | None = None
        self._weights: dict[str, np.ndarray] = {}
        self._grid_target = DEFAULT_GRID_TARGET

        scene = self._graphics.scene()
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        self._leave_filter = _LeaveFilter(self._clear_hover)
        self._graphics.viewport().installEventFilter(self._leave_filter)
        self._graphics.viewport().setMouseTracking(True)
        self._show_hint()

    # ---- public API -------------------------------------------------------------------------
    def set_model(self, model: LeNet, levels: dict[str, Levels] | None = None) -> None:
        """(Re)build the panels for `model.config` and draw its filters.

        `levels` gives fixed activation limits per layer; by default they are computed once
        here from a reference pass (explainer.core.levels explains the choice)."""
        from explainer.core.levels import reference_levels

        config = model.config
        if levels is None:
            levels = reference_levels(model)
        self._activation_levels = dict(levels)
        self._activation_levels.setdefault("input", input_levels(config))
        self._weights = {
            "conv1_filters": model.conv1.weight.detach().cpu().numpy().astype(np.float32),
            "conv2_filters": model.conv2.weight.detach().cpu().numpy().astype(np.float32),
        }
        same_layout = self._config == config and bool(self._panels)
        self._config = config
        self._trace = None
        self._clear_hover()
        if same_layout:
            # Same architecture (e.g. another checkpoint of it): keep the items, new limits.
            for panel in self._panels.values():
                if panel.trace_key is not None:
                    panel.fixed_levels = self._activation_levels.get(panel.name, (0.0, 1.0))
                    panel.values = None
                    panel.image.setVisible(False)
                    self._set_colorbar_levels(panel, panel.fixed_levels)
        else:
            self._build_panels(config)
        for name, weights in self._weights.items():
            levels = symmetric_levels(weights)
            self._panels[name].fixed_levels = levels
            self._show_values(self._panels[name], weights, levels)
        if not same_layout:
            self._relayout()
        if self._selection is not None:
            self.set_selection(self._selection)
        self._show_hint()

    def set_trace(self, trace: Trace | None) -> None:
        """Repaint the activation panels from `trace` (None: blank them)."""
        self._trace = trace
        for panel in self._panels.values():
            key = panel.trace_key
            if key is None:
                continue
            # A trace of another architecture (one computed just before a model switch)
            # does not fit the panels: show nothing rather than raise from a Qt slot.
            if trace is None or key not in trace or trace[key].size != panel.mosaic.size:
                panel.values = None
                panel.image.setVisible(False)
                continue
            values = trace[key]
            if self._autoscale:
                levels = self._auto_levels(panel, values)
            else:
                levels = panel.fixed_levels
            self._show_values(panel, values, levels)
        if self._hovered is not None:
            self._update_value_label()

    def set_selection(self, unit: UnitRef | None) -> None:
        self._selection = unit
        for panel in self._panels.values():
            if panel.selection is not None:
                panel.selection.hide()
        if unit is None:
            return
        panel = self._panels.get(unit.layer)
        if panel is None or unit.channel >= panel.mosaic.n_tiles:
            return
        if panel.selection is None:
            panel.selection = self._make_outline(panel, SELECTION_COLOUR, z=20, width=2.5)
        row, col = (unit.row, unit.col) if unit.is_spatial else (0, 0)
        panel.selection.show_rect(panel.mosaic.unit_rect(unit.channel, row, col))

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        if visible:
            self._hidden.discard(layer)
        else:
            self._hidden.add(layer)
        panel = self._panels.get(layer)
        if panel is not None and panel.visible != visible:
            panel.visible = visible
            self._relayout()

    def layer_names(self) -> list[str]:
        return list(self._panels)

    def set_autoscale(self, on: bool) -> None:
        self._autoscale = bool(on)
        for panel in self._panels.values():
            if panel.trace_key is not None:
                self._set_colorbar_levels(panel, panel.fixed_levels)
        self.set_trace(self._trace)

    # ---- helpers for tests and the window ---------------------------------------------------
    def panel(self, layer: str) -> Panel:
        return self._panels[layer]

    def panel_scene_rect(self, layer: str) -> QRectF:
        """Where a visible panel (title, view and colour bar) lies in the scene."""
        return self._panels[layer].layout.sceneBoundingRect()

    def scene_pos_of(self, layer: str, channel: int, row: int = 0, col: int = 0) -> QPointF:
        """Scene position of the centre of a unit (or weight) in a panel."""
        panel = self._panels[layer]
        panel.view.updateMatrix()  # the view maps lazily (at paint); make it current
        row0, col0, _, _ = panel.mosaic.unit_rect(channel, row, col)
        return panel.image.mapToScene(QPointF(col0 + 0.5, row0 + 0.5))

    def hit_test(self, scene_pos: QPointF) -> tuple[str, tuple[int, int, int]] | None:
        """(panel name, (tile, row, col)) under a scene position, or None."""
        for panel in self._panels.values():
            if not panel.visible or not panel.view.sceneBoundingRect().contains(scene_pos):
                continue
            local = panel.image.mapFromScene(scene_pos)
            hit = panel.mosaic.unit_at(int(np.floor(local.y())), int(np.floor(local.x())))
            return (panel.name, hit) if hit is not None else None
        return None

    def unit_ref(self, layer: str, hit: tuple[int, int, int]) -> UnitRef | None:
        """The UnitRef of a mosaic hit; None for weights."""
        panel = self._panels[layer]
        tile, row, col = hit
        if panel.kind == "filters":
            return None
        if panel.kind == "strip":
            return UnitRef(layer, tile)
        return UnitRef(layer, tile, row, col)

    def hover_at(self, scene_pos: QPointF) -> None:
        """What a mouse move to `scene_pos` does (the scene's mouse signal calls this)."""
        hit = self.hit_test(scene_pos)
        if hit is None:
            self._clear_hover()
            return
        if hit == self._hovered:
            return
        self._hovered = hit
        layer, tile_hit = hit
        self._show_hover_outlines(layer, tile_hit)
        self._update_value_label()
        unit = self.unit_ref(layer, tile_hit)
        if unit != self._hovered_unit:
            self._hovered_unit = unit
            self.unitHovered.emit(unit)

    def visible_outlines(self) -> dict[str, list[Rect]]:
        """The hover outlines shown now, per panel, in mosaic pixels (row0, col0, row1, col1)."""
        return {
            name: [o.rect() for o in panel.outlines if o.visible]
            for name, panel in self._panels.items()
            if any(o.visible for o in panel.outlines)
        }

    def hover_text(self) -> str:
        return self._value_label.text()

    # ---- building -----------------------------------------------------------------------
    def _clear_panels(self) -> None:
        main = self._graphics.ci
        for item in list(main.items):
            main.removeItem(item)
        self._panels = {}

    def _build_panels(self, config: ModelConfig) -> None:
        self._clear_panels()
        c1, c2 = config.conv_channels
        cin = config.in_channels
        k = config.kernel_size
        # The grid is chosen again for the widget's shape once the panels exist (_regrid).
        grids = self._grid_mosaics(config, self._grid_target)

        def add(
            name: str,
            kind: str,
            mosaic: Mosaic,
            cmap: str,
            shape_text: str,
            caption: str,
            cell_width: float = 1.0,
        ) -> None:
            if kind == "filters":
                fixed = symmetric_levels(self._weights[name])
            else:
                fixed = self._activation_levels.get(name, (0.0, 1.0))
            panel = self._make_panel(
                name, kind, mosaic, cmap, fixed, shape_text, caption, cell_width
            )
            panel.visible = name not in self._hidden
            self._panels[name] = panel

        def square(n: int, size: int) -> str:
            return f"{n}@{size}×{size}"

        feature_maps, filters = self.tr("feature maps"), self.tr("filters (weights)")
        pooling = self._pool_caption(config)
        size_in = config.input_size
        add(
            "input",
            "input",
            Mosaic(cin, size_in, size_in, cin),
            INPUT_MAP,
            square(cin, size_in),
            self.tr("network input"),
        )
        add(
            "conv1",
            "maps",
            grids["conv1"],
            ACTIVATION_MAP,
            square(c1, config.conv1_size),
            feature_maps,
        )
        add(
            "conv1_filters",
            "filters",
            grids["conv1_filters"],
            WEIGHT_MAP,
            square(c1, k) if cin == 1 else f"{c1}×{cin}@{k}×{k}",
            filters,
        )
        add(
            "pool1",
            "maps",
            grids["pool1"],
            ACTIVATION_MAP,
            square(c1, config.pool1_size),
            pooling,
        )
        add(
            "conv2",
            "maps",
            grids["conv2"],
            ACTIVATION_MAP,
            square(c2, config.conv2_size),
            feature_maps,
        )
        add(
            "conv2_filters",
            "filters",
            Mosaic(c2 * c1, k, k, c1),
            WEIGHT_MAP,
            f"{c2}×{c1}@{k}×{k}",
            filters,
        )
        add(
            "pool2",
            "maps",
            grids["pool2"],
            ACTIVATION_MAP,
            square(c2, config.pool2_size),
            pooling,
        )
        for fc_name, size in zip(config.fc_layer_names, config.fc_sizes, strict=True):
            add(
                fc_name,
                "strip",
                strip(size),
                ACTIVATION_MAP,
                str(size),
                self.tr("fully connected"),
                STRIP_CELL_WIDTH,
            )
        add(
            "logits",
            "strip",
            strip(config.num_classes),
            ACTIVATION_MAP,
            str(config.num_classes),
            self.tr("class scores"),
            LOGITS_CELL_WIDTH,
        )
        self._add_class_names(config)

    @staticmethod
    def _grid_mosaics(config: ModelConfig, target: float) -> dict[str, Mosaic]:
        """The mosaics whose grid adapts to the widget's shape. Each pool layer uses its conv
        layer's grid, and conv1's filters (one input channel) the conv1 grid, so map c, its
        pooled map and its filter sit in the same cell of their panels."""
        shapes = config.layer_shapes()
        c1, c2 = config.conv_channels
        cin, k = config.in_channels, config.kernel_size
        conv1_cols = grid_columns(c1, config.conv1_size, config.conv1_size, target)
        conv2_cols = grid_columns(c2, config.conv2_size, config.conv2_size, target)
        mosaics = {}
        for layer, cols in [
            ("conv1", conv1_cols),
            ("pool1", conv1_cols),
            ("conv2", conv2_cols),
            ("pool2", conv2_cols),
        ]:
            n, rows, width = shapes[layer]
            mosaics[layer] = Mosaic(n, rows, width, min(cols, n))
        # Several input channels: one mosaic row of filters per output channel.
        mosaics["conv1_filters"] = Mosaic(c1 * cin, k, k, conv1_cols if cin == 1 else cin)
        return mosaics

    def _plan_columns(self, config: ModelConfig) -> tuple[float, list[float]]:
        """The grid target that shows the panels largest on this widget, and the width of
        each visible column.

        A panel drawn in a column of width w is shown at scale min(w / mosaic width,
        H / mosaic height). For each grid target the widths that maximise the weighted sum
        of log scales are found by water-filling (w = clamp(weight·λ, minimum, width at
        full height), with λ such that the columns fill the widget); the target with the
        best sum wins."""
        width = max(self._graphics.width(), 200) - 8
        max_height = max(self._graphics.height() - PANEL_CHROME_HEIGHT, 60)
        visible = [p for p in self._panels.values() if p.visible]
        free = width - COLUMN_SPACING * max(len(visible) - 1, 0)
        best: tuple[float, list[float]] = (DEFAULT_GRID_TARGET, [])
        best_score = -math.inf
        for target in GRID_TARGETS if visible else ():
            mosaics = self._grid_mosaics(config, target)
            columns = []  # (weight, minimum width, data width, data height, extra width)
            for panel in visible:
                mosaic = mosaics.get(panel.name, panel.mosaic)
                weight = PANEL_WEIGHTS.get(panel.name, PANEL_WEIGHTS[panel.kind])
                data_width = mosaic.width * panel.cell_width
                minimum = max(self._min_column_width(panel), panel.extra_width + 20)
                columns.append((weight, minimum, data_width, mosaic.height, panel.extra_width))
            widths = _water_fill(
                [
                    (weight, low, max(low, extra + data_width / data_height * max_height))
                    for weight, low, data_width, data_height, extra in columns
                ],
                free,
            )
            score = sum(
                weight * math.log(min((w - extra) / data_width, max_height / data_height))
                for (weight, _, data_width, data_height, extra), w in zip(
                    columns, widths, strict=True
                )
            )
            if score > best_score + 1e-9:
                best, best_score = (target, widths), score
        return best

    @staticmethod
    def _min_column_width(panel: Panel) -> float:
        minimum = panel.layout.effectiveSizeHint(Qt.SizeHint.MinimumSize).width()
        return max(minimum, 40.0)

    def _regrid(self) -> None:
        """Re-tile the adaptive panels for the widget's shape and size the columns."""
        if self._config is None or not self._panels:
            return
        visible = [p for p in self._panels.values() if p.visible]
        # Never narrower than the columns' minimum widths: panels must not overlap or clip.
        minimum = sum(max(self._min_column_width(p), p.extra_width + 20) for p in visible)
        self._graphics.setMinimumWidth(
            math.ceil(minimum + COLUMN_SPACING * max(len(visible) - 1, 0) + 8)
        )
        target, widths = self._plan_columns(self._config)
        changed = False
        if target != self._grid_target:
            self._grid_target = target
            for name, mosaic in self._grid_mosaics(self._config, target).items():
                panel = self._panels[name]
                if mosaic != panel.mosaic:
                    self._set_mosaic(panel, mosaic)
                    changed = True
        grid = self._graphics.ci.layout
        for column, column_width in enumerate(widths):
            grid.setColumnFixedWidth(column, column_width)
        for column in range(len(widths), grid.columnCount()):  # left over from hidden panels
            grid.setColumnFixedWidth(column, 0)
        if changed:
            self._clear_hover()
            if self._selection is not None:
                self.set_selection(self._selection)

    def _set_mosaic(self, panel: Panel, mosaic: Mosaic) -> None:
        panel.mosaic = mosaic
        old_image, panel.image = panel.image, self._make_image(mosaic, panel.cell_width)
        panel.view.addItem(panel.image)
        for outline in [*panel.outlines, panel.selection]:  # outlines live on the image
            if outline is not None:
                outline.halo.setParentItem(panel.image)
                outline.core.setParentItem(panel.image)
        panel.view.removeItem(old_image)
        panel.view.setRange(
            xRange=(0, mosaic.width * panel.cell_width), yRange=(0, mosaic.height), padding=0.02
        )
        if panel.values is not None:
            self._show_values(panel, panel.values, panel.levels)
        else:
            panel.image.setVisible(False)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._regrid()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        # The captions are baked into the panels' titles: rebuild them in the new language.
        if event.type() == QEvent.Type.LanguageChange and self._config is not None:
            self._rebuild_panels()
        super().changeEvent(event)

    def _rebuild_panels(self) -> None:
        trace = self._trace
        self._build_panels(self._config)
        for name, weights in self._weights.items():
            panel = self._panels[name]
            self._show_values(panel, weights, panel.fixed_levels)
        self._relayout()
        self.set_trace(trace)
        if self._selection is not None:
            self.set_selection(self._selection)
        self._show_hint()

    def _pool_caption(self, config: ModelConfig) -> str:
        size = config.pool_size
        if config.pool == "max":
            return self.tr("max pooling {0}×{0}").format(size)
        return self.tr("average pooling {0}×{0}").format(size)

    def _make_panel(
        self,
        name: str,
        kind: str,
        mosaic: Mosaic,
        cmap_name: str,
        fixed_levels: Levels,
        shape_text: str,
        caption: str,
        cell_width: float,
    ) -> Panel:
        caption_html = "<br>".join(_two_lines(caption))
        sub = pg.GraphicsLayout()
        sub.setContentsMargins(0, 0, 0, 0)
        sub.layout.setVerticalSpacing(2)
        title = pg.LabelItem(
            f"<span style='color:{TEXT_COLOUR}; font-size:9pt'><b>{name.replace('_', ' ')}</b>"
            f"</span><br><span style='color:{TEXT_COLOUR}; font-size:8pt'>{shape_text}</span>"
            f"<br><span style='color:#666666; font-size:7pt'>{caption_html}</span>",
            justify="center",
        )
        title.item.document().setDocumentMargin(0)  # narrow columns: no padding around text
        title.updateMin()
        sub.addItem(title, row=0, col=0, colspan=2)
        # Strips fill their column's height: a 10-unit output strip beside long class names
        # would otherwise shrink to a few pixels.
        view = pg.ViewBox(
            lockAspect=kind != "strip", invertY=True, enableMouse=False, enableMenu=False
        )
        view.setMouseEnabled(False, False)
        view.setDefaultPadding(0.02)
        sub.addItem(view, row=1, col=1)
        image = self._make_image(mosaic, cell_width)
        view.addItem(image)
        view.setRange(
            xRange=(0, mosaic.width * cell_width), yRange=(0, mosaic.height), padding=0.02
        )
        colorbar = pg.ColorBarItem(
            values=fixed_levels,
            colorMap=colormap(cmap_name),
            interactive=False,
            orientation="horizontal",
            width=8,
            colorMapMenu=False,
        )
        colorbar.setMouseEnabled(False, False)
        for axis_name in ("left", "right", "top", "bottom"):
            axis = colorbar.getAxis(axis_name)
            axis.setPen(pg.mkPen("#888888"))
            axis.setTextPen(pg.mkPen(TEXT_COLOUR))
        # End labels stick out of the bar by half their width: allow up to 30 px.
        colorbar.getAxis("bottom").setStyle(
            tickFont=self.font(), tickTextOffset=2, hideOverlappingLabels=30
        )
        # Room for the end labels, which stick out of the bar by half their width.
        colorbar.setContentsMargins(12, 0, 12, 0)
        # Spans column 0 too, where the output strip has its class names, so both limits fit.
        sub.addItem(colorbar, row=2, col=0, colspan=2)
        sub.layout.setRowStretchFactor(1, 1)
        panel = Panel(
            name=name,
            kind=kind,
            mosaic=mosaic,
            colormap_name=cmap_name,
            fixed_levels=fixed_levels,
            layout=sub,
            title=title,
            view=view,
            image=image,
            colorbar=colorbar,
            cell_width=cell_width,
            levels=fixed_levels,
        )
        self._set_colorbar_levels(panel, fixed_levels)
        return panel

    @staticmethod
    def _make_image(mosaic: Mosaic, cell_width: float) -> MosaicImage:
        image = MosaicImage(mosaic.height, mosaic.width, GAP_PIXEL)
        image.setVisible(False)  # until it has values
        image.setRect(QRectF(0, 0, mosaic.width * cell_width, mosaic.height))
        return image

    def _add_class_names(self, config: ModelConfig) -> None:
        """Class names beside the output strip, on an axis linked to its view."""
        panel = self._panels["logits"]
        axis = pg.AxisItem("left")
        axis.setPen(pg.mkPen(None))  # names only: no axis line
        axis.setTextPen(pg.mkPen(TEXT_COLOUR))
        axis.setStyle(tickLength=0, tickFont=self.font())
        axis.setTicks([[(i + 0.5, name) for i, name in enumerate(config.class_names)], []])
        metrics = QFontMetrics(self.font())
        names_width = max(metrics.horizontalAdvance(name) for name in config.class_names) + 10
        axis.setWidth(names_width)
        panel.extra_width = names_width
        axis.linkToView(panel.view)
        panel.layout.addItem(axis, row=1, col=0)

    def _relayout(self) -> None:
        """Put the visible panels in consecutive columns, widths in proportion to content."""
        main = self._graphics.ci
        for item in list(main.items):
            main.removeItem(item)
        column = 0
        for panel in self._panels.values():
            if not panel.visible:
                continue
            main.addItem(panel.layout, row=0, col=column)
            column += 1
        self._clear_hover()
        self._regrid()

    # ---- painting -----------------------------------------------------------------------
    def _show_values(self, panel: Panel, values: np.ndarray, levels: Levels) -> None:
        table = argb_table(panel.colormap_name)
        indices = colour_indices(values, levels, len(table))
        # One fancy-indexed write: each value's colour lands on its mosaic pixel.
        np.put(panel.image.pixels, panel.mosaic.destination, table[indices])
        panel.values = values
        if levels != panel.levels:
            panel.levels = levels
            self._set_colorbar_levels(panel, levels)
        panel.image.pixels_changed()
        if not panel.image.isVisible():
            panel.image.setVisible(True)

    def _auto_levels(self, panel: Panel, values: np.ndarray) -> Levels:
        """This frame's min and max, rounded outwards to a step of ~1/20 of their span: the
        colour bar then reads cleanly and is only re-labelled when the range really moves
        (re-labelling 8 bars costs ~3 ms a frame)."""
        if panel.kind == "input":
            return panel.fixed_levels
        lo, hi = float(np.nanmin(values)), float(np.nanmax(values))
        span = hi - lo
        if not np.isfinite(span) or span < 1e-6:
            return lo, lo + 1e-6 if np.isfinite(lo) else 1.0
        step = 10.0 ** math.floor(math.log10(span / 20))
        return math.floor(lo / step) * step, math.ceil(hi / step) * step

    def _set_colorbar_levels(self, panel: Panel, levels: Levels) -> None:
        lo, hi = levels
        panel.colorbar.setLevels(values=(lo, hi), update_items=False)
        ticks = [(lo, _tick_label(lo)), (hi, _tick_label(hi))]
        if panel.kind == "filters":  # diverging: show where zero (the centre colour) is
            ticks.insert(1, (0.0, "0"))
        panel.colorbar.getAxis("bottom").setTicks([ticks, []])

    # ---- linking ------------------------------------------------------------------------
    def _make_outline(self, panel: Panel, colour: QColor, z: float, width: float) -> Outline:
        halo_pen = QPen(HALO_COLOUR, width + 2)
        core_pen = QPen(colour, width)
        for pen in (halo_pen, core_pen):
            pen.setCosmetic(True)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        halo = QGraphicsRectItem(panel.image)
        core = QGraphicsRectItem(panel.image)
        halo.setPen(halo_pen)
        core.setPen(core_pen)
        halo.setZValue(z)
        core.setZValue(z + 1)
        outline = Outline(halo, core)
        outline.hide()
        return outline

    def _outline_rects(self, panel: Panel, rects: list[Rect]) -> None:
        while len(panel.outlines) < len(rects):
            panel.outlines.append(self._make_outline(panel, HOVER_COLOUR, z=10, width=1.5))
        for outline, rect in zip(panel.outlines, rects, strict=False):
            outline.show_rect(rect)
        for outline in panel.outlines[len(rects) :]:
            outline.hide()

    def _hide_hover_outlines(self) -> None:
        for panel in self._panels.values():
            for outline in panel.outlines:
                if outline.visible:
                    outline.hide()

    def _show_hover_outlines(self, layer: str, hit: tuple[int, int, int]) -> None:
        self._hide_hover_outlines()
        config = self._config
        if config is None:
            return
        panel = self._panels[layer]
        tile, row, col = hit
        wanted: dict[str, list[Rect]] = {layer: [panel.mosaic.unit_rect(tile, row, col)]}
        if panel.kind == "filters":
            c1 = config.conv_channels[0]
            cin = config.in_channels
            if layer == "conv1_filters":
                out_channel, in_channel = divmod(tile, cin)
                wanted["conv1"] = [self._whole_tile("conv1", out_channel)]
                wanted["input"] = [self._whole_tile("input", in_channel)]
            else:
                out_channel, in_channel = divmod(tile, c1)
                wanted["conv2"] = [self._whole_tile("conv2", out_channel)]
                wanted["pool1"] = [self._whole_tile("pool1", in_channel)]
        else:
            unit = self.unit_ref(layer, hit)
            assert unit is not None
            wanted.update(self._receptive_outlines(config, unit))
        for name, rects in wanted.items():
            if name in self._panels:
                self._outline_rects(self._panels[name], rects)

    def _whole_tile(self, layer: str, tile: int) -> Rect:
        return self._panels[layer].mosaic.tile_rect(tile)

    def _whole_mosaic(self, layer: str) -> Rect:
        mosaic = self._panels[layer].mosaic
        return (0, 0, mosaic.height, mosaic.width)

    def _receptive_outlines(self, config: ModelConfig, unit: UnitRef) -> dict[str, list[Rect]]:
        """Outlines for a hovered unit: its receptive field on the input and on the layer it
        reads, and the filter that makes it."""
        out: dict[str, list[Rect]] = {}
        layer = unit.layer
        if layer == "input":
            return out
        fields = receptive_fields(config, unit)
        cin, c1 = config.in_channels, config.conv_channels[0]
        input_mosaic = self._panels["input"].mosaic
        out["input"] = [input_mosaic.box_rect(c, fields["input"]) for c in range(cin)]
        fc_names = list(config.fc_layer_names)
        if layer == "pool1":
            out["conv1"] = [self._panels["conv1"].mosaic.box_rect(unit.channel, fields["conv1"])]
        elif layer == "conv2":
            pool1 = self._panels["pool1"].mosaic
            out["pool1"] = [pool1.box_rect(c, fields["pool1"]) for c in range(c1)]
        elif layer == "pool2":
            out["conv2"] = [self._panels["conv2"].mosaic.box_rect(unit.channel, fields["conv2"])]
        elif layer in fc_names or layer == "logits":
            chain = ["pool2", *fc_names, "logits"]
            out[chain[chain.index(layer) - 1]] = [self._whole_mosaic(chain[chain.index(layer) - 1])]
        if layer == "conv1":
            filters = self._panels["conv1_filters"].mosaic
            out["conv1_filters"] = [filters.tile_rect(unit.channel * cin + c) for c in range(cin)]
        elif layer == "conv2":
            filters = self._panels["conv2_filters"].mosaic
            first = filters.tile_rect(unit.channel * c1)
            last = filters.tile_rect(unit.channel * c1 + c1 - 1)
            out["conv2_filters"] = [(first[0], first[1], last[2], last[3])]
        return out

    def _clear_hover(self) -> None:
        if self._hovered is None and self._hovered_unit is None:
            return  # mouse moving over empty space: nothing to undo
        self._hide_hover_outlines()
        had_unit = self._hovered_unit is not None
        self._hovered = None
        self._hovered_unit = None
        self._show_hint()
        if had_unit:
            self.unitHovered.emit(None)

    def _show_hint(self) -> None:
        self._value_label.setText(
            self.tr("Hover over a unit to see its value and receptive field; click to select it.")
        )

    def _update_value_label(self) -> None:
        if self._hovered is None:
            return
        layer, (tile, row, col) = self._hovered
        panel = self._panels[layer]
        if panel.kind == "filters":
            config = self._config
            inputs = config.in_channels if layer == "conv1_filters" else config.conv_channels[0]
            out_channel, in_channel = divmod(tile, inputs)
            conv = layer.removesuffix("_filters")
            value = float(self._weights[layer][out_channel, in_channel, row, col])
            text = self.tr("{0} weight [{1}, {2}, {3}, {4}] = {5}").format(
                conv, out_channel, in_channel, row, col, _format_value(value)
            )
            self._value_label.setText(text)
            return
        unit = self.unit_ref(layer, (tile, row, col))
        assert unit is not None
        label = unit.label()
        if layer == "logits" and self._config is not None:
            label += f" ({self._config.class_names[tile]})"
        if panel.values is None:
            self._value_label.setText(f"{label} = —")
            return
        value = float(panel.values.reshape(panel.mosaic.source_shape)[tile, row, col])
        text = f"{label} = {_format_value(value)}"
        if layer == "logits" and self._trace is not None and "probs" in self._trace:
            text += self.tr("  (probability {0:.1%})").format(float(self._trace["probs"][tile]))
        self._value_label.setText(text)

    # ---- mouse --------------------------------------------------------------------------
    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        self.hover_at(scene_pos)

    def _on_mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self.hit_test(event.scenePos())
        if hit is None:
            return
        unit = self.unit_ref(*hit)
        if unit is not None:
            self.unitClicked.emit(unit)
