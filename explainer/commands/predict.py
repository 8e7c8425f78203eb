"""`cnn-explainer predict IMAGE...`: classify image files (or ready-made .npy network inputs)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np


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
    p.set_defaults(func=run)


def network_input_for(path: Path, config) -> np.ndarray:
    """(C, S, S) float32 network input for an image file or a .npy array."""
    from explainer.core.errors import ImageError

    if path.suffix.lower() == ".npy":
        if not path.is_file():
            raise ImageError(f"{path}: no such file")
        try:
            array = np.load(path, allow_pickle=False)
        except (ValueError, OSError) as exc:
            raise ImageError(f"{path}: not a readable .npy array ({exc})") from exc
        size, channels = config.input_size, config.in_channels
        expected = [(size, size), (channels, size, size)]
        if array.shape not in expected:
            raise ImageError(
                f"{path}: a .npy input must have the model's input shape "
                f"{' or '.join(str(s) for s in expected)}, found {array.shape}"
            )
        if not np.issubdtype(array.dtype, np.number) or not np.all(np.isfinite(array)):
            raise ImageError(f"{path}: a .npy input must hold finite numbers")
        array = array.astype(np.float32).reshape(channels, size, size)
        # The identity normalisation (0, 1) leaves the array as it is.
        return np.asarray(config.normalize(array), dtype=np.float32)
    from explainer.core.preprocess import prepare_input

    return prepare_input(path, config).network_input


def run(args: argparse.Namespace) -> int:
    import torch

    from explainer import paths
    from explainer.core.checkpoint import load_model

    checkpoint_path = args.checkpoint or paths.default_checkpoint()
    model, checkpoint = load_model(checkpoint_path, args.device or "cpu", snapshot=args.snapshot)
    config = checkpoint.config
    # Read every input first, so a bad file stops the command before anything is printed.
    inputs = [network_input_for(Path(name), config) for name in args.images]
    with torch.inference_mode():
        batch = torch.as_tensor(np.stack(inputs)).to(model.device)
        probs = torch.softmax(model(batch), dim=1).cpu().numpy().astype(np.float64)
    results = []
    for name, row in zip(args.images, probs, strict=True):
        order = np.argsort(-row, kind="stable")
        results.append(
            {
                "file": name,
                "top": [{"label": config.class_names[i], "prob": float(row[i])} for i in order[:2]],
                "probs": [float(p) for p in row],
            }
        )
    if args.json:
        print(json.dumps(results))
        return 0
    for result in results:
        best, second = result["top"]
        print(
            f"{result['file']}: {best['label']} ({best['prob']:.1%}), "
            f"then {second['label']} ({second['prob']:.1%})"
        )
    return 0
