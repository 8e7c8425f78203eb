"""`cnn-explainer train`: train a LeNet on a local dataset and write a checkpoint atomically."""

from __future__ import annotations

import argparse
import copy
import math
import platform
import shlex
import sys
import time
from pathlib import Path
from typing import Any

from explainer.core.config import ACTIVATIONS, POOL_KINDS
from explainer.core.errors import ExplainerError

OPTIMIZERS = ("sgd", "momentum", "adam")
DEFAULT_LR = {"sgd": 0.2, "momentum": 0.05, "adam": 2e-3}  # as core.train.DEFAULT_LR


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "train",
        help="train a model on MNIST (shipped subset), Fashion-MNIST or an IDX folder",
        description="Train a LeNet-style network and save it as a checkpoint. "
        "--epochs 0 saves the random initialisation (an untrained model).",
    )
    p.add_argument(
        "--dataset", default="mnist", help="mnist | fashion | idx:FOLDER (default mnist)"
    )
    p.add_argument("--activation", default="relu", choices=ACTIVATIONS)
    p.add_argument("--pool", default="max", choices=POOL_KINDS)
    p.add_argument("--fc", default="120,100", help="fully connected sizes, e.g. 120,100 or 120,84")
    p.add_argument("--epochs", type=int, default=60)
    p.add_argument("--batch", type=int, default=128, help="batch size (default 128)")
    p.add_argument(
        "--optimizer",
        default="adam",
        choices=OPTIMIZERS,
        help="sgd, momentum (SGD with momentum) or adam (AdamW; default)",
    )
    p.add_argument(
        "--lr",
        type=float,
        help="peak learning rate, warm-up then cosine (default: sgd 0.2, momentum 0.05, "
        "adam 0.002)",
    )
    p.add_argument("--momentum", type=float, default=0.9, help="for --optimizer momentum")
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument(
        "--augment",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="random rotation/scale/shift/stroke thickness (default on)",
    )
    p.add_argument(
        "--snapshots",
        type=int,
        default=0,
        metavar="N",
        help="keep N snapshots of the weights over the run (dense early), each scored on the "
        "held-out split, in the checkpoint: its training timeline (default 0: none)",
    )
    p.add_argument("--out", required=True, help="checkpoint file to write (.pt)")
    p.add_argument("--device", default=argparse.SUPPRESS, help="auto (default), cpu or cuda")
    p.add_argument(
        "--threads", type=int, default=0, help="CPU threads for torch (0: torch's default)"
    )
    p.add_argument(
        "--snapshot-epoch",
        type=int,
        default=0,
        help="also save the model after this many epochs (see --snapshot-out)",
    )
    p.add_argument("--snapshot-out", help="where the --snapshot-epoch checkpoint goes")
    p.add_argument("--description", default="", help="free text stored in the metadata")
    p.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)


