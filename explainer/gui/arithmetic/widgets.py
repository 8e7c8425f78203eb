"""The small widgets of the arithmetic dock: number grids, map images, the stepper, the summary.

None of them knows the network: each shows the numbers (and colours) it is given, and keeps the
exact values behind what it shows so that tests can read them back.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGraphicsRectItem,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explainer.gui import names, zoom
from explainer.gui.colormaps import colours_for
from explainer.gui.i18n import Retranslatable, tr_args
from explainer.gui.numbers import decimal, number, parse
from explainer.gui.zoom import RelativeFont

if TYPE_CHECKING:
    from explainer.core.config import LayerSpec
    from explainer.core.trace import Trace

SELECTION_COLOUR = QColor(255, 140, 0)  # the panels' selection outline (network_view)
HIGHLIGHT_COLOUR = QColor(255, 225, 180)  # a summary row that goes with the grids shown
UNFILLED_RGBA = (225, 225, 225, 255)  # output units the stepper has not reached yet
PADDING_RGBA = (245, 245, 245, 255)
VALUE_ROLE = Qt.ItemDataRole.UserRole  # the exact float behind a cell's rounded text
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # what a summary row is ("bias", "value", "sum:2" ...)
MAX_TICK_MS = 16  # the stepper's timer never ticks faster than a display frame

# One row of the summary table: (key, label, exact value or None).
SummaryRow = tuple[str, str, float | None]


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


# ---- small widgets -------------------------------------------------------------------------------


CELL_WIDTH = 46  # a number grid's cell: "-0.123" at the small font, at zoom 1
SMALL_FONT = 0.9  # the grids' numbers, × the application font


class NumberGrid(Retranslatable, QTableWidget):
    """A small grid of numbers (3 decimals shown, the exact value in VALUE_ROLE and the tooltip),
    each cell coloured by its value. `set_editable(True)`: a double-click types a new value,
    sent as `valueEdited(row, col, value)` (the grid itself keeps showing what it was given;
    text that is no number: `editRejected(text)`)."""

    CELL_HEIGHT = 21
    valueEdited = Signal(int, int, float)  # noqa: N815 (Qt naming)
    editRejected = Signal(str)  # noqa: N815

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
        RelativeFont(self, SMALL_FONT)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._shown: tuple | None = None  # the last set_values call, redrawn in a new language
        self.itemChanged.connect(self._on_item_changed)
        zoom.notifier.changed.connect(self._size_cells)

    def set_editable(self, on: bool) -> None:
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(
            triggers.DoubleClicked | triggers.EditKeyPressed if on else triggers.NoEditTriggers
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus if on else Qt.FocusPolicy.NoFocus)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        """A typed value (the grid's own writes block the signal)."""
        text = item.text()
        row, col = item.row(), item.column()
        if self._shown is not None:  # show the given value until the owner sends the new one
            blocked = self.blockSignals(True)
            item.setText(decimal(float(item.data(VALUE_ROLE)), self._shown[1]["decimals"]))
            self.blockSignals(blocked)
        try:
            value = parse(text)
        except ValueError:
            value = math.nan
        # After the editor has closed: the owner reruns the network and refills this grid.
        if math.isfinite(value):
            QTimer.singleShot(0, self, lambda: self.valueEdited.emit(row, col, value))
        else:
            QTimer.singleShot(0, self, lambda: self.editRejected.emit(text))

    def retranslate(self) -> None:
        if self._shown is not None:
            args, kwargs = self._shown
            self.set_values(*args, **kwargs)

    def _size_cells(self, _factor: float | None = None) -> None:
        """Cells of the zoomed size (gui/zoom.py): a projector's zoom enlarges the numbers."""
        width, height = zoom.scaled(self.cell_width), zoom.scaled(self.CELL_HEIGHT)
        for c in range(self.columnCount()):
            self.setColumnWidth(c, width)
        for r in range(self.rowCount()):
            self.setRowHeight(r, height)
        frame = 2 * self.frameWidth()
        self.setFixedSize(self.columnCount() * width + frame, self.rowCount() * height + frame)

    def set_values(
        self,
        values: np.ndarray,
        levels: tuple[float, float],
        cmap: str,
        *,
        padding: np.ndarray | None = None,
        marked: tuple[int, int] | None = None,
        decimals: int = 3,
        edited: dict[tuple[int, int], float] | None = None,
    ) -> None:
        """`edited`: cells whose value was typed, (row, col) → the original value (shown in
        italics, underlined, the original in the tooltip)."""
        blocked = self.blockSignals(True)  # no itemChanged for the grid's own writes
        try:
            self._set_values(values, levels, cmap, padding, marked, decimals, edited or {})
        finally:
            self.blockSignals(blocked)

    def _set_values(
        self,
        values: np.ndarray,
        levels: tuple[float, float],
        cmap: str,
        padding: np.ndarray | None,
        marked: tuple[int, int] | None,
        decimals: int,
        edited: dict[tuple[int, int], float],
    ) -> None:
        values = np.asarray(values, dtype=np.float64)
        self._shown = (
            (values, levels, cmap),
            {"padding": padding, "marked": marked, "decimals": decimals, "edited": edited},
        )
        rows, cols = values.shape
        if (self.rowCount(), self.columnCount()) != (rows, cols):
            self.setRowCount(rows)
            self.setColumnCount(cols)
            self._size_cells()
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
                item.setText(self.tr("0 pad") if is_pad else decimal(value, decimals))
                original = edited.get((r, c))
                if original is None:
                    item.setToolTip(number(value))
                else:
                    item.setToolTip(
                        tr_args(self.tr("%1 (edited; it was %2)"), number(value), number(original))
                    )
                item.setData(VALUE_ROLE, value)
                item.setBackground(QBrush(QColor(*map(int, rgba[:3]))))
                item.setForeground(QBrush(QColor(130, 130, 130) if is_pad else _text_colour(rgba)))
                font = item.font()
                font.setBold(marked == (r, c))
                font.setItalic(original is not None)
                font.setUnderline(original is not None)
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
        self._size = size
        self._graphics.setFixedSize(zoom.scaled(size), zoom.scaled(size))
        zoom.notifier.changed.connect(self._zoomed)
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

    def _zoomed(self, _factor: float) -> None:
        self._graphics.setFixedSize(zoom.scaled(self._size), zoom.scaled(self._size))
        # the title may get the new font after this call: measure the application's
        spacing = QFontMetrics(QApplication.font()).lineSpacing()
        self.title.setFixedHeight(2 * spacing + 2)

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


class StepperBar(Retranslatable, QWidget):
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
            # Counted from 0, as the title names the unit ("fc1: unit 5") and as PyTorch
            # indexes: "position 6 of 120" beside "unit 5" read as off by one.
            tr_args(self.tr("position %1 (0 to %2)"), self._position, max(self._count - 1, 0))
            if self._count
            else ""
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


class SummaryTable(QTableWidget):
    """The sums, the bias, the activation and the value of the unit shown: one row each, the
    exact number behind each rounded one in VALUE_ROLE, what the row is in KEY_ROLE."""

    keyClicked = Signal(str)  # noqa: N815 (Qt naming)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 2, parent)
        self.setObjectName("summary")
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        zoom.ZoomedRows(self, 18)
        zoom.notifier.changed.connect(self._fit_width)
        self._fit_width()
        self.cellClicked.connect(self._on_cell_clicked)

    def _fit_width(self, _factor: float | None = None) -> None:
        # With the zoom, as its rows: a fixed 330 px cut "total das 6 somas" at 200 %.
        self.setMinimumWidth(zoom.scaled(250))
        self.setMaximumWidth(zoom.scaled(330))

    def fill(self, rows: list[SummaryRow], highlight: str | None = None) -> None:
        self.setRowCount(len(rows))
        bold = QFont(self.font())
        bold.setBold(True)
        for r, (key, text, value) in enumerate(rows):
            label = QTableWidgetItem(text)
            shown = QTableWidgetItem("" if value is None else number(value))
            shown.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for item in (label, shown):
                item.setData(KEY_ROLE, key)
                item.setData(VALUE_ROLE, value)
                if key == "value":
                    item.setBackground(QBrush(SELECTION_COLOUR))
                    item.setFont(bold)
                elif key == highlight:
                    item.setBackground(QBrush(HIGHLIGHT_COLOUR))
                elif key == "network_value":
                    item.setForeground(QBrush(QColor(90, 90, 90)))
            self.setItem(r, 0, label)
            self.setItem(r, 1, shown)

    def number(self, key: str) -> float:
        """The exact number behind a row ('value', 'bias', 'sum:3', ...), read from the items."""
        for r in range(self.rowCount()):
            item = self.item(r, 1)
            if item is not None and item.data(KEY_ROLE) == key:
                return float(item.data(VALUE_ROLE))
        raise KeyError(key)

    def keys(self) -> list[str]:
        return [self.item(r, 1).data(KEY_ROLE) for r in range(self.rowCount())]

    def _on_cell_clicked(self, row: int, _column: int) -> None:
        key = self.item(row, 1).data(KEY_ROLE)
        if isinstance(key, str):
            self.keyClicked.emit(key)


class ResultPage(Retranslatable, QWidget):
    """One page of the middle of the unit tab (convolution, pooling, fully connected): it shows
    one explain_unit result, fills the input map with what the unit reads, and hands back the
    rows of the summary table."""

    config: Any = None  # the network's ModelConfig, set by the view before show_result

    def show_result(
        self, trace: Trace, result: Any, source: LayerSpec, input_map: MapView
    ) -> tuple[list[SummaryRow], str | None]:
        """Show `result` (its layer reads `source`); return the summary rows and the key of the
        row to highlight (or None)."""
        raise NotImplementedError

    def retranslate(self) -> None:
        """The page's fixed texts (the ones that depend on the result are set by show_result)."""

    def tail_rows(
        self,
        bias: float,
        pre: float,
        activation: str | None,
        value: float,
        network_value: float | None,
    ) -> list[SummaryRow]:
        """The rows after the sums: bias, pre-activation, activation → value, and the value the
        network computed."""
        if activation is None:
            act = self.tr("no activation: the value")
        else:
            act = f"{activation}: {names.activation_formula(activation)}"
        rows: list[SummaryRow] = [
            ("bias", self.tr("+ bias"), bias),
            ("pre_activation", self.tr("= before the activation"), pre),
            ("value", act + " →", value),
        ]
        return rows + self.network_rows(network_value)

    def network_rows(self, network_value: float | None) -> list[SummaryRow]:
        if network_value is None:
            return []
        return [("network_value", self.tr("the network computed"), network_value)]
