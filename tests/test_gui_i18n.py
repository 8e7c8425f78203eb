"""The Portuguese interface is complete (offscreen): every text a user sees is Portuguese.

The big test opens everything in English first — a model, a drawn digit, the arithmetic dock on
a conv2 unit and on the softmax tab, the training dock, Model details, Compare, an evaluation of
the MNIST subset, the playground, Qt's own file dialog and an error message box — then switches
to Brazilian Portuguese and walks the widget tree: labels, buttons, check boxes, group boxes,
tabs, menus and their actions, combo items, table headers and cells, list items, tool tips,
window titles, progress bars, text boxes, and the panels' pyqtgraph LabelItems and axis ticks.
A text fails when it is still an English source string of the catalogue, or holds a word of
STOP_WORDS.

Texts that are the same in both languages are listed in SAME_IN_BOTH with the reason; a static
test checks that every catalogue entry translated to itself is one of them, so none slips in
by accident. Other tests: one number format per language (decimal comma in Portuguese, in the
arithmetic grids, the guesses, the playground), plurals, the window title, the core's worked
steps and error messages in Portuguese with the core itself left in English.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from gui_support import draw, open_window
from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtGui import QAction, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from explainer import paths
from explainer.core.edits import WeightKey
from explainer.core.units import UnitRef
from explainer.gui import i18n

MODELS = paths.models_dir()
MODEL_NAMES = {path.stem for path in MODELS.glob("*.pt")}
SEVEN = [(0.25, 0.2), (0.75, 0.2), (0.55, 0.5), (0.45, 0.8)]
REPO = Path(__file__).resolve().parent.parent

# English words that never belong in a Portuguese text (whole words, any case). Terms the
# Brazilian course decks keep in English (bias, kernel, stride, padding, max pooling and average
# pooling, softmax, logit) are not here.
STOP_WORDS = (
    "the",
    "of",
    "and",
    "with",
    "filter",
    "filters",
    "input",
    "inputs",
    "output",
    "sum",
    "products",
    "row",
    "rows",
    "column",
    "col",
    "cols",
    "image",
    "images",
    "accuracy",
    "weight",
    "weights",
    "layer",
    "unit",
    "channel",
    "window",
    "true",
    "predicted",
    "draw",
    "click",
    "loading",
    "sample",
    "digit",
    "test",
    "held-out",
    "heldout",
    "activation",
    "mean",
    "so far",
    "shirt",
    "trouser",
    "boot",
    "look in",
    "files of type",
)

# Texts (and catalogue translations) that are the same in Portuguese, and why.
SAME_IN_BOTH = {
    "Zoom %1 %": "zoom is the Portuguese word too",
    "CNN Explainer": "the application's name",
    "CNN Explainer: %1": "the application's name, then a layer's name (an SVG's title)",
    "ReLU": "activation name, the course's term",
    "tanh": "function name",
    "kernel": "the course's term (kernel/filtro)",
    "bias": "the course's term (not viés)",
    "+ bias": "the course's term",
    "max pooling": "the course's term",
    "max": "part of 'max pooling' (the course's term)",
    "average pooling": "named like max pooling",
    "average": "part of 'average pooling' (named like max pooling)",
    "Pooling": "the course's term (camada de pooling)",
    "logit z": "the course's term (logit)",
    "Softmax": "the course's term",
    "0 pad": "pad: short for padding, the course's term",
    "pad": "short for padding, the course's term",
    "Checkpoints (%1)": "checkpoint: the course's word for a saved model",
    "Classes": "the same word in Portuguese",
    "total": "the same word in Portuguese",
    "Zeros": "the same word in Portuguese",
    "%1 s": "unit symbol",
    "Σ = %1": "symbols",
    "e (natural, ln)": "the same words in Portuguese",
    "10 (log₁₀)": "symbols",
    "2 (log₂, bits)": "bits: the same word in Portuguese",
    "kernel %1[%2]": "the course's term and a layer name",
    "Fashion-MNIST": "a dataset's name",
    "MNIST": "a dataset's name",
    "MNIST, ReLU, max pooling": "a dataset's name and the course's terms",
    "%1 pooling %2×%2": "the course's term",
    "max pooling %1×%1": "the course's term",
    "average pooling %1×%1": "named like max pooling",
    "Momentum": "the optimiser's name",
    "SGD": "the optimiser's name",
    "SGD + momentum": "the optimiser's name",
    "Adam": "the optimiser's name",
    "CPU": "a device's name",
    "GPU (CUDA)": "a device's name",
    "Grad-CAM (%1)": "an attribution method's name and a layer name",
    "p(%1) = %2, p(%3) = %4": "probabilities: symbols",
    "p(%1) = %2": "a probability: symbols",
    "Snapshots": "the loan word of the course's tools (snapshot of the weights)",
}
# Catalogue entries made only of placeholders, symbols and the course's terms.
SAME_TEMPLATE = re.compile(
    r"^([\s%\d{}\[\]()+\-−=→←⊙×·/:;,.…Σ^]|\{\w+\}|bias|kernel|max pooling|max|logits?|"
    r"softmax|exp|ln|log|ReLU|tanh|stride|padding|pad|pooling)*$"
)

CATALOGUE = i18n.I18N_DIR / "cnn_explainer_pt_BR.ts"


def catalogue_entries() -> dict[tuple[str, str], str]:
    entries = {}
    for context in ET.parse(CATALOGUE).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            entries[(name, message.findtext("source") or "")] = (
                message.find("translation").text or ""
            )
    return entries


def english_sources() -> set[str]:
    """Every English source of the catalogue that Portuguese says differently ("bias" is said
    the same in one place and "o bias" in a message: it is not one of them)."""
    entries = catalogue_entries().items()
    same = {source for (_, source), translation in entries if translation == source}
    return {
        _normalise(source)
        for (_, source), translation in entries
        if translation != source and source not in same and "%" not in source and "{" not in source
    }


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("&", "")).strip().rstrip(":…").strip()


def _plain(text: str) -> str:
    if "<" in text and ">" in text:
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText()
    return text


# ---- what the user sees -------------------------------------------------------------------------
def action_texts(actions: list[QAction], where: str) -> list[tuple[str, str]]:
    found = []
    for action in actions:
        if action.isSeparator() or not action.isVisible():
            continue
        found.append((f"{where} › action", action.text()))
        if action.toolTip() and action.toolTip() != action.text().replace("&", ""):
            found.append((f"{where} › {action.text()} tooltip", action.toolTip()))
        menu = action.menu()
        if isinstance(menu, QMenu):
            found.append((f"{where} › menu", menu.title()))
            found += action_texts(menu.actions(), f"{where} › {menu.title()}")
    return found


def widget_texts(widget: QWidget) -> list[tuple[str, str]]:
    """The texts `widget` itself shows (not its children's)."""
    name = f"{type(widget).__name__}({widget.objectName()})"
    found: list[tuple[str, str]] = []
    if widget.isWindow():
        found.append((f"{name} title", widget.windowTitle()))
    if widget.toolTip():
        found.append((f"{name} tooltip", widget.toolTip()))
    if isinstance(widget, QLabel):
        found.append((name, widget.text()))
    elif isinstance(widget, QAbstractButton):
        found.append((name, widget.text()))
    elif isinstance(widget, QGroupBox):
        found.append((name, widget.title()))
    if isinstance(widget, QTabWidget):
        found += [(f"{name} tab", widget.tabText(i)) for i in range(widget.count())]
    if isinstance(widget, QComboBox):
        found += [(f"{name} item", widget.itemText(i)) for i in range(widget.count())]
        found.append((f"{name} placeholder", widget.placeholderText()))
    if isinstance(widget, QLineEdit):
        found.append((f"{name} placeholder", widget.placeholderText()))
    if isinstance(widget, QAbstractSpinBox):
        found.append((f"{name} suffix", getattr(widget, "suffix", lambda: "")()))
    if isinstance(widget, QPlainTextEdit):
        found.append((name, widget.toPlainText()))
    if isinstance(widget, QProgressBar):
        found.append((name, widget.text()))
    if isinstance(widget, QTableWidget):
        header = widget.horizontalHeader()
        if header.isVisible():
            for column in range(widget.columnCount()):
                item = widget.horizontalHeaderItem(column)
                if item is not None:
                    found.append((f"{name} header", item.text()))
        for row in range(widget.rowCount()):
            for column in range(widget.columnCount()):
                item = widget.item(row, column)
                if item is not None:
                    found.append((f"{name} cell", item.text()))
                    found.append((f"{name} cell tooltip", item.toolTip()))
    if isinstance(widget, QListWidget):
        found += [(f"{name} item", widget.item(i).text()) for i in range(widget.count())]
    # pyqtgraph: the panels' titles and the charts' titles are LabelItems in a scene.
    scene = getattr(widget, "scene", None)
    if callable(scene) and type(widget).__name__ in ("GraphicsLayoutWidget", "PlotWidget"):
        import pyqtgraph as pg

        for item in scene().items():
            if isinstance(item, pg.LabelItem) and item.isVisible():
                found.append((f"{name} LabelItem", item.text))
            if isinstance(item, pg.AxisItem) and item.isVisible() and item._tickLevels:
                for level in item._tickLevels:
                    found += [(f"{name} axis tick", label) for _, label in level]
    # Painted widgets: what they draw.
    if hasattr(widget, "shown_names"):  # the probability bars
        found += [(f"{name} painted", text) for text in widget.shown_names()]
    if type(widget).__name__ == "ConfusionMatrixView":
        found += [(f"{name} painted", t) for t in widget._row_labels()]
        found += [
            (f"{name} axis", widget.true_axis_title),
            (f"{name} axis", widget.predicted_axis_title),
        ]
    return found


def visible_texts(window: QWidget) -> list[tuple[str, str]]:
    found = widget_texts(window)
    for child in window.findChildren(QWidget):
        if child.isVisible():
            found += widget_texts(child)
    return found


def untranslated(texts: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    sources = english_sources()
    words = re.compile(r"\b(" + "|".join(re.escape(w) for w in STOP_WORDS) + r")\b", re.I)
    problems = []
    for where, raw in texts:
        text = _plain(raw)
        if not text.strip():
            continue
        if text in MODEL_NAMES:
            continue  # a model's name is its file's name (fashion.pt)
        if _normalise(text) in sources:
            problems.append((where, text, "an English source string"))
            continue
        # Paths and file names are the user's (/tmp/pytest-of-…/test_x/default.pt).
        checked = re.sub(r"\S*[/\\]\S*|\S+\.(pt|pth|safetensors|json|png)\b", " ", text)
        match = words.search(checked.replace("_", " "))  # conv1_filters: "filters"
        if match:
            problems.append((where, text, f"English word {match[0]!r}"))
    return problems


@pytest.fixture
def everything_open(qtbot, tmp_path: Path):
    """The window with every dialog open, in English, then switched to Portuguese."""
    window = open_window(qtbot, MODELS / "default.pt")
    draw(window, SEVEN)
    window.flush_input()
    features = window.checkpoint_features
    dock = window.arithmetic_dock
    dock.show()
    dock.view.refresh()
    window.state.select(UnitRef("conv2", 3, 2, 1))
    details = features.show_model_details()
    compare = features.show_compare(MODELS / "early.pt")
    qtbot.waitUntil(lambda: compare.other.model is not None, timeout=30_000)
    evaluation = features.show_evaluation()
    evaluation.set_dataset("mnist")
    with qtbot.waitSignal(evaluation.evaluationFinished, timeout=120_000):
        evaluation.start()
    evaluation.matrix.select_cell(9, 4)  # a cell with mistakes: the gallery lists them
    dock.open_playground()
    playground = dock.playground
    playground.set_sizes(5, 3, 2, 1, 2, 2)
    playground.select_output(1, 1, 1)
    file_dialog = QFileDialog(window, "x", str(tmp_path), "*.pt")
    file_dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    file_dialog.show()
    window.show_dialogs = True  # an error box, opened in English before the switch
    bad_image = tmp_path / "broken.png"
    bad_image.write_text("not an image")
    assert not window.open_image_file(bad_image)
    window.network_view.hover_at(window.network_view.scene_pos_of("input", 0, 5, 5))
    training = getattr(window, "training_dock", None)  # Tools › Train a network
    if training is not None:
        training.show()
    whatif = window.whatif  # a filter off (the selected unit's), a typed weight, a moved digit
    whatif.dock.show()
    whatif.toggle("conv2", 3)
    whatif.edit_weight(WeightKey("conv2", 3, 0, 0, 0), 0.5)
    whatif.dock.panel.sliders["shift_x"].setValue(2)
    whatif.dock.panel.flush()
    window.set_language("pt_BR")
    whatif.show_menu(UnitRef("conv2", 3, 2, 1), QPoint(10, 10))  # a right click, in Portuguese
    windows = [window, details, compare, evaluation, playground, file_dialog, whatif.menu]
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert boxes, "the error box is open"
    yield window, windows + boxes
    for box in boxes:
        box.close()
    file_dialog.close()


def test_every_visible_text_is_portuguese(everything_open) -> None:
    window, windows = everything_open
    texts = []
    for shown in windows:
        texts += visible_texts(shown)
    texts += action_texts(window.menuBar().actions(), "menu bar")
    dock = window.arithmetic_dock
    problems = untranslated(texts)
    # The softmax tab too (it is drawn when shown), and the pooling and fully connected pages.
    dock.view.tabs.setCurrentIndex(1)
    problems += untranslated(visible_texts(dock))
    for unit in (UnitRef("pool2", 5, 1, 2), UnitRef("fc1", 7), UnitRef("logits", 3)):
        window.state.select(unit)
        problems += untranslated(visible_texts(dock))
    assert len(texts) > 500  # the walk saw the windows' texts
    assert problems == [], "\n".join(f"{w}: {t!r} ({why})" for w, t, why in problems)


def test_the_catalogue_translates_nothing_to_itself_by_accident() -> None:
    same = [
        (context, source)
        for (context, source), translation in catalogue_entries().items()
        if translation == source
        and source not in SAME_IN_BOTH
        and not SAME_TEMPLATE.match(source)
        and context not in ("ClassNames",)
    ]
    assert same == [], f"translated to the English itself: {same}"


# ---- the catalogue --------------------------------------------------------------------------
def marked_strings() -> list[tuple[str, str, str]]:
    """(file, context, text) of every QT_TRANSLATE_NOOP("ctx", "text") and
    QCoreApplication.translate("ctx", "text") in the GUI and the core."""
    found = []
    files = sorted((REPO / "explainer" / "gui").rglob("*.py"))
    files += sorted((REPO / "explainer" / "core").rglob("*.py"))
    for path in files:
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call) or len(call.args) < 2:
                continue
            func = call.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in ("QT_TRANSLATE_NOOP", "translate"):
                continue
            context, text = call.args[:2]
            if isinstance(context, ast.Constant) and isinstance(text, ast.Constant):
                found.append((path.name, context.value, text.value))
    return found


def test_every_marked_string_of_the_gui_and_the_core_is_translated() -> None:
    entries = catalogue_entries()
    marked = marked_strings()
    assert len(marked) > 250  # steps, core messages, names, Qt's missing file-dialog labels
    missing = [m for m in marked if not entries.get((m[1], m[2]))]
    assert missing == [], f"run scripts/update_translations.sh and translate: {missing}"


def core_error_templates() -> list[tuple[str, str]]:
    """(where, template) for each literal message raised in the core, the state (and its Why
    part), the training and the presets:
    the f-string with each {…} replaced by %1, %2, … (as messages.CORE_MESSAGES writes them)."""
    errors = {
        "ExplainerError",
        "ConfigError",
        "CheckpointError",
        "ImageError",
        "DatasetError",
        "ShapeError",
        "PresetError",
        "SceneError",
        "Failed",  # a training run's end, shown in the Training dock (explainer.training)
    }

    def template(node: ast.AST) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.JoinedStr):
            text, count = "", 0
            for value in node.values:
                if isinstance(value, ast.Constant):
                    text += value.value
                else:
                    count += 1
                    text += f"%{count}"
            return text
        return None

    explainer = REPO / "explainer"
    files = [*sorted((explainer / "core").rglob("*.py")), explainer / "state.py"]
    files += [explainer / "training.py", explainer / "paths.py", explainer / "why.py"]
    files += sorted((explainer / "presets").rglob("*.py"))
    found = []
    for path in files:
        for call in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(call, ast.Call) or not call.args:
                continue
            func = call.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in errors:
                text = template(call.args[0])
            elif name == "need" and len(call.args) == 2:  # ModelConfig's checks
                text = template(call.args[1])
            else:
                continue
            if text is not None:
                found.append((f"{path.relative_to(REPO)}:{call.lineno}", text))
    return found


