"""One unit's arithmetic as tables for slides and spreadsheets: CSV, Markdown and LaTeX.

`unit_table(result, source=...)` turns an explain_unit result (explainer.core.arithmetic.results)
into a `UnitTable`: the parts the arithmetic dock shows, with the numbers themselves —

- convolution: for every input channel the patch ⊙ kernel = products, and its sum; then the
  summary (the channel sums, their total, the bias, before the activation, the activation, the
  value and the value the network computed);
- pooling: the window (the max marked), and the summary;
- fully connected: the largest contributions (input × weight = product, largest |product|
  first), and the summary (their sum, the rest, the total, bias, activation, value);
- `softmax_table(...)`: the softmax table (logit, logit − max, exp, probability, Σ) and the
  cross-entropy of the true label when it is known.

Three writers turn a table into text. `to_csv` writes every number exactly (Python's shortest
round-trip repr, so a spreadsheet or a script reads back the float64 the dock holds); the first
two columns of each row say what it is (`patch:0,2` is row 2 of input channel 0's patch;
`summary,bias` is the bias row, keyed like the dock's summary table). `to_markdown` and
`to_latex` write the numbers as the dock shows them: grids with 3 decimals (the pooling window
with 4), every other number with `fmt`'s rule. The texts are templates of the "Steps" context
and the numbers go through a `StepFormat`, so the window writes them in the interface language
(explainer.gui.steps.InterfaceSteps) and the command line in English (`ENGLISH`).

No Qt and no torch here.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from explainer.core.arithmetic.formatting import ENGLISH, LOG_NAMES, Formula, Line, StepFormat, line
from explainer.core.arithmetic.operations import cross_entropy
from explainer.core.arithmetic.results import (
    ConvUnitResult,
    FcUnitResult,
    PoolUnitResult,
    SoftmaxResult,
)
from explainer.core.errors import ExplainerError
from explainer.core.text import QT_TRANSLATE_NOOP

GRID_PLACES = 3  # the dock's patch, kernel and products grids
WINDOW_PLACES = 4  # the dock's pooling window
TOP_CONTRIBUTIONS = 12  # the dock's bar chart of a fully connected unit
FORMATS = ("csv", "md", "tex")  # the file suffixes the writers below are for

LayerName = Callable[[str], str]


# ---- the parts of a table -------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class GridPart:
    """One grid of numbers: `key` (patch, kernel, products, window), its caption, its values,
    the decimals shown; cells on the zero padding, and a marked cell (the max of a window)."""

    key: str
    caption: Line
    values: np.ndarray
    places: int
    padding: np.ndarray | None = None
    marked: tuple[int, int] | None = None


@dataclass(frozen=True)
class SummaryRow:
    """A row of a summary: its key (as in the dock's summary table: sum:0, total, bias,
    pre_activation, value, network_value, …), its label and its exact value."""

    key: str
    label: Line
    value: float | None


@dataclass(frozen=True, eq=False)
class GridGroup:
    """Grids side by side with an operator between each two (patch ⊙ kernel = products), and
    a row under the last one (Σ = …)."""

    key: str  # "channel:0", "window"
    title: Line
    grids: tuple[GridPart, ...]
    operators: tuple[str, ...]
    total: SummaryRow | None = None


@dataclass(frozen=True, eq=False)
class Summary:
    key: str  # "summary", "loss"
    title: Line
    rows: tuple[SummaryRow, ...]


@dataclass(frozen=True, eq=False)
class ColumnTable:
    """A table with a header: a text column, then number columns (None: an empty cell), and a
    mark per row (the true label, the guess) shown in a last column."""

    key: str  # "contributions", "softmax"
    title: Line
    header: tuple[Line, ...]
    rows: tuple[tuple[Any, ...], ...]
    row_keys: tuple[str, ...]
    marks: tuple[Line | None, ...] = ()
    places: int | None = None  # None: fmt's rule


@dataclass(frozen=True)
class Note:
    key: str
    text: Line


Part = GridGroup | Summary | ColumnTable | Note


@dataclass(frozen=True, eq=False)
class UnitTable:
    """Everything one file holds: `name` is its file stem (conv2_3_4_5, fc1_7, softmax)."""

    name: str
    title: Line
    parts: tuple[Part, ...]


# ---- building -------------------------------------------------------------------------------
def _activation_label(activation: str | None) -> Line:
    if activation is None:
        return line(QT_TRANSLATE_NOOP("Steps", "no activation: the value"))
    return line(
        QT_TRANSLATE_NOOP("Steps", "{activation}: {formula} →"),
        activation=activation,
        formula=Formula(activation),
    )


def _tail_rows(
    bias: float, pre: float, activation: str | None, value: float, network: float | None
) -> list[SummaryRow]:
    rows = [
        SummaryRow("bias", line(QT_TRANSLATE_NOOP("Steps", "+ bias")), bias),
        SummaryRow(
            "pre_activation", line(QT_TRANSLATE_NOOP("Steps", "= before the activation")), pre
        ),
        SummaryRow("value", _activation_label(activation), value),
    ]
    return rows + _network_rows(network)


def _network_rows(network: float | None) -> list[SummaryRow]:
    if network is None:
        return []
    label = line(QT_TRANSLATE_NOOP("Steps", "the network computed"))
    return [SummaryRow("network_value", label, network)]


def _summary(rows: list[SummaryRow]) -> Summary:
    return Summary("summary", line(QT_TRANSLATE_NOOP("Steps", "summary")), tuple(rows))


def _unit_title(layer: str, index: int, row: int, col: int) -> Line:
    return line(
        QT_TRANSLATE_NOOP("Steps", "{layer}[{index}] at row {row}, col {col}"),
        layer=layer,
        index=index,
        row=row,
        col=col,
    )


def conv_table(result: ConvUnitResult, source: str, layer_name: LayerName = str) -> UnitTable:
    """Every input channel's patch ⊙ kernel = products with its sum, then the summary."""
    channels = len(result.channels)
    groups: list[Part] = []
    for step in result.channels:
        c = step.channel
        title = line(
            QT_TRANSLATE_NOOP("Steps", "input channel {channel} of {count}"),
            channel=c,
            count=channels,
        )
        grids = (
            GridPart(
                "patch",
                line(
                    QT_TRANSLATE_NOOP("Steps", "patch ({layer}[{channel}])"),
                    layer=layer_name(source),
                    channel=c,
                ),
                step.patch,
                GRID_PLACES,
                padding=step.is_padding if step.is_padding.any() else None,
            ),
            GridPart(
                "kernel",
                line(
                    QT_TRANSLATE_NOOP("Steps", "kernel {layer}[{filter}, {channel}]"),
                    layer=result.layer,
                    filter=result.filter_index,
                    channel=c,
                ),
                step.kernel,
                GRID_PLACES,
            ),
            GridPart(
                "products", line(QT_TRANSLATE_NOOP("Steps", "products")), step.products, GRID_PLACES
            ),
        )
        total = SummaryRow(f"sum:{c}", line(QT_TRANSLATE_NOOP("Steps", "Σ =")), step.sum)
        groups.append(GridGroup(f"channel:{c}", title, grids, ("⊙", "="), total))
    rows: list[SummaryRow] = []
    if channels == 1:
        step = result.channels[0]
        count = step.products.size
        template = (
            QT_TRANSLATE_NOOP("Steps", "Σ of the {count} product")
            if count == 1
            else QT_TRANSLATE_NOOP("Steps", "Σ of the {count} products")
        )
        rows.append(SummaryRow("sum:0", line(template, count=count), step.sum))
    else:
        for step in result.channels:
            label = line(QT_TRANSLATE_NOOP("Steps", "Σ channel {channel}"), channel=step.channel)
            rows.append(SummaryRow(f"sum:{step.channel}", label, step.sum))
        label = line(
            QT_TRANSLATE_NOOP("Steps", "total of the {count} channel sums"), count=channels
        )
        rows.append(SummaryRow("total", label, result.total))
    rows += _tail_rows(
        result.bias, result.pre_activation, result.activation, result.value, result.network_value
    )
    name = f"{result.layer}_{result.filter_index}_{result.row}_{result.col}"
    title = _unit_title(result.layer, result.filter_index, result.row, result.col)
    return UnitTable(name, title, (*groups, _summary(rows)))


