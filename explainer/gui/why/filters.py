"""What a conv filter looks for: its top-9 dataset patches with their values, and its feature
visualisation — both computed off the GUI thread (explainer.why), shown here.

Patches and the visualisation are network-input values, drawn on the input panel's grey ramp
with the input's fixed limits (blank paper to full ink), so they look like the input panel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from explainer.gui import names, numbers
from explainer.gui.colormaps import INPUT_MAP, argb_table, colour_indices
from explainer.gui.i18n import Retranslatable, tr_args

if TYPE_CHECKING:
    from explainer.why import FilterPatches, FilterVisualisation

PATCH_PIXELS = 40  # each patch, scaled up with nearest-neighbour sampling
FEATUREVIS_PIXELS = 104
Levels = tuple[float, float]


def small_font(widget: QWidget):  # noqa: ANN201 - a QFont
    """The widget's font at 90 % (captions and values under pictures)."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    return font


def grey_pixmap(values: np.ndarray, levels: Levels, width: int, height: int) -> QPixmap:
    """A (rows, cols) array of network-input values as the input panel draws it, scaled."""
    values = np.asarray(values, np.float32)
    table = argb_table(INPUT_MAP)
    words = np.ascontiguousarray(
        table[colour_indices(values, levels, len(table))].reshape(values.shape)
    )
    rows, cols = words.shape
    image = QImage(words.data, cols, rows, 4 * cols, QImage.Format.Format_RGB32).copy()
    scaled = image.scaled(
        width,
        height,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.FastTransformation,
    )
    return QPixmap.fromImage(scaled)


