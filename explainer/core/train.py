"""Training and evaluation loops, short enough to read in one screen (nanoGPT style).

The whole dataset lives on the device as one tensor; batches are shuffled index slices; the
augmentation runs on the device too, batched, with torch ops only.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from explainer.core.ablation import Ablation
from explainer.core.config import ModelConfig
from explainer.core.datasets import Dataset, pad_images
from explainer.core.errors import ExplainerError
from explainer.core.model import LeNet
from explainer.core.snapshots import Snapshot

OPTIMIZERS = ("sgd", "momentum", "adam")
# A peak learning rate that trains the LeNet well with each (found on the MNIST subset; plain
# SGD needs a rate ~100× Adam's).
DEFAULT_LR = {"sgd": 0.2, "momentum": 0.05, "adam": 2e-3}
# Held-out images a snapshot is scored on (a subset of large test sets keeps 24 snapshots cheap;
# the split's first images, always the same ones).
SNAPSHOT_HELDOUT_MAX = 2000


@dataclass(frozen=True)
class TrainSettings:
    epochs: int = 60
    batch_size: int = 128
    lr: float = 2e-3
    weight_decay: float = 1e-4
    seed: int = 0
    augment: bool = True
    warmup_epochs: float = 1.0
    # "sgd" (plain), "momentum" (SGD with heavy-ball momentum) or "adam" (Adam with decoupled
    # weight decay, i.e. AdamW: the same as Adam when weight_decay is 0). The learning rate
    # warms up linearly, then follows a cosine to 1 % of `lr`, whatever the optimiser.
    optimizer: str = "adam"
    momentum: float = 0.9  # only for "momentum"
    snapshots: int = 0  # weights kept over the run (see core.snapshots); 0: none
    # Called with (epoch_index, model) after each epoch, e.g. to save a snapshot.
    on_epoch_end: Any = field(default=None, compare=False, repr=False)

    def describe_optimizer(self) -> str:
        name = {"sgd": "SGD", "momentum": f"SGD + momentum {self.momentum}", "adam": "AdamW"}
        return (
            f"{name[self.optimizer]} lr={self.lr} weight_decay={self.weight_decay}, "
            f"{self.warmup_epochs:g}-epoch warm-up then cosine decay"
        )


@dataclass
class TrainResult:
    history: list[dict[str, float]]  # one {"epoch", "loss", "acc", "lr", "seconds"} per epoch
    seconds: float
    images_seen: int
    snapshots: list[Snapshot] = field(default_factory=list)


@dataclass(frozen=True)
class StepRecord:
    """One optimiser step: its training loss (on the augmented batch) and learning rate."""

    step: int  # 1-based: steps done
    epoch: float  # epochs done
    loss: float
    lr: float
    images: int  # images seen so far
    seconds: float  # since the run started (pauses excluded)


@dataclass(frozen=True)
class EpochRecord:
    epoch: int
    loss: float
    acc: float
    lr: float
    seconds: float

    def as_dict(self) -> dict[str, float]:
        return {
            "epoch": self.epoch,
            "loss": self.loss,
            "acc": self.acc,
            "lr": self.lr,
            "seconds": self.seconds,
        }


class TrainingDiverged(ExplainerError):
    """The loss became NaN or infinite: training stops (a checkpoint of NaN weights would be
    refused by every command anyway)."""


class TrainingControl:
    """Pause, resume and stop a run from another thread (or, with multiprocessing events, from
    another process): the loop checks between two steps."""

    def __init__(self, paused: Any = None, stopped: Any = None) -> None:
        import threading

        self._paused = paused if paused is not None else threading.Event()
        self._stopped = stopped if stopped is not None else threading.Event()

    def pause(self) -> None:
        self._paused.set()

    def resume(self) -> None:
        self._paused.clear()

    def stop(self) -> None:
        self._stopped.set()

    @property
    def stop_requested(self) -> bool:
        return self._stopped.is_set()

    @property
    def paused(self) -> bool:
        return self._paused.is_set()

    def wait_while_paused(self) -> float:
        """Block while paused (stop ends the wait); returns the seconds spent waiting."""
        start = time.perf_counter()
        while self._paused.is_set() and not self._stopped.is_set():
            time.sleep(0.02)
        return time.perf_counter() - start


# ---- augmentation -----------------------------------------------------------------------------
@dataclass(frozen=True)
class AugmentSettings:
    max_rotation_deg: float = 15.0
    scale_range: tuple[float, float] = (0.8, 1.15)
    max_shift_px: float = 3.0
    p_dilate: float = 0.3  # thicker strokes (mouse drawings with a broad pen)
    p_erode: float = 0.2  # thinner strokes
    contrast_range: tuple[float, float] = (0.7, 1.0)  # faint anti-aliased thin strokes


def augment(
    images: torch.Tensor, generator: torch.Generator, settings: AugmentSettings | None = None
) -> torch.Tensor:
    """Random rotation, scale, shift, stroke thickness and contrast for a (B, 1, S, S) [0, 1] batch.

    All draws come from `generator`, so a seeded generator repeats the same augmentation.
    """
    s = settings or AugmentSettings()
    b, _, size, _ = images.shape
    dev = images.device

    def uniform(low: float, high: float, shape: tuple[int, ...] = (b,)) -> torch.Tensor:
        return torch.rand(shape, generator=generator, device=dev) * (high - low) + low

    angle = uniform(-s.max_rotation_deg, s.max_rotation_deg) * (math.pi / 180)
    scale = uniform(*s.scale_range)
    # affine_grid maps output coords to input coords: dividing by the scale enlarges the digit.
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    shift = uniform(-s.max_shift_px, s.max_shift_px, (b, 2)) * (2.0 / size)
    theta = torch.stack(
        [torch.stack([cos, -sin, shift[:, 0]], 1), torch.stack([sin, cos, shift[:, 1]], 1)], 1
    )
    grid = F.affine_grid(theta, list(images.shape), align_corners=False)
    out = F.grid_sample(images, grid, mode="bilinear", padding_mode="zeros", align_corners=False)

    # Stroke thickness: 3×3 max-pool dilates the ink; max-pool of the negative erodes it.
    choice = torch.rand(b, generator=generator, device=dev)
    dilated = F.max_pool2d(out, 3, 1, 1)
    eroded = -F.max_pool2d(-out, 3, 1, 1)
    # Erosion can wipe out a thin digit: blend half-way so some ink always remains.
    eroded = 0.5 * (eroded + out)
    dilate = (choice < s.p_dilate).view(b, 1, 1, 1)
    erode = ((choice >= s.p_dilate) & (choice < s.p_dilate + s.p_erode)).view(b, 1, 1, 1)
    out = torch.where(dilate, dilated, torch.where(erode, eroded, out))

    contrast = uniform(*s.contrast_range).view(b, 1, 1, 1)
    # Rescale so the brightest pixel is 1 again before dimming, as preprocessing does with ink.
    peak = out.amax(dim=(1, 2, 3), keepdim=True).clamp_min(1e-6)
    return (out / peak * contrast).clamp_(0.0, 1.0)


# ---- training ---------------------------------------------------------------------------------
def lr_at(step: int, total_steps: int, warmup_steps: int, base_lr: float) -> float:
    """Linear warm-up, then cosine decay to 1% of the base rate."""
    if step < warmup_steps:
        return base_lr * (step + 1) / warmup_steps
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return base_lr * (0.01 + 0.99 * 0.5 * (1 + math.cos(math.pi * progress)))


def make_optimizer(model: LeNet, settings: TrainSettings) -> torch.optim.Optimizer:
    if settings.optimizer not in OPTIMIZERS:
        from explainer.core.errors import ExplainerError

        raise ExplainerError(
            f"optimizer must be one of {', '.join(OPTIMIZERS)}, found {settings.optimizer!r}"
        )
    params = model.parameters()
    if settings.optimizer == "adam":
        return torch.optim.AdamW(params, lr=settings.lr, weight_decay=settings.weight_decay)
    momentum = settings.momentum if settings.optimizer == "momentum" else 0.0
    return torch.optim.SGD(
        params, lr=settings.lr, momentum=momentum, weight_decay=settings.weight_decay
    )


def state_copy(model: LeNet) -> dict[str, torch.Tensor]:
    """The model's weights as CPU tensors that later steps cannot change."""
    return {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()}


