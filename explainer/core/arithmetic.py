"""Step-by-step arithmetic of convolution, pooling, fully connected units, softmax and loss.

Every function returns a dataclass that keeps each intermediate number (patch, kernel, products,
sums, bias, activation ...) so that a window can draw them and the command line can print them
(`format_steps()`). The numbers are computed in float64 with numpy; the network computes in
float32 with torch, so the two agree to about 1e-6 (the tests hold them to 1e-5).

`explain_unit(model, trace, layer, channel, row, col)` applies these to one unit of the real
network, with the network's own weights and the inputs recorded in its Trace.

No torch import here: the model's tensors are read through `.detach().cpu().numpy()`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from explainer.core.errors import ExplainerError, ShapeError

if TYPE_CHECKING:
    from explainer.core.model import LeNet
    from explainer.core.trace import Trace

# ---- activations --------------------------------------------------------------------------------

# Same constants as explainer.core.model (kept here so this module needs no torch; a test checks).
SCALED_TANH_A = 1.7159
SCALED_TANH_S = 2.0 / 3.0


def relu(x: np.ndarray | float) -> np.ndarray:
    return np.maximum(np.asarray(x, dtype=np.float64), 0.0)


def tanh(x: np.ndarray | float) -> np.ndarray:
    return np.tanh(np.asarray(x, dtype=np.float64))


def scaled_tanh(x: np.ndarray | float) -> np.ndarray:
    """LeCun's 1.7159·tanh(2x/3)."""
    return SCALED_TANH_A * np.tanh(SCALED_TANH_S * np.asarray(x, dtype=np.float64))


def sigmoid(x: np.ndarray | float) -> np.ndarray:
    # 0.5·(1 + tanh(x/2)) equals 1/(1 + e^-x) but never overflows for large negative x.
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=np.float64)))


ACTIVATIONS: dict[str, Callable[[Any], np.ndarray]] = {
    "relu": relu,
    "tanh": tanh,
    "scaled_tanh": scaled_tanh,
    "sigmoid": sigmoid,
}

ACTIVATION_FORMULAS = {
    "relu": "max(0, x)",
    "tanh": "tanh(x)",
    "scaled_tanh": "1.7159·tanh(2x/3)",
    "sigmoid": "1/(1 + e^−x)",
}


def activate(name: str | None, x: np.ndarray | float) -> np.ndarray:
    """Apply the named activation; None means none (the identity)."""
    if name is None:
        return np.asarray(x, dtype=np.float64)
    try:
        return ACTIVATIONS[name](x)
    except KeyError:
        raise ExplainerError(
            f"unknown activation {name!r}; expected one of {', '.join(ACTIVATIONS)}"
        ) from None


# ---- number formatting --------------------------------------------------------------------------


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


# ---- array checks -------------------------------------------------------------------------------


