"""The window's last line of defence: an exception that escapes a slot (a bug, not a user error —
those are ExplainerErrors, shown by `MainWindow.show_error`) is written to a crash log and shown
in a dialog with "Copy details"; the window, the model and the drawing stay as they were.

PySide6 hands an exception raised in a slot to `sys.excepthook` and carries on with the event
loop, so replacing the hook is enough to guard every slot a user action reaches.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from explainer.crashlog import ExcInfo, describe, one_line, write_crash_log
from explainer.gui.i18n import Retranslatable, tr_args


class CrashDialog(Retranslatable, QMessageBox):
    """Non-modal: "Something went wrong", the one line, where the log is, and the details."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(
            QMessageBox.Icon.Critical, "", "", QMessageBox.StandardButton.Close, parent
        )
        self.setObjectName("crash_dialog")
        # With its text before it is added: Qt refuses a button without one.
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        self.copy_button.setObjectName("copy_details")
        # ActionRole: pressing it does not close the dialog.
        self.addButton(self.copy_button, QMessageBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        # Esc and the title bar's close count as Close, whichever button was clicked last.
        self.setEscapeButton(QMessageBox.StandardButton.Close)
        self.details = ""
        self.count = 0
        self._summary = ""
        self._log: Path | None = None

    def done(self, result: int) -> None:
        if self.clickedButton() is self.copy_button:
            return  # QMessageBox closes on any button: copying keeps it open
        super().done(result)

    def report(self, summary: str, details: str, log: Path | None) -> None:
        self.count += 1
        self._summary, self.details, self._log = summary, details, log
        self.setDetailedText(details)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Unexpected error"))
        self.copy_button.setText(self.tr("Copy details"))
        lines = [
            self.tr(
                "Something went wrong inside CNN Explainer. Your drawing and the model are kept."
            ),
            self._summary,
        ]
        if self.count > 1:
            lines.append(tr_args(self.tr("(%1 times since this dialog opened)"), self.count))
        if self._log is not None:
            lines.append(tr_args(self.tr("Details were saved to %1"), str(self._log)))
        self.setText("\n\n".join(lines))

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details)


class CrashReporter(QObject):
    """Installs itself as `sys.excepthook` for as long as it lives (`uninstall` puts the previous
    hook back). One dialog at a time: an error repeated on every frame counts up in the open
    dialog instead of opening a stack of them."""

    def __init__(
        self, parent: QWidget, show_dialogs: bool = True, writer: Callable = write_crash_log
    ) -> None:
        super().__init__(parent)
        self.window = parent
        self.show_dialogs = show_dialogs
        self.writer = writer
        self.dialog: CrashDialog | None = None
        self.last_log: Path | None = None
        self.reported = 0
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous

    def handle(self, kind, value, traceback) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous(kind, value, traceback)
            return
        exc_info: ExcInfo = (kind, value, traceback)
        try:
            self.report(exc_info)
        except Exception:  # reporting itself failed: the default printout is all that is left
            self._previous(kind, value, traceback)

    def report(self, exc_info: ExcInfo) -> None:
        self.reported += 1
        summary = one_line(exc_info[1])
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.report(summary, describe(exc_info), self.last_log)
            return
        self.last_log = self.writer(exc_info)
        where = f" (details in {self.last_log})" if self.last_log else ""
        print(f"cnn-explainer: internal error: {summary}{where}", file=sys.stderr)
        if not self.show_dialogs:
            return
        if self.dialog is None:
            self.dialog = CrashDialog(self.window)
            self.dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.dialog.count = 0
        self.dialog.report(summary, describe(exc_info), self.last_log)
        self.dialog.open()
