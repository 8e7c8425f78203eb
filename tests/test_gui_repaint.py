"""Repaint only what changed (issue 15): while a digit is drawn no layout pass runs, the
probability bars repaint only the rows whose drawing changed, and what the window shows after
such partial repaints is what a full repaint shows."""

from __future__ import annotations

import math
import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pytest
from gui_support import canvas_point, open_window
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QRegion
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from explainer.gui.guesses import ProbabilityBars
from explainer.gui.steady import SteadySlot


class EventCounter(QObject):
    """Counts events of `kind` that `watched` receives; keeps the rectangles of Paint events."""

    def __init__(self, watched: QObject, kind: QEvent.Type) -> None:
        super().__init__()
        self.watched, self.kind = watched, kind
        self.count = 0
        self.rects: list[QRect] = []
        self.regions: list[QRegion] = []
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.watched and event.type() == self.kind:
            self.count += 1
            if self.kind == QEvent.Type.Paint:
                self.rects.append(event.rect())
                self.regions.append(event.region())
        return False


def shown_equals_full_repaint(widget: QWidget, tolerance: int = 0) -> None:
    """The pixels a top-level widget's window shows (its backing store, as partial repaints
    left it) equal a full repaint of it, to `tolerance` levels."""
    grabbed = QApplication.primaryScreen().grabWindow(widget.winId())
    full = widget.grab().toImage()
    shown = grabbed.toImage().convertToFormat(full.format())
    assert shown.size() == full.size()
    shown_px = pg.functions.ndarray_from_qimage(shown).astype(np.int16)
    full_px = pg.functions.ndarray_from_qimage(full).astype(np.int16)
    assert np.abs(shown_px - full_px).max() <= tolerance