def as_array(values: Any, name: str, ndims: Sequence[int]) -> np.ndarray:
    """A finite float64 array with one of the allowed numbers of dimensions, or a ShapeError."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (ValueError, TypeError):
        # numpy 2 raises ValueError ("inhomogeneous shape") for ragged nested lists.
        raise ShapeError(
            f"{name} must be a rectangular array of numbers (every row the same length), "
            "found ragged rows or values that are not numbers"
        ) from None
    if array.ndim not in ndims:
        allowed = " or ".join(f"{d}-D" for d in ndims)
        raise ShapeError(f"{name} must be {allowed}, found shape {array.shape}")
    if array.size == 0:
        raise ShapeError(f"{name} is empty (shape {array.shape})")
    if not np.all(np.isfinite(array)):
        raise ShapeError(f"{name} contains NaN or infinity")
    return array


def _pair(value: int | Sequence[int], name: str, minimum: int) -> tuple[int, int]:
    pair = (value, value) if isinstance(value, (int, np.integer)) else tuple(value)
    if len(pair) != 2 or any(int(v) != v or v < minimum for v in pair):
        raise ShapeError(f"{name} must be an integer ≥ {minimum} (or two of them), found {value!r}")
    return int(pair[0]), int(pair[1])


# ---- output size and parameter count ------------------------------------------------------------


def output_size_formula(n: int, f: int, s: int = 1, p: int = 0) -> str:
    """'(32 + 2·0 − 5)/1 + 1 = 28' (the value with 2 decimals when not whole)."""
    value = (n + 2 * p - f) / s + 1
    shown = f"{value:.0f}" if value == int(value) else f"{value:.2f}"
    return f"({n} + 2·{p} − {f})/{s} + 1 = {shown}"


def output_size(n: int, f: int, s: int = 1, p: int = 0, *, what: str = "output size") -> int:
    """(N + 2P − F)/S + 1 for a convolution; a ShapeError when it is not a positive whole number."""
    for value, name, minimum in (
        (n, "input size N", 1),
        (f, "kernel size F", 1),
        (s, "stride S", 1),
        (p, "padding P", 0),
    ):
        if int(value) != value or value < minimum:
            raise ShapeError(f"{name} must be an integer ≥ {minimum}, found {value}")
    n, f, s, p = int(n), int(f), int(s), int(p)
    if f > n + 2 * p:
        raise ShapeError(
            f"{what}: kernel {f} is larger than the padded input {n} + 2·{p} = {n + 2 * p}: "
            "the configuration does not fit"
        )
    if (n + 2 * p - f) % s:
        fitting = [d for d in range(1, n + 2 * p - f + 1) if (n + 2 * p - f) % d == 0]
        raise ShapeError(
            f"{what} {output_size_formula(n, f, s, p)} is not a whole number: stride {s} does not "
            f"fit (strides that fit: {', '.join(map(str, fitting))}; or change the padding)"
        )
    return (n + 2 * p - f) // s + 1


def conv_param_count(f: int, c: int, k: int, f_w: int | None = None) -> tuple[int, str]:
    """(F·F·C + 1)·K — each filter has F·F·C weights and one bias — and the formula written out."""
    f_w = f if f_w is None else f_w
    count = (f * f_w * c + 1) * k
    return count, f"({f}·{f_w}·{c} + 1)·{k} = {count}"


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

    def format_steps(self) -> str:
        return "\n".join(
            [
                f"input {self.in_height}×{self.in_width}×{self.in_channels}, "
                f"{self.filters} filters "
                f"of {self.kernel[0]}×{self.kernel[1]}, stride {self.stride[0]}, "
                f"padding {self.padding[0]}",
                f"output height {self.height_formula}",
                f"output width  {self.width_formula}",
                f"output {self.out_height}×{self.out_width}×{self.filters}",
                f"parameters (F·F·C + 1)·K = {self.params_formula}",
            ]
        )

    __str__ = format_steps


def plan_conv(
    height: int,
    width: int,
    channels: int,
    filters: int,
    kernel: int | Sequence[int],
    stride: int | Sequence[int] = 1,
    padding: int | Sequence[int] = 0,
) -> ConvPlan:
    kh, kw = _pair(kernel, "kernel size", 1)
    sh, sw = _pair(stride, "stride", 1)
    ph, pw = _pair(padding, "padding", 0)
    if channels < 1 or filters < 1:
        raise ShapeError(f"channels and filters must be ≥ 1, found {channels} and {filters}")
    out_h = output_size(height, kh, sh, ph, what="output height")
    out_w = output_size(width, kw, sw, pw, what="output width")
    params, formula = conv_param_count(kh, channels, filters, kw)
    return ConvPlan(
        height,
        width,
        channels,
        filters,
        (kh, kw),
        (sh, sw),
        (ph, pw),
        out_h,
        out_w,
        output_size_formula(height, kh, sh, ph),
        output_size_formula(width, kw, sw, pw),
        params,
        formula,
    )


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
        return f"{self.layer}[{self.filter_index}] at row {self.row}, col {self.col}"

    def summary(self) -> str:
        """One line: 'patch ⊙ kernel: 25 products … sum = 1.2345; + bias 0.1000 = 1.3345; …'."""
        count = sum(step.products.size for step in self.channels)
        act = f"{self.activation} → {fmt(self.value)}" if self.activation else "no activation"
        return (
            f"patch ⊙ kernel: {count} products … sum = {fmt(self.total)}; "
            f"+ bias {fmt(self.bias)} = {fmt(self.pre_activation)}; {act}"
        )

    def format_steps(self) -> str:
        fh, fw = self.kernel_shape
        lines = [
            f"{self.title}: {fh}×{fw} kernel, stride {self.stride[0]}, padding {self.padding[0]}",
            f"input rows {self.top}–{self.top + fh - 1}, cols {self.left}–{self.left + fw - 1}"
            + (" (pad = zero padding)" if any(s.is_padding.any() for s in self.channels) else ""),
        ]
        for step in self.channels:
            lines.append(f"channel {step.channel}: patch")
            lines += format_grid(step.patch, step.is_padding)
            lines.append("  kernel")
            lines += format_grid(step.kernel)
            lines.append("  patch ⊙ kernel")
            lines += format_grid(step.products)
            lines.append(f"  sum of {step.products.size} products = {fmt(step.sum)}")
        if len(self.channels) > 1:
            sums = signed_sum(step.sum for step in self.channels)
            lines.append(f"sum over {len(self.channels)} channels: {sums} = {fmt(self.total)}")
        lines.append(f"+ bias {fmt(self.bias)} = {fmt(self.pre_activation)}")
        lines.append(_activation_line(self.activation, self.pre_activation, self.value))
        lines += _network_line(self.value, self.network_value)
        return "\n".join(lines)

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


def _conv_operands(
    inputs: Any, kernels: Any, bias: Any
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Input as (C,H,W), kernels as (K,C,Fh,Fw), bias as (K,); (H,W) / (Fh,Fw) / (C,Fh,Fw) and a
    scalar bias are accepted for a single channel or filter."""
    image = as_array(inputs, "input", (2, 3))
    if image.ndim == 2:
        image = image[None]
    kernel = as_array(kernels, "kernel", (2, 3, 4))
    if kernel.ndim == 2:
        kernel = kernel[None]
    if kernel.ndim == 3:
        kernel = kernel[None]
    if kernel.shape[1] != image.shape[0]:
        hint = ""
        if image.shape[0] == 1:
            hint = "; for several filters on a 1-channel input give the kernel as (K, 1, F, F)"
        raise ShapeError(
            f"the kernel has {kernel.shape[1]} channel(s) but the input has "
            f"{image.shape[0]}: they must match{hint}"
        )
    filters = kernel.shape[0]
    if bias is None:
        bias_array = np.zeros(filters)
    else:
        bias_array = as_array(bias, "bias", (0, 1)).reshape(-1)
        if bias_array.size == 1 and filters > 1:
            bias_array = np.full(filters, bias_array[0])
        if bias_array.size != filters:
            raise ShapeError(
                f"bias must hold one number per filter ({filters}), found {bias_array.size}"
            )
    return image, kernel, bias_array


