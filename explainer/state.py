"""Session state of the explainer window, free of Qt (the napari habit: the model knows no views).

The session is the only place that computes: it owns the current model and its fixed colour
levels, the input and what is known of it (its true label), runs preprocessing and the forward
pass, and hands out jobs (loading a model, evaluating on a test set) that a view runs on a
worker thread. Views send intents (set an input, select a unit, load a checkpoint) and subscribe
to the events below themselves; they never run the model.

Everything torch-related is imported lazily, so the window can import this module and show
itself before torch has finished importing.
"""

from __future__ import annotations

import copy
import functools
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from psygnal import Signal

from explainer.core.ablation import NO_ABLATION, Ablation
from explainer.core.edits import NO_EDITS, WeightEdits, WeightKey
from explainer.core.errors import ExplainerError
from explainer.core.inputs import CHOSEN, InputSource, TrueLabel, label_from_file_name
from explainer.core.transform import NO_TRANSFORM, DigitTransform
from explainer.core.units import UnitRef, unit_exists
from explainer.why import WhySession

if TYPE_CHECKING:  # torch-heavy modules, only for type checkers
    from explainer.core.checkpoint import Checkpoint
    from explainer.core.datasets import Dataset
    from explainer.core.model import LeNet
    from explainer.core.preprocess import Preprocessed
    from explainer.core.trace import Trace

Levels = tuple[float, float]
# (path, device) -> (model, checkpoint): how a checkpoint file becomes a model (tests swap it).
ModelLoader = Callable[[str | Path, str | None], tuple[Any, Any]]


# ---- jobs for a worker thread ---------------------------------------------------------------
@dataclass(frozen=True)
class PreparedModel:
    """A model ready to be put in place: loaded, warmed up, with its fixed colour levels."""

    model: Any  # LeNet
    checkpoint: Any  # Checkpoint | None
    levels: dict[str, Levels]


def load_model_file(path: str | Path, device: str | None) -> tuple[Any, Any]:
    """The default ModelLoader: read a checkpoint (imports torch; call it off the GUI thread)."""
    from explainer.core.checkpoint import load_model

    model, checkpoint = load_model(path, device)
    if model.device.type == "cpu":
        import torch

        # LeNet is tiny: one 32×32 pass takes ~0.2 ms on one thread, while torch's default
        # intra-op thread pool spins against the GUI thread and takes 10-100× longer.
        torch.set_num_threads(1)
    return model, checkpoint


def prepare_model(
    path: str | Path, device: str | None, loader: ModelLoader = load_model_file
) -> PreparedModel:
    """Load, warm up and compute the colour levels: all the slow work of a model switch, meant
    for a worker thread, so that `SessionState.use` on the GUI thread only swaps references."""
    from explainer.core.levels import reference_levels

    model, checkpoint = loader(path, device)
    # One throw-away pass, so that the first drawing does not pay for torch's lazy
    # initialisation (tens of ms on CPU, more for CUDA kernels).
    size = model.config.input_size
    model.forward_trace(np.zeros((model.config.in_channels, size, size), np.float32))
    return PreparedModel(model, checkpoint, reference_levels(model))


@dataclass
class EvaluationReport:
    """An evaluation (explainer.core.train.Evaluation) with the images, for a gallery."""

    evaluation: Any  # explainer.core.train.Evaluation
    dataset: Dataset
    checkpoint_name: str
    model: Any = field(repr=False)  # the session's model object the job was made from

    def __getattr__(self, name: str) -> Any:  # accuracy, confusion, labels, … of the evaluation
        if name == "evaluation":
            raise AttributeError(name)
        return getattr(self.evaluation, name)

    def cell_indices(self, true_class: int, predicted_class: int) -> np.ndarray:
        """Dataset positions of the images of class `true_class` predicted as `predicted_class`."""
        e = self.evaluation
        return np.flatnonzero((e.labels == true_class) & (e.predictions == predicted_class))


