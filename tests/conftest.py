"""Every GUI test runs with its own settings file (never the user's)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_settings(request, tmp_path: Path, monkeypatch):
    """GUI tests get their own settings file and user models folder (never the user's), and
    leave the interface in English. Tests that never imported Qt are left alone. XDG_CONFIG_HOME
    and XDG_DATA_HOME (what platformdirs and Qt read on Linux) point there too, for code that
    bound the functions before the patch and for the processes a test starts."""
    if "PySide6.QtCore" not in sys.modules:
        yield
        return
    from PySide6.QtCore import QSettings

    from explainer.gui import i18n, settings

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    monkeypatch.setattr(settings, "settings_file", lambda: tmp_path / "settings.ini")
    monkeypatch.setattr(settings, "user_models_dir", lambda: tmp_path / "user_models")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # crash logs
    yield
    if i18n.current_language() != "en":
        i18n.set_language("en")
    from explainer.gui import zoom

    if abs(zoom.factor() - 1.0) > 1e-6:  # the zoom is the application's font: global
        zoom.set_factor(1.0)


@pytest.fixture(autouse=True)
def isolated_crash_logs(tmp_path: Path, monkeypatch):
    """Crash logs (explainer/crashlog.py) of a test go to its own folder, never the user's:
    platformdirs reads XDG_STATE_HOME on Linux."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
