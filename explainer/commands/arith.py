"""`cnn-explainer arith`: the arithmetic of convolution, pooling and softmax, worked step by step.

Arrays are JSON nested lists (or @FILE holding one). With --json each sub-command prints exactly
one JSON object on stdout; errors raise ExplainerError, which cli.py turns into exit code 2 and
{"error": ...} on stdout when --json was given.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from typing import Any

import numpy as np

from explainer.core import arithmetic
from explainer.core.errors import ExplainerError, ShapeError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "arith",
        help="work through the arithmetic of a convolution, pooling, softmax or a real unit",
        description="Work through convolution, pooling and softmax arithmetic step by step. "
        "Arrays are JSON nested lists, e.g. --input '[[1,2],[3,4]]', or @FILE with one.",
    )
    parser.set_defaults(json=False)
    sub = parser.add_subparsers(dest="arith_command", metavar="WHAT", required=True)

    conv = _leaf(sub, "conv", "a convolution, unit by unit", _run_conv)
    conv.add_argument("--input", required=True, help="(H,W) or (C,H,W) array")
    conv.add_argument("--kernel", required=True, help="(F,F), (C,F,F) or (K,C,F,F) array")
    conv.add_argument("--bias", help="a number, or a list with one per filter (default 0)")
    conv.add_argument("--stride", type=int, default=1)
    conv.add_argument("--padding", type=int, default=0)
    conv.add_argument(
        "--activation",
        choices=tuple(arithmetic.ACTIVATIONS),
        help="apply this activation after the bias (default: none)",
    )
    conv.add_argument("--brief", action="store_true", help="one line per output unit")

    pool = _leaf(sub, "pool", "max or average pooling, unit by unit", _run_pool)
    pool.add_argument("--input", required=True, help="(H,W) or (C,H,W) array")
    pool.add_argument("--kind", choices=("max", "avg"), default="max")
    pool.add_argument("--size", type=int, default=2)
    pool.add_argument("--stride", type=int, help="default: the window size")
    pool.add_argument("--brief", action="store_true", help="one line per output unit")

    softmax = _leaf(sub, "softmax", "softmax step by step, and the cross-entropy", _run_softmax)
    softmax.add_argument("--logits", required=True, help="list of logits, e.g. '[2.0, 1.0, 0.1]'")
    softmax.add_argument("--target", type=int, help="true class index: also show the loss")
    softmax.add_argument(
        "--log-base",
        choices=tuple(arithmetic.LOG_BASES),
        default="e",
        help="logarithm of the cross-entropy (default e, natural)",
    )

    outsize = _leaf(sub, "outsize", "output size (N + 2P − F)/S + 1", _run_outsize)
    outsize.add_argument("--n", type=int, required=True, help="input size N")
    outsize.add_argument("--f", type=int, required=True, help="kernel size F")
    outsize.add_argument("--s", type=int, default=1, help="stride S (default 1)")
    outsize.add_argument("--p", type=int, default=0, help="padding P (default 0)")

    params = _leaf(sub, "params", "output shape and parameter count of a conv layer", _run_params)
    params.add_argument("--input", required=True, metavar="HxWxC", help="e.g. 32x32x1")
    params.add_argument("--filters", type=int, required=True, help="number of filters K")
    params.add_argument("--f", type=int, required=True, help="kernel size F")
    params.add_argument("--s", type=int, default=1, help="stride S (default 1)")
    params.add_argument("--p", type=int, default=0, help="padding P (default 0)")

    unit = _leaf(sub, "unit", "the worked steps of one unit of the real network", _run_unit)
    unit.add_argument(
        "--layer", required=True, help="conv1, pool1, conv2, pool2, fc1, fc2, logits or probs"
    )
    # --map, not --channel: the window's "Input channel" is the map a unit *reads*; this is
    # the unit's own map, the first index of conv2[3, 4, 5]. --channel stays as an alias.
    unit.add_argument(
        "--map",
        "--channel",
        dest="channel",
        type=int,
        default=0,
        metavar="M",
        help="the unit's own feature map (conv/pool: conv2[M, row, col]) or its unit / class "
        "index (fc, logits, probs); --channel is the same",
    )
    unit.add_argument("--row", type=int, help="row of the unit (conv and pool layers)")
    unit.add_argument("--col", type=int, help="column of the unit (conv and pool layers)")
    # SUPPRESS: when not given here, the top-level --checkpoint/--image/--sample still count.
    unit.add_argument(
        "--checkpoint",
        default=argparse.SUPPRESS,
        help="checkpoint (default: the shipped default model)",
    )
    source = unit.add_mutually_exclusive_group()
    source.add_argument(
        "--image", default=argparse.SUPPRESS, metavar="PATH", help="image file to run"
    )
    source.add_argument(
        "--sample",
        type=int,
        default=argparse.SUPPRESS,
        metavar="DIGIT",
        help="shipped sample digit to run",
    )
    unit.add_argument(
        "--target", type=int, help="with --layer probs: true class for the cross-entropy"
    )
    unit.add_argument(
        "--log-base",
        choices=tuple(arithmetic.LOG_BASES),
        default="e",
        help="logarithm of the cross-entropy (default e, natural)",
    )


def _leaf(
    sub: argparse._SubParsersAction,
    name: str,
    help_text: str,
    func: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.set_defaults(func=func)
    return parser


# ---- argument parsing helpers -------------------------------------------------------------------


# What a command-line array may be: a JSON text (or @FILE) of at most a megabyte, nested no
# deeper than a 4-D array needs (and a little more, to name what was found), with at most a
# 256×256 grid's numbers; and how many units the step-by-step text works out.
MAX_ARGUMENT_BYTES = 1024 * 1024
MAX_JSON_DEPTH = 6
MAX_ARRAY_VALUES = 65_536
MAX_TEXT_UNITS = 4096


def parse_json_array(text: str, option: str) -> Any:
    """A JSON value from the command line, or from a file given as @PATH (a regular UTF-8 file
    of at most MAX_ARGUMENT_BYTES: a pipe or /dev/zero is refused, not read forever)."""
    from explainer.core.files import json_depth, read_text

    if text.startswith("@"):
        text = read_text(text[1:], f"{option} @{text[1:]}", "a JSON file", MAX_ARGUMENT_BYTES)
    elif len(text.encode("utf-8", errors="replace")) > MAX_ARGUMENT_BYTES:
        raise ShapeError(f"{option} is longer than {MAX_ARGUMENT_BYTES:,} bytes; give it as @FILE")
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise ShapeError(
            f"{option} is nested {depth:,} levels deep; an array here has at most 4 dimensions"
        )
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ShapeError(
            f"{option} must be a JSON array such as [[1, 2], [3, 4]]; "
            f"{exc.msg} at character {exc.pos}"
        ) from None
    except ValueError as exc:  # an integer of more than 4,300 digits, NaN or Infinity
        reason = "NaN or Infinity" if "JSON number" in str(exc) else "an integer of 4,300+ digits"
        raise ShapeError(f"{option} must hold finite numbers, found {reason}") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_array(text: str, option: str, ndims: tuple[int, ...]) -> np.ndarray:
    """A command-line array as a finite float64 array of at most MAX_ARRAY_VALUES numbers."""
    array = arithmetic.as_array(parse_json_array(text, option), option, ndims)
    if array.size > MAX_ARRAY_VALUES:
        raise ShapeError(
            f"{option} holds {array.size:,} numbers; at most {MAX_ARRAY_VALUES:,} (a 256×256 "
            "grid) are worked out"
        )
    return array


def parse_hwc(text: str) -> tuple[int, int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[x×,]\s*(\d+)\s*[x×,]\s*(\d+)\s*", text)
    if not match:
        raise ShapeError(f"--input must look like HxWxC, e.g. 32x32x1; found {text!r}")
    return int(match[1]), int(match[2]), int(match[3])


def _emit(args: argparse.Namespace, payload: dict[str, Any], text: str) -> int:
    print(_json(payload) if args.json else text)
    return 0


def _json(payload: dict[str, Any]) -> str:
    """JSON of the payload; a number that overflowed to ±inf is an "overflow" error, never
    `Infinity` (which JSON does not have)."""
    try:
        return json.dumps(payload, allow_nan=False)
    except ValueError:
        raise ShapeError(
            "overflow: a result is beyond the range of a float64 (about ±1.8e308); "
            "use smaller numbers"
        ) from None


def _check_text_units(count: int) -> None:
    if count > MAX_TEXT_UNITS:
        raise ShapeError(
            f"the output has {count:,} units; the worked steps are written for at most "
            f"{MAX_TEXT_UNITS:,}: use --json for the whole output, or a smaller input"
        )


# ---- sub-commands -------------------------------------------------------------------------------


def _run_conv(args: argparse.Namespace) -> int:
    inputs = parse_array(args.input, "--input", (2, 3))
    kernel = parse_array(args.kernel, "--kernel", (2, 3, 4))
    bias = None if args.bias is None else parse_json_array(args.bias, "--bias")
    output = arithmetic.conv2d(inputs, kernel, bias, args.stride, args.padding, args.activation)
    if output.shape[0] == 1:  # one filter: (H, W), as the input and kernel were written
        output = output[0]
    if args.json:
        return _emit(args, {"output": output.tolist(), "output_shape": list(output.shape)}, "")
    _check_text_units(output.size)
    units = arithmetic.conv_units(inputs, kernel, bias, args.stride, args.padding, args.activation)
    if args.brief:
        blocks = ["\n".join(f"{unit.title}: {unit.summary()}" for unit in units)]
    else:
        blocks = [unit.format_steps() for unit in units]
    blocks.append(
        f"output {' × '.join(map(str, output.shape))}:\n" + "\n".join(_format_maps(output))
    )
    print("\n\n".join(blocks))
    return 0


def _format_maps(output: np.ndarray) -> list[str]:
    if output.ndim == 2:
        return arithmetic.format_grid(output)
    lines: list[str] = []
    for k, plane in enumerate(output):
        lines.append(f"  filter {k}")
        lines += arithmetic.format_grid(plane)
    return lines


def _run_pool(args: argparse.Namespace) -> int:
    inputs = parse_array(args.input, "--input", (2, 3))
    stride = args.size if args.stride is None else args.stride
    output = arithmetic.pool2d(inputs, args.kind, args.size, stride)
    if args.json:
        return _emit(args, {"output": output.tolist(), "output_shape": list(output.shape)}, "")
    _check_text_units(output.size)
    planes = inputs if inputs.ndim == 3 else inputs[None]
    out_h, out_w = output.shape[-2:]
    units = [
        arithmetic.pool_unit(planes, row, col, args.kind, args.size, stride, channel)
        for channel in range(planes.shape[0])
        for row in range(out_h)
        for col in range(out_w)
    ]
    if args.brief:
        blocks = ["\n".join(f"{unit.title}: {unit.summary()}" for unit in units)]
    else:
        blocks = [unit.format_steps() for unit in units]
    height, width = planes.shape[1:]
    uncovered_rows = height - ((out_h - 1) * stride + args.size)
    uncovered_cols = width - ((out_w - 1) * stride + args.size)
    if uncovered_rows or uncovered_cols:
        blocks.append(
            f"note: the last {uncovered_rows} row(s) and {uncovered_cols} column(s) "
            "are not covered by any window and are dropped (as torch does)"
        )
    grid = (
        _format_maps(output)
        if output.ndim == 2
        else [
            line
            for c, plane in enumerate(output)
            for line in [f"  channel {c}", *arithmetic.format_grid(plane)]
        ]
    )
    blocks.append(f"output {' × '.join(map(str, output.shape))}:\n" + "\n".join(grid))
    print("\n\n".join(blocks))
    return 0


def _run_softmax(args: argparse.Namespace) -> int:
    steps = arithmetic.softmax_steps(parse_array(args.logits, "--logits", (1,)))
    loss = None
    if args.target is not None:
        loss = arithmetic.cross_entropy(steps, args.target, args.log_base)
    payload = steps.to_dict()
    payload.pop("focus"), payload.pop("value"), payload.pop("network_value")
    text = steps.format_steps()
    if loss is not None:
        payload.update(
            target=loss.target,
            loss=loss.loss,
            log_base=loss.log_base,
            natural_loss=loss.natural_loss,
        )
        text += "\n" + loss.format_steps()
    return _emit(args, payload, text)


def _run_outsize(args: argparse.Namespace) -> int:
    size = arithmetic.output_size(args.n, args.f, args.s, args.p)
    formula = arithmetic.output_size_formula(args.n, args.f, args.s, args.p)
    return _emit(args, {"output_size": size, "formula": formula}, f"output size {formula}")


def _run_params(args: argparse.Namespace) -> int:
    height, width, channels = parse_hwc(args.input)
    plan = arithmetic.plan_conv(height, width, channels, args.filters, args.f, args.s, args.p)
    payload = {
        "output_shape": list(plan.output_shape),
        "params": plan.params,
        "formula": plan.params_formula,
        "output_size_formulas": [plan.height_formula, plan.width_formula],
    }
    return _emit(args, payload, plan.format_steps())


def _run_unit(args: argparse.Namespace) -> int:
    # Imported here: torch and the model are only needed by this sub-command.
    from explainer import paths
    from explainer.core.checkpoint import load_model
    from explainer.core.preprocess import prepare_input

    image = getattr(args, "image", None)
    sample = getattr(args, "sample", None)
    if (image is None) == (sample is None):
        raise ExplainerError("arith unit needs one input: --image PATH or --sample DIGIT")
    checkpoint = getattr(args, "checkpoint", None) or paths.default_checkpoint()
    # CPU: the same float32 arithmetic everywhere (a GPU may use TF32 convolutions).
    model, _ = load_model(checkpoint, "cpu")
    if sample is not None:
        from explainer.core.samples import load_sample

        source: Any = load_sample(sample)
    else:
        source = image
    # A copy: the prepared input may be a read-only view, which torch warns about.
    network_input = np.array(prepare_input(source, model.config).network_input)
    trace = model.forward_trace(network_input)
    result = arithmetic.explain_unit(model, trace, args.layer, args.channel, args.row, args.col)
    payload = result.to_dict()
    text = result.format_steps()
    if isinstance(result, arithmetic.SoftmaxResult) and args.target is not None:
        loss = arithmetic.cross_entropy(result, args.target, args.log_base)
        payload["cross_entropy"] = loss.to_dict()
        text += "\n" + loss.format_steps()
    return _emit(args, payload, text)