def conv_output_shape(
    height: int,
    width: int,
    kernel: tuple[int, int],
    stride: tuple[int, int],
    padding: tuple[int, int],
) -> tuple[int, int]:
    return (
        output_size(height, kernel[0], stride[0], padding[0], what="output height"),
        output_size(width, kernel[1], stride[1], padding[1], what="output width"),
    )


def conv_unit(
    inputs: Any,
    kernel: Any,
    bias: float = 0.0,
    row: int = 0,
    col: int = 0,
    stride: int | Sequence[int] = 1,
    padding: int | Sequence[int] = 0,
    activation: str | None = None,
    *,
    layer: str = "conv",
    filter_index: int = 0,
) -> ConvUnitResult:
    """One output unit of a convolution. inputs (C,H,W) or (H,W); kernel (C,Fh,Fw) or (Fh,Fw)."""
    image, kernels, biases = _conv_operands(inputs, kernel, bias)
    if kernels.shape[0] != 1:
        raise ShapeError(f"conv_unit takes one filter, found {kernels.shape[0]}; use conv2d")
    return _conv_unit(
        image,
        kernels[0],
        float(biases[0]),
        row,
        col,
        _pair(stride, "stride", 1),
        _pair(padding, "padding", 0),
        activation,
        layer,
        filter_index,
    )


