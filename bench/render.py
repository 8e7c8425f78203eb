"""Figure 3: rendering only — every layer panel from one trace, against one image item per map.

Shipped: NetworkView.set_trace(trace) (each layer is one mosaic ImageItem), then either
  app path      the event loop runs until the pyqtgraph viewport has painted: Qt repaints the
                changed images only, as it does in the window for every new trace; or
  full repaint  viewport.repaint(): every panel, title, colour bar and axis (an expose/resize).
Baseline: the same
maps in the same viewport size with one pyqtgraph ImageItem per feature map (and per filter),
the layout the design notes warn against. Two traces (sample digits 3 and 8) alternate, so no
frame can reuse the previous one's pixels; shipped and baseline alternate frame by frame.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from bench.common import prepare_qt_process, ratio, stats_ms, target

FULL_FRAMES = 400
QUICK_FRAMES = 80
WARMUP_FRAMES = 10
VIEW_SIZE = (780, 720)  # about the layer panels' share of the 1280×800 window
RENDER_P95_LIMIT_MS = 5.0


def _traces(model) -> list:  # noqa: ANN001 - LeNet
    from explainer.core.preprocess import preprocess
    from explainer.core.samples import load_sample

    return [
        model.forward_trace(preprocess(load_sample(d), model.config).network_input.copy())
        for d in (3, 8)
    ]


class PerMapBaseline:
    """One ViewBox per layer, one ImageItem per map/filter, in the mosaic's grid positions."""

    def __init__(self, model, traces: list, levels: dict[str, tuple[float, float]]) -> None:  # noqa: ANN001
        import pyqtgraph as pg

        from explainer.gui.colormaps import (
            ACTIVATION_MAP,
            WEIGHT_MAP,
            lookup_table,
            symmetric_levels,
        )

        self.widget = pg.GraphicsLayoutWidget()
        self.widget.setBackground("w")
        self.items: dict[str, list[pg.ImageItem]] = {}
        self.levels = levels
        activation_lut = lookup_table(ACTIVATION_MAP)
        weight_lut = lookup_table(WEIGHT_MAP)
        first = traces[0]
        layers = [
            "input",
            "conv1",
            "pool1",
            "conv2",
            "pool2",
            *model.config.fc_layer_names,
            "logits",
        ]
        filters = {
            "conv1_filters": model.conv1.weight.detach().cpu().numpy(),
            "conv2_filters": model.conv2.weight.detach().cpu().numpy(),
        }
        column = 0
        for name in [*layers[:2], "conv1_filters", *layers[2:4], "conv2_filters", *layers[4:]]:
            view = self.widget.addViewBox(
                row=0,
                col=column,
                lockAspect=True,
                invertY=True,
                enableMouse=False,
                enableMenu=False,
            )
            column += 1
            if name in filters:
                weights = filters[name]
                maps = weights.reshape(-1, *weights.shape[2:])
                lut, item_levels = weight_lut, symmetric_levels(weights)
            else:
                maps = self._maps(first[name])
                lut, item_levels = activation_lut, levels[name]
            grid_cols = max(1, int(np.ceil(np.sqrt(len(maps) * 0.45))))
            items = []
            for index, image in enumerate(maps):
                item = pg.ImageItem(axisOrder="row-major")
                item.setLookupTable(lut)
                item.setImage(image, autoLevels=False, levels=item_levels)
                r, c = divmod(index, grid_cols)
                h, w = image.shape
                item.setPos(c * (w + 1), r * (h + 1))
                view.addItem(item)
                items.append(item)
            if name not in filters:
                self.items[name] = items
        self.widget.resize(*VIEW_SIZE)
        self.widget.show()

    @staticmethod
    def _maps(values: np.ndarray) -> np.ndarray:
        if values.ndim == 1:
            return values.reshape(1, 1, -1)
        return values

    def set_trace(self, trace) -> None:  # noqa: ANN001
        for name, items in self.items.items():
            for item, image in zip(items, self._maps(trace[name]), strict=True):
                item.setImage(image, autoLevels=False, levels=self.levels[name])

    def repaint(self) -> None:
        self.widget.viewport().repaint()


