"""The network's answer: first and second guess, large, and every class's probability as a bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QVBoxLayout, QWidget

from explainer.gui import names, zoom
from explainer.gui.i18n import Retranslatable
from explainer.gui.numbers import percent

if TYPE_CHECKING:
    from explainer.core.trace import Trace
    from explainer.state import SessionState

# Okabe–Ito blue for the bars, orange for the winner: distinguishable with every common CVD.
BAR_COLOUR = QColor(0, 114, 178)
TOP_COLOUR = QColor(230, 159, 0)


def format_guess(label: str, prob: float) -> str:
    """'3  (97.1%)': the class name first, so that scripts can read it (automation contract);
    the name and the number as the interface language writes them ('Bota curta  (60,0%)')."""
    return f"{names.class_name(label)}  ({percent(prob, 1)})"


class FitLabel(QLabel):
    """A one-line label shown at its full point size when it fits, and shrunk (never below
    half) when the column is narrower: "Ankle boot  (60.0%)" must not push the panels away."""

    def __init__(self, text: str, scale: float, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._scale = scale
        self._full_size = QApplication.font().pointSizeF() * scale
        self._fit()
        zoom.notifier.changed.connect(self._zoomed)

    def _zoomed(self, _factor: float) -> None:
        self._full_size = QApplication.font().pointSizeF() * self._scale
        self.updateGeometry()
        self._fit()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        super().setText(text)
        self._fit()

    def setFont(self, font: QFont) -> None:  # noqa: N802 - Qt API
        # Keep the scale: setFont (e.g. to make it bold) does not change the full size.
        font = QFont(font)
        font.setPointSizeF(self._full_size if hasattr(self, "_full_size") else font.pointSizeF())
        super().setFont(font)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def _full_metrics(self) -> QFontMetrics:
        font = QFont(self.font())
        font.setPointSizeF(self._full_size)
        return QFontMetrics(font)

    def minimumSizeHint(self) -> QSize:
        metrics = self._full_metrics()
        return QSize(metrics.horizontalAdvance("8  (100.0%)") // 2 + 4, metrics.height())

    def sizeHint(self) -> QSize:
        metrics = self._full_metrics()
        return QSize(metrics.horizontalAdvance("8  (100.0%)") + 4, metrics.height())

    def _fit(self) -> None:
        needed = self._full_metrics().horizontalAdvance(self.text()) + 4
        # Bold text at a scaled point size renders a few pixels wider than its metrics say.
        available = self.contentsRect().width() - 8
        size = self._full_size
        if available > 0 and needed > available:
            size = max(self._full_size / 2, self._full_size * available / needed)
        if abs(self.font().pointSizeF() - size) > 0.01:
            font = QFont(self.font())
            font.setPointSizeF(size)
            super().setFont(font)


class ProbabilityBars(QWidget):
    """One horizontal bar per class, with its name and its probability in percent."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probability_bars")
        self.class_names: tuple[str, ...] = tuple(str(d) for d in range(10))
        self.probs: np.ndarray | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_classes(self, class_names: tuple[str, ...]) -> None:
        self.class_names = tuple(class_names)
        self.probs = None
        self.updateGeometry()
        self.update()

    def set_probs(self, probs: np.ndarray | None) -> None:
        self.probs = None if probs is None else np.asarray(probs, dtype=np.float32)
        self.update()

    def shown_names(self) -> tuple[str, ...]:
        """The class names as drawn: in the interface language."""
        return names.class_names(self.class_names)

    def _label_width(self) -> int:
        metrics = QFontMetrics(self.font())
        return max(metrics.horizontalAdvance(name) for name in self.shown_names()) + 8

    def minimumSizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(self._label_width() + 120, len(self.class_names) * (metrics.height() + 2))

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        return QSize(self._label_width() + 180, len(self.class_names) * (metrics.height() + 10))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = QFontMetrics(self.font())
        count = len(self.class_names)
        row_height = min(self.height() / max(count, 1), 2.2 * metrics.height())
        label_width = self._label_width()
        value_width = metrics.horizontalAdvance(percent(1.0, 1)) + 8
        bar_left = label_width
        bar_span = max(self.width() - label_width - value_width, 10)
        best = int(np.argmax(self.probs)) if self.probs is not None else -1
        text_colour = self.palette().windowText().color()
        for index, name in enumerate(self.shown_names()):
            top = index * row_height
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(0, top, label_width - 6, row_height),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                name,
            )
            # The bar's track, so that an empty bar still shows where 100% would be.
            track = QRectF(bar_left, top + row_height * 0.2, bar_span, row_height * 0.6)
            painter.fillRect(track, self.palette().alternateBase())
            if self.probs is not None and index < len(self.probs):
                prob = float(self.probs[index])
                bar = QRectF(track.x(), track.y(), bar_span * prob, track.height())
                painter.fillRect(bar, TOP_COLOUR if index == best else BAR_COLOUR)
                painter.setPen(text_colour)
                painter.drawText(
                    QRectF(bar_left + bar_span + 4, top, value_width - 4, row_height),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    percent(prob, 1),
                )
        painter.end()


class GuessesView(Retranslatable, QWidget):
    """First guess (large), second guess (smaller) and the probability bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guesses")
        self.title_label = QLabel(self)
        self.first_caption = QLabel(self)
        self.first_guess = FitLabel("–", 2.6, self)
        self.first_guess.setObjectName("first_guess")
        self.second_caption = QLabel(self)
        self.second_guess = FitLabel("–", 1.6, self)
        self.second_guess.setObjectName("second_guess")
        self.bars_caption = QLabel(self)
        self.bars = ProbabilityBars(self)

        title_font = QFont(self.font())
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        bold = QFont(self.first_guess.font())
        bold.setBold(True)
        self.first_guess.setFont(bold)
        for label in (self.first_guess, self.second_guess):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.first_caption)
        layout.addWidget(self.first_guess)
        layout.addSpacing(6)
        layout.addWidget(self.second_caption)
        layout.addWidget(self.second_guess)
        layout.addSpacing(12)
        layout.addWidget(self.bars_caption)
        layout.addWidget(self.bars, 1)
        self._has_model = False
        self._trace: Trace | None = None
        self.retranslate()

    def bind(self, state: SessionState) -> None:
        """Follow a session: its model's classes and each of its traces."""
        state.model_changed.connect(
            lambda model, _checkpoint: self.set_classes(model.config.class_names)
        )
        state.trace_changed.connect(self.set_trace)

    def set_classes(self, class_names: tuple[str, ...]) -> None:
        self._has_model = True
        self.bars.set_classes(class_names)
        self.set_trace(None)

    def set_trace(self, trace: Trace | None) -> None:
        self._trace = trace
        if trace is None:
            self.first_guess.setText("–")
            self.second_guess.setText("–")
            self.bars.set_probs(None)
            return
        first, second = trace.top(2)
        self.first_guess.setText(format_guess(first.label, first.prob))
        self.second_guess.setText(format_guess(second.label, second.prob))
        self.bars.set_probs(trace.probs)

    def retranslate(self) -> None:
        self.title_label.setText(self.tr("Output"))
        self.first_caption.setText(self.tr("First guess"))
        self.second_caption.setText(self.tr("Second guess"))
        self.bars_caption.setText(self.tr("Probability of each class (softmax)"))
        self.bars_caption.setWordWrap(True)
        # The guesses' names and numbers are written in the language too.
        self.set_trace(self._trace)
        self.bars.updateGeometry()
        self.bars.update()