def _conv_unit(
    image: np.ndarray,
    kernel: np.ndarray,
    bias: float,
    row: int,
    col: int,
    stride: tuple[int, int],
    padding: tuple[int, int],
    activation: str | None,
    layer: str,
    filter_index: int,
) -> ConvUnitResult:
    channels, height, width = image.shape
    fh, fw = kernel.shape[1:]
    out_h, out_w = conv_output_shape(height, width, (fh, fw), stride, padding)
    if not (0 <= row < out_h and 0 <= col < out_w):
        raise ShapeError(
            f"unit (row {row}, col {col}) is outside the {out_h}×{out_w} output "
            f"(rows 0–{out_h - 1}, cols 0–{out_w - 1})"
        )
    top, left = row * stride[0] - padding[0], col * stride[1] - padding[1]
    rows, cols = np.arange(top, top + fh), np.arange(left, left + fw)
    row_ok, col_ok = (rows >= 0) & (rows < height), (cols >= 0) & (cols < width)
    is_padding = ~(row_ok[:, None] & col_ok[None, :])
    patches = np.zeros((channels, fh, fw))
    patches[:, ~is_padding] = image[:, rows[row_ok]][:, :, cols[col_ok]].reshape(channels, -1)
    products = patches * kernel
    steps = tuple(
        ConvChannelStep(c, patches[c], is_padding, kernel[c], products[c], float(products[c].sum()))
        for c in range(channels)
    )
    total = float(products.sum())
    pre_activation = total + bias
    value = float(activate(activation, pre_activation))
    return ConvUnitResult(
        layer,
        filter_index,
        row,
        col,
        stride,
        padding,
        int(top),
        int(left),
        steps,
        total,
        bias,
        pre_activation,
        activation,
        value,
    )


def conv2d(
    inputs: Any,
    kernels: Any,
    bias: Any = None,
    stride: int | Sequence[int] = 1,
    padding: int | Sequence[int] = 0,
    activation: str | None = None,
) -> np.ndarray:
    """The whole convolution, (K, Ho, Wo), vectorised; equal to conv_unit at every unit."""
    image, kernel, biases = _conv_operands(inputs, kernels, bias)
    sh, sw = _pair(stride, "stride", 1)
    ph, pw = _pair(padding, "padding", 0)
    fh, fw = kernel.shape[2:]
    out_h, out_w = conv_output_shape(image.shape[1], image.shape[2], (fh, fw), (sh, sw), (ph, pw))
    padded = np.pad(image, ((0, 0), (ph, ph), (pw, pw)))
    # windows[c, i, j, u, v] = padded[c, i + u, j + v]; then take every stride-th window.
    windows = np.lib.stride_tricks.sliding_window_view(padded, (fh, fw), axis=(1, 2))
    windows = windows[:, : (out_h - 1) * sh + 1 : sh, : (out_w - 1) * sw + 1 : sw]
    output = np.einsum("cijuv,kcuv->kij", windows, kernel, optimize=True)
    output += biases[:, None, None]
    return activate(activation, output)


def conv_units(
    inputs: Any,
    kernels: Any,
    bias: Any = None,
    stride: int | Sequence[int] = 1,
    padding: int | Sequence[int] = 0,
    activation: str | None = None,
    layer: str = "conv",
) -> Iterator[ConvUnitResult]:
    """Every unit's worked steps, filter by filter, row by row."""
    image, kernel, biases = _conv_operands(inputs, kernels, bias)
    strides, paddings = _pair(stride, "stride", 1), _pair(padding, "padding", 0)
    out_h, out_w = conv_output_shape(
        image.shape[1], image.shape[2], kernel.shape[2:], strides, paddings
    )
    for k in range(kernel.shape[0]):
        for row in range(out_h):
            for col in range(out_w):
                yield _conv_unit(
                    image,
                    kernel[k],
                    float(biases[k]),
                    row,
                    col,
                    strides,
                    paddings,
                    activation,
                    layer,
                    k,
                )


# ---- pooling ------------------------------------------------------------------------------------

PoolKind = Literal["max", "avg"]


