"""Where the window keeps what it remembers: one QSettings INI file per user (window layout,
language, last and recent checkpoints, panel choices) and the user's own models folder.

A module of its own so that the window and the features it installs (checkpoint menus, docks)
all read the same settings without importing each other.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths

SETTINGS_ORG = "cnn-explainer"
SETTINGS_APP = "cnn-explainer"
MAX_RECENT = 8
RECENT_KEY = "recent_checkpoints"


def app_settings() -> QSettings:
    """One INI file per user (tests redirect it with QSettings.setPath or XDG_CONFIG_HOME)."""
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, SETTINGS_ORG, SETTINGS_APP
    )


def user_models_dir() -> Path:
    """Where a user keeps own checkpoints: <AppDataLocation>/models (created on demand)."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".cnn-explainer") / "models"


def recent_files(settings: Any) -> list[str]:
    value = settings.value(RECENT_KEY, [], type=list) or []
    return [str(v) for v in value if v]


def add_recent(settings: Any, path: str | Path) -> list[str]:
    """Put `path` first in the recent list (no duplicates, at most MAX_RECENT); returns it."""
    entry = str(Path(path).expanduser().resolve())
    recent = [p for p in recent_files(settings) if p != entry]
    recent.insert(0, entry)
    del recent[MAX_RECENT:]
    settings.setValue(RECENT_KEY, recent)
    return recent
