"""Fixed colour limits per layer, computed once per model (Qt-free).

Activations are drawn with FIXED limits so that a change while drawing is a change of colour,
not a change of scale. How the limits are chosen, per layer:

- ``input``: the normalised values of blank paper and of full ink, ``normalize(0)`` and
  ``normalize(1)`` — exactly the range a drawing can produce.
- conv/pool/fc activations: where the activation function is bounded the limits are its range
  (tanh [-1, 1], sigmoid [0, 1], scaled tanh ±1.7159); ReLU is unbounded, so the upper limit is
  the 99.5th percentile of that layer over a reference batch of real digits (5 per class from
  the shipped ``data/mnist_5k.csv.gz``), rounded up to a "nice" number (1, 1.2, 1.5, 2, 2.5, 3,
  4, 5, 6, 8 × 10^k) so the colour bars read cleanly. Values above it saturate.
- ``logits``: the 0.5th to 99.5th percentile over the same batch, rounded outwards.

The reference batch is a forward pass of ~50 images (a few ms); when the data file is missing
a fixed pseudo-random set of stroke-like images stands in.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from explainer.core.config import CONV, FC, POOL, SCALED_TANH_A, ModelConfig
from explainer.core.scales import Levels, input_levels, nice_ceil, nice_signed

if TYPE_CHECKING:
    from explainer.core.model import LeNet
    from explainer.core.trace import Trace


BOUNDED_ACTIVATIONS: dict[str, Levels] = {
    "tanh": (-1.0, 1.0),
    "sigmoid": (0.0, 1.0),
    "scaled_tanh": (-SCALED_TANH_A, SCALED_TANH_A),
}
PER_CLASS = 5
MNIST_ROWS_PER_CLASS = 500  # data/mnist_5k.csv.gz: 500 digits per class, sorted by class


def _pick_rows(labels: np.ndarray, per_class: int) -> list[int]:
    """Evenly spread over each class's rows (the file is sorted by class: 500 rows each)."""
    step = max(1, MNIST_ROWS_PER_CLASS // per_class)
    return [row for c in range(10) for row in np.flatnonzero(labels == c)[::step][:per_class]]


def _read_picked_rows(csv_path: Path, per_class: int) -> np.ndarray | None:
    """The picked digits as uint8 (N, 28, 28), parsing only their rows: the colour levels of
    the first model need 50 of the 5,000 digits, and np.loadtxt of the whole file took 0.12 s
    of the start-up. None when the file does not read as 784 pixels + a label per row (the
    full reader then says why)."""
    import gzip

    try:
        opener = gzip.open if csv_path.suffix == ".gz" else open
        with opener(csv_path, "rb") as stream:
            lines = [line for line in stream.read().split(b"\n") if line.strip()]
        labels = np.array([int(line.rsplit(b",", 1)[1]) for line in lines], np.int64)
        rows = [
            np.array(lines[i].split(b","), dtype=np.int64) for i in _pick_rows(labels, per_class)
        ]
    except (OSError, ValueError, EOFError, IndexError):
        return None
    if not rows or any(r.shape != (785,) or r.min() < 0 or r.max() > 255 for r in rows):
        return None
    return np.stack(rows)[:, :-1].astype(np.uint8).reshape(-1, 28, 28)


@functools.cache
def _cached_reference_digits(csv_path: Path, per_class: int) -> np.ndarray:
    from explainer.core.datasets import read_mnist_csv
    from explainer.core.errors import DatasetError

    picked = _read_picked_rows(csv_path, per_class) if csv_path.exists() else None
    if picked is None:
        try:
            images, labels = read_mnist_csv(csv_path)
        except DatasetError:
            images, labels = np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.int64)
        picked = images[_pick_rows(labels, per_class)]
    if len(picked) < 10:
        digits = _synthetic_strokes(10 * per_class)
    else:
        digits = (picked / np.float32(255.0)).astype(np.float32)
    digits.flags.writeable = False
    return digits


def reference_digits(csv_path: Path | None = None, per_class: int = PER_CLASS) -> np.ndarray:
    """(N, 28, 28) float32 in [0, 1], `per_class` real MNIST digits of each class, or a fixed
    synthetic stand-in when the file is missing. Cached (read-only array)."""
    if csv_path is None:
        from explainer.paths import data_dir

        csv_path = data_dir() / "mnist_5k.csv.gz"
    return _cached_reference_digits(Path(csv_path), per_class)


def _synthetic_strokes(count: int) -> np.ndarray:
    """Random thick line segments on a 28×28 canvas (deterministic)."""
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[0:28, 0:28].astype(np.float32)
    images = np.zeros((count, 28, 28), np.float32)
    for image in images:
        for _ in range(3):
            (r0, c0), (r1, c1) = rng.uniform(6, 22, size=(2, 2))
            t = np.clip(
                ((yy - r0) * (r1 - r0) + (xx - c0) * (c1 - c0))
                / max((r1 - r0) ** 2 + (c1 - c0) ** 2, 1e-6),
                0,
                1,
            )
            distance = np.hypot(yy - (r0 + t * (r1 - r0)), xx - (c0 + t * (c1 - c0)))
            np.maximum(image, np.clip(2.0 - distance, 0, 1), out=image)
    return images


def levels_from_traces(config: ModelConfig, traces: Iterable[Trace]) -> dict[str, Levels]:
    """Per-layer fixed limits (see the module docstring) from reference traces."""
    traces = list(traces)
    limits: dict[str, Levels] = {"input": input_levels(config)}
    activation_layers = [s.name for s in config.layers() if s.kind in (CONV, POOL, FC)]
    for layer in activation_layers:
        if config.activation in BOUNDED_ACTIVATIONS:
            limits[layer] = BOUNDED_ACTIVATIONS[config.activation]
            continue
        values = np.concatenate([t[layer].ravel() for t in traces]) if traces else np.ones(1)
        limits[layer] = (0.0, nice_ceil(float(np.percentile(values, 99.5))))
    if traces:
        logits = np.concatenate([t["logits"].ravel() for t in traces])
        lo, hi = np.percentile(logits, [0.5, 99.5])
        lo, hi = nice_signed(float(lo)), nice_signed(float(hi))
    else:
        lo, hi = -10.0, 10.0
    limits["logits"] = (lo, hi) if hi > lo else (lo - 1.0, lo + 1.0)
    return limits


def reference_levels(model: LeNet, digits28: np.ndarray | None = None) -> dict[str, Levels]:
    """Fixed per-layer limits for `model` from one batched forward pass of reference digits."""
    import torch

    from explainer.core.trace import Trace

    config = model.config
    if digits28 is None:
        digits28 = reference_digits()
    from explainer.core.preprocess import fit_to_input_size

    inputs = config.normalize(fit_to_input_size(digits28, config.input_size)).astype(np.float32)
    batch = torch.from_numpy(np.ascontiguousarray(inputs)).unsqueeze(1)
    batch = batch.repeat(1, config.in_channels, 1, 1).to(model.device)
    with torch.inference_mode():
        stages = model.stages(batch)  # one batched pass; forward_trace runs one image
    arrays = {name: tensor.float().cpu().numpy() for name, tensor in stages.items()}
    traces = [Trace(config, {k: v[i] for k, v in arrays.items()}) for i in range(len(batch))]
    return levels_from_traces(config, traces)