def pool_output_size(n: int, size: int, stride: int) -> int:
    """floor((N − F)/S) + 1, as torch pools: edge rows/cols a window does not reach are dropped."""
    if size > n:
        raise ShapeError(f"pooling window {size} is larger than the input {n}")
    return (n - size) // stride + 1


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
        return f"{self.layer}[{self.channel}] at row {self.row}, col {self.col}"

    def summary(self) -> str:
        if self.kind == "max":
            return (
                f"max of {self.window.size} values = {fmt(self.value)} "
                f"at input row {self.winner[0]}, col {self.winner[1]}"
            )  # type: ignore[index]
        count = self.window.size
        return f"mean of {count} values: {fmt(self.total)}/{count} = {fmt(self.value)}"

    def format_steps(self) -> str:
        h, w = self.size
        lines = [
            f"{self.title}: {self.kind} pooling {h}×{w}, stride {self.stride[0]}",
            f"window: input rows {self.top}–{self.top + h - 1}, "
            f"cols {self.left}–{self.left + w - 1}",
        ]
        if self.kind == "max":
            mask = np.zeros(self.window.shape, dtype=bool)
            wr, wc = self.winner_in_window  # type: ignore[misc]
            mask[wr, wc] = True
            grid = format_grid(self.window)
            marked = format_grid(self.window, mask, mark="[" + fmt(self.value) + "]")
            lines += marked if len(marked[0]) <= 100 else grid
            lines.append(
                f"max = {fmt(self.value)} at input row {self.winner[0]}, "  # type: ignore[index]
                f"col {self.winner[1]} (window row {wr}, col {wc})"
            )
        else:
            lines += format_grid(self.window)
            lines.append(
                f"sum = {fmt(self.total)}; mean = {fmt(self.total)}/{self.window.size} "
                f"= {fmt(self.value)}"
            )
        lines += _network_line(self.value, self.network_value)
        return "\n".join(lines)

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


def _pool_operands(
    inputs: Any, kind: str, size: int | Sequence[int], stride: int | Sequence[int] | None
) -> tuple[np.ndarray, tuple[int, int], tuple[int, int]]:
    if kind not in ("max", "avg"):
        raise ExplainerError(f"pooling kind must be max or avg, found {kind!r}")
    image = as_array(inputs, "input", (2, 3))
    if image.ndim == 2:
        image = image[None]
    sizes = _pair(size, "pooling size", 1)
    strides = sizes if stride is None else _pair(stride, "stride", 1)
    return image, sizes, strides


def pool_unit(
    inputs: Any,
    row: int,
    col: int,
    kind: PoolKind = "max",
    size: int | Sequence[int] = 2,
    stride: int | Sequence[int] | None = None,
    channel: int = 0,
    *,
    layer: str = "pool",
) -> PoolUnitResult:
    """One pooling unit of channel `channel` of inputs (C,H,W) or (H,W); stride defaults to size."""
    image, sizes, strides = _pool_operands(inputs, kind, size, stride)
    if not 0 <= channel < image.shape[0]:
        raise ShapeError(f"channel {channel} is out of range: the input has {image.shape[0]}")
    return _pool_unit(image[channel], row, col, kind, sizes, strides, channel, layer)


def _pool_unit(
    plane: np.ndarray,
    row: int,
    col: int,
    kind: str,
    size: tuple[int, int],
    stride: tuple[int, int],
    channel: int,
    layer: str,
) -> PoolUnitResult:
    out_h = pool_output_size(plane.shape[0], size[0], stride[0])
    out_w = pool_output_size(plane.shape[1], size[1], stride[1])
    if not (0 <= row < out_h and 0 <= col < out_w):
        raise ShapeError(
            f"unit (row {row}, col {col}) is outside the {out_h}×{out_w} output "
            f"(rows 0–{out_h - 1}, cols 0–{out_w - 1})"
        )
    top, left = row * stride[0], col * stride[1]
    window = plane[top : top + size[0], left : left + size[1]].copy()
    total = float(window.sum())
    winner = None
    if kind == "max":
        # argmax takes the first maximum in row-major order, as torch does.
        wr, wc = np.unravel_index(int(np.argmax(window)), window.shape)
        winner = (top + int(wr), left + int(wc))
        value = float(window[wr, wc])
    else:
        value = total / window.size
    return PoolUnitResult(
        layer, kind, channel, row, col, size, stride, top, left, window, winner, total, value
    )


def pool2d(
    inputs: Any,
    kind: PoolKind = "max",
    size: int | Sequence[int] = 2,
    stride: int | Sequence[int] | None = None,
) -> np.ndarray:
    """Whole pooling, vectorised; (C,H,W) → (C,Ho,Wo) and (H,W) → (Ho,Wo)."""
    image, (fh, fw), (sh, sw) = _pool_operands(inputs, kind, size, stride)
    out_h = pool_output_size(image.shape[1], fh, sh)
    out_w = pool_output_size(image.shape[2], fw, sw)
    windows = np.lib.stride_tricks.sliding_window_view(image, (fh, fw), axis=(1, 2))
    windows = windows[:, : (out_h - 1) * sh + 1 : sh, : (out_w - 1) * sw + 1 : sw]
    output = windows.max(axis=(3, 4)) if kind == "max" else windows.mean(axis=(3, 4))
    return output if np.ndim(inputs) == 3 else output[0]


