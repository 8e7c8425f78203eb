"""What the operations return: one frozen dataclass per kind of step, holding every intermediate
number (patch, kernel, products, sums, bias, activation ...), with `to_dict()` for JSON.

Their text (`format_steps()`, `summary()`) is written by explainer.core.arithmetic.formatting;
the numbers are computed by explainer.core.arithmetic.operations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from explainer.core.arithmetic import formatting
from explainer.core.errors import ExplainerError

# ---- output size and parameter count ------------------------------------------------------------


@dataclass(frozen=True)
class ConvPlan:
    """Sizes of one convolution layer: what the `params` command and the playground show."""

    in_height: int
    in_width: int
    in_channels: int
    filters: int
    kernel: tuple[int, int]
    stride: tuple[int, int]
    padding: tuple[int, int]
    out_height: int
    out_width: int
    height_formula: str
    width_formula: str
    params: int
    params_formula: str

    @property
    def output_shape(self) -> tuple[int, int, int]:
        """(H, W, K) as in the course's H×W×C notation."""
        return (self.out_height, self.out_width, self.filters)

    def steps(self) -> list[formatting.Step]:
        """The steps as data (formatting.Line / Grid), for a StepFormat to write out."""
        return formatting.conv_plan_lines(self)

    def format_steps(self) -> str:
        return formatting.conv_plan_steps(self)

    __str__ = format_steps


# ---- convolution --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ConvChannelStep:
    """One input channel's share of a convolution unit."""

    channel: int
    patch: np.ndarray  # (Fh, Fw) input values under the kernel; 0 where it lies on the padding
    is_padding: np.ndarray  # (Fh, Fw) bool: True where the kernel hangs over the zero padding
    kernel: np.ndarray  # (Fh, Fw)
    products: np.ndarray  # patch ⊙ kernel
    sum: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "channel": self.channel,
            "patch": self.patch.tolist(),
            "is_padding": self.is_padding.tolist(),
            "kernel": self.kernel.tolist(),
            "products": self.products.tolist(),
            "sum": self.sum,
        }


@dataclass(frozen=True, eq=False)
class ConvUnitResult:
    """Every number of one convolution output unit: output[filter, row, col]."""

    layer: str
    filter_index: int
    row: int
    col: int
    stride: tuple[int, int]
    padding: tuple[int, int]
    top: int  # input row under the kernel's top-left cell (negative: in the padding)
    left: int
    channels: tuple[ConvChannelStep, ...]
    total: float
    bias: float
    pre_activation: float
    activation: str | None
    value: float
    network_value: float | None = None

    @property
    def kernel_shape(self) -> tuple[int, int]:
        return self.channels[0].kernel.shape  # type: ignore[return-value]

    @property
    def title(self) -> str:
        return formatting.ENGLISH.line(formatting.conv_unit_title(self))

    def summary(self) -> str:
        """One line: 'patch ⊙ kernel: 25 products … sum = 1.2345; + bias 0.1000 = 1.3345; …'."""
        return formatting.conv_unit_summary(self)

    def steps(self) -> list[formatting.Step]:
        """The steps as data (formatting.Line / Grid), for a StepFormat to write out."""
        return formatting.conv_unit_lines(self)

    def format_steps(self) -> str:
        return formatting.conv_unit_steps(self)

    __str__ = format_steps

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "conv",
            "layer": self.layer,
            "filter": self.filter_index,
            "row": self.row,
            "col": self.col,
            "stride": list(self.stride),
            "padding": list(self.padding),
            "top": self.top,
            "left": self.left,
            "channels": [step.to_dict() for step in self.channels],
            "total": self.total,
            "bias": self.bias,
            "pre_activation": self.pre_activation,
            "activation": self.activation,
            "value": self.value,
            "network_value": self.network_value,
        }


# ---- pooling ------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class PoolUnitResult:
    """One pooling output unit: its window, and the max (with where it is) or the mean."""

    layer: str
    kind: str
    channel: int
    row: int
    col: int
    size: tuple[int, int]
    stride: tuple[int, int]
    top: int
    left: int
    window: np.ndarray
    winner: tuple[int, int] | None  # input (row, col) of the max; None for avg
    total: float  # sum of the window (avg only uses it)
    value: float
    network_value: float | None = None

    @property
    def winner_in_window(self) -> tuple[int, int] | None:
        if self.winner is None:
            return None
        return self.winner[0] - self.top, self.winner[1] - self.left

    @property
    def title(self) -> str:
        return formatting.ENGLISH.line(formatting.pool_unit_title(self))

    def summary(self) -> str:
        return formatting.pool_unit_summary(self)

    def steps(self) -> list[formatting.Step]:
        return formatting.pool_unit_lines(self)

    def format_steps(self) -> str:
        return formatting.pool_unit_steps(self)

    __str__ = format_steps

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": f"{self.kind}_pool",
            "layer": self.layer,
            "channel": self.channel,
            "row": self.row,
            "col": self.col,
            "size": list(self.size),
            "stride": list(self.stride),
            "top": self.top,
            "left": self.left,
            "window": self.window.tolist(),
            "winner": list(self.winner) if self.winner else None,
            "total": self.total,
            "value": self.value,
            "network_value": self.network_value,
        }


