"""Interface language: English source strings, Brazilian Portuguese from explainer/i18n/*.qm.

Switching installs another QTranslator; Qt then sends every widget a LanguageChange event and
each widget retranslates itself (its `retranslate`, see Retranslatable), so the switch happens
live.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
APP_CATALOGUE = "cnn_explainer"
# code → the language's own name (shown untranslated in the Language menu, as is the custom).
LANGUAGES: dict[str, str] = {"en": "English", "pt_BR": "Português (Brasil)"}
DEFAULT_LANGUAGE = "en"

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
    QLocale.setDefault(QLocale(chosen))
    # Installing/removing a translator posts LanguageChange to every window; deliver it now so
    # that the caller sees the new texts when this returns.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return chosen


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
