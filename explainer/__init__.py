"""CNN Explainer: a LeNet-style network, explained layer by layer."""

__version__ = "0.1.0"
