"""The softmax and loss tab: logits, logit − max, exp, the sum, the probabilities, and the
cross-entropy of a chosen true label in a chosen logarithm base."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explainer.core.arithmetic import cross_entropy, probability_text, softmax_steps
from explainer.gui.arithmetic.widgets import VALUE_ROLE
from explainer.gui.i18n import Retranslatable, tr_args
from explainer.gui.names import class_names as shown_class_names
from explainer.gui.numbers import number as fmt
from explainer.gui.zoom import ZoomedRows

if TYPE_CHECKING:
    from explainer.core.trace import Trace
    from explainer.state import SessionState

TRUE_ROW_COLOUR = QColor(120, 200, 120)  # the softmax table's true-label row (green)
GUESS_ROW_COLOUR = QColor(255, 190, 110)  # its row of the network's guess (orange)
LOG_NAMES = {"e": "ln", "10": "log₁₀", "2": "log₂"}


def _swatch(colour: QColor) -> str:
    return f'<span style="background-color:{colour.name()}">&nbsp;&nbsp;&nbsp;&nbsp;</span>'


class SoftmaxPage(Retranslatable, QWidget):
    """The softmax table of the trace's logits and the loss against the state's true label (the
    user picks one here when the input has none: a hand drawing's label is never the guess)."""

    changed = Signal()  # a choice here (the logarithm base) changes what is shown

    def __init__(self, state: SessionState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._class_names: list[str] = []
        self._shown_names: list[str] = []  # the true-label combo's items
        self.softmax_steps_label = QLabel(objectName="softmax_steps")
        self.softmax_steps_label.setWordWrap(True)
        self.softmax_table = QTableWidget(0, 5, objectName="softmax_table")
        self.softmax_table.verticalHeader().hide()
        self.softmax_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.softmax_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        ZoomedRows(self.softmax_table, 19)
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
        for key in LOG_NAMES:
            self.log_base.addItem("", key)
        self.log_base.currentIndexChanged.connect(lambda _: self.changed.emit())
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
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.softmax_table, 3)
        layout.addLayout(side, 2)
        self.retranslate()

    def set_class_names(self, names: list[str]) -> None:
        """A new model: its classes, and no true label picked."""
        self._class_names = list(names)
        self._shown_names = list(shown_class_names(names))
        self.true_label.clear()
        self.true_label.addItems(self._shown_names)
        self.true_label.setCurrentIndex(-1)

    def _on_true_label_chosen(self, index: int) -> None:
        self.state.choose_true_label(index if index >= 0 else None)

    def show_trace(self, trace: Trace | None, class_names: list[str] | None) -> None:
        """The softmax of `trace`'s logits (None, or no model yet: a hint)."""
        table = self.softmax_table
        if trace is None or class_names is None:
            table.setRowCount(0)
            self.loss_label.setText(self.tr("Draw a digit to see the softmax of its logits."))
            self.loss_label.setProperty("value", None)
            self.true_label_source.setText("")
            self.row_legend.setText("")
            return
        steps = softmax_steps(trace["logits"], list(class_names))
        names = list(shown_class_names(class_names))  # as the interface shows them
        if self.true_label.count() != len(names) or self._shown_names != names:
            self._shown_names = names
            self.true_label.clear()
            self.true_label.addItems(names)
        known = self.state.true_label
        target = known.index if known is not None else -1
        guess = int(np.argmax(steps.probs))
        self.true_label.setCurrentIndex(target)  # -1 shows "unknown — pick one"
        self.true_label_source.setText(self._label_source_text(known))
        self.row_legend.setText(
            tr_args(
                self.tr("%1 true label   %2 the network's guess"),
                _swatch(TRUE_ROW_COLOUR),
                _swatch(GUESS_ROW_COLOUR),
            )
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
            tr_args(
                self.tr(
                    "1. subtract the largest logit, %1, from every logit (avoids overflow; the "
                    "result is the same)\n2. exp of each\n3. add them up: Σ = %2\n4. divide each "
                    "exp by Σ: the probabilities, which sum to 1"
                ),
                fmt(steps.max_logit),
                fmt(steps.sum_exp),
            )
        )
        if known is None:
            self.loss_label.setText(
                tr_args(
                    self.tr(
                        "True label unknown: pick the class this drawing really is to see its "
                        "cross-entropy loss (the network's guess is %1)."
                    ),
                    names[guess],
                )
            )
            self.loss_label.setProperty("value", None)
            return
        loss = cross_entropy(steps, target, base)
        self.loss_label.setText(
            tr_args(
                self.tr("cross-entropy for true label %1: −%2(p[%1]) = −%2(%3) = %4"),
                names[target],
                LOG_NAMES[loss.log_base],
                probability_text(loss.prob, fmt),
                fmt(loss.loss),
            )
        )
        self.loss_label.setProperty("value", loss.loss)

    def _label_source_text(self, label: Any) -> str:
        if label is None and self.state.source.label is not None:
            # e.g. an MNIST sample under the Fashion-MNIST model: its 3 is not "Dress".
            return self.tr("Its label names another model's classes: not known for this one.")
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

    def retranslate(self) -> None:
        shown = list(shown_class_names(self._class_names))
        if shown != self._shown_names:  # the classes' names in the new language
            index = self.true_label.currentIndex()
            self._shown_names = shown
            self.true_label.clear()
            self.true_label.addItems(shown)
            self.true_label.setCurrentIndex(index)
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
