"""Skipping a document asks why, so whoever runs the project can tell ads from broken OCR."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from annotator.ui.plain_text import plain_label


def common_reasons() -> list[str]:
    return [
        QCoreApplication.translate("SkipDialog", "not a news article (advertisement, notice, table)"),
        QCoreApplication.translate("SkipDialog", "OCR text too broken to annotate"),
        QCoreApplication.translate("SkipDialog", "duplicate of another document"),
        QCoreApplication.translate("SkipDialog", "wrongly split or merged article"),
        QCoreApplication.translate("SkipDialog", "unsure: needs a second opinion"),
    ]


class SkipDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SkipDialog")
        self.setWindowTitle(self.tr("Skip this document"))
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("Why skip it? Pick a reason or type your own."), self))
        self.reason = QComboBox(self)
        self.reason.setEditable(True)
        self.reason.addItems(common_reasons())
        self.reason.setCurrentIndex(0)
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Skip and open the next"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def chosen(self) -> str:
        return self.reason.currentText().strip()

    def accept(self) -> None:
        if not self.chosen():
            self.reason.setFocus()
            return
        super().accept()
