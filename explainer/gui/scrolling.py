"""A scroll area for a row of panels that may be wider than its place, never taller."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QScrollArea, QWidget


class SidewaysScroll(QScrollArea):
    """A scroll area that scrolls sideways only: its widget is at least as wide as it needs
    and exactly as tall as the view, so a window too short for it squeezes it as a dock
    without a scroll area would (nothing goes out of sight below), and it asks for its
    widget's height (a short dock opened beside it does not squash it)."""

    def __init__(self) -> None:
        super().__init__()
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt API)
        super().setWidget(widget)
        widget.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        widget = self.widget()
        if widget is not None:
            view = self.viewport().size()
            widget.resize(max(view.width(), widget.minimumSizeHint().width()), view.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self.fit)  # after its layout has its new minimum (a language)
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().minimumSizeHint()
        widget = self.widget()
        if widget is None:
            return hint
        bar = self.horizontalScrollBar().sizeHint().height()
        return QSize(hint.width(), widget.minimumSizeHint().height() + bar)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        widget = self.widget()
        return super().sizeHint() if widget is None else widget.sizeHint()
