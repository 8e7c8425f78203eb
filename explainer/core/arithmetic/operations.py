"""The step-by-step operations: convolution, pooling, fully connected units, softmax,
cross-entropy, output size and parameter count, each returning a result (results.py) that keeps
every intermediate number, and their vectorised whole-layer forms (conv2d, pool2d, fc_layer).

The numbers are computed in float64 with numpy; the network computes in float32 with torch, so
the two agree to about 1e-6 (the tests hold them to 1e-5). No torch import here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Literal

import numpy as np

from explainer.core.arithmetic.formatting import output_size_formula
from explainer.core.arithmetic.results import (
    ConvChannelStep,
    ConvPlan,
    ConvUnitResult,
    CrossEntropyResult,
    FcUnitResult,
    PoolUnitResult,
    SoftmaxResult,
)
from explainer.core.config import SCALED_TANH_A, SCALED_TANH_S
from explainer.core.errors import ExplainerError, ShapeError
from explainer.core.text import number_text

# Bounds of the worked arithmetic (README, "Limits"): a teaching grid is a few cells to a few
# hundred a side. Sizes in the formulas (output size, parameter count) may be larger.
MAX_SIDE = 1024  # N, F, S and P of the output-size formula; H and W of a parameter count
MAX_COUNT = 4096  # channels C and filters K of a parameter count
MAX_GRID_SIDE = 256  # a worked array's kernel, stride, padding and pooling window
MAX_PRODUCTS = 10_000_000  # multiplications of one worked convolution (K·C·Ho·Wo·Fh·Fw)

# ---- activations --------------------------------------------------------------------------------


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


# ---- array checks -------------------------------------------------------------------------------


def as_array(values: Any, name: str, ndims: Sequence[int]) -> np.ndarray:
    """A finite float64 array with one of the allowed numbers of dimensions, or a ShapeError."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except OverflowError:  # an integer of hundreds of digits
        raise ShapeError(
            f"{name} holds a number beyond the range of a float64 (about ±1.8e308)"
        ) from None
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


def _pair(
    value: int | Sequence[int], name: str, minimum: int, maximum: int = MAX_GRID_SIDE
) -> tuple[int, int]:
    pair = (value, value) if isinstance(value, (int, np.integer)) else tuple(value)
    if len(pair) != 2 or any(
        isinstance(v, bool)
        or not isinstance(v, (int, float, np.integer, np.floating))
        or (isinstance(v, (float, np.floating)) and not math.isfinite(v))
        for v in pair
    ):
        raise ShapeError(f"{name} must be an integer ≥ {minimum} (or two of them), found {value!r}")
    if any(int(v) != v or v < minimum for v in pair):
        raise ShapeError(f"{name} must be an integer ≥ {minimum} (or two of them), found {value!r}")
    if any(v > maximum for v in pair) and maximum == MAX_GRID_SIDE:
        raise ShapeError(
            f"{name} must be at most {maximum} (a worked grid here is at most {maximum} cells a "
            f"side), found {number_text(max(pair))}"
        )
    if any(v > maximum for v in pair):
        raise ShapeError(
            f"{name} must be at most {maximum:,} (the sizes of a network's layers), found "
            f"{number_text(max(pair))}"
        )
    return int(pair[0]), int(pair[1])


def no_overflow(values: Any, what: str) -> None:
    """ShapeError "overflow" when a result left the float64 range (±1.8e308): printed, it
    would be inf, and JSON has no such number."""
    if not np.all(np.isfinite(values)):
        raise ShapeError(
            f"overflow: {what} is beyond the range of a float64 (about ±1.8e308); "
            "use smaller numbers"
        )


# ---- output size and parameter count ------------------------------------------------------------


def output_size(
    n: int, f: int, s: int = 1, p: int = 0, *, what: str = "output size", max_stride: int = MAX_SIDE
) -> int:
    """(N + 2P − F)/S + 1 for a convolution; a ShapeError when it is not a positive whole number.
    Its list of strides that fit stops at `max_stride` (what the caller lets the user choose)."""
    for value, name, minimum in (
        (n, "input size N", 1),
        (f, "kernel size F", 1),
        (s, "stride S", 1),
        (p, "padding P", 0),
    ):
        if int(value) != value or value < minimum:
            raise ShapeError(f"{name} must be an integer ≥ {minimum}, found {number_text(value)}")
        if value > MAX_SIDE:
            raise ShapeError(
                f"{name} must be at most {MAX_SIDE:,} (the sizes of a network's layers), found "
                f"{number_text(value)}"
            )
    n, f, s, p = int(n), int(f), int(s), int(p)
    if f > n + 2 * p:
        raise ShapeError(
            f"{what}: kernel {f} is larger than the padded input {n} + 2·{p} = {n + 2 * p}: "
            "the configuration does not fit"
        )
    if (n + 2 * p - f) % s:
        span = n + 2 * p - f
        fitting = [d for d in range(1, min(span, max_stride) + 1) if span % d == 0]
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


