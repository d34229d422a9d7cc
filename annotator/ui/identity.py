"""Asking who is annotating: once on first start, and whenever they switch (File ▸ Switch annotator)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import InputError
from annotator.platform import profile
from annotator.ui.plain_text import plain_label


class IdentityDialog(QDialog):
    def __init__(self, suggestions: list[str], current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IdentityDialog")
        self.setWindowTitle(self.tr("Who is annotating?"))
        layout = QVBoxLayout(self)
        intro = plain_label(
            self.tr(
                "Every entity, relation and decision records who made it. Type the name your team knows you by; "
                "it is remembered on this computer and can be changed under File ▸ Switch annotator."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.name = QComboBox(self)
        self.name.setEditable(True)
        self.name.addItems([s for s in dict.fromkeys(suggestions) if s])
        self.name.setCurrentText(current)
        self.error = plain_label("", self)
        self.error.setStyleSheet("color: #b44d12;")
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for widget in (intro, self.name, self.error, buttons):
            layout.addWidget(widget)
        self.resize(440, self.sizeHint().height())

    def chosen(self) -> str:
        return self.name.currentText().strip()

    def accept(self) -> None:
        try:
            profile.check_annotator_name(self.chosen())
        except InputError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()


def ask_annotator(project_annotators: list[str], fallback: str, parent: QWidget | None = None) -> str | None:
    """Ask for a name (suggesting recent and project names); None if the dialog was cancelled."""
    suggestions = [*profile.recent_annotators(), *project_annotators]
    current = profile.remembered_annotator() or fallback
    dialog = IdentityDialog(suggestions, current, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return profile.remember_annotator(dialog.chosen())
    finally:
        dialog.deleteLater()
