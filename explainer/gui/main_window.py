"""The explainer window: drawing and preprocessing | the network's layers | the guesses.

It owns a SessionState (Qt-free) and only wires views to it: the canvas sends new inputs
(coalesced to at most one inference per displayed frame), the state runs the model and emits
`trace_changed`, and every view repaints from the Trace.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explainer import paths
from explainer.core.config import DIGIT_CLASSES
from explainer.core.errors import ExplainerError, ImageError
from explainer.core.inputs import SAMPLE, InputSource, TrueLabel
from explainer.gui import collector, i18n, zoom
from explainer.gui.arithmetic import install_arithmetic_dock
from explainer.gui.canvas import MAX_BRUSH, MIN_BRUSH, DrawingCanvas
from explainer.gui.checkpoint_menu import CHECKPOINT_FILTER, CheckpointFeatures, is_checkpoint_file
from explainer.gui.classroom import ClassroomFeatures
from explainer.gui.export import ExportFeatures
from explainer.gui.guesses import GuessesView
from explainer.gui.i18n import Retranslatable, file_dialog_options, tr_args, window_title
from explainer.gui.lazy_dock import LazyDock, build_next_lazy_dock
from explainer.gui.loading import ModelLoading
from explainer.gui.messages import MessageBox, Text, translate_message
from explainer.gui.names import class_names, layer_name
from explainer.gui.network import NetworkView
from explainer.gui.numbers import decimal
from explainer.gui.preprocess_view import PreprocessView
from explainer.gui.scenes import SceneFeatures
from explainer.gui.scrolling import ColumnScroll, SidewaysScroll
from explainer.gui.settings import app_settings
from explainer.gui.steady import SteadySlot
from explainer.gui.training import install_training_dock
from explainer.gui.whatif import install_whatif
from explainer.gui.why import install_why_dock
from explainer.state import (
    ModelLoader,
    Picture,
    SessionState,
    load_model_file,
    picture_from_pixels,
    read_picture,
)

LEFT_COLUMN_WIDTH = 240  # the drawing column's least width at zoom 1
DOCK_SEPARATOR = 6  # px between two docks side by side (the splitter handle, about)

# Least time between two model runs while drawing. 0: run as soon as the event loop is idle;
# moves that queued while it was busy fold into one run, so there is still no backlog. A 16 ms
# throttle made events wait up to a whole frame (pen-to-pixels p95 19.6 ms against 4.5 ms with
# 0, both at most one run per painted frame; bench/README.md, figure 2).
FRAME_MS = 0
IMAGE_FILTER = "*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp *.pgm *.ppm"
# How long closing the window waits for a model still loading (it cannot be interrupted; a
# worker left inside torch at interpreter exit aborts the process).
LOAD_WAIT_ON_CLOSE_MS = 30_000
# The first model load starts after the window's first paint, or after this long when the
# window is not shown (a window built for a test or a script).
START_LOAD_FALLBACK_MS = 300
# The hidden docks' content is built once a model is in and nothing was drawn for this long,
# one dock per quiet spell (gui/lazy_dock.py), or when first needed.
DOCKS_IDLE_MS = 400
# While a digit is drawn the inference time is shown at most this often: a number that changes
# 60 times a second cannot be read, and repainting its label cost 0.09 ms of every frame.
TIME_LABEL_MS = 250


def _fitting_size(width: int, height: int) -> tuple[int, int]:
    """The size asked for, or the screen's available area when it is smaller (a 1280×720
    projector has ~1280×690 for a window once the desktop's panels are counted)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None or QGuiApplication.platformName() == "offscreen":
        return width, height  # (the offscreen screen is a fixed 800×800: not a real limit)
    area = screen.availableGeometry()
    return min(width, area.width()), min(height, area.height())


class _AfterFirstPaint(QObject):
    """Starts `timer` at once (0 ms: after the pass) when the window's first paint pass
    (its first UpdateRequest) arrives."""

    def __init__(self, timer: QTimer) -> None:
        super().__init__()
        self._timer = timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.UpdateRequest:
            self._timer.start(0)
        return False


def _content_width(dock: QDockWidget) -> int:
    """The width at which a dock shows its whole content: its preferred width (a lazy dock's
    content scrolls sideways in a narrower dock, and below its preferred width Training's
    accuracy plot and timeline text were cut off)."""
    if isinstance(dock, LazyDock) and dock.is_built():
        return dock.content().sizeHint().width()
    return dock.sizeHint().width()


def _needed_height(dock: QDockWidget) -> int:
    """The height at which a dock shows its whole content without scrolling (its minimum is
    less where its content scrolls), or its `open_height` if more."""
    needed = dock.minimumSizeHint().height()
    scroll = dock.widget()
    if isinstance(scroll, SidewaysScroll):
        needed += scroll.unscrolled_size().height() - scroll.minimumSizeHint().height()
    return max(getattr(dock, "open_height", None) or 0, needed)


def qimage_to_pixels(image: QImage) -> np.ndarray:
    """Any QImage → H×W×4 uint8 RGBA (a copy), through pyqtgraph's converter."""
    rgba = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return np.array(pg.functions.ndarray_from_qimage(rgba), dtype=np.uint8)


