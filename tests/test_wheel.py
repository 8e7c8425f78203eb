"""The wheel carries what the app needs and the installed app finds it, away from any checkout.

How, and why this way:
- The wheel is built from a copy of the files a build reads (pyproject.toml, setup.py,
  MANIFEST.in, the READMEs, explainer/, models/, assets/, data/) in a temporary folder, with
  `pip wheel --no-deps --no-build-isolation` (setuptools from the test's own environment; no
  network), so the checkout gets no build/ or egg-info and a file the build needs but the copy
  lacks would fail the build here rather than at a student's.
- It is installed by pip (`pip --python VENV/bin/python install --no-deps`) into a fresh
  virtual environment outside the checkout: its own prefix, site-packages, `cnn-explainer`
  console script. Only the third-party dependencies (PyTorch, PySide6, …: ~5.5 GB, minutes to
  install) are borrowed from the environment that runs the tests, through one `.pth` file that
  names their site-packages folder. A `.pth` line adds that folder to sys.path after the venv's
  own site-packages and does not run the `.pth` files inside it, so the editable install of the
  checkout that lives there (its `__editable__` finder) stays inert: `explainer` can only come
  from the wheel. The probe below asserts exactly that. That the dependency set itself resolves
  and installs into an empty venv (`pip install .`, several minutes) is checked by hand (see the
  README); here the wheel's Requires-Dist is compared with pyproject.toml instead.
- The commands run from a folder outside the checkout, with no PYTHONPATH and with HOME, the
  XDG folders and the working directory in the temporary folder: `predict` on a shipped sample and
  on the default model it finds by itself, `eval` of the installed models/default.pt on the
  installed held-out digits (accuracy 0.987), `info`, and `--screenshot OUT.png --sample 3`
  (offscreen Qt).
About 30-40 s on 2 busy cores, most of it five Python processes importing torch.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet

REPO = Path(__file__).resolve().parent.parent
BUILD_INPUTS = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "README.pt-BR.md")
SHIPPED = ("models", "assets", "data")
# Import names of the third-party dependencies the fresh venv borrows (see the docstring).
DEPENDENCY_MODULES = (
    "PySide6",
    "pyqtgraph",
    "torch",
    "torchvision",
    "numpy",
    "PIL",
    "tqdm",
    "psygnal",
    "superqt",
    "safetensors",
    "platformdirs",
)
MAX_WHEEL_BYTES = 12_000_000  # ~8 MB today: models/ (default.pt carries a timeline) and data/


def _copy_build_inputs(target: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".*")
    for name in BUILD_INPUTS:
        shutil.copy2(REPO / name, target / name)
    for name in ("explainer", *SHIPPED):
        shutil.copytree(REPO / name, target / name, ignore=ignore)


def _shipped_files() -> set[str]:
    """The files of models/, assets/ and data/ that setup.py ships, as wheel paths."""
    found = set()
    for name in SHIPPED:
        for path in (REPO / name).rglob("*"):
            relative = path.relative_to(REPO)
            hidden = any(p.startswith(".") or p == "__pycache__" for p in relative.parts)
            if path.is_file() and not hidden and path.suffix not in {".tmp", ".pyc"}:
                found.add(f"explainer/shipped/{relative.as_posix()}")
    return found


def _requirement_key(requirement: Requirement) -> tuple[str, str]:
    return requirement.name.lower(), str(SpecifierSet(str(requirement.specifier)))


def _dependency_dirs() -> list[str]:
    dirs: list[str] = []
    for module in DEPENDENCY_MODULES:
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin, f"{module} is not installed"
        folder = str(Path(spec.origin).resolve().parent.parent)
        if folder not in dirs:
            dirs.append(folder)
    return dirs


def _run(argv: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert result.returncode == 0, f"{argv}: exit {result.returncode}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    _copy_build_inputs(source)
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["--disable-pip-version-check", "-w", str(dist), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = dist.glob("cnn_explainer-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory) -> dict:
    """A fresh venv with the wheel installed; returns its bin folder, env and working folder."""
    root = tmp_path_factory.mktemp("fresh")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    site = Path(sysconfig.get_path("purelib", vars={"base": str(venv), "platbase": str(venv)}))
    assert site.is_dir(), site
    (site / "_borrowed_dependencies.pth").write_text("\n".join(_dependency_dirs()) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q"]
        + ["--disable-pip-version-check", "--no-index", "--ignore-installed", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    work = root / "work"
    work.mkdir()
    env = {
        "PATH": os.pathsep.join([str(bindir), "/usr/bin", "/bin"]),
        "HOME": str(root / "home"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_DATA_HOME": str(root / "share"),
        "QT_QPA_PLATFORM": "offscreen",
        "OMP_NUM_THREADS": "1",
    }
    return {"venv": venv, "bin": bindir, "python": python, "env": env, "work": work}


def test_the_wheel_carries_the_models_samples_presets_data_and_translations(wheel: Path) -> None:
    assert wheel.stat().st_size < MAX_WHEEL_BYTES, f"{wheel.stat().st_size:,} bytes"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = archive.read(metadata_name).decode()
    shipped = _shipped_files()
    assert "explainer/shipped/models/default.pt" in shipped
    assert {"explainer/shipped/data/mnist_5k.csv.gz", "explainer/shipped/models/README.md"} <= (
        shipped
    )
    assert shipped <= names, sorted(shipped - names)
    assert "explainer/i18n/cnn_explainer_pt_BR.qm" in names
    assert "explainer/cli.py" in names and "explainer/presets/__init__.py" in names
    # Nothing of the repository besides the package: no tests, benchmarks or setup script.
    assert {n.split("/")[0] for n in names} == {"explainer", metadata_name.split("/")[0]}
    # The dependencies pip resolves for a student are the ones pyproject.toml states.
    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    requires = [
        Requirement(line.split(":", 1)[1])
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    ]
    assert {_requirement_key(Requirement(d)) for d in declared} == {
        _requirement_key(r) for r in requires
    }
    assert "platformdirs" in {r.name for r in requires}


def test_the_installed_app_finds_its_files_inside_the_package(installed: dict) -> None:
    probe = (
        "import json, sys, explainer\n"
        "from explainer import paths\n"
        "from explainer.core.samples import list_samples\n"
        "from explainer.presets import shipped_presets\n"
        "print(json.dumps({'package': explainer.__file__, 'path': sys.path,"
        " 'models': str(paths.models_dir()), 'default': str(paths.default_checkpoint()),"
        " 'assets': str(paths.assets_dir()), 'data': str(paths.data_dir()),"
        " 'samples': len(list_samples()), 'presets': len(shipped_presets()),"
        " 'config': str(paths.user_config_dir()), 'user_models': str(paths.user_models_dir())}))"
    )
    env, work = installed["env"], installed["work"]
    found = json.loads(_run([str(installed["python"]), "-c", probe], env, work).stdout)
    package = Path(found["package"]).parent
    assert package.is_relative_to(installed["venv"]), found["package"]
    assert str(REPO) not in found["path"] and "" not in found["path"][1:]
    for key, name in (("models", "models"), ("assets", "assets"), ("data", "data")):
        assert Path(found[key]) == package / "shipped" / name
    assert Path(found["default"]).is_file()
    assert found["samples"] == 30 and found["presets"] == 5
    assert found["config"] == str(Path(env["XDG_CONFIG_HOME"]) / "cnn-explainer")
    assert found["user_models"] == str(Path(env["XDG_DATA_HOME"]) / "cnn-explainer" / "models")
    installed["found"] = found


def test_the_installed_commands_run_outside_the_checkout(installed: dict) -> None:
    env, work = installed["env"], installed["work"]
    cli = str(installed["bin"] / "cnn-explainer")
    if "found" not in installed:
        pytest.skip("the probe failed")
    found = installed["found"]
    sample = Path(found["assets"]) / "samples" / "digit3_0.png"

    # predict: a shipped sample, with the default model the app finds by itself.
    predicted = json.loads(_run([cli, "predict", str(sample), "--json"], env, work).stdout)
    assert predicted[0]["top"][0]["label"] == "3"

    # eval: the installed default model on the installed held-out digits.
    result = json.loads(_run([cli, "eval", found["default"], "--json"], env, work).stdout)
    assert result["dataset"] == "mnist" and result["split"] == "heldout"
    assert result["n"] == 1000 and result["accuracy"] == pytest.approx(0.987, abs=1e-9)

    info = json.loads(_run([cli, "info", found["default"], "--json"], env, work).stdout)
    assert info["checkpoint"] == found["default"] and info["parameters"] == 63_802
    assert len(info["snapshots"]) > 0 and info["metadata"]["heldout_accuracy"] == 0.987

    out = work / "OUT.png"
    shot = _run([cli, "--screenshot", str(out), "--sample", "3"], env, work)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000
    assert "first guess 3" in shot.stdout
    # The window kept its settings where platformdirs says, not in the package or the checkout.
    assert (Path(env["XDG_CONFIG_HOME"]) / "cnn-explainer" / "settings.ini").is_file()
