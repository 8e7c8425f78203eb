"""PySide6 views of the explainer. `from explainer.gui import MainWindow` (automation contract).

Importing it turns off Qt's GUI thread pool (QT_NO_GUI_THREADPOOL, read once, at Qt's first
large fill or image conversion): Qt's raster engine otherwise hands every fill of 96 or more
spans to a pool of threads and waits for them, and on the 2-core machines this app runs on the
hand-off costs more than the fill. The layer panels' repaint took 1.2-1.6 ms with the pool and
0.7-0.8 ms without it (bench/render.py's app path, same machine, consecutive runs), and the
wait on threads the other processes keep busy is a source of dropped frames.

It also sets QT_QPA_UPDATE_IDLE_TIME to 0: Qt's platform windows otherwise hold every repaint
pass back 5 ms to coalesce updates, and the window already folds a stroke's moves into one run
and one pass per frame (main_window.FRAME_MS). Pen to pixels at 125 Hz, p95 11.4 -> 7.2 ms and
p50 6.4 -> 4.6 ms (bench --quick, same machine, back to back).

And it keeps pyqtgraph from importing CUDA's runtime bindings (_NoCudaForRawImageWidget), and
PySide from reading the source of every module imported after it (_skip_feature_source_scan).
"""

from __future__ import annotations

import importlib.abc
import os
import sys
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
os.environ.setdefault("QT_QPA_UPDATE_IDLE_TIME", "0")


class _NoCudaForRawImageWidget(importlib.abc.MetaPathFinder):
    """pyqtgraph's RawImageWidget, which this app does not use, imports `cuda.bindings.runtime`
    when it is installed (torch's CUDA wheels bring it): 40-60 ms of every start, before the
    window can show. Refused to that one module only; torch still imports it when it needs."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "cuda.bindings.runtime":
            importer = sys.modules.get("pyqtgraph.widgets.RawImageWidget")
            spec = getattr(importer, "__spec__", None)
            if getattr(spec, "_initializing", False):  # RawImageWidget is being imported
                raise ModuleNotFoundError("not for pyqtgraph's RawImageWidget", name=name)
        return None


if not any(isinstance(finder, _NoCudaForRawImageWidget) for finder in sys.meta_path):
    sys.meta_path.insert(0, _NoCudaForRawImageWidget())


def _skip_feature_source_scan() -> None:
    """PySide6 hooks every import to note whether the new module may use its `__feature__`
    switches (snake_case, true_property), and finds out by reading the module's whole source
    (inspect.getsource, then kept in linecache). The model loader imports torch after Qt, so
    that scan read ~880 files (17.7 MB kept) and added ~0.25 s to the 1.5-2 s of `import torch`.
    Every module is now noted as a PySide user with no feature selected, the note the scan
    gives a module that names PySide6: what each sees is unchanged (this app selects no
    feature), and a module that imports `__feature__` still selects its own."""
    try:
        from shibokensupport import feature  # made by shiboken6 at its import, not a file
    except ImportError:
        return
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_pyside


def _uses_pyside(module: object) -> bool:
    return True


import PySide6  # noqa: E402, F401 - installs the import hook patched below

_skip_feature_source_scan()

if TYPE_CHECKING:
    from explainer.gui.main_window import MainWindow

__all__ = ["MainWindow"]


def __getattr__(name: str) -> Any:
    # Lazy, so that importing one view (e.g. the canvas) does not pull in every other one.
    if name == "MainWindow":
        from explainer.gui.main_window import MainWindow

        return MainWindow
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
