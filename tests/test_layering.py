"""The layering contracts of pyproject.toml ([tool.importlinter]) hold: the core knows no Qt, the
views reach the computing core only through the session, the layers only import downwards and
no package has an import cycle. Run by hand with `lint-imports`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "4 kept, 0 broken" in result.stdout
