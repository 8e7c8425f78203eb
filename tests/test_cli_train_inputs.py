"""`cnn-explainer train` refuses bad arguments and output paths in one line (exit 2) before any
work, stops a run whose loss blows up without writing a file, and says when it replaces one."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.cli import main

FAST = ["--epochs", "0", "--quiet", "--device", "cpu"]


def one_line_error(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in captured.err, captured.err
    return lines[0]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["--lr", "nan"], "--lr must be a number in (0, 100]"),
        (["--lr", "inf"], "--lr must be a number"),
        (["--lr", "-1"], "found -1.0"),
        (["--lr", "1e6"], "found 1000000.0"),
        (["--weight-decay", "nan"], "--weight-decay must be in [0, 1]"),
        (["--weight-decay", "-5"], "found -5.0"),
        (["--batch", "0"], "--batch must be between 1 and 65,536, found 0"),
        (["--batch", "1000000000"], "--batch must be between 1 and 65,536"),
        (["--seed", str(2**70)], "--seed must be between 0 and 4,294,967,295"),
        (["--epochs", "100000"], "--epochs must be between 0 and 10,000"),
        (["--snapshots", "5000"], "--snapshots must be between 0 and 1,000"),
        (["--momentum", "1.5"], "--momentum must be in [0, 1)"),
        (["--threads", "-3"], "--threads must be between 0 and 256"),
    ],
)
def test_absurd_arguments_are_one_line_before_any_work(
    argv: list[str], needle: str, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "x.pt"
    started = time.perf_counter()
    assert main(["train", "--out", str(out), *FAST, *argv]) == 2
    assert needle in one_line_error(capsys)
    assert not out.exists() and time.perf_counter() - started < 5


def test_output_paths_that_cannot_be_written_are_refused_before_training(
    tmp_path: Path, capsys
) -> None:
    regular = tmp_path / "file.txt"
    regular.write_text("x")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "link.pt"
    link.symlink_to(regular)
    cases = {
        str(regular / "under-a-file.pt"): "cannot be written",
        "/proc/cnn-explainer-test.pt": "cannot be written",
        str(folder): "is a folder",
        str(fifo): "special file",
        "/dev/null": "special file",
        str(link): "symbolic link",
        "": "needs a file name",
        "   ": "needs a file name",
    }
    for out, needle in cases.items():
        # 5 epochs would take seconds: a refusal that comes after training would show.
        started = time.perf_counter()
        code = main(["train", "--out", out, "--epochs", "5", "--quiet", "--device", "cpu"])
        assert code == 2, out
        assert needle in one_line_error(capsys), out
        assert time.perf_counter() - started < 3, out
    assert regular.read_text() == "x" and fifo.exists() and not Path("/proc/x.pt").exists()
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")
    # A snapshot path is checked as well.
    argv = ["train", "--out", str(tmp_path / "ok.pt"), "--snapshot-epoch", "1"]
    assert main([*argv, "--snapshot-out", str(folder), "--epochs", "2", "--quiet"]) == 2
    assert "--snapshot-out" in one_line_error(capsys)


def test_a_run_that_blows_up_stops_with_a_message_and_writes_nothing(
    tmp_path: Path, capsys
) -> None:
    out = tmp_path / "diverged.pt"
    argv = ["train", "--epochs", "1", "--optimizer", "sgd", "--lr", "50", "--out", str(out)]
    assert main([*argv, "--quiet", "--device", "cpu", "--threads", "1"]) == 2
    line = one_line_error(capsys)
    assert "the training loss became" in line and "nothing was saved" in line
    assert not out.exists() and not list(tmp_path.glob(".*.tmp"))


def test_replacing_a_file_is_said_and_stale_temporaries_are_cleaned(tmp_path: Path, capsys) -> None:
    out = tmp_path / "model.pt"
    out.write_bytes(b"old")
    stale = tmp_path / ".model.pt.abc123.tmp"  # what a killed writer leaves
    stale.write_bytes(b"half")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    fresh = tmp_path / ".model.pt.def456.tmp"  # a write in progress: left alone
    fresh.write_bytes(b"busy")
    assert main(["train", "--out", str(out), "--epochs", "0", "--device", "cpu"]) == 0
    assert "exists and will be replaced" in capsys.readouterr().err
    assert out.read_bytes() != b"old" and not stale.exists() and fresh.exists()


numbers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from(["nan", "inf", "-inf", "1e400", "0x10", "", "abc", "1,5"]),
)


@settings(
    max_examples=60,
    deadline=5000,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    option=st.sampled_from(
        ["--lr", "--weight-decay", "--batch", "--seed", "--momentum", "--snapshots", "--threads"]
    ),
    value=numbers,
)
def test_any_generated_argument_gives_a_result_or_one_line(
    tmp_path: Path, capsys, option: str, value
) -> None:
    out = tmp_path / "h.pt"
    capsys.readouterr()  # one example's output only
    # argparse's own refusals (e.g. --batch=abc) are one line too, returned like the others.
    code = main(["train", "--out", str(out), *FAST, f"{option}={value}"])
    captured = capsys.readouterr()
    assert code in (0, 2), (option, value, captured.err)
    assert "Traceback" not in captured.err
    if code == 2:
        lines = captured.err.strip().splitlines()
        assert len(lines) == 1 and "error:" in lines[0], captured.err
        assert not out.exists() or out.stat().st_size > 0
    out.unlink(missing_ok=True)
