"""`cnn-explainer explain IMAGE --method M`: which input pixels a guess depends on.

The maps are with respect to the normalised network input, the image read exactly as `predict`
reads it. Targets and contrasts are validated here, not by argparse, so that a bad one gives
the usual one-line error (and {"error": ...} with --json), exit 2.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from explainer.core.errors import ExplainerError

METHODS = ("saliency", "gradxinput", "gradcam", "occlusion")
CAPTIONS = {
    "saliency": "|d score / d input|: where a small change would move the score most",
    "gradxinput": "d score / d input × input: signed, first-order share of each pixel",
    "gradcam": "Grad-CAM: where the layer's maps that raise the score are active (coarse)",
    "occlusion": "drop of the probability when a blank square covers each place",
}


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "explain",
        help="attribution map of a guess: saliency, gradient × input, Grad-CAM or occlusion",
        description="Which pixels of the network input a class's score depends on. Image files "
        "are preprocessed as by predict; a .npy of the model's input shape is used as it is "
        "(values 0..1, normalised with the checkpoint's normalisation). The map is over the "
        "normalised network input.",
    )
    p.add_argument("image", metavar="IMAGE", help="an image file (.png, .jpg, ...) or a .npy")
    p.add_argument(
        "--checkpoint", default=argparse.SUPPRESS, help="checkpoint (default: models/default.pt)"
    )
    p.add_argument(
        "--method", default="saliency", help=f"{' | '.join(METHODS)} (default: saliency)"
    )
    p.add_argument(
        "--target",
        help="the class to explain: an index, a class name, 'first' or 'second' "
        "(default: the first guess)",
    )
    p.add_argument(
        "--contrast",
        nargs="?",
        const="first,second",
        metavar="A,B",
        help="explain logit_A − logit_B (for occlusion p_A − p_B): why A and not B; "
        "alone: the first guess against the second",
    )
    p.add_argument("--layer", help="Grad-CAM's layer: conv2 (default) or conv1")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--out", metavar="MAP.png", help="also write the map as a PNG with a colour bar")
    p.add_argument("--device", default=argparse.SUPPRESS, help="cpu (default), auto or cuda")
    p.set_defaults(func=run)


def parse_class(text: str, class_names: tuple[str, ...], what: str = "--target"):
    """A class index from its number, its name, or 'first' / 'second' (kept symbolic)."""
    from explainer.core.attribution import FIRST, SECOND

    value = text.strip()
    if value in (FIRST, SECOND):
        return value
    n = len(class_names)
    if value.isascii() and value.isdigit():
        index = int(value)
        if index < n:
            return index
        raise ExplainerError(f"{what}: expected a class 0..{n - 1}, found {index}")
    if value in class_names:
        return class_names.index(value)
    names = ", ".join(class_names)
    raise ExplainerError(
        f"{what}: expected a class index 0..{n - 1}, a class name ({names}), 'first' or "
        f"'second'; found {text!r}"
    )


def parse_contrast(text: str, class_names: tuple[str, ...]):
    parts = text.split(",")
    if len(parts) != 2:
        raise ExplainerError(f"--contrast: expected two classes A,B, found {text!r}")
    return tuple(parse_class(part, class_names, "--contrast") for part in parts)


def _target_json(target, class_names):
    if isinstance(target, tuple):
        return list(target), [class_names[t] for t in target]
    return target, class_names[target]


def run(args: argparse.Namespace) -> int:
    from explainer import paths
    from explainer.commands.predict import network_input_for
    from explainer.core.attribution import FIRST, explain
    from explainer.core.checkpoint import load_model
    from explainer.core.scales import input_levels

    if args.method not in METHODS:
        raise ExplainerError(
            f"--method: expected one of {', '.join(METHODS)}, found {args.method!r}"
        )
    if args.layer is not None and args.method != "gradcam":
        raise ExplainerError(f"--layer: expected only with --method gradcam, found {args.method}")
    if args.target is not None and args.contrast is not None:
        raise ExplainerError("expected --target or --contrast, found both")
    if args.out:  # before any work: a map must not be computed for a path it cannot go to
        from explainer.core.files import check_writable

        check_writable(Path(args.out), "--out")
    model, checkpoint = load_model(
        args.checkpoint or paths.default_checkpoint(), args.device or "cpu"
    )
    config = checkpoint.config
    names = config.class_names
    if args.contrast is not None:
        target = parse_contrast(args.contrast, names)
    elif args.target is not None:
        target = parse_class(args.target, names)
    else:
        target = FIRST
    network_input = network_input_for(Path(args.image), config)
    result = explain(model, network_input, args.method, target, layer=args.layer)
    target_value, labels = _target_json(result.target, names)
    if args.out:
        from explainer.commands.mapimage import write_map_png

        what = f"{labels[0]} and not {labels[1]}" if result.is_contrast else f"class {labels}"
        layer = f" on {result.layer}" if result.layer else ""
        write_map_png(
            args.out,
            result.map,
            signed=result.signed,
            limits=result.limits(),
            input_image=network_input[0],
            input_limits=input_levels(config),
            title=f"{args.method}{layer}: why {what}",
        )
    if args.json:
        payload = {
            "file": args.image,
            "method": args.method,
            "target": target_value,
            "labels": labels,
            "layer": result.layer,
            "signed": result.signed,
            "score": result.score,
            "map": result.map.astype(np.float64).tolist(),
            "probs": [float(p) for p in result.probs],
        }
        if args.out:
            payload["out"] = str(args.out)
        print(json.dumps(payload))
        return 0
    peak = np.unravel_index(int(np.argmax(np.abs(result.map))), result.map.shape)
    what = f"{labels[0]} − {labels[1]}" if result.is_contrast else f"class {labels}"
    order = np.argsort(-result.probs, kind="stable")[:2]
    guesses = ", ".join(f"{names[i]} ({result.probs[i]:.1%})" for i in order)
    print(f"{args.image}: {args.method} of {what} (guesses {guesses})")
    print(f"  {CAPTIONS[args.method]}")
    print(
        f"  map {result.map.shape[0]}×{result.map.shape[1]}, range "
        f"{result.map.min():.4g} .. {result.map.max():.4g}, "
        f"strongest at row {peak[0]}, col {peak[1]}"
    )
    if args.out:
        print(f"  written to {args.out}")
    return 0
