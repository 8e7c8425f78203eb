"""The benchmark suite of issue 7: `python -m bench [--quick]` (see bench/README.md)."""
