"""Messages shown to the user: the core's error messages in the interface language, and message
boxes and labels that re-render when the language changes.

The core raises its errors (ExplainerError and subclasses) with English sentences, which the
command line prints. The window shows them through `translate_message`: CORE_MESSAGES lists the
core's message templates, written as the core writes them with %1, %2 … where the f-string has
a value (tests/test_gui_i18n.py checks that every literal message raised in the core is listed).
A message that matches a template is given its Portuguese form, its values put back (numbers in
the interface's format; a value that is itself a core message is translated too); a message
that matches none is shown as it is.

A text shown before a language switch must follow it: `Text` is a string or a function that
returns one (a lambda around self.tr(...)), and `MessageBox` and `Messenger` call it again on
each LanguageChange.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from explainer.gui import i18n, numbers
from explainer.gui.i18n import Retranslatable, tr_args

CONTEXT = "CoreMessages"

Text = str | Callable[[], str]

# The core's messages: explainer/core (checkpoint, config, datasets, preprocess, samples, model,
# mosaic, arithmetic, train), explainer/state.py (and why.py), explainer/training.py and
# explainer/presets.
# Each is the f-string of a raise with its {…} replaced by %1, %2, … in order; fragments that
# helpers put into them come last.
CORE_MESSAGES: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("CoreMessages", "%1 %2 %3 is out of range: expected 0–%4"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1 %2 is not a whole number: stride %3 does not fit (strides that fit: %4; or change "
        "the padding)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 class names for %2 logits"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 contains NaN or infinity"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 has %2 classes but the model has %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 input labels for %2 inputs"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 is empty (shape %2)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1 is missing; run scripts/fetch_mnist_subset.sh to extract it",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1 is not an image PIL can read (expected PNG, JPEG, BMP, …)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 is not valid JSON: %2 at line %3, column %4"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be %2, found shape %3"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1 must be a rectangular array of numbers (every row the same length), found ragged "
        "rows or values that are not numbers",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be a whole number, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be an integer ≥ %2 (or two of them), found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be an integer ≥ %2, found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be ≥ %2, found %3"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1 units are addressed by channel, row and col; %2 is missing",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1/%2: labels must be 0..%3, found %4..%5"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2 (a LeNet with %3 has %4)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: %2 class names given, but the last layer %3 has %4 outputs",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2 images but %3 labels in split %4"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: %2 is of type %3; metadata may hold only plain data (dict, list, str, int, float, "
        "bool, None)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2 key %3 is not a string"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: %2.weight takes %3 inputs, but conv2's %4 channels × s×s after pooling give no "
        "such size%5; cannot infer the input size",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: IDX header cut short"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: activation must be one of %2, found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: bias must hold one number per filter (%2), found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: corrupt zip archive: member %2 is damaged (%3)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: expected %2-D IDX data, found %3-D"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: expected 28×28 images, found %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: expected a JSON object with input and kernels, found %2",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: expected a state_dict (dict of tensors), found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: expected rows of 784 pixels + label, found shape %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: expected unsigned-byte IDX data (type 0x08), found 0x%2",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: format marker is %2, expected %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: format_version must be a positive integer, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: invalid config for the imported weights: %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: invalid config: %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: invalid config: expected a dict, found %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: kernel %2 is larger than the padded input %3 + 2·%4 = %5: the configuration does "
        "not fit",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: kernels must be square (F×F), found %2×%3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: layers do not fit together: %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: malformed checkpoint header (%2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: metadata must be a dict, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: missing %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: missing %2 (a preset needs input and kernels)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: name must be text, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: no %2 or %3.gz (an MNIST-format IDX file)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: no such file (%2)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: not a checkpoint: %2; expected a PyTorch .pt file (a zip archive or a pickle)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: not a checkpoint: a dict without tensors (keys: %2); expected a state_dict, or "
        "one under %3",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: not a checkpoint: a zip archive without data.pkl (holds %2)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: not a checkpoint: an empty dict"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: not a checkpoint: holds a %2, expected a dict (a state_dict or our checkpoint format)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: not a readable CSV of digits (%2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: not a readable IDX file (%2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: not an IDX file (it does not start with 00 00)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: not valid JSON (%2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: pool must be one of %2, found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: state_dict must be a dict of tensors, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: state_dict values must be tensors, but %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: the checkpoint has no %2 entry"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: the header declares %2 = %3 bytes; at most %4 are read"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: the header declares %2 bytes of data, found %3"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: the header declares %2 bytes of data, the file holds %3",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: the input must be square (N×N), found %2×%3"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: the kernels have %2 channel(s) but the input has %3: they must match",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: truncated or corrupt checkpoint (%2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: truncated or corrupt safetensors file (%2); %3"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: truncated or corrupt zip archive (%2); the file may have been cut short",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: unsupported architecture: %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: unsupported architecture: conv kernels are %2 and %3; LeNet import needs square "
        "kernels of one size",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: weights must be floating point, but %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: written by a newer CNN Explainer (format_version %2); this version reads "
        "format_version %3 or older; update cnn-explainer to open it",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "Fashion-MNIST not found in %1; install it with `apt-get install dataset-fashion-mnist`",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "IDX dataset folder %1 does not exist"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "a mosaic needs positive tile count, tile size and grid columns and gap ≥ 0, found %1 "
        "tiles of %2×%3, %4 columns, gap %5",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "activation must be one of %1, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "bias must hold one number per filter (%1), found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "centre of mass of an image without ink is undefined"),
    QT_TRANSLATE_NOOP("CoreMessages", "channel %1 is out of range: the input has %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "channels and filters must be ≥ 1, found %1 and %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "class %1 is out of range: there are %2 classes (0–%3)"),
    QT_TRANSLATE_NOOP("CoreMessages", "config must be a dict, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "conv1 output would be %1×%2: input too small"),
    QT_TRANSLATE_NOOP("CoreMessages", "conv2 output would be %1×%2: input too small"),
    QT_TRANSLATE_NOOP("CoreMessages", "conv_channels must be positive, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "conv_channels must hold 2 numbers, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "conv_unit takes one filter, found %1; use conv2d"),
    QT_TRANSLATE_NOOP("CoreMessages", "could not read image %1: %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "could not read the preset %1: %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "could not write the preset to %1: %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "dataset %1 has splits %2, found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "device %1 asked for, but no CUDA GPU is available"),
    QT_TRANSLATE_NOOP("CoreMessages", "digit %1 has samples 0..%2, found index %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected a 28×28 MNIST-form image, found shape %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected a non-empty image, found %1×%2: %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected a non-empty image, found shape %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected a numeric image array, found dtype %1"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "expected an image array of shape H×W (grayscale), H×W×3 (RGB) or H×W×4 (RGBA), found "
        "shape %1",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "expected finite pixel values, found %1 NaN/Inf pixel(s)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "expected pixel values in [0, 1] or [0, 255], found values from %1 to %2",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "fc_sizes must be positive, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "image file not found: %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "in_channels must be positive, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "input image must be %1, found shape %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "inputs (%1) and weights (%2) must have the same length"),
    QT_TRANSLATE_NOOP("CoreMessages", "invalid config: %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "kernel_size and pool_size must be positive"),
    QT_TRANSLATE_NOOP("CoreMessages", "log base must be e, 10 or 2, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "mnist subset: class %1 has %2 rows, need %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "mosaic of %1×%2×%3 needs %4 values, found shape %5"),
    QT_TRANSLATE_NOOP("CoreMessages", "need at least 2 class names, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "network input must have shape %1, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "no filter %1 in %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "no model is loaded yet"),
    QT_TRANSLATE_NOOP("CoreMessages", "no sample digit %1; samples exist for %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "norm_std must be > 0, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "padding must be ≥ 0, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "pool must be one of %1, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "pool2 output would be %1×%2: input too small"),
    QT_TRANSLATE_NOOP("CoreMessages", "pooling kind must be max or avg, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "pooling window %1 is larger than the input %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "sample index %1 is missing"),
    QT_TRANSLATE_NOOP("CoreMessages", "sample index %1 is not valid (%2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "sort contributions by abs, positive or negative, not %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "the evaluation failed: %1"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the kernel has %1 channel(s) but the input has %2: they must match%3",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "tile %1 is outside this mosaic of %2 tiles"),
    QT_TRANSLATE_NOOP("CoreMessages", "true class %1 is out of range: there are %2 classes (0–%3)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "unit (row %1, col %2) is outside the %3×%4 output (rows 0–%5, cols 0–%6)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "unexpected error (%1); details in %2"),  # crashlog.py
    QT_TRANSLATE_NOOP("CoreMessages", "unexpected error (%1)"),  # …when no log could be written
    QT_TRANSLATE_NOOP("CoreMessages", "unknown activation %1; expected one of %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown config keys %1; known keys are %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "unknown dataset %1; expected 'mnist', 'fashion', 'idx:FOLDER' or a folder of IDX files",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown device %1; expected auto, cpu or cuda"),
    QT_TRANSLATE_NOOP("CoreMessages", "unknown layer %1; expected one of %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "weights take %1 inputs but %2 were given"),
    # Training, its timeline and snapshots (explainer.training, core.checkpoint.timeline).
    QT_TRANSLATE_NOOP("CoreMessages", "%1 has no training snapshots"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "snapshot %1 is out of range: %2 has %3 snapshots (0 to %4, or -1 for the last)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: the snapshot list must be a list, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: snapshots must be a list, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: at most %2 snapshots, found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2 must be a finite number, found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2 must be %3, found %4"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: snapshot tensors but no snapshot list in the header"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: expected a dict, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: steps must increase, found step %2 after %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: no state_dict of weights"),
    QT_TRANSLATE_NOOP("CoreMessages", "optimizer must be one of %1, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "there is no model to save"),
    QT_TRANSLATE_NOOP("CoreMessages", "this model has no training timeline"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "snapshot %1 is out of range: the timeline has %2 snapshots (0 to %3)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "could not write %1: %2"),
    # Built by helpers (explainer.core.checkpoint, .arithmetic) and put into the above.
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "output height %1 is not a whole number: stride %2 does not fit (strides that fit: %3; "
        "or change the padding)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "output width %1 is not a whole number: stride %2 does not fit (strides that fit: %3; "
        "or change the padding)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "output size %1 is not a whole number: stride %2 does not fit (strides that fit: %3; "
        "or change the padding)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: refused to load: its pickle would call %2, which could run code (nothing was "
        "run); a checkpoint may hold only tensors and plain data%3",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "this looks like a whole pickled nn.Module: save model.state_dict() instead",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: refused to load: the pickle holds more than plain data (%2)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "the pickle data ends early"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "for several filters on a 1-channel input give the kernel as (K, 1, F, F)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "missing %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "unexpected %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: expected %2, found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 is a %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 has dtype %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 has %2 NaN/Inf value"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 has %2 NaN/Inf values"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 and %2 more"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1→%2→%3 channels, %4×%5 kernels, FC %6, %7 classes"),
    QT_TRANSLATE_NOOP("CoreMessages", "it is a PNG image"),
    QT_TRANSLATE_NOOP("CoreMessages", "it is a JPEG image"),
    QT_TRANSLATE_NOOP("CoreMessages", "it is a GIF image"),
    QT_TRANSLATE_NOOP("CoreMessages", "it is a BMP image"),
    QT_TRANSLATE_NOOP("CoreMessages", "it is a PDF document"),
    QT_TRANSLATE_NOOP("CoreMessages", "it is a gzip file"),
    QT_TRANSLATE_NOOP("CoreMessages", "it is a NumPy .npy array"),
    QT_TRANSLATE_NOOP("CoreMessages", "it is an IDX data file"),
    QT_TRANSLATE_NOOP("CoreMessages", "unrecognised binary data (starts with %1)"),
    QT_TRANSLATE_NOOP("CoreMessages", "it is a text file (starts with %1)"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected at least 8 bytes (the header length), found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected a header of %1 bytes, found %2 after its length"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "expected a JSON header listing each tensor's dtype, shape and data offsets",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "expected %1 bytes (header and tensor data), found %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "found %1; expected a LeNet: 2 conv layers followed by 1 or more linear layers",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 conv layer"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 conv layers"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 linear layer"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 linear layers"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 batch-norm layer"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 batch-norm layers"),
    QT_TRANSLATE_NOOP("CoreMessages", "other tensors %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1.weight takes %2 channels but %3.weight gives %4"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1.weight takes %2 inputs but %3.weight gives %4"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 or %2"),
    # "each of conv_channels": what "%1 must be between %2 and %3, found %4" takes as its %1
    # when the whole "…: invalid config: each of … must be between …" matches it.
    QT_TRANSLATE_NOOP("CoreMessages", "each of %1"),
    # The system's texts that the core quotes (OSError.strerror, zipfile's): matched whole,
    # before "%1 or %2" could take "No such file or directory" apart.
    QT_TRANSLATE_NOOP("CoreMessages", "No such file or directory"),
    QT_TRANSLATE_NOOP("CoreMessages", "Permission denied"),
    QT_TRANSLATE_NOOP("CoreMessages", "Is a directory"),
    QT_TRANSLATE_NOOP("CoreMessages", "Not a directory"),
    QT_TRANSLATE_NOOP("CoreMessages", "File exists"),
    QT_TRANSLATE_NOOP("CoreMessages", "No space left on device"),
    QT_TRANSLATE_NOOP("CoreMessages", "Read-only file system"),
    QT_TRANSLATE_NOOP("CoreMessages", "File name too long"),
    QT_TRANSLATE_NOOP("CoreMessages", "Operation not permitted"),
    QT_TRANSLATE_NOOP("CoreMessages", "File is not a zip file"),
    QT_TRANSLATE_NOOP("CoreMessages", "more"),
    QT_TRANSLATE_NOOP("CoreMessages", "input"),
    QT_TRANSLATE_NOOP("CoreMessages", "inputs"),
    QT_TRANSLATE_NOOP("CoreMessages", "kernel"),
    QT_TRANSLATE_NOOP("CoreMessages", "weights"),
    QT_TRANSLATE_NOOP("CoreMessages", "bias"),
    QT_TRANSLATE_NOOP("CoreMessages", "input size N"),
    QT_TRANSLATE_NOOP("CoreMessages", "kernel size F"),
    QT_TRANSLATE_NOOP("CoreMessages", "stride S"),
    QT_TRANSLATE_NOOP("CoreMessages", "padding P"),
    QT_TRANSLATE_NOOP("CoreMessages", "kernel size"),
    QT_TRANSLATE_NOOP("CoreMessages", "stride"),
    QT_TRANSLATE_NOOP("CoreMessages", "padding"),
    QT_TRANSLATE_NOOP("CoreMessages", "pooling size"),
    QT_TRANSLATE_NOOP("CoreMessages", "output size"),
    QT_TRANSLATE_NOOP("CoreMessages", "output height"),
    QT_TRANSLATE_NOOP("CoreMessages", "output width"),
    QT_TRANSLATE_NOOP("CoreMessages", "channel"),
    QT_TRANSLATE_NOOP("CoreMessages", "unit"),
    QT_TRANSLATE_NOOP("CoreMessages", "row"),
    QT_TRANSLATE_NOOP("CoreMessages", "col"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "expected units to knock out as layer:index pairs, e.g. conv2:3,fc1:0; found %1",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "a knocked-out unit is a (layer, index) pair, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "a layer name must be text, found %1"),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "the index of a knocked-out unit must be a whole number, found %1"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "expected knocked-out units as (layer, index) pairs, found %1"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "expected layer:index with a whole-number index (e.g. conv2:3), found %1"
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "no layer %1 to knock units out of; expected one of %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 has %2 0..%3, found %4 (layers to knock out: %5)"),
    QT_TRANSLATE_NOOP("CoreMessages", "network input must hold finite numbers"),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "a target class must be a class index 0..%1 (or %2 / %3), found %4"
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "a target class must be 0..%1, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "Grad-CAM needs a conv layer, one of %1; found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "live attributions need at least one target"),
    QT_TRANSLATE_NOOP("CoreMessages", "occlusion window must be 1..%1 pixels, found %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "occlusion stride must be 1..%1 (at most the window, so that every pixel is covered), "
        "found %2",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "method must be one of %1, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "a layer applies to Grad-CAM only, not to %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "network input must be an array of shape %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 (a guess) needs the pass's probabilities"),
    QT_TRANSLATE_NOOP("CoreMessages", "a contrast is two classes (a, b), found %1"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "a contrast needs two different classes, found %1 and %2 (logit_a − logit_b would be 0 "
        "everywhere)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "occlusion %1 must be a whole number, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "feature visualisation needs one of %1; found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 index must be a whole number, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 has 0..%2, found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "need lr > 0 and l2 ≥ 0, found lr=%1, l2=%2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be a whole number ≥ 0, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "dataset images have 1 channel, the model's input has %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "top patches need a conv layer, one of %1; found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "a filter is a whole number 0..%1, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 has filters 0..%2, found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "k must be a whole number 1..%1, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "k must be 1..%1 (the images of %2), found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 is a symbolic link; expected a regular file to write"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 is a folder; expected a file name"),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "%1 is a special file (a pipe or a device); expected a regular file"
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 cannot be written: %2 (%3)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the training loss became %1 at step %2 (learning rate %3): the weights blew up "
        "and nothing was saved; try a learning rate 10× smaller",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "the GPU failed (%1); the network now runs on the CPU"),
    QT_TRANSLATE_NOOP("CoreMessages", "the GPU failed (%1); training starts again on the CPU"),
    QT_TRANSLATE_NOOP("CoreMessages", "the training process ended unexpectedly (exit code %1)"),
    # What if (explainer.core.edits, explainer.core.transform, the session's notices).
    QT_TRANSLATE_NOOP("CoreMessages", "a weight must be a number, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "a weight must be a finite number, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "a weight must lie between -1000000 and 1000000, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected a weight as layer[out,in,row,col], found %1"),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "no conv layer %1 with kernel weights to edit; expected one of %2"
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1's weights are %2 (out, in, row, col), found index [%3]"),
    QT_TRANSLATE_NOOP("CoreMessages", "a weight's %1 must be a whole number, found %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "expected a weight as (layer, out_channel, in_channel, row, col), found %1",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "expected a %1 field, found shape %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected a 2-D image to move, found shape %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "the digit's %1 must be a number, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "the digit's %1 must be between %2 and %3, found %4"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected a DigitTransform, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "saved %1 with edited weights: %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "edited weights dropped (%1): they do not apply to the new weights"
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "switched back on (this model has no such units): %1"),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "expected NAME=VALUE with NAME one of %1 or recentre, found %2"
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "recentre must be on or off, found %1"),
    # Export (explainer.core.export, explainer.gui.export) and the arithmetic tables.
    QT_TRANSLATE_NOOP("CoreMessages", "cannot export to %1: it is a file, expected a folder"),
    QT_TRANSLATE_NOOP("CoreMessages", "cannot export to %1: %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "--unit: expected LAYER:CHANNEL:ROW:COL (conv, pool) or LAYER:UNIT (fc1, fc2, logits, "
        "probs), e.g. conv2:3:4:5; found %1",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "--unit: no layer %1 with arithmetic; expected one of %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "--unit: %1 units have a channel, a row and a col (%2:CHANNEL:ROW:COL), found %3",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "--unit: %1 does not exist: %2 has channels 0–%3, rows 0–%4 and cols 0–%5",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "--unit: %1 units have one index (%2:UNIT), found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "--unit: %1 does not exist: %2 has units 0–%3"),
    QT_TRANSLATE_NOOP("CoreMessages", "no table for a %1"),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "there is no network to export yet: the model is still loading"
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "no panel %1 is shown; the panels shown are %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "could not encode the picture as PNG"),
    QT_TRANSLATE_NOOP("CoreMessages", "there is no input yet: draw a digit or pick a sample first"),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "no unit is selected: click a unit in the network panels first"
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "the network input has no arithmetic: select a unit of a layer"
    ),
    # Scenes (explainer.core.scene, explainer.gui.scenes); the fragments after them are what
    # they put into "%1: %2 must be %3, found %4".
    QT_TRANSLATE_NOOP("CoreMessages", "%1: the drawing must be a base64 PNG image"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: the drawing is %2×%3 pixels; expected at most %4×%5"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: the drawing is not a readable PNG image (%2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: the drawing must be a grey PNG image, found mode %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "the scene would be larger than a scene file may be (%1 bytes)"
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2 must be %3, found %4"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: unexpected key %2 in %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: unexpected key %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 is not a CNN Explainer scene (expected a JSON object)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 is not a CNN Explainer scene (its format is not %2)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1 is a scene of version %2, made by a newer CNN Explainer; this one reads version %3",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: a drawing in MNIST form is 28×28 pixels, found %2×%3"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: selection.row and selection.col must both be given or both be null",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages", "%1 is larger than a scene file may be (%2 bytes; at most %3)"
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 is not a scene file (it is not UTF-8 text)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 is not a scene file (not valid JSON: %2 at line %3)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 is not a scene file (%2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "scene file not found: %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected a scene file, found a folder: %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "could not read the scene file %1: %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: language must be one of %2, found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 is not a number a scene may hold"),
    QT_TRANSLATE_NOOP("CoreMessages", "an object or null"),
    QT_TRANSLATE_NOOP("CoreMessages", "an object"),
    QT_TRANSLATE_NOOP("CoreMessages", "a list"),
    QT_TRANSLATE_NOOP("CoreMessages", "true or false"),
    QT_TRANSLATE_NOOP("CoreMessages", "a whole number from %1 to %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "one of %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "a layer name"),
    QT_TRANSLATE_NOOP("CoreMessages", "the path of a checkpoint file"),
    QT_TRANSLATE_NOOP("CoreMessages", "the file name of model.path"),
    QT_TRANSLATE_NOOP("CoreMessages", "a language code such as en or pt_BR"),
    QT_TRANSLATE_NOOP("CoreMessages", "a list of at most %1 panel names"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: the IDX file holds no images (its header declares 0)"),
    # Issue 14: files checked before they are read, the limits of a model, of a picture and of
    # the worked arithmetic, tensors that are not plain weights, safetensors headers.
    QT_TRANSLATE_NOOP("CoreMessages", "%1 cannot be written (%2)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1 has data offsets %2; expected [begin, end] within the %3 bytes of data",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 has dtype %2, not a safetensors one"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 has shape %2: more values than a model may have (%3)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 has shape %2; expected whole numbers"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1 holds a number beyond the range of a float64 (about ±1.8e308)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 may hold at most %2 sizes, found %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be a finite number, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be a list of whole numbers, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be a list of whole numbers, found %2 in it"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be a name (a string), found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be a number, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be an object with dtype, shape and data_offsets"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1 must be at most %2 (a worked grid here is at most %3 cells a side), found %4",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1 must be at most %2 (the sizes of a network's layers), found %3",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 must be between %2 and %3, found %4"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1 tensors; at most %2 are read"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2 bytes, larger than %3 may be (at most %4 bytes)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: %2 has %3 values, more than a whole model may have (%4)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2 is a %3 tensor; expected a dense (strided) tensor"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2 is a nested tensor; expected a plain tensor"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2 is a quantised tensor; expected floats"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: %2 is a tensor on device %3 without values; expected a tensor with its values in "
        "the file",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2.weight has %3 channels; at most %4 are allowed"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: %2.weight has %3 outputs (classes); at most %4 are allowed",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: %2.weight has %3 outputs; at most %4 are allowed"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: %2.weight has a %3-pixel kernel; at most %4 are allowed",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: JSON nested %2 levels deep; at most %3 are read"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: a .npy input must have the model's input shape %2, found %3",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: a .npy input must hold finite numbers, found %2 NaN/Inf",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: a .npy input must hold real numbers (integers or floats), found dtype %2",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: a .npy input's values must lie within ±%2 (an image is in [0, 1]), found %3",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: a .npz archive (several arrays in a zip), not a .npy array; save the one input "
        "with numpy.save",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: a file whose size is not known (like the files of /proc and /sys); expected %2 "
        "on disk",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: a part of the path %2 is a file, not a folder"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: a symbolic link loop (%2); expected %3"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: a symbolic link to a file that does not exist (%2); expected %3",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: a zip archive of %2 members; a checkpoint has far fewer (at most %3 are read)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: cannot be read (%2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: empty file (0 bytes), expected %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: expected finite pixel values, found %2 NaN/Inf pixels"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: expected pixel values from 0 to 255 (or 65,535), found values from %2 to %3",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: is %2, not a regular file; expected %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: is a folder, expected %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: its shape needs %2 bytes, its data offsets give %3"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: its zip archive unpacks to %2 bytes; at most %3 are read (a zip bomb, or not a "
        "checkpoint of this app)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: larger than %2 may be (at most %3 bytes)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: not UTF-8 text (byte 0x%2 at position %3); expected %4"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: not a .npy array (it does not start with the .npy magic string)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: not a gzip file (%2 bytes)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: not a readable .npy header (%2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: not a valid path (it holds a NUL character)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: state_dict names must be strings, found %2 (%3)"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: step must be an integer from 0 to 2^53, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: the gzip file unpacks to %2 bytes; at most %3 are read"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: the header declares %2 bytes of data, the gzip file unpacks to %3",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: the header declares %2 bytes of values, the file holds %3",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: the state_dict holds %2 entries; a LeNet has far fewer (at most %3 are read)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: the state_dict holds %2 values, more than a model may have (%3)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "%1: truncated or corrupt safetensors file (%2)"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: unsupported architecture: %2 linear layers; at most %3 (hidden layers and the "
        "output) are allowed",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: weights must be float16, bfloat16, float32 or float64, but %2",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "IDX dataset folder %1 cannot be used (%2)"),
    QT_TRANSLATE_NOOP("CoreMessages", "__metadata__ must map names to strings"),
    QT_TRANSLATE_NOOP("CoreMessages", "a .npy array"),
    QT_TRANSLATE_NOOP("CoreMessages", "a JSON file"),
    QT_TRANSLATE_NOOP("CoreMessages", "a block device"),
    QT_TRANSLATE_NOOP("CoreMessages", "a character device (like /dev/zero)"),
    QT_TRANSLATE_NOOP("CoreMessages", "a checkpoint file"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "a class name may have at most %1 characters, found one of %2 (%3)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "a logit minus the largest logit"),
    QT_TRANSLATE_NOOP("CoreMessages", "a named pipe (FIFO)"),
    QT_TRANSLATE_NOOP("CoreMessages", "a product"),
    QT_TRANSLATE_NOOP("CoreMessages", "a socket"),
    QT_TRANSLATE_NOOP("CoreMessages", "a sum of products"),
    QT_TRANSLATE_NOOP("CoreMessages", "an IDX file"),
    QT_TRANSLATE_NOOP("CoreMessages", "an image file"),
    QT_TRANSLATE_NOOP("CoreMessages", "an integer with more digits than can be read (4,300)"),
    QT_TRANSLATE_NOOP("CoreMessages", "at most %1 class names are allowed, found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "channels and filters must be at most %1, found %2 and %3"),
    QT_TRANSLATE_NOOP("CoreMessages", "class names must be strings, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "class_names must be a list of names, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "config keys must be strings, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "could not read image %1: not enough memory to decode it"),
    QT_TRANSLATE_NOOP("CoreMessages", "each of %1 must be between 1 and %2, found %3"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "expected a JSON header listing each tensor's dtype, shape and data offsets; the %1",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "expected a JSON object, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected a header of %1 bytes; at most %2 are read"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected an IDX dataset folder after 'idx:', found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "expected at least %1 bytes (the header length), found %2"),
    QT_TRANSLATE_NOOP("CoreMessages", "extra must be a dict, found %1"),
    QT_TRANSLATE_NOOP("CoreMessages", "norm_mean must be a finite number, found %1"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "one input would make %1 activation values, at most %2 are allowed (fewer channels or "
        "a smaller input)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "overflow: %1 is beyond the range of a float64 (about ±1.8e308); use smaller numbers",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "padding must be at most the kernel size %1, found %2"),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the convolution would take %1 multiplications; at most %2 are worked out (a smaller "
        "input, kernel or padding)",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "%1: the image has %2 pixels; at most %3 are read (e.g. 4000×4000): make it smaller",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the image is %1×%2 = %3 pixels; at most %4 are read (e.g. 4000×4000): make it smaller",
    ),
    QT_TRANSLATE_NOOP(
        "CoreMessages",
        "the model would have %1 parameters, at most %2 are allowed (fewer channels, narrower "
        "fully connected layers or a smaller input)",
    ),
    QT_TRANSLATE_NOOP("CoreMessages", "the sum of a window"),
    QT_TRANSLATE_NOOP("CoreMessages", "the sum of products and the bias"),
    QT_TRANSLATE_NOOP("CoreMessages", "the sum of the window"),
)


def text_of(text: Text) -> str:
    """A Text as a string in the current language: call it, or translate a core message."""
    return text() if callable(text) else translate_message(text)


_NUMBER = re.compile(r"-?\d{1,3}(,\d{3})+|-?\d+\.\d+(e[-+]?\d+)?")
_DETAIL = re.compile(r"(.+?)( \(.*\))", re.DOTALL)
_PATH = re.compile(r"/[A-Za-z_.~-]|\\")
_EMBEDDED_DECIMAL = re.compile(r"(?<![\w.,])(-?\d+)\.(\d+)(?![\w.])")


def _value(text: str) -> str:
    """A value taken from a core message, for the translated one: a number in the interface's
    format; a nested core message translated (a list of them, joined by "; " or ", ", item by
    item); anything else (a path, a name, a shape) as it is, its decimals in the interface's
    format."""
    if _NUMBER.fullmatch(text):
        number = float(text.replace(",", ""))
        if "," in text:
            return numbers.thousands(int(number))
        if "e" in text:
            mantissa = text.split("e")[0]
            places = len(mantissa.split(".")[1]) if "." in mantissa else 0
            return numbers.scientific(number, places)
        return numbers.decimal(number, len(text.split(".")[1]))
    translated = translate_message(text)
    if translated != text:
        return translated
    detail = _DETAIL.fullmatch(text)  # "2 linear layers (conv1 (6, 1, 5, 5))": the words
    if detail and _value(detail[1]) != detail[1]:
        return _value(detail[1]) + detail[2]
    for separator in ("; ", ", "):
        if separator in text:
            # Items that are not messages come back as they were: the split loses nothing.
            return separator.join(_value(part) for part in text.split(separator))
    if _PATH.search(text) or numbers.decimal_point() == ".":
        return text  # a path keeps its dots
    point = numbers.decimal_point()
    return _EMBEDDED_DECIMAL.sub(lambda m: f"{m[1]}{point}{m[2]}", text)


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(regex, template) for each template, the most specific (most literal text) first."""
    compiled = []
    for template in CORE_MESSAGES:
        parts = re.split(r"(%\d+)", template)
        regex = "".join(
            f"(?P<a{part[1:]}>.+?)" if re.fullmatch(r"%\d+", part) else re.escape(part)
            for part in parts
        )
        literal = sum(len(p) for p in parts if not re.fullmatch(r"%\d+", p))
        compiled.append((literal, re.compile(regex + r"\Z", re.DOTALL), template))
    compiled.sort(key=lambda entry: -entry[0])
    return tuple((pattern, template) for _, pattern, template in compiled)