def plan_conv(
    height: int,
    width: int,
    channels: int,
    filters: int,
    kernel: int | Sequence[int],
    stride: int | Sequence[int] = 1,
    padding: int | Sequence[int] = 0,
    *,
    max_stride: int = MAX_SIDE,
) -> ConvPlan:
    """The sizes of a convolution, or a ShapeError saying what does not fit (its strides that
    fit go up to `max_stride`)."""
    kh, kw = _pair(kernel, "kernel size", 1, MAX_SIDE)
    sh, sw = _pair(stride, "stride", 1, MAX_SIDE)
    ph, pw = _pair(padding, "padding", 0, MAX_SIDE)
    if channels < 1 or filters < 1:
        raise ShapeError(
            f"channels and filters must be ≥ 1, found {number_text(channels)} and "
            f"{number_text(filters)}"
        )
    if channels > MAX_COUNT or filters > MAX_COUNT:
        raise ShapeError(
            f"channels and filters must be at most {MAX_COUNT:,}, found "
            f"{number_text(channels)} and {number_text(filters)}"
        )
    out_h = output_size(height, kh, sh, ph, what="output height", max_stride=max_stride)
    out_w = output_size(width, kw, sw, pw, what="output width", max_stride=max_stride)
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
    with np.errstate(over="ignore", invalid="ignore"):
        products = patches * kernel
        channel_sums = products.sum(axis=(1, 2))
        total = float(products.sum())
    no_overflow(products, "a product")
    no_overflow(channel_sums, "a sum of products")
    no_overflow(total + bias, "the sum of products and the bias")
    steps = tuple(
        ConvChannelStep(c, patches[c], is_padding, kernel[c], products[c], float(products[c].sum()))
        for c in range(channels)
    )
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
    check_work(kernel.shape[0], image.shape[0], out_h, out_w, fh, fw)
    padded = np.pad(image, ((0, 0), (ph, ph), (pw, pw)))
    # windows[c, i, j, u, v] = padded[c, i + u, j + v]; then take every stride-th window.
    windows = np.lib.stride_tricks.sliding_window_view(padded, (fh, fw), axis=(1, 2))
    windows = windows[:, : (out_h - 1) * sh + 1 : sh, : (out_w - 1) * sw + 1 : sw]
    with np.errstate(over="ignore", invalid="ignore"):
        output = np.einsum("cijuv,kcuv->kij", windows, kernel, optimize=True)
        output += biases[:, None, None]
    no_overflow(output, "a sum of products")
    return activate(activation, output)


def check_work(filters: int, channels: int, out_h: int, out_w: int, fh: int, fw: int) -> None:
    """ShapeError when one worked convolution would take more than MAX_PRODUCTS
    multiplications (seconds of work and as many numbers in memory)."""
    products = filters * channels * out_h * out_w * fh * fw
    if products > MAX_PRODUCTS:
        raise ShapeError(
            f"the convolution would take {products:,} multiplications; at most "
            f"{MAX_PRODUCTS:,} are worked out (a smaller input, kernel or padding)"
        )


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
    check_work(kernel.shape[0], image.shape[0], out_h, out_w, *kernel.shape[2:])
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
    with np.errstate(over="ignore", invalid="ignore"):
        total = float(window.sum())
    if kind == "avg":
        no_overflow(total, "the sum of the window")
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
    with np.errstate(over="ignore", invalid="ignore"):
        output = windows.max(axis=(3, 4)) if kind == "max" else windows.mean(axis=(3, 4))
    no_overflow(output, "the sum of a window")
    return output if np.ndim(inputs) == 3 else output[0]


# ---- fully connected ----------------------------------------------------------------------------


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
    with np.errstate(over="ignore", invalid="ignore"):
        products = x * w
        total = float(products.sum())
        pre_activation = total + float(bias)
    no_overflow(products, "a product")
    no_overflow(pre_activation, "the sum of products and the bias")
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
    with np.errstate(over="ignore", invalid="ignore"):
        pre_activation = w @ x + b
    no_overflow(pre_activation, "a sum of products")
    return activate(activation, pre_activation)


# ---- softmax and cross-entropy ------------------------------------------------------------------


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
    with np.errstate(over="ignore", invalid="ignore"):
        shifted = z - max_logit
    no_overflow(shifted, "a logit minus the largest logit")
    exps = np.exp(shifted)
    sum_exp = float(exps.sum())
    return SoftmaxResult(z, max_logit, shifted, exps, sum_exp, exps / sum_exp, names, focus)


LOG_BASES: dict[str, float] = {"e": math.e, "10": 10.0, "2": 2.0}


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
