"""The Training panel: train the network in the window, watch it learn, scrub back through it.

The run is `explainer.training.TrainingRun` (the core's training loop in a worker process, so
drawing never waits for it); a timer polls its news. The window's session gets the network being
trained: its weights a few times a second (every panel shows the network as it learns), each
snapshot of the timeline, and at the end the trained weights with the timeline, ready to save.
The slider scrubs the session through the timeline (`SessionState.show_snapshot`), for a run
made here or for any opened checkpoint that has one.
"""

from __future__ import annotations

import math
import time
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explainer.core.config import ACTIVATIONS, POOL_KINDS, ModelConfig
from explainer.core.errors import ExplainerError
from explainer.gui import names
from explainer.gui.elided import ElidedLabel
from explainer.gui.i18n import Retranslatable, tr_args
from explainer.gui.lazy_dock import LazyDock
from explainer.gui.messages import translate_message
from explainer.gui.numbers import (
    decimal,
    epochs,
    parse_whole_numbers,
    thousands,
    whole_numbers,
)
from explainer.gui.scrolling import column_width
from explainer.gui.settings import user_models_dir
from explainer.gui.training_curves import TrainingCurves
from explainer.state import SessionState, cuda_available, dataset_available
from explainer.training import (
    Epoch,
    Failed,
    Finished,
    Live,
    NewSnapshot,
    Notice,
    Started,
    Steps,
    TrainingRequest,
    TrainingRun,
    training_settings,
)

POLL_MS = 50
PLAY_MS = 180  # one snapshot per tick when playing the timeline
DATASETS = ("mnist", "fashion", "idx")
OPTIMIZERS = ("sgd", "momentum", "adam")
# A peak learning rate that trains this LeNet well with each optimiser (core.train.DEFAULT_LR;
# repeated here as plain numbers so that the panel does not import torch to build its form).
DEFAULT_LR = {"sgd": 0.2, "momentum": 0.05, "adam": 2e-3}
DEFAULT_FC_SIZES = ModelConfig().fc_sizes  # (120, 100)


