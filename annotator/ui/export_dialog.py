"""File ▸ Export: choose a format, where to write, which documents and annotations; then a summary.

Public API::

    dialog = ExportDialog(store, parent)
    dialog = ExportDialog(store, parent, doc_ids=panel.listed_document_ids())  # offer "only these"
    dialog.exported.connect(...)     # ExportSummary, after a successful export
    dialog.open()

The export runs ``annotator.project.exporting.export`` on a worker thread with its
own ``Store``. Cancel stops it at the next progress report and, because
every format writes atomically, leaves nothing behind. The options offered
follow the format: token mode, offset unit and candidates only where the
format uses them (``Writer.uses``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator import formats
from annotator.errors import AnnotatorError
from annotator.formats.registry import ExportOptions, ExportSummary, Writer
from annotator.formats.splits import parse_splits
from annotator.model import Status
from annotator.store import Store
from annotator.ui.plain_text import menu_text, plain_label
from annotator.ui.status_icons import status_icon, status_name
from annotator.ui.transfer_common import (
    Cancelled,
    TransferDialog,
    format_description,
    format_title,
)

DEFAULT_SPLITS = "train=0.8, dev=0.1, test=0.1"
FORMAT_ORDER = ("jsonl", "hf", "spacy", "conll", "prodigy", "doccano", "label-studio", "brat")
SETTINGS_FOLDER = "export/folder"
SETTINGS_FORMAT = "export/format"


class _Checklist(QToolButton):
    """A drop-down of checkable names; nothing checked means all."""

    def __init__(self, everything: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.everything = everything
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setMinimumWidth(180)
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.changed_callback: Callable[[], None] | None = None

    def set_items(self, items: list[tuple[str, str]]) -> None:
        self.menu_.clear()
        for value, text in items:
            action = self.menu_.addAction(menu_text(text))
            action.setCheckable(True)
            action.setData(value)
            action.toggled.connect(self._update)
        self._update()

    def chosen(self) -> list[str]:
        return [a.data() for a in self.menu_.actions() if a.isChecked()]

    def set_chosen(self, values: list[str]) -> None:
        for action in self.menu_.actions():
            action.setChecked(action.data() in values)
        self._update()

    def _update(self) -> None:
        names = [a.text() for a in self.menu_.actions() if a.isChecked()]
        self.setText(", ".join(names) if names else self.everything)
        if self.changed_callback:
            self.changed_callback()


class ExportDialog(TransferDialog):
    exported = Signal(object)
    # One export, then another format or selection: the Export button stays.
    repeatable = True

    def __init__(self, store: Store, parent: QWidget | None = None, *, doc_ids: list[str] | None = None) -> None:
        super().__init__(store, parent)
        self.setWindowTitle(self.tr("Export"))
        self.offered_ids = list(doc_ids) if doc_ids is not None else None
        self.summary: ExportSummary | None = None

        # --- format and output
        self.format = QComboBox(self)
        for name in [n for n in FORMAT_ORDER if n in formats.WRITERS] + sorted(set(formats.WRITERS) - set(FORMAT_ORDER)):
            self.format.addItem(format_title(name), name)
        self.format_help = plain_label("", self)
        self.format_help.setObjectName("TransferHint")
        self.format_help.setWordWrap(True)
        self.output = QLineEdit(self)
        self.output.setPlaceholderText(self.tr("Where to write the dataset"))
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.browse.clicked.connect(self._choose_output)
        output_row = QHBoxLayout()
        output_row.addWidget(self.output, 1)
        output_row.addWidget(self.browse)
        self.output_help = plain_label("", self)
        self.output_help.setObjectName("TransferHint")
        self.output_help.setWordWrap(True)

        # --- what to export
        status_row = QHBoxLayout()
        self.status_boxes: dict[Status, QCheckBox] = {}
        for status in (Status.DONE, Status.SKIPPED, Status.IN_PROGRESS, Status.TODO):
            box = QCheckBox(status_name(status), self)
            box.setIcon(status_icon(status))
            box.setChecked(status is Status.DONE)
            box.toggled.connect(self._selection_changed)
            self.status_boxes[status] = box
            status_row.addWidget(box)
        status_row.addStretch(1)
        self.labels = _Checklist(self.tr("All labels"), self)
        self.labels.set_items([(e.name, f"{e.display or e.name} ({e.name})") for e in store.schema.current.entities])
        self.labels.changed_callback = self._selection_changed
        self.annotators = _Checklist(self.tr("Everyone"), self)
        self.annotators.set_items([(name, name) for name in store.settings.annotators()])
        self.annotators.changed_callback = self._selection_changed
        self.only_listed = QCheckBox(self)
        self.only_listed.setVisible(self.offered_ids is not None)
        self.only_listed.setChecked(self.offered_ids is not None)
        self.only_listed.setText(self.tr("Only the %n documents shown in the document list", "",
                                         len(self.offered_ids or ())))
        self.only_listed.toggled.connect(self._selection_changed)
        self.selection_count = plain_label("", self)
        self.selection_count.setObjectName("TransferHint")

        # --- how to write it
        self.include_candidates = QCheckBox(self.tr("Include candidates (not yet reviewed suggestions)"), self)
        self.tokens_char = QRadioButton(self.tr("Characters"), self)
        self.tokens_word = QRadioButton(self.tr("jieba words"), self)
        self.tokens_char.setChecked(True)
        tokens = QButtonGroup(self)
        tokens.addButton(self.tokens_char)
        tokens.addButton(self.tokens_word)
        self.tokens_row = QWidget(self)
        row = QHBoxLayout(self.tokens_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.tokens_char)
        row.addWidget(self.tokens_word)
        row.addStretch(1)
        self.offsets_codepoint = QRadioButton(self.tr("Code points (Python, spaCy)"), self)
        self.offsets_utf16 = QRadioButton(self.tr("UTF-16 units (to annotate further in the web tool)"), self)
        self.offsets_codepoint.setChecked(True)
        offsets = QButtonGroup(self)
        offsets.addButton(self.offsets_codepoint)
        offsets.addButton(self.offsets_utf16)
        self.offsets_row = QWidget(self)
        column = QVBoxLayout(self.offsets_row)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.offsets_codepoint)
        column.addWidget(self.offsets_utf16)
        self.split = QCheckBox(self.tr("Split into"), self)
        self.split_ratios = QLineEdit(DEFAULT_SPLITS, self)
        self.split_ratios.setEnabled(False)
        self.split_seed = QLineEdit(self)
        self.split_seed.setPlaceholderText(self.tr("seed (optional)"))
        self.split_seed.setFixedWidth(130)
        self.split_seed.setEnabled(False)
        self.split.toggled.connect(self._split_toggled)
        self.split_ratios.textChanged.connect(self._validate)
        split_row = QHBoxLayout()
        split_row.addWidget(self.split)
        split_row.addWidget(self.split_ratios, 1)
        split_row.addWidget(self.split_seed)
        self.split_help = plain_label(self.tr("The same document always lands in the same split: "
                                         "it is chosen by a hash of the document's id."), self)
        self.split_help.setObjectName("TransferHint")
        self.split_help.setWordWrap(True)

        for hint in (self.format_help, self.output_help, self.split_help):
            hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            hint.setMinimumWidth(420)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Format"), self.format)
        form.addRow("", self.format_help)
        form.addRow(self.tr("Output"), output_row)
        form.addRow("", self.output_help)
        form.addRow(self._title(self.tr("What to export")))
        form.addRow(self.tr("Documents"), status_row)
        form.addRow("", self.only_listed)
        form.addRow(self.tr("Entity labels"), self.labels)
        form.addRow(self.tr("Annotators"), self.annotators)
        form.addRow("", self.selection_count)
        form.addRow(self._title(self.tr("How to write it")))
        self.tokens_label = plain_label(self.tr("Tokens"), self)
        form.addRow(self.tokens_label, self.tokens_row)
        self.offsets_label = plain_label(self.tr("Offsets"), self)
        form.addRow(self.offsets_label, self.offsets_row)
        form.addRow("", self.include_candidates)
        form.addRow(self.tr("Splits"), split_row)
        form.addRow("", self.split_help)

        self._add_outcome_widgets()
        self.open_folder = QPushButton(self.tr("Show in folder"), self)
        self.open_folder.hide()
        self.open_folder.clicked.connect(self._show_output)
        self.export_button = self._add_buttons(self.tr("Export"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_folder)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)

        self.options = QWidget(self)
        self.options.setLayout(form)
        self.options.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._lay_out(bottom)
        self.resize(640, 540)

        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(150)
        self._count_timer.timeout.connect(self._count)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.output.textChanged.connect(self._validate)
        remembered = self.settings.value(SETTINGS_FORMAT, "jsonl")
        index = self.format.findData(remembered)
        self.format.setCurrentIndex(max(index, 0))
        self._format_changed()
        self._count()

    # --- public API ----------------------------------------------------------------------------------

    def writer(self) -> Writer:
        return formats.writer_named(self.format.currentData())

    def set_format(self, name: str) -> None:
        self.format.setCurrentIndex(self.format.findData(name))

    def export_options(self) -> ExportOptions:
        writer = self.writer()
        return ExportOptions(
            include_candidates="include_candidates" in writer.uses and self.include_candidates.isChecked(),
            splits=parse_splits(self.split_ratios.text().replace(" ", "")) if self.split.isChecked() else None,
            split_seed=self.split_seed.text().strip() if self.split.isChecked() else "",
            tokens="word" if self.tokens_word.isChecked() else "char",
            offsets="utf16" if self.offsets_utf16.isChecked() else "codepoint",
        )

    def chosen_doc_ids(self) -> list[str] | None:
        """The documents to export when restricted to the list's; None for all that match."""
        return list(self.offered_ids) if self.offered_ids is not None and self.only_listed.isChecked() else None

    def statuses(self) -> list[Status]:
        return [status for status, box in self.status_boxes.items() if box.isChecked()]

    def start(self) -> None:
        """Check the choices, then export on a worker thread."""
        problem = self._problem()
        if problem:
            self.problem.setText(problem)
            return
        from annotator.project.exporting import export

        options = self.export_options()
        format_name = self.format.currentData()
        out = str(Path(self.output.text().strip()).expanduser())
        statuses = self.statuses()
        labels = self.labels.chosen() or None
        annotators = self.annotators.chosen() or None
        doc_ids = self.chosen_doc_ids()
        path, annotator, cancel = self.store.path, self.store.annotator, self._cancel

        def work(progress):
            def report(done: int, total: int) -> None:
                cancel.check()
                progress(done, total, "")

            with Store(path, annotator=annotator) as store:
                return export(store, format_name, out, statuses=statuses, doc_ids=doc_ids, labels=labels,
                              annotators=annotators, options=options, progress=report)

        self.settings.setValue(SETTINGS_FORMAT, format_name)
        self.settings.setValue(SETTINGS_FOLDER, str(Path(out).parent))
        self._run(work, busy=self.tr("Reading the documents…"), cancelling=self.tr("Cancelling…"))

    # --- running ----------------------------------------------------------------------------------

    def _progress(self, done: int, total: int, _what: str) -> None:
        locale = self.locale()
        self.progress.show_progress(done, total, self.tr("%1 of %2 documents").replace(
            "%1", locale.toString(done)).replace("%2", locale.toString(total)))

    def _finished(self, summary: ExportSummary) -> None:
        self.summary = summary
        locale = self.locale()
        n = locale.toString
        headline = self.tr("Exported %1 documents, %2 entities and %3 relations.").replace(
            "%1", n(summary.documents)).replace("%2", n(summary.entities)).replace("%3", n(summary.relations))
        rows = [(self.tr("Written to"), summary.output)]
        if summary.candidates:
            rows.append((self.tr("Candidates"), n(summary.candidates)))
        if len(summary.splits) > 1 or (summary.splits and "all" not in summary.splits):
            for name, counts in summary.splits.items():
                rows.append((name, self.tr("%1 documents, %2 entities, %3 relations").replace(
                    "%1", n(counts["documents"])).replace("%2", n(counts["entities"])).replace(
                    "%3", n(counts["relations"]))))
        for label, count in summary.labels.items():
            rows.append((label, n(count)))
        self.result_view.show_result(headline, rows, [
            (self.tr("Left out, and why"), summary.skipped),
            (self.tr("Notes"), summary.notes),
            (self.tr("Files"), summary.files),
        ])
        self.open_folder.show()
        self._end_with_result()
        self.exported.emit(summary)

    def _failed(self, message: str) -> None:
        if self._cancel.is_set:
            self.result_view.show_result(self.tr("Export cancelled. Nothing was written."))
        else:
            self.result_view.show_result(self.tr("The export failed. Nothing was written."),
                                    lists=[(self.tr("Why"), [message])], error=True)
        self._set_running(False)

    # --- choices -------------------------------------------------------------------------------------

    def _title(self, text: str) -> QLabel:
        label = plain_label(text, self)
        label.setObjectName("SectionTitle")
        return label

    def _writes_folder(self) -> bool:
        return self.writer().folder or self.split.isChecked()

    def _format_changed(self, *_args: Any) -> None:
        writer = self.writer()
        self.format_help.setText(format_description(writer.name, writer.description))
        uses = writer.uses
        for widget in (self.tokens_label, self.tokens_row):
            widget.setVisible("tokens" in uses)
        for widget in (self.offsets_label, self.offsets_row):
            widget.setVisible("offsets" in uses)
        # each web tool's own convention is the default (doccano counts UTF-16 units)
        (self.offsets_utf16 if writer.default_offsets == "utf16" else self.offsets_codepoint).setChecked(True)
        self.include_candidates.setVisible("include_candidates" in uses)
        self._suggest_output()
        self._validate()

    def _split_toggled(self, on: bool) -> None:
        self.split_ratios.setEnabled(on)
        self.split_seed.setEnabled(on)
        self._suggest_output()
        self._validate()

    def _suggest_output(self) -> None:
        """Keep the chosen folder and name; fit the suffix to the format (none for a folder)."""
        current = self.output.text().strip()
        if current:
            path = Path(current)
            stem = path.name.split(".")[0] or "gold"
            folder = path.parent
        else:
            folder = Path(str(self.settings.value(SETTINGS_FOLDER, str(Path.home()))))
            stem = f"{self.store.path.stem}-gold"
        suffix = "" if self._writes_folder() else self.writer().suffix
        self.output.setText(str(folder / f"{stem}{suffix}"))
        self.output_help.setText(
            self.tr("A folder: one file per split, and the label schema.") if self._writes_folder()
            else self.tr("One file, with the label schema beside it.")
        )

    def _choose_output(self) -> None:
        if self._writes_folder():
            path = QFileDialog.getExistingDirectory(self, self.tr("Export to folder"), self.output.text())
            if path:
                self.output.setText(str(Path(path) / Path(self.output.text()).name))
        else:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to file"), self.output.text())
            if path:
                self.output.setText(path)

    def _selection_changed(self, *_args: Any) -> None:
        self._count_timer.start()
        self._validate()

    def _count(self) -> None:
        statuses = self.statuses()
        if not statuses:
            self.selection_count.setText(self.tr("Choose at least one status."))
            return
        annotators = self.annotators.chosen() or None
        ids = self.store.documents.ids(statuses, annotators=annotators)
        wanted = self.chosen_doc_ids()
        count = len(set(ids) & set(wanted)) if wanted is not None else len(ids)
        self.selection_count.setText(self.tr("%n documents match.", "", count))

    def _problem(self) -> str:
        if not self.output.text().strip():
            return self.tr("Choose where to write the dataset.")
        if not self.statuses():
            return self.tr("Choose at least one status.")
        if self.split.isChecked():
            try:
                parse_splits(self.split_ratios.text().replace(" ", ""))
            except AnnotatorError as exc:
                return str(exc).replace("--split: ", "")
        return ""

    def _validate(self, *_args: Any) -> None:
        problem = self._problem()
        self.problem.setText(problem)
        self.export_button.setEnabled(not problem and self._running is None)

    def _show_output(self) -> None:
        if self.summary is None:
            return
        target = Path(self.summary.output)
        folder = target if target.is_dir() else target.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


__all__ = ["Cancelled", "ExportDialog"]