def test_every_error_message_the_core_raises_has_a_portuguese_form() -> None:
    from explainer.gui.messages import CORE_MESSAGES

    raised = core_error_templates()
    assert len(raised) > 120
    missing = [(where, text) for where, text in raised if text not in CORE_MESSAGES]
    assert missing == [], (
        "add these to explainer/gui/messages.py CORE_MESSAGES, then run "
        f"scripts/update_translations.sh and translate them: {missing}"
    )


def test_core_messages_are_shown_in_portuguese_and_raised_in_english(qapp) -> None:
    from explainer.core.arithmetic import plan_conv
    from explainer.core.errors import ShapeError
    from explainer.gui.messages import translate_message

    with pytest.raises(ShapeError) as raised:
        plan_conv(7, 7, 1, 1, 3, 3, 0)
    english = str(raised.value)
    assert "is not a whole number" in english and "2.33" in english  # the core (and the CLI)
    assert translate_message(english) == english  # English interface: as raised
    i18n.set_language("pt_BR")
    shown = translate_message(english)
    assert shown.startswith("altura da saída (7 + 2·0 − 3)/3 + 1 = 2,33 não é um número inteiro")
    assert "strides que cabem: 1, 2, 4" in shown
    assert translate_message("a message the core never wrote") == "a message the core never wrote"


