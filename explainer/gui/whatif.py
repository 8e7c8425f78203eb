"""What if (issue 12) in the window: switch units off from the panels' context menu, type kernel
weights in the arithmetic dock, move the digit with sliders.

The session holds the what-ifs (explainer/state.py); this module only turns intents into calls
on it: knock-outs and edited weights go through undoable commands on the window's undo stack
(Ctrl+Z puts a filter back on like it takes a stroke back), the sliders of the "Move the digit"
dock are coalesced to at most one pass per displayed frame, as the canvas's strokes are. The
panels mark what is off or edited themselves, from the session's `whatif_changed` event.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from explainer.core.ablation import Ablation, ablatable_layers
from explainer.core.config import CONV, POOL
from explainer.core.edits import WeightKey
from explainer.core.errors import ExplainerError
from explainer.core.transform import (
    NOISE_RANGE,
    ROTATION_LIMIT,
    SCALE_RANGE,
    SHIFT_LIMIT,
    THICKNESS_RANGE,
    DigitTransform,
)
from explainer.core.units import UnitRef
from explainer.gui.elided import ElidedLabel
from explainer.gui.i18n import Retranslatable, tr_args
from explainer.gui.lazy_dock import LazyDock
from explainer.gui.names import layer_name
from explainer.gui.numbers import decimal, number

if TYPE_CHECKING:
    from superqt import QDoubleSlider

    from explainer.state import SessionState

# (field of DigitTransform, low, high, step, decimals), in the order the sliders are shown.
SLIDERS = (
    ("shift_x", -SHIFT_LIMIT, SHIFT_LIMIT, 0.5, 1),
    ("shift_y", -SHIFT_LIMIT, SHIFT_LIMIT, 0.5, 1),
    ("rotation", -ROTATION_LIMIT, ROTATION_LIMIT, 1.0, 0),
    ("scale", *SCALE_RANGE, 0.05, 2),
    ("thickness", *THICKNESS_RANGE, 0.25, 2),
    ("noise", *NOISE_RANGE, 0.05, 2),
)


class _StateCommand(QUndoCommand):
    """An undoable what-if: `forward()` / `back()` call the session. A command made for one
    model does nothing on another (it is dropped from the stack instead), unless it is
    `for_any_model`: switched-off units go over to the next model, and so does their undo.
    `text()` (what Undo says) is asked again after a language switch."""

    def __init__(
        self,
        state: SessionState,
        forward: Callable[[], None],
        back: Callable[[], None],
        text: Callable[[], str],
        for_any_model: bool = False,
    ) -> None:
        super().__init__(text())
        self.text_of = text
        self.state = state
        self.model = state.model
        self.for_any_model = for_any_model
        self._forward, self._back = forward, back

    def _do(self, action: Callable[[], None]) -> None:
        if self.state.model is not self.model and not self.for_any_model:
            self.setObsolete(True)  # the network it was about is gone
            return
        try:
            action()
        except ExplainerError:
            self.setObsolete(True)  # reported by the state's error event

    def redo(self) -> None:
        self._do(self._forward)

    def undo(self) -> None:
        self._do(self._back)


# Told (before, after) of each move the sliders apply: the window's undo stack.
MoveRecorder = Callable[[DigitTransform, DigitTransform], None]


class _MoveCommand(_StateCommand):
    """A move of the digit, already applied by the sliders when pushed. Moves less than
    MERGE_WINDOW_S apart fold into one step (a drag is one Undo, not one per frame); like
    switched-off units, a move goes over to the next model, and so does its undo."""

    MERGE_ID = 0x4D4F5645  # "MOVE"
    MERGE_WINDOW_S = 1.0

    def __init__(
        self,
        state: SessionState,
        before: DigitTransform,
        after: DigitTransform,
        text: Callable[[], str],
    ) -> None:
        super().__init__(
            state,
            lambda: self._put(self.after),  # `after` grows as moves fold in
            lambda: self._put(self.before),
            text,
            for_any_model=True,
        )
        self.before, self.after = before, after
        self.stamp = time.monotonic()
        self._applied = True  # the sliders have already set it: the push's redo is a no-op

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, _MoveCommand) or other.after.is_identity:  # a reset: its own
            return False
        if other.stamp - self.stamp > self.MERGE_WINDOW_S:
            return False
        self.after, self.stamp = other.after, other.stamp
        return True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        super().redo()

    def _put(self, transform: DigitTransform) -> None:
        self.stamp = -math.inf  # undone or redone: the next move is a step of its own
        self.state.set_transform(transform)


def whatif_summary(state: SessionState) -> str:
    """ "What if — off: conv2:1; digit moved", or "" for the network as it is."""

    translate = QCoreApplication.translate  # the window's what-if line's own texts
    parts = []
    if state.knocked_out:
        off = state.knocked_out.spec().replace(",", ", ")
        parts.append(tr_args(translate("WhatIfFeatures", "off: %1"), off))
    if state.edited:
        edited = len(state.edited)
        parts.append(tr_args(translate("WhatIfFeatures", "edited weights: %1"), edited))
    if not state.transform.is_identity:
        parts.append(translate("WhatIfFeatures", "digit moved"))
    if not parts:
        return ""
    return tr_args(translate("WhatIfFeatures", "What if — %1"), "; ".join(parts))


def knockout_target(config: Any, unit: UnitRef | None) -> tuple[str, int] | None:
    """The (layer, index) a right click on `unit` switches off: a conv map's filter, an FC
    unit, or the filter whose map a pooled map pools; None for the input and the logits."""
    if unit is None:
        return None
    layers = ablatable_layers(config)
    if unit.layer in layers:
        return unit.layer, unit.channel
    spec = {s.name: s for s in config.layers()}.get(unit.layer)
    if spec is not None and spec.kind == POOL and spec.source in layers:
        return spec.source, unit.channel
    return None


class MoveDigitPanel(Retranslatable, QWidget):
    """Sliders for the digit's shift, rotation, scale, stroke thickness and noise, the
    re-centring switch and a reset. Slider moves are folded into one `set_transform` per
    displayed frame."""

    def __init__(
        self,
        state: SessionState,
        parent: QWidget | None = None,
        record: MoveRecorder | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("move_digit")
        self.state = state
        self.record = record  # (before, after) of each move it applies: the undo stack's
        self.sliders: dict[str, QDoubleSlider] = {}
        self.labels: dict[str, QLabel] = {}
        # The values beside the sliders, in the interface's number format (superqt's labelled
        # slider writes 0.50 in every language).
        self.value_labels: dict[str, QLabel] = {}
        self._decimals: dict[str, int] = {}
        # Three pairs of (label, slider) per row: the dock sits under the panels, short and wide,
        # so that the panels keep their width and lose little height.
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        from superqt import QDoubleSlider  # here: importing superqt is 61 ms of start-up

        for position, (name, low, high, step, decimals) in enumerate(SLIDERS):
            slider = QDoubleSlider(Qt.Orientation.Horizontal)
            slider.setObjectName(f"move_{name}")
            slider.setRange(low, high)
            slider.setSingleStep(step)
            slider.setPageStep(step * 4)
            slider.setMinimumWidth(80)  # beside another dock: the dock scrolls, not a bare handle
            slider.setValue(getattr(state.transform, name))
            slider.valueChanged.connect(self._on_changed)
            label, value = QLabel(), QLabel(objectName=f"move_{name}_value")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance("−00,00"))
            self.sliders[name], self.labels[name], self.value_labels[name] = slider, label, value
            self._decimals[name] = decimals
            row, column = divmod(position, 3)
            grid.addWidget(label, row, 3 * column)
            grid.addWidget(slider, row, 3 * column + 1)
            grid.addWidget(value, row, 3 * column + 2)
            grid.setColumnStretch(3 * column + 1, 1)
        self.recentre_box = QCheckBox(objectName="recentre")
        self.recentre_box.setChecked(state.transform.recentre)
        self.recentre_box.toggled.connect(self._on_changed)
        self.hint = QLabel(objectName="move_digit_hint")
        self.hint.setWordWrap(True)
        self.reset_button = QPushButton(objectName="reset_transform")
        self.reset_button.clicked.connect(self.reset)
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bottom = QHBoxLayout()
        bottom.addWidget(self.recentre_box)
        bottom.addWidget(self.hint, 1)
        bottom.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(grid)
        layout.addLayout(bottom)
        layout.addStretch(1)  # beside a taller dock: its rows stay together at the top
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)
        self._pending = False
        state.whatif_changed.connect(self._on_whatif_changed)
        self.retranslate()

    def transform(self) -> DigitTransform:
        """What the sliders say now."""
        values = {name: float(slider.value()) for name, slider in self.sliders.items()}
        return DigitTransform(**values, recentre=self.recentre_box.isChecked())

    def _show_values(self) -> None:
        for name, slider in self.sliders.items():
            self.value_labels[name].setText(decimal(float(slider.value()), self._decimals[name]))

    def _on_changed(self, *_args: Any) -> None:
        self._pending = True
        self._show_values()
        self._update_hint()
        if not self._timer.isActive():
            self._timer.start(0)  # when the event loop is idle: moves queued meanwhile fold

    def flush(self) -> None:
        """Send the sliders' transform to the session now (tests call it; the timer does)."""
        self._timer.stop()
        if not self._pending:
            return
        self._pending = False
        self._apply(self.transform())

    def reset(self) -> None:
        self._timer.stop()
        self._pending = False
        self._apply(DigitTransform())

    def _apply(self, transform: DigitTransform) -> None:
        before = self.state.transform
        try:
            self.state.set_transform(transform)
        except ExplainerError:
            return  # reported through the state's error event
        if self.record is not None and self.state.transform != before:
            self.record(before, self.state.transform)

    def _on_whatif_changed(self, kind: str) -> None:
        if kind == "transform" and not self._pending:
            self._show(self.state.transform)

    def _show(self, transform: DigitTransform) -> None:
        for name, slider in self.sliders.items():
            slider.blockSignals(True)
            slider.setValue(getattr(transform, name))
            slider.blockSignals(False)
        self.recentre_box.blockSignals(True)
        self.recentre_box.setChecked(transform.recentre)
        self.recentre_box.blockSignals(False)
        self._show_values()
        self._update_hint()

    def _update_hint(self) -> None:
        if self.recentre_box.isChecked():
            self.hint.setText(
                self.tr(
                    "Re-centring is on: the digit's centre of mass is put back in the middle, "
                    "as the preprocessing does, so a shift changes nothing. Switch it off to "
                    "see the feature maps move with the digit."
                )
            )
        else:
            self.hint.setText(
                self.tr(
                    "Re-centring is off: a shift by whole pixels moves every feature map by "
                    "the same pixels (convolution is shift-equivariant); pooling hides part of "
                    "the move, and the guesses may change."
                )
            )

    def retranslate(self) -> None:
        texts = {
            "shift_x": self.tr("Shift right (px)"),
            "shift_y": self.tr("Shift down (px)"),
            "rotation": self.tr("Rotation (°)"),
            "scale": self.tr("Scale"),
            "thickness": self.tr("Stroke thickness (px)"),
            "noise": self.tr("Noise"),
        }
        for name, label in self.labels.items():
            label.setText(texts[name])
        self.sliders["rotation"].setToolTip(self.tr("Counter-clockwise, about the digit's centre"))
        self.sliders["noise"].setToolTip(
            self.tr("The same noise pattern every time (a fixed seed), scaled by this amount")
        )
        self.recentre_box.setText(self.tr("Re-centre the digit (as the preprocessing does)"))
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setToolTip(self.tr("The digit as drawn: not moved, no noise"))
        self._show_values()
        self._update_hint()


