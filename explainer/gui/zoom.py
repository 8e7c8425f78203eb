"""Zoom of the whole window's content, for a projector: one factor, applied as the application
font's size. Widgets that lay out by font metrics follow by themselves; those with pixel sizes
(the arithmetic grids, the network panels' titles, the big guesses) read `factor()` and rebuild
when `notifier.changed` fires (Qt's own ApplicationFontChange does not reach every widget:
one whose font was set explicitly, or a child of one, never sees it).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QTableView, QWidget

STEPS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5, 3.0)
PRESENTATION_FACTOR = 1.4  # presentation mode multiplies the zoom by this…
PRESENTATION_MAX = 2.0  # …up to this: beyond, a 1280×720 projector cannot hold the window
_BASE_PROPERTY = "cnn_explainer_base_point_size"


class _Notifier(QObject):
    changed = Signal(float)  # the new factor, after the application font changed


notifier = _Notifier()


def base_point_size() -> float:
    """The application font's size before any zoom (remembered on the QApplication)."""
    app = QApplication.instance()
    base = app.property(_BASE_PROPERTY)
    if not base:
        base = QApplication.font().pointSizeF()
        if base <= 0:  # a font sized in pixels
            base = 9.0
        app.setProperty(_BASE_PROPERTY, base)
    return float(base)


def factor() -> float:
    app = QApplication.instance()
    if app is None or not app.property(_BASE_PROPERTY):
        return 1.0
    return QApplication.font().pointSizeF() / base_point_size()


def set_factor(value: float) -> float:
    """Zoom to `value` (clamped to the steps' range); returns the factor now in use."""
    value = min(max(float(value), STEPS[0]), STEPS[-1] * PRESENTATION_FACTOR)
    base = base_point_size()
    if abs(factor() - value) < 1e-6:
        return value
    font = QFont(QApplication.font())
    font.setPointSizeF(base * value)
    QApplication.setFont(font)
    notifier.changed.emit(value)
    return value


def next_step(current: float, direction: int) -> float:
    """The next zoom step up (direction 1) or down (-1) from `current`."""
    if direction > 0:
        return next((s for s in STEPS if s > current + 1e-6), STEPS[-1])
    return next((s for s in reversed(STEPS) if s < current - 1e-6), STEPS[0])


def scaled(pixels: float) -> int:
    """A size in pixels at the current zoom."""
    return max(1, round(pixels * factor()))


class RelativeFont(QObject):
    """Keeps `widget`'s font at `scale` × the application font (bold if asked), through zooms.
    A font set with setFont is fixed for good; this sets it again on every zoom."""

    def __init__(self, widget: QWidget, scale: float, bold: bool | None = None) -> None:
        super().__init__(widget)
        self.widget, self.scale, self.bold = widget, scale, bold
        notifier.changed.connect(self.apply)
        self.apply()

    def apply(self, _factor: float | None = None) -> None:
        font = QFont(self.widget.font())
        font.setPointSizeF(max(6.0, QApplication.font().pointSizeF() * self.scale))
        if self.bold is not None:
            font.setBold(self.bold)
        self.widget.setFont(font)


class ZoomedRows(QObject):
    """Keeps a table's row height at `pixels` × the zoom: a fixed 18 px cut the text of a
    summary row in half at 200 %."""

    def __init__(self, table: QTableView, pixels: int) -> None:
        super().__init__(table)
        self.table, self.pixels = table, pixels
        notifier.changed.connect(self.apply)
        self.apply()

    def apply(self, _factor: float | None = None) -> None:
        self.table.verticalHeader().setDefaultSectionSize(scaled(self.pixels))
