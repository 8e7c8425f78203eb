"""ModelConfig: everything needed to rebuild a LeNet-style network, saved beside its weights."""

from __future__ import annotations

import functools
import math
import numbers
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from explainer.core.errors import ConfigError
from explainer.core.text import number_text, printable

ACTIVATIONS = ("relu", "tanh", "scaled_tanh", "sigmoid")
# LeCun's scaled tanh, A·tanh(S·x) with f(±1) ≈ ±1: the LeNet-5 squashing function.
SCALED_TANH_A = 1.7159
SCALED_TANH_S = 2.0 / 3.0
# The layer kinds of the table below: what each layer does to the layer it reads.
INPUT, CONV, POOL, FC, OUTPUT = "input", "conv", "pool", "fc", "output"
POOL_KINDS = ("max", "avg")
DIGIT_CLASSES = tuple(str(d) for d in range(10))
FASHION_CLASSES = (
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
)


# Limits of a model (README, "Limits"): far above any network a lesson shows, low enough that a
# checkpoint whose config asks for more is refused from its config, before anything is allocated.
MAX_INPUT_SIZE = 256  # pixels a side
MAX_CHANNELS = 1024  # input channels and each conv layer's filters
MAX_FC_WIDTH = 8192  # units of a fully connected layer
MAX_FC_LAYERS = 16  # hidden fully connected layers
MAX_CLASSES = 1000
MAX_CLASS_NAME_LENGTH = 64  # characters
MAX_PARAMS = 50_000_000  # weights and biases (200 MB as float32)
MAX_ACTIVATIONS = 4_000_000  # values of one forward pass (every traced tensor of one input)


def conv_output_size(n: int, f: int, s: int = 1, p: int = 0) -> float:
    """(N + 2P - F) / S + 1, not rounded: a non-integer means the configuration does not fit."""
    return (n + 2 * p - f) / s + 1


@dataclass(frozen=True)
class LayerSpec:
    """One layer of the network, in the table every part of the app iterates over.

    `source` is the layer it reads ("" for the input); `kernel`, `stride` and `padding` describe
    its window over the source (conv and pool layers; 0 for the others); `shape` is its output
    without the batch dimension; `params` its weight and bias count (0 without weights);
    `weights` the shape of its weight tensor (() without weights)."""

    name: str
    kind: str  # INPUT, CONV, POOL, FC or OUTPUT (the logits layer)
    source: str
    shape: tuple[int, ...]
    kernel: int = 0
    stride: int = 0
    padding: int = 0
    params: int = 0
    weights: tuple[int, ...] = ()

    @property
    def is_spatial(self) -> bool:
        return len(self.shape) == 3

    @property
    def has_weights(self) -> bool:
        return self.params > 0

    @property
    def has_activation(self) -> bool:
        """Conv and hidden FC layers apply the activation; pooling and the logits do not."""
        return self.kind in (CONV, FC)


