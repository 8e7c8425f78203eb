"""A checkpoint's training timeline: its snapshots, written and read in both file forms.

In a ``.pt`` file: ``payload["snapshots"]`` is a list of plain dicts (step, epoch, train_loss,
heldout_loss, heldout_accuracy, state_dict) that ``torch.load(weights_only=True)`` reads. In a
``.safetensors`` file: snapshot ``i``'s tensors are named ``snapshots.<i>.<parameter>`` beside
the final weights, and the header's metadata ``"snapshots"`` holds the list without weights.
Every snapshot's weights are validated against the config like the final ones; a bad one is
refused naming it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

import torch

from explainer.core.checkpoint.validation import validate_state_dict
from explainer.core.config import ModelConfig
from explainer.core.errors import CheckpointError
from explainer.core.files import parse_json
from explainer.core.snapshots import Snapshot
from explainer.core.text import number_text

PREFIX = "snapshots."
MAX_SNAPSHOTS = 1000
MAX_STEP = 2**53  # a step count that a float still holds exactly
INFO_KEYS = ("step", "epoch", "train_loss", "heldout_loss", "heldout_accuracy")


def pack(snapshots: Sequence[Snapshot]) -> list[dict[str, Any]]:
    """Plain data for a .pt payload (CPU float32 tensors, no numpy)."""
    return [
        {**_info(s), "state_dict": {k: _tensor(v) for k, v in s.state_dict.items()}}
        for s in snapshots
    ]


def to_safetensors(snapshots: Sequence[Snapshot]) -> tuple[dict[str, torch.Tensor], str]:
    """(prefixed tensors, JSON list of the snapshots' info) for a .safetensors file."""
    tensors = {
        f"{PREFIX}{i}.{name}": _tensor(value)
        for i, snapshot in enumerate(snapshots)
        for name, value in snapshot.state_dict.items()
    }
    return tensors, json.dumps([_info(s) for s in snapshots])


def split_safetensors(
    tensors: Mapping[str, torch.Tensor], infos_json: str | None, label: str
) -> tuple[dict[str, torch.Tensor], list[dict[str, Any]]]:
    """The final weights and the raw snapshot list (as `unpack` takes it) of a .safetensors
    file's tensors."""
    final = {k: v for k, v in tensors.items() if not k.startswith(PREFIX)}
    if infos_json is None:
        if len(final) != len(tensors):
            raise CheckpointError(f"{label}: snapshot tensors but no snapshot list in the header")
        return final, []
    infos = parse_json(infos_json, f"{label}: the snapshot list", CheckpointError)
    if not isinstance(infos, list):
        raise CheckpointError(f"{label}: the snapshot list must be a list, found {infos!r:.60}")
    raw: list[dict[str, Any]] = []
    for i, info in enumerate(infos[: MAX_SNAPSHOTS + 1]):
        prefix = f"{PREFIX}{i}."
        weights = {k[len(prefix) :]: v for k, v in tensors.items() if k.startswith(prefix)}
        raw.append({**info, "state_dict": weights} if isinstance(info, dict) else info)
    return final, raw


def unpack(raw: Any, config: ModelConfig, label: str) -> tuple[Snapshot, ...]:
    """Validated snapshots, in step order; CheckpointError names the first bad one."""
    if not isinstance(raw, list):
        raise CheckpointError(f"{label}: snapshots must be a list, found {type(raw).__name__}")
    if len(raw) > MAX_SNAPSHOTS:
        raise CheckpointError(f"{label}: at most {MAX_SNAPSHOTS} snapshots, found {len(raw)}")
    snapshots: list[Snapshot] = []
    for i, entry in enumerate(raw):
        where = f"{label} snapshot {i}"
        if not isinstance(entry, Mapping):
            raise CheckpointError(f"{where}: expected a dict, found {type(entry).__name__}")
        step = entry.get("step")
        if not isinstance(step, int) or isinstance(step, bool) or not 0 <= step <= MAX_STEP:
            raise CheckpointError(
                f"{where}: step must be an integer from 0 to 2^53, found {_shown(step)}"
            )
        if snapshots and step <= snapshots[-1].step:
            raise CheckpointError(
                f"{where}: steps must increase, found step {step} after {snapshots[-1].step}"
            )
        where = f"{where} (step {step})"
        epoch = _number(entry.get("epoch"), where, "epoch", required=True, low=0.0)
        train_loss = _number(entry.get("train_loss"), where, "train_loss", low=0.0)
        heldout_loss = _number(entry.get("heldout_loss"), where, "heldout_loss", low=0.0)
        accuracy = _number(entry.get("heldout_accuracy"), where, "heldout_accuracy", 0.0, 1.0)
        weights = entry.get("state_dict")
        if not isinstance(weights, Mapping):
            raise CheckpointError(f"{where}: no state_dict of weights")
        state_dict = validate_state_dict(config, weights, where)
        snapshots.append(
            Snapshot(step, epoch, state_dict, train_loss, heldout_loss, accuracy)  # type: ignore[arg-type]
        )
    return tuple(snapshots)


def _info(snapshot: Snapshot) -> dict[str, Any]:
    info = snapshot.info()
    return {key: info[key] for key in INFO_KEYS}


def _tensor(value: Any) -> torch.Tensor:
    return torch.as_tensor(value).detach().to("cpu", torch.float32).clone().contiguous()


def _number(
    value: Any,
    where: str,
    name: str,
    low: float | None = None,
    high: float | None = None,
    required: bool = False,
) -> float | None:
    if value is None and not required:
        return None
    finite = isinstance(value, (int, float)) and not isinstance(value, bool)
    try:
        finite = finite and math.isfinite(value)
    except OverflowError:  # an integer too large for a float
        finite = False
    if not finite:
        raise CheckpointError(f"{where}: {name} must be a finite number, found {_shown(value)}")
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"≥ {low:g}" if high is None else f"in [{low:g}, {high:g}]"
        raise CheckpointError(f"{where}: {name} must be {bounds}, found {value!r}")
    return float(value)


def _shown(value: Any) -> str:
    if isinstance(value, (int, float)):
        return number_text(value)
    try:
        return f"{value!r:.40}"
    except ValueError:  # e.g. a list holding a huge integer
        return f"a {type(value).__name__}"
