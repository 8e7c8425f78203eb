"""Why this guess? Attribution maps over the network input (Qt-free).

For a model, one network input x of shape (C, S, S) — already normalised, as `forward_trace`
takes it — and a *target*, each method says which input pixels the target's score depends on:

- a target is a class k (score = logit_k), or a contrast (a, b) (score = logit_a − logit_b: "why a
  and not b"). A class may also be `FIRST` or `SECOND`: the first / second guess of this very pass.
- **saliency**: |∂ score / ∂ x|. Per input channel (C, S, S) in `channels`; the (S, S) `map` is the
  maximum over channels (Simonyan et al. 2014; for C = 1 they are the same numbers).
- **gradient × input**: (∂ score / ∂ x) · x, signed. `map` sums over channels (so that it adds up
  to the first-order change of the score when x is blanked to 0).
- **Grad-CAM** on conv2 (default) or conv1: α_c = mean over the map of ∂ score / ∂ A_c, A_c the
  layer's c-th map *after* its activation; ReLU(Σ_c α_c A_c) (`coarse`, the layer's size),
  upsampled bilinearly (align_corners=False) to the input's size (`map`).
- **occlusion**: a square (default 6×6, stride 2) filled with the normalised value of a blank
  pixel, `config.normalize(0)`, slid over the input (the last window of a row cut at the border,
  as in captum); each window's drop of the probability p_k (or of p_a − p_b for a contrast);
  each pixel gets the mean drop of the windows that cover it. All windows run in one batched
  forward pass.

Every map is checked against captum (`Saliency`, `InputXGradient`, `LayerGradCam` +
`LayerAttribution.interpolate`, `Occlusion`) in tests/test_attribution.py, and saliency against
finite differences.

Why our own few lines of autograd on the live path, not captum: the Why panel redraws saliency,
gradient × input and Grad-CAM for the first and second guesses on every painted frame. Through
captum that is six attribute() calls, each its own forward and backward through its Python hooks:
5.7 ms per frame (p50; 10.9 ms p95) on the 2-core CPU, 1 thread, over the 3 ms budget before
anything is drawn. `live_attributions` below does all of it — and the trace the other panels
draw — in ONE forward pass over a batch of one copy per target and ONE backward: 1.6 ms, 1.15 ms
more than the `forward_trace` it replaces (bench/attribution.py,
bench/results/2026-12-02-amd-epyc-2c-attribution.json). Captum stays the oracle of the tests.

Knock-outs (`ablate`, see core/ablation.py) apply to every method: the maps explain the network
with those units switched off.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from explainer.core.ablation import Ablation
from explainer.core.config import CONV, ModelConfig
from explainer.core.errors import ExplainerError

if TYPE_CHECKING:
    from explainer.core.model import LeNet
    from explainer.core.trace import Trace

SALIENCY, GRADXINPUT, GRADCAM, OCCLUSION = "saliency", "gradxinput", "gradcam", "occlusion"
METHODS = (SALIENCY, GRADXINPUT, GRADCAM, OCCLUSION)
SIGNED = {SALIENCY: False, GRADXINPUT: True, GRADCAM: False, OCCLUSION: True}
# The first and second guess of the pass being explained (resolved inside that pass).
FIRST, SECOND = "first", "second"
_RANKS = {FIRST: 0, SECOND: 1}
DEFAULT_GRADCAM_LAYER = "conv2"
OCCLUSION_WINDOW = 6
OCCLUSION_STRIDE = 2

ClassRef = int | str  # a class index, or FIRST / SECOND
Target = ClassRef | tuple[ClassRef, ClassRef]  # a class, or a contrast (a, b): a − b


@dataclass(frozen=True)
class Attribution:
    """One map. `map` is (S, S) float32 over the network input; `target` the resolved class k or
    contrast (a, b); `score` the explained score at x (logit_k, logit_a − logit_b, or for
    occlusion p_k / p_a − p_b); `probs` the model's probabilities for x in the same pass."""

    method: str
    target: int | tuple[int, int]
    map: np.ndarray
    signed: bool
    score: float
    probs: np.ndarray
    layer: str | None = None  # Grad-CAM's layer
    channels: np.ndarray | None = None  # saliency / gradient × input per input channel (C, S, S)
    coarse: np.ndarray | None = None  # Grad-CAM at its layer's resolution (h, w)

    @property
    def is_contrast(self) -> bool:
        return isinstance(self.target, tuple)

    def limits(self) -> tuple[float, float]:
        """Colour limits: symmetric around 0 for signed maps, [0, max] for the others."""
        peak = float(np.max(np.abs(self.map))) if self.map.size else 0.0
        peak = peak if peak > 0 and np.isfinite(peak) else 1.0
        return (-peak, peak) if self.signed else (0.0, peak)


