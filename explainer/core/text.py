"""Marking the core's user-visible text for translation without importing Qt.

`QT_TRANSLATE_NOOP("Steps", "sum of {count} products = {sum}")` returns its text unchanged: the
command line prints the English. pyside6-lupdate finds these calls by name (it reads the source,
it does not import it), so the strings land in the GUI's .ts catalogue and the window shows them
with `QCoreApplication.translate(context, text)` (explainer.gui.steps).
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (Qt's name: lupdate looks for it)
    """`text` as it is; the call marks it as a message of `context` for pyside6-lupdate."""
    return text
