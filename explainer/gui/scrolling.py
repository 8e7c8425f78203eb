"""A scroll area for a row of panels that may be wider than its place, and taller only when
its place is shorter than the least height they need."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class SidewaysScroll(QScrollArea):
    """A scroll area that scrolls sideways, its widget at least as wide as it needs and as
    tall as the view: a window too short for it squeezes it as a dock without a scroll area
    would (the fully connected chart shrinks to its place rather than scroll out of sight
    below). But never below the widget's least height: a layout given less than its minimum
    draws its widgets over each other (at 1280×720 in presentation mode the conv page's hints
    covered the kernel grid), so then it scrolls up and down too.

    It asks for its widget's size (a short dock opened beside it does not squash it), but its
    minimum is a scroll area's: docks whose contents together are taller than the screen no
    longer push the window past it. `unscrolled_size()` is the least size that shows the
    whole widget without scrolling."""

    def __init__(self) -> None:
        super().__init__()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt API)
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        widget = self.widget()
        if widget is not None:
            view, least = self.viewport().size(), widget.minimumSizeHint()
            widget.resize(max(view.width(), least.width()), max(view.height(), least.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)  # the viewport's too (a scroll bar came or went)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            # Its hints follow the widget's (a zoom, a language): the dock's layout asks again;
            # and it fits the widget once its layout has the new minimum.
            self.updateGeometry()
            QTimer.singleShot(0, self, self.fit)
        return super().eventFilter(watched, event)

    def unscrolled_size(self) -> QSize:
        hint = super().minimumSizeHint()
        widget = self.widget()
        if widget is None:
            return hint
        bar = self.horizontalScrollBar().sizeHint().height()
        return QSize(hint.width(), widget.minimumSizeHint().height() + bar)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        widget = self.widget()
        return super().sizeHint() if widget is None else widget.sizeHint()


def column_width(scroll: QScrollArea, widget_width: int) -> int:
    """The width a column that scrolls up and down needs for a widget `widget_width` wide:
    room for its scroll bar and frame too, so that the bar never covers the widget."""
    return widget_width + scroll.verticalScrollBar().sizeHint().width() + 2 * scroll.frameWidth()


class ColumnScroll(SidewaysScroll):
    """A column that scrolls up and down only where its place is shorter than its least
    height, and is always as wide as its widget needs (plus the scroll bar)."""

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint, widget = super().minimumSizeHint(), self.widget()
        if widget is None:
            return hint
        return QSize(column_width(self, widget.minimumSizeHint().width()), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        if self.widget() is None:
            return hint
        return QSize(column_width(self, hint.width()), hint.height())
