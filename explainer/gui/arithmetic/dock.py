"""The arithmetic dock of the main window: the ArithmeticView, View › Arithmetic and
Tools › Convolution playground."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from explainer.gui.arithmetic.view import ArithmeticView
from explainer.gui.i18n import Retranslatable
from explainer.gui.lazy_dock import LazyDock

if TYPE_CHECKING:
    from explainer.state import SessionState

DOCK_HEIGHT = 280  # leaves the panels ~410 px at 1280×800


class ArithmeticDock(Retranslatable, LazyDock):
    """The dock that holds the ArithmeticView (built when first needed: gui/lazy_dock.py),
    plus its menu actions (View › Arithmetic, Tools › Convolution playground) for the main
    window."""

    open_height = DOCK_HEIGHT

    def __init__(self, window: QMainWindow, state: SessionState) -> None:
        super().__init__(lambda: ArithmeticView(state), window)
        self.setObjectName("arithmetic_dock")
        self.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea
        )
        self.toggle_action = self.toggleViewAction()
        self.toggle_action.setObjectName("show_arithmetic")
        self.toggle_action.setShortcut(QKeySequence("Ctrl+E"))
        self.playground_action = QAction(window)
        self.playground_action.setObjectName("open_playground")
        self.playground_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.playground_action.triggered.connect(self.open_playground)
        self.playground: QWidget | None = None
        self.tools_menu: QMenu | None = None
        self.retranslate()

    @property
    def view(self) -> ArithmeticView:
        return self.content()

    def install(self, window: QMainWindow, view_menu: Any, before_menu: Any = None) -> None:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        window.resizeDocks([self], [DOCK_HEIGHT], Qt.Orientation.Vertical)
        # Hidden until wanted (the panels keep their height): clicking a unit opens it, and
        # the window's saved layout brings it back as the user left it.
        self.hide()
        network_view = getattr(window, "network_view", None)
        if network_view is not None:
            network_view.unitClicked.connect(lambda _unit: self.show())
        window.addAction(self.toggle_action)  # shortcuts work with the menu bar hidden
        window.addAction(self.playground_action)
        view_menu.addSeparator()
        view_menu.addAction(self.toggle_action)
        bar = window.menuBar()
        existing = [
            action.menu()
            for action in bar.actions()
            if action.menu() is not None and action.menu().objectName() == "tools_menu"
        ]
        if existing:  # another feature made a Tools menu already: share it
            existing[0].addAction(self.playground_action)
            return
        self.tools_menu = QMenu(bar)
        self.tools_menu.setObjectName("tools_menu")
        if before_menu is None:
            bar.addMenu(self.tools_menu)
        else:  # before Language, which stays last
            bar.insertMenu(before_menu.menuAction(), self.tools_menu)
        self.tools_menu.addAction(self.playground_action)
        self.retranslate()

    def open_playground(self) -> None:
        from explainer.gui.playground import PlaygroundDialog

        if self.playground is None:
            self.playground = PlaygroundDialog(self.parentWidget())
        self.playground.show()
        self.playground.raise_()
        self.playground.activateWindow()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Arithmetic"))
        self.toggle_action.setText(self.tr("&Arithmetic of the selected unit"))
        self.playground_action.setText(self.tr("&Convolution playground…"))
        if self.tools_menu is not None:
            self.tools_menu.setTitle(self.tr("&Tools"))


def install_arithmetic_dock(window: Any) -> ArithmeticDock:
    """Add the arithmetic dock and its menu entries to a MainWindow (one call in its __init__,
    before the window restores its saved dock layout)."""
    dock = ArithmeticDock(window, window.state)
    dock.install(window, window.view_menu, getattr(window, "language_menu", None))
    return dock
