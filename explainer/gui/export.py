"""File › Export…: the network view or one panel as PNG (at 2×, for slides) and SVG, the trace
as .npz, the selected unit's arithmetic and the softmax table as CSV, Markdown and LaTeX.

The pictures are the NetworkView's own pyqtgraph scene rendered again (QGraphicsScene.render),
never a screenshot: a PNG is drawn into an image twice the view's size, so text and outlines
stay sharp on a projector; an SVG is written by QSvgGenerator (Qt SVG, part of
PySide6-Essentials), each panel's mosaic an embedded image. pyqtgraph's own SVGExporter fails
on these panels with PySide6 6.11 (ValueError in its correctCoordinates; pyqtgraph issue 3485
is the 6.12 form of it), so it is not used. Only the view's public API is used: its panels
(`layer_names`, `panel`, `panel_scene_rect`) lead to the scene.

`write_exports` writes the files; the dialog and `cnn-explainer export` (export_command.py)
both call it, so both write the same files. The tables are built in the Qt-free core
(explainer.core.arithmetic.tables) from the same explain_unit result the dock shows; the window
writes them in the interface language, the command line in English.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QObject,
    QRectF,
    QSize,
    QStandardPaths,
)
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from explainer.core.arithmetic import explain_unit, softmax_steps
from explainer.core.arithmetic.formatting import ENGLISH, StepFormat
from explainer.core.arithmetic.tables import WRITERS, UnitTable, softmax_table, unit_table
from explainer.core.errors import ExplainerError
from explainer.core.export import (
    SOFTMAX_STEM,
    TRACE_FILE,
    check_out_dir,
    write_bytes,
    write_text,
    write_trace_npz,
)
from explainer.gui import names
from explainer.gui.arithmetic.fc_page import TOP_CONTRIBUTIONS  # the dock's chart's bars
from explainer.gui.i18n import Retranslatable, file_dialog_options, tr_args
from explainer.gui.messages import translate_message
from explainer.gui.settings import app_settings

translate = QCoreApplication.translate

if TYPE_CHECKING:
    from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

    from explainer.core.units import UnitRef
    from explainer.gui.network import NetworkView
    from explainer.state import SessionState

PNG_SCALE = 2
VIEW = "network"  # the whole network view, as a picture to export; also its files' stem
PICTURE_FORMATS = ("png", "svg")
BACKGROUND = QColor("white")  # the panels' background (the view's, which a scene render lacks)
FOLDER_KEY = "export/folder"


# ---- pictures ---------------------------------------------------------------------------------
def visible_panels(view: NetworkView) -> list[str]:
    return [name for name in view.layer_names() if view.panel(name).visible]


def _scene(view: NetworkView) -> tuple[QGraphicsScene, QGraphicsView]:
    for name in visible_panels(view):
        scene = view.panel(name).layout.scene()
        if scene is not None and scene.views():
            return scene, scene.views()[0]
    raise ExplainerError("there is no network to export yet: the model is still loading")


def picture_rect(view: NetworkView, panel: str = VIEW) -> QRectF:
    """The part of the scene a picture shows: what the view shows now (VIEW), or a panel's
    column (title, mosaic, colour bar)."""
    scene, graphics = _scene(view)
    if panel == VIEW:
        return graphics.mapToScene(graphics.viewport().rect()).boundingRect()
    if panel not in visible_panels(view):
        shown = ", ".join(visible_panels(view))
        raise ExplainerError(f"no panel {panel!r} is shown; the panels shown are {shown}")
    rect = view.panel_scene_rect(panel)
    return rect.adjusted(-2, -2, 2, 2)  # the colour bar's end labels reach to the edge


def _render(
    view: NetworkView, panel: str, painter: QPainter, target: QRectF, source: QRectF
) -> None:
    """Draw `source` of the scene into `target`. For one panel the others are made fully
    transparent meanwhile (Qt then skips them; their layout is untouched): the scene draws
    every item and only clips, and an SVG would keep what is clipped."""
    scene, _ = _scene(view)
    others = (
        [] if panel == VIEW else [view.panel(n).layout for n in visible_panels(view) if n != panel]
    )
    opacities = [item.opacity() for item in others]
    try:
        for item in others:
            item.setOpacity(0.0)
        painter.fillRect(target, BACKGROUND)
        scene.render(painter, target, source)
    finally:
        for item, opacity in zip(others, opacities, strict=True):
            item.setOpacity(opacity)


def render_png(view: NetworkView, panel: str = VIEW, scale: int = PNG_SCALE) -> QImage:
    """The view (or a panel) drawn again at `scale` times its size on screen."""
    _, graphics = _scene(view)
    source = picture_rect(view, panel)
    width, height = round(source.width() * scale), round(source.height() * scale)
    image = QImage(max(width, 1), max(height, 1), QImage.Format.Format_ARGB32)
    image.fill(BACKGROUND)
    painter = QPainter(image)
    painter.setRenderHints(graphics.renderHints())
    _render(view, panel, painter, QRectF(0, 0, image.width(), image.height()), source)
    painter.end()
    return image


def render_svg(view: NetworkView, panel: str = VIEW, title: str = "") -> bytes:
    """The view (or a panel) as SVG: text and outlines as vectors, each mosaic an image."""
    _, graphics = _scene(view)
    source = picture_rect(view, panel)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    # At the view's resolution, not QSvgGenerator's 72 dpi: the axes replay pictures recorded
    # on screen, which a device of another resolution scales (0.75× at 96 dpi: the logits'
    # class names beside the wrong bars), and text in points would shrink to 0.75× too.
    generator.setResolution(graphics.logicalDpiY())
    generator.setTitle(title or "CNN Explainer")
    generator.setDescription(translate("Export", "CNN Explainer: the network's layers"))
    painter = QPainter(generator)
    painter.setRenderHints(graphics.renderHints())
    _render(view, panel, painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
    return bytes(buffer.data())


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise ExplainerError("could not encode the picture as PNG")
    return bytes(data)


def picture_stem(panel: str) -> str:
    return VIEW if panel == VIEW else f"panel_{panel}"


def write_picture(
    view: NetworkView, folder: Path, panel: str, formats: Sequence[str]
) -> list[Path]:
    written = []
    stem = picture_stem(panel)
    if "png" in formats:
        written.append(write_bytes(folder / f"{stem}.png", png_bytes(render_png(view, panel))))
    if "svg" in formats:
        shown = names.layer_name(panel) if panel != VIEW else translate("Export", "network")
        title = tr_args(translate("Export", "CNN Explainer: %1"), shown)
        written.append(write_bytes(folder / f"{stem}.svg", render_svg(view, panel, title)))
    return written


# ---- tables -----------------------------------------------------------------------------------
def unit_arithmetic_table(
    state: SessionState,
    unit: UnitRef,
    layer_name: Any = str,
    class_names: Sequence[str] | None = None,
) -> UnitTable:
    """The table of what the dock shows for `unit`: the same explain_unit result."""
    model, trace = state.model, state.trace
    if model is None or trace is None:
        raise ExplainerError("there is no input yet: draw a digit or pick a sample first")
    result = explain_unit(model, trace, unit.layer, unit.channel, unit.row, unit.col)
    source = model.config.layer(unit.layer).source if unit.layer != "probs" else None
    return unit_table(result, source, layer_name, TOP_CONTRIBUTIONS, class_names)


def state_softmax_table(
    state: SessionState, log_base: str, class_names: Sequence[str] | None = None
) -> UnitTable:
    model, trace = state.model, state.trace
    if model is None or trace is None:
        raise ExplainerError("there is no input yet: draw a digit or pick a sample first")
    steps = softmax_steps(trace["logits"], list(model.config.class_names))
    label = state.true_label
    return softmax_table(steps, None if label is None else label.index, log_base, class_names)


def write_table(
    table: UnitTable, folder: Path, fmt: StepFormat, stem: str | None = None
) -> list[Path]:
    stem = stem or table.name
    return [
        write_text(folder / f"{stem}.{suffix}", writer(table, fmt))
        for suffix, writer in WRITERS.items()
    ]


# ---- everything -------------------------------------------------------------------------------
@dataclass
class ExportRequest:
    """What to write: pictures of these panels (VIEW: the whole view) in these formats, the
    trace, the selected unit's tables, the softmax tables."""

    pictures: tuple[str, ...] = (VIEW,)
    formats: tuple[str, ...] = PICTURE_FORMATS
    trace: bool = True
    unit: bool = True
    softmax: bool = True


