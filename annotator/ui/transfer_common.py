"""What the import and export dialogs share: their frame and how they run, the progress row, the result panel,
format names, cancelling.

Both dialogs run their work on a worker thread with its own ``Store`` (a
store belongs to the thread that opened it) through ``workers.BackgroundTasks``.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLayout,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from annotator.errors import AnnotatorError
from annotator.ui.plain_text import make_plain, plain_label
from annotator.ui.settings import ui_settings
from annotator.ui.workers import BackgroundTasks, TaskSignals

if TYPE_CHECKING:
    from annotator.store import Store

STYLE = """
#TransferResult { border: 1px solid #d9e2ec; border-radius: 6px; background: #ffffff; }
#TransferHint { color: #7b8794; }
#TransferError { color: #b42318; }
#SectionTitle { font-weight: 600; color: #3e4c59; padding-top: 4px; }
"""

# Items listed one by one in a result before the rest are counted.
SHOWN_ITEMS = 50


class Cancelled(AnnotatorError):
    """Raised from a progress report once the user pressed Cancel; the work stops there."""


class CancelFlag:
    """Set from the window's thread, checked from the worker's progress reports."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def clear(self) -> None:
        self._event.clear()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled("cancelled")

    @property
    def is_set(self) -> bool:
        return self._event.is_set()


def format_title(name: str) -> str:
    """A format's name as people write it."""
    titles = {
        "jsonl": QCoreApplication.translate("Formats", "Annotator JSONL"),
        "doccano": "doccano",
        "label-studio": "Label Studio",
        "prodigy": "Prodigy",
        "spacy": "spaCy",
        "brat": "brat",
        "conll": QCoreApplication.translate("Formats", "CoNLL / BIO"),
        "hf": "Hugging Face",
        "text": QCoreApplication.translate("Formats", "Newspaper pages (text)"),
        "whole-text": QCoreApplication.translate("Formats", "Plain text, one document per file"),
    }
    return titles.get(name, name)


def format_description(name: str, fallback: str) -> str:
    """What a format holds, in the interface language (the registry's English otherwise)."""
    descriptions = {
        "jsonl": QCoreApplication.translate("Formats", "Everything: entities, relations, annotators, status, provenance. "
                               "The format for moving data between Annotator projects."),
        "doccano": QCoreApplication.translate("Formats", "doccano's JSONL for sequence labelling with relations."),
        "label-studio": QCoreApplication.translate("Formats", "Label Studio tasks with labels and relations, plus the matching "
                                      "labelling configuration."),
        "prodigy": QCoreApplication.translate("Formats", "Prodigy JSONL: tokens, spans and relations (also read by spaCy's "
                                 "relation extraction tutorial)."),
        "spacy": QCoreApplication.translate("Formats", "A spaCy DocBin (.spacy) with entities and spans, ready for spacy train."),
        "brat": QCoreApplication.translate("Formats", "brat standoff: a .txt and .ann file per document, with annotation.conf."),
        "conll": QCoreApplication.translate("Formats", "One token and its BIO tag per line, by character (as in MSRA and People's "
                               "Daily) or by jieba word. Nested spans cannot be held; the summary lists them."),
        "hf": QCoreApplication.translate("Formats", "A Hugging Face dataset folder: JSONL splits and a dataset card, for "
                            "datasets.load_dataset(\"json\", ...)."),
        "text": QCoreApplication.translate("Formats", "Plain text newspaper pages, cut into articles."),
        "whole-text": QCoreApplication.translate("Formats", "Plain text or Markdown; each file becomes one document."),
    }
    return descriptions.get(name, fallback)


class ProgressRow(QWidget):
    """A progress bar with a line saying what is being done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.label = plain_label("", self)
        self.label.setObjectName("TransferHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.bar)
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        layout.addLayout(row)

    def show_progress(self, done: int, total: int, text: str) -> None:
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(min(done, max(1, total)))
        self.label.setText(text)

    def busy(self, text: str) -> None:
        self.bar.setRange(0, 0)
        self.label.setText(text)


class ResultView(QTextBrowser):
    """The summary at the end: headline, figures, and lists of what was skipped and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TransferResult")
        self.setOpenExternalLinks(True)
        self.setMinimumHeight(160)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.plain_text = ""

    def show_result(self, headline: str, rows: Sequence[tuple[str, str]] = (),
                    lists: Sequence[tuple[str, Sequence[str]]] = (), error: bool = False) -> None:
        """``rows``: (name, value) figures; ``lists``: (title, items) such as what was skipped."""
        color = "#b42318" if error else "#1f2933"
        parts = [f"<p style='font-weight:600; color:{color}'>{html.escape(headline)}</p>"]
        plain = [headline]
        if rows:
            parts.append("<table cellspacing='0' cellpadding='2'>")
            for name, value in rows:
                parts.append(f"<tr><td style='color:#616e7c; padding-right:16px'>{html.escape(name)}</td>"
                             f"<td align='right'>{html.escape(value)}</td></tr>")
                plain.append(f"{name}: {value}")
            parts.append("</table>")
        for title, items in lists:
            if not items:
                continue
            parts.append(f"<p style='font-weight:600; color:#3e4c59; margin-top:10px'>{html.escape(title)}</p><ul>")
            plain.append(title)
            for item in items[:SHOWN_ITEMS]:
                parts.append(f"<li>{html.escape(item)}</li>")
                plain.append(f"- {item}")
            if len(items) > SHOWN_ITEMS:
                more = QCoreApplication.translate("ResultView", "… and %1 more").replace(
                    "%1", str(len(items) - SHOWN_ITEMS))
                parts.append(f"<li style='color:#7b8794'>{html.escape(more)}</li>")
                plain.append(more)
            parts.append("</ul>")
        self.setHtml("".join(parts))
        self.plain_text = "\n".join(plain)