@dataclass(frozen=True)
class ModelConfig:
    input_size: int = 32
    in_channels: int = 1
    conv_channels: tuple[int, int] = (6, 16)
    kernel_size: int = 5
    padding: int = 0
    pool: str = "max"
    pool_size: int = 2
    activation: str = "relu"
    fc_sizes: tuple[int, ...] = (120, 100)
    class_names: tuple[str, ...] = DIGIT_CLASSES
    # Normalisation applied to a [0, 1] image (ink = 1) before it enters conv1.
    norm_mean: float = 0.0
    norm_std: float = 1.0
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Types first, so that a string, a float or a 5,000-digit integer read from a file is
        # refused by name before any size is computed from it.
        check_types(self)
        object.__setattr__(self, "conv_channels", tuple(int(c) for c in self.conv_channels))
        object.__setattr__(self, "fc_sizes", tuple(int(c) for c in self.fc_sizes))
        object.__setattr__(self, "class_names", tuple(self.class_names))
        for name in _WHOLE_FIELDS:
            object.__setattr__(self, name, int(getattr(self, name)))
        for name in ("norm_mean", "norm_std"):
            object.__setattr__(self, name, float(getattr(self, name)))
        self.validate()

    # ---- derived sizes -------------------------------------------------------------------
    @property
    def conv1_size(self) -> int:
        return self.input_size + 2 * self.padding - self.kernel_size + 1

    @property
    def pool1_size(self) -> int:
        return self.conv1_size // self.pool_size

    @property
    def conv2_size(self) -> int:
        return self.pool1_size - self.kernel_size + 1

    @property
    def pool2_size(self) -> int:
        return self.conv2_size // self.pool_size

    @property
    def flat_size(self) -> int:
        return self.conv_channels[1] * self.pool2_size**2

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    @property
    def fc_layer_names(self) -> tuple[str, ...]:
        return tuple(f"fc{i + 1}" for i in range(len(self.fc_sizes)))

    def layers(self) -> tuple[LayerSpec, ...]:
        """The layer table, input → logits, in network order (probs, the softmax of the
        logits, is not a layer of its own)."""
        return self._layer_table

    @functools.cached_property
    def _layer_table(self) -> tuple[LayerSpec, ...]:  # the config is frozen: built once
        c1, c2 = self.conv_channels
        k, p, inp = self.kernel_size, self.pool_size, self.in_channels
        table = [
            LayerSpec("input", INPUT, "", (inp, self.input_size, self.input_size)),
            LayerSpec(
                "conv1",
                CONV,
                "input",
                (c1, self.conv1_size, self.conv1_size),
                k,
                1,
                self.padding,
                (k * k * inp + 1) * c1,
                (c1, inp, k, k),
            ),
            LayerSpec("pool1", POOL, "conv1", (c1, self.pool1_size, self.pool1_size), p, p),
            LayerSpec(
                "conv2",
                CONV,
                "pool1",
                (c2, self.conv2_size, self.conv2_size),
                k,
                1,
                0,
                (k * k * c1 + 1) * c2,
                (c2, c1, k, k),
            ),
            LayerSpec("pool2", POOL, "conv2", (c2, self.pool2_size, self.pool2_size), p, p),
        ]
        source, width = "pool2", self.flat_size
        for name, size in zip(self.fc_layer_names, self.fc_sizes, strict=True):
            table.append(
                LayerSpec(
                    name, FC, source, (size,), params=(width + 1) * size, weights=(size, width)
                )
            )
            source, width = name, size
        n = self.num_classes
        table.append(
            LayerSpec("logits", OUTPUT, source, (n,), params=(width + 1) * n, weights=(n, width))
        )
        return tuple(table)

    def layer(self, name: str) -> LayerSpec:
        """One row of the table; KeyError names the layers there are."""
        for spec in self.layers():
            if spec.name == name:
                return spec
        raise KeyError(f"no layer {name!r}; layers are {[s.name for s in self.layers()]}")

    def layer_shapes(self) -> dict[str, tuple[int, ...]]:
        """Shape of every traced tensor (without the batch dimension), in network order:
        each layer, `<name>_pre` before the activation where it has one, and probs."""
        shapes: dict[str, tuple[int, ...]] = {}
        for spec in self.layers():
            if spec.has_activation:
                shapes[f"{spec.name}_pre"] = spec.shape
            shapes[spec.name] = spec.shape
        shapes["probs"] = shapes["logits"]
        return shapes

    def param_counts(self) -> dict[str, int]:
        return {spec.name: spec.params for spec in self.layers() if spec.has_weights}

    @property
    def total_params(self) -> int:
        return sum(self.param_counts().values())

    # ---- validation and (de)serialisation ------------------------------------------------
    def validate(self) -> None:
        def need(cond: bool, msg: str) -> None:
            if not cond:
                raise ConfigError(msg)

        need(
            self.activation in ACTIVATIONS,
            f"activation must be one of {ACTIVATIONS}, found {self.activation!r}",
        )
        need(self.pool in POOL_KINDS, f"pool must be one of {POOL_KINDS}, found {self.pool!r}")
        need(
            len(self.conv_channels) == 2,
            f"conv_channels must hold 2 numbers, found {self.conv_channels}",
        )
        need(
            all(c > 0 for c in self.conv_channels),
            f"conv_channels must be positive, found {self.conv_channels}",
        )
        need(self.in_channels > 0, f"in_channels must be positive, found {self.in_channels}")
        need(
            self.kernel_size > 0 and self.pool_size > 0,
            "kernel_size and pool_size must be positive",
        )
        need(self.padding >= 0, f"padding must be ≥ 0, found {self.padding}")
        need(all(s > 0 for s in self.fc_sizes), f"fc_sizes must be positive, found {self.fc_sizes}")
        need(self.num_classes >= 2, f"need at least 2 class names, found {self.num_classes}")
        need(
            math.isfinite(self.norm_std) and self.norm_std > 0,
            f"norm_std must be > 0, found {self.norm_std}",
        )
        need(
            math.isfinite(self.norm_mean),
            f"norm_mean must be a finite number, found {self.norm_mean}",
        )
        need(
            self.padding <= self.kernel_size,
            f"padding must be at most the kernel size {self.kernel_size}, found {self.padding}",
        )
        need(
            self.conv1_size > 0,
            f"conv1 output would be {self.conv1_size}×{self.conv1_size}: input too small",
        )
        need(
            self.pool1_size > 0 and self.conv2_size > 0,
            f"conv2 output would be {self.conv2_size}×{self.conv2_size}: input too small",
        )
        need(
            self.pool2_size > 0,
            f"pool2 output would be {self.pool2_size}×{self.pool2_size}: input too small",
        )
        activations = sum(math.prod(shape) for shape in self.layer_shapes().values())
        need(
            activations <= MAX_ACTIVATIONS,
            f"one input would make {activations:,} activation values, at most "
            f"{MAX_ACTIVATIONS:,} are allowed (fewer channels or a smaller input)",
        )
        need(
            self.total_params <= MAX_PARAMS,
            f"the model would have {self.total_params:,} parameters, at most {MAX_PARAMS:,} "
            "are allowed (fewer channels, narrower fully connected layers or a smaller input)",
        )

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["conv_channels"] = list(self.conv_channels)
        d["fc_sizes"] = list(self.fc_sizes)
        d["class_names"] = list(self.class_names)
        if not self.extra:
            d.pop("extra")
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ModelConfig:
        if not isinstance(data, dict):
            raise ConfigError(f"config must be a dict, found {type(data).__name__}")
        odd_keys = [key for key in data if not isinstance(key, str)]
        if odd_keys:
            raise ConfigError(
                f"config keys must be strings, found {printable(repr(odd_keys[0]), 40)}"
            )
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            shown = printable(repr(unknown[:5]), 120)
            raise ConfigError(f"unknown config keys {shown}; known keys are {sorted(known)}")
        try:
            return cls(**data)
        except (TypeError, ValueError, OverflowError) as exc:
            raise ConfigError(f"invalid config: {exc}") from exc

    def normalize(self, image01):
        """Map a [0, 1] image (ink = 1) to the network's input scale."""
        return (image01 - self.norm_mean) / self.norm_std


