"""The Why panel: "why 3 — and why not 8" over the drawing, and what a filter looks for.

It only draws what the session computed (explainer.why): the live maps arrive with every run
while the panel is open (`why.maps_changed`); occlusion, top-9 patches and feature
visualisation are the session's jobs, run here on worker threads (gui/why/jobs.py) and handed
back to the session, which emits them only if they still fit the current input and weights.

- Occlusion starts when the stroke ends (the canvas's strokeFinished) or when the input has
  settled (no new maps for OCCLUSION_SETTLE_MS: a sample, a file, a paused pen); until then the
  previous occlusion maps stay, marked as such.
- The filter shown is the selected unit's (a click on a conv1 / conv2 map), or the one the mouse
  rests on for HOVER_DWELL_MS.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from explainer.core.scales import input_levels
from explainer.core.units import UnitRef
from explainer.gui import names, numbers
from explainer.gui.i18n import Retranslatable, tr_args
from explainer.gui.lazy_dock import LazyDock
from explainer.gui.messages import translate_message
from explainer.gui.why.filters import FilterView, small_font
from explainer.gui.why.jobs import LatestJob
from explainer.gui.why.maps import MapPairView
from explainer.why import FIRST, SECOND

if TYPE_CHECKING:
    from explainer.state import SessionState
    from explainer.why import OcclusionMaps, WhyMaps

SALIENCY, GRADXINPUT, GRADCAM, OCCLUSION = "saliency", "gradxinput", "gradcam", "occlusion"
SIGNED = {SALIENCY: False, GRADXINPUT: True, GRADCAM: False, OCCLUSION: True}
OCCLUSION_SETTLE_MS = 200
# Occlusion maps are changes of p: a change under one percentage point stays near the white
# centre (scaled to its own peak, a 5e-07 change of a 100 % guess was drawn deep red).
OCCLUSION_LEVEL_FLOOR = 0.01
HOVER_DWELL_MS = 250
# New weights (a training step, a timeline scrub, an edited kernel): what was shown of a filter is
# cleared at once, its new patches asked for once the weights stop changing this long.
WEIGHTS_SETTLE_MS = 300
DOCK_HEIGHT = 330


def method_kind(method: str) -> str:
    """'gradcam:conv2' → 'gradcam'."""
    return method.split(":", 1)[0]


class WhyPanel(Retranslatable, QWidget):
    def __init__(self, state: SessionState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("why_view")
        self.state = state
        self.why = state.why
        self._conv_layers: tuple[str, ...] = ()
        self._output_layer = ""
        self._class_names: tuple[str, ...] = ()
        self._selected_filter: tuple[str, int] | None = None
        self._hovered_filter: tuple[str, int] | None = None
        self._last_occlusion: OcclusionMaps | None = None
        self._contrast_problem = ""
        # Whether the window still has a drawing to run (its frame timer): then occlusion waits
        # for that run's maps rather than computing the maps of the drawing before the release.
        self.input_pending: Any = lambda: False
        self._occlusion_on_next_maps = False

        self.method_label = QLabel()
        self.method_box = QComboBox()
        self.method_box.setObjectName("why_method")
        self.method_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.contrast_box = QCheckBox()
        self.contrast_box.setObjectName("why_contrast")
        self.class_a = QComboBox()
        self.class_a.setObjectName("why_class_a")
        self.class_b = QComboBox()
        self.class_b.setObjectName("why_class_b")
        for box in (self.class_a, self.class_b):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.minus_label = QLabel("−")
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.method_label)
        controls.addWidget(self.method_box)
        controls.addSpacing(12)
        controls.addWidget(self.contrast_box)
        controls.addWidget(self.class_a)
        controls.addWidget(self.minus_label)
        controls.addWidget(self.class_b)
        controls.addStretch(1)

        self.maps_view = MapPairView()
        self.maps_view.setMinimumSize(280, 180)
        self.maps_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.caption = QLabel()
        self.caption.setObjectName("why_caption")
        self.caption.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("why_status")
        self.status.setWordWrap(True)
        for label in (self.caption, self.status):
            label.setFont(small_font(label))
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        texts = QVBoxLayout()  # beside the maps, so that they get the dock's whole height
        texts.setContentsMargins(0, 0, 0, 0)
        texts.addWidget(self.caption)
        texts.addWidget(self.status)
        texts.addStretch(1)
        maps_row = QHBoxLayout()
        maps_row.setContentsMargins(0, 0, 0, 0)
        maps_row.addWidget(self.maps_view, 3)
        maps_row.addLayout(texts, 2)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(controls)
        left.addLayout(maps_row, 1)
        self.filter_view = FilterView()
        self.filter_view.setMinimumWidth(330)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addLayout(left, 5)
        row.addWidget(self.filter_view, 3)
        self.setMinimumHeight(270)  # below that the dock scrolls (WhyDock) instead of squeezing

        self.occlusion_jobs = LatestJob(self)
        self.patch_jobs = LatestJob(self)
        self.featurevis_jobs = LatestJob(self)
        for runner in (self.occlusion_jobs, self.patch_jobs, self.featurevis_jobs):
            runner.done.connect(self.why.accept)
        self.occlusion_jobs.failed.connect(self._on_job_failed)
        self.patch_jobs.failed.connect(self.filter_view.show_failure)
        self.featurevis_jobs.failed.connect(self.filter_view.show_failure)
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(OCCLUSION_SETTLE_MS)
        self.settle_timer.timeout.connect(self.start_occlusion)
        self.hover_timer = QTimer(self)
        self.hover_timer.setSingleShot(True)
        self.hover_timer.setInterval(HOVER_DWELL_MS)
        self.hover_timer.timeout.connect(self._apply_filter_choice)
        self.weights_timer = QTimer(self)
        self.weights_timer.setSingleShot(True)
        self.weights_timer.setInterval(WEIGHTS_SETTLE_MS)
        self.weights_timer.timeout.connect(self._request_filter)

        self.method_box.currentIndexChanged.connect(self._on_method_changed)
        self.contrast_box.toggled.connect(self._on_contrast_changed)
        self.class_a.currentIndexChanged.connect(self._on_contrast_changed)
        self.class_b.currentIndexChanged.connect(self._on_contrast_changed)
        self._bind(state)
        if state.model is not None:
            self._on_model_changed(state.model, state.checkpoint)
        self.retranslate()

    # ---- wiring -------------------------------------------------------------------------------
    def _bind(self, state: SessionState) -> None:
        why = state.why
        why.maps_changed.connect(self._on_maps)
        why.occlusion_changed.connect(self._on_occlusion)
        why.patches_changed.connect(self.filter_view.set_patches)
        why.featurevis_changed.connect(self.filter_view.set_visualisation)
        state.model_changed.connect(self._on_model_changed)
        state.weights_changed.connect(self._on_weights_changed)
        state.selection_changed.connect(self._on_selection)

    @property
    def is_open(self) -> bool:
        return self.why.is_open

    def set_open(self, on: bool) -> None:
        """The dock was shown (compute the maps with every run) or hidden (stop all of it)."""
        if on == self.why.is_open:
            return
        if not on:
            self.settle_timer.stop()
            self.hover_timer.stop()
            self.weights_timer.stop()
            for runner in (self.occlusion_jobs, self.patch_jobs, self.featurevis_jobs):
                runner.drop_pending()
        self.why.set_open(on)
        if on:
            self._request_filter(force=True)
            if self.why.maps is None:
                self._redraw()

    def busy(self) -> bool:
        """A job runs or waits, or occlusion is due (tests and --screenshot wait for it)."""
        jobs = (self.occlusion_jobs, self.patch_jobs, self.featurevis_jobs)
        timers = (self.settle_timer, self.weights_timer, self.hover_timer)
        return any(r.busy for r in jobs) or any(t.isActive() for t in timers)

    def wait(self, msecs: int) -> bool:
        return all(
            r.wait(msecs) for r in (self.occlusion_jobs, self.patch_jobs, self.featurevis_jobs)
        )

    # ---- model ------------------------------------------------------------------------------
    def _on_model_changed(self, model: Any, _checkpoint: Any) -> None:
        from explainer.core.attribution import gradcam_layers

        config = model.config
        self._conv_layers = gradcam_layers(config)
        self._output_layer = config.layers()[-1].name  # a class's logit: visualised, no patches
        self._class_names = tuple(config.class_names)
        self.filter_view.class_names = self._class_names
        self.filter_view.conv_layers = self._conv_layers
        self._last_occlusion = None
        chosen = self.method()
        blocked = [w.blockSignals(True) for w in (self.method_box, self.class_a, self.class_b)]
        self.method_box.clear()
        for method in self._methods():
            self.method_box.addItem("", method)
        index = self.method_box.findData(chosen)
        self.method_box.setCurrentIndex(max(index, 0))
        for box, default in ((self.class_a, FIRST), (self.class_b, SECOND)):
            previous = box.currentData()
            box.clear()
            box.addItem("", FIRST)
            box.addItem("", SECOND)
            for k in range(len(self._class_names)):
                box.addItem("", k)
            index = box.findData(previous if previous is not None else default)
            box.setCurrentIndex(index if index >= 0 else box.findData(default))
        for widget, was in zip((self.method_box, self.class_a, self.class_b), blocked, strict=True):
            widget.blockSignals(was)
        self._ask_for_layers()
        self._on_contrast_changed()
        self.filter_view.show_filter(None)
        self._selected_filter = self._filter_of(self.state.selection)
        self._request_filter(force=True)
        self.retranslate()

    def _on_weights_changed(self, _model: Any) -> None:
        self._last_occlusion = None
        wanted = self.filter_view.filter
        self.filter_view.show_filter(None)  # never the old weights' patches
        self.filter_view.show_filter(wanted)
        if wanted is not None and self.why.is_open:
            self.weights_timer.start()

    def _methods(self) -> list[str]:
        grad_cams = [f"{GRADCAM}:{layer}" for layer in reversed(self._conv_layers)]
        return [SALIENCY, GRADXINPUT, *grad_cams, OCCLUSION]

    def method(self) -> str:
        return self.method_box.currentData() or SALIENCY

    def set_method(self, method: str) -> None:
        index = self.method_box.findData(method)
        if index < 0:
            raise ValueError(f"no method {method!r} here")
        self.method_box.setCurrentIndex(index)

    # ---- the maps ---------------------------------------------------------------------------
    def _on_maps(self, maps: WhyMaps | None) -> None:
        self._redraw()
        if maps is None or self.method() != OCCLUSION:
            return
        if self._occlusion_on_next_maps:  # the run after the stroke's end
            self._occlusion_on_next_maps = False
            self.settle_timer.stop()
            self.start_occlusion()
        else:
            self.settle_timer.start()  # restarted by every new run: starts once input settles

    def _on_occlusion(self, result: OcclusionMaps) -> None:
        self._last_occlusion = result
        if self.method() == OCCLUSION:
            self._redraw()

    def input_settled(self) -> None:
        """The stroke ended: occlusion now rather than after the settle time."""
        if self.method() != OCCLUSION:
            return
        self.settle_timer.stop()
        if self.input_pending():
            self._occlusion_on_next_maps = True
        else:
            self.start_occlusion()

    def start_occlusion(self) -> None:
        if self.why.is_open and self.method() == OCCLUSION:
            self.occlusion_jobs.submit(self.why.occlusion_job())

    def _on_method_changed(self, _index: int) -> None:
        self._ask_for_layers()  # may rerun, which redraws
        if self.method() == OCCLUSION:
            self.start_occlusion()
        self._redraw()

    def _ask_for_layers(self) -> None:
        """Each run computes Grad-CAM only on the layer shown (none for the other methods)."""
        method = self.method()
        layers = (method.split(":", 1)[1],) if method_kind(method) == GRADCAM else ()
        self.why.set_gradcam_layers(layers)

    def _on_contrast_changed(self, *_args: Any) -> None:
        on = self.contrast_box.isChecked()
        self.class_a.setEnabled(on)
        self.class_b.setEnabled(on)
        self._contrast_problem = ""
        pair = None
        if on:
            a, b = self.class_a.currentData(), self.class_b.currentData()
            if a is None or b is None:
                return
            if a == b:
                self._contrast_problem = "same"
            else:
                pair = (a, b)
        self._last_occlusion = None
        self.why.set_contrast(pair)
        self._redraw()

    def shown_values(self) -> list[np.ndarray] | None:
        """The two maps on screen (None: none), as the core computed them."""
        return self.maps_view.values

    def _redraw(self) -> None:
        self.caption.setText(self._caption())
        maps = self.why.maps
        if maps is None:
            self.maps_view.clear_maps()
            self.status.setText(
                self.tr("Draw a digit: the maps follow the pen.")
                if self.state.model is not None
                else ""
            )
            return
        method = self.method()
        ink = self._ink(maps.network_input)
        status = self._contrast_status(maps)
        if method == OCCLUSION:
            occlusion = self._last_occlusion
            if occlusion is None:
                self.maps_view.clear_maps(self._titles(maps, None))
                self._set_status(status, self.tr("Occlusion is computed when the stroke ends…"))
                return
            values = [m.map for m in occlusion.maps]
            if occlusion.generation != maps.generation:
                self._set_status(
                    status,
                    self.tr("These occlusion maps are of the previous drawing; they are "
                            "computed again when the stroke ends."),
                )  # fmt: skip
            else:
                self._set_status(status)
            titles = self._titles(maps, occlusion)
            self.maps_view.show_maps(values, True, ink, titles, OCCLUSION_LEVEL_FLOOR)
            return
        shown = [maps.map(method, i) for i in range(len(maps.targets))]
        if any(m is None for m in shown):  # a Grad-CAM layer this run did not compute
            self.maps_view.clear_maps(self._titles(maps, None))
            return
        values = [m.map for m in shown]
        self.maps_view.show_maps(values, SIGNED[method_kind(method)], ink, self._titles(maps, None))
        self._set_status(status)

    def _set_status(self, *parts: str) -> None:
        self.status.setText(" ".join(p for p in parts if p))

    def _ink(self, network_input: np.ndarray) -> np.ndarray:
        config = self.state.model.config if self.state.model is not None else None
        if config is None:
            return np.zeros(network_input.shape[-2:], np.float32)
        lo, hi = input_levels(config)
        paper = float(config.normalize(0.0))
        ink = np.abs(network_input[0] - paper) / ((hi - lo) or 1.0)
        return ink.astype(np.float32)

    def _class(self, k: int) -> str:
        return names.class_name(self._class_names[k]) if 0 <= k < len(self._class_names) else str(k)

    def _titles(self, maps: WhyMaps, occlusion: OcclusionMaps | None) -> list[str]:
        probs = maps.live.saliency[0].probs
        titles = []
        for i, target in enumerate(maps.targets):
            if isinstance(target, tuple):
                a, b = target
                head = tr_args(self.tr("Why %1 rather than %2"), self._class(a), self._class(b))
                detail = tr_args(
                    self.tr("p(%1) = %2, p(%3) = %4"),
                    self._class(a),
                    numbers.percent(float(probs[a])),
                    self._class(b),
                    numbers.percent(float(probs[b])),
                )
            else:
                k = int(target)
                if i == 0:
                    head = tr_args(self.tr("Why %1"), self._class(k))
                else:
                    head = tr_args(self.tr("and why not %1"), self._class(k))
                # Only p: what the map says of the class (sensitivity, for and against, the
                # drop under a blank square) depends on the method, and its caption says it.
                detail = tr_args(
                    self.tr("p(%1) = %2"), self._class(k), numbers.percent(float(probs[k]))
                )
            titles.append(f"{head}\n{detail}")
        return titles

    def _contrast_status(self, maps: WhyMaps) -> str:
        if self._contrast_problem == "same":
            return self.tr("Pick two different classes for the contrast.")
        if maps.contrast_failed:
            return self.tr(
                "The contrast names one class twice for this drawing; showing the first and "
                "second guess instead."
            )
        return ""

    def _caption(self) -> str:
        method = self.method()
        kind = method_kind(method)
        contrast = self.why.contrast is not None
        if kind == SALIENCY:
            text = self.tr(
                "Saliency: |∂ score / ∂ pixel|, how much a tiny change of each pixel would move "
                "the score. It shows sensitivity, not whether a pixel helps or hurts, and it is "
                "noisy."
            )
        elif kind == GRADXINPUT:
            text = self.tr(
                "Gradient × input: ∂ score / ∂ pixel × the pixel's normalised value; red raises "
                "the score, blue lowers it. A first-order estimate, measured from the "
                "normalised value 0 (the training digits' average pixel, a faint grey), not from "
                "blank paper."
            )
        elif kind == GRADCAM:
            layer = method.split(":", 1)[1]
            text = tr_args(
                self.tr(
                    "Grad-CAM on %1: %1's maps weighted by the mean gradient of the score, "
                    "ReLU, upsampled to the input. Coarse (%1's grid), and it shows only what "
                    "speaks for the score, never against."
                ),
                names.layer_name(layer),
            )
        else:
            text = self.tr(
                "Occlusion: how much p drops when a 6×6 square of blank paper covers each "
                "place (stride 2); red: covering it lowers p. Computed when the stroke ends; "
                "one square size, and a covered stroke can make another class likelier."
            )
        if contrast:
            text += " " + self.tr(
                "Contrast: the score is logit a − logit b (for occlusion p_a − p_b), what "
                "makes it a rather than b."
            )
        return text

    def _on_job_failed(self, message: str) -> None:
        self.status.setText(translate_message(message))

    # ---- the filter -------------------------------------------------------------------------
    def _filter_of(self, unit: UnitRef | None) -> tuple[str, int] | None:
        """The conv filter of a map's unit, or the class of a logit; None for anything else."""
        if unit is None or unit.layer not in (*self._conv_layers, self._output_layer):
            return None
        return unit.layer, int(unit.channel)

    def _on_selection(self, unit: UnitRef | None) -> None:
        self._selected_filter = self._filter_of(unit)
        self.hover_timer.stop()
        self._hovered_filter = None
        self._apply_filter_choice()

    def hover(self, unit: UnitRef | None) -> None:
        """The mouse is over `unit` of the network view (None: over nothing)."""
        hovered = self._filter_of(unit)
        if hovered != self._hovered_filter:
            self._hovered_filter = hovered
            self.hover_timer.start()

    def _apply_filter_choice(self) -> None:
        wanted = self._hovered_filter or self._selected_filter
        if wanted != self.filter_view.filter:
            self._show_filter(wanted)

    def _show_filter(self, wanted: tuple[str, int] | None) -> None:
        levels = input_levels(self.state.model.config) if self.state.model is not None else None
        self.filter_view.show_filter(wanted, levels)
        self._request_filter()

    def _request_filter(self, force: bool = False) -> None:
        """Ask for the shown filter's patches and visualisation (when the panel is open)."""
        if force:
            wanted = self._hovered_filter or self._selected_filter
            self.filter_view.show_filter(None)
            if wanted is not None:
                self.filter_view.show_filter(
                    wanted, input_levels(self.state.model.config) if self.state.model else None
                )
        shown = self.filter_view.filter
        if shown is None or not self.why.is_open or self.state.model is None:
            return
        layer, index = shown
        if layer in self._conv_layers:  # a class has no receptive field to search patches for
            self.patch_jobs.submit(self.why.patches_job(layer, index))
        cached = self.why.cached_featurevis(layer, index)
        if cached is not None:
            self.filter_view.set_visualisation(cached)
        else:
            self.featurevis_jobs.submit(self.why.featurevis_job(layer, index))

    # ---- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.method_label.setText(self.tr("Method:"))
        texts = {
            SALIENCY: self.tr("Saliency"),
            GRADXINPUT: self.tr("Gradient × input"),
            OCCLUSION: self.tr("Occlusion"),
        }
        for i in range(self.method_box.count()):
            method = self.method_box.itemData(i)
            if method_kind(method) == GRADCAM:
                text = tr_args(self.tr("Grad-CAM (%1)"), names.layer_name(method.split(":")[1]))
            else:
                text = texts[method]
            self.method_box.setItemText(i, text)
        self.method_box.setToolTip(self.tr("How the maps are computed"))
        self.contrast_box.setText(self.tr("Contrast:"))
        self.contrast_box.setToolTip(
            self.tr("Explain logit a − logit b: why a rather than b (and b rather than a)")
        )
        for box in (self.class_a, self.class_b):
            for i in range(box.count()):
                data = box.itemData(i)
                if data == FIRST:
                    box.setItemText(i, self.tr("first guess"))
                elif data == SECOND:
                    box.setItemText(i, self.tr("second guess"))
                else:
                    box.setItemText(i, self._class(int(data)))
        self.maps_view.relabel_colorbar()
        self._redraw()


