"""Project ▸ Assign documents: split the unassigned documents among annotators, with an overlap.

Public API::

    dialog = AssignDialog(store, parent)
    dialog.assigned.connect(...)     # AssignmentPlan, after documents were assigned
    dialog.open()

It calls ``annotator.team.assignment.assign`` (what ``annotator assign``
does) and shows who has how many documents. Assignments are not annotations:
they are not on the undo stack, but every change is in the event log and the
dialog's "Unassign all" takes them back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import AnnotatorError
from annotator.model import Status
from annotator.store import Store
from annotator.team.assignment import assign, documents_to_assign
from annotator.ui.plain_text import make_plain, plain_label

UNFINISHED = (Status.TODO, Status.IN_PROGRESS)


class AssignDialog(QDialog):
    assigned = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign documents"))
        self.setObjectName("AssignDialog")
        self.store = store
        known = [n for n in store.settings.annotators() if n != store.annotator]
        self.names = QLineEdit(", ".join(known), self)
        self.names.setObjectName("AssignNames")
        self.names.setPlaceholderText(self.tr("wang, li, zhao"))
        self.overlap = QDoubleSpinBox(self)
        self.overlap.setObjectName("AssignOverlap")
        self.overlap.setRange(0, 100)
        self.overlap.setSuffix(" %")
        self.overlap.setValue(20)
        self.per_shared = QSpinBox(self)
        self.per_shared.setRange(2, 9)
        self.per_shared.setValue(2)
        self.reassign = QCheckBox(self.tr("Also reassign documents that are assigned already"), self)
        form = QFormLayout()
        form.addRow(self.tr("Annotators (comma-separated)"), self.names)
        form.addRow(self.tr("Documents given to several annotators"), self.overlap)
        form.addRow(self.tr("Annotators per shared document"), self.per_shared)
        form.addRow("", self.reassign)
        self.summary = plain_label("", self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("AssignSummary")
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Annotator"), self.tr("Documents"), self.tr("Shared")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.assign_button = buttons.addButton(self.tr("Assign"), QDialogButtonBox.ButtonRole.ActionRole)
        self.assign_button.clicked.connect(self.run)
        unassign = QPushButton(self.tr("Unassign unfinished"), self)
        unassign.clicked.connect(self.unassign_unfinished)
        buttons.addButton(unassign, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        make_plain(self)  # the form's row labels
        self.resize(560, 460)
        self.show_counts()

    def show_counts(self) -> None:
        counts = self.store.assignments.counts()
        self.table.setRowCount(len(counts))
        for row, (name, figures) in enumerate(counts.items()):
            for column, text in enumerate((name, str(figures["documents"]), str(figures["shared"]))):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        waiting = len(documents_to_assign(self.store, statuses=UNFINISHED))
        self.summary.setText(self.tr("%1 unfinished documents are not assigned yet.").replace("%1", str(waiting)))

    def run(self) -> None:
        names = [n.strip() for n in self.names.text().replace("，", ",").split(",") if n.strip()]
        try:
            plan, _before = assign(
                self.store, names, overlap=self.overlap.value() / 100, per_shared=self.per_shared.value(),
                statuses=UNFINISHED, reassign=self.reassign.isChecked(),
            )
        except AnnotatorError as exc:
            self.summary.setText(str(exc))
            return
        self.show_counts()
        self.summary.setText(
            self.tr("Assigned %1 documents, %2 of them to several annotators. Write each annotator's package "
                    "with: annotator pack --annotator NAME -o NAME.annotator")
            .replace("%1", str(len(plan.documents))).replace("%2", str(plan.shared))
        )
        self.assigned.emit(plan)

    def unassign_unfinished(self) -> None:
        ids = documents_to_assign(self.store, statuses=UNFINISHED, reassign=True)
        self.store.assignments.assign({doc_id: [] for doc_id in ids})
        self.show_counts()
