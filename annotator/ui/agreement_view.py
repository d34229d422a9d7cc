"""Project ▸ Agreement: how far the annotators agree, and the documents where they agree least.

Public API::

    view = AgreementView(store, parent)     # a widget; computes the figures on a worker thread
    view.refresh()                          # compute again
    view.loaded                             # Signal(object): the AgreementReport just shown
    view.documentChosen                     # Signal(str): a document was clicked (open it to adjudicate)
    show_agreement(store, parent)           # the same in a window of its own

The figures come from ``annotator.agreement`` over the project's merged
versions; nothing here writes to the database.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.agreement import AgreementReport, compute
from annotator.agreement.load import from_store
from annotator.agreement.spans import total
from annotator.store import Store
from annotator.ui.plain_text import plain_label, rich_label

WORST_SHOWN = 200


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], data: list[Any] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if data is not None:
                item.setData(Qt.ItemDataRole.UserRole, data[r])
            table.setItem(r, c, item)


class AgreementView(QWidget):
    loaded = Signal(object)
    failed = Signal(str)
    documentChosen = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AgreementView")
        self.store = store
        self.report: AgreementReport | None = None
        self._tasks: Any = None
        self._running: Any = None

        self.summary = plain_label(self.tr("Computing…"))
        self.summary.setObjectName("AgreementSummary")
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        header = QHBoxLayout()
        header.addWidget(self.summary, 1)
        header.addWidget(self.refresh_button)

        self.labels = _table([self.tr("Label"), self.tr("Exact F1"), self.tr("Overlap F1"), self.tr("Spans")])
        self.pairs = _table([self.tr("Annotators"), self.tr("Documents"), self.tr("Exact F1"), self.tr("Overlap F1"),
                             self.tr("Relation F1"), self.tr("Cohen's kappa")])
        self.worst = _table([self.tr("Document"), self.tr("Annotators"), self.tr("Exact F1"), self.tr("Overlap F1"),
                             self.tr("Kappa")])
        self.worst.setObjectName("AgreementWorstDocuments")
        self.worst.itemActivated.connect(self._chosen)
        self.worst.itemDoubleClicked.connect(self._chosen)
        self.worst.itemClicked.connect(self._chosen)
        tables = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(_heading(self.tr("<b>By label</b> (all pairs)")))
        left.addWidget(self.labels)
        left.addWidget(_heading(self.tr("<b>By pair of annotators</b>")))
        left.addWidget(self.pairs)
        right = QVBoxLayout()
        right.addWidget(_heading(self.tr("<b>Least agreement first</b> — click a document to adjudicate it")))
        right.addWidget(self.worst)
        tables.addLayout(left, 1)
        tables.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(tables, 1)
        self.refresh()

    def refresh(self) -> None:
        """Compute the figures again on a worker thread; they show when they arrive."""
        if self._running is not None:
            return
        from annotator.ui.workers import (
            BackgroundTasks,  # the window's workers load with it, not with this module
        )

        if self._tasks is None:
            self._tasks = BackgroundTasks(self, threads=1)
        path, annotator = self.store.path, self.store.annotator

        def work(progress):
            with Store(path, annotator=annotator) as store:
                return compute(from_store(store, progress=progress))

        self.summary.setText(self.tr("Computing…"))
        self.refresh_button.setEnabled(False)
        self._running = self._tasks.start(work)
        self._running.finished.connect(self._loaded)
        self._running.failed.connect(self._failed)

    def _failed(self, message: str) -> None:
        self._running = None
        self.refresh_button.setEnabled(True)
        self.summary.setText(self.tr("Could not compute agreement: %1").replace("%1", message))
        self.failed.emit(message)

    def _loaded(self, report: AgreementReport) -> None:
        self._running = None
        self.refresh_button.setEnabled(True)
        self.show_report(report)

    def show_report(self, report: AgreementReport) -> None:
        self.report = report
        if not report.documents_compared:
            self.summary.setText(self.tr("No document has been annotated by two or more annotators yet. "
                                         "Assign documents with an overlap, pack, and merge the packages."))
        else:
            exact, overlap = total(report.exact), total(report.overlap)
            self.summary.setText(
                self.tr("%1 documents annotated by two or more of %2. Span F1: exact %3, overlapping %4; "
                        "relation F1 %5. Character labels: Fleiss' kappa %6, Krippendorff's alpha %7; "
                        "unitizing alpha %8.")
                .replace("%1", str(report.documents_compared)).replace("%2", ", ".join(report.annotators))
                .replace("%3", _number(exact.f1)).replace("%4", _number(overlap.f1))
                .replace("%5", _number(report.relations.f1)).replace("%6", _number(report.fleiss_kappa))
                .replace("%7", _number(report.krippendorff_alpha)).replace("%8", _number(report.unitizing_alpha))
            )
        _fill(self.labels, [
            [label, _number(report.exact[label].f1), _number(report.overlap[label].f1),
             str(int(report.exact[label].first + report.exact[label].second))]
            for label in sorted(report.exact)
        ])
        _fill(self.pairs, [
            [f"{p.first} / {p.second}", str(p.documents), _number(p.exact_f1), _number(p.overlap_f1),
             _number(p.relations.f1), _number(p.cohen_kappa)]
            for p in report.pairs
        ])
        shown = report.documents[:WORST_SHOWN]
        _fill(self.worst, [
            [d.title or d.doc_id, ", ".join(d.annotators), _number(d.exact_f1), _number(d.overlap_f1), _number(d.kappa)]
            for d in shown
        ], [d.doc_id for d in shown])
        self.loaded.emit(report)

    def _chosen(self, item: QTableWidgetItem) -> None:
        doc_id = item.data(Qt.ItemDataRole.UserRole)
        if doc_id:
            self.documentChosen.emit(doc_id)

    def shutdown(self) -> None:
        if self._tasks is not None:
            self._tasks.shutdown()


class AgreementWindow(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agreement"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.view = AgreementView(store, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.resize(1120, 720)

    def done(self, result: int) -> None:
        self.view.shutdown()
        super().done(result)


def show_agreement(store: Store, parent: QWidget | None = None) -> AgreementWindow:
    window = AgreementWindow(store, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    window.show()
    return window


def _heading(markup: str) -> QLabel:
    """A table heading: markup the app writes itself, with no stored text in it."""
    label = rich_label()
    label.setText(markup)
    return label
