"""Checkpoints: save, load, validate and import LeNet weights without ever running a pickle's code.

One module per job; this package re-exports what callers use, so
``from explainer.core.checkpoint import load_model`` keeps working:

- ``record``: the ``Checkpoint`` dataclass (config, weights, metadata) that loading returns.
- ``format``: our file format (``.pt`` and ``.safetensors``), ``save_checkpoint`` (atomic),
  ``load_checkpoint`` and ``load_model``.
- ``validation``: a state_dict against the layer table of its ``ModelConfig`` (names, shapes,
  tensors, floating point, finite), before ``load_state_dict`` ever sees it.
- ``importing``: other people's state_dicts (the PyTorch tutorial LeNet, ``nn.Sequential``,
  wrapped dicts), with the architecture read from the tensor shapes.
- ``safety``: what a file is, zip integrity, and the ``torch.load(weights_only=True)`` that is the
  only unpickling, with a message naming what a refused pickle wanted to call.

Loading checks, in order, and each failure raises ``CheckpointError`` with a one-line message that
starts with the file name: the file exists and is not empty; it is a zip archive or a pickle (not a
PNG, a text file, ...); every zip member is intact (CRC-32, so flipped bytes are caught, which
torch itself does not check); the pickle is plain data; the format marker and version; the config;
then the state_dict against ``LeNet(config)``: missing and unexpected names, shapes, dtypes and
NaN/Inf values. docs/checkpoint-format.md describes the same in more words.
"""

from explainer.core.checkpoint.format import (
    FORMAT,
    FORMAT_VERSION,
    METADATA_KEYS,
    load_checkpoint,
    load_model,
    save_checkpoint,
)
from explainer.core.checkpoint.importing import WRAPPER_KEYS, import_state_dict
from explainer.core.checkpoint.record import Checkpoint
from explainer.core.checkpoint.validation import expected_shapes, validate_state_dict
from explainer.core.files import check_writable

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "METADATA_KEYS",
    "WRAPPER_KEYS",
    "Checkpoint",
    "check_writable",
    "expected_shapes",
    "import_state_dict",
    "load_checkpoint",
    "load_model",
    "save_checkpoint",
    "validate_state_dict",
]
