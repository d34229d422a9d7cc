"""Label all occurrences: every other place a text occurs, shown for review before anything is labelled.

The gazetteer finds them (``annotator.candidates.find_occurrences``); the
reviewer sees each in its context, with the ones that are already labelled,
overlap another entity or cut a word in two left unticked, and applies the
ticked ones as one undoable step.

"In all documents" runs on a worker thread with its own store: the search
index names the documents that can hold the text (instead of a scan of
every text), and each is checked and cut into words there, with progress.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.candidates.occurrences import find_occurrences
from annotator.errors import AnnotatorError
from annotator.project.search import SearchIndex
from annotator.store import Store
from annotator.ui import theme
from annotator.ui.plain_text import plain_label, plain_tooltip, rich_label
from annotator.ui.review_controller import ReviewController
from annotator.ui.workers import BackgroundTasks, TaskSignals

CONTEXT_CHARS = 14


class OccurrencesDialog(QDialog):
    def __init__(self, controller: ReviewController, text: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OccurrencesDialog")
        self.controller = controller
        self.text = text
        self.label = label
        self.occurrences: list = []
        self._tasks: BackgroundTasks | None = None
        # the search of all documents under way; results of an older one are dropped
        self._searching: TaskSignals | None = None
        schema_label = controller.schema.entity(label)
        self.color = theme.label_color(schema_label.color)
        self.setWindowTitle(self.tr("Label all occurrences"))
        layout = QVBoxLayout(self)
        # Rich text for the bold parts; the text and the label's name in it are escaped.
        self.heading = rich_label(self)
        self.heading.setText(
            self.tr("Occurrences of %1 to label as %2").replace("%1", f"<b>{html.escape(text)}</b>").replace(
                "%2", f"<b style='color:{theme.darker_ink(self.color).name()}'>{html.escape(schema_label.display or label)}</b>"
            )
        )
        scope = QHBoxLayout()
        self.here = QRadioButton(self.tr("In this document"), self)
        self.everywhere = QRadioButton(self.tr("In all documents"), self)
        self.here.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.here)
        group.addButton(self.everywhere)
        scope.addWidget(self.here)
        scope.addWidget(self.everywhere)
        scope.addStretch(1)
        self.list = QListWidget(self)
        self.list.setObjectName("OccurrenceList")
        self.summary = plain_label("", self)
        self.summary.setObjectName("PanelHint")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.heading,):
            layout.addWidget(widget)
        layout.addLayout(scope)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.here.toggled.connect(self.search)
        self.list.itemChanged.connect(self._update_button)
        self.resize(620, 460)
        self.search()

    def search(self, *_args) -> None:
        """Look for the text here (at once) or in all documents (on a worker, with progress)."""
        self._searching = None
        if self.here.isChecked():
            try:
                found = find_occurrences(self.controller.store, self.text, self.label, doc_id=self.controller.doc_id)
            except AnnotatorError as exc:
                self._show([], str(exc))
                return
            self._show(found)
            return
        if self._tasks is None:
            self._tasks = BackgroundTasks(self, threads=1)
        self._show([], self.tr("Looking in all documents…"), busy=True)
        store = self.controller.store
        self._searching = self._tasks.start(everywhere_task(store.path, store.annotator, self.text, self.label))
        searching = self._searching
        searching.progress.connect(lambda done, total, _what: self._progress(searching, done, total))
        searching.finished.connect(lambda found: self._found(searching, found))
        searching.failed.connect(lambda message: self._found(searching, [], message))

    def _progress(self, search: TaskSignals, done: int, total: int) -> None:
        if search is self._searching:
            self.summary.setText(
                self.tr("Looking in all documents: %1 of %2…").replace("%1", str(done)).replace("%2", str(total))
            )

    def _found(self, search: TaskSignals, found: list, problem: str = "") -> None:
        if search is not self._searching:
            return  # the reviewer went back to "this document" meanwhile
        self._searching = None
        self._show(found, problem)

    def _show(self, occurrences: list, problem: str = "", *, busy: bool = False) -> None:
        self.occurrences = occurrences
        self.list.blockSignals(True)
        self.list.clear()
        for occurrence in self.occurrences:
            item = QListWidgetItem(self._describe(occurrence), self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            clean = occurrence.applicable and not occurrence.split_word
            item.setCheckState(Qt.CheckState.Checked if clean else Qt.CheckState.Unchecked)
            if occurrence.labelled:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(plain_tooltip(self._why(occurrence)))
        self.list.blockSignals(False)
        self._update_button()
        if problem or busy:
            self.summary.setText(problem)

    def done(self, result: int) -> None:
        if self._tasks is not None:
            self._tasks.shutdown()
        super().done(result)

    def _describe(self, occurrence) -> str:
        where = "" if occurrence.doc_id == self.controller.doc_id else f"[{occurrence.doc_id}]  "
        before = occurrence.before[-CONTEXT_CHARS:].replace("\n", " ")
        after = occurrence.after[:CONTEXT_CHARS].replace("\n", " ")
        note = self._why(occurrence)
        return f"{where}…{before}【{occurrence.text}】{after}…" + (f"   — {note}" if note else "")

    def _why(self, occurrence) -> str:
        if occurrence.labelled:
            return self.tr("already labelled")
        if occurrence.overlapping:
            names = ", ".join(f"{e.label} “{e.text}”" for e in occurrence.overlapping[:3])
            return self.tr("overlaps %1").replace("%1", names)
        if occurrence.split_word:
            return self.tr("inside a longer word")
        return ""

    def chosen(self) -> list:
        return [
            occurrence
            for index, occurrence in enumerate(self.occurrences)
            if self.list.item(index).checkState() == Qt.CheckState.Checked and not occurrence.labelled
        ]

    def _update_button(self, *_args) -> None:
        count = len(self.chosen())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Label %1").replace("%1", str(count)))
        ok.setEnabled(count > 0)
        labelled = sum(1 for o in self.occurrences if o.labelled)
        self.summary.setText(
            self.tr("Found %1; already labelled %2. Untick any that are not the same thing.")
            .replace("%1", str(len(self.occurrences))).replace("%2", str(labelled))
        )

    def accept(self) -> None:
        chosen = self.chosen()
        if chosen and self.controller.apply_occurrences(chosen, self.label):
            super().accept()


def everywhere_task(path, annotator: str, text: str, label: str):
    """Find ``text`` in every document, on a worker's own store: the search index first, then each document."""

    def work(progress):
        with Store(path, annotator=annotator) as store:
            among = SearchIndex(store).documents_containing(text)
            return find_occurrences(
                store, text, label, among=among, progress=lambda done, total: progress(done, total, "")
            )

    return work
