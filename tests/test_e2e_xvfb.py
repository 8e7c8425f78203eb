"""End to end in a real X server: start `cnn-explainer` as a user would, draw a 7 with the mouse
(xdotool), take a screenshot of the screen, and check the window's first guess.

Needs Xvfb and xdotool (scripts/install-system-deps.sh test installs them) and the shipped
models/default.pt. The app tells the test where its canvas is through CNN_EXPLAINER_TEST_REPORT
(see explainer/gui/app.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from explainer import paths

pytestmark = pytest.mark.xvfb

MISSING_TOOLS = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
SCREEN = (1280, 800)
# A 7 as fractions of the drawable square: the top bar, then the long diagonal stroke.
SEVEN = [(0.22, 0.2), (0.78, 0.2), (0.66, 0.42), (0.55, 0.64), (0.46, 0.86)]

if MISSING_TOOLS:
    pytest.skip(
        f"needs {' and '.join(MISSING_TOOLS)} (scripts/install-system-deps.sh test)",
        allow_module_level=True,
    )


def free_display() -> int:
    for number in range(90, 300):
        if not (
            Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise RuntimeError("no free X display number between :90 and :299")


def wait_for(condition: Callable[[], object], timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    number = free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / "xvfb.log").open("w"),
    )
    try:
        wait_for(
            lambda: Path(f"/tmp/.X11-unix/X{number}").exists() or server.poll() is not None,
            20,
            "Xvfb to start",
        )
        if server.poll() is not None:
            pytest.fail(f"Xvfb exited: {(tmp_path / 'xvfb.log').read_text()[-2000:]}")
        yield f":{number}"
    finally:
        stop(server)


def read_report(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def screenshot(display: str, out: Path) -> None:
    """Grab the whole X screen (the root window), as a screenshot tool would."""
    code = (
        "import sys\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "app = QGuiApplication(sys.argv[:1])\n"
        "ok = app.primaryScreen().grabWindow(0).save(sys.argv[1])\n"
        "sys.exit(0 if ok else 1)\n"
    )
    env = {**os.environ, "DISPLAY": display}
    env.pop("QT_QPA_PLATFORM", None)
    subprocess.run([sys.executable, "-c", code, str(out)], env=env, check=True, timeout=60)


@pytest.mark.skipif(
    not paths.default_checkpoint().is_file(),
    reason="models/default.pt is not trained yet (cnn-explainer train)",
)
def test_draw_a_seven_in_a_real_window(x_display: str, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    env = {
        **os.environ,
        "DISPLAY": x_display,
        "CNN_EXPLAINER_TEST_REPORT": str(report_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    env.pop("QT_QPA_PLATFORM", None)  # a real window on the X server, not offscreen
    console_script = Path(sys.executable).with_name("cnn-explainer")
    command = (
        [str(console_script)] if console_script.exists() else [sys.executable, "-m", "explainer"]
    )
    log = (tmp_path / "app.log").open("w")
    app = subprocess.Popen(command + ["--device", "cpu"], env=env, stdout=log, stderr=log)
    try:
        # The window appears (xdotool finds it by its title) and the model gets ready.
        subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", "CNN Explainer"],
            env=env,
            check=True,
            timeout=60,
            capture_output=True,
        )
        ready = wait_for(
            lambda: (r := read_report(report_path)) and r["ready"] and r, 90, "the model to load"
        )
        canvas = ready["canvas"]
        assert canvas["width"] >= 150, canvas

        def screen_point(fx: float, fy: float) -> list[str]:
            return [
                str(round(canvas["x"] + fx * canvas["width"])),
                str(round(canvas["y"] + fy * canvas["height"])),
            ]

        # Draw the 7 as a mouse would: many small moves with the left button held down.
        steps: list[str] = ["mousemove", *screen_point(*SEVEN[0]), "mousedown", "1"]
        for (x0, y0), (x1, y1) in zip(SEVEN, SEVEN[1:], strict=False):
            for t in np.linspace(0, 1, 12)[1:]:
                steps += [
                    "mousemove",
                    *screen_point(x0 + t * (x1 - x0), y0 + t * (y1 - y0)),
                    "sleep",
                    "0.01",
                ]
        steps += ["mouseup", "1"]
        subprocess.run(["xdotool", *steps], env=env, check=True, timeout=60)

        runs_before = ready["runs"]
        final = wait_for(
            lambda: (
                (r := read_report(report_path))
                and r["runs"] > runs_before + 2
                and r["first_guess"] != "–"
                and r
            ),
            30,
            "the drawing to be run",
        )
        time.sleep(0.3)  # let the last frame land, then read the final guess
        final = read_report(report_path) or final

        shot = tmp_path / "screen.png"
        screenshot(x_display, shot)
        with Image.open(shot) as picture:
            pixels = np.asarray(picture.convert("L"))
        assert pixels.shape == (SCREEN[1], SCREEN[0])
        # The stroke is on the screen: dark ink on the canvas's white paper, along the bar.
        bar_y = round(canvas["y"] + SEVEN[0][1] * canvas["height"])
        mid_x = round(canvas["x"] + 0.5 * canvas["width"])
        assert pixels[bar_y, mid_x] < 80, "no ink where the 7's bar was drawn"
        corner = pixels[canvas["y"] + 5, canvas["x"] + 5]
        assert corner > 200, "the canvas's paper is not white"

        assert final["first_guess"].startswith("7 "), (
            f"first guess {final['first_guess']!r}, second {final['second_guess']!r}; "
            f"screenshot: {shot}"
        )
    finally:
        stop(app)
        log.close()