class _SettingsScroll(QScrollArea):
    """The settings column: scrolls up and down, and is as wide as its form needs in the
    language shown (a fixed 380 px cut the Portuguese fields off at the right)."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        # Its least width and a little: the rest of the width goes to the curves.
        return QSize(self.minimumSizeHint().width() + 24, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        widget = self.widget()
        hint = super().minimumSizeHint()
        if widget is None:
            return hint
        return QSize(column_width(self, widget.minimumSizeHint().width()), hint.height())


class TrainingPanel(Retranslatable, QWidget):
    """Settings, Start / Pause / Stop / Save, live curves and the timeline slider."""

    trainingStarted = Signal()  # noqa: N815 - Qt naming
    trainingFinished = Signal(bool)  # noqa: N815 - True when stopped by the user
    trainingFailed = Signal(str)  # noqa: N815
    snapshotShown = Signal(int)  # noqa: N815 - the slider's position, after the panels updated

    def __init__(
        self, state: SessionState, show_dialogs: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("training_view")
        self.state = state
        self.show_dialogs = show_dialogs
        self.run: TrainingRun | None = None
        self._run_model: Any = None  # the network this panel put in the session
        self._run_settings: Any = None
        self._started: Started | None = None
        self._snapshots: list[Any] = []
        self._step_epochs: list[float] = []
        self._step_losses: list[float] = []
        self._last_step: Any = None
        self._status_key: tuple[str, tuple[Any, ...]] = ("idle", ())
        self._pending_index: int | None = None
        self._unsaved = False
        self._notice: str | None = None  # e.g. the GPU failed and the run moved to the CPU
        self._devices_checked = False
        self._build()
        self._poll_timer = QTimer(self, interval=POLL_MS)
        self._poll_timer.timeout.connect(self.poll)
        self._play_timer = QTimer(self, interval=PLAY_MS)
        self._play_timer.timeout.connect(self._play_tick)
        self._scrub_timer = QTimer(self, singleShot=True, interval=0)
        self._scrub_timer.timeout.connect(self._show_pending_snapshot)
        state.timeline_changed.connect(self._on_timeline_changed)
        state.weights_changed.connect(self._follow_snapshot_shown)
        state.model_changed.connect(self._on_model_changed)
        self.retranslate()
        self._on_timeline_changed(state.timeline)

    # ---- construction -------------------------------------------------------------------
    def _build(self) -> None:
        self.dataset = QComboBox(objectName="train_dataset")
        for _ in DATASETS:
            self.dataset.addItem("")
        self.idx_folder = QLineEdit(objectName="train_idx_folder")
        self.idx_browse = QToolButton(text="…")
        self.idx_browse.clicked.connect(self._browse_idx)
        self.dataset.currentIndexChanged.connect(self._on_dataset_changed)
        dataset_row = QHBoxLayout()
        dataset_row.addWidget(self.dataset, 1)
        dataset_row.addWidget(self.idx_folder, 2)
        dataset_row.addWidget(self.idx_browse)

        self.activation = QComboBox(objectName="train_activation")
        for name in ACTIVATIONS:
            self.activation.addItem(names.activation_name(name), name)
        self.pool = QComboBox(objectName="train_pool")
        for _ in POOL_KINDS:
            self.pool.addItem("")
        self.conv1_channels = _spin(1, 64, 6, "train_conv1")
        self.conv2_channels = _spin(1, 128, 16, "train_conv2")
        self.kernel = _spin(3, 7, 5, "train_kernel")
        self.kernel.setSingleStep(2)
        channels = QHBoxLayout()
        for widget in (self.conv1_channels, self.conv2_channels):
            channels.addWidget(widget)
        self.fc_sizes = QLineEdit(whole_numbers(DEFAULT_FC_SIZES), objectName="train_fc")

        self.optimizer = QComboBox(objectName="train_optimizer")
        for _ in OPTIMIZERS:
            self.optimizer.addItem("")
        self.optimizer.setCurrentIndex(OPTIMIZERS.index("adam"))
        self.optimizer.currentIndexChanged.connect(self._on_optimizer_changed)
        self.lr = QDoubleSpinBox(objectName="train_lr", decimals=5, minimum=1e-5, maximum=5.0)
        self.lr.setSingleStep(1e-4)
        self.lr.setValue(DEFAULT_LR["adam"])
        self.momentum = QDoubleSpinBox(
            objectName="train_momentum", decimals=2, minimum=0.0, maximum=0.99, singleStep=0.05
        )
        self.momentum.setValue(0.9)
        # SGD with momentum's; Adam, the default, has its own (set before the signal connects).
        self.momentum.setEnabled(OPTIMIZERS[self.optimizer.currentIndex()] == "momentum")
        self.batch = _spin(1, 4096, 128, "train_batch")
        self.epochs = _spin(1, 1000, 10, "train_epochs")
        self.weight_decay = QDoubleSpinBox(
            objectName="train_weight_decay", decimals=5, minimum=0.0, maximum=1.0, singleStep=1e-4
        )
        self.weight_decay.setValue(1e-4)
        self.augment = QCheckBox(objectName="train_augment")
        self.augment.setChecked(True)
        self.seed = _spin(0, 2**31 - 1, 0, "train_seed")
        self.snapshot_count = _spin(2, 200, 24, "train_snapshots")
        self.device = QComboBox(objectName="train_device")
        for _ in range(3):
            self.device.addItem("")

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form_labels: dict[str, QLabel] = {}
        for key, field in (
            ("dataset", dataset_row),
            ("activation", self.activation),
            ("pool", self.pool),
            ("channels", channels),
            ("kernel", self.kernel),
            ("fc", self.fc_sizes),
            ("optimizer", self.optimizer),
            ("lr", self.lr),
            ("momentum", self.momentum),
            ("batch", self.batch),
            ("epochs", self.epochs),
            ("weight_decay", self.weight_decay),
            ("augment", self.augment),
            ("seed", self.seed),
            ("snapshots", self.snapshot_count),
            ("device", self.device),
        ):
            label = QLabel()
            self._form_labels[key] = label
            self.form.addRow(label, field)
        self.settings_box = QGroupBox(objectName="train_settings")
        self.settings_box.setLayout(self.form)
        settings_scroll = _SettingsScroll()
        settings_scroll.setWidget(self.settings_box)
        settings_scroll.setWidgetResizable(True)
        settings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        policy = settings_scroll.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Maximum)
        settings_scroll.setSizePolicy(policy)

        self.start_button = QPushButton(objectName="train_start")
        self.start_button.clicked.connect(self.start)
        self.pause_button = QPushButton(objectName="train_pause")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button = QPushButton(objectName="train_stop")
        self.stop_button.clicked.connect(self.stop)
        self.save_button = QPushButton(objectName="train_save")
        self.save_button.clicked.connect(self.save_dialog)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.pause_button, self.stop_button, self.save_button):
            buttons.addWidget(button)
        self.status = QLabel(objectName="train_status")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.curves = TrainingCurves()
        self.train_raw_curve, self.train_curve = self.curves.train_raw, self.curves.train
        self.heldout_curve, self.accuracy_curve = self.curves.heldout, self.curves.accuracy

        self.play_button = QToolButton(objectName="timeline_play", checkable=True)
        self.play_button.toggled.connect(self._on_play_toggled)
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="snapshot_slider")
        self.slider.setRange(0, 0)
        self.slider.setPageStep(1)
        self.slider.valueChanged.connect(self._on_slider)
        self.timeline_label = ElidedLabel(objectName="timeline_label")
        # Its text changes on every scrub: a row of its own with a fixed height keeps that
        # from re-laying out the window (which doubled the time to the panels' next paint).
        self.timeline_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.timeline_label.setFixedHeight(self.timeline_label.fontMetrics().lineSpacing() + 4)
        self.compare_button = QPushButton(objectName="timeline_compare")
        self.compare_button.clicked.connect(self.compare_with_end)
        self.compare_requested: Any = None  # set by the window: (prepared, label) → Compare
        timeline = QHBoxLayout()
        timeline.addWidget(self.play_button)
        timeline.addWidget(self.slider, 1)
        timeline.addWidget(self.compare_button)
        self.timeline_caption = QLabel()
        font = self.timeline_caption.font()
        font.setBold(True)
        self.timeline_caption.setFont(font)
        caption_row = QHBoxLayout()
        caption_row.addWidget(self.timeline_caption)
        caption_row.addWidget(self.timeline_label, 1)

        right = QVBoxLayout()
        right.addLayout(buttons)
        right.addWidget(self.status)
        right.addWidget(self.curves, 1)
        right.addLayout(caption_row)
        right.addLayout(timeline)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(settings_scroll)
        layout.addLayout(right, 1)
        self._on_dataset_changed()
        self._update_buttons()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 (Qt API)
        super().showEvent(event)
        if not self._devices_checked:
            # Asked here, not at start-up: it imports torch, which the window defers.
            self._devices_checked = True
            try:
                has_gpu = cuda_available()
            except Exception:  # noqa: BLE001 - a broken CUDA runtime: the GPU entry stays off
                has_gpu = False
            self.device.model().item(2).setEnabled(has_gpu)

    # ---- settings -----------------------------------------------------------------------
    def _on_dataset_changed(self) -> None:
        is_folder = DATASETS[self.dataset.currentIndex()] == "idx"
        self.idx_folder.setVisible(is_folder)
        self.idx_browse.setVisible(is_folder)

    def _browse_idx(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder of IDX files (train-images, train-labels, t10k-…)")
        )
        if folder:
            self.idx_folder.setText(folder)

    def _on_optimizer_changed(self, index: int) -> None:
        name = OPTIMIZERS[index]
        self.lr.setValue(DEFAULT_LR[name])
        self.momentum.setEnabled(name == "momentum")

    def dataset_name(self) -> str:
        kind = DATASETS[self.dataset.currentIndex()]
        return "idx:" + self.idx_folder.text().strip() if kind == "idx" else kind

    def set_dataset(self, name: str) -> None:
        if name.startswith("idx:"):
            self.idx_folder.setText(name[4:])
            name = "idx"
        self.dataset.setCurrentIndex(DATASETS.index(name))

    def request(self) -> TrainingRequest:
        """The run the form describes; ExplainerError says what is wrong with it."""
        name = self.dataset_name()
        if name == "idx:":
            raise ExplainerError(self.tr("Choose a folder of IDX files first."))
        if not dataset_available(name.split(":")[0]):
            raise ExplainerError(
                tr_args(self.tr("The dataset %1 is not installed on this computer."), name)
            )
        example = whole_numbers(DEFAULT_FC_SIZES)
        try:
            fc = parse_whole_numbers(self.fc_sizes.text())
        except ValueError as exc:
            raise ExplainerError(
                tr_args(
                    self.tr("Fully connected sizes are whole numbers such as %1 (found “%2”)."),
                    example,
                    self.fc_sizes.text(),
                )
            ) from exc
        if not fc or any(not 1 <= size <= 4096 for size in fc) or len(fc) > 8:
            raise ExplainerError(
                tr_args(
                    self.tr(
                        "Give 1 to 8 fully connected sizes from 1 to 4096, such as %1 (found “%2”)."
                    ),
                    example,
                    self.fc_sizes.text(),
                )  # fmt: skip
            )
        config = ModelConfig(
            conv_channels=(self.conv1_channels.value(), self.conv2_channels.value()),
            kernel_size=self.kernel.value(),
            pool=POOL_KINDS[self.pool.currentIndex()],
            activation=self.activation.currentData(),
            fc_sizes=fc,
        )
        settings = training_settings(
            epochs=self.epochs.value(),
            batch_size=self.batch.value(),
            lr=self.lr.value(),
            weight_decay=self.weight_decay.value(),
            seed=self.seed.value(),
            augment=self.augment.isChecked(),
            optimizer=OPTIMIZERS[self.optimizer.currentIndex()],
            momentum=self.momentum.value(),
            snapshots=self.snapshot_count.value(),
        )
        device = (None, "cpu", "cuda")[self.device.currentIndex()]
        return TrainingRequest(config, settings, name, device)

    # ---- running ------------------------------------------------------------------------
    def is_training(self) -> bool:
        return self.run is not None and self.run.running

    def start(self) -> bool:
        """Start a run with the form's settings (the current model is replaced by the new
        network once the worker has made it). False when it cannot start."""
        if self.is_training():
            return False
        if self._unsaved and self.show_dialogs:
            answer = QMessageBox.question(
                self,
                self.tr("Start a new run?"),
                self.tr("The network trained last is not saved. Start a new run anyway?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            request = self.request()
        except ExplainerError as exc:
            self._set_status("error", str(exc))
            return False
        self.run = TrainingRun(request)
        self._run_settings = request.settings
        self._started = None
        self._snapshots, self._step_epochs, self._step_losses = [], [], []
        self._last_step = None
        self._run_model = None
        self._notice = None
        self._clear_curves()
        self.run.start()
        self._poll_timer.start()
        self._set_status("starting", ())
        self._update_buttons()
        self.trainingStarted.emit()
        return True

    def toggle_pause(self) -> None:
        if not self.is_training():
            return
        if self.run.paused:
            self.run.resume()
            self._set_status("running", ())
        else:
            self.run.pause()
            self._set_status("paused", ())
        self._update_buttons()

    def stop(self) -> None:
        """Stop after the current step, keeping what was trained."""
        if self.is_training():
            self.run.stop()
            self._set_status("stopping", ())

    def close_run(self, timeout: float = 5.0) -> None:
        """End the worker now (the window is closing): what was trained so far is kept."""
        if self.run is not None:
            self.run.stop()
            deadline = time.perf_counter() + timeout
            while self.run.running and time.perf_counter() < deadline:
                self.poll()
                time.sleep(0.02)
            self.run.close()
            self._poll_timer.stop()

    def poll(self) -> None:
        """Hand the worker's news to the session and the curves."""
        run = self.run
        if run is None:
            return
        news = run.poll()
        steps_changed = False
        live: Live | None = None
        for item in news:
            if isinstance(item, Started):
                self._on_started(item)
            elif isinstance(item, Steps):
                for record in item.records:
                    self._step_epochs.append(record.epoch)
                    self._step_losses.append(record.loss)
                self._last_step = item.records[-1]
                steps_changed = True
            elif isinstance(item, Live):
                live = item  # only the newest of a batch is worth drawing
            elif isinstance(item, NewSnapshot):
                self._on_snapshot(item)
            elif isinstance(item, Epoch):
                pass  # the curves show steps and snapshots; epochs are in the history
            elif isinstance(item, Finished):
                self._on_finished(item)
            elif isinstance(item, Notice):
                self._notice = item.message
                steps_changed = True  # re-render the status with it
            elif isinstance(item, Failed):
                self._on_failed(item)
        if live is not None and self._owns_model() and self._following_live():
            self.state.set_weights(live.weights)
        if steps_changed:
            self._update_curves()
            if self.is_training() and not run.paused and not run.stopping:
                self._set_status("running", ())

    def _owns_model(self) -> bool:
        return self._run_model is not None and self.state.model is self._run_model

    def _following_live(self) -> bool:
        return self.slider.value() >= self.slider.maximum()

    def _on_started(self, started: Started) -> None:
        self._started = started
        self.state.start_new_model(started.config, started.initial, self.tr("your network"))
        self._run_model = self.state.model

    def _on_snapshot(self, news: NewSnapshot) -> None:
        self._snapshots.append(news.snapshot)
        if self._owns_model():
            at_end = self._following_live()
            self.state.set_timeline(tuple(self._snapshots))
            if at_end:
                self.slider.blockSignals(True)
                self.slider.setValue(self.slider.maximum())
                self.slider.blockSignals(False)
                self.state.set_weights(news.snapshot.state_dict, news.levels)
        self._update_curves()

    def _on_finished(self, finished: Finished) -> None:
        self._poll_timer.stop()
        settings = self._run_settings
        started = self._started
        if self._owns_model() and started is not None:
            accuracy = self._snapshots[-1].heldout_accuracy if self._snapshots else None
            metadata = {
                "name": self.tr("your network"),
                "description": self.tr("trained in the window"),
                "dataset": self.run.request.dataset,
                "train_size": started.train_size,
                "trained": True,
                # As the timeline counts them (1.84 after a stop): the history also has a
                # record for the epoch a stop cut short.
                "epochs": _whole_or_fraction(
                    self._snapshots[-1].epoch if self._snapshots else len(finished.history)
                ),
                "optimizer": settings.describe_optimizer(),
                "batch_size": settings.batch_size,
                "augment": settings.augment,
                "seed": settings.seed,
                "training_seconds": round(finished.seconds, 2),
                "history": [{k: round(v, 5) for k, v in h.items()} for h in finished.history],
                "device": started.device_name,
                "stopped_early": finished.stopped,
            }
            if accuracy is not None:
                metadata["heldout_accuracy"] = accuracy
            self.state.finish_training(finished.weights, metadata, tuple(self._snapshots))
            self._unsaved = True
        self.run.close()
        self._set_status("stopped" if finished.stopped else "finished", (finished.seconds,))
        self._update_buttons()
        self._update_curves()
        self.trainingFinished.emit(finished.stopped)

    def _on_failed(self, failed: Failed) -> None:
        self._poll_timer.stop()
        if self.run is not None:
            self.run.close()
        self._set_status("error", failed.message)
        self._update_buttons()
        self.trainingFailed.emit(failed.message)

    def save_dialog(self) -> None:
        folder = user_models_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the trained network"),
            str(folder / "my-run.pt"),
            tr_args(self.tr("Checkpoints (%1)"), "*.pt *.safetensors"),
        )
        if path:
            self.save(path)

    def save(self, path: str) -> bool:
        try:
            written = self.state.save_checkpoint(path)
        except ExplainerError as exc:
            self._set_status("error", str(exc))
            return False
        self._unsaved = False
        self._set_status("saved", (str(written),))
        return True

    # ---- timeline -----------------------------------------------------------------------
    def _on_model_changed(self, model: Any, _checkpoint: Any) -> None:
        if self.is_training() and model is not self._run_model and self._run_model is not None:
            # Another model was opened: the run goes on, but its news no longer reaches it.
            self._set_status("detached", ())
        if model is not self._run_model:
            self._unsaved = False

    def _on_timeline_changed(self, timeline: tuple[Any, ...]) -> None:
        count = len(timeline)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(count - 1, 0))
        index = self.state.timeline_index
        self.slider.setValue(max(count - 1, 0) if index is None else index)
        self.slider.blockSignals(False)
        for widget in (self.slider, self.play_button, self.compare_button):
            widget.setEnabled(count > 1)
        if not self.is_training():
            self._curves_from_timeline(timeline)
        self._update_timeline_label()

    def _follow_snapshot_shown(self, _model: Any) -> None:
        """The slider where the session's weights are from, when something else chose them
        (a scene saved while scrubbed back)."""
        if self.is_training() or self._pending_index is not None:
            return  # the run's live weights, or the slider's own drag on its way
        index = self.state.timeline_index
        self.slider.blockSignals(True)
        self.slider.setValue(self.slider.maximum() if index is None else index)
        self.slider.blockSignals(False)
        self._update_timeline_label()

    def show_snapshot(self, index: int) -> None:
        """Move the slider (the session follows at once)."""
        self.slider.setValue(index)
        self._show_pending_snapshot()

    def _on_slider(self, value: int) -> None:
        # Coalesce: a fast drag asks for many positions; the newest is shown when idle.
        self._pending_index = value
        if not self._scrub_timer.isActive():
            self._scrub_timer.start()

    def _show_pending_snapshot(self) -> None:
        index, self._pending_index = self._pending_index, None
        self._scrub_timer.stop()
        if index is None or not self.state.timeline:
            return
        last = len(self.state.timeline) - 1
        try:
            if index >= last and not self.is_training():
                self.state.show_snapshot(None)  # the model's own final weights
            else:
                self.state.show_snapshot(min(index, last))
        except ExplainerError as exc:
            self._set_status("error", str(exc))
            return
        self._update_timeline_label()
        self.snapshotShown.emit(index)

    def _on_play_toggled(self, on: bool) -> None:
        if on:
            if self.slider.value() >= self.slider.maximum():
                self.slider.setValue(0)
            self._play_timer.start()
        else:
            self._play_timer.stop()
        self.retranslate_buttons()

    def _play_tick(self) -> None:
        if self.slider.value() >= self.slider.maximum():
            self.play_button.setChecked(False)
            return
        self.slider.setValue(self.slider.value() + 1)

    def compare_with_end(self) -> None:
        """Compare mode: the snapshot at the slider (row 2) beside the final network."""
        timeline = self.state.timeline
        if len(timeline) < 2 or self.compare_requested is None:
            return
        index = min(self.slider.value(), len(timeline) - 1)
        if index == len(timeline) - 1:
            index = 0  # at the end already: compare the start with it
        checkpoint = self.state.checkpoint
        label = tr_args(
            self.tr("%1, snapshot %2 of %3 (step %4)"),
            checkpoint.name if checkpoint is not None else self.tr("your network"),
            index + 1,
            len(timeline),
            thousands(timeline[index].step),
        )
        prepared = self.state.snapshot_model(index, label)
        self.slider.setValue(len(timeline) - 1)
        self._show_pending_snapshot()
        self.compare_requested(prepared)

    def _update_timeline_label(self) -> None:
        timeline = self.state.timeline
        if not timeline:
            self.timeline_label.setText(self.tr("No timeline: train a network, or open a "
                                                "checkpoint trained with snapshots."))  # fmt: skip
            self.curves.set_cursor(None)
            return
        index = self.state.timeline_index
        position = len(timeline) - 1 if index is None else index
        snapshot = timeline[position]
        text = tr_args(
            self.tr("snapshot %1 of %2 · step %3 · epoch %4"),
            position + 1,
            len(timeline),
            thousands(snapshot.step),
            epochs(snapshot.epoch),
        )
        if snapshot.heldout_accuracy is not None:
            text += " · " + tr_args(
                self.tr("held-out accuracy %1%"), decimal(snapshot.heldout_accuracy * 100, 1)
            )
        if self.is_training() and self._following_live():
            text = self.tr("live: the network being trained") + " · " + text
        self.timeline_label.setText(text)
        self.curves.set_cursor(snapshot.epoch)

    # ---- curves -------------------------------------------------------------------------
    def _clear_curves(self) -> None:
        self.curves.clear_curves()

    def _update_curves(self) -> None:
        self.curves.show_run(self._step_epochs, self._step_losses, self._snapshots)
        self._update_timeline_label()

    def _curves_from_timeline(self, timeline: tuple[Any, ...]) -> None:
        """An opened checkpoint's timeline: its snapshots' training and held-out numbers."""
        if self._run_model is not None and self.state.model is self._run_model:
            return  # this panel's own run: the per-step curves are already drawn
        self._step_epochs = [s.epoch for s in timeline if s.train_loss is not None]
        self._step_losses = [s.train_loss for s in timeline if s.train_loss is not None]
        self._snapshots = list(timeline)
        self.curves.clear_curves()
        self.curves.show_run(self._step_epochs, self._step_losses, self._snapshots, smooth=False)
        self._update_timeline_label()

    # ---- status and language ------------------------------------------------------------
    def _set_status(self, key: str, args: Any) -> None:
        self._status_key = (key, args if isinstance(args, tuple) else (args,))
        self._render_status()

    def _render_status(self) -> None:
        key, args = self._status_key
        step = self._last_step
        started = self._started
        if key == "starting":
            text = self.tr("Starting the training process (loading torch and the data)…")
        elif key in ("running", "paused", "stopping", "detached") and started is not None:
            done = step.step if step is not None else 0
            total = max(started.total_steps, 1)
            speed = step.images / step.seconds if step is not None and step.seconds > 0 else 0
            values = (
                thousands(done),
                thousands(total),
                decimal(step.epoch if step is not None else 0.0, 2),
                thousands(round(speed)),
            )
            if step is not None and done:
                remaining = (total - done) * (step.seconds / done)
                text = tr_args(
                    self.tr("Step %1 of %2 · epoch %3 · %4 images/s · %5 left · on %6"),
                    *values,
                    _duration(remaining),
                    started.device_name,
                )
            else:  # before the first step there is no pace to tell the time left by
                text = tr_args(
                    self.tr("Step %1 of %2 · epoch %3 · on %4"), *values[:3], started.device_name
                )
            if step is not None:
                text += " · " + tr_args(self.tr("training loss %1"), decimal(step.loss, 3))
            if key == "paused":
                text = self.tr("Paused.") + " " + text
            elif key == "stopping":
                text = self.tr("Stopping after this step…") + " " + text
            elif key == "detached":
                text = (
                    self.tr("Another model is open: the run goes on without showing.") + " " + text
                )
        elif key == "finished":
            text = tr_args(
                self.tr("Trained in %1. Drag the slider to go back through training; Save keeps "
                        "the network and its timeline."),
                _duration(args[0]),
            )  # fmt: skip
        elif key == "stopped":
            text = tr_args(
                self.tr("Stopped after %1; what was trained is kept (Save to keep it for good)."),
                _duration(args[0]),
            )
        elif key == "saved":
            text = tr_args(self.tr("Saved to %1"), args[0])
        elif key == "error":
            text = translate_message(str(args[0]))  # a core message, in the interface language
        else:
            text = self.tr("Choose the settings and press Start. The panels show the network "
                           "as it learns.")  # fmt: skip
        if self._notice and key in ("running", "paused", "stopping", "finished", "stopped"):
            text = translate_message(self._notice) + " — " + text
        self.status.setText(text)
        self.status.setStyleSheet("color: #b2182b;" if key == "error" else "")

    def _update_buttons(self) -> None:
        training = self.is_training()
        self.start_button.setEnabled(not training)
        self.pause_button.setEnabled(training)
        self.stop_button.setEnabled(training)
        self.save_button.setEnabled(not training and self.state.model is not None)
        self.settings_box.setEnabled(not training)
        self.retranslate_buttons()

    def retranslate_buttons(self) -> None:
        self.start_button.setText(self.tr("Start"))
        paused = self.run is not None and self.run.paused
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.stop_button.setText(self.tr("Stop"))
        self.save_button.setText(self.tr("Save…"))
        self.play_button.setText("❚❚" if self.play_button.isChecked() else "▶")
        self.play_button.setToolTip(self.tr("Play the training from the first snapshot"))

    def retranslate(self) -> None:
        labels = {
            "dataset": self.tr("Dataset"),
            "activation": self.tr("Activation"),
            "pool": self.tr("Pooling"),
            "channels": self.tr("Maps (conv1, conv2)"),
            "kernel": self.tr("Kernel size"),
            "fc": self.tr("Fully connected sizes"),
            "optimizer": self.tr("Optimiser"),
            "lr": self.tr("Learning rate"),
            "momentum": self.tr("Momentum"),
            "batch": self.tr("Batch size"),
            "epochs": self.tr("Epochs"),
            "weight_decay": self.tr("Weight decay"),
            "augment": self.tr("Augmentation"),
            "seed": self.tr("Seed"),
            "snapshots": self.tr("Snapshots"),
            "device": self.tr("Device"),
        }
        for key, text in labels.items():
            self._form_labels[key].setText(text)
        for index, text in enumerate(
            (self.tr("MNIST (4,000 shipped digits + 1,000 held out)"), self.tr("Fashion-MNIST"),
             self.tr("A folder of IDX files"))
        ):  # fmt: skip
            self.dataset.setItemText(index, text)
        self.pool.setItemText(0, self.tr("max pooling"))
        self.pool.setItemText(1, self.tr("average pooling"))
        for index in range(self.activation.count()):  # "sigmoide", "1,7159·tanh(2x/3)"
            self.activation.setItemText(
                index, names.activation_name(self.activation.itemData(index))
            )
        for index, text in enumerate((self.tr("SGD"), self.tr("SGD + momentum"), self.tr("Adam"))):
            self.optimizer.setItemText(index, text)
        self.device.setItemText(0, self.tr("automatic (GPU when there is one)"))
        self.device.setItemText(1, self.tr("CPU"))
        self.device.setItemText(2, self.tr("GPU (CUDA)"))
        self.augment.setText(self.tr("random rotation, scale, shift, thickness"))
        self.fc_sizes.setToolTip(
            tr_args(
                self.tr("Hidden layer sizes, one per layer: %1"), whole_numbers(DEFAULT_FC_SIZES)
            )
        )
        try:  # in the language's list form: "120; 100" beside decimal commas
            sizes = parse_whole_numbers(self.fc_sizes.text())
        except ValueError:
            sizes = ()
        if sizes:
            self.fc_sizes.setText(whole_numbers(sizes))
        self.snapshot_count.setToolTip(
            self.tr("How many snapshots of the weights the timeline keeps (dense early)")
        )
        self.settings_box.setTitle(self.tr("Settings"))
        self.timeline_caption.setText(self.tr("Timeline"))
        self.compare_button.setText(self.tr("Compare with the end…"))
        self.compare_button.setToolTip(
            self.tr("Open Compare: this snapshot beside the trained network")
        )
        self.retranslate_buttons()
        self._render_status()
        self._update_timeline_label()


