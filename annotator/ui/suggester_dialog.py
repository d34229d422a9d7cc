"""Project ▸ Suggester: the learned model the project suggests with, how well it does, and when it retrains.

Public API::

    dialog = SuggesterDialog(store, jobs, parent)   # jobs: the window's SuggesterJobs
    dialog.open()

Shows the current model (version, when and on how much it was trained, its
cross-validated precision, recall and F1 per label), or why there is none
(too little reviewed data: how much more is needed; a damaged or newer
model), and the project settings ``learning.retrain_automatically`` and
``learning.retrain_every``, which OK saves (each change is in the event log).
"Train now" starts a training in the background (``SuggesterJobs.train``);
its progress shows in the status bar.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.learning.settings import (
    MIN_DOCUMENTS,
    MIN_ENTITIES,
    retrain_automatically,
    retrain_every,
    set_retrain_automatically,
    set_retrain_every,
)
from annotator.model import Status
from annotator.store import Store
from annotator.store.models import ModelSummary, ModelUnreadableError
from annotator.ui.learning_jobs import SuggesterJobs, fallback_sources_text, model_problem_text
from annotator.ui.plain_text import make_plain, plain_label


class SuggesterDialog(QDialog):
    def __init__(self, store: Store, jobs: SuggesterJobs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Suggester"))
        self.setObjectName("SuggesterDialog")
        self.store = store
        self.jobs = jobs

        self.model_text = plain_label("", self)
        self.model_text.setObjectName("SuggesterModel")
        self.model_text.setWordWrap(True)
        self.figures = QTableWidget(0, 5, self)
        self.figures.setObjectName("SuggesterFigures")
        self.figures.setHorizontalHeaderLabels(
            [self.tr("Label"), self.tr("Precision"), self.tr("Recall"), self.tr("F1"), self.tr("Entities")]
        )
        self.figures.verticalHeader().setVisible(False)
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.figures.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.figures.setMinimumHeight(150)
        self.data_text = plain_label("", self)
        self.data_text.setObjectName("SuggesterData")
        self.data_text.setWordWrap(True)

        self.automatic = QCheckBox(self.tr("Retrain automatically after every"), self)
        self.automatic.setObjectName("RetrainAutomatically")
        self.every = QSpinBox(self)
        self.every.setObjectName("RetrainEvery")
        self.every.setRange(1, 10_000)
        self.every.setSuffix(self.tr(" newly finished documents"))
        self.automatic.setChecked(retrain_automatically(store))
        self.every.setValue(retrain_every(store))
        self.every.setEnabled(self.automatic.isChecked())
        self.automatic.toggled.connect(self.every.setEnabled)
        row = QHBoxLayout()
        row.addWidget(self.automatic)
        row.addWidget(self.every)
        row.addStretch(1)
        hint = plain_label(self.tr(
            "Training runs in the background while you work; its progress shows in the status bar. "
            "The document you are working on keeps its suggestions until you move on."), self)
        hint.setWordWrap(True)
        hint.setObjectName("SuggesterHint")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.train_button = buttons.addButton(self.tr("Train now"), QDialogButtonBox.ButtonRole.ActionRole)
        self.train_button.setObjectName("SuggesterTrainNow")
        self.train_button.clicked.connect(self.train_now)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.model_text)
        layout.addWidget(self.figures)
        layout.addWidget(self.data_text)
        layout.addSpacing(6)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(560, 460)
        if store.read_only:
            # a read-only project can show its model, not train one or change its settings
            for widget in (self.automatic, self.every, self.train_button):
                widget.setEnabled(False)
        make_plain(self)
        self.show_state()
        jobs.trained.connect(self.show_state)
        jobs.progress.connect(self._progress)

    def show_state(self, *_args: object) -> None:
        """What the project's model is now, and what it learns from."""
        locale = self.locale()
        problem = self.jobs.problem
        model: ModelSummary | None = None
        try:
            model = self.store.models.current()
        except ModelUnreadableError as exc:
            problem = model_problem_text(exc.reason)
        if problem:
            self.model_text.setText(problem)
        elif model is None:
            self.model_text.setText(self.tr(
                "No model yet: suggestions come from jieba, %1. The suggester learns "
                "from the documents you mark done.").replace("%1", fallback_sources_text()))
        else:
            overall = (model.metrics.get("overall") or {}).get("f1")
            self.model_text.setText(
                self.tr("Model version %1, trained %2 on %3 documents with %4 entities. Cross-validated F1: %5.")
                .replace("%1", str(model.id))
                .replace("%2", model.created_at[:16].replace("T", " "))
                .replace("%3", locale.toString(model.documents))
                .replace("%4", locale.toString(model.entities))
                .replace("%5", f"{overall:.3f}" if overall is not None else "–")
            )
        self._fill_figures(model if not problem else None)
        done = self.store.documents.count([Status.DONE])
        entities = self.store.db.conn.execute(
            "SELECT COUNT(*) FROM entities e JOIN documents d ON d.id = e.doc_id WHERE d.status = 'done'"
        ).fetchone()[0]
        text = (self.tr("Documents marked done: %1, with %2 entities.")
                .replace("%1", locale.toString(done)).replace("%2", locale.toString(entities)))
        if done < MIN_DOCUMENTS or entities < MIN_ENTITIES:
            text += " " + (self.tr("Training needs at least %1 documents and %2 entities.")
                           .replace("%1", str(MIN_DOCUMENTS)).replace("%2", str(MIN_ENTITIES)))
        elif model is not None and not problem:
            text += " " + self.tr("Finished since this model: %1.").replace(
                "%1", locale.toString(max(0, done - model.documents)))
        self.data_text.setText(text)
        self.train_button.setEnabled(not self.jobs.running and not self.store.read_only)

    def _fill_figures(self, model: ModelSummary | None) -> None:
        labels = (model.metrics.get("labels") or {}) if model is not None else {}
        overall = (model.metrics.get("overall") or {}) if model is not None else {}
        renamed = getattr(model, "label_map", {}) or {}
        # the names the labels have now (renamed since training); a deleted label keeps its old name
        current = [renamed.get(name) or name for name in labels]
        # as the labels panel shows them: the schema's display name with the name the exports use
        display = {label.name: label.display for label in self.store.schema.current.entities if label.display}
        rows = [
            (f"{display[name]} {name}" if name in display and display[name] != name else name, figures)
            for name, figures in zip(current, labels.values(), strict=True)
        ]
        if overall:
            rows.append((self.tr("All labels"), overall))
        self.figures.setRowCount(len(rows))
        self.figures.setVisible(bool(rows))
        for number, (name, figures) in enumerate(rows):
            cells = [name] + [
                f"{figures[key]:.3f}" if figures.get(key) is not None else "–" for key in ("precision", "recall", "f1")
            ] + [str(figures.get("gold", ""))]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.figures.setItem(number, column, item)
        # no empty rows below the last label: the table is no taller than its rows (it scrolls when the dialog is smaller)
        self.figures.resizeRowsToContents()
        rows_height = sum(self.figures.rowHeight(row) for row in range(len(rows)))
        self.figures.setMaximumHeight(
            max(self.figures.minimumHeight(),
                self.figures.horizontalHeader().sizeHint().height() + rows_height + 2 * self.figures.frameWidth()))

    def _progress(self, _text: str, percent: int, _cancellable: bool) -> None:
        self.train_button.setEnabled(not self.jobs.running and not self.store.read_only)

    def train_now(self) -> None:
        if self.store.read_only:
            return
        self.save()
        self.jobs.train()
        self.train_button.setEnabled(False)

    def save(self) -> None:
        """Write the retraining settings when they changed (each change is an event in the log)."""
        if self.store.read_only:
            return
        if self.automatic.isChecked() != retrain_automatically(self.store):
            set_retrain_automatically(self.store, self.automatic.isChecked())
        if self.every.value() != retrain_every(self.store):
            set_retrain_every(self.store, self.every.value())

    def accept(self) -> None:
        self.save()
        super().accept()


def show_suggester_dialog(store: Store, jobs: SuggesterJobs, parent: QWidget | None = None) -> SuggesterDialog:
    dialog = SuggesterDialog(store, jobs, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.open()
    return dialog
