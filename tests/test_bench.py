"""The benchmark suite: its pure helpers, and that a quick run writes the documented JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # bench/ is a top-level folder of the checkout, not installed
    sys.path.insert(0, str(REPO))

from bench.common import clean_json, stats_ms, target  # noqa: E402
from bench.pen import inferences_per_frame, match_latencies  # noqa: E402

# The keys bench/README.md documents, per figure (a full run and --quick write the same ones).
FIGURE_KEYS = {
    "forward": {"checkpoint", "calls", "cpu", "cuda", "targets"},
    "render": {
        "frames",
        "shipped_app_path_ms",
        "baseline_app_path_ms",
        "shipped_full_repaint_ms",
        "baseline_full_repaint_ms",
        "targets",
    },
    "pen": {
        "coalesced",
        "baseline_uncoalesced",
        "variant_idle_coalesced",
        "fast_input_1000hz",
        "issue15",
        "targets",
    },
    "startup": {
        "runs",
        "seconds_since_process_start",
        "baseline_empty_qt_window_shown_s",
        "baseline_import_torch_s",
        "window_shown_over_empty_qt",
        "first_prediction_over_import_torch",
        "targets",
    },
    "training": {"dataset_load_s", "cpu", "cuda", "targets"},
    "attribution": {"checkpoint", "cpu", "cuda", "targets"},
    "why": {"checkpoint", "window_size", "per_frame", "occlusion", "filters", "targets"},
    "timeline": {"pen_while_training", "throughput", "scrub", "time_to_97", "targets"},
    "memory": {
        "duration_s",
        "quick",
        "rss_start_mb",
        "rss_end_mb",
        "growth_mb",
        "baseline_idle_growth_mb",
        "timeline_s_mb",
        "targets",
    },
}
TOP_KEYS = {
    "schema",
    "date",
    "started_utc",
    "quick",
    "command",
    "git_commit",
    "machine",
    "load_avg_start",
    "load_avg_end",
    "figures",
    "targets",
    "summary",
}
MACHINE_KEYS = {"machine", "cpu_model", "cpu_cores", "torch", "device", "cuda"}


def test_stats_ms_are_numpy_percentiles_in_milliseconds():
    samples = np.random.default_rng(0).exponential(0.002, 1000)
    stats = stats_ms(samples)
    assert stats["n"] == 1000
    assert stats["p50"] == pytest.approx(np.percentile(samples, 50) * 1e3, abs=1e-4)
    assert stats["p99"] == pytest.approx(np.percentile(samples, 99) * 1e3, abs=1e-4)
    assert stats["max"] == pytest.approx(samples.max() * 1e3, abs=1e-4)
    assert clean_json(stats_ms([]))["p50"] is None  # JSON has no NaN


def test_an_at_least_target_passes_at_or_over_its_limit_only():
    assert target("x", 0.8, 0.8, "×", at_least=True)["passed"] is True
    assert target("x", 0.79, 0.8, "×", at_least=True)["passed"] is False
    assert target("x", None, 0.8, "×", at_least=True)["passed"] is None


def test_target_passes_at_or_under_its_limit_only():
    assert target("t", 1.0, 1.0, "ms")["passed"] is True
    assert target("t", 1.0001, 1.0, "ms")["passed"] is False
    assert target("t", None, 1.0, "ms")["passed"] is None
    assert target("t", float("nan"), 1.0, "ms")["value"] is None


def test_latency_runs_from_arrival_to_the_first_frame_after_an_inference_that_read_it():
    # Two events; inference 1 starts before event 1 was handled, so event 1 waits for
    # inference 2 and for the frame that starts after inference 2 has finished.
    arrival = [0.000, 0.008]
    handled = [0.001, 0.0095]
    inferences = [(0.002, 0.004), (0.016, 0.018)]
    frames = [(0.005, 0.007), (0.0185, 0.021)]
    latencies, unmatched = match_latencies(arrival, handled, inferences, frames)
    assert unmatched == 0
    assert latencies == pytest.approx([0.007, 0.013])
    # An event after the last inference is never shown: counted, not guessed.
    latencies, unmatched = match_latencies([0.03], [0.031], inferences, frames)
    assert (latencies, unmatched) == ([], 1)


def test_inferences_per_frame_counts_runs_finished_since_the_previous_frame():
    inferences = [(0.0, 0.002), (0.003, 0.005), (0.020, 0.022)]
    frames = [(0.006, 0.008), (0.023, 0.025), (0.030, 0.031)]
    assert inferences_per_frame(inferences, frames) == [2, 1, 0]


def _run_bench(tmp_path: Path, only: str) -> dict:
    out = tmp_path / "result.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--only", only, "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "| Figure | Measured |" in done.stdout  # the markdown table
    return json.loads(out.read_text(encoding="utf-8"))


def _check_result(result: dict, figures: list[str]) -> None:
    assert TOP_KEYS <= set(result)
    assert MACHINE_KEYS <= set(result["machine"])
    assert result["quick"] is True
    assert list(result["figures"]) == figures
    for name in figures:
        figure = result["figures"][name]
        assert "error" not in figure, figure.get("error")
        assert FIGURE_KEYS[name] <= set(figure), FIGURE_KEYS[name] - set(figure)
    for item in result["targets"]:
        assert {"figure", "name", "value", "limit", "unit", "passed"} <= set(item)
        if item["value"] is not None:
            within = (
                item["value"] >= item["limit"]
                if item.get("at_least")
                else (item["value"] <= item["limit"])
            )
            assert item["passed"] == within
    summary = result["summary"]
    assert summary["passed"] + summary["missed"] + summary["not_measured"] == len(result["targets"])


def test_quick_forward_and_render_write_the_documented_keys(tmp_path):
    result = _run_bench(tmp_path, "forward,render")
    _check_result(result, ["forward", "render"])
    forward = result["figures"]["forward"]
    trace, plain = forward["cpu"]["forward_trace_ms"], forward["cpu"]["baseline_plain_forward_ms"]
    assert trace["n"] == plain["n"] > 0
    assert 0 < trace["p50"] <= trace["p99"]
    if result["machine"]["cuda"] == "no CUDA device":
        assert forward["cuda"] == {"skipped": "no CUDA device"}
    render = result["figures"]["render"]
    assert render["shipped_app_path_ms"]["n"] == render["frames"]


@pytest.mark.slow  # ~20 s: a real window, strokes in both modes, every filter's patches
def test_quick_why_panel_figure_writes_the_documented_keys(tmp_path):
    result = _run_bench(tmp_path, "why")
    _check_result(result, ["why"])
    why = result["figures"]["why"]
    frame = why["per_frame"]
    for mode in ("panel_closed", "panel_open"):
        assert frame[mode]["run_ms"]["n"] > 0 and frame[mode]["unmatched_events"] == 0
    # The panel computed its maps in every run while open, and only then.
    assert frame["live_runs_while_open"] == frame["panel_open"]["inferences"]
    assert why["occlusion"]["release_to_shown_ms"]["n"] == why["occlusion"]["strokes"]
    assert why["filters"]["filters"] == 22 and why["filters"]["top9_other_filters_ms"]["n"] == 21
    assert len(why["targets"]) == 4


def test_quick_attribution_writes_the_documented_keys(tmp_path):
    result = _run_bench(tmp_path, "attribution")
    _check_result(result, ["attribution"])
    cpu = result["figures"]["attribution"]["cpu"]
    frame = cpu["per_frame"]
    assert frame["panel_open_live_ms"]["n"] == frame["panel_closed_forward_trace_ms"]["n"] > 0
    assert {"extra_live_ms", "extra_separate_ms", "captum_frame_ms"} <= set(frame)
    assert {"occlusion_ms", "baseline_forward_197_ms"} <= set(cpu["occlusion"])
    assert cpu["top9"]["filters"] == 22 and cpu["featurevis"]["max_s"] > 0
    assert len(result["figures"]["attribution"]["targets"]) == 4


@pytest.mark.slow
def test_quick_run_of_every_figure_writes_the_documented_keys(tmp_path):
    result = _run_bench(tmp_path, ",".join(FIGURE_KEYS))
    _check_result(
        result,
        [
            "forward",
            "render",
            "pen",
            "startup",
            "training",
            "timeline",
            "memory",
            "attribution",
            "why",
        ],
    )
    pen = result["figures"]["pen"]
    assert pen["baseline_uncoalesced"]["inferences_per_event"] >= 0.99  # one per event
    assert pen["coalesced"]["unmatched_events"] == 0


def test_issue15_ratios_are_the_goals_of_one_run():
    from bench.pen import issue15_ratios

    def mode(p95: float, work: float, panels: float, window: float) -> dict:
        return {
            "pen_to_pixels_ms": {"p50": p95 / 2, "p95": p95},
            "preprocess_and_forward_ms": {"p50": work},
            "panels_paint_ms": {"p50": panels},
            "window_repaint_ms": {"p50": window},
        }

    ratios = issue15_ratios(mode(31.9, 2.2, 3.4, 6.0), mode(42.9, 2.0, 3.0, 5.0))
    assert ratios["pen_p95_over_work"] == round(31.9 / 5.6, 3)  # the issue's 5.7
    assert ratios["fast_p95_over_mouse_p95"] == round(42.9 / 31.9, 3)  # its 1.34
    assert ratios["repaint_beyond_panels_over_panels"] == round(2.6 / 3.4, 3)  # its 0.76


def test_stroke_driver_delivers_every_move_in_order_on_schedule(qapp):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QWidget

    from bench.qt_driver import StrokeDriver, figure_eight

    class Recorder(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.kinds: list[QEvent.Type] = []
            self.xs: list[float] = []

        def event(self, event: QEvent) -> bool:
            kind = event.type()
            if kind in (
                QEvent.Type.MouseButtonPress,
                QEvent.Type.MouseMove,
                QEvent.Type.MouseButtonRelease,
            ):
                self.kinds.append(kind)
                self.xs.append(event.position().x())
            return super().event(event)

    widget = Recorder()
    widget.resize(200, 100)  # the unit square maps to the centred 100×100 square
    widget.show()
    points = figure_eight(42)
    log = StrokeDriver(widget, interval_s=0.002).play(points, settle_s=0.01)
    assert widget.kinds[0] == QEvent.Type.MouseButtonPress
    assert widget.kinds[-1] == QEvent.Type.MouseButtonRelease
    assert widget.kinds[1:-1] == [QEvent.Type.MouseMove] * 40
    np.testing.assert_allclose(widget.xs, [50 + 100 * x for x, _ in points], atol=1e-6)
    assert len(log.arrival) == len(log.posted) == 40
    arrival = np.array(log.arrival)
    assert np.all(np.diff(arrival) > 0)  # jitter never reorders events
    assert abs(np.diff(arrival).mean() - 0.002) < 0.0002
    assert np.all(np.array(log.posted) >= arrival)  # never posted before its time
