"""The document list: every document of the project, filtered and searched, read lazily.

Public API (what the main window uses)::

    panel = DocumentListPanel(store, parent)
    panel.documentPicked.connect(...)   # the current row changed (click or arrow keys): show that document
    panel.textRequested.connect(...)    # a click, Return or Tab: the reviewer wants to work in the text now
    panel.select_document(doc_id)    # follow the document the window opened (emits nothing)
    panel.refresh()                  # re-read counts and status now (also polled every second)
    panel.focus_search()             # e.g. for Ctrl+Shift+F
    panel.listed_document_ids()      # what the filters show, e.g. for ExportDialog(doc_ids=...)
    panel.searchChanged              # the query, for highlighting matches in the text

The panel is the search box, the filters and a table view; the rows come
from ``document_list_model`` (a page at a time), are drawn by
``document_row``, the filter drop-downs are ``choice_button``s, and
``document_list_sync`` notices changes and indexes for search. Rows stay
where they are until the filter changes, so a document marked done does not
jump out from under the mouse.

The keys in the list: the arrows browse (each row is shown as it becomes
current, the keyboard stays in the list); Return, Tab or a click go to the
text of the current document. Return in the search box searches at once and
opens the first result; Down goes into the results.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QLineF,
    QModelIndex,
    QObject,
    QRectF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.model import Status
from annotator.project.document_listing import DocumentListing, ListFilter
from annotator.store import Store
from annotator.ui import theme
from annotator.ui.choice_button import ChoiceButton, label_swatch
from annotator.ui.document_list_model import (
    DocIdRole,
    DocumentListModel,
    RowRole,
    SnippetRole,
    StatusRole,
)
from annotator.ui.document_list_sync import ChangeWatcher, SearchIndexing
from annotator.ui.document_row import DocumentDelegate
from annotator.ui.plain_text import plain_label
from annotator.ui.status_icons import status_icon, status_name

SEARCH_DELAY_MS = 250

__all__ = ["DocIdRole", "DocumentListPanel", "RowRole", "SnippetRole", "StatusRole"]


PANEL_STYLE = """
#DocumentListPanel { background: #ffffff; }
#DocumentSearch { border: 1px solid #d9e2ec; border-radius: 6px; padding: 4px 6px; background: #f8fafc; }
#DocumentSearch:focus { border: 1px solid #2f6fdf; background: #ffffff; }
#DocumentFilters QToolButton { border: 1px solid #d9e2ec; border-radius: 11px; padding: 2px 8px;
    background: #ffffff; color: #3e4c59; }
#DocumentFilters QToolButton:hover { background: #f0f4f8; }
#DocumentFilters QToolButton:checked, #DocumentFilters QToolButton[active="true"] {
    background: #e3edfd; border-color: #9bbcf3; color: #1f4fa3; }
