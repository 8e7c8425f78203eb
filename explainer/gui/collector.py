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

from PySide6.QtCore import QCoreApplication, QObject, QTimer

INTERVAL_MS = 500
_NAME = "explainer_gc_on_gui_thread"
# Work that a collection would stall, while it runs: a full collection holds the GIL for tens
# of ms, and the model loader's `import torch` (a read, then a wait for the GIL, thousands of
# times) took 1.2 s instead of 1.05 s with the timer collecting meanwhile.
_deferred_by: set[object] = set()


def defer(token: object) -> None:
    """No collection until `resume(token)` (any thread may call both)."""
    _deferred_by.add(token)


def resume(token: object) -> None:
    _deferred_by.discard(token)


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
