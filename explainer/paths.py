"""Where the shipped files live (the repository root in a development install)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def models_dir() -> Path:
    return Path(os.environ.get("CNN_EXPLAINER_MODELS", REPO_ROOT / "models"))


def assets_dir() -> Path:
    return REPO_ROOT / "assets"


def data_dir() -> Path:
    return Path(os.environ.get("CNN_EXPLAINER_DATA", REPO_ROOT / "data"))


def default_checkpoint() -> Path:
    return models_dir() / "default.pt"
