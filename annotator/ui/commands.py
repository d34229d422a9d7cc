"""Undo and redo: one small ``QUndoCommand`` per ``Store`` operation.

Each command calls a store method in ``redo`` and its exact inverse in
``undo``, so the database is always the truth and redoing after an undo
brings back the same ids (later commands on the stack refer to them).
Every step is committed to SQLite before the window hears of it.

A step that fails (the text changed under it, a label the schema no longer
allows, a candidate a background refresh replaced) is refused: the command
marks itself obsolete, which makes ``QUndoStack`` drop it, and the reason
goes to ``CommandContext.refused`` for the status bar.

Annotating a document for the first time moves it from *todo* to *in
progress* as a side effect; undoing that annotation moves it back, so undo
restores the database exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from annotator.errors import AnnotatorError, DatabaseError
from annotator.model import Entity, Relation, Status
from annotator.review.spans import SpanKey, SpanKind
from annotator.store import DeletedEntity, SegmentationEdit, Store


@dataclass(frozen=True)
class Change:
    """What a step changed, so the window can show it."""

    doc_id: str
    # the span to focus afterwards, if the step has an obvious one
    focus: SpanKey | None = None
    # where in the text it happened (code points), to scroll to and focus near
    position: int | None = None
    # entities this step created (+) or took back (-), for the session speed
    entities_created: int = 0
    # the document list changed (status, text, documents added or removed)
    documents: bool = False
    # what to re-read: these spans, the relations, the document labels; or all of it
    touched: tuple[SpanKey, ...] = ()
    relations: bool = False
    doc_labels: bool = False
    everything: bool = False
    # the document's text itself changed (segmentation): show it afresh
    text: bool = False
    # texts whose labels this step added or took away: the gazetteer changed for
    # them, so their other occurrences need fresh candidates
    relabelled: tuple[str, ...] = ()


def _ignore_change(change: Change) -> None:
    pass


def _ignore_refusal(message: str) -> None:
    pass


@dataclass
class CommandContext:
    store: Store
    changed: Callable[[Change], None] = _ignore_change
    refused: Callable[[str], None] = _ignore_refusal
    # the database could not take the step (disk full, damaged file): worth more than a status-bar line
    store_failed: Callable[[str], None] = _ignore_refusal


class StoreCommand(QUndoCommand):
    """A reversible store operation on one document."""

    # Commands that set the status themselves must not have it "restored".
    restores_status = True

    def __init__(self, context: CommandContext, doc_id: str, text: str) -> None:
        super().__init__(text)
        self.context = context
        self.doc_id = doc_id
        self.refusal: str | None = None
        # each touched document's (status, reason) before and after the first redo
        self._status_before: dict[str, tuple[Status, str]] | None = None
        self._status_after: dict[str, tuple[Status, str]] = {}

    @property
    def store(self) -> Store:
        return self.context.store

    # --- what subclasses implement ----------------------------------------------

    def forward(self) -> Change:
        raise NotImplementedError

    def backward(self) -> Change:
        raise NotImplementedError

    # --- QUndoCommand -------------------------------------------------------------

    def redo(self) -> None:
        self._attempt(self._redo)

    def undo(self) -> None:
        self._attempt(self._undo)

    def status_documents(self) -> list[str]:
        """The documents whose automatic todo -> in progress step this command may cause."""
        return [self.doc_id]

    def _statuses(self) -> dict[str, tuple[Status, str]]:
        statuses = {}
        for doc_id in self.status_documents():
            if self.store.documents.exists(doc_id):
                document = self.store.documents.get(doc_id)
                statuses[doc_id] = (document.status, document.status_reason)
        return statuses

    def _redo(self) -> Change:
        first = self._status_before is None
        if first:
            self._status_before = self._statuses()
        change = self.forward()
        if first:
            self._status_after = self._statuses()
        elif self.restores_status:
            self._follow_status(self._status_before, self._status_after)
        return change

    def _undo(self) -> Change:
        change = self.backward()
        if self.restores_status and self._status_before is not None:
            self._follow_status(self._status_after, self._status_before)
        return change

    def _follow_status(self, expected: dict, wanted: dict) -> None:
        # Only the automatic todo <-> in progress step is replayed; a status
        # someone set on purpose since then is left alone.
        now = self._statuses()
        for doc_id, target in wanted.items():
            current = expected.get(doc_id)
            if current is None or current == target:
                continue
            if {current[0], target[0]} == {Status.TODO, Status.IN_PROGRESS} and now.get(doc_id) == current:
                self.store.documents.set_status(doc_id, *target)

    def _attempt(self, step: Callable[[], Change]) -> None:
        try:
            with self.store.transaction():
                change = step()
        except AnnotatorError as exc:
            self.refusal = str(exc)
            self.setObsolete(True)
            self.context.refused(self.refusal)
            if isinstance(exc, DatabaseError):
                self.context.store_failed(self.refusal)
            return
        self.context.changed(change)


def _fill(template: str, *values: object) -> str:
    """Put values into a translated template's %1, %2... (all at once, so a value holding "%2" stays as it is)."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]), template)


