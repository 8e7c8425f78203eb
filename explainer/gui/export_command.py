"""`cnn-explainer export --sample 3 --out DIR`: the window's exports, without a display.

It writes into DIR what File › Export… writes, for every picture: network.png (the whole
network view at 2×) and network.svg, panel_<name>.png/.svg for each panel, trace.npz, the
unit's tables (<unit>.csv/.md/.tex; --unit, default the most active unit of the last conv
layer) and softmax.csv/.md/.tex — in English, the command line's language. The panels are the
window's own NetworkView, drawn on Qt's offscreen platform (set before Qt starts).

A command of the views' layer (it draws with them), registered by cli.py like the others. The
arguments are checked before anything heavy starts — the folder, the unit's form, the sample or
image, then the model and the unit in it — so a bad one is one line and exit status 2
({"error": ...} with --json), before Qt is started.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from explainer.core.errors import ExplainerError

# The view drawn for the pictures: about the network view's shape in a 1280×800 window, a
# little wider (a slide is 16:9). Its PNGs are twice this.
VIEW_SIZE = (1280, 480)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export",
        help="write the network view (PNG at 2×, SVG), the trace (.npz) and a unit's "
        "arithmetic (CSV, Markdown, LaTeX) into a folder, without a display",
        description="Run a sample digit or an image through a checkpoint and write, into DIR: "
        "network.png (the whole network view at twice its size) and network.svg, "
        "panel_<name>.png/.svg for every panel, trace.npz (every array of the trace, by "
        "layer), <unit>.csv/.md/.tex (the unit's arithmetic: exact numbers in the CSV, as the "
        "arithmetic dock shows them in Markdown and LaTeX) and softmax.csv/.md/.tex. Needs no "
        "display.",
    )
    # SUPPRESS: when not given here, the top-level --checkpoint/--image/--sample still count.
    p.add_argument("--sample", default=argparse.SUPPRESS, metavar="DIGIT", help="a shipped sample")
    p.add_argument("--image", default=argparse.SUPPRESS, metavar="FILE", help="an image file")
    p.add_argument(
        "--checkpoint", default=argparse.SUPPRESS, help="checkpoint (default: models/default.pt)"
    )
    p.add_argument(
        "--unit",
        metavar="LAYER:C:R:C",
        help="the unit whose arithmetic is written: conv2:3:4:5 (layer:channel:row:col) or "
        "fc1:7 (layer:unit); default: the most active unit of the last conv layer",
    )
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write (created)")
    p.add_argument(
        "--log-base",
        choices=("e", "10", "2"),
        default="e",
        help="logarithm of the cross-entropy in the softmax table (default e)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _sample_digit(text: Any) -> int:
    value = str(text).strip()
    if not (value.isascii() and value.lstrip("-").isdigit()) or len(value) > 9:
        raise ExplainerError(f"--sample: expected a digit such as 3, found {text!r}")
    return int(value)


def _read_input(args: argparse.Namespace) -> tuple[Any, Any]:
    """(grey image, InputSource) of --sample or --image."""
    from explainer.core.config import DIGIT_CLASSES
    from explainer.core.inputs import SAMPLE, InputSource, TrueLabel
    from explainer.state import read_picture

    sample, image = getattr(args, "sample", None), getattr(args, "image", None)
    if sample is not None and image is not None:
        raise ExplainerError("expected --sample or --image, found both")
    if sample is not None:
        from explainer.core.samples import load_sample

        digit = _sample_digit(sample)
        return load_sample(digit), InputSource(TrueLabel(digit, SAMPLE, DIGIT_CLASSES))
    if image is not None:
        picture = read_picture(image)
        return picture.gray, picture.source
    raise ExplainerError("expected --sample DIGIT or --image FILE: what to run through the network")


# What the offscreen platform says about every window it shows (it has no window manager).
QUIET_QT_WARNINGS = ("This plugin does not support propagateSizeHints()",)


def _qt_message(mode: Any, context: Any, message: str) -> None:
    if message not in QUIET_QT_WARNINGS:
        print(message, file=sys.stderr)


def _application() -> Any:
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        # Exports never need a screen: Qt's offscreen platform, whatever the session has.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        qInstallMessageHandler(_qt_message)
        app = QApplication(["cnn-explainer"])
    return app


def run(args: argparse.Namespace) -> int:
    from explainer import paths
    from explainer.core.export import check_out_dir, check_unit, default_unit, parse_unit
    from explainer.state import SessionState, prepare_model

    out = check_out_dir(args.out)
    unit = parse_unit(args.unit) if args.unit is not None else None
    image, source = _read_input(args)
    checkpoint = getattr(args, "checkpoint", None) or paths.default_checkpoint()
    device = getattr(args, "device", None) or "cpu"
    state = SessionState()
    state.use(prepare_model(checkpoint, device))
    config = state.model.config
    if unit is not None:
        check_unit(config, unit)
    state.set_input(image, source)
    assert state.trace is not None
    unit = unit or default_unit(config, state.trace)
    state.select(unit)

    app = _application()
    from explainer.gui.export import VIEW, ExportRequest, visible_panels, write_exports
    from explainer.gui.network import NetworkView

    view = NetworkView()
    view.resize(*VIEW_SIZE)
    view.set_model(state.model, state.levels, state.weight_levels)
    view.set_trace(state.trace)
    view.set_selection(unit)
    view.show()
    for _ in range(3):  # lay out and size the columns as a shown window does
        app.processEvents()
    try:
        request = ExportRequest(pictures=(VIEW, *visible_panels(view)))
        written = write_exports(out, view, state, request, unit=unit, log_base=args.log_base)
    finally:
        view.close()
        view.deleteLater()
    guess = state.trace.top(1)[0]
    if args.json:
        payload = {
            "out": str(out),
            "files": [str(path) for path in written],
            "unit": unit.label(),
            "first_guess": {"label": guess.label, "prob": guess.prob},
        }
        print(json.dumps(payload))
        return 0
    print(f"{out}: {len(written)} files (unit {unit.label()}; first guess {guess.label})")
    for path in written:
        print(f"  {Path(path).name}")
    return 0