# ---- types of the config's values (read from files: anything can be there) -----------------------
# Each whole-number field and its range (the sizes that depend on several are checked in validate).
_WHOLE_FIELDS = {
    "input_size": (1, MAX_INPUT_SIZE),
    "in_channels": (1, MAX_CHANNELS),
    "kernel_size": (1, MAX_INPUT_SIZE),
    "padding": (0, MAX_INPUT_SIZE),
    "pool_size": (1, MAX_INPUT_SIZE),
}


def _is_whole(value: Any) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_real(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _shown(value: Any) -> str:
    """A value as a message shows it: numbers however large, other values short and with their
    control characters escaped."""
    if isinstance(value, (numbers.Number, bool)):
        return number_text(value)
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a repr that fails (a huge integer inside a list)
        text = f"a {type(value).__name__}"
    return printable(text, 60)


def check_types(config: ModelConfig) -> None:
    """Each value of the type its field holds, and no more entries than a model may have, so
    that nothing after this looks at a string as a size or iterates over a million names."""
    for name, (low, high) in _WHOLE_FIELDS.items():
        value = getattr(config, name)
        if not _is_whole(value):
            raise ConfigError(f"{name} must be a whole number, found {_shown(value)}")
        if not low <= value <= high:
            raise ConfigError(
                f"{name} must be between {low} and {high:,}, found {number_text(value)}"
            )
    for name in ("activation", "pool"):
        value = getattr(config, name)
        if not isinstance(value, str):
            raise ConfigError(f"{name} must be a name (a string), found {_shown(value)}")
    for name, high in (("conv_channels", 2), ("fc_sizes", MAX_FC_LAYERS)):
        sizes = getattr(config, name)
        if not isinstance(sizes, (list, tuple)):
            raise ConfigError(f"{name} must be a list of whole numbers, found {_shown(sizes)}")
        if len(sizes) > high:
            raise ConfigError(f"{name} may hold at most {high} sizes, found {len(sizes):,}")
        for size in sizes:
            if not _is_whole(size):
                raise ConfigError(
                    f"{name} must be a list of whole numbers, found {_shown(size)} in it"
                )
            top = MAX_CHANNELS if name == "conv_channels" else MAX_FC_WIDTH
            if not 1 <= size <= top:
                raise ConfigError(
                    f"each of {name} must be between 1 and {top:,}, found {number_text(size)}"
                )
    names = config.class_names
    if not isinstance(names, (list, tuple)):
        raise ConfigError(f"class_names must be a list of names, found {_shown(names)}")
    if len(names) > MAX_CLASSES:
        raise ConfigError(f"at most {MAX_CLASSES:,} class names are allowed, found {len(names):,}")
    for name in names:
        if not isinstance(name, str):
            raise ConfigError(f"class names must be strings, found {_shown(name)}")
        if len(name) > MAX_CLASS_NAME_LENGTH:
            raise ConfigError(
                f"a class name may have at most {MAX_CLASS_NAME_LENGTH} characters, found one "
                f"of {len(name):,} ({printable(name, 20)})"
            )
    for name in ("norm_mean", "norm_std"):
        value = getattr(config, name)
        if not _is_real(value):
            raise ConfigError(f"{name} must be a number, found {_shown(value)}")
        try:
            float(value)
        except OverflowError:
            raise ConfigError(f"{name} must be a finite number, found {_shown(value)}") from None
    if not isinstance(config.extra, dict):
        raise ConfigError(f"extra must be a dict, found {type(config.extra).__name__}")
