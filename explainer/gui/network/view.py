"""NetworkView: every layer of the network, left to right, one mosaic image per layer.

One GraphicsLayoutWidget (one scene, one view) holds a column per panel: a title, a ViewBox with
one image showing the layer's mosaic (see explainer.core.mosaic), and a non-interactive colour
bar. Which panels there are and how wide each column is: `layout`; the panels' items and their
pixels: `rendering`; what hovering and selecting outline: `hover`. This class composes them and
owns the state (model, trace, hover, selection, hidden panels) and every translated text.

Clicking a unit emits `unitClicked`; the selection outline follows `set_selection` (the window
routes clicks through its state, so this widget never selects on its own). Weights (filters)
are not units: hovering one shows its value and emits `unitHovered(None)`. A right click emits
`unitMenuRequested(unit or None, global position)` (the window's what-if menu); switched-off
units and edited weights are marked after `set_whatifs` (network/knockouts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QLineF, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from explainer.core.ablation import NO_ABLATION, Ablation
from explainer.core.config import CONV, FC, OUTPUT, POOL
from explainer.core.edits import NO_EDITS, WeightEdits
from explainer.core.mosaic import Rect
from explainer.core.scales import Levels
from explainer.core.units import UnitRef, unit_exists
from explainer.gui import names, numbers, zoom
from explainer.gui.colormaps import symmetric_levels
from explainer.gui.i18n import Retranslatable, tr_args
from explainer.gui.network import edges, hover, knockouts, layout, overlays, rendering
from explainer.gui.network.hover import Hit, UnitValue
from explainer.gui.network.layout import (
    COLUMN_SPACING,
    DEFAULT_GRID_TARGET,
    FILTERS,
    INPUT_PANEL,
    Column,
    PanelPlan,
)
from explainer.gui.network.rendering import BACKGROUND, Panel

if TYPE_CHECKING:
    from explainer.core.config import ModelConfig
    from explainer.core.model import LeNet
    from explainer.core.trace import Trace
    from explainer.state import SessionState

UNKNOWN_LEVELS: Levels = (0.0, 1.0)  # a layer the caller gave no limits for


class _PointerFilter(QObject):
    """Tells the view where the mouse moved over the graphics viewport, and when it left."""

    def __init__(self, on_move, on_leave) -> None:  # noqa: ANN001
        super().__init__()
        self._on_move, self._on_leave = on_move, on_leave

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.MouseMove:
            self._on_move(event.position())
        elif kind == QEvent.Type.Leave:
            self._on_leave()
        return False


class NetworkView(Retranslatable, QWidget):
    unitHovered = Signal(object)  # UnitRef | None  # noqa: N815 (Qt naming)
    unitClicked = Signal(object)  # UnitRef  # noqa: N815
    unitMenuRequested = Signal(object, object)  # UnitRef | None, QPoint  # noqa: N815
    layerDoubleClicked = Signal(str)  # panel name, e.g. "conv2"  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("network_view")
        self._graphics = pg.GraphicsLayoutWidget()
        self._graphics.setObjectName("network_panels")
        self._graphics.setBackground(BACKGROUND)
        # The view paints its own opaque background: Qt filling the viewport's dirty region
        # with the palette first, on every frame, was ~0.2 ms of each repaint pass.
        self._graphics.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._graphics.ci.layout.setHorizontalSpacing(COLUMN_SPACING)
        self._graphics.ci.setContentsMargins(4, 4, 4, 4)
        rendering.paints_nothing(self._graphics.ci)
        self._value_label = QLabel()
        self._value_label.setObjectName("hover_value")
        self._value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        # Sideways scrolling when the columns' minimum widths do not fit (a zoom or the
        # presentation mode on a 1280×720 projector): clipped, pool2 to the logits could not
        # be reached at all.
        self._scroll = QScrollArea()
        self._scroll.setObjectName("network_scroll")
        self._scroll.setWidget(self._graphics)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._graphics.installEventFilter(self)  # its resizes re-tile the panels
        box.addWidget(self._scroll, 1)
        box.addWidget(self._value_label, 0)

        self._config: ModelConfig | None = None
        self._panels: dict[str, Panel] = {}
        self._hidden: set[str] = set()  # survives set_model, so toggles stick across models
        self._trace: Trace | None = None
        self._colour_pass = rendering.ColourPass()  # the trace's panels, coloured in one pass
        self._autoscale = False
        self._activation_levels: dict[str, Levels] = {}
        self._hovered: Hit | None = None
        self._hovered_unit: UnitRef | None = None
        self._selection: UnitRef | None = None
        self._weights: dict[str, np.ndarray] = {}  # per filters panel, (out, in, k, k)
        self._grid_target = DEFAULT_GRID_TARGET
        self._knocked_out: Ablation = NO_ABLATION
        self._edits: WeightEdits = NO_EDITS
        self._presentation = False
        zoom.notifier.changed.connect(self._zoomed)

        scene = self._graphics.scene()
        self._overlay = overlays.SceneOverlay(self._graphics)  # lines, the big value
        self._show_edges = True
        self._fc_weights: dict[str, np.ndarray] = {}  # (out, in) per fully connected layer
        # Lines follow the panels once a relayout has moved them (on the next event loop turn).
        self._edges_timer = QTimer(self)
        self._edges_timer.setSingleShot(True)
        self._edges_timer.timeout.connect(self._update_edges)
        self._kernel_popup = overlays.KernelPopup(self)
        scene.sigMouseMoved.connect(self._on_mouse_moved)
        scene.sigMouseClicked.connect(self._on_mouse_clicked)
        # pyqtgraph drops a move that comes within 1/mouseRateLimit s of the last one: the
        # pointer's last position of a quick move could be dropped, and the unit outlined and
        # its value shown were then the one before it. A moment after the last move, it is
        # hovered once more (nothing happens when that unit is already the hovered one).
        self._pointer: QPointF | None = None
        self._hover_settle = QTimer(self)
        self._hover_settle.setSingleShot(True)
        rate = pg.getConfigOption("mouseRateLimit")
        self._hover_settle.setInterval(int(1000 / rate) + 5 if rate > 0 else 0)
        self._hover_settle.timeout.connect(self._hover_last_pointer)
        self._pointer_filter = _PointerFilter(self._on_pointer_moved, self._on_pointer_left)
        self._graphics.viewport().installEventFilter(self._pointer_filter)
        self._graphics.viewport().setMouseTracking(True)
        self.retranslate()

    # ---- public API -------------------------------------------------------------------------
    def bind(self, state: SessionState) -> None:
        """Follow a session: its model (with the session's fixed levels), its traces and its
        selection. Clicks still only emit unitClicked: whoever binds routes them."""
        state.model_changed.connect(
            lambda model, _checkpoint: self.set_model(model, state.levels, state.weight_levels)
        )
        state.weights_changed.connect(lambda model: self.set_weights(model, state.weight_levels))
        state.weights_changed.connect(lambda _model: self.set_levels(state.levels))
        state.timeline_changed.connect(
            lambda _timeline: (
                self.set_weights(state.model, state.weight_levels)
                if state.model is not None
                else None
            )
        )
        state.trace_changed.connect(self.set_trace)
        state.selection_changed.connect(self.set_selection)
        state.whatif_changed.connect(
            lambda _kind: self.set_whatifs(state.knocked_out, state.edited)
        )

    def set_model(
        self,
        model: LeNet,
        levels: dict[str, Levels],
        weight_levels: dict[str, Levels] | None = None,
    ) -> None:
        """(Re)build the panels for `model.config` and draw its filters.

        `levels` are the fixed activation limits per layer (explainer.core.levels computes
        them, e.g. `reference_levels(model)`), the input included; a layer without limits is
        drawn with (0, 1). `weight_levels`: fixed limits of the filters by layer (a training
        timeline's); by default each filter panel's own symmetric limits. This widget never runs
        the model."""
        config = model.config
        self._activation_levels = dict(levels)
        self._weights = self._read_weights(model)
        same_layout = self._config == config and bool(self._panels)
        self._config = config
        self._trace = None
        self._clear_hover()
        if same_layout:
            # Same architecture (e.g. another checkpoint of it): keep the items, new limits.
            for panel in self._panels.values():
                if panel.trace_key is not None:
                    panel.fixed_levels = self._fixed_levels(panel.plan)
                    rendering.hide_values(panel)
                    rendering.set_colorbar_levels(panel, panel.fixed_levels)
        else:
            self._build_panels(config)
        self.set_weights(model, weight_levels)
        if not same_layout:
            self._relayout()
        if self._selection is not None:
            self.set_selection(self._selection)
        self._show_marks()
        self._show_hint()

    def set_weights(self, model: LeNet, weight_levels: dict[str, Levels] | None = None) -> None:
        """Redraw the filter panels from the model's current weights (after a snapshot or a
        training step changed them in place; the architecture is the same)."""
        self._weights = self._read_weights(model)
        self._fc_weights = {
            spec.name: getattr(model, spec.name).weight.detach().cpu().numpy()
            for spec in model.config.layers()
            if spec.kind in (FC, OUTPUT)
        }
        self._update_edges()
        for spec in model.config.layers():
            name = layout.filters_name(spec.name)
            if spec.kind != CONV or name not in self._panels:
                continue
            weights = self._weights[name]
            panel = self._panels[name]
            fixed = (weight_levels or {}).get(spec.name)
            levels = fixed if fixed is not None else symmetric_levels(weights)
            if levels != panel.fixed_levels or panel.values is None:
                # Re-labelling a colour bar costs ~0.4 ms: only when the limits move.
                panel.fixed_levels = levels
                rendering.set_colorbar_levels(panel, levels)
            rendering.show_values(panel, weights, panel.fixed_levels)

    @staticmethod
    def _read_weights(model: LeNet) -> dict[str, np.ndarray]:
        return {
            layout.filters_name(spec.name): getattr(model, spec.name)
            .weight.detach()
            .cpu()
            .numpy()
            .astype(np.float32)
            for spec in model.config.layers()
            if spec.kind == CONV
        }

    def set_levels(self, levels: dict[str, Levels]) -> None:
        """New fixed activation limits (e.g. of a network being trained); redraws the trace."""
        if levels == self._activation_levels:
            return
        self._activation_levels = dict(levels)
        for panel in self._panels.values():
            if panel.trace_key is not None:
                panel.fixed_levels = self._fixed_levels(panel.plan)
                rendering.set_colorbar_levels(panel, panel.fixed_levels)
        if self._trace is not None:
            self.set_trace(self._trace)

    def set_trace(self, trace: Trace | None) -> None:
        """Repaint the activation panels from `trace` (None: blank them)."""
        self._trace = trace
        shown = []
        for panel in self._panels.values():
            key = panel.trace_key
            if key is None:
                continue
            # A trace of another architecture (one computed just before a model switch)
            # does not fit the panels: show nothing rather than raise from a Qt slot.
            if trace is None or key not in trace or trace[key].size != panel.mosaic.size:
                rendering.hide_values(panel)
                continue
            values = trace[key]
            if self._autoscale:
                levels = rendering.auto_levels(panel, values)
            else:
                levels = panel.fixed_levels
            shown.append((panel, values, levels))
        self._colour_pass.show(shown)
        if self._hovered is not None:
            self._update_value_label()

    def set_selection(self, unit: UnitRef | None) -> None:
        self._selection = unit
        hover.show_selection(self._panels, unit, self._config)
        self._update_edges()

    def set_whatifs(self, knocked_out: Ablation, edits: WeightEdits = NO_EDITS) -> None:
        """Mark the switched-off units (dimmed, crossed out, with their filters) and the
        edited weights (ringed)."""
        self._knocked_out, self._edits = knocked_out, edits
        self._show_marks()

    def _show_marks(self) -> None:
        knockouts.show_marks(self._panels, self._knocked_out, self._edits)

    def visible_marks(self) -> dict[str, list[tuple[Rect, bool]]]:
        """The what-if marks shown now, per panel: (rect in mosaic pixels, crossed out)."""
        return knockouts.visible_marks(self._panels)

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
                rendering.set_colorbar_levels(panel, panel.fixed_levels)
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

    def hit_test(self, scene_pos: QPointF) -> Hit | None:
        """(panel name, (tile, row, col)) under a scene position, or None."""
        return hover.hit_test(self._panels.values(), scene_pos)

    def unit_ref(self, layer: str, hit: tuple[int, int, int]) -> UnitRef | None:
        """The UnitRef of a mosaic hit; None for weights."""
        return hover.unit_ref(self._panels[layer], hit)

    def hover_at(self, scene_pos: QPointF) -> None:
        """What a mouse move to `scene_pos` does (the scene's mouse signal calls this)."""
        hit = self.hit_test(scene_pos)
        if hit is None:
            self._clear_hover()
            return
        if hit == self._hovered:
            return
        self._hovered = hit
        if self._config is not None:
            hover.show_hover_outlines(
                self._panels, hover.linked_rects(self._config, self._panels, hit)
            )
        self._update_value_label()
        self._show_overlays(hit, scene_pos)
        unit = self.unit_ref(*hit)
        if unit != self._hovered_unit:
            self._hovered_unit = unit
            self._update_edges()
            self.unitHovered.emit(unit)

    def mirror_hover(self, unit: UnitRef | None) -> None:
        """Outline `unit` and what it reads as if it were hovered here (Compare's other row),
        without emitting unitHovered; a unit this network lacks outlines nothing."""
        if self._config is None:
            return
        if unit is None or unit.layer not in self._panels or not unit_exists(self._config, unit):
            hover.hide_hover_outlines(self._panels.values())
            if self._hovered is not None and self._hovered_unit is None:
                self._hovered = None
                self._show_hint()
            return
        place = (unit.channel, unit.row, unit.col) if unit.is_spatial else (unit.channel, 0, 0)
        self._hovered = (unit.layer, place)
        hover.show_hover_outlines(
            self._panels, hover.linked_rects(self._config, self._panels, self._hovered)
        )
        self._update_value_label()

    # ---- for a lecture hall (gui/network/overlays.py) ------------------------------------
    def set_presentation(self, on: bool) -> None:
        """Thick outlines and the hovered value in large type beside the unit."""
        self._presentation = bool(on)
        scale = hover.PRESENTATION_OUTLINE_SCALE if on else 1.0
        hover.set_outline_scale(self._panels.values(), scale)
        if not on:
            self._overlay.hide_big_value()

    @property
    def presentation(self) -> bool:
        return self._presentation

    def big_value_text(self) -> str | None:
        """The large hovered value shown now (presentation mode), or None."""
        return self._overlay.big_text

    def kernel_popup(self) -> overlays.KernelPopup:
        return self._kernel_popup

    def _show_overlays(self, hit: Hit, scene_pos: QPointF) -> None:
        name, place = hit
        panel = self._panels[name]
        if self._presentation:
            self._overlay.show_big_value(self._value_label.text(), scene_pos)
        if panel.kind == FILTERS and name in self._weights:
            out_channel = hover.weight_index(panel, place)[0]
            kernels = self._weights[name][out_channel]
            near = self._graphics.mapToGlobal(self._graphics.mapFromScene(scene_pos))
            caption = tr_args(
                self.tr("%1 filter %2: its %3 kernels"),
                names.layer_name(panel.layer.name),
                out_channel,
                kernels.shape[0],
            )
            self._kernel_popup.show_kernels(
                (name, out_channel),
                kernels,
                panel.fixed_levels,
                panel.colormap_name,
                caption,
                QPointF(near),
            )
        else:
            self._kernel_popup.hide_kernels()

    # ---- connections (gui/network/edges.py) ------------------------------------------------
    def set_connections_visible(self, on: bool) -> None:
        self._show_edges = bool(on)
        self._update_edges()

    def connection_lines(self) -> list[tuple[QLineF, QColor, float]]:
        """The connection lines shown now: (scene line, colour, width)."""
        return list(self._overlay.lines)

    def _update_edges(self) -> None:
        unit = self._hovered_unit or self._selection
        if not self._show_edges or unit is None or self._config is None:
            self._overlay.set_lines([])
            return
        if unit.layer not in self._panels or not self._panels[unit.layer].visible:
            self._overlay.set_lines([])
            return
        found = edges.unit_edges(self._config, unit, self._fc_weights, self._panels)
        self._overlay.set_lines(edges.scene_lines(self._panels, unit, found))

    def visible_outlines(self) -> dict[str, list[Rect]]:
        """The hover outlines shown now, per panel, in mosaic pixels (row0, col0, row1, col1)."""
        return hover.visible_outlines(self._panels)

    def hover_text(self) -> str:
        return self._value_label.text()

    # ---- building -----------------------------------------------------------------------
    def _fixed_levels(self, plan: PanelPlan) -> Levels:
        if plan.kind == FILTERS:
            return symmetric_levels(self._weights[plan.name])
        return self._activation_levels.get(plan.name, UNKNOWN_LEVELS)

    def _build_panels(self, config: ModelConfig) -> None:
        main = self._graphics.ci
        for item in list(main.items):
            main.removeItem(item)
        self._panels = {}
        # The grid is chosen again for the widget's shape once the panels exist (_regrid).
        grids = layout.grid_mosaics(config, self._grid_target)
        font = self.font()
        for plan in layout.panel_plans(config):
            mosaic = grids[plan.name] if plan.name in grids else layout.fixed_mosaic(plan)
            panel = rendering.make_panel(
                plan,
                mosaic,
                self._fixed_levels(plan),
                self._caption(config, plan),
                font,
                heading=names.layer_name(plan.name),
            )
            if plan.layer.kind == OUTPUT:
                rendering.add_class_names(panel, names.class_names(config.class_names), font)
            panel.visible = plan.name not in self._hidden
            self._panels[plan.name] = panel

    def _caption(self, config: ModelConfig, plan: PanelPlan) -> str:
        kind = plan.layer.kind
        if plan.kind == INPUT_PANEL:
            return self.tr("network input")
        if plan.kind == FILTERS:
            return self.tr("filters (weights)")
        if kind == CONV:
            return self.tr("feature maps")
        if kind == POOL:
            size = plan.layer.kernel
            if config.pool == "max":
                return tr_args(self.tr("max pooling %1×%1"), size)
            return tr_args(self.tr("average pooling %1×%1"), size)
        if kind == FC:
            return self.tr("fully connected")
        return self.tr("class scores")

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
        self._edges_timer.start(0)

    def _columns(self) -> list[Column]:
        columns = []
        for panel in self._panels.values():
            if not panel.visible:
                continue
            minimum = panel.layout.effectiveSizeHint(Qt.SizeHint.MinimumSize).width()
            columns.append(
                Column(
                    name=panel.name,
                    mosaic=panel.mosaic,
                    cell_width=panel.cell_width,
                    weight=panel.plan.weight,
                    minimum=max(minimum, 40.0, panel.extra_width + 20),
                    extra_width=panel.extra_width,
                )
            )
        return columns

    def _regrid(self) -> None:
        """Re-tile the adaptive panels for the widget's shape and size the columns."""
        if self._config is None or not self._panels:
            return
        columns = self._columns()
        # Never narrower than the columns' minimum widths: panels must not overlap or clip.
        self._graphics.setMinimumWidth(layout.minimum_width(columns))
        target, widths = layout.plan_columns(
            self._config, columns, self._graphics.width(), self._graphics.height()
        )
        changed = False
        if target != self._grid_target:
            self._grid_target = target
            for name, mosaic in layout.grid_mosaics(self._config, target).items():
                panel = self._panels[name]
                if mosaic != panel.mosaic:
                    rendering.set_mosaic(panel, mosaic)
                    changed = True
        grid = self._graphics.ci.layout
        visible = [panel for panel in self._panels.values() if panel.visible]
        for column, column_width in enumerate(widths):
            grid.setColumnFixedWidth(column, column_width)
            if column < len(visible):
                rendering.fit_colorbar_labels(visible[column], column_width)
        for column in range(len(widths), grid.columnCount()):  # left over from hidden panels
            grid.setColumnFixedWidth(column, 0)
        if changed:
            self._clear_hover()
            if self._selection is not None:
                self.set_selection(self._selection)
            self._show_marks()

    def _zoomed(self, _factor: float) -> None:
        if self._config is not None:
            self._rebuild_panels()  # titles and colour-bar labels at the new zoom
            hover.set_outline_scale(self._panels.values(), hover.outline_scale)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self._graphics and event.type() == QEvent.Type.Resize:
            self._regrid()
            self._edges_timer.start(0)
        return False

    def retranslate(self) -> None:
        # The captions are baked into the panels' titles: rebuild them in the new language.
        if self._config is not None:
            self._rebuild_panels()
        self._show_hint()

    def _rebuild_panels(self) -> None:
        trace = self._trace
        self._build_panels(self._config)
        for name, weights in self._weights.items():
            panel = self._panels[name]
            rendering.show_values(panel, weights, panel.fixed_levels)
        self._relayout()
        self.set_trace(trace)
        if self._selection is not None:
            self.set_selection(self._selection)
        self._show_marks()

    # ---- hover --------------------------------------------------------------------------
    def _clear_hover(self) -> None:
        if self._hovered is None and self._hovered_unit is None:
            return  # mouse moving over empty space: nothing to undo
        hover.hide_hover_outlines(self._panels.values())
        self._overlay.hide_big_value()
        self._kernel_popup.hide_kernels()
        had_unit = self._hovered_unit is not None
        self._hovered = None
        self._hovered_unit = None
        self._update_edges()  # back to the selection's
        self._show_hint()
        if had_unit:
            self.unitHovered.emit(None)

    def _show_hint(self) -> None:
        self._value_label.setText(
            self.tr("Hover over a unit to see its value and receptive field; click to select it.")
        )

    def _update_value_label(self) -> None:
        if self._hovered is None or self._config is None:
            return
        name, place = self._hovered
        described = hover.hovered_value(
            self._config, self._panels[name], place, self._weights, self._trace
        )
        if not isinstance(described, UnitValue):
            text = tr_args(
                self.tr("%1 weight [%2, %3, %4, %5] = %6"),
                described.layer,
                *described.index,
                hover.format_value(described.value),
            )
        elif described.value is None:
            text = f"{described.label} = —"
        else:
            text = f"{described.label} = {hover.format_value(described.value)}"
            if described.probability is not None:
                text += tr_args(
                    self.tr("  (probability %1)"), numbers.percent(described.probability, 1)
                )
        unit = self.unit_ref(name, place)
        if unit is not None and (unit.layer, unit.channel) in self._knocked_out:
            text += self.tr("  (switched off)")
        self._value_label.setText(text)

    # ---- mouse --------------------------------------------------------------------------
    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        self.hover_at(scene_pos)

    def _on_pointer_moved(self, position: QPointF) -> None:
        self._pointer = position
        self._hover_settle.start()

    def _on_pointer_left(self) -> None:
        self._pointer = None
        self._hover_settle.stop()
        self._clear_hover()

    def _hover_last_pointer(self) -> None:
        if self._pointer is not None:
            self.hover_at(self._graphics.mapToScene(self._pointer.toPoint()))

    def _on_mouse_clicked(self, event) -> None:  # noqa: ANN001 (pyqtgraph event)
        if event.button() == Qt.MouseButton.RightButton:
            hit = self.hit_test(event.scenePos())
            unit = self.unit_ref(*hit) if hit is not None else None
            self.unitMenuRequested.emit(unit, event.screenPos().toPoint())
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = self.hit_test(event.scenePos())
        if hit is None:
            return
        if event.double():
            self.layerDoubleClicked.emit(hit[0])
            return
        unit = self.unit_ref(*hit)
        if unit is not None:
            self.unitClicked.emit(unit)
