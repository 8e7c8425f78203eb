"""The network's answer: first and second guess, large, and every class's probability as a bar."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QApplication, QLabel, QSizePolicy, QVBoxLayout, QWidget

from explainer.gui import i18n, names, zoom
from explainer.gui.i18n import Retranslatable
from explainer.gui.numbers import percent
from explainer.gui.steady import SteadySlot

if TYPE_CHECKING:
    from explainer.core.trace import Trace
    from explainer.state import SessionState

# Okabe–Ito blue for the bars, orange for the winner: distinguishable with every common CVD.
BAR_COLOUR = QColor(0, 114, 178)
TOP_COLOUR = QColor(230, 159, 0)
LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
WIDEST_GUESS = "8  (100.0%)"  # of a digit model's guesses


def format_guess(label: str, prob: float) -> str:
    """'3  (97.1%)': the class name first, so that scripts can read it (automation contract);
    the name and the number as the interface language writes them ('Bota curta  (60,0%)')."""
    return f"{names.class_name(label)}  ({percent(prob, 1)})"


class FitLabel(QWidget):
    """A one-line text shown at its full point size when it fits, and shrunk (never below
    half) when the column is narrower: "Ankle boot  (60.0%)" must not push the panels away.

    Painted here rather than by a QLabel: its text changes on every frame while a digit is
    drawn, and QLabel::setText asks for a new layout each time (a LayoutRequest, its text laid
    out again, ~0.3 ms a frame for the two guesses). Its size hints do not depend on the text,
    so a new text only repaints it."""

    def __init__(self, text: str, scale: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = text
        self._scale = scale
        self._full_size = QApplication.font().pointSizeF() * scale
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        # Opaque: its new text each frame repaints it alone, not the three widgets beneath.
        self.setAutoFillBackground(True)
        self.setAccessibleName(text)
        self._fit()
        zoom.notifier.changed.connect(self._zoomed)

    def _zoomed(self, _factor: float) -> None:
        self._full_size = QApplication.font().pointSizeF() * self._scale
        self.updateGeometry()
        self._fit()

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - Qt API
        if text == self._text:
            return
        self._text = text
        self.setAccessibleName(text)
        self._fit()
        self.update()

    def setFont(self, font: QFont) -> None:  # noqa: N802 - Qt API
        # Keep the scale: setFont (e.g. to make it bold) does not change the full size.
        font = QFont(font)
        font.setPointSizeF(self._full_size if hasattr(self, "_full_size") else font.pointSizeF())
        super().setFont(font)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        super().resizeEvent(event)
        self._fit()

    def _full_metrics(self) -> tuple[QFontMetrics, int]:
        """Metrics of the font at its full size and WIDEST_GUESS's width in it (cached: the
        text changes on every frame)."""
        font = self.font()
        key = (font.family(), font.weight(), font.italic(), self._full_size)
        cached = getattr(self, "_metrics_cache", None)
        if cached is None or cached[0] != key:
            font = QFont(self.font())
            font.setPointSizeF(self._full_size)
            metrics = QFontMetrics(font)
            cached = self._metrics_cache = (key, metrics, metrics.horizontalAdvance(WIDEST_GUESS))
        return cached[1], cached[2]

    def minimumSizeHint(self) -> QSize:
        metrics, widest = self._full_metrics()
        return QSize(widest // 2 + 4, metrics.height())

    def sizeHint(self) -> QSize:
        metrics, widest = self._full_metrics()
        return QSize(widest + 4, metrics.height())

    def _fit(self) -> None:
        # At least as wide as the widest digit guess: while a digit is drawn the font then
        # stays as it is, whatever the percentage ("3  (5.2%)", "3  (100.0%)"); a new font on
        # every frame was a new layout and new metrics on every frame.
        metrics, widest = self._full_metrics()
        needed = max(metrics.horizontalAdvance(self._text), widest) + 4
        # Bold text at a scaled point size renders a few pixels wider than its metrics say.
        available = self.contentsRect().width() - 8
        size = self._full_size
        if available > 0 and needed > available:
            size = max(self._full_size / 2, self._full_size * available / needed)
        if abs(self.font().pointSizeF() - size) > 0.01:
            font = QFont(self.font())
            font.setPointSizeF(size)
            super().setFont(font)

    def paintEvent(self, event: QPaintEvent) -> None:
        # As a QLabel draws it: left-aligned, centred vertically, in the widget's font and
        # text colour (the painter starts with both).
        painter = QPainter(self)
        painter.drawText(self.contentsRect(), LEFT_MIDDLE, self._text)
        painter.end()


@dataclass(frozen=True)
class _BarsGeometry:
    names: tuple[str, ...]  # the class names as shown, in the interface language
    row_height: float
    label_width: int
    value_width: int
    bar_span: float


class ProbabilityBars(QWidget):
    """One horizontal bar per class, with its name and its probability in percent.

    A new set of probabilities repaints only the rows whose drawing changes (the bar's length
    in whole pixels, the percentage's text, which one is the winner): while a digit is drawn
    most classes stay at "0.0%", and the rows of the two or three that move are a fraction of
    the widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("probability_bars")
        self.class_names: tuple[str, ...] = tuple(str(d) for d in range(10))
        self.probs: np.ndarray | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._geometry_cache: tuple[tuple, _BarsGeometry] | None = None
        self._rows: list[tuple[int, str, bool] | None] = []  # what each row shows now
        self._rows_geometry: _BarsGeometry | None = None  # what _rows were worked out for
        self._texts: dict[str, QStaticText] = {}  # laid out once per font: names, percentages
        self.setAutoFillBackground(True)  # opaque: a changed row repaints nothing beneath it

    def set_classes(self, class_names: tuple[str, ...]) -> None:
        self.class_names = tuple(class_names)
        self.probs = None
        self._geometry_cache = None
        self._rows, self._rows_geometry = [], None
        self.updateGeometry()
        self.update()

    def set_probs(self, probs: np.ndarray | None) -> None:
        self.probs = None if probs is None else np.asarray(probs, dtype=np.float32)
        geometry = self._geometry()
        rows = self._row_looks(geometry)
        if len(rows) != len(self._rows):
            self.update()
        else:
            for index, (old, new) in enumerate(zip(self._rows, rows, strict=True)):
                if old != new:
                    self.update(self._row_rect(index, geometry.row_height))
        self._rows, self._rows_geometry = rows, geometry

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

    def _geometry(self) -> _BarsGeometry:
        """Row height and column widths, for this size, font and language (cached)."""
        font = self.font()
        # The language stands for the names it shows (translating ten names on each call
        # was most of this method's time, on every frame).
        key = (
            self.width(),
            self.height(),
            font.key(),
            self.class_names,
            i18n.current_language(),
            percent(1.0, 1),
        )
        if self._geometry_cache is not None and self._geometry_cache[0] == key:
            return self._geometry_cache[1]
        self._texts.clear()  # laid out for another font
        metrics = QFontMetrics(font)
        count = len(self.class_names)
        label_width = self._label_width()
        value_width = metrics.horizontalAdvance(percent(1.0, 1)) + 8
        geometry = _BarsGeometry(
            names=self.shown_names(),
            row_height=min(self.height() / max(count, 1), 2.2 * metrics.height()),
            label_width=label_width,
            value_width=value_width,
            bar_span=max(self.width() - label_width - value_width, 10),
        )
        self._geometry_cache = (key, geometry)
        return geometry

    def _row_looks(self, geometry: _BarsGeometry) -> list[tuple[int, str, bool] | None]:
        """Per row, what its drawing depends on: (bar length in pixels, the percentage to one
        decimal (Python's digits, as the language's are the same digits), winner)."""
        count = len(self.class_names)
        if self.probs is None:
            return [None] * count
        # NaN (logits that overflowed) draws no bar rather than raising on every paint.
        probs = np.nan_to_num(self.probs, nan=0.0, posinf=1.0, neginf=0.0).tolist()
        best = int(np.argmax(probs))
        span = geometry.bar_span
        return [
            (round(span * probs[i]), f"{probs[i] * 100:.1f}", i == best) if i < len(probs) else None
            for i in range(count)
        ]

    def _row_rect(self, index: int, row_height: float) -> QRect:
        """The pixels of row `index`: the rows tile the widget without overlapping, so that a
        changed row repaints itself alone (a rectangle one pixel into the next row repainted
        that row too: 5 rows for every 2 that changed). A row draws well inside its own."""
        top, bottom = math.floor(index * row_height), math.floor((index + 1) * row_height)
        return QRect(0, top, self.width(), bottom - top)

    def _text(self, text: str) -> QStaticText:
        static = self._texts.get(text)
        if static is None:
            if len(self._texts) > 512:
                self._texts.clear()
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self.font())
            self._texts[text] = static
        return static

    def _percent_text(self, digits: str) -> QStaticText:
        """A row's percentage from its look's digits ("92.3"): formatted once per value."""
        key = "%" + digits  # apart from the names (a class may be called "5")
        static = self._texts.get(key)
        if static is None:
            static = self._texts[key] = self._text(percent(float(digits) / 100, 1))
        return static

    def paintEvent(self, event: QPaintEvent) -> None:
        geometry = self._geometry()
        if geometry is not self._rows_geometry:  # resized, or a new font or language
            self._rows, self._rows_geometry = self._row_looks(geometry), geometry
        rows = self._rows
        row_height, label_width = geometry.row_height, geometry.label_width
        bar_left, bar_span = label_width, geometry.bar_span
        # The region, not its bounding rect: rows 0 and 7 changing must not repaint 1 to 6.
        if row_height <= 0:
            return
        exposed = event.region()
        bounds = exposed.boundingRect()
        first = max(0, int(bounds.top() // row_height))
        last = min(len(geometry.names) - 1, int(bounds.bottom() // row_height))
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        track_brush = self.palette().alternateBase()
        for index in range(first, last + 1):
            name = geometry.names[index]
            top = index * row_height
            if not exposed.intersects(self._row_rect(index, row_height)):
                continue  # a row whose drawing did not change
            label = self._text(name)  # right-aligned, centred in the row
            size = label.size()
            painter.drawStaticText(
                QPointF(label_width - 6 - size.width(), top + (row_height - size.height()) / 2),
                label,
            )
            # The bar's track, so that an empty bar still shows where 100% would be.
            track = QRectF(bar_left, top + row_height * 0.2, bar_span, row_height * 0.6)
            painter.fillRect(track, track_brush)
            look = rows[index] if index < len(rows) else None
            if look is not None:
                length, _, is_best = look
                bar = QRectF(track.x(), track.y(), length, track.height())
                painter.fillRect(bar, TOP_COLOUR if is_best else BAR_COLOUR)
                value = self._percent_text(look[1])
                middle = top + (row_height - value.size().height()) / 2
                painter.drawStaticText(QPointF(bar_left + bar_span + 4, middle), value)
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.addWidget(self.title_label)
        layout.addWidget(self.first_caption)
        # In steady slots: a long class name shrinks their font, which asks for a new layout
        # although their size hints stay the same.
        layout.addWidget(SteadySlot(self.first_guess))
        layout.addSpacing(6)
        layout.addWidget(self.second_caption)
        layout.addWidget(SteadySlot(self.second_guess))
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
