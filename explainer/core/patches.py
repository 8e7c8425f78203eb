"""What each filter looks for: the dataset patches that excite a conv filter most (Qt-free).

For every filter of every conv layer and every image of a dataset, the filter's maximal unit in
that image (its value, row and column: ties go to the first in row-major order). A filter's top-k
patches are the k images with the largest such maxima (ties to the lower image index), each shown
as the receptive field of its maximal unit in the network input (explainer.core.units), clipped
at the borders.

All filters of all conv layers come from ONE batched pass over the data (on the model's device),
images fed exactly as `eval` feeds them (explainer.core.train.evaluate_steps). The per-image maxima
are cached per (checkpoint content, configuration, dataset content): in memory, and as a small
.npz in a cache folder when one is given — so a filter's top-k afterwards is a sort of N numbers.
The network runs without knock-outs: the patches say what the trained filter responds to.
"""

from __future__ import annotations

import hashlib
import json
import numbers
import os
import tempfile
import weakref
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import torch

from explainer.core.config import CONV, ModelConfig
from explainer.core.datasets import Dataset, pad_images
from explainer.core.errors import ExplainerError
from explainer.core.units import Box, UnitRef, receptive_fields

if TYPE_CHECKING:
    from explainer.core.checkpoint import Checkpoint
    from explainer.core.model import LeNet

DEFAULT_K = 9
CACHE_VERSION = 1
MEMORY_CACHE_SIZE = 8
BATCH_SIZE = 2000  # as evaluate(); a 2,000-image batch's conv1 maps are 38 MB


@dataclass(frozen=True)
class Patch:
    """One of a filter's top patches: the dataset image, its maximal unit and its receptive field
    (`patch`, a (rows, cols) array of network-input values; `box` where it lies in the input)."""

    image: int  # index in the dataset
    row: int
    col: int
    value: float  # the unit's activation
    patch: np.ndarray
    box: Box  # (row0, col0, row1, col1) in the network input, end-exclusive
    label: int  # the image's label in the dataset

    def to_json(self) -> dict[str, Any]:
        return {
            "image": self.image,
            "row": self.row,
            "col": self.col,
            "value": self.value,
            "patch": self.patch.astype(np.float64).tolist(),
            "box": list(self.box),
            "label": self.label,
        }


def conv_layers(config: ModelConfig) -> dict[str, int]:
    """The conv layers and their filter counts, in network order."""
    return {spec.name: spec.shape[0] for spec in config.layers() if spec.kind == CONV}


@dataclass(frozen=True)
class PatchIndex:
    """Per conv layer, each filter's maximal unit in every image: `values[layer]` (F, N) float32,
    `rows[layer]` / `cols[layer]` (F, N) int. `top(layer, filter, k)` reads it."""

    config: ModelConfig
    dataset: Dataset
    values: Mapping[str, np.ndarray]
    rows: Mapping[str, np.ndarray]
    cols: Mapping[str, np.ndarray]
    content_hash: str
    seconds: float  # the time the batched pass took (0 when it came from a cache)
    source: str  # "computed", "memory" or "disk"

    def check(self, layer: str, filter_index: Any, k: Any = DEFAULT_K) -> tuple[str, int, int]:
        """ExplainerError naming what exists, for a layer, filter or k that does not."""
        layers = conv_layers(self.config)
        if layer not in layers:
            described = ", ".join(f"{n} (filters 0..{c - 1})" for n, c in layers.items())
            raise ExplainerError(
                f"top patches need a conv layer, one of {described}; found {layer!r}"
            )
        count = layers[layer]
        if isinstance(filter_index, bool) or not isinstance(filter_index, numbers.Integral):
            raise ExplainerError(
                f"a filter is a whole number 0..{count - 1}, found {filter_index!r}"
            )
        if not 0 <= filter_index < count:
            raise ExplainerError(f"{layer} has filters 0..{count - 1}, found {filter_index}")
        n = len(self.dataset)
        if isinstance(k, bool) or not isinstance(k, numbers.Integral):
            raise ExplainerError(f"k must be a whole number 1..{n}, found {k!r}")
        if not 1 <= k <= n:
            raise ExplainerError(
                f"k must be 1..{n} (the images of {self.dataset.describe()}), found {k}"
            )
        return layer, int(filter_index), int(k)

    def order(self, layer: str, filter_index: int) -> np.ndarray:
        """Image indices by decreasing maximal activation of the filter (ties: lower index)."""
        return np.argsort(-self.values[layer][filter_index], kind="stable")

    def top(self, layer: str, filter_index: int, k: int = DEFAULT_K) -> list[Patch]:
        """The k images whose maximal unit of the filter is largest, best first."""
        layer, filter_index, k = self.check(layer, filter_index, k)
        best = self.order(layer, filter_index)[:k]
        inputs = _network_inputs(self.dataset.images[best], self.config)
        patches = []
        for image, net_input in zip(best, inputs, strict=True):
            row = int(self.rows[layer][filter_index, image])
            col = int(self.cols[layer][filter_index, image])
            box = receptive_fields(self.config, UnitRef(layer, filter_index, row, col))["input"]
            r0, c0, r1, c1 = box
            patches.append(
                Patch(
                    image=int(image),
                    row=row,
                    col=col,
                    value=float(self.values[layer][filter_index, image]),
                    patch=net_input[0, r0:r1, c0:c1].copy(),
                    box=box,
                    label=int(self.dataset.labels[image]),
                )
            )
        return patches

    def top_all(self, k: int = DEFAULT_K) -> dict[str, list[list[Patch]]]:
        """Every filter's top-k: {layer: [filter 0's patches, filter 1's, ...]}."""
        return {
            layer: [self.top(layer, f, k) for f in range(count)]
            for layer, count in conv_layers(self.config).items()
        }


