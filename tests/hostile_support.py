"""Running the command line as an attacker or a careless user would (tests/test_cli_hostile_*):
the only outcomes allowed are a result (exit 0) or one line saying what was wrong (exit 2,
and {"error": ...} on stdout with --json); never a traceback, never a bare exception."""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

from explainer.cli import main

REPO = Path(__file__).resolve().parent.parent
MODELS = REPO / "models"
# The smallest shipped checkpoint (a random initialisation): quick to load and to mutate.
SMALL_CHECKPOINT = MODELS / "untrained.pt"


def run_cli(capsys, *argv: str, seconds: float = 10.0) -> tuple[int, str, str]:
    """main(argv) in-process: (exit code, stdout, the one error line or "")."""
    capsys.readouterr()
    started = time.perf_counter()
    code = main([str(a) for a in argv])
    elapsed = time.perf_counter() - started
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "Traceback" not in captured.out, captured.err
    assert elapsed < seconds, (argv, elapsed)
    assert code in (0, 2), (code, captured.err)
    if code == 0:
        return code, captured.out, ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "error:" in lines[0], captured.err
    if "--json" in argv:
        assert json.loads(captured.out)["error"] in lines[0]
    return code, captured.out, lines[0]


def refused(capsys, *argv: str, seconds: float = 10.0) -> str:
    """The one error line of a command that must be refused (exit 2)."""
    code, _, line = run_cli(capsys, *argv, seconds=seconds)
    assert code == 2, f"accepted: {argv}"
    return line


def run_subprocess(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The real `cnn-explainer` in a fresh interpreter: what a user's terminal shows."""
    environment = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "explainer.cli", *argv],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        cwd=REPO,
    )


def png_header(width: int, height: int, color_type: int = 6) -> bytes:
    """A PNG that claims width×height pixels (RGBA by default) with one tiny IDAT: what a
    decompression bomb's header looks like, without the bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )
