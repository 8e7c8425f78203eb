"""Where the shipped files and the user's own files live.

Shipped files — the checkpoints of models/, the sample digits and presets of assets/, the MNIST
subset of data/ — sit at the top of the repository for developers (`make models` writes models/).
An installed wheel has no repository around it, so the build step (setup.py) copies the three
folders into the package as explainer/shipped/{models,assets,data}, and they are found here with
importlib.resources. In a checkout (an editable install, or PYTHONPATH=the repository) that folder
does not exist and the repository's own folders are used. CNN_EXPLAINER_MODELS and
CNN_EXPLAINER_DATA override both.

The user's files follow the platform's custom (platformdirs), e.g. on Linux ~/.config/cnn-explainer
for settings and ~/.local/share/cnn-explainer/models for own checkpoints (XDG_CONFIG_HOME and
XDG_DATA_HOME respected); ~/Library/Application Support/cnn-explainer on macOS;
%LOCALAPPDATA%\\cnn-explainer on Windows.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

APP_DIR_NAME = "cnn-explainer"
SHIPPED_PACKAGE_DIR = "shipped"  # inside the installed package: explainer/shipped/<name>/
REPO_ROOT = Path(__file__).resolve().parent.parent


def shipped_dir(name: str) -> Path:
    """The shipped folder `name` ("models", "assets" or "data"): inside the installed package,
    or the repository's top-level folder in a checkout."""
    packaged = files("explainer") / SHIPPED_PACKAGE_DIR / name
    # An installed package is a folder on disk, so its Traversable is a Path (a zipped import
    # would give a zipfile.Path, which torch and Qt cannot open; that is not a supported install).
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    return REPO_ROOT / name


def models_dir() -> Path:
    override = os.environ.get("CNN_EXPLAINER_MODELS")
    return Path(override) if override else shipped_dir("models")


def assets_dir() -> Path:
    return shipped_dir("assets")


def data_dir() -> Path:
    override = os.environ.get("CNN_EXPLAINER_DATA")
    return Path(override) if override else shipped_dir("data")


def default_checkpoint() -> Path:
    return models_dir() / "default.pt"


def user_config_dir() -> Path:
    """The folder of the user's settings file (not created here)."""
    import platformdirs

    return platformdirs.user_config_path(APP_DIR_NAME, appauthor=False)


def user_models_dir() -> Path:
    """The folder of the user's own checkpoints (created on demand by whoever writes there)."""
    import platformdirs

    return platformdirs.user_data_path(APP_DIR_NAME, appauthor=False) / "models"
