"""A GPU that fails (out of memory, a CUDA error) is given up for the CPU with a message, in the
window's inference and in a training run. The failures are injected: these machines may have no
GPU, and a real one fails rarely and at random."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from explainer import paths
from explainer.core.samples import load_sample
from explainer.state import SessionState


@pytest.fixture
def state() -> SessionState:
    session = SessionState()
    session.load_checkpoint(paths.models_dir() / "default.pt", "cpu")
    return session


def failing_once(real, error: BaseException):
    calls = []

    def forward_trace(x, *args, **kwargs):  # (input, knock-outs) as the session calls it
        calls.append(1)
        if len(calls) == 1:
            raise error
        return real(x, *args, **kwargs)

    return forward_trace


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("CUDA error: an illegal memory access was encountered"),
        torch.cuda.OutOfMemoryError("CUDA out of memory. Tried to allocate 2.00 MiB"),
    ],
)
def test_inference_falls_back_to_the_cpu_with_a_notice(state: SessionState, error) -> None:
    notices: list[str] = []
    state.notice.connect(notices.append)
    model = state.model
    expected = model.forward_trace(np.zeros((1, 32, 32), np.float32))  # warm
    del expected
    model.forward_trace = failing_once(model.forward_trace, error)
    trace = state.set_input(load_sample(7, 0))
    assert trace is not None and trace.top(1)[0].index == 7
    assert state.device.type == "cpu"
    assert len(notices) == 1 and "GPU failed" in notices[0] and "CPU" in notices[0]


def test_other_runtime_errors_are_not_mistaken_for_the_gpu(state: SessionState) -> None:
    state.model.forward_trace = failing_once(state.model.forward_trace, RuntimeError("bad shape"))
    with pytest.raises(RuntimeError, match="bad shape"):
        state.set_input(load_sample(7, 0))


def test_the_window_says_so_in_its_status_bar(qtbot) -> None:
    from gui_support import open_window

    window = open_window(qtbot, paths.models_dir() / "default.pt")
    model = window.state.model
    model.forward_trace = failing_once(model.forward_trace, RuntimeError("CUDA error: launch"))
    assert window.load_sample(3, 0)
    window.flush_input()
    assert window.state.trace is not None
    assert "GPU failed" in window.statusBar().currentMessage()
    assert window.last_error is None  # a notice, not an error dialog


def test_a_training_run_whose_gpu_fails_starts_again_on_the_cpu(monkeypatch) -> None:
    from explainer import training
    from explainer.core.config import ModelConfig
    from explainer.training import Notice, TrainingRequest, training_settings

    devices: list[str | None] = []

    def fake_train(request, news, paused, stopped):
        devices.append(request.device)
        if request.device != "cpu":
            raise RuntimeError("CUDA out of memory. Tried to allocate 20.00 GiB")
        news.put("trained on the CPU")

    class Queue(list):
        def put(self, item):
            self.append(item)

    monkeypatch.setattr(training, "_train", fake_train)
    monkeypatch.setattr(
        training.os if hasattr(training, "os") else __import__("os"), "nice", lambda n: 0
    )
    news = Queue()
    request = TrainingRequest(ModelConfig(), training_settings(epochs=1), "mnist", "cuda")
    training.worker_main(request, news, None, None)
    assert devices == ["cuda", "cpu"]
    assert isinstance(news[0], Notice) and "training starts again on the CPU" in news[0].message
    assert news[1] == "trained on the CPU"