def _quote(text: str, limit: int = 16) -> str:
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


# --- entities ------------------------------------------------------------------------


class AddEntity(StoreCommand):
    def __init__(self, context: CommandContext, doc_id: str, start: int, end: int, label: str) -> None:
        text = context.store.documents.text(doc_id)[start:end]
        super().__init__(context, doc_id, _fill(QCoreApplication.translate("StoreCommand", "Label %1 as %2"), _quote(text), label))
        self.start, self.end, self.label = start, end, label
        self.entity: Entity | None = None
        self._deleted: DeletedEntity | None = None

    def forward(self) -> Change:
        if self._deleted is None:
            self.entity = self.store.annotations.add_entity(self.doc_id, self.start, self.end, self.label)
        else:
            self.entity = self.store.annotations.restore_entity(self._deleted)
        key = SpanKey(SpanKind.ENTITY, self.entity.id)
        return Change(
            self.doc_id, key, self.start, entities_created=1, touched=(key,), relabelled=(self.entity.text,)
        )

    def backward(self) -> Change:
        self._deleted = self.store.annotations.delete_entity(self.entity.id)
        key = SpanKey(SpanKind.ENTITY, self.entity.id)
        return Change(
            self.doc_id, None, self.start, entities_created=-1, touched=(key,), relations=True,
            relabelled=(self.entity.text,),
        )


class DeleteEntity(StoreCommand):
    """Deletes an entity with the relations that use it; undo brings all of them back."""

    def __init__(self, context: CommandContext, entity_id: int) -> None:
        entity = context.store.annotations.entity(entity_id)
        super().__init__(
            context,
            entity.doc_id,
            _fill(QCoreApplication.translate("StoreCommand", "Delete %1 %2"), entity.label, _quote(entity.text)),
        )
        self.entity_id = entity_id
        self.start = entity.start
        self.deleted: DeletedEntity | None = None

    def forward(self) -> Change:
        self.deleted = self.store.annotations.delete_entity(self.entity_id)
        return Change(
            self.doc_id, None, self.start, touched=self._touched(), relations=True,
            relabelled=(self.deleted.entity.text,),
        )

    def backward(self) -> Change:
        self.store.annotations.restore_entity(self.deleted)
        key = SpanKey(SpanKind.ENTITY, self.entity_id)
        return Change(
            self.doc_id, key, self.start, touched=self._touched(), relations=True,
            relabelled=(self.deleted.entity.text,),
        )

    def _touched(self) -> tuple[SpanKey, ...]:
        candidates = self.deleted.candidate_ids if self.deleted else []
        return (SpanKey(SpanKind.ENTITY, self.entity_id), *(SpanKey(SpanKind.CANDIDATE, c) for c in candidates))


