"""The session's side of the Why panel (Qt-free): live maps, and jobs for a worker thread.

`SessionState.why` is a `WhySession`. While the panel is open (`set_open(True)`) the session runs
`core.attribution.live_attributions` INSTEAD of `forward_trace` for every input: one forward and
one backward pass give the trace the other panels draw and, for two targets, saliency,
gradient × input and Grad-CAM on the layers asked for (`set_gradcam_layers`: the one the panel
shows, or none; each costs ≈ 0.1 ms) — ≈ 1 ms more than the trace alone on the 2-core CPU
(bench/why.py). `maps_changed(WhyMaps)` follows `trace_changed`. Closed, nothing extra
runs and nothing is emitted.

The slow parts are jobs a view runs on a worker thread, each on its own copy of the network:

- `occlusion_job()`: the occlusion maps of the same two targets for the current input (batched,
  ~20–60 ms), to start when the stroke ends or the input settles;
- `patches_job(layer, filter)`: a conv filter's top-9 patches over the checkpoint's held-out
  data (explainer.core.patches; the index of all filters is built once per weights);
- `featurevis_job(layer, filter)`: the input that excites the filter most (an optimisation).

A job's result says what it was computed from — the run (`generation`) for occlusion, the
weights' content hash for patches and feature visualisation — and `accept` emits it only while
that is still what the session shows: a result that arrives after a new drawing, a model switch
or edited weights is dropped, never shown for the wrong network.

The maps explain the *effective* network: the session's knock-outs (`ablation`) and whatever
weights the model holds now (a snapshot, edited kernels) — the same network as the trace.
Patches and feature visualisation describe the filter itself (no knock-outs: see core/patches.py).
"""

from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from psygnal import Signal

from explainer.core.errors import ExplainerError

if TYPE_CHECKING:
    from explainer.core.attribution import Attribution, LiveAttributions
    from explainer.core.featurevis import FeatureVisualisation
    from explainer.core.patches import Patch
    from explainer.state import SessionState

FIRST, SECOND = "first", "second"  # as explainer.core.attribution (not imported: torch)
FEATUREVIS_CACHE_SIZE = 64


@dataclass(frozen=True)
class WhyMaps:
    """The live maps of one run: `live` (core LiveAttributions, two targets: the first and the
    second guess, or a contrast a − b and b − a), the network input they are over, and the run."""

    live: LiveAttributions
    network_input: np.ndarray  # (C, S, S), normalised, as the network saw it
    generation: int
    contrast: bool  # the targets are (a, b) and (b, a)
    ablation: Any = None  # the knock-outs of the pass (an Ablation, or None)
    # A contrast was asked for but named one class twice this run (e.g. "first guess" and the
    # class that is the first guess): the maps are the first and second guess's instead.
    contrast_failed: bool = False

    @property
    def targets(self) -> tuple[int | tuple[int, int], ...]:
        return self.live.targets

    def map(self, method: str, index: int) -> Attribution | None:
        """'saliency', 'gradxinput' or 'gradcam:<layer>' of the index-th target (None: that
        Grad-CAM layer was not asked for in this run)."""
        return self.live.maps(index).get(method)


@dataclass(frozen=True)
class OcclusionMaps:
    """Occlusion maps (core Attribution) of the targets of run `generation`."""

    generation: int
    targets: tuple[int | tuple[int, int], ...]
    maps: tuple[Attribution, ...]


@dataclass(frozen=True)
class FilterPatches:
    weights_key: str
    layer: str
    filter_index: int
    patches: tuple[Patch, ...]
    dataset_name: str  # the data searched: name and split (as load_dataset takes them)
    dataset_split: str
    dataset_size: int


@dataclass(frozen=True)
class FilterVisualisation:
    weights_key: str
    layer: str
    filter_index: int
    visualisation: FeatureVisualisation


# ---- jobs: plain callables for a worker thread ---------------------------------------------------
@dataclass
class OcclusionJob:
    model: Any  # a copy of the session's network (LeNet)
    network_input: np.ndarray
    targets: tuple[int | tuple[int, int], ...]  # resolved classes (the live maps' own)
    ablation: Any
    generation: int

    def __call__(self) -> OcclusionMaps:
        from explainer.core.attribution import occlusion

        maps = tuple(
            occlusion(self.model, self.network_input, t, ablate=self.ablation) for t in self.targets
        )
        return OcclusionMaps(self.generation, self.targets, maps)


_datasets: dict[tuple[str, str | None], Any] = {}
_datasets_lock = threading.Lock()
_index_lock = threading.Lock()  # core.patches' memory cache is not meant for two threads


