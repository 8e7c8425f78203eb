"""Figure 6: resident memory after a long synthetic drawing session, against its start.

The real window (offscreen, default checkpoint) is drawn on like a person would: a digit of
three strokes (each ~100 mouse moves at 125 Hz, with short pauses), now and then an undo or a
shipped sample loaded from the Samples menu's code path, then the canvas is cleared (Esc), over
and over, for 10 minutes (10 s with --quick; the JSON says which). Resident memory (VmRSS) is
read after the window is ready and one warm-up digit was drawn ("start"), every few seconds
during the session, and at the end after a garbage collection. Baseline in the same process: an
idle period of the same window (5 s; 2 s with --quick) before the session, to show
what the window's memory does with no input.
"""

from __future__ import annotations

import gc
import time
from typing import Any

from bench.common import prepare_qt_process, rss_mb, target

FULL_SESSION_S = 600.0
QUICK_SESSION_S = 10.0
SAMPLE_EVERY_S = 5.0
QUICK_IDLE_S = 2.0
GROWTH_LIMIT_MB = 50.0
STROKE_MOVES = 100


def run(quick: bool) -> dict[str, Any]:
    prepare_qt_process()
    from PySide6.QtWidgets import QApplication

    from bench.qt_driver import StrokeDriver, figure_eight, run_for, wait_until
    from explainer.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(["bench-memory"])
    app.setApplicationName("cnn-explainer-bench")
    window = MainWindow(device="cpu", show_dialogs=False)
    window.show()
    if not wait_until(window.is_ready, 120):
        raise RuntimeError(f"the model did not load: {window._load_error}")
    driver = StrokeDriver(window.canvas)

    def draw_digit(turn: float) -> None:
        points = figure_eight(3 * STROKE_MOVES, turn)
        for part in range(3):
            driver.play(points[part * STROKE_MOVES : (part + 1) * STROKE_MOVES], settle_s=0.05)
            run_for(0.05)

    draw_digit(0.0)  # warm-up: every panel painted once, caches filled
    window.canvas.clear()
    run_for(0.2)
    gc.collect()
    start_mb = rss_mb()
    idle_s = QUICK_IDLE_S if quick else SAMPLE_EVERY_S
    run_for(idle_s)  # baseline: the same window, idle
    gc.collect()
    idle_mb = rss_mb()

    duration = QUICK_SESSION_S if quick else FULL_SESSION_S
    began = time.perf_counter()
    timeline: list[tuple[float, float]] = [(0.0, round(idle_mb, 2))]
    next_sample = SAMPLE_EVERY_S
    digits = undos = samples = 0
    while (elapsed := time.perf_counter() - began) < duration:
        draw_digit(digits / 11)
        digits += 1
        if digits % 4 == 0:
            window.undo_action.trigger()
            undos += 1
        if digits % 10 == 0:
            window.load_sample(digits % 10, 0)
            samples += 1
            run_for(0.1)
        window.canvas.clear()
        run_for(0.1)
        if elapsed >= next_sample:
            timeline.append((round(elapsed, 1), round(rss_mb(), 2)))
            next_sample += SAMPLE_EVERY_S
    session_s = time.perf_counter() - began
    gc.collect()
    run_for(0.2)
    end_mb = rss_mb()
    timeline.append((round(session_s, 1), round(end_mb, 2)))
    half = [mb for t, mb in timeline if t >= session_s / 2]
    second_half_slope = ((half[-1] - half[0]) / (session_s / 2) * 60) if len(half) > 1 else None
    window.close()
    growth = end_mb - start_mb
    return {
        "duration_s": round(session_s, 1),
        "planned_duration_s": duration,
        "quick": quick,
        "digits_drawn": digits,
        "mouse_events": digits * 3 * STROKE_MOVES,
        "undos": undos,
        "samples_loaded": samples,
        "inferences": window.state.runs,
        "undo_stack_commands": window.canvas.undo_stack.count(),
        "rss_start_mb": round(start_mb, 2),
        "rss_end_mb": round(end_mb, 2),
        "rss_peak_mb": round(max(mb for _, mb in timeline), 2),
        "growth_mb": round(growth, 2),
        "second_half_mb_per_min": (
            round(second_half_slope, 3) if second_half_slope is not None else None
        ),
        "baseline_idle_growth_mb": round(idle_mb - start_mb, 2),
        "baseline_idle_s": idle_s,
        "timeline_s_mb": timeline,
        "targets": [
            target(
                f"memory growth over the session ({session_s:.0f} s)",
                growth,
                GROWTH_LIMIT_MB,
                "MB",
                "--quick: a short session, not the 10-minute one" if quick else "",
            )
        ],
    }