def test_the_system_texts_a_core_message_quotes_are_portuguese_too(qapp, tmp_path) -> None:
    """The OS's strerror inside a core message came out half translated ("No such file ou
    directory": the fragment template "%1 or %2" took it apart)."""
    import errno
    import os

    from explainer.core.checkpoint import load_checkpoint
    from explainer.core.errors import CheckpointError
    from explainer.gui.messages import translate_message

    i18n.set_language("pt_BR")
    unwritable = f"could not write /proc/x/run.pt: {os.strerror(errno.ENOENT)}"
    assert translate_message(unwritable) == (
        "não foi possível gravar /proc/x/run.pt: arquivo ou pasta inexistente"
    )
    (tmp_path / "cut.pt").write_bytes(b"PK\x03\x04" + b"\0" * 40)  # a zip's start, then nothing
    with pytest.raises(CheckpointError) as raised:
        load_checkpoint(tmp_path / "cut.pt")
    shown = translate_message(str(raised.value))
    assert shown != str(raised.value)
    assert not re.search(r"\b(file|zip file|or|No such)\b", shown), shown
    config = "x.pt: invalid config: each of conv_channels must be between 1 and 1,024, found 5000"
    assert translate_message(config) == (
        "x.pt: configuração inválida: cada valor de conv_channels deve estar entre 1 e 1.024; "
        "encontrado 5000"
    )


