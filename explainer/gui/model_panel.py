"""View › Model details: the architecture as a table (output shape, parameters and the formula
that counts them) and what the checkpoint says about itself (data, accuracy, epochs, ...).

The rows come from the config alone (`ModelConfig.layer_shapes()` / `param_counts()`), so any
architecture the core can load is described, including imported state dicts without metadata.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from explainer.core.config import ModelConfig
from explainer.gui import names
from explainer.gui.i18n import Retranslatable, tr_args
from explainer.gui.numbers import decimal, epochs, significant, thousands
from explainer.gui.zoom import RelativeFont


def saved_at_text(stamp: str) -> str:
    """A checkpoint's "2026-11-25T02:55:03Z" as the interface language writes a date and time
    (local time); a text that is no ISO time as it is."""
    when = QDateTime.fromString(stamp, Qt.DateFormat.ISODate)
    if not when.isValid():
        return stamp
    local, locale = when.toLocalTime(), QLocale()
    if locale.language() == QLocale.Language.C:  # the English interface: Python's formats
        return local.toString("yyyy-MM-dd HH:mm")
    return locale.toString(local, QLocale.FormatType.ShortFormat)


@dataclass(frozen=True)
class LayerRow:
    name: str  # the fixed layer name: input, conv1, pool1, ..., logits
    kind: str  # "input", "conv", "pool", "fc"
    shape: tuple[int, ...]
    params: int
    formula: str  # how `params` is counted, e.g. "(5·5·1 + 1)·6 = 156"; "" for no weights


# Display names of the activations, in English (kept for callers; the window shows
# explainer.gui.names.activation_name, which follows the interface language).
ACTIVATION_NAMES = {
    "relu": "ReLU",
    "tanh": "tanh",
    "scaled_tanh": "1.7159·tanh(2x/3)",
    "sigmoid": "sigmoid",
}


def _epochs_text(value: object) -> str:
    """A checkpoint's epochs as the timeline writes them ("2", "1,84"); anything else as is."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return epochs(value)
    return str(value)


def format_shape(shape: tuple[int, ...]) -> str:
    """(6, 28, 28) → '6@28×28' (maps @ rows × columns, as the panels' titles and LeNet's
    paper write it); (120,) → '120'."""
    if len(shape) == 3:
        return f"{shape[0]}@{shape[1]}×{shape[2]}"
    return "×".join(str(s) for s in shape)


def architecture_rows(config: ModelConfig) -> list[LayerRow]:
    """One row per layer of the network (the config's layer table), with the parameter count's
    formula written out from the weight shape: the bias adds one per output unit."""
    rows = []
    for spec in config.layers():
        formula = ""
        if spec.kind == "conv":
            out_channels, in_channels, k, _ = spec.weights
            formula = f"({k}·{k}·{in_channels} + 1)·{out_channels} = {thousands(spec.params)}"
        elif spec.kind == "pool":
            formula = "0"
        elif spec.has_weights:
            size, width = spec.weights
            formula = f"({width} + 1)·{size} = {thousands(spec.params)}"
        kind = "fc" if spec.kind == "output" else spec.kind
        rows.append(LayerRow(spec.name, kind, spec.shape, spec.params, formula))
    return rows


def total_params(config: ModelConfig) -> int:
    return config.total_params