def test_a_steady_slot_keeps_text_changes_from_re_laying_out_the_window(qtbot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    box = QVBoxLayout(top)
    plain, held = QLabel("1.0 ms"), QLabel("1.0 ms")
    box.addWidget(plain)
    box.addWidget(SteadySlot(held))
    top.show()
    qtbot.waitExposed(top)
    qtbot.wait(20)
    layouts = EventCounter(top, QEvent.Type.LayoutRequest)

    held.setText("2.0 ms")  # same size hint: nothing reaches the window's layout
    qtbot.wait(20)
    assert layouts.count == 0 and held.text() == "2.0 ms"
    plain.setText("2.0 ms")  # the control: a bare QLabel does re-lay out the window
    qtbot.wait(20)
    assert layouts.count >= 1

    before = layouts.count
    longer = "a much longer text than before, 12345.6 ms"
    held.setText(longer)  # a larger hint is passed on: the label gets room for it
    qtbot.waitUntil(lambda: layouts.count > before)
    qtbot.waitUntil(lambda: held.width() >= held.fontMetrics().horizontalAdvance(longer))
    assert held.geometry() == held.parentWidget().rect()


def test_a_steady_slot_takes_a_text_set_before_it_was_shown(qtbot) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    box = QVBoxLayout(top)
    held = QLabel()
    box.addWidget(SteadySlot(held))
    box.activate()  # laid out with the empty label (as the status bar lays out what it adds)
    held.setText("Inference: –")  # as the window does in its constructor, before show()
    top.show()
    qtbot.waitExposed(top)
    qtbot.waitUntil(lambda: held.width() >= held.fontMetrics().horizontalAdvance("Inference: –"))


def test_new_probabilities_repaint_only_the_rows_that_changed(qtbot) -> None:
    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    bars.resize(260, 300)
    probs = np.full(10, 0.02, np.float32)
    probs[3] = 0.82
    bars.set_probs(probs)
    bars.show()
    qtbot.waitExposed(bars)
    qtbot.wait(20)
    paints = EventCounter(bars, QEvent.Type.Paint)
    row_height = bars._geometry().row_height

    changed = probs.copy()
    changed[7], changed[3] = 0.12, 0.72  # two rows change, the winner stays
    bars.set_probs(changed)
    qtbot.waitUntil(lambda: paints.count > 0)
    painted = paints.rects[-1]
    assert painted.top() >= int(3 * row_height) - 1
    assert painted.bottom() <= int(8 * row_height) + 2
    assert painted.height() < 0.65 * bars.height()  # not the rows above 3 nor below 7
    # Rows 3 and 7 alone: not 4 and 8 as well (one pixel into them repainted them too).
    region = paints.regions[-1]
    spans = [(math.floor(i * row_height), math.floor((i + 1) * row_height)) for i in range(10)]
    touched = [i for i, (a, b) in enumerate(spans) if region.intersects(QRect(0, a, 9, b - a))]
    assert touched == [3, 7]
    shown_equals_full_repaint(bars)

    paints.rects.clear()
    tiny = changed.copy()
    tiny[0] += 1e-5  # no row's drawing changes: nothing is repainted
    bars.set_probs(tiny)
    qtbot.wait(30)
    assert paints.rects == []

    winner = changed.copy()
    winner[5], winner[3] = 0.74, 0.02  # the winner moves from row 3 to 5 (both recoloured)
    bars.set_probs(winner)
    qtbot.waitUntil(lambda: bool(paints.rects))
    qtbot.wait(20)
    covered = QRect()
    for rect in paints.rects:
        covered = covered.united(rect)
    assert covered.top() <= 3 * row_height + 1 and covered.bottom() >= 6 * row_height - 1
    shown_equals_full_repaint(bars)


def test_no_layout_pass_while_a_digit_is_drawn(qtbot) -> None:
    window = open_window(qtbot)
    canvas = window.canvas
    left, no_mod = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier

    def stroke(points: list[tuple[float, float]]) -> None:
        QTest.mousePress(canvas, left, no_mod, canvas_point(window, *points[0]))
        for x, y in points[1:]:
            QTest.mouseMove(canvas, canvas_point(window, x, y))
            window.flush_input()
            qtbot.wait(5)  # the window's repaint pass

    stroke([(0.3, 0.2), (0.7, 0.2), (0.5, 0.5)])  # the first trace changes the status texts
    qtbot.wait(50)
    layouts = EventCounter(window, QEvent.Type.LayoutRequest)
    first = window.guesses.first_guess.text()
    stroke([(0.5, 0.5)] + [(0.5 + 0.02 * i, 0.5 + 0.03 * i) for i in range(1, 12)])
    QTest.mouseRelease(canvas, left, no_mod, canvas_point(window, 0.72, 0.83))
    window.flush_input()
    qtbot.wait(30)
    assert window.guesses.first_guess.text() != first  # the guesses did change meanwhile
    assert window.time_label.text().startswith("Inference: ")
    assert layouts.count == 0
    # ±1 grey level: Qt's bilinear scaling of the canvas (280 px shown in fewer) steps through
    # the source from where each clipped span starts, so a piece repainted alone can round
    # one level differently. A stale or missing piece would differ by far more.
    shown_equals_full_repaint(window, tolerance=1)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads thread names in /proc")
def test_painting_hands_nothing_to_qt_threads() -> None:
    """Large fills and conversions stay on the GUI thread once explainer.gui is imported (Qt's
    thread pool would start 'Thread (pooled)' workers for them); without it they do not, the
    control that the check can tell."""
    script = (
        "import os, sys\n"
        "if sys.argv[1] == 'app': import explainer.gui\n"
        "from PySide6.QtCore import QRectF\n"
        "from PySide6.QtGui import QColor, QImage, QPainter\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "target = QImage(1200, 1200, QImage.Format.Format_ARGB32_Premultiplied)\n"
        "source = QImage(300, 300, QImage.Format.Format_Grayscale8)\n"
        "source.fill(128)\n"
        "for _ in range(20):\n"
        "    painter = QPainter(target)\n"
        "    painter.fillRect(0, 0, 1200, 1200, QColor(10, 20, 30, 128))\n"
        "    painter.drawImage(QRectF(0, 0, 1200, 1200), source)\n"
        "    painter.end()\n"
        "    target.convertToFormat(QImage.Format.Format_RGB888)\n"
        "names = [open(f'/proc/self/task/{t}/comm').read().strip()\n"
        "         for t in os.listdir('/proc/self/task')]\n"
        "print(sum('pooled' in n for n in names))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_NO_GUI_THREADPOOL"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    counts = {}
    for mode in ("app", "bare"):
        done = subprocess.run(
            [sys.executable, "-c", script, mode],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        counts[mode] = int(done.stdout.split()[-1])
    assert counts == {"app": 0, "bare": counts["bare"]} and counts["bare"] >= 1, counts


def test_garbage_is_collected_on_the_gui_thread_only(qtbot) -> None:
    """With the window open, no collection runs on a worker thread (one destroying a closed
    window's Qt objects there deadlocked the suite); the GUI thread's timer still collects
    cycles, as the automatic collector would."""
    import gc
    import threading
    import weakref

    window = open_window(qtbot, wait_ready=False)
    assert not gc.isenabled()
    collected_in: list[str] = []

    def note(phase: str, _info: dict) -> None:
        if phase == "start":
            collected_in.append(threading.current_thread().name)

    gc.callbacks.append(note)
    try:

        class Node:
            pass

        def garbage_on_a_worker() -> None:
            for _ in range(20 * gc.get_threshold()[0]):  # far past gen 0's threshold
                node = Node()
                node.me = node  # a cycle: only the collector frees it

        worker = threading.Thread(target=garbage_on_a_worker, name="worker")
        worker.start()
        worker.join()
        cycle = Node()
        cycle.me = cycle
        alive = weakref.ref(cycle)
        del cycle
        assert collected_in == []  # nothing was collected on the worker
        qtbot.waitUntil(lambda: alive() is None, timeout=5_000)
        assert collected_in and set(collected_in) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(note)
    window.close()


def test_no_collection_while_a_model_loads(qtbot, monkeypatch) -> None:
    """A collection on the GUI thread stalls the loader's import of torch (the GIL): the
    collector waits while a load runs, and collects what piled up once it has ended."""
    import gc

    from explainer.gui import collector
    from explainer.state import load_model_file

    collections: list[int] = []
    window = open_window(qtbot, wait_ready=False)
    release = threading.Event()

    def slow_loader(path, device):  # noqa: ANN001, ANN202
        release.wait(10)
        return load_model_file(path, device)

    def note(phase: str, _info: dict) -> None:
        if phase == "start":
            collections.append(1)

    gc.callbacks.append(note)
    try:
        qtbot.waitUntil(window.is_ready, timeout=30_000)
        qtbot.waitUntil(collector.is_frozen, timeout=10_000)  # the window's first quiet spell
        collections.clear()
        window.model_loading.loader = slow_loader
        window.load_checkpoint(window.state.checkpoint.path)
        assert window.is_loading()
        cycles = [[] for _ in range(5 * gc.get_threshold()[0])]
        for cycle in cycles:
            cycle.append(cycle)
        del cycles
        qtbot.wait(3 * collector.INTERVAL_MS)  # the timer ticked, and did not collect
        assert collections == []
        release.set()
        qtbot.waitUntil(window.is_ready, timeout=30_000)
        qtbot.waitUntil(lambda: bool(collections), timeout=5 * collector.INTERVAL_MS)
    finally:
        release.set()
        gc.callbacks.remove(note)
    window.close()


def test_the_survivors_of_start_up_are_frozen_in_the_first_quiet_spell(tmp_path) -> None:
    """After the first load, 263,000 objects sat in the youngest generation: collecting them
    stalled a stroke by 80-150 ms. No collection runs until the first quiet spell after the
    model is in; then everything alive is collected once and frozen (a fresh process: the
    freeze is once per process)."""
    script = """
import gc, time
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from explainer.gui import collector
from explainer.gui.main_window import DOCKS_IDLE_MS, MainWindow

app = QApplication([])
window = MainWindow(device="cpu", show_dialogs=False)
window.show()
collections = []
gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(1))

def spin(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.005)

while not window.is_ready():
    spin(0.01)
centre = window.canvas.rect().center()
left, no_modifier = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
QTest.mousePress(window.canvas, left, no_modifier, centre)
for step in range(30):  # drawing for 1.5 s, never still for DOCKS_IDLE_MS
    QTest.mouseMove(window.canvas, centre + QPoint(step, step))
    spin(0.05)
print(collector.is_frozen(), len(collections))
QTest.mouseRelease(window.canvas, left, no_modifier, centre + QPoint(30, 30))
spin(3 * DOCKS_IDLE_MS / 1000)
print(collector.is_frozen(), gc.get_freeze_count() > 50_000)
window.close()
"""
    environment = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
        env=environment, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split("\n")[:2] == ["False 0", "True True"]
