"""The document list's filters: drop-downs of checkable choices (labels, annotators) and their colour swatches."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from annotator.ui import theme
from annotator.ui.plain_text import menu_text


def label_swatch(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(theme.label_color(color))
    painter.drawRoundedRect(QRectF(1, 1, size - 2, size - 2), 3, 3)
    painter.end()
    return QIcon(pixmap)


class ChoiceButton(QToolButton):
    """A drop-down of checkable choices; its text says what is chosen."""

    changed = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = caption
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self._actions: dict[str, QAction] = {}
        self._update_text()

    def set_choices(self, choices: list[tuple[str, str, QIcon | None]]) -> None:
        """(value, text, icon) for each choice; keeps what was chosen where it still exists."""
        chosen = self.chosen()
        self.menu_.clear()
        self._actions.clear()
        for value, text, icon in choices:
            shown = menu_text(text)
            action = self.menu_.addAction(icon, shown) if icon is not None else self.menu_.addAction(shown)
            action.setCheckable(True)
            action.setChecked(value in chosen)
            action.setData(value)
            action.toggled.connect(self._toggled)
            self._actions[value] = action
        if not choices:
            none = self.menu_.addAction(self.tr("(none yet)"))
            none.setEnabled(False)
        self._update_text()

    def chosen(self) -> frozenset[str]:
        return frozenset(v for v, a in self._actions.items() if a.isChecked())

    def set_chosen(self, values: frozenset[str] | set[str]) -> None:
        for value, action in self._actions.items():
            action.blockSignals(True)
            action.setChecked(value in values)
            action.blockSignals(False)
        self._update_text()

    def _toggled(self) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        chosen = [a.text() for a in self._actions.values() if a.isChecked()]
        if not chosen:
            text = self.caption
        elif len(chosen) == 1:
            text = chosen[0]
        else:
            text = f"{chosen[0]} +{len(chosen) - 1}"
        self.setText(f"{text} ▾")
        self.setProperty("active", bool(chosen))
        self.style().unpolish(self)
        self.style().polish(self)
