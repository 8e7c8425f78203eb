"""File › Save scene… / Open scene…: a prepared example in one small JSON file (the format is
explainer.core.scene's): the drawing or the loaded picture, the model, the selected unit, the
language, the true label, the panels shown, auto-scale, the preprocessing steps and the
arithmetic dock (shown, its tab, its logarithm base).

Opening reads and checks the whole file first; a file that is not a valid scene shows one
message and changes nothing. Then the language and the settings are applied, the drawing is put
on the canvas (undoable) and the model is loaded when it is another one — the scene's unit and
true label are set once it is in place. A scene whose model file is missing (also beside the
scene file) opens on the default model and says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from explainer import paths
from explainer.core.ablation import NO_ABLATION, Ablation
from explainer.core.errors import ExplainerError
from explainer.core.inputs import CHOSEN, InputSource
from explainer.core.scene import (
    INK,
    PICTURE,
    SCENE_SUFFIX,
    ArithmeticSettings,
    Drawing,
    PanelSettings,
    Scene,
    read_scene,
    write_scene,
)
from explainer.core.units import unit_exists
from explainer.gui import i18n
from explainer.gui.i18n import file_dialog_options, tr_args
from explainer.gui.messages import MessageBox, Text
from explainer.gui.settings import app_settings
from explainer.state import picture_from_pixels

FOLDER_KEY = "scenes/folder"
SOFTMAX_TAB = 1  # the arithmetic dock's second tab


def _same_file(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


class SceneFeatures(QObject):
    """Save scene… and Open scene… in `window` (a MainWindow: its canvas, state, network view,
    actions, arithmetic dock, load_checkpoint, show_error, model_ready / model_failed)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.open_action = self._action("open_scene", "Ctrl+Shift+O", self.open_scene_dialog)
        self.save_action = self._action("save_scene", "Ctrl+Shift+S", self.save_scene_dialog)
        menu = window.file_menu
        menu.insertAction(window.quit_action, self.open_action)
        menu.insertAction(window.quit_action, self.save_action)
        menu.insertSeparator(window.quit_action)
        self._pending: tuple[Scene, Text | None, Path] | None = None  # waits for its model
        self.last_message: str | None = None  # the last status line (a missing model…)
        window.model_ready.connect(self._on_model_settled)
        window.model_failed.connect(lambda _message: self._on_model_settled())
        window.language_changed.connect(self.retranslate)
        self.retranslate()

    def _action(self, name: str, shortcut: str, slot: Any) -> QAction:
        action = QAction(self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        self.window.addAction(action)
        return action

    # ---- what the window shows now -------------------------------------------------------------
    def current_scene(self) -> Scene:
        window = self.window
        state, canvas, view = window.state, window.canvas, window.network_view
        picture = canvas.loaded_picture()
        drawing = None
        if picture is not None:
            source = canvas.input_source() or InputSource()
            drawing = Drawing(PICTURE, picture, source.label, source.mnist_form)
        elif not canvas.is_blank():
            drawing = Drawing(INK, canvas.ink_array())
        checkpoint = state.checkpoint
        model = getattr(checkpoint, "path", None)
        dock = window.arithmetic_dock
        return Scene(
            drawing=drawing,
            model=Path(model).resolve() if model is not None else None,
            selection=state.selection,
            language=i18n.current_language(),
            true_label=state.true_label,
            panels=PanelSettings(
                tuple(name for name in view.layer_names() if not view.panel(name).visible),
                window.autoscale_action.isChecked(),
                window.steps_action.isChecked(),
            ),
            arithmetic=ArithmeticSettings(
                dock.isVisible(),
                "softmax" if dock.view.tabs.currentIndex() == SOFTMAX_TAB else "unit",
                dock.view.log_base.currentData() or "e",
            ),
            snapshot=state.timeline_index,
            knocked_out=state.knocked_out,
        )

    # ---- saving --------------------------------------------------------------------------------
    def save_scene(self, path: str | Path) -> Path | None:
        """Write the scene; an error is shown and None returned."""
        path = Path(path)
        if path.suffix.lower() != SCENE_SUFFIX:
            path = path.with_name(path.name + SCENE_SUFFIX)
        try:
            written = write_scene(path, self.current_scene())
        except ExplainerError as exc:
            self.window.show_error(lambda: self.tr("Could not save the scene"), str(exc))
            return None
        app_settings().setValue(FOLDER_KEY, str(written.parent))
        self.window.statusBar().showMessage(
            tr_args(self.tr("Scene saved: %1"), str(written)), 10_000
        )
        return written

    def save_scene_dialog(self) -> Path | None:
        folder = app_settings().value(FOLDER_KEY, "", type=str)
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Save scene"),
            str(Path(folder) / "scene.json") if folder else "scene.json",
            tr_args(self.tr("Scenes (%1)"), f"*{SCENE_SUFFIX}"),
            options=file_dialog_options(),
        )
        return self.save_scene(path) if path else None

    # ---- opening -------------------------------------------------------------------------------
    def open_scene_dialog(self) -> bool:
        folder = app_settings().value(FOLDER_KEY, "", type=str)
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open scene"),
            folder,
            tr_args(self.tr("Scenes (%1)"), f"*{SCENE_SUFFIX}"),
            options=file_dialog_options(),
        )
        return self.open_scene(path) if path else False

    def _model_path(self, scene: Scene, path: Path) -> tuple[Path, Text | None]:
        """The checkpoint to open, and the notice when it is not the scene's own (a function:
        shown in the language the scene switches to)."""
        for candidate in scene.model_candidates(path):
            if candidate.is_file():
                return candidate, None
        default = paths.default_checkpoint()
        missing = scene.model
        if missing is None:
            return default, lambda: self.tr(
                "The scene names no model file; it opens with the default model."
            )
        return default, lambda: tr_args(
            self.tr("The scene's model %1 was not found; it opens with the default model."),
            str(missing),
        )

    def open_scene(self, path: str | Path) -> bool:
        """Open a scene file. A bad one shows why and changes nothing (False)."""
        window = self.window
        path = Path(path)
        try:
            scene = read_scene(path)
            language = None
            if scene.language is not None:
                language = i18n.normalize_language(scene.language)
                if language is None:
                    raise ExplainerError(
                        f"{path}: language must be one of {', '.join(i18n.LANGUAGES)}, "
                        f"found {scene.language}"
                    )
        except ExplainerError as exc:
            window.show_error(lambda: self.tr("Could not open the scene"), str(exc))
            return False
        app_settings().setValue(FOLDER_KEY, str(path.resolve().parent))
        model_path, notice = self._model_path(scene, path)
        current = getattr(window.state.checkpoint, "path", None)
        same_model = _same_file(current, model_path) and not window.is_loading()
        refusal = self._out_of_place(scene, path) if same_model else None
        if refusal is not None:  # nothing changes
            window.show_error(lambda: self.tr("Could not open the scene"), refusal)
            return False

        # Everything checked: from here on the scene is applied.
        if language is not None and language != i18n.current_language():
            window.set_language(language)
        window.autoscale_action.setChecked(scene.panels.autoscale)
        window.steps_action.setChecked(scene.panels.show_steps)
        self._put_drawing(scene.drawing)
        window.arithmetic_dock.setVisible(scene.arithmetic.open)

        self._pending = (scene, notice, path)
        if not same_model:
            window.load_checkpoint(model_path)
        if not window.is_loading():  # the same model, or a training run kept it
            self._on_model_settled()
        return True

    def _out_of_place(self, scene: Scene, path: Path) -> str | None:
        """Why the scene cannot open on the model open now, its own: a unit it lacks, or
        switched-off units it lacks. None when nothing is out of place."""
        state = self.window.state
        model = state.model
        if model is None:
            return None
        name = state.checkpoint.name
        unit = scene.selection
        if unit is not None and not unit_exists(model.config, unit):
            template = self.tr("%1: its unit %2 is not a unit of its model, %3")
            return tr_args(template, str(path), unit.label(), name)
        missing = scene.knocked_out.missing_in(model.config)
        if missing:
            template = self.tr("%1: its switched-off units %2 are not units of its model, %3")
            return tr_args(template, str(path), missing.spec(), name)
        return None

    def _put_drawing(self, drawing: Drawing | None) -> None:
        window, canvas = self.window, self.window.canvas
        caption = self.tr("Open scene")
        if drawing is None:
            canvas.clear()
        elif drawing.kind == INK and drawing.pixels.shape == canvas.ink_array().shape:
            canvas.set_drawing(drawing.pixels, caption)
        else:
            source = InputSource(drawing.label, drawing.mnist_form)
            picture = picture_from_pixels(drawing.pixels, source)
            canvas.set_ink_array(picture.ink, caption, picture=picture.gray, source=source)
        window.flush_input()

    def _on_model_settled(self) -> None:
        """The scene's model is in place (or could not be loaded: the current one stays): the
        panels shown, the true label picked, the unit selected."""
        if self._pending is None:
            return
        scene, notice, path = self._pending
        self._pending = None
        window, state = self.window, self.window.state
        missing_snapshot = self._show_snapshot(scene.snapshot if notice is None else None)
        missing_units = self._switch_off(scene.knocked_out)
        hidden = set(scene.panels.hidden)
        for name in window.network_view.layer_names():
            window.set_layer_visible(name, name not in hidden)
        window.flush_input()
        label = scene.true_label
        state.choose_true_label(
            label.index if label is not None and label.source == CHOSEN else None
        )
        unit = scene.selection
        if unit is not None and state.model is not None and unit_exists(state.model.config, unit):
            state.select(unit)
        else:
            state.select(None)
        # After the selection, which turns the dock to the unit's tab.
        view = window.arithmetic_dock.view
        view.log_base.setCurrentIndex(max(view.log_base.findData(scene.arithmetic.log_base), 0))
        view.tabs.setCurrentIndex(SOFTMAX_TAB if scene.arithmetic.tab == "softmax" else 0)
        view.refresh()
        self._say_opened(path, state.timeline_index)
        if notice is not None:
            self.last_message = notice()
            window.statusBar().showMessage(self.last_message, 20_000)
            if window.show_dialogs:
                box = MessageBox(
                    lambda: self.tr("Scene opened with the default model"), notice, window
                )
                box.setObjectName("scene_notice")
                box.setIcon(MessageBox.Icon.Information)
                box.open()
        if unit is not None and state.model is not None and state.selection is None:
            # Known only now that its model is in (the scene named another, or one not found).
            self.last_message = tr_args(
                self.tr("The scene's unit %1 is not a unit of this model: none is selected."),
                unit.label(),
            )
            window.statusBar().showMessage(self.last_message, 20_000)
        if missing_units:
            self.last_message = tr_args(
                self.tr(
                    "The scene's switched-off units %1 are not units of this model: they stay on."
                ),
                missing_units.spec(),
            )
            window.statusBar().showMessage(self.last_message, 20_000)
        if missing_snapshot:
            count = len(state.timeline)
            self.last_message = tr_args(
                self.tr(
                    "The scene's snapshot %1 is not in this model's training timeline, which "
                    "has %2 snapshots (0 to %3): it shows the model's final weights."
                )
                if count
                else self.tr(
                    "The scene's snapshot %1 is not in this model's training timeline, which "
                    "has none: it shows the model's final weights."
                ),
                scene.snapshot,  # as the file counts, from 0 (the command line's --snapshot too)
                count,
                count - 1,
            )
            window.statusBar().showMessage(self.last_message, 20_000)

    def _switch_off(self, units: Ablation) -> Ablation:
        """The scene's units switched off, and only those (undoable, as a right click's);
        returns those its model lacks (they stay on)."""
        state = self.window.state
        if state.model is None:
            return NO_ABLATION
        config = state.model.config
        self.window.whatif.set_knocked_out(
            units.restricted_to(config), lambda: self.tr("Open scene")
        )
        return units.missing_in(config)

    def _say_opened(self, path: Path, snapshot: int | None) -> None:
        """'Scene opened: …', with the snapshot when it is not the final weights: those are
        what a student would take the network's answers for, and the Training dock (where
        the timeline is) opens with it."""
        window = self.window
        if snapshot is None:
            self.last_message = tr_args(self.tr("Scene opened: %1"), str(path))
        else:
            window.training_dock.setVisible(True)
            self.last_message = tr_args(
                self.tr("Scene opened: %1, at snapshot %2 of %3 of the training timeline"),
                str(path),
                snapshot + 1,  # as the timeline shows it
                len(window.state.timeline),
            )
        window.statusBar().showMessage(self.last_message, 20_000)

    def _show_snapshot(self, index: int | None) -> bool:
        """The weights the scene was saved with: timeline snapshot `index`, or the model's own
        (None; also for a scene opened on another model). True when the timeline lacks it."""
        state = self.window.state
        if state.model is None:
            return False
        missing = index is not None and index >= len(state.timeline)
        if missing or index is None:
            if state.timeline_index is not None:
                state.show_snapshot(None)
        elif index != state.timeline_index:
            state.show_snapshot(index)
        return missing

    # ---- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.open_action.setText(self.tr("Open &scene…"))
        self.open_action.setToolTip(
            self.tr("Open a prepared example: drawing, model, selected unit and panel settings")
        )
        self.save_action.setText(self.tr("Sa&ve scene…"))
        self.save_action.setToolTip(
            self.tr("Keep this drawing, the model, the selected unit and the panel settings in "
                    "one file, to open before class")
        )  # fmt: skip
