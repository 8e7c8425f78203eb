"""`cnn-explainer` with no sub-command: the window; `--screenshot OUT.png` renders it and exits.

Test hook (kept small and stable for the real-window test): when CNN_EXPLAINER_TEST_REPORT
names a file, the app rewrites it as JSON after the model is ready and after every new trace:
    {"ready": bool, "runs": int, "first_guess": str, "second_guess": str,
     "canvas": {"x": int, "y": int, "width": int, "height": int}}
where "canvas" is the drawable square in global screen pixels (logical, DPR 1 under Xvfb).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from explainer.core.errors import ExplainerError

TEST_REPORT_ENV = "CNN_EXPLAINER_TEST_REPORT"
SCREENSHOT_TIMEOUT_S = 120.0


def _has_display() -> bool:
    if sys.platform != "linux" or "QT_QPA_PLATFORM" in os.environ:
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _start_application(args: argparse.Namespace):  # -> QApplication
    if not _has_display():
        if not args.screenshot:
            # Qt would abort with a long plugin message; say what to do instead.
            raise ExplainerError(
                "no display found (DISPLAY and WAYLAND_DISPLAY are unset): run it in a desktop "
                "session, or render the window with --screenshot OUT.png"
            )
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from explainer.gui import i18n
    from explainer.gui.settings import SETTINGS_APP, SETTINGS_ORG

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(SETTINGS_ORG)
    app.setApplicationName(SETTINGS_APP)
    app.setApplicationDisplayName(i18n.APP_NAME)
    return app


def _choose_checkpoint(args: argparse.Namespace) -> Path:
    from explainer import paths
    from explainer.gui.settings import app_settings

    if args.checkpoint:
        return Path(args.checkpoint)
    last = app_settings().value("last_checkpoint", "", type=str)
    if last and Path(last).is_file() and not args.screenshot:
        return Path(last)
    return paths.default_checkpoint()


def _choose_language(args: argparse.Namespace) -> str | None:
    from explainer.gui import i18n
    from explainer.gui.settings import app_settings

    if args.lang:
        if i18n.normalize_language(args.lang) is None:
            raise ExplainerError(
                f"unknown language {args.lang!r}; available: {', '.join(i18n.LANGUAGES)}"
            )
        return args.lang
    saved = app_settings().value("language", "", type=str)
    return saved or None  # None: the system locale


def write_test_report(window, path: Path) -> None:
    canvas = window.canvas
    rect = canvas._image_rect()
    corner = canvas.mapToGlobal(rect.topLeft().toPoint())
    report = {
        "ready": window.is_ready(),
        "runs": window.state.runs,
        "first_guess": window.guesses.first_guess.text(),
        "second_guess": window.guesses.second_guess.text(),
        "canvas": {
            "x": corner.x(),
            "y": corner.y(),
            "width": int(rect.width()),
            "height": int(rect.height()),
        },
    }
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(report), encoding="utf-8")
    os.replace(temporary, path)  # a reader never sees half a file


def _put_start_input(window, args: argparse.Namespace) -> None:
    if args.sample is not None:
        if not window.load_sample(args.sample):
            raise ExplainerError(window.last_error or f"no sample digit {args.sample}")
    elif args.image:
        if not window.open_image_file(args.image):
            raise ExplainerError(window.last_error or f"could not open {args.image}")


def _start_view(window, args: argparse.Namespace) -> None:
    """--unit, --why, --ablate and --move, once the model is there (the unit and the
    knock-outs are checked against it)."""
    ablation = getattr(args, "start_ablation", None)
    if ablation is not None:
        window.state.set_knocked_out(ablation.validate(window.state.model.config))
    transform = getattr(args, "start_transform", None)
    if transform is not None:
        window.state.set_transform(transform)
        window.whatif.dock.show()
    unit = getattr(args, "start_unit", None)
    if unit is not None:
        from explainer.core.export import check_unit

        window.state.select(check_unit(window.state.model.config, unit))
    method = getattr(args, "why", None)
    if method:
        method = "gradcam:conv2" if method == "gradcam" else method
        window.why_dock.open()
        window.why_dock.panel.set_method(method)


def _screenshot(app, window, args: argparse.Namespace) -> int:
    deadline = time.monotonic() + SCREENSHOT_TIMEOUT_S
    while not (window.is_ready() or window._load_error) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if window._load_error:
        raise ExplainerError(window._load_error)
    if not window.is_ready():
        raise ExplainerError(f"the model did not load within {SCREENSHOT_TIMEOUT_S:.0f} s")
    _start_view(window, args)
    window.flush_input()
    why = window.why_dock
    while why.busy() and time.monotonic() < deadline:  # occlusion, patches, feature vis
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):  # let layouts and the panels settle
        app.processEvents()
        time.sleep(0.02)
    out = Path(args.screenshot)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise ExplainerError(f"could not write the screenshot to {out}")
    guess = window.guesses.first_guess.text()
    print(f"{out}: first guess {guess}")
    return 0


def read_start_options(args: argparse.Namespace) -> None:
    """--unit, --ablate and --move read before the window opens: a typo fails here, in one
    line (whether the unit exists is checked once the model is there, in _start_view)."""
    if getattr(args, "unit", None):
        from explainer.core.export import parse_unit

        args.start_unit = parse_unit(args.unit)
    if getattr(args, "ablate", None):
        from explainer.core.ablation import Ablation

        args.start_ablation = Ablation.parse(args.ablate)
    if getattr(args, "move", None):
        from explainer.core.transform import parse_transform

        args.start_transform = parse_transform(args.move)


def run_app(args: argparse.Namespace) -> int:
    read_start_options(args)
    app = _start_application(args)
    from explainer.gui import i18n
    from explainer.gui.main_window import MainWindow

    try:
        i18n.set_language(_choose_language(args))
    except FileNotFoundError as exc:
        print(f"cnn-explainer: warning: {exc}; using English", file=sys.stderr)
    window = MainWindow(
        checkpoint=_choose_checkpoint(args), device=args.device, show_dialogs=not args.screenshot
    )
    if not args.screenshot:  # a --screenshot run fails with its one line, not a dialog
        from explainer.gui.crash import CrashReporter

        window.crash_reporter = CrashReporter(window)
    if args.screenshot:
        window.resize(1280, 800)
    window.show()  # first, before torch has been imported by the loader thread
    _put_start_input(window, args)
    if args.screenshot:
        return _screenshot(app, window, args)
    starts = ("start_unit", "start_ablation", "start_transform")
    if any(getattr(args, name, None) is not None for name in starts) or getattr(args, "why", None):

        def start_view() -> None:
            window.model_ready.disconnect(start_view)
            try:
                _start_view(window, args)
            except ExplainerError as exc:
                from PySide6.QtCore import QCoreApplication

                def title() -> str:
                    return QCoreApplication.translate("MainWindow", "Could not select the unit")

                window.show_error(title, str(exc))

        window.model_ready.connect(start_view)

    report = os.environ.get(TEST_REPORT_ENV)
    if report:

        def update_report() -> None:
            write_test_report(window, Path(report))

        window.model_ready.connect(update_report)
        window.trace_updated.connect(update_report)
    return app.exec()