# ---- fully connected ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Contribution:
    index: int
    label: str
    input: float
    weight: float
    product: float

    def describe(self) -> str:
        return f"{self.label}: {fmt(self.input)} × {fmt(self.weight)} = {fmt(self.product)}"


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
        act = f"{self.activation} → {fmt(self.value)}" if self.activation else "no activation"
        return (
            f"inputs ⊙ weights: {self.products.size} products … sum = {fmt(self.total)}; "
            f"+ bias {fmt(self.bias)} = {fmt(self.pre_activation)}; {act}"
        )

    def format_steps(self, k: int = 5) -> str:
        lines = [f"{self.title}: {self.products.size} inputs × weights"]
        positive = self.top_contributions(k, "positive")
        negative = self.top_contributions(k, "negative")
        if positive:
            lines.append(f"largest positive contributions ({len(positive)}):")
            lines += [f"  {c.describe()}" for c in positive]
        if negative:
            lines.append(f"largest negative contributions ({len(negative)}):")
            lines += [f"  {c.describe()}" for c in negative]
        zero = int(np.count_nonzero(self.products == 0))
        if zero:
            lines.append(f"{zero} products are 0 (a 0 input or weight)")
        lines.append(f"sum of {self.products.size} products = {fmt(self.total)}")
        lines.append(f"+ bias {fmt(self.bias)} = {fmt(self.pre_activation)}")
        lines.append(_activation_line(self.activation, self.pre_activation, self.value))
        lines += _network_line(self.value, self.network_value)
        return "\n".join(lines)

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


def fc_unit(
    inputs: Any,
    weights: Any,
    bias: float = 0.0,
    activation: str | None = None,
    *,
    unit: int = 0,
    layer: str = "fc",
    input_labels: Sequence[str] | None = None,
) -> FcUnitResult:
    """One unit: inputs (N,) and this unit's weight row (N,)."""
    x = as_array(inputs, "inputs", (1,))
    w = as_array(weights, "weights", (1,))
    if x.shape != w.shape:
        raise ShapeError(f"inputs ({x.size}) and weights ({w.size}) must have the same length")
    if input_labels is not None and len(input_labels) != x.size:
        raise ShapeError(f"{len(input_labels)} input labels for {x.size} inputs")
    products = x * w
    total = float(products.sum())
    pre_activation = total + float(bias)
    value = float(activate(activation, pre_activation))
    return FcUnitResult(
        layer,
        unit,
        x,
        w,
        products,
        total,
        float(bias),
        pre_activation,
        activation,
        value,
        tuple(input_labels) if input_labels else None,
    )


def fc_layer(
    inputs: Any, weights: Any, bias: Any = None, activation: str | None = None
) -> np.ndarray:
    """The whole layer, vectorised: activation(W·x + b) with W (M, N)."""
    x = as_array(inputs, "inputs", (1,))
    w = as_array(weights, "weights", (2,))
    if w.shape[1] != x.size:
        raise ShapeError(f"weights take {w.shape[1]} inputs but {x.size} were given")
    b = np.zeros(w.shape[0]) if bias is None else as_array(bias, "bias", (1,))
    return activate(activation, w @ x + b)


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

    def format_steps(self) -> str:
        n = self.logits.size
        lines = [
            f"softmax of {n} logits",
            f"1. subtract the largest logit, {fmt(self.max_logit)}, from each (avoids overflow)",
            "2. exp of each",
            f"3. sum of the {n} exps = {fmt(self.sum_exp)}",
            "4. divide each exp by that sum",
        ]
        width = max(len(name) for name in self.class_names)
        for i in range(n):
            mark = "  ←" if i == self.focus else ""
            lines.append(
                f"  {self.class_names[i].rjust(width)}: {fmt(self.logits[i])} "
                f"− {fmt(self.max_logit)} = {fmt(self.shifted[i])} → exp {fmt(self.exps[i])} "
                f"→ /{fmt(self.sum_exp)}"
                f" = {fmt(self.probs[i])}{mark}"
            )
        lines.append(f"the probabilities sum to {fmt(self.probs.sum())}")
        if self.value is not None:
            lines += _network_line(self.value, self.network_value)
        return "\n".join(lines)

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


