"""Crash logs: what an unexpected exception was, written where the platform keeps logs, so that
the one line a user sees ("internal error: … (details in PATH)") points to a file with the whole
traceback to send with a report. The command line (cli.py) and the window both write them.

On Linux the folder is ~/.local/state/cnn-explainer/log (XDG_STATE_HOME respected); on macOS
~/Library/Logs/cnn-explainer; on Windows %LOCALAPPDATA%\\cnn-explainer\\Logs. When it cannot be
written, the system's temporary folder is used. The newest MAX_LOGS logs are kept.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path
from types import TracebackType

APP_NAME = "cnn-explainer"
MAX_LOGS = 20

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def log_dir() -> Path:
    import platformdirs

    return platformdirs.user_log_path(APP_NAME, appauthor=False)


def write_crash_log(exc_info: ExcInfo, context: str = "") -> Path:
    """Write the traceback of `exc_info` (as sys.exc_info() gives it) and what was running
    (`context`: e.g. the command line) to a new log file; return its path. Never raises."""
    kind, value, tb = exc_info
    stamp = time.strftime("%Y%m%d-%H%M%S")
    lines = [
        f"CNN Explainer crash log, {time.strftime('%Y-%m-%d %H:%M:%S %z')}",
        f"version: {_version()}",
        f"python: {sys.version.split()[0]} on {platform.platform()}",
        f"command: {context or ' '.join(sys.argv)}",
        "",
        *traceback.format_exception(kind, value, tb),
    ]
    text = "\n".join(line.rstrip("\n") for line in lines) + "\n"
    for folder in (log_dir(), Path(tempfile.gettempdir()) / APP_NAME):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"crash-{stamp}-{os.getpid()}.log"
            counter = 1
            while path.exists():
                counter += 1
                path = folder / f"crash-{stamp}-{os.getpid()}-{counter}.log"
            path.write_text(text, encoding="utf-8")
        except OSError:
            continue
        _prune(folder)
        return path
    return Path(os.devnull)  # nowhere to write: the caller still prints its one line


def _prune(folder: Path) -> None:
    try:
        logs = sorted(folder.glob("crash-*.log"), key=lambda p: p.stat().st_mtime)
        for old in logs[:-MAX_LOGS]:
            old.unlink()
    except OSError:
        pass


def _version() -> str:
    try:
        from importlib.metadata import version

        return version(APP_NAME)
    except Exception:  # noqa: BLE001 - not installed (a checkout on PYTHONPATH)
        return "unknown"
