"""ArithmeticView: every number of the selected unit, and a stepper that slides the window.

`ArithmeticView` listens to the session state (selection, trace, model) and shows, for the
selected unit, what explain_unit (explainer.core.arithmetic) computes from the network's own
weights and the trace's inputs, on one page per kind of layer (conv_page, pool_page, fc_page),
and the softmax and loss on a tab of their own (softmax_page).

The stepper walks the units of the selected map (or fully connected layer) one by one: each step
selects the next unit through the state (so the panels outline it), the input map outlines the
window it reads, and the output map fills in unit by unit from the trace. Nothing here runs the
model.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from explainer.core.arithmetic import ConvUnitResult, FcUnitResult, PoolUnitResult, explain_unit
from explainer.core.edits import WeightKey
from explainer.core.errors import ExplainerError
from explainer.core.units import UnitRef
from explainer.gui.arithmetic.conv_page import ConvPage
from explainer.gui.arithmetic.fc_page import FcPage
from explainer.gui.arithmetic.pool_page import PoolPage
from explainer.gui.arithmetic.softmax_page import SoftmaxPage
from explainer.gui.arithmetic.widgets import (
    MapView,
    PageStack,
    ResultPage,
    StepperBar,
    SummaryTable,
    as_grid,
)
from explainer.gui.colormaps import ACTIVATION_MAP, range_levels
from explainer.gui.i18n import Retranslatable, tr_args
from explainer.gui.messages import translate_message
from explainer.gui.names import class_name, layer_name, unit_label
from explainer.gui.scrolling import SidewaysScroll

if TYPE_CHECKING:
    import pyqtgraph as pg

    from explainer.core.trace import Trace
    from explainer.state import SessionState


class ArithmeticView(Retranslatable, QWidget):
    """The worked arithmetic of the state's selected unit, with a stepper, and the softmax."""

    updated = Signal()  # the shown numbers changed (tests wait on it)

    def __init__(self, state: SessionState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("arithmetic_view")
        self.state = state
        self.result: Any = None  # the explain_unit result shown
        self.unit: UnitRef | None = None
        self._run: tuple[str, int] | None = None  # (layer, channel) the stepper walks
        self._run_units: list[UnitRef] = []
        self._dirty = True
        # What a typed kernel weight and "Reset weights" do: the session's own methods by
        # default; the window's what-if features put undoable ones here.
        self.weight_editor: Callable[[WeightKey, float], None] = state.set_weight
        self.weights_resetter: Callable[[], None] = state.reset_weights
        self._build()
        state.selection_changed.connect(self._on_selection_changed)
        # Without an input nothing is rerun after a what-if: redraw the kernel marks here.
        state.whatif_changed.connect(lambda _kind: self.refresh() if state.image is None else None)
        state.trace_changed.connect(self._on_trace_changed)
        state.model_changed.connect(self._on_model_changed)
        state.label_changed.connect(lambda _label: self.refresh())
        # Built when first needed (gui/lazy_dock.py): what the session already has.
        if state.model is not None:
            self._on_model_changed(state.model, state.checkpoint)
        self.unit = state.selection
        self.retranslate()

    # ---- construction -------------------------------------------------------------------
    def _build(self) -> None:
        self.softmax_page = SoftmaxPage(self.state)
        self.softmax_page.changed.connect(self.refresh)
        self.tabs = QTabWidget(objectName="arithmetic_tabs")
        self.tabs.currentChanged.connect(lambda _: self.refresh())
        self.tabs.addTab(self._build_unit_page(), "")
        self.tabs.addTab(self.softmax_page, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tabs)

        # Keyboard control of the stepper while the dock has focus.
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for key, slot in (
            ("Space", self.stepper.toggle),
            ("Right", lambda: self.stepper.step(1)),
            ("Left", lambda: self.stepper.step(-1)),
        ):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

        # The widgets tests and callers read, under the names they had before the pages.
        conv, pool, softmax = self.conv_page, self.pool_page, self.softmax_page
        self.channel_combo = conv.channel_combo
        self.patch_grid, self.kernel_grid = conv.patch_grid, conv.kernel_grid
        self.products_grid = conv.products_grid
        self.window_grid = pool.window_grid
        self.chart = self.fc_page.chart
        self.softmax_table, self.true_label = softmax.softmax_table, softmax.true_label
        self.log_base, self.loss_label = softmax.log_base, softmax.loss_label

    def _build_unit_page(self) -> QWidget:
        page = QWidget()
        self.title = QLabel(objectName="unit_title")
        self.title.setMinimumWidth(200)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.stepper = StepperBar()
        self.stepper.positionRequested.connect(self.go_to)

        self.input_map = MapView("input_map")
        self.output_map = MapView("output_map")

        # Middle: conv grids / pool window / fc chart / a message, one at a time.
        self.middle = PageStack()
        self.middle.setObjectName("arithmetic_middle")
        self.message = QLabel(objectName="arithmetic_message")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.middle.addWidget(self.message)
        self.conv_page = ConvPage()
        self.conv_page.channelPicked.connect(self._on_channel_picked)
        self.conv_page.weightEdited.connect(self._on_weight_edited)
        # Text that is no number: said, as the playground says it (the cell keeps its value).
        self.conv_page.kernel_grid.editRejected.connect(
            lambda text: self.state.error.emit(
                ExplainerError(f"a weight must be a number, found {text.strip()!r}")
            )
        )
        self.conv_page.resetWeightsRequested.connect(lambda: self._apply(self.weights_resetter))
        self.pool_page = PoolPage()
        self.fc_page = FcPage()
        for result_page in (self.conv_page, self.pool_page, self.fc_page):
            self.middle.addWidget(result_page)

        self.summary = SummaryTable()
        self.summary.keyClicked.connect(self._on_summary_clicked)

        body = QHBoxLayout()
        body.addWidget(self.input_map, 0, Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.output_map, 0, Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.middle, 1)
        body_widget = QWidget()
        body_widget.setLayout(body)
        body.setContentsMargins(0, 0, 0, 0)
        # Only sideways, and exactly as tall as its place: the dock's height is the user's choice
        # (the sums and the value are outside this area). A resizable QScrollArea made the body
        # as tall as its height for width (the chart's 480 px hint), so at 720 px the fully
        # connected chart showed 6 of its 12 bars and no axis.
        scroll = SidewaysScroll()
        scroll.setObjectName("arithmetic_body_scroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body_widget)
        self._scroll = scroll

        top_row = QHBoxLayout()
        top_row.addWidget(self.title)
        top_row.addWidget(self.stepper, 1)
        left = QVBoxLayout()
        left.setSpacing(3)
        left.addLayout(top_row)
        left.addWidget(scroll, 1)
        # The sums and the final value take the full height: they are never scrolled away.
        layout = QHBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(left, 1)
        layout.addWidget(self.summary)
        return page

    # ---- what the fully connected page charts (read by tests) ------------------------------
    @property
    def bars(self) -> pg.BarGraphItem | None:
        return self.fc_page.bars

    @property
    def contribution_values(self) -> np.ndarray:
        return self.fc_page.contribution_values

    @property
    def contribution_labels(self) -> list[str]:
        return self.fc_page.contribution_labels

    # ---- state events -------------------------------------------------------------------
    def _on_selection_changed(self, unit: UnitRef | None) -> None:
        if unit is None:
            return  # keep showing the last unit: deselecting is not a request to forget it
        self.unit = unit
        if self.tabs.currentIndex() != 0:
            self.tabs.setCurrentIndex(0)  # refreshes
        else:
            self.refresh()

    def _on_trace_changed(self, trace: Trace | None) -> None:
        self.refresh()

    def _on_model_changed(self, model: Any, checkpoint: Any) -> None:
        self.softmax_page.set_class_names(list(model.config.class_names))
        if self.unit is not None and self.state.selection is None:
            self.unit = None  # the state dropped a selection this model does not have
            self._run = None
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def hideEvent(self, event) -> None:  # noqa: N802 (Qt API)
        # A closed dock must not go on moving the selection in the panels.
        self.stepper.pause()
        super().hideEvent(event)

    def _on_summary_clicked(self, key: str) -> None:
        if key.startswith("sum:"):
            self.conv_page.pick_channel(int(key.split(":")[1]))

    def _on_weight_edited(self, in_channel: int, row: int, col: int, value: float) -> None:
        result = self.result
        if not isinstance(result, ConvUnitResult):
            return
        key = WeightKey(result.layer, result.filter_index, in_channel, row, col)
        self._apply(lambda: self.weight_editor(key, value))

    def _apply(self, action: Callable[[], None]) -> None:
        try:
            action()
        except ExplainerError:
            pass  # the state reported it through its error event (the window shows it)

    def _on_channel_picked(self, _index: int) -> None:
        if isinstance(self.result, ConvUnitResult):
            self.refresh()

    # ---- stepping -----------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        """Select unit `index` of the map the stepper walks (through the state, so every
        panel follows)."""
        if not self._run_units:
            return
        index = max(0, min(index, len(self._run_units) - 1))
        self.state.select(self._run_units[index])
        if self.unit != self._run_units[index]:  # the state already had it selected
            self.unit = self._run_units[index]
            self.refresh()

    def start_run(self, layer: str, channel: int = 0) -> None:
        """Put the stepper at the first unit of `layer`'s map `channel` (conv/pool) or at the
        first unit of a fully connected layer."""
        if self.state.trace is None:
            return
        shape = self.state.trace[layer].shape
        if len(shape) == 3:
            self.state.select(UnitRef(layer, channel, 0, 0))
        else:
            self.state.select(UnitRef(layer, 0))

    def _units_of_run(self, unit: UnitRef, shape: tuple[int, ...]) -> list[UnitRef]:
        if unit.is_spatial:
            return [
                UnitRef(unit.layer, unit.channel, r, c)
                for r in range(shape[1])
                for c in range(shape[2])
            ]
        return [UnitRef(unit.layer, i) for i in range(shape[0])]

    # ---- rendering ----------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.isVisible():
            self._dirty = True  # drawn when the dock is shown: no work while it is hidden
            return
        self._dirty = False
        try:
            if self.tabs.currentIndex() == 1:
                model = self.state.model
                names = list(model.config.class_names) if model is not None else None
                self.softmax_page.show_trace(self.state.trace, names)
            else:
                self._show_unit()
        except ExplainerError as exc:  # e.g. a trace of another architecture mid-switch
            self._show_message(translate_message(str(exc)))
        self._fit_scroll()
        self.updated.emit()

    def _fit_scroll(self) -> None:
        """Resize the scrolled body to its new page now (the scroll area only does so on its own
        resize), so that a small page shows no scroll bars left from a bigger one."""
        body = self._scroll.widget()
        if body.layout() is not None:
            body.layout().activate()
        self._scroll.fit()

    def _show_message(self, text: str) -> None:
        self.middle.setCurrentWidget(self.message)
        self.message.setText(text)
        self.summary.setRowCount(0)
        self.result = None
        # No unit shown: no maps either (after Clear they still showed the old digit).
        self.input_map.setVisible(False)
        self.output_map.setVisible(False)

    def _show_unit(self) -> None:
        state, unit = self.state, self.unit
        trace = state.trace
        if state.model is None:
            self._show_message(self.tr("Loading the model…"))
            return
        if trace is None:
            self.title.setText(self.tr("Arithmetic"))
            self.stepper.set_range(0, 0)
            self._show_message(
                self.tr("Draw a digit (or pick a sample), then click a unit in the network panels.")
            )
            return
        if unit is None:
            self.title.setText(self.tr("Arithmetic"))
            self.stepper.set_range(0, 0)
            self._show_message(
                self.tr(
                    "Click a unit in the network panels (a feature map, a pooled map or a fully "
                    "connected layer) to see how its value was computed, then press play."
                )
            )
            return
        if unit.layer == "input" or unit.layer not in trace:
            self.title.setText(unit_label(unit))
            self.stepper.set_range(0, 0)
            self.input_map.set_outline(None)
            self._show_message(
                self.tr(
                    "The network input is the preprocessed drawing: nothing is computed here. "
                    "Click a unit of conv1 to see the first layer's arithmetic."
                )
            )
            return

        shape = trace[unit.layer].shape
        run = (unit.layer, unit.channel if unit.is_spatial else -1)
        if run != self._run or len(self._run_units) != int(np.prod(shape[1:] or shape)):
            self._run = run
            self._run_units = self._units_of_run(unit, shape)
        index = self._run_units.index(unit)
        self.stepper.set_range(len(self._run_units), index)

        result = explain_unit(state.model, trace, unit.layer, unit.channel, unit.row, unit.col)
        self.result = result
        title = self._unit_title(unit)
        if (unit.layer, unit.channel) in trace.ablation:
            title = tr_args(self.tr("%1 — switched off: the network passes 0 on"), title)
        self.title.setText(title)
        self.input_map.setVisible(True)
        self.output_map.setVisible(True)
        self._show_output_map(trace, unit, index)
        page: ResultPage | None = None
        if isinstance(result, ConvUnitResult):
            page = self.conv_page
            self.conv_page.edits = {
                (e.key.in_channel, e.key.row, e.key.col): e.original
                for e in state.edited.in_layer(result.layer, result.filter_index)
            }
            self.conv_page.any_edited = bool(state.edited)
        elif isinstance(result, PoolUnitResult):
            page = self.pool_page
        elif isinstance(result, FcUnitResult):
            page = self.fc_page
        if page is None:
            return
        self.middle.setCurrentWidget(page)
        config = state.model.config
        source = config.layer(config.layer(result.layer).source)  # the layer the unit reads
        page.config = config
        rows, highlight = page.show_result(trace, result, source, self.input_map)
        self.summary.fill(rows, highlight)

    def _unit_title(self, unit: UnitRef) -> str:
        if unit.is_spatial:
            return tr_args(
                self.tr("%1: map %2, row %3, col %4"),
                layer_name(unit.layer),
                unit.channel,
                unit.row,
                unit.col,
            )
        config = self.state.model.config if self.state.model is not None else None
        if unit.layer == "logits" and config is not None:
            return tr_args(
                self.tr("%1: unit %2 (class %3)"),  # "unit 1 (1)" read as a repetition
                layer_name(unit.layer),
                unit.channel,
                class_name(config.class_names[unit.channel]),
            )
        return tr_args(self.tr("%1: unit %2"), layer_name(unit.layer), unit.channel)

    def _show_output_map(self, trace: Trace, unit: UnitRef, index: int) -> None:
        """The map (or FC layer) this unit belongs to, filled in up to this unit, from the
        values the network computed (the trace), under the whole layer's range."""
        layer_values = np.asarray(trace[unit.layer], dtype=np.float64)
        levels = range_levels(layer_values)
        if unit.is_spatial:
            full = layer_values[unit.channel]
            filled = np.full(full.size, np.nan)
            filled[: index + 1] = full.reshape(-1)[: index + 1]
            self.output_map.set_values(filled.reshape(full.shape), levels, ACTIVATION_MAP)
            self.output_map.set_outline((unit.row, unit.col, 1, 1))
            self.output_map.title.setText(
                # Two lines on purpose: the caption wraps between its words, never inside them.
                tr_args(self.tr("%1[%2]:\noutput so far"), unit.layer, unit.channel)
            )
        else:
            filled = np.full(layer_values.size, np.nan)
            filled[: index + 1] = layer_values.reshape(-1)[: index + 1]
            grid = as_grid(filled)
            self.output_map.set_values(grid, levels, ACTIVATION_MAP)
            cols = grid.shape[1]
            self.output_map.set_outline((unit.channel // cols, unit.channel % cols, 1, 1))
            self.output_map.title.setText(tr_args(self.tr("%1:\noutput so far"), unit.layer))

    def filled_output(self) -> np.ndarray:
        """The output map as the stepper has filled it so far (NaN: not reached yet)."""
        values = self.output_map.values
        if values is None:
            return np.zeros((0, 0))
        if self.unit is not None and not self.unit.is_spatial and self._run_units:
            return values.reshape(-1)[: len(self._run_units)].copy()  # the grid as the vector
        return values.copy()

    def summary_number(self, key: str) -> float:
        """The exact number behind a summary row ('value', 'bias', 'sum:3', ...), read from
        the table's items."""
        return self.summary.number(key)

    def summary_keys(self) -> list[str]:
        return self.summary.keys()

    def probabilities(self) -> np.ndarray:
        """The probability column of the softmax table, read from its items."""
        return self.softmax_page.probabilities()

    # ---- language -----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Selected unit"))
        self.tabs.setTabText(1, self.tr("Softmax and loss"))
        self.refresh()
