"""The reviewer's intents, turned into undoable steps: the state machine behind the annotation window.

What the keys, menus and clicks ask for (Tab, Return, a number, Delete,
R, undo, done and next...) lands here. Each change is a ``Step`` pushed on
the history; once the store has committed it, the machine re-reads only what
the step touched and says what changed through its ``on_*`` hooks, which the
app's ``ReviewController`` turns into Qt signals. Nothing here knows about
Qt: the tests drive it with a plain history.

The rules it keeps:

* **Focus.** At most one span (entity or pending candidate) has the
  keyboard's focus. Tab and Shift+Tab step through spans in reading order,
  starting from the text cursor when nothing is focused.
* **Return moves on; a number stays.** Return accepts the focused candidate
  (or, on an entity, leaves it as it is) and moves the focus to the next
  pending candidate. A label key labels the selection, accepts the focused
  candidate with that label, or relabels the focused entity, and the focus
  stays on that span, so a second number corrects the first.
* **Delete** rejects the focused candidate and moves on to the next one, or
  deletes the focused entity with its relations.
* **Relations** are drafted from the focused entity (R), get their tail
  from the focus, and their type from a number.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from annotator.errors import AnnotatorError
from annotator.label_schema import LabelSchema
from annotator.model import Status
from annotator.review import steps
from annotator.review.document_state import DocumentState
from annotator.review.label_keys import label_for_key
from annotator.review.notes import Note
from annotator.review.relation_draft import RelationDraft, RelationRefused
from annotator.review.session import ActivityClock, SessionSpeed
from annotator.review.spans import Edge, Span, SpanKey, SpanKind, nudged, trimmed
from annotator.store import Store

if TYPE_CHECKING:
    from annotator.candidates.occurrences import Occurrence

log = logging.getLogger(__name__)


class ReviewMachine:
    def __init__(self, store: Store, *, history: steps.History | None = None, activity: ActivityClock | None = None) -> None:
        self.store = store
        self.history: steps.History = history or steps.PlainHistory(self.apply_change, self._refused)
        self.state: DocumentState | None = None
        self.focus: SpanKey | None = None
        self.draft: RelationDraft | None = None
        # the text cursor, in code points; Tab starts from here when nothing is focused
        self.caret = 0
        self.activity = activity or ActivityClock()
        self.speed = SessionSpeed()
        self._refusal: str | None = None

    # --- what the machine tells the app (the Qt controller turns these into signals) ------------

    def on_document_opened(self, doc_id: str) -> None:
        """A document was opened (its text may be new)."""

    def on_annotations_changed(self) -> None:
        """The open document's spans, relations or labels changed."""

    def on_focus_changed(self) -> None: ...

    def on_draft_changed(self) -> None: ...

    def on_documents_changed(self) -> None:
        """Statuses, titles or the set of documents changed: lists and progress need a refresh."""

    def on_note(self, note: Note) -> None:
        """A sentence for the status bar."""

    def on_reveal(self, start: int, end: int) -> None:
        """Show this stretch of the text (code points) and put the caret there."""

    def on_relabelled(self, texts: list[str]) -> None:
        """Texts whose labels a step added or took away: their other occurrences need fresh candidates."""

    def on_schema_changed(self) -> None:
        """The label schema changed (or an undo changed it back)."""

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

    def relation_name(self, name: str) -> str:
        """A relation label as the schema displays it."""
        return next((r.display or r.name for r in self.schema.relations if r.name == name), name)

    # --- documents --------------------------------------------------------------------

    def open_document(self, doc_id: str) -> None:
        self._record_time()
        self.state = DocumentState.load(self.store, doc_id)
        self.focus = None
        self.draft = None
        self.caret = 0
        self.activity.start()
        self.on_document_opened(doc_id)
        self.on_focus_changed()
        self.on_draft_changed()

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
            self.on_note(Note("last_document" if step > 0 else "first_document"))
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
            self.on_focus_changed()
        self.on_annotations_changed()

    def done_and_next(self) -> None:
        self._finish(Status.DONE, "")

    def skip_and_next(self, reason: str) -> None:
        self._finish(Status.SKIPPED, reason.strip())

    def _finish(self, status: Status, reason: str) -> None:
        if self.state is None:
            return
        doc_id = self.state.doc_id
        pending = self.state.pending_count()
        if not self._push(steps.SetStatus(self.store, doc_id, status, reason)):
            return
        following = self.store.documents.next_unfinished(doc_id)
        last = "_last" if following is None else ""
        if status is Status.DONE and pending:
            note = Note.of("marked_done_pending" + last, pending)
        elif status is Status.DONE:
            note = Note("marked_done" + last)
        else:
            note = Note("skipped" + last)
        if following is not None:
            self.open_document(following)
        self.on_note(note)

    # --- focus ---------------------------------------------------------------------------

    def set_focus(self, key: SpanKey | None) -> None:
        if self.state is not None and key is not None and key not in self.state.spans:
            key = None
        if key == self.focus:
            return
        self.focus = key
        if self.draft is not None and self.state is not None:
            span = self.focused_span()
            if span is not None and span.is_entity and span.key.id != self.draft.head.id:
                self.draft.propose_tail(self.state.entities.get(span.key.id))
            else:
                self.draft.propose_tail(None)
            self.on_draft_changed()
        self.on_focus_changed()

    def focus_next(self) -> None:
        self._step_focus(+1)

    def focus_previous(self) -> None:
        self._step_focus(-1)

    def _step_focus(self, direction: int) -> None:
        if self.state is None:
            return
        # While drawing a relation only entities can be its tail.
        kinds = [SpanKind.ENTITY] if self.draft is not None else None
        spans = self.state.spans
        if direction > 0:
            span = spans.next_after(self.focus, self.caret, kinds=kinds)
        else:
            span = spans.previous_before(self.focus, self.caret, kinds=kinds)
        if self.draft is not None and span is not None and span.key.id == self.draft.head.id:
            # Skip over the head itself.
            step = spans.next_after if direction > 0 else spans.previous_before
            span = step(span.key, kinds=kinds)
            if span is not None and span.key.id == self.draft.head.id:
                span = None
        if span is None:
            self.on_note(Note("no_other_entity" if self.draft else "nothing_to_review"))
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
            self.on_draft_changed()
            if head.id is not None:
                self.set_focus(SpanKey(SpanKind.ENTITY, head.id))
            self.on_note(Note("relation_cancelled"))
            return
        self.set_focus(None)

    # --- spans ------------------------------------------------------------------------------

    def accept_focused(self) -> None:
        """Return: accept the focused candidate, or leave the focused entity as it is, and move on."""
        if self.draft is not None:
            self.confirm_relation()
            return
        span = self.focused_span()
        if span is None:
            self.on_note(Note("tab_to_candidate"))
            return
        if span.is_entity:
            self._advance_to_candidate(span.start)
            return
        if self._push(steps.AcceptCandidate(self.store, span.key.id)):
            self._advance_to_candidate(span.start)

    def reject_or_delete_focused(self) -> None:
        span = self.focused_span()
        if span is None or self.draft is not None or self.state is None:
            self.on_note(Note("tab_to_span"))
            return
        if span.is_candidate:
            if self._push(steps.RejectCandidate(self.store, span.key.id)):
                self._advance_to_candidate(span.start)
            return
        relations = len(self.state.relations_of(span.key.id))
        if self._push(steps.DeleteEntity(self.store, span.key.id)):
            following = self.state.spans.next_after(None, span.start, wrap=False)
            self.set_focus(following.key if following else None)
            if relations:
                self.on_note(Note.of("deleted_with_relations", span.text, relations))

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
        """Label the selection; or relabel the focused entity; or accept the focused candidate as ``label``.

        The focus stays on the span labelled (see the module's rules).
        """
        if self.state is None:
            return False
        if selection is not None:
            span = trimmed(self.state.text, *selection)
            if span is None:
                self.on_note(Note("selection_blank"))
                return False
            return self._push(steps.AddEntity(self.store, self.state.doc_id, span[0], span[1], label))
        focused = self.focused_span()
        if focused is None:
            self.on_note(Note("nothing_to_label"))
            return False
        if focused.is_candidate:
            return self._push(steps.AcceptCandidate(self.store, focused.key.id, label=label))
        if focused.label == label:
            return True
        return self._push(steps.UpdateEntity(self.store, focused.key.id, label=label))

    def move_edge(self, edge: Edge, delta: int) -> None:
        span = self.focused_span()
        if span is None or self.state is None:
            self.on_note(Note("tab_to_move"))
            return
        moved = nudged(self.state.text, span.start, span.end, edge, delta)
        if moved is None:
            self.on_note(Note("cannot_move"))
            return
        start, end = moved
        if span.is_candidate:
            # Fixing a suggestion's boundary is a decision about it: accept it as fixed.
            if self._push(steps.AcceptCandidate(self.store, span.key.id, start=start, end=end)):
                self.on_note(Note("accepted_with_boundary"))
            return
        self._push(steps.UpdateEntity(self.store, span.key.id, start=start, end=end))

    def _advance_to_candidate(self, position: int) -> None:
        """After a decision, move on to the next pending candidate, as a reviewer would."""
        assert self.state is not None
        following = self.state.spans.next_after(None, position, kinds=[SpanKind.CANDIDATE])
        if following is not None:
            self.set_focus(following.key)
        elif self.state.spans.get(self.focus) is None:
            self.set_focus(None)
        if following is None:
            self.on_note(Note("no_candidates_left"))

    # --- relations ----------------------------------------------------------------------------

    def start_relation(self) -> None:
        span = self.focused_span()
        if span is None or not span.is_entity or self.state is None:
            self.on_note(Note("accept_first" if span is not None else "tab_to_entity_for_relation"))
            return
        self.draft = RelationDraft(self.schema, self.state.entities[span.key.id])
        self.on_draft_changed()
        self.on_note(Note.of("relation_started", span.text))

    def pick_relation(self, number: int) -> None:
        if self.draft is None or self.state is None:
            return
        try:
            relation = self.draft.pick(number, self.state.relations)
        except RelationRefused as exc:
            self.on_note(exc.note)
            return
        self._add_relation(relation.name)

    def confirm_relation(self) -> None:
        if self.draft is None or self.state is None:
            return
        only = self.draft.only_choice(self.state.relations)
        if only is None:
            self.pick_relation(0)  # explains what is missing
            return
        self._add_relation(only.name)

    def _add_relation(self, name: str) -> None:
        draft = self.draft
        if draft is None or draft.tail is None or draft.head.id is None or draft.tail.id is None:
            return
        self.draft = None
        if self._push(steps.AddRelation(self.store, draft.head.id, draft.tail.id, name)):
            self.set_focus(SpanKey(SpanKind.ENTITY, draft.head.id))
            self.on_note(Note.of("relation_added", self.relation_name(name), draft.head.text, draft.tail.text))
        else:
            self.draft = draft
        self.on_draft_changed()

    def delete_relation(self, relation_id: int) -> None:
        self._push(steps.DeleteRelation(self.store, relation_id))

    # --- the document as a whole -------------------------------------------------------------

    def set_doc_label(self, name: str, value: str | None) -> None:
        if self.state is None:
            return
        if self.state.doc_labels.get(name) == value:
            return
        self._push(steps.SetDocLabel(self.store, self.state.doc_id, name, value))

    # --- segmentation ---------------------------------------------------------------------------

    def split_at_caret(self) -> None:
        """Split the article in two where the text cursor is."""
        if self.state is None:
            return
        if self._push(steps.split_at(self.store, self.state.doc_id, self.caret)):
            self.on_note(Note("split_done"))

    def merge_with_next(self) -> None:
        if self.state is None:
            return
        following = self.store.documents.adjacent(self.state.doc_id, +1)
        if following is None:
            self.on_note(Note("nothing_to_merge"))
            return
        if self._push(steps.merge_with(self.store, self.state.doc_id, following)):
            self.on_note(Note("merge_done"))

    def move_selection(self, selection: tuple[int, int] | None, step: int) -> None:
        """Move the selected text to the end of the previous document (-1) or the start of the next (+1)."""
        if self.state is None:
            return
        if selection is None:
            self.on_note(Note("select_to_move"))
            return
        target = self.store.documents.adjacent(self.state.doc_id, step)
        if target is None:
            self.on_note(Note("nowhere_to_move"))
            return
        at = 0 if step > 0 else None
        if self._push(steps.move_text(self.store, self.state.doc_id, selection[0], selection[1], target, at=at)):
            self.on_note(Note("move_done"))

    def apply_occurrences(self, occurrences: Sequence[Occurrence], label: str) -> bool:
        if self.state is None or not occurrences:
            return False
        return self._push(steps.ApplyOccurrences(self.store, self.state.doc_id, occurrences, label))

    # --- undo and redo --------------------------------------------------------------------------

    def undo(self) -> None:
        if not self.history.can_undo():
            self.on_note(Note("nothing_to_undo"))
            return
        text = self.history.undo_text()
        self.history.undo()
        self.on_note(Note.of("undone", text))

    def redo(self) -> None:
        if not self.history.can_redo():
            self.on_note(Note("nothing_to_redo"))
            return
        text = self.history.redo_text()
        self.history.redo()
        self.on_note(Note.of("redone", text))

    def push(self, step: steps.Step) -> bool:
        """Run a step from elsewhere in the app (the schema editor, for one) on the shared history."""
        return self._push(step)

    def _push(self, step: steps.Step) -> bool:
        self.note_activity()
        self._refusal = None
        pushed = self.history.push(step)
        return pushed and self._refusal is None

    def _refused(self, message: str) -> None:
        self._refusal = message
        self.on_note(Note("refused", (message,)))

    def apply_change(self, change: steps.Change) -> None:
        """A step was done or undone: bring the state up to date and say what changed."""
        if change.entities_created:
            self.speed.record(change.entities_created)
        if change.schema:
            # Not about one document: re-read whichever is open. A relation being drawn
            # may name labels that changed, so it is dropped.
            self.draft = None
            self.on_schema_changed()
            if self.state is None:
                self.on_documents_changed()
                return
            change = replace(change, doc_id=self.state.doc_id)
        if self.state is None or change.doc_id != self.state.doc_id or change.text:
            # Undo of a step made in another document: go there to show it;
            # a segmentation edit changed the text: show it afresh.
            self.open_document(change.doc_id)
        elif change.everything:
            self.state.reload(self.store)
        else:
            self.state.refresh(self.store, change.touched, relations=change.relations, doc_labels=change.doc_labels)
        assert self.state is not None
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
                self.on_reveal(change.position, change.position)
        self.on_annotations_changed()
        self.on_focus_changed()
        if change.documents:
            self.on_documents_changed()
        if change.relabelled:
            self.on_relabelled(list(change.relabelled))

    # --- time -----------------------------------------------------------------------------------

    def note_activity(self) -> None:
        self.activity.touch()

    def flush_time(self) -> None:
        """Write the active time on the open document so far (the app calls this on a timer)."""
        if self.state is None:
            return
        self._write_time(self.state.doc_id, self.activity.take())

    def _record_time(self) -> None:
        if self.state is None:
            return
        self._write_time(self.state.doc_id, self.activity.stop())

    def _write_time(self, doc_id: str, seconds: float) -> None:
        if seconds <= 0:
            return
        try:
            self.store.annotations.add_time(doc_id, seconds)
        except AnnotatorError as exc:  # the document was removed meanwhile, or the disk is full
            log.warning("could not record %.1f s on %s: %s", seconds, doc_id, exc)

    def close(self) -> None:
        """Write what is left of the time; the window calls this as it closes."""
        self._record_time()
        self.history.clear()
