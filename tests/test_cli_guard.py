"""The command line's guard (issue 14): argparse's refusals are one line (exit 2, and
{"error": ...} with --json); a bug is one line "internal error: … (details in LOG)" (exit 1)
with the traceback in a crash log; what is printed carries no terminal escapes. A few cases run
the real command in a fresh interpreter, to see exactly what a terminal would show."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from hostile_support import SMALL_CHECKPOINT, refused, run_subprocess

from explainer import crashlog
from explainer.cli import main
from explainer.commands import info


@pytest.mark.parametrize(
    "argv",
    [
        ["--bogus"],
        ["predict"],
        ["predict", "x.png", "--snapshot", "one"],
        ["train", "--batch", "abc", "--out", "x.pt"],
        ["eval"],
        ["arith"],
        ["arith", "conv", "--kernel", "[[1]]"],
        ["arith", "pool", "--input", "[[1]]", "--kind", "median"],
        ["arith", "outsize", "--n", "9" * 5000, "--f", "3"],
        ["info", "a.pt", "b.pt"],
        ["nosuchcommand"],
    ],
)
def test_argparse_refusals_are_one_line(capsys, argv: list[str]) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "error:" in lines[0] and "usage:" not in captured.err, captured.err
    assert len(lines[0]) <= 700  # a 5,000-digit value is shortened
    assert captured.out == ""


def test_argparse_refusals_under_json_print_an_error_object(capsys) -> None:
    assert main(["arith", "softmax", "--json"]) == 2  # --logits is required
    captured = capsys.readouterr()
    error = json.loads(captured.out)["error"]
    assert "--logits" in error and error in captured.err


def test_a_bug_is_one_line_and_a_crash_log(capsys, monkeypatch, tmp_path: Path) -> None:
    def broken(args):
        return 1 / 0

    monkeypatch.setattr(info, "run", broken)
    assert main(["info", str(SMALL_CHECKPOINT)]) == 1
    captured = capsys.readouterr()
    (line,) = captured.err.strip().splitlines()
    assert line.startswith("cnn-explainer: internal error: ZeroDivisionError: division by zero")
    log = Path(line.rsplit("(details in ", 1)[1].rstrip(")"))
    assert log.is_relative_to(tmp_path / "state")  # platformdirs' log folder (XDG_STATE_HOME)
    text = log.read_text()
    assert "Traceback (most recent call last)" in text and "in broken" in text
    assert main(["info", str(SMALL_CHECKPOINT), "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["error"].startswith("internal error: ZeroDivisionError")
    assert Path(payload["log"]).is_file() and Path(payload["log"]) != log


def test_out_of_memory_is_said_so(capsys, monkeypatch) -> None:
    def exhausted(args):
        raise MemoryError

    monkeypatch.setattr(info, "run", exhausted)
    assert main(["info", "x.pt"]) == 1
    assert "internal error: out of memory (details in " in capsys.readouterr().err


def test_write_crash_log_falls_back_and_keeps_the_newest(monkeypatch, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setattr(crashlog, "log_dir", lambda: blocker / "log")  # cannot be made
    monkeypatch.setattr(crashlog.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    try:
        raise ValueError("what went wrong")
    except ValueError:
        path = crashlog.write_crash_log(sys.exc_info())
    assert path is not None and path.parent == tmp_path / "tmp"
    assert "ValueError: what went wrong" in path.read_text()
    monkeypatch.setattr(crashlog, "log_dir", lambda: tmp_path / "logs")
    for index in range(crashlog.MAX_LOGS + 5):
        try:
            raise KeyError(index)
        except KeyError:
            crashlog.write_crash_log(sys.exc_info())
    # 25 crashes within a second or two: none overwrote another, the oldest were removed.
    assert len(list((tmp_path / "logs").glob("crash-*.log"))) == crashlog.MAX_LOGS


def test_screenshot_to_a_path_that_cannot_be_written(capsys, tmp_path: Path) -> None:
    regular = tmp_path / "file"
    regular.write_text("x")
    for out, fragment in [
        (str(regular / "shot.png"), "cannot be written"),
        ("/proc/shot.png", "cannot be written"),
        (str(tmp_path), "is a folder"),
        ("/dev/null", "special file"),
        ("", "needs a file name"),
    ]:
        started = time.perf_counter()
        assert fragment in refused(capsys, "--screenshot", out)
        assert time.perf_counter() - started < 2  # before the window is made


def test_control_characters_in_messages_are_escaped(capsys, tmp_path: Path) -> None:
    line = refused(capsys, "info", str(tmp_path / "evil\x1b[2J\x1b[31m.pt"))
    assert "\x1b" not in line and "\\x1b[2J" in line


# ---- what a terminal shows: a fresh interpreter --------------------------------------------------
def test_in_a_real_process_no_traceback_reaches_stderr(tmp_path: Path) -> None:
    import torch

    payload = torch.load(SMALL_CHECKPOINT, weights_only=True)
    payload["state_dict"]["conv1.weight"] = torch.empty(6, 1, 5, 5, device="meta")
    meta = tmp_path / "meta.pt"
    torch.save(payload, meta)
    for argv, fragment, code in [
        (["arith", "pool", "--input", "[[1]]", "--kind", "median"], "invalid choice", 2),
        (["info", str(meta)], "on device 'meta' without values", 2),
        (["predict", "/dev/zero"], "is a character device", 2),
    ]:
        result = run_subprocess(*argv)
        assert result.returncode == code, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and fragment in lines[0], result.stderr


def test_in_a_real_process_a_bug_gives_a_log_not_a_traceback(tmp_path: Path) -> None:
    import subprocess

    script = (
        "import sys; from explainer.commands import info; "
        "info.run = lambda args: [][1]; "
        "from explainer.cli import main; sys.exit(main(['info', 'x.pt']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "XDG_STATE_HOME": str(tmp_path), "PYTHONPATH": "."},
        cwd=Path(__file__).resolve().parent.parent,
        timeout=60,
    )
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert "internal error: IndexError: list index out of range (details in " in line
    assert "Traceback" in Path(line.rsplit("(details in ", 1)[1].rstrip(")")).read_text()
