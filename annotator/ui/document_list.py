"""The document list: every document of the project, filtered and searched, read lazily.

Public API (what the main window uses)::

    panel = DocumentListPanel(store, parent)
    panel.documentPicked.connect(controller.open_document)   # the user chose one
    panel.select_document(doc_id)    # follow the document the window opened (emits nothing)
    panel.refresh()                  # re-read counts and status now (also polled every second)
    panel.focus_search()             # e.g. for Ctrl+Shift+F
    panel.listed_document_ids()      # what the filters show, e.g. for ExportDialog(doc_ids=...)
    panel.searchChanged              # the query, for highlighting matches in the text

The model holds only the ordered rowids of the matching documents (see
``annotator.project.document_listing``) and reads titles and counts a page at a time
as rows scroll into view, so 100,000 documents open as fast as 100.
Changes made anywhere (this window, an import worker, another program) are
noticed by polling SQLite's change counters once a second; rows stay where
they are until the filter changes, so a document marked done does not jump
out from under the mouse.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.project.document_listing import DocumentListing, DocumentRow, ListFilter
from annotator.model import Status
from annotator.project.search import Snippet
from annotator.store import Store
from annotator.ui import theme
from annotator.ui.status_icons import paint_status, status_icon, status_name

PAGE_SIZE = 100
CACHED_PAGES = 40
POLL_MS = 1000
SEARCH_DELAY_MS = 250

RowRole = Qt.ItemDataRole.UserRole + 1
DocIdRole = Qt.ItemDataRole.UserRole + 2
SnippetRole = Qt.ItemDataRole.UserRole + 3
StatusRole = Qt.ItemDataRole.UserRole + 4


class DocumentListModel(QAbstractListModel):
    """Rows of ``DocumentRow``, read from the listing a page at a time."""

    def __init__(self, listing: DocumentListing, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.listing = listing
        self.filter = ListFilter()
        self._keys: list[int] = []
        self._positions: dict[int, int] | None = None
        self._pages: OrderedDict[int, dict[int, DocumentRow]] = OrderedDict()
        self._snippets: dict[int, dict[int, Snippet]] = {}
        # how long the last filter took, for the benchmarks and the tests
        self.last_query_ms = 0.0

    # --- loading -------------------------------------------------------------------------

    def set_filter(self, filter: ListFilter) -> None:
        started = time.perf_counter()
        keys = self.listing.keys(filter)
        self.beginResetModel()
        self.filter = filter
        self._keys = keys
        self._positions = None
        self._pages.clear()
        self._snippets.clear()
        self.endResetModel()
        self.last_query_ms = (time.perf_counter() - started) * 1000

    def reload(self) -> None:
        self.set_filter(self.filter)

    def invalidate(self) -> None:
        """Forget the cached rows; the view re-reads the visible ones."""
        self._pages.clear()
        self._snippets.clear()
        if self._keys:
            self.dataChanged.emit(self.index(0), self.index(len(self._keys) - 1))

    def keys(self) -> list[int]:
        return list(self._keys)

    def row_of(self, doc_id: str) -> int:
        key = self.listing.key_of(doc_id)
        if key is None:
            return -1
        if self._positions is None:
            self._positions = {k: i for i, k in enumerate(self._keys)}
        return self._positions.get(key, -1)

    def row_at(self, row: int) -> DocumentRow | None:
        if not 0 <= row < len(self._keys):
            return None
        page = self._page(row // PAGE_SIZE)
        return page.get(self._keys[row])

    def _page(self, number: int) -> dict[int, DocumentRow]:
        page = self._pages.get(number)
        if page is None:
            keys = self._keys[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
            page = self.listing.rows(keys)
            self._pages[number] = page
            while len(self._pages) > CACHED_PAGES:
                evicted, _ = self._pages.popitem(last=False)
                self._snippets.pop(evicted, None)
        else:
            self._pages.move_to_end(number)
        return page

    def _snippet(self, row: int) -> Snippet | None:
        if not self.filter.query.strip():
            return None
        number = row // PAGE_SIZE
        snippets = self._snippets.get(number)
        if snippets is None:
            keys = self._keys[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
            snippets = self.listing.snippets(keys, self.filter.query)
            self._snippets[number] = snippets
        return snippets.get(self._keys[row])

    # --- Qt's model interface ------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._keys)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display_title
        if role == RowRole:
            return row
        if role == DocIdRole:
            return row.doc_id
        if role == StatusRole:
            return row.status.value
        if role == SnippetRole:
            return self._snippet(index.row())
        if role == Qt.ItemDataRole.DecorationRole:
            return status_icon(row.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.display_title}, {status_name(row.status)}"
        return None

    def _tooltip(self, row: DocumentRow) -> str:
        lines = [row.display_title, self.tr("ID: %1").replace("%1", row.doc_id), status_name(row.status)]
        if row.status is Status.SKIPPED and row.status_reason:
            lines[-1] += self.tr(" — %1").replace("%1", row.status_reason)
        return "\n".join(lines)


class DocumentDelegate(QStyledItemDelegate):
    """Two lines per document (three when searching): status and title, counts, the matching text."""

    PADDING = 8
    ICON = 14

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.show_snippets = False

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        return title, small

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        title, small = self._fonts(option)
        lines = QFontMetrics(title).height() + QFontMetrics(small).height()
        if self.show_snippets:
            lines += QFontMetrics(small).height() + 2
        return QSize(200, lines + 2 * self.PADDING + 3)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row: DocumentRow | None = index.data(RowRole)
        painter.save()
        rect = QRect(option.rect)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if selected:
            painter.fillRect(rect, QColor("#e3edfd"))
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), theme.ACCENT)
        elif hovered:
            painter.fillRect(rect, QColor("#f5f7fa"))
        painter.setPen(theme.RULE)
        painter.drawLine(rect.left() + self.PADDING, rect.bottom(), rect.right(), rect.bottom())
        if row is None:
            painter.restore()
            return
        title_font, small_font = self._fonts(option)
        title_metrics, small_metrics = QFontMetrics(title_font), QFontMetrics(small_font)
        left = rect.left() + self.PADDING + 4
        text_left = left + self.ICON + 8
        width = rect.right() - self.PADDING - text_left
        y = rect.top() + self.PADDING

        icon_rect = QRectF(left, y + (title_metrics.height() - self.ICON) / 2, self.ICON, self.ICON)
        paint_status(painter, icon_rect, row.status)

        counts = self._counts_text(row)
        painter.setFont(small_font)
        counts_width = small_metrics.horizontalAdvance(counts)

        painter.setFont(title_font)
        painter.setPen(theme.FAINT_INK if not row.title else theme.INK)
        title = title_metrics.elidedText(row.display_title or "—", Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(text_left, y, width, title_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        y += title_metrics.height()

        painter.setFont(small_font)
        painter.setPen(theme.MUTED_INK)
        detail = self._detail_text(row)
        detail_width = max(0, width - counts_width - 12)
        painter.drawText(QRect(text_left, y, detail_width, small_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         small_metrics.elidedText(detail, Qt.TextElideMode.ElideRight, detail_width))
        self._draw_counts(painter, row, QRect(text_left + width - counts_width, y, counts_width, small_metrics.height()),
                          small_metrics)
        y += small_metrics.height() + 2

        if self.show_snippets:
            snippet: Snippet | None = index.data(SnippetRole)
            if snippet is not None:
                self._draw_snippet(painter, snippet, QRect(text_left, y, width, small_metrics.height()), small_metrics)
        painter.restore()

    def _detail_text(self, row: DocumentRow) -> str:
        if row.status is Status.SKIPPED and row.status_reason:
            return self.tr("%1: %2").replace("%1", status_name(row.status)).replace("%2", row.status_reason)
        return row.doc_id

    def _counts_text(self, row: DocumentRow) -> str:
        parts = [self.tr("%n entities", "", row.entities)]
        if row.pending_candidates:
            parts.append(self.tr("%n to review", "", row.pending_candidates))
        return " · ".join(parts)

    def _draw_counts(self, painter: QPainter, row: DocumentRow, rect: QRect, metrics: QFontMetrics) -> None:
        entities = self.tr("%n entities", "", row.entities)
        painter.setPen(theme.MUTED_INK if row.entities else theme.FAINT_INK)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, entities)
        if row.pending_candidates:
            x = rect.left() + metrics.horizontalAdvance(entities)
            painter.setPen(theme.FAINT_INK)
            painter.drawText(QRect(x, rect.top(), rect.width(), rect.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, " · ")
            x += metrics.horizontalAdvance(" · ")
            painter.setPen(theme.WARNING_INK)
            painter.drawText(QRect(x, rect.top(), rect.width(), rect.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.tr("%n to review", "", row.pending_candidates))

    def _draw_snippet(self, painter: QPainter, snippet: Snippet, rect: QRect, metrics: QFontMetrics) -> None:
        """The excerpt on one line, centred on its first hit, hits on a yellow ground."""
        text = snippet.text.replace("\n", " ")
        first = snippet.hits[0][0] - snippet.start
        # Start a little before the first hit so it is visible however narrow the list.
        room = max(4, rect.width() // max(1, metrics.horizontalAdvance("中")))
        begin = max(0, first - room // 4)
        prefix = "…" if begin > 0 or snippet.start > 0 else ""
        x = rect.left()
        if prefix:
            painter.setPen(theme.FAINT_INK)
            painter.drawText(QRect(x, rect.top(), rect.width(), rect.height()), Qt.AlignmentFlag.AlignVCenter, prefix)
            x += metrics.horizontalAdvance(prefix)
        marks = sorted((a - snippet.start, b - snippet.start) for a, b in snippet.hits)
        cursor = begin
        for hit_start, hit_end in marks + [(len(text), len(text))]:
            hit_start, hit_end = max(hit_start, cursor), max(hit_end, cursor)
            for piece, is_hit in ((text[cursor:hit_start], False), (text[hit_start:hit_end], True)):
                if not piece or x >= rect.right():
                    continue
                advance = metrics.horizontalAdvance(piece)
                if is_hit:
                    painter.fillRect(QRect(x, rect.top() + 1, min(advance, rect.right() - x), rect.height() - 2),
                                     QColor(255, 214, 10, 140))
                painter.setPen(theme.INK)
                clipped = metrics.elidedText(piece, Qt.TextElideMode.ElideRight, rect.right() - x)
                painter.drawText(QRect(x, rect.top(), rect.right() - x, rect.height()),
                                 Qt.AlignmentFlag.AlignVCenter, clipped)
                x += advance
            cursor = max(cursor, hit_end)


def _swatch(color: str, size: int = 12) -> QIcon:
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


class _ChoiceButton(QToolButton):
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
            action = self.menu_.addAction(icon, text) if icon is not None else self.menu_.addAction(text)
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

    # the user chose a document (click, arrow keys or Enter)
    documentPicked = Signal(str)
    # the full-text query changed ('' when cleared)
    searchChanged = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentListPanel")
        self.setStyleSheet(PANEL_STYLE)
        self.store = store
        self.listing = DocumentListing(store)
        self._programmatic = False
        self._last_changes = (-1, -1)
        self._signature = self.listing.signature()
        self._indexing: Any = None
        self._tasks: Any = None

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
        self.label_button = _ChoiceButton(self.tr("Label"), filters)
        self.annotator_button = _ChoiceButton(self.tr("Annotator"), filters)
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

        self.summary = QLabel(self)
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
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)
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
        self.search_box.returnPressed.connect(self._search_now)
        self.search_box.installEventFilter(self)

        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._poll_changes)
        self._poll.start()

        self.refresh_choices()
        self.model.set_filter(ListFilter())
        self._update_summary()
        self._remember_changes()

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
        self._remember_changes()

    def refresh_choices(self) -> None:
        """Offer the schema's labels and the project's annotators in the filters."""
        schema = self.store.schema.current
        colors = {label.name: label.color for label in schema.entities}
        displays = {label.name: label.display or label.name for label in schema.entities}
        self.label_button.set_choices(
            [(name, displays.get(name, name), _swatch(colors.get(name, "#888888"))) for name in self.listing.labels_in_use()]
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
            self._start_indexing()

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
        self.view.verticalHeader().setDefaultSectionSize(height)
        self.view.verticalHeader().setMinimumSectionSize(height)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
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
        if self._indexing is not None:
            text += "  ·  " + self.tr("indexing for search…")
        self.summary.setText(text)
        self.clear_button.setVisible(not self.model.filter.is_empty)

    # --- background indexing ---------------------------------------------------------------------

    def _start_indexing(self) -> None:
        """Index a long queue of changed documents in a worker, then search again."""
        if self._indexing is not None or self.store.read_only:
            return  # a read-only project is searched as far as its index goes
        from annotator.ui.workers import BackgroundTasks

        if self._tasks is None:
            self._tasks = BackgroundTasks(self, threads=1)
        path, annotator = self.store.path, self.store.annotator

        def work(progress):
            from annotator.project.search import SearchIndex

            with Store(path, annotator=annotator) as store:
                return SearchIndex(store).sync(batch=200, progress=lambda done, total: progress(done, total, ""))

        self._indexing = self._tasks.start(work)
        self._indexing.progress.connect(self._indexing_progress)
        self._indexing.finished.connect(self._indexing_done)
        self._indexing.failed.connect(self._indexing_failed)
        self._update_summary()

    def _indexing_progress(self, done: int, total: int, _what: str) -> None:
        locale = self.locale()
        self.summary.setText(
            self.tr("Indexing for search: %1 of %2 documents…")
            .replace("%1", locale.toString(done)).replace("%2", locale.toString(total))
        )

    def _indexing_done(self, _count: object) -> None:
        self._indexing = None
        self.model.reload()
        self._update_summary()

    def _indexing_failed(self, message: str) -> None:
        self._indexing = None
        self._update_summary()
        self.summary.setText(self.summary.text() + "  ·  " + self.tr("search index: %1").replace("%1", message))

    def shutdown(self) -> None:
        """Stop polling and wait for a running index job (call before closing the store)."""
        self._poll.stop()
        if self._tasks is not None:
            self._tasks.shutdown()

    # --- reacting ---------------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._programmatic or not current.isValid():
            return
        doc_id = current.data(DocIdRole)
        if doc_id:
            self.documentPicked.emit(doc_id)

    def _activated(self, index: QModelIndex) -> None:
        doc_id = index.data(DocIdRole)
        if doc_id:
            self.documentPicked.emit(doc_id)

    def _remember_changes(self) -> None:
        self._last_changes = self.store.change_marker()

    def _poll_changes(self) -> None:
        if self.store.closed:  # the window is going away
            self._poll.stop()
            return
        if self.store.change_marker() != self._last_changes:
            self.refresh()

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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Down from the search box goes to the results, as in a browser's search.
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self._search_now()
                self.view.setFocus()
                if not self.view.currentIndex().isValid():
                    self.view.setCurrentIndex(self.model.index(0))
                return True
            if event.key() == Qt.Key.Key_Escape and self.search_box.text():
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
        painter.drawLine(9.6, 9.6, 13, 13)
        painter.end()
        return QIcon(pixmap)

