"""Checkpoint: a model config, its weights and the file's metadata (what every loader returns)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from explainer.core.checkpoint.validation import validate_state_dict
from explainer.core.config import ModelConfig
from explainer.core.model import LeNet, pick_device


@dataclass
class Checkpoint:
    config: ModelConfig
    state_dict: dict[str, torch.Tensor]
    metadata: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def name(self) -> str:
        return self.path.stem if self.path else self.metadata.get("name", "unsaved")

    @property
    def label(self) -> str:
        """What error messages start with: the file name, or the checkpoint's name."""
        return self.path.name if self.path else str(self.name)

    def build(self, device: str | torch.device | None = None) -> LeNet:
        # Checked here too (not only on load) so that a hand-made Checkpoint fails with our message.
        state_dict = validate_state_dict(self.config, self.state_dict, self.label)
        model = LeNet(self.config)
        model.load_state_dict(state_dict)
        return model.to(pick_device(device)).eval()