# ---- numbers --------------------------------------------------------------------------------
NUMBER = re.compile(r"-?\d+[.,]\d+")


def grid_texts(grid: QTableWidget) -> list[str]:
    return [
        grid.item(r, c).text()
        for r in range(grid.rowCount())
        for c in range(grid.columnCount())
        if grid.item(r, c) is not None
    ]


@pytest.mark.parametrize(("language", "mark"), [("pt_BR", ","), ("en", ".")])
def test_one_decimal_mark_per_language_in_grids_guesses_and_playground(
    qtbot, language: str, mark: str
) -> None:
    window = open_window(qtbot, MODELS / "default.pt")
    draw(window, SEVEN)
    window.flush_input()
    dock = window.arithmetic_dock
    dock.show()
    window.state.select(UnitRef("conv2", 3, 2, 1))
    dock.open_playground()
    window.set_language(language)
    view = dock.view
    shown = {
        "patch": grid_texts(view.patch_grid),
        "kernel": grid_texts(view.kernel_grid),
        "products": grid_texts(view.products_grid),
        "summary": grid_texts(view.summary),
        "first guess": [window.guesses.first_guess.text()],
        "second guess": [window.guesses.second_guess.text()],
        "channel sum": [view.conv_page.channel_sum_label.text()],
        "playground steps": [dock.playground.steps_text.toPlainText()],
    }
    axis = view.fc_page.chart.getPlotItem().getAxis("bottom")  # pyqtgraph's own tick numbers
    shown["chart axis"] = axis.tickStrings([0.2, 0.4], 1.0, 0.2)
    view.tabs.setCurrentIndex(1)
    shown["softmax"] = grid_texts(view.softmax_table)
    window.network_view.hover_at(window.network_view.scene_pos_of("conv1", 0, 9, 9))
    shown["hover"] = [window.network_view.hover_text()]
    for where, texts in shown.items():
        marks = {"," if "," in m[0] else "." for t in texts for m in NUMBER.finditer(t)}
        assert marks == {mark}, f"{where}: {texts[:6]}"


