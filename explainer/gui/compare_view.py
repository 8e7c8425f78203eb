"""Models › Compare with…: the window's model and a second checkpoint on the same drawing.

Two rows, one per model, each with its top-2 guesses beside a full NetworkView (maps and filters
of every layer). The rows have the same width, so the panels of the same layer sit one above the
other and the differences can be seen. The first row shows the window's own session (no extra
inference); the second row shows a follower session (SessionState.follower) that is fed the
window's input — once per new input, which the window already limits to one per displayed frame,
and not at all while this window is hidden.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from explainer import paths
from explainer.core.config import CONV
from explainer.core.units import unit_exists
from explainer.gui import names
from explainer.gui.colormaps import symmetric_levels
from explainer.gui.guesses import format_guess
from explainer.gui.i18n import Retranslatable, file_dialog_options, tr_args
from explainer.gui.loading import ModelLoading
from explainer.gui.messages import Messenger
from explainer.gui.network import NetworkView
from explainer.gui.whatif import whatif_summary
from explainer.gui.zoom import RelativeFont
from explainer.state import ModelLoader, SessionState

INFO_WIDTH = 190  # the guesses column of both rows: same width, so the panels line up


def shared_levels(a: dict, b: dict) -> dict:
    """Limits holding both: for each layer in both, (min of the lows, max of the highs)."""
    return {
        name: (min(a[name][0], b[name][0]), max(a[name][1], b[name][1])) for name in a if name in b
    }


def filter_levels(model: Any) -> dict:
    """Each conv layer's symmetric filter limits, as the network view draws them."""
    return {
        spec.name: symmetric_levels(getattr(model, spec.name).weight.detach().cpu().numpy())
        for spec in model.config.layers()
        if spec.kind == CONV
    }


class ModelRow(QWidget):
    """One model: its name, first and second guess, and its NetworkView."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: Any = None
        self.levels: dict = {}
        self.checkpoint: Any = None
        self.trace: Any = None
        self.name_label = QLabel("–")
        font = QFont(self.name_label.font())
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.first_caption = QLabel()
        self.first_guess = QLabel("–")
        self.first_guess.setObjectName("first_guess")
        RelativeFont(self.first_guess, 1.8, bold=True)
        self.second_caption = QLabel()
        self.second_guess = QLabel("–")
        self.second_guess.setObjectName("second_guess")
        RelativeFont(self.second_guess, 1.3)
        for label in (self.first_guess, self.second_guess):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        info = QWidget()
        info.setFixedWidth(INFO_WIDTH)
        info_layout = QVBoxLayout(info)
        info_layout.setContentsMargins(4, 4, 4, 4)
        for widget in (
            self.name_label,
            self.detail_label,
            self.first_caption,
            self.first_guess,
            self.second_caption,
            self.second_guess,
        ):
            info_layout.addWidget(widget)
        info_layout.addStretch(1)
        self.view = NetworkView()
        self.view.setMinimumSize(400, 220)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(info)
        layout.addWidget(self.view, 1)

    def bind(self, state: SessionState) -> None:
        """Show a session: its model (with its colour levels) and each of its traces."""
        state.model_changed.connect(lambda m, c: self.set_model(m, c, state.levels))
        state.trace_changed.connect(self.set_trace)

    def set_model(self, model: Any, checkpoint: Any, levels: dict) -> None:
        self.model, self.checkpoint, self.trace = model, checkpoint, None
        self.levels = dict(levels)  # its own fixed limits (the shared scale may widen them)
        self.view.set_model(model, levels)
        name = checkpoint.name if checkpoint is not None else "–"
        self.name_label.setText(str(name))
        self.set_trace(None)

    def set_detail(self, text: str) -> None:
        self.detail_label.setText(text)

    def set_trace(self, trace: Any) -> None:
        self.trace = trace
        self.view.set_trace(trace)
        self.show_guesses()

    def show_guesses(self) -> None:
        """The trace's two best guesses (again after a language switch: numbers, names)."""
        trace = self.trace
        if trace is None:
            self.first_guess.setText("–")
            self.second_guess.setText("–")
            return
        first, second = trace.top(2)
        self.first_guess.setText(format_guess(first.label, first.prob))
        self.second_guess.setText(format_guess(second.label, second.prob))