def training_run(
    model: LeNet,
    dataset: Dataset,
    settings: TrainSettings,
    device: torch.device,
    heldout: Dataset | None = None,
    control: TrainingControl | None = None,
) -> Generator[StepRecord | EpochRecord | Snapshot, None, TrainResult]:
    """Train `model` in place on `dataset` (28×28 images), yielding as it goes: a StepRecord
    after every optimiser step, an EpochRecord after every epoch and, when `settings.snapshots`
    asks for them, a Snapshot at the steps of core.snapshots.snapshot_steps (step 0 is the
    initialisation), scored on `heldout` when given. Returns the TrainResult. `control` pauses
    or stops the run between two steps; a stopped run returns what it has trained (with a last
    snapshot of where it stopped). The CLI (train_model) and the window both run this loop."""
    from explainer.core.snapshots import epoch_of, snapshot_steps

    config: ModelConfig = model.config
    torch.manual_seed(settings.seed)
    generator = torch.Generator(device=device).manual_seed(settings.seed)
    model.to(device).train()
    # Whole split resident on the device, padded to the network size but not normalised:
    # augmentation works on [0, 1] ink and normalisation comes last.
    images = pad_images(dataset.images, config.input_size).to(device)
    labels = torch.tensor(dataset.labels, device=device)  # a copy: the array is read-only
    n = labels.shape[0]
    steps_per_epoch = math.ceil(n / settings.batch_size)
    total_steps = steps_per_epoch * settings.epochs
    warmup_steps = max(1, int(settings.warmup_epochs * steps_per_epoch))
    optimizer = make_optimizer(model, settings)
    keep = set(snapshot_steps(total_steps, settings.snapshots)) if settings.snapshots else set()
    if heldout is not None and len(heldout) > SNAPSHOT_HELDOUT_MAX:
        heldout = heldout.head(SNAPSHOT_HELDOUT_MAX)
    snapshots: list[Snapshot] = []
    losses_since_snapshot: list[float] = []

    def take_snapshot(step: int) -> Snapshot:
        heldout_loss = heldout_acc = None
        if heldout is not None:
            scored = evaluate(model, heldout)
            heldout_loss, heldout_acc = scored.loss, scored.accuracy
            model.train()
        train_loss = float(np.mean(losses_since_snapshot)) if losses_since_snapshot else None
        losses_since_snapshot.clear()
        snapshot = Snapshot(
            step, epoch_of(step, steps_per_epoch), state_copy(model), train_loss, heldout_loss,
            heldout_acc,
        )  # fmt: skip
        snapshots.append(snapshot)
        return snapshot

    history: list[dict[str, float]] = []
    start = time.perf_counter()
    paused_seconds = 0.0
    step = images_seen = 0
    if 0 in keep:
        yield take_snapshot(0)
    for epoch in range(settings.epochs):
        epoch_start = time.perf_counter()
        order = torch.randperm(n, generator=generator, device=device)
        loss_sum = torch.zeros((), device=device)
        correct = torch.zeros((), device=device, dtype=torch.long)
        seen = 0
        for first in range(0, n, settings.batch_size):
            if control is not None:
                paused_seconds += control.wait_while_paused()
                if control.stop_requested:
                    break
            index = order[first : first + settings.batch_size]
            batch, target = images[index], labels[index]
            if settings.augment:
                batch = augment(batch, generator)
            lr = lr_at(step, total_steps, warmup_steps, settings.lr)
            for group in optimizer.param_groups:
                group["lr"] = lr
            logits = model(config.normalize(batch))
            loss = F.cross_entropy(logits, target)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            # Accumulate on the device: no host sync per batch for the epoch's numbers.
            loss_sum += loss.detach() * target.shape[0]
            correct += (logits.argmax(1) == target).sum()
            seen += target.shape[0]
            images_seen += target.shape[0]
            step += 1
            step_loss = float(loss.detach())
            if not math.isfinite(step_loss):
                raise TrainingDiverged(
                    f"the training loss became {step_loss} at step {step} (learning rate "
                    f"{lr:.3g}): the weights blew up and nothing was saved; try a learning rate "
                    "10× smaller"
                )
            losses_since_snapshot.append(step_loss)
            yield StepRecord(
                step, epoch_of(step, steps_per_epoch), step_loss, lr, images_seen,
                time.perf_counter() - start - paused_seconds,
            )  # fmt: skip
            if step in keep:
                yield take_snapshot(step)
        if seen == 0:
            break
        record = EpochRecord(
            epoch + 1, float(loss_sum) / seen, float(correct) / seen, lr,
            time.perf_counter() - epoch_start,
        )  # fmt: skip
        history.append(record.as_dict())
        yield record
        if settings.on_epoch_end is not None:
            model.eval()
            settings.on_epoch_end(epoch, model)
            model.train()
        if control is not None and control.stop_requested:
            break
    if settings.snapshots and (not snapshots or snapshots[-1].step != step):
        yield take_snapshot(step)  # stopped early: the timeline ends where training did
    model.eval()
    seconds = time.perf_counter() - start - paused_seconds
    return TrainResult(history, seconds, images_seen, snapshots)