def pool_table(result: PoolUnitResult, source: str, layer_name: LayerName = str) -> UnitTable:
    """The window (its max marked) and the summary."""
    h, w = result.size
    caption = line(
        QT_TRANSLATE_NOOP("Steps", "{rows}×{cols} window of {layer}[{channel}], stride {stride}"),
        rows=h,
        cols=w,
        layer=layer_name(source),
        channel=result.channel,
        stride=result.stride[0],
    )
    grid = GridPart("window", caption, result.window, WINDOW_PLACES, marked=result.winner_in_window)
    kind = (
        QT_TRANSLATE_NOOP("Steps", "max pooling")
        if result.kind == "max"
        else QT_TRANSLATE_NOOP("Steps", "average pooling")
    )
    group = GridGroup("window", line(kind), (grid,), ())
    count = result.window.size
    rows: list[SummaryRow] = []
    if result.kind == "max":
        label = line(QT_TRANSLATE_NOOP("Steps", "max of the {count} values →"), count=count)
        rows.append(SummaryRow("value", label, result.value))
    else:
        rows.append(
            SummaryRow(
                "sum",
                line(QT_TRANSLATE_NOOP("Steps", "Σ of the {count} values"), count=count),
                result.total,
            )
        )
        rows.append(
            SummaryRow(
                "value",
                line(QT_TRANSLATE_NOOP("Steps", "mean = Σ / {count} →"), count=count),
                result.value,
            )
        )
    rows += _network_rows(result.network_value)
    name = f"{result.layer}_{result.channel}_{result.row}_{result.col}"
    title = _unit_title(result.layer, result.channel, result.row, result.col)
    return UnitTable(name, title, (group, _summary(rows)))


