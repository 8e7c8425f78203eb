"""Interface language: English source strings, Brazilian Portuguese from explainer/i18n/*.qm.

Switching installs another QTranslator; Qt then sends every widget a LanguageChange event and
each widget retranslates itself (its `retranslate`, see Retranslatable), so the switch happens
live. Numbers follow the language too: QLocale's default becomes the language's (see
explainer.gui.numbers), and the open windows are given that locale (spin boxes read it).

Qt's own dialogs (file dialogs, standard buttons) are translated by the qtbase_<lang>.qm that
PySide6 ships. In this Qt version that catalogue lacks two labels of the file dialog ("&Look
in:", "Files of &type:", whose source text changed): QT_STRINGS_MISSING_FROM_QTBASE lists them,
so lupdate puts them in our catalogue, which is searched first. A native file dialog (GTK,
Windows, macOS) is drawn by the system in the system's language, whatever ours is: when the two
differ, `file_dialog_options()` asks for Qt's own dialog, which follows ours.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QFileDialog

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
APP_CATALOGUE = "cnn_explainer"
# code → the language's own name (shown untranslated in the Language menu, as is the custom).
LANGUAGES: dict[str, str] = {"en": "English", "pt_BR": "Português (Brasil)"}
DEFAULT_LANGUAGE = "en"
# The application's display name: Qt appends it to every window title that does not already
# end with it ("Model details — CNN Explainer"), so a title that names it must end with it.
APP_NAME = "CNN Explainer"
TITLE_SEPARATOR = " — "

# Strings of Qt's own widgets that qtbase_pt_BR.qm (PySide6 6.11) does not translate: their
# source text gained a shortcut (&) and the catalogue still has the old one. Ours has them.
QT_STRINGS_MISSING_FROM_QTBASE = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)

_PLACEHOLDER = re.compile(r"%(\d+)")

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def normalize_language(code: str | None) -> str | None:
    """'pt_BR', 'pt-br', 'pt', 'pt_PT.UTF-8' → 'pt_BR'; 'en_US' → 'en'; unknown → None."""
    if not code:
        return None
    base = code.split(".")[0].replace("-", "_")
    if base in LANGUAGES:
        return base
    lowered = base.lower()
    for known in LANGUAGES:
        if lowered == known.lower() or lowered.split("_")[0] == known.lower().split("_")[0]:
            return known
    return None


def system_language() -> str:
    for name in QLocale.system().uiLanguages():
        code = normalize_language(name)
        if code is not None:
            return code
    return DEFAULT_LANGUAGE


def current_language() -> str:
    return _current


def qm_path(code: str) -> Path:
    return I18N_DIR / f"{APP_CATALOGUE}_{code}.qm"


def set_language(code: str | None) -> str:
    """Install the translations for `code` (None: the system's) in the running application.
    Returns the code in use; an unknown code raises ValueError listing the known ones."""
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    chosen = system_language() if code is None else normalize_language(code)
    if chosen is None:
        raise ValueError(f"unknown language {code!r}; available: {', '.join(LANGUAGES)}")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if chosen != DEFAULT_LANGUAGE:
        ours = QTranslator(app)
        if not ours.load(str(qm_path(chosen))):
            raise FileNotFoundError(f"translation file {qm_path(chosen)} missing or unreadable")
        # Qt's own strings (standard buttons, file dialogs), where Qt ships them.
        qt_base = QTranslator(app)
        qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt_base.load(f"qtbase_{chosen}", qt_translations):
            app.installTranslator(qt_base)
            _installed.append(qt_base)
        app.installTranslator(ours)
        _installed.append(ours)
    _current = chosen
    locale = QLocale(chosen)
    QLocale.setDefault(locale)
    if isinstance(app, QApplication):
        # Widgets keep the locale they were created with; the open windows take the new one
        # (their children follow), so spin boxes show 0,50 after a switch to Portuguese.
        for widget in app.topLevelWidgets():
            widget.setLocale(locale)
    # Installing/removing a translator posts LanguageChange to every window; deliver it now so
    # that the caller sees the new texts when this returns.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return chosen


def file_dialog_options() -> QFileDialog.Option:
    """Options for QFileDialog's static functions: Qt's own dialog (translated with ours) when
    the interface language is not the system's, whose language a native dialog would show."""
    if current_language() != system_language():
        return QFileDialog.Option.DontUseNativeDialog
    return QFileDialog.Option(0)


def window_title(*parts: str) -> str:
    """'default — CNN Explainer': the parts, then the application's name, once (Qt does not
    append its display name to a title that already ends with it)."""
    return TITLE_SEPARATOR.join([*(p for p in parts if p), APP_NAME])


def tr_args(text: str, *args: Any) -> str:
    """Fill a translated string's %1, %2, … in one pass, as QString::arg does: an argument that
    itself holds "%2" is never substituted again. Keep the `self.tr("…")` literal at the call
    site, so pyside6-lupdate still finds the source string: `tr_args(self.tr("%1 ms"), 2.5)`."""
    return _PLACEHOLDER.sub(
        lambda m: str(args[int(m.group(1)) - 1]) if 0 < int(m.group(1)) <= len(args) else m[0],
        text,
    )


class Retranslatable:
    """Mixin for a QWidget/QObject whose texts follow the interface language: on Qt's
    LanguageChange event it calls `self.retranslate()`. Put it before the Qt base class:
    `class Panel(Retranslatable, QWidget)`; define `retranslate()` and call it once at the end
    of `__init__`."""

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]