def _heldout(checkpoint: Any) -> Any:
    """The checkpoint's held-out dataset (core.patches.heldout_dataset), loaded once per name."""
    from explainer.core.datasets import SPLITS, dataset_kind, load_dataset

    metadata = checkpoint.metadata if checkpoint is not None else {}
    name = metadata.get("dataset")
    name = name if isinstance(name, str) and name else "mnist"
    split = metadata.get("eval_split")
    if split not in SPLITS[dataset_kind(name)]:
        split = None
    with _datasets_lock:
        if (name, split) not in _datasets:
            _datasets[(name, split)] = load_dataset(name, split)
        return _datasets[(name, split)]


@dataclass
class PatchesJob:
    model: Any
    checkpoint: Any
    weights_key: str
    layer: str
    filter_index: int
    k: int = 9

    def __call__(self) -> FilterPatches:
        from explainer.core.patches import patch_index

        dataset = _heldout(self.checkpoint)
        with _index_lock:
            index = patch_index(self.model, dataset, content_hash=self.weights_key)
        patches = index.top(self.layer, self.filter_index, self.k)
        return FilterPatches(
            self.weights_key,
            self.layer,
            self.filter_index,
            tuple(patches),
            dataset.name,
            dataset.split,
            len(dataset),
        )


@dataclass
class FeatureVisJob:
    model: Any
    weights_key: str
    layer: str
    filter_index: int

    def __call__(self) -> FilterVisualisation:
        from explainer.core.featurevis import visualise

        result = visualise(self.model, self.layer, self.filter_index)
        return FilterVisualisation(self.weights_key, self.layer, self.filter_index, result)