# ---- fully connected ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    index: int
    label: str
    input: float
    weight: float
    product: float

    def describe(self) -> str:
        return formatting.contribution_text(self)


@dataclass(frozen=True, eq=False)
class FcUnitResult:
    """One fully connected unit: Σ inputs × weights + bias, then the activation."""

    layer: str
    unit: int
    inputs: np.ndarray
    weights: np.ndarray
    products: np.ndarray
    total: float
    bias: float
    pre_activation: float
    activation: str | None
    value: float
    input_labels: tuple[str, ...] | None = None
    network_value: float | None = None

    @property
    def title(self) -> str:
        return f"{self.layer}[{self.unit}]"

    def label(self, index: int) -> str:
        return self.input_labels[index] if self.input_labels else f"input {index}"

    def top_contributions(
        self, k: int = 5, by: Literal["abs", "positive", "negative"] = "abs"
    ) -> list[Contribution]:
        """The k largest products by |product|, or the most positive / most negative ones."""
        if by == "abs":
            order = np.argsort(-np.abs(self.products), kind="stable")
        elif by == "positive":
            order = [i for i in np.argsort(-self.products, kind="stable") if self.products[i] > 0]
        elif by == "negative":
            order = [i for i in np.argsort(self.products, kind="stable") if self.products[i] < 0]
        else:
            raise ExplainerError(f"sort contributions by abs, positive or negative, not {by!r}")
        return [
            Contribution(
                int(i),
                self.label(int(i)),
                float(self.inputs[i]),
                float(self.weights[i]),
                float(self.products[i]),
            )
            for i in list(order)[:k]
        ]

    def summary(self) -> str:
        return formatting.fc_unit_summary(self)

    def steps(self, k: int = 5) -> list[formatting.Step]:
        return formatting.fc_unit_lines(self, k)

    def format_steps(self, k: int = 5) -> str:
        return formatting.fc_unit_steps(self, k)

    def __str__(self) -> str:
        return self.format_steps()

    def to_dict(self, k: int = 10) -> dict[str, Any]:
        return {
            "kind": "fc",
            "layer": self.layer,
            "unit": self.unit,
            "inputs": self.inputs.tolist(),
            "weights": self.weights.tolist(),
            "products": self.products.tolist(),
            "top_contributions": [vars(c) for c in self.top_contributions(k)],
            "total": self.total,
            "bias": self.bias,
            "pre_activation": self.pre_activation,
            "activation": self.activation,
            "value": self.value,
            "network_value": self.network_value,
        }


# ---- softmax and cross-entropy ------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class SoftmaxResult:
    """softmax(z)_i = e^(z_i − max z) / Σ_j e^(z_j − max z); subtracting the max avoids overflow
    and does not change the result."""

    logits: np.ndarray
    max_logit: float
    shifted: np.ndarray
    exps: np.ndarray
    sum_exp: float
    probs: np.ndarray
    class_names: tuple[str, ...]
    focus: int | None = None  # the class this explanation is about (explain_unit's channel)
    network_value: float | None = None
    layer: str = "probs"

    @property
    def value(self) -> float | None:
        return None if self.focus is None else float(self.probs[self.focus])

    def steps(self) -> list[formatting.Step]:
        return formatting.softmax_lines(self)

    def format_steps(self) -> str:
        return formatting.softmax_text(self)

    __str__ = format_steps

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "softmax",
            "logits": self.logits.tolist(),
            "max": self.max_logit,
            "shifted": self.shifted.tolist(),
            "exps": self.exps.tolist(),
            "sum_exp": self.sum_exp,
            "probs": self.probs.tolist(),
            "class_names": list(self.class_names),
            "focus": self.focus,
            "value": self.value,
            "network_value": self.network_value,
        }


@dataclass(frozen=True, eq=False)
class CrossEntropyResult:
    """Loss = −log_b(p_target) = (log Σ e^(z_j − max) − (z_target − max)) / ln b."""

    softmax: SoftmaxResult
    target: int
    log_base: str  # "e", "10" or "2"
    natural_loss: float
    loss: float

    @property
    def prob(self) -> float:
        return float(self.softmax.probs[self.target])

    @property
    def log_name(self) -> str:
        return formatting.LOG_NAMES[self.log_base]

    def steps(self) -> list[formatting.Step]:
        return formatting.cross_entropy_lines(self)

    def format_steps(self) -> str:
        return formatting.cross_entropy_text(self)

    __str__ = format_steps

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "prob": self.prob,
            "log_base": self.log_base,
            "loss": self.loss,
            "natural_loss": self.natural_loss,
        }


UnitResult = ConvUnitResult | PoolUnitResult | FcUnitResult | SoftmaxResult
