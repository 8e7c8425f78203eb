"""The text of the worked steps: numbers, grids, and each result's `format_steps()` / `summary()`.

Every function here only reads a result (explainer.core.arithmetic.results); none computes a
number the result does not already hold.

The steps are built as data first: a list of `Line`s (an English template with `{name}`
placeholders and the numbers themselves, not their text) and `Grid`s (an array and what to mark).
`StepFormat` turns them into text: this module's one writes English with `fmt` (the command line
and the results' `format_steps`), the window's (explainer.gui.steps) the interface language
with its decimal separator. Each template is marked with QT_TRANSLATE_NOOP("Steps", …), so that
pyside6-lupdate puts it in the GUI's catalogue; the core itself imports no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from explainer.core.text import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from explainer.core.arithmetic.results import (
        Contribution,
        ConvPlan,
        ConvUnitResult,
        CrossEntropyResult,
        FcUnitResult,
        PoolUnitResult,
        SoftmaxResult,
    )

ACTIVATION_FORMULAS = {
    "relu": "max(0, x)",
    "tanh": "tanh(x)",
    "scaled_tanh": "1.7159·tanh(2x/3)",  # SCALED_TANH_A·tanh(SCALED_TANH_S·x); a test checks
    "sigmoid": "1/(1 + e^−x)",
}

LOG_NAMES = {"e": "ln", "10": "log₁₀", "2": "log₂"}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


# ---- numbers ------------------------------------------------------------------------------------


def fmt(x: float) -> str:
    """4 decimals; tiny or huge numbers in scientific notation so they do not print as 0.0000."""
    x = float(x) + 0.0  # + 0.0 turns -0.0 (0 × a negative weight) into 0.0
    if x != 0.0 and (abs(x) < 5e-5 or abs(x) >= 1e7):
        return f"{x:.3e}"
    return f"{x:.4f}"


def probability_text(p: float, number: Callable[[float], str] = fmt) -> str:
    """A probability as `number` writes it; one that rounds to 1 without being 1 as
    "1 − 6.217e-15": beside its loss, "−ln(1.0000) = 6.217e-15" reads as ln 1 ≠ 0."""
    p = float(p)
    shown = number(p)
    if p < 1.0 and shown == number(1.0):
        return f"1 − {number(1.0 - p)}"
    return shown


def _decimal(value: float, places: int) -> str:
    return f"{value:.{places}f}"


def format_grid(
    values: np.ndarray,
    mask: np.ndarray | None = None,
    indent: str = "    ",
    mark: str = "pad",
    number: Callable[[float], str] = fmt,
) -> list[str]:
    """Rows of right-aligned numbers; cells where `mask` is True show `mark` instead."""
    cells = [
        [mark if mask is not None and mask[r, c] else number(v) for c, v in enumerate(row)]
        for r, row in enumerate(np.asarray(values))
    ]
    width = max((len(cell) for row in cells for cell in row), default=1)
    return [indent + " ".join(cell.rjust(width) for cell in row) for row in cells]


def signed_sum(terms: Iterable[float], number: Callable[[float], str] = fmt) -> str:
    """'0.1000 − 0.0293 + 0.0266' rather than '0.1000 + -0.0293 + 0.0266'."""
    text = ""
    for i, term in enumerate(terms):
        if i == 0:
            text = number(term)
        else:
            text += f" − {number(-term)}" if term < 0 else f" + {number(term)}"
    return text


def output_size_formula(
    n: int, f: int, s: int = 1, p: int = 0, decimal: Callable[[float, int], str] = _decimal
) -> str:
    """'(32 + 2·0 − 5)/1 + 1 = 28' (the value with 2 decimals when not whole, written by
    `decimal(value, 2)`: the window passes its locale's)."""
    value = (n + 2 * p - f) / s + 1
    shown = str(int(value)) if value == int(value) else decimal(value, 2)
    return f"({n} + 2·{p} − {f})/{s} + 1 = {shown}"


# ---- steps as data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sci:
    """A number shown in scientific notation with one decimal (a difference like 3.2e-07)."""

    value: float


@dataclass(frozen=True)
class Probability:
    """A probability, shown as probability_text writes it."""

    value: float


@dataclass(frozen=True)
class Terms:
    """Numbers shown as a signed sum: '0.1000 − 0.0293 + 0.0266'."""

    values: tuple[float, ...]


@dataclass(frozen=True)
class Formula:
    """An activation's formula, e.g. 'max(0, x)' (its numbers follow the StepFormat)."""

    activation: str


@dataclass(frozen=True)
class Line:
    """One line of steps: an English template (a msgid of the "Steps" context) and the values
    of its {placeholders}: numbers (float: `number`, int: `integer`), Sci, Terms, Formula,
    another Line, or text shown as it is (names)."""

    template: str
    args: Mapping[str, Any] = field(default_factory=dict)
    indent: str = ""


@dataclass(frozen=True, eq=False)
class Grid:
    """A grid of numbers, one text line per row. Cells where `mask` is True show `mark`; when
    the marked grid's first row is wider than `max_width`, the plain grid is shown instead."""

    values: np.ndarray
    mask: np.ndarray | None = None
    mark: Line | None = None
    indent: str = "    "
    max_width: int | None = None


Step = Line | Grid


def line(template: str, indent: str = "", **args: Any) -> Line:
    return Line(template, args, indent)


class StepFormat:
    """Steps → text, in English with Python's number formatting (the command line's text).

    Subclasses change the language (`template`) and the numbers (`number`, `integer`,
    `decimal`, `scientific`); the layout (grids, signed sums, lines) stays the same."""

    def template(self, text: str) -> str:
        return text

    def number(self, x: float) -> str:
        return fmt(x)

    def integer(self, n: int) -> str:
        return str(int(n))

    def decimal(self, value: float, places: int) -> str:
        return _decimal(value, places)

    def scientific(self, x: float) -> str:
        return f"{x:.1e}"

    def formula(self, activation: str) -> str:
        return ACTIVATION_FORMULAS[activation]

    def value(self, value: Any) -> str:
        if isinstance(value, Line):
            return self.line(value)
        if isinstance(value, Sci):
            return self.scientific(value.value)
        if isinstance(value, Probability):
            return probability_text(value.value, self.number)
        if isinstance(value, Terms):
            return signed_sum(value.values, self.number)
        if isinstance(value, Formula):
            return self.formula(value.activation)
        if isinstance(value, (bool, np.bool_)):
            return str(value)
        if isinstance(value, (int, np.integer)):
            return self.integer(int(value))
        if isinstance(value, (float, np.floating)):
            return self.number(float(value))
        return str(value)

    def line(self, step: Line) -> str:
        args = step.args
        text = _PLACEHOLDER.sub(
            lambda m: self.value(args[m[1]]) if m[1] in args else m[0], self.template(step.template)
        )
        return step.indent + text

    def grid(self, step: Grid) -> list[str]:
        plain = format_grid(step.values, None, step.indent, number=self.number)
        if step.mask is None or step.mark is None:
            return plain
        marked = format_grid(
            step.values, step.mask, step.indent, self.line(step.mark), number=self.number
        )
        if step.max_width is not None and len(marked[0]) > step.max_width:
            return plain
        return marked

    def lines(self, steps: Iterable[Step]) -> list[str]:
        out: list[str] = []
        for step in steps:
            out += self.grid(step) if isinstance(step, Grid) else [self.line(step)]
        return out

    def render(self, steps: Iterable[Step], separator: str = "\n") -> str:
        return separator.join(self.lines(steps))


ENGLISH = StepFormat()


def plural(count: int, singular: str, plural_text: str) -> str:
    """The template for `count` things: singular for exactly 1 (English and Brazilian
    Portuguese agree: 0 takes the plural)."""
    return singular if count == 1 else plural_text


# ---- pieces shared by the kinds of unit ---------------------------------------------------------


def _unit_title(layer: str, index: int, row: int, col: int) -> Line:
    return line(
        QT_TRANSLATE_NOOP("Steps", "{layer}[{index}] at row {row}, col {col}"),
        layer=layer,
        index=index,
        row=row,
        col=col,
    )


def _activation_line(activation: str | None, pre_activation: float, value: float) -> Line:
    if activation is None:
        return line(QT_TRANSLATE_NOOP("Steps", "no activation → {value}"), value=value)
    return line(
        QT_TRANSLATE_NOOP("Steps", "{activation}: {formula} at {pre} → {value}"),
        activation=activation,
        formula=Formula(activation),
        pre=pre_activation,
        value=value,
    )


def _network_line(value: float, network_value: float | None) -> list[Line]:
    if network_value is None:
        return []
    return [
        line(
            QT_TRANSLATE_NOOP("Steps", "the network computed {value} (difference {difference})"),
            value=network_value,
            difference=Sci(abs(value - network_value)),
        )
    ]


def _activation_summary(activation: str | None, value: float) -> Line:
    if activation:
        return line(
            QT_TRANSLATE_NOOP("Steps", "{activation} → {value}"), activation=activation, value=value
        )
    return line(QT_TRANSLATE_NOOP("Steps", "no activation"))


def _bias_line(bias: float, pre_activation: float) -> Line:
    return line(QT_TRANSLATE_NOOP("Steps", "+ bias {bias} = {pre}"), bias=bias, pre=pre_activation)


def _sum_of_products(count: int, total: float, indent: str = "") -> Line:
    template = plural(
        count,
        QT_TRANSLATE_NOOP("Steps", "sum of {count} product = {sum}"),
        QT_TRANSLATE_NOOP("Steps", "sum of {count} products = {sum}"),
    )
    return line(template, indent, count=count, sum=total)


# ---- output size and parameters -----------------------------------------------------------------


def conv_plan_lines(plan: ConvPlan) -> list[Step]:
    return [
        line(
            QT_TRANSLATE_NOOP(
                "Steps",
                "input {height}×{width}×{channels}, {filters} filters of {rows}×{cols}, "
                "stride {stride}, padding {padding}",
            ),
            height=plan.in_height,
            width=plan.in_width,
            channels=plan.in_channels,
            filters=plan.filters,
            rows=plan.kernel[0],
            cols=plan.kernel[1],
            stride=plan.stride[0],
            padding=plan.padding[0],
        ),
        line(QT_TRANSLATE_NOOP("Steps", "output height {formula}"), formula=plan.height_formula),
        line(QT_TRANSLATE_NOOP("Steps", "output width  {formula}"), formula=plan.width_formula),
        line(
            QT_TRANSLATE_NOOP("Steps", "output {height}×{width}×{filters}"),
            height=plan.out_height,
            width=plan.out_width,
            filters=plan.filters,
        ),
        line(
            QT_TRANSLATE_NOOP("Steps", "parameters (F·F·C + 1)·K = {formula}"),
            formula=plan.params_formula,
        ),
    ]


def conv_plan_steps(plan: ConvPlan) -> str:
    return ENGLISH.render(conv_plan_lines(plan))


# ---- convolution --------------------------------------------------------------------------------


def conv_unit_title(unit: ConvUnitResult) -> Line:
    return _unit_title(unit.layer, unit.filter_index, unit.row, unit.col)


def conv_unit_summary_lines(unit: ConvUnitResult) -> list[Step]:
    count = sum(step.products.size for step in unit.channels)
    return [
        line(
            QT_TRANSLATE_NOOP("Steps", "patch ⊙ kernel: {count} products … sum = {sum}"),
            count=count,
            sum=unit.total,
        ),
        _bias_line(unit.bias, unit.pre_activation),
        _activation_summary(unit.activation, unit.value),
    ]


def conv_unit_summary(unit: ConvUnitResult) -> str:
    """One line: 'patch ⊙ kernel: 25 products … sum = 1.2345; + bias 0.1000 = 1.3345; …'."""
    return ENGLISH.render(conv_unit_summary_lines(unit), "; ")


def conv_unit_lines(unit: ConvUnitResult) -> list[Step]:
    fh, fw = unit.kernel_shape
    padded = any(s.is_padding.any() for s in unit.channels)
    window = (
        QT_TRANSLATE_NOOP(
            "Steps", "input rows {top}–{bottom}, cols {left}–{right} (pad = zero padding)"
        )
        if padded
        else QT_TRANSLATE_NOOP("Steps", "input rows {top}–{bottom}, cols {left}–{right}")
    )
    steps: list[Step] = [
        line(
            QT_TRANSLATE_NOOP(
                "Steps", "{title}: {rows}×{cols} kernel, stride {stride}, padding {padding}"
            ),
            title=conv_unit_title(unit),
            rows=fh,
            cols=fw,
            stride=unit.stride[0],
            padding=unit.padding[0],
        ),
        line(
            window,
            top=unit.top,
            bottom=unit.top + fh - 1,
            left=unit.left,
            right=unit.left + fw - 1,
        ),
    ]
    pad_mark = line(QT_TRANSLATE_NOOP("Steps", "pad"))
    for step in unit.channels:
        steps.append(
            line(QT_TRANSLATE_NOOP("Steps", "channel {channel}: patch"), channel=step.channel)
        )
        steps.append(Grid(step.patch, step.is_padding, pad_mark))
        steps.append(line(QT_TRANSLATE_NOOP("Steps", "kernel"), "  "))
        steps.append(Grid(step.kernel))
        steps.append(line(QT_TRANSLATE_NOOP("Steps", "patch ⊙ kernel"), "  "))
        steps.append(Grid(step.products))
        steps.append(_sum_of_products(step.products.size, step.sum, "  "))
    if len(unit.channels) > 1:
        steps.append(
            line(
                QT_TRANSLATE_NOOP("Steps", "sum over {count} channels: {terms} = {total}"),
                count=len(unit.channels),
                terms=Terms(tuple(step.sum for step in unit.channels)),
                total=unit.total,
            )
        )
    steps.append(_bias_line(unit.bias, unit.pre_activation))
    steps.append(_activation_line(unit.activation, unit.pre_activation, unit.value))
    steps += _network_line(unit.value, unit.network_value)
    return steps


def conv_unit_steps(unit: ConvUnitResult) -> str:
    return ENGLISH.render(conv_unit_lines(unit))


# ---- pooling ------------------------------------------------------------------------------------


def pool_unit_title(unit: PoolUnitResult) -> Line:
    return _unit_title(unit.layer, unit.channel, unit.row, unit.col)


def pool_unit_summary_lines(unit: PoolUnitResult) -> list[Step]:
    count = unit.window.size
    if unit.kind == "max":
        return [
            line(
                QT_TRANSLATE_NOOP(
                    "Steps", "max of {count} values = {value} at input row {row}, col {col}"
                ),
                count=count,
                value=unit.value,
                row=unit.winner[0],  # type: ignore[index]
                col=unit.winner[1],  # type: ignore[index]
            )
        ]
    return [
        line(
            QT_TRANSLATE_NOOP("Steps", "mean of {count} values: {total}/{count} = {value}"),
            count=count,
            total=unit.total,
            value=unit.value,
        )
    ]


def pool_unit_summary(unit: PoolUnitResult) -> str:
    return ENGLISH.render(pool_unit_summary_lines(unit), "; ")


def pool_unit_lines(unit: PoolUnitResult) -> list[Step]:
    h, w = unit.size
    header = (
        QT_TRANSLATE_NOOP("Steps", "{title}: max pooling {rows}×{cols}, stride {stride}")
        if unit.kind == "max"
        else QT_TRANSLATE_NOOP("Steps", "{title}: avg pooling {rows}×{cols}, stride {stride}")
    )
    steps: list[Step] = [
        line(header, title=pool_unit_title(unit), rows=h, cols=w, stride=unit.stride[0]),
        line(
            QT_TRANSLATE_NOOP("Steps", "window: input rows {top}–{bottom}, cols {left}–{right}"),
            top=unit.top,
            bottom=unit.top + h - 1,
            left=unit.left,
            right=unit.left + w - 1,
        ),
    ]
    if unit.kind == "max":
        mask = np.zeros(unit.window.shape, dtype=bool)
        wr, wc = unit.winner_in_window  # type: ignore[misc]
        mask[wr, wc] = True
        mark = line(QT_TRANSLATE_NOOP("Steps", "[{value}]"), value=unit.value)
        steps.append(Grid(unit.window, mask, mark, max_width=100))
        steps.append(
            line(
                QT_TRANSLATE_NOOP(
                    "Steps",
                    "max = {value} at input row {row}, col {col} (window row {window_row}, "
                    "col {window_col})",
                ),
                value=unit.value,
                row=unit.winner[0],  # type: ignore[index]
                col=unit.winner[1],  # type: ignore[index]
                window_row=wr,
                window_col=wc,
            )
        )
    else:
        steps.append(Grid(unit.window))
        steps.append(
            line(
                QT_TRANSLATE_NOOP("Steps", "sum = {total}; mean = {total}/{count} = {value}"),
                total=unit.total,
                count=unit.window.size,
                value=unit.value,
            )
        )
    steps += _network_line(unit.value, unit.network_value)
    return steps


def pool_unit_steps(unit: PoolUnitResult) -> str:
    return ENGLISH.render(pool_unit_lines(unit))


# ---- fully connected ----------------------------------------------------------------------------


def contribution_line(contribution: Contribution, indent: str = "") -> Line:
    c = contribution
    return line(
        QT_TRANSLATE_NOOP("Steps", "{label}: {input} × {weight} = {product}"),
        indent,
        label=c.label,
        input=c.input,
        weight=c.weight,
        product=c.product,
    )


def contribution_text(contribution: Contribution) -> str:
    return ENGLISH.line(contribution_line(contribution))


def fc_unit_summary_lines(unit: FcUnitResult) -> list[Step]:
    return [
        line(
            QT_TRANSLATE_NOOP("Steps", "inputs ⊙ weights: {count} products … sum = {sum}"),
            count=unit.products.size,
            sum=unit.total,
        ),
        _bias_line(unit.bias, unit.pre_activation),
        _activation_summary(unit.activation, unit.value),
    ]


def fc_unit_summary(unit: FcUnitResult) -> str:
    return ENGLISH.render(fc_unit_summary_lines(unit), "; ")


def fc_unit_lines(unit: FcUnitResult, k: int = 5) -> list[Step]:
    count = unit.products.size
    steps: list[Step] = [
        line(
            QT_TRANSLATE_NOOP("Steps", "{title}: {count} inputs × weights"),
            title=unit.title,
            count=count,
        )
    ]
    positive = unit.top_contributions(k, "positive")
    negative = unit.top_contributions(k, "negative")
    if positive:
        steps.append(
            line(
                QT_TRANSLATE_NOOP("Steps", "largest positive contributions ({count}):"),
                count=len(positive),
            )
        )
        steps += [contribution_line(c, "  ") for c in positive]
    if negative:
        steps.append(
            line(
                QT_TRANSLATE_NOOP("Steps", "largest negative contributions ({count}):"),
                count=len(negative),
            )
        )
        steps += [contribution_line(c, "  ") for c in negative]
    zero = int(np.count_nonzero(unit.products == 0))
    if zero:
        template = plural(
            zero,
            QT_TRANSLATE_NOOP("Steps", "{count} product is 0 (a 0 input or weight)"),
            QT_TRANSLATE_NOOP("Steps", "{count} products are 0 (a 0 input or weight)"),
        )
        steps.append(line(template, count=zero))
    steps.append(_sum_of_products(count, unit.total))
    steps.append(_bias_line(unit.bias, unit.pre_activation))
    steps.append(_activation_line(unit.activation, unit.pre_activation, unit.value))
    steps += _network_line(unit.value, unit.network_value)
    return steps


def fc_unit_steps(unit: FcUnitResult, k: int = 5) -> str:
    return ENGLISH.render(fc_unit_lines(unit, k))


# ---- softmax and cross-entropy ------------------------------------------------------------------


def softmax_lines(result: SoftmaxResult, class_names: Sequence[str] | None = None) -> list[Step]:
    """The steps of the softmax; `class_names` (default: the result's) are the names shown."""
    names = list(class_names) if class_names is not None else list(result.class_names)
    n = result.logits.size
    steps: list[Step] = [
        line(QT_TRANSLATE_NOOP("Steps", "softmax of {count} logits"), count=n),
        line(
            QT_TRANSLATE_NOOP(
                "Steps", "1. subtract the largest logit, {max}, from each (avoids overflow)"
            ),
            max=result.max_logit,
        ),
        line(QT_TRANSLATE_NOOP("Steps", "2. exp of each")),
        line(
            QT_TRANSLATE_NOOP("Steps", "3. sum of the {count} exps = {sum}"),
            count=n,
            sum=result.sum_exp,
        ),
        line(QT_TRANSLATE_NOOP("Steps", "4. divide each exp by that sum")),
    ]
    width = max(len(name) for name in names)
    for i in range(n):
        steps.append(
            line(
                QT_TRANSLATE_NOOP(
                    "Steps",
                    "{name}: {logit} − {max} = {shifted} → exp {exp} → /{sum} = {prob}{mark}",
                ),
                "  ",
                name=names[i].rjust(width),
                logit=float(result.logits[i]),
                max=result.max_logit,
                shifted=float(result.shifted[i]),
                exp=float(result.exps[i]),
                sum=result.sum_exp,
                prob=float(result.probs[i]),
                mark="  ←" if i == result.focus else "",
            )
        )
    steps.append(
        line(
            QT_TRANSLATE_NOOP("Steps", "the probabilities sum to {sum}"),
            sum=float(result.probs.sum()),
        )
    )
    if result.value is not None:
        steps += _network_line(result.value, result.network_value)
    return steps


def softmax_text(result: SoftmaxResult) -> str:
    return ENGLISH.render(softmax_lines(result))


def cross_entropy_lines(
    result: CrossEntropyResult, class_names: Sequence[str] | None = None
) -> list[Step]:
    names = list(class_names) if class_names is not None else list(result.softmax.class_names)
    name = names[result.target]
    log = LOG_NAMES[result.log_base]
    header = (
        QT_TRANSLATE_NOOP(
            "Steps",
            "cross-entropy for true class {name} (index {index}), logarithm base e (natural)",
        )
        if result.log_base == "e"
        else QT_TRANSLATE_NOOP(
            "Steps", "cross-entropy for true class {name} (index {index}), logarithm base {base}"
        )
    )
    steps: list[Step] = [
        line(header, name=name, index=result.target, base=result.log_base),
        line(
            QT_TRANSLATE_NOOP("Steps", "loss = −{log}(p[{name}]) = −{log}({prob}) = {loss}"),
            log=log,
            name=name,
            prob=Probability(result.prob),
            loss=result.loss,
        ),
    ]
    if result.log_base != "e":
        steps.append(
            line(
                QT_TRANSLATE_NOOP("Steps", "(= natural-log loss {loss} / ln {base})"),
                loss=result.natural_loss,
                base=result.log_base,
            )
        )
    return steps


def cross_entropy_text(result: CrossEntropyResult) -> str:
    return ENGLISH.render(cross_entropy_lines(result))
