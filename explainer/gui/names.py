"""What the window calls things, in the interface language.

The core names things in English and keeps those names in checkpoints, JSON and on the command
line: the class names of a dataset ("Ankle boot"), the layer names (input, conv1, …, logits),
the dataset names ("mnist/heldout") and the descriptions of the shipped models. The window shows
them through these functions, which translate the known English ones and leave anything else
(a user's own class names or model description, a layer name like conv1) as written.

The known names are listed here with QT_TRANSLATE_NOOP, so pyside6-lupdate puts them in the
catalogue; `QCoreApplication.translate` looks them up at run time.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from explainer.core.arithmetic.formatting import ACTIVATION_FORMULAS
from explainer.core.config import FASHION_CLASSES, INPUT, SCALED_TANH_A
from explainer.core.units import UnitRef
from explainer.gui import numbers
from explainer.gui.i18n import tr_args

# Fashion-MNIST's classes, in the dataset's order (explainer.core.config.FASHION_CLASSES).
_CLASS_NAMES = {
    "T-shirt/top": QT_TRANSLATE_NOOP("ClassNames", "T-shirt/top"),
    "Trouser": QT_TRANSLATE_NOOP("ClassNames", "Trouser"),
    "Pullover": QT_TRANSLATE_NOOP("ClassNames", "Pullover"),
    "Dress": QT_TRANSLATE_NOOP("ClassNames", "Dress"),
    "Coat": QT_TRANSLATE_NOOP("ClassNames", "Coat"),
    "Sandal": QT_TRANSLATE_NOOP("ClassNames", "Sandal"),
    "Shirt": QT_TRANSLATE_NOOP("ClassNames", "Shirt"),
    "Sneaker": QT_TRANSLATE_NOOP("ClassNames", "Sneaker"),
    "Bag": QT_TRANSLATE_NOOP("ClassNames", "Bag"),
    "Ankle boot": QT_TRANSLATE_NOOP("ClassNames", "Ankle boot"),
}
assert tuple(_CLASS_NAMES) == FASHION_CLASSES

# models/README.md's model-card lines ("## default.pt — MNIST, ReLU, max pooling") and the
# descriptions stored in the shipped checkpoints' metadata. A user's own text is not listed
# and is shown as written.
_SHIPPED_MODEL_TEXTS = (
    QT_TRANSLATE_NOOP("ShippedModels", "MNIST, ReLU, max pooling"),
    QT_TRANSLATE_NOOP("ShippedModels", "LeNet-5 flavour: scaled tanh and average pooling"),
    QT_TRANSLATE_NOOP("ShippedModels", "Fashion-MNIST"),
    QT_TRANSLATE_NOOP("ShippedModels", "the default run after 1 epoch"),
    QT_TRANSLATE_NOOP("ShippedModels", "random initialisation"),
    QT_TRANSLATE_NOOP(
        "ShippedModels", "default: MNIST subset, ReLU, max pooling, augmented for mouse drawings"
    ),
    QT_TRANSLATE_NOOP(
        "ShippedModels",
        "classic: LeNet-5 flavour, scaled tanh 1.7159·tanh(2x/3) and average pooling",
    ),
    QT_TRANSLATE_NOOP(
        "ShippedModels",
        "snapshot after 1 of 100 epochs of the run that made default.pt (default: MNIST subset, "
        "ReLU, max pooling, augmented for mouse drawings)",
    ),
    QT_TRANSLATE_NOOP(
        "ShippedModels", "fashion: full Fashion-MNIST (Debian dataset-fashion-mnist)"
    ),
    QT_TRANSLATE_NOOP("ShippedModels", "untrained: random initialisation with seed 0"),
)

# Dataset names as the core writes them (checkpoint metadata, EvaluationReport).
_DATASETS = {  # the core's names ("mnist/heldout") as a reader wants them
    "mnist": QT_TRANSLATE_NOOP("Datasets", "MNIST"),
    "fashion": QT_TRANSLATE_NOOP("Datasets", "Fashion-MNIST"),
    "mnist/train": QT_TRANSLATE_NOOP("Datasets", "MNIST (training)"),
    "mnist/heldout": QT_TRANSLATE_NOOP("Datasets", "MNIST (held-out digits)"),
    "fashion/train": QT_TRANSLATE_NOOP("Datasets", "Fashion-MNIST (training)"),
    "fashion/test": QT_TRANSLATE_NOOP("Datasets", "Fashion-MNIST (test)"),
}
_IDX_SPLITS = {
    "train": QT_TRANSLATE_NOOP("Datasets", "IDX folder %1 (training)"),
    "test": QT_TRANSLATE_NOOP("Datasets", "IDX folder %1 (test)"),
}

_ACTIVATIONS = {
    "relu": QT_TRANSLATE_NOOP("Activations", "ReLU"),
    "tanh": QT_TRANSLATE_NOOP("Activations", "tanh"),
    "sigmoid": QT_TRANSLATE_NOOP("Activations", "sigmoid"),
}


def _translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def class_name(name: str) -> str:
    """A dataset's class name as the interface shows it ("Ankle boot" → "Bota curta")."""
    source = _CLASS_NAMES.get(name)
    return name if source is None else _translate("ClassNames", source)


def class_names(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(class_name(name) for name in names)


def layer_name(name: str) -> str:
    """A layer or panel name as the interface shows it: "input" and "conv1_filters" are
    words ("entrada", "filtros da conv1"); conv1, pool1, fc1, logits are names, kept."""
    if name == INPUT:
        return QCoreApplication.translate("LayerNames", "input")
    if name.endswith("_filters"):
        conv = layer_name(name[: -len("_filters")])
        return tr_args(QCoreApplication.translate("LayerNames", "%1 filters"), conv)
    return name


def unit_label(unit: UnitRef) -> str:
    """'conv1[2, 7, 11]', 'entrada[0, 3, 4]', 'fc1[5]' (UnitRef.label with the shown name)."""
    name = layer_name(unit.layer)
    if unit.is_spatial:
        return f"{name}[{unit.channel}, {unit.row}, {unit.col}]"
    return f"{name}[{unit.channel}]"


def model_text(text: str) -> str:
    """A shipped model's description or model-card line in the interface language; any other
    text (a user's own description) as it is."""
    return _translate("ShippedModels", text) if text in _SHIPPED_MODEL_TEXTS else text


def shipped_model_texts() -> tuple[str, ...]:
    return _SHIPPED_MODEL_TEXTS


def dataset_name(name: str, split: str | None = None) -> str:
    """'mnist', 'mnist/heldout', 'idx:/data/x' + 'test' as the interface shows them:
    'MNIST (held-out digits)', 'IDX folder /data/x (test)'."""
    key = name if split is None else f"{name}/{split}"
    if key in _DATASETS:
        return _translate("Datasets", _DATASETS[key])
    if name.startswith("idx:") and split in _IDX_SPLITS:
        return tr_args(_translate("Datasets", _IDX_SPLITS[split]), name[4:])
    return key


def activation_formula(activation: str) -> str:
    """'max(0, x)', '1,7159·tanh(2x/3)': the core's formula with the interface's numbers."""
    formula = ACTIVATION_FORMULAS[activation]
    return formula.replace(str(SCALED_TANH_A), numbers.decimal(SCALED_TANH_A, 4))


def activation_name(activation: str) -> str:
    """'ReLU', 'sigmoid' / 'sigmoide', and LeCun's scaled tanh by its formula."""
    if activation == "scaled_tanh":
        return activation_formula("scaled_tanh")
    source = _ACTIVATIONS.get(activation)
    return activation if source is None else _translate("Activations", source)