class UpdateEntity(StoreCommand):
    """Relabel or resize an entity. Consecutive boundary moves of one entity merge into one step."""

    RESIZE_ID = 0x5E5E

    def __init__(
        self,
        context: CommandContext,
        entity_id: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> None:
        entity = context.store.annotations.entity(entity_id)
        resize = label is None
        if resize:
            text = _fill(QCoreApplication.translate("StoreCommand", "Resize %1"), _quote(entity.text))
        else:
            text = _fill(QCoreApplication.translate("StoreCommand", "Relabel %1 as %2"), _quote(entity.text), label)
        super().__init__(context, entity.doc_id, text)
        self.entity_id = entity_id
        self.changes = {"label": label, "start": start, "end": end}
        self.resize = resize
        self.before: Entity | None = None
        self.after: Entity | None = None

    def id(self) -> int:
        return self.RESIZE_ID if self.resize else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, UpdateEntity) and other.resize and other.entity_id == self.entity_id):
            return False
        if other.after is None:
            return False
        self.after = other.after
        self.setText(other.text())
        return True

    def forward(self) -> Change:
        if self.after is None:
            self.before, self.after = self.store.annotations.update_entity(self.entity_id, **self.changes)
        else:
            self.store.annotations.set_entity(self.after)
        key = SpanKey(SpanKind.ENTITY, self.entity_id)
        return Change(self.doc_id, key, self.after.start, touched=(key,), relabelled=(self.before.text, self.after.text))

    def backward(self) -> Change:
        self.store.annotations.set_entity(self.before)
        key = SpanKey(SpanKind.ENTITY, self.entity_id)
        return Change(
            self.doc_id, key, self.before.start, touched=(key,), relabelled=(self.after.text, self.before.text)
        )


# --- candidates ------------------------------------------------------------------------


