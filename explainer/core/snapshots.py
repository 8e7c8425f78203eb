"""A training timeline: the network's weights at chosen steps of a run, with how it was doing.

Snapshots are kept dense early, where the filters change most, and sparse late: the steps are
spread evenly on a log scale from the first step to the last, plus step 0 (the random
initialisation), so a slider over them shows the filters forming.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

# Default number of snapshots a run keeps (issue 11: at least 20).
DEFAULT_SNAPSHOTS = 24


@dataclass(frozen=True)
class Snapshot:
    """The weights after `step` optimiser steps (0 = before training) and how the network did
    then. `state_dict` maps parameter names to CPU tensors (or numpy arrays), as the model's."""

    step: int
    epoch: float  # epochs done at that step (fractional: step / steps per epoch)
    state_dict: dict[str, Any]
    train_loss: float | None = None  # mean training loss of the steps since the last snapshot
    heldout_loss: float | None = None  # mean cross-entropy on the held-out split
    heldout_accuracy: float | None = None

    def info(self) -> dict[str, Any]:
        """Everything but the weights, as plain data (JSON, `cnn-explainer info`)."""
        return {
            "step": self.step,
            "epoch": round(self.epoch, 6),
            "train_loss": self.train_loss,
            "heldout_loss": self.heldout_loss,
            "heldout_accuracy": self.heldout_accuracy,
        }


def snapshot_steps(total_steps: int, count: int = DEFAULT_SNAPSHOTS) -> list[int]:
    """`count` distinct steps from 0 to `total_steps` (both included), log-spaced in between:
    0, 1, 2, 3, 5, 8, … total. Fewer when the run has fewer steps than that."""
    if total_steps <= 0 or count <= 0:
        return [0] if count > 0 else []
    if count >= total_steps + 1:
        return list(range(total_steps + 1))
    if count == 1:
        return [total_steps]
    # Grow the number of log-spaced points until rounding leaves `count - 1` distinct steps.
    wanted = count - 1
    points = wanted
    steps: list[int] = []
    while len(steps) < wanted:
        raw = np.geomspace(1, total_steps, points)
        steps = sorted({int(round(s)) for s in raw} | {total_steps})
        if len(steps) > wanted:  # drop from the dense early end, keep the last step
            steps = steps[: wanted - 1] + [total_steps]
        points += 1
    return [0, *steps]


def epoch_of(step: int, steps_per_epoch: int) -> float:
    return step / steps_per_epoch if steps_per_epoch > 0 else 0.0


def finite_or_none(value: Any) -> float | None:
    return float(value) if value is not None and math.isfinite(float(value)) else None
