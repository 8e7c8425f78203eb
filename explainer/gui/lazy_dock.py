"""Docks whose content is built when first needed, so that the window shows sooner.

The Training, Arithmetic, Why and Move-the-digit docks start hidden, and building their
content (pyqtgraph plots, tables, superqt sliders) took 60 ms of the window's 90 ms
constructor, plus 61 ms to import superqt, and ~90 ms on the way to the first prediction
after it. A LazyDock is created with the window (its toggle action, its place in the saved
layout), and its content is built on the first of:

- `content()` (every caller reaches the content through it, tests included);
- the dock being shown (a saved layout that has it open shows it before the first paint);
- `build_next_lazy_dock(window)`, which the window calls, one dock at a time, once the model
  is in and nothing has been drawn for a moment (a 30 ms build in the middle of a stroke
  would fold its moves into one straight segment), so that opening a dock later is instant;
  a dock made with `on_demand=True` is left to the first two (the Move-the-digit sliders:
  superqt's import waits until someone wants them).

So a content is built with a session that may already hold a model, a trace, a selection:
each reads what it shows from the session in its constructor, and follows its events after.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QFrame, QScrollArea, QWidget

from explainer.gui.scrolling import SidewaysScroll


class LazyDock(QDockWidget):
    """A QDockWidget whose content widget is made by `factory` on first use (see the module)."""

    scrolls_vertically = False  # see wrap()
    # At least this tall when opened from its menu (None: as Qt leaves it): the bottom area
    # keeps the height of the dock last in it, Move the digit's ~120 px.
    open_height: int | None = None

    def __init__(
        self, factory: Callable[[], QWidget], parent: QWidget | None = None, on_demand: bool = False
    ) -> None:
        super().__init__(parent)
        self.on_demand = on_demand
        self._factory: Callable[[], QWidget] | None = factory
        self._content: QWidget | None = None
        self._when_built: list[Callable[[Any], None]] = []

    def is_built(self) -> bool:
        return self._content is not None

    def content(self) -> Any:
        """The content widget, built now if it was not yet."""
        if self._content is None:
            factory, self._factory = self._factory, None
            assert factory is not None
            self._content = factory()
            self.setWidget(self.wrap(self._content))
            callbacks, self._when_built = self._when_built, []
            for callback in callbacks:
                callback(self._content)
        return self._content

    def wrap(self, content: QWidget) -> QWidget:
        """The widget the dock holds around its content: a scroll area, so that a dock asks
        the window for little width. Two docks side by side (Arithmetic and Training: 854 and
        652 px of content at least) made the window 1565 px wide, past a 1280 px projector's
        edge; now a dock narrower than its content scrolls sideways. Its height is the
        content's (a short dock opened beside it must not squash it), unless the dock
        `scrolls_vertically`."""
        if self.scrolls_vertically:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
        else:
            scroll = SidewaysScroll()
        scroll.setObjectName(f"{self.objectName() or 'dock'}_scroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        return scroll

    def when_built(self, callback: Callable[[Any], None]) -> None:
        """Call `callback(content)` once the content exists (now, if it does)."""
        if self._content is not None:
            callback(self._content)
        else:
            self._when_built.append(callback)

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt API)
        # Before Qt lays the dock out: an empty dock would get an empty dock's share of the area.
        if visible:
            self.content()
        super().setVisible(visible)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        self.content()  # shown by a path that does not call setVisible
        super().showEvent(event)


def build_next_lazy_dock(window: QWidget) -> bool:
    """Build the content of one LazyDock of `window` not built yet and not on demand; True
    while others are left."""
    waiting = [d for d in window.findChildren(LazyDock) if not d.on_demand and not d.is_built()]
    if waiting:
        waiting[0].content()
    return len(waiting) > 1
