"""Where the window keeps what it remembers: one QSettings INI file per user (window layout,
language, last and recent checkpoints, panel choices) and the user's own models folder, both where
the platform keeps them (platformdirs, explainer/paths.py): on Linux
~/.config/cnn-explainer/settings.ini and ~/.local/share/cnn-explainer/models.

A module of its own so that the window and the features it installs (checkpoint menus, docks)
all read the same settings without importing each other.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths

from explainer import paths

SETTINGS_ORG = "cnn-explainer"
SETTINGS_APP = "cnn-explainer"
MAX_RECENT = 8
RECENT_KEY = "recent_checkpoints"
SETTINGS_FILE = "settings.ini"
_migrated = False


def settings_file() -> Path:
    """The user's settings file (tests point it at a temporary folder)."""
    return paths.user_config_dir() / SETTINGS_FILE


def app_settings() -> QSettings:
    """The one INI file per user, at settings_file()."""
    _migrate_qt_locations_once()
    return QSettings(str(settings_file()), QSettings.Format.IniFormat)


def user_models_dir() -> Path:
    """Where a user keeps own checkpoints (created on demand)."""
    return paths.user_models_dir()


def _migrate_qt_locations_once() -> None:
    """Earlier versions kept both where Qt puts them (on Linux ~/.config/cnn-explainer/
    cnn-explainer.ini and ~/.local/share/cnn-explainer/cnn-explainer/models): copy the settings
    and move the models folder once, when the new place has none."""
    global _migrated
    if _migrated:
        return
    _migrated = True
    try:
        legacy = QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, SETTINGS_ORG, SETTINGS_APP
        ).fileName()
        new_file = settings_file()
        if legacy and Path(legacy).is_file() and not new_file.exists():
            new_file.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(legacy, new_file)
        base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
        legacy_models = Path(base, SETTINGS_ORG, SETTINGS_APP, "models") if base else None
        new_models = user_models_dir()
        if legacy_models and legacy_models.is_dir() and not new_models.exists():
            new_models.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(legacy_models, new_models)
            _point_at_moved_models(
                QSettings(str(new_file), QSettings.Format.IniFormat), legacy_models, new_models
            )
    except OSError:
        pass  # a missing old file must never stop the window from starting


def _point_at_moved_models(settings: QSettings, old: Path, new: Path) -> None:
    """The remembered checkpoints that were in the old models folder: their new paths."""

    def moved(entry: str) -> str:
        path = Path(entry)
        return str(new / path.relative_to(old)) if path.is_relative_to(old) else entry

    settings.setValue(RECENT_KEY, [moved(p) for p in recent_files(settings)])
    last = settings.value("last_checkpoint", "", type=str)
    if last:
        settings.setValue("last_checkpoint", moved(last))
    settings.sync()


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