def test_the_playground_reads_both_decimal_forms_and_quotes_what_was_typed(qtbot) -> None:
    from explainer.gui.playground import PlaygroundDialog

    i18n.set_language("pt_BR")
    dialog = PlaygroundDialog(show_dialogs=False)
    qtbot.addWidget(dialog)
    dialog.set_sizes(3, 2, 1, 0)
    grid = dialog.input_grids[0]
    grid.item(0, 0).setText("0,5")
    assert dialog.inputs[0, 0, 0] == 0.5
    assert grid.item(0, 0).text() == "0,5"  # shown back in the language's form
    grid.item(0, 1).setText("0.25")
    assert dialog.inputs[0, 0, 1] == 0.25
    assert grid.item(0, 1).text() == "0,25"  # read as a point form: shown so
    grid.item(1, 0).setText("1.000")  # a thousand to a Brazilian eye: the cell says it read one
    assert dialog.inputs[0, 1, 0] == 1 and grid.item(1, 0).text() == "1"
    dialog.set_input(np.array([[0.5, 0.25, 1.75], [0, 0, 0], [0, 0, 0]]))
    grid = dialog.input_grids[0]
    grid.item(0, 2).setText("dois")
    assert dialog.status_label.text() == "“dois” não é um número; a célula continua com 1,75."
    assert dialog.inputs[0, 0, 2] == 1.75
    assert "0,5" in dialog.steps_text.toPlainText() or "0,25" in dialog.steps_text.toPlainText()


