"""`cnn-explainer eval CHECKPOINT`: accuracy, per-class accuracy and confusion matrix."""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "eval",
        help="measure a checkpoint's accuracy on a dataset (default: its own held-out data)",
        description="Evaluate a checkpoint. Without --dataset it uses the checkpoint's own "
        "held-out data: mnist → the 1,000 held-out digits, fashion → the 10,000 test images.",
    )
    p.add_argument("checkpoint", help="checkpoint file (.pt)")
    p.add_argument("--dataset", help="mnist | fashion | idx:FOLDER (default: the checkpoint's)")
    p.add_argument("--split", help="split to use (default: held-out / test)")
    p.add_argument(
        "--snapshot",
        type=int,
        metavar="K",
        help="evaluate training snapshot K (0 = the first, -1 = the last) of the checkpoint",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--device", default=argparse.SUPPRESS, help="cpu (default), auto or cuda")
    p.set_defaults(func=run)


def default_dataset(metadata: dict) -> str:
    """The dataset a checkpoint was trained on ('mnist' for checkpoints that do not say)."""
    name = metadata.get("dataset")
    return name if isinstance(name, str) and name else "mnist"


def run(args: argparse.Namespace) -> int:
    from explainer.core.checkpoint import load_model
    from explainer.core.datasets import load_dataset
    from explainer.core.train import evaluate

    model, checkpoint = load_model(args.checkpoint, args.device or "cpu", snapshot=args.snapshot)
    dataset = load_dataset(args.dataset or default_dataset(checkpoint.metadata), args.split)
    result = evaluate(model, dataset)
    if args.json:
        payload = {
            "checkpoint": str(args.checkpoint),
            "dataset": dataset.name,
            "split": dataset.split,
            "snapshot": args.snapshot,
            **result.to_json(),
        }
        print(json.dumps(payload))
        return 0
    print(f"{args.checkpoint}: {dataset.describe()}")
    print(
        f"accuracy {result.accuracy:.4f} ({result.correct}/{result.n}) "
        f"in {result.seconds:.2f} s on {model.device}"
    )
    print(format_confusion(result.confusion, result.class_names, result.per_class))
    return 0


def format_confusion(confusion, class_names, per_class) -> str:
    """Rows = true class, columns = predicted class, last column = per-class accuracy."""
    width = max(5, len(str(int(confusion.max()))) + 1)
    label_width = max(len(name) for name in class_names) + 1
    keys = [str(i) for i in range(len(class_names))]
    lines = ["rows: true class, columns: predicted class"]
    lines.append(" " * (label_width + 3) + "".join(k.rjust(width) for k in keys) + "   accuracy")
    for i, (name, row) in enumerate(zip(class_names, confusion, strict=True)):
        acc = per_class[i]
        acc_text = "   n/a" if acc != acc else f"{acc:9.3f}"
        lines.append(
            f"{name.rjust(label_width)} {keys[i]:>2}"
            + "".join(str(int(v)).rjust(width) for v in row)
            + "  "
            + acc_text
        )
    return "\n".join(lines)
