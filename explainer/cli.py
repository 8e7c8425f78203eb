"""`cnn-explainer`: the window with no sub-command, or train | eval | predict | arith."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from explainer.core.errors import ExplainerError

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
    parser = argparse.ArgumentParser(
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from explainer.gui.app import run_app

            return run_app(args)
        return int(args.func(args) or 0)
    except ExplainerError as exc:
        if getattr(args, "json", False):
            print(json.dumps({"error": str(exc)}))
        print(f"cnn-explainer: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
