"""File ▸ Import: files and folders in, format detected or forced, then what came in and what did not.

Public API::

    dialog = ImportDialog(store, parent)
    dialog.add_paths(["pages/"])      # optional: prefill (also what drag and drop does)
    dialog.imported.connect(...)      # list[str]: ids of the new documents
    dialog.open()

Work happens on a worker thread with its own ``Store``, through the import
pipeline the command line uses (``annotator.project.importing.run_import``):
each file is read and stored whole, so a file with an error leaves no trace
and the others still come in; then the new documents get candidate spans
(optional) and are indexed for search, so the document list finds them at
once. This dialog adds only the choices and the progress display. Cancel
stops between files (or between chunks of the later stages) and reports
what was done; candidates left undone are finished by the next import or
when the project is next opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from annotator import formats
from annotator.errors import AnnotatorError
from annotator.formats.registry import ReadOptions
from annotator.model import ImportReport, Status
from annotator.project import label_adoption
from annotator.project.importing import (
    CANDIDATES,
    FILES,
    ImportResult,
    ImportSettings,
    discover,
    run_import,
)
from annotator.project.label_adoption import LabelPlan
from annotator.store import Store
from annotator.ui.transfer_common import (
    TransferDialog,
    format_description,
    format_title,
)

SETTINGS_FOLDER = "import/folder"


def _accept_urls(event: QDragEnterEvent | QDragMoveEvent) -> None:
    if event.mimeData().hasUrls():
        event.acceptProposedAction()


def _dropped_paths(event: QDropEvent) -> list[str]:
    return [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]


def _naming(report: ImportReport, message: str) -> str:
    """The message, led by the file's name unless it names the file already."""
    if not report.file:
        return message
    name = Path(report.file).name
    return message if name in message else f"{name}: {message}"


