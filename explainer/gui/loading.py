"""Load checkpoints on a worker thread of Qt's global pool and hand them to the GUI thread.

All the slow work of a model switch — reading the file, building the model, a warm-up pass and
the fixed colour levels — is `explainer.state.prepare_model`, run on the worker; the GUI thread
only receives the PreparedModel and puts it in place.

A plain QThreadPool job, not superqt's create_worker (which the Why jobs and evaluations use):
importing superqt is 61 ms, and the first load is on the path to the first prediction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from explainer.core.errors import ExplainerError
from explainer.crashlog import unexpected
from explainer.gui import collector
from explainer.state import ModelLoader, PreparedModel, load_model_file, prepare_model


class ModelLoading(QObject):
    """Loads one checkpoint at a time for its owner: `loaded(PreparedModel)` or
    `failed(message)` arrives on the GUI thread. Only the newest request counts: a slow load
    that finishes after a newer one was asked for is dropped."""

    loaded = Signal(object)
    failed = Signal(str)
    # Emitted on the pool thread; this object lives on the GUI thread, so Qt queues them there.
    _returned = Signal(object, object)  # (request, PreparedModel)
    _errored = Signal(object, object)  # (request, exception)

    def __init__(self, loader: ModelLoader | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = loader or load_model_file
        self._newest: object | None = None
        self._running: set[object] = set()  # requests whose job has not ended
        self._returned.connect(self._on_returned)
        self._errored.connect(self._on_errored)

    @property
    def busy(self) -> bool:
        return self._newest is not None

    def start(self, path: str | Path, device: str | None) -> None:
        request = self._newest = object()
        path, loader = Path(path), self.loader
        self._running.add(request)
        collector.defer(request)  # a collection meanwhile would stall the load

        def job() -> None:
            try:
                try:
                    prepared = prepare_model(path, device, loader)
                except Exception as exc:  # noqa: BLE001 - the GUI thread reports it
                    self._errored.emit(request, exc)
                else:
                    self._returned.emit(request, prepared)
            except RuntimeError:  # this object was deleted meanwhile: nobody wants the model
                pass
            finally:
                self._running.discard(request)
                collector.resume(request)

        QThreadPool.globalInstance().start(job)

    def _on_returned(self, request: object, prepared: PreparedModel) -> None:
        if request is self._newest:
            self._newest = None
            self.loaded.emit(prepared)

    def _on_errored(self, request: object, exc: Exception) -> None:
        if request is not self._newest:
            return
        self._newest = None
        if isinstance(exc, ExplainerError):
            self.failed.emit(str(exc))
        else:  # a bug, not a bad file: one line for the user, the traceback in a crash log
            self.failed.emit(unexpected(exc))

    def wait(self, msecs: int) -> bool:
        """Block until running loads end (a load cannot be interrupted): a job still inside
        torch when the interpreter exits aborts the process. True when none is left."""
        if not self._running:
            return True
        self._newest = None  # nothing that arrives now is wanted
        return QThreadPool.globalInstance().waitForDone(msecs)


def release_worker(
    worker: Any, signals: tuple[str, ...] = ("returned", "errored", "finished")
) -> None:
    """Disconnect a finished worker's signals. The slots connected to them are lambdas that hold
    the worker (and through it its job, a model copy, the data): Qt keeps those lambdas alive
    for as long as the connection exists, a cycle Python's garbage collector cannot see, so
    every load or evaluation would otherwise stay in memory (+2.8 MB per evaluation)."""
    for name in signals:  # only those we connected: PySide warns about the others
        try:
            getattr(worker, name).disconnect()
        except (RuntimeError, TypeError, AttributeError):  # already deleted
            pass