class MainWindow(Retranslatable, QMainWindow):
    """`MainWindow(checkpoint=None)`: the window on the default checkpoint (or the given path).

    The model loads on a worker thread; drawing works meanwhile and the drawing is run as soon
    as the model arrives. `model_ready` fires then (`is_ready()` tells whether it has).
    """

    model_ready = Signal()
    model_failed = Signal(str)
    trace_updated = Signal()  # the views show a new trace (or None)
    error_shown = Signal(str)
    # Qt's LanguageChange reached the window, before the window retranslates itself: the
    # features that add menus to it (QObjects, which get no LanguageChange) follow it.
    language_changed = Signal()

    def __init__(
        self,
        checkpoint: str | Path | None = None,
        device: str | None = "auto",
        *,
        model_loader: ModelLoader | None = None,
        show_dialogs: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        collector.install()  # garbage is collected on this thread only (gui/collector.py)
        self.state = SessionState()
        self.device_request = device
        self.show_dialogs = show_dialogs
        self.last_error: str | None = None
        self.last_notice: str | None = None
        self.model_loading = ModelLoading(model_loader or load_model_file, self)
        self.model_loading.loaded.connect(self._on_model_loaded)
        self.model_loading.failed.connect(self._on_model_failed)
        self._loading_path: Path | None = None
        self._load_error: str | None = None
        self._input_dirty = False
        self._last_run = 0.0
        self._shown_status_key: tuple | None = None  # what _update_status last showed
        self._layer_actions: dict[str, QAction] = {}
        self._time_label_timer = QTimer(self)
        self._time_label_timer.setSingleShot(True)
        self._time_label_timer.setInterval(TIME_LABEL_MS)
        self._time_label_timer.timeout.connect(self._on_time_label_timeout)
        self._time_label_stale = False
        self._samples_error = ""  # why the Samples menu is empty, if it is

        self._build_views()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect_state()
        self.checkpoint_features = CheckpointFeatures(self)  # Models/Tools menus, compare, eval
        self.arithmetic_dock = install_arithmetic_dock(self)  # View › Arithmetic, playground
        self.whatif = install_whatif(self)  # switch off, type weights, Move the digit
        self.why_dock = install_why_dock(self)  # View › Why this guess? (a tab beside it)
        self.tabifyDockWidget(self.arithmetic_dock, self.why_dock)
        # Left / Right / Space step through the selected unit's map also right after a click in
        # the panels (the stepper's own shortcuts only work once the dock has the focus).
        self._panels_widget = self.network_view.findChild(QWidget, "network_panels")
        if self._panels_widget is not None:
            self._panels_widget.installEventFilter(self)
        self.training_dock = install_training_dock(self)  # Tools › Train a network (Ctrl+T)
        self.training_dock.when_built(
            lambda panel: setattr(panel, "compare_requested", self._compare_with)
        )
        self.tabifiedDockWidgetActivated.connect(
            lambda d: QTimer.singleShot(0, lambda: self._fit_tab_group(d))
        )
        for dock in (self.arithmetic_dock, self.why_dock, self.training_dock, self.whatif.dock):
            dock.toggle_action.triggered.connect(
                lambda on, d=dock: (
                    QTimer.singleShot(0, lambda: self._fit_opened_dock(d)) if on else None
                )
            )
        self.scene_features = SceneFeatures(self)  # File › Open scene…, Save scene…
        self.export_features = ExportFeatures(self)  # File › Export…
        self.classroom = ClassroomFeatures(self)  # View › Zoom, Presentation mode; focus views
        self.setAcceptDrops(True)
        self.resize(*_fitting_size(1280, 800))
        self._restore_settings()
        self.retranslate()

        self._frame_timer = QTimer(self)
        self._frame_timer.setSingleShot(True)
        self._frame_timer.timeout.connect(self._run_pending_input)

        # The first model load waits for the window's first paint pass (load_checkpoint).
        self._closed = False
        self._first_pass_done = False
        self._deferred_load: tuple[Path, str | None] | None = None
        self._deferred_load_timer = QTimer(self)
        self._deferred_load_timer.setSingleShot(True)
        self._deferred_load_timer.timeout.connect(self._start_deferred_load)
        self._first_paint_filter: _AfterFirstPaint | None = _AfterFirstPaint(
            self._deferred_load_timer
        )
        self.installEventFilter(self._first_paint_filter)
        self._docks_timer = QTimer(self)  # DOCKS_IDLE_MS
        self._docks_timer.setSingleShot(True)
        self._docks_timer.setInterval(DOCKS_IDLE_MS)
        self._docks_timer.timeout.connect(self._build_next_dock)
        self._docks_pending = True  # until every dock not on demand is built
        self.load_checkpoint(checkpoint or paths.default_checkpoint())

    # ---- construction ------------------------------------------------------------------------
    def _build_views(self) -> None:
        self.canvas = DrawingCanvas()
        self.canvas.imageChanged.connect(self._on_canvas_changed)
        self.preprocess_view = PreprocessView()
        self.network_view = NetworkView()
        self.network_view.setObjectName("network_view")
        self.network_view.unitClicked.connect(self.state.select)
        self.guesses = GuessesView()

        self.drawing_title = QLabel()
        self.drawing_hint = QLabel()
        self.drawing_hint.setWordWrap(True)
        font = self.drawing_title.font()
        font.setBold(True)
        self.drawing_title.setFont(font)

        self.brush_slider = QSlider(Qt.Orientation.Horizontal)
        self.brush_slider.setObjectName("brush_size")
        self.brush_slider.setRange(MIN_BRUSH, MAX_BRUSH)
        self.brush_slider.setValue(self.canvas.brush_size)
        self.brush_slider.valueChanged.connect(self.canvas.set_brush_size)
        self.canvas.brushSizeChanged.connect(self.brush_slider.setValue)
        self.brush_label = QLabel()
        brush_row = QHBoxLayout()
        brush_row.setContentsMargins(0, 0, 0, 0)
        brush_row.addWidget(self.brush_label)
        brush_row.addWidget(self.brush_slider, 1)
        # Buttons on their own row: Portuguese labels are longer than the English ones.
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        self._tool_buttons: list[QToolButton] = []
        for _ in range(4):  # eraser, undo, redo, clear: actions are set in _build_actions
            button = QToolButton()
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            tools.addWidget(button)
            self._tool_buttons.append(button)

        left = QWidget()
        left.setObjectName("drawing_panel")
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        left_layout.addWidget(self.drawing_title)
        left_layout.addWidget(self.drawing_hint)
        left_layout.addLayout(brush_row)
        left_layout.addLayout(tools)
        left_layout.addWidget(self.canvas)
        left_layout.addWidget(self.preprocess_view)
        left_layout.addStretch(1)
        left.setMinimumWidth(LEFT_COLUMN_WIDTH)
        # With the arithmetic dock open the column can be shorter than its contents: scroll
        # rather than squeeze the captions onto the thumbnails.
        left_scroll = QScrollArea()
        left_scroll.setObjectName("drawing_scroll")
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(left.minimumWidth())
        self._left_column, self._left_scroll = left, left_scroll
        zoom.notifier.changed.connect(self._widen_left_column)

        # No fixed minimum for the guesses: their layout's minimum fits "8  (100.0%)".
        self.network_view.setMinimumWidth(320)
        self.network_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("main_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left_scroll)
        self.splitter.addWidget(self.network_view)
        # Scrolls too: zoomed for a projector its ten bars need more height than a 720 px
        # screen leaves beside two docks, and its minimum pushed the window past the screen.
        guesses_scroll = ColumnScroll()
        guesses_scroll.setObjectName("guesses_scroll")
        guesses_scroll.setWidget(self.guesses)
        self.splitter.addWidget(guesses_scroll)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([300, 780, 200])
        self.setCentralWidget(self.splitter)

    def _widen_left_column(self, _factor: float) -> None:
        """After a zoom: room for the tool buttons' words."""
        # The buttons get their new font after this call: measure with the application's.
        metrics = QFontMetrics(QApplication.font())
        buttons = sum(metrics.horizontalAdvance(b.text()) + 30 for b in self._tool_buttons)
        self._left_column.setMinimumWidth(max(zoom.scaled(LEFT_COLUMN_WIDTH), buttons + 12))
        self._left_scroll.setMinimumWidth(self._left_column.minimumWidth())

    def _action(
        self,
        slot: Callable[..., Any],
        shortcut: QKeySequence | str | None = None,
        checkable: bool = False,
        name: str = "",
    ) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        undo_stack = self.canvas.undo_stack
        self.open_image_action = self._action(self.open_image_dialog, "Ctrl+I", name="open_image")
        self.open_checkpoint_action = self._action(
            self.open_checkpoint_dialog, QKeySequence.StandardKey.Open, name="open_checkpoint"
        )
        self.paste_action = self._action(
            self.paste_image, QKeySequence.StandardKey.Paste, name="paste"
        )
        self.quit_action = self._action(self.close, QKeySequence.StandardKey.Quit, name="quit")
        # Own actions rather than createUndoAction(): their text stays "Undo" (translatable)
        # instead of being rewritten by Qt to "Undo <command>" on every stroke.
        self.undo_action = self._action(undo_stack.undo, QKeySequence.StandardKey.Undo, name="undo")
        self.redo_action = self._action(undo_stack.redo, "Ctrl+Shift+Z", name="redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.clear_action = self._action(self.canvas.clear, "Esc", name="clear")
        # Esc clears only when the canvas has the focus: it also closes dialogs and popups,
        # and leaving a line edit with Esc must never wipe a drawing.
        self.removeAction(self.clear_action)
        self.clear_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.canvas.addAction(self.clear_action)
        undo_stack.undoTextChanged.connect(self._on_undo_text_changed)
        undo_stack.redoTextChanged.connect(self._on_undo_text_changed)
        self.eraser_action = self._action(
            self.canvas.set_eraser, "E", checkable=True, name="eraser"
        )
        self.canvas.eraserChanged.connect(self.eraser_action.setChecked)
        self.bigger_brush_action = self._action(
            lambda: self.canvas.set_brush_size(self.canvas.brush_size + 4), "]"
        )
        self.smaller_brush_action = self._action(
            lambda: self.canvas.set_brush_size(self.canvas.brush_size - 4), "["
        )
        self.steps_action = self._action(
            self.preprocess_view.set_show_steps, "Ctrl+B", checkable=True, name="show_steps"
        )
        self.preprocess_view.steps_box.toggled.connect(self.steps_action.setChecked)
        self.autoscale_action = self._action(
            self.network_view.set_autoscale, "Ctrl+Shift+A", checkable=True, name="autoscale"
        )
        for button, action in zip(
            self._tool_buttons,
            (self.eraser_action, self.undo_action, self.redo_action, self.clear_action),
            strict=True,
        ):
            button.setDefaultAction(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.open_image_action, self.paste_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.open_checkpoint_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.undo_action, self.redo_action, self.clear_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addActions(
            [self.eraser_action, self.bigger_brush_action, self.smaller_brush_action]
        )

        self.samples_menu = bar.addMenu("")
        self.samples_menu.setObjectName("samples_menu")
        self._sample_menus: dict[int, QMenu] = {}
        self._build_samples_menu()

        self.view_menu = bar.addMenu("")
        self.layers_menu = self.view_menu.addMenu("")
        self.view_menu.addActions([self.autoscale_action, self.steps_action])

        self.language_menu = bar.addMenu("")
        self.language_menu.setObjectName("language_menu")
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, native_name in i18n.LANGUAGES.items():
            action = QAction(native_name, self, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.set_language(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[code] = action
        self.language_actions[i18n.current_language()].setChecked(True)

    def _build_samples_menu(self) -> None:
        from explainer.core.samples import list_samples

        try:
            samples = list_samples()
        except ExplainerError as exc:
            self.samples_menu.setEnabled(False)
            self._samples_error = str(exc)  # shown in the interface language (retranslate)
            return
        for sample in samples:
            menu = self._sample_menus.get(sample.label)
            if menu is None:
                menu = self._sample_menus[sample.label] = self.samples_menu.addMenu("")
            action = menu.addAction("")
            action.setData((sample.label, sample.index))
            if sample.index == 0 and 0 <= sample.label <= 9:
                # Alt+digit: the first sample of that digit, for a teacher at a projector
                # (Ctrl+0 is the zoom's "actual size", as in every browser).
                action.setShortcut(QKeySequence(f"Alt+{sample.label}"))
                self.addAction(action)
            action.triggered.connect(
                lambda _=False, d=sample.label, i=sample.index: self.load_sample(d, i)
            )

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.model_status_label = QLabel()
        self.model_status_label.setObjectName("model_status")
        self.device_label = QLabel()
        self.device_label.setObjectName("device")
        self.time_label = QLabel()
        self.time_label.setObjectName("inference_time")
        self.checkpoint_label = QLabel()
        self.checkpoint_label.setObjectName("checkpoint_name")
        status.addWidget(self.model_status_label, 1)
        # The inference time changes on every frame: in a steady slot it does not re-lay out
        # the window each time (gui/steady.py).
        for widget in (self.device_label, SteadySlot(self.time_label), self.checkpoint_label):
            status.addPermanentWidget(widget)

    def _connect_state(self) -> None:
        """Each view subscribes to the state itself; the window only listens for its own
        status bar, title and menus."""
        state = self.state
        self.preprocess_view.bind(state)
        self.guesses.bind(state)
        self.network_view.bind(state)
        state.model_changed.connect(self._on_model_changed)  # after the panels are rebuilt
        state.trace_changed.connect(self._on_trace_changed)
        state.error.connect(self._on_state_error)
        state.notice.connect(self._on_state_notice)

    # ---- model loading -------------------------------------------------------------------------
    def is_ready(self) -> bool:
        return self.state.ready and self._loading_path is None

    def is_loading(self) -> bool:
        return self._loading_path is not None

    def load_checkpoint(self, path: str | Path) -> None:
        """Load a checkpoint on a worker thread; the current model (if any) stays until the new
        one has arrived, and stays for good when loading fails."""
        if not self._training_may_stop(self.tr("Open another model")):
            return
        self._loading_path = Path(path)
        self._load_error = None
        self._update_status()
        if self._first_pass_done:
            self.model_loading.start(path, self.device_request)
        else:
            # The loader begins by importing torch: ~1.7 s of mostly Python that holds the GIL
            # the window needs to build and paint itself. It starts once the window has been
            # painted (or after START_LOAD_FALLBACK_MS when it is not shown).
            self._deferred_load = (Path(path), self.device_request)
            self._deferred_load_timer.start(START_LOAD_FALLBACK_MS)

    def _start_deferred_load(self) -> None:
        self._deferred_load_timer.stop()
        if self._first_paint_filter is not None:
            self.removeEventFilter(self._first_paint_filter)
            self._first_paint_filter = None
        self._first_pass_done = True
        pending, self._deferred_load = self._deferred_load, None
        if pending is not None and not self._closed:
            if not collector.is_frozen():  # until the first quiet spell after it
                collector.defer(collector.UNTIL_FROZEN)
            self.model_loading.start(*pending)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            watched is self._panels_widget
            and event.type() == QEvent.Type.KeyPress
            and self.arithmetic_dock.isVisible()
            and self.state.selection is not None
        ):
            stepper = self.arithmetic_dock.view.stepper
            key = event.key()
            if key == Qt.Key.Key_Right:
                stepper.step(1)
                return True
            if key == Qt.Key.Key_Left:
                stepper.step(-1)
                return True
            if key == Qt.Key.Key_Space:
                stepper.toggle()
                return True
        return super().eventFilter(watched, event)

    def _training_may_stop(self, title: str) -> bool:
        """While a network trains here: ask whether to stop it (what was trained is kept)."""
        dock = getattr(self, "training_dock", None)
        if dock is None or not dock.is_built() or not dock.panel.is_training():
            return True
        if self.show_dialogs:
            answer = QMessageBox.question(
                self,
                title,
                self.tr("A network is being trained. Stop the training? What it learned so far "
                        "is kept until you open another model."),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return False
        dock.panel.close_run()
        return True

    def _compare_with(self, prepared: Any) -> None:
        dialog = self.checkpoint_features.show_compare()
        dialog.compare_with(prepared)

    def _on_model_loaded(self, prepared: Any) -> None:
        path = self._loading_path
        self._loading_path = None
        self.state.use(prepared)  # reruns whatever was drawn meanwhile
        if path is not None:
            app_settings().setValue("last_checkpoint", str(path))
        self._update_status()
        self.model_ready.emit()
        self._start_quiet_tasks()

    def _start_quiet_tasks(self) -> None:
        """After a load ends: the first quiet spell freezes the collector's survivors, the next
        ones build the hidden docks (DOCKS_IDLE_MS, restarted by drawing)."""
        if self._docks_pending or not collector.is_frozen():
            self._docks_timer.start()

    def _fit_opened_dock(self, dock: LazyDock) -> None:
        """A dock just opened from its menu (once Qt has laid it out): at least its
        `open_height` tall (the Why dock opened 118 px tall after Move the digit); beside the
        bottom docks already open when they all fit the window's width, else in a tab with
        the last of them (at 1280 px two docks side by side each showed a third of its
        content, Training's buttons out of sight); and the docks side by side share the width
        by what their content needs, not the few pixels Qt leaves the newcomer. Docks side by
        side or in tabs are as tall as the tallest of them needs."""
        if dock.isFloating():
            return
        if dock.open_height is not None and dock.height() < dock.open_height:
            self.resizeDocks([dock], [dock.open_height], Qt.Orientation.Vertical)
        needs = {d: _content_width(d) for d in self._bottom_docks_shown()}
        if dock in needs and len(needs) > 1:
            if sum(needs.values()) + DOCK_SEPARATOR * (len(needs) - 1) > self.width():
                behind = [d for d in needs if d is not dock][-1]
                self.tabifyDockWidget(behind, dock)
                dock.raise_()
                del needs[behind]
                self._fit_tab_group(dock)
        if len(needs) > 1:
            spare = max(0, self.width() - sum(needs.values())) // len(needs)
            self.resizeDocks(
                list(needs), [need + spare for need in needs.values()], Qt.Orientation.Horizontal
            )
            # Side by side they share one height: the tallest need of them (their minimum is
            # a scroll area's, so Move the digit opened beside Training left it 92 px tall).
            for shown in needs:
                self._grow_dock(shown, _needed_height(shown))

    def _fit_tab_group(self, dock: QDockWidget) -> None:
        """Docks in tabs share one height: the tallest need of them, so that a short one
        (Move the digit, 98 px) in front does not leave Why 98 px tall when it comes back."""
        group = [dock, *self.tabifiedDockWidgets(dock)]
        if dock.isFloating() or len(group) < 2:
            return
        self._grow_dock(dock, max(_needed_height(d) for d in group))

    def _grow_dock(self, dock: QDockWidget, height: int) -> None:
        """Make `dock` at least `height` tall. resizeDocks sizes the place of a bottom dock's
        tab group, its tab bar included: the dock itself was left a tab bar short."""
        if dock.height() >= height:
            return
        bar = 0
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        in_front = not dock.visibleRegion().isEmpty()
        if in_front and self.tabifiedDockWidgets(dock) and self.dockWidgetArea(dock) == bottom:
            status = self.statusBar()
            area_bottom = status.geometry().top() if status.isVisible() else self.height()
            bar = max(0, area_bottom - dock.geometry().bottom() - 1)
        self.resizeDocks([dock], [height + bar], Qt.Orientation.Vertical)

    def _bottom_docks_shown(self) -> list[QDockWidget]:
        """The bottom docks in sight: of docks in tabs, the front one (the others are
        visible to Qt too, but covered: no visible region)."""
        return [
            dock
            for dock in self.findChildren(QDockWidget)
            if dock.isVisible()
            and not dock.visibleRegion().isEmpty()
            and not dock.isFloating()
            and self.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea
        ]

    def _build_next_dock(self) -> None:
        """A task for a quiet spell after a model is in: first the collector's freeze, then
        one hidden dock."""
        if self._closed:
            return
        if not collector.is_frozen():
            collector.freeze_survivors()
        else:
            self._docks_pending = build_next_lazy_dock(self)
        if self._docks_pending:
            self._docks_timer.start()

    def _on_model_failed(self, message: str) -> None:
        self._loading_path = None
        self._load_error = message
        self._start_quiet_tasks()  # the collector's freeze waits for them too
        self._update_status()
        self.show_error(lambda: self.tr("Could not load the model"), message)
        self.model_failed.emit(message)

    def _on_model_changed(self, model: Any, checkpoint: Any) -> None:
        self._rebuild_layers_menu()
        for name, action in self._layer_actions.items():
            self.network_view.set_layer_visible(name, action.isChecked())
        self.network_view.set_autoscale(self.autoscale_action.isChecked())
        self._update_status()
        self.retranslate()

    def _rebuild_layers_menu(self) -> None:
        hidden = set(app_settings().value("hidden_layers", [], type=list) or [])
        self.layers_menu.clear()
        self._layer_actions.clear()
        for name in self.network_view.layer_names():
            action = QAction(layer_name(name), self, checkable=True)
            action.setChecked(name not in hidden)
            action.toggled.connect(lambda on, n=name: self.set_layer_visible(n, on))
            self.layers_menu.addAction(action)
            self._layer_actions[name] = action

    def set_layer_visible(self, name: str, visible: bool) -> None:
        self.network_view.set_layer_visible(name, visible)
        action = self._layer_actions.get(name)
        if action is not None and action.isChecked() != visible:
            action.setChecked(visible)
        hidden = [n for n, a in self._layer_actions.items() if not a.isChecked()]
        app_settings().setValue("hidden_layers", hidden)

    # ---- input -----------------------------------------------------------------------------
    def _on_canvas_changed(self) -> None:
        """Coalesce: mark the input dirty; one timer per frame runs the newest drawing."""
        self._input_dirty = True
        if self._docks_timer.isActive():
            self._docks_timer.start()  # not while a digit is drawn
        if not self._frame_timer.isActive():
            since_last = (time.perf_counter() - self._last_run) * 1e3
            self._frame_timer.start(max(0, int(FRAME_MS - since_last)))

    def _run_pending_input(self) -> None:
        if not self._input_dirty:
            return
        self._input_dirty = False
        self._last_run = time.perf_counter()
        try:
            picture = self.canvas.input_array()  # one canvas → array conversion per frame
            if not picture.any() and self.canvas.is_blank():
                self.state.clear_input()
            else:
                # A sample or test image keeps its true label while it is not drawn on.
                self.state.set_input(picture, self.canvas.input_source())
        except ExplainerError:
            pass  # the state reported it through its error event (shown by _on_state_error)

    def flush_input(self) -> None:
        """Run the pending drawing now (tests and the screenshot mode use it)."""
        self._frame_timer.stop()
        self._run_pending_input()

    def _on_state_notice(self, text: str) -> None:
        self.last_notice = text
        self.statusBar().showMessage(translate_message(text), 20_000)
        self._update_status()  # the device label says CPU now

    def _on_state_error(self, exc: Exception) -> None:
        self.show_error(lambda: self.tr("Could not run the model"), str(exc))

    def _on_trace_changed(self, trace: Any) -> None:
        # On every frame while a digit is drawn: only the inference time changes then.
        if self._status_key() == self._shown_status_key:
            self._time_label_stale = True
            if not self._time_label_timer.isActive():
                self._update_time_label()
        else:
            self._update_status()
        self.trace_updated.emit()

    def _put_picture(self, picture: Picture, caption: str | None = None) -> None:
        """A picture onto the canvas (undoable), with what is known of it (its true label)."""
        self.canvas.set_ink_array(picture.ink, caption, picture=picture.gray, source=picture.source)

    def open_image_file(self, path: str | Path) -> bool:
        """Put an image file on the canvas. A bad file shows an error; nothing changes."""
        try:
            picture = read_picture(path)
        except ImageError as exc:
            self.show_error(lambda: self.tr("Could not open the image"), str(exc))
            return False
        self._put_picture(picture, self.tr("Open image"))
        return True

    def open_image_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open image"),
            "",
            tr_args(self.tr("Images (%1)"), IMAGE_FILTER),
            options=file_dialog_options(),
        )
        if path:
            self.open_image_file(path)

    def open_checkpoint_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open checkpoint"),
            str(paths.models_dir()),
            tr_args(self.tr("Checkpoints (%1)"), CHECKPOINT_FILTER),
            options=file_dialog_options(),
        )
        if path:
            self.load_checkpoint(path)

    def paste_image(self) -> bool:
        data = QGuiApplication.clipboard().mimeData()
        if data is not None and data.hasImage():
            image = QImage(data.imageData())
            if not image.isNull():
                self._put_picture(picture_from_pixels(qimage_to_pixels(image)), self.tr("Paste"))
                return True
        if data is not None and data.hasUrls() and data.urls()[0].isLocalFile():
            return self.open_image_file(data.urls()[0].toLocalFile())
        self.show_error(
            lambda: self.tr("Nothing to paste"),
            lambda: self.tr("The clipboard holds no image. Copy a picture of a digit first."),
        )
        return False

    def load_sample(self, digit: int, index: int = 0) -> bool:
        from explainer.core.samples import load_sample

        try:
            sample = load_sample(digit, index)
        except ImageError as exc:
            self.show_error(lambda: self.tr("Could not open the sample"), str(exc))
            return False
        self.canvas.set_ink_array(
            sample,
            tr_args(self.tr("Sample %1"), str(digit)),
            source=InputSource(TrueLabel(digit, SAMPLE, DIGIT_CLASSES)),
        )
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        data = event.mimeData()
        if data.hasImage() or (data.hasUrls() and data.urls()[0].isLocalFile()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        data = event.mimeData()
        if data.hasUrls() and data.urls()[0].isLocalFile():
            path = data.urls()[0].toLocalFile()
            if is_checkpoint_file(path):  # a checkpoint replaces the model, not the drawing
                self.load_checkpoint(path)
            else:
                self.open_image_file(path)
        elif data.hasImage():
            self._put_picture(picture_from_pixels(qimage_to_pixels(QImage(data.imageData()))))
        event.acceptProposedAction()

    # ---- errors, status --------------------------------------------------------------------
    def show_error(self, title: Text, message: Text) -> None:
        """Non-blocking warning dialog; the state is never changed by an error.

        `title` and `message` are strings or functions returning one (a lambda around
        self.tr(...)): the dialog shows them again in a new language while it is open. A string
        is a core message (English, from an ExplainerError): it is shown translated, and kept
        as it is in `last_error` and `error_shown`."""
        message_text = message() if callable(message) else message
        self.last_error = message_text
        self.error_shown.emit(message_text)
        if not self.show_dialogs:
            return
        box = MessageBox(title, message, self)
        box.setObjectName("error_dialog")
        box.open()

    def _status_key(self) -> tuple:
        """What the status bar's texts other than the inference time depend on."""
        state = self.state
        return (
            self._loading_path,
            self._load_error,
            state.ready,
            state.trace is None,
            state.device_name if state.ready else None,
            state.checkpoint.name if state.checkpoint is not None else None,
            i18n.current_language(),
        )

    def _on_time_label_timeout(self) -> None:
        if self._time_label_stale:
            self._update_time_label()

    def _update_time_label(self) -> None:
        """Show the last run's time now; later runs within TIME_LABEL_MS wait for the timer."""
        self._time_label_stale = False
        self._time_label_timer.start()
        state = self.state
        if state.inference_ms is not None:
            self.time_label.setText(
                tr_args(self.tr("Inference: %1 ms"), decimal(state.inference_ms, 1))
            )
        else:
            self.time_label.setText(self.tr("Inference: –"))

    def _update_status(self) -> None:
        state = self.state
        self._shown_status_key = self._status_key()
        if self._loading_path is not None:
            self.model_status_label.setText(self.tr("Loading model…"))
        elif self._load_error is not None and not state.ready:  # else the old model stays
            self.model_status_label.setText(
                tr_args(self.tr("No model: %1"), translate_message(self._load_error))
            )
        elif state.ready and state.trace is None:
            self.model_status_label.setText(self.tr("Ready: draw a digit."))
        else:
            self.model_status_label.setText("")
        if state.ready:
            self.device_label.setText(tr_args(self.tr("Device: %1"), state.device_name))
        else:
            self.device_label.setText(self.tr("Device: –"))
        self._update_time_label()
        name = state.checkpoint.name if state.checkpoint is not None else "–"
        self.checkpoint_label.setText(tr_args(self.tr("Model: %1"), name))
        # "default — CNN Explainer": Qt appends the application's name to a title that does
        # not end with it, so the name is put last here, once.
        self.setWindowTitle(
            window_title(state.checkpoint.name if state.checkpoint is not None else "")
        )

    # ---- language ----------------------------------------------------------------------------
    def _on_undo_text_changed(self, _text: str) -> None:
        if shiboken6.isValid(self.canvas) and shiboken6.isValid(self.canvas.undo_stack):
            self._update_undo_texts()  # (not while the window is being destroyed)

    def _update_undo_texts(self) -> None:
        """Undo / Redo say what they would restore ("Undo Clear"), as editors do; the tool
        buttons keep their short text (an action's icon text)."""
        stack = self.canvas.undo_stack
        undo, redo = stack.undoText(), stack.redoText()
        # "Undo: Switch off filter 4", not "Undo Switch off filter 4" (a verb after a verb).
        self.undo_action.setText(tr_args(self.tr("&Undo: %1"), undo) if undo else self.tr("&Undo"))
        self.undo_action.setIconText(self.tr("Undo"))
        self.undo_action.setToolTip(
            tr_args(self.tr("Undo: %1 (Ctrl+Z)"), undo) if undo else self.tr("Nothing to undo")
        )
        self.redo_action.setText(tr_args(self.tr("&Redo: %1"), redo) if redo else self.tr("&Redo"))
        self.redo_action.setIconText(self.tr("Redo"))
        nothing = self.tr("Nothing to redo")
        self.redo_action.setToolTip(
            tr_args(self.tr("Redo: %1 (Ctrl+Shift+Z)"), redo) if redo else nothing
        )

    def set_language(self, code: str) -> None:
        chosen = i18n.set_language(code)
        app_settings().setValue("language", chosen)
        self.language_actions[chosen].setChecked(True)
        self.retranslate()

    def _model_knows_digits(self) -> bool:
        model = self.state.model
        return model is None or tuple(model.config.class_names) == DIGIT_CLASSES

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        # A signal, not an event filter per feature: a filter in Python on the window runs on
        # every event it gets, its repaint passes included.
        if event.type() == QEvent.Type.LanguageChange:
            self.language_changed.emit()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.samples_menu.setTitle(self.tr("&Samples"))
        if self._model_knows_digits() or self._samples_error:
            self.samples_menu.setEnabled(not self._samples_error)
            self.samples_menu.setToolTip(translate_message(self._samples_error))
        else:  # the samples are MNIST digits: nothing this model was trained to tell apart
            self.samples_menu.setEnabled(False)
            self.samples_menu.setToolTip(
                self.tr("The samples are handwritten digits; this model knows other classes.")
            )
        self.view_menu.setTitle(self.tr("&View"))
        self.layers_menu.setTitle(self.tr("&Layers"))
        for name, action in self._layer_actions.items():
            action.setText(layer_name(name))
        self.language_menu.setTitle(self.tr("L&anguage"))
        self.open_image_action.setText(self.tr("Open &image…"))
        self.open_checkpoint_action.setText(self.tr("Open &checkpoint…"))
        self.paste_action.setText(self.tr("&Paste image"))
        self.quit_action.setText(self.tr("&Quit"))
        self._update_undo_texts()
        self.clear_action.setText(self.tr("&Clear"))
        self.clear_action.setToolTip(self.tr("Clear the drawing (Esc)"))
        self.eraser_action.setText(self.tr("&Eraser"))
        self.eraser_action.setToolTip(
            self.tr("Erase with the left button (E); the right button always erases")
        )
        self.bigger_brush_action.setText(self.tr("&Bigger brush"))
        self.smaller_brush_action.setText(self.tr("&Smaller brush"))
        self.autoscale_action.setText(self.tr("&Auto-scale activations"))
        self.autoscale_action.setToolTip(
            self.tr("Stretch each layer's colours to the current values instead of fixed limits")
        )
        self.steps_action.setText(self.tr("Show &preprocessing steps"))
        for digit, menu in self._sample_menus.items():
            menu.setTitle(tr_args(self.tr("Digit %1"), str(digit)))
            for action in menu.actions():
                _, index = action.data()
                action.setText(tr_args(self.tr("Sample %1"), str(index + 1)))
        self.drawing_title.setText(self.tr("Your drawing"))
        if self._model_knows_digits():
            self.drawing_hint.setText(
                self.tr("Draw a digit with the left button; the right button erases.")
            )
        else:
            names = ", ".join(class_names(self.state.model.config.class_names)[:3])
            self.drawing_hint.setText(
                tr_args(
                    self.tr(
                        "This model knows %1, …: draw one, or open or paste a picture of one "
                        "(the right button erases)."
                    ),
                    names,
                )
            )
        self.brush_label.setText(self.tr("Brush"))
        self.brush_slider.setToolTip(self.tr("Brush size ([ and ])"))
        self._update_status()

    # ---- settings ----------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        window_state = settings.value("window/state")
        if isinstance(window_state, QByteArray):
            self.restoreState(window_state)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        brush = settings.value("brush_size", type=int)
        if brush:
            self.canvas.set_brush_size(brush)
        self.autoscale_action.setChecked(settings.value("autoscale", False, type=bool))
        self.steps_action.setChecked(settings.value("show_steps", False, type=bool))

    def save_settings(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("brush_size", self.canvas.brush_size)
        settings.setValue("autoscale", self.autoscale_action.isChecked())
        settings.setValue("show_steps", self.steps_action.isChecked())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._training_may_stop(self.tr("Quit")):
            event.ignore()
            return
        self.save_settings()
        self._closed = True  # a load still waiting for the first paint never starts
        collector.resume(collector.UNTIL_FROZEN)  # if no quiet spell came to freeze
        self._deferred_load_timer.stop()
        # Never exit with a worker inside torch (the process would abort): cancel and wait.
        self.model_loading.wait(LOAD_WAIT_ON_CLOSE_MS)
        self.why_dock.wait(LOAD_WAIT_ON_CLOSE_MS)
        features = self.checkpoint_features
        for dialog in (features.evaluation_dialog, features.compare_dialog):
            if dialog is not None:
                dialog.wait(LOAD_WAIT_ON_CLOSE_MS)
        super().closeEvent(event)
