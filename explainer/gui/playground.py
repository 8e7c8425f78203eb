"""The convolution playground (Tools › Convolution playground): a small convolution by hand.

The user sets N (input size), F (kernel size), S (stride), P (padding), C (input channels) and
K (filters), types the input and kernel numbers (or fills them with random integers), and sees
the output, the size formula (N + 2P − F)/S + 1 with the numbers, "does not fit" (the core's
ShapeError, in red) for a stride that does not fit, and the parameter count (F·F·C + 1)·K.
Clicking an output cell outlines its window on the input and prints its worked steps.
Textbook presets ship in assets/presets/; presets are saved and loaded as JSON
(explainer.presets). Every number comes from explainer.core.arithmetic.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from explainer.core.arithmetic import (
    conv2d,
    conv_param_count,
    conv_unit,
    output_size_formula,
    plan_conv,
)
from explainer.core.errors import ExplainerError, ShapeError
from explainer.gui import i18n, numbers
from explainer.gui.colormaps import WEIGHT_MAP, colours_for
from explainer.gui.i18n import Retranslatable, file_dialog_options, tr_args
from explainer.gui.messages import MessageBox, Messenger, Text, translate_message
from explainer.gui.steps import render_steps
from explainer.presets import Preset, PresetError, load_preset, save_preset, shipped_presets

WINDOW_COLOUR = QColor(255, 200, 120)  # the cells under the kernel for the chosen output cell
OUTPUT_MARK = QColor(255, 140, 0)
PADDING_COLOUR = QColor(232, 232, 232)
LEFT_OVER_COLOUR = QColor(255, 190, 200)  # input cells no window reaches (does not fit)
ERROR_STYLE = "color: #b00020; font-weight: bold;"
LIMITS = {"n": (1, 10), "f": (1, 7), "s": (1, 6), "p": (0, 3), "c": (1, 3), "k": (1, 3)}
RANDOM_INPUT = (0, 9)  # inclusive ranges of the random integers
RANDOM_WEIGHT = (-2, 2)


def number_text(value: float) -> str:
    """'3' for whole numbers, '0.25' (Portuguese: '0,25') otherwise, at most 4 decimals."""
    return numbers.compact(value)


def resized(array: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """`array` cut or zero-extended to `shape`, keeping the overlap (what the user typed)."""
    out = np.zeros(shape)
    overlap = tuple(slice(0, min(a, b)) for a, b in zip(array.shape, shape, strict=True))
    out[overlap] = array[overlap]
    return out


class NumberTable(Retranslatable, QTableWidget):
    """A grid of numbers; editable cells (typed numbers are checked), optional zero-padding
    border (grey, read-only), cells marked for the current window."""

    edited = Signal()
    invalid = Signal(object)  # a Text (explainer.gui.messages): it follows the language
    CELL = 38

    def __init__(self, name: str, editable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.editable = editable
        self.padding = 0
        self._values = np.zeros((0, 0))
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.horizontalHeader().setMinimumSectionSize(10)
        self.verticalHeader().setMinimumSectionSize(10)
        self._colour_levels: tuple[float, float] | None = None
        if not editable:
            self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.itemChanged.connect(self._on_item_changed)

    def set_values(
        self, values: np.ndarray, padding: int = 0, colour_levels: tuple[float, float] | None = None
    ) -> None:
        values = np.asarray(values, dtype=np.float64)
        self._values = values.copy()
        self._colour_levels = colour_levels
        self.padding = padding
        rows, cols = values.shape[0] + 2 * padding, values.shape[1] + 2 * padding
        self.blockSignals(True)
        self.setRowCount(rows)
        self.setColumnCount(cols)
        for c in range(cols):
            self.setColumnWidth(c, self.CELL)
        for r in range(rows):
            self.setRowHeight(r, 24)
        frame = 2 * self.frameWidth()
        self.setFixedSize(cols * self.CELL + frame, rows * 24 + frame)
        colours = colours_for(values, colour_levels, WEIGHT_MAP) if colour_levels else None
        for r in range(rows):
            for c in range(cols):
                inner_r, inner_c = r - padding, c - padding
                inside = 0 <= inner_r < values.shape[0] and 0 <= inner_c < values.shape[1]
                item = QTableWidgetItem(
                    "0" if not inside else number_text(values[inner_r, inner_c])
                )
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if inside and self.editable:
                    flags |= Qt.ItemFlag.ItemIsEditable
                item.setFlags(flags)
                if not inside:
                    item.setBackground(QBrush(PADDING_COLOUR))
                    item.setForeground(QBrush(QColor(120, 120, 120)))
                    item.setToolTip(self.tr("zero padding"))
                elif colours is not None:
                    rgba = colours[inner_r, inner_c]
                    item.setBackground(QBrush(QColor(int(rgba[0]), int(rgba[1]), int(rgba[2]))))
                    dark = 0.299 * rgba[0] + 0.587 * rgba[1] + 0.114 * rgba[2] < 140
                    item.setForeground(QBrush(QColor("white" if dark else "black")))
                self.setItem(r, c, item)
        self.blockSignals(False)

    def values(self) -> np.ndarray:
        return self._values.copy()

    def retranslate(self) -> None:
        """The numbers in the new language's format (the cells keep their values)."""
        self.blockSignals(True)
        for r in range(self.rowCount()):
            for c in range(self.columnCount()):
                inner_r, inner_c = r - self.padding, c - self.padding
                item = self.item(r, c)
                inside = (
                    0 <= inner_r < self._values.shape[0] and 0 <= inner_c < self._values.shape[1]
                )
                if item is None:
                    continue
                if inside:
                    item.setText(number_text(self._values[inner_r, inner_c]))
                else:
                    item.setToolTip(self.tr("zero padding"))
        self.blockSignals(False)

    def mark(self, box: tuple[int, int, int, int] | None) -> None:
        """Tint the cells (row0, col0, rows, cols) of the padded grid (None: no tint)."""
        self.blockSignals(True)
        for r in range(self.rowCount()):
            for c in range(self.columnCount()):
                item = self.item(r, c)
                if item is None:
                    continue
                font = item.font()
                inside = box is not None and (
                    box[0] <= r < box[0] + box[2] and box[1] <= c < box[1] + box[3]
                )
                font.setBold(inside)
                item.setFont(font)
                inner = (
                    self.padding <= r < self.rowCount() - self.padding
                    and self.padding <= c < self.columnCount() - self.padding
                )
                if inside:
                    item.setBackground(QBrush(WINDOW_COLOUR))
                elif not inner:
                    item.setBackground(QBrush(PADDING_COLOUR))
                elif self.editable:
                    item.setBackground(QBrush())
        self.blockSignals(False)

    def mark_left_over(self, unreached: set[int]) -> None:
        """Tint the rows and columns in `unreached` (padded grid): no window reaches them."""
        self.blockSignals(True)
        for r in range(self.rowCount()):
            for c in range(self.columnCount()):
                item = self.item(r, c)
                if item is not None and (r in unreached or c in unreached):
                    item.setBackground(QBrush(LEFT_OVER_COLOUR))
                    item.setToolTip(self.tr("no window reaches this cell"))
        self.blockSignals(False)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        r, c = item.row() - self.padding, item.column() - self.padding
        if not (0 <= r < self._values.shape[0] and 0 <= c < self._values.shape[1]):
            return
        typed = item.text().strip()
        try:
            value = numbers.parse(typed)  # 0,5 and 0.5 in either language
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            kept = float(self._values[r, c])
            self._show_back(item, kept)
            huge = math.isinf(value)  # "1e400" is a number, one a float cannot hold
            self.invalid.emit(
                lambda: tr_args(
                    self.tr(
                        "“%1” is too large for the computer's numbers (at most about "
                        "±1.8e308); the cell keeps %2."
                    )
                    if huge
                    else self.tr("“%1” is not a number; the cell keeps %2."),
                    typed,
                    number_text(kept),
                )
            )
            return
        self._values[r, c] = value
        self._show_back(item, value)
        self.edited.emit()

    def _show_back(self, item: QTableWidgetItem, value: float) -> None:
        """A cell's number as the grid read it: "1.000" typed in Portuguese is one (the point
        form), not a thousand; a refused text gives way to the number kept."""
        self.blockSignals(True)
        item.setText(number_text(value))
        self.blockSignals(False)


