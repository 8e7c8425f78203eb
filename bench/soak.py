"""Soak: a long session of everything at once through the real window (issue 14).

Synthetic drawing at 60 Hz on the canvas (StrokeDriver: events posted from a thread, as real
input is), and meanwhile, on their own clocks: a model switch (default → classic → early →
fashion → …) every `switch_every_s`, an evaluation started and cancelled, a language switch,
the arithmetic dock stepping through a conv2 map, and the timeline slider of a checkpoint that
has one. Counted: move events played, strokes, inferences, model switches, evaluations started
and cancelled, language switches, stepper steps, exceptions (sys.excepthook and unraisable
hooks: any exception in a Qt slot or a psygnal callback lands there), resident memory at the
start (after a warm-up) and at the end (after a garbage collection), and queues that must not
grow (running worker threads, the undo stack).

`make soak` runs 10 minutes (`python -m bench.soak --minutes 10`); tests/test_soak.py runs 30 s.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import prepare_qt_process, rss_mb

MODELS = ("default.pt", "classic.pt", "early.pt", "fashion.pt")
GROWTH_LIMIT_MB = 50.0
MOVES_PER_STROKE = 60
DRAW_INTERVAL_S = 1 / 60


def run(duration_s: float = 600.0, switch_every_s: float = 20.0) -> dict[str, Any]:
    prepare_qt_process()
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from bench.qt_driver import StrokeDriver, figure_eight, run_for, wait_until
    from explainer import paths
    from explainer.core.units import UnitRef
    from explainer.gui import i18n
    from explainer.gui.canvas import UNDO_LIMIT
    from explainer.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["bench-soak"])
    exceptions: list[str] = []
    previous_hook, previous_unraisable = sys.excepthook, sys.unraisablehook

    def on_exception(kind, value, tb) -> None:  # noqa: ANN001
        exceptions.append(f"{kind.__name__}: {value}")
        previous_hook(kind, value, tb)

    def on_unraisable(info) -> None:  # noqa: ANN001
        exceptions.append(f"unraisable {type(info.exc_value).__name__}: {info.exc_value}")

    sys.excepthook, sys.unraisablehook = on_exception, on_unraisable
    counts = dict.fromkeys(
        ("moves", "strokes", "model_switches", "evaluations_started", "evaluations_cancelled",
         "language_switches", "stepper_steps", "timeline_scrubs"), 0,
    )  # fmt: skip
    window = MainWindow(device="cpu", show_dialogs=False)
    try:
        window.resize(1280, 800)
        window.show()
        if not wait_until(window.is_ready, 120):
            raise RuntimeError(f"the model did not load: {window._load_error}")
        driver = StrokeDriver(window.canvas, interval_s=DRAW_INTERVAL_S)
        features = window.checkpoint_features
        dock = window.arithmetic_dock
        training_panel = window.training_dock.panel
        models = [paths.models_dir() / name for name in MODELS]
        models = [m for m in models if m.is_file()]

        def evaluate_and_cancel() -> bool:
            evaluation = features.show_evaluation()
            evaluation.set_dataset("mnist")
            started = evaluation.start()
            run_for(0.02)
            if evaluation.is_running():
                evaluation.cancel()
                counts["evaluations_cancelled"] += 1
            return started

        def step_the_dock() -> None:
            dock.show()
            if window.state.trace is not None:
                window.state.select(UnitRef("conv2", 0, 0, 0))
                for _ in range(5):
                    dock.view.stepper.step(1)
                    counts["stepper_steps"] += 1
                    run_for(0.01)

        # Warm-up: everything once (first loads fill caches: each model, the evaluation data,
        # the dialogs, both catalogues), so that what grows afterwards is what leaks.
        driver.play(figure_eight(MOVES_PER_STROKE), settle_s=0.05)
        for model in [*models[1:], models[0]]:
            window.load_checkpoint(model)
            wait_until(window.is_ready, 60)
            driver.play(figure_eight(MOVES_PER_STROKE), settle_s=0.05)
        evaluate_and_cancel()
        wait_until(lambda: not features.evaluation_dialog.is_running(), 30)
        for code in ("pt_BR", "en"):
            window.set_language(code)
        step_the_dock()
        window.canvas.clear()
        run_for(0.5)
        counts = dict.fromkeys(counts, 0)
        gc.collect()
        start_mb = rss_mb()
        runs_before = window.state.runs
        clocks = {"switch": switch_every_s, "eval": 7.0, "language": 11.0, "step": 5.0,
                  "scrub": 3.0}  # fmt: skip
        next_at = {name: every for name, every in clocks.items()}
        started = time.perf_counter()
        stroke = 0
        model_index = 0
        while (elapsed := time.perf_counter() - started) < duration_s:
            driver.play(figure_eight(MOVES_PER_STROKE, turn=stroke / 9), settle_s=0.02)
            counts["moves"] += MOVES_PER_STROKE - 2
            counts["strokes"] += 1
            stroke += 1
            if stroke % 4 == 0:
                window.canvas.clear()
            if elapsed >= next_at["switch"] and models:
                model_index = (model_index + 1) % len(models)
                window.load_checkpoint(models[model_index])
                counts["model_switches"] += 1
                next_at["switch"] += clocks["switch"]
            if elapsed >= next_at["eval"] and window.is_ready():
                if evaluate_and_cancel():
                    counts["evaluations_started"] += 1
                next_at["eval"] += clocks["eval"]
            if elapsed >= next_at["language"]:
                code = "pt_BR" if i18n.current_language() == "en" else "en"
                window.set_language(code)
                counts["language_switches"] += 1
                next_at["language"] += clocks["language"]
            if elapsed >= next_at["step"] and window.state.model is not None:
                step_the_dock()
                next_at["step"] += clocks["step"]
            if elapsed >= next_at["scrub"] and len(window.state.timeline) > 1:
                slider = training_panel.slider
                slider.setValue((slider.value() + 5) % (slider.maximum() + 1))
                counts["timeline_scrubs"] += 1
                next_at["scrub"] += clocks["scrub"]
        wait_until(lambda: not window.is_loading(), 60)
        QThreadPool.globalInstance().waitForDone(30_000)
        run_for(0.5)
        window.canvas.clear()
        run_for(0.2)
        gc.collect()
        end_mb = rss_mb()
        result = {
            "duration_s": round(time.perf_counter() - started, 1),
            "switch_every_s": switch_every_s,
            **counts,
            "inferences": window.state.runs - runs_before,
            "exceptions": len(exceptions),
            "exception_samples": exceptions[:5],
            "rss_start_mb": round(start_mb, 1),
            "rss_end_mb": round(end_mb, 1),
            "growth_mb": round(end_mb - start_mb, 1),
            "growth_limit_mb": GROWTH_LIMIT_MB,
            "worker_threads_left": QThreadPool.globalInstance().activeThreadCount(),
            "undo_steps": window.canvas.undo_stack.count(),
            "undo_limit": UNDO_LIMIT,
        }
    finally:
        if i18n.current_language() != "en":
            i18n.set_language("en")
        window.close()
        sys.excepthook, sys.unraisablehook = previous_hook, previous_unraisable
    del app
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.soak", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--switch-every", type=float, default=20.0, help="seconds (default 20)")
    parser.add_argument("--out", type=Path, help="write the result as JSON here too")
    args = parser.parse_args()
    result = run(args.minutes * 60, args.switch_every)
    text = json.dumps(result, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    ok = (
        result["exceptions"] == 0
        and result["growth_mb"] < GROWTH_LIMIT_MB
        and result["worker_threads_left"] == 0
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