class CompareDialog(Retranslatable, QDialog):
    """Non-modal window: row 1 = the window's model, row 2 = a second checkpoint.

    `state` is the window's SessionState; `model_loader(path, device)` loads a checkpoint on a
    worker thread; `show_error(title, message)` reports a bad file (the second model stays)."""

    otherModelReady = Signal()  # noqa: N815 - Qt naming
    otherModelFailed = Signal(str)  # noqa: N815

    def __init__(
        self,
        state: SessionState,
        model_loader: ModelLoader | None,
        show_error: Any,
        device: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compare_dialog")
        self.state = state
        self.other_state = state.follower()  # fed the window's input while this is shown
        self._show_error = show_error
        self._device = device
        self.model_loading = ModelLoading(model_loader, self)
        self.model_loading.loaded.connect(self._on_other_loaded)
        self.model_loading.failed.connect(self._on_other_failed)
        self._loading_path: Path | None = None
        self._stale = True  # the first row needs the state's current model/trace when shown
        self.other_path: Path | None = None

        self.choose_label = QLabel()
        self.choice = QComboBox()
        self.choice.setObjectName("compare_choice")
        self._shipped = sorted(paths.models_dir().glob("*.pt"))
        for path in self._shipped:
            self.choice.addItem(path.stem, str(path.resolve()))
        self.choice.setMinimumContentsLength(14)
        self.choice.addItem("", "")  # "Other file…", text set in retranslate
        self.choice.setCurrentIndex(-1)
        self.choice.activated.connect(self._on_choice)
        self.status_label = QLabel()
        self._status = Messenger(self.status_label)
        top = QHBoxLayout()
        top.addWidget(self.choose_label)
        top.addWidget(self.choice)
        top.addWidget(self.status_label, 1)
        self.shared_scale_box = QCheckBox()
        self.shared_scale_box.setObjectName("shared_scale")
        self.shared_scale_box.setChecked(True)  # else the same colour means different values
        self.shared_scale_box.toggled.connect(self.apply_scales)
        top.addWidget(self.shared_scale_box)

        self.current = ModelRow()
        self.current.setObjectName("current_model_row")
        self.other = ModelRow()
        self.other.setObjectName("other_model_row")
        self.other.bind(self.other_state)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.current, 1)
        layout.addWidget(line)
        layout.addWidget(self.other, 1)
        real_screen = self.screen() is not None and QGuiApplication.platformName() != "offscreen"
        screen = self.screen().availableGeometry() if real_screen else None
        # A 1280×720 projector cannot show 1200×820: fit the screen's available area.
        self.resize(
            min(1200, screen.width()) if screen else 1200,
            min(820, screen.height()) if screen else 820,
        )

        for row in (self.current, self.other):
            row.view.unitClicked.connect(state.select)
        # Hovering a unit in one row outlines the same unit in the other.
        self.current.view.unitHovered.connect(self.other.view.mirror_hover)
        self.other.view.unitHovered.connect(self.current.view.mirror_hover)
        self.other_state.model_changed.connect(lambda _m, _c: self.apply_scales())
        state.model_changed.connect(self._on_model_changed)
        state.whatif_changed.connect(lambda _kind: self._show_whatifs())
        state.trace_changed.connect(self._on_trace_changed)
        state.selection_changed.connect(self._on_selection_changed)
        self.other_state.error.connect(lambda exc: self._status.show(str(exc)))
        self.other_state.trace_changed.connect(
            lambda trace: self._status.clear() if trace is not None else None
        )
        self.retranslate()

    @property
    def other_runs(self) -> int:
        """Forward passes of the second model (the live cost of comparing)."""
        return self.other_state.runs

    # ---- the second model ----------------------------------------------------------------------
    def _on_choice(self, index: int) -> None:
        path = self.choice.itemData(index)
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Compare with checkpoint"),
                str(paths.models_dir()),
                tr_args(self.tr("Checkpoints (%1)"), "*.pt *.pth *.safetensors"),
                options=file_dialog_options(),
            )
        if path:
            self.load_other(path)

    def load_other(self, path: str | Path) -> None:
        """Load the second checkpoint on a worker thread; a bad file keeps the previous one."""
        self._loading_path = Path(path)
        name = self._loading_path.name
        self._status.show(lambda: tr_args(self.tr("Loading %1…"), name))
        self.model_loading.start(self._loading_path, self._device)

    def _on_other_loaded(self, prepared: Any) -> None:
        path = self.other_path = self._loading_path
        self._status.clear()
        self.other_state.use(prepared)  # the row follows; runs the current input if following
        self.other.set_detail(self.describe(prepared.checkpoint))
        index = self.choice.findData(str(path.resolve()))
        if index < 0:  # a file from elsewhere: listed above "Other file…" from now on
            index = self.choice.count() - 1
            self.choice.insertItem(index, path.name, str(path.resolve()))
        self.choice.setCurrentIndex(index)
        self._on_selection_changed(self.state.selection)
        self.otherModelReady.emit()

    def compare_with(self, prepared: Any) -> None:
        """A network already at hand (e.g. a training snapshot) as the second row."""
        self._loading_path = None
        self.status_label.setText("")
        self.other_state.use(prepared)
        self.other.set_detail(self.describe(prepared.checkpoint))
        self.choice.setCurrentIndex(-1)
        self.other.name_label.setText(str(prepared.checkpoint.name))
        self._on_selection_changed(self.state.selection)
        self.otherModelReady.emit()

    def _on_other_failed(self, message: str) -> None:
        self._status.clear()
        self._show_error(lambda: self.tr("Could not load the model to compare with"), message)
        self.otherModelFailed.emit(message)

    # ---- following the window --------------------------------------------------------------------
    def _on_model_changed(self, model: Any, checkpoint: Any) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self.current.set_model(model, checkpoint, self.state.levels)
        self._show_whatifs()
        self.apply_scales()

    def _show_whatifs(self) -> None:
        """The first row is the window's network as the student changed it: its switched-off
        units crossed out, and said under its name (it read just "default", the knocked-out
        guesses beside it)."""
        if self.current.checkpoint is None:
            return
        state = self.state
        self.current.view.set_whatifs(state.knocked_out, state.edited)
        summary, detail = whatif_summary(state), self.describe(self.current.checkpoint)
        self.current.set_detail(f"{detail}\n{summary}" if summary else detail)

    def _on_trace_changed(self, trace: Any) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self.current.set_trace(trace)

    def _on_selection_changed(self, unit: Any) -> None:
        for row in (self.current, self.other):
            if row.model is not None:
                # A unit the other architecture lacks (fewer maps, smaller maps): no outline.
                fits = unit is None or unit_exists(row.model.config, unit)
                row.view.set_selection(unit if fits else None)

    def refresh(self) -> None:
        """Catch up with the window (after being hidden): its model, its trace, the other run."""
        self._stale = False
        if self.state.model is not None:
            self.current.set_model(self.state.model, self.state.checkpoint, self.state.levels)
            self._show_whatifs()
            self.current.set_trace(self.state.trace)
            self.apply_scales()
        self.other_state.set_following(True)  # runs the second model on the current input
        self._on_selection_changed(self.state.selection)

    # ---- one colour scale for both rows ------------------------------------------------------
    def apply_scales(self, *_args) -> None:
        """With the shared scale on, each layer both networks have is drawn with limits that
        hold both networks' values (activations: the union of their fixed limits; filters: the
        larger symmetric limit), so one colour is one value in both rows."""
        rows = [row for row in (self.current, self.other) if row.model is not None]
        if not rows:
            return
        shared = self.shared_scale_box.isChecked() and len(rows) == 2
        levels = [row.levels for row in rows]
        weights = [filter_levels(row.model) for row in rows]
        if shared:
            common = shared_levels(levels[0], levels[1])
            common_weights = shared_levels(weights[0], weights[1])
        for row, own, own_weights in zip(rows, levels, weights, strict=True):
            row.view.set_levels({**own, **common} if shared else own)
            row.view.set_weights(row.model, {**own_weights, **common_weights} if shared else None)

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        super().showEvent(event)
        if self._stale or not self.other_state.following:
            self.refresh()

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        self.other_state.set_following(False)  # hidden: the second model does not run
        super().hideEvent(event)

    def wait(self, msecs: int) -> None:
        """Wait for a second model still loading (closing the window)."""
        self.model_loading.wait(msecs)

    def describe(self, checkpoint: Any) -> str:
        """'ReLU, max pooling', '6/16 → 120/100 → 10', '98.7% accuracy' from the checkpoint."""
        from explainer.gui.numbers import decimal

        if checkpoint is None:
            return ""
        config = checkpoint.config
        pool = self.tr("max pooling") if config.pool == "max" else self.tr("average pooling")
        parts = [f"{names.activation_name(config.activation)}, {pool}"]
        c1, c2 = config.conv_channels
        fc = "/".join(map(str, config.fc_sizes))
        parts.append(f"{c1}/{c2} → {fc} → {config.num_classes}")
        accuracy = checkpoint.metadata.get("heldout_accuracy")
        if isinstance(accuracy, (int, float)):
            parts.append(tr_args(self.tr("%1% accuracy"), decimal(accuracy * 100, 1)))
        return "\n".join(parts)

    # ---- language ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Compare two models on the same drawing"))
        self.choose_label.setText(self.tr("Compare the window's model with:"))
        self.choice.setPlaceholderText(self.tr("choose a model…"))
        self.choice.setItemText(self.choice.count() - 1, self.tr("Other file…"))
        self.shared_scale_box.setText(self.tr("Same colour scale"))
        self.shared_scale_box.setToolTip(
            self.tr(
                "One colour is one value in both rows: each layer's limits hold both networks' "
                "values. Off: each network with its own limits."
            )
        )
        for row in (self.current, self.other):
            row.first_caption.setText(self.tr("First guess"))
            row.second_caption.setText(self.tr("Second guess"))
            row.show_guesses()  # the numbers and class names in the new language
        self._status.retranslate()
        if self.other.model is None:
            self.other.name_label.setText(self.tr("Choose a model above"))
        self._show_whatifs()
        if self.other.checkpoint is not None:
            self.other.set_detail(self.describe(self.other.checkpoint))