def _class_names(n: int, class_names: Sequence[str] | None) -> tuple[str, ...]:
    if class_names is None:
        return tuple(str(i) for i in range(n))
    if len(class_names) != n:
        raise ShapeError(f"{len(class_names)} class names for {n} logits")
    return tuple(class_names)


def softmax_steps(
    logits: Any, class_names: Sequence[str] | None = None, focus: int | None = None
) -> SoftmaxResult:
    z = as_array(logits, "logits", (1,))
    names = _class_names(z.size, class_names)
    if focus is not None and not 0 <= focus < z.size:
        raise ShapeError(
            f"class {focus} is out of range: there are {z.size} classes (0–{z.size - 1})"
        )
    max_logit = float(z.max())
    shifted = z - max_logit
    exps = np.exp(shifted)
    sum_exp = float(exps.sum())
    return SoftmaxResult(z, max_logit, shifted, exps, sum_exp, exps / sum_exp, names, focus)


LOG_BASES: dict[str, float] = {"e": math.e, "10": 10.0, "2": 2.0}
_LOG_NAMES = {"e": "ln", "10": "log₁₀", "2": "log₂"}


def _log_base_key(base: str | float) -> str:
    key = (
        {math.e: "e", 10.0: "10", 2.0: "2"}.get(base, str(base))
        if not isinstance(base, str)
        else base.strip().lower()
    )
    if key in ("ln", "natural"):
        key = "e"
    if key not in LOG_BASES:
        raise ExplainerError(f"log base must be e, 10 or 2, found {base!r}")
    return key


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
        return _LOG_NAMES[self.log_base]

    def format_steps(self) -> str:
        name = self.softmax.class_names[self.target]
        lines = [
            f"cross-entropy for true class {name} (index {self.target}), logarithm base "
            f"{'e (natural)' if self.log_base == 'e' else self.log_base}",
            f"loss = −{self.log_name}(p[{name}]) = −{self.log_name}({fmt(self.prob)}) "
            f"= {fmt(self.loss)}",
        ]
        if self.log_base != "e":
            lines.append(f"(= natural-log loss {fmt(self.natural_loss)} / ln {self.log_base})")
        return "\n".join(lines)

    __str__ = format_steps

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": self.target,
            "prob": self.prob,
            "log_base": self.log_base,
            "loss": self.loss,
            "natural_loss": self.natural_loss,
        }


def cross_entropy(
    logits: Any | SoftmaxResult,
    target: int,
    log_base: str | float = "e",
    class_names: Sequence[str] | None = None,
) -> CrossEntropyResult:
    steps = logits if isinstance(logits, SoftmaxResult) else softmax_steps(logits, class_names)
    n = steps.logits.size
    if int(target) != target or not 0 <= target < n:
        raise ShapeError(f"true class {target} is out of range: there are {n} classes (0–{n - 1})")
    target = int(target)
    key = _log_base_key(log_base)
    # From the shifted logits rather than log(p): exact even when p underflows to 0.
    natural = math.log(steps.sum_exp) - float(steps.shifted[target])
    return CrossEntropyResult(steps, target, key, natural, natural / math.log(LOG_BASES[key]))


# ---- the real network ---------------------------------------------------------------------------

UnitResult = ConvUnitResult | PoolUnitResult | FcUnitResult | SoftmaxResult


def _numpy(tensor: Any) -> np.ndarray:
    return tensor.detach().cpu().numpy().astype(np.float64)


def network_layers(model: LeNet) -> tuple[str, ...]:
    """The layers explain_unit knows, in network order."""
    return ("conv1", "pool1", "conv2", "pool2", *model.fc_names, "logits", "probs")


def _fc_inputs(model: LeNet, trace: Trace, layer: str) -> tuple[np.ndarray, tuple[str, ...]]:
    order = ["pool2", *model.fc_names, "logits"]
    source = order[order.index(layer) - 1]
    values = np.asarray(trace[source], dtype=np.float64)
    coords = np.stack(np.unravel_index(np.arange(values.size), values.shape), axis=1)
    labels = tuple(f"{source}[{','.join(map(str, c))}]" for c in coords.tolist())
    return values.reshape(-1), labels