class ModelPanel(Retranslatable, QWidget):
    """The table and the metadata of one model; `set_model(model, checkpoint)` refills both."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("model_panel")
        self.title = QLabel()
        RelativeFont(self.title, 1.2, bold=True)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("architecture_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.metadata_caption = QLabel()
        RelativeFont(self.metadata_caption, 1.2, bold=True)
        self.metadata_form = QFormLayout()
        self.metadata_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.metadata_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.description)
        layout.addWidget(self.table)
        layout.addWidget(self.metadata_caption)
        layout.addLayout(self.metadata_form)
        layout.addStretch(1)
        self._model: Any = None
        self._checkpoint: Any = None
        self.metadata_rows: dict[str, str] = {}  # shown label → value (tests read it)
        self.retranslate()

    # ---- content -------------------------------------------------------------------------
    def set_model(self, model: Any, checkpoint: Any = None) -> None:
        self._model, self._checkpoint = model, checkpoint
        self._fill()

    def _fill(self) -> None:
        if self._model is None:
            return
        config: ModelConfig = self._model.config
        checkpoint = self._checkpoint
        name = checkpoint.name if checkpoint is not None else "–"
        self.title.setText(tr_args(self.tr("Model: %1"), str(name)))
        metadata = dict(checkpoint.metadata) if checkpoint is not None else {}
        description = metadata.get("description")
        # A shipped model's description in the interface language; a user's own as written.
        self.description.setText(names.model_text(str(description)) if description else "")
        self.description.setVisible(bool(description))

        rows = architecture_rows(config)
        self.table.setRowCount(len(rows) + 1)
        activation = names.activation_name(config.activation)
        kinds = {
            "input": self.tr("input"),
            "conv": tr_args(self.tr("convolution %1×%1 + %2"), str(config.kernel_size), activation),
            "pool": tr_args(
                self.tr("%1 pooling %2×%2"),
                self.tr("max") if config.pool == "max" else self.tr("average"),
                str(config.pool_size),
            ),
            "fc": tr_args(self.tr("fully connected + %1"), activation),
        }
        for row, layer in enumerate(rows):
            kind = kinds[layer.kind]
            if layer.name == "logits":
                kind = self.tr("fully connected → softmax")
            elif layer.name == "input" and config.padding:
                kind = tr_args(self.tr("input, padded by %1"), str(config.padding))
            cells = [
                names.layer_name(layer.name),
                kind,
                format_shape(layer.shape),
                thousands(layer.params),
                layer.formula or "–",
            ]
            self._set_row(row, cells)
        total = total_params(config)
        self._set_row(len(rows), [self.tr("total"), "", "", thousands(total), ""], bold=True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        # Tall enough for every row: the table is the point of the panel, no inner scrolling.
        height = self.table.horizontalHeader().height() + 4
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)
        # Wide enough for the formulas and their heading: at the dialog's first size the last
        # column was cut to "mula (pesos + bias)·saíd" and fc1's formula wrapped.
        formulas = max(self.table.sizeHintForColumn(4), header.sectionSizeHint(4))
        width = sum(header.sectionSize(c) for c in range(4)) + formulas
        width += self.table.verticalHeader().width() + 2 * self.table.frameWidth() + 4
        self.table.setMinimumWidth(width)
        self._fill_metadata(config, metadata, checkpoint)

    def _set_row(self, row: int, cells: list[str], bold: bool = False) -> None:
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column == 3:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, column, item)

    def _fill_metadata(self, config: ModelConfig, metadata: dict, checkpoint: Any) -> None:
        while self.metadata_form.rowCount():
            self.metadata_form.removeRow(0)
        self.metadata_rows = {}
        rows: list[tuple[str, str]] = []
        if checkpoint is not None and checkpoint.path is not None:
            rows.append((self.tr("File"), str(checkpoint.path)))
        dataset = metadata.get("dataset")
        if dataset:
            text = names.dataset_name(str(dataset))
            if metadata.get("train_size"):
                count = int(metadata["train_size"])
                template = (
                    self.tr("%1 training image") if count == 1 else self.tr("%1 training images")
                )
                text += " — " + tr_args(template, thousands(count))
            rows.append((self.tr("Dataset"), text))
        accuracy, n = metadata.get("heldout_accuracy"), metadata.get("heldout_n")
        if isinstance(accuracy, (int, float)):
            text = decimal(accuracy * 100, 2) + "%"
            if isinstance(n, int) and n > 0:
                correct = round(accuracy * n)
                split = metadata.get("eval_split")
                if split == "heldout":
                    template = self.tr("(%1 of %2 held-out images)")
                elif split == "test":
                    template = self.tr("(%1 of %2 test images)")
                else:
                    template = self.tr("(%1 of %2 images)")
                text += " " + tr_args(template, thousands(correct), thousands(n))
            rows.append((self.tr("Accuracy"), text))
        if "epochs" in metadata:
            rows.append((self.tr("Epochs"), _epochs_text(metadata["epochs"])))
        if isinstance(metadata.get("training_seconds"), (int, float)):
            seconds = float(metadata["training_seconds"])
            text = tr_args(self.tr("%1 s"), decimal(seconds, 0))
            if metadata.get("device"):
                text += " " + tr_args(self.tr("on %1"), str(metadata["device"]))
            rows.append((self.tr("Training time"), text))
        assumed = metadata.get("assumed") if isinstance(metadata.get("assumed"), dict) else {}
        guessed = " " + self.tr("(assumed: not stored in the file)")
        rows.append(
            (
                self.tr("Activation"),
                names.activation_name(config.activation)
                + (guessed if "activation" in assumed else ""),
            )
        )
        pool = self.tr("max") if config.pool == "max" else self.tr("average")
        rows.append(
            (
                self.tr("Pooling"),
                f"{pool} {config.pool_size}×{config.pool_size}"
                + (guessed if "pool" in assumed else ""),
            )
        )
        rows.append(
            (
                self.tr("Input"),
                tr_args(
                    self.tr("%1×%1, padding %2, normalised (x − %3) / %4"),
                    str(config.input_size),
                    str(config.padding),
                    significant(config.norm_mean, 6),
                    significant(config.norm_std, 6),
                )
                # Imported weights: the size is inferred from fc1, the normalisation unknown.
                + (guessed if {"input_size", "normalisation"} & set(assumed) else ""),
            )
        )
        rows.append((self.tr("Classes"), ", ".join(names.class_names(config.class_names))))
        if metadata.get("imported_from"):
            rows.append((self.tr("Imported from"), str(metadata["imported_from"])))
        if metadata.get("saved_at"):
            rows.append((self.tr("Saved"), saved_at_text(str(metadata["saved_at"]))))
        for label, value in rows:
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.metadata_form.addRow(label + ":", field)
            self.metadata_rows[label] = value

    # ---- language --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Layer"),
                self.tr("Operation"),
                self.tr("Output shape"),
                self.tr("Parameters"),
                self.tr("Formula (weights + bias)·outputs"),
            ]
        )
        self.metadata_caption.setText(self.tr("About this checkpoint"))
        self._fill()


class ModelDialog(Retranslatable, QDialog):
    """Non-modal window around a ModelPanel that follows the window's current model."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("model_dialog")
        self.panel = ModelPanel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)
        self.retranslate()

    def set_model(self, model: Any, checkpoint: Any = None) -> None:
        self.panel.set_model(model, checkpoint)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Model details"))