@dataclass
class EvaluationJob:
    """Evaluate a copy of the session's model (the session may switch models meanwhile).
    `run()` is a generator: it yields (done, total) after each slice and returns the report, so
    a worker can report progress and stop between two slices."""

    model: Any
    dataset_name: str
    checkpoint_name: str
    session_model: Any = field(repr=False)
    slice_size: int = 250  # ~40 progress steps for 10,000 images, 4 for the 1,000 MNIST digits
    ablation: Ablation = NO_ABLATION  # the session's knock-outs when the job was made

    def run(self) -> Generator[tuple[int, int], None, EvaluationReport]:
        from explainer.core.datasets import load_dataset
        from explainer.core.train import evaluate_steps

        dataset = load_dataset(self.dataset_name)
        try:
            evaluation = yield from evaluate_steps(
                self.model, dataset, self.slice_size, self.ablation
            )
        except RuntimeError as exc:  # torch's (out of memory, …); a worker must not lose it
            raise ExplainerError(f"the evaluation failed: {exc}") from exc
        return EvaluationReport(evaluation, dataset, self.checkpoint_name, self.session_model)

    def run_to_end(self) -> EvaluationReport:
        steps = self.run()
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return done.value


# ---- pictures the GUI puts on its canvas ----------------------------------------------------
@dataclass(frozen=True)
class Picture:
    """An image as given (`gray`, [0, 1], either polarity), the same as ink = 1 on 0 paper for
    display on a canvas, and what is known of it."""

    gray: np.ndarray
    ink: np.ndarray
    source: InputSource


def picture_from_pixels(pixels: np.ndarray, source: InputSource | None = None) -> Picture:
    """H×W, H×W×3 or H×W×4 pixels (any numeric dtype) → a Picture, with the core's grayscale
    and polarity rules (light border = dark ink on paper). ImageError when it is no image."""
    from explainer.core.preprocess import as_ink, to_grayscale

    gray = to_grayscale(pixels)
    return Picture(gray, as_ink(gray), source or InputSource())


def read_picture(path: str | Path) -> Picture:
    """An image file → a Picture whose true label is what its name says (`7_*.png`)."""
    from explainer.core.preprocess import load_image

    return picture_from_pixels(load_image(path), InputSource(label_from_file_name(path)))


def timeline_weight_levels(snapshots: tuple[Any, ...]) -> dict[str, Levels] | None:
    """Symmetric colour limits per weighted layer, fixed over a whole training timeline (the
    largest |weight| any snapshot has), so that a filter growing while it trains is seen to grow.
    None without a timeline."""
    if not snapshots:
        return None
    from explainer.core.scales import nice_ceil

    limits: dict[str, float] = {}
    for snapshot in snapshots:
        for name, weights in snapshot.state_dict.items():
            if name.endswith(".weight"):
                layer = name[: -len(".weight")]
                peak = float(np.max(np.abs(np.asarray(weights)))) if np.size(weights) else 0.0
                limits[layer] = max(limits.get(layer, 0.0), peak)
    return {layer: (-nice_ceil(peak), nice_ceil(peak)) for layer, peak in limits.items()}


def _as_tensor(value: Any) -> Any:
    import torch

    return torch.as_tensor(np.asarray(value) if not isinstance(value, torch.Tensor) else value)


def _with_tensors(snapshot: Any) -> Any:
    """A snapshot whose weights are tensors (a worker process sends numpy arrays)."""
    import dataclasses

    weights = snapshot.state_dict
    if all(not isinstance(v, np.ndarray) for v in weights.values()):
        return snapshot
    return dataclasses.replace(snapshot, state_dict={k: _as_tensor(v) for k, v in weights.items()})


def cuda_available() -> bool:
    import torch

    return bool(torch.cuda.is_available())


def dataset_available(name: str) -> bool:
    """Whether `load_dataset(name)` can find its files (Fashion-MNIST is a Debian package)."""
    from explainer.core import datasets

    if name == "fashion":
        return datasets.FASHION_DIR.is_dir()
    if name == "mnist":
        from explainer import paths

        return (paths.data_dir() / datasets.MNIST_CSV).is_file()
    return True


def _weights_copy(model: Any) -> dict[str, Any]:
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def describe_device(device: Any) -> str:
    from explainer.core.model import describe_device as describe

    return describe(device)


@functools.cache
def _preprocessing() -> tuple[Callable, Callable]:
    """(preprocess, preprocess_mnist_form), imported on first use (PIL is not needed before a
    model runs) and kept: an import statement in the per-frame path runs PySide's import hook
    on every frame."""
    from explainer.core.preprocess import preprocess, preprocess_mnist_form

    return preprocess, preprocess_mnist_form


