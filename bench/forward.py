"""Figure 1: forward pass with the full trace, batch 1, against a plain forward without it.

The model is the shipped default checkpoint, the input a shipped sample digit run through the
real preprocessing. On CPU torch runs on one thread, exactly as the window sets it
(explainer.gui.main_window.default_model_loader): more threads only spin against the GUI
thread for a net this small. Trace and plain forward alternate call by call, so that a burst of
load from another process hits both alike and their ratio holds.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from bench.common import NO_CUDA, ratio, stats_ms, target

FULL_CALLS = 3000
QUICK_CALLS = 400
WARMUP_CALLS = 50
TRACE_P99_LIMIT_MS = 1.0


def _sample_input(config) -> np.ndarray:  # noqa: ANN001 - ModelConfig
    from explainer.core.preprocess import preprocess
    from explainer.core.samples import load_sample

    return preprocess(load_sample(3), config).network_input.copy()


def _time_alternating(calls: int, first, second) -> tuple[list[float], list[float]]:  # noqa: ANN001
    """Durations of `first()` and `second()`, called alternately `calls` times each."""
    for _ in range(WARMUP_CALLS):
        first()
        second()
    first_s, second_s = [], []
    clock = time.perf_counter
    for _ in range(calls):
        start = clock()
        first()
        middle = clock()
        second()
        end = clock()
        first_s.append(middle - start)
        second_s.append(end - middle)
    return first_s, second_s


def _measure_device(model, network_input: np.ndarray, calls: int) -> dict[str, Any]:  # noqa: ANN001
    import torch

    device = model.device
    batch = torch.as_tensor(network_input).unsqueeze(0).to(device)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)

    def trace() -> None:
        model.forward_trace(network_input)  # copies every stage to host numpy: synchronous

    def plain() -> None:
        with torch.inference_mode():
            model(batch)
        sync()

    trace_s, plain_s = _time_alternating(calls, trace, plain)
    trace_stats, plain_stats = stats_ms(trace_s), stats_ms(plain_s)
    return {
        "device": str(device),
        "threads": torch.get_num_threads(),
        "forward_trace_ms": trace_stats,
        "baseline_plain_forward_ms": plain_stats,
        "trace_over_plain_p50": ratio(trace_stats["p50"], plain_stats["p50"]),
    }


def _cuda_graph_variant(model, network_input: np.ndarray, calls: int) -> dict[str, Any]:  # noqa: ANN001
    """The whole traced forward captured once as a CUDA graph and replayed (GPU only)."""
    import torch

    static_input = torch.as_tensor(network_input).unsqueeze(0).to(model.device)
    with torch.inference_mode():
        stream = torch.cuda.Stream()
        stream.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(stream):
            for _ in range(3):
                model.stages(static_input)
        torch.cuda.current_stream().wait_stream(stream)
        graph = torch.cuda.CUDAGraph()
        with torch.cuda.graph(graph):
            static_stages = model.stages(static_input)
            static_flat = torch.cat([v.reshape(-1) for v in static_stages.values()])
    host = torch.empty(static_flat.shape, dtype=static_flat.dtype, pin_memory=True)
    source = torch.as_tensor(network_input).unsqueeze(0)

    def replay() -> None:
        static_input.copy_(source, non_blocking=True)
        graph.replay()
        host.copy_(static_flat, non_blocking=True)
        torch.cuda.synchronize()

    def trace() -> None:
        model.forward_trace(network_input)

    graph_s, trace_s = _time_alternating(calls, replay, trace)
    graph_stats = stats_ms(graph_s)
    return {
        "cuda_graph_trace_ms": graph_stats,
        "plain_trace_ms_same_run": stats_ms(trace_s),
        "graph_over_plain_p50": ratio(graph_stats["p50"], stats_ms(trace_s)["p50"]),
    }


def run(quick: bool) -> dict[str, Any]:
    import torch

    from explainer import paths
    from explainer.core.checkpoint import load_model

    calls = QUICK_CALLS if quick else FULL_CALLS
    torch.set_num_threads(1)  # as the window does on CPU
    model, _ = load_model(paths.default_checkpoint(), "cpu")
    network_input = _sample_input(model.config)
    cpu = _measure_device(model, network_input, calls)

    if torch.cuda.is_available():
        gpu_model, _ = load_model(paths.default_checkpoint(), "cuda")
        cuda: dict[str, Any] = _measure_device(gpu_model, network_input, calls)
        try:
            cuda["cuda_graph"] = _cuda_graph_variant(gpu_model, network_input, calls)
        except Exception as exc:  # noqa: BLE001 - an optional variant; record why it failed
            cuda["cuda_graph"] = {"error": f"{type(exc).__name__}: {exc}"}
    else:
        cuda = {"skipped": NO_CUDA}

    targets = [
        target(
            "forward + trace p99 (CPU, batch 1)",
            cpu["forward_trace_ms"]["p99"],
            TRACE_P99_LIMIT_MS,
            "ms",
        )
    ]
    return {
        "checkpoint": paths.default_checkpoint().name,
        "calls": calls,
        "cpu": cpu,
        "cuda": cuda,
        "targets": targets,
    }
