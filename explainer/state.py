"""Session state of the explainer window, free of Qt (the napari habit: the model knows no views).

The views send intents (set an input, select a unit, load a checkpoint) and listen to events.
Everything torch-related is imported lazily, so the window can import this module and show
itself before torch has finished importing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from explainer.core.errors import ExplainerError
from explainer.core.inputs import CHOSEN, InputSource, TrueLabel
from explainer.core.units import UnitRef, unit_exists

if TYPE_CHECKING:  # torch-heavy modules, only for type checkers
    from explainer.core.checkpoint import Checkpoint
    from explainer.core.model import LeNet
    from explainer.core.preprocess import Preprocessed
    from explainer.core.trace import Trace


class Event:
    """A list of callbacks: `event.connect(fn)`, `event.emit(*args)`. Plain Python, no Qt."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._callbacks: list[Callable[..., Any]] = []

    def connect(self, callback: Callable[..., Any]) -> None:
        self._callbacks.append(callback)

    def disconnect(self, callback: Callable[..., Any]) -> None:
        self._callbacks.remove(callback)

    def emit(self, *args: Any) -> None:
        for callback in list(self._callbacks):
            callback(*args)

    def __repr__(self) -> str:
        return f"Event({self.name!r}, {len(self._callbacks)} callbacks)"


