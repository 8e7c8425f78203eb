"""The LeNet-style network built from a ModelConfig, with a forward pass that keeps every stage."""

from __future__ import annotations

import math

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from explainer.core.ablation import Ablation, keep_masks
from explainer.core.config import CONV, POOL, SCALED_TANH_A, SCALED_TANH_S, ModelConfig
from explainer.core.errors import ExplainerError
from explainer.core.trace import Trace


def scaled_tanh(x: torch.Tensor) -> torch.Tensor:
    """LeCun's A·tanh(S·x) (1.7159·tanh(2x/3)): f(±1) ≈ ±1, the LeNet-5 squashing function."""
    return SCALED_TANH_A * torch.tanh(SCALED_TANH_S * x)


# The step-through recomputes every unit in float32; TF32 convolutions on Ampere+ GPUs would
# differ from it by ~1e-3, so the explained numbers would not be the computed ones.
torch.backends.cudnn.allow_tf32 = False
torch.backends.cuda.matmul.allow_tf32 = False

ACTIVATION_FUNCTIONS = {
    "relu": torch.relu,
    "tanh": torch.tanh,
    "scaled_tanh": scaled_tanh,
    "sigmoid": torch.sigmoid,
}


def pick_device(requested: str | torch.device | None = None) -> torch.device:
    """'auto' / None: CUDA when present, else CPU. 'cuda' without a GPU is an error."""
    if requested in (None, "", "auto"):
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        device = torch.device(requested)
    except RuntimeError as exc:
        raise ExplainerError(f"unknown device {requested!r}; expected auto, cpu or cuda") from exc
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ExplainerError(f"device {requested!r} asked for, but no CUDA GPU is available")
    return device


def is_gpu_failure(exc: BaseException) -> bool:
    """A CUDA out-of-memory or runtime error (the GPU failed, not the input)."""
    if isinstance(exc, torch.cuda.OutOfMemoryError):
        return True
    text = str(exc)
    return "CUDA" in text or "cuda" in text or "CUBLAS" in text or "cuDNN" in text


def describe_device(device: torch.device) -> str:
    if device.type == "cuda":
        return f"GPU: {torch.cuda.get_device_name(device)}"
    return "CPU"


