"""Trace: every intermediate tensor of one forward pass, as numpy, named by layer."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainer.core.ablation import NO_ABLATION, Ablation
from explainer.core.config import ModelConfig


@dataclass(frozen=True)
class Guess:
    index: int
    label: str
    prob: float


@dataclass
class Trace:
    """Keys: input, conv1_pre, conv1, pool1, conv2_pre, conv2, pool2, fc1_pre, fc1, ...,
    logits, probs. Arrays have no batch dimension and are float32. `ablation`: the units that
    were switched off in this pass (none by default)."""

    config: ModelConfig
    tensors: dict[str, np.ndarray]
    ablation: Ablation = NO_ABLATION

    def __getitem__(self, name: str) -> np.ndarray:
        return self.tensors[name]

    def __contains__(self, name: str) -> bool:
        return name in self.tensors

    @property
    def names(self) -> list[str]:
        return list(self.tensors)

    @property
    def probs(self) -> np.ndarray:
        return self.tensors["probs"]

    @property
    def logits(self) -> np.ndarray:
        return self.tensors["logits"]

    def top(self, k: int = 2) -> list[Guess]:
        """The k most probable classes, best first (ties broken by the lower class index)."""
        order = np.argsort(-self.probs, kind="stable")[:k]
        return [Guess(int(i), self.config.class_names[i], float(self.probs[i])) for i in order]
