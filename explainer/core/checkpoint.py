"""Checkpoints: one `.pt` file of plain data, always read with torch.load(weights_only=True).

Layout (format version 1)::

    {"format": "cnn-explainer-checkpoint", "format_version": 1,
     "config": ModelConfig.to_dict(), "state_dict": {name: tensor}, "metadata": {...}}
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from explainer.core.config import ModelConfig
from explainer.core.errors import CheckpointError, ConfigError
from explainer.core.model import LeNet, pick_device

FORMAT = "cnn-explainer-checkpoint"
FORMAT_VERSION = 1


@dataclass
class Checkpoint:
    config: ModelConfig
    state_dict: dict[str, torch.Tensor]
    metadata: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def name(self) -> str:
        return self.path.stem if self.path else self.metadata.get("name", "unsaved")

    def build(self, device: str | torch.device | None = None) -> LeNet:
        model = LeNet(self.config)
        model.load_state_dict(self.state_dict)
        dev = device if isinstance(device, torch.device) else pick_device(device)
        return model.to(dev).eval()


def save_checkpoint(path: str | Path, model: LeNet, metadata: dict[str, Any] | None = None) -> Path:
    """Write atomically (temp file + rename) so a crash never leaves half a checkpoint."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "config": model.config.to_dict(),
        "state_dict": {k: v.detach().cpu().clone() for k, v in model.state_dict().items()},
        "metadata": dict(metadata or {}),
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            torch.save(payload, f)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load_checkpoint(path: str | Path) -> Checkpoint:
    path = Path(path)
    try:
        payload = torch.load(path, map_location="cpu", weights_only=True)
    except FileNotFoundError as exc:
        raise CheckpointError(f"{path}: no such file") from exc
    except Exception as exc:  # noqa: BLE001 - every failure to unpickle is the user's file
        raise CheckpointError(f"{path}: not a readable checkpoint ({exc})") from exc
    if not (isinstance(payload, dict) and payload.get("format") == FORMAT):
        raise CheckpointError(f"{path}: not a CNN Explainer checkpoint")
    try:
        config = ModelConfig.from_dict(payload["config"])
    except ConfigError as exc:
        raise CheckpointError(f"{path}: {exc}") from exc
    return Checkpoint(config, payload["state_dict"], payload.get("metadata", {}), path)


def load_model(path: str | Path, device: str | torch.device | None = None) -> tuple[LeNet, Checkpoint]:
    checkpoint = load_checkpoint(path)
    return checkpoint.build(device), checkpoint
