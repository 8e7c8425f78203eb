"""The results as a markdown table: one row per headline figure, baseline beside it."""

from __future__ import annotations

from typing import Any


def _ms(stats: dict[str, Any] | None, *keys: str) -> str:
    if not stats or stats.get("n", 1) == 0:
        return "–"
    return " / ".join(f"{stats[k]:.2f}" for k in keys) + " ms"


def _s(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f} s"


def _runs(mode: dict[str, Any]) -> str:
    """Inferences per event, and (in brackets) the most per painted frame."""
    return f"{mode['inferences_per_event']:.2f} ({mode['max_inferences_per_frame']})"


def _pass(targets: list[dict[str, Any]], index: int) -> str:
    if index >= len(targets):
        return ""
    item = targets[index]
    verdict = {True: "pass", False: "**MISS**", None: "not measured"}[item["passed"]]
    sign = "≥" if item.get("at_least") else "≤"
    return f"{sign} {item['limit']:g} {item['unit']}: {verdict}"


def _rows(name: str, fig: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(measure, value, baseline in the same run, target) rows of one figure."""
    if "error" in fig:
        return [(name, f"error: {fig['error']}", "", "")]
    targets = fig.get("targets", [])
    if name == "forward":
        cpu = fig["cpu"]
        rows = [
            (
                "forward + trace, batch 1, CPU (p50 / p99)",
                _ms(cpu["forward_trace_ms"], "p50", "p99"),
                "plain forward " + _ms(cpu["baseline_plain_forward_ms"], "p50", "p99"),
                "p99 " + _pass(targets, 0),
            )
        ]
        cuda = fig["cuda"]
        if "skipped" in cuda:
            rows.append(("forward + trace, batch 1, CUDA", cuda["skipped"], "", ""))
        else:
            graph = cuda.get("cuda_graph", {})
            rows.append(
                (
                    "forward + trace, batch 1, CUDA (p50 / p99)",
                    _ms(cuda["forward_trace_ms"], "p50", "p99"),
                    "plain forward "
                    + _ms(cuda["baseline_plain_forward_ms"], "p50", "p99")
                    + (
                        "; CUDA graph " + _ms(graph["cuda_graph_trace_ms"], "p50", "p99")
                        if "cuda_graph_trace_ms" in graph
                        else ""
                    ),
                    "",
                )
            )
        return rows
    if name == "pen":
        rows = []
        for label, modes, index in (
            ("125 Hz mouse", fig, 0),
            ("1000 Hz input", fig["fast_input_1000hz"], 2),
        ):
            shipped, base = modes["coalesced"], modes["baseline_uncoalesced"]
            variant = modes["variant_idle_coalesced"]
            rows.append(
                (
                    f"pen to pixels, real window, {label} (p50 / p95)",
                    _ms(shipped["pen_to_pixels_ms"], "p50", "p95"),
                    "one inference per event " + _ms(base["pen_to_pixels_ms"], "p50", "p95"),
                    "p95 " + _pass(targets, 0) if index == 0 else "",
                )
            )
            rows.append(
                (
                    f"… inferences per event (max per frame), {label}",
                    _runs(shipped),
                    _runs(base),
                    "per frame " + _pass(targets, 1 if index == 0 else 2),
                )
            )
            rows.append(
                (
                    f"… variant FRAME_MS = 0 (coalesce only while busy), {label}",
                    _ms(variant["pen_to_pixels_ms"], "p50", "p95") + "; " + _runs(variant),
                    "",
                    "",
                )
            )
        ratios = fig.get("issue15")
        if ratios:
            shipped, fast = fig["coalesced"], fig["fast_input_1000hz"]["coalesced"]
            rows.append(
                (
                    "pen p95 at 125 Hz / (preprocess + forward p50 + panels paint p50)",
                    f"{ratios['pen_p95_over_work']}×",
                    f"p95 {_ms(shipped['pen_to_pixels_ms'], 'p95')}; "
                    f"work {ratios['work_p50_ms']:.2f} ms",
                    _pass(targets, 3),
                )
            )
            rows.append(
                (
                    "pen p95 at 1000 Hz / at 125 Hz",
                    f"{ratios['fast_p95_over_mouse_p95']}×",
                    f"{_ms(fast['pen_to_pixels_ms'], 'p95')} / "
                    f"{_ms(shipped['pen_to_pixels_ms'], 'p95')}",
                    _pass(targets, 4),
                )
            )
            rows.append(
                (
                    "window repaint beyond the panels / panels paint (p50)",
                    f"{ratios['repaint_beyond_panels_over_panels']}×",
                    f"beyond {ratios['repaint_beyond_panels_p50_ms']:.2f} ms; panels "
                    f"{_ms(shipped['panels_paint_ms'], 'p50')}",
                    _pass(targets, 5),
                )
            )
        return rows
    if name == "render":
        items = fig["activation_image_items_baseline"]
        return [
            (
                "all panels rendered from one trace, app path (p50 / p95)",
                _ms(fig["shipped_app_path_ms"], "p50", "p95"),
                f"one ImageItem per map ({items} items) "
                + _ms(fig["baseline_app_path_ms"], "p50", "p95"),
                "p95 " + _pass(targets, 0),
            ),
            (
                "… full repaint of every panel, title and colour bar (p50 / p95)",
                _ms(fig["shipped_full_repaint_ms"], "p50", "p95"),
                "one ImageItem per map " + _ms(fig["baseline_full_repaint_ms"], "p50", "p95"),
                "",
            ),
        ]
    if name == "startup":
        marks = fig["seconds_since_process_start"]
        return [
            (
                "start → window shown (median of {})".format(fig["runs"]),
                _s(marks["window_shown"]["median"]),
                "empty Qt window " + _s(fig["baseline_empty_qt_window_shown_s"]["median"]),
                _pass(targets, 0),
            ),
            (
                "start → first prediction on screen (median)",
                _s(marks["first_prediction"]["median"]),
                "bare `import torch` " + _s(fig["baseline_import_torch_s"]["median"]),
                _pass(targets, 1),
            ),
        ] + (
            [
                (
                    "… window shown / empty Qt window",
                    f"{fig['window_shown_over_empty_qt']}×",
                    "",
                    _pass(targets, 2),
                ),
                (
                    "… first prediction / bare `import torch`",
                    f"{fig['first_prediction_over_import_torch']}×",
                    "",
                    _pass(targets, 3),
                ),
            ]
            if "window_shown_over_empty_qt" in fig
            else []
        )
    if name == "training":
        rows = []
        cpu = fig["cpu"]
        mnist, fashion = cpu["mnist_subset_train"], cpu["fashion_train"]
        default = cpu["default_threads"]
        label = " (extrapolated)" if fashion["extrapolated"] else ""
        rows.append(
            (
                f"MNIST subset epoch, 4,000 images, CPU 1 thread{label}",
                f"{_s(mnist['augmented']['seconds_per_epoch'])} "
                f"({mnist['augmented']['images_per_s']:.0f} img/s, augmented)",
                f"no augmentation {_s(mnist['baseline_no_augment']['seconds_per_epoch'])}",
                "",
            )
        )
        rows.append(
            (
                f"Fashion-MNIST epoch, 60,000 images, CPU 1 thread{label}",
                f"{_s(fashion['baseline_no_augment']['seconds_per_epoch'])} "
                f"({fashion['baseline_no_augment']['images_per_s']:.0f} img/s)",
                f"augmented {_s(fashion['augmented']['seconds_per_epoch'])}; torch default "
                f"{default['threads']} threads "
                f"{_s(default['fashion_train']['baseline_no_augment']['seconds_per_epoch'])}",
                _pass(targets, 0),
            )
        )
        evaluation = cpu["fashion_test_eval"]
        rows.append(
            (
                "evaluate 10,000 test images, CPU 1 thread",
                _s(evaluation["seconds"]),
                f"bare forward {_s(evaluation['baseline_bare_forward_s'])}; "
                f"{default['threads']} threads "
                f"{_s(default['fashion_test_eval']['seconds'])}",
                _pass(targets, 1),
            )
        )
        if "skipped" in fig["cuda"]:
            rows.append(("training / evaluation, CUDA", fig["cuda"]["skipped"], "", ""))
        else:
            gpu = fig["cuda"]
            rows.append(
                (
                    "Fashion-MNIST epoch / 10k evaluation, CUDA",
                    f"{_s(gpu['fashion_train']['baseline_no_augment']['seconds_per_epoch'])}"
                    f" / {_s(gpu['fashion_test_eval']['seconds'], 3)}",
                    f"augmented {_s(gpu['fashion_train']['augmented']['seconds_per_epoch'])}",
                    "≤ 1 s / ≤ 0.1 s",
                )
            )
        return rows
    if name == "memory":
        return [
            (
                f"RSS growth, {fig['duration_s']:.0f} s synthetic drawing",
                f"{fig['growth_mb']:+.1f} MB ({fig['rss_start_mb']:.0f} → "
                f"{fig['rss_end_mb']:.0f} MB)",
                f"idle {fig['baseline_idle_s']:.0f} s {fig['baseline_idle_growth_mb']:+.1f} MB",
                _pass(targets, 0),
            )
        ]
    if name == "timeline":
        pen, through, scrub, to_97 = (
            fig["pen_while_training"],
            fig["throughput"],
            fig["scrub"],
            fig["time_to_97"],
        )
        rows = [
            (
                "pen to pixels while training in the window, 125 Hz (p50 / p95)",
                _ms(pen["training"]["pen_to_pixels_ms"], "p50", "p95"),
                "run paused " + _ms(pen["idle_paused"]["pen_to_pixels_ms"], "p50", "p95"),
                "ratio " + _pass(targets, 0),
            ),
            (
                "training throughput in the window (worker, 1 thread)",
                f"{through['window_images_per_s']} img/s",
                f"train_model, same settings {through['cli_images_per_s']} img/s",
                "ratio " + _pass(targets, 1),
            ),
        ]
        if "scrub_to_panels_ms" in scrub:
            rows.append(
                (
                    f"timeline slider → panels painted, {scrub['snapshots']} snapshots (p50 / p95)",
                    _ms(scrub["scrub_to_panels_ms"], "p50", "p95"),
                    "rerun of the drawing "
                    + _ms(scrub["baseline_rerun_to_panels_ms"], "p50", "p95"),
                    _pass(targets, 2),
                )
            )
        reached = to_97.get("reached_97")
        if reached:
            rows.append(
                (
                    f"default network to ≥ 97 % held-out, CPU ({to_97['schedule_epochs']}-epoch "
                    "schedule)",
                    f"{reached['training_seconds']:.1f} s (epoch {reached['epoch']})",
                    "",
                    "reported",
                )
            )
        return rows
    if name == "attribution":
        return _attribution_rows(fig, targets)
    if name == "why":
        return _why_rows(fig, targets)
    return [(name, "see JSON", "", "")]


def _why_rows(fig: dict[str, Any], targets: list[dict[str, Any]]):
    frame, occ, filters = fig["per_frame"], fig["occlusion"], fig["filters"]
    opened, closed = frame["panel_open"], frame["panel_closed"]
    vis = filters["featurevis"]
    return [
        (
            "Why panel open, in the window: extra per painted frame (p50 run + repaint)",
            f"{frame['extra_per_painted_frame_ms']:.2f} ms (run "
            + _ms(opened["run_ms"], "p50")
            + ", repaint "
            + _ms(opened["window_repaint_ms"], "p50")
            + ")",
            "closed: run "
            + _ms(closed["run_ms"], "p50")
            + ", repaint "
            + _ms(closed["window_repaint_ms"], "p50"),
            _pass(targets, 0),
        ),
        (
            "pen to pixels, Why panel open / closed, 125 Hz (p50 / p95)",
            _ms(opened["pen_to_pixels_ms"], "p50", "p95"),
            "closed " + _ms(closed["pen_to_pixels_ms"], "p50", "p95"),
            "reported",
        ),
        (
            "stroke end → occlusion maps shown (p50 / p95)",
            _ms(occ["release_to_shown_ms"], "p50", "p95"),
            "core occlusion() of both guesses "
            + _ms(occ["baseline_core_occlusion_two_guesses_ms"], "p50"),
            "p95 " + _pass(targets, 1),
        ),
        (
            f"filter selected → top-9 shown: first (index of all {filters['filters']}) / "
            "each other (p50)",
            _s(filters["top9_first_filter_cold_s"], 3)
            + " / "
            + _ms(filters["top9_other_filters_ms"], "p50"),
            "core patch_index + top_all(9) " + _s(filters["baseline_core_all_filters_top9_s"], 3),
            _pass(targets, 2),
        ),
        (
            "filter selected → feature visualisation shown (conv1 0 / conv2 3)",
            _s(vis["conv1_0"]["selected_to_shown_s"], 3)
            + " / "
            + _s(vis["conv2_3"]["selected_to_shown_s"], 3),
            "core visualise() "
            + _s(vis["conv1_0"]["baseline_core_visualise_s"], 3)
            + " / "
            + _s(vis["conv2_3"]["baseline_core_visualise_s"], 3),
            _pass(targets, 3),
        ),
    ]


def _attribution_rows(fig: dict[str, Any], targets: list[dict[str, Any]]):
    cpu = fig["cpu"]
    frame = cpu["per_frame"]
    captum = frame["captum_frame_ms"]
    captum_text = (
        "captum " + _ms(captum, "p50", "p95") if "p50" in captum else captum.get("skipped", "")
    )
    occ, top9, vis = cpu["occlusion"], cpu["top9"], cpu["featurevis"]
    rows = [
        (
            "Why panel: extra per frame, CPU (p50 / p95)",
            _ms(frame["extra_live_ms"], "p50", "p95")
            + " (maps + trace "
            + _ms(frame["panel_open_live_ms"], "p50")
            + ")",
            "panel closed "
            + _ms(frame["panel_closed_forward_trace_ms"], "p50", "p95")
            + "; "
            + captum_text,
            "p50 " + _pass(targets, 0),
        ),
        (
            "occlusion map, 196 windows, CPU (p50 / p95)",
            _ms(occ["occlusion_ms"], "p50", "p95"),
            "plain forward of 197 " + _ms(occ["baseline_forward_197_ms"], "p50", "p95"),
            "p95 " + _pass(targets, 1),
        ),
        (
            f"top-9 patches, all {top9['filters']} filters, {top9['dataset']}, CPU",
            _s(top9["all_filters_top9_s"], 3),
            "plain forward " + _s(top9["baseline_plain_forward_s"], 3),
            _pass(targets, 2),
        ),
        (
            "feature visualisation (128 steps), CPU (max)",
            _s(vis["max_s"], 3),
            "",
            _pass(targets, 3),
        ),
    ]
    cuda = fig["cuda"]
    if "skipped" in cuda:
        rows.append(("Why view, CUDA", cuda["skipped"], "", ""))
    else:
        rows.append(
            (
                "Why view, CUDA: extra per frame (p50) / occlusion (p50) / top-9 all filters",
                _ms(cuda["per_frame"]["extra_live_ms"], "p50")
                + " / "
                + _ms(cuda["occlusion"]["occlusion_ms"], "p50")
                + " / "
                + _s(cuda["top9"]["all_filters_top9_s"], 3),
                "panel closed " + _ms(cuda["per_frame"]["panel_closed_forward_trace_ms"], "p50"),
                "",
            )
        )
    return rows


def markdown_table(result: dict[str, Any]) -> str:
    lines = ["| Figure | Measured | Baseline (same run) | Target |", "|---|---|---|---|"]
    for name, fig in result["figures"].items():
        for row in _rows(name, fig):
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |")
    machine = result["machine"]
    lines.append("")
    lines.append(
        f"{result['date']}, {machine['cpu_model']} ({machine['cpu_cores']} cores), "
        f"torch {machine['torch']}, device {machine['device']}, load average "
        f"{' / '.join(str(x) for x in result['load_avg_start'])} at start"
        + ("; --quick (short runs, extrapolated where marked)" if result["quick"] else "")
    )
    return "\n".join(lines)
