"""Python's cyclic garbage collector, run on the GUI thread only (`install()`).

Left automatic, a collection runs in whichever thread happens to allocate when a threshold is
crossed: a model loader, an evaluation or a Why job on a worker thread. It then destroys the
Qt objects of closed windows and dialogs there, and a QObject destructor on a worker thread,
waiting for the GIL in a Python override while the GUI thread waits for the connection lock
that destructor holds, hung the whole test suite twice (gdb: gc_collect_main →
QObject::~QObject in a 'Thread (pooled)', QObject::~QObject in the main thread). A timer on the
GUI thread collects instead, generation by generation when Python's own thresholds say so
(pyqtgraph's GarbageCollector does the same), and a collection never lands inside a frame's
Python code on another thread.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500
_NAME = "explainer_gc_on_gui_thread"
# Work that a collection would stall, while it runs: a full collection holds the GIL for tens
# of ms, and the model loader's `import torch` (a read, then a wait for the GIL, thousands of
# times) took 1.2 s instead of 1.05 s with the timer collecting meanwhile.
_deferred_by: dict[object, float] = {}  # token → since when (time.monotonic())


def defer(token: object) -> None:
    """No collection until `resume(token)` (any thread may call both)."""
    _deferred_by.setdefault(token, time.monotonic())


def resume(token: object) -> None:
    _deferred_by.pop(token, None)


# The window's first model load defers collections until `freeze_survivors()` (or
# `resume(UNTIL_FROZEN)` when it closes first): after it 263,000 objects sat in the youngest
# generation, and a collection of them would stall the first strokes by 80-150 ms.
UNTIL_FROZEN = "until the survivors of start-up are frozen"
FREEZE_DEADLINE_S = 20.0  # drawing without a pause that long: the timer freezes them itself
_frozen = False


def is_frozen() -> bool:
    return _frozen


def freeze_survivors() -> None:
    """Once per process, on the GUI thread, when the first model is in and nothing is being
    drawn: collect, then keep every object alive now (torch, Qt, the model) out of all later
    collections (gc.freeze). A full collection took 150 ms with them, under 1 ms after."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()
    resume(UNTIL_FROZEN)


class _Collector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName(_NAME)
        self.thresholds = gc.get_threshold()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(INTERVAL_MS)

    def check(self) -> None:
        """Collect the generations whose counts passed Python's thresholds."""
        since = _deferred_by.get(UNTIL_FROZEN)
        if since is not None and time.monotonic() - since > FREEZE_DEADLINE_S:
            freeze_survivors()
        if _deferred_by:
            return
        count0, count1, count2 = gc.get_count()
        if count0 > self.thresholds[0]:
            generation = 0
            if count1 > self.thresholds[1]:
                generation = 2 if count2 > self.thresholds[2] else 1
            gc.collect(generation)


def install() -> None:
    """Turn automatic collection off and collect on a GUI-thread timer (once per application;
    the timer is the application's child and goes with it)."""
    app = QCoreApplication.instance()
    if app is None or app.findChild(QObject, _NAME) is not None:
        return
    _Collector(app)
    gc.disable()
