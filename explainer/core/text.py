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


# ---- text from files, shown on a terminal or in the window ---------------------------------------
# Characters kept as they are: everything printable, and the line breaks and tabs of a message.
_KEPT_CONTROLS = "\n\t"


def printable(text: object, limit: int = 0, keep: str = _KEPT_CONTROLS) -> str:
    """`text` with every control or format character (a terminal escape ``\\x1b[31m``, a
    carriage return, a right-to-left override) written as its escape, so that a name read from
    a file cannot recolour, move or rewrite what a terminal shows; at most `limit` characters
    (0: no limit), the rest replaced by "…"."""
    text = str(text)
    if limit and len(text) > limit:
        text = text[: max(limit - 1, 0)] + "…"
    if text.isprintable():  # False for control (Cc), format (Cf) and separator characters
        return text
    out = []
    for char in text:
        if char in keep or char.isprintable():
            out.append(char)
        else:
            out.append(char.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def number_text(value: object) -> str:
    """A number for a message, however large: a 5,000-digit integer (which Python refuses to
    turn into text) is "a 5000-digit integer"; others as repr, at most 40 characters."""
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        if abs(value) >= 10**30:
            digits = int(abs(value).bit_length() * 0.30103) + 1  # log10(2) per bit
            return f"a {'negative ' if value < 0 else ''}~{digits}-digit integer"
        return str(value)
    try:
        text = repr(value)
    except ValueError:  # e.g. a numpy object holding a huge integer
        return f"a {type(value).__name__}"
    return text if len(text) <= 40 else text[:39] + "…"
