"""Numbers as the interface language writes them: one module for every number the window shows.

English writes 0.1007 and 98.70%, Brazilian Portuguese 0,1007 and 98,70%. `explainer.gui.i18n`
sets QLocale's default to the interface language; every function here formats through it, so a
grid, a table, a colour bar, a hover value, a guess, an evaluation and the playground never
mix conventions. Decimals carry no digit grouping (a grid cell stays narrow: 1234.5000);
counts do (12,100 / 12.100). Where there is no locale (the bare "C" locale of a system without
one) Python's English formatting is used.

The Qt-free core formats in English for the command line (explainer.core.arithmetic.fmt); the
window uses these instead, and `StepFormat` subclasses take them for the worked steps.
"""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QLocale

from explainer.core.arithmetic.formatting import fmt as english_fmt


def interface_locale() -> QLocale | None:
    """The interface language's locale (i18n sets it as the default); None for the "C"
    locale, where Python's formatting is used."""
    locale = QLocale()
    return None if locale.language() == QLocale.Language.C else locale


def _plain(locale: QLocale) -> QLocale:
    plain = QLocale(locale)
    plain.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return plain


def decimal_point() -> str:
    locale = interface_locale()
    return "." if locale is None else locale.decimalPoint()


def decimal(value: float, places: int) -> str:
    """98.70 / 98,70: `places` decimals, no digit grouping."""
    value = float(value) + 0.0  # -0.0 → 0.0
    locale = interface_locale()
    if locale is None:
        return f"{value:.{places}f}"
    return _plain(locale).toString(value, "f", places)


def epochs(value: float) -> str:
    """How far training went, in epochs: "100" at a whole epoch (not "100.00"), "2.37" within
    one."""
    if abs(value - round(value)) < 5e-3:
        return thousands(round(value))
    return decimal(value, 2)


def whole_numbers(values: tuple[int, ...] | list[int]) -> str:
    """A list of counts: "120, 100" in English, "120; 100" in Portuguese, where "120,100"
    reads as one hundred and twenty point one."""
    separator = "; " if decimal_point() == "," else ", "
    return separator.join(str(int(v)) for v in values)


def parse_whole_numbers(text: str) -> tuple[int, ...]:
    """ "120, 100", "120; 100", "120 100", "120,100" → (120, 100); ValueError when a part is
    not a whole number."""
    return tuple(int(part) for part in re.split(r"[\s,;]+", text.strip()) if part)


def thousands(n: int) -> str:
    """12,100 in English, 12.100 in Portuguese: a count with the language's digit grouping."""
    locale = interface_locale()
    return f"{int(n):,}" if locale is None else locale.toString(int(n))


def scientific(value: float, places: int) -> str:
    """1.000e-09 / 1,000e-09."""
    value = float(value) + 0.0
    locale = interface_locale()
    if locale is None:
        return f"{value:.{places}e}"
    return _plain(locale).toString(value, "e", places)


def significant(value: float, digits: int = 2) -> str:
    """Python's `.2g` in the language: 1.7 / 1,7; 0.00012; 1.2e+04."""
    value = float(value) + 0.0
    text = f"{value:.{digits}g}"
    return text.replace(".", decimal_point()) if decimal_point() != "." else text


def number(value: float) -> str:
    """The arithmetic's number (the same rule as explainer.core.arithmetic.fmt): 4 decimals,
    tiny or huge numbers in scientific notation so they do not print as 0.0000."""
    value = float(value) + 0.0
    if value != 0.0 and math.isfinite(value) and (abs(value) < 5e-5 or abs(value) >= 1e7):
        return scientific(value, 3)
    if not math.isfinite(value):
        return english_fmt(value)
    return decimal(value, 4)


def short(value: float) -> str:
    """A hovered value: 3 decimals, or 4 significant digits from 1000 on."""
    value = float(value)
    return decimal(value, 3) if abs(value) < 1000 else significant(value, 4)


def percent(fraction: float, places: int = 1) -> str:
    """0.9712 → '97.1%' / '97,1%'."""
    return decimal(fraction * 100, places) + "%"


def compact(value: float) -> str:
    """'3' for whole numbers, '0.25' / '0,25' otherwise (at most 4 decimals): a number a
    person typed, shown back as short as it can be."""
    value = float(value) + 0.0
    if value != 0.0 and (abs(value) < 5e-5 or abs(value) >= 1e7):
        return significant(value, 4)  # -4e-05, not "-0"; 1e+20, not 21 digits in a cell
    if value == round(value):
        return str(int(round(value)))
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text.replace(".", decimal_point())


def localise_axis(axis) -> None:  # noqa: ANN001 (a pyqtgraph AxisItem)
    """Make a pyqtgraph axis write its tick numbers with the interface's decimal mark (it
    formats them with Python's, in English): 0,2 0,4 0,6 in Portuguese."""
    original = axis.tickStrings

    def tick_strings(values, scale, spacing):  # noqa: ANN001, ANN202 (pyqtgraph's signature)
        point = decimal_point()
        strings = original(values, scale, spacing)
        return strings if point == "." else [text.replace(".", point) for text in strings]

    axis.tickStrings = tick_strings
    axis.picture = None  # drawn again with the new strings


def parse(text: str) -> float:
    """A typed number: the language's form (0,5 in Portuguese) or the point form (0.5), which
    every keyboard can type. Raises ValueError for anything else."""
    stripped = text.strip().replace("−", "-")  # the minus sign the steps print
    locale = interface_locale()
    if locale is not None:
        strict = QLocale(locale)
        # "1.5" in Portuguese is not 15 (a group separator): it falls through to the point form.
        strict.setNumberOptions(QLocale.NumberOption.RejectGroupSeparator)
        value, ok = strict.toDouble(stripped)
        if ok:
            return value
    # A lone comma is a decimal comma whatever the language (a Brazilian keyboard types 0,5).
    if stripped.count(",") == 1 and "." not in stripped:
        stripped = stripped.replace(",", ".")
    return float(stripped)
