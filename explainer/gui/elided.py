"""One line of text that ends in "…" where its place is too narrow, the whole text in its
tooltip: the training timeline's caption and the status bar's what-if line (both were cut off
mid-word). superqt's QElidingLabel does the same; importing superqt costs ~230 ms of start-up
here, and these labels are built at start-up."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel

LEFT_MIDDLE = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class ElidedLabel(QLabel):
    """A QLabel whose text (plain, one line) is painted elided to its width. It asks for at
    most `widest_chars` average characters (None: its whole text) and can shrink to a few: a
    long text must not take the whole status bar, whose messages then had no room at all."""

    def __init__(self, *args, widest_chars: int | None = None, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.widest_chars = widest_chars

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().sizeHint()
        if self.widest_chars is None:
            return hint
        widest = self.fontMetrics().averageCharWidth() * self.widest_chars
        return QSize(min(hint.width(), widest), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt API)
        hint = super().minimumSizeHint()
        few = self.fontMetrics().horizontalAdvance("Ab…") + self.contentsMargins().left() * 2
        return QSize(min(hint.width(), few), hint.height())

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        super().setText(text)
        self.setToolTip(text)

    def shown_text(self) -> str:
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.contentsRect(), LEFT_MIDDLE, self.shown_text())
        painter.end()