def _weight_key(key: WeightKey | tuple) -> WeightKey:
    if isinstance(key, WeightKey):
        return key
    if isinstance(key, str):
        return WeightKey.parse(key)
    try:
        return WeightKey(*key)
    except TypeError as exc:
        raise ExplainerError(
            f"expected a weight as (layer, out_channel, in_channel, row, col), found {key!r}"
        ) from exc


def _edits_text(edits: WeightEdits, most: int = 4) -> str:
    """'conv1[0,0,2,3], conv2[1,0,0,0]' (the first `most`, then '…')."""
    keys = [key.spec() for key in edits.keys()]
    return ", ".join(keys[:most]) + (", …" if len(keys) > most else "")


# ---- the session ----------------------------------------------------------------------------
class SessionState:
    """Current model, input image, its preprocessing, its trace and the selected unit.

    Events (psygnal signals, emitted on the caller's thread):
      model_changed(model, checkpoint)   a new model is in place (the trace is recomputed after)
      input_changed(image | None)        a new raw input image (None: cleared), before the run
      trace_changed(trace | None)        new preprocessing + trace (None when the input is cleared)
      selection_changed(unit | None)
      label_changed(TrueLabel | None)    the input's true label changed (known, chosen or unknown)
      weights_changed(model)             the model's weights changed in place (a snapshot, live
                                         training); the trace is recomputed after
      timeline_changed(snapshots)        a new training timeline (a tuple, maybe empty)
      whatif_changed(kind)               a what-if changed: "knocked_out", "weights" (edited
                                         kernel weights) or "transform" (the moved digit);
                                         the trace is recomputed after
      error(ExplainerError)              a user error that left the state unchanged
      notice(text)                       news for the status bar (the GPU failed: now on CPU)

    What-ifs (values next to the model and the input, see explainer/core/ablation.py, edits.py
    and transform.py): `knocked_out`, the units switched off; `edited`, the kernel weights set
    by hand (written into `model` in place, the originals kept, the checkpoint file never
    touched); `transform`, how the digit is moved after preprocessing. They apply to everything
    the session computes. Another computation on the current network (attribution, ...) uses
    `model` (it holds the edited weights) with `ablate=state.ablation`, on
    `preprocessed.network_input` (the moved digit).

    `why` (explainer.why.WhySession) has the Why panel's events: while it is open, every run
    computes the attribution maps of that effective network in the same pass as the trace.
    """

    model_changed = Signal(object, object)
    input_changed = Signal(object)
    trace_changed = Signal(object)
    selection_changed = Signal(object)
    label_changed = Signal(object)
    weights_changed = Signal(object)
    timeline_changed = Signal(object)
    whatif_changed = Signal(str)
    error = Signal(object)
    notice = Signal(str)  # something the user should know that is not an error (GPU → CPU)

    def __init__(self) -> None:
        self.model: LeNet | None = None
        self._device_name: tuple[Any, str] | None = None  # (device, its description)
        self.checkpoint: Checkpoint | None = None
        self.levels: dict[str, Levels] = {}  # fixed colour limits of the model's layers
        self.image: np.ndarray | None = None
        self.source = InputSource()  # what is known of `image` (see set_input)
        self._chosen_label: int | None = None  # picked by the user for an unlabelled input
        self._chosen_classes: tuple[str, ...] | None = None  # the classes it was picked among
        self.preprocessed: Preprocessed | None = None
        self.trace: Trace | None = None
        self.selection: UnitRef | None = None
        self.inference_ms: float | None = None  # forward pass only
        self.preprocess_ms: float | None = None
        self.runs = 0  # forward passes done, for tests and diagnostics
        self.last_error: ExplainerError | None = None  # of the last run (e.g. input cannot fit)
        self._leader: SessionState | None = None
        self._following = False
        # The training timeline of the model (its checkpoint's snapshots, or a run's so far),
        # the snapshot whose weights the model holds now (None: its own final weights), and
        # colour limits for the filters fixed over the whole timeline.
        self.timeline: tuple[Any, ...] = ()
        self.timeline_index: int | None = None
        self.weight_levels: dict[str, Levels] | None = None
        self._final_weights: dict[str, Any] | None = None
        # What-if experiments (see the class docstring).
        self.knocked_out: Ablation = NO_ABLATION
        self.edited: WeightEdits = NO_EDITS
        self.transform: DigitTransform = NO_TRANSFORM
        self.why = WhySession(self)

    # ---- model -----------------------------------------------------------------------------
    @property
    def ready(self) -> bool:
        return self.model is not None

    @property
    def device(self):  # torch.device | None, untyped so that torch stays unimported
        return self.model.device if self.model is not None else None

    @property
    def device_name(self) -> str | None:
        """'CPU' or 'GPU: <name>' of the current model; None without one."""
        if self.model is None:
            return None
        device = self.model.device
        if self._device_name is None or self._device_name[0] != device:
            self._device_name = (device, describe_device(device))  # asked for on every frame
        return self._device_name[1]

    def set_model(
        self,
        model: LeNet,
        checkpoint: Checkpoint | None = None,
        levels: dict[str, Levels] | None = None,
    ) -> None:
        """Put a model in place and rerun the current input through it. `levels`: its fixed
        colour limits (computed here, on this thread, when not given; `prepare_model` computes
        them off the GUI thread)."""
        if levels is None:
            from explainer.core.levels import reference_levels

            levels = reference_levels(model)
        label_before = self.true_label
        self._drop_edits()  # they are the old model's weights (written back first)
        self.model, self.checkpoint, self.levels = model, checkpoint, dict(levels)
        self._final_weights = None
        self.timeline_index = None
        self.timeline = tuple(getattr(checkpoint, "snapshots", ()) or ())
        self.weight_levels = timeline_weight_levels(self.timeline)
        if self.selection is not None and not unit_exists(model.config, self.selection):
            self.select(None)
        self.model_changed.emit(model, checkpoint)
        self.timeline_changed.emit(self.timeline)
        self._fit_knocked_out()
        if self.true_label != label_before:  # e.g. class 12 of a file name, 10-class model
            self.label_changed.emit(self.true_label)
        if self.image is not None:
            self._run_safely()

    def use(self, prepared: PreparedModel) -> None:
        self.set_model(prepared.model, prepared.checkpoint, prepared.levels)

    def load_checkpoint(self, path: str | Path, device: str | None = None) -> None:
        """Load a checkpoint file here and now. On a CheckpointError the previous model and
        input stay, `error` is emitted and the error is raised for the caller to show."""
        try:
            prepared = prepare_model(path, device)
        except ExplainerError as exc:
            self.error.emit(exc)
            raise
        self.use(prepared)

    def evaluation_job(self, dataset_name: str) -> EvaluationJob:
        """A job that evaluates (a copy of) the current model on a dataset: `run()` it on a
        worker thread; ExplainerError there says what is wrong with the data. The what-ifs
        apply: the copy has the edited weights, and the units switched off stay off."""
        if self.model is None:
            raise ExplainerError("no model is loaded yet")
        name = self.checkpoint.name if self.checkpoint is not None else ""
        return EvaluationJob(
            copy.deepcopy(self.model), dataset_name, name, self.model, ablation=self.knocked_out
        )

    # ---- weights: a training timeline, live training -----------------------------------------
    def show_snapshot(self, index: int | None) -> None:
        """Give the model the weights of timeline snapshot `index` (None: back to its own final
        weights) and rerun the input. The checkpoint is never changed."""
        if self.model is None:
            return
        self._drop_edits()  # before the model's own weights are kept aside or put back
        if index is None:
            if self._final_weights is not None:
                self._load_weights(self._final_weights)
            self.timeline_index = None
        else:
            if not self.timeline:
                raise ExplainerError("this model has no training timeline")
            if not -len(self.timeline) <= index < len(self.timeline):
                raise ExplainerError(
                    f"snapshot {index} is out of range: the timeline has {len(self.timeline)} "
                    f"snapshots (0 to {len(self.timeline) - 1})"
                )
            if self._final_weights is None:
                self._final_weights = _weights_copy(self.model)
            self._load_weights(self.timeline[index].state_dict)
            self.timeline_index = index % len(self.timeline)
        self.weights_changed.emit(self.model)
        if self.image is not None:
            self._run_safely()

    def set_weights(
        self, state_dict: dict[str, Any], levels: dict[str, Levels] | None = None
    ) -> None:
        """New weights for the model in place (a training run's live weights), optionally with
        new fixed colour levels; reruns the input. They become the model's own weights."""
        if self.model is None:
            return
        self._drop_edits()
        self._load_weights(state_dict)
        self._final_weights = None
        self.timeline_index = None
        if levels is not None:
            self.levels = dict(levels)
        self.weights_changed.emit(self.model)
        if self.image is not None:
            self._run_safely()

    def set_timeline(self, snapshots: tuple[Any, ...]) -> None:
        """A new (or grown) timeline for the current model, e.g. while it trains."""
        self.timeline = tuple(_with_tensors(s) for s in snapshots)
        self.weight_levels = timeline_weight_levels(self.timeline)
        if self.timeline_index is not None and self.timeline_index >= len(self.timeline):
            self.timeline_index = None
        self.timeline_changed.emit(self.timeline)

    def start_new_model(self, config: Any, weights: dict[str, Any], name: str) -> None:
        """A network made here (a training run's initial one): built from `config` with
        `weights` on the CPU, its colour levels computed, put in place; it has no file yet."""
        from explainer.core.checkpoint import Checkpoint
        from explainer.core.model import LeNet

        model = LeNet(config)
        with_weights = {k: _as_tensor(v) for k, v in weights.items()}
        model.load_state_dict(with_weights)
        model.eval()
        checkpoint = Checkpoint(config, with_weights, {"name": name, "trained": False})
        self.set_model(model, checkpoint)

    def finish_training(
        self, weights: dict[str, Any], metadata: dict[str, Any], snapshots: tuple[Any, ...]
    ) -> None:
        """A run in the window ended: its final weights become the model's own, and its
        checkpoint (not yet saved) carries the metadata and the timeline."""
        from explainer.core.checkpoint import Checkpoint

        if self.model is None:
            return
        self._drop_edits()
        final = {k: _as_tensor(v) for k, v in weights.items()}
        self._load_weights(final)
        self._final_weights = None
        self.timeline_index = None
        old = self.checkpoint
        name = metadata.get("name") or (old.name if old is not None else "training run")
        self.set_timeline(tuple(snapshots))
        self.checkpoint = Checkpoint(
            self.model.config, final, {**metadata, "name": name}, None, self.timeline
        )
        self.weights_changed.emit(self.model)
        if self.image is not None:
            self._run_safely()

    def save_checkpoint(self, path: str | Path) -> Path:
        """Write the model's own final weights (never a snapshot being shown), its metadata and
        its timeline as a checkpoint file, atomically. CheckpointError when it cannot."""
        from explainer.core.checkpoint import Checkpoint, save_checkpoint
        from explainer.core.errors import CheckpointError

        if self.model is None:
            raise ExplainerError("there is no model to save")
        final = self._final_weights or _weights_copy(self.model)
        model = copy.deepcopy(self.model).to("cpu")
        for name, tensor in model.state_dict().items():
            tensor.copy_(_as_tensor(final[name]))
        old = self.checkpoint
        metadata = dict(old.metadata) if old is not None else {}
        metadata["name"] = Path(path).stem
        metadata.pop("edited_weights", None)
        if self.edited:  # said in the file, so that it is no mystery where they came from
            metadata["edited_weights"] = self.edited.describe()
        try:
            written = save_checkpoint(path, model, metadata, self.timeline)
        except OSError as exc:
            raise CheckpointError(f"could not write {path}: {exc.strerror or exc}") from exc
        if self.edited:
            self.notice.emit(
                f"saved {written.name} with edited weights: {_edits_text(self.edited)}"
            )
        self.checkpoint = Checkpoint(
            model.config, {k: v.clone() for k, v in model.state_dict().items()}, metadata,
            written, self.timeline,
        )  # fmt: skip
        return written

    def snapshot_model(self, index: int, label: str | None = None) -> PreparedModel:
        """A separate copy of the model with snapshot `index`'s weights (e.g. for Compare),
        named `label` (default: "<name>, snapshot 3 of 21 (step 2)", counted as the timeline
        counts them)."""
        from explainer.core.checkpoint import Checkpoint

        if self.model is None or not self.timeline:
            raise ExplainerError("this model has no training timeline")
        snapshot = self.timeline[index]
        model = copy.deepcopy(self.model)
        with_weights = {k: _as_tensor(v) for k, v in snapshot.state_dict.items()}
        for name, tensor in model.state_dict().items():
            tensor.copy_(with_weights[name])
        name = self.checkpoint.name if self.checkpoint is not None else "model"
        if label is None:
            position = index % len(self.timeline) + 1
            label = f"{name}, snapshot {position} of {len(self.timeline)} (step {snapshot.step})"
        checkpoint = Checkpoint(model.config, with_weights, {"name": label})
        return PreparedModel(model, checkpoint, dict(self.levels))

    def _load_weights(self, state_dict: dict[str, Any]) -> None:
        import torch

        assert self.model is not None
        with torch.no_grad():
            for name, tensor in self.model.state_dict().items():
                tensor.copy_(torch.as_tensor(state_dict[name]))

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
        try:
            return self._run()
        except ExplainerError as exc:  # e.g. an input this model's preprocessing refuses
            self.error.emit(exc)
            raise

    @property
    def image_is_mnist_form(self) -> bool:
        return self.source.mnist_form

    def load_image(self, path: str | Path) -> Trace | None:
        """Read an image file as the input. A bad file emits `error`, raises ImageError and
        leaves the previous input and trace as they were."""
        try:
            picture = read_picture(path)
        except ExplainerError as exc:
            self.error.emit(exc)
            raise
        return self.set_input(picture.gray, picture.source)

    def clear_input(self) -> None:
        before = self.true_label
        self.image = self.preprocessed = self.trace = None
        self.source = InputSource()  # a label the user picked stays for the next drawing
        self.input_changed.emit(None)
        self.trace_changed.emit(None)
        self.why.reset()
        if self.true_label != before:
            self.label_changed.emit(self.true_label)

    def rerun(self) -> Trace | None:
        return self._run() if (self.model is not None and self.image is not None) else None

    def rerun_safely(self) -> Trace | None:
        """rerun, with an input the model cannot take reported (`error`), not raised."""
        return self._run_safely() if (self.model is not None and self.image is not None) else None

    def _run_safely(self) -> Trace | None:
        """_run for a model switch: an input the new model cannot take is reported, not raised
        (the new model stays; the old trace is dropped)."""
        try:
            return self._run()
        except ExplainerError as exc:
            self.preprocessed = self.trace = None
            self.last_error = exc
            self.error.emit(exc)
            self.trace_changed.emit(None)
            self.why.reset()
            return None

    def _run(self) -> Trace:
        assert self.model is not None and self.image is not None
        start = time.perf_counter()
        preprocess, preprocess_mnist_form = _preprocessing()
        prepare = preprocess_mnist_form if self.source.mnist_form else preprocess
        preprocessed = prepare(self.image, self.model.config)
        if not self.transform.is_identity:
            from explainer.core.transform import move_preprocessed

            preprocessed = move_preprocessed(preprocessed, self.transform, self.model.config)
        middle = time.perf_counter()
        # forward_trace copies the result to the host, so the time includes the GPU's work.
        try:
            trace = self._forward(preprocessed.network_input)
        except RuntimeError as exc:
            from explainer.core.model import is_gpu_failure

            if not is_gpu_failure(exc):
                raise
            self._fall_back_to_cpu(exc)  # and one more try there; a second failure is raised
            trace = self._forward(preprocessed.network_input)
        end = time.perf_counter()
        self.preprocessed, self.trace, self.last_error = preprocessed, trace, None
        self.preprocess_ms = (middle - start) * 1e3
        self.inference_ms = (end - middle) * 1e3
        self.runs += 1
        self.trace_changed.emit(trace)
        self.why.publish()  # the maps of the same pass, after the panels have the trace
        return trace

    def _forward(self, network_input: np.ndarray) -> Trace:
        """One forward pass of the effective network (with its knock-outs): the trace, and
        while the Why panel is open the attribution maps from the same pass (one forward and
        one backward: ≈ 1 ms more than forward_trace on the CPU)."""
        assert self.model is not None
        if self.why.is_open:
            return self.why.run(self.model, network_input, self.knocked_out)
        return self.model.forward_trace(network_input, self.knocked_out)

    def _fall_back_to_cpu(self, exc: BaseException) -> None:
        """The GPU failed (out of memory, a CUDA error): the model goes on on the CPU, and a
        notice says so (the window shows it in its status bar)."""
        assert self.model is not None
        self.model.to("cpu")
        self.why.forget_model_copy()
        if self._final_weights is not None:
            self._final_weights = {k: v.to("cpu") for k, v in self._final_weights.items()}
        reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        self.notice.emit(f"the GPU failed ({reason}); the network now runs on the CPU")

    # ---- true label ------------------------------------------------------------------------
    @property
    def true_label(self) -> TrueLabel | None:
        """The input's true class: the one its source states, else the one the user picked,
        else None (unknown). Never the network's guess. A class index the current model does
        not have, or a label given among other classes (an MNIST sample under a Fashion-MNIST
        model), counts as unknown."""
        label = self.source.label
        if label is None and self._chosen_label is not None:
            label = TrueLabel(self._chosen_label, CHOSEN, self._chosen_classes)
        if label is None or self.model is None:
            return label
        classes = tuple(self.model.config.class_names)
        if label.classes is not None and label.classes != classes:
            return None  # stated for other classes: an MNIST digit under Fashion-MNIST
        return label if label.index < len(classes) else None

    def choose_true_label(self, index: int | None) -> None:
        """The user says which class the input really is (None: unknown again). It holds for
        hand drawings until the input is cleared; a picture with a known label overrides it."""
        before = self.true_label
        self._chosen_label = index
        # Picked among this model's classes: another model's class of that index is not it.
        self._chosen_classes = tuple(self.model.config.class_names) if self.model else None
        if self.source.label is not None and index is not None:
            label = TrueLabel(index, CHOSEN, self._chosen_classes)
            self.source = InputSource(label, self.source.mnist_form)
        if self.true_label != before:
            self.label_changed.emit(self.true_label)

    # ---- selection -------------------------------------------------------------------------
    def select(self, unit: UnitRef | None) -> None:
        if unit == self.selection:
            return
        self.selection = unit
        self.selection_changed.emit(unit)

    # ---- what if: knock-outs, edited weights, the moved digit ----------------------------------
    @property
    def ablation(self) -> Ablation:
        """The units switched off, for any computation on the current network
        (`model.forward(x, ablate=state.ablation)`, the attributions' `ablate=`)."""
        return self.knocked_out

    def set_knocked_out(self, units: Ablation | Any) -> None:
        """Switch exactly these units off (an Ablation, "conv2:3,fc1:0" or (layer, index)
        pairs) and rerun. Units the model lacks: `error` is emitted and ExplainerError raised,
        nothing changes."""
        try:
            ablation = Ablation.of(units)
            if self.model is not None:
                ablation.validate(self.model.config)
        except ExplainerError as exc:
            self.error.emit(exc)
            raise
        if ablation == self.knocked_out:
            return
        self.knocked_out = ablation
        self.whatif_changed.emit("knocked_out")
        self._rerun_whatif()

    def toggle_unit(self, layer: str, index: int) -> None:
        """Switch a conv channel or an FC unit off, or back on when it was off."""
        self.set_knocked_out(self.knocked_out.toggled(layer, index))

    def switch_all_on(self) -> None:
        self.set_knocked_out(NO_ABLATION)

    def weight(self, key: WeightKey | tuple) -> float:
        """The value the network uses now for one kernel weight (edited or not)."""
        from explainer.core.edits import read_weight

        if self.model is None:
            raise ExplainerError("no model is loaded yet")
        return read_weight(self.model, _weight_key(key))

    def is_edited(self, key: WeightKey | tuple) -> bool:
        return _weight_key(key) in self.edited

    def set_weight(self, key: WeightKey | tuple, value: float) -> None:
        """Give one conv kernel weight, (layer, out_channel, in_channel, row, col), another
        value for the rest of the session (the checkpoint and its file stay as they were), and
        rerun. Setting it back to its original value un-edits it. A weight that does not exist
        or a value that is no finite number: `error`, ExplainerError, nothing changes."""
        from explainer.core.edits import check_weight_value, read_weight, write_weight

        try:
            if self.model is None:
                raise ExplainerError("no model is loaded yet")
            key = _weight_key(key).validate(self.model.config)
            value = check_weight_value(value)
        except ExplainerError as exc:
            self.error.emit(exc)
            raise
        before = read_weight(self.model, key)
        original = self.edited.original(key)
        write_weight(self.model, key, value)
        stored = read_weight(self.model, key)  # as float32 holds it
        edited = self.edited.with_value(key, before if original is None else original, stored)
        if edited == self.edited:
            return
        self.edited = edited
        self._after_edit()

    def reset_weight(self, key: WeightKey | tuple) -> None:
        """One edited weight back to its original value (nothing when it is not edited)."""
        from explainer.core.edits import write_weight

        key = _weight_key(key)
        original = self.edited.original(key)
        if original is None or self.model is None:
            return
        write_weight(self.model, key, original)
        self.edited = self.edited.without(key)
        self._after_edit()

    def reset_weights(self) -> None:
        """Every edited weight back to its original value."""
        if not self.edited:
            return
        self._write_originals()
        self.edited = NO_EDITS
        self._after_edit()

    def set_transform(self, transform: DigitTransform | None) -> None:
        """Move the digit (None: not at all) and rerun."""
        transform = transform or NO_TRANSFORM
        if not isinstance(transform, DigitTransform):
            exc = ExplainerError(f"expected a DigitTransform, found {transform!r}")
            self.error.emit(exc)
            raise exc
        if transform == self.transform:
            return
        self.transform = transform
        self.whatif_changed.emit("transform")
        self._rerun_whatif()

    def reset_whatifs(self) -> None:
        """Everything back as loaded and drawn: all units on, no edited weight, not moved."""
        self.switch_all_on()
        self.reset_weights()
        self.set_transform(None)

    def _after_edit(self) -> None:
        self.whatif_changed.emit("weights")
        self.weights_changed.emit(self.model)
        self._rerun_whatif()

    def _rerun_whatif(self) -> None:
        if self.model is not None and self.image is not None:
            self._run_safely()

    def _write_originals(self) -> None:
        from explainer.core.edits import write_weight

        if self.model is not None:
            for edit in self.edited:
                write_weight(self.model, edit.key, edit.original)

    def _drop_edits(self) -> None:
        """New weights are coming (another model, a snapshot, a training step): the edits no
        longer apply. The originals go back into the current model first, so that a model
        object kept elsewhere (a snapshot's copy, a comparison) holds its own weights."""
        if not self.edited:
            return
        dropped = self.edited
        self._write_originals()
        self.edited = NO_EDITS
        self.notice.emit(
            f"edited weights dropped ({_edits_text(dropped)}): they do not apply to the new weights"
        )
        self.whatif_changed.emit("weights")

    def _fit_knocked_out(self) -> None:
        """After a model switch: knock-outs the new model has no unit for are switched back on."""
        if self.model is None or not self.knocked_out:
            return
        kept = self.knocked_out.restricted_to(self.model.config)
        if kept == self.knocked_out:
            return
        gone = Ablation(self.knocked_out.units - kept.units)
        self.knocked_out = kept
        self.notice.emit(f"switched back on (this model has no such units): {gone.spec()}")
        self.whatif_changed.emit("knocked_out")

    # ---- a second session on the same input (compare mode) ---------------------------------
    def follower(self) -> SessionState:
        """A second session that is fed this one's input (each model preprocesses it for its
        own config), while `set_following(True)`. Its own model is set with set_model/use."""
        other = SessionState()
        other._leader = self
        self.input_changed.connect(other._on_leader_input)
        self.whatif_changed.connect(other._on_leader_whatif)
        return other

    @property
    def following(self) -> bool:
        return self._following

    def set_following(self, on: bool) -> None:
        """Start (catching up with the leader's current input) or stop following."""
        self._following = on
        if on and self._leader is not None:
            self._on_leader_input(self._leader.image)

    def _on_leader_whatif(self, kind: str) -> None:
        """The same input means the same moved digit (knock-outs and edits are the leader's
        model's own)."""
        if self._following and kind == "transform" and self._leader is not None:
            self.set_transform(self._leader.transform)

    def _on_leader_input(self, image: np.ndarray | None) -> None:
        if not self._following:
            return
        leader = self._leader
        if image is None:
            self.clear_input()
            return
        assert leader is not None
        self.transform = leader.transform
        self.source = InputSource(mnist_form=leader.source.mnist_form)
        self.image = image
        if self.model is not None:
            self._run_safely()
