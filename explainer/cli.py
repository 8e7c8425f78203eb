"""`cnn-explainer`: the window with no sub-command, or train | eval | predict | arith.

Whatever a command is given, it ends in one of three ways: its result (exit 0); one line
"cnn-explainer: error: …" saying what was expected and what was found (exit 2, and
`{"error": …}` on stdout with --json), for a bad argument as for a bad file; or, for a bug,
one line "cnn-explainer: internal error: … (details in LOG)" (exit 1) with the traceback in a
crash log (explainer/crashlog.py), never a bare traceback. What it prints passes through
`printable`, so that a name or a message read from a file cannot send terminal escapes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from explainer.core.errors import ExplainerError
from explainer.core.text import printable

# The longest error line printed (an argparse message quotes the value it refused, which may be
# a 5,000-digit number or a megabyte of JSON).
MAX_ERROR_LENGTH = 600


class UsageError(SystemExit):
    """A command line argparse refuses: its message, printed by main as one line, and the
    (sub-)command it was refused by. A SystemExit with status 2, as argparse's own refusal is,
    so that whoever calls parse_args directly still sees what argparse documents."""

    def __init__(self, message: str, prog: str) -> None:
        super().__init__(2)
        self.message, self.prog = message, prog

    def __str__(self) -> str:
        return self.message


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose refusals are raised (one line in main) instead of printing the
    usage and exiting. Sub-command parsers are made of the same class."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see {self.prog} --help)", self.prog)


# Each module defines register(subparsers) and sets a `func(args) -> int` default.
COMMAND_MODULES = (
    "explainer.commands.train",
    "explainer.commands.evaluate",
    "explainer.commands.predict",
    "explainer.commands.arith",
    "explainer.commands.info",
    "explainer.commands.explain",
    "explainer.commands.top_patches",
    "explainer.gui.export_command",  # draws the panels offscreen: a command of the views' layer
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="cnn-explainer",
        description="Draw a digit and watch a LeNet-style CNN compute it. "
        "With no sub-command, opens the window.",
        # Without this the top-level parser reads a sub-command's `--s` (arith outsize) as an
        # ambiguous abbreviation of --screenshot/--sample and exits.
        allow_abbrev=False,
    )
    parser.add_argument(
        "--checkpoint", help="checkpoint to open (default: the shipped default model)"
    )
    parser.add_argument(
        "--device", help="auto, cpu or cuda (default: auto for the window and train, cpu otherwise)"
    )
    parser.add_argument(
        "--lang", help="interface language, e.g. en or pt_BR (default: system locale)"
    )
    parser.add_argument(
        "--screenshot", metavar="OUT.png", help="render the window to OUT.png and exit"
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--sample", type=int, metavar="DIGIT", help="start with a shipped sample digit"
    )
    source.add_argument("--image", metavar="PATH", help="start with this image file")
    parser.add_argument(
        "--why",
        nargs="?",
        const="saliency",
        choices=("saliency", "gradxinput", "gradcam", "gradcam:conv1", "occlusion"),
        metavar="METHOD",
        help="open the Why this guess? panel, with METHOD (saliency, gradxinput, gradcam, "
        "gradcam:conv1 or occlusion; default saliency)",
    )
    parser.add_argument(
        "--unit",
        metavar="UNIT",
        help="select this unit at start, e.g. conv2:3:4:5 (layer:channel:row:col) or fc1:7; "
        "the Why panel shows a conv unit's filter",
    )
    parser.add_argument(
        "--ablate",
        metavar="UNITS",
        help="start with these units switched off, e.g. conv2:3,fc1:17 (what if)",
    )
    parser.add_argument(
        "--move",
        metavar="SPEC",
        help="start with the digit moved, e.g. shift_x=3,shift_y=-2,rotation=10,scale=1.1,"
        "thickness=0.5,noise=0.2,recentre=off (opens the Move the digit panel)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    with printable_output():
        try:
            args = build_parser().parse_args(argv)
        except UsageError as exc:
            return _refuse(exc.message, "--json" in argv, exc.prog)
        try:
            if args.command is None:
                if args.screenshot is not None:
                    _check_screenshot_path(args.screenshot)
                from explainer.gui.app import run_app

                return run_app(args)
            return int(args.func(args) or 0)
        except ExplainerError as exc:
            return _refuse(str(exc), getattr(args, "json", False))
        except KeyboardInterrupt:
            return 130
        except Exception:  # noqa: BLE001 - a bug: one line and a crash log, not a traceback
            return _internal_error(sys.exc_info(), getattr(args, "json", False))


def _refuse(message: str, as_json: bool, prog: str = "cnn-explainer") -> int:
    line = _one_line(message)
    if as_json:
        print(json.dumps({"error": line}))
    print(f"{prog}: error: {line}", file=sys.stderr)
    return 2


def _internal_error(exc_info, as_json: bool) -> int:
    from explainer.crashlog import one_line, write_crash_log

    exc = exc_info[1]
    log = write_crash_log(exc_info)
    what = "out of memory" if isinstance(exc, MemoryError) else one_line(exc)
    where = f"details in {log}" if log is not None else "no log file could be written"
    line = _one_line(f"internal error: {what} ({where})")
    if as_json:
        print(json.dumps({"error": line, "log": None if log is None else str(log)}))
    print(f"cnn-explainer: {line}", file=sys.stderr)
    return 1


def _one_line(message: str) -> str:
    return printable(" ".join(message.split("\n")), MAX_ERROR_LENGTH, keep="")


def _check_screenshot_path(text: str) -> None:
    """Where --screenshot writes, checked before the window opens."""
    from explainer.core.files import check_writable

    if not text.strip():
        raise ExplainerError("--screenshot needs a file name, found an empty one")
    check_writable(Path(text), "--screenshot")


class _PrintableStream:
    """A text stream that writes what it is given through `printable` (keeping `keep`)."""

    def __init__(self, stream, keep: str) -> None:
        self._stream, self._keep = stream, keep

    def write(self, text: str) -> int:
        self._stream.write(printable(text, keep=self._keep))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextlib.contextmanager
def printable_output() -> Iterator[None]:
    """stdout and stderr without control characters but line breaks and tabs (and the carriage
    return of a progress bar on stderr), for the time of one command."""
    stdout, stderr = sys.stdout, sys.stderr
    if stdout is not None:  # None in a windowed program without a console
        sys.stdout = _PrintableStream(stdout, "\n\t")
    if stderr is not None:
        sys.stderr = _PrintableStream(stderr, "\n\t\r")
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr


if __name__ == "__main__":
    raise SystemExit(main())
