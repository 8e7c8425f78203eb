"""Load a checkpoint on a worker thread and hand the result back to the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from explainer.core.errors import ExplainerError


class LoadRequest(QObject):
    """One background load. `loaded(model, checkpoint)` or `failed(message)` arrives on the
    thread that owns the request (queued signal). Callers keep only their newest request and
    ignore signals from older ones, so a slow load that finishes late never wins."""

    loaded = Signal(object, object)
    failed = Signal(str)

    def start(self, loader: Callable[[Any, Any], tuple[Any, Any]], path: Path, device: Any) -> None:
        def work() -> None:
            try:
                try:
                    model, checkpoint = loader(path, device)
                except ExplainerError as exc:
                    self.failed.emit(str(exc))
                except Exception as exc:  # noqa: BLE001 - any failure must reach the user
                    self.failed.emit(f"{type(exc).__name__}: {exc}")
                else:
                    self.loaded.emit(model, checkpoint)
            except RuntimeError:  # the owner (and this request) closed while loading
                pass

        threading.Thread(target=work, name=f"load-{path.name}", daemon=True).start()
