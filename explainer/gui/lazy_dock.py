"""Docks whose content is built when first needed, so that the window shows sooner.

The Training, Arithmetic, Why and Move-the-digit docks start hidden, and building their
content (pyqtgraph plots, tables, superqt sliders) took 60 ms of the window's 90 ms
constructor, plus 61 ms to import superqt. A LazyDock is created with the window (its toggle
action, its place in the saved layout), and its content is built on the first of:

- `content()` (every caller reaches the content through it, tests included);
- the dock being shown (a saved layout that has it open shows it before the first paint);
- `build_lazy_docks(window)`, which the window calls after its first paint, before the first
  model load starts: so the content always sees the same empty session it would have seen in
  the constructor, and nothing that happens later is missed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDockWidget, QWidget


class LazyDock(QDockWidget):
    """A QDockWidget whose content widget is made by `factory` on first use (see the module)."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        """The widget the dock holds around its content (a scroll area, …): the content."""
        return content

    def when_built(self, callback: Callable[[Any], None]) -> None:
        """Call `callback(content)` once the content exists (now, if it does)."""
        if self._content is not None:
            callback(self._content)
        else:
            self._when_built.append(callback)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        self.content()
        super().showEvent(event)


def build_lazy_docks(window: QWidget) -> None:
    """Build the content of every LazyDock of `window` that is not built yet."""
    for dock in window.findChildren(LazyDock):
        dock.content()
