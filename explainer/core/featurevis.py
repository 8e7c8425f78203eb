"""Feature visualisation: the input that a filter or a class "likes most" (Qt-free).

Gradient ascent on the network input, from a blank input (every pixel `config.normalize(0)`,
blank paper), of an objective:

- a conv filter (conv1, conv2): the mean of its map after the activation;
- a hidden FC unit (fc1, fc2, ...): its activation;
- a class (logits): its logit.

Regularised as is usual (Olah et al., "Feature Visualization", Distill 2017), mildly, so that the
result stays an image a person could draw: a small L2 penalty on the distance from the blank
input, a random shift of up to `jitter` pixels at each step (seeded), and the pixels kept within
what a drawing can hold (blank paper .. full ink). Steps are Adam's (written out) on
−objective.

A ReLU unit that is silent on the blank input has no gradient there; for the first steps
(`warmup`) the ascent also pushes its pre-activation up, a filter's with its whole map's
weight while it is still silent, until the unit wakes. The reported
`value` is always the objective itself, without that push or the penalty.

It is an optimisation, not a data sample: say so wherever it is shown.
"""

from __future__ import annotations

import math
import numbers
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import torch

from explainer.core.config import CONV, FC, OUTPUT, ModelConfig
from explainer.core.errors import ExplainerError

if TYPE_CHECKING:
    from explainer.core.model import LeNet

STEPS = 128
LEARNING_RATE = 0.1
L2 = 1e-3
JITTER = 2
WARMUP = 32
STUBBORN = 8  # warm-up steps after which a unit still silent gets its whole map's push


@dataclass(frozen=True)
class FeatureVisualisation:
    layer: str
    index: int  # filter, unit or class
    image: np.ndarray  # (C, S, S) network input (normalised), the optimised input
    image01: np.ndarray  # (S, S) the same as a [0, 1] image (ink = 1), for display (channel 0)
    value: float  # the objective at `image`
    blank_value: float  # the objective at the blank input
    history: np.ndarray  # the objective at each step (of the shifted input that step saw)
    seconds: float
    seed: int


def objective_layers(config: ModelConfig) -> dict[str, int]:
    """Layers one can visualise, with their filter / unit / class counts."""
    return {spec.name: spec.shape[0] for spec in config.layers() if spec.kind in (CONV, FC, OUTPUT)}


def check_objective(config: ModelConfig, layer: str, index) -> tuple[str, int]:
    layers = objective_layers(config)
    if layer not in layers:
        described = ", ".join(f"{n} (0..{c - 1})" for n, c in layers.items())
        raise ExplainerError(f"feature visualisation needs one of {described}; found {layer!r}")
    if isinstance(index, bool) or not isinstance(index, numbers.Integral):
        raise ExplainerError(f"{layer} index must be a whole number, found {index!r}")
    if not 0 <= index < layers[layer]:
        raise ExplainerError(f"{layer} has 0..{layers[layer] - 1}, found {index}")
    return layer, int(index)


def _objective(model: LeNet, x: torch.Tensor, layer: str, index: int) -> tuple[torch.Tensor, ...]:
    """(objective, pre-activation objective or None) per image of a batch; stops at `layer`."""
    for spec in model.config.layers()[1:]:
        value, pre = model._layer(spec, x)
        if spec.name == layer:
            if spec.kind == CONV:
                return value[:, index].mean(dim=(1, 2)), pre[:, index].mean(dim=(1, 2))
            return value[:, index], (pre[:, index] if pre is not None else None)
        x = value
    raise AssertionError(layer)  # check_objective ran first


def visualise(
    model: LeNet,
    layer: str,
    index: int,
    *,
    steps: int = STEPS,
    lr: float = LEARNING_RATE,
    l2: float = L2,
    jitter: int = JITTER,
    warmup: int = WARMUP,
    seed: int = 0,
) -> FeatureVisualisation:
    """The input maximising `layer`'s `index`-th filter mean / unit / logit (see module doc).
    Deterministic for a given seed (on a given device)."""
    config = model.config
    layer, index = check_objective(config, layer, index)
    for name, value in (("steps", steps), ("jitter", jitter), ("warmup", warmup)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
            raise ExplainerError(f"{name} must be a whole number ≥ 0, found {value!r}")
    numbers_ok = all(
        isinstance(v, numbers.Real) and not isinstance(v, bool) and np.isfinite(v) for v in (lr, l2)
    )
    if not (numbers_ok and lr > 0 and l2 >= 0):
        raise ExplainerError(f"need lr > 0 and l2 ≥ 0, found lr={lr!r}, l2={l2!r}")
    start = time.perf_counter()
    device = model.device
    size, channels = config.input_size, config.in_channels
    low, high = sorted((float(config.normalize(0.0)), float(config.normalize(1.0))))
    blank_value = float(config.normalize(0.0))
    spec = config.layer(layer)
    positions = math.prod(spec.shape[1:]) if spec.kind == CONV else 1  # a filter's map
    generator = torch.Generator().manual_seed(int(seed))
    shifts = torch.randint(-jitter, jitter + 1, (steps, 2), generator=generator).tolist()
    history = np.zeros(steps, np.float32)
    with torch.inference_mode(False), torch.enable_grad():
        blank = torch.full((1, channels, size, size), blank_value, device=device)
        x = blank.clone().requires_grad_(True)
        # Adam's update written out: constructing torch.optim.Adam first imports torch._dynamo,
        # which takes 1.5–2.5 s on this CPU, longer than the whole ascent.
        moment1, moment2 = torch.zeros_like(x), torch.zeros_like(x)
        beta1, beta2, eps = 0.9, 0.999, 1e-8
        with torch.no_grad():
            start_value = float(_objective(model, blank, layer, index)[0][0])
        for step in range(steps):
            dy, dx = shifts[step]
            shifted = torch.roll(x, shifts=(dy, dx), dims=(2, 3)) if jitter else x
            value, pre = _objective(model, shifted, layer, index)
            gain = value.sum()
            if step < warmup and pre is not None:
                push = pre.sum()  # wakes a unit silent on the blank input
                if step >= STUBBORN and not value.detach().any():  # a ReLU map all zeros
                    # Still silent: a filter's mean pre-activation spreads its gradient over the
                    # map (784 positions in conv1), the L2 penalty pulled the input back as fast,
                    # and conv1 filter 2 of the default network stayed blank (0 → 0).
                    push = push * positions
                gain = gain + 0.1 * push
            loss = -gain + l2 * ((x - blank) ** 2).sum()
            (grad,) = torch.autograd.grad(loss, [x])
            with torch.no_grad():
                moment1.mul_(beta1).add_(grad, alpha=1 - beta1)
                moment2.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                m_hat = moment1 / (1 - beta1 ** (step + 1))
                v_hat = moment2 / (1 - beta2 ** (step + 1))
                x.sub_(lr * m_hat / (v_hat.sqrt() + eps))
                x.clamp_(low, high)
            history[step] = float(value.detach()[0])
        image = x.detach()
        with torch.no_grad():
            final = float(_objective(model, image, layer, index)[0][0])
    image_np = image[0].cpu().numpy().astype(np.float32)
    image01 = (image_np[0] * config.norm_std + config.norm_mean).clip(0, 1).astype(np.float32)
    return FeatureVisualisation(
        layer=layer,
        index=index,
        image=image_np,
        image01=image01,
        value=final,
        blank_value=start_value,
        history=history,
        seconds=time.perf_counter() - start,
        seed=int(seed),
    )
