"""The arithmetic dock: every number of the selected unit, and a stepper that slides the window.

- widgets: the number grids, map images, stepper and summary table, and the ResultPage base;
- conv_page, pool_page, fc_page: one ResultPage per kind of layer (the middle of the unit tab);
- softmax_page: the softmax and loss tab;
- view: ArithmeticView, the tabs, the state subscriptions and the stepping;
- dock: ArithmeticDock and install_arithmetic_dock, for the main window.
"""

from explainer.gui.arithmetic.dock import ArithmeticDock, install_arithmetic_dock
from explainer.gui.arithmetic.softmax_page import GUESS_ROW_COLOUR, TRUE_ROW_COLOUR
from explainer.gui.arithmetic.view import ArithmeticView

__all__ = [
    "GUESS_ROW_COLOUR",
    "TRUE_ROW_COLOUR",
    "ArithmeticDock",
    "ArithmeticView",
    "install_arithmetic_dock",
]
