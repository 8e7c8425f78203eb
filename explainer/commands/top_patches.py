"""`cnn-explainer top-patches CHECKPOINT --layer L --filter F`: what a conv filter looks for.

The k dataset images whose strongest unit of the filter is strongest, best first, each with the
receptive field of that unit in the network input. The data are fed exactly as `eval` feeds them
(the same dataset and split choice, the same padding and normalisation).
"""

from __future__ import annotations

import argparse
import json

from explainer.core.errors import ExplainerError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "top-patches",
        help="the dataset patches that excite a conv filter most",
        description="Over the checkpoint's own held-out data (or --dataset), the k images in "
        "which the filter's maximal unit is largest, best first: the image's index in the "
        "dataset, the unit's row and column, its activation and the patch of the network input "
        "it sees (its receptive field, clipped at the borders).",
    )
    p.add_argument("checkpoint", help="checkpoint file (.pt, .safetensors)")
    p.add_argument("--layer", help="conv1 or conv2 (required)")
    p.add_argument("--filter", help="filter index in that layer (required)")
    p.add_argument("--k", default="9", help="how many patches (default 9)")
    p.add_argument("--dataset", help="mnist | fashion | idx:FOLDER (default: the checkpoint's)")
    p.add_argument("--split", help="split to use (default: held-out / test)")
    p.add_argument("--cache-dir", metavar="DIR", help="keep the computed index in DIR")
    p.add_argument("--json", action="store_true", help="print a JSON list, best first")
    p.add_argument("--device", default=argparse.SUPPRESS, help="cpu (default), auto or cuda")
    p.set_defaults(func=run)


def whole_number(text: str | None, option: str) -> int:
    if text is None:
        raise ExplainerError(f"{option}: expected a whole number, found nothing")
    value = text.strip()
    if value.isascii() and value.isdigit():
        return int(value)
    raise ExplainerError(f"{option}: expected a whole number ≥ 0, found {text!r}")


def run(args: argparse.Namespace) -> int:
    from explainer.commands.evaluate import default_dataset
    from explainer.core.checkpoint import load_model
    from explainer.core.datasets import load_dataset
    from explainer.core.patches import checkpoint_content_hash, conv_layers, patch_index

    if args.layer is None:
        raise ExplainerError("--layer: expected conv1 or conv2, found nothing")
    filter_index = whole_number(args.filter, "--filter")
    k = whole_number(args.k, "--k")
    model, checkpoint = load_model(args.checkpoint, args.device or "cpu")
    layers = conv_layers(checkpoint.config)
    if args.layer not in layers:
        raise ExplainerError(f"--layer: expected one of {', '.join(layers)}, found {args.layer!r}")
    dataset = load_dataset(args.dataset or default_dataset(checkpoint.metadata), args.split)
    index = patch_index(
        model, dataset, content_hash=checkpoint_content_hash(checkpoint), cache_dir=args.cache_dir
    )
    patches = index.top(args.layer, filter_index, k)
    if args.json:
        print(json.dumps([patch.to_json() for patch in patches]))
        return 0
    print(f"{args.checkpoint}: {args.layer} filter {filter_index}, top {k} of {dataset.describe()}")
    names = dataset.class_names
    for rank, patch in enumerate(patches, 1):
        r0, c0, r1, c1 = patch.box
        print(
            f"{rank:3d}. image {patch.image} ({names[patch.label]}): unit ({patch.row}, "
            f"{patch.col}) = {patch.value:.4g}, input rows {r0}..{r1 - 1}, cols {c0}..{c1 - 1}"
        )
    return 0