def _network_inputs(images: np.ndarray, config: ModelConfig) -> np.ndarray:
    """(n, 1, S, S) float32 network inputs of dataset images, as evaluate() makes them."""
    return config.normalize(pad_images(images, config.input_size)).numpy()


# ---- content hashes ------------------------------------------------------------------------------
def file_hash(path: str | Path) -> str:
    """sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def state_dict_hash(state_dict: Mapping[str, torch.Tensor]) -> str:
    """sha256 of a state_dict's names, dtypes, shapes and bytes (in name order)."""
    digest = hashlib.sha256()
    for name in sorted(state_dict):
        tensor = state_dict[name].detach().cpu().contiguous()
        digest.update(f"{name}|{tensor.dtype}|{tuple(tensor.shape)}|".encode())
        digest.update(tensor.numpy().tobytes())
    return digest.hexdigest()


def checkpoint_content_hash(checkpoint: Checkpoint) -> str:
    """sha256 of the checkpoint's file when it has one that still exists, else of its
    state_dict. (An edited model is not its file any more: hash `model.state_dict()` then.)"""
    path = checkpoint.path
    if path is not None and Path(path).is_file():
        return file_hash(path)
    return state_dict_hash(checkpoint.state_dict)


def _config_hash(config: ModelConfig) -> str:
    text = json.dumps(config.to_dict(), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


_dataset_hashes: dict[int, tuple[weakref.ref, str]] = {}


def dataset_hash(dataset: Dataset) -> str:
    """sha256 of a dataset's name, split, images and labels (memoised per Dataset object)."""
    key = id(dataset)
    known = _dataset_hashes.get(key)
    if known is not None and known[0]() is dataset:
        return known[1]
    digest = hashlib.sha256(f"{dataset.name}|{dataset.split}|".encode())
    digest.update(np.ascontiguousarray(dataset.images).tobytes())
    digest.update(np.ascontiguousarray(dataset.labels).tobytes())
    value = digest.hexdigest()
    _dataset_hashes[key] = (weakref.ref(dataset, lambda _: _dataset_hashes.pop(key, None)), value)
    return value


# ---- computing and caching -----------------------------------------------------------------------
_memory: OrderedDict[str, tuple[dict, dict, dict]] = OrderedDict()


def clear_memory_cache() -> None:
    _memory.clear()


def patch_index(
    model: LeNet,
    dataset: Dataset,
    *,
    content_hash: str | None = None,
    cache_dir: str | Path | None = None,
    batch_size: int = BATCH_SIZE,
) -> PatchIndex:
    """Every conv filter's maximal unit in every image of `dataset`, from one batched pass.

    `content_hash` names the weights (`checkpoint_content_hash(checkpoint)`); by default the
    model's own state_dict is hashed (≈ 1 ms), which is right for edited weights too. Results
    are cached in memory, and in `cache_dir` (created if needed) when one is given."""
    config = model.config
    if config.in_channels != 1:
        raise ExplainerError(
            f"dataset images have 1 channel, the model's input has {config.in_channels}"
        )
    content = content_hash or state_dict_hash(model.state_dict())
    key = hashlib.sha256(
        f"v{CACHE_VERSION}|{content}|{_config_hash(config)}|{dataset_hash(dataset)}".encode()
    ).hexdigest()

    def index(arrays: tuple[dict, dict, dict], seconds: float, source: str) -> PatchIndex:
        return PatchIndex(
            config, dataset, *arrays, content_hash=content, seconds=seconds, source=source
        )

    if key in _memory:
        _memory.move_to_end(key)
        return index(_memory[key], 0.0, "memory")
    cache_file = Path(cache_dir) / f"patches-{key[:32]}.npz" if cache_dir is not None else None
    arrays = _read_cache(cache_file, config, len(dataset)) if cache_file is not None else None
    source, seconds = "disk", 0.0
    if arrays is None:
        import time

        start = time.perf_counter()
        arrays = _compute(model, dataset, batch_size)
        seconds, source = time.perf_counter() - start, "computed"
        if cache_file is not None:
            _write_cache(cache_file, arrays)
    _memory[key] = arrays
    while len(_memory) > MEMORY_CACHE_SIZE:
        _memory.popitem(last=False)
    return index(arrays, seconds, source)


def _compute(model: LeNet, dataset: Dataset, batch_size: int) -> tuple[dict, dict, dict]:
    config = model.config
    layers = conv_layers(config)
    n = len(dataset)
    values = {name: np.zeros((count, n), np.float32) for name, count in layers.items()}
    rows = {name: np.zeros((count, n), np.int16) for name, count in layers.items()}
    cols = {name: np.zeros((count, n), np.int16) for name, count in layers.items()}
    device = model.device
    for first in range(0, n, batch_size):
        chunk = dataset.images[first : first + batch_size]
        with torch.inference_mode():
            batch = config.normalize(pad_images(chunk, config.input_size).to(device))
            x = batch
            found = {}
            for spec in config.layers()[1:]:
                x, _ = model._layer(spec, x)
                if spec.kind == CONV:
                    best, where = x.flatten(2).max(dim=2)  # first maximum in row-major order
                    found[spec.name] = (best, where, x.shape[-1])
                if len(found) == len(layers):
                    break  # nothing after the last conv layer is needed
            for name, (best, where, width) in found.items():
                stop = first + best.shape[0]
                values[name][:, first:stop] = best.T.cpu().numpy()
                where = where.T.cpu().numpy()
                rows[name][:, first:stop] = where // width
                cols[name][:, first:stop] = where % width
    return values, rows, cols


def _read_cache(path: Path, config: ModelConfig, n: int) -> tuple[dict, dict, dict] | None:
    """The cached arrays, or None when the file is missing, unreadable or of other shapes."""
    if not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays: tuple[dict, dict, dict] = ({}, {}, {})
            for name, count in conv_layers(config).items():
                for part, store in zip(("values", "rows", "cols"), arrays, strict=True):
                    array = data[f"{part}_{name}"]
                    if array.shape != (count, n):
                        return None
                    store[name] = array
            return arrays
    except (OSError, ValueError, KeyError):
        return None


def _write_cache(path: Path, arrays: tuple[dict, dict, dict]) -> None:
    """Written atomically (a temporary file renamed over the target); a folder that cannot be
    written only means no disk cache."""
    payload = {}
    for part, store in zip(("values", "rows", "cols"), arrays, strict=True):
        for name, array in store.items():
            payload[f"{part}_{name}"] = array
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz.tmp")
        with os.fdopen(handle, "wb") as out:
            np.savez(out, **payload)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def heldout_dataset(checkpoint: Checkpoint) -> Dataset:
    """The checkpoint's own held-out data: the dataset its metadata names ('mnist' when it names
    none) in the split it was evaluated on (the dataset's evaluation split when it says none)."""
    from explainer.core.datasets import SPLITS, dataset_kind, load_dataset

    name = checkpoint.metadata.get("dataset")
    name = name if isinstance(name, str) and name else "mnist"
    split = checkpoint.metadata.get("eval_split")
    if split not in SPLITS[dataset_kind(name)]:
        split = None  # the dataset's own evaluation split
    return load_dataset(name, split)


def top_patches(
    model: LeNet,
    dataset: Dataset,
    layer: str,
    filter_index: int,
    k: int = DEFAULT_K,
    *,
    content_hash: str | None = None,
    cache_dir: str | Path | None = None,
) -> list[Patch]:
    """A filter's top-k patches over `dataset` (the index of all filters is built or reused)."""
    index = patch_index(model, dataset, content_hash=content_hash, cache_dir=cache_dir)
    return index.top(layer, filter_index, k)
