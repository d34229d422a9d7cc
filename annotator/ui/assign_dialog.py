"""Project ▸ Assign documents: split the unassigned documents among annotators, with an overlap,
and write each annotator's package.

Public API::

    dialog = AssignDialog(store, parent)
    dialog.assigned.connect(...)     # AssignmentPlan, after documents were assigned
    dialog.packed.connect(...)       # list[PackReport], after "Write packages…" wrote them
    dialog.open()

It calls ``annotator.team.assignment.assign`` (what ``annotator assign``
does) and shows who has how many documents. Assignments are not annotations:
they are not on the undo stack, but every change is in the event log and the
dialog's "Unassign unfinished" takes them back. "Write packages…" is
``annotator pack --all``: one ``NAME.annotator`` per assigned annotator in a
folder, written on a worker thread with progress.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QProgressBar,
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
from annotator.team.packages import PackReport, pack_all, package_targets
from annotator.ui.plain_text import make_plain, plain_label

UNFINISHED = (Status.TODO, Status.IN_PROGRESS)


class AssignDialog(QDialog):
    assigned = Signal(object)
    packed = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Assign documents"))
        self.setObjectName("AssignDialog")
        self.store = store
        self.packages: list[PackReport] = []
        self._tasks: Any = None
        self._running: Any = None
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
        self.unassign_button = unassign
        self.pack_button = buttons.addButton(self.tr("Write packages…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.pack_button.setObjectName("WritePackages")
        self.pack_button.setToolTip(self.tr(
            "Write one package per assigned annotator into a folder: a project file with their documents, "
            "the schema, the guidelines and the learned model. Send each annotator theirs; File ▸ Merge "
            "packages takes them back."))
        self.pack_button.clicked.connect(self.choose_package_folder)
        buttons.rejected.connect(self.reject)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
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
        self._update_buttons()

    def _update_buttons(self) -> None:
        idle = self._running is None
        self.pack_button.setEnabled(idle and self.table.rowCount() > 0)
        self.assign_button.setEnabled(idle)
        self.unassign_button.setEnabled(idle)

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
                    "with Write packages….")
            .replace("%1", str(len(plan.documents))).replace("%2", str(plan.shared))
        )
        self.assigned.emit(plan)

    def unassign_unfinished(self) -> None:
        ids = documents_to_assign(self.store, statuses=UNFINISHED, reassign=True)
        self.store.assignments.assign({doc_id: [] for doc_id in ids})
        self.show_counts()

    # --- Write packages… -----------------------------------------------------------------------

    def choose_package_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the packages"), str(Path(self.store.path).parent))
        if folder:
            self.write_packages(Path(folder))

    def write_packages(self, folder: Path) -> None:
        """Write every assigned annotator's package into ``folder`` on a worker thread, asking
        first before replacing packages that are there already."""
        if self._running is not None:
            return
        try:
            targets = package_targets(self.store, folder)
        except AnnotatorError as exc:
            self._pack_failed(str(exc))
            return
        there = [path.name for path in targets.values() if path.exists()]
        if there and not self._confirm_replace(folder, there):
            return
        # workers load when packing starts, not with the window
        from annotator.ui.workers import (
            BackgroundTasks,  # loaded with the window, not with this module
        )

        if self._tasks is None:
            self._tasks = BackgroundTasks(self, threads=1)
        path, annotator, overwrite = Path(self.store.path), self.store.annotator, bool(there)

        def work(progress):
            with Store(path, annotator=annotator) as store:
                return pack_all(store, folder, overwrite=overwrite, progress=progress)

        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.summary.setText(self.tr("Writing the packages into %1…").replace("%1", str(folder)))
        self._running = self._tasks.start(work, finished=self._packed, failed=self._pack_failed,
                                          progress=self._pack_progress)
        self._update_buttons()

    def _confirm_replace(self, folder: Path, names: list[str]) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Replace packages?"),
            self.tr("%1 already holds %2. Replace them? An annotator who already works in one of them "
                    "would lose what is not merged yet.").replace("%1", str(folder)).replace("%2", ", ".join(names)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _pack_progress(self, done: int, total: int, annotator: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        if annotator:
            self.summary.setText(self.tr("Writing %1's package…").replace("%1", annotator))

    def _pack_failed(self, message: str) -> None:
        self._running = None
        self.progress.setVisible(False)
        self.summary.setText(self.tr("The packages were not all written: %1").replace("%1", message))
        self._update_buttons()

    def _packed(self, reports: list[PackReport]) -> None:
        self._running = None
        self.packages = reports
        self.progress.setVisible(False)
        lines = [self.tr("Wrote %1 packages into %2. Send each annotator theirs; they open it with "
                         "File ▸ Open project…, and File ▸ Merge packages takes it back.")
                 .replace("%1", str(len(reports))).replace("%2", str(reports[0].path.parent) if reports else "")]
        lines += [self.tr("%1: %2 documents").replace("%1", r.path.name).replace("%2", str(r.documents))
                  for r in reports]
        self.summary.setText("\n".join(lines))
        self._update_buttons()
        self.packed.emit(reports)

    def done(self, result: int) -> None:
        if self._tasks is not None:
            self._tasks.shutdown()
        super().done(result)