@dataclass(frozen=True)
class LiveAttributions:
    """Everything the Why panel draws for one input, from one forward and one backward pass:
    per target (in the order asked), saliency, gradient × input and Grad-CAM per layer, and
    the trace of that same pass (what the other panels draw)."""

    trace: Trace
    targets: tuple[int | tuple[int, int], ...]
    saliency: tuple[Attribution, ...]
    gradxinput: tuple[Attribution, ...]
    gradcam: Mapping[str, tuple[Attribution, ...]] = field(default_factory=dict)

    def maps(self, index: int) -> dict[str, Attribution]:
        """The maps of the index-th target: 'saliency', 'gradxinput', 'gradcam:<layer>'."""
        out = {SALIENCY: self.saliency[index], GRADXINPUT: self.gradxinput[index]}
        for layer, maps in self.gradcam.items():
            out[f"{GRADCAM}:{layer}"] = maps[index]
        return out


# ---- checking what the caller asked for ----------------------------------------------------------
def network_input(model: LeNet, x: np.ndarray | torch.Tensor) -> torch.Tensor:
    """(1, C, S, S) float32 on the model's device, from (S, S), (C, S, S) or (1, C, S, S)."""
    tensor = model.input_tensor(x)
    if not bool(torch.isfinite(tensor).all()):
        raise ExplainerError("network input must hold finite numbers")
    return tensor.to(model.device)


def _class_index(config: ModelConfig, value: Any, order: np.ndarray | None) -> int:
    if isinstance(value, str) and value in _RANKS:
        if order is None:
            raise ExplainerError(f"{value!r} (a guess) needs the pass's probabilities")
        return int(order[_RANKS[value]])
    n = config.num_classes
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ExplainerError(
            f"a target class must be a class index 0..{n - 1} (or {FIRST!r} / {SECOND!r}), "
            f"found {value!r}"
        )
    if not 0 <= int(value) < n:
        raise ExplainerError(f"a target class must be 0..{n - 1}, found {int(value)}")
    return int(value)


def resolve_target(
    config: ModelConfig, target: Target, order: np.ndarray | None = None
) -> int | tuple[int, int]:
    """A class index or a contrast (a, b) of two different classes; FIRST / SECOND become the
    classes at those ranks of `order` (classes by decreasing probability)."""
    if isinstance(target, (tuple, list)):
        if len(target) != 2:
            raise ExplainerError(f"a contrast is two classes (a, b), found {list(target)!r}")
        a, b = (_class_index(config, t, order) for t in target)
        if a == b:
            raise ExplainerError(
                f"a contrast needs two different classes, found {a} and {b} "
                "(logit_a − logit_b would be 0 everywhere)"
            )
        return a, b
    return _class_index(config, target, order)


def check_target(config: ModelConfig, target: Target) -> None:
    """Raise ExplainerError for a target that no pass could resolve (before running anything)."""
    fake_order = np.arange(config.num_classes)
    resolve_target(config, target, fake_order)


def gradcam_layers(config: ModelConfig) -> tuple[str, ...]:
    """The layers Grad-CAM can use: the conv layers, in network order."""
    return tuple(spec.name for spec in config.layers() if spec.kind == CONV)


def _check_layer(config: ModelConfig, layer: str) -> str:
    layers = gradcam_layers(config)
    if layer not in layers:
        raise ExplainerError(
            f"Grad-CAM needs a conv layer, one of {', '.join(layers)}; found {layer!r}"
        )
    return layer