def _parse_fc(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise ExplainerError(
            f"--fc must be comma-separated integers like 120,100, found {text!r}"
        ) from exc
    if not sizes or any(s <= 0 for s in sizes):
        raise ExplainerError(f"--fc needs at least one positive size, found {text!r}")
    return sizes


def run(args: argparse.Namespace) -> int:
    if args.lr is None:
        args.lr = DEFAULT_LR[args.optimizer]
    check_arguments(args)
    # Where the files go is checked before any work: a trained model must never be lost to an
    # output path that cannot be written.
    replaced = [check_output(args.out, "--out")]
    if args.snapshot_out:
        replaced.append(check_output(args.snapshot_out, "--snapshot-out"))
    if args.snapshot_epoch and not args.snapshot_out:
        raise ExplainerError("--snapshot-epoch needs --snapshot-out PATH")
    if args.snapshot_epoch and not 0 < args.snapshot_epoch <= args.epochs:
        raise ExplainerError(
            f"--snapshot-epoch must be between 1 and --epochs ({args.epochs}), "
            f"found {args.snapshot_epoch}"
        )
    import torch

    from explainer.core.checkpoint import save_checkpoint
    from explainer.core.config import ModelConfig
    from explainer.core.datasets import DEFAULT_EVAL_SPLIT, load_dataset, normalisation_stats
    from explainer.core.model import build_model, describe_device, pick_device
    from explainer.core.train import evaluate, train_model

    if args.threads > 0:
        torch.set_num_threads(args.threads)
    device = pick_device(args.device)  # None: auto
    say = (lambda *a: None) if args.quiet else (lambda *a: print(*a, file=sys.stderr))
    for path in filter(None, replaced):
        say(f"note: {path} exists and will be replaced when training ends")

    train_set = load_dataset(args.dataset, "train")
    eval_split = DEFAULT_EVAL_SPLIT[train_set.kind]
    eval_set = load_dataset(args.dataset, eval_split)
    mean, std = normalisation_stats(train_set)
    config = ModelConfig(
        activation=args.activation,
        pool=args.pool,
        fc_sizes=_parse_fc(args.fc),
        class_names=train_set.class_names,
        norm_mean=mean,
        norm_std=std,
    )
    model = build_model(config, device, seed=args.seed)
    say(
        f"training on {describe_device(device)}: {train_set.describe()}, "
        f"held out {eval_set.describe()}"
    )

    base_metadata: dict[str, Any] = {
        "dataset": train_set.name,
        "train_split": "train",
        "train_size": len(train_set),
        "eval_split": eval_split,
        "seed": args.seed,
        "normalisation": {
            "mean": mean,
            "std": std,
            "computed_on": f"{train_set.name}/train, padded to 32×32",
        },
        "augment": bool(args.augment),
        "optimizer": settings_for(args).describe_optimizer(),
        "batch_size": args.batch,
        "torch_version": str(torch.__version__),  # TorchVersion would not unpickle
        "python_version": platform.python_version(),
        "device": describe_device(device),
        "command": command_line(args),
        "description": args.description,
    }

    def finish(
        net,
        epochs_done: int,
        history: list[dict[str, float]],
        seconds: float,
        out: str,
        snapshots=(),
    ) -> tuple[Path, float]:
        # Held-out accuracy measured on the CPU copy, as `eval` measures it (same numbers).
        cpu_net = copy.deepcopy(net).to("cpu")
        result = evaluate(cpu_net, eval_set)
        metadata = dict(base_metadata)
        metadata.update(
            {
                "trained": epochs_done > 0,
                "epochs": epochs_done,
                "training_seconds": round(seconds, 2),
                "seconds_per_epoch": round(seconds / epochs_done, 3) if epochs_done else 0.0,
                "heldout_accuracy": result.accuracy,
                "heldout_n": result.n,
                "history": [{k: round(v, 5) for k, v in h.items()} for h in history],
                "saved_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
        )
        metadata["name"] = Path(out).stem
        if epochs_done == 0:
            metadata["description"] = args.description or (
                f"untrained: random initialisation with seed {args.seed}"
            )
            # Nothing was optimised: settings of a training that never ran would mislead.
            for key in ("augment", "optimizer", "batch_size"):
                metadata.pop(key, None)
        elif epochs_done < args.epochs:
            metadata["description"] = (
                f"snapshot after {epochs_done} of {args.epochs} epochs of the run that made "
                f"{Path(args.out).name}" + (f" ({args.description})" if args.description else "")
            )
        return save_checkpoint(out, cpu_net, metadata, snapshots), result.accuracy

    started = time.perf_counter()
    history: list[dict[str, float]] = []  # train_model appends one record per epoch

    def on_epoch_end(epoch: int, net) -> None:
        if args.snapshot_epoch and epoch + 1 == args.snapshot_epoch:
            path, acc = finish(
                net, epoch + 1, list(history), time.perf_counter() - started, args.snapshot_out
            )
            say(f"snapshot after {epoch + 1} epoch(s): {path} (held-out accuracy {acc:.4f})")

    settings = settings_for(args, on_epoch_end)
    seconds, snapshots = 0.0, []
    if args.epochs > 0:
        result = train_model(
            model,
            train_set,
            settings,
            device,
            progress=False if args.quiet else None,
            history=history,
            heldout=eval_set if args.snapshots else None,
        )
        seconds, snapshots = result.seconds, result.snapshots
    path, acc = finish(model, args.epochs, history, seconds, args.out, snapshots)
    say(
        f"saved {path}: held-out accuracy {acc:.4f} on {len(eval_set)} {eval_set.name}/"
        f"{eval_split} images, {args.epochs} epochs in {seconds:.1f} s"
        + (f", {len(snapshots)} snapshots" if snapshots else "")
    )
    return 0


# Bounds that no teaching run needs to exceed (each refused with its value, before any work).
LIMITS = {
    "epochs": (0, 10_000),
    "batch": (1, 65_536),
    "snapshots": (0, 1000),
    "threads": (0, 256),
    "seed": (0, 2**32 - 1),  # torch.manual_seed's range
    "snapshot_epoch": (0, 10_000),
}
MAX_LR = 100.0


def check_arguments(args: argparse.Namespace) -> None:
    """One line for the first argument out of range, saying the range and what was found."""
    for name, (low, high) in LIMITS.items():
        value = getattr(args, name)
        if not low <= value <= high:
            flag = "--" + name.replace("_", "-")
            raise ExplainerError(f"{flag} must be between {low} and {high:,}, found {value:,}")
    if not math.isfinite(args.lr) or not 0 < args.lr <= MAX_LR:
        raise ExplainerError(f"--lr must be a number in (0, {MAX_LR:g}], found {args.lr}")
    if not math.isfinite(args.weight_decay) or not 0 <= args.weight_decay <= 1:
        raise ExplainerError(f"--weight-decay must be in [0, 1], found {args.weight_decay}")
    if not math.isfinite(args.momentum) or not 0 <= args.momentum < 1:
        raise ExplainerError(f"--momentum must be in [0, 1), found {args.momentum}")


def check_output(text: str, flag: str) -> Path | None:
    """A checkpoint can be written at `text` (ExplainerError saying why not); the path when it
    exists already and will be replaced."""
    from explainer.core.files import check_writable

    if not text.strip():
        raise ExplainerError(f"{flag} needs a file name, found an empty one")
    return check_writable(Path(text), flag)


def settings_for(args: argparse.Namespace, on_epoch_end=None):
    from explainer.core.train import TrainSettings

    return TrainSettings(
        epochs=args.epochs,
        batch_size=args.batch,
        lr=args.lr,
        weight_decay=args.weight_decay,
        seed=args.seed,
        augment=args.augment,
        optimizer=args.optimizer,
        momentum=args.momentum,
        snapshots=args.snapshots,
        on_epoch_end=on_epoch_end,
    )


def command_line(args: argparse.Namespace) -> str:
    """The one command that repeats this run (rebuilt from the parsed options)."""
    parts = [
        "cnn-explainer",
        "train",
        "--dataset",
        args.dataset,
        "--activation",
        args.activation,
        "--pool",
        args.pool,
        "--fc",
        args.fc,
        "--epochs",
        str(args.epochs),
        "--batch",
        str(args.batch),
        "--lr",
        str(args.lr),
        "--weight-decay",
        str(args.weight_decay),
        "--seed",
        str(args.seed),
        "--augment" if args.augment else "--no-augment",
    ]
    if args.optimizer != "adam":
        parts += ["--optimizer", args.optimizer]
        if args.optimizer == "momentum":
            parts += ["--momentum", str(args.momentum)]
    if args.snapshots:
        parts += ["--snapshots", str(args.snapshots)]
    if args.snapshot_epoch:
        parts += ["--snapshot-epoch", str(args.snapshot_epoch), "--snapshot-out", args.snapshot_out]
    if args.threads > 0:  # the thread count can change the last bits of the weights
        parts += ["--threads", str(args.threads)]
    if args.device not in (None, "auto"):
        parts += ["--device", args.device]
    parts += ["--out", args.out]
    return shlex.join(parts)
