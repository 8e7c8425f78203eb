"""Checkpoint features of the window: File › Open recent, the Models menu (shipped models with
their model-card line, the user's own models folder), View › Model details, View › Compare
with…, and Tools › Evaluate….

`CheckpointFeatures(window)` adds them to a MainWindow. It only uses the window's public parts
(state, load_checkpoint, show_error, canvas, menus, model_ready), so the window stays small; the
dialogs are created the first time they are asked for.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu

from explainer import paths
from explainer.gui import names, settings
from explainer.gui.settings import RECENT_KEY, add_recent, app_settings, recent_files

CHECKPOINT_SUFFIXES = (".pt", ".pth", ".safetensors")
CHECKPOINT_FILTER = " ".join(f"*{suffix}" for suffix in CHECKPOINT_SUFFIXES)


def is_checkpoint_file(path: str | Path) -> bool:
    """Route dropped/opened files by their suffix: checkpoints load a model, others an image."""
    return Path(path).suffix.lower() in CHECKPOINT_SUFFIXES


def checkpoint_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and is_checkpoint_file(p))


def model_card_lines(readme: Path | None = None) -> dict[str, str]:
    """'default.pt' → 'MNIST, ReLU, max pooling' from the '## NAME.pt — …' headings of
    models/README.md (read as text: no torch import while the menu is built)."""
    readme = readme or paths.models_dir() / "README.md"
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError:
        return {}
    found = re.findall(r"^##\s+(\S+\.(?:pt|pth|safetensors))\s+[—–-]+\s+(.+?)\s*$", text, re.M)
    return dict(found)


class CheckpointFeatures(QObject):
    """Menus and dialogs for loading, comparing and evaluating checkpoints in `window`."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.model_dialog: Any = None
        self.compare_dialog: Any = None
        self.evaluation_dialog: Any = None
        bar = window.menuBar()

        # File › Open recent, right after Open checkpoint.
        self.recent_menu = QMenu(window)
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self.rebuild_recent_menu)
        window.file_menu.insertMenu(
            _action_after(window.file_menu, window.open_checkpoint_action), self.recent_menu
        )

        self.model_details_action = self._action(self.show_model_details, "Ctrl+Shift+M")
        self.compare_action = self._action(self.show_compare)
        self.evaluate_action = self._action(self.show_evaluation, "Ctrl+Shift+E")
        self.open_folder_action = self._action(self.open_user_folder)
        self.open_checkpoint_action = window.open_checkpoint_action

        # Models: the shipped ones and the user's folder, rebuilt each time it opens.
        self.models_menu = QMenu(window)
        self.models_menu.setObjectName("models_menu")
        self.models_menu.aboutToShow.connect(self.rebuild_models_menu)
        bar.insertMenu(window.view_menu.menuAction(), self.models_menu)
        window.view_menu.addSeparator()
        window.view_menu.addActions([self.model_details_action, self.compare_action])

        # Tools may exist already (another feature of the window adds to it): share it.
        self.tools_menu = next(
            (
                action.menu()
                for action in bar.actions()
                if action.menu() is not None and action.menu().objectName() == "tools_menu"
            ),
            None,
        )
        if self.tools_menu is None:
            self.tools_menu = QMenu(window)
            self.tools_menu.setObjectName("tools_menu")
            bar.insertMenu(window.language_menu.menuAction(), self.tools_menu)
            self._own_tools_menu = True
        else:
            self._own_tools_menu = False
        self.tools_menu.addAction(self.evaluate_action)

        window.model_ready.connect(self._remember_loaded)
        window.state.model_changed.connect(self._on_model_changed)
        window.language_changed.connect(self.retranslate)
        self.rebuild_models_menu()
        self.rebuild_recent_menu()
        self.retranslate()

    def _action(self, slot: Any, shortcut: str | None = None) -> QAction:
        action = QAction(self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        self.window.addAction(action)  # shortcuts work with the menu bar hidden too
        return action

    # ---- menus ---------------------------------------------------------------------------------
    def rebuild_models_menu(self) -> None:
        menu = self.models_menu
        menu.clear()
        menu.addSection(self.tr("Shipped models"))
        cards = model_card_lines()
        for path in checkpoint_files(paths.models_dir()):
            line = cards.get(path.name)
            # The model-card line of a shipped model, in the interface language.
            text = f"{path.stem} — {names.model_text(line)}" if line else path.stem
            self._add_model_action(text, path)
        menu.addSection(self.tr("My models"))
        own = checkpoint_files(settings.user_models_dir())
        for path in own:
            self._add_model_action(path.name, path)
        if not own:
            # Named in full: some styles draw a section as a bare line, without its title.
            hint = menu.addAction(
                self.tr("My models: none yet (put .pt files in your models folder)")
            )
            hint.setEnabled(False)
        menu.addAction(self.open_folder_action)
        menu.addSeparator()
        menu.addAction(self.open_checkpoint_action)
        menu.addSeparator()
        menu.addActions([self.model_details_action, self.compare_action])

    def _add_model_action(self, text: str, path: Path) -> None:
        action = self.models_menu.addAction(text)
        action.setData(str(path))
        action.setToolTip(str(path))
        checkpoint = self.window.state.checkpoint
        current = checkpoint is not None and checkpoint.path is not None
        action.setCheckable(current)  # a tick at the model the window shows
        action.setChecked(current and _same_file(checkpoint.path, path))
        action.triggered.connect(lambda _=False, p=path: self.window.load_checkpoint(p))

    def model_menu_paths(self) -> list[Path]:
        """The checkpoint files the Models menu offers (tests and scripts read it)."""
        return [Path(a.data()) for a in self.models_menu.actions() if a.data()]

    def rebuild_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = recent_files(app_settings())
        for number, entry in enumerate(recent, start=1):
            path = Path(entry)
            action = menu.addAction(f"&{number} {path.name}  ({path.parent})")
            action.setData(entry)
            action.setEnabled(path.is_file())  # a moved or deleted file stays listed, greyed
            action.triggered.connect(lambda _=False, p=path: self.window.load_checkpoint(p))
        if not recent:
            empty = menu.addAction(self.tr("(no recent checkpoints)"))
            empty.setEnabled(False)
        else:
            menu.addSeparator()
            clear = menu.addAction(self.tr("Clear the list"))
            clear.triggered.connect(self.clear_recent)

    def clear_recent(self) -> None:
        app_settings().setValue(RECENT_KEY, [])
        self.rebuild_recent_menu()

    def _remember_loaded(self) -> None:
        checkpoint = self.window.state.checkpoint
        if checkpoint is not None and checkpoint.path is not None:
            add_recent(app_settings(), checkpoint.path)
            self.rebuild_recent_menu()

    def open_user_folder(self) -> Path:
        folder = settings.user_models_dir()
        folder.mkdir(parents=True, exist_ok=True)
        if self.window.show_dialogs:  # tests and the screenshot mode open no file manager
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        return folder

    # ---- dialogs -----------------------------------------------------------------------------
    def show_model_details(self) -> Any:
        from explainer.gui.model_panel import ModelDialog

        if self.model_dialog is None:
            self.model_dialog = ModelDialog(self.window)
        state = self.window.state
        if state.model is not None:
            self.model_dialog.set_model(state.model, state.checkpoint)
        self.model_dialog.show()
        self.model_dialog.raise_()
        return self.model_dialog

    def show_compare(self, other: str | Path | None = None) -> Any:
        from explainer.gui.compare_view import CompareDialog

        window = self.window
        if self.compare_dialog is None:
            self.compare_dialog = CompareDialog(
                window.state,
                window.model_loading.loader,
                window.show_error,
                window.device_request,
                window,
            )
        self.compare_dialog.show()
        self.compare_dialog.raise_()
        if other is not None:
            self.compare_dialog.load_other(other)
        return self.compare_dialog

    def show_evaluation(self) -> Any:
        from explainer.gui.evaluation import EvaluationDialog

        if self.evaluation_dialog is None:
            self.evaluation_dialog = EvaluationDialog(
                self.window.state, self.load_test_image, self.window
            )
        self.evaluation_dialog.show()
        self.evaluation_dialog.raise_()
        return self.evaluation_dialog

    def load_test_image(
        self,
        image28: np.ndarray,
        caption: str,
        label: int,
        classes: tuple[str, ...] | None = None,
    ) -> None:
        """A test-set image onto the canvas (undoable), run in MNIST form like in evaluation,
        with its true class (`label` among the test set's `classes`) as the loss's label."""
        from explainer.core.inputs import TEST_SET, InputSource, TrueLabel

        window = self.window
        image = np.asarray(image28, dtype=np.float32)
        label_classes = tuple(classes) if classes is not None else None
        source = InputSource(TrueLabel(label, TEST_SET, label_classes), mnist_form=True)
        window.canvas.set_ink_array(image, caption, picture=image, source=source)
        window.flush_input()
        window.raise_()

    def _on_model_changed(self, model: Any, checkpoint: Any) -> None:
        if self.model_dialog is not None:
            self.model_dialog.set_model(model, checkpoint)

    # ---- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.models_menu.setTitle(self.tr("&Models"))
        if self._own_tools_menu:
            self.tools_menu.setTitle(self.tr("&Tools"))
        self.model_details_action.setText(self.tr("Model &details…"))
        self.model_details_action.setToolTip(
            self.tr("The layers, their shapes and parameter counts, and the checkpoint's data")
        )
        self.compare_action.setText(self.tr("&Compare with…"))
        self.compare_action.setToolTip(
            self.tr("Run a second checkpoint on the same drawing, side by side")
        )
        self.evaluate_action.setText(self.tr("&Evaluate on a test set…"))
        self.open_folder_action.setText(self.tr("Open models &folder"))
        self.rebuild_models_menu()
        self.rebuild_recent_menu()


def _action_after(menu: QMenu, action: QAction) -> QAction | None:
    """The action following `action` in `menu` (insertMenu puts the new entry before it)."""
    actions = menu.actions()
    index = actions.index(action)
    return actions[index + 1] if index + 1 < len(actions) else None


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False