def _order(probs: torch.Tensor) -> np.ndarray:
    """Classes by decreasing probability, ties to the lower index (as Trace.top)."""
    return np.argsort(-probs.detach().cpu().numpy(), kind="stable")


def _score(values: torch.Tensor, target: int | tuple[int, int]) -> torch.Tensor:
    """score per row of (B, classes) values: column k, or column a − column b."""
    if isinstance(target, tuple):
        return values[..., target[0]] - values[..., target[1]]
    return values[..., target]


# ---- gradient methods ----------------------------------------------------------------------------
def _gradients(
    model: LeNet,
    x: torch.Tensor,
    targets: Sequence[Target],
    layers: Sequence[str],
    ablate: Ablation | None,
) -> tuple[dict[str, torch.Tensor], list[int | tuple[int, int]], torch.Tensor, list[torch.Tensor]]:
    """ONE forward pass over len(targets) copies of x and ONE backward: for copy i the gradient
    of target i's score with respect to the input and to each layer's maps (scores of different
    copies do not mix, so the gradient of their sum splits by copy)."""
    with torch.inference_mode(False), torch.enable_grad():
        batch = x.expand(len(targets), *x.shape[1:]).clone().requires_grad_(True)
        stages = model.stages(batch, ablate)
        order = _order(stages["probs"][0])
        resolved = [resolve_target(model.config, t, order) for t in targets]
        logits = stages["logits"]
        score = sum(_score(logits[i], t) for i, t in enumerate(resolved))
        grads = torch.autograd.grad(score, [batch, *(stages[name] for name in layers)])
    return stages, resolved, grads[0], list(grads[1:])