def train_model(
    model: LeNet,
    dataset: Dataset,
    settings: TrainSettings,
    device: torch.device,
    progress: bool | None = None,
    history: list[dict[str, float]] | None = None,
    heldout: Dataset | None = None,
) -> TrainResult:
    """Train `model` in place (training_run to its end) with a progress bar; returns the
    result. `history`, when given, is appended to as each epoch ends (so a callback can read
    it)."""
    if progress is None:
        progress = sys.stderr.isatty()
    from tqdm.auto import tqdm

    n = len(dataset)
    total_steps = math.ceil(n / settings.batch_size) * settings.epochs
    bar = tqdm(total=total_steps, disable=not progress, unit="batch", dynamic_ncols=True)
    run = training_run(model, dataset, settings, device, heldout)
    try:
        while True:
            event = next(run)
            if isinstance(event, StepRecord):
                bar.update(1)
            elif isinstance(event, EpochRecord):
                if history is not None:
                    history.append(event.as_dict())
                bar.set_postfix(loss=f"{event.loss:.4f}", acc=f"{event.acc:.4f}")
    except StopIteration as done:
        result: TrainResult = done.value
    finally:
        bar.close()
    return result


# ---- evaluation -------------------------------------------------------------------------------
@dataclass
class Evaluation:
    accuracy: float  # fraction 0..1
    loss: float  # mean cross-entropy of the true classes, natural log
    n: int
    correct: int
    per_class: np.ndarray  # (K,) accuracy per true class (nan where a class has no samples)
    confusion: np.ndarray  # (K, K) int64, rows = true class, columns = predicted class
    predictions: np.ndarray  # (N,) int64, predicted class of every sample, dataset order
    probabilities: np.ndarray  # (N,) float32, softmax probability of the predicted class
    labels: np.ndarray  # (N,) int64, true classes
    class_names: tuple[str, ...]
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            "accuracy": self.accuracy,
            "loss": self.loss,
            "n": self.n,
            "correct": self.correct,
            "per_class": {
                name: (None if np.isnan(acc) else float(acc))
                for name, acc in zip(self.class_names, self.per_class, strict=True)
            },
            "confusion": self.confusion.tolist(),
            "class_names": list(self.class_names),
            "seconds": self.seconds,
        }