class FilterView(Retranslatable, QWidget):
    """`show_filter(layer, index)` says which filter it is about (None: none); `set_patches` and
    `set_visualisation` fill it in when the results arrive. `patch_values` and `patch_arrays`
    are what is shown (tests compare them with the core)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("why_filter")
        self.filter: tuple[str, int] | None = None
        self.class_names: tuple[str, ...] = ()  # the model's (dataset labels are indices)
        self.conv_layers: tuple[str, ...] = ("conv1", "conv2")  # set by the panel per model
        self.levels: Levels = (0.0, 1.0)
        self.patches: FilterPatches | None = None
        self.visualisation: FilterVisualisation | None = None
        self.patch_values: list[float] = []
        self.patch_arrays: list[np.ndarray] = []
        self._waiting_patches = self._waiting_vis = False

        self.heading = QLabel()
        self.heading.setObjectName("why_filter_heading")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.patches_caption = QLabel()
        self.patches_caption.setObjectName("why_patches_caption")
        self.patches_caption.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(0)
        self.patch_images: list[QLabel] = []
        self.patch_labels: list[QLabel] = []
        for n in range(9):
            image, value = QLabel(), QLabel()
            image.setFixedSize(PATCH_PIXELS, PATCH_PIXELS)
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setAlignment(Qt.AlignmentFlag.AlignCenter)
            value.setFont(small_font(value))
            value.setObjectName(f"why_patch_value_{n}")
            grid.addWidget(image, 2 * (n // 3), n % 3)
            grid.addWidget(value, 2 * (n // 3) + 1, n % 3)
            self.patch_images.append(image)
            self.patch_labels.append(value)
        self.vis_image = QLabel()
        self.vis_image.setObjectName("why_featurevis")
        self.vis_image.setFixedSize(FEATUREVIS_PIXELS, FEATUREVIS_PIXELS)
        self.vis_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.vis_caption = QLabel()
        self.vis_caption.setObjectName("why_featurevis_caption")
        self.vis_caption.setWordWrap(True)
        for caption in (self.patches_caption, self.vis_caption):
            caption.setFont(small_font(caption))
        # Pictures in one row (patches | visualisation), the captions under them.
        pictures = QGridLayout()
        pictures.setHorizontalSpacing(12)
        pictures.addLayout(grid, 0, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        pictures.addWidget(self.vis_image, 0, 1, Qt.AlignmentFlag.AlignTop)
        pictures.setColumnStretch(2, 1)
        # The captions under both, at the column's whole width (a narrow one would be tall).
        pictures.addWidget(self.patches_caption, 1, 0, 1, 3)
        pictures.addWidget(self.vis_caption, 2, 0, 1, 3)
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 2, 4, 2)
        box.addWidget(self.heading)
        box.addLayout(pictures)
        box.addStretch(1)
        self.show_filter(None)

    # ---- what is shown ------------------------------------------------------------------------
    def show_filter(self, unit: tuple[str, int] | None, levels: Levels | None = None) -> None:
        """Which filter to show (the results are asked for by the panel); clears what was shown
        of another one."""
        if levels is not None:
            self.levels = levels
        if unit == self.filter and unit is not None:
            return
        self.filter = unit
        self.patches = self.visualisation = None
        self._waiting_patches = self._waiting_vis = unit is not None
        if unit is not None and self.is_class(unit):
            self._waiting_patches = False
        self._clear_patches()
        self.vis_image.clear()
        # No empty frames before a filter is picked (the hint came ~180 px below the heading,
        # under blank squares, and read as a panel that failed to load); a class has no patches.
        has_patches = unit is not None and not self.is_class(unit)
        for widget in (*self.patch_images, *self.patch_labels):
            widget.setVisible(has_patches)
        self.vis_image.setVisible(unit is not None)
        self.retranslate()

    def _clear_patches(self) -> None:
        self.patch_values, self.patch_arrays = [], []
        for image, label in zip(self.patch_images, self.patch_labels, strict=True):
            image.clear()
            image.setToolTip("")
            label.setText("")

    def set_patches(self, result: FilterPatches) -> bool:
        """Show a top-k result if it is about the filter shown; False if not."""
        if self.filter != (result.layer, result.filter_index):
            return False
        self.patches = result
        self._waiting_patches = False
        self._clear_patches()
        for n, patch in enumerate(result.patches[: len(self.patch_images)]):
            self.patch_images[n].setPixmap(
                grey_pixmap(patch.patch, self.levels, PATCH_PIXELS, PATCH_PIXELS)
            )
            self.patch_values.append(float(patch.value))
            self.patch_arrays.append(np.asarray(patch.patch))
        self.retranslate()
        return True

    def set_visualisation(self, result: FilterVisualisation) -> bool:
        if self.filter != (result.layer, result.filter_index):
            return False
        self.visualisation = result
        self._waiting_vis = False
        image = result.visualisation.image[0]
        self.vis_image.setPixmap(
            grey_pixmap(image, self.levels, FEATUREVIS_PIXELS, FEATUREVIS_PIXELS)
        )
        self.retranslate()
        return True

    def is_class(self, unit: tuple[str, int]) -> bool:
        """A logit (a class's score), not a conv filter: visualised, but it has no patches."""
        return unit[0] not in self.conv_layers

    def show_failure(self, message: str) -> None:
        self._waiting_patches = self._waiting_vis = False
        self.patches_caption.setText(message)

    # ---- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self.filter is None:
            self.heading.setText(self.tr("What does a filter look for?"))
            self.patches_caption.setText(
                self.tr(
                    "Click a map of conv1 or conv2 (or hover over one) to see the dataset "
                    "patches its filter answers most strongly and the input it likes most; "
                    "click a class score (logits) for the input that class likes most."
                )
            )
            self.vis_caption.setText("")
            return
        layer, index = self.filter
        if self.is_class(self.filter):
            self.heading.setText(
                tr_args(self.tr("What the network takes for class %1"), self._class_name(index))
            )
            self.patches_caption.setText(
                self.tr(
                    "Dataset patches are shown for conv filters: a class's score reads the "
                    "whole input."
                )
            )
            self._retranslate_visualisation()
            return
        self.heading.setText(
            tr_args(self.tr("What %1 filter %2 looks for"), names.layer_name(layer), str(index))
        )
        self._retranslate_patches()
        self._retranslate_visualisation()

    def _retranslate_patches(self) -> None:
        result = self.patches
        if result is None:
            text = self.tr("Searching the dataset for the top patches…")
            self.patches_caption.setText(text if self._waiting_patches else "")
            return
        for n, patch in enumerate(result.patches[: len(self.patch_labels)]):
            self.patch_labels[n].setText(numbers.decimal(patch.value, 2))
            self.patch_images[n].setToolTip(
                tr_args(
                    self.tr("Image %1 (class %2), unit at row %3, column %4: %5"),
                    numbers.thousands(patch.image),
                    self._class_name(patch.label),
                    str(patch.row),
                    str(patch.col),
                    numbers.short(patch.value),
                )
            )
        dataset = names.dataset_name(result.dataset_name, result.dataset_split)
        self.patches_caption.setText(
            tr_args(
                self.tr(
                    "The %1 patches, of the %3 images of %2, where this filter's strongest unit "
                    "is largest: each is that unit's receptive field; the number is its "
                    "activation."
                ),
                str(len(result.patches)),
                dataset,
                numbers.thousands(result.dataset_size),
            )
        )

    def _class_name(self, label: int) -> str:
        if 0 <= label < len(self.class_names):
            return names.class_name(self.class_names[label])
        return str(label)

    def _retranslate_visualisation(self) -> None:
        result = self.visualisation
        if result is None:
            self.vis_caption.setText(
                self.tr("Optimising an input for this filter…") if self._waiting_vis else ""
            )
            return
        vis = result.visualisation
        if self.is_class(self.filter):
            self.vis_caption.setText(
                tr_args(
                    self.tr(
                        "Feature visualisation: an input made by gradient ascent from a blank "
                        "input (with jitter and a small L2 penalty) to raise class %1's logit, "
                        "%2 → %3. An optimisation, not a data sample."
                    ),
                    self._class_name(self.filter[1]),
                    numbers.short(vis.blank_value),
                    numbers.short(vis.value),
                )
            )
            return
        self.vis_caption.setText(
            tr_args(
                self.tr(
                    "Feature visualisation: an input made by gradient ascent from a blank "
                    "input (with jitter and a small L2 penalty) to raise this filter's mean "
                    "activation, %1 → %2. An optimisation, not a data sample."
                ),
                numbers.short(vis.blank_value),
                numbers.short(vis.value),
            )
        )
