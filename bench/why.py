"""Figure 8: the Why panel in the real window — extra time per painted frame with the panel open
against the same window with it closed (same run, strokes alternating), and how long its
off-thread results take to appear: occlusion after a stroke, top-9 patches of every filter,
feature visualisation — each against the core call it wraps, in the same run.

Per frame (PenSession of figure 2: a real MainWindow offscreen, 125 Hz strokes of an "8"):
  *panel closed*  the window as it is without the Why panel (the baseline);
  *panel open*    View › Why this guess? shown, method saliency: every run is
                  `live_attributions` (trace + maps of the first and second guess) and the
                  panel redraws its two maps.
For each run: `run_ms` = the state's input_changed → the last view updated (trace_changed's
handlers; with the panel open, maps_changed's, which come after); `window_repaint_ms` = the
window's repaint passes (every dirty widget, the Why panel's maps included). The extra cost of
a painted frame is open − closed of (run p50 + repaint p50); pen-to-pixels as in figure 2.

Off the GUI thread, with the panel open:
  *occlusion*     the canvas handled the release → `occlusion_changed` (the maps are shown in
                  that handler); baseline: `core.attribution.occlusion` of both guesses on the
                  same input, called directly;
  *top-9*         from an empty patch cache: a conv2 filter selected → its patches shown (this
                  builds the index of all filters of both layers), then every other filter of
                  both layers selected in turn → shown; baseline: `patch_index` + `top_all(9)`;
  *feature vis*   a filter selected → its visualisation shown (conv1 0, conv2 3);
                  baseline: `visualise()` of the same filter.
"""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

from bench.common import ratio, stats_ms, target

FULL_STROKES_PER_MODE, QUICK_STROKES_PER_MODE = 6, 2
FULL_OCCLUSION_STROKES, QUICK_OCCLUSION_STROKES = 8, 2
EXTRA_LIMIT_MS = 3.0
OCCLUSION_LIMIT_MS = 250.0  # release → occlusion maps on screen
TOP9_LIMIT_S = 1.0
FEATUREVIS_LIMIT_S = 1.0


def _per_frame(session, strokes: int) -> dict[str, Any]:  # noqa: ANN001 - PenSession
    from bench.qt_driver import MOUSE_INTERVAL_S, run_for

    window = session.window
    state, dock = window.state, window.why_dock
    runs: dict[str, list[float]] = defaultdict(list)
    started: list[float] = []
    mode_now = {"name": "closed"}

    def on_input(image: object) -> None:
        if image is not None:
            started.append(time.perf_counter())

    def on_trace(trace: object) -> None:  # after the window's own handlers
        if trace is not None and started and mode_now["name"] == "closed":
            runs["closed"].append(time.perf_counter() - started.pop())

    def on_maps(maps: object) -> None:  # after the Why panel's own handler
        if maps is not None and started and mode_now["name"] == "open":
            runs["open"].append(time.perf_counter() - started.pop())

    state.input_changed.connect(on_input)
    state.trace_changed.connect(on_trace)
    state.why.maps_changed.connect(on_maps)

    def enter(name: str):
        def go() -> None:
            mode_now["name"] = name
            started.clear()
            if name == "open":
                dock.open()
            else:
                dock.hide()
            run_for(0.1)

        return go

    modes = {
        "panel_closed": (enter("closed"), lambda: None),
        "panel_open": (enter("open"), lambda: None),
    }
    live_before = state.why.live_runs
    results = session.measure(modes, MOUSE_INTERVAL_S, strokes)
    dock.hide()
    run_for(0.1)
    live_runs = state.why.live_runs - live_before
    closed, opened = results["panel_closed"], results["panel_open"]
    out: dict[str, Any] = {}
    for key, mode, samples in (
        ("panel_closed", closed, runs["closed"]),
        ("panel_open", opened, runs["open"]),
    ):
        out[key] = {
            "run_ms": stats_ms(samples),
            "window_repaint_ms": mode["window_repaint_ms"],
            "pen_to_pixels_ms": mode["pen_to_pixels_ms"],
            "inferences": mode["inferences"],
            "frames": mode["frames"],
            "unmatched_events": mode["unmatched_events"],
            "max_inferences_per_frame": mode["max_inferences_per_frame"],
        }

    def frame_p50(mode: dict[str, Any]) -> float:
        return mode["run_ms"]["p50"] + mode["window_repaint_ms"]["p50"]

    out["extra_per_painted_frame_ms"] = round(
        frame_p50(out["panel_open"]) - frame_p50(out["panel_closed"]), 4
    )
    out["extra_run_p50_ms"] = round(
        out["panel_open"]["run_ms"]["p50"] - out["panel_closed"]["run_ms"]["p50"], 4
    )
    out["extra_repaint_p50_ms"] = round(
        out["panel_open"]["window_repaint_ms"]["p50"]
        - out["panel_closed"]["window_repaint_ms"]["p50"],
        4,
    )
    out["live_runs_while_open"] = live_runs
    out["strokes_per_mode"] = strokes
    return out