def fc_table(result: FcUnitResult, top: int = TOP_CONTRIBUTIONS) -> UnitTable:
    """The `top` largest contributions by |input × weight|, largest first, and the summary."""
    contributions = result.top_contributions(top)
    count = result.products.size
    table = ColumnTable(
        "contributions",
        line(
            QT_TRANSLATE_NOOP(
                "Steps", "the {top} largest |input × weight| of {count} (either sign)"
            ),
            top=len(contributions),
            count=count,
        ),
        (
            line(QT_TRANSLATE_NOOP("Steps", "input")),
            line(QT_TRANSLATE_NOOP("Steps", "value")),
            line(QT_TRANSLATE_NOOP("Steps", "weight")),
            line(QT_TRANSLATE_NOOP("Steps", "product")),
        ),
        tuple((c.label, c.input, c.weight, c.product) for c in contributions),
        tuple(str(c.index) for c in contributions),
    )
    shown = float(sum(c.product for c in contributions))
    rows = [
        SummaryRow(
            "top_sum",
            line(QT_TRANSLATE_NOOP("Steps", "Σ of the {count} largest"), count=len(contributions)),
            shown,
        ),
        SummaryRow(
            "rest_sum",
            line(
                QT_TRANSLATE_NOOP("Steps", "+ Σ of the other {count}"),
                count=count - len(contributions),
            ),
            result.total - shown,
        ),
        SummaryRow(
            "total",
            line(QT_TRANSLATE_NOOP("Steps", "= Σ of all {count} products"), count=count),
            result.total,
        ),
    ]
    rows += _tail_rows(
        result.bias, result.pre_activation, result.activation, result.value, result.network_value
    )
    title = line(
        QT_TRANSLATE_NOOP("Steps", "{layer}[{unit}]"), layer=result.layer, unit=result.unit
    )
    return UnitTable(f"{result.layer}_{result.unit}", title, (table, _summary(rows)))