class PlaygroundDialog(Retranslatable, QDialog):
    """`PlaygroundDialog(parent, show_dialogs=True)`: a non-modal window; `apply_preset`,
    `load_preset_file`, `save_preset_file` and the spin boxes drive it."""

    computed = Signal()  # the output (or the "does not fit" message) was recomputed

    def __init__(self, parent: QWidget | None = None, show_dialogs: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("playground")
        self.show_dialogs = show_dialogs
        self.last_error: str | None = None
        self.output: np.ndarray | None = None  # (K, Ho, Wo), None when it does not fit
        self.selected_output: tuple[int, int, int] = (0, 0, 0)  # filter, row, col
        self.inputs = np.zeros((1, 5, 5))
        self.kernels = np.zeros((1, 1, 3, 3))
        self.bias = np.zeros(1)
        self.stride, self.padding = 1, 0
        self._rng = np.random.default_rng()
        self._preset: Preset | None = (
            None  # the preset shown (its description follows the language)
        )
        try:
            self.presets = shipped_presets()
        except PresetError as exc:  # a broken shipped file must not stop the playground
            self.presets = []
            self.last_error = str(exc)
        self._build()
        self.retranslate()
        if self.presets:
            self.apply_preset(self.presets[0])
        else:
            self._rebuild_grids()
            self.recompute()
        self.resize(1100, 700)

    # ---- construction -------------------------------------------------------------------
    def _spin(self, name: str, key: str) -> QSpinBox:
        spin = QSpinBox(objectName=name)
        spin.setRange(*LIMITS[key])
        spin.valueChanged.connect(self._on_sizes_changed)
        return spin

    def _build(self) -> None:
        self.n_spin = self._spin("size_n", "n")
        self.f_spin = self._spin("size_f", "f")
        self.s_spin = self._spin("stride", "s")
        self.p_spin = self._spin("padding", "p")
        self.c_spin = self._spin("channels", "c")
        self.k_spin = self._spin("filters", "k")
        self.form = QFormLayout()
        self._form_labels = [QLabel() for _ in range(6)]
        for label, spin in zip(
            self._form_labels,
            (self.n_spin, self.f_spin, self.s_spin, self.p_spin, self.c_spin, self.k_spin),
            strict=True,
        ):
            self.form.addRow(label, spin)

        self.preset_combo = QComboBox(objectName="presets")
        self.preset_combo.activated.connect(self._on_preset_chosen)
        self.preset_description = QLabel(objectName="preset_description")
        self.preset_description.setWordWrap(True)
        self.random_button = QPushButton(objectName="random")
        self.random_button.clicked.connect(self.fill_random)
        self.zeros_button = QPushButton(objectName="zeros")
        self.zeros_button.clicked.connect(self.fill_zeros)
        self.load_button = QPushButton(objectName="load_preset")
        self.load_button.clicked.connect(self.load_preset_dialog)
        self.save_button = QPushButton(objectName="save_preset")
        self.save_button.clicked.connect(self.save_preset_dialog)

        self.size_label = QLabel(objectName="size_formula")
        self.size_label.setWordWrap(True)
        self.fit_label = QLabel(objectName="fit_error")
        self.fit_label.setWordWrap(True)
        self.fit_label.setStyleSheet(ERROR_STYLE)
        self.params_label = QLabel(objectName="param_count")
        self.params_label.setWordWrap(True)
        self.status_label = QLabel(objectName="playground_status")
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet(ERROR_STYLE)
        self._status = Messenger(self.status_label)
        for label in (self.size_label, self.params_label, self.fit_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.presets_caption = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.random_button)
        buttons.addWidget(self.zeros_button)
        files = QHBoxLayout()
        files.addWidget(self.load_button)
        files.addWidget(self.save_button)
        controls = QVBoxLayout()
        controls.addWidget(self.presets_caption)
        controls.addWidget(self.preset_combo)
        controls.addWidget(self.preset_description)
        controls.addLayout(self.form)
        controls.addLayout(buttons)
        controls.addLayout(files)
        controls.addSpacing(8)
        controls.addWidget(self.size_label)
        controls.addWidget(self.fit_label)
        controls.addWidget(self.params_label)
        controls.addWidget(self.status_label)
        controls.addStretch(1)
        controls_widget = QWidget()
        controls_widget.setLayout(controls)
        controls_widget.setFixedWidth(300)

        # Short box titles, hints as wrapped labels: long titles would widen the window.
        self.input_box, self.input_hint = QGroupBox(), QLabel()
        self.input_tabs = QTabWidget(objectName="input_tabs")
        self.kernel_box, self.kernel_hint = QGroupBox(), QLabel()
        self.kernel_tabs = QTabWidget(objectName="kernel_tabs")
        self.output_box, self.output_hint = QGroupBox(), QLabel()
        self.output_tabs = QTabWidget(objectName="output_tabs")
        self.output_tabs.currentChanged.connect(self._on_output_tab)
        for box, hint, tabs in (
            (self.input_box, self.input_hint, self.input_tabs),
            (self.kernel_box, self.kernel_hint, self.kernel_tabs),
            (self.output_box, self.output_hint, self.output_tabs),
        ):
            hint.setWordWrap(True)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(hint)
            box_layout.addWidget(tabs, 1)
        self.steps_text = QPlainTextEdit(objectName="unit_steps")
        self.steps_text.setReadOnly(True)
        self.steps_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.steps_text.setMinimumHeight(140)

        grids = QHBoxLayout()
        grids.addWidget(self.input_box, 3)
        left_of_output = QVBoxLayout()
        left_of_output.addWidget(self.kernel_box)
        left_of_output.addWidget(self.output_box)
        grids.addLayout(left_of_output, 2)
        right = QVBoxLayout()
        right.addLayout(grids, 3)
        self.steps_caption = QLabel()
        right.addWidget(self.steps_caption)
        right.addWidget(self.steps_text, 1)
        right_widget = QWidget()
        right_widget.setLayout(right)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(right_widget)

        layout = QHBoxLayout(self)
        layout.addWidget(controls_widget)
        layout.addWidget(scroll, 1)

    # ---- values -------------------------------------------------------------------------
    @property
    def sizes(self) -> tuple[int, int, int, int, int, int]:
        """(N, F, S, P, C, K) as set in the spin boxes."""
        return (
            self.n_spin.value(),
            self.f_spin.value(),
            self.s_spin.value(),
            self.p_spin.value(),
            self.c_spin.value(),
            self.k_spin.value(),
        )

    def set_sizes(self, n: int, f: int, s: int, p: int, c: int = 1, k: int = 1) -> None:
        spins = (self.n_spin, self.f_spin, self.s_spin, self.p_spin, self.c_spin, self.k_spin)
        for spin, value in zip(spins, (n, f, s, p, c, k), strict=True):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self._on_sizes_changed()

    def _on_sizes_changed(self) -> None:
        n, f, s, p, c, k = self.sizes
        self.inputs = resized(self.inputs, (c, n, n))
        self.kernels = resized(self.kernels, (k, c, f, f))
        self.bias = resized(self.bias, (k,))
        self.stride, self.padding = s, p
        self._status.clear()  # an error about a typed cell of the old grids no longer applies
        self._rebuild_grids()
        self.recompute()

    def set_input(self, values: np.ndarray) -> None:
        """Put (C, N, N) or (N, N) values in the input grids (sizes follow)."""
        values = np.asarray(values, dtype=np.float64)
        self.inputs = values[None] if values.ndim == 2 else values
        self._sync_spins()

    def set_kernels(self, values: np.ndarray, bias: np.ndarray | None = None) -> None:
        values = np.asarray(values, dtype=np.float64)
        while values.ndim < 4:
            values = values[None]
        self.kernels = values
        self.bias = np.zeros(values.shape[0]) if bias is None else np.asarray(bias, float)
        self._sync_spins()

    def _sync_spins(self) -> None:
        c, n = self.inputs.shape[0], self.inputs.shape[1]
        k, f = self.kernels.shape[0], self.kernels.shape[2]
        if self.kernels.shape[1] != c:
            self.kernels = resized(self.kernels, (k, c, f, f))
        self.bias = resized(self.bias, (k,))
        spins = (self.n_spin, self.f_spin, self.c_spin, self.k_spin)
        for spin, value in zip(spins, (n, f, c, k), strict=True):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self.stride, self.padding = self.s_spin.value(), self.p_spin.value()
        self._rebuild_grids()
        self.recompute()

    def fill_random(self) -> None:
        """Random small integers: input 0–9, weights and biases −2–2."""
        self.inputs = self._rng.integers(
            RANDOM_INPUT[0], RANDOM_INPUT[1] + 1, self.inputs.shape
        ).astype(float)
        self.kernels = self._rng.integers(
            RANDOM_WEIGHT[0], RANDOM_WEIGHT[1] + 1, self.kernels.shape
        ).astype(float)
        self.bias = self._rng.integers(
            RANDOM_WEIGHT[0], RANDOM_WEIGHT[1] + 1, self.bias.shape
        ).astype(float)
        self._status.clear()  # an error about a typed cell no longer applies
        self._rebuild_grids()
        self.recompute()

    def fill_zeros(self) -> None:
        self.inputs[:] = 0
        self.kernels[:] = 0
        self.bias[:] = 0
        self._status.clear()
        self._rebuild_grids()
        self.recompute()

    # ---- grids --------------------------------------------------------------------------
    def _rebuild_grids(self) -> None:
        c, k = self.inputs.shape[0], self.kernels.shape[0]
        input_tab = max(self.input_tabs.currentIndex(), 0)
        kernel_tab = max(self.kernel_tabs.currentIndex(), 0)
        self.input_tabs.clear()
        self.input_grids: list[NumberTable] = []
        for channel in range(c):
            grid = NumberTable(f"input_grid_{channel}")
            grid.set_values(self.inputs[channel], self.padding)
            grid.edited.connect(lambda ch=channel, g=grid: self._on_input_edited(ch, g))
            grid.invalid.connect(self._show_status)
            self.input_grids.append(grid)
            self.input_tabs.addTab(
                self._centred(grid), tr_args(self.tr("channel %1"), str(channel))
            )
        self.input_tabs.setCurrentIndex(min(input_tab, c - 1))

        self.kernel_tabs.clear()
        self.kernel_grids: list[list[NumberTable]] = []
        self.bias_spins: list[QDoubleSpinBox] = []
        for f in range(k):
            page = QWidget()
            row = QHBoxLayout(page)
            grids = []
            for channel in range(c):
                grid = NumberTable(f"kernel_grid_{f}_{channel}")
                grid.set_values(self.kernels[f, channel])
                grid.edited.connect(
                    lambda fi=f, ch=channel, g=grid: self._on_kernel_edited(fi, ch, g)
                )
                grid.invalid.connect(self._show_status)
                column = QVBoxLayout()
                if c > 1:
                    column.addWidget(QLabel(tr_args(self.tr("channel %1"), str(channel))))
                column.addWidget(grid)
                column.addStretch(1)
                row.addLayout(column)
                grids.append(grid)
            bias = QDoubleSpinBox(objectName=f"bias_{f}")
            bias.setRange(-99, 99)
            bias.setDecimals(2)
            bias.setValue(float(self.bias[f]))
            bias.valueChanged.connect(lambda value, fi=f: self._on_bias_edited(fi, value))
            bias_column = QVBoxLayout()
            bias_column.addWidget(QLabel(self.tr("bias")))
            bias_column.addWidget(bias)
            bias_column.addStretch(1)
            row.addLayout(bias_column)
            row.addStretch(1)
            self.kernel_grids.append(grids)
            self.bias_spins.append(bias)
            # C kernels side by side can be wider than the tab (C = 3 cut the third one off).
            scroll = QScrollArea()
            scroll.setWidget(page)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            self.kernel_tabs.addTab(scroll, tr_args(self.tr("filter %1"), str(f)))
        self.kernel_tabs.setCurrentIndex(min(kernel_tab, k - 1))

    @staticmethod
    def _centred(widget: QWidget) -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addStretch(1)
        return holder

    def _on_input_edited(self, channel: int, grid: NumberTable) -> None:
        self.inputs[channel] = grid.values()
        self._status.clear()
        self.recompute()

    def _on_kernel_edited(self, f: int, channel: int, grid: NumberTable) -> None:
        self.kernels[f, channel] = grid.values()
        self._status.clear()
        self.recompute()

    def _on_bias_edited(self, f: int, value: float) -> None:
        self.bias[f] = value
        self.recompute()

    # ---- output -------------------------------------------------------------------------
    def recompute(self) -> None:
        n, f, s, p, c, k = self.sizes
        formula = output_size_formula(n, f, s, p, numbers.decimal)
        _, params_formula = conv_param_count(f, c, k)
        self.params_label.setText(
            tr_args(self.tr("Parameters: (F·F·C + 1)·K = %1"), params_formula)
        )
        output_tab = max(self.output_tabs.currentIndex(), 0)
        self.output_tabs.blockSignals(True)
        self.output_tabs.clear()
        self.output_grids: list[NumberTable] = []
        try:
            plan = plan_conv(n, n, c, k, f, s, p, max_stride=LIMITS["s"][1])
            output = conv2d(self.inputs, self.kernels, self.bias, s, p)
        except ShapeError as exc:
            self.output = None
            self.size_label.setText(
                tr_args(self.tr("Output size: (N + 2P − F)/S + 1 = %1"), formula)
            )
            self.fit_label.setText(
                tr_args(self.tr("Does not fit: %1"), translate_message(str(exc)))
            )
            self.fit_label.show()
            self.steps_text.setPlainText("")
            self.steps_caption.setText(self.tr("Worked steps"))
            padded = n + 2 * p
            tiles = f <= padded and (padded - f) % s == 0
            # The rows (and columns) some window covers: with F < S the gaps between windows
            # are left over too, not only the end.
            reached = {i for start in range(0, padded - f + 1, s) for i in range(start, start + f)}
            unreached = set() if tiles else set(range(padded)) - reached
            for grid in self.input_grids:
                grid.mark(None)
                grid.mark_left_over(unreached)
            if tiles:  # the sizes fit: the numbers did not (an overflow)
                text = self.tr(
                    "No output: a sum is too large for the computer's numbers. Use smaller "
                    "numbers in the grids."
                )
            else:
                text = self.tr(
                    "No output: the windows do not tile the input. The pink cells are "
                    "left over: no window reaches them. Change S, P or F."
                )
            note = QLabel(text)
            note.setObjectName("no_output")
            note.setWordWrap(True)
            note.setStyleSheet(ERROR_STYLE)
            self.output_tabs.addTab(note, "—")
            self.output_tabs.blockSignals(False)
            self.computed.emit()
            return
        self.output = output
        self.fit_label.clear()
        self.fit_label.hide()
        self.size_label.setText(
            tr_args(
                self.tr("Output size: (N + 2P − F)/S + 1 = %1, so the output is %2"),
                formula,
                f"{plan.out_height}×{plan.out_width}×{k}",
            )
        )
        levels = (-float(np.max(np.abs(output))) or -1.0, float(np.max(np.abs(output))) or 1.0)
        for filter_index in range(k):
            grid = NumberTable(f"output_grid_{filter_index}", editable=False)
            grid.set_values(output[filter_index], colour_levels=levels)
            grid.cellClicked.connect(lambda r, col, fi=filter_index: self.select_output(fi, r, col))
            self.output_grids.append(grid)
            self.output_tabs.addTab(
                self._centred(grid), tr_args(self.tr("filter %1"), str(filter_index))
            )
        self.output_tabs.setCurrentIndex(min(output_tab, k - 1))
        self.output_tabs.blockSignals(False)
        fi, r, col = self.selected_output
        if not (fi < k and r < output.shape[1] and col < output.shape[2]):
            fi, r, col = 0, 0, 0
        self.select_output(fi, r, col)
        self.computed.emit()

    def _on_output_tab(self, index: int) -> None:
        if self.output is not None and index >= 0:
            _, r, col = self.selected_output
            self.select_output(index, r, col)

    def select_output(self, filter_index: int, row: int, col: int) -> None:
        """Show the worked steps of one output cell and outline its window on the input."""
        if self.output is None:
            return
        self.selected_output = (filter_index, row, col)
        result = conv_unit(
            self.inputs,
            self.kernels[filter_index],
            float(self.bias[filter_index]),
            row,
            col,
            self.stride,
            self.padding,
            filter_index=filter_index,
        )
        self.steps_text.setPlainText(render_steps(result.steps()))
        f = self.kernels.shape[2]
        box = (row * self.stride, col * self.stride, f, f)  # in the padded grid
        for grid in self.input_grids:
            grid.mark(box)
        for index, grid in enumerate(self.output_grids):
            grid.mark((row, col, 1, 1) if index == filter_index else None)
        if self.output_tabs.currentIndex() != filter_index:
            self.output_tabs.blockSignals(True)
            self.output_tabs.setCurrentIndex(filter_index)
            self.output_tabs.blockSignals(False)
        if self.kernel_tabs.currentIndex() != filter_index:
            self.kernel_tabs.setCurrentIndex(filter_index)
        self.steps_caption.setText(
            tr_args(
                self.tr("Worked steps of output cell (filter %1, row %2, col %3)"),
                str(filter_index),
                str(row),
                str(col),
            )
        )

    # ---- presets ------------------------------------------------------------------------
    def current_preset(self, name: str = "") -> Preset:
        return Preset(
            name=name or self.tr("my preset"),
            inputs=self.inputs.copy(),
            kernels=self.kernels.copy(),
            bias=self.bias.copy(),
            stride=self.stride,
            padding=self.padding,
        )

    def apply_preset(self, preset: Preset) -> None:
        self.inputs = preset.inputs.copy()
        self.kernels = preset.kernels.copy()
        self.bias = preset.bias.copy()
        for spin, value in ((self.s_spin, preset.stride), (self.p_spin, preset.padding)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        self._preset = preset
        self.preset_description.setText(preset.display_description(i18n.current_language()))
        shipped = next((i for i, p in enumerate(self.presets) if p is preset), -1)
        self.preset_combo.setCurrentIndex(shipped)  # blank for a preset loaded from a file
        self.selected_output = (0, 0, 0)
        self._status.clear()
        self._sync_spins()

    def _on_preset_chosen(self, index: int) -> None:
        if 0 <= index < len(self.presets):
            self.apply_preset(self.presets[index])

    def load_preset_file(self, path: str) -> bool:
        """Load a preset; a bad file shows an error and leaves the grids as they were."""
        try:
            preset = load_preset(path)
        except ExplainerError as exc:
            self.show_error(lambda: self.tr("Could not load the preset"), str(exc))
            return False
        beyond = self._beyond_limits(preset)
        if beyond is not None:  # the spin boxes would clamp it: grids and sizes would disagree
            self.show_error(lambda: self.tr("Could not load the preset"), beyond)
            return False
        self.apply_preset(preset)
        return True

    def _beyond_limits(self, preset: Preset) -> str | None:
        """Why the playground cannot show `preset` as it is (a size past its spin boxes)."""
        sizes = {
            "n": preset.n,
            "f": preset.f,
            "s": preset.stride,
            "p": preset.padding,
            "c": preset.channels,
            "k": preset.filters,
        }
        for key, value in sizes.items():
            low, high = LIMITS[key]
            if not low <= value <= high:
                return tr_args(
                    self.tr("this preset has %1 = %2, and the playground takes %3 to %4"),
                    key.upper(),
                    value,
                    low,
                    high,
                )
        return None

    def save_preset_file(self, path: str, name: str = "") -> bool:
        try:
            save_preset(self.current_preset(name), path)
        except ExplainerError as exc:
            self.show_error(lambda: self.tr("Could not save the preset"), str(exc))
            return False
        return True

    def load_preset_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Load preset"),
            "",
            tr_args(self.tr("Presets (%1)"), "*.json"),
            options=file_dialog_options(),
        )
        if path:
            self.load_preset_file(path)

    def save_preset_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save preset"),
            "preset.json",
            tr_args(self.tr("Presets (%1)"), "*.json"),
            options=file_dialog_options(),
        )
        if path:
            self.save_preset_file(path)

    def show_error(self, title: Text, message: str) -> None:
        """A core message (English; `last_error` keeps it) shown translated, in the status line
        and, with dialogs on, in a message box; both follow a language switch."""
        self.last_error = message
        self._show_status(message)
        if not self.show_dialogs:
            return
        box = MessageBox(title, message, self)
        box.setObjectName("preset_error")
        box.open()

    def _show_status(self, message: Text) -> None:
        self._status.show(message)

    # ---- language -----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Convolution playground"))
        texts = (
            self.tr("N, input size"),
            self.tr("F, kernel size"),
            self.tr("S, stride"),
            self.tr("P, padding"),
            self.tr("C, input channels"),
            self.tr("K, filters"),
        )
        for label, text in zip(self._form_labels, texts, strict=True):
            label.setText(text)
        self.presets_caption.setText(self.tr("Textbook presets"))
        language = i18n.current_language()
        current = self.preset_combo.currentIndex()
        self.preset_combo.clear()
        self.preset_combo.addItems([p.display_name(language) for p in self.presets])
        self.preset_combo.setCurrentIndex(current)
        if self._preset is not None:  # a shipped preset or one loaded from a file
            self.preset_description.setText(self._preset.display_description(language))
        self._status.retranslate()
        self.random_button.setText(self.tr("Random integers"))
        self.random_button.setToolTip(self.tr("Input 0 to 9, weights and biases −2 to 2"))
        self.zeros_button.setText(self.tr("Zeros"))
        self.load_button.setText(self.tr("Load preset…"))
        self.save_button.setText(self.tr("Save preset…"))
        self.input_box.setTitle(self.tr("Input"))
        self.input_hint.setText(
            self.tr("Type numbers in the cells; grey cells are the zero padding.")
        )
        self.kernel_box.setTitle(self.tr("Kernels and biases"))
        self.kernel_hint.setText(self.tr("One kernel per input channel, one bias per filter."))
        self.output_box.setTitle(self.tr("Output"))
        self.output_hint.setText(self.tr("Click a cell to see its worked steps."))
        self.steps_caption.setText(self.tr("Worked steps"))
        if hasattr(self, "output_grids"):
            self._rebuild_grids()
            self.recompute()
