"""The window's guard against bugs (issue 14): an exception escaping a slot is logged and shown
in a dialog with "Copy details"; the window, the model and the drawing survive."""

from __future__ import annotations

import sys

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from explainer.crashlog import one_line, write_crash_log
from explainer.gui.crash import CrashReporter
from tests.gui_support import draw, open_window

pytestmark = pytest.mark.qt_no_exception_capture  # the reporter is what catches them here


@pytest.fixture
def log_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state" / "cnn-explainer" / "log"


def test_crash_log_holds_the_traceback_and_versions(log_home):
    try:
        {}["missing"]
    except KeyError:
        path = write_crash_log(sys.exc_info())
    assert path is not None and path.parent == log_home
    text = path.read_text(encoding="utf-8")
    assert "cnn-explainer 0." in text and "Traceback" in text and "KeyError: 'missing'" in text


def test_one_line_is_one_short_line():
    line = one_line(RuntimeError("first\nsecond " + "x" * 500))
    assert "\n" not in line and line.startswith("RuntimeError: first second") and len(line) < 230


def test_a_failing_slot_opens_the_dialog_and_the_window_keeps_working(qtbot, log_home):
    window = open_window(qtbot)
    assert window.load_sample(7)
    window.flush_input()
    before = window.state.trace.probs.copy()
    reporter = CrashReporter(window)
    try:

        def broken() -> None:
            raise ZeroDivisionError("planted bug")

        window.crash_probe = window.menuBar().addAction("probe")
        window.crash_probe.triggered.connect(broken)
        window.crash_probe.trigger()
        QApplication.processEvents()
        dialog = window.findChild(type(reporter.dialog), "crash_dialog")
        assert dialog is not None and dialog.isVisible()
        assert "ZeroDivisionError: planted bug" in dialog.text()
        assert reporter.last_log is not None and reporter.last_log.is_file()
        assert "planted bug" in reporter.last_log.read_text(encoding="utf-8")
        assert str(reporter.last_log) in dialog.text()
        # one of the dialog's buttons (added without a text, Qt left it out: never shown)
        assert dialog.copy_button in dialog.buttons() and dialog.copy_button.text()
        dialog.copy_button.click()
        assert "Traceback" in QApplication.clipboard().text()
        assert dialog.isVisible()  # copying does not close it

        window.crash_probe.trigger()  # again while it is open: counted, no second dialog
        QApplication.processEvents()
        assert reporter.reported == 2 and "2" in dialog.text()
        assert len(window.findChildren(type(dialog), "crash_dialog")) == 1
        assert len(list(log_home.glob("crash-*.log"))) == 1
        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # after a copy, Esc still closes it
        assert not dialog.isVisible()

        # the model and the drawing are as they were, and drawing still runs the network
        assert window.state.ready
        np.testing.assert_array_equal(window.state.trace.probs, before)
        draw(window, [(0.5, 0.15), (0.5, 0.5), (0.5, 0.85)])
        window.flush_input()
        assert not np.array_equal(window.state.trace.probs, before)
    finally:
        reporter.uninstall()
    assert sys.excepthook != reporter.handle


def test_a_bug_in_a_loader_is_one_line_with_a_log(qtbot, log_home):
    def exploding_loader(path, device):
        raise RuntimeError("[enforce fail at alloc_cpu.cpp:127] data. DefaultCPUAllocator")

    window = open_window(qtbot, wait_ready=False, model_loader=exploding_loader)
    qtbot.waitUntil(lambda: window._load_error is not None, timeout=20000)
    message = window._load_error
    assert message.startswith("unexpected error (RuntimeError: [enforce fail")
    assert "details in " in message and "\n" not in message
    logs = list(log_home.glob("crash-*.log"))
    assert len(logs) == 1 and "DefaultCPUAllocator" in logs[0].read_text(encoding="utf-8")


def test_a_worker_bug_is_reported_as_one_line_with_its_log(log_home):
    from explainer.crashlog import unexpected

    try:
        raise MemoryError("[enforce fail at alloc_cpu.cpp:127] data. DefaultCPUAllocator:\nmore")
    except MemoryError as exc:
        message = unexpected(exc)
    assert message.startswith("unexpected error (MemoryError: [enforce fail")
    assert "\n" not in message and message.endswith(".log")
    log = message.rsplit("details in ", 1)[1]
    assert "Traceback" in open(log, encoding="utf-8").read()
