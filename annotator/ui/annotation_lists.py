"""The document's entities and relations as lists; clicking a row shows it in the text.

Both lists are models over the reviewer's state, so opening a document with
a thousand entities costs a model reset, not a thousand widgets.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTabWidget,
    QWidget,
)

from annotator.model import Relation
from annotator.review.spans import Span, SpanKey
from annotator.ui import theme
from annotator.ui.coalesce import Coalescer
from annotator.ui.label_menu import swatch
from annotator.ui.plain_text import plain_tooltip
from annotator.ui.review_controller import ReviewController

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

# How long the lists wait after a change before they catch up with the text.
LIST_DELAY_MS = 120


class _ThreeColumnModel(QAbstractTableModel):
    """A flat list of ``rows`` in three columns; subclasses fill ``rows`` and name the columns."""

    def __init__(self, controller: ReviewController) -> None:
        super().__init__(controller)
        self.controller = controller
        self.rows: list = []

    def column_titles(self) -> tuple[str, str, str]:
        raise NotImplementedError

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.column_titles()[section]
        return None


class EntitiesModel(_ThreeColumnModel):
    def __init__(self, controller: ReviewController) -> None:
        super().__init__(controller)
        self.rows: list[Span] = []
        self._icons: dict[str, object] = {}

    def reload(self) -> None:
        self.beginResetModel()
        state = self.controller.state
        self.rows = [s for s in state.spans if s.is_entity] if state else []
        self._icons = {
            label.name: swatch(theme.label_color(label.color), 12) for label in self.controller.schema.entities
        }
        self.endResetModel()

    def column_titles(self) -> tuple[str, str, str]:
        return self.tr("Text"), self.tr("Label"), self.tr("At")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        span = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (span.text, span.label, str(span.start))[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._icons.get(span.label)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(
                self.tr("%1 %2–%3 · by %4 · %5").replace("%1", span.label).replace("%2", str(span.start)).replace(
                    "%3", str(span.end)
                ).replace("%4", span.annotator or "?").replace("%5", span.origin)
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, key: SpanKey | None) -> int:
        return next((i for i, s in enumerate(self.rows) if s.key == key), -1)


class RelationsModel(_ThreeColumnModel):
    def __init__(self, controller: ReviewController) -> None:
        super().__init__(controller)
        self.rows: list[Relation] = []

    def reload(self) -> None:
        self.beginResetModel()
        state = self.controller.state
        self.rows = list(state.relations) if state else []
        self.endResetModel()

    def column_titles(self) -> tuple[str, str, str]:
        return self.tr("Head"), self.tr("Relation"), self.tr("Tail")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        relation = self.rows[index.row()]
        state = self.controller.state
        if state is None:
            return None
        head, tail = state.entities.get(relation.head_id), state.entities.get(relation.tail_id)
        names = {r.name: r.display or r.name for r in self.controller.schema.relations}
        return (
            head.text if head else "?",
            names.get(relation.label, relation.label),
            tail.text if tail else "?",
        )[index.column()]


class _Table(QTableView):
    """A compact, whole-row table; Delete removes the row's annotation."""

    deleteRequested = Signal(int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setHighlightSections(False)
        self.setWordWrap(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentIndex().isValid():
            self.deleteRequested.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class AnnotationLists(QTabWidget):
    """Entities and Relations tabs for the open document."""

    # a relation row was chosen: the text shows it with both ends
    relationChosen = Signal(int)
    # an entity row was chosen: the text focuses it (and the keyboard goes there)
    entityChosen = Signal()

    def __init__(self, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AnnotationLists")
        self.controller = controller
        self.entities_model = EntitiesModel(controller)
        self.relations_model = RelationsModel(controller)

        self.entities = _Table(self)
        self.entities.setModel(self.entities_model)
        # Fixed widths: sizing columns to their contents would read every row of a long document.
        header = self.entities.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, 64)
        header.resizeSection(2, 48)
        self.entities.clicked.connect(self._entity_clicked)
        self.entities.activated.connect(self._entity_clicked)
        self.entities.deleteRequested.connect(self._delete_entity)

        self.relations = _Table(self)
        self.relations.setModel(self.relations_model)
        rheader = self.relations.horizontalHeader()
        for column in range(3):
            rheader.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.relations.clicked.connect(self._relation_clicked)
        self.relations.activated.connect(self._relation_clicked)
        self.relations.deleteRequested.connect(self._delete_relation)

        self.addTab(self.entities, self.tr("Entities"))
        self.addTab(self.relations, self.tr("Relations"))
        # Lists follow the text a moment later: a keypress repaints the text first.
        self._reload_later = Coalescer(self.reload, LIST_DELAY_MS, self)
        self._follow_later = Coalescer(self._follow_focus, LIST_DELAY_MS, self)
        controller.documentOpened.connect(self._reload_later.schedule)
        controller.annotationsChanged.connect(self._reload_later.schedule)
        controller.focusChanged.connect(self._follow_later.schedule)
        self.reload()

    def flush(self) -> None:
        """Bring the lists up to date now."""
        self._reload_later.flush()
        self._follow_later.flush()

    def reload(self, *_args) -> None:
        self.entities_model.reload()
        self.relations_model.reload()
        self.setTabText(0, self.tr("Entities (%1)").replace("%1", str(self.entities_model.rowCount())))
        self.setTabText(1, self.tr("Relations (%1)").replace("%1", str(self.relations_model.rowCount())))
        self._follow_focus()

    def _follow_focus(self) -> None:
        row = self.entities_model.row_of(self.controller.focus)
        if row >= 0:
            self.entities.selectRow(row)
            self.entities.scrollTo(self.entities_model.index(row, 0))
        else:
            self.entities.clearSelection()

    def _entity_clicked(self, index: QModelIndex) -> None:
        span = self.entities_model.rows[index.row()]
        self.controller.set_focus(span.key)
        self.entityChosen.emit()

    def _relation_clicked(self, index: QModelIndex) -> None:
        relation = self.relations_model.rows[index.row()]
        self.relationChosen.emit(relation.id)

    def _delete_entity(self, row: int) -> None:
        self.controller.set_focus(self.entities_model.rows[row].key)
        self.controller.reject_or_delete_focused()

    def _delete_relation(self, row: int) -> None:
        relation_id = self.relations_model.rows[row].id
        if relation_id is not None:
            self.controller.delete_relation(relation_id)