def _cam(grads: torch.Tensor, maps: torch.Tensor, size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Grad-CAM of a batch: (B, h, w) coarse maps and their (B, S, S) bilinear upsampling."""
    alpha = grads.mean(dim=(2, 3), keepdim=True)
    coarse = torch.relu((alpha * maps).sum(dim=1, keepdim=True))
    fine = F.interpolate(coarse, size=(size, size), mode="bilinear", align_corners=False)
    return coarse[:, 0], fine[:, 0]


def _host(tensor: torch.Tensor) -> np.ndarray:
    return tensor.detach().cpu().numpy().astype(np.float32, copy=False)


def _gradient_maps(
    model: LeNet,
    x: torch.Tensor,
    targets: Sequence[Target],
    layers: Sequence[str],
    ablate: Ablation | None,
) -> tuple[dict[str, torch.Tensor], list, dict[str, list[Attribution]]]:
    """Saliency, gradient × input and Grad-CAM (per layer) for each target, from one pass."""
    stages, resolved, grad_x, layer_grads = _gradients(model, x, targets, layers, ablate)
    size = model.config.input_size
    probs = _host(stages["probs"][0])
    scores = [float(_score(stages["logits"][i].detach(), t)) for i, t in enumerate(resolved)]
    saliency_c, gxi_c = _host(grad_x.abs()), _host(grad_x * x)
    out: dict[str, list[Attribution]] = {SALIENCY: [], GRADXINPUT: []}
    for i, target in enumerate(resolved):
        common = dict(target=target, score=scores[i], probs=probs)
        out[SALIENCY].append(
            Attribution(
                SALIENCY,
                map=saliency_c[i].max(axis=0),
                signed=False,
                channels=saliency_c[i],
                **common,
            )
        )
        out[GRADXINPUT].append(
            Attribution(
                GRADXINPUT, map=gxi_c[i].sum(axis=0), signed=True, channels=gxi_c[i], **common
            )
        )
    for layer, grads in zip(layers, layer_grads, strict=True):
        coarse, fine = _cam(grads, stages[layer].detach(), size)
        coarse, fine = _host(coarse), _host(fine)
        out[f"{GRADCAM}:{layer}"] = [
            Attribution(
                GRADCAM,
                target=t,
                map=fine[i],
                signed=False,
                score=scores[i],
                probs=probs,
                layer=layer,
                coarse=coarse[i],
            )
            for i, t in enumerate(resolved)
        ]
    return stages, resolved, out


def saliency(
    model: LeNet, x: np.ndarray | torch.Tensor, target: Target = FIRST, *, ablate=None
) -> Attribution:
    """|∂ score / ∂ x|: per channel in `channels`, max over channels in `map`."""
    _, _, maps = _gradient_maps(model, network_input(model, x), [target], (), ablate)
    return maps[SALIENCY][0]


def gradient_x_input(
    model: LeNet, x: np.ndarray | torch.Tensor, target: Target = FIRST, *, ablate=None
) -> Attribution:
    """(∂ score / ∂ x) · x: per channel in `channels`, summed over channels in `map`."""
    _, _, maps = _gradient_maps(model, network_input(model, x), [target], (), ablate)
    return maps[GRADXINPUT][0]


def grad_cam(
    model: LeNet,
    x: np.ndarray | torch.Tensor,
    target: Target = FIRST,
    *,
    layer: str = DEFAULT_GRADCAM_LAYER,
    ablate=None,
) -> Attribution:
    """ReLU(Σ_c α_c A_c) on `layer` (conv2 or conv1), upsampled to the input's size."""
    _check_layer(model.config, layer)
    _, _, maps = _gradient_maps(model, network_input(model, x), [target], (layer,), ablate)
    return maps[f"{GRADCAM}:{layer}"][0]


def live_attributions(
    model: LeNet,
    x: np.ndarray | torch.Tensor,
    targets: Sequence[Target] = (FIRST, SECOND),
    *,
    gradcam_layers: Sequence[str] = (DEFAULT_GRADCAM_LAYER,),
    ablate=None,
) -> LiveAttributions:
    """What the Why panel draws while the pen moves — saliency, gradient × input and Grad-CAM on
    each of `gradcam_layers`, for each target (default: the first and the second guess; a
    contrast (FIRST, SECOND) adds "why the first and not the second") — plus the Trace of the
    same pass, all from one forward pass over len(targets) copies of x and one backward."""
    targets = tuple(targets)
    if not targets:
        raise ExplainerError("live attributions need at least one target")
    for layer in gradcam_layers:
        _check_layer(model.config, layer)
    ablation = Ablation.of(ablate)
    stages, resolved, maps = _gradient_maps(
        model, network_input(model, x), targets, tuple(gradcam_layers), ablation
    )
    return LiveAttributions(
        trace=model.trace_of(stages, ablation),
        targets=tuple(resolved),
        saliency=tuple(maps[SALIENCY]),
        gradxinput=tuple(maps[GRADXINPUT]),
        gradcam={layer: tuple(maps[f"{GRADCAM}:{layer}"]) for layer in gradcam_layers},
    )


# ---- occlusion -----------------------------------------------------------------------------------
def check_occlusion_geometry(size: int, window: int, stride: int) -> None:
    for name, value in (("window", window), ("stride", stride)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise ExplainerError(f"occlusion {name} must be a whole number, found {value!r}")
    if not 1 <= window <= size:
        raise ExplainerError(f"occlusion window must be 1..{size} pixels, found {window}")
    if not 1 <= stride <= window:
        raise ExplainerError(
            f"occlusion stride must be 1..{window} (at most the window, so that every pixel is "
            f"covered), found {stride}"
        )


@functools.lru_cache(maxsize=16)
def _occlusion_windows(size: int, window: int, stride: int, device) -> tuple[torch.Tensor, ...]:
    """(P, S, S) float and bool masks of the window positions (1 inside), and (S, S) cover
    counts. Windows start at 0, stride, 2·stride, ... until one reaches the last pixel; that
    one is cut at the border (as captum's Occlusion does), so every pixel is covered."""
    starts = range(0, -(-(size - window) // stride) * stride + 1, stride)
    with torch.inference_mode(False):  # cached: never an inference tensor (see ablation.py)
        masks = torch.zeros(len(starts) ** 2, size, size)
        for n, (r, c) in enumerate((r, c) for r in starts for c in starts):
            masks[n, r : r + window, c : c + window] = 1.0
        masks = masks.to(device)
        return masks, masks[:, None].bool(), masks.sum(0)


def occlusion(
    model: LeNet,
    x: np.ndarray | torch.Tensor,
    target: Target = FIRST,
    *,
    window: int = OCCLUSION_WINDOW,
    stride: int = OCCLUSION_STRIDE,
    ablate=None,
) -> Attribution:
    """Mean drop of p_k (p_a − p_b for a contrast) over the blank windows covering each pixel;
    the original and every occluded copy go through the network as one batch."""
    config = model.config
    check_occlusion_geometry(config.input_size, window, stride)
    tensor = network_input(model, x)
    masks, inside, counts = _occlusion_windows(
        config.input_size, int(window), int(stride), model.device
    )
    blank = float(config.normalize(0.0))
    occluded = torch.where(inside, torch.full_like(tensor, blank), tensor)
    with torch.inference_mode():
        probs = torch.softmax(model(torch.cat([tensor, occluded]), Ablation.of(ablate)), dim=1)
    resolved = resolve_target(config, target, _order(probs[0]))
    scores = _score(probs, resolved)
    drops = scores[0] - scores[1:]
    total = (drops @ masks.flatten(1)).reshape(counts.shape)
    mean = total / counts  # every pixel is covered at least once
    return Attribution(
        OCCLUSION,
        target=resolved,
        map=_host(mean),
        signed=True,
        score=float(scores[0]),
        probs=_host(probs[0]),
    )


# ---- one entry point for the command line --------------------------------------------------------
def explain(
    model: LeNet,
    x: np.ndarray | torch.Tensor,
    method: str,
    target: Target = FIRST,
    *,
    layer: str | None = None,
    ablate=None,
    window: int = OCCLUSION_WINDOW,
    stride: int = OCCLUSION_STRIDE,
) -> Attribution:
    """One map by method name: saliency, gradxinput, gradcam (on `layer`) or occlusion."""
    if method not in METHODS:
        raise ExplainerError(f"method must be one of {', '.join(METHODS)}, found {method!r}")
    if layer is not None and method != GRADCAM:
        raise ExplainerError(f"a layer applies to Grad-CAM only, not to {method}")
    check_target(model.config, target)
    if method == SALIENCY:
        return saliency(model, x, target, ablate=ablate)
    if method == GRADXINPUT:
        return gradient_x_input(model, x, target, ablate=ablate)
    if method == GRADCAM:
        return grad_cam(model, x, target, layer=layer or DEFAULT_GRADCAM_LAYER, ablate=ablate)
    return occlusion(model, x, target, window=window, stride=stride, ablate=ablate)


# ---- for libraries that hook modules (captum), and for sanity checks -----------------------------
class TappedLeNet(nn.Module):
    """The same network and weights with an `nn.Identity` tap after every layer's output (after
    its activation and any knock-out): `taps["conv2"]` is a module whose output is conv2's maps
    after the ReLU, which LeNet itself does not have (its activation is a function). What
    captum's LayerGradCam(tapped, tapped.taps["conv2"]) needs."""

    def __init__(self, model: LeNet, ablate=None) -> None:
        super().__init__()
        self.model = model
        self.ablation = Ablation.of(ablate)
        self.taps = nn.ModuleDict({s.name: nn.Identity() for s in model.config.layers()[1:]})

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        masks = self.model._masks(self.ablation)
        for spec in self.model.config.layers()[1:]:
            x, _ = self.model._layer(spec, x)
            if spec.name in masks:
                x = x * masks[spec.name]
            x = self.taps[spec.name](x)
        return x


def rank_correlation(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman's rank correlation of two maps (ties get their average rank); nan when one of
    them is constant."""
    ra, rb = _ranks(np.ravel(a)), _ranks(np.ravel(b))
    ra, rb = ra - ra.mean(), rb - rb.mean()
    denominator = float(np.sqrt((ra * ra).sum() * (rb * rb).sum()))
    return float((ra * rb).sum() / denominator) if denominator > 0 else float("nan")


def _ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="stable")
    ranks = np.empty(values.size, np.float64)
    ranks[order] = np.arange(values.size, dtype=np.float64)
    _, inverse, counts = np.unique(values, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=ranks)
    return sums[inverse] / counts[inverse]