def _spin(low: int, high: int, value: int, name: str) -> QSpinBox:
    spin = QSpinBox(objectName=name)
    spin.setRange(low, high)
    spin.setValue(value)
    return spin


def _whole_or_fraction(epochs: float) -> int | float:
    """Epochs as a whole number when training ended on one, else to two decimals."""
    return round(epochs) if abs(epochs - round(epochs)) < 5e-3 else round(epochs, 2)


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds))) if math.isfinite(seconds) else 0
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}:{seconds:02d}" if minutes else f"{seconds} s"


class TrainingDock(Retranslatable, LazyDock):
    """The dock with the TrainingPanel (built when first needed: gui/lazy_dock.py), and its
    entries: Tools › Train… (Ctrl+T)."""

    def __init__(self, window: QMainWindow, state: SessionState) -> None:
        show_dialogs = getattr(window, "show_dialogs", True)
        super().__init__(lambda: TrainingPanel(state, show_dialogs), window)
        self.setObjectName("training_panel")
        self.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea
        )
        self.toggle_action = self.toggleViewAction()
        self.toggle_action.setObjectName("show_training")
        self.toggle_action.setShortcut(QKeySequence("Ctrl+T"))
        self.retranslate()

    @property
    def panel(self) -> TrainingPanel:
        return self.content()

    def install(self, window: QMainWindow, view_menu: Any, tools_menu: Any) -> None:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        self.hide()
        window.addAction(self.toggle_action)  # the shortcut works with the menu bar hidden
        view_menu.addAction(self.toggle_action)
        if tools_menu is not None:
            tools_menu.insertAction(
                tools_menu.actions()[0] if tools_menu.actions() else None, self.toggle_action
            )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Training"))
        self.toggle_action.setText(self.tr("&Train a network…"))


def install_training_dock(window: Any) -> TrainingDock:
    """Add the Training dock to a MainWindow (after the menus exist, before the layout is
    restored)."""
    dock = TrainingDock(window, window.state)
    bar = window.menuBar()
    tools = next(
        (
            action.menu()
            for action in bar.actions()
            if action.menu() is not None and action.menu().objectName() == "tools_menu"
        ),
        None,
    )
    dock.install(window, window.view_menu, tools)
    return dock
