"""A 30-second soak through the real window (bench/soak.py; `make soak` runs 10 minutes): drawing
at 60 Hz while models switch, evaluations start and are cancelled, the language switches, the
arithmetic dock steps and the timeline is scrubbed. No exception, bounded memory, no worker
left running, the undo history within its limit."""

from __future__ import annotations

from bench import soak


def test_thirty_seconds_of_everything_at_once(qapp) -> None:
    result = soak.run(duration_s=30, switch_every_s=6)
    assert result["exceptions"] == 0, result["exception_samples"]
    assert result["model_switches"] >= 3 and result["language_switches"] >= 2
    assert result["evaluations_started"] >= 2 and result["evaluations_cancelled"] >= 1
    assert result["stepper_steps"] >= 10
    assert result["timeline_scrubs"] >= 1
    assert result["strokes"] >= 20 and result["inferences"] >= result["strokes"]
    assert result["growth_mb"] < result["growth_limit_mb"], result
    assert result["worker_threads_left"] == 0
    assert result["undo_steps"] <= result["undo_limit"]
