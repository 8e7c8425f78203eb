"""Figure 7: the Why view's core costs — live maps per painted frame, occlusion, top-9 patches of
every filter, feature visualisation — each with its baseline in the same run.

Per frame (the default checkpoint, a preprocessed sample digit, torch on 1 thread as the window
sets it), interleaved call by call:
- *panel closed* (the baseline): `forward_trace`, what the window runs per frame today;
- *panel open, ours*: `live_attributions` — saliency, gradient × input and Grad-CAM (conv2) of the
  first and second guesses AND the trace, from one forward and one backward pass;
- *panel open, separate*: `forward_trace` + `live_attributions` (a session that keeps its trace
  call and adds the maps);
- *captum* (when installed): the same six maps through captum's Saliency, InputXGradient and
  LayerGradCam + LayerAttribution.interpolate, plus `forward_trace` for the guesses.
The extra cost of the open panel is paired per iteration (open − closed of the same round).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from bench.common import NO_CUDA, ratio, stats_ms, target

FULL_FRAMES, QUICK_FRAMES = 600, 80
FULL_REPEATS, QUICK_REPEATS = 20, 4
WARMUP = 20
EXTRA_LIMIT_MS = 3.0
OCCLUSION_LIMIT_MS = 100.0
TOP9_LIMIT_S = 1.0
FEATUREVIS_LIMIT_S = 1.0


def _sample_input(config) -> np.ndarray:  # noqa: ANN001 - ModelConfig
    from explainer.core.preprocess import preprocess
    from explainer.core.samples import load_sample

    return np.array(preprocess(load_sample(3), config).network_input)


def _captum_frame(model, x: np.ndarray):  # noqa: ANN001
    """A per-frame function computing the six maps with captum, or None without captum."""
    try:
        from captum.attr import InputXGradient, LayerAttribution, LayerGradCam, Saliency
    except ImportError:
        return None
    import torch

    from explainer.core.attribution import TappedLeNet

    tensor = torch.as_tensor(x)[None].to(model.device)
    tapped = TappedLeNet(model)
    saliency, gxi = Saliency(model), InputXGradient(model)
    cam = LayerGradCam(tapped, tapped.taps["conv2"])
    size = model.config.input_size

    def frame() -> None:
        first, second = (g.index for g in model.forward_trace(x).top(2))
        for k in (first, second):
            saliency.attribute(tensor.clone().requires_grad_(), target=k)
            gxi.attribute(tensor.clone().requires_grad_(), target=k)
            layer = cam.attribute(tensor, target=k, relu_attributions=True)
            LayerAttribution.interpolate(layer, (size, size), interpolate_mode="bilinear")

    return frame


def _frames(model, x: np.ndarray, frames: int) -> dict[str, Any]:  # noqa: ANN001
    from explainer.core.attribution import live_attributions

    sync = _sync(model)

    def closed() -> None:
        model.forward_trace(x)

    def ours() -> None:
        live_attributions(model, x)
        sync()

    def separate() -> None:
        model.forward_trace(x)
        live_attributions(model, x)
        sync()

    runs = {"closed": closed, "ours": ours, "separate": separate}
    captum = _captum_frame(model, x)
    if captum is not None:
        runs["captum"] = captum
    for _ in range(WARMUP):
        for run in runs.values():
            run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    clock = time.perf_counter
    for _ in range(frames):
        for name, run in runs.items():
            start = clock()
            run()
            times[name].append(clock() - start)
    closed_s = np.array(times["closed"])
    out: dict[str, Any] = {
        "device": str(model.device),
        "frames": frames,
        "panel_closed_forward_trace_ms": stats_ms(times["closed"]),
        "panel_open_live_ms": stats_ms(times["ours"]),
        "panel_open_separate_ms": stats_ms(times["separate"]),
        "extra_live_ms": stats_ms(np.array(times["ours"]) - closed_s),
        "extra_separate_ms": stats_ms(np.array(times["separate"]) - closed_s),
    }
    if captum is not None:
        out["captum_frame_ms"] = stats_ms(times["captum"])
        out["extra_captum_ms"] = stats_ms(np.array(times["captum"]) - closed_s)
        out["captum_over_live_p50"] = ratio(
            out["captum_frame_ms"]["p50"], out["panel_open_live_ms"]["p50"]
        )
    else:
        out["captum_frame_ms"] = {"skipped": "captum not installed"}
    return out


def _sync(model):  # noqa: ANN001
    import torch

    return torch.cuda.synchronize if model.device.type == "cuda" else (lambda: None)


def _occlusion(model, x: np.ndarray, repeats: int) -> dict[str, Any]:  # noqa: ANN001
    """The occlusion map (6×6, stride 2: 196 windows in one batch) against one plain forward of
    the same batch size, interleaved."""
    import torch

    from explainer.core.attribution import occlusion

    sync = _sync(model)
    batch = torch.as_tensor(x)[None].expand(197, *x.shape).contiguous().to(model.device)

    def occ() -> None:
        occlusion(model, x, "first")
        sync()

    def plain() -> None:
        with torch.inference_mode():
            model(batch)
        sync()

    for _ in range(3):
        occ(), plain()
    occ_s, plain_s = [], []
    for _ in range(repeats * 5):
        start = time.perf_counter()
        occ()
        middle = time.perf_counter()
        plain()
        occ_s.append(middle - start)
        plain_s.append(time.perf_counter() - middle)
    return {
        "device": str(model.device),
        "windows": 196,
        "occlusion_ms": stats_ms(occ_s),
        "baseline_forward_197_ms": stats_ms(plain_s),
    }


def _top9(model, checkpoint, repeats: int) -> dict[str, Any]:  # noqa: ANN001
    """All filters of both conv layers over the checkpoint's held-out split, from nothing
    (memory cache cleared) to every filter's top-9 patches; the baseline is one plain batched
    forward of the same images (what `eval` costs)."""
    import torch

    from explainer.core import patches
    from explainer.core.datasets import pad_images

    dataset = patches.heldout_dataset(checkpoint)
    content = patches.checkpoint_content_hash(checkpoint)
    config = model.config
    total, index_only, plain_s = [], [], []
    for _ in range(repeats):
        patches.clear_memory_cache()
        start = time.perf_counter()
        index = patches.patch_index(model, dataset, content_hash=content)
        built = time.perf_counter()
        index.top_all(9)
        total.append(time.perf_counter() - start)
        index_only.append(built - start)
        start = time.perf_counter()
        with torch.inference_mode():
            model(config.normalize(pad_images(dataset.images, config.input_size).to(model.device)))
        _sync(model)()
        plain_s.append(time.perf_counter() - start)
    return {
        "device": str(model.device),
        "dataset": dataset.describe(),
        "filters": sum(patches.conv_layers(config).values()),
        "all_filters_top9_s": round(float(np.median(total)), 4),
        "all_filters_top9_max_s": round(float(np.max(total)), 4),
        "index_pass_s": round(float(np.median(index_only)), 4),
        "baseline_plain_forward_s": round(float(np.median(plain_s)), 4),
    }


def _featurevis(model, repeats: int) -> dict[str, Any]:  # noqa: ANN001
    from explainer.core.featurevis import visualise

    out: dict[str, Any] = {"device": str(model.device)}
    worst = 0.0
    for layer, index in (("conv1", 0), ("conv2", 3), ("logits", 3)):
        seconds = [visualise(model, layer, index, seed=s).seconds for s in range(repeats)]
        out[f"{layer}_s"] = {
            "median": round(float(np.median(seconds)), 4),
            "max": round(float(np.max(seconds)), 4),
        }
        worst = max(worst, float(np.max(seconds)))
    out["max_s"] = round(worst, 4)
    return out


def run(quick: bool) -> dict[str, Any]:
    import torch

    from explainer import paths
    from explainer.core.checkpoint import load_model

    torch.set_num_threads(1)  # as the window does on CPU
    frames = QUICK_FRAMES if quick else FULL_FRAMES
    repeats = QUICK_REPEATS if quick else FULL_REPEATS
    model, checkpoint = load_model(paths.default_checkpoint(), "cpu")
    x = _sample_input(model.config)
    cpu = {
        "per_frame": _frames(model, x, frames),
        "occlusion": _occlusion(model, x, repeats),
        "top9": _top9(model, checkpoint, max(2, repeats // 4)),
        "featurevis": _featurevis(model, max(2, repeats // 4)),
    }
    if torch.cuda.is_available():
        gpu_model, _ = load_model(paths.default_checkpoint(), "cuda")
        cuda: dict[str, Any] = {
            "per_frame": _frames(gpu_model, x, frames),
            "occlusion": _occlusion(gpu_model, x, repeats),
            "top9": _top9(gpu_model, checkpoint, max(2, repeats // 4)),
            "featurevis": _featurevis(gpu_model, 2),
        }
    else:
        cuda = {"skipped": NO_CUDA}
    per_frame = cpu["per_frame"]
    targets = [
        target(
            "Why panel extra per frame, CPU (p50 of open − closed)",
            per_frame["extra_live_ms"]["p50"],
            EXTRA_LIMIT_MS,
            "ms",
            "live_attributions (maps + trace) against forward_trace, paired per round",
        ),
        target(
            "occlusion map, 196 windows, CPU (p95)",
            cpu["occlusion"]["occlusion_ms"]["p95"],
            OCCLUSION_LIMIT_MS,
            "ms",
        ),
        target(
            "top-9 patches of all conv filters, CPU",
            cpu["top9"]["all_filters_top9_max_s"],
            TOP9_LIMIT_S,
            "s",
        ),
        target(
            "feature visualisation, CPU (max)", cpu["featurevis"]["max_s"], FEATUREVIS_LIMIT_S, "s"
        ),
    ]
    return {
        "checkpoint": paths.default_checkpoint().name,
        "cpu": cpu,
        "cuda": cuda,
        "targets": targets,
    }
