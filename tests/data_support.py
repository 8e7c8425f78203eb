"""Helpers shared by the tests that train: small stratified subsets of a dataset."""

from __future__ import annotations

import dataclasses

import numpy as np


def subset(dataset, per_class: int):
    """The first `per_class` images of each class (a small stratified subset)."""
    keep = np.concatenate([np.flatnonzero(dataset.labels == c)[:per_class] for c in range(10)])
    return dataclasses.replace(
        dataset,
        images=dataset.images[keep],
        labels=dataset.labels[keep],
        source_rows=dataset.source_rows[keep],
    )