#DocumentFilters QToolButton::menu-indicator { image: none; width: 0; }
#DocumentListSummary { color: #7b8794; padding: 0 2px; }
#ClearFilters { border: none; color: #2f6fdf; background: transparent; padding: 2px 4px; }
#ClearFilters:hover { text-decoration: underline; }
"""


class DocumentListPanel(QWidget):
    """Search box, filters and the list of documents."""

    # the current row changed (a click or the arrow keys): show that document
    documentPicked = Signal(str)
    # a click, Return or Tab in the list, or Return in the search box: the keyboard goes to the text
    textRequested = Signal()
    # the full-text query changed ('' when cleared)
    searchChanged = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentListPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.store = store
        self.listing = DocumentListing(store)
        self._programmatic = False
        self._signature = self.listing.signature()
        self.indexing = SearchIndexing(store, self)
        self.indexing.progress.connect(self._indexing_progress)
        self.indexing.finished.connect(self._indexing_done)
        self.indexing.failed.connect(self._indexing_failed)

        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("DocumentSearch")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setPlaceholderText(self.tr("Search all documents"))
        self.search_box.addAction(self._search_icon(), QLineEdit.ActionPosition.LeadingPosition)
        self.search_box.setAccessibleName(self.tr("Search all documents"))
        self.search_box.setToolTip(self.tr(
            "Titles and texts of every document. Separate words with spaces to find documents that "
            "contain all of them. Case and full-width letters do not matter."))

        filters = QWidget(self)
        filters.setObjectName("DocumentFilters")
        row = QHBoxLayout(filters)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.status_buttons: dict[Status, QToolButton] = {}
        for status in Status:
            button = QToolButton(filters)
            button.setCheckable(True)
            button.setIcon(status_icon(status))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAccessibleName(status_name(status))
            button.toggled.connect(self._filters_changed)
            self.status_buttons[status] = button
            row.addWidget(button)
        row.addStretch(1)
        second = QHBoxLayout()
        second.setContentsMargins(0, 0, 0, 0)
        second.setSpacing(4)
        self.label_button = ChoiceButton(self.tr("Label"), filters)
        self.annotator_button = ChoiceButton(self.tr("Annotator"), filters)
        self.label_button.changed.connect(self._filters_changed)
        self.annotator_button.changed.connect(self._filters_changed)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("ClearFilters")
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.clicked.connect(self.clear_filters)
        second_widget = QWidget(self)
        second_widget.setObjectName("DocumentFilters")
        second_layout = QHBoxLayout(second_widget)
        second_layout.setContentsMargins(0, 0, 0, 0)
        second_layout.setSpacing(4)
        self.label_button.setParent(second_widget)
        self.annotator_button.setParent(second_widget)
        second_layout.addWidget(self.label_button)
        second_layout.addWidget(self.annotator_button)
        second_layout.addStretch(1)
        second_layout.addWidget(self.clear_button)

        self.summary = plain_label("", self)
        self.summary.setObjectName("DocumentListSummary")

        self.model = DocumentListModel(self.listing, self)
        self.delegate = DocumentDelegate(self)
        # A one-column table rather than a QListView: QListView lays out
        # every row up front (asking the model 200,000 times for 100,000
        # documents); a table with fixed row heights touches only what shows.
        self.view = QTableView(self)
        self.view.setObjectName("DocumentListView")
        self.view.setModel(self.model)
        self.view.setItemDelegate(self.delegate)
        self.view.horizontalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setCornerButtonEnabled(False)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setMouseTracking(True)
        self.view.setVerticalScrollMode(QTableView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._update_row_height()
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        # Tab leaves the list for the text (see eventFilter) instead of moving to the next row.
        self.view.setTabKeyNavigation(False)
        self.view.installEventFilter(self)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._clicked)
        self.view.setAccessibleName(self.tr("Documents"))

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(8, 8, 8, 6)
        top_layout.setSpacing(6)
        top_layout.addWidget(self.search_box)
        top_layout.addWidget(filters)
        top_layout.addWidget(second_widget)
        top_layout.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        rule = QWidget(self)
        rule.setFixedHeight(1)
        rule.setStyleSheet("background: #d9e2ec;")
        layout.addWidget(rule)
        layout.addWidget(self.view, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._filters_changed)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self.open_first_result)
        self.search_box.installEventFilter(self)

        self.watcher = ChangeWatcher(store, self)
        self.watcher.changed.connect(self.refresh)

        self.refresh_choices()
        self.model.set_filter(ListFilter())
        self._update_summary()

    # --- public API ------------------------------------------------------------------------

    @property
    def filter(self) -> ListFilter:
        return self.model.filter

    def set_filter(self, filter: ListFilter) -> None:
        """Show the documents ``filter`` selects (the controls follow)."""
        self._programmatic = True
        try:
            for status, button in self.status_buttons.items():
                button.blockSignals(True)
                button.setChecked(status.value in filter.statuses)
                button.blockSignals(False)
            self.label_button.set_chosen(filter.labels)
            self.annotator_button.set_chosen(filter.annotators)
            self.search_box.blockSignals(True)
            self.search_box.setText(filter.query)
            self.search_box.blockSignals(False)
        finally:
            self._programmatic = False
        self._apply(filter)

    def clear_filters(self) -> None:
        self.set_filter(ListFilter())

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def listed_document_ids(self) -> list[str]:
        """Ids of every document the list shows now, in order (e.g. to export just these)."""
        return self.listing.doc_ids(self.model.keys())

    def current_document(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(DocIdRole) if index.isValid() else None

    def select_document(self, doc_id: str) -> bool:
        """Make ``doc_id`` the current row without emitting ``documentPicked``; False when not listed."""
        row = self.model.row_of(doc_id)
        if row < 0:
            self.view.clearSelection()
            return False
        self._programmatic = True
        try:
            index = self.model.index(row)
            self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.view.scrollTo(index, QTableView.ScrollHint.EnsureVisible)
        finally:
            self._programmatic = False
        return True

    def refresh(self) -> None:
        """Re-read what changed: the rows when documents came or went, else the visible rows' figures."""
        signature = self.listing.signature()
        if signature != self._signature:
            self._signature = signature
            self._reload_keeping_current()
            self.refresh_choices()
        else:
            self.model.invalidate()
        self._update_status_counts()
        self._update_summary()
        self.watcher.remember()

    def refresh_choices(self) -> None:
        """Offer the schema's labels and the project's annotators in the filters."""
        schema = self.store.schema.current
        colors = {label.name: label.color for label in schema.entities}
        displays = {label.name: label.display or label.name for label in schema.entities}
        self.label_button.set_choices(
            [(name, displays.get(name, name), label_swatch(colors.get(name, "#888888")))
             for name in self.listing.labels_in_use()]
        )
        self.annotator_button.set_choices([(name, name, None) for name in self.listing.annotator_names()])
        self._update_status_counts()

    # --- filtering ------------------------------------------------------------------------------

    def _filter_from_controls(self) -> ListFilter:
        return ListFilter(
            statuses=frozenset(s.value for s, b in self.status_buttons.items() if b.isChecked()),
            labels=self.label_button.chosen(),
            annotators=self.annotator_button.chosen(),
            query=self.search_box.text().strip(),
        )

    def _search_now(self) -> None:
        self._search_timer.stop()
        self._filters_changed()

    def _filters_changed(self, *_args: Any) -> None:
        if self._programmatic:
            return
        self._search_timer.stop()
        filter = self._filter_from_controls()
        if filter != self.model.filter:
            self._apply(filter)

    def _apply(self, filter: ListFilter) -> None:
        current = self.current_document()
        query_changed = filter.query != self.model.filter.query
        if self.delegate.show_snippets != bool(filter.query):
            self.delegate.show_snippets = bool(filter.query)
            self._update_row_height()
        self.model.set_filter(filter)
        if current:
            self.select_document(current)
        self._update_summary()
        if query_changed:
            self.searchChanged.emit(filter.query)
        # Left over after the quick sync (a long queue, or a writer holding the
        # lock): index in the background, then search again.
        if filter.query and self.listing.pending_index() > 0:
            self.indexing.start()
            self._update_summary()

    def _reload_keeping_current(self) -> None:
        current = self.current_document()
        scroll = self.view.verticalScrollBar().value()
        self.model.reload()
        if current:
            self.select_document(current)
        self.view.verticalScrollBar().setValue(scroll)

    def _update_row_height(self) -> None:
        option = QStyleOptionViewItem()
        option.initFrom(self.view)
        height = self.delegate.sizeHint(option, QModelIndex()).height()
        header = self.view.verticalHeader()
        # The minimum first: the default size is clamped to it, so a row that
        # shrinks (the search cleared, no snippet line) would otherwise keep its old height.
        header.setMinimumSectionSize(min(height, header.minimumSectionSize()))
        header.setDefaultSectionSize(height)
        header.setMinimumSectionSize(height)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._update_row_height()
        super().changeEvent(event)

    def _update_status_counts(self) -> None:
        counts = self.listing.status_counts()
        locale = self.locale()
        for status, button in self.status_buttons.items():
            button.setText(locale.toString(counts[status.value]))
            button.setToolTip(self.tr("Show only: %1").replace("%1", status_name(status)))

    def _update_summary(self) -> None:
        locale = self.locale()
        shown = self.model.rowCount()
        total = self.listing.count()
        if self.model.filter.is_empty:
            text = self.tr("%1 documents").replace("%1", locale.toString(total))
        else:
            text = self.tr("%1 of %2 documents").replace("%1", locale.toString(shown)).replace("%2", locale.toString(total))
        if self.indexing.running:
            text += "  ·  " + self.tr("indexing for search…")
        self.summary.setText(text)
        self.clear_button.setVisible(not self.model.filter.is_empty)

    # --- background indexing ---------------------------------------------------------------------

    def _indexing_progress(self, done: int, total: int) -> None:
        locale = self.locale()
        self.summary.setText(
            self.tr("Indexing for search: %1 of %2 documents…")
            .replace("%1", locale.toString(done)).replace("%2", locale.toString(total))
        )

    def _indexing_done(self) -> None:
        self.model.reload()
        self._update_summary()

    def _indexing_failed(self, message: str) -> None:
        self._update_summary()
        self.summary.setText(self.summary.text() + "  ·  " + self.tr("search index: %1").replace("%1", message))

    def shutdown(self) -> None:
        """Stop polling and wait for a running index job (call before closing the store)."""
        self.watcher.stop()
        self.indexing.shutdown()

    # --- reacting ---------------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._programmatic or not current.isValid():
            return
        doc_id = current.data(DocIdRole)
        if doc_id:
            self.documentPicked.emit(doc_id)

    def _activated(self, index: QModelIndex) -> None:
        """Return (or a double-click) on a row: its document, with the keyboard in the text."""
        doc_id = index.data(DocIdRole)
        if doc_id:
            self.documentPicked.emit(doc_id)
            self.textRequested.emit()

    def _clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.textRequested.emit()

    def open_first_result(self) -> None:
        """Search now and go to the first document listed, with the keyboard in its text."""
        self._search_now()
        if not self.model.rowCount():
            return
        first = self.model.index(0)
        if self.view.currentIndex().row() != 0:
            self.view.setCurrentIndex(first)  # shows it (documentPicked)
        else:
            self.documentPicked.emit(first.data(DocIdRole))
        self.textRequested.emit()

    def _context_menu(self, point) -> None:
        index = self.view.indexAt(point)
        doc_id = index.data(DocIdRole) if index.isValid() else None
        if not doc_id:
            return
        menu = QMenu(self)
        open_action = menu.addAction(self.tr("Open"))
        copy_action = menu.addAction(self.tr("Copy document ID"))
        chosen = menu.exec(self.view.viewport().mapToGlobal(point))
        if chosen is open_action:
            self.documentPicked.emit(doc_id)
        elif chosen is copy_action:
            QGuiApplication.clipboard().setText(doc_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.view and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.textRequested.emit()
            return True
        # Down from the search box goes to the results, as in a browser's search.
        if watched is self.search_box:
            if key == Qt.Key.Key_Down and self.model.rowCount():
                self._search_now()
                self.view.setFocus()
                if not self.view.currentIndex().isValid():
                    self.view.setCurrentIndex(self.model.index(0))
                return True
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                self._search_now()
                return True
        return super().eventFilter(watched, event)

    def _search_icon(self) -> QIcon:
        pixmap = QPixmap(32, 32)
        pixmap.setDevicePixelRatio(2.0)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = painter.pen()
        pen.setColor(theme.MUTED_INK)
        pen.setWidthF(1.6)
        painter.setPen(pen)
        painter.drawEllipse(QRectF(3, 3, 7.5, 7.5))
        painter.drawLine(QLineF(9.6, 9.6, 13, 13))
        painter.end()
        return QIcon(pixmap)

