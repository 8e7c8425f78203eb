"""Tools › Evaluate…: accuracy and confusion matrix of the loaded model on a test set, computed on a
worker thread in batches (progress bar, cancel button; the window stays responsive). Clicking a
cell of the matrix lists those test images in a gallery; clicking one explains it in the window.

The numbers are the core's: the session's EvaluationJob runs `explainer.core.train.evaluate_steps`
(one slice per progress step) on a copy of the model, on superqt's generator worker, which stops
between two slices on Cancel; the accuracy is the one `cnn-explainer eval` prints for the same
data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from explainer.core.errors import ExplainerError
from explainer.crashlog import unexpected
from explainer.gui import names
from explainer.gui.canvas import array_to_image
from explainer.gui.i18n import Retranslatable, file_dialog_options, tr_args
from explainer.gui.loading import release_worker
from explainer.gui.messages import Text, text_of
from explainer.gui.numbers import decimal, percent, thousands
from explainer.gui.zoom import RelativeFont
from explainer.state import EvaluationReport

THUMBNAIL = 56
EVALUATION_SIGNALS = (
    "yielded",
    "returned",
    "errored",
    "aborted",
    "finished",
)  # 2× a 28×28 test image

# Blue for the diagonal (right), orange for the mistakes: both readable with colour-blindness.
RIGHT_COLOUR = QColor(33, 102, 172)
WRONG_COLOUR = QColor(214, 96, 77)
SELECTED_COLOUR = QColor(255, 204, 0)


# ---- confusion matrix --------------------------------------------------------------------------
def _mix(colour: QColor, amount: float) -> QColor:
    """White → `colour` as `amount` goes 0 → 1."""
    amount = float(min(max(amount, 0.0), 1.0))
    return QColor(
        round(255 + (colour.red() - 255) * amount),
        round(255 + (colour.green() - 255) * amount),
        round(255 + (colour.blue() - 255) * amount),
    )


class ConfusionMatrixView(QWidget):
    """K×K grid, rows = true class, columns = predicted class; each cell's colour is its share of
    the row (blue on the diagonal, orange off it) and its count is written in it."""

    cellClicked = Signal(int, int)  # (true class, predicted class)  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("confusion_matrix")
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.confusion: np.ndarray | None = None
        self.class_names: tuple[str, ...] = ()
        self.selected: tuple[int, int] | None = None
        self._hovered: tuple[int, int] | None = None
        self.true_axis_title = ""
        self.predicted_axis_title = ""
        self.empty_text = ""  # shown before there is a matrix

    def set_confusion(self, confusion: np.ndarray | None, class_names: tuple[str, ...]) -> None:
        self.confusion = None if confusion is None else np.asarray(confusion)
        self.class_names = tuple(class_names)
        self.selected = None
        self.update()

    def set_axis_titles(self, true_title: str, predicted_title: str) -> None:
        self.true_axis_title, self.predicted_axis_title = true_title, predicted_title
        self.update()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(260, 240)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(460, 420)

    # ---- geometry ----------------------------------------------------------------------------
    def _column_labels(self) -> list[str]:
        shown = names.class_names(self.class_names)  # in the interface language
        short = all(len(name) <= 3 for name in shown)
        return list(shown) if short else [str(i) for i in range(len(shown))]

    def _row_labels(self) -> list[str]:
        shown = names.class_names(self.class_names)
        short = all(len(name) <= 3 for name in shown)
        return [name if short else f"{i} {name}" for i, name in enumerate(shown)]

    def _grid(self) -> tuple[float, float, float]:
        """(left, top, cell size) of the grid inside the widget."""
        metrics = QFontMetrics(self.font())
        k = max(1, len(self.class_names))
        left = 4 + metrics.height() + 6  # the vertical axis title
        left += max((metrics.horizontalAdvance(t) for t in self._row_labels()), default=0) + 6
        top = 4 + metrics.height() + 4 + metrics.height() + 4  # axis title, column labels
        cell = max(4.0, min((self.width() - left - 4) / k, (self.height() - top - 4) / k))
        return left, top, cell

    def cell_rect(self, true_class: int, predicted_class: int) -> QRectF:
        left, top, cell = self._grid()
        return QRectF(left + predicted_class * cell, top + true_class * cell, cell, cell)

    def cell_at(self, pos: QPointF) -> tuple[int, int] | None:
        if self.confusion is None:
            return None
        left, top, cell = self._grid()
        k = len(self.class_names)
        col, row = int((pos.x() - left) // cell), int((pos.y() - top) // cell)
        if pos.x() < left or pos.y() < top or not (0 <= row < k and 0 <= col < k):
            return None
        return row, col

    # ---- events ------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        cell = self.cell_at(event.position())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self.select_cell(*cell)

    def select_cell(self, true_class: int, predicted_class: int) -> None:
        self.selected = (true_class, predicted_class)
        self.update()
        self.cellClicked.emit(true_class, predicted_class)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        cell = self.cell_at(event.position())
        if cell != self._hovered:
            self._hovered = cell
            if cell is None or self.confusion is None:
                self.setToolTip("")
            else:
                t, p = cell
                shown = names.class_names(self.class_names)
                self.setToolTip(f"{shown[t]} → {shown[p]}: {thousands(int(self.confusion[t, p]))}")
            self.setCursor(
                Qt.CursorShape.PointingHandCursor if cell else Qt.CursorShape.ArrowCursor
            )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), self.palette().base())
        if self.confusion is None or not len(self.class_names):
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.rect().adjusted(12, 12, -12, -12),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.empty_text,
            )
            painter.end()
            return
        metrics = QFontMetrics(self.font())
        k = len(self.class_names)
        left, top, cell = self._grid()
        text_colour = self.palette().text().color()
        painter.setPen(text_colour)
        # Axis titles: predicted along the top, true class up the left side.
        painter.drawText(
            QRectF(left, 4, cell * k, metrics.height()),
            Qt.AlignmentFlag.AlignCenter,
            self.predicted_axis_title,
        )
        painter.save()
        painter.translate(4, top + cell * k / 2)
        painter.rotate(-90)
        painter.drawText(
            QRectF(-cell * k / 2, 0, cell * k, metrics.height()),
            Qt.AlignmentFlag.AlignCenter,
            self.true_axis_title,
        )
        painter.restore()
        for i, label in enumerate(self._column_labels()):
            painter.drawText(
                QRectF(left + i * cell, top - metrics.height() - 4, cell, metrics.height()),
                Qt.AlignmentFlag.AlignCenter,
                metrics.elidedText(label, Qt.TextElideMode.ElideRight, int(cell)),
            )
        for i, label in enumerate(self._row_labels()):
            painter.drawText(
                QRectF(0, top + i * cell, left - 6, cell),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
        row_totals = self.confusion.sum(axis=1)
        count_font = QFont(self.font())
        count_font.setPixelSize(max(7, min(int(cell * 0.32), metrics.height())))
        painter.setFont(count_font)
        for t in range(k):
            for p in range(k):
                count = int(self.confusion[t, p])
                share = count / row_totals[t] if row_totals[t] else 0.0
                if t == p:
                    fill = _mix(RIGHT_COLOUR, share)
                elif count:  # even one mistake stands out: at least a light orange
                    fill = _mix(WRONG_COLOUR, 0.25 + 0.75 * min(1.0, share * 4))
                else:
                    fill = QColor(255, 255, 255)
                rect = self.cell_rect(t, p)
                painter.fillRect(rect, fill)
                painter.setPen(QColor(210, 210, 210))
                painter.drawRect(rect)
                if count:
                    light = fill.lightness() > 140
                    painter.setPen(QColor(20, 20, 20) if light else QColor(255, 255, 255))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, thousands(count))
        if self.selected is not None:
            pen = QPen(QColor(0, 0, 0), 3)
            painter.setPen(pen)
            painter.drawRect(self.cell_rect(*self.selected).adjusted(1, 1, -1, -1))
            painter.setPen(QPen(SELECTED_COLOUR, 1.5))
            painter.drawRect(self.cell_rect(*self.selected).adjusted(1, 1, -1, -1))
        painter.end()


# ---- gallery -----------------------------------------------------------------------------------
class GalleryView(QListWidget):
    """Thumbnails of test images; clicking one emits its dataset position."""

    imageClicked = Signal(int)  # noqa: N815 - Qt naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gallery")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.setGridSize(QSize(THUMBNAIL + 22, THUMBNAIL + 30))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setWordWrap(True)
        self.itemClicked.connect(lambda item: self.imageClicked.emit(int(item.data(_INDEX_ROLE))))

    def set_images(self, indices: np.ndarray, images: np.ndarray, probs: np.ndarray) -> None:
        """`images[i]` is a 28×28 [0, 1] ink image; `probs` the predicted class' probability."""
        self.setUpdatesEnabled(False)
        self.clear()
        for index in indices:
            pixmap = QPixmap.fromImage(array_to_image(images[index])).scaled(
                THUMBNAIL, THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio
            )
            item = QListWidgetItem(QIcon(pixmap), f"#{int(index)}\n{percent(probs[index], 0)}")
            item.setData(_INDEX_ROLE, int(index))
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
            self.addItem(item)
        self.setUpdatesEnabled(True)

    def indices(self) -> list[int]:
        return [int(self.item(row).data(_INDEX_ROLE)) for row in range(self.count())]