def softmax_table(
    softmax: SoftmaxResult,
    true_label: int | None = None,
    log_base: str = "e",
    class_names: Sequence[str] | None = None,
) -> UnitTable:
    """The softmax table of the logits (the true label's row and the guess marked) and, when
    the true label is known, its cross-entropy in `log_base` (e, 10 or 2)."""
    names = list(class_names) if class_names is not None else list(softmax.class_names)
    guess = int(np.argmax(softmax.probs))
    true_mark = line(QT_TRANSLATE_NOOP("Steps", "true label"))
    guess_mark = line(QT_TRANSLATE_NOOP("Steps", "guess"))
    both_mark = line(QT_TRANSLATE_NOOP("Steps", "true label and guess"))
    rows: list[tuple[Any, ...]] = []
    marks: list[Line | None] = []
    for i, name in enumerate(names):
        values = softmax.logits[i], softmax.shifted[i], softmax.exps[i], softmax.probs[i]
        rows.append((name, *(float(v) for v in values)))
        if i == true_label == guess:
            marks.append(both_mark)
        else:
            marks.append(true_mark if i == true_label else guess_mark if i == guess else None)
    rows.append(("Σ", None, None, softmax.sum_exp, float(softmax.probs.sum())))
    marks.append(None)
    table = ColumnTable(
        "softmax",
        line(
            QT_TRANSLATE_NOOP("Steps", "softmax of {count} logits (max {max})"),
            count=len(names),
            max=softmax.max_logit,
        ),
        (
            line(QT_TRANSLATE_NOOP("Steps", "class")),
            line(QT_TRANSLATE_NOOP("Steps", "logit z")),
            line(QT_TRANSLATE_NOOP("Steps", "z − max")),
            line(QT_TRANSLATE_NOOP("Steps", "exp(z − max)")),
            line(QT_TRANSLATE_NOOP("Steps", "probability")),
        ),
        tuple(rows),
        (*(str(i) for i in range(len(names))), "sum"),
        tuple(marks),
    )
    parts: list[Part] = [table]
    if true_label is None:
        text = line(QT_TRANSLATE_NOOP("Steps", "true label unknown: no cross-entropy"))
        parts.append(Note("loss", text))
    else:
        loss = cross_entropy(softmax, true_label, log_base)
        name, log = names[true_label], LOG_NAMES[loss.log_base]
        parts.append(
            Summary(
                "loss",
                line(QT_TRANSLATE_NOOP("Steps", "cross-entropy for true label {name}"), name=name),
                (
                    SummaryRow("prob", line("p[{name}]", name=name), loss.prob),
                    SummaryRow("loss", line("−{log}(p[{name}])", log=log, name=name), loss.loss),
                ),
            )
        )
    title = line(QT_TRANSLATE_NOOP("Steps", "softmax and cross-entropy"))
    return UnitTable("softmax", title, tuple(parts))


def unit_table(
    result: Any,
    source: str | None = None,
    layer_name: LayerName = str,
    top: int = TOP_CONTRIBUTIONS,
    class_names: Sequence[str] | None = None,
) -> UnitTable:
    """The table of any explain_unit result; `source` is the layer a conv or pool unit reads
    (its patch caption). A softmax result (the probs layer) gives the softmax table without
    a loss."""
    if isinstance(result, ConvUnitResult):
        return conv_table(result, source or "input", layer_name)
    if isinstance(result, PoolUnitResult):
        return pool_table(result, source or "input", layer_name)
    if isinstance(result, FcUnitResult):
        return fc_table(result, top)
    if isinstance(result, SoftmaxResult):  # one unit of probs: its own file, no loss
        table = softmax_table(result, None, class_names=class_names)
        return UnitTable(f"{result.layer}_{result.focus}", table.title, table.parts)
    raise ExplainerError(f"no table for a {type(result).__name__}")