class _PathList(QListWidget):
    """The files and folders to import; accepts drops from the file manager."""

    dropped = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setMinimumHeight(120)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        _accept_urls(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        _accept_urls(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _dropped_paths(event)
        if paths:
            self.dropped.emit(paths)
            event.acceptProposedAction()


class ImportDialog(TransferDialog):
    # ids of the documents that came in
    imported = Signal(list)
    # Cancel takes effect between files, so closing may wait for a large one to finish.
    close_wait_ms = 60_000

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.setWindowTitle(self.tr("Import"))
        self.setAcceptDrops(True)
        self.reports: list[ImportReport] | None = None

        self.paths = _PathList(self)
        self.paths.dropped.connect(self.add_paths)
        self.paths.itemSelectionChanged.connect(self._update_buttons)
        self.add_files_button = QPushButton(self.tr("Add files…"), self)
        self.add_folder_button = QPushButton(self.tr("Add folder…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_files_button.clicked.connect(self._choose_files)
        self.add_folder_button.clicked.connect(self._choose_folder)
        self.remove_button.clicked.connect(self._remove_selected)
        path_buttons = QHBoxLayout()
        path_buttons.addWidget(self.add_files_button)
        path_buttons.addWidget(self.add_folder_button)
        path_buttons.addStretch(1)
        path_buttons.addWidget(self.remove_button)
        paths_hint = QLabel(self.tr("Drop files or folders here. Folders are searched, subfolders too, "
                                    "for every file Annotator can read. A file imported before is left alone."), self)
        paths_hint.setObjectName("TransferHint")
        paths_hint.setWordWrap(True)

        self.format = QComboBox(self)
        self.format.addItem(self.tr("Detect from each file"), None)
        for name in sorted(formats.READERS, key=lambda n: format_title(n).lower()):
            self.format.addItem(format_title(name), name)
        self.format_help = QLabel(self)
        self.format_help.setObjectName("TransferHint")
        self.format_help.setWordWrap(True)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.offsets = QComboBox(self)
        self.offsets.addItem(self.tr("Detect (and say so in the summary)"), "auto")
        self.offsets.addItem(self.tr("Code points"), "codepoint")
        self.offsets.addItem(self.tr("UTF-16 units (as the web tools count)"), "utf16")
        self.normalise = QCheckBox(self.tr("Make punctuation between Chinese characters full-width"), self)
        self.normalise.setChecked(True)
        self.suggest = QCheckBox(self.tr("Suggest candidate spans for the new documents"), self)
        self.suggest.setChecked(True)
        self.mark_done = QCheckBox(self.tr("Mark the new documents as done (gold data that is already reviewed)"), self)
        self.mark_done.setToolTip(self.tr("Documents whose file gives them a status of their own keep it."))
        # Label adoption (annotator.project.label_adoption): Import first lists the labels, a second Import adds them.
        self.add_labels = QCheckBox(self.tr("Add the labels these files use that the project lacks (listed first)"),
                                    self)
        self.add_labels.toggled.connect(self._forget_label_plan)
        self._label_plan: LabelPlan | None = None

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        column = QVBoxLayout()
        column.addWidget(self.paths)
        column.addLayout(path_buttons)
        column.addWidget(paths_hint)
        form.addRow(self.tr("Files"), column)
        form.addRow(self.tr("Format"), self.format)
        form.addRow("", self.format_help)
        form.addRow(self.tr("Offsets"), self.offsets)
        form.addRow("", self.normalise)
        form.addRow("", self.suggest)
        form.addRow("", self.mark_done)
        form.addRow("", self.add_labels)
        for hint in (paths_hint, self.format_help):
            hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            hint.setMinimumWidth(400)
        self.options = QWidget(self)
        self.options.setLayout(form)
        self.options.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self._add_outcome_widgets()
        self.import_button = self._add_buttons(self.tr("Import"))
        self._lay_out(self.buttons)
        self.resize(640, 520)
        self._format_changed()
        self._update_buttons()

    # --- public API --------------------------------------------------------------------------------

    def add_paths(self, paths: list[str]) -> None:
        present = {self.paths.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.paths.count())}
        for path in paths:
            resolved = str(Path(path).expanduser())
            if resolved in present:
                continue
            present.add(resolved)
            shown = resolved + ("/" if Path(resolved).is_dir() else "")
            item = QListWidgetItem(shown, self.paths)
            item.setData(Qt.ItemDataRole.UserRole, resolved)
            item.setToolTip(resolved)
        self._forget_label_plan()
        self._update_buttons()

    def chosen_paths(self) -> list[str]:
        return [self.paths.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.paths.count())]

    def start(self) -> None:
        paths = self.chosen_paths()
        if not paths:
            self.problem.setText(self.tr("Add at least one file or folder."))
            return
        try:
            discover(paths)
        except AnnotatorError as exc:
            self.problem.setText(str(exc))
            return
        format_name = self.format.currentData()
        options = ReadOptions(normalise_width=self.normalise.isChecked(), annotator=self.store.annotator,
                              offsets=self.offsets.currentData())
        db_path, annotator, cancel = self.store.path, self.store.annotator, self._cancel
        if self.add_labels.isChecked() and self._label_plan is None:
            self._plan_labels(paths, format_name, options)
            return
        adopt, self._label_plan = self._label_plan, None
        settings = ImportSettings(
            format=format_name,
            read=options,
            status=Status.DONE if self.mark_done.isChecked() else None,
            suggest=self.suggest.isChecked(),
        )

        def work(progress) -> ImportResult:
            with Store(db_path, annotator=annotator) as store:
                if adopt is not None:
                    label_adoption.adopt(store, adopt)
                options.schema = store.schema.current  # brat events come in where the schema has their labels
                return run_import(store, paths, settings, should_stop=lambda: cancel.is_set,
                                  progress=lambda stage, done, total, name: progress(done, total, f"{stage}:{name}"))

        self.settings.setValue(SETTINGS_FOLDER, str(Path(paths[-1]).parent))
        self._run(work, busy=self.tr("Looking for files…"), cancelling=self.tr("Stopping after the current file…"))

    # --- running ---------------------------------------------------------------------------------

    def _progress(self, done: int, total: int, what: str) -> None:
        stage, _, name = what.partition(":")
        locale = self.locale()
        n = locale.toString
        if stage == FILES:
            text = self.tr("File %1 of %2: %3").replace("%1", n(min(done + 1, total))).replace(
                "%2", n(total)).replace("%3", name) if name else self.tr("Files read.")
        elif stage == CANDIDATES:
            text = self.tr("Suggesting candidate spans: %1 of %2 documents").replace("%1", n(done)).replace("%2", n(total))
        else:
            text = self.tr("Indexing for search: %1 of %2 documents").replace("%1", n(done)).replace("%2", n(total))
        self.progress.show_progress(done, total, text)

    def _plan_labels(self, paths: list[str], format_name: str | None, options: ReadOptions) -> None:
        """First step with "Add the labels": read the files for their labels, then list them (``_show_label_plan``)."""
        db_path, annotator = self.store.path, self.store.annotator
        root = Path(paths[0]) if len(paths) == 1 and Path(paths[0]).is_dir() else None

        def work(progress):
            with Store(db_path, annotator=annotator) as store:
                return label_adoption.plan(store.schema.current, discover(paths), format=format_name, options=options,
                                           root=root)

        self._run(work, busy=self.tr("Reading the labels the files use…"), cancelling=self.tr("Stopping…"))

    def _show_label_plan(self, plan: LabelPlan) -> None:
        self._label_plan = plan
        lines = plan.describe()
        headline = (self.tr("These labels will be added to the project's schema. Import again to add them and "
                            "import the files.") if lines else
                    self.tr("The files use no labels the project lacks. Import again to import them."))
        self.result_view.show_result(headline, lists=[(self.tr("Labels to add"), lines),
                                                 (self.tr("Read from"), plan.sources),
                                                 (self.tr("Warnings"), plan.problems)])
        self._set_running(False)
        self.import_button.setText(self.tr("Add labels and import") if lines else self.tr("Import"))

    def _forget_label_plan(self, *_args: Any) -> None:
        """A listed plan holds for the files and choice it was made for; changing them asks again."""
        if self._label_plan is not None:
            self._label_plan = None
            self.import_button.setText(self.tr("Import"))

    def _finished(self, outcome: ImportResult | LabelPlan) -> None:
        if isinstance(outcome, LabelPlan):
            self._show_label_plan(outcome)
            return
        unfinished = outcome.unfinished_message()
        notes_on_the_import = outcome.notes + ([unfinished] if unfinished else [])
        reports = outcome.reports + [ImportReport(file="", outcome="note", notes=notes_on_the_import)]
        self.reports = reports
        files = [r for r in reports if r.outcome != "note"]
        n = self.locale().toString
        documents = sum(r.documents for r in files)
        entities = sum(r.entities for r in files)
        relations = sum(r.relations for r in files)
        failed = [r for r in files if r.outcome == "failed"]
        file_count = len(files)  # plain names: lupdate does not read call expressions as the count
        headline = self.tr("Imported %1 (%2, %3) from %4.").replace(
            "%1", self.tr("%n new documents", "", documents)).replace(
            "%2", self.tr("%n entities", "", entities)).replace(
            "%3", self.tr("%n relations", "", relations)).replace(
            "%4", self.tr("%1 of %n files", "", file_count).replace("%1", n(file_count - len(failed))))
        if self._cancel.is_set:
            headline = self.tr("Cancelled.") + " " + headline
        outcomes = {
            "imported": self.tr("Imported"),
            "unchanged": self.tr("Already imported before"),
            "empty": self.tr("No text"),
            "failed": self.tr("Not imported"),
        }
        rows = [(text, n(sum(1 for r in files if r.outcome == key))) for key, text in outcomes.items()
                if any(r.outcome == key for r in files)]
        failures = [_naming(r, r.notes[0] if r.notes else self.tr("unknown error")) for r in failed]
        skipped = [_naming(r, message) for r in files for message in r.skipped]
        notes = [_naming(r, note) for r in reports if r.outcome in ("imported", "note") for note in r.notes]
        self.result_view.show_result(headline, rows, [
            (self.tr("Files not imported, and why"), failures),
            (self.tr("Documents skipped"), skipped),
            (self.tr("Notes"), notes),
        ], error=bool(failed) and not documents)
        self._end_with_result()
        self.imported.emit([doc_id for r in files for doc_id in r.doc_ids])

    def _failed(self, message: str) -> None:
        self.result_view.show_result(self.tr("The import stopped."), lists=[(self.tr("Why"), [message])], error=True)
        self._set_running(False)

    # --- choices -----------------------------------------------------------------------------------

    def _format_changed(self, *_args: Any) -> None:
        self._forget_label_plan()
        name = self.format.currentData()
        if name is None:
            self.format_help.setText(self.tr("Chosen by each file's extension and contents."))
        else:
            reader = formats.reader_named(name)
            self.format_help.setText(format_description(name, reader.description))

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.paths.selectedItems()))
        self.import_button.setEnabled(self.paths.count() > 0 and self._running is None)

    def _remove_selected(self) -> None:
        for item in self.paths.selectedItems():
            self.paths.takeItem(self.paths.row(item))
        self._forget_label_plan()
        self._update_buttons()

    def _start_folder(self) -> str:
        return str(self.settings.value(SETTINGS_FOLDER, str(Path.home())))

    def _choose_files(self) -> None:
        extensions = " ".join(f"*{ext}" for ext in sorted(formats.importable_extensions()))
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Import files"), self._start_folder(),
                                                self.tr("Files Annotator can read (%1)").replace("%1", extensions))
        if paths:
            self.add_paths(paths)

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Import a folder"), self._start_folder())
        if path:
            self.add_paths([path])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        _accept_urls(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = _dropped_paths(event)
        if paths:
            self.add_paths(paths)
            event.acceptProposedAction()
