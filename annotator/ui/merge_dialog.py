"""File ▸ Merge packages: take annotators' packages back into the project, in the background, with progress.

Public API::

    dialog = MergeDialog(store, parent)
    dialog.add_paths(paths)          # packages to merge (also through the Add button)
    dialog.merged.connect(...)       # MergeReport, after a successful merge
    dialog.open()

The merge is ``annotator.team.merging.merge`` on a worker thread (it opens the
project itself); it checks every package before changing anything and merges
them in one transaction, so a refused package leaves the project as it was
and the message says why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.store import Store
from annotator.team.merging import MergeReport, merge
from annotator.team.packages import SUFFIX
from annotator.ui.plain_text import plain_label


def describe(report: MergeReport) -> str:
    """The merge's outcome in a few lines, for people."""
    lines = []
    for path, outcome in report.packages:
        lines.append(
            QCoreApplication.translate("MergeDialog", "%1 (%2): %3 new versions, %4 updated, %5 unchanged; %6 became gold")
            .replace("%1", path.name).replace("%2", outcome.annotator)
            .replace("%3", str(outcome.versions_new)).replace("%4", str(outcome.versions_updated))
            .replace("%5", str(outcome.unchanged)).replace("%6", str(outcome.adopted))
        )
        if outcome.conflicts:
            lines.append(QCoreApplication.translate("MergeDialog", "  %1 documents not merged: their text differs from the project's")
                         .replace("%1", str(len(outcome.conflicts))))
        if outcome.stale:
            lines.append(QCoreApplication.translate("MergeDialog", "  %1 documents kept as they were: the project has newer work from %2")
                         .replace("%1", str(len(outcome.stale))).replace("%2", outcome.annotator))
    if report.pending_adjudication:
        lines.append(QCoreApplication.translate("MergeDialog", "%1 documents wait for adjudication (Project ▸ Adjudicate).")
                     .replace("%1", str(report.pending_adjudication)))
    return "\n".join(lines)


class MergeDialog(QDialog):
    merged = Signal(object)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge packages"))
        self.setObjectName("MergeDialog")
        self.store = store
        self.report: MergeReport | None = None
        self._tasks: Any = None
        self._running: Any = None
        intro = plain_label(self.tr(
            "Annotators' packages (made with annotator pack) come back into this project: each annotator's "
            "work becomes their version of each document. A package from another project, with labels this "
            "project lacks, or damaged is refused, and the project stays as it was."))
        intro.setWordWrap(True)
        self.paths = QListWidget(self)
        self.paths.setObjectName("MergePackages")
        add = QPushButton(self.tr("Add packages…"))
        add.clicked.connect(self.choose_paths)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(lambda: [self.paths.takeItem(self.paths.row(i))
                                                    for i in self.paths.selectedItems()])
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status = plain_label("", self)
        self.status.setObjectName("MergeStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.merge_button = self.buttons.addButton(self.tr("Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.paths.model().rowsInserted.connect(self._update_buttons)
        self.paths.model().rowsRemoved.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.paths, 1)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(620, 420)

    def _update_buttons(self, *_args) -> None:
        self.merge_button.setEnabled(self.paths.count() > 0 and self._running is None)

    def choose_paths(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Packages to merge"), str(Path(self.store.path).parent),
            self.tr("Annotator packages (*%1);;All files (*)").replace("%1", SUFFIX),
        )
        self.add_paths(paths)

    def add_paths(self, paths: list[str]) -> None:
        known = {self.paths.item(i).text() for i in range(self.paths.count())}
        for path in paths:
            if path and path not in known:
                self.paths.addItem(path)

    def start(self) -> None:
        """Merge on a worker thread; progress and the outcome come back by signal."""
        if self._running is not None or not self.paths.count():
            return
        from annotator.ui.workers import (
            BackgroundTasks,  # loaded with the window, not with this module
        )

        if self._tasks is None:
            self._tasks = BackgroundTasks(self, threads=1)
        target, annotator = Path(self.store.path), self.store.annotator
        packages = [Path(self.paths.item(i).text()) for i in range(self.paths.count())]

        def work(progress):
            return merge(target, packages, annotator=annotator,
                         progress=lambda done, total, what: progress(done, total, what))

        self.progress.setVisible(True)
        self.progress.setRange(0, len(packages))
        self.progress.setValue(0)
        self.status.setText(self.tr("Checking the packages…"))
        self.merge_button.setEnabled(False)
        self._running = self._tasks.start(work, finished=self._finished, failed=self._failed,
                                          progress=self._progress)

    def _progress(self, done: int, total: int, what: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        if what:
            self.status.setText(self.tr("Merging %1").replace("%1", what))

    def _failed(self, message: str) -> None:
        self._running = None
        self.progress.setVisible(False)
        self.status.setText(self.tr("Nothing was merged: %1").replace("%1", message))
        self._update_buttons()

    def _finished(self, report: MergeReport) -> None:
        self._running = None
        self.report = report
        self.progress.setValue(self.progress.maximum())
        self.status.setText(describe(report))
        self.paths.clear()
        self._update_buttons()
        self.merged.emit(report)

    def done(self, result: int) -> None:
        if self._tasks is not None:
            self._tasks.shutdown()
        super().done(result)