# ---- the session part ----------------------------------------------------------------------------
class WhySession:
    """The Why panel's share of a SessionState (see the module doc).

    Events (psygnal, on the caller's thread):
      maps_changed(WhyMaps | None)            after each run while open; None: no input, closed
      occlusion_changed(OcclusionMaps)        an accepted occlusion result
      patches_changed(FilterPatches)          an accepted top-9 result
      featurevis_changed(FilterVisualisation) an accepted feature visualisation
    """

    maps_changed = Signal(object)
    occlusion_changed = Signal(object)
    patches_changed = Signal(object)
    featurevis_changed = Signal(object)

    def __init__(self, session: SessionState) -> None:
        self._session = session
        self.is_open = False
        self.contrast: tuple[Any, Any] | None = None  # (a, b): classes or FIRST / SECOND
        self.gradcam_layers: tuple[str, ...] | None = None  # None: every conv layer
        self.maps: WhyMaps | None = None
        self.occlusion: OcclusionMaps | None = None
        self.generation = 0  # counts runs with the panel open (and resets of the maps)
        self.live_runs = 0
        self._job_model: tuple[str, Any] | None = None  # (weights key, copy of the network)
        self._featurevis: OrderedDict[tuple[str, str, int], FilterVisualisation] = OrderedDict()

    # ---- what is computed ------------------------------------------------------------------
    def set_open(self, on: bool) -> None:
        """Open: rerun the input so the maps appear at once. Closed: back to forward_trace."""
        on = bool(on)
        if on == self.is_open:
            return
        self.is_open = on
        if on:
            self._session.rerun_safely()
        else:
            self.reset()

    def set_contrast(self, pair: tuple[Any, Any] | None) -> None:
        """None: explain the first and the second guess. (a, b): explain logit_a − logit_b and
        logit_b − logit_a; a and b are class indices or FIRST / SECOND (resolved per run)."""
        if pair is not None:
            pair = (pair[0], pair[1])
            session = self._session
            if session.model is not None:
                from explainer.core.attribution import check_target

                check_target(session.model.config, pair)
        if pair == self.contrast:
            return
        self.contrast = pair
        if self.is_open:
            self._session.rerun_safely()

    def set_gradcam_layers(self, layers: tuple[str, ...] | None) -> None:
        """The conv layers whose Grad-CAM each run computes (None: all of them); a layer the
        current maps lack makes the session rerun."""
        layers = None if layers is None else tuple(layers)
        if layers == self.gradcam_layers:
            return
        self.gradcam_layers = layers
        missing = self.maps is not None and any(
            layer not in self.maps.live.gradcam for layer in (layers or ())
        )
        if self.is_open and (missing or layers is None):
            self._session.rerun_safely()

    def targets(self) -> tuple[Any, ...]:
        if self.contrast is None:
            return (FIRST, SECOND)
        a, b = self.contrast
        return ((a, b), (b, a))

    def run(self, model: Any, network_input: np.ndarray, ablation: Any) -> Any:
        """The session's forward pass while the panel is open: the trace, with the maps kept
        for `publish` (called after trace_changed)."""
        from explainer.core.attribution import gradcam_layers, live_attributions

        conv = gradcam_layers(model.config)
        wanted = conv if self.gradcam_layers is None else self.gradcam_layers
        layers = tuple(layer for layer in wanted if layer in conv)
        contrast, failed = self.contrast is not None, False
        try:
            live = live_attributions(
                model, network_input, self.targets(), gradcam_layers=layers, ablate=ablation
            )
        except ExplainerError:
            if not contrast:
                raise
            # "first guess − 3" while 3 is the first guess: no contrast this run.
            live = live_attributions(
                model, network_input, (FIRST, SECOND), gradcam_layers=layers, ablate=ablation
            )
            contrast, failed = False, True
        self.generation += 1
        self.live_runs += 1
        self.occlusion = None
        self.maps = WhyMaps(
            live, np.asarray(network_input), self.generation, contrast, ablation, failed
        )
        return live.trace

    def publish(self) -> None:
        if self.is_open:
            self.maps_changed.emit(self.maps)

    def reset(self) -> None:
        """No maps any more (input cleared, panel closed, a run failed)."""
        self.generation += 1
        had = self.maps is not None
        self.maps = self.occlusion = None
        if had and self.is_open:
            self.maps_changed.emit(None)

    # ---- jobs ------------------------------------------------------------------------------
    def weights_key(self) -> str | None:
        """The content hash of the network's weights now (≈ 0.2 ms); None without a model."""
        model = self._session.model
        if model is None:
            return None
        from explainer.core.patches import state_dict_hash

        return state_dict_hash(model.state_dict())

    def forget_model_copy(self) -> None:
        """The jobs' copy of the network is made again (the model moved to another device)."""
        self._job_model = None

    def _model_copy(self) -> tuple[str, Any]:
        """(weights key, a copy of the network) shared by the jobs until the weights change."""
        key = self.weights_key()
        if key is None:
            raise ExplainerError("no model is loaded yet")
        if self._job_model is None or self._job_model[0] != key:
            self._job_model = (key, copy.deepcopy(self._session.model))
        return self._job_model

    def occlusion_job(self) -> OcclusionJob | None:
        """Occlusion of the current maps' targets, or None when there is nothing to explain."""
        maps = self.maps
        if not self.is_open or maps is None or self._session.model is None:
            return None
        if self.occlusion is not None and self.occlusion.generation == maps.generation:
            return None  # already there
        _, model = self._model_copy()
        return OcclusionJob(model, maps.network_input, maps.targets, maps.ablation, maps.generation)

    def _check_filter(self, layer: str, filter_index: int) -> None:
        from explainer.core.patches import conv_layers

        model = self._session.model
        if model is None:
            raise ExplainerError("no model is loaded yet")
        layers = conv_layers(model.config)
        if layer not in layers or not 0 <= filter_index < layers[layer]:
            raise ExplainerError(f"no filter {filter_index} in {layer!r}")

    def patches_job(self, layer: str, filter_index: int, k: int = 9) -> PatchesJob:
        self._check_filter(layer, filter_index)
        key, model = self._model_copy()
        return PatchesJob(model, self._session.checkpoint, key, layer, int(filter_index), k)

    def featurevis_job(self, layer: str, filter_index: int) -> FeatureVisJob | None:
        """A conv filter's or a class logit's visualisation; None when the one for these weights
        is known already (`cached_featurevis`)."""
        from explainer.core.featurevis import check_objective

        if self._session.model is None:
            raise ExplainerError("no model is loaded yet")
        check_objective(self._session.model.config, layer, filter_index)
        key, model = self._model_copy()
        if (key, layer, int(filter_index)) in self._featurevis:
            return None
        return FeatureVisJob(model, key, layer, int(filter_index))

    def cached_featurevis(self, layer: str, filter_index: int) -> FilterVisualisation | None:
        key = self.weights_key()
        return self._featurevis.get((key, layer, int(filter_index))) if key else None

    # ---- results ---------------------------------------------------------------------------
    def accept(self, result: Any) -> bool:
        """Emit a job's result if it still fits what the session shows; False (dropped) if not."""
        if isinstance(result, OcclusionMaps):
            maps = self.maps
            if not self.is_open or maps is None or result.generation != maps.generation:
                return False
            self.occlusion = result
            self.occlusion_changed.emit(result)
            return True
        if isinstance(result, (FilterPatches, FilterVisualisation)):
            if result.weights_key != self.weights_key():
                return False
            if isinstance(result, FilterPatches):
                self.patches_changed.emit(result)
            else:
                cache_key = (result.weights_key, result.layer, result.filter_index)
                self._featurevis[cache_key] = result
                while len(self._featurevis) > FEATUREVIS_CACHE_SIZE:
                    self._featurevis.popitem(last=False)
                self.featurevis_changed.emit(result)
            return True
        raise TypeError(f"not a Why job's result: {type(result).__name__}")