# ---- words ----------------------------------------------------------------------------------
def test_plurals_in_the_steps_and_the_gallery(qtbot) -> None:
    from explainer.core.arithmetic import conv_unit

    one = conv_unit(np.ones((1, 2, 2)), np.ones((1, 1, 1)), 0.0, 0, 0)
    assert "sum of 1 product = 1.0000" in one.format_steps()
    window = open_window(qtbot, MODELS / "default.pt")
    evaluation = window.checkpoint_features.show_evaluation()
    evaluation.set_dataset("mnist")
    with qtbot.waitSignal(evaluation.evaluationFinished, timeout=120_000):
        evaluation.start()
    counts = evaluation.result.confusion
    single = tuple(int(i) for i in np.argwhere(counts == 1)[0])
    evaluation.show_cell(*single)
    assert ": 1 image. Click it to explain it." in evaluation.gallery_caption.text()
    window.set_language("pt_BR")
    assert ": 1 imagem. Clique nela para explicá-la." in evaluation.gallery_caption.text()
    several = tuple(int(i) for i in np.argwhere(counts > 1)[0])
    evaluation.show_cell(*several)
    assert f": {counts[several]} imagens." in evaluation.gallery_caption.text()


def test_the_window_title_names_the_app_once(qtbot) -> None:
    window = open_window(qtbot, MODELS / "default.pt")
    assert window.windowTitle() == "default — CNN Explainer"
    # Qt appends the display name unless the title already ends with it.
    assert window.windowTitle().endswith(QCoreApplication.translate("x", i18n.APP_NAME))
    window.set_language("pt_BR")
    assert window.windowTitle() == "default — CNN Explainer"


def test_fashion_class_names_are_shown_in_portuguese_and_kept_in_english(qtbot) -> None:
    window = open_window(qtbot, MODELS / "fashion.pt")
    draw(window, SEVEN)
    window.flush_input()
    window.set_language("pt_BR")
    names = window.state.model.config.class_names
    assert names[9] == "Ankle boot"  # the model, its checkpoint and the CLI keep the dataset's
    shown = window.guesses.bars.shown_names()
    assert shown[0] == "Camiseta" and shown[9] == "Bota curta"
    guess = window.guesses.first_guess.text()
    assert guess.split("  (")[0] in shown
    details = window.checkpoint_features.show_model_details()
    assert "Calça" in details.panel.metadata_rows["Classes"]
    assert details.panel.description.text().startswith("fashion: Fashion-MNIST completo")
    title = window.network_view.panel("logits").title.text
    assert "pontuações" in title
    dock = window.arithmetic_dock
    dock.show()
    dock.view.tabs.setCurrentIndex(1)
    assert dock.view.softmax_table.item(9, 0).text() == "Bota curta"