_INDEX_ROLE = Qt.ItemDataRole.UserRole + 1


# ---- the dialog --------------------------------------------------------------------------------
class EvaluationDialog(Retranslatable, QDialog):
    """Non-modal: pick a test set, run (cancel), read the accuracy, click through the mistakes.

    `load_test_image(image28, caption, true_class, class_names)` puts a test image on the
    window's canvas as the input."""

    DATASETS = ("mnist", "fashion", "idx")

    evaluationFinished = Signal(object)  # EvaluationReport  # noqa: N815 - Qt naming
    evaluationFailed = Signal(str)  # noqa: N815
    evaluationCancelled = Signal()  # noqa: N815

    def __init__(
        self,
        state: Any,
        load_test_image: Callable[[np.ndarray, str, int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("evaluation_dialog")
        self.state = state
        self._load_test_image = load_test_image
        self.run: Any = None  # the running superqt worker
        self.result: EvaluationReport | None = None
        self.cell: tuple[int, int] | None = None
        self.evaluated_model: Any = None  # the window's model the shown result belongs to
        self._problem: Text | None = None  # a failure shown in the summary line
        self._progress_text: Text = ""  # the progress bar's text (re-written in a new language)

        self.dataset_label = QLabel()
        self.dataset_combo = QComboBox()
        self.dataset_combo.setObjectName("dataset_choice")
        for _ in self.DATASETS:
            self.dataset_combo.addItem("")
        self.folder_edit = QLineEdit()
        self.folder_edit.setObjectName("idx_folder")
        self.browse_button = QToolButton()
        self.browse_button.clicked.connect(self.browse_folder)
        self.run_button = QPushButton()
        self.run_button.setObjectName("run_evaluation")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start_or_cancel)
        self.dataset_combo.currentIndexChanged.connect(self._on_dataset_changed)
        chooser = QHBoxLayout()
        chooser.addWidget(self.dataset_label)
        chooser.addWidget(self.dataset_combo, 1)
        chooser.addWidget(self.folder_edit, 2)
        chooser.addWidget(self.browse_button)
        chooser.addWidget(self.run_button)

        self.progress = QProgressBar()
        self.progress.setObjectName("evaluation_progress")
        self.progress.setTextVisible(True)
        self.summary = QLabel()
        self.summary.setObjectName("evaluation_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        RelativeFont(self.summary, 1.15)

        self.matrix = ConfusionMatrixView()
        self.matrix.cellClicked.connect(self.show_cell)
        self.gallery_caption = QLabel()
        self.gallery_caption.setWordWrap(True)
        self.gallery = GalleryView()
        self.gallery.imageClicked.connect(self.explain_image)
        gallery_box = QWidget()
        gallery_layout = QVBoxLayout(gallery_box)
        gallery_layout.setContentsMargins(0, 0, 0, 0)
        gallery_layout.addWidget(self.gallery_caption)
        gallery_layout.addWidget(self.gallery, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.matrix)
        splitter.addWidget(gallery_box)
        splitter.setSizes([480, 360])

        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.resize(900, 620)
        self.choose_dataset_for(getattr(state, "checkpoint", None))
        state.model_changed.connect(self._on_model_changed)
        self._on_dataset_changed()
        self.retranslate()

    # ---- choosing the data -------------------------------------------------------------------
    def choose_dataset_for(self, checkpoint: Any) -> None:
        """Preselect the data the checkpoint was trained on (fashion → Fashion-MNIST)."""
        dataset = (checkpoint.metadata.get("dataset") if checkpoint is not None else None) or ""
        self.dataset_combo.setCurrentIndex(1 if str(dataset).startswith("fashion") else 0)

    def dataset_name(self) -> str:
        kind = self.DATASETS[self.dataset_combo.currentIndex()]
        if kind == "idx":
            return "idx:" + self.folder_edit.text().strip()
        return kind

    def set_dataset(self, name: str) -> None:
        """'mnist', 'fashion' or 'idx:FOLDER' (tests and the command line use it)."""
        if name.startswith("idx:"):
            self.folder_edit.setText(name[4:])
            self.dataset_combo.setCurrentIndex(2)
        else:
            self.dataset_combo.setCurrentIndex(self.DATASETS.index(name))

    def _on_dataset_changed(self) -> None:
        is_folder = self.DATASETS[self.dataset_combo.currentIndex()] == "idx"
        self.folder_edit.setVisible(is_folder)
        self.browse_button.setVisible(is_folder)

    def browse_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("Folder of IDX files (t10k-images, t10k-labels)"),
            self.folder_edit.text(),
            options=QFileDialog.Option.ShowDirsOnly | file_dialog_options(),
        )
        if folder:
            self.folder_edit.setText(folder)

    # ---- running -----------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.run is not None

    def start_or_cancel(self) -> None:
        if self.run is not None:
            self.cancel()
        else:
            self.start()

    def start(self) -> bool:
        if self.run is not None:
            return False
        if self.state.model is None:
            self._show_problem(lambda: self.tr("No model is loaded yet."))
            return False
        if self.dataset_name() == "idx:":
            self._show_problem(lambda: self.tr("Choose a folder of IDX files first."))
            return False
        job = self.state.evaluation_job(self.dataset_name())
        from superqt.utils import create_worker  # here: superqt is 61 ms of start-up

        worker = create_worker(job.run, _start_thread=False, _ignore_errors=True)
        worker.yielded.connect(lambda step, w=worker: self._on_progress(w, *step))
        worker.returned.connect(lambda report, w=worker: self._on_finished(w, report))
        worker.errored.connect(lambda exc, w=worker: self._on_failed(w, exc))
        worker.aborted.connect(lambda w=worker: self._on_cancelled(w))
        worker.finished.connect(lambda w=worker: release_worker(w, EVALUATION_SIGNALS))
        self.run = worker
        self.progress.setRange(0, 0)  # busy until the data is loaded and the first slice is done
        self._set_progress_text(lambda: self.tr("Loading the data…"))
        self._problem = None
        self.summary.setStyleSheet("")
        self._set_controls_running(True)
        worker.start()
        return True

    def cancel(self) -> None:
        if self.run is not None:
            self.run.quit()  # the worker stops before its next slice
            self._set_progress_text(lambda: self.tr("Cancelling…"))

    def wait(self, msecs: int) -> None:
        """Cancel a running evaluation and wait for its thread (closing the window)."""
        if self.run is not None:
            self.run.quit()
            from PySide6.QtCore import QThreadPool

            QThreadPool.globalInstance().waitForDone(msecs)

    def _set_controls_running(self, running: bool) -> None:
        self.dataset_combo.setEnabled(not running)
        self.folder_edit.setEnabled(not running)
        self.browse_button.setEnabled(not running)
        self.run_button.setText(self.tr("Cancel") if running else self.tr("Evaluate"))

    def _on_progress(self, worker: Any, done: int, total: int) -> None:
        if worker is not self.run:
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self._set_progress_text(
            lambda: tr_args(
                self.tr("%1 of %2 image") if total == 1 else self.tr("%1 of %2 images"),
                thousands(done),
                thousands(total),
            )
        )

    def _finish_run(self, worker: Any) -> bool:
        if worker is not self.run:
            return False
        self.run = None
        self._set_controls_running(False)
        return True

    def _on_finished(self, worker: Any, report: EvaluationReport) -> None:
        if not self._finish_run(worker):
            return
        self.evaluated_model = report.model
        self.show_result(report)
        self.evaluationFinished.emit(report)

    def _on_failed(self, worker: Any, exc: Exception) -> None:
        if not self._finish_run(worker):
            return
        message = str(exc) if isinstance(exc, ExplainerError) else unexpected(exc)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._set_progress_text(lambda: self.tr("Failed"))
        # The last evaluation's matrix and gallery go: under the red line they read as this
        # one's (the Fashion matrix stayed beside "no IDX files in …").
        self.show_result(None)
        self._show_problem(message)
        self.evaluationFailed.emit(message)

    def _on_cancelled(self, worker: Any) -> None:
        if not self._finish_run(worker):
            return
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._set_progress_text(lambda: self.tr("Cancelled"))
        self.evaluationCancelled.emit()

    def _set_progress_text(self, text: Text) -> None:
        self._progress_text = text
        self.progress.setFormat(text_of(text))

    def _show_problem(self, message: Text) -> None:
        """A failure in the summary line: a core message (shown translated) or a Text."""
        self._problem = message
        self.summary.setStyleSheet("color: #b2182b;")
        self.summary.setText(text_of(message))

    # ---- results -----------------------------------------------------------------------------
    def show_result(self, result: EvaluationReport | None) -> None:
        self.result = result
        self.cell = None
        self.gallery.clear()
        self._problem = None
        self.summary.setStyleSheet("")
        if result is None:
            self.matrix.set_confusion(None, ())
            self.summary.setText("")
        else:
            self.progress.setRange(0, max(result.n, 1))
            self.progress.setValue(result.n)
            seconds = result.seconds
            self._set_progress_text(lambda: tr_args(self.tr("Done in %1 s"), decimal(seconds, 2)))
            self.matrix.set_confusion(result.confusion, result.class_names)
        self._update_texts()

    def summary_text(self) -> str:
        result = self.result
        if result is None:
            return ""
        template = (
            self.tr("Accuracy of %1 on %2: %3% (%4 of %5 image right)")
            if result.n == 1
            else self.tr("Accuracy of %1 on %2: %3% (%4 of %5 images right)")
        )
        text = tr_args(
            template,
            result.checkpoint_name,
            names.dataset_name(result.dataset.name, result.dataset.split),
            decimal(result.accuracy * 100, 2),
            thousands(result.correct),
            thousands(result.n),
        )
        model_classes = tuple(result.model.config.class_names) if result.model is not None else ()
        if model_classes and model_classes != tuple(result.class_names):
            shown = ", ".join(names.class_names(model_classes)[:3])
            data = ", ".join(names.class_names(result.class_names)[:3])
            text += "\n" + tr_args(
                self.tr(
                    "Warning: the model's classes (%1, …) are not this dataset's (%2, …): it "
                    "was not trained for these images, so this accuracy measures nothing."
                ),
                shown,
                data,
            )
        if self.state.model is not self.evaluated_model:
            # The gallery now explains images with another model than the matrix counted.
            checkpoint = self.state.checkpoint
            name = checkpoint.name if checkpoint is not None else "–"
            text += "\n" + tr_args(
                self.tr("The window now shows %1: press Evaluate to measure that model."), str(name)
            )
        return text

    def _on_model_changed(self, model: Any, checkpoint: Any) -> None:
        if self.result is None and self.run is None:
            self.choose_dataset_for(checkpoint)
        self._update_texts()

    def show_cell(self, true_class: int, predicted_class: int) -> None:
        """List the test images of class `true_class` that the model called `predicted_class`."""
        result = self.result
        if result is None:
            return
        self.cell = (true_class, predicted_class)
        if self.matrix.selected != self.cell:
            self.matrix.selected = self.cell
            self.matrix.update()
        indices = result.cell_indices(true_class, predicted_class)
        self.gallery.set_images(indices, result.dataset.images, result.probabilities)
        self._update_texts()

    def explain_image(self, index: int) -> None:
        """Put test image `index` on the window's canvas: the window runs and explains it."""
        result = self.result
        if result is None:
            return
        caption = tr_args(
            self.tr("Test image #%1 (%2)"),
            str(index),
            names.class_name(result.class_names[int(result.labels[index])]),
        )
        label = int(result.labels[index])
        self._load_test_image(
            np.array(result.dataset.images[index]), caption, label, tuple(result.class_names)
        )

    # ---- language ----------------------------------------------------------------------------
    def _update_texts(self) -> None:
        result = self.result
        if self._problem is not None:
            self.summary.setText(text_of(self._problem))
        elif result is not None:
            self.summary.setText(self.summary_text())
        if result is None:
            self.gallery_caption.setText(
                self.tr("Evaluate, then click a cell of the matrix to see its images.")
            )
        elif self.cell is None:
            self.gallery_caption.setText(
                self.tr(
                    "Click a cell to see its images: the diagonal holds the right answers, "
                    "the other cells the mistakes."
                )
            )
        else:
            t, p = self.cell
            count = len(self.gallery.indices())
            if count == 0:
                template = self.tr("True class %1, predicted %2: no images.")
            elif count == 1:
                template = self.tr("True class %1, predicted %2: %3 image. Click it to explain it.")
            else:
                template = self.tr(
                    "True class %1, predicted %2: %3 images. Click one to explain it."
                )
            self.gallery_caption.setText(
                tr_args(
                    template,
                    names.class_name(result.class_names[t]),
                    names.class_name(result.class_names[p]),
                    thousands(count),
                )
            )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Evaluate the model"))
        self.dataset_label.setText(self.tr("Test set:"))
        texts = [
            self.tr("Held-out MNIST digits (1,000)"),
            self.tr("Fashion-MNIST test images (10,000)"),
            self.tr("Folder of IDX files…"),
        ]
        for i, text in enumerate(texts):
            self.dataset_combo.setItemText(i, text)
        self.folder_edit.setPlaceholderText(self.tr("folder with t10k-images-idx3-ubyte(.gz)"))
        self.browse_button.setText(self.tr("Browse…"))
        self._set_controls_running(self.run is not None)
        self.matrix.set_axis_titles(self.tr("true class"), self.tr("predicted class"))
        self.matrix.empty_text = self.tr(
            "Choose a test set and press Evaluate: the confusion matrix will appear here."
        )
        if self.run is None and self.result is None and self._problem is None:
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self._set_progress_text(lambda: self.tr("Not run yet"))
        else:
            self._set_progress_text(self._progress_text)
        self._update_texts()
        self.matrix.update()

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        self.cancel()  # nobody is watching any more
        super().closeEvent(event)
