"""`cnn-explainer info CHECKPOINT`: what a checkpoint holds, without its weights."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "info",
        help="show a checkpoint's architecture, metadata and training timeline",
        description="Print a checkpoint's config (the architecture), its metadata (how it was "
        "trained) and its training snapshots (step, epoch, held-out loss and accuracy), "
        "without the weights. The file is checked as fully as when it is opened.",
    )
    p.add_argument("checkpoint", help="checkpoint file (.pt, .pth or .safetensors)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def describe(checkpoint) -> dict:
    config = checkpoint.config
    return {
        "checkpoint": str(checkpoint.path) if checkpoint.path is not None else None,
        "config": config.to_dict(),
        "parameters": config.total_params,
        "layers": [
            {"name": spec.name, "kind": spec.kind, "shape": list(spec.shape), "params": spec.params}
            for spec in config.layers()
        ],
        "metadata": checkpoint.metadata,
        "snapshots": [snapshot.info() for snapshot in checkpoint.snapshots],
    }


def run(args: argparse.Namespace) -> int:
    from explainer.core.checkpoint import load_checkpoint

    checkpoint = load_checkpoint(args.checkpoint)
    info = describe(checkpoint)
    if args.json:
        print(json.dumps(info))
        return 0
    from explainer.core.text import printable

    config = checkpoint.config
    metadata = checkpoint.metadata
    # Metadata is free text from the file: each value shown on one line of bounded length.
    print(f"{args.checkpoint}: {printable(metadata.get('description') or checkpoint.name, 300)}")
    c1, c2 = config.conv_channels
    fc = " → ".join(str(size) for size in config.fc_sizes)
    print(
        f"  LeNet {config.input_size}×{config.input_size}×{config.in_channels}: conv {c1}@"
        f"{config.kernel_size}×{config.kernel_size}, {config.pool} pool, conv {c2}, "
        f"{config.pool} pool, fc {fc} → {config.num_classes} ({config.activation}); "
        f"{info['parameters']:,} parameters"
    )
    for key in ("dataset", "epochs", "optimizer", "heldout_accuracy", "heldout_n", "device"):
        if key in metadata:
            print(f"  {key}: {printable(metadata[key], 300, keep='')}")
    snapshots = checkpoint.snapshots
    if not snapshots:
        print("  no training timeline")
        return 0
    print(f"  training timeline: {len(snapshots)} snapshots (use --snapshot K, -1 = the last)")
    print("     K     step    epoch  held-out loss  held-out accuracy")
    for k, snapshot in enumerate(snapshots):
        loss = "" if snapshot.heldout_loss is None else f"{snapshot.heldout_loss:.4f}"
        acc = "" if snapshot.heldout_accuracy is None else f"{snapshot.heldout_accuracy:.4f}"
        print(f"  {k:4d} {snapshot.step:8d} {snapshot.epoch:8.3f} {loss:>14} {acc:>18}")
    return 0
