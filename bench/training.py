"""Figure 5: training throughput and evaluation speed, with the real training loop.

One epoch of `explainer.core.train.train_model` (AdamW, batch 128, whole split resident on the
device) on the MNIST subset (4,000 training digits) and on the 60,000 Fashion-MNIST training
images; evaluation (`evaluate`) of the 10,000 Fashion-MNIST test images. On CPU torch runs on
ONE thread, as scripts/train_models.sh trains the shipped models (`--threads 1`); the Fashion
epoch and the evaluation are also measured with torch's default thread count
("default_threads"), which on a small, shared machine is often slower: the threads wait on
each other for a net this small.

Baselines in the same run: training without augmentation (also how models/fashion.pt is
trained, so the Fashion epoch target applies to it) and, for evaluation, bare batched forward
passes over the already padded test tensor (no confusion matrix or per-sample bookkeeping).
--quick trains on a slice of each training set and extrapolates seconds per epoch from its
images/s; such figures carry "extrapolated": true.
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from bench.common import NO_CUDA, target

QUICK_IMAGES = {"mnist": 1000, "fashion": 3000, "fashion_default_threads": 1000}
WARMUP_IMAGES = 256
FASHION_EPOCH_LIMIT_S = 10.0
EVAL_LIMIT_S = 2.0
EVAL_BATCH = 2000


def _subset(dataset, n: int | None):  # noqa: ANN001 - Dataset
    if n is None or n >= len(dataset):
        return dataset
    # Every class in the slice: the MNIST subset is sorted by class, so take a strided slice.
    step = len(dataset) // n
    rows = slice(0, step * n, step)
    return replace(
        dataset,
        images=dataset.images[rows],
        labels=dataset.labels[rows],
        source_rows=dataset.source_rows[rows],
    )


def _train_epoch(config, dataset, device, augment: bool) -> dict[str, Any]:  # noqa: ANN001
    from explainer.core.model import build_model
    from explainer.core.train import TrainSettings, train_model

    model = build_model(config, device, seed=0)
    settings = TrainSettings(epochs=1, augment=augment, seed=0)
    result = train_model(model, dataset, settings, device, progress=False)
    seconds = result.history[0]["seconds"]
    return {
        "images": len(dataset),
        "seconds": round(seconds, 3),
        "images_per_s": round(len(dataset) / seconds, 1),
    }


def _epoch_figures(
    config,
    dataset,
    full_size: int,
    device,
    quick_n: int | None,  # noqa: ANN001
    variants: tuple[str, ...] = ("augmented", "baseline_no_augment"),
) -> dict:
    part = _subset(dataset, quick_n)
    _train_epoch(config, _subset(dataset, WARMUP_IMAGES), device, True)  # first-step costs
    out: dict[str, Any] = {
        "epoch_images": full_size,
        "measured_images": len(part),
        "extrapolated": len(part) < full_size,
    }
    for label in variants:
        augment = label == "augmented"
        measured = _train_epoch(config, part, device, augment)
        measured["seconds_per_epoch"] = round(full_size / measured["images_per_s"], 3)
        out[label] = measured
    return out


def _evaluation(config, dataset, device) -> dict[str, Any]:  # noqa: ANN001
    import torch

    from explainer.core.datasets import pad_images
    from explainer.core.model import build_model
    from explainer.core.train import evaluate

    model = build_model(config, device, seed=0)
    evaluate(model, _subset(dataset, 500))  # warm-up: first-call allocations
    result = evaluate(model, dataset, batch_size=EVAL_BATCH)
    images = config.normalize(pad_images(dataset.images, config.input_size)).to(device)
    start = time.perf_counter()
    with torch.inference_mode():
        for first in range(0, images.shape[0], EVAL_BATCH):
            model(images[first : first + EVAL_BATCH]).argmax(1).cpu()
    bare = time.perf_counter() - start
    return {
        "images": len(dataset),
        "seconds": round(result.seconds, 3),
        "images_per_s": round(len(dataset) / result.seconds, 1),
        "baseline_bare_forward_s": round(bare, 3),
    }


def _device_figures(device, datasets: dict, quick: bool) -> dict[str, Any]:  # noqa: ANN001
    from explainer.core.config import FASHION_CLASSES, ModelConfig
    from explainer.core.datasets import normalisation_stats

    mnist_train, fashion_train, fashion_test = datasets.values()
    mean, std = normalisation_stats(fashion_train)
    fashion_config = ModelConfig(class_names=FASHION_CLASSES, norm_mean=mean, norm_std=std)
    return {
        "mnist_subset_train": _epoch_figures(
            ModelConfig(),
            mnist_train,
            len(mnist_train),
            device,
            QUICK_IMAGES["mnist"] if quick else None,
        ),
        "fashion_train": _epoch_figures(
            fashion_config,
            fashion_train,
            len(fashion_train),
            device,
            QUICK_IMAGES["fashion"] if quick else None,
        ),
        "fashion_test_eval": _evaluation(fashion_config, fashion_test, device),
    }


def _default_threads_figures(datasets: dict, quick: bool) -> dict[str, Any]:
    import torch

    from explainer.core.config import FASHION_CLASSES, ModelConfig

    _, fashion_train, fashion_test = datasets.values()
    config = ModelConfig(class_names=FASHION_CLASSES)
    device = torch.device("cpu")
    epoch = _epoch_figures(
        config,
        fashion_train,
        len(fashion_train),
        device,
        QUICK_IMAGES["fashion_default_threads"] if quick else None,
        ("baseline_no_augment",),
    )
    return {"fashion_train": epoch, "fashion_test_eval": _evaluation(config, fashion_test, device)}


def run(quick: bool) -> dict[str, Any]:
    import torch

    from explainer.core.datasets import load_dataset

    start = time.perf_counter()
    datasets = {
        "mnist_train": load_dataset("mnist", "train"),
        "fashion_train": load_dataset("fashion", "train"),
        "fashion_test": load_dataset("fashion", "test"),
    }
    load_s = time.perf_counter() - start
    default_threads = torch.get_num_threads()
    torch.set_num_threads(1)
    cpu = _device_figures(torch.device("cpu"), datasets, quick)
    cpu["threads"] = torch.get_num_threads()
    torch.set_num_threads(default_threads)
    cpu["default_threads"] = _default_threads_figures(datasets, quick)
    cpu["default_threads"]["threads"] = default_threads
    if torch.cuda.is_available():
        cuda: dict[str, Any] = _device_figures(torch.device("cuda"), datasets, quick)
    else:
        cuda = {"skipped": NO_CUDA}
    fashion = cpu["fashion_train"]
    note = "extrapolated from a slice (--quick)" if fashion["extrapolated"] else ""
    return {
        "dataset_load_s": round(load_s, 2),
        "cpu": cpu,
        "cuda": cuda,
        "targets": [
            target(
                "Fashion-MNIST epoch, CPU (no augmentation, as models/fashion.pt)",
                fashion["baseline_no_augment"]["seconds_per_epoch"],
                FASHION_EPOCH_LIMIT_S,
                "s",
                note,
            ),
            target(
                "10k-image evaluation, CPU", cpu["fashion_test_eval"]["seconds"], EVAL_LIMIT_S, "s"
            ),
        ],
    }
