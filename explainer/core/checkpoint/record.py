"""Checkpoint: a model config, its weights and the file's metadata (what every loader returns)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from explainer.core.checkpoint.validation import validate_state_dict
from explainer.core.config import ModelConfig
from explainer.core.errors import ExplainerError
from explainer.core.model import LeNet, pick_device
from explainer.core.snapshots import Snapshot


@dataclass
class Checkpoint:
    config: ModelConfig
    state_dict: dict[str, torch.Tensor]
    metadata: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    # The training timeline, in step order (empty for a file without one); `state_dict` is the
    # final weights, which a run's last snapshot equals.
    snapshots: tuple[Snapshot, ...] = ()

    @property
    def name(self) -> str:
        return self.path.stem if self.path else self.metadata.get("name", "unsaved")

    @property
    def label(self) -> str:
        """What error messages start with: the file name, or the checkpoint's name."""
        return self.path.name if self.path else str(self.name)

    def snapshot(self, index: int) -> Snapshot:
        """Snapshot `index` (0 = the first, -1 = the last); ExplainerError when out of range."""
        count = len(self.snapshots)
        if count == 0:
            raise ExplainerError(f"{self.label} has no training snapshots")
        if not isinstance(index, int) or not -count <= index < count:
            raise ExplainerError(
                f"snapshot {index} is out of range: {self.label} has {count} snapshots "
                f"(0 to {count - 1}, or -1 for the last)"
            )
        return self.snapshots[index]

    def build(self, device: str | torch.device | None = None, snapshot: int | None = None) -> LeNet:
        """The network with the final weights, or with those of snapshot `snapshot`."""
        weights = self.state_dict if snapshot is None else self.snapshot(snapshot).state_dict
        # Checked here too (not only on load) so that a hand-made Checkpoint fails with our message.
        state_dict = validate_state_dict(self.config, weights, self.label)
        model = LeNet(self.config)
        model.load_state_dict(state_dict)
        return model.to(pick_device(device)).eval()
