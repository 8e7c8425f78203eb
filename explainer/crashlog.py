"""Unexpected failures: one line for the user, the whole story in a log file they can send.

Both the command line (one line on stderr, exit 1) and the window (a dialog with "Copy details")
call `write_crash_log`. The log lives in the platform's log folder (platformdirs; on Linux
~/.local/state/cnn-explainer/log, XDG_STATE_HOME respected). Qt-free: the core and the CLI use it.
"""

from __future__ import annotations

import datetime
import os
import platform
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType

from explainer.paths import APP_DIR_NAME

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]
MAX_LOGS = 20  # older crash logs are removed: a loop of failures must not fill the disk


def log_dir() -> Path:
    import platformdirs

    return platformdirs.user_log_path(APP_DIR_NAME, appauthor=False)


def describe(exc_info: ExcInfo) -> str:
    """The details a bug report needs: versions, then the traceback."""
    from explainer import __version__

    head = [
        f"cnn-explainer {__version__}, Python {platform.python_version()}, {platform.platform()}",
        f"time: {datetime.datetime.now().isoformat(timespec='seconds')}",
        f"command: {' '.join(sys.argv)}",
        "",
    ]
    return "\n".join(head) + "".join(traceback.format_exception(*exc_info))


def one_line(exc: BaseException) -> str:
    """The exception as one short line (a message may span lines or be huge)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if len(text) > 200:
        text = text[:199] + "…"
    return f"{type(exc).__name__}: {text}"


def write_crash_log(exc_info: ExcInfo) -> Path | None:
    """Write the details to a new file in `log_dir()` (or the temporary folder when that cannot
    be written); None when nothing could be written — the caller still shows its one line."""
    details = describe(exc_info)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in (log_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{stamp}-{os.getpid()}.log"
            count = 1
            while path.exists():  # a second crash in the same second keeps the first log
                count += 1
                path = folder / f"crash-{stamp}-{os.getpid()}-{count}.log"
            path.write_text(details, encoding="utf-8")
        except OSError:
            continue
        _prune(folder)
        return path
    return None


def unexpected(exc: BaseException) -> str:
    """What a worker that failed on a bug reports: one line, with where the details went
    ("unexpected error (RuntimeError: …); details in …/crash-….log"), never a raw traceback."""
    log = write_crash_log((type(exc), exc, exc.__traceback__))
    where = f"; details in {log}" if log is not None else ""
    return f"unexpected error ({one_line(exc)}){where}"


def _prune(folder: Path) -> None:
    try:
        logs = sorted(folder.glob("crash-*.log"), key=lambda p: p.stat().st_mtime)
        for old in logs[:-MAX_LOGS]:
            old.unlink()
    except OSError:
        pass