def write_exports(
    folder: str | Path,
    view: NetworkView,
    state: SessionState,
    request: ExportRequest,
    *,
    unit: UnitRef | None = None,
    fmt: StepFormat = ENGLISH,
    log_base: str = "e",
    interface_names: bool = False,
) -> list[Path]:
    """Write what `request` asks for into `folder` (created when missing); the paths written.
    `unit` defaults to the state's selection. `interface_names`: layer and class names as the
    window shows them (with `fmt`, the interface language)."""
    out = check_out_dir(folder)
    if (request.trace or request.unit or request.softmax) and state.trace is None:
        raise ExplainerError("there is no input yet: draw a digit or pick a sample first")
    unit = unit if unit is not None else state.selection
    if request.unit and unit is None:
        raise ExplainerError("no unit is selected: click a unit in the network panels first")
    if request.unit and unit is not None and unit.layer == "input":
        raise ExplainerError("the network input has no arithmetic: select a unit of a layer")
    layer_name = names.layer_name if interface_names else str
    shown = None
    if interface_names and state.model is not None:
        shown = names.class_names(state.model.config.class_names)
    written: list[Path] = []
    for panel in request.pictures:
        written += write_picture(view, out, panel, request.formats)
    if request.trace:
        assert state.trace is not None
        written.append(write_trace_npz(state.trace, out / TRACE_FILE))
    if request.unit and unit is not None:
        table = unit_arithmetic_table(state, unit, layer_name, shown)
        written += write_table(table, out, fmt)
    if request.softmax:
        table = state_softmax_table(state, log_base, shown)
        written += write_table(table, out, fmt, SOFTMAX_STEM)
    return written