def _check_index(name: str, value: int | None, size: int, layer: str) -> int:
    if value is None:
        raise ShapeError(f"{layer} units are addressed by channel, row and col; {name} is missing")
    if int(value) != value or not 0 <= value < size:
        raise ShapeError(f"{layer} {name} {value} is out of range: expected 0–{size - 1}")
    return int(value)


def explain_unit(
    model: LeNet,
    trace: Trace,
    layer: str,
    channel: int = 0,
    row: int | None = None,
    col: int | None = None,
) -> UnitResult:
    """The worked arithmetic of trace[layer][channel, row, col] (fc/logits/probs: [channel]),
    from the model's own weights and the trace's inputs; `network_value` holds the trace value."""
    layers = network_layers(model)
    if layer == "softmax":
        layer = "probs"
    if layer not in layers:
        raise ExplainerError(f"unknown layer {layer!r}; expected one of {', '.join(layers)}")
    shape = trace[layer].shape
    channel = _check_index("channel" if len(shape) == 3 else "unit", channel, shape[0], layer)
    activation = model.config.activation
    if layer in ("conv1", "conv2"):
        row = _check_index("row", row, shape[1], layer)
        col = _check_index("col", col, shape[2], layer)
        conv = getattr(model, layer)
        source = trace["input" if layer == "conv1" else "pool1"]
        result: UnitResult = _conv_unit(
            np.asarray(source, dtype=np.float64),
            _numpy(conv.weight[channel]),
            float(_numpy(conv.bias)[channel]) if conv.bias is not None else 0.0,
            row,
            col,
            tuple(conv.stride),
            tuple(conv.padding),
            activation,
            layer,
            channel,
        )
    elif layer in ("pool1", "pool2"):
        row = _check_index("row", row, shape[1], layer)
        col = _check_index("col", col, shape[2], layer)
        source = trace["conv1" if layer == "pool1" else "conv2"]
        size = model.config.pool_size
        result = _pool_unit(
            np.asarray(source[channel], dtype=np.float64),
            row,
            col,
            model.config.pool,
            (size, size),
            (size, size),
            channel,
            layer,
        )
    elif layer == "probs":
        result = softmax_steps(trace["logits"], model.config.class_names, channel)
    else:
        linear = getattr(model, layer)
        inputs, labels = _fc_inputs(model, trace, layer)
        bias = float(_numpy(linear.bias)[channel])
        result = fc_unit(
            inputs,
            _numpy(linear.weight[channel]),
            bias,
            None if layer == "logits" else activation,
            unit=channel,
            layer=layer,
            input_labels=labels,
        )
    index = (channel,) if len(shape) == 1 else (channel, row, col)
    network_value = float(trace[layer][index])
    return _with_network_value(result, network_value)


def _with_network_value(result: UnitResult, network_value: float) -> UnitResult:
    return replace(result, network_value=network_value)


def explain_layer(model: LeNet, trace: Trace, layer: str) -> np.ndarray:
    """The whole layer recomputed with this module's vectorised functions (for an output map that
    fills in as a stepper runs, and to check every unit at once against the trace)."""
    layers = network_layers(model)
    if layer == "softmax":
        layer = "probs"
    if layer not in layers:
        raise ExplainerError(f"unknown layer {layer!r}; expected one of {', '.join(layers)}")
    activation = model.config.activation
    if layer in ("conv1", "conv2"):
        conv = getattr(model, layer)
        source = trace["input" if layer == "conv1" else "pool1"]
        bias = _numpy(conv.bias) if conv.bias is not None else None
        return conv2d(
            source, _numpy(conv.weight), bias, tuple(conv.stride), tuple(conv.padding), activation
        )
    if layer in ("pool1", "pool2"):
        source = trace["conv1" if layer == "pool1" else "conv2"]
        return pool2d(source, model.config.pool, model.config.pool_size)  # type: ignore[arg-type]
    if layer == "probs":
        return softmax_steps(trace["logits"]).probs
    linear = getattr(model, layer)
    inputs, _ = _fc_inputs(model, trace, layer)
    return fc_layer(
        inputs,
        _numpy(linear.weight),
        _numpy(linear.bias),
        None if layer == "logits" else activation,
    )
