"""Checkpoints: round trip, imports checked against hand-written reference networks, and every
way a file can be bad, each with its own message (one line, starting with the file name)."""

from __future__ import annotations

import builtins
import json
import os
import pickle
import zipfile
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from torch import nn

from explainer.core.checkpoint import (
    FORMAT,
    FORMAT_VERSION,
    Checkpoint,
    expected_shapes,
    import_state_dict,
    load_checkpoint,
    load_model,
    save_checkpoint,
)
from explainer.core.config import FASHION_CLASSES, ModelConfig
from explainer.core.errors import CheckpointError, ConfigError
from explainer.core.model import LeNet, build_model


# ---- fixtures and reference networks -------------------------------------------------------------
@pytest.fixture
def model() -> LeNet:
    return build_model(ModelConfig(), device="cpu", seed=0)


@pytest.fixture
def saved(tmp_path: Path, model: LeNet) -> Path:
    return save_checkpoint(tmp_path / "good.pt", model, {"dataset": "mnist-5k", "seed": 0})


def raw_payload(path: Path) -> dict:
    return torch.load(path, weights_only=True, map_location="cpu")


def write_payload(path: Path, payload: object) -> Path:
    torch.save(payload, path)
    return path


def expect_error(path: Path, *fragments: str, **import_options) -> str:
    """load_checkpoint must fail with a one-line message naming the file and the problem."""
    with pytest.raises(CheckpointError) as info:
        load_checkpoint(path, **import_options)
    message = str(info.value)
    assert "\n" not in message, message
    assert message.startswith(f"{path.name}: "), message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


class TutorialLeNet(nn.Module):
    """The PyTorch tutorial's LeNet, written out by hand: the reference for the import."""

    def __init__(self, in_channels: int = 1, kernel: int = 5, fc: tuple[int, int] = (120, 84)):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 6, kernel)
        self.conv2 = nn.Conv2d(6, 16, kernel)
        side = ((32 - kernel + 1) // 2 - kernel + 1) // 2
        self.fc1 = nn.Linear(16 * side * side, fc[0])
        self.fc2 = nn.Linear(fc[0], fc[1])
        self.fc3 = nn.Linear(fc[1], 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def sequential_lenet() -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(1, 6, 5),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120),
        nn.ReLU(),
        nn.Linear(120, 84),
        nn.ReLU(),
        nn.Linear(84, 10),
    )


class FeaturesClassifierLeNet5(nn.Module):
    """LeNet-5 as often written for 28×28 MNIST: 'same' padding, tanh, average pooling."""

    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2),
            nn.Tanh(),
            nn.AvgPool2d(2),
            nn.Conv2d(6, 16, 5),
            nn.Tanh(),
            nn.AvgPool2d(2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Linear(400, 120), nn.Tanh(), nn.Linear(120, 84), nn.Tanh(),
            nn.Linear(84, 10),
        )  # fmt: skip

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