class TransferDialog(QDialog):
    """The frame of the import and export dialogs, and their one job at a time on a worker thread of its own.

    From the top: the subclass's ``options``, a line saying what is wrong
    with them, the progress row, the result, and the buttons. A subclass
    builds its options, then calls ``_add_outcome_widgets()``, its own
    widgets for beside the buttons, ``_add_buttons(action)`` and
    ``_lay_out(bottom)`` (creation order is the keyboard's order). It
    implements ``start`` (check the choices, then ``_run``), ``_progress``,
    ``_finished`` (ending with ``_end_with_result``) and ``_failed`` (ending
    with ``_set_running(False)``).
    """

    # How long closing waits for the worker to reach its next progress report and stop.
    close_wait_ms = 30_000
    # After a result, offer the work again (an export in another format) beside Close.
    repeatable = False

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(STYLE)
        self.store = store
        self.settings = ui_settings()
        self.options: QWidget
        self._tasks: BackgroundTasks | None = None
        self._running: TaskSignals | None = None
        self._cancel = CancelFlag()
        self._cancelling_text = ""

    # --- building ----------------------------------------------------------------------------

    def _add_outcome_widgets(self) -> None:
        self.problem = plain_label("", self)
        self.problem.setObjectName("TransferError")
        self.problem.setWordWrap(True)
        self.progress = ProgressRow(self)
        self.progress.hide()
        self.result_view = ResultView(self)
        self.result_view.hide()

    def _add_buttons(self, action: str) -> QPushButton:
        """The button that starts the work (returned), Cancel, and Close once there is a result."""
        self.buttons = QDialogButtonBox(self)
        self._action_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self._action_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.accept)
        return self._action_button

    def _lay_out(self, bottom: QLayout | QWidget) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.options)
        layout.addWidget(self.problem)
        layout.addWidget(self.progress)
        layout.addWidget(self.result_view, 1)
        # Takes the spare height until there is a result to show.
        layout.addStretch(1)
        self._spacer_index = layout.count() - 1
        if isinstance(bottom, QLayout):
            layout.addLayout(bottom)
        else:
            layout.addWidget(bottom)
        self._layout = layout
        # Labels the subclass made (file names, messages from the files) show plain text.
        make_plain(self)

    # --- running ----------------------------------------------------------------------------

    def start(self) -> None:
        raise NotImplementedError

    def _run(self, work: Callable[[Callable[..., None]], Any], *, busy: str, cancelling: str) -> None:
        """Run ``work(progress)`` on the worker thread; ``busy`` shows until its first report, ``cancelling`` after Cancel."""
        if self._tasks is None:
            self._tasks = BackgroundTasks(self, threads=1)
        self._cancel.clear()
        self._cancelling_text = cancelling
        self._set_running(True)
        self.progress.busy(busy)
        self._running = self._tasks.start(work)
        self._running.progress.connect(self._progress)
        self._running.finished.connect(self._job_finished)
        self._running.failed.connect(self._job_failed)

    def cancel(self) -> None:
        if self._running is not None:
            self._cancel.set()
            self.progress.busy(self._cancelling_text)
            return
        self.reject()

    def done(self, result: int) -> None:
        if self._running is not None:
            self._cancel.set()
        if self._tasks is not None:
            self._tasks.wait(self.close_wait_ms)
        super().done(result)

    def _set_running(self, running: bool) -> None:
        self.options.setEnabled(not running)
        self._action_button.setEnabled(not running)
        self.progress.setVisible(running)
        has_result = not running and self.result_view.toPlainText() != ""
        self.result_view.setVisible(has_result)
        self._layout.setStretch(self._spacer_index, 0 if has_result else 1)
        self.problem.clear()

    def _end_with_result(self) -> None:
        """The work is done and its result shown: make room for it, and offer Close (and, if repeatable, the work again)."""
        self._set_running(False)
        self.resize(self.width(), max(self.height(), 700))
        self._action_button.setVisible(self.repeatable)
        self._action_button.setDefault(False)
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def _job_finished(self, result: Any) -> None:
        self._running = None
        self._finished(result)

    def _job_failed(self, message: str) -> None:
        self._running = None
        self._failed(message)

    def _progress(self, done: int, total: int, what: str) -> None:
        raise NotImplementedError

    def _finished(self, result: Any) -> None:
        raise NotImplementedError

    def _failed(self, message: str) -> None:
        raise NotImplementedError
