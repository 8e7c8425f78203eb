"""Training in the window: the core's training loop in a worker process, its news as plain data.

A training run must not make drawing lag. On CPU, torch's kernels release the GIL, but the
loop's Python glue (optimiser, augmentation, bookkeeping) holds it between them, so a training
thread and the GUI thread would take turns; a separate process (spawned: forking a process with
Qt and torch threads is unsafe) gets its own interpreter and core. It runs
`explainer.core.train.training_run` — the same loop as `cnn-explainer train` — and sends back
what the window shows, as picklable plain data: steps (training loss), epochs, snapshots (the
timeline, scored on the held-out split), the live weights a few times a second, and the end.

Qt-free: the window polls `TrainingRun.poll()` from a timer and hands the news to its session.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import time
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from explainer.core.config import ModelConfig
from explainer.core.errors import ExplainerError
from explainer.crashlog import unexpected

# How often the worker sends the network's current weights for the panels (seconds).
LIVE_INTERVAL_S = 0.25
# Steps are sent in batches at most this often, so a fast GPU run does not flood the queue.
STEP_BATCH_S = 0.05


@dataclass(frozen=True)
class TrainingRequest:
    """Everything the worker needs, as plain data (it loads the datasets itself)."""

    # The architecture; its class names and normalisation are replaced by the training set's.
    config: ModelConfig
    settings: Any  # explainer.core.train.TrainSettings (on_epoch_end unset)
    dataset: str  # "mnist", "fashion" or "idx:FOLDER"
    device: str | None = None  # None / "auto": CUDA when present
    threads: int = 1  # torch CPU threads in the worker (the GUI keeps the other core)
    init_seed: int | None = None  # weights of the initial network (default: the settings' seed)


# ---- the news (worker → window) -------------------------------------------------------------
@dataclass(frozen=True)
class Started:
    config: ModelConfig  # the request's, with the training set's classes and normalisation
    device_name: str
    total_steps: int
    train_size: int
    heldout_name: str  # e.g. "mnist/heldout (1,000 images)"
    initial: dict[str, np.ndarray]  # the random initialisation (step 0)


@dataclass(frozen=True)
class Steps:
    records: list[Any]  # explainer.core.train.StepRecord, in order


@dataclass(frozen=True)
class Epoch:
    record: Any  # explainer.core.train.EpochRecord


@dataclass(frozen=True)
class NewSnapshot:
    snapshot: Any  # explainer.core.snapshots.Snapshot, weights as numpy
    levels: dict[str, tuple[float, float]]  # fixed colour levels of that network


@dataclass(frozen=True)
class Live:
    step: int
    weights: dict[str, np.ndarray]


@dataclass(frozen=True)
class Finished:
    stopped: bool  # True: stopped by the user before the last epoch
    seconds: float  # training time, pauses excluded
    images_seen: int
    history: list[dict[str, float]]
    weights: dict[str, np.ndarray]  # the trained network (the last snapshot's)


@dataclass(frozen=True)
class Notice:
    message: str  # one line for the status (not an error: the run goes on)


@dataclass(frozen=True)
class Failed:
    message: str  # one line


def _numpy(state_dict: dict[str, Any]) -> dict[str, np.ndarray]:
    return {k: v.detach().cpu().numpy().copy() for k, v in state_dict.items()}


def worker_main(request: TrainingRequest, news: Any, paused: Any, stopped: Any) -> None:
    """The worker process: train, and put the news on the `news` queue. Never raises. A GPU
    that fails (out of memory, a CUDA error) is given up for the CPU: the run starts again
    there, with a Notice."""
    import os

    if hasattr(os, "nice"):
        # Below the window: when both want a core, drawing wins and training waits a little.
        os.nice(10)
    try:
        try:
            _train(request, news, paused, stopped)
        except RuntimeError as exc:
            from explainer.core.model import is_gpu_failure

            if not is_gpu_failure(exc) or request.device == "cpu":
                raise
            reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else "error"
            news.put(Notice(f"the GPU failed ({reason}); training starts again on the CPU"))
            _train(replace(request, device="cpu"), news, paused, stopped)
    except ExplainerError as exc:
        news.put(Failed(str(exc)))
    except Exception as exc:  # noqa: BLE001 - any failure must reach the window, in one line
        news.put(Failed(unexpected(exc)))  # the traceback goes to a crash log


def _train(request: TrainingRequest, news: Any, paused: Any, stopped: Any) -> None:
    import torch

    from explainer.core.datasets import DEFAULT_EVAL_SPLIT, load_dataset, normalisation_stats
    from explainer.core.levels import reference_levels
    from explainer.core.model import build_model, describe_device, pick_device
    from explainer.core.snapshots import Snapshot
    from explainer.core.train import (
        EpochRecord,
        StepRecord,
        TrainingControl,
        training_run,
    )

    torch.set_num_threads(max(1, request.threads))
    device = pick_device(request.device)
    train_set = load_dataset(request.dataset, "train")
    heldout = load_dataset(request.dataset, DEFAULT_EVAL_SPLIT[train_set.kind])
    mean, std = normalisation_stats(train_set, request.config.input_size)
    config = replace(
        request.config, class_names=train_set.class_names, norm_mean=mean, norm_std=std
    )
    seed = request.settings.seed if request.init_seed is None else request.init_seed
    model = build_model(config, device, seed=seed)
    settings = request.settings
    steps_per_epoch = -(-len(train_set) // settings.batch_size)
    news.put(
        Started(
            config,
            describe_device(device),
            steps_per_epoch * settings.epochs,
            len(train_set),
            heldout.describe(),
            _numpy(model.state_dict()),
        )
    )
    control = TrainingControl(paused, stopped)
    run = training_run(model, train_set, settings, device, heldout, control)
    pending: list[StepRecord] = []
    last_steps = last_live = time.perf_counter()
    while True:
        try:
            event = next(run)
        except StopIteration as done:
            result = done.value
            break
        now = time.perf_counter()
        if isinstance(event, StepRecord):  # a NaN loss ends the loop with TrainingDiverged
            pending.append(event)
            if now - last_steps >= STEP_BATCH_S:
                news.put(Steps(pending))
                pending, last_steps = [], now
            if now - last_live >= LIVE_INTERVAL_S:
                news.put(Live(event.step, _numpy(model.state_dict())))
                last_live = now
        else:
            if pending:
                news.put(Steps(pending))
                pending, last_steps = [], now
            if isinstance(event, EpochRecord):
                news.put(Epoch(event))
            elif isinstance(event, Snapshot):
                model.eval()
                levels = reference_levels(model)
                model.train()
                snapshot = replace(event, state_dict=_numpy(event.state_dict))
                news.put(NewSnapshot(snapshot, levels))
    if pending:
        news.put(Steps(pending))
    news.put(
        Finished(
            stopped=control.stop_requested,
            seconds=result.seconds,
            images_seen=result.images_seen,
            history=result.history,
            weights=_numpy(model.state_dict()),
        )
    )


def training_settings(**fields: Any) -> Any:
    """explainer.core.train.TrainSettings(**fields), for callers above the core (the window)."""
    from explainer.core.train import TrainSettings

    return TrainSettings(**fields)


# ---- the window's side ----------------------------------------------------------------------
@dataclass
class TrainingRun:
    """One training run in a worker process. `start()`, then `poll()` the news from a timer;
    `pause()`, `resume()`, `stop()` act between two steps; `close()` ends the process."""

    request: TrainingRequest
    _process: Any = field(default=None, init=False, repr=False)
    _news: Any = field(default=None, init=False, repr=False)
    _paused: Any = field(default=None, init=False, repr=False)
    _stopped: Any = field(default=None, init=False, repr=False)
    finished: bool = field(default=False, init=False)

    def start(self) -> None:
        context = mp.get_context("spawn")
        self._news = context.Queue()
        self._paused, self._stopped = context.Event(), context.Event()
        self._process = context.Process(
            target=worker_main,
            args=(self.request, self._news, self._paused, self._stopped),
            name="cnn-explainer-training",
            daemon=True,
        )
        self._process.start()

    @property
    def running(self) -> bool:
        return self._process is not None and not self.finished

    @property
    def paused(self) -> bool:
        return self._paused is not None and self._paused.is_set()

    @property
    def stopping(self) -> bool:
        return self._stopped is not None and self._stopped.is_set()

    def pause(self) -> None:
        if self._paused is not None:
            self._paused.set()

    def resume(self) -> None:
        if self._paused is not None:
            self._paused.clear()

    def stop(self) -> None:
        """Ask the worker to stop after the current step; it still sends its last snapshot and
        Finished, so what was trained is kept."""
        if self._stopped is not None:
            self._stopped.set()
            self._paused.clear()

    def poll(self, limit: int = 1000) -> list[Any]:
        """The news that arrived (at most `limit` items), oldest first. A worker that died
        without a word (killed, out of memory) is reported as Failed."""
        out: list[Any] = []
        if self._news is None:
            return out
        while len(out) < limit:
            try:
                item = self._news.get_nowait()
            except queue.Empty:
                break
            out.append(item)
            if isinstance(item, (Finished, Failed)):
                self.finished = True
                break
        if not out and not self.finished and not self._process.is_alive():
            self.finished = True
            code = self._process.exitcode
            out.append(Failed(f"the training process ended unexpectedly (exit code {code})"))
        return out

    def close(self, timeout: float = 5.0) -> None:
        """Stop the worker and wait for it (then kill it): the window may quit after this."""
        if self._process is None:
            return
        self.stop()
        self._process.join(timeout)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(2.0)
        self.finished = True
        if self._news is not None:
            self._news.cancel_join_thread()
            self._news.close()