def logits_of(checkpoint: Checkpoint, x: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return checkpoint.build("cpu")(x)


# ---- round trip ----------------------------------------------------------------------------------
def test_round_trip_keeps_tensors_config_metadata_and_logits(saved: Path, model: LeNet) -> None:
    checkpoint = load_checkpoint(saved)
    assert checkpoint.config == model.config
    assert checkpoint.metadata == {
        "dataset": "mnist-5k",
        "seed": 0,
        "torch_version": torch.__version__,
    }
    original = model.state_dict()
    assert list(checkpoint.state_dict) == list(original)
    for name, tensor in original.items():
        assert torch.equal(checkpoint.state_dict[name], tensor), name
    x = torch.randn(4, 1, 32, 32, generator=torch.Generator().manual_seed(1))
    rebuilt, again = load_model(saved, device="cpu")
    assert again.path == saved and again.name == "good"
    with torch.no_grad():
        torch.testing.assert_close(rebuilt(x), model(x), atol=1e-6, rtol=0)


def test_round_trip_of_a_non_default_config(tmp_path: Path) -> None:
    config = ModelConfig(
        activation="scaled_tanh",
        pool="avg",
        fc_sizes=(84,),
        class_names=FASHION_CLASSES,
        norm_mean=0.2860,
        norm_std=0.3530,
    )
    model = build_model(config, device="cpu", seed=3)
    path = save_checkpoint(tmp_path / "fashion.pt", model)
    checkpoint = load_checkpoint(path)
    assert checkpoint.config == config
    assert checkpoint.config.class_names[-1] == "Ankle boot"
    x = torch.randn(2, 1, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(logits_of(checkpoint, x), model(x), atol=1e-6, rtol=0)


def test_saved_file_is_plain_data_with_the_documented_layout(saved: Path) -> None:
    payload = raw_payload(saved)
    assert set(payload) == {"format", "format_version", "config", "state_dict", "metadata"}
    assert payload["format"] == FORMAT and payload["format_version"] == 1  # no timeline: v1
    assert payload["config"] == ModelConfig().to_dict()
    # The pickle inside names only torch's tensor rebuilders and OrderedDict: no other callables.
    with zipfile.ZipFile(saved) as archive:
        data_pkl = next(n for n in archive.namelist() if n.endswith("data.pkl"))
        import pickletools

        ops = [(op.name, arg) for op, arg, _ in pickletools.genops(archive.read(data_pkl))]
    globals_ = {str(arg) for name, arg in ops if name == "GLOBAL"}
    assert globals_ and all(g.startswith(("torch", "collections OrderedDict")) for g in globals_)


def test_save_converts_numpy_metadata_and_refuses_objects(tmp_path: Path, model: LeNet) -> None:
    path = save_checkpoint(
        tmp_path / "m.pt",
        model,
        {"heldout_accuracy": np.float64(0.981), "heldout_n": np.int64(1000)},
    )
    metadata = load_checkpoint(path).metadata
    assert (
        metadata["heldout_accuracy"] == pytest.approx(0.981)
        and type(metadata["heldout_accuracy"]) is float
    )
    assert metadata["heldout_n"] == 1000 and type(metadata["heldout_n"]) is int
    with pytest.raises(CheckpointError, match=r"metadata\['when'\] is of type object"):
        save_checkpoint(tmp_path / "o.pt", model, {"when": object()})
    assert not (tmp_path / "o.pt").exists()


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path: Path, model: LeNet) -> None:
    save_checkpoint(tmp_path / "a.pt", model)
    save_checkpoint(tmp_path / "a.pt", model)  # overwrite in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pt"]


def test_newer_format_version_is_refused(tmp_path: Path, saved: Path) -> None:
    payload = raw_payload(saved)
    payload["format_version"] = FORMAT_VERSION + 1
    path = write_payload(tmp_path / "future.pt", payload)
    expect_error(path, f"format_version {FORMAT_VERSION + 1}", "newer", "update")


def test_foreign_format_marker_and_bad_version_are_named(tmp_path: Path, saved: Path) -> None:
    payload = raw_payload(saved)
    payload["format"] = "someone-else"
    expect_error(write_payload(tmp_path / "f.pt", payload), "'someone-else'", FORMAT)
    payload = raw_payload(saved)
    payload["format_version"] = "one"
    expect_error(write_payload(tmp_path / "v.pt", payload), "format_version", "'one'")


# ---- imports -------------------------------------------------------------------------------------
@pytest.mark.parametrize("in_channels", [1, 3])
def test_tutorial_lenet_import_matches_the_reference(tmp_path: Path, in_channels: int) -> None:
    torch.manual_seed(4)
    reference = TutorialLeNet(in_channels=in_channels).eval()
    path = write_payload(tmp_path / "tutorial.pt", reference.state_dict())
    checkpoint = load_checkpoint(path)
    config = checkpoint.config
    assert (config.input_size, config.padding, config.in_channels) == (32, 0, in_channels)
    assert config.conv_channels == (6, 16) and config.kernel_size == 5
    assert config.fc_sizes == (120, 84) and config.num_classes == 10
    assert (config.activation, config.pool) == ("relu", "max")
    assert checkpoint.metadata["imported_from"] == "tutorial-lenet"
    assert checkpoint.metadata["source_keys"]["logits.weight"] == "fc3.weight"
    x = torch.randn(5, in_channels, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(logits_of(checkpoint, x), reference(x), atol=1e-5, rtol=0)


def test_old_tutorial_with_3x3_kernels_infers_input_32(tmp_path: Path) -> None:
    torch.manual_seed(5)
    reference = TutorialLeNet(kernel=3).eval()  # fc1 takes 16·6·6 = 576 (13 → 6 pools by floor)
    checkpoint = import_state_dict(reference.state_dict())
    assert (checkpoint.config.input_size, checkpoint.config.kernel_size) == (32, 3)
    x = torch.randn(3, 1, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(logits_of(checkpoint, x), reference(x), atol=1e-5, rtol=0)


def test_sequential_import_matches_the_reference(tmp_path: Path) -> None:
    torch.manual_seed(6)
    reference = sequential_lenet().eval()
    assert list(reference.state_dict())[:3] == ["0.weight", "0.bias", "3.weight"]
    checkpoint = load_checkpoint(write_payload(tmp_path / "seq.pt", reference.state_dict()))
    assert checkpoint.metadata["imported_from"] == "sequential"
    assert checkpoint.config.fc_sizes == (120, 84)
    x = torch.randn(4, 1, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(logits_of(checkpoint, x), reference(x), atol=1e-5, rtol=0)


def test_features_classifier_tanh_avg_import_with_overrides(tmp_path: Path) -> None:
    torch.manual_seed(7)
    reference = FeaturesClassifierLeNet5().eval()
    path = write_payload(tmp_path / "lenet5.pt", reference.state_dict())
    x28 = torch.randn(4, 1, 28, 28)
    with torch.no_grad():
        expected = reference(x28)
    # Shapes alone cannot tell 28 + padding 2 from 32 unpadded: 32 is chosen, and a 28×28 image
    # zero-padded to 32 gives exactly the same numbers.
    as_32 = load_checkpoint(path, activation="tanh", pool="avg")
    assert (as_32.config.input_size, as_32.config.padding) == (32, 0)
    assert as_32.metadata["assumed"] == {
        "pool_size": 2,
        "input_size": 32,
        "padding": 0,
        "normalisation": [0.0, 1.0],
    }
    got = logits_of(as_32, F.pad(x28, (2, 2, 2, 2)))
    torch.testing.assert_close(got, expected, atol=1e-5, rtol=0)
    as_28 = load_checkpoint(path, activation="tanh", pool="avg", input_size=28, padding=2)
    torch.testing.assert_close(logits_of(as_28, x28), expected, atol=1e-5, rtol=0)
    # The activation really is an assumption: relu gives other numbers.
    wrong = load_checkpoint(path)
    assert not torch.allclose(logits_of(wrong, F.pad(x28, (2, 2, 2, 2))), expected, atol=1e-3)


def test_wrapped_state_dicts_and_dataparallel_prefix(tmp_path: Path) -> None:
    torch.manual_seed(8)
    reference = TutorialLeNet().eval()
    x = torch.randn(2, 1, 32, 32)
    with torch.no_grad():
        expected = reference(x)
    for key in ("state_dict", "model_state_dict", "model"):
        wrapped = {"epoch": 3, key: reference.state_dict(), "optimizer": {"lr": 0.1}}
        checkpoint = load_checkpoint(write_payload(tmp_path / f"{key}.pt", wrapped))
        assert checkpoint.metadata["wrapper_key"] == key
        torch.testing.assert_close(logits_of(checkpoint, x), expected, atol=1e-5, rtol=0)
    parallel = OrderedDict((f"module.{k}", v) for k, v in reference.state_dict().items())
    checkpoint = load_checkpoint(write_payload(tmp_path / "dp.pt", parallel))
    torch.testing.assert_close(logits_of(checkpoint, x), expected, atol=1e-5, rtol=0)


def test_our_own_raw_state_dict_and_legacy_serialisation(tmp_path: Path, model: LeNet) -> None:
    path = tmp_path / "raw.pt"
    torch.save(model.state_dict(), path, _use_new_zipfile_serialization=False)
    checkpoint = load_checkpoint(path, class_names=[str(i) for i in range(10)])
    assert checkpoint.metadata["imported_from"] == "explainer-lenet"
    assert checkpoint.config == model.config
    x = torch.randn(2, 1, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(logits_of(checkpoint, x), model(x), atol=1e-6, rtol=0)


def test_half_precision_weights_are_loaded_as_float32(tmp_path: Path) -> None:
    reference = TutorialLeNet().half()
    checkpoint = load_checkpoint(write_payload(tmp_path / "half.pt", reference.state_dict()))
    assert all(t.dtype == torch.float32 for t in checkpoint.state_dict.values())
    assert torch.equal(checkpoint.state_dict["fc2.weight"], reference.fc2.weight.float())


def test_class_names_override_and_mismatch(tmp_path: Path) -> None:
    path = write_payload(tmp_path / "t.pt", TutorialLeNet().state_dict())
    names = list(FASHION_CLASSES)
    assert load_checkpoint(path, class_names=names).config.class_names == FASHION_CLASSES
    expect_error(path, "3 class names given", "fc3 has 10 outputs", class_names=["a", "b", "c"])
    expect_error(path, "activation must be one of", "'swish'", activation="swish")


def test_input_size_override_that_does_not_fit_is_explained(tmp_path: Path) -> None:
    path = write_payload(tmp_path / "t.pt", TutorialLeNet().state_dict())
    expect_error(path, "fc1.weight takes 400 inputs", "input_size=28", input_size=28, padding=0)


# ---- bad files: each with its own message --------------------------------------------------------
def test_missing_file(tmp_path: Path) -> None:
    expect_error(tmp_path / "nope.pt", "no such file")


def test_empty_file_and_folder(tmp_path: Path) -> None:
    (tmp_path / "empty.pt").write_bytes(b"")
    expect_error(tmp_path / "empty.pt", "empty file")
    (tmp_path / "dir.pt").mkdir()
    expect_error(tmp_path / "dir.pt", "is a folder")


def test_png_is_not_a_checkpoint(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "digit.png"
    Image.new("L", (28, 28)).save(path)
    expect_error(path, "not a checkpoint", "PNG image")


def test_text_file_is_not_a_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "notes.pt"
    path.write_text("hello, these are my notes\n")
    expect_error(path, "not a checkpoint", "text file", "hello, these")


def test_other_zip_is_not_a_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "other.pt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hi")
    expect_error(path, "not a checkpoint", "without data.pkl", "readme.txt")


def test_truncated_zip(tmp_path: Path, saved: Path) -> None:
    data = saved.read_bytes()
    path = tmp_path / "half.pt"
    path.write_bytes(data[: len(data) // 2])
    expect_error(path, "truncated or corrupt zip archive")


def test_flipped_bytes_in_a_tensor_are_caught(tmp_path: Path, saved: Path) -> None:
    data = bytearray(saved.read_bytes())
    middle = len(data) // 2  # inside fc1.weight, the biggest tensor
    data[middle : middle + 16] = bytes(b ^ 0xFF for b in data[middle : middle + 16])
    path = tmp_path / "flipped.pt"
    path.write_bytes(bytes(data))
    # torch alone would load this silently, with wrong weights:
    assert isinstance(torch.load(path, weights_only=True), dict)
    expect_error(path, "corrupt zip archive", "archive/data/", "damaged")


def test_truncated_legacy_pickle(tmp_path: Path, model: LeNet) -> None:
    full = tmp_path / "legacy.pt"
    torch.save(model.state_dict(), full, _use_new_zipfile_serialization=False)
    data = full.read_bytes()
    path = tmp_path / "legacy_half.pt"
    path.write_bytes(data[:300])
    expect_error(path, "truncated or corrupt")


class _RunsShell:
    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self):
        return (os.system, (f"touch {self.target}",))


class _OpensFile:
    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self):
        return (builtins.open, (str(self.target), "w"))


class _Execs:
    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self):
        return (builtins.exec, (f"open({str(self.target)!r}, 'w').close()",))


PAYLOADS = {"os.system": _RunsShell, "builtins.open": _OpensFile, "builtins.exec": _Execs}
CALLABLE_NAMES = {"os.system": "system", "builtins.open": "open", "builtins.exec": "exec"}


def _write_malicious(path: Path, how: str, evil: object) -> None:
    wrapped = {"state_dict": {"conv1.weight": evil}}
    if how == "torch.save zip":
        torch.save(wrapped, path)
    elif how == "torch.save legacy":
        torch.save(wrapped, path, _use_new_zipfile_serialization=False)
    elif how == "raw pickle protocol 0":  # text pickle: no magic byte at the start
        path.write_bytes(pickle.dumps(wrapped, protocol=0))
    elif how == "raw pickle protocol 2":
        path.write_bytes(pickle.dumps(wrapped, protocol=2))
    elif how == "raw pickle protocol 4":
        path.write_bytes(pickle.dumps(wrapped, protocol=4))
    else:  # pragma: no cover
        raise AssertionError(how)


@pytest.mark.parametrize("payload", sorted(PAYLOADS))
@pytest.mark.parametrize(
    "how",
    [
        "torch.save zip",
        "torch.save legacy",
        "raw pickle protocol 0",
        "raw pickle protocol 2",
        "raw pickle protocol 4",
    ],
)
def test_malicious_pickle_is_refused_and_never_runs(tmp_path: Path, payload: str, how: str) -> None:
    # Control: the payload is real — plain pickle.loads does create its file.
    control = tmp_path / "control_was_run"
    pickle.loads(pickle.dumps(PAYLOADS[payload](control), protocol=2))
    assert control.exists()

    target = tmp_path / "pwned"
    path = tmp_path / "evil.pt"
    _write_malicious(path, how, PAYLOADS[payload](target))
    assert not target.exists()
    message = expect_error(path, "refused to load", "could run code")
    assert CALLABLE_NAMES[payload] in message
    with pytest.raises(CheckpointError):
        load_model(path, device="cpu")
    assert not target.exists()


def _our_payload_with(saved: Path, change) -> dict:
    payload = raw_payload(saved)
    change(payload["state_dict"])
    return payload


def test_missing_layers_are_named(tmp_path: Path, saved: Path) -> None:
    payload = _our_payload_with(saved, lambda sd: sd.pop("conv2.weight"))
    message = expect_error(write_payload(tmp_path / "bad.pt", payload), "missing conv2.weight")
    assert "unexpected" not in message


def test_missing_layers_in_imports_are_named(tmp_path: Path, model: LeNet) -> None:
    ours = {k: v for k, v in model.state_dict().items() if not k.startswith("conv2.")}
    expect_error(write_payload(tmp_path / "raw.pt", ours), "missing conv2.weight, conv2.bias")
    tutorial = {k: v for k, v in TutorialLeNet().state_dict().items() if k != "fc2.weight"}
    expect_error(write_payload(tmp_path / "tut.pt", tutorial), "missing fc2.weight")
    no_bias = {k: v for k, v in TutorialLeNet().state_dict().items() if k != "conv1.bias"}
    expect_error(write_payload(tmp_path / "nb.pt", no_bias), "missing conv1.bias")


def test_unexpected_layers_are_named(tmp_path: Path, saved: Path) -> None:
    def add(sd: dict) -> None:
        sd["conv3.weight"] = torch.zeros(16, 16, 5, 5)
        sd["conv3.bias"] = torch.zeros(16)

    path = write_payload(tmp_path / "extra.pt", _our_payload_with(saved, add))
    expect_error(path, "unexpected conv3.weight, conv3.bias")


def test_shape_that_does_not_fit_names_layer_expected_and_found(
    tmp_path: Path, saved: Path
) -> None:
    def shrink(sd: dict) -> None:
        sd["fc1.weight"] = torch.zeros(120, 256)

    path = write_payload(tmp_path / "shape.pt", _our_payload_with(saved, shrink))
    message = expect_error(path, "fc1.weight: expected (120, 400), found (120, 256)")
    assert message == "shape.pt: fc1.weight: expected (120, 400), found (120, 256)"


def test_nan_and_inf_weights_are_counted(tmp_path: Path, saved: Path) -> None:
    def poison(sd: dict) -> None:
        sd["conv2.weight"].view(-1)[[0, 7, 99]] = torch.tensor([float("nan"), float("inf"), -1e40])

    path = write_payload(tmp_path / "bad.pt", _our_payload_with(saved, poison))
    assert expect_error(path) == "bad.pt: conv2.weight has 3 NaN/Inf values"


def test_nan_in_an_import_names_the_source_tensor(tmp_path: Path) -> None:
    state_dict = sequential_lenet().state_dict()
    state_dict["7.bias"][5] = float("nan")
    expect_error(write_payload(tmp_path / "seq.pt", state_dict), "7.bias has 1 NaN/Inf value")


def test_three_conv_layers_are_an_unsupported_architecture(tmp_path: Path) -> None:
    state_dict = OrderedDict(
        [
            ("conv1.weight", torch.zeros(6, 1, 5, 5)),
            ("conv1.bias", torch.zeros(6)),
            ("conv2.weight", torch.zeros(16, 6, 5, 5)),
            ("conv2.bias", torch.zeros(16)),
            ("conv3.weight", torch.zeros(32, 16, 3, 3)),
            ("conv3.bias", torch.zeros(32)),
            ("fc1.weight", torch.zeros(10, 32)),
            ("fc1.bias", torch.zeros(10)),
        ]
    )
    expect_error(
        write_payload(tmp_path / "deep.pt", state_dict),
        "unsupported architecture",
        "found 3 conv layers, 1 linear layer",
        "conv3 (32, 16, 3, 3)",
    )


class TinyResNet(nn.Module):
    """ResNet's layout in miniature: bias-free convs, batch norms, a residual block, a head."""

    def __init__(self) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.layer1 = nn.Sequential(
            nn.ModuleDict({"conv1": nn.Conv2d(8, 8, 3, bias=False), "bn1": nn.BatchNorm2d(8),
                           "conv2": nn.Conv2d(8, 8, 3, bias=False), "bn2": nn.BatchNorm2d(8)})
        )  # fmt: skip
        self.fc = nn.Linear(8, 10)


def test_resnet_is_an_unsupported_architecture(tmp_path: Path) -> None:
    expect_error(
        write_payload(tmp_path / "resnet.pt", TinyResNet().state_dict()),
        "unsupported architecture",
        "found 3 conv layers, 1 linear layer, 3 batch-norm layers",
        "layer1.0.conv2 (8, 8, 3, 3)",
        "expected a LeNet: 2 conv layers followed by 1 or more linear layers",
    )


def test_layers_that_do_not_chain(tmp_path: Path) -> None:
    state_dict = TutorialLeNet().state_dict()
    state_dict["fc2.weight"] = torch.zeros(84, 100)
    expect_error(
        write_payload(tmp_path / "chain.pt", state_dict),
        "fc2.weight takes 100 inputs but fc1.weight gives 120",
    )


def test_non_tensor_values_are_named(tmp_path: Path, saved: Path) -> None:
    def spoil(sd: dict) -> None:
        sd["conv1.bias"] = "hello"

    path = write_payload(tmp_path / "str.pt", _our_payload_with(saved, spoil))
    expect_error(path, "must be tensors", "conv1.bias is a str")
    plain = dict(TutorialLeNet().state_dict())
    plain["fc1.weight"] = [1.0, 2.0]
    expect_error(write_payload(tmp_path / "list.pt", plain), "fc1.weight is a list")


def test_integer_weights_are_refused(tmp_path: Path, saved: Path) -> None:
    def to_int(sd: dict) -> None:
        sd["fc2.bias"] = sd["fc2.bias"].long()

    path = write_payload(tmp_path / "int.pt", _our_payload_with(saved, to_int))
    expect_error(path, "floating point", "fc2.bias has dtype int64")


@pytest.mark.parametrize(
    "config, fragments",
    [
        ({**ModelConfig().to_dict(), "activation": "swish"}, ["activation", "'swish'"]),
        ({**ModelConfig().to_dict(), "kernels": 5}, ["unknown config keys ['kernels']"]),
        ({**ModelConfig().to_dict(), "input_size": 8}, ["input too small"]),
        ("relu", ["expected a dict, found str"]),
    ],
)
def test_invalid_config(tmp_path: Path, saved: Path, config, fragments: list[str]) -> None:
    payload = raw_payload(saved)
    payload["config"] = config
    expect_error(write_payload(tmp_path / "cfg.pt", payload), "invalid config", *fragments)


def test_config_that_disagrees_with_the_weights(tmp_path: Path, saved: Path) -> None:
    payload = raw_payload(saved)
    payload["config"] = {**payload["config"], "fc_sizes": [120, 84]}
    expect_error(
        write_payload(tmp_path / "cfg.pt", payload),
        "fc2.weight: expected (84, 120), found (100, 120)",
        "logits.weight: expected (10, 84), found (10, 100)",
    )


def test_payloads_that_are_no_state_dict(tmp_path: Path) -> None:
    expect_error(write_payload(tmp_path / "list.pt", [1, 2, 3]), "holds a list")
    expect_error(write_payload(tmp_path / "d.pt", {"epoch": 3}), "dict without tensors", "epoch")
    expect_error(write_payload(tmp_path / "e.pt", {}), "an empty dict")


def test_hand_made_checkpoint_is_validated_before_load_state_dict(model: LeNet) -> None:
    state_dict = dict(model.state_dict())
    state_dict["conv1.weight"] = torch.zeros(6, 1, 3, 3)
    with pytest.raises(CheckpointError, match=r"conv1\.weight: expected \(6, 1, 5, 5\)"):
        Checkpoint(model.config, state_dict, {"name": "mine"}).build("cpu")


@pytest.mark.parametrize(
    "config",
    [
        ModelConfig(),
        ModelConfig(in_channels=3, conv_channels=(4, 9), kernel_size=3, padding=1, fc_sizes=()),
        ModelConfig(input_size=28, padding=2, fc_sizes=(50, 40, 30), class_names=tuple("abc")),
    ],
)
def test_expected_shapes_from_the_layer_table_are_lenets_own(config: ModelConfig) -> None:
    with torch.device("meta"):
        lenet = LeNet(config)
    actual = {name: tuple(t.shape) for name, t in lenet.state_dict().items()}
    assert list(expected_shapes(config).items()) == list(actual.items())


# ---- safetensors ---------------------------------------------------------------------------------
def test_safetensors_round_trip(tmp_path: Path, model: LeNet) -> None:
    path = save_checkpoint(tmp_path / "m.safetensors", model, {"dataset": "mnist-5k"})
    checkpoint = load_checkpoint(path)
    assert checkpoint.config == model.config
    assert checkpoint.metadata["dataset"] == "mnist-5k"
    for name, tensor in model.state_dict().items():
        assert torch.equal(checkpoint.state_dict[name], tensor), name


def test_safetensors_interoperates_with_the_reference_library(tmp_path: Path, model: LeNet) -> None:
    safetensors_torch = pytest.importorskip("safetensors.torch")
    ours = save_checkpoint(tmp_path / "ours.safetensors", model)
    loaded = safetensors_torch.load_file(str(ours))
    for name, tensor in model.state_dict().items():
        assert torch.equal(loaded[name], tensor), name
    reference = TutorialLeNet().eval()
    theirs = tmp_path / "tutorial.safetensors"
    safetensors_torch.save_file(reference.state_dict(), str(theirs))  # keys sorted on disk
    checkpoint = load_checkpoint(theirs)
    x = torch.randn(2, 1, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(logits_of(checkpoint, x), reference(x), atol=1e-5, rtol=0)


def test_truncated_safetensors(tmp_path: Path, model: LeNet) -> None:
    data = save_checkpoint(tmp_path / "m.safetensors", model).read_bytes()
    path = tmp_path / "cut.safetensors"
    path.write_bytes(data[: len(data) // 2])
    expect_error(path, "truncated or corrupt safetensors file")


def _damaged_safetensors(data: bytes, how: str) -> bytes:
    header_len = int.from_bytes(data[:8], "little")
    header, body = data[8 : 8 + header_len], data[8 + header_len :]
    if how == "shorter than its length field":
        return data[:5]
    if how == "cut inside the header":
        return data[:40]
    if how == "header is not JSON":
        return data[:8] + b"[" + header[1:] + body
    if how == "unknown dtype":
        return data[:8] + header.replace(b'"F32"', b'"F99"', 1) + body
    if how == "trailing bytes":
        return data + b"\0" * 8
    if how == "impossible header length":
        return (1 << 40).to_bytes(8, "little") + header + body
    raise AssertionError(how)  # pragma: no cover


@pytest.mark.parametrize(
    "how, found",
    [
        ("shorter than its length field", "expected at least 8 bytes"),
        ("cut inside the header", "expected a header of"),
        ("header is not JSON", "expected a JSON header"),
        ("unknown dtype", "F99"),
        ("trailing bytes", "bytes (header and tensor data), found"),
        ("impossible header length", "expected a header of 1099511627776 bytes"),
    ],
)
def test_damaged_safetensors_give_one_line_of_ours(
    tmp_path: Path, model: LeNet, how: str, found: str
) -> None:
    """The library's own errors (SafetensorError, from Rust) never reach the caller raw."""
    data = save_checkpoint(tmp_path / "m.safetensors", model).read_bytes()
    path = tmp_path / "damaged.safetensors"
    path.write_bytes(_damaged_safetensors(data, how))
    message = expect_error(path, "truncated or corrupt safetensors file", found)
    assert "Error while deserializing" not in message


def test_sequential_lenet_from_safetensors_chains_in_natural_order(tmp_path: Path) -> None:
    """safetensors stores keys sorted as strings ("10", "11" before "2"): the importer must put
    nn.Sequential indices back in numeric order, or the layers would not chain."""
    torch.manual_seed(11)
    reference = nn.Sequential(
        nn.Conv2d(1, 6, 5),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120),
        nn.ReLU(),
        nn.Linear(120, 84),
        nn.ReLU(),
        nn.Linear(84, 10),
    ).eval()
    from safetensors.torch import save_file

    path = tmp_path / "sequential.safetensors"
    save_file(reference.state_dict(), str(path))
    model, checkpoint = load_model(path, device="cpu")
    assert checkpoint.metadata["imported_from"] == "sequential"
    assert checkpoint.metadata["source_keys"]["logits.weight"] == "11.weight"
    x = torch.randn(4, 1, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(model(x), reference(x), atol=1e-5, rtol=0)


def test_safetensors_without_marker_uses_a_json_sidecar(tmp_path: Path) -> None:
    from safetensors.torch import save_file

    config = ModelConfig(activation="tanh", pool="avg", class_names=tuple("abcdefghij"))
    model = build_model(config, device="cpu", seed=9)
    path = tmp_path / "weights.safetensors"
    save_file(model.state_dict(), str(path))  # a plain safetensors file: no metadata, no marker
    # Without the sidecar the architecture is imported and activation/pool are assumed.
    assert load_checkpoint(path).config.activation == "relu"
    (tmp_path / "weights.json").write_text(
        json.dumps({"config": config.to_dict(), "metadata": {"dataset": "letters"}})
    )
    checkpoint = load_checkpoint(path)
    assert checkpoint.config == config and checkpoint.metadata == {"dataset": "letters"}
    x = torch.randn(2, 1, 32, 32)
    with torch.no_grad():
        torch.testing.assert_close(logits_of(checkpoint, x), model(x), atol=1e-6, rtol=0)


# ---- other namings and the safety rule -----------------------------------------------------------
def test_lenet5_paper_names_import_in_module_order(tmp_path: Path) -> None:
    """Names that are neither tutorial nor Sequential (c1, c3, f5, f6, output): module order."""
    torch.manual_seed(10)
    layers = {
        "c1": nn.Conv2d(1, 6, 5),
        "c3": nn.Conv2d(6, 16, 5),
        "f5": nn.Linear(400, 120),
        "f6": nn.Linear(120, 84),
        "output": nn.Linear(84, 10),
    }
    net = nn.ModuleDict(layers)
    checkpoint = import_state_dict(net.state_dict(), activation="scaled_tanh", pool="avg")
    assert checkpoint.metadata["imported_from"] == "state-dict"
    x = torch.randn(3, 1, 32, 32)

    def act(t: torch.Tensor) -> torch.Tensor:
        return 1.7159 * torch.tanh(2 * t / 3)

    with torch.no_grad():
        h = F.avg_pool2d(act(layers["c1"](x)), 2)
        h = F.avg_pool2d(act(layers["c3"](h)), 2).flatten(1)
        expected = layers["output"](act(layers["f6"](act(layers["f5"](h)))))
        torch.testing.assert_close(logits_of(checkpoint, x), expected, atol=1e-5, rtol=0)


def test_every_load_uses_weights_only(
    tmp_path: Path, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[dict] = []
    real_load = torch.load

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(torch, "load", spy)
    load_checkpoint(saved)
    load_checkpoint(write_payload(tmp_path / "t.pt", TutorialLeNet().state_dict()))
    with pytest.raises(CheckpointError):
        load_checkpoint(write_payload(tmp_path / "l.pt", [1]))
    assert len(calls) == 3
    assert all(c.get("weights_only") is True and c.get("map_location") == "cpu" for c in calls)


def test_whole_pickled_module_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "whole.pt"
    torch.save(TutorialLeNet(), path)  # pickles the class itself, not plain data
    expect_error(path, "refused to load", "TutorialLeNet", "save model.state_dict() instead")


@settings(max_examples=15, deadline=None)
@given(
    in_channels=st.integers(1, 3),
    conv_channels=st.tuples(st.integers(1, 8), st.integers(1, 12)),
    kernel_size=st.integers(2, 5),
    padding=st.integers(0, 2),
    input_size=st.integers(14, 40),
    fc_sizes=st.lists(st.integers(1, 40), max_size=2),
    num_classes=st.integers(2, 12),
)
def test_import_recovers_any_lenet_config_from_shapes(
    in_channels, conv_channels, kernel_size, padding, input_size, fc_sizes, num_classes
) -> None:
    try:
        config = ModelConfig(
            input_size=input_size,
            in_channels=in_channels,
            conv_channels=conv_channels,
            kernel_size=kernel_size,
            padding=padding,
            fc_sizes=tuple(fc_sizes),
            class_names=tuple(f"c{i}" for i in range(num_classes)),
        )
    except ConfigError:
        assume(False)
    model = build_model(config, device="cpu", seed=0)
    inferred = import_state_dict(model.state_dict()).config
    # Everything the shapes say is recovered; the input size only up to the same fc1 width.
    assert (inferred.in_channels, inferred.conv_channels, inferred.kernel_size) == (
        in_channels,
        tuple(conv_channels),
        kernel_size,
    )
    assert inferred.fc_sizes == tuple(fc_sizes) and inferred.num_classes == num_classes
    assert inferred.flat_size == config.flat_size
    exact = import_state_dict(
        model.state_dict(),
        input_size=input_size,
        padding=padding,
        class_names=config.class_names,
    )
    assert exact.config == config
    x = torch.randn(2, in_channels, input_size, input_size)
    with torch.no_grad():
        torch.testing.assert_close(logits_of(exact, x), model(x), atol=1e-5, rtol=0)


def test_random_binary_is_not_a_checkpoint(tmp_path: Path) -> None:
    path = tmp_path / "noise.pt"
    path.write_bytes(bytes([0x71, 0xB0, 0x00, 0x61]) + bytes(range(256)) * 4)
    expect_error(path, "not a checkpoint", "unrecognised binary data (starts with 71 b0 00 61")
