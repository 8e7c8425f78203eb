"""The text of the worked steps: numbers, grids, and each result's `format_steps()` / `summary()`.

Every function here only reads a result (explainer.core.arithmetic.results); none computes a
number the result does not already hold. The results' `format_steps`, `summary` and `describe`
methods call these, so the command line and the window print the same text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

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


# ---- numbers ------------------------------------------------------------------------------------


def fmt(x: float) -> str:
    """4 decimals; tiny or huge numbers in scientific notation so they do not print as 0.0000."""
    x = float(x) + 0.0  # + 0.0 turns -0.0 (0 × a negative weight) into 0.0
    if x != 0.0 and (abs(x) < 5e-5 or abs(x) >= 1e7):
        return f"{x:.3e}"
    return f"{x:.4f}"


def format_grid(
    values: np.ndarray, mask: np.ndarray | None = None, indent: str = "    ", mark: str = "pad"
) -> list[str]:
    """Rows of right-aligned numbers; cells where `mask` is True show `mark` instead."""
    cells = [
        [mark if mask is not None and mask[r, c] else fmt(v) for c, v in enumerate(row)]
        for r, row in enumerate(np.asarray(values))
    ]
    width = max((len(cell) for row in cells for cell in row), default=1)
    return [indent + " ".join(cell.rjust(width) for cell in row) for row in cells]


def signed_sum(terms: Iterable[float]) -> str:
    """'0.1000 − 0.0293 + 0.0266' rather than '0.1000 + -0.0293 + 0.0266'."""
    text = ""
    for i, term in enumerate(terms):
        if i == 0:
            text = fmt(term)
        else:
            text += f" − {fmt(-term)}" if term < 0 else f" + {fmt(term)}"
    return text


def output_size_formula(n: int, f: int, s: int = 1, p: int = 0) -> str:
    """'(32 + 2·0 − 5)/1 + 1 = 28' (the value with 2 decimals when not whole)."""
    value = (n + 2 * p - f) / s + 1
    shown = f"{value:.0f}" if value == int(value) else f"{value:.2f}"
    return f"({n} + 2·{p} − {f})/{s} + 1 = {shown}"


def _activation_line(activation: str | None, pre_activation: float, value: float) -> str:
    if activation is None:
        return f"no activation → {fmt(value)}"
    formula = ACTIVATION_FORMULAS[activation]
    return f"{activation}: {formula} at {fmt(pre_activation)} → {fmt(value)}"


def _network_line(value: float, network_value: float | None) -> list[str]:
    if network_value is None:
        return []
    diff = abs(value - network_value)
    return [f"the network computed {fmt(network_value)} (difference {diff:.1e})"]


def _activation_summary(activation: str | None, value: float) -> str:
    return f"{activation} → {fmt(value)}" if activation else "no activation"


# ---- output size and parameters -----------------------------------------------------------------


def conv_plan_steps(plan: ConvPlan) -> str:
    return "\n".join(
        [
            f"input {plan.in_height}×{plan.in_width}×{plan.in_channels}, "
            f"{plan.filters} filters "
            f"of {plan.kernel[0]}×{plan.kernel[1]}, stride {plan.stride[0]}, "
            f"padding {plan.padding[0]}",
            f"output height {plan.height_formula}",
            f"output width  {plan.width_formula}",
            f"output {plan.out_height}×{plan.out_width}×{plan.filters}",
            f"parameters (F·F·C + 1)·K = {plan.params_formula}",
        ]
    )


# ---- convolution --------------------------------------------------------------------------------


def conv_unit_summary(unit: ConvUnitResult) -> str:
    """One line: 'patch ⊙ kernel: 25 products … sum = 1.2345; + bias 0.1000 = 1.3345; …'."""
    count = sum(step.products.size for step in unit.channels)
    return (
        f"patch ⊙ kernel: {count} products … sum = {fmt(unit.total)}; "
        f"+ bias {fmt(unit.bias)} = {fmt(unit.pre_activation)}; "
        f"{_activation_summary(unit.activation, unit.value)}"
    )


def conv_unit_steps(unit: ConvUnitResult) -> str:
    fh, fw = unit.kernel_shape
    lines = [
        f"{unit.title}: {fh}×{fw} kernel, stride {unit.stride[0]}, padding {unit.padding[0]}",
        f"input rows {unit.top}–{unit.top + fh - 1}, cols {unit.left}–{unit.left + fw - 1}"
        + (" (pad = zero padding)" if any(s.is_padding.any() for s in unit.channels) else ""),
    ]
    for step in unit.channels:
        lines.append(f"channel {step.channel}: patch")
        lines += format_grid(step.patch, step.is_padding)
        lines.append("  kernel")
        lines += format_grid(step.kernel)
        lines.append("  patch ⊙ kernel")
        lines += format_grid(step.products)
        lines.append(f"  sum of {step.products.size} products = {fmt(step.sum)}")
    if len(unit.channels) > 1:
        sums = signed_sum(step.sum for step in unit.channels)
        lines.append(f"sum over {len(unit.channels)} channels: {sums} = {fmt(unit.total)}")
    lines.append(f"+ bias {fmt(unit.bias)} = {fmt(unit.pre_activation)}")
    lines.append(_activation_line(unit.activation, unit.pre_activation, unit.value))
    lines += _network_line(unit.value, unit.network_value)
    return "\n".join(lines)


# ---- pooling ------------------------------------------------------------------------------------


def pool_unit_summary(unit: PoolUnitResult) -> str:
    if unit.kind == "max":
        return (
            f"max of {unit.window.size} values = {fmt(unit.value)} "
            f"at input row {unit.winner[0]}, col {unit.winner[1]}"  # type: ignore[index]
        )
    count = unit.window.size
    return f"mean of {count} values: {fmt(unit.total)}/{count} = {fmt(unit.value)}"


def pool_unit_steps(unit: PoolUnitResult) -> str:
    h, w = unit.size
    lines = [
        f"{unit.title}: {unit.kind} pooling {h}×{w}, stride {unit.stride[0]}",
        f"window: input rows {unit.top}–{unit.top + h - 1}, cols {unit.left}–{unit.left + w - 1}",
    ]
    if unit.kind == "max":
        mask = np.zeros(unit.window.shape, dtype=bool)
        wr, wc = unit.winner_in_window  # type: ignore[misc]
        mask[wr, wc] = True
        grid = format_grid(unit.window)
        marked = format_grid(unit.window, mask, mark="[" + fmt(unit.value) + "]")
        lines += marked if len(marked[0]) <= 100 else grid
        lines.append(
            f"max = {fmt(unit.value)} at input row {unit.winner[0]}, "  # type: ignore[index]
            f"col {unit.winner[1]} (window row {wr}, col {wc})"
        )
    else:
        lines += format_grid(unit.window)
        lines.append(
            f"sum = {fmt(unit.total)}; mean = {fmt(unit.total)}/{unit.window.size} "
            f"= {fmt(unit.value)}"
        )
    lines += _network_line(unit.value, unit.network_value)
    return "\n".join(lines)


# ---- fully connected ----------------------------------------------------------------------------


def contribution_text(contribution: Contribution) -> str:
    c = contribution
    return f"{c.label}: {fmt(c.input)} × {fmt(c.weight)} = {fmt(c.product)}"


def fc_unit_summary(unit: FcUnitResult) -> str:
    return (
        f"inputs ⊙ weights: {unit.products.size} products … sum = {fmt(unit.total)}; "
        f"+ bias {fmt(unit.bias)} = {fmt(unit.pre_activation)}; "
        f"{_activation_summary(unit.activation, unit.value)}"
    )


def fc_unit_steps(unit: FcUnitResult, k: int = 5) -> str:
    lines = [f"{unit.title}: {unit.products.size} inputs × weights"]
    positive = unit.top_contributions(k, "positive")
    negative = unit.top_contributions(k, "negative")
    if positive:
        lines.append(f"largest positive contributions ({len(positive)}):")
        lines += [f"  {contribution_text(c)}" for c in positive]
    if negative:
        lines.append(f"largest negative contributions ({len(negative)}):")
        lines += [f"  {contribution_text(c)}" for c in negative]
    zero = int(np.count_nonzero(unit.products == 0))
    if zero:
        lines.append(f"{zero} products are 0 (a 0 input or weight)")
    lines.append(f"sum of {unit.products.size} products = {fmt(unit.total)}")
    lines.append(f"+ bias {fmt(unit.bias)} = {fmt(unit.pre_activation)}")
    lines.append(_activation_line(unit.activation, unit.pre_activation, unit.value))
    lines += _network_line(unit.value, unit.network_value)
    return "\n".join(lines)


# ---- softmax and cross-entropy ------------------------------------------------------------------


def softmax_text(result: SoftmaxResult) -> str:
    n = result.logits.size
    lines = [
        f"softmax of {n} logits",
        f"1. subtract the largest logit, {fmt(result.max_logit)}, from each (avoids overflow)",
        "2. exp of each",
        f"3. sum of the {n} exps = {fmt(result.sum_exp)}",
        "4. divide each exp by that sum",
    ]
    width = max(len(name) for name in result.class_names)
    for i in range(n):
        mark = "  ←" if i == result.focus else ""
        lines.append(
            f"  {result.class_names[i].rjust(width)}: {fmt(result.logits[i])} "
            f"− {fmt(result.max_logit)} = {fmt(result.shifted[i])} → exp {fmt(result.exps[i])} "
            f"→ /{fmt(result.sum_exp)}"
            f" = {fmt(result.probs[i])}{mark}"
        )
    lines.append(f"the probabilities sum to {fmt(result.probs.sum())}")
    if result.value is not None:
        lines += _network_line(result.value, result.network_value)
    return "\n".join(lines)


def cross_entropy_text(result: CrossEntropyResult) -> str:
    name = result.softmax.class_names[result.target]
    log = LOG_NAMES[result.log_base]
    lines = [
        f"cross-entropy for true class {name} (index {result.target}), logarithm base "
        f"{'e (natural)' if result.log_base == 'e' else result.log_base}",
        f"loss = −{log}(p[{name}]) = −{log}({fmt(result.prob)}) = {fmt(result.loss)}",
    ]
    if result.log_base != "e":
        lines.append(f"(= natural-log loss {fmt(result.natural_loss)} / ln {result.log_base})")
    return "\n".join(lines)