def run(quick: bool) -> dict[str, Any]:
    prepare_qt_process()
    import torch
    from PySide6.QtWidgets import QWidget

    from bench.qt_driver import FrameRecorder, run_for
    from explainer import paths
    from explainer.core.checkpoint import load_model
    from explainer.core.levels import reference_levels
    from explainer.gui.network import NetworkView

    app = FrameRecorder(["bench-render"])
    torch.set_num_threads(1)
    model, _ = load_model(paths.default_checkpoint(), "cpu")
    traces = _traces(model)

    view = NetworkView()
    view.set_model(model, reference_levels(model))
    view.resize(*VIEW_SIZE)
    view.show()
    shipped_viewport = view.findChild(QWidget, "network_panels").viewport()
    levels = {name: view.panel(name).fixed_levels for name in view.layer_names()}
    baseline = PerMapBaseline(model, traces, levels)
    baseline_viewport = baseline.widget.viewport()
    run_for(0.2)  # layouts settle, first exposes

    def app_path_frame(set_trace, viewport: QWidget, trace) -> float:  # noqa: ANN001
        """set_trace, then the event loop until the viewport has repainted what changed."""
        app.viewport = viewport
        app.viewport_paints.clear()
        app.recording = True
        start = time.perf_counter()
        set_trace(trace)
        deadline = start + 1.0
        while not app.viewport_paints and time.perf_counter() < deadline:
            app.processEvents()
        app.recording = False
        return (app.viewport_paints[-1][1] if app.viewport_paints else float("nan")) - start

    def full_repaint_frame(set_trace, viewport: QWidget, trace) -> float:  # noqa: ANN001
        """set_trace, then a synchronous repaint of the whole viewport (titles, colour bars)."""
        start = time.perf_counter()
        set_trace(trace)
        viewport.repaint()
        elapsed = time.perf_counter() - start
        app.processEvents()  # the scene's queued change notices, as between real frames
        return elapsed

    variants = {
        "shipped_app_path": (app_path_frame, view.set_trace, shipped_viewport),
        "baseline_app_path": (app_path_frame, baseline.set_trace, baseline_viewport),
        "shipped_full_repaint": (full_repaint_frame, view.set_trace, shipped_viewport),
        "baseline_full_repaint": (full_repaint_frame, baseline.set_trace, baseline_viewport),
    }
    frames = QUICK_FRAMES if quick else FULL_FRAMES
    durations: dict[str, list[float]] = {name: [] for name in variants}
    for i in range(WARMUP_FRAMES + frames):
        for name, (frame, set_trace, viewport) in variants.items():  # interleaved
            elapsed = frame(set_trace, viewport, traces[i % 2])
            if i >= WARMUP_FRAMES:
                durations[name].append(elapsed)

    result = {name: stats_ms(values) for name, values in durations.items()}
    shipped = result["shipped_app_path"]
    return {
        "method": "app path: set_trace, then the event loop until the panels' viewport has "
        "painted (Qt repaints only the changed images); full repaint: set_trace + "
        "viewport.repaint() (every title, colour bar and image)",
        "frames": frames,
        "view_size": list(VIEW_SIZE),
        "panels": view.layer_names(),
        "activation_image_items_baseline": sum(len(v) for v in baseline.items.values()),
        **{f"{name}_ms": stats for name, stats in result.items()},
        "baseline_over_shipped_app_path_p50": ratio(
            result["baseline_app_path"]["p50"], shipped["p50"]
        ),
        "baseline_over_shipped_full_repaint_p50": ratio(
            result["baseline_full_repaint"]["p50"], result["shipped_full_repaint"]["p50"]
        ),
        "targets": [
            target("all panels rendered p95 (app path)", shipped["p95"], RENDER_P95_LIMIT_MS, "ms"),
        ],
    }
