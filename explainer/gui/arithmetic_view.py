"""The arithmetic dock: every number of the selected unit, and a stepper that slides the window.

`ArithmeticView` listens to the session state (selection, trace, model) and shows, for the
selected unit, what explain_unit (explainer.core.arithmetic) computes from the network's own
weights and the trace's inputs:

- convolution: the patch under the kernel, the kernel, the element-wise products (one input
  channel at a time, picked with a combo), each input channel's sum, the total, the bias, the
  activation and the final value;
- pooling: the window with the max marked (or the sum and mean);
- a fully connected unit: its largest contributions as a sorted bar chart, the rest, the bias
  and the activation;
- the softmax (own tab): logits, logit − max, exp, the sum, the probabilities, and the
  cross-entropy of a chosen true label in a chosen logarithm base.

The stepper walks the units of the selected map (or fully connected layer) one by one: each step
selects the next unit through the state (so the panels outline it), the input map outlines the
window it reads, and the output map fills in unit by unit. Nothing here runs the model.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence, QPen, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QFrame,
    QGraphicsRectItem,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explainer.core.arithmetic import (
    ACTIVATION_FORMULAS,
    ConvUnitResult,
    FcUnitResult,
    PoolUnitResult,
    cross_entropy,
    explain_layer,
    explain_unit,
    fmt,
    softmax_steps,
)
from explainer.core.errors import ExplainerError
from explainer.core.units import UnitRef
from explainer.gui.colormaps import ACTIVATION_MAP, INPUT_MAP, WEIGHT_MAP, colours_for

if TYPE_CHECKING:
    from explainer.core.trace import Trace
    from explainer.state import SessionState

SELECTION_COLOUR = QColor(255, 140, 0)  # the panels' selection outline (network_view)
TRUE_ROW_COLOUR = QColor(120, 200, 120)  # the softmax table's true-label row (green)
GUESS_ROW_COLOUR = QColor(255, 190, 110)  # its row of the network's guess (orange)
UNFILLED_RGBA = (225, 225, 225, 255)  # output units the stepper has not reached yet
PADDING_RGBA = (245, 245, 245, 255)
POSITIVE_BAR = (178, 24, 43)  # red/blue ends of a blue–white–red map: colour-blind safe pair
NEGATIVE_BAR = (33, 102, 172)
TOP_CONTRIBUTIONS = 12
VALUE_ROLE = Qt.ItemDataRole.UserRole  # the exact float behind a cell's rounded text
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # what a summary row is ("bias", "value", "sum:2" ...)
DOCK_HEIGHT = 280  # leaves the panels ~410 px at 1280×800
MAX_TICK_MS = 16  # the stepper's timer never ticks faster than a display frame


def _levels(values: np.ndarray) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return 0.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    return (lo, hi) if hi > lo else (lo - 0.5, hi + 0.5)


def _symmetric(values: np.ndarray) -> tuple[float, float]:
    limit = float(np.max(np.abs(values))) if values.size else 0.0
    limit = limit if limit > 0 else 1.0
    return -limit, limit


def rgba_image(values: np.ndarray, levels: tuple[float, float], cmap: str) -> np.ndarray:
    """(H, W, 4) uint8 colours; NaN (not computed yet) shows as light grey."""
    rgba = colours_for(np.nan_to_num(values, nan=levels[0]), levels, cmap).copy()
    rgba[~np.isfinite(values)] = UNFILLED_RGBA
    return rgba


def as_grid(vector: np.ndarray) -> np.ndarray:
    """A long vector as a near-square grid, row by row (NaN after its end), so that a fully
    connected layer's 120 or 400 values are visible in a small square view."""
    vector = np.asarray(vector, dtype=np.float64).reshape(-1)
    cols = max(1, math.ceil(math.sqrt(vector.size)))
    rows = math.ceil(vector.size / cols)
    grid = np.full(rows * cols, np.nan)
    grid[: vector.size] = vector
    return grid.reshape(rows, cols)


def _text_colour(rgba: np.ndarray) -> QColor:
    luminance = 0.299 * rgba[0] + 0.587 * rgba[1] + 0.114 * rgba[2]
    return QColor(0, 0, 0) if luminance > 140 else QColor(255, 255, 255)


def _swatch(colour: QColor) -> str:
    return f'<span style="background-color:{colour.name()}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'


# ---- small widgets ------------------------------------------------------------------------------


CELL_WIDTH = 46  # a number grid's cell: "-0.123" at the small font