def test_shipped_model_texts_have_portuguese_forms(qapp) -> None:
    from explainer.core.checkpoint import load_checkpoint
    from explainer.gui import names
    from explainer.gui.checkpoint_menu import model_card_lines

    texts = list(model_card_lines().values())
    texts += [load_checkpoint(p).metadata["description"] for p in sorted(MODELS.glob("*.pt"))]
    assert len(texts) == 10
    assert set(texts) <= set(names.shipped_model_texts())
    i18n.set_language("pt_BR")
    for text in texts:
        shown = names.model_text(text)
        assert shown != text or text in SAME_IN_BOTH, text
    assert names.model_text("my own run, 3 epochs") == "my own run, 3 epochs"  # as written


def test_datasets_are_named_in_words_in_both_languages(qapp) -> None:
    from explainer.core.datasets import SPLITS
    from explainer.gui import names

    datasets = [("mnist", None), ("fashion", None)]
    datasets += [(name, split) for name in ("mnist", "fashion") for split in SPLITS[name]]
    datasets += [("idx:/data/x", split) for split in SPLITS["idx"]]
    shown = {}
    for language in ("en", "pt_BR"):
        i18n.set_language(language)
        shown[language] = {key: names.dataset_name(*key) for key in datasets}
    i18n.set_language("en")
    assert shown["en"][("mnist", "heldout")] == "MNIST (held-out digits)"
    assert shown["pt_BR"][("mnist", "heldout")] == "MNIST (dígitos de avaliação)"
    assert shown["en"][("idx:/data/x", "test")] == "IDX folder /data/x (test)"
    for language, texts in shown.items():
        for (_name, split), text in texts.items():
            # Words, not the core's identifiers ("mnist/heldout", "idx:/data/x/test").
            assert "/" + str(split) not in text and not text.startswith(("mnist", "idx:")), (
                language, text,
            )  # fmt: skip
        assert len(set(texts.values())) == len(texts)  # no two datasets called the same


def test_qt_dialogs_and_layer_names_follow_the_interface_language(qtbot, tmp_path) -> None:
    i18n.set_language("pt_BR")
    if i18n.system_language() != "pt_BR":
        # A native dialog would be drawn in the system's language: Qt's own is used.
        assert i18n.file_dialog_options() == QFileDialog.Option.DontUseNativeDialog
    dialog = QFileDialog(None, "x", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "&Procurar em:"  # qtbase_pt_BR.qm lacks it: ours
    assert labels["fileTypeLabel"] == "Arquivos do &tipo:"
    assert labels["fileNameLabel"] == "&Nome do arquivo:"  # from qtbase_pt_BR.qm

    from explainer.gui.names import layer_name, unit_label

    assert layer_name("input") == "entrada" and layer_name("conv2_filters") == "filtros da conv2"
    assert layer_name("pool1") == "pool1"
    assert unit_label(UnitRef("input", 0, 3, 4)) == "entrada[0, 3, 4]"


def test_a_message_shown_before_a_switch_is_shown_again_in_the_new_language(qtbot) -> None:
    window = open_window(qtbot, MODELS / "default.pt", show_dialogs=True)
    window.show_error(lambda: window.tr("Could not open the image"), "image file not found: /x.png")
    box = window.findChild(QMessageBox, "error_dialog")
    assert box.text() == "image file not found: /x.png"
    window.set_language("pt_BR")
    assert box.windowTitle() == "Não foi possível abrir a imagem"
    assert box.text() == "arquivo de imagem não encontrado: /x.png"
    assert window.last_error == "image file not found: /x.png"  # kept as the core wrote it
    box.close()


def test_output_so_far_breaks_between_its_words(qtbot) -> None:
    window = open_window(qtbot, MODELS / "default.pt")
    draw(window, SEVEN)
    window.flush_input()
    window.arithmetic_dock.show()
    window.state.select(UnitRef("conv2", 3, 2, 1))
    title = window.arithmetic_dock.view.output_map.title.text()
    assert title == "conv2[3]:\noutput so far"
    window.set_language("pt_BR")
    assert window.arithmetic_dock.view.output_map.title.text() == "conv2[3]:\nsaída até agora"


def test_epochs_are_whole_at_a_whole_epoch_in_both_languages(qapp) -> None:
    from explainer.gui.numbers import epochs

    shown = {}
    for language in ("en", "pt_BR"):
        i18n.set_language(language)
        shown[language] = [epochs(value) for value in (100.0, 2.371, 0.0, 1.999, 1200.0)]
    i18n.set_language("en")
    assert shown["en"] == ["100", "2.37", "0", "2", "1,200"]
    assert shown["pt_BR"] == ["100", "2,37", "0", "2", "1.200"]