# ---- numbers --------------------------------------------------------------------------------
def exact(value: float | None) -> str:
    """A float as Python writes it back exactly (shortest round trip); '' for None."""
    return "" if value is None else repr(float(value) + 0.0)


def shown(value: float, places: int | None, fmt: StepFormat) -> str:
    """A number as the dock shows it: `places` decimals, or fmt's rule (None); 0 × a negative
    weight (-0.0) is written 0.000, as the dock writes it."""
    value = float(value) + 0.0
    return fmt.number(value) if places is None else fmt.decimal(value, places)


# ---- CSV --------------------------------------------------------------------------------------
def to_csv(table: UnitTable, fmt: StepFormat = ENGLISH) -> str:
    """Rows of (part, key, label, exact values…). Parts: title; <grid>:<channel> rows (patch:0,
    kernel:0, products:0 with the row index as key; window); summary (keys as the dock's);
    contributions and softmax (a header row, then one row per input / class); loss."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["part", "key", "label", "values"])
    writer.writerow(["title", table.name, fmt.line(table.title)])
    for part in table.parts:
        if isinstance(part, GridGroup):
            suffix = part.key.partition(":")[2]
            for grid in part.grids:
                name = f"{grid.key}:{suffix}" if suffix else grid.key
                caption = fmt.line(grid.caption)
                for r, row in enumerate(np.asarray(grid.values)):
                    writer.writerow([name, r, caption, *(exact(v) for v in row)])
            if part.total is not None:
                writer.writerow(
                    ["sum", part.total.key, fmt.line(part.total.label)] + [exact(part.total.value)]
                )
        elif isinstance(part, Summary):
            for row in part.rows:
                writer.writerow([part.key, row.key, fmt.line(row.label), exact(row.value)])
        elif isinstance(part, ColumnTable):
            writer.writerow([part.key, "header", *(fmt.line(h) for h in part.header)])
            marks = part.marks or (None,) * len(part.rows)
            for key, row, mark in zip(part.row_keys, part.rows, marks, strict=True):
                label, *values = row
                cells = [part.key, key, str(label), *(exact(v) for v in values)]
                writer.writerow(cells + ([fmt.line(mark)] if mark is not None else []))
        else:
            writer.writerow([part.key, "note", fmt.line(part.text)])
    return out.getvalue()


# ---- Markdown ---------------------------------------------------------------------------------
def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _grid_cells(grid: GridPart, r: int, fmt: StepFormat, pad: str) -> list[tuple[str, str]]:
    """(text, style) of a grid row's cells: style '' or 'pad' or 'marked'."""
    cells = []
    for c, value in enumerate(np.asarray(grid.values)[r]):
        if grid.padding is not None and grid.padding[r, c]:
            cells.append((pad, "pad"))
        else:
            style = "marked" if grid.marked == (r, c) else ""
            cells.append((shown(float(value), grid.places, fmt), style))
    return cells