class NumberGrid(QTableWidget):
    """A small grid of numbers (3 decimals shown, the exact value in VALUE_ROLE and the tooltip),
    each cell coloured by its value."""

    CELL_HEIGHT = 21

    def __init__(
        self, name: str, cell_width: int = CELL_WIDTH, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.cell_width = cell_width
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalHeader().setMinimumSectionSize(10)
        self.verticalHeader().setMinimumSectionSize(10)
        font = self.font()
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_values(
        self,
        values: np.ndarray,
        levels: tuple[float, float],
        cmap: str,
        *,
        padding: np.ndarray | None = None,
        marked: tuple[int, int] | None = None,
        decimals: int = 3,
    ) -> None:
        values = np.asarray(values, dtype=np.float64)
        rows, cols = values.shape
        if (self.rowCount(), self.columnCount()) != (rows, cols):
            self.setRowCount(rows)
            self.setColumnCount(cols)
            for c in range(cols):
                self.setColumnWidth(c, self.cell_width)
            for r in range(rows):
                self.setRowHeight(r, self.CELL_HEIGHT)
            frame = 2 * self.frameWidth()
            self.setFixedSize(cols * self.cell_width + frame, rows * self.CELL_HEIGHT + frame)
        colours = colours_for(values, levels, cmap)
        for r in range(rows):
            for c in range(cols):
                item = self.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                    self.setItem(r, c, item)
                value = float(values[r, c]) + 0.0
                is_pad = padding is not None and bool(padding[r, c])
                rgba = np.array(PADDING_RGBA) if is_pad else colours[r, c]
                item.setText("0 pad" if is_pad else f"{value:.{decimals}f}")
                item.setToolTip(fmt(value))
                item.setData(VALUE_ROLE, value)
                item.setBackground(QBrush(QColor(*map(int, rgba[:3]))))
                item.setForeground(QBrush(QColor(130, 130, 130) if is_pad else _text_colour(rgba)))
                font = item.font()
                font.setBold(marked == (r, c))
                item.setFont(font)
                if marked == (r, c):
                    item.setBackground(QBrush(SELECTION_COLOUR))
                    item.setForeground(QBrush(QColor(0, 0, 0)))

    def values(self) -> np.ndarray:
        return np.array(
            [
                [float(self.item(r, c).data(VALUE_ROLE)) for c in range(self.columnCount())]
                for r in range(self.rowCount())
            ]
        )


class PageStack(QStackedWidget):
    """A stacked widget as big as its current page (QStackedWidget asks for room for the
    largest page, which would scroll a small pooling window in a dock sized for conv grids)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # By default the stack's layout pins its minimum size to the largest page.
        self.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.currentChanged.connect(lambda _: self.updateGeometry())

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt API)
        page = self.currentWidget()
        return page is not None and page.hasHeightForWidth()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt API)
        page = self.currentWidget()
        return page.heightForWidth(width) if page is not None else -1

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


class MapView(QWidget):
    """A titled map image (pre-coloured RGBA) with an optional outlined rectangle."""

    def __init__(self, name: str, size: int = 120, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        # Two lines always, so that the two maps side by side stay level.
        self.title.setFixedHeight(2 * self.title.fontMetrics().lineSpacing() + 2)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom)
        self._graphics = pg.GraphicsLayoutWidget()
        self._graphics.setBackground("w")
        self._graphics.setFixedSize(size, size)
        self._graphics.ci.setContentsMargins(0, 0, 0, 0)
        self._view = self._graphics.addViewBox(lockAspect=True, invertY=True, enableMouse=False)
        self._view.setMenuEnabled(False)
        self._image = pg.ImageItem(axisOrder="row-major")
        self._view.addItem(self._image)
        self._outline = QGraphicsRectItem()
        pen = QPen(SELECTION_COLOUR)
        pen.setWidthF(2.0)
        pen.setCosmetic(True)
        self._outline.setPen(pen)
        self._outline.setZValue(10)
        self._outline.hide()
        self._view.addItem(self._outline)
        self.values: np.ndarray | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.title)
        layout.addWidget(self._graphics, 0, Qt.AlignmentFlag.AlignHCenter)
        self.setMaximumWidth(size + 8)

    def set_values(self, values: np.ndarray, levels: tuple[float, float], cmap: str) -> None:
        values = np.atleast_2d(np.asarray(values, dtype=np.float64))
        new_shape = self.values is None or self.values.shape != values.shape
        self.values = values
        self._image.setImage(rgba_image(values, levels, cmap), autoLevels=False)
        if new_shape:
            height, width = values.shape
            # Room for a window that hangs over the padding.
            self._view.setRange(QRectF(-0.5, -0.5, width + 1, height + 1), padding=0)

    def set_outline(self, rect: tuple[int, int, int, int] | None) -> None:
        """(row0, col0, rows, cols) in map pixels, or None."""
        if rect is None:
            self._outline.hide()
            return
        row0, col0, rows, cols = rect
        self._outline.setRect(QRectF(col0, row0, cols, rows))
        self._outline.show()

    def outline_rect(self) -> tuple[int, int, int, int] | None:
        if not self._outline.isVisible():
            return None
        rect = self._outline.rect()
        return int(rect.top()), int(rect.left()), int(rect.height()), int(rect.width())


class StepperBar(QWidget):
    """Back / play-pause / forward / speed (units per second) / scrub slider.

    It owns only a position in 0..count-1 and a timer; `positionRequested(index)` asks the view
    to go there (the view answers with `set_position`)."""

    positionRequested = Signal(int)  # noqa: N815 (Qt naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stepper")
        self._count = 0
        self._position = 0
        self._due = 0.0  # fractional units owed by the timer
        self._last_tick = 0.0
        self.back_button = QToolButton(objectName="step_back")
        self.play_button = QToolButton(objectName="play_pause")
        self.forward_button = QToolButton(objectName="step_forward")
        for button in (self.back_button, self.play_button, self.forward_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumWidth(34)
        self.play_button.setCheckable(True)
        self.speed = QSpinBox(objectName="speed")
        self.speed.setRange(1, 2000)
        self.speed.setValue(20)
        self.speed.setAccelerated(True)
        self.speed_label = QLabel()
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="scrub")
        self.slider.setRange(0, 0)
        self.position_label = QLabel(objectName="step_position")
        self.position_label.setMinimumWidth(90)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.back_button, self.play_button, self.forward_button):
            layout.addWidget(widget)
        layout.addWidget(self.speed_label)
        layout.addWidget(self.speed)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.position_label)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.forward_button.clicked.connect(lambda: self.step(1))
        self.play_button.toggled.connect(self._on_play_toggled)
        self.slider.valueChanged.connect(self._on_slider)
        self.speed.valueChanged.connect(self._restart_timer)
        self.retranslate()

    # ---- API ----------------------------------------------------------------------------
    @property
    def count(self) -> int:
        return self._count

    @property
    def position(self) -> int:
        return self._position

    def is_playing(self) -> bool:
        return self.timer.isActive()

    def set_range(self, count: int, position: int) -> None:
        self._count = count
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(count - 1, 0))
        self.slider.blockSignals(False)
        self.setEnabled(count > 0)
        if count == 0:
            self.pause()
        self.set_position(position)

    def set_position(self, position: int) -> None:
        self._position = max(0, min(position, self._count - 1)) if self._count else 0
        self.slider.blockSignals(True)
        self.slider.setValue(self._position)
        self.slider.blockSignals(False)
        self.position_label.setText(
            self.tr("unit %1 of %2")
            .replace("%1", str(self._position + 1 if self._count else 0))
            .replace("%2", str(self._count))
        )

    def step(self, delta: int) -> None:
        if self._count:
            self.positionRequested.emit(max(0, min(self._position + delta, self._count - 1)))

    def play(self) -> None:
        if self._count and self._position >= self._count - 1:
            self.positionRequested.emit(0)  # at the end: play again from the start
        self.play_button.setChecked(True)

    def pause(self) -> None:
        self.play_button.setChecked(False)

    def toggle(self) -> None:
        self.pause() if self.is_playing() else self.play()

    def set_speed(self, units_per_second: int) -> None:
        self.speed.setValue(units_per_second)

    # ---- timer --------------------------------------------------------------------------
    def _on_play_toggled(self, on: bool) -> None:
        if on and self._count:
            self._due = 0.0
            self._last_tick = time.perf_counter()
            self._restart_timer()
        else:
            self.timer.stop()
            if on:
                self.play_button.setChecked(False)
        self.retranslate()

    def _restart_timer(self) -> None:
        if self.play_button.isChecked():
            self.timer.start(max(MAX_TICK_MS, round(1000 / self.speed.value())))

    def _tick(self) -> None:
        # Units owed since the last tick at the chosen speed: fast speeds take several per tick.
        now = time.perf_counter()
        self._due += (now - self._last_tick) * self.speed.value()
        self._last_tick = now
        units = max(1, int(self._due))
        self._due = max(0.0, self._due - units)
        target = min(self._position + units, self._count - 1)
        self.positionRequested.emit(target)
        if target >= self._count - 1:
            self.pause()

    def _on_slider(self, value: int) -> None:
        self.positionRequested.emit(value)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.back_button.setText("◀")
        self.back_button.setToolTip(self.tr("Step back (Left)"))
        self.forward_button.setText("▶|")
        self.forward_button.setToolTip(self.tr("Step forward (Right)"))
        playing = self.play_button.isChecked()
        self.play_button.setText("❚❚" if playing else "▶")
        self.play_button.setToolTip(
            self.tr("Pause (Space)") if playing else self.tr("Play (Space)")
        )
        self.speed_label.setText(self.tr("Speed"))
        self.speed.setSuffix(self.tr(" units/s"))
        self.slider.setToolTip(self.tr("Drag to go to any unit of the map"))
        self.set_position(self._position)


# ---- the view -----------------------------------------------------------------------------------


class ArithmeticView(QWidget):
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
        self._layer_cache: dict[tuple[int, str], np.ndarray] = {}
        self._dirty = True
        self._build()
        state.selection_changed.connect(self._on_selection_changed)
        state.trace_changed.connect(self._on_trace_changed)
        state.model_changed.connect(self._on_model_changed)
        state.label_changed.connect(lambda _label: self.refresh())
        self.retranslate()

    # ---- construction -------------------------------------------------------------------
    def _build(self) -> None:
        self.tabs = QTabWidget(objectName="arithmetic_tabs")
        self.tabs.currentChanged.connect(lambda _: self.refresh())
        self.tabs.addTab(self._build_unit_page(), "")
        self.tabs.addTab(self._build_softmax_page(), "")
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

        conv_page = QWidget()
        self.channel_label = QLabel()
        self.channel_combo = QComboBox(objectName="input_channel")
        self.channel_combo.currentIndexChanged.connect(self._on_channel_picked)
        self.channel_hint = QLabel()
        self.channel_hint.setWordWrap(True)
        self.patch_grid = NumberGrid("patch_grid")
        self.kernel_grid = NumberGrid("kernel_grid")
        self.products_grid = NumberGrid("products_grid")
        self.patch_caption = QLabel()
        self.kernel_caption = QLabel()
        self.products_caption = QLabel()
        self.channel_sum_label = QLabel(objectName="channel_sum")
        grids = QGridLayout()
        grids.setHorizontalSpacing(4)
        for column, (caption, grid) in enumerate(
            (
                (self.patch_caption, self.patch_grid),
                (None, QLabel("⊙")),
                (self.kernel_caption, self.kernel_grid),
                (None, QLabel("=")),
                (self.products_caption, self.products_grid),
            )
        ):
            if caption is not None:
                grids.addWidget(caption, 0, column, Qt.AlignmentFlag.AlignHCenter)
            else:
                font = grid.font()
                font.setPointSizeF(font.pointSizeF() * 1.6)
                grid.setFont(font)
            grids.addWidget(grid, 1, column, Qt.AlignmentFlag.AlignCenter)
        grids.addWidget(self.channel_sum_label, 2, 4, Qt.AlignmentFlag.AlignHCenter)
        # The hint may wrap but never widens the page: the grids set its width.
        self.channel_hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        channel_row = QHBoxLayout()
        channel_row.addWidget(self.channel_label)
        channel_row.addWidget(self.channel_combo)
        channel_row.addWidget(self.channel_hint, 1)
        conv_layout = QVBoxLayout(conv_page)
        conv_layout.setContentsMargins(0, 0, 0, 0)
        conv_layout.setSpacing(2)
        conv_layout.addLayout(channel_row)
        conv_layout.addLayout(grids)
        conv_layout.addStretch(1)
        self.middle.addWidget(conv_page)
        self._conv_page = conv_page

        pool_page = QWidget()
        self.window_caption = QLabel()
        self.window_grid = NumberGrid("window_grid", cell_width=70)
        self.pool_note = QLabel(objectName="pool_note")
        self.pool_note.setWordWrap(True)
        pool_layout = QVBoxLayout(pool_page)
        pool_layout.setContentsMargins(0, 0, 0, 0)
        pool_layout.addWidget(self.window_caption)
        pool_layout.addWidget(self.window_grid)
        pool_layout.addWidget(self.pool_note)
        pool_layout.addStretch(1)
        self.middle.addWidget(pool_page)
        self._pool_page = pool_page

        self.chart = pg.PlotWidget(objectName="contributions_chart")
        self.chart.setBackground("w")
        self.chart.setMenuEnabled(False)
        self.chart.setMouseEnabled(False, False)
        self.chart.hideButtons()
        self.chart.showGrid(x=True, y=False, alpha=0.3)
        self.chart.getPlotItem().invertY(True)
        self.chart.addLine(x=0, pen=pg.mkPen("#404040"))
        self.chart.setMinimumSize(200, 120)
        self.bars: pg.BarGraphItem | None = None
        self.contribution_labels: list[str] = []
        self.contribution_values: np.ndarray = np.zeros(0)
        self.middle.addWidget(self.chart)

        self.summary = QTableWidget(0, 2, objectName="summary")
        self.summary.horizontalHeader().hide()
        self.summary.verticalHeader().hide()
        self.summary.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.summary.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.summary.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.summary.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.summary.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.summary.verticalHeader().setDefaultSectionSize(18)
        self.summary.setMinimumWidth(250)
        self.summary.setMaximumWidth(330)
        self.summary.cellClicked.connect(self._on_summary_clicked)

        body = QHBoxLayout()
        body.addWidget(self.input_map, 0, Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.output_map, 0, Qt.AlignmentFlag.AlignTop)
        body.addWidget(self.middle, 1)
        body_widget = QWidget()
        body_widget.setLayout(body)
        body.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body_widget)
        # Only sideways: the word-wrapped captions make Qt ask for phantom height, and the dock's
        # height is the user's choice anyway (the sums and the value are outside this area).
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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

    def _build_softmax_page(self) -> QWidget:
        page = QWidget()
        self.softmax_steps_label = QLabel(objectName="softmax_steps")
        self.softmax_steps_label.setWordWrap(True)
        self.softmax_table = QTableWidget(0, 5, objectName="softmax_table")
        self.softmax_table.verticalHeader().hide()
        self.softmax_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.softmax_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.softmax_table.verticalHeader().setDefaultSectionSize(19)
        self.softmax_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.true_label_caption = QLabel()
        # Index = class index; -1 (the placeholder) = unknown. Never defaults to the guess.
        self.true_label = QComboBox(objectName="true_label")
        self.true_label.activated.connect(self._on_true_label_chosen)
        self.true_label_source = QLabel(objectName="true_label_source")
        self.row_legend = QLabel(objectName="softmax_legend")
        self.row_legend.setTextFormat(Qt.TextFormat.RichText)
        self.log_base_caption = QLabel()
        self.log_base = QComboBox(objectName="log_base")
        for key in ("e", "10", "2"):
            self.log_base.addItem("", key)
        self.log_base.currentIndexChanged.connect(lambda _: self.refresh())
        self.loss_label = QLabel(objectName="loss")
        self.loss_label.setWordWrap(True)
        self.loss_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.loss_label.font()
        font.setBold(True)
        self.loss_label.setFont(font)
        controls = QHBoxLayout()
        controls.addWidget(self.true_label_caption)
        controls.addWidget(self.true_label)
        controls.addSpacing(12)
        controls.addWidget(self.log_base_caption)
        controls.addWidget(self.log_base)
        controls.addStretch(1)
        side = QVBoxLayout()
        side.addWidget(self.softmax_steps_label)
        side.addLayout(controls)
        side.addWidget(self.true_label_source)
        side.addWidget(self.row_legend)
        side.addWidget(self.loss_label)
        side.addStretch(1)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.softmax_table, 3)
        layout.addLayout(side, 2)
        return page

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
        self._layer_cache.clear()
        self.refresh()

    def _on_model_changed(self, model: Any, checkpoint: Any) -> None:
        self._layer_cache.clear()
        self.true_label.clear()
        self.true_label.addItems(list(model.config.class_names))
        self.true_label.setCurrentIndex(-1)
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

    def _layer_values(self, trace: Trace, layer: str) -> np.ndarray:
        key = (id(trace), layer)
        if key not in self._layer_cache:
            assert self.state.model is not None
            self._layer_cache[key] = explain_layer(self.state.model, trace, layer)
        return self._layer_cache[key]

    # ---- rendering ----------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.isVisible():
            self._dirty = True  # drawn when the dock is shown: no work while it is hidden
            return
        self._dirty = False
        try:
            if self.tabs.currentIndex() == 1:
                self._show_softmax()
            else:
                self._show_unit()
        except ExplainerError as exc:  # e.g. a trace of another architecture mid-switch
            self._show_message(str(exc))
        self._fit_scroll()
        self.updated.emit()

    def _fit_scroll(self) -> None:
        """Resize the scrolled body to its new page now (the scroll area only does so on its own
        resize), so that a small page shows no scroll bars left from a bigger one."""
        body = self._scroll.widget()
        if body.layout() is not None:
            body.layout().activate()
        self._scroll.setWidgetResizable(True)  # recomputes the body's size and the scroll bars

    def _show_message(self, text: str) -> None:
        self.middle.setCurrentWidget(self.message)
        self.message.setText(text)
        self.summary.setRowCount(0)
        self.result = None

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
            self.title.setText(unit.label())
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
        self.title.setText(self._unit_title(unit))
        self._show_output_map(trace, unit, index)
        if isinstance(result, ConvUnitResult):
            self._show_conv(trace, result)
        elif isinstance(result, PoolUnitResult):
            self._show_pool(trace, result)
        elif isinstance(result, FcUnitResult):
            self._show_fc(result)

    def _unit_title(self, unit: UnitRef) -> str:
        if unit.is_spatial:
            text = self.tr("%1: map %2, row %3, col %4")
            for i, part in enumerate((unit.layer, unit.channel, unit.row, unit.col), start=1):
                text = text.replace(f"%{i}", str(part))
            return text
        text = self.tr("%1: unit %2").replace("%1", unit.layer).replace("%2", str(unit.channel))
        config = self.state.model.config if self.state.model is not None else None
        if unit.layer == "logits" and config is not None:
            text += f" ({config.class_names[unit.channel]})"
        return text

    def _show_output_map(self, trace: Trace, unit: UnitRef, index: int) -> None:
        """The map (or FC layer) this unit belongs to, filled in up to this unit."""
        layer_values = self._layer_values(trace, unit.layer)
        levels = _levels(layer_values)
        if unit.is_spatial:
            full = layer_values[unit.channel]
            filled = np.full(full.size, np.nan)
            filled[: index + 1] = full.reshape(-1)[: index + 1]
            self.output_map.set_values(filled.reshape(full.shape), levels, ACTIVATION_MAP)
            self.output_map.set_outline((unit.row, unit.col, 1, 1))
            self.output_map.title.setText(
                self.tr("%1[%2]: output so far")
                .replace("%1", unit.layer)
                .replace("%2", str(unit.channel))
            )
        else:
            filled = np.full(layer_values.size, np.nan)
            filled[: index + 1] = layer_values.reshape(-1)[: index + 1]
            grid = as_grid(filled)
            self.output_map.set_values(grid, levels, ACTIVATION_MAP)
            cols = grid.shape[1]
            self.output_map.set_outline((unit.channel // cols, unit.channel % cols, 1, 1))
            self.output_map.title.setText(self.tr("%1: output so far").replace("%1", unit.layer))

    def filled_output(self) -> np.ndarray:
        """The output map as the stepper has filled it so far (NaN: not reached yet)."""
        values = self.output_map.values
        if values is None:
            return np.zeros((0, 0))
        if self.unit is not None and not self.unit.is_spatial and self._run_units:
            return values.reshape(-1)[: len(self._run_units)].copy()  # the grid as the vector
        return values.copy()

    def _shown_input_channel(self, channels: int) -> int:
        index = self.channel_combo.currentIndex()
        return index if 0 <= index < channels else 0

    def _show_conv(self, trace: Trace, result: ConvUnitResult) -> None:
        self.middle.setCurrentWidget(self._conv_page)
        channels = len(result.channels)
        source_name = "input" if result.layer == "conv1" else "pool1"
        if self.channel_combo.count() != channels:
            self.channel_combo.blockSignals(True)
            self.channel_combo.clear()
            self.channel_combo.addItems([str(c) for c in range(channels)])
            self.channel_combo.blockSignals(False)
        channel = self._shown_input_channel(channels)
        for widget in (self.channel_label, self.channel_combo, self.channel_hint):
            widget.setVisible(channels > 1)  # conv1 reads one channel: nothing to pick
        self.channel_hint.setText(
            self.tr("of %1: one kernel and one sum each; the sums add up (right)").replace(
                "%1", str(channels)
            )
            if channels > 1
            else ""
        )
        step = result.channels[channel]
        source = np.asarray(trace[source_name], dtype=np.float64)
        source_levels = _levels(source)
        cmap = INPUT_MAP if source_name == "input" else ACTIVATION_MAP
        self.input_map.set_values(source[channel], source_levels, cmap)
        fh, fw = result.kernel_shape
        self.input_map.set_outline((result.top, result.left, fh, fw))
        self.input_map.title.setText(
            self.tr("%1[%2]: window").replace("%1", source_name).replace("%2", str(channel))
        )
        weights = np.stack([s.kernel for s in result.channels])
        products = np.stack([s.products for s in result.channels])
        self.patch_grid.set_values(step.patch, source_levels, cmap, padding=step.is_padding)
        self.kernel_grid.set_values(step.kernel, _symmetric(weights), WEIGHT_MAP)
        self.products_grid.set_values(step.products, _symmetric(products), WEIGHT_MAP)
        self.patch_caption.setText(self.tr("patch (%1)").replace("%1", source_name))
        self.kernel_caption.setText(
            self.tr("kernel %1[%2]")
            .replace("%1", result.layer)
            .replace("%2", f"{result.filter_index}, {channel}")
        )
        self.products_caption.setText(self.tr("products"))
        self.channel_sum_label.setText(self.tr("Σ = %1").replace("%1", fmt(step.sum)))

        rows: list[tuple[str, str, float | None]] = []
        if channels == 1:
            rows.append(
                (
                    "sum:0",
                    self.tr("Σ of the %1 products").replace("%1", str(step.products.size)),
                    step.sum,
                )
            )
        else:
            for s in result.channels:
                rows.append(
                    (
                        f"sum:{s.channel}",
                        self.tr("Σ channel %1").replace("%1", str(s.channel)),
                        s.sum,
                    )
                )
            rows.append(
                (
                    "total",
                    self.tr("total of the %1 channel sums").replace("%1", str(channels)),
                    result.total,
                )
            )
        rows += self._tail_rows(
            result.bias,
            result.pre_activation,
            result.activation,
            result.value,
            result.network_value,
        )
        self._fill_summary(rows, highlight=f"sum:{channel}" if channels > 1 else None)

    def _tail_rows(
        self,
        bias: float,
        pre: float,
        activation: str | None,
        value: float,
        network_value: float | None,
    ) -> list[tuple[str, str, float | None]]:
        if activation is None:
            act = self.tr("no activation: the value")
        else:
            act = f"{activation}: {ACTIVATION_FORMULAS[activation]}"
        rows: list[tuple[str, str, float | None]] = [
            ("bias", self.tr("+ bias"), bias),
            ("pre_activation", self.tr("= before the activation"), pre),
            ("value", act + " →", value),
        ]
        if network_value is not None:
            rows.append(("network_value", self.tr("the network computed"), network_value))
        return rows

    def _show_pool(self, trace: Trace, result: PoolUnitResult) -> None:
        self.middle.setCurrentWidget(self._pool_page)
        source_name = "conv1" if result.layer == "pool1" else "conv2"
        source = np.asarray(trace[source_name], dtype=np.float64)
        levels = _levels(source)
        self.input_map.set_values(source[result.channel], levels, ACTIVATION_MAP)
        self.input_map.set_outline((result.top, result.left, *result.size))
        self.input_map.title.setText(
            self.tr("%1[%2]: window").replace("%1", source_name).replace("%2", str(result.channel))
        )
        self.window_grid.set_values(
            result.window, levels, ACTIVATION_MAP, marked=result.winner_in_window, decimals=4
        )
        h, w = result.size
        self.window_caption.setText(
            self.tr("%1×%2 window of %3, stride %4")
            .replace("%1", str(h))
            .replace("%2", str(w))
            .replace("%3", source_name)
            .replace("%4", str(result.stride[0]))
        )
        count = result.window.size
        rows: list[tuple[str, str, float | None]] = []
        if result.kind == "max":
            row, col = result.winner  # type: ignore[misc]
            self.pool_note.setText(
                self.tr("The largest of the %1 values (marked) is kept: input row %2, col %3.")
                .replace("%1", str(count))
                .replace("%2", str(row))
                .replace("%3", str(col))
            )
            rows.append(
                ("value", self.tr("max of the %1 values →").replace("%1", str(count)), result.value)
            )
        else:
            self.pool_note.setText(
                self.tr("Average pooling: the mean of the %1 values.").replace("%1", str(count))
            )
            rows.append(
                ("sum", self.tr("Σ of the %1 values").replace("%1", str(count)), result.total)
            )
            rows.append(
                ("value", self.tr("mean = Σ / %1 →").replace("%1", str(count)), result.value)
            )
        if result.network_value is not None:
            rows.append(("network_value", self.tr("the network computed"), result.network_value))
        self._fill_summary(rows)

    def _show_fc(self, result: FcUnitResult) -> None:
        self.middle.setCurrentWidget(self.chart)
        self.input_map.set_outline(None)
        top = result.top_contributions(TOP_CONTRIBUTIONS)
        # Largest |product| first, drawn top-down.
        values = np.array([c.product for c in top])
        labels = [c.label for c in top]
        self.contribution_values, self.contribution_labels = values, labels
        plot = self.chart.getPlotItem()
        if self.bars is not None:
            plot.removeItem(self.bars)
        brushes = [pg.mkBrush(*(POSITIVE_BAR if v >= 0 else NEGATIVE_BAR)) for v in values]
        self.bars = pg.BarGraphItem(
            x0=0, y=np.arange(len(values)), height=0.7, width=values, brushes=brushes, pen=None
        )
        plot.addItem(self.bars)
        axis = plot.getAxis("left")
        axis.setTicks(
            [
                [
                    (i, f"{label} = {fmt(c.input)}×{fmt(c.weight)}")
                    for i, (label, c) in enumerate(zip(labels, top, strict=True))
                ]
            ]
        )
        plot.setTitle(
            self.tr("the %1 largest of %2 inputs × weights")
            .replace("%1", str(len(top)))
            .replace("%2", str(result.products.size)),
            size="9pt",
        )
        limit = float(np.max(np.abs(values))) if values.size else 1.0
        plot.setXRange(
            min(0.0, float(values.min(initial=0))) - 0.05 * limit,
            max(0.0, float(values.max(initial=0))) + 0.05 * limit,
            padding=0,
        )
        plot.setYRange(-0.6, len(values) - 0.4, padding=0)

        source = {"fc1": "pool2"}.get(result.layer)
        if source is None:
            names = list(self.state.model.config.fc_layer_names) if self.state.model else []
            order = ["pool2", *names, "logits"]
            source = order[order.index(result.layer) - 1] if result.layer in order else None
        trace = self.state.trace
        if source is not None and trace is not None and source in trace:
            values_in = np.asarray(trace[source], dtype=np.float64).reshape(-1)
            self.input_map.set_values(as_grid(values_in), _levels(values_in), ACTIVATION_MAP)
            self.input_map.title.setText(
                self.tr("%1: the %2 inputs")
                .replace("%1", source)
                .replace("%2", str(values_in.size))
            )
        shown = float(values.sum())
        rows: list[tuple[str, str, float | None]] = [
            ("top_sum", self.tr("Σ of the %1 largest (chart)").replace("%1", str(len(top))), shown),
            (
                "rest_sum",
                self.tr("+ Σ of the other %1").replace("%1", str(result.products.size - len(top))),
                result.total - shown,
            ),
            (
                "total",
                self.tr("= Σ of all %1 products").replace("%1", str(result.products.size)),
                result.total,
            ),
        ]
        rows += self._tail_rows(
            result.bias,
            result.pre_activation,
            result.activation,
            result.value,
            result.network_value,
        )
        self._fill_summary(rows)

    def _fill_summary(
        self, rows: list[tuple[str, str, float | None]], highlight: str | None = None
    ) -> None:
        table = self.summary
        table.setRowCount(len(rows))
        bold = QFont(table.font())
        bold.setBold(True)
        for r, (key, text, value) in enumerate(rows):
            label = QTableWidgetItem(text)
            number = QTableWidgetItem("" if value is None else fmt(value))
            number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for item in (label, number):
                item.setData(KEY_ROLE, key)
                item.setData(VALUE_ROLE, value)
                if key == "value":
                    item.setBackground(QBrush(SELECTION_COLOUR))
                    item.setFont(bold)
                elif key == highlight:
                    item.setBackground(QBrush(QColor(255, 225, 180)))
                elif key == "network_value":
                    item.setForeground(QBrush(QColor(90, 90, 90)))
            table.setItem(r, 0, label)
            table.setItem(r, 1, number)

    def summary_number(self, key: str) -> float:
        """The exact number behind a summary row ('value', 'bias', 'sum:3', ...), read from
        the table's items."""
        for r in range(self.summary.rowCount()):
            item = self.summary.item(r, 1)
            if item is not None and item.data(KEY_ROLE) == key:
                return float(item.data(VALUE_ROLE))
        raise KeyError(key)

    def summary_keys(self) -> list[str]:
        return [self.summary.item(r, 1).data(KEY_ROLE) for r in range(self.summary.rowCount())]

    def _on_summary_clicked(self, row: int, _column: int) -> None:
        key = self.summary.item(row, 1).data(KEY_ROLE)
        if isinstance(key, str) and key.startswith("sum:"):
            self.channel_combo.setCurrentIndex(int(key.split(":")[1]))

    def _on_channel_picked(self, _index: int) -> None:
        if isinstance(self.result, ConvUnitResult):
            self.refresh()

    # ---- softmax ------------------------------------------------------------------------
    def _on_true_label_chosen(self, index: int) -> None:
        self.state.choose_true_label(index if index >= 0 else None)

    def _show_softmax(self) -> None:
        trace, model = self.state.trace, self.state.model
        table = self.softmax_table
        if trace is None or model is None:
            table.setRowCount(0)
            self.loss_label.setText(self.tr("Draw a digit to see the softmax of its logits."))
            self.loss_label.setProperty("value", None)
            self.true_label_source.setText("")
            self.row_legend.setText("")
            return
        names = list(model.config.class_names)
        if self.true_label.count() != len(names):
            self.true_label.clear()
            self.true_label.addItems(names)
        steps = softmax_steps(trace["logits"], names)
        known = self.state.true_label
        target = known.index if known is not None else -1
        guess = int(np.argmax(steps.probs))
        self.true_label.setCurrentIndex(target)  # -1 shows "unknown — pick one"
        self.true_label_source.setText(self._label_source_text(known))
        self.row_legend.setText(
            self.tr("%1 true label   %2 the network's guess")
            .replace("%1", _swatch(TRUE_ROW_COLOUR))
            .replace("%2", _swatch(GUESS_ROW_COLOUR))
        )
        base = self.log_base.currentData() or "e"

        n = len(names)
        table.setRowCount(n + 1)
        bold = QFont(table.font())
        bold.setBold(True)
        columns = (steps.logits, steps.shifted, steps.exps, steps.probs)
        for i in range(n):
            cells = [QTableWidgetItem(names[i])]
            for column in columns:
                item = QTableWidgetItem(fmt(column[i]))
                item.setData(VALUE_ROLE, float(column[i]))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cells.append(item)
            for c, item in enumerate(cells):
                if i == target:
                    item.setBackground(QBrush(TRUE_ROW_COLOUR))
                    item.setFont(bold)
                elif i == guess:
                    item.setBackground(QBrush(GUESS_ROW_COLOUR))
                table.setItem(i, c, item)
            if i == target == guess:  # one row is both: the first cell says so
                cells[0].setBackground(QBrush(GUESS_ROW_COLOUR))
        total = [
            QTableWidgetItem("Σ"),
            QTableWidgetItem(""),
            QTableWidgetItem(""),
            QTableWidgetItem(fmt(steps.sum_exp)),
            QTableWidgetItem(fmt(steps.probs.sum())),
        ]
        total[3].setData(VALUE_ROLE, steps.sum_exp)
        total[4].setData(VALUE_ROLE, float(steps.probs.sum()))
        for c, item in enumerate(total):
            item.setFont(bold)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(n, c, item)

        self.softmax_steps_label.setText(
            self.tr(
                "1. subtract the largest logit, %1, from every logit (avoids overflow; the result "
                "is the same)\n2. exp of each\n3. add them up: Σ = %2\n4. divide each exp by Σ: "
                "the probabilities, which sum to 1"
            )
            .replace("%1", fmt(steps.max_logit))
            .replace("%2", fmt(steps.sum_exp))
        )
        if known is None:
            self.loss_label.setText(
                self.tr(
                    "True label unknown: pick the class this drawing really is to see its "
                    "cross-entropy loss (the network's guess is %1)."
                ).replace("%1", names[guess])
            )
            self.loss_label.setProperty("value", None)
            return
        loss = cross_entropy(steps, target, base)
        log = {"e": "ln", "10": "log₁₀", "2": "log₂"}[loss.log_base]
        name = names[target]
        self.loss_label.setText(
            self.tr("cross-entropy for true label %1: −%2(p[%1]) = −%2(%3) = %4")
            .replace("%1", name)
            .replace("%2", log)
            .replace("%3", fmt(loss.prob))
            .replace("%4", fmt(loss.loss))
        )
        self.loss_label.setProperty("value", loss.loss)

    def _label_source_text(self, label: Any) -> str:
        if label is None:
            return self.tr("Drawn by hand: its true label is not known.")
        return {
            "sample": self.tr("From the sample: a real MNIST digit of this class."),
            "test set": self.tr("From the test set: the label the dataset gives this image."),
            "file name": self.tr("From the file name."),
            "chosen": self.tr("Picked by you."),
        }[label.source]

    def probabilities(self) -> np.ndarray:
        """The probability column of the softmax table, read from its items."""
        rows = self.softmax_table.rowCount() - 1
        return np.array(
            [float(self.softmax_table.item(i, 4).data(VALUE_ROLE)) for i in range(max(rows, 0))]
        )

    # ---- language -----------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Selected unit"))
        self.tabs.setTabText(1, self.tr("Softmax and loss"))
        self.channel_label.setText(self.tr("Input channel"))
        self.true_label_caption.setText(self.tr("True label"))
        self.true_label.setPlaceholderText(self.tr("unknown — pick one"))
        self.log_base_caption.setText(self.tr("Logarithm base"))
        for index, text in enumerate(
            (self.tr("e (natural, ln)"), self.tr("10 (log₁₀)"), self.tr("2 (log₂, bits)"))
        ):
            self.log_base.setItemText(index, text)
        self.softmax_table.setHorizontalHeaderLabels(
            [
                self.tr("class"),
                self.tr("logit z"),
                self.tr("z − max"),
                self.tr("exp(z − max)"),
                self.tr("probability"),
            ]
        )
        self.refresh()


class ArithmeticDock(QDockWidget):
    """The dock that holds the ArithmeticView, plus its menu actions (View › Arithmetic,
    Tools › Convolution playground) for the main window."""

    def __init__(self, window: QMainWindow, state: SessionState) -> None:
        super().__init__(window)
        self.setObjectName("arithmetic_dock")
        self.view = ArithmeticView(state)
        self.setWidget(self.view)
        self.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea
        )
        self.toggle_action = self.toggleViewAction()
        self.toggle_action.setObjectName("show_arithmetic")
        self.toggle_action.setShortcut(QKeySequence("Ctrl+E"))
        self.playground_action = QAction(window)
        self.playground_action.setObjectName("open_playground")
        self.playground_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.playground_action.triggered.connect(self.open_playground)
        self.playground: QWidget | None = None
        self.tools_menu: QMenu | None = None
        self.retranslate()

    def install(self, window: QMainWindow, view_menu: Any, before_menu: Any = None) -> None:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        window.resizeDocks([self], [DOCK_HEIGHT], Qt.Orientation.Vertical)
        # Hidden until wanted (the panels keep their height): clicking a unit opens it, and
        # the window's saved layout brings it back as the user left it.
        self.hide()
        network_view = getattr(window, "network_view", None)
        if network_view is not None:
            network_view.unitClicked.connect(lambda _unit: self.show())
        window.addAction(self.toggle_action)  # shortcuts work with the menu bar hidden
        window.addAction(self.playground_action)
        view_menu.addSeparator()
        view_menu.addAction(self.toggle_action)
        bar = window.menuBar()
        existing = [
            action.menu()
            for action in bar.actions()
            if action.menu() is not None and action.menu().objectName() == "tools_menu"
        ]
        if existing:  # another feature made a Tools menu already: share it
            existing[0].addAction(self.playground_action)
            return
        self.tools_menu = QMenu(bar)
        self.tools_menu.setObjectName("tools_menu")
        if before_menu is None:
            bar.addMenu(self.tools_menu)
        else:  # before Language, which stays last
            bar.insertMenu(before_menu.menuAction(), self.tools_menu)
        self.tools_menu.addAction(self.playground_action)
        self.retranslate()

    def open_playground(self) -> None:
        from explainer.gui.playground import PlaygroundDialog

        if self.playground is None:
            self.playground = PlaygroundDialog(self.parentWidget())
        self.playground.show()
        self.playground.raise_()
        self.playground.activateWindow()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Arithmetic"))
        self.toggle_action.setText(self.tr("&Arithmetic of the selected unit"))
        self.playground_action.setText(self.tr("&Convolution playground…"))
        if self.tools_menu is not None:
            self.tools_menu.setTitle(self.tr("&Tools"))


def install_arithmetic_dock(window: Any) -> ArithmeticDock:
    """Add the arithmetic dock and its menu entries to a MainWindow (one call in its __init__,
    before the window restores its saved dock layout)."""
    dock = ArithmeticDock(window, window.state)
    dock.install(window, window.view_menu, getattr(window, "language_menu", None))
    return dock
