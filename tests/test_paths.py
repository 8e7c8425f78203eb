"""Where shipped files are found: inside the installed package, else in the checkout."""

from __future__ import annotations

from pathlib import Path

from explainer import paths

REPO = Path(__file__).resolve().parent.parent


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
