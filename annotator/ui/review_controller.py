"""The review state machine (``annotator.review.machine``) on Qt: its hooks as signals, its steps on a QUndoStack.

The document view, the side panels and the window's actions call the
machine's methods on this object and redraw when its signals fire. The
logic itself, and its tests, live in ``annotator.review``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from annotator.review.machine import ReviewMachine
from annotator.review.notes import Note
from annotator.review.session import ActivityClock
from annotator.store import Store
from annotator.ui.commands import QtHistory
from annotator.ui.review_notes import note_text

# Time on the open document is written this often, so a killed app loses at most this much.
TIME_FLUSH_MS = 30_000


class ReviewController(QObject, ReviewMachine):
    documentOpened = Signal(str)
    # the open document's spans, relations or labels changed
    annotationsChanged = Signal()
    focusChanged = Signal()
    draftChanged = Signal()
    # statuses, titles or the set of documents changed: lists and progress need a refresh
    documentsChanged = Signal()
    # a sentence for the status bar
    message = Signal(str)
    # show this stretch of the text (code points) and put the caret there
    revealRequested = Signal(int, int)
    # texts whose labels a step added or took away: their other occurrences need fresh candidates
    relabelled = Signal(list)
    # the label schema changed, or an undo changed it back
    schemaChanged = Signal()

    def __init__(self, store: Store, parent: QObject | None = None, *, activity: ActivityClock | None = None) -> None:
        # PySide's QObject.__init__ hands the keyword arguments on to ReviewMachine.__init__.
        super().__init__(parent, store=store, activity=activity)  # type: ignore[call-arg]
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(0)
        self.history = QtHistory(self.undo_stack, self.apply_change, self._refused)
        self._time_timer = QTimer(self)
        self._time_timer.setInterval(TIME_FLUSH_MS)
        self._time_timer.timeout.connect(self.flush_time)
        self._time_timer.start()

    def on_document_opened(self, doc_id: str) -> None:
        self.documentOpened.emit(doc_id)

    def on_annotations_changed(self) -> None:
        self.annotationsChanged.emit()

    def on_focus_changed(self) -> None:
        self.focusChanged.emit()

    def on_draft_changed(self) -> None:
        self.draftChanged.emit()

    def on_documents_changed(self) -> None:
        self.documentsChanged.emit()

    def on_note(self, note: Note) -> None:
        self.message.emit(note_text(note))

    def on_reveal(self, start: int, end: int) -> None:
        self.revealRequested.emit(start, end)

    def on_relabelled(self, texts: list[str]) -> None:
        self.relabelled.emit(texts)

    def on_schema_changed(self) -> None:
        self.schemaChanged.emit()

    def close(self) -> None:
        self._time_timer.stop()
        super().close()
