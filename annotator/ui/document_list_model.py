"""The document list's rows: the ordered keys of the documents a filter selects, read a page at a time.

The model holds only the ordered rowids of the matching documents (see
``annotator.project.document_listing``) and reads titles and counts a page
at a time as rows scroll into view, so 100,000 documents open as fast as 100.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from annotator.model import Status
from annotator.project.document_listing import DocumentListing, DocumentRow, ListFilter
from annotator.project.search import Snippet
from annotator.ui.plain_text import plain_tooltip
from annotator.ui.status_icons import status_icon, status_name

PAGE_SIZE = 100
CACHED_PAGES = 40

RowRole = Qt.ItemDataRole.UserRole + 1
DocIdRole = Qt.ItemDataRole.UserRole + 2
SnippetRole = Qt.ItemDataRole.UserRole + 3
StatusRole = Qt.ItemDataRole.UserRole + 4

_ROOT = QModelIndex()


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

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
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
            return plain_tooltip(self._tooltip(row))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.display_title}, {status_name(row.status)}"
        return None

    def _tooltip(self, row: DocumentRow) -> str:
        lines = [row.display_title, self.tr("ID: %1").replace("%1", row.doc_id), status_name(row.status)]
        if row.status is Status.SKIPPED and row.status_reason:
            lines[-1] += self.tr(" — %1").replace("%1", row.status_reason)
        return "\n".join(lines)
