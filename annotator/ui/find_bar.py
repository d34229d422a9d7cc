"""Ctrl+F: find in the open document, with every match highlighted; Enter steps through them.

Matching is the corpus search's (``annotator.project.search``): the same folding of
full-width forms and Latin case, every space-separated term highlighted.
"Search all documents" hands the query to the document list's corpus-wide
search when the list offers one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from annotator.ui.document_view import DocumentView
from annotator.ui.plain_text import plain_label


class FindBar(QWidget):
    # search the whole corpus for this text (the document list does it)
    searchAllRequested = Signal(str)

    def __init__(self, view: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.view = view
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(self.tr("Find in this document"))
        self.field.setClearButtonEnabled(True)
        self.count = plain_label("", self)
        self.count.setObjectName("PanelHint")
        previous = QToolButton(self)
        previous.setText("↑")
        previous.setToolTip(self.tr("Previous match (Shift+Enter)"))
        following = QToolButton(self)
        following.setText("↓")
        following.setToolTip(self.tr("Next match (Enter)"))
        self.search_all = QPushButton(self.tr("Search all documents"), self)
        self.search_all.setVisible(False)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(self.tr("Close (Esc)"))
        for widget in (self.field, self.count, previous, following, self.search_all, close):
            layout.addWidget(widget)
        layout.setStretch(0, 1)
        self.field.textChanged.connect(self._search)
        self.field.returnPressed.connect(lambda: self.step(+1))
        previous.clicked.connect(lambda: self.step(-1))
        following.clicked.connect(lambda: self.step(+1))
        self.search_all.clicked.connect(lambda: self.searchAllRequested.emit(self.field.text()))
        close.clicked.connect(self.close_bar)
        view.controller.documentOpened.connect(self._document_changed)
        self.hide()

    def enable_search_all(self, enabled: bool) -> None:
        self.search_all.setVisible(enabled)

    def open_bar(self) -> None:
        selection = self.view.selection()
        if selection is not None and self.view.controller.state is not None:
            self.field.setText(self.view.controller.state.text[selection[0] : selection[1]])
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._search(self.field.text())

    def close_bar(self) -> None:
        self.view.clear_matches()
        self.hide()
        self.view.setFocus()

    def _search(self, query: str) -> None:
        # imported on the first search, not with the window: start-up time
        from annotator.project.search import find_hits, parse_query

        state = self.view.controller.state
        matches = find_hits(state.text, parse_query(query)) if state else []
        caret = self.view.controller.caret
        current = next((i for i, (s, _) in enumerate(matches) if s >= caret), 0 if matches else -1)
        self.view.set_matches(matches, current)
        self._show_count()

    def step(self, direction: int) -> None:
        matches = self.view.matches
        if not matches:
            return
        current = (self.view.current_match + direction) % len(matches)
        self.view.set_matches(matches, current)
        self._show_count()

    def _show_count(self) -> None:
        matches = self.view.matches
        if not self.field.text():
            self.count.setText("")
        elif not matches:
            self.count.setText(self.tr("no matches"))
        else:
            self.count.setText(self.tr("%1 of %2").replace("%1", str(self.view.current_match + 1)).replace("%2", str(len(matches))))

    def _document_changed(self, *_args) -> None:
        if self.isVisible():
            self._search(self.field.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.step(-1)
            return
        super().keyPressEvent(event)
