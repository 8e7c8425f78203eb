"""The session's side of the Why panel (explainer.why, Qt-free): the maps come from the same pass
as the trace, only while the panel is open; the jobs' results equal the core's (and captum's);
a result computed for another input or other weights is never accepted."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from captum.attr import InputXGradient, LayerAttribution, LayerGradCam, Saliency

from explainer import paths
from explainer.core import attribution as A
from explainer.core.checkpoint import load_model
from explainer.core.featurevis import visualise
from explainer.core.patches import heldout_dataset, top_patches
from explainer.core.samples import load_sample
from explainer.state import SessionState, prepare_model
from explainer.why import FilterPatches, FilterVisualisation, OcclusionMaps, WhyMaps

torch.set_num_threads(1)
MODELS = paths.models_dir()


@pytest.fixture(scope="module")
def prepared():
    return {name: prepare_model(MODELS / f"{name}.pt", "cpu") for name in ("default", "early")}


@pytest.fixture
def session(prepared) -> SessionState:
    state = SessionState()
    state.use(prepared["default"])
    return state


def record(event) -> list:
    calls: list = []
    event.connect(lambda *args: calls.append(args[0] if len(args) == 1 else args))
    return calls


def captum_maps(model, x: np.ndarray, k: int) -> dict[str, np.ndarray]:
    """Saliency, gradient × input and Grad-CAM (conv1, conv2) of class k, by captum."""
    tensor = torch.as_tensor(np.array(x))[None]
    out = {
        "saliency": Saliency(model).attribute(tensor.clone().requires_grad_(), target=k)[0, 0],
        "gradxinput": InputXGradient(model).attribute(tensor.clone().requires_grad_(), target=k)[
            0, 0
        ],
    }
    tapped = A.TappedLeNet(model)
    size = model.config.input_size
    for layer in ("conv1", "conv2"):
        cam = LayerGradCam(tapped, tapped.taps[layer]).attribute(
            tensor, target=k, relu_attributions=True
        )
        up = LayerAttribution.interpolate(cam, (size, size), interpolate_mode="bilinear")
        out[f"gradcam:{layer}"] = up[0, 0]
    return {name: value.detach().numpy() for name, value in out.items()}


def assert_close(mine: np.ndarray, oracle: np.ndarray) -> None:
    scale = float(np.abs(oracle).max())
    np.testing.assert_allclose(mine, oracle, rtol=1e-5, atol=1e-5 * max(scale, 1e-12))


def test_open_maps_are_the_trace_pass_and_equal_captum(session: SessionState) -> None:
    maps_seen, traces = record(session.why.maps_changed), record(session.trace_changed)
    session.set_input(load_sample(3))
    assert maps_seen == [] and session.why.live_runs == 0  # closed: nothing extra
    closed_trace = session.trace
    session.why.set_open(True)  # reruns the input at once
    assert len(maps_seen) == 1 and len(traces) == 2
    maps = maps_seen[0]
    assert isinstance(maps, WhyMaps) and maps is session.why.maps
    x = session.preprocessed.network_input
    np.testing.assert_array_equal(maps.network_input, x)
    assert maps.live.trace is session.trace  # the panels draw the trace of the maps' pass
    for name in ("conv1", "conv2", "logits", "probs"):
        np.testing.assert_allclose(session.trace[name], closed_trace[name], rtol=1e-5, atol=1e-6)
    order = np.argsort(-session.trace["probs"], kind="stable")
    assert maps.targets == (int(order[0]), int(order[1]))
    for i, k in enumerate(maps.targets):
        oracle = captum_maps(session.model, x, k)
        for method, expected in oracle.items():
            assert_close(maps.map(method, i).map, expected)
    session.why.set_open(False)
    runs = session.runs
    session.set_input(load_sample(8))
    assert session.runs == runs + 1 and session.why.live_runs == 1 and len(maps_seen) == 1
    assert session.why.maps is None


def test_contrast_targets_and_a_contrast_that_names_one_class_twice(session) -> None:
    session.why.set_open(True)
    session.set_input(load_sample(3))
    first, second = session.why.maps.targets
    session.why.set_contrast((A.FIRST, 8))
    maps = session.why.maps
    assert maps.contrast and maps.targets == ((first, 8), (8, first))
    assert_close(
        maps.map("gradxinput", 0).map,
        A.gradient_x_input(session.model, maps.network_input, (first, 8)).map,
    )
    session.why.set_contrast((A.FIRST, first))  # "first guess − 3" while 3 is the first guess
    maps = session.why.maps
    assert maps.contrast_failed and not maps.contrast and maps.targets == (first, second)
    session.why.set_contrast(None)
    assert not session.why.maps.contrast_failed


def test_occlusion_job_equals_the_core_and_a_stale_one_is_dropped(session) -> None:
    seen = record(session.why.occlusion_changed)
    session.why.set_open(True)
    session.set_input(load_sample(3))
    job = session.why.occlusion_job()
    result = job()
    assert isinstance(result, OcclusionMaps) and result.targets == session.why.maps.targets
    x = session.preprocessed.network_input
    for target, got in zip(result.targets, result.maps, strict=True):
        expected = A.occlusion(session.model, x, target)
        np.testing.assert_allclose(got.map, expected.map, rtol=1e-5, atol=1e-7)
    assert session.why.accept(result) and seen == [result]
    assert session.why.occlusion_job() is None  # already there for this run
    session.set_input(load_sample(7))
    old = job()  # computed for the 3, arriving after the 7 was drawn
    assert not session.why.accept(old) and seen == [result]
    assert session.why.occlusion_job() is not None  # the 7 needs its own


def test_patches_and_featurevis_jobs_equal_the_core_and_stale_weights_are_dropped(
    session, prepared
) -> None:
    patches_seen, vis_seen = (
        record(session.why.patches_changed),
        record(session.why.featurevis_changed),
    )
    job = session.why.patches_job("conv2", 3)
    result = job()
    assert isinstance(result, FilterPatches)
    model, checkpoint = session.model, session.checkpoint
    expected = top_patches(model, heldout_dataset(checkpoint), "conv2", 3)
    assert [p.image for p in result.patches] == [p.image for p in expected]
    assert [p.value for p in result.patches] == [p.value for p in expected]
    for got, want in zip(result.patches, expected, strict=True):
        np.testing.assert_array_equal(got.patch, want.patch)
    assert session.why.accept(result) and patches_seen == [result]
    vis_job = session.why.featurevis_job("conv1", 2)
    vis = vis_job()
    assert isinstance(vis, FilterVisualisation)
    np.testing.assert_allclose(vis.visualisation.image, visualise(model, "conv1", 2).image)
    old_patches = session.why.patches_job("conv1", 0)
    old_vis = session.why.featurevis_job("conv1", 0)
    session.use(prepared["early"])  # a model switch before the jobs return
    assert not session.why.accept(old_patches()) and not session.why.accept(old_vis())
    assert patches_seen == [result] and vis_seen == []
    new = session.why.patches_job("conv1", 0)()
    early_model, _ = load_model(MODELS / "early.pt", "cpu")
    expected = top_patches(early_model, heldout_dataset(session.checkpoint), "conv1", 0)
    assert [p.value for p in new.patches] == pytest.approx([p.value for p in expected], rel=1e-6)
    assert session.why.accept(new)
    # Weights changed in place (a snapshot, an edit): the same model object, other weights.
    before = session.why.patches_job("conv1", 0)
    weights = {k: v.clone() for k, v in session.model.state_dict().items()}
    weights["conv1.weight"][0, 0, 0, 0] += 0.5
    session.set_weights(weights)
    assert not session.why.accept(before())
    assert session.why.accept(session.why.patches_job("conv1", 0)())


def test_featurevis_is_cached_per_weights(session) -> None:
    job = session.why.featurevis_job("conv2", 1)
    assert session.why.accept(job())
    assert session.why.featurevis_job("conv2", 1) is None  # known for these weights
    cached = session.why.cached_featurevis("conv2", 1)
    assert cached is not None and cached.filter_index == 1


def test_the_maps_explain_the_network_with_its_knock_outs_and_edited_weights(session) -> None:
    """The same effective network as the trace: units switched off, kernel weights edited."""
    from explainer.core.ablation import Ablation

    session.why.set_open(True)
    session.set_input(load_sample(3))
    session.set_knocked_out([("conv2", 3), ("conv1", 0)])
    maps, x = session.why.maps, session.preprocessed.network_input
    off = Ablation.of([("conv2", 3), ("conv1", 0)])
    assert maps.ablation == off
    np.testing.assert_array_equal(session.trace["conv2"][3], 0)  # the trace of the same pass
    for i, target in enumerate(maps.targets):
        for layer in ("conv1", "conv2"):
            expected = A.grad_cam(session.model, x, target, layer=layer, ablate=off).map
            assert_close(maps.map(f"gradcam:{layer}", i).map, expected)
        assert_close(
            maps.map("saliency", i).map, A.saliency(session.model, x, target, ablate=off).map
        )
    plain = A.saliency(session.model, x, maps.targets[0]).map
    assert np.abs(plain - maps.map("saliency", 0).map).max() > 1e-4  # knock-outs matter
    occluded = session.why.occlusion_job()()
    np.testing.assert_allclose(
        occluded.maps[0].map,
        A.occlusion(session.model, x, maps.targets[0], ablate=off).map,
        rtol=1e-5,
        atol=1e-7,
    )
    # An edited kernel weight: the maps follow it, and results for the old weights are stale.
    patches = session.why.patches_job("conv1", 1)
    session.set_weight(("conv1", 1, 0, 2, 2), 3.0)
    assert not session.why.accept(patches())
    edited = session.why.maps
    assert_close(
        edited.map("gradxinput", 0).map,
        A.gradient_x_input(session.model, x, edited.targets[0], ablate=off).map,
    )


def test_only_the_grad_cam_layers_asked_for_are_computed(session) -> None:
    session.why.set_open(True)
    session.set_input(load_sample(3))
    assert set(session.why.maps.live.gradcam) == {"conv1", "conv2"}  # by default: all
    runs = session.runs
    session.why.set_gradcam_layers(())  # saliency shown: no Grad-CAM; nothing to rerun
    assert session.runs == runs
    session.set_input(load_sample(4))
    assert session.why.maps.live.gradcam == {} and session.why.maps.map("gradcam:conv1", 0) is None
    session.why.set_gradcam_layers(("conv1",))  # the current maps lack it: rerun at once
    assert session.runs == runs + 2 and set(session.why.maps.live.gradcam) == {"conv1"}
    x, target = session.preprocessed.network_input, session.why.maps.targets[1]
    assert_close(
        session.why.maps.map("gradcam:conv1", 1).map,
        A.grad_cam(session.model, x, target, layer="conv1").map,
    )
