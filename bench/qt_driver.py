"""Synthetic pen input for the real window, and a recorder of when frames reach the screen.

`StrokeDriver` plays a stroke of mouse events into the canvas on a fixed schedule (like a
125 Hz mouse) while the GUI thread runs its event loop: a posting thread queues each event at
its time, as Qt's input reader thread does, so an event that arrives while the GUI thread is
busy waits in the queue, and the latency measured (from the scheduled arrival) includes that.

`FrameRecorder` is a QApplication whose `notify` times the events that matter: each mouse move
handled by the canvas, and each paint of the layer panels (the pyqtgraph viewport), together
with the top-level UpdateRequest that contains it (that pass repaints every dirty widget of the
window and flushes the window's backing store: the end of it is when the pixels are there).
"""

from __future__ import annotations

import math
import random
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QEventLoop, QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

MOUSE_INTERVAL_S = 0.008  # 125 Hz, a common USB mouse report rate
JITTER = 0.125  # each event's time varies by up to ± this fraction of the interval


def figure_eight(n_points: int, turn: float = 0.0) -> list[tuple[float, float]]:
    """A closed digit-like stroke (an "8") in the unit square; `turn` shifts its start."""
    points = []
    for i in range(n_points):
        t = 2 * math.pi * (i / max(1, n_points - 1) + turn)
        points.append((0.5 + 0.22 * math.sin(2 * t), 0.5 + 0.36 * math.cos(t)))
    return points


def canvas_point(canvas: QWidget, unit: tuple[float, float]) -> QPointF:
    """Widget coordinates of a point given in the canvas image's unit square."""
    side = min(canvas.width(), canvas.height())
    left, top = (canvas.width() - side) / 2, (canvas.height() - side) / 2
    return QPointF(left + unit[0] * side, top + unit[1] * side)


def mouse_event(canvas: QWidget, kind: QEvent.Type, position: QPointF) -> QMouseEvent:
    left = Qt.MouseButton.LeftButton
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else left
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else left
    return QMouseEvent(
        kind,
        position,
        canvas.mapToGlobal(position),
        button,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )


@dataclass
class StrokeLog:
    arrival: list[float] = field(default_factory=list)  # scheduled time of each move event
    posted: list[float] = field(default_factory=list)  # when it was really posted


class StrokeDriver(QObject):
    """Post press, `len(points) - 2` moves and a release on schedule; `play()` returns
    `settle_s` after the canvas has handled the release (so after every move: a backlog of a
    GUI thread that fell behind is drained, not cut off).

    The events are posted from a separate thread, as Qt's xcb backend queues real input from
    its reader thread: an event that arrives while the GUI thread is busy is in the queue, in
    order, before the GUI thread's next look at it (a GUI-thread timer would post it only when
    that timer's turn comes, possibly after the window's own frame timer). The thread sleeps
    until each event is due, and the interpreter's GIL switch interval is shortened during a
    stroke so that, once awake, it gets the GIL at once (`log.posted` says when it did).
    """

    def __init__(
        self, canvas: QWidget, interval_s: float = MOUSE_INTERVAL_S, seed: int = 0
    ) -> None:
        super().__init__()
        self.canvas = canvas
        self.interval_s = interval_s
        self.log = StrokeLog()
        self._released_at: float | None = None
        self._rng = random.Random(seed)
        canvas.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if watched is self.canvas and event.type() == QEvent.Type.MouseButtonRelease:
            self._released_at = time.perf_counter()
        return False

    def play(self, unit_points: list[tuple[float, float]], settle_s: float = 0.1) -> StrokeLog:
        log = self.log = StrokeLog()
        positions = [canvas_point(self.canvas, p) for p in unit_points]
        kinds = (
            [QEvent.Type.MouseButtonPress]
            + [QEvent.Type.MouseMove] * (len(positions) - 2)
            + [QEvent.Type.MouseButtonRelease]
        )
        # Built here, on the GUI thread (mapToGlobal); the thread only posts them.
        events = [mouse_event(self.canvas, k, p) for k, p in zip(kinds, positions, strict=True)]
        start = time.perf_counter() + 0.005
        # Delivery jitter of ±1/8 interval (seeded): real input is never perfectly periodic,
        # and a perfectly periodic stroke can phase-lock with the window's frame timer, which
        # makes one stroke's latencies depend on where it happened to start.
        schedule = [
            start + (i + self._rng.uniform(-JITTER, JITTER)) * self.interval_s
            for i in range(len(events))
        ]
        app, canvas = QApplication.instance(), self.canvas

        def post_on_schedule() -> None:
            for due, kind, event in zip(schedule, kinds, events, strict=True):
                # Asleep until due, never spinning: a spin loop of sleep(0) asks for the GIL
                # every few microseconds and, at 1000 Hz, took it from the GUI thread all the
                # time (its updates ran 2× slower than with real input, which Qt's xcb thread
                # queues without the GIL). Waking late is charged to the window (`posted`).
                if (wait := due - time.perf_counter()) > 0:
                    time.sleep(wait)
                app.postEvent(canvas, event)
                if kind == QEvent.Type.MouseMove:
                    log.arrival.append(due)
                    log.posted.append(time.perf_counter())

        loop = QEventLoop()
        poll = QTimer()
        self._released_at = None

        def quit_when_settled() -> None:
            released = self._released_at
            if released is not None and time.perf_counter() >= released + settle_s:
                loop.quit()

        poll.timeout.connect(quit_when_settled)
        switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(0.0002)
        poster = threading.Thread(target=post_on_schedule, name="bench-pen", daemon=True)
        poster.start()
        poll.start(10)
        try:
            loop.exec()
        finally:
            poll.stop()
            poster.join()
            sys.setswitchinterval(switch_interval)
        return log


