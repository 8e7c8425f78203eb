"""Where shipped files are found (the package, else the checkout) and where a user's files go."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings  # imported first, so conftest isolates the settings

from explainer import paths
from explainer.gui import settings

REPO = Path(__file__).resolve().parent.parent
REAL_SETTINGS_FILE = settings.settings_file  # before conftest points it at tmp_path


def test_a_checkout_uses_the_repository_folders(monkeypatch) -> None:
    monkeypatch.delenv("CNN_EXPLAINER_MODELS", raising=False)
    monkeypatch.delenv("CNN_EXPLAINER_DATA", raising=False)
    assert not (REPO / "explainer" / paths.SHIPPED_PACKAGE_DIR).exists()
    assert paths.models_dir() == REPO / "models"
    assert paths.assets_dir() == REPO / "assets"
    assert paths.data_dir() == REPO / "data"
    assert paths.default_checkpoint().is_file()


def test_an_installed_package_uses_its_own_shipped_folder(monkeypatch, tmp_path: Path) -> None:
    """What a wheel looks like: explainer/shipped/<name> beside the modules (setup.py)."""
    monkeypatch.delenv("CNN_EXPLAINER_MODELS", raising=False)
    package = tmp_path / "explainer"
    for name in ("models", "assets", "data"):
        (package / "shipped" / name).mkdir(parents=True)
    monkeypatch.setattr(paths, "files", lambda _name: package)
    assert paths.models_dir() == package / "shipped" / "models"
    assert paths.assets_dir() == package / "shipped" / "assets"
    assert paths.data_dir() == package / "shipped" / "data"
    assert paths.default_checkpoint() == package / "shipped" / "models" / "default.pt"


def test_environment_variables_override_the_shipped_folders(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("CNN_EXPLAINER_MODELS", str(tmp_path / "m"))
    monkeypatch.setenv("CNN_EXPLAINER_DATA", str(tmp_path / "d"))
    assert paths.models_dir() == tmp_path / "m" and paths.data_dir() == tmp_path / "d"


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG folders are Linux's")
def test_user_folders_follow_the_platform(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert paths.user_config_dir() == tmp_path / "config" / "cnn-explainer"
    assert paths.user_models_dir() == tmp_path / "share" / "cnn-explainer" / "models"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.user_config_dir() == tmp_path / ".config" / "cnn-explainer"
    assert paths.user_models_dir() == tmp_path / ".local" / "share" / "cnn-explainer" / "models"


def test_the_settings_are_one_ini_file_where_platformdirs_says(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(settings, "settings_file", REAL_SETTINGS_FILE)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(settings, "_migrated", True)
    expected = tmp_path / "config" / "cnn-explainer" / "settings.ini"
    assert settings.settings_file() == expected
    stored = settings.app_settings()
    assert stored.format() == QSettings.Format.IniFormat
    assert Path(stored.fileName()) == expected
    stored.setValue("language", "pt_BR")
    stored.sync()
    assert "language=pt_BR" in expected.read_text()


def test_settings_and_models_of_earlier_versions_move_once(monkeypatch, tmp_path) -> None:
    """Earlier versions used Qt's own places; the first start copies the settings and moves the
    models folder when the new places are empty (conftest put both places under tmp_path)."""
    legacy_ini = tmp_path / "cnn-explainer" / "cnn-explainer.ini"  # QSettings.setPath(tmp_path)
    legacy_ini.parent.mkdir(parents=True)
    legacy_models = tmp_path / "share" / "cnn-explainer" / "cnn-explainer" / "models"
    old = QSettings(str(legacy_ini), QSettings.Format.IniFormat)
    old.setValue("language", "pt_BR")
    old.setValue("last_checkpoint", str(legacy_models / "mine.pt"))
    old.setValue(settings.RECENT_KEY, [str(legacy_models / "mine.pt"), "/elsewhere/b.pt"])
    old.sync()
    del old
    legacy_models.mkdir(parents=True)
    (legacy_models / "mine.pt").write_bytes(b"weights")
    monkeypatch.setattr(settings, "_migrated", False)

    stored = settings.app_settings()
    mine = settings.user_models_dir() / "mine.pt"
    assert stored.value("language", "", type=str) == "pt_BR"
    assert mine.read_bytes() == b"weights"
    assert stored.value("last_checkpoint", "", type=str) == str(mine)
    assert settings.recent_files(stored) == [str(mine), "/elsewhere/b.pt"]
    assert not legacy_models.exists() and legacy_ini.is_file()

    # Once only, and never over the new files.
    legacy_models.mkdir(parents=True)
    (legacy_models / "other.pt").write_bytes(b"x")
    monkeypatch.setattr(settings, "_migrated", False)
    settings.app_settings()
    assert not (settings.user_models_dir() / "other.pt").exists()