class SessionState:
    """Current model, input image, its preprocessing, its trace and the selected unit.

    Events (all emitted on the caller's thread):
      model_changed(model, checkpoint)   a new model is in place (the trace is recomputed after)
      input_changed(image)               a new raw input image (before the model may have run)
      trace_changed(trace | None)        new preprocessing + trace (None when the input is cleared)
      selection_changed(unit | None)
      label_changed(TrueLabel | None)    the input's true label changed (known, chosen or unknown)
      error(ExplainerError)              a user error that left the state unchanged
    """

    def __init__(self) -> None:
        self.model: LeNet | None = None
        self.checkpoint: Checkpoint | None = None
        self.image: np.ndarray | None = None
        self.source = InputSource()  # what is known of `image` (see set_input)
        self._chosen_label: int | None = None  # picked by the user for an unlabelled input
        self.preprocessed: Preprocessed | None = None
        self.trace: Trace | None = None
        self.selection: UnitRef | None = None
        self.inference_ms: float | None = None  # forward pass only
        self.preprocess_ms: float | None = None
        self.runs = 0  # forward passes done, for tests and diagnostics

        self.model_changed = Event("model_changed")
        self.input_changed = Event("input_changed")
        self.trace_changed = Event("trace_changed")
        self.selection_changed = Event("selection_changed")
        self.label_changed = Event("label_changed")
        self.error = Event("error")

    # ---- model -----------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.model is not None

    @property
    def device(self):  # torch.device | None, untyped so that torch stays unimported
        return self.model.device if self.model is not None else None

    def set_model(self, model: LeNet, checkpoint: Checkpoint | None = None) -> None:
        """Put a loaded model in place and rerun the current input through it."""
        label_before = self.true_label
        self.model, self.checkpoint = model, checkpoint
        if self.selection is not None and not unit_exists(model.config, self.selection):
            self.select(None)
        self.model_changed.emit(model, checkpoint)
        if self.true_label != label_before:  # e.g. class 12 of a file name, 10-class model
            self.label_changed.emit(self.true_label)
        if self.image is not None:
            self._run()

    def load_checkpoint(self, path: str | Path, device: str | None = None) -> None:
        """Load a checkpoint file. On a CheckpointError the previous model and input stay,
        `error` is emitted and the error is raised for the caller to show."""
        from explainer.core.checkpoint import load_model

        try:
            model, checkpoint = load_model(path, device)
        except ExplainerError as exc:
            self.error.emit(exc)
            raise
        self.set_model(model, checkpoint)

    # ---- input -----------------------------------------------------------------------------
    def set_input(self, image: np.ndarray, source: InputSource | None = None) -> Trace | None:
        """A new raw image (any size, grayscale [0, 1], either polarity). Runs preprocessing and
        the forward pass when a model is loaded; otherwise keeps it until one arrives.

        `source` says what is known of it: its true label (a sample, a test-set image, a file
        named ``7_*.png``) and whether it is a 28×28 test-set image in MNIST form, which is only
        padded and normalised, exactly as evaluation feeds it, so that its explanation matches
        the prediction the evaluation reported. None: a drawing, nothing known."""
        source = source or InputSource()
        image = np.asarray(image, dtype=np.float32)
        if image.ndim != 2 or (source.mnist_form and image.shape != (28, 28)):
            expected = "a 28×28 MNIST-form image" if source.mnist_form else "2-D grayscale"
            exc = ExplainerError(f"input image must be {expected}, found shape {image.shape}")
            self.error.emit(exc)
            raise exc
        before = self.true_label
        if source.label is not None:
            self._chosen_label = None  # a known label replaces whatever was picked before
        self.image = image
        self.source = source
        self.input_changed.emit(image)
        if self.true_label != before:
            self.label_changed.emit(self.true_label)
        if self.model is None:
            return None
        return self._run()

    @property
    def image_is_mnist_form(self) -> bool:
        return self.source.mnist_form

    # ---- true label ------------------------------------------------------------------------
    @property
    def true_label(self) -> TrueLabel | None:
        """The input's true class: the one its source states, else the one the user picked,
        else None (unknown). Never the network's guess. A class index the current model does
        not have counts as unknown."""
        label = self.source.label
        if label is None and self._chosen_label is not None:
            label = TrueLabel(self._chosen_label, CHOSEN)
        if label is None or self.model is None:
            return label
        return label if label.index < self.model.config.num_classes else None

    def choose_true_label(self, index: int | None) -> None:
        """The user says which class the input really is (None: unknown again). It holds for
        hand drawings until the input is cleared; a picture with a known label overrides it."""
        before = self.true_label
        self._chosen_label = index
        if self.source.label is not None and index is not None:
            self.source = InputSource(TrueLabel(index, CHOSEN), self.source.mnist_form)
        if self.true_label != before:
            self.label_changed.emit(self.true_label)

    def load_image(self, path: str | Path) -> Trace | None:
        """Read an image file as the input. A bad file emits `error`, raises ImageError and
        leaves the previous input and trace as they were."""
        from explainer.core.inputs import label_from_file_name
        from explainer.core.preprocess import load_image

        try:
            image = load_image(path)
        except ExplainerError as exc:
            self.error.emit(exc)
            raise
        return self.set_input(image, InputSource(label_from_file_name(path)))

    def clear_input(self) -> None:
        before = self.true_label
        self.image = self.preprocessed = self.trace = None
        self.source = InputSource()  # a label the user picked stays for the next drawing
        self.trace_changed.emit(None)
        if self.true_label != before:
            self.label_changed.emit(self.true_label)

    def rerun(self) -> Trace | None:
        return self._run() if (self.model is not None and self.image is not None) else None

    def _run(self) -> Trace:
        from explainer.core.preprocess import preprocess, preprocess_mnist_form

        assert self.model is not None and self.image is not None
        start = time.perf_counter()
        prepare = preprocess_mnist_form if self.source.mnist_form else preprocess
        preprocessed = prepare(self.image, self.model.config)
        middle = time.perf_counter()
        # forward_trace copies the result to the host, so the time includes the GPU's work.
        network_input = preprocessed.network_input
        if not network_input.flags.writeable:  # torch warns about read-only (broadcast) arrays
            network_input = network_input.copy()
        trace = self.model.forward_trace(network_input)
        end = time.perf_counter()
        self.preprocessed, self.trace = preprocessed, trace
        self.preprocess_ms = (middle - start) * 1e3
        self.inference_ms = (end - middle) * 1e3
        self.runs += 1
        self.trace_changed.emit(trace)
        return trace

    # ---- selection -------------------------------------------------------------------------
    def select(self, unit: UnitRef | None) -> None:
        if unit == self.selection:
            return
        self.selection = unit
        self.selection_changed.emit(unit)
