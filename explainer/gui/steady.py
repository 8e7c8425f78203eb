"""A holder that keeps a label's per-frame text changes from re-laying out the whole window.

Qt lays a window out again whenever a label's text changes: QLabel::setText calls
updateGeometry, which invalidates the parent's layout, and every layout on the way up activates
and calls updateGeometry on its own widget, up to the main window (whose layout then moves its
docks through QPropertyAnimations). For the guesses and the status bar's inference time, which
change on every frame while a digit is drawn, that was ~0.5-1 ms per frame (bench/pen.py on the
2-core box) although their size hints stay the same. `SteadySlot` holds one such widget,
filling it, and passes its size hints on to the layout it sits in only when they have changed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QSizePolicy, QWidget


class SteadySlot(QWidget):
    """`SteadySlot(widget)`: put this in a layout instead of `widget`; `widget` fills it."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{widget.objectName() or 'widget'}_slot")
        self._widget = widget
        widget.setParent(self)
        self._hints = self._widget_hints()
        self.setSizePolicy(widget.sizePolicy())
        self.setMinimumSize(widget.minimumSize())
        self.setMaximumSize(widget.maximumSize())

    @property
    def widget(self) -> QWidget:
        return self._widget

    def _widget_hints(self) -> tuple[QSize, QSize, QSizePolicy, QSize, QSize, bool]:
        widget = self._widget
        return (
            widget.sizeHint(),
            widget.minimumSizeHint(),
            widget.sizePolicy(),
            widget.minimumSize(),
            widget.maximumSize(),
            widget.isVisibleTo(self),
        )

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return self._widget.sizeHint() if self._widget.isVisibleTo(self) else QSize(0, 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        return self._widget.minimumSizeHint() if self._widget.isVisibleTo(self) else QSize(0, 0)

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 (Qt API)
        super().resizeEvent(event)
        self._widget.setGeometry(self.rect())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            # The widget asked for a new layout (its text, font or visibility changed): only
            # pass that on when what the layout reads of it differs.
            self._pass_on_new_hints()
            return True
        if event.type() == QEvent.Type.Show:
            # A text set while the slot was hidden (the window not shown yet) posted no
            # LayoutRequest: the status bar's "Inference: –" stayed 6 px wide, as if empty.
            self._pass_on_new_hints()
        return super().event(event)

    def _pass_on_new_hints(self) -> None:
        hints = self._widget_hints()
        if hints != self._hints:
            self._hints = hints
            self.setSizePolicy(hints[2])
            self.setMinimumSize(hints[3])
            self.setMaximumSize(hints[4])
            self.updateGeometry()