def run_for(seconds: float) -> None:
    """Run the event loop for `seconds` (timers, paints and posted events all happen)."""
    loop = QEventLoop()
    QTimer.singleShot(max(0, int(seconds * 1000)), loop.quit)
    loop.exec()


def wait_until(condition: Callable[[], bool], timeout_s: float) -> bool:
    deadline = time.perf_counter() + timeout_s
    app = QApplication.instance()
    while not condition():
        if time.perf_counter() > deadline:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        time.sleep(0.002)
    return True


class FrameRecorder(QApplication):
    """QApplication that times canvas mouse moves and panel repaints (see the module doc)."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.window: QWidget | None = None
        self.canvas: QWidget | None = None
        self.viewport: QWidget | None = None
        self.recording = False
        self.move_started: list[float] = []  # when the canvas began handling each move
        self.frames: list[tuple[float, float]] = []  # (start, end) of passes painting panels
        self.viewport_paints: list[tuple[float, float]] = []
        self._update_depth = 0
        self._update_start = 0.0
        self._viewport_painted = False

    def watch(self, window: QWidget, canvas: QWidget, viewport: QWidget) -> None:
        self.window, self.canvas, self.viewport = window, canvas, viewport

    def clear(self) -> None:
        self.move_started.clear()
        self.frames.clear()
        self.viewport_paints.clear()

    def notify(self, receiver: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if not self.recording:
            return super().notify(receiver, event)
        kind = event.type()
        if kind == QEvent.Type.MouseMove and receiver is self.canvas:
            self.move_started.append(time.perf_counter())
            return super().notify(receiver, event)
        if kind == QEvent.Type.Paint and receiver is self.viewport:
            start = time.perf_counter()
            handled = super().notify(receiver, event)
            end = time.perf_counter()
            self.viewport_paints.append((start, end))
            self._viewport_painted = True
            if self._update_depth == 0:  # painted outside a window pass: the paint is the frame
                self.frames.append((start, end))
            return handled
        if kind == QEvent.Type.UpdateRequest and receiver is self.window:
            self._update_depth += 1
            if self._update_depth == 1:
                self._update_start = time.perf_counter()
                self._viewport_painted = False
            try:
                return super().notify(receiver, event)
            finally:
                self._update_depth -= 1
                if self._update_depth == 0 and self._viewport_painted:
                    self.frames.append((self._update_start, time.perf_counter()))
        return super().notify(receiver, event)