class AcceptCandidate(StoreCommand):
    """Accept a candidate, optionally with another label or boundaries (a fix)."""

    def __init__(
        self,
        context: CommandContext,
        candidate_id: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> None:
        candidate = context.store.candidates.get(candidate_id)
        fixed = label not in (None, candidate.label) or (start, end) not in ((None, None), (candidate.start, candidate.end))
        template = (
            QCoreApplication.translate("StoreCommand", "Fix and accept %1 %2")
            if fixed
            else QCoreApplication.translate("StoreCommand", "Accept %1 %2")
        )
        shown = candidate.label if label is None else label
        super().__init__(context, candidate.doc_id, _fill(template, shown, _quote(candidate.text)))
        self.candidate_id = candidate_id
        self.source = candidate.source
        self.fix = {"label": label, "start": start, "end": end}
        self.entity: Entity | None = None
        self.created = False

    def forward(self) -> Change:
        if self.entity is not None and self.created:
            # Redo after undo: bring the entity back under its old id first;
            # accepting then links the candidate to it.
            self.store.annotations.restore_entity(self.entity)
        first = self.entity is None
        entity = self.store.candidates.accept(self.candidate_id, **self.fix)
        if first:
            # The store's own rule (see Store.reset_candidate): an entity whose
            # origin names this candidate's source was created by accepting it.
            self.created = entity.origin == f"candidate:{self.source}"
        self.entity = entity
        key = SpanKey(SpanKind.ENTITY, entity.id)
        return Change(
            self.doc_id,
            key,
            entity.start,
            entities_created=1 if self.created else 0,
            touched=self._touched(),
            relabelled=(entity.text,),
        )

    def backward(self) -> Change:
        self.store.candidates.reset(self.candidate_id, delete_entity=self.created)
        return Change(
            self.doc_id,
            SpanKey(SpanKind.CANDIDATE, self.candidate_id),
            self.entity.start,
            entities_created=-1 if self.created else 0,
            touched=self._touched(),
            relations=self.created,
            relabelled=(self.entity.text,),
        )

    def _touched(self) -> tuple[SpanKey, ...]:
        return (SpanKey(SpanKind.CANDIDATE, self.candidate_id), SpanKey(SpanKind.ENTITY, self.entity.id))


class RejectCandidate(StoreCommand):
    def __init__(self, context: CommandContext, candidate_id: int) -> None:
        candidate = context.store.candidates.get(candidate_id)
        super().__init__(
            context,
            candidate.doc_id,
            _fill(QCoreApplication.translate("StoreCommand", "Reject %1 %2"), candidate.label, _quote(candidate.text)),
        )
        self.candidate_id = candidate_id
        self.start = candidate.start

    def forward(self) -> Change:
        self.store.candidates.reject(self.candidate_id)
        key = SpanKey(SpanKind.CANDIDATE, self.candidate_id)
        return Change(self.doc_id, None, self.start, touched=(key,))

    def backward(self) -> Change:
        self.store.candidates.reset(self.candidate_id)
        key = SpanKey(SpanKind.CANDIDATE, self.candidate_id)
        return Change(self.doc_id, key, self.start, touched=(key,))


# --- relations ---------------------------------------------------------------------------


class AddRelation(StoreCommand):
    def __init__(self, context: CommandContext, head_id: int, tail_id: int, label: str) -> None:
        head = context.store.annotations.entity(head_id)
        tail = context.store.annotations.entity(tail_id)
        template = QCoreApplication.translate("StoreCommand", "Relate %1 %2 %3")
        super().__init__(context, head.doc_id, _fill(template, _quote(head.text), label, _quote(tail.text)))
        self.head_id, self.tail_id, self.label = head_id, tail_id, label
        self.relation: Relation | None = None

    def forward(self) -> Change:
        if self.relation is None:
            self.relation = self.store.annotations.add_relation(self.head_id, self.tail_id, self.label)
        else:
            self.store.annotations.restore_relation(self.relation)
        return Change(self.doc_id, SpanKey(SpanKind.ENTITY, self.head_id), relations=True)

    def backward(self) -> Change:
        self.store.annotations.delete_relation(self.relation.id)
        return Change(self.doc_id, SpanKey(SpanKind.ENTITY, self.head_id), relations=True)


class DeleteRelation(StoreCommand):
    def __init__(self, context: CommandContext, relation_id: int) -> None:
        relation = context.store.annotations.relation(relation_id)
        super().__init__(
            context, relation.doc_id, _fill(QCoreApplication.translate("StoreCommand", "Delete relation %1"), relation.label)
        )
        self.relation = relation

    def forward(self) -> Change:
        self.store.annotations.delete_relation(self.relation.id)
        return Change(self.doc_id, SpanKey(SpanKind.ENTITY, self.relation.head_id), relations=True)

    def backward(self) -> Change:
        self.store.annotations.restore_relation(self.relation)
        return Change(self.doc_id, SpanKey(SpanKind.ENTITY, self.relation.head_id), relations=True)


# --- the document ----------------------------------------------------------------------------


class SetStatus(StoreCommand):
    restores_status = False

    def __init__(self, context: CommandContext, doc_id: str, status: Status, reason: str = "") -> None:
        what = {
            Status.DONE: QCoreApplication.translate("StoreCommand", "Mark done"),
            Status.SKIPPED: QCoreApplication.translate("StoreCommand", "Skip"),
            Status.TODO: QCoreApplication.translate("StoreCommand", "Mark to do"),
        }.get(status) or QCoreApplication.translate("StoreCommand", "Mark in progress")
        super().__init__(context, doc_id, what)
        self.status, self.reason = Status(status), reason
        self.before: tuple[Status, str] | None = None

    def forward(self) -> Change:
        before = self.store.documents.set_status(self.doc_id, self.status, self.reason)
        if self.before is None:
            self.before = before
        return Change(self.doc_id, documents=True)

    def backward(self) -> Change:
        self.store.documents.set_status(self.doc_id, *self.before)
        return Change(self.doc_id, documents=True)


class SetDocLabel(StoreCommand):
    def __init__(self, context: CommandContext, doc_id: str, name: str, value: str | None) -> None:
        if value is not None:
            text = _fill(QCoreApplication.translate("StoreCommand", "Set %1 to %2"), name, value)
        else:
            text = _fill(QCoreApplication.translate("StoreCommand", "Clear %1"), name)
        super().__init__(context, doc_id, text)
        self.name, self.value = name, value
        self.before: str | None = None
        self._done_once = False

    def forward(self) -> Change:
        before = self.store.annotations.set_doc_label(self.doc_id, self.name, self.value)
        if not self._done_once:
            self.before, self._done_once = before, True
        return Change(self.doc_id, doc_labels=True)

    def backward(self) -> Change:
        self.store.annotations.set_doc_label(self.doc_id, self.name, self.before)
        return Change(self.doc_id, doc_labels=True)


# --- segmentation: merge, split, move text ------------------------------------------------------


class SegmentationCommand(StoreCommand):
    """A merge, split or move of text between documents; the store undoes it exactly, ids and all."""

    restores_status = False

    def __init__(
        self,
        context: CommandContext,
        doc_id: str,
        text: str,
        edit: Callable[[], SegmentationEdit],
        *,
        position_after: int | None = None,
        position_before: int | None = None,
    ) -> None:
        super().__init__(context, doc_id, text)
        self._make_edit = edit
        self.edit: SegmentationEdit | None = None
        self.position_after = position_after
        self.position_before = position_before

    def forward(self) -> Change:
        if self.edit is None:
            self.edit = self._make_edit()
        else:
            self.edit = self.store.segmentation.redo(self.edit)
        return Change(self.doc_id, None, self.position_after, documents=True, everything=True, text=True)

    def backward(self) -> Change:
        self.store.segmentation.undo(self.edit)
        return Change(self.doc_id, None, self.position_before, documents=True, everything=True, text=True)


def merge_with(context: CommandContext, first_id: str, second_id: str) -> SegmentationCommand:
    store = context.store
    length = len(store.documents.text(first_id))
    title = store.documents.get(second_id).title or second_id
    return SegmentationCommand(
        context,
        first_id,
        _fill(QCoreApplication.translate("StoreCommand", "Merge with %1"), _quote(title)),
        lambda: store.segmentation.merge(first_id, second_id),
        position_after=length,
        position_before=length,
    )


def split_at(context: CommandContext, doc_id: str, offset: int) -> SegmentationCommand:
    store = context.store
    return SegmentationCommand(
        context,
        doc_id,
        QCoreApplication.translate("StoreCommand", "Split the article"),
        lambda: store.segmentation.split(doc_id, offset),
        position_after=None,
        position_before=offset,
    )


def move_text(context: CommandContext, source_id: str, start: int, end: int, target_id: str, *, at: int | None = None) -> SegmentationCommand:
    store = context.store
    title = store.documents.get(target_id).title or target_id
    return SegmentationCommand(
        context,
        source_id,
        _fill(QCoreApplication.translate("StoreCommand", "Move text to %1"), _quote(title)),
        lambda: store.segmentation.move_text(source_id, start, end, target_id, at=at),
        position_after=start,
        position_before=start,
    )


# --- label all occurrences ---------------------------------------------------------------------------


class ApplyOccurrences(StoreCommand):
    """Label the chosen occurrences of a text (the gazetteer's "label all"); undone as one step."""

    def __init__(self, context: CommandContext, doc_id: str, occurrences: list, label: str) -> None:
        text = occurrences[0].text if occurrences else ""
        count = len(occurrences)  # a plain name: lupdate does not read call expressions as the count
        template = QCoreApplication.translate("StoreCommand", "Label %n occurrence(s) of %1 as %2", "", count)
        super().__init__(context, doc_id, _fill(template, _quote(text), label))
        self.occurrences = list(occurrences)
        self.label = label
        self.created: list[Entity] | None = None

    def status_documents(self) -> list[str]:
        return list(dict.fromkeys([self.doc_id, *(o.doc_id for o in self.occurrences)]))

    def forward(self) -> Change:
        from annotator.candidates import apply_occurrences

        if self.created is None:
            self.created = apply_occurrences(self.store, self.occurrences, self.label)
        else:
            for entity in self.created:
                self.store.annotations.restore_entity(entity)
        return self._change(+len(self.created))

    def backward(self) -> Change:
        for entity in self.created:
            self.store.annotations.delete_entity(entity.id)
        return self._change(-len(self.created))

    def _change(self, created: int) -> Change:
        here = tuple(SpanKey(SpanKind.ENTITY, e.id) for e in self.created if e.doc_id == self.doc_id)
        return Change(self.doc_id, here[0] if here else None, entities_created=created, touched=here, documents=True)
