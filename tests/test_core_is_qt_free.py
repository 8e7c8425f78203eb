"""explainer.core (and the session state) must never import Qt: they run in notebooks, the CLI
and headless tests. Checked in a fresh interpreter so that other tests' imports do not count."""

from __future__ import annotations

import json
import subprocess
import sys

CHECK = """
import importlib, json, pkgutil, sys
import explainer.core
names = ["explainer.state"]
for info in pkgutil.walk_packages(explainer.core.__path__, "explainer.core."):
    names.append(info.name)
for name in names:
    importlib.import_module(name)
qt = sorted(m for m in sys.modules
            if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6"))
print(json.dumps({"imported": names, "qt": qt}))
"""


def test_core_and_state_import_no_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    # The walk really found the core's modules (a broken walk would pass vacuously).
    assert {"explainer.core.model", "explainer.core.preprocess", "explainer.core.trace"} <= set(
        report["imported"]
    )
    assert report["qt"] == [], f"Qt imported by the core: {report['qt']}"
