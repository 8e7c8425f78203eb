"""Child process of the start-up figure: `python -m bench.startup_probe app|qt|torch`.

BENCH_T0 (environment) is the parent's time.time() just before it started this process. The
probe prints one line `BENCH_STARTUP {json}` with seconds since then:

  app    the real `cnn-explainer --sample 3` path (explainer.cli.main): `window_shown` is the
         end of the window's first paint pass, `first_trace` when the first prediction is in the
         state, `first_prediction` the end of the first paint pass of the layer panels after it.
  qt     baseline: import PySide6, show an empty QMainWindow (`window_shown` as above).
  torch  baseline: `import torch` (what the model loader thread pays before the first trace).

Timing hooks: an application event filter (installed by wrapping explainer.gui.app's
_start_application) sees each UpdateRequest of the window (a paint pass); a 0-ms timer
started then fires once that pass has finished, before any 0-ms timer the window starts
during the pass (what the window does after a paint, such as building its hidden docks, is
not part of the figure). Nothing in the app is changed.
"""

from __future__ import annotations

import json
import os
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.time()))
marks: dict[str, float] = {}


def mark(name: str) -> None:
    marks.setdefault(name, round(time.time() - T0, 4))


def report() -> None:
    print("BENCH_STARTUP " + json.dumps(marks), flush=True)


_timers: list = []


def _after_paint_pass(name: str, then=None) -> None:  # noqa: ANN001
    from PySide6.QtCore import QTimer

    def done() -> None:
        mark(name)
        if then is not None:
            then()

    # A timer object, not QTimer.singleShot(0, …): that one posts an event, which runs after
    # the 0-ms timers the window started during the same pass.
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(done)
    timer.start(0)
    _timers.append(timer)


def probe_app() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    import explainer.gui.app as app_module
    from explainer.cli import main

    mark("modules_imported")
    state: dict[str, object] = {}

    class FirstPaints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if not isinstance(watched, QWidget) or watched.window().objectName() != "main_window":
                return False
            if event.type() == QEvent.Type.UpdateRequest and watched.isWindow():
                # A pass starts: a timer started now is queued before the window's own 0-ms
                # timers (application filters run first), so it fires at the end of the pass
                # itself, before what the window does after a paint.
                if "shown_scheduled" not in state:
                    state["shown_scheduled"] = True
                    _after_paint_pass("window_shown")
                if "first_trace" in marks and "prediction_scheduled" not in state:
                    state["viewport_painted"] = False
                    _after_paint_pass("first_prediction", prediction_pass_ended)
                return False
            if event.type() != QEvent.Type.Paint:
                return False
            window = watched.window()
            if "window" not in state:
                state["window"] = window
                window.trace_updated.connect(on_trace)
            viewport = state.get("viewport")
            if viewport is None:
                graphics = window.network_view.findChild(QWidget, "network_panels")
                viewport = state["viewport"] = graphics.viewport()
            if "first_trace" in marks and watched is viewport:
                state["viewport_painted"] = True
            return False

    def prediction_pass_ended() -> None:
        if state.get("viewport_painted"):  # the pass painted the panels: done
            state["prediction_scheduled"] = True
            QApplication.instance().quit()
        else:
            marks.pop("first_prediction", None)  # a pass without the panels: not yet

    def on_trace() -> None:
        window = state["window"]
        if window.state.trace is not None:
            mark("first_trace")

    paint_filter = FirstPaints()
    original_start = app_module._start_application

    def start_application(args):  # noqa: ANN001, ANN202
        app = original_start(args)
        mark("qapplication")
        app.installEventFilter(paint_filter)
        QTimer.singleShot(120_000, app.quit)  # never hang the benchmark
        return app

    app_module._start_application = start_application
    code = main(["--sample", "3"])
    report()
    return int(code)


def probe_qt() -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and "window_shown" not in marks:
                _after_paint_pass("window_shown", app.quit)
            return False

    paint_filter = FirstPaint()
    app.installEventFilter(paint_filter)
    window = QMainWindow()
    window.setCentralWidget(QLabel("baseline"))
    window.resize(1280, 800)
    window.show()
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    report()
    return 0


def probe_torch() -> int:
    import torch  # noqa: F401

    mark("torch_imported")
    report()
    return 0


if __name__ == "__main__":
    mark("python_started")
    mode = sys.argv[1] if len(sys.argv) > 1 else "app"
    raise SystemExit({"app": probe_app, "qt": probe_qt, "torch": probe_torch}[mode]())
