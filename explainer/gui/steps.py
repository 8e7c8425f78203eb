"""The core's worked steps in the interface language.

The core builds the steps as data (explainer.core.arithmetic.formatting: Line, Grid, with the
numbers themselves) and writes them in English for the command line. `InterfaceSteps` writes
the same steps with each template translated (context "Steps", where pyside6-lupdate found
them) and every number in the interface's format (explainer.gui.numbers): "soma de 25 produtos
= 0,1234" in Portuguese.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from explainer.core.arithmetic.formatting import Step, StepFormat
from explainer.gui import names, numbers

STEPS_CONTEXT = "Steps"


class InterfaceSteps(StepFormat):
    """A StepFormat for the window: translated templates, the locale's numbers."""

    def template(self, text: str) -> str:
        return QCoreApplication.translate(STEPS_CONTEXT, text)

    def number(self, x: float) -> str:
        return numbers.number(x)

    def integer(self, n: int) -> str:
        return str(int(n))

    def decimal(self, value: float, places: int) -> str:
        return numbers.decimal(value, places)

    def scientific(self, x: float) -> str:
        return numbers.scientific(x, 1)

    def formula(self, activation: str) -> str:
        return names.activation_formula(activation)


def render_steps(steps: Iterable[Step]) -> str:
    """The steps of a result (`result.steps()`) as the window shows them."""
    return InterfaceSteps().render(steps)