class MoveDigitDock(Retranslatable, LazyDock):
    """The MoveDigitPanel in a dock, built when first shown or reached (gui/lazy_dock.py):
    its sliders start from the session's transform, whenever that is."""

    def __init__(
        self,
        state: SessionState,
        parent: QWidget | None = None,
        record: MoveRecorder | None = None,
    ) -> None:
        super().__init__(lambda: MoveDigitPanel(state, record=record), parent, on_demand=True)
        self.setObjectName("move_digit_dock")
        self.setAllowedAreas(
            Qt.DockWidgetArea.BottomDockWidgetArea | Qt.DockWidgetArea.TopDockWidgetArea
        )
        self.toggle_action = self.toggleViewAction()
        self.toggle_action.setObjectName("show_move_digit")
        self.toggle_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.retranslate()

    @property
    def panel(self) -> MoveDigitPanel:
        return self.content()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Move the digit"))
        self.toggle_action.setText(self.tr("&Move the digit"))


class WhatIfFeatures(Retranslatable, QWidget):
    """The window's what-if entries: the panels' context menu, the Edit menu's resets, the
    undoable weight edits of the arithmetic dock, the "Move the digit" dock and a status-bar
    note of what is changed. One call in MainWindow.__init__."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.setObjectName("whatif_features")
        self.hide()  # a holder of actions and translations, not a visible widget
        self.main_window = window
        self.state: SessionState = window.state
        self.undo_stack = window.canvas.undo_stack
        self.menu: QMenu | None = None  # the last context menu shown (tests read it)

        self.switch_all_on_action = QAction(window, objectName="switch_all_on")
        self.switch_all_on_action.triggered.connect(self.switch_all_on)
        self.reset_weights_action = QAction(window, objectName="reset_weights")
        self.reset_weights_action.triggered.connect(self.reset_weights)
        window.edit_menu.addSeparator()
        window.edit_menu.addActions([self.switch_all_on_action, self.reset_weights_action])

        self.dock = MoveDigitDock(self.state, window, record=self._record_move)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()  # until wanted; the saved window layout brings it back
        # As short as its sliders: the panels above keep the height.
        self.dock.visibilityChanged.connect(self._fit_dock)
        window.addAction(self.dock.toggle_action)
        window.view_menu.addAction(self.dock.toggle_action)

        # A long list of switched-off units ends in "…"; the tooltip has all of it.
        self.status_label = ElidedLabel(objectName="whatif_status", widest_chars=60)
        window.statusBar().addPermanentWidget(self.status_label)

        window.network_view.unitMenuRequested.connect(self.show_menu)
        window.arithmetic_dock.when_built(self._edit_weights_undoably)
        self.state.whatif_changed.connect(lambda _kind: self._update())
        self.state.model_changed.connect(lambda _model, _checkpoint: self._update())
        self.retranslate()

    def _record_move(self, before: DigitTransform, after: DigitTransform) -> None:
        """Ctrl+Z after a slider move undid the stroke under it and left the digit moved."""
        text = lambda: self.tr("Move the digit")  # noqa: E731 - asked again after a switch
        self.undo_stack.push(_MoveCommand(self.state, before, after, text))

    def _edit_weights_undoably(self, view: Any) -> None:
        view.weight_editor = self.edit_weight
        view.weights_resetter = self.reset_weights

    def _fit_dock(self, visible: bool) -> None:
        if visible and not self.dock.isFloating():
            height = self.dock.sizeHint().height()
            self.main_window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)

    # ---- intents (undoable) ----------------------------------------------------------------
    def _push(
        self,
        forward: Callable[[], None],
        back: Callable[[], None],
        text: Callable[[], str],
        for_any_model: bool = False,
    ) -> None:
        self.undo_stack.push(_StateCommand(self.state, forward, back, text, for_any_model))

    def set_knocked_out(self, after: Ablation, text: Callable[[], str]) -> None:
        before = self.state.knocked_out
        if after == before or self.state.model is None:
            return
        state = self.state

        def put(units: Ablation) -> None:
            if state.model is not None:  # only the units this model has (as a switch keeps)
                state.set_knocked_out(units.restricted_to(state.model.config))

        # For any model: the knock-outs carried over to a newly opened one, and Undo said
        # "Undo: Switch off filter 2 of conv1" there and then did nothing.
        self._push(lambda: put(after), lambda: put(before), text, for_any_model=True)

    def toggle(self, layer: str, index: int) -> None:
        """Switch a filter (conv) or unit (FC) off, or back on."""
        off = (layer, index) not in self.state.knocked_out
        self.set_knocked_out(
            self.state.knocked_out.toggled(layer, index),
            lambda: self._menu_text(layer, index, off),
        )

    def switch_all_on(self) -> None:
        self.set_knocked_out(Ablation(), lambda: self.tr("Switch all units back on"))

    def edit_weight(self, key: WeightKey, value: float) -> None:
        state = self.state
        before = state.weight(key)
        if before == value:
            return
        self._push(
            lambda: state.set_weight(key, value),
            lambda: state.set_weight(key, before),
            lambda: tr_args(self.tr("Edit weight %1"), key.spec()),
        )

    def reset_weights(self) -> None:
        state = self.state
        edits = state.edited
        if not edits:
            return

        def back() -> None:
            for edit in edits:
                state.set_weight(edit.key, edit.value)

        self._push(state.reset_weights, back, lambda: self.tr("Reset weights"))

    # ---- the context menu ------------------------------------------------------------------
    def menu_for(self, unit: UnitRef | None) -> QMenu:
        """The what-if menu of a right click on `unit` (None: on no unit)."""
        menu = QMenu(self.main_window)
        menu.setObjectName("whatif_menu")
        model = self.state.model
        target = knockout_target(model.config, unit) if model is not None else None
        if target is not None:
            layer, index = target
            off = target not in self.state.knocked_out
            action = menu.addAction(self._menu_text(layer, index, off))
            action.setObjectName("switch_off" if off else "switch_on")
            action.triggered.connect(lambda: self.toggle(layer, index))
        menu.addAction(self.switch_all_on_action)
        if self.state.edited:
            menu.addAction(self.reset_weights_action)
        return menu

    def show_menu(self, unit: UnitRef | None, global_pos: QPoint) -> None:
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = self.menu_for(unit)
        self.menu.popup(global_pos)  # not exec(): the event loop goes on (and tests with it)

    def _is_conv(self, layer: str) -> bool:
        model = self.state.model
        return model is not None and model.config.layer(layer).kind == CONV

    def _menu_text(self, layer: str, index: int, off: bool) -> str:
        name = layer_name(layer)
        if self._is_conv(layer):
            template = (
                self.tr("Switch off filter %1 of %2")
                if off
                else self.tr("Switch on filter %1 of %2")
            )
        else:
            template = (
                self.tr("Switch off unit %1 of %2") if off else self.tr("Switch on unit %1 of %2")
            )
        return tr_args(template, index, name)

    # ---- what the window shows -------------------------------------------------------------
    def _update(self) -> None:
        state = self.state
        self.switch_all_on_action.setEnabled(bool(state.knocked_out))
        self.reset_weights_action.setEnabled(bool(state.edited))
        summary = whatif_summary(state)
        self.status_label.setText(summary)
        edits = [
            tr_args(self.tr("%1: %2 (was %3)"), e.key.spec(), number(e.value), number(e.original))
            for e in state.edited
        ]
        self.status_label.setToolTip("\n".join([summary, *edits] if summary else edits))

    def retranslate(self) -> None:
        self.switch_all_on_action.setText(self.tr("Switch all units back &on"))
        self.reset_weights_action.setText(self.tr("Reset edited &weights"))
        self._update()
        stack = self.undo_stack
        commands = [stack.command(i) for i in range(stack.count())]
        for command in commands:
            if isinstance(command, _StateCommand):
                command.setText(command.text_of())
        update_undo_texts = getattr(self.main_window, "_update_undo_texts", None)
        if commands and update_undo_texts is not None:
            update_undo_texts()  # Edit › Undo says it in the new language too


def install_whatif(window: Any) -> WhatIfFeatures:
    """Add the what-if features to a MainWindow (after the arithmetic dock exists, before the
    window restores its saved dock layout)."""
    return WhatIfFeatures(window)