# ---- the dialog -------------------------------------------------------------------------------
def default_folder() -> str:
    saved = app_settings().value(FOLDER_KEY, "", type=str)
    if saved:
        return saved
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(documents or Path.home()) / "CNN Explainer")


class ExportDialog(Retranslatable, QDialog):
    """What to export and where; Export writes it (errors are shown here, nothing closes)."""

    def __init__(self, features: ExportFeatures, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.features = features
        self.picture = QComboBox(objectName="export_picture")
        self.png = QCheckBox(objectName="export_png")
        self.svg = QCheckBox(objectName="export_svg")
        self.trace = QCheckBox(objectName="export_trace")
        self.unit = QCheckBox(objectName="export_unit")
        self.softmax = QCheckBox(objectName="export_softmax")
        for box in (self.png, self.svg, self.trace, self.unit, self.softmax):
            box.setChecked(True)
        self.folder = QLineEdit(objectName="export_folder")
        self.folder.setText(default_folder())
        self.browse = QPushButton(objectName="export_browse")
        self.browse.clicked.connect(self.choose_folder)
        self.message = QLabel(objectName="export_message")
        self.message.setWordWrap(True)
        self.picture_label, self.folder_label = QLabel(), QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        formats = QHBoxLayout()
        formats.addWidget(self.png)
        formats.addWidget(self.svg)
        formats.addStretch(1)
        form = QFormLayout()
        form.addRow(self.picture_label, self.picture)
        form.addRow("", formats)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for box in (self.trace, self.unit, self.softmax):
            layout.addWidget(box)
        form_folder = QFormLayout()
        form_folder.addRow(self.folder_label, folder_row)
        layout.addLayout(form_folder)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate()

    def refresh(self) -> None:
        """The panels shown now and whether a unit is selected."""
        view, state = self.features.window.network_view, self.features.window.state
        current = self.picture.currentData()
        self.picture.blockSignals(True)
        self.picture.clear()
        self.picture.addItem(self.tr("The whole network view"), VIEW)
        for name in visible_panels(view):
            self.picture.addItem(tr_args(self.tr("Panel: %1"), names.layer_name(name)), name)
        self.picture.addItem(self.tr("No picture"), "")
        index = self.picture.findData(current) if current is not None else 0
        self.picture.setCurrentIndex(max(index, 0))
        self.picture.blockSignals(False)
        unit = state.selection
        has_unit = unit is not None and unit.layer != "input" and state.trace is not None
        self.unit.setEnabled(has_unit)
        if has_unit:
            self.unit.setText(
                tr_args(
                    self.tr("Arithmetic of the selected unit, %1 (CSV, Markdown, LaTeX)"),
                    names.unit_label(unit),
                )
            )
        else:
            self.unit.setText(
                self.tr(
                    "Arithmetic of the selected unit (CSV, Markdown, LaTeX): click a unit first"
                )
            )
        has_trace = state.trace is not None
        self.trace.setEnabled(has_trace)
        self.softmax.setEnabled(has_trace)
        self.message.setText(
            "" if has_trace else self.tr("Draw a digit first: only pictures can be exported.")
        )

    def request(self) -> ExportRequest:
        panel = self.picture.currentData() or ""
        formats = tuple(f for f, box in (("png", self.png), ("svg", self.svg)) if box.isChecked())
        return ExportRequest(
            pictures=(panel,) if panel and formats else (),
            formats=formats,
            trace=self.trace.isEnabled() and self.trace.isChecked(),
            unit=self.unit.isEnabled() and self.unit.isChecked(),
            softmax=self.softmax.isEnabled() and self.softmax.isChecked(),
        )

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self,
            self.tr("Export to folder"),
            self.folder.text(),
            file_dialog_options() | QFileDialog.Option.ShowDirsOnly,
        )
        if folder:
            self.folder.setText(folder)

    def export(self) -> list[Path] | None:
        folder = self.folder.text().strip()
        if not folder:
            self.message.setText(self.tr("Choose a folder to export to."))
            return None
        try:
            written = self.features.export_to(folder, self.request())
        except ExplainerError as exc:
            self.message.setText(translate_message(str(exc)))
            return None
        app_settings().setValue(FOLDER_KEY, folder)
        self.accept()
        return written

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export"))
        self.picture_label.setText(self.tr("Picture"))
        self.png.setText(self.tr("PNG at 2× (for slides)"))
        self.svg.setText(self.tr("SVG (vector)"))
        self.trace.setText(self.tr("Trace of the current input (.npz: every layer's numbers)"))
        self.softmax.setText(self.tr("Softmax and loss table (CSV, Markdown, LaTeX)"))
        self.folder_label.setText(self.tr("Folder"))
        self.browse.setText(self.tr("Choose…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Export"))
        self.refresh()


