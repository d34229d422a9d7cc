"""The reviewer's intents, turned into undoable store commands. No widgets here.

The document view, the side panels and the window's actions all call this
object; it pushes a command for every change, reloads the document's state
from the store once the change is committed, and tells the widgets through
signals. Tests drive it without any widget at all.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from annotator.errors import AnnotatorError
from annotator.label_schema import LabelSchema
from annotator.model import Status
from annotator.review.document_state import DocumentState
from annotator.review.label_keys import label_for_key
from annotator.review.relation_draft import RelationDraft, RelationRefused
from annotator.review.session import ActivityClock, SessionSpeed
from annotator.review.spans import Edge, Span, SpanKey, SpanKind, nudged, trimmed
from annotator.store import Store
from annotator.ui import commands as cmd

log = logging.getLogger(__name__)

# Time on the open document is written this often, so a killed app loses at most this much.
TIME_FLUSH_MS = 30_000


class ReviewController(QObject):
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
    # the database could not take a step (disk full, damaged file); the step was not made
    storeFailed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None, *, activity: ActivityClock | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(0)
        self.context = cmd.CommandContext(store, self._on_change, self._on_refused, self._on_store_failed)
        self.state: DocumentState | None = None
        self.focus: SpanKey | None = None
        self.draft: RelationDraft | None = None
        # the text cursor, in code points; Tab starts from here when nothing is focused
        self.caret = 0
        self.activity = activity or ActivityClock()
        self.speed = SessionSpeed()
        self._refusal: str | None = None
        self._time_timer = QTimer(self)
        self._time_timer.setInterval(TIME_FLUSH_MS)
        self._time_timer.timeout.connect(self.flush_time)

    # --- small questions -----------------------------------------------------------

    @property
    def schema(self) -> LabelSchema:
        return self.store.schema.current

    @property
    def doc_id(self) -> str | None:
        return self.state.doc_id if self.state else None

    def focused_span(self) -> Span | None:
        return self.state.span(self.focus) if self.state else None

    def progress(self) -> tuple[int, int]:
        """(done, total) documents in the project."""
        return self.store.documents.count([Status.DONE]), self.store.documents.count()

    def entities_per_minute(self) -> float | None:
        return self.speed.per_minute(self.activity.session_seconds)

    # --- documents --------------------------------------------------------------------

    def open_document(self, doc_id: str) -> None:
        self._record_time()
        self.state = DocumentState.load(self.store, doc_id)
        self.focus = None
        self.draft = None
        self.caret = 0
        self.activity.start()
        self._time_timer.start()
        self.documentOpened.emit(doc_id)
        self.focusChanged.emit()
        self.draftChanged.emit()

    def open_first_unfinished(self) -> bool:
        """Open the first todo or in-progress document; else the first document. False if there is none."""
        doc_id = self.store.documents.next_unfinished()
        if doc_id is None:
            ids = self.store.documents.ids()
            doc_id = ids[0] if ids else None
        if doc_id is None:
            return False
        self.open_document(doc_id)
        return True

    def open_adjacent(self, step: int) -> None:
        """The next (+1) or previous (-1) document in reading order, whatever its status."""
        if self.state is None:
            self.open_first_unfinished()
            return
        target = self.store.documents.adjacent(self.state.doc_id, step)
        if target is None:
            self.message.emit(self.tr("This is the last document.") if step > 0 else self.tr("This is the first document."))
            return
        self.open_document(target)

    def reload(self) -> None:
        """Re-read the open document (candidates came in from a worker, for instance); keeps the focus if it still exists."""
        if self.state is None:
            return
        if not self.store.documents.exists(self.state.doc_id):
            self.state = None
            self.focus = None
            self.open_first_unfinished()
            return
        self.state.reload(self.store)
        if self.focus not in self.state.spans:
            # A refresh keeps the ids of the candidates it suggests again, so
            # a focus that is gone points at something that really went away.
            self.focus = None
            self.focusChanged.emit()
        self.annotationsChanged.emit()

    def done_and_next(self) -> None:
        self._finish(Status.DONE, "")

    def skip_and_next(self, reason: str) -> None:
        self._finish(Status.SKIPPED, reason.strip())

    def _finish(self, status: Status, reason: str) -> None:
        if self.state is None:
            return
        doc_id = self.state.doc_id
        pending = self.state.pending_count()
        if not self._push(cmd.SetStatus(self.context, doc_id, status, reason)):
            return
        following = self.store.documents.next_unfinished(doc_id)
        if status is Status.DONE and pending:
            note = self.tr("Marked done; undecided candidates left out: %1.").replace("%1", str(pending))
        elif status is Status.DONE:
            note = self.tr("Marked done.")
        else:
            note = self.tr("Skipped.")
        if following is None:
            self.message.emit(note + " " + self.tr("Every document is done or skipped."))
            return
        self.open_document(following)
        self.message.emit(note)

    # --- focus ---------------------------------------------------------------------------

    def set_focus(self, key: SpanKey | None) -> None:
        if self.state is not None and key is not None and key not in self.state.spans:
            key = None
        if key == self.focus:
            return
        self.focus = key
        if self.draft is not None:
            span = self.focused_span()
            if span is not None and span.is_entity and span.key.id != self.draft.head.id:
                self.draft.propose_tail(self.state.entities.get(span.key.id))
            else:
                self.draft.propose_tail(None)
            self.draftChanged.emit()
        self.focusChanged.emit()

    def focus_next(self) -> None:
        self._step_focus(+1)

    def focus_previous(self) -> None:
        self._step_focus(-1)

    def _step_focus(self, direction: int) -> None:
        if self.state is None:
            return
        # While drawing a relation only entities can be its tail.
        kinds = [SpanKind.ENTITY] if self.draft is not None else None
        key = self.focus
        if direction > 0:
            span = self.state.spans.next_after(key, self.caret, kinds=kinds)
        else:
            span = self.state.spans.previous_before(key, self.caret, kinds=kinds)
        if self.draft is not None and span is not None and span.key.id == self.draft.head.id:
            # Skip over the head itself.
            step = self.state.spans.next_after if direction > 0 else self.state.spans.previous_before
            span = step(span.key, kinds=kinds)
            if span is not None and span.key.id == self.draft.head.id:
                span = None
        if span is None:
            self.message.emit(
                self.tr("No other entity to relate to.") if self.draft else self.tr("Nothing to review in this document.")
            )
            return
        self.set_focus(span.key)

    def focus_at(self, position: int) -> None:
        """A click: focus the innermost span there; clicking again on the same place steps outwards."""
        if self.state is None:
            return
        covering = self.state.spans.at(position)
        if self.draft is not None:
            covering = [s for s in covering if s.is_entity]
        if not covering:
            if self.draft is None:
                self.set_focus(None)
            return
        keys = [s.key for s in covering]
        if self.focus in keys:
            key = keys[(keys.index(self.focus) + 1) % len(keys)]
        else:
            key = keys[0]
        self.set_focus(key)

    def cancel(self) -> None:
        """Escape: drop a relation in progress, else the focus."""
        if self.draft is not None:
            head = self.draft.head
            self.draft = None
            self.draftChanged.emit()
            self.set_focus(SpanKey(SpanKind.ENTITY, head.id))
            self.message.emit(self.tr("Relation cancelled."))
            return
        self.set_focus(None)

    # --- spans ------------------------------------------------------------------------------

    def accept_focused(self) -> None:
        if self.draft is not None:
            self.confirm_relation()
            return
        span = self.focused_span()
        if span is None:
            self.message.emit(self.tr("Tab to a candidate first; Return accepts it."))
            return
        if span.is_entity:
            self.message.emit(self.tr("This is already an entity; a number relabels it, Delete removes it."))
            return
        if self._push(cmd.AcceptCandidate(self.context, span.key.id)):
            self._advance_to_candidate(span.start)

    def reject_or_delete_focused(self) -> None:
        span = self.focused_span()
        if span is None or self.draft is not None:
            self.message.emit(self.tr("Tab to a candidate or an entity first."))
            return
        if span.is_candidate:
            if self._push(cmd.RejectCandidate(self.context, span.key.id)):
                self._advance_to_candidate(span.start)
            return
        relations = len(self.state.relations_of(span.key.id))
        if self._push(cmd.DeleteEntity(self.context, span.key.id)):
            following = self.state.spans.next_after(None, span.start, wrap=False)
            self.set_focus(following.key if following else None)
            if relations:
                self.message.emit(
                    self.tr("Deleted “%1” and the relations that used it (%2). Ctrl+Z brings them back.")
                    .replace("%1", span.text)
                    .replace("%2", str(relations))
                )

    def label_key(self, key: str, selection: tuple[int, int] | None = None) -> bool:
        """A label key (1-9 or a schema hotkey); in a relation draft, a digit picks the relation type.

        Returns False when the key means nothing here, so the view can pass it on.
        """
        if self.draft is not None:
            if key.isdigit():
                self.pick_relation(int(key))
                return True
            return False
        label = label_for_key(self.schema, key)
        if label is None:
            return False
        self.apply_label(label, selection)
        return True

    def apply_label(self, label: str, selection: tuple[int, int] | None = None) -> bool:
        """Label the selection; or relabel the focused entity; or accept the focused candidate as ``label``."""
        if self.state is None:
            return False
        if selection is not None:
            span = trimmed(self.state.text, *selection)
            if span is None:
                self.message.emit(self.tr("The selection holds only white space."))
                return False
            return self._push(cmd.AddEntity(self.context, self.state.doc_id, span[0], span[1], label))
        focused = self.focused_span()
        if focused is None:
            self.message.emit(self.tr("Select some text, or Tab to a candidate or an entity, then press a label key."))
            return False
        if focused.is_candidate:
            if self._push(cmd.AcceptCandidate(self.context, focused.key.id, label=label)):
                self._advance_to_candidate(focused.start)
                return True
            return False
        if focused.label == label:
            return True
        return self._push(cmd.UpdateEntity(self.context, focused.key.id, label=label))

    def move_edge(self, edge: Edge, delta: int) -> None:
        span = self.focused_span()
        if span is None:
            self.message.emit(self.tr("Tab to a span first to move its boundaries."))
            return
        moved = nudged(self.state.text, span.start, span.end, edge, delta)
        if moved is None:
            self.message.emit(self.tr("The span cannot shrink or grow any further that way."))
            return
        start, end = moved
        if span.is_candidate:
            # Fixing a suggestion's boundary is a decision about it: accept it as fixed.
            if self._push(cmd.AcceptCandidate(self.context, span.key.id, start=start, end=end)):
                self.message.emit(self.tr("Accepted with the new boundary."))
            return
        self._push(cmd.UpdateEntity(self.context, span.key.id, start=start, end=end))

    def _advance_to_candidate(self, position: int) -> None:
        """After a decision, move on to the next pending candidate, as a reviewer would."""
        following = self.state.spans.next_after(None, position, kinds=[SpanKind.CANDIDATE])
        if following is not None:
            self.set_focus(following.key)
        elif self.state.spans.get(self.focus) is None:
            self.set_focus(None)
        if following is None:
            self.message.emit(self.tr("No candidates left in this document. Ctrl+Return marks it done."))

    # --- relations ----------------------------------------------------------------------------

    def start_relation(self) -> None:
        span = self.focused_span()
        if span is None or not span.is_entity:
            self.message.emit(
                self.tr("Accept the candidate first; relations join entities.")
                if span is not None
                else self.tr("Tab to an entity first; R starts a relation from it.")
            )
            return
        self.draft = RelationDraft(self.schema, self.state.entities[span.key.id])
        self.draftChanged.emit()
        self.message.emit(self.tr("Relation from “%1”: Tab to the tail, then press the number of the type.").replace("%1", span.text))

    def pick_relation(self, number: int) -> None:
        if self.draft is None:
            return
        try:
            relation = self.draft.pick(number, self.state.relations)
        except RelationRefused as exc:
            self.message.emit(str(exc))
            return
        self._add_relation(relation.name)

    def confirm_relation(self) -> None:
        if self.draft is None:
            return
        only = self.draft.only_choice(self.state.relations)
        if only is None:
            self.pick_relation(0)  # explains what is missing
            return
        self._add_relation(only.name)

    def _add_relation(self, name: str) -> None:
        draft = self.draft
        self.draft = None
        if self._push(cmd.AddRelation(self.context, draft.head.id, draft.tail.id, name)):
            self.set_focus(SpanKey(SpanKind.ENTITY, draft.head.id))
            self.message.emit(
                self.tr("Added %1: %2 → %3").replace("%1", name).replace("%2", draft.head.text).replace("%3", draft.tail.text)
            )
        else:
            self.draft = draft
        self.draftChanged.emit()

    def delete_relation(self, relation_id: int) -> None:
        self._push(cmd.DeleteRelation(self.context, relation_id))

    # --- the document as a whole -------------------------------------------------------------

    def set_doc_label(self, name: str, value: str | None) -> None:
        if self.state is None:
            return
        if self.state.doc_labels.get(name) == value:
            return
        self._push(cmd.SetDocLabel(self.context, self.state.doc_id, name, value))

    # --- segmentation ---------------------------------------------------------------------------

    def split_at_caret(self) -> None:
        """Split the article in two where the text cursor is."""
        if self.state is None:
            return
        offset = self.caret
        if self._push(cmd.split_at(self.context, self.state.doc_id, offset)):
            self.message.emit(self.tr("Split the article; the rest is now the next document. Ctrl+Z joins them again."))

    def merge_with_next(self) -> None:
        if self.state is None:
            return
        following = self.store.documents.adjacent(self.state.doc_id, +1)
        if following is None:
            self.message.emit(self.tr("This is the last document; there is nothing to merge it with."))
            return
        if self._push(cmd.merge_with(self.context, self.state.doc_id, following)):
            self.message.emit(self.tr("Merged with the next document. Ctrl+Z splits them again."))

    def move_selection(self, selection: tuple[int, int] | None, step: int) -> None:
        """Move the selected text to the end of the previous document (-1) or the start of the next (+1)."""
        if self.state is None:
            return
        if selection is None:
            self.message.emit(self.tr("Select the text to move first."))
            return
        target = self.store.documents.adjacent(self.state.doc_id, step)
        if target is None:
            self.message.emit(self.tr("There is no document on that side to move the text to."))
            return
        at = 0 if step > 0 else None
        if self._push(cmd.move_text(self.context, self.state.doc_id, selection[0], selection[1], target, at=at)):
            self.message.emit(self.tr("Moved the text. Ctrl+Z puts it back."))

    def apply_occurrences(self, occurrences: list, label: str) -> bool:
        if self.state is None or not occurrences:
            return False
        return self._push(cmd.ApplyOccurrences(self.context, self.state.doc_id, occurrences, label))

    # --- undo and redo --------------------------------------------------------------------------

    def undo(self) -> None:
        if not self.undo_stack.canUndo():
            self.message.emit(self.tr("Nothing to undo."))
            return
        text = self.undo_stack.undoText()
        self.undo_stack.undo()
        self.message.emit(self.tr("Undone: %1").replace("%1", text))

    def redo(self) -> None:
        if not self.undo_stack.canRedo():
            self.message.emit(self.tr("Nothing to redo."))
            return
        text = self.undo_stack.redoText()
        self.undo_stack.redo()
        self.message.emit(self.tr("Redone: %1").replace("%1", text))

    def push(self, command: cmd.StoreCommand) -> bool:
        """Run a command from elsewhere in the app (segmentation edits, occurrences) on the shared stack."""
        return self._push(command)

    def _push(self, command: cmd.StoreCommand) -> bool:
        if self.store.read_only:
            self.message.emit(self.tr("This project is read-only: it can be read and exported, not changed."))
            return False
        self.note_activity()
        self._refusal = None
        self.undo_stack.push(command)
        return self._refusal is None

    def _on_store_failed(self, message: str) -> None:
        self.storeFailed.emit(message)

    def _on_refused(self, message: str) -> None:
        self._refusal = message
        self.message.emit(message)

    def _on_change(self, change: cmd.Change) -> None:
        if change.entities_created:
            self.speed.record(change.entities_created)
        if self.state is None or change.doc_id != self.state.doc_id or change.text:
            # Undo of a step made in another document: go there to show it;
            # a segmentation edit changed the text: show it afresh.
            self.open_document(change.doc_id)
        elif change.everything:
            self.state.reload(self.store)
        else:
            self.state.refresh(
                self.store, change.touched, relations=change.relations, doc_labels=change.doc_labels
            )
        focus = change.focus if change.focus in self.state.spans else None
        if focus is None and change.position is not None:
            covering = self.state.spans.at(change.position)
            focus = covering[0].key if covering else None
        if focus is None and self.focus in self.state.spans:
            focus = self.focus
        self.focus = focus
        if change.position is not None:
            self.caret = change.position
            if change.text:
                self.revealRequested.emit(change.position, change.position)
        self.annotationsChanged.emit()
        self.focusChanged.emit()
        if change.documents:
            self.documentsChanged.emit()
        if change.relabelled:
            self.relabelled.emit(list(change.relabelled))

    # --- time -----------------------------------------------------------------------------------

    def note_activity(self) -> None:
        self.activity.touch()

    def flush_time(self) -> None:
        """Write the active time on the open document so far (also called by a timer)."""
        if self.state is None:
            return
        seconds = self.activity.take()
        self._write_time(self.state.doc_id, seconds)

    def _record_time(self) -> None:
        if self.state is None:
            return
        self._write_time(self.state.doc_id, self.activity.stop())

    def _write_time(self, doc_id: str, seconds: float) -> None:
        if seconds <= 0 or self.store.read_only:
            return
        try:
            self.store.annotations.add_time(doc_id, seconds)
        except AnnotatorError as exc:  # the document was removed meanwhile, or the disk is full
            log.warning("could not record %.1f s on %s: %s", seconds, doc_id, exc)

    def close(self) -> None:
        """Write what is left of the time; the window calls this as it closes."""
        self._time_timer.stop()
        self._record_time()
        self.undo_stack.clear()