def _occlusion(session, strokes: int) -> dict[str, Any]:  # noqa: ANN001
    from bench.qt_driver import figure_eight, run_for, wait_until
    from explainer.core.attribution import occlusion

    window = session.window
    state, dock, panel = window.state, window.why_dock, window.why_dock.panel
    dock.open()
    panel.set_method("occlusion")
    run_for(0.2)
    shown: list[float] = []
    state.why.occlusion_changed.connect(lambda _r: shown.append(time.perf_counter()))
    released: list[float] = []
    window.canvas.strokeFinished.connect(lambda: released.append(time.perf_counter()))
    latency, core = [], []
    for stroke in range(strokes):
        window.canvas.clear()
        run_for(0.05)
        shown.clear()
        released.clear()
        session.driver.play(figure_eight(120, turn=stroke / 5), settle_s=0.0)
        if not wait_until(lambda: bool(shown), 30):
            raise RuntimeError("no occlusion map arrived")
        latency.append(shown[0] - released[0])
        wait_until(lambda: not panel.busy(), 30)
        maps = state.why.maps
        start = time.perf_counter()
        for t in maps.targets:  # the same work, called directly on the GUI thread
            occlusion(state.model, maps.network_input, t)
        core.append(time.perf_counter() - start)
    panel.set_method("saliency")
    return {
        "strokes": strokes,
        "release_to_shown_ms": stats_ms(latency),
        "baseline_core_occlusion_two_guesses_ms": stats_ms(core),
    }


def _select_and_wait(window, unit, what: str) -> float:  # noqa: ANN001
    from bench.qt_driver import wait_until

    view = window.why_dock.panel.filter_view
    start = time.perf_counter()
    window.state.select(unit)
    ready = (
        (lambda: view.patches is not None)
        if what == "patches"
        else (lambda: view.visualisation is not None)
    )
    if not wait_until(ready, 60):
        raise RuntimeError(f"no {what} for {unit}")
    return time.perf_counter() - start


def _filters(session) -> dict[str, Any]:  # noqa: ANN001
    from bench.qt_driver import run_for, wait_until
    from explainer.core import patches
    from explainer.core.featurevis import visualise
    from explainer.core.units import UnitRef

    window = session.window
    state, panel = window.state, window.why_dock.panel
    window.why_dock.open()
    run_for(0.1)
    config = state.model.config
    layers = patches.conv_layers(config)
    # Feature visualisation first (the cache of patches does not matter to it).
    vis: dict[str, Any] = {}
    for layer, index in (("conv1", 0), ("conv2", 3)):
        seconds = _select_and_wait(window, UnitRef(layer, index, 0, 0), "visualisation")
        start = time.perf_counter()
        visualise(state.model, layer, index)
        vis[f"{layer}_{index}"] = {
            "selected_to_shown_s": round(seconds, 4),
            "baseline_core_visualise_s": round(time.perf_counter() - start, 4),
        }
        wait_until(lambda: not panel.busy(), 60)
        state.select(None)
        run_for(0.05)
    patches.clear_memory_cache()
    cold = _select_and_wait(window, UnitRef("conv2", 0, 0, 0), "patches")
    warm = []
    start_all = time.perf_counter() - cold
    for layer, count in layers.items():
        for index in range(count):
            if (layer, index) == ("conv2", 0):
                continue
            warm.append(_select_and_wait(window, UnitRef(layer, index, 0, 0), "patches"))
    all_s = time.perf_counter() - start_all
    wait_until(lambda: not panel.busy(), 120)
    state.select(None)
    window.why_dock.hide()
    run_for(0.1)
    # Baseline, same run: the core's index of all filters and every top-9, from nothing.
    from explainer.core.patches import heldout_dataset

    dataset = heldout_dataset(state.checkpoint)
    patches.clear_memory_cache()
    start = time.perf_counter()
    patches.patch_index(state.model, dataset).top_all(9)
    core_s = time.perf_counter() - start
    return {
        "filters": sum(layers.values()),
        "top9_first_filter_cold_s": round(cold, 4),
        "top9_other_filters_ms": stats_ms(warm),
        "top9_all_filters_one_by_one_s": round(all_s, 4),
        "baseline_core_all_filters_top9_s": round(core_s, 4),
        "featurevis": vis,
        "featurevis_max_s": max(v["selected_to_shown_s"] for v in vis.values()),
    }


def run(quick: bool) -> dict[str, Any]:
    from bench.pen import PenSession

    session = PenSession("bench-why")
    window = session.window
    strokes = QUICK_STROKES_PER_MODE if quick else FULL_STROKES_PER_MODE
    per_frame = _per_frame(session, strokes)
    occ = _occlusion(session, QUICK_OCCLUSION_STROKES if quick else FULL_OCCLUSION_STROKES)
    filters = _filters(session)
    window.why_dock.wait(30_000)
    window.close()
    closed, opened = per_frame["panel_closed"], per_frame["panel_open"]
    return {
        "method": "alternating strokes with the Why panel closed / open (saliency) in the real "
        "window; extra per painted frame = open − closed of run p50 + window repaint p50",
        "checkpoint": window.state.checkpoint.name if window.state.checkpoint else None,
        "window_size": [window.width(), window.height()],
        "per_frame": per_frame,
        "occlusion": occ,
        "filters": filters,
        "open_over_closed_pen_to_pixels_p50": ratio(
            opened["pen_to_pixels_ms"]["p50"], closed["pen_to_pixels_ms"]["p50"]
        ),
        "targets": [
            target(
                "Why panel open: extra per painted frame (p50, open − closed)",
                per_frame["extra_per_painted_frame_ms"],
                EXTRA_LIMIT_MS,
                "ms",
                "run (trace + maps + the panel's redraw) and window repaint, same-run baseline",
            ),
            target(
                "occlusion: stroke end → maps shown (p95)",
                occ["release_to_shown_ms"]["p95"],
                OCCLUSION_LIMIT_MS,
                "ms",
            ),
            target(
                "top-9 of the first filter from nothing (index of all filters)",
                filters["top9_first_filter_cold_s"],
                TOP9_LIMIT_S,
                "s",
            ),
            target(
                "feature visualisation: selected → shown (max)",
                filters["featurevis_max_s"],
                FEATUREVIS_LIMIT_S,
                "s",
            ),
        ],
    }