class WhyDock(Retranslatable, LazyDock):
    """View › Why this guess? (Ctrl+Shift+W): the WhyPanel in a dock (built when first needed:
    gui/lazy_dock.py), computing only while the dock is visible."""

    scrolls_vertically = True  # its maps and captions are taller than a 720 px screen leaves
    open_height = DOCK_HEIGHT

    def __init__(self, window: QMainWindow, state: SessionState) -> None:
        super().__init__(lambda: WhyPanel(state), window)
        self.setObjectName("why_panel")
        self.toggle_action = self.toggleViewAction()
        self.toggle_action.setObjectName("show_why")
        self.toggle_action.setShortcut("Ctrl+Shift+W")
        self.toggle_action.toggled.connect(lambda on: self.raise_() if on else None)
        self.visibilityChanged.connect(self._on_visibility)
        self.retranslate()

    @property
    def panel(self) -> WhyPanel:
        return self.content()

    def _on_visibility(self, visible: bool) -> None:
        # Also False while the dock is a tab behind another one: nobody sees the maps then.
        if self.is_built() or visible:
            self.panel.set_open(visible and not self.isHidden())

    def install(self, window: Any) -> None:
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self)
        window.resizeDocks([self], [DOCK_HEIGHT], Qt.Orientation.Vertical)
        self.hide()  # until asked for; the saved layout brings it back as the user left it
        window.addAction(self.toggle_action)  # shortcuts work with the menu bar hidden
        window.view_menu.addAction(self.toggle_action)
        self.when_built(lambda panel: self._connect(window, panel))

    def _connect(self, window: Any, panel: WhyPanel) -> None:
        canvas = getattr(window, "canvas", None)
        if canvas is not None:
            canvas.strokeFinished.connect(panel.input_settled)
            panel.input_pending = lambda: bool(getattr(window, "_input_dirty", False))
        network_view = getattr(window, "network_view", None)
        if network_view is not None:
            network_view.unitHovered.connect(panel.hover)

    def open(self) -> None:
        """Show the dock in front (also when it is a tab behind the arithmetic dock)."""
        self.show()
        self.raise_()

    def busy(self) -> bool:
        return self.is_built() and self.panel.busy()

    def wait(self, msecs: int) -> bool:
        return not self.is_built() or self.panel.wait(msecs)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Why this guess?"))
        self.toggle_action.setText(self.tr("&Why this guess?"))
        self.toggle_action.setToolTip(
            self.tr("Which pixels the first and second guess depend on, and what each filter "
                    "looks for (Ctrl+Shift+W)")
        )  # fmt: skip


def install_why_dock(window: Any) -> WhyDock:
    """Add the Why dock and View › Why this guess? to a MainWindow (in its __init__, before the
    window restores its saved dock layout)."""
    dock = WhyDock(window, window.state)
    dock.install(window)
    return dock
