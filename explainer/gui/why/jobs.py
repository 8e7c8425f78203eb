"""Run the Why panel's slow jobs (occlusion, top-9 patches, feature visualisation) on a worker
thread, one at a time per kind, the newest request first.

A `LatestJob` runs one job (a plain callable from explainer.why) on superqt's thread worker. A
request that comes while one runs waits as the single pending one — a newer request replaces
it — so hovering over twenty filters or drawing twenty strokes queues no backlog. Results come
back on the GUI thread (`done`), where the session decides whether they still apply. Finished
workers are released as gui/loading.py does (their lambdas would otherwise keep every job's
network copy alive).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from explainer.core.errors import ExplainerError
from explainer.crashlog import unexpected
from explainer.gui.loading import release_worker


class LatestJob(QObject):
    """One worker at a time; `done(result)` / `failed(message)` on the GUI thread."""

    done = Signal(object)
    failed = Signal(str)
    idle = Signal()  # nothing runs and nothing waits any more

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: Any = None
        self._pending: Callable[[], Any] | None = None
        self._closed = False
        self.started = 0  # jobs started, for tests and diagnostics

    @property
    def busy(self) -> bool:
        return self._running is not None or self._pending is not None

    def submit(self, job: Callable[[], Any] | None) -> None:
        """Run `job` now, or after the running one (replacing any job still waiting)."""
        if job is None or self._closed:
            return
        if self._running is not None:
            self._pending = job
            return
        self._start(job)

    def drop_pending(self) -> None:
        self._pending = None

    def _start(self, job: Callable[[], Any]) -> None:
        from superqt.utils import create_worker  # here: superqt is 61 ms of start-up

        worker = create_worker(job, _start_thread=False, _ignore_errors=True)
        self._running = worker
        self.started += 1
        worker.returned.connect(lambda result, w=worker: self._on_returned(w, result))
        worker.errored.connect(lambda exc, w=worker: self._on_errored(w, exc))
        worker.finished.connect(lambda w=worker: self._on_finished(w))
        worker.start()

    def _on_returned(self, worker: Any, result: Any) -> None:
        if not self._closed:
            self.done.emit(result)

    def _on_errored(self, worker: Any, exc: Exception) -> None:
        if self._closed:
            return
        if isinstance(exc, ExplainerError):
            self.failed.emit(str(exc))
        else:  # a bug: one line for the user, the traceback in a crash log
            self.failed.emit(unexpected(exc))

    def _on_finished(self, worker: Any) -> None:
        release_worker(worker)
        if worker is self._running:
            self._running = None
        pending, self._pending = self._pending, None
        if pending is not None and not self._closed:
            self._start(pending)
        elif self._running is None:
            self.idle.emit()

    def wait(self, msecs: int) -> bool:
        """No new job starts; block until the running one ends (a job inside torch cannot be
        interrupted, and one still running at interpreter exit aborts the process)."""
        self._closed = True
        self._pending = None
        if self._running is None:
            return True
        return QThreadPool.globalInstance().waitForDone(msecs)