# Longer texts are not core messages (a traceback, a whole file): shown as they are, and the
# matching (lazy groups, backtracking) stays well under a frame (0.07 s at 1,000 characters).
MAX_MESSAGE_LENGTH = 1000


def translate_message(text: str) -> str:
    """A core message in the interface language (English: unchanged)."""
    if not text or len(text) > MAX_MESSAGE_LENGTH:
        return text
    return _translated(i18n.current_language(), text)


@functools.lru_cache(maxsize=512)
def _translated(language: str, text: str) -> str:
    for pattern, template in _patterns():
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        values = [_value(groups[f"a{i}"]) for i in range(1, len(groups) + 1)]
        return tr_args(QCoreApplication.translate(CONTEXT, template), *values)
    return text


class MessageBox(Retranslatable, QMessageBox):
    """A non-modal warning whose title and text follow the interface language."""

    def __init__(self, title: Text, text: Text, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Warning, "", "", QMessageBox.StandardButton.Ok, parent)
        self._title, self._text = title, text
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(text_of(self._title))
        self.setText(text_of(self._text))


class Messenger:
    """A label that shows one Text at a time and shows it again in a new language
    (`retranslate`, called by its owner's retranslate)."""

    def __init__(self, label: QLabel) -> None:
        self.label = label
        self.text: Text | None = None

    def show(self, text: Text | None) -> None:
        self.text = text
        self.retranslate()

    def clear(self) -> None:
        self.show(None)

    def retranslate(self) -> None:
        self.label.setText("" if self.text is None else text_of(self.text))
