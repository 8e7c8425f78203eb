"""`cnn-explainer predict IMAGE...`: classify image files (or ready-made .npy network inputs)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from explainer.core.errors import ExplainerError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "predict",
        help="classify image files with a checkpoint (default: the shipped default model)",
        description="Image files are preprocessed like MNIST (bounding box → 20×20 → centre of "
        "mass → 32×32). A .npy array whose shape is the model's input size, (S, S) or (C, S, S), "
        "is used as the network input as it is (normalised only if the checkpoint has a "
        "normalisation).",
    )
    p.add_argument(
        "images", nargs="+", metavar="IMAGE", help="image files (.png, .jpg, ...) or .npy arrays"
    )
    p.add_argument(
        "--checkpoint",
        default=argparse.SUPPRESS,
        help="checkpoint file (default: models/default.pt)",
    )
    p.add_argument(
        "--snapshot",
        type=int,
        metavar="K",
        help="use the checkpoint's training snapshot K (0 = the first, -1 = the last) "
        "instead of its final weights",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list, one object per image")
    p.add_argument("--device", default=argparse.SUPPRESS, help="cpu (default), auto or cuda")
    p.add_argument(
        "--ablate",
        metavar="LAYER:INDEX,...",
        help="knock units out for this run, e.g. conv2:3,conv1:0 (conv: channel; fc: unit)",
    )
    p.set_defaults(func=run)


def network_input_for(path: Path, config) -> np.ndarray:
    """(C, S, S) float32 network input for an image file or a .npy array."""
    return prepared_input_for(path, config)[0]


def prepared_input_for(path: Path, config) -> tuple[np.ndarray, bool]:
    """(network input, whether the picture has no ink) for an image file or a .npy array (a
    .npy is the network input itself: it always counts as ink)."""
    if path.suffix.lower() == ".npy":
        from explainer.core.inputs import load_npy_input

        return load_npy_input(path, config), False
    from explainer.core.preprocess import prepare_input

    prepared = prepare_input(path, config)
    return prepared.network_input, prepared.empty


def run(args: argparse.Namespace) -> int:
    import torch

    from explainer import paths
    from explainer.core.checkpoint import load_model

    checkpoint_path = args.checkpoint or paths.default_checkpoint()
    model, checkpoint = load_model(checkpoint_path, args.device or "cpu", snapshot=args.snapshot)
    config = checkpoint.config
    ablation = None
    if args.ablate is not None:
        from explainer.core.ablation import Ablation

        ablation = Ablation.parse(args.ablate, config)
    # Read every input first, so a bad file stops the command before anything is printed.
    prepared = [prepared_input_for(Path(name), config) for name in args.images]
    inputs = [network_input for network_input, _ in prepared]
    with torch.inference_mode():
        batch = torch.as_tensor(np.stack(inputs)).to(model.device)
        probs = torch.softmax(model(batch, ablation), dim=1).cpu().numpy().astype(np.float64)
    for name, row in zip(args.images, probs, strict=True):
        if not np.isfinite(row).all():
            raise ExplainerError(
                f"{name}: the network's output is not finite (NaN/Inf) for this input; "
                "expected an image, or a .npy of values in [0, 1]"
            )
    results = []
    for name, row, (_, no_ink) in zip(args.images, probs, prepared, strict=True):
        if no_ink:  # a blank picture: nothing to classify, whatever the network would say
            results.append({"file": name, "no_ink": True, "top": [], "probs": None})
            continue
        order = np.argsort(-row, kind="stable")
        results.append(
            {
                "file": name,
                "no_ink": False,
                "top": [{"label": config.class_names[i], "prob": float(row[i])} for i in order[:2]],
                "probs": [float(p) for p in row],
            }
        )
    if args.json:
        print(json.dumps(results))
        return 0
    for result in results:
        if result["no_ink"]:
            print(f"{result['file']}: no ink (a blank picture): nothing to classify")
            continue
        best, second = result["top"]
        print(
            f"{result['file']}: {best['label']} ({best['prob']:.1%}), "
            f"then {second['label']} ({second['prob']:.1%})"
        )
    return 0