def _group_rows(group: GridGroup, fmt: StepFormat, pad: str) -> list[list[tuple[str, str]]]:
    """The rows of grids side by side; the operators on the middle row, in columns of their
    own."""
    height = max(np.asarray(g.values).shape[0] for g in group.grids)
    rows = []
    for r in range(height):
        row: list[tuple[str, str]] = []
        for i, grid in enumerate(group.grids):
            rows_here = np.asarray(grid.values).shape[0]
            width = np.asarray(grid.values).shape[1]
            row += _grid_cells(grid, r, fmt, pad) if r < rows_here else [("", "")] * width
            if i < len(group.operators):
                row.append((group.operators[i] if r == height // 2 else "", "operator"))
        rows.append(row)
    return rows


def to_markdown(table: UnitTable, fmt: StepFormat = ENGLISH) -> str:
    """Headings and pipe tables, the numbers as the dock shows them (marked max in bold)."""
    pad = fmt.line(line(QT_TRANSLATE_NOOP("Steps", "0 pad")))
    step_header = fmt.line(line(QT_TRANSLATE_NOOP("Steps", "step")))
    value_header = fmt.line(line(QT_TRANSLATE_NOOP("Steps", "value")))
    out = [f"## {_md(fmt.line(table.title))}", ""]
    for part in table.parts:
        if isinstance(part, GridGroup):
            out += [f"### {_md(fmt.line(part.title))}", ""]
            header, align = [], []
            for i, grid in enumerate(part.grids):
                width = np.asarray(grid.values).shape[1]
                header += [_md(fmt.line(grid.caption))] + [""] * (width - 1)
                align += ["---:"] * width
                if i < len(part.operators):
                    header.append("")
                    align.append(":---:")
            out += [_md_row(header), _md_row(align)]
            for row in _group_rows(part, fmt, pad):
                cells = [
                    f"**{text}**" if style == "marked" else f"*{text}*" if style == "pad" else text
                    for text, style in row
                ]
                out.append(_md_row(cells))
            if part.total is not None:
                total = part.total
                out += ["", f"{_md(fmt.line(total.label))} **{shown(total.value, None, fmt)}**"]
            out.append("")
        elif isinstance(part, Summary):
            out += [f"### {_md(fmt.line(part.title))}", ""]
            out += [_md_row([step_header, value_header]), _md_row([":---", "---:"])]
            for row in part.rows:
                value = "" if row.value is None else shown(row.value, None, fmt)
                label = _md(fmt.line(row.label))
                if row.key == "value" or row.key == "loss":
                    label, value = f"**{label}**", f"**{value}**"
                out.append(_md_row([label, value]))
            out.append("")
        elif isinstance(part, ColumnTable):
            out += [f"### {_md(fmt.line(part.title))}", ""]
            header = [_md(fmt.line(h)) for h in part.header] + [""]
            out += [_md_row(header), _md_row([":---"] + ["---:"] * (len(header) - 2) + [":---"])]
            marks = part.marks or (None,) * len(part.rows)
            for row, mark in zip(part.rows, marks, strict=True):
                label, *values = row
                cells = [_md(str(label))]
                cells += ["" if v is None else shown(v, part.places, fmt) for v in values]
                cells.append("" if mark is None else f"*{_md(fmt.line(mark))}*")
                out.append(_md_row(cells))
            out.append("")
        else:
            out += [f"*{_md(fmt.line(part.text))}*", ""]
    return "\n".join(out)


# ---- LaTeX ------------------------------------------------------------------------------------
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    # Symbols pdfLaTeX's default fonts lack, written as math (any engine then reads them).
    "Σ": r"$\Sigma$",
    "⊙": r"$\odot$",
    "−": r"$-$",
    "→": r"$\rightarrow$",
    "×": r"$\times$",
    "·": r"$\cdot$",
    "…": r"\ldots{}",
    "₁": r"$_{1}$",
    "₀": r"$_{0}$",
    "₂": r"$_{2}$",
    "≥": r"$\geq$",
    "≤": r"$\leq$",
}
_LATEX_PATTERN = re.compile("|".join(re.escape(k) for k in _LATEX_SPECIAL))
_SCIENTIFIC = re.compile(r"^(-?[\d.,]+)e([+-]?)(\d+)$")


def latex_text(text: str) -> str:
    """Text for a LaTeX document: its special characters escaped, symbols as math."""
    return _LATEX_PATTERN.sub(lambda m: _LATEX_SPECIAL[m[0]], text)


def latex_number(text: str, bold: bool = False) -> str:
    """A number as shown ('-0.123', '0,123', '1.234e-05') in math mode: a real minus sign, a
    decimal comma that does not add space ({,}), an exponent as 10's power."""
    text = text.replace("−", "-")
    match = _SCIENTIFIC.match(text)
    if match:
        mantissa, sign, exponent = match.groups()
        power = f"{'-' if sign == '-' else ''}{int(exponent)}"
        math = f"{mantissa.replace(',', '{,}')}\\times 10^{{{power}}}"
    else:
        math = text.replace(",", "{,}")
    return f"$\\mathbf{{{math}}}$" if bold else f"${math}$"


def _tex_cell(text: str, style: str) -> str:
    if not text:
        return ""
    if style == "operator":
        return {"⊙": r"$\odot$", "=": "$=$"}.get(text, latex_text(text))
    if style == "pad":
        return rf"\textit{{{latex_text(text)}}}"
    return latex_number(text, bold=style == "marked")


def _tex_tabular(spec: str, rows: list[str]) -> list[str]:
    return [rf"\begin{{tabular}}{{{spec}}}", *rows, r"\end{tabular}"]


def to_latex(table: UnitTable, fmt: StepFormat = ENGLISH) -> str:
    """One tabular per part, for `\\input{}` into a slide (plain LaTeX: no package needed)."""
    pad = fmt.line(line(QT_TRANSLATE_NOOP("Steps", "0 pad")))
    title = fmt.line(table.title)
    out = [f"% {title}", "% CNN Explainer: one tabular per part (\\input this file in a slide)", ""]
    for part in table.parts:
        out.append(f"% {fmt.line(part.title) if not isinstance(part, Note) else part.key}")
        if isinstance(part, GridGroup):
            spec, header, total_columns = "", [], 0
            for i, grid in enumerate(part.grids):
                width = np.asarray(grid.values).shape[1]
                spec += "r" * width
                header.append(
                    rf"\multicolumn{{{width}}}{{c}}{{{latex_text(fmt.line(grid.caption))}}}"
                )
                total_columns += width
                if i < len(part.operators):
                    spec += "c"
                    header.append("")
                    total_columns += 1
            rows = [" & ".join(header) + r" \\", r"\hline"]
            for row in _group_rows(part, fmt, pad):
                rows.append(" & ".join(_tex_cell(text, style) for text, style in row) + r" \\")
            if part.total is not None:
                last = np.asarray(part.grids[-1].values).shape[1]
                total = part.total
                label = latex_text(fmt.line(total.label))
                sum_text = f"{label} {latex_number(shown(total.value, None, fmt))}"
                lead = (
                    rf"\multicolumn{{{total_columns - last}}}{{r}}{{}} & "
                    if total_columns > last
                    else ""
                )
                rows += [r"\hline", lead + rf"\multicolumn{{{last}}}{{r}}{{{sum_text}}} \\"]
            out += _tex_tabular(spec, rows)
        elif isinstance(part, Summary):
            rows = []
            for row in part.rows:
                label = latex_text(fmt.line(row.label))
                strong = row.key in ("value", "loss")
                value = (
                    "" if row.value is None else latex_number(shown(row.value, None, fmt), strong)
                )
                if strong:
                    rows.append(r"\hline")
                    label = rf"\textbf{{{label}}}"
                rows.append(f"{label} & {value} " + r"\\")
            out += _tex_tabular("lr", rows)
        elif isinstance(part, ColumnTable):
            columns = len(part.header)
            header = " & ".join(rf"\textbf{{{latex_text(fmt.line(h))}}}" for h in part.header)
            rows = [header + r" & \\", r"\hline"]
            marks = part.marks or (None,) * len(part.rows)
            for row, mark in zip(part.rows, marks, strict=True):
                label, *values = row
                cells = [latex_text(str(label))]
                cells += [
                    "" if v is None else latex_number(shown(v, part.places, fmt)) for v in values
                ]
                cells.append("" if mark is None else rf"\textit{{{latex_text(fmt.line(mark))}}}")
                if row[0] == "Σ":
                    rows.append(r"\hline")
                rows.append(" & ".join(cells) + r" \\")
            out += _tex_tabular("l" + "r" * (columns - 1) + "l", rows)
        else:
            out.append(rf"\textit{{{latex_text(fmt.line(part.text))}}}")
        out.append("")
    return "\n".join(out)


WRITERS: dict[str, Callable[[UnitTable, StepFormat], str]] = {
    "csv": to_csv,
    "md": to_markdown,
    "tex": to_latex,
}
