"""For a lecture hall: View › Zoom in / out / Actual size (Ctrl++ / Ctrl+− / Ctrl+0), the
presentation mode (F5: full screen, zoomed, thick outlines, the hovered value large beside the
unit), and a focus view — double-click a layer to see it and the layer it reads, large, in a
window of its own (it can go to a second screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from explainer.core.config import CONV
from explainer.gui import names, zoom
from explainer.gui.i18n import Retranslatable, tr_args
from explainer.gui.network import NetworkView
from explainer.gui.network.layout import filters_name

if TYPE_CHECKING:
    from explainer.gui.main_window import MainWindow
    from explainer.state import SessionState

ZOOM_SETTING = "zoom"


def focus_layers(config, layer: str) -> list[str]:
    """The panels a focus on `layer` shows: the layer it reads, its filters (conv), itself.
    A filters panel focuses on its conv layer; the input on itself."""
    table = {spec.name: spec for spec in config.layers()}
    if layer.endswith("_filters"):
        layer = layer[: -len("_filters")]
    spec = table.get(layer)
    if spec is None or not spec.source:
        return [layer]
    shown = [spec.source]
    if spec.kind == CONV:
        shown.append(filters_name(layer))
    shown.append(layer)
    return shown


class FocusDialog(Retranslatable, QDialog):
    """One layer and its input, large: a second network view bound to the same session, with
    every other panel hidden. Hover and clicks link as in the main view (clicks select)."""

    def __init__(
        self, state: SessionState, layer: str, parent: QWidget, presentation: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("focus_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.state = state
        self.layer = layer
        self.view = NetworkView(self)
        self.view.setObjectName("focus_view")
        self.view.unitClicked.connect(state.select)
        self.view.set_presentation(presentation)
        self.caption = QLabel()
        box = QVBoxLayout(self)
        box.addWidget(self.caption)
        box.addWidget(self.view, 1)
        self.view.bind(state)
        state.model_changed.connect(self._show_layers)
        if state.model is not None:
            self.view.set_model(state.model, state.levels, state.weight_levels)
            self._show_layers()
            self.view.set_trace(state.trace)
            self.view.set_selection(state.selection)
        screen = parent.screen().availableGeometry() if parent.screen() else None
        if screen is not None:
            self.resize(int(screen.width() * 0.8), int(screen.height() * 0.7))
        self.retranslate()

    def shown_layers(self) -> list[str]:
        return [name for name in self.view.layer_names() if self.view.panel(name).visible]

    def _show_layers(self, *_args) -> None:
        if self.state.model is None:
            return
        wanted = focus_layers(self.state.model.config, self.layer)
        if not any(name in self.view.layer_names() for name in wanted):
            self.close()  # the new model has no such layer
            return
        for name in self.view.layer_names():
            self.view.set_layer_visible(name, name in wanted)
        self.retranslate()

    def retranslate(self) -> None:
        if self.state.model is None:
            return
        wanted = focus_layers(self.state.model.config, self.layer)
        self.setWindowTitle(tr_args(self.tr("Focus: %1"), names.layer_name(wanted[-1])))
        self.caption.setText(
            tr_args(
                self.tr("%1 and the layer it reads, %2. Hover to link them; click to select."),
                names.layer_name(wanted[-1]),
                names.layer_name(wanted[0]),
            )
            if len(wanted) > 1
            else names.layer_name(wanted[0])
        )

    def done(self, result: int) -> None:
        self.state.model_changed.disconnect(self._show_layers)
        super().done(result)


class ClassroomFeatures(QObject):
    """The zoom and presentation actions of `window`'s View menu, and its focus views."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.presentation = False
        # Ctrl+= too: on many keyboards "+" needs Shift, and Ctrl+Shift+= is not Ctrl++.
        self.zoom_in_action = self._action("zoom_in", (QKeySequence.StandardKey.ZoomIn, "Ctrl+="))
        self.zoom_in_action.triggered.connect(self.zoom_in)
        self.zoom_out_action = self._action("zoom_out", (QKeySequence.StandardKey.ZoomOut,))
        self.zoom_out_action.triggered.connect(self.zoom_out)
        self.zoom_reset_action = self._action("zoom_reset", ("Ctrl+0",))
        self.zoom_reset_action.triggered.connect(self.reset_zoom)
        self.presentation_action = self._action("presentation", ("F5",))
        self.presentation_action.setCheckable(True)
        self.presentation_action.toggled.connect(self.set_presentation)
        self.connections_action = self._action("connections", ("Ctrl+Shift+L",))
        self.connections_action.setCheckable(True)
        self.connections_action.setChecked(True)
        self.connections_action.toggled.connect(window.network_view.set_connections_visible)
        menu = window.view_menu
        menu.addAction(self.connections_action)
        menu.addSeparator()
        menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        menu.addAction(self.presentation_action)
        self._zoom_before_presentation = 1.0
        self._was_maximized = False
        self.focus_dialogs: list[FocusDialog] = []
        window.network_view.layerDoubleClicked.connect(self.open_focus)
        from explainer.gui.settings import app_settings

        saved = app_settings().value(ZOOM_SETTING, 1.0, type=float)
        if saved and abs(saved - 1.0) > 1e-6:
            zoom.set_factor(saved)
        window.language_changed.connect(self.retranslate)  # a QObject gets no LanguageChange
        self.retranslate()

    def _action(self, name: str, shortcuts: tuple) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        self.window.addAction(action)  # shortcuts also in full screen, without the menu bar
        return action

    def retranslate(self) -> None:
        self.connections_action.setText(self.tr("Connections"))
        self.connections_action.setToolTip(
            self.tr(
                "Lines from the hovered or selected unit to what it reads: its window on the "
                "layer before, or its strongest incoming weights"
            )
        )
        self.zoom_in_action.setText(self.tr("Zoom in"))
        self.zoom_out_action.setText(self.tr("Zoom out"))
        self.zoom_reset_action.setText(self.tr("Actual size"))
        self.presentation_action.setText(self.tr("Presentation mode"))
        self.presentation_action.setToolTip(
            self.tr("Full screen, larger text, thick outlines, the hovered value shown large")
        )

    # ---- zoom -------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self.set_zoom(zoom.next_step(zoom.factor(), 1))

    def zoom_out(self) -> None:
        self.set_zoom(zoom.next_step(zoom.factor(), -1))

    def reset_zoom(self) -> None:
        self.set_zoom(zoom.PRESENTATION_FACTOR if self.presentation else 1.0)

    def set_zoom(self, value: float) -> None:
        factor = zoom.set_factor(value)
        if not self.presentation:  # the presentation's zoom is not kept for next time
            from explainer.gui.settings import app_settings

            app_settings().setValue(ZOOM_SETTING, factor)
        self.window.statusBar().showMessage(
            tr_args(self.tr("Zoom %1 %"), round(factor * 100)), 2000
        )

    # ---- presentation mode ------------------------------------------------------------------
    def set_presentation(self, on: bool) -> None:
        on = bool(on)
        if on == self.presentation:
            return
        self.presentation = on
        window = self.window
        views = [window.network_view, *(d.view for d in self.focus_dialogs)]
        if on:
            self._zoom_before_presentation = zoom.factor()
            self._was_maximized = window.isMaximized()
            zoom.set_factor(
                min(
                    self._zoom_before_presentation * zoom.PRESENTATION_FACTOR,
                    max(zoom.PRESENTATION_MAX, self._zoom_before_presentation),
                )
            )
            window.showFullScreen()
        else:
            zoom.set_factor(self._zoom_before_presentation)
            window.showMaximized() if self._was_maximized else window.showNormal()
        for view in views:
            view.set_presentation(on)
        if self.presentation_action.isChecked() != on:
            self.presentation_action.setChecked(on)

    # ---- focus ------------------------------------------------------------------------------
    def open_focus(self, layer: str) -> FocusDialog:
        dialog = FocusDialog(self.window.state, layer, self.window, self.presentation)
        self.focus_dialogs.append(dialog)
        dialog.destroyed.connect(lambda _=None, d=dialog: self._forget(d))
        dialog.show()
        return dialog

    def _forget(self, dialog: FocusDialog) -> None:
        if dialog in self.focus_dialogs:
            self.focus_dialogs.remove(dialog)