class ExportFeatures(QObject):
    """File › Export… in `window` (a MainWindow: its state, network view, arithmetic dock,
    file menu and status bar)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ExportDialog | None = None
        self.last_written: list[Path] = []
        self.export_action = QAction(window)
        self.export_action.setObjectName("export")
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.export_action.triggered.connect(lambda _=False: self.show_dialog())
        window.addAction(self.export_action)
        menu = window.file_menu
        menu.insertAction(window.quit_action, self.export_action)
        menu.insertSeparator(window.quit_action)
        window.language_changed.connect(self.retranslate)
        self.retranslate()

    def log_base(self) -> str:
        dock = getattr(self.window, "arithmetic_dock", None)
        base = dock.view.log_base.currentData() if dock is not None else None
        return base or "e"

    def export_to(self, folder: str | Path, request: ExportRequest | None = None) -> list[Path]:
        """Write the files (the dialog's choices, or everything for the whole view) in the
        interface language; report them in the status bar."""
        from explainer.gui.steps import InterfaceSteps

        written = write_exports(
            folder,
            self.window.network_view,
            self.window.state,
            request or ExportRequest(),
            fmt=InterfaceSteps(),
            log_base=self.log_base(),
            interface_names=True,
        )
        self.last_written = written
        count = len(written)
        template = (
            self.tr("Exported %1 file to %2") if count == 1 else self.tr("Exported %1 files to %2")
        )
        self.window.statusBar().showMessage(tr_args(template, count, str(folder)), 10_000)
        return written

    def show_dialog(self) -> ExportDialog:
        if self.dialog is None:
            self.dialog = ExportDialog(self, self.window)
        self.dialog.refresh()
        self.dialog.open()
        return self.dialog

    def retranslate(self) -> None:
        self.export_action.setText(self.tr("&Export…"))
        self.export_action.setToolTip(
            self.tr("Pictures of the panels (PNG, SVG), the trace (.npz) and the arithmetic "
                    "as tables (CSV, Markdown, LaTeX)")
        )  # fmt: skip