class LeNet(nn.Module):
    """conv1 → act → pool1 → conv2 → act → pool2 → fc1 → act → … → logits.

    The input is already normalised (see ModelConfig.normalize); shape (B, C, H, W).
    """

    def __init__(self, config: ModelConfig) -> None:
        super().__init__()
        self.config = config
        # One module per layer with weights, named as in the layer table (conv1, fc1, logits).
        for spec in config.layers():
            if spec.kind == CONV:
                out_channels, in_channels, k, _ = spec.weights
                module = nn.Conv2d(in_channels, out_channels, k, padding=spec.padding)
            elif spec.has_weights:
                module = nn.Linear(spec.weights[1], spec.weights[0])
            else:
                continue
            self.add_module(spec.name, module)
        self.fc_names = config.fc_layer_names
        self.act = ACTIVATION_FUNCTIONS[config.activation]

    def pool(self, x: torch.Tensor) -> torch.Tensor:
        size = self.config.pool_size
        if self.config.pool == "max":
            return F.max_pool2d(x, size, size)
        return F.avg_pool2d(x, size, size)

    def _layer(self, spec, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        """(output, pre-activation or None) of one row of the layer table."""
        if spec.kind == POOL:
            return self.pool(x), None
        if spec.kind != CONV and x.dim() > 2:
            x = x.flatten(1)  # pool2's maps → fc1's input vector
        pre = getattr(self, spec.name)(x)
        return (self.act(pre), pre) if spec.has_activation else (pre, None)

    def _masks(self, ablate) -> dict[str, torch.Tensor]:
        """Keep-masks of the switched-off units (see core/ablation.py); {} for none."""
        ablation = Ablation.of(ablate)
        return keep_masks(ablation, self.config, self.device) if ablation else {}

    def forward(self, x: torch.Tensor, ablate: Ablation | None = None) -> torch.Tensor:
        """Logits of a batch; `ablate`: units switched off (their output × 0) for this pass."""
        masks = self._masks(ablate)
        for spec in self.config.layers()[1:]:
            x, _ = self._layer(spec, x)
            if spec.name in masks:
                x = x * masks[spec.name]
        return x

    def stages(self, x: torch.Tensor, ablate: Ablation | None = None) -> dict[str, torch.Tensor]:
        """Every traced tensor of a batch, named as in `ModelConfig.layer_shapes()`. With
        `ablate`, a switched-off unit's output is 0; its `<name>_pre` keeps the computed value."""
        masks = self._masks(ablate)
        out: dict[str, torch.Tensor] = {"input": x}
        for spec in self.config.layers()[1:]:
            value, pre = self._layer(spec, out[spec.source])
            if pre is not None:
                out[f"{spec.name}_pre"] = pre
            out[spec.name] = value * masks[spec.name] if spec.name in masks else value
        out["probs"] = torch.softmax(out["logits"], dim=1)
        return out

    @property
    def device(self) -> torch.device:
        return self.conv1.weight.device

    @torch.inference_mode()
    def forward_trace(self, x: np.ndarray | torch.Tensor, ablate: Ablation | None = None) -> Trace:
        """Run one input, (H, W), (C, H, W) or (1, C, H, W), and keep every stage as numpy.

        `ablate`: units switched off for this pass (an Ablation, or (layer, index) pairs)."""
        ablation = Ablation.of(ablate)
        tensor = self.input_tensor(x)
        stages = self.stages(tensor.to(self.device, non_blocking=True), ablation)
        return self.trace_of(stages, ablation)

    def input_tensor(self, x: np.ndarray | torch.Tensor) -> torch.Tensor:
        """(1, C, S, S) float32 (on the CPU) of one input given as (S, S), (C, S, S) or
        (1, C, S, S); ExplainerError for any other shape or for something that is no array."""
        expected = (self.config.in_channels, self.config.input_size, self.config.input_size)
        if isinstance(x, np.ndarray) and not x.flags.writeable:
            x = x.copy()  # torch warns on read-only arrays (preprocess returns them)
        try:
            tensor = torch.as_tensor(x, dtype=torch.float32)
        except (TypeError, ValueError, RuntimeError) as exc:
            raise ExplainerError(f"network input must be an array of shape {expected}") from exc
        if tensor.dim() == 2:
            tensor = tensor.unsqueeze(0)
        if tensor.dim() == 4 and tensor.shape[0] == 1:
            tensor = tensor[0]
        if tuple(tensor.shape) != expected:
            raise ExplainerError(
                f"network input must have shape {expected}, found {tuple(np.shape(x))}"
            )
        return tensor.unsqueeze(0)

    def trace_of(self, stages: dict[str, torch.Tensor], ablate: Ablation | None = None) -> Trace:
        """The Trace of the first image of a batch of `stages` (detached, copied to the host)."""
        if self.device.type == "cpu":
            arrays = {k: v[0].detach().numpy() for k, v in stages.items()}
        else:
            # One device→host copy instead of one per stage.
            flat = torch.cat([v[0].detach().reshape(-1) for v in stages.values()]).cpu().numpy()
            arrays, start = {}, 0
            for k, v in stages.items():
                n = math.prod(v.shape[1:])
                arrays[k] = flat[start : start + n].reshape(v.shape[1:])
                start += n
        return Trace(self.config, arrays, Ablation.of(ablate))


def build_model(
    config: ModelConfig, device: torch.device | str | None = None, seed: int | None = None
) -> LeNet:
    if seed is not None:
        torch.manual_seed(seed)
    model = LeNet(config)
    return model.to(pick_device(device)).eval()
