"""The document list's order: reading order, or the documents the suggester is least sure of first.

"Most unsure first" is active learning: reviewing what the model finds
hardest teaches it the most. The list, "done and next" (Ctrl+Return) and the
candidates prepared ahead all follow the order chosen here
(``annotator.review.upcoming``); until a model has been trained, both orders
are the same.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from annotator.project.document_listing import MOST_UNSURE_FIRST, READING_ORDER


class OrderButton(QToolButton):
    """A drop-down of the list's orders; its text says which one is in use."""

    changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentOrder")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        group = QActionGroup(self)
        group.setExclusive(True)
        self._names = {
            READING_ORDER: self.tr("Reading order"),
            MOST_UNSURE_FIRST: self.tr("Most unsure first"),
        }
        tips = {
            READING_ORDER: self.tr("The documents as they appear in the project"),
            MOST_UNSURE_FIRST: self.tr(
                "Unfinished documents the suggester is least sure of first (how likely it is to get a sentence "
                "wrong), then the rest in reading order. Done and next (Ctrl+Return) follows this order."),
        }
        self._actions: dict[str, QAction] = {}
        for order, name in self._names.items():
            action = self.menu_.addAction(name)
            action.setCheckable(True)
            action.setToolTip(tips[order])
            action.setData(order)
            group.addAction(action)
            action.triggered.connect(lambda _checked=False, chosen=order: self._chosen(chosen))
            self._actions[order] = action
        self.menu_.setToolTipsVisible(True)
        self._order = READING_ORDER
        self.set_order(READING_ORDER)

    @property
    def order(self) -> str:
        return self._order

    def set_order(self, order: str) -> None:
        """Show ``order`` as chosen (emits nothing)."""
        if order not in self._actions:
            order = READING_ORDER
        self._order = order
        self._actions[order].setChecked(True)
        self.setText(f"{self._names[order]} ▾")
        self.setToolTip(self._actions[order].toolTip())
        self.setProperty("active", order != READING_ORDER)
        self.style().unpolish(self)
        self.style().polish(self)

    def _chosen(self, order: str) -> None:
        if order != self._order:
            self.set_order(order)
            self.changed.emit(order)