def evaluate(
    model: LeNet, dataset: Dataset, batch_size: int = 2000, ablate: Ablation | None = None
) -> Evaluation:
    """Accuracy, per-class accuracy, confusion matrix and every per-sample prediction
    (`ablate`: units switched off, see core/ablation.py)."""
    steps = evaluate_steps(model, dataset, batch_size, ablate)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def evaluate_steps(
    model: LeNet, dataset: Dataset, batch_size: int = 2000, ablate: Ablation | None = None
) -> Generator[tuple[int, int], None, Evaluation]:
    """`evaluate` one batch at a time: yields (images done, total) after each batch and returns
    the Evaluation, so a caller can show progress and stop between two batches."""
    config = model.config
    if len(dataset.class_names) != config.num_classes:
        from explainer.core.errors import DatasetError

        raise DatasetError(
            f"{dataset.describe()} has {len(dataset.class_names)} classes but the model "
            f"has {config.num_classes}"
        )
    model.eval()
    device = model.device
    total = len(dataset)
    predictions, probabilities = [], []
    loss_sum = 0.0
    seconds = 0.0
    yield 0, total
    for first in range(0, total, batch_size):
        batch_start = time.perf_counter()
        chunk = dataset.images[first : first + batch_size]
        with torch.inference_mode():
            batch = config.normalize(pad_images(chunk, config.input_size).to(device))
            logits = model(batch, ablate)
            target = torch.tensor(dataset.labels[first : first + batch_size], device=device)
            loss_sum += float(F.cross_entropy(logits, target, reduction="sum"))
            probs = torch.softmax(logits, dim=1)
            best_prob, best = probs.max(dim=1)
            predictions.append(best.cpu())
            probabilities.append(best_prob.cpu())
        seconds += time.perf_counter() - batch_start
        yield min(first + batch_size, total), total
    predicted = (
        torch.cat(predictions).numpy().astype(np.int64) if predictions else np.zeros(0, np.int64)
    )
    probs_np = (
        torch.cat(probabilities).numpy().astype(np.float32)
        if probabilities
        else np.zeros(0, np.float32)
    )
    labels = np.asarray(dataset.labels, dtype=np.int64)
    k = config.num_classes
    confusion = np.bincount(labels * k + predicted, minlength=k * k).reshape(k, k)
    per_class_total = confusion.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_class = np.diag(confusion) / per_class_total
    correct = int((predicted == labels).sum())
    n = int(labels.shape[0])
    return Evaluation(
        accuracy=correct / n if n else float("nan"),
        loss=loss_sum / n if n else float("nan"),
        n=n,
        correct=correct,
        per_class=per_class,
        confusion=confusion.astype(np.int64),
        predictions=predicted,
        probabilities=probs_np,
        labels=labels,
        class_names=tuple(dataset.class_names),
        seconds=seconds,  # the batches' own time, not the caller's between two yields
    )
