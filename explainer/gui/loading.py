"""Load checkpoints on a worker thread (superqt's thread worker) and hand them to the GUI thread.

All the slow work of a model switch — reading the file, building the model, a warm-up pass and
the fixed colour levels — is `explainer.state.prepare_model`, run on the worker; the GUI thread
only receives the PreparedModel and puts it in place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal

from explainer.core.errors import ExplainerError
from explainer.crashlog import unexpected
from explainer.state import ModelLoader, PreparedModel, load_model_file, prepare_model


class ModelLoading(QObject):
    """Loads one checkpoint at a time for its owner: `loaded(PreparedModel)` or
    `failed(message)` arrives on the GUI thread. Only the newest request counts: a slow load
    that finishes after a newer one was asked for is dropped."""

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, loader: ModelLoader | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = loader or load_model_file
        self._newest: Any = None
        self._workers: set[Any] = set()  # running ones: kept alive, awaited on close

    @property
    def busy(self) -> bool:
        return self._newest is not None

    def start(self, path: str | Path, device: str | None) -> None:
        from superqt.utils import create_worker  # here: superqt is 61 ms of start-up

        worker = create_worker(
            prepare_model, Path(path), device, self.loader, _start_thread=False, _ignore_errors=True
        )
        self._newest = worker
        self._workers.add(worker)
        worker.returned.connect(lambda prepared, w=worker: self._on_returned(w, prepared))
        worker.errored.connect(lambda exc, w=worker: self._on_errored(w, exc))
        worker.finished.connect(lambda w=worker: self._workers.discard(w))
        worker.finished.connect(lambda w=worker: release_worker(w))
        worker.start()

    def _on_returned(self, worker: Any, prepared: PreparedModel) -> None:
        if worker is self._newest:
            self._newest = None
            self.loaded.emit(prepared)

    def _on_errored(self, worker: Any, exc: Exception) -> None:
        if worker is not self._newest:
            return
        self._newest = None
        if isinstance(exc, ExplainerError):
            self.failed.emit(str(exc))
        else:  # a bug, not a bad file: one line for the user, the traceback in a crash log
            self.failed.emit(unexpected(exc))

    def wait(self, msecs: int) -> bool:
        """Block until running loads end (a load cannot be interrupted): a worker still inside
        torch when the interpreter exits aborts the process. True when none is left."""
        if not self._workers:
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
