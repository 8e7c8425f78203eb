"""Build step: ship the repository's models/, assets/ and data/ inside the package.

Everything else about the project is in pyproject.toml; this file exists only for the one custom
step setuptools cannot express there. For developers the three folders stay where they are, at the
top of the repository (`make models` writes models/, the tests and the docs point there). When a
wheel is built (`pip install .`, `pip wheel .`, `pipx install`, `python -m build`), build_py copies
them into the built package as explainer/shipped/{models,assets,data}, where explainer/paths.py
finds them with importlib.resources. An editable install (`pip install -e .`, what `make run` and
`make test` do) copies nothing: the package is the source tree, and explainer/paths.py falls back
to the repository's folders.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SHIPPED = ("models", "assets", "data")  # the repository's folders, in the package's "shipped/"
PACKAGE_DIR = Path("explainer") / "shipped"


def _shipped_file(path: Path) -> bool:
    """A file to ship: not hidden, not a leftover of an interrupted write, not a cache."""
    parts = path.relative_to(ROOT).parts
    return (
        path.is_file()
        and not any(part.startswith(".") or part == "__pycache__" for part in parts)
        and path.suffix not in {".tmp", ".pyc"}
    )


class BuildPyWithShippedFiles(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # the checkout's own folders are used (explainer/paths.py)
        target_root = Path(self.build_lib) / PACKAGE_DIR
        shutil.rmtree(target_root, ignore_errors=True)  # nothing stale from an earlier build
        for name in SHIPPED:
            source = ROOT / name
            if not source.is_dir():
                raise SystemExit(f"cannot build: {source} is missing (it is shipped in the wheel)")
            for path in sorted(source.rglob("*")):
                if _shipped_file(path):
                    target = target_root / path.relative_to(ROOT)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    self.copy_file(str(path), str(target), preserve_mode=False)


setup(cmdclass={"build_py": BuildPyWithShippedFiles})
