#!/usr/bin/env bash
# Re-train every shipped model in models/ (`make models`). Each line is the one command recorded
# in that checkpoint's metadata ("command") and in its model card (models/README.md).
# CPU, one thread each, so the weights repeat bit for bit on the same torch build; about
# 2 min (default + early), 2 min (classic) and 4 min (fashion) on one core.
# Usage: scripts/train_models.sh [default|classic|fashion|untrained ...]   (no argument: all)
set -euo pipefail
cd "$(dirname "$0")/.."
CLI=${CLI:-.venv/bin/cnn-explainer}
wanted=("${@:-default classic fashion untrained}")
wanted=(${wanted[*]})

want() { [[ " ${wanted[*]} " == *" $1 "* ]]; }

if want default; then
  # default.pt and, from the same run, early.pt (the snapshot after 1 epoch).
  "$CLI" train --dataset mnist --activation relu --pool max --fc 120,100 --epochs 100 \
    --batch 128 --lr 0.002 --weight-decay 0.0001 --seed 0 --augment \
    --snapshots 24 --snapshot-epoch 1 --snapshot-out models/early.pt --threads 1 --device cpu \
    --description "default: MNIST subset, ReLU, max pooling, augmented for mouse drawings" \
    --out models/default.pt
fi
if want classic; then
  "$CLI" train --dataset mnist --activation scaled_tanh --pool avg --fc 120,100 --epochs 100 \
    --batch 128 --lr 0.002 --weight-decay 0.0001 --seed 0 --augment --threads 1 --device cpu \
    --description "classic: LeNet-5 flavour, scaled tanh 1.7159·tanh(2x/3) and average pooling" \
    --out models/classic.pt
fi
if want fashion; then
  # No augmentation: rotations and stroke thickening suit pen strokes, not clothes.
  "$CLI" train --dataset fashion --activation relu --pool max --fc 120,100 --epochs 25 \
    --batch 128 --lr 0.002 --weight-decay 0.0001 --seed 0 --no-augment --threads 1 --device cpu \
    --description "fashion: full Fashion-MNIST (Debian dataset-fashion-mnist)" \
    --out models/fashion.pt
fi
if want untrained; then
  "$CLI" train --dataset mnist --activation relu --pool max --fc 120,100 --epochs 0 --seed 0 \
    --device cpu --out models/untrained.pt
fi
