"""Undoable review steps: one small reversible operation on the store each.

Every step calls a store method in ``forward`` and its exact inverse in
``backward``, so the database is always the truth and redoing after an undo
brings back the same ids (later steps on the history refer to them). Each
runs in one transaction, committed before the window hears of it.

A step the store refuses (the text changed under it, a label the schema no
longer has, a candidate a background refresh replaced) raises
``AnnotatorError``; the history drops it and the reason goes to the status bar.

Annotating a document for the first time moves it from *todo* to *in
progress* as a side effect; undoing that annotation moves it back, so undo
restores the database exactly.

A decided span leaves no pending candidate behind: when a step makes an
entity where pending candidates sit on exactly the same span (labelling a
selection, labelling all occurrences, accepting one of two suggestions for
one span), those candidates are accepted as that entity, and undoing the
step puts them back to pending.

The app wraps steps in ``QUndoCommand``s (``annotator.ui.commands``); tests
and headless tools use ``PlainHistory``. Neither needs Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from annotator.errors import AnnotatorError
from annotator.model import CandidateState, Entity, Relation, Status
from annotator.review.spans import SpanKey, SpanKind
from annotator.store import DeletedEntity, SegmentationEdit, Store

if TYPE_CHECKING:
    from annotator.candidates.occurrences import Occurrence

# What each step is called in the Edit menu and the status bar, in English.
# The app words them in the interface language (annotator.ui.commands.step_text);
# a test checks that both lists name the same steps with the same English.
TITLES = {
    "add_entity": "Label %1 as %2",
    "delete_entity": "Delete %1 %2",
    "resize_entity": "Resize %1",
    "relabel_entity": "Relabel %1 as %2",
    "accept": "Accept %1 %2",
    "fix_and_accept": "Fix and accept %1 %2",
    "reject": "Reject %1 %2",
    "add_relation": "Relate %1 %2 %3",
    "delete_relation": "Delete relation %1",
    "mark_done": "Mark done",
    "skip": "Skip",
    "mark_todo": "Mark to do",
    "mark_in_progress": "Mark in progress",
    "set_doc_label": "Set %1 to %2",
    "clear_doc_label": "Clear %1",
    "merge": "Merge with %1",
    "split": "Split the article",
    "move_text": "Move text to %1",
    # %n: how many
    "label_occurrences": "Label %n occurrence(s) of %1 as %2",
    "change_schema": "Change the label schema",
}


@dataclass(frozen=True)
class Title:
    """A step's name: which one (a key of ``TITLES``) and the values for its %1, %2, ... (and %n)."""

    key: str
    args: tuple[str, ...] = ()
    count: int | None = None

    def english(self) -> str:
        text = fill(TITLES[self.key], *self.args)
        return text.replace("%n", str(self.count)) if self.count is not None else text


def fill(template: str, *values: object) -> str:
    """Put values into a template's %1, %2... (all at once, so a value holding "%2" stays as it is)."""
    return re.sub(r"%(\d)", lambda m: str(values[int(m.group(1)) - 1]), template)


def quote(text: str, limit: int = 16) -> str:
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


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
    # the label schema changed: everything that shows labels needs redrawing
    schema: bool = False


class Step:
    """A reversible store operation on one document (and, for some, its neighbours)."""

    # Steps that set the status themselves must not have it "restored".
    restores_status = True

    def __init__(self, store: Store, doc_id: str, title: Title) -> None:
        self.store = store
        self.doc_id = doc_id
        self.title = title
        # each touched document's (status, reason) before and after the first redo
        self._status_before: dict[str, tuple[Status, str]] | None = None
        self._status_after: dict[str, tuple[Status, str]] = {}

    # --- what subclasses implement ----------------------------------------------

    def forward(self) -> Change:
        raise NotImplementedError

    def backward(self) -> Change:
        raise NotImplementedError

    def merge(self, later: Step) -> bool:
        """Take ``later`` into this step (both already done), so one undo takes back both; False if it cannot."""
        return False

    def status_documents(self) -> list[str]:
        """The documents whose automatic todo -> in progress step this step may cause."""
        return [self.doc_id]

    # --- running -------------------------------------------------------------------

    def redo(self) -> Change:
        """Do the step in one transaction; raises AnnotatorError (nothing written) when the store refuses."""
        with self.store.transaction():
            first = self._status_before is None
            if first:
                self._status_before = self._statuses()
            change = self.forward()
            if first:
                self._status_after = self._statuses()
            elif self.restores_status and self._status_before is not None:
                self._follow_status(self._status_before, self._status_after)
        return change

    def undo(self) -> Change:
        with self.store.transaction():
            change = self.backward()
            if self.restores_status and self._status_before is not None:
                self._follow_status(self._status_after, self._status_before)
        return change

    def _statuses(self) -> dict[str, tuple[Status, str]]:
        statuses = {}
        for doc_id in self.status_documents():
            if self.store.documents.exists(doc_id):
                document = self.store.documents.get(doc_id)
                statuses[doc_id] = (document.status, document.status_reason)
        return statuses

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


# --- candidates a decision leaves behind ------------------------------------------------


def _settle_candidates(store: Store, entity: Entity, *, besides: int | None = None) -> list[int]:
    """Accept the pending candidates on exactly ``entity``'s span as that entity; returns their ids.

    The reviewer decided that span; a suggestion left pending on it would be
    offered again as "not yet decided" (and counted as still to review).
    """
    settled = []
    for candidate in store.candidates.for_document(entity.doc_id, states=[CandidateState.PENDING]):
        if (candidate.start, candidate.end) == (entity.start, entity.end) and candidate.id != besides:
            assert candidate.id is not None
            store.candidates.accept(candidate.id, label=entity.label)
            settled.append(candidate.id)
    return settled


def _unsettle_candidates(store: Store, candidate_ids: Sequence[int]) -> None:
    """Back to pending, without touching the entity they were accepted as."""
    for candidate_id in candidate_ids:
        store.candidates.reset(candidate_id, delete_entity=False)


def _candidate_keys(candidate_ids: Sequence[int]) -> tuple[SpanKey, ...]:
    return tuple(SpanKey(SpanKind.CANDIDATE, c) for c in candidate_ids)


# --- entities ------------------------------------------------------------------------


class AddEntity(Step):
    def __init__(self, store: Store, doc_id: str, start: int, end: int, label: str) -> None:
        text = store.documents.text(doc_id)[start:end]
        super().__init__(store, doc_id, Title("add_entity", (quote(text), label)))
        self.start, self.end, self.label = start, end, label
        self.entity: Entity | None = None
        self._deleted: DeletedEntity | None = None
        self.settled: list[int] = []

    def forward(self) -> Change:
        if self._deleted is None:
            self.entity = self.store.annotations.add_entity(self.doc_id, self.start, self.end, self.label)
        else:
            self.entity = self.store.annotations.restore_entity(self._deleted)
        self.settled = _settle_candidates(self.store, self.entity)
        key = self._key()
        return Change(
            self.doc_id, key, self.start, entities_created=1, touched=(key, *_candidate_keys(self.settled)),
            relabelled=(self.entity.text,),
        )

    def backward(self) -> Change:
        assert self.entity is not None and self.entity.id is not None
        _unsettle_candidates(self.store, self.settled)
        self._deleted = self.store.annotations.delete_entity(self.entity.id)
        return Change(
            self.doc_id, None, self.start, entities_created=-1, touched=(self._key(), *_candidate_keys(self.settled)),
            relations=True, relabelled=(self.entity.text,),
        )

    def _key(self) -> SpanKey:
        assert self.entity is not None and self.entity.id is not None
        return SpanKey(SpanKind.ENTITY, self.entity.id)


class DeleteEntity(Step):
    """Deletes an entity with the relations that use it; undo brings all of them back."""

    def __init__(self, store: Store, entity_id: int) -> None:
        entity = store.annotations.entity(entity_id)
        super().__init__(store, entity.doc_id, Title("delete_entity", (entity.label, quote(entity.text))))
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
        assert self.deleted is not None
        self.store.annotations.restore_entity(self.deleted)
        key = SpanKey(SpanKind.ENTITY, self.entity_id)
        return Change(
            self.doc_id, key, self.start, touched=self._touched(), relations=True,
            relabelled=(self.deleted.entity.text,),
        )

    def _touched(self) -> tuple[SpanKey, ...]:
        candidates = self.deleted.candidate_ids if self.deleted else []
        return (SpanKey(SpanKind.ENTITY, self.entity_id), *_candidate_keys(candidates))


class UpdateEntity(Step):
    """Relabel or resize an entity. Consecutive boundary moves of one entity merge into one step."""

    def __init__(
        self,
        store: Store,
        entity_id: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> None:
        entity = store.annotations.entity(entity_id)
        self.resize = label is None
        if self.resize:
            title = Title("resize_entity", (quote(entity.text),))
        else:
            title = Title("relabel_entity", (quote(entity.text), str(label)))
        super().__init__(store, entity.doc_id, title)
        self.entity_id = entity_id
        self.label, self.start, self.end = label, start, end
        self.before: Entity | None = None
        self.after: Entity | None = None
        # candidates this step accepted (see _settle_candidates), across merged resizes
        self.settled: list[int] = []

    def merge(self, later: Step) -> bool:
        if not (isinstance(later, UpdateEntity) and later.resize and self.resize and later.entity_id == self.entity_id):
            return False
        if later.after is None:
            return False
        self.after = later.after
        self.settled = list(dict.fromkeys(self.settled + later.settled))
        self.title = later.title
        return True

    def forward(self) -> Change:
        if self.after is None:
            self.before, self.after = self.store.annotations.update_entity(
                self.entity_id, label=self.label, start=self.start, end=self.end
            )
        else:
            self.store.annotations.set_entity(self.after)
        assert self.before is not None
        self.settled = list(dict.fromkeys(self.settled + _settle_candidates(self.store, self.after)))
        key = SpanKey(SpanKind.ENTITY, self.entity_id)
        return Change(
            self.doc_id, key, self.after.start, touched=(key, *_candidate_keys(self.settled)),
            relabelled=(self.before.text, self.after.text),
        )

    def backward(self) -> Change:
        assert self.before is not None and self.after is not None
        _unsettle_candidates(self.store, self.settled)
        self.store.annotations.set_entity(self.before)
        key = SpanKey(SpanKind.ENTITY, self.entity_id)
        touched = (key, *_candidate_keys(self.settled))
        self.settled = []
        return Change(
            self.doc_id, key, self.before.start, touched=touched, relabelled=(self.after.text, self.before.text)
        )


# --- candidates ------------------------------------------------------------------------


class AcceptCandidate(Step):
    """Accept a candidate, optionally with another label or boundaries (a fix)."""

    def __init__(
        self,
        store: Store,
        candidate_id: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> None:
        candidate = store.candidates.get(candidate_id)
        fixed = label not in (None, candidate.label) or (start, end) not in (
            (None, None),
            (candidate.start, candidate.end),
        )
        shown = candidate.label if label is None else label
        super().__init__(store, candidate.doc_id, Title("fix_and_accept" if fixed else "accept", (shown, quote(candidate.text))))
        self.candidate_id = candidate_id
        self.source = candidate.source
        self.fix: dict = {"label": label, "start": start, "end": end}
        self.entity: Entity | None = None
        self.created = False
        self.settled: list[int] = []

    def forward(self) -> Change:
        if self.entity is not None and self.created:
            # Redo after undo: bring the entity back under its old id first;
            # accepting then links the candidate to it.
            self.store.annotations.restore_entity(self.entity)
        first = self.entity is None
        entity = self.store.candidates.accept(self.candidate_id, **self.fix)
        if first:
            # The store's own rule (see Candidates.reset): an entity whose
            # origin names this candidate's source was created by accepting it.
            self.created = entity.origin == f"candidate:{self.source}"
        self.entity = entity
        self.settled = _settle_candidates(self.store, entity, besides=self.candidate_id)
        assert entity.id is not None
        return Change(
            self.doc_id,
            SpanKey(SpanKind.ENTITY, entity.id),
            entity.start,
            entities_created=1 if self.created else 0,
            touched=self._touched(),
            relabelled=(entity.text,),
        )

    def backward(self) -> Change:
        assert self.entity is not None
        _unsettle_candidates(self.store, self.settled)
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
        assert self.entity is not None and self.entity.id is not None
        return (
            SpanKey(SpanKind.CANDIDATE, self.candidate_id),
            SpanKey(SpanKind.ENTITY, self.entity.id),
            *_candidate_keys(self.settled),
        )


class RejectCandidate(Step):
    def __init__(self, store: Store, candidate_id: int) -> None:
        candidate = store.candidates.get(candidate_id)
        super().__init__(store, candidate.doc_id, Title("reject", (candidate.label, quote(candidate.text))))
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


class AddRelation(Step):
    def __init__(self, store: Store, head_id: int, tail_id: int, label: str) -> None:
        head = store.annotations.entity(head_id)
        tail = store.annotations.entity(tail_id)
        super().__init__(store, head.doc_id, Title("add_relation", (quote(head.text), label, quote(tail.text))))
        self.head_id, self.tail_id, self.label = head_id, tail_id, label
        self.relation: Relation | None = None

    def forward(self) -> Change:
        if self.relation is None:
            self.relation = self.store.annotations.add_relation(self.head_id, self.tail_id, self.label)
        else:
            self.store.annotations.restore_relation(self.relation)
        return Change(self.doc_id, SpanKey(SpanKind.ENTITY, self.head_id), relations=True)

    def backward(self) -> Change:
        assert self.relation is not None and self.relation.id is not None
        self.store.annotations.delete_relation(self.relation.id)
        return Change(self.doc_id, SpanKey(SpanKind.ENTITY, self.head_id), relations=True)


class DeleteRelation(Step):
    def __init__(self, store: Store, relation_id: int) -> None:
        relation = store.annotations.relation(relation_id)
        super().__init__(store, relation.doc_id, Title("delete_relation", (relation.label,)))
        self.relation = relation

    def forward(self) -> Change:
        assert self.relation.id is not None
        self.store.annotations.delete_relation(self.relation.id)
        return Change(self.doc_id, SpanKey(SpanKind.ENTITY, self.relation.head_id), relations=True)

    def backward(self) -> Change:
        self.store.annotations.restore_relation(self.relation)
        return Change(self.doc_id, SpanKey(SpanKind.ENTITY, self.relation.head_id), relations=True)


# --- the document ----------------------------------------------------------------------------


class SetStatus(Step):
    restores_status = False

    def __init__(self, store: Store, doc_id: str, status: Status, reason: str = "") -> None:
        key = {Status.DONE: "mark_done", Status.SKIPPED: "skip", Status.TODO: "mark_todo"}.get(
            Status(status), "mark_in_progress"
        )
        super().__init__(store, doc_id, Title(key))
        self.status, self.reason = Status(status), reason
        self.before: tuple[Status, str] | None = None

    def forward(self) -> Change:
        before = self.store.documents.set_status(self.doc_id, self.status, self.reason)
        if self.before is None:
            self.before = before
        return Change(self.doc_id, documents=True)

    def backward(self) -> Change:
        assert self.before is not None
        self.store.documents.set_status(self.doc_id, *self.before)
        return Change(self.doc_id, documents=True)


class SetDocLabel(Step):
    def __init__(self, store: Store, doc_id: str, name: str, value: str | None) -> None:
        title = Title("set_doc_label", (name, value)) if value is not None else Title("clear_doc_label", (name,))
        super().__init__(store, doc_id, title)
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


class Segmentation(Step):
    """A merge, split or move of text between documents; the store undoes it exactly, ids and all."""

    restores_status = False

    def __init__(
        self,
        store: Store,
        doc_id: str,
        title: Title,
        edit: Callable[[], SegmentationEdit],
        *,
        position_after: int | None = None,
        position_before: int | None = None,
    ) -> None:
        super().__init__(store, doc_id, title)
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
        assert self.edit is not None
        self.store.segmentation.undo(self.edit)
        return Change(self.doc_id, None, self.position_before, documents=True, everything=True, text=True)


def merge_with(store: Store, first_id: str, second_id: str) -> Segmentation:
    length = len(store.documents.text(first_id))
    title = store.documents.get(second_id).title or second_id
    return Segmentation(
        store,
        first_id,
        Title("merge", (quote(title),)),
        lambda: store.segmentation.merge(first_id, second_id),
        position_after=length,
        position_before=length,
    )


def split_at(store: Store, doc_id: str, offset: int) -> Segmentation:
    return Segmentation(
        store,
        doc_id,
        Title("split"),
        lambda: store.segmentation.split(doc_id, offset),
        position_after=None,
        position_before=offset,
    )


def move_text(store: Store, source_id: str, start: int, end: int, target_id: str, *, at: int | None = None) -> Segmentation:
    title = store.documents.get(target_id).title or target_id
    return Segmentation(
        store,
        source_id,
        Title("move_text", (quote(title),)),
        lambda: store.segmentation.move_text(source_id, start, end, target_id, at=at),
        position_after=start,
        position_before=start,
    )


# --- label all occurrences ---------------------------------------------------------------------------


class ApplyOccurrences(Step):
    """Label the chosen occurrences of a text (the gazetteer's "label all"); undone as one step."""

    def __init__(self, store: Store, doc_id: str, occurrences: Sequence[Occurrence], label: str) -> None:
        text = occurrences[0].text if occurrences else ""
        super().__init__(store, doc_id, Title("label_occurrences", (quote(text), label), count=len(occurrences)))
        self.occurrences = list(occurrences)
        self.label = label
        self.created: list[Entity] | None = None
        self.settled: list[int] = []

    def status_documents(self) -> list[str]:
        return list(dict.fromkeys([self.doc_id, *(o.doc_id for o in self.occurrences)]))

    def forward(self) -> Change:
        if self.created is None:
            # Imported here: the candidates package (and jieba behind it) is not part of start-up.
            from annotator.candidates.occurrences import apply_occurrences

            self.created = apply_occurrences(self.store, self.occurrences, self.label)
        else:
            for entity in self.created:
                self.store.annotations.restore_entity(entity)
        self.settled = [c for entity in self.created for c in _settle_candidates(self.store, entity)]
        return self._change(+len(self.created))

    def backward(self) -> Change:
        assert self.created is not None
        _unsettle_candidates(self.store, self.settled)
        for entity in self.created:
            assert entity.id is not None
            self.store.annotations.delete_entity(entity.id)
        return self._change(-len(self.created))

    def _change(self, created: int) -> Change:
        assert self.created is not None
        here = tuple(SpanKey(SpanKind.ENTITY, e.id) for e in self.created if e.doc_id == self.doc_id and e.id is not None)
        return Change(
            self.doc_id, here[0] if here else None, entities_created=created,
            touched=(*here, *_candidate_keys(self.settled)), documents=True,
        )


# --- histories ------------------------------------------------------------------------------------


class History(Protocol):
    """Where the review logic keeps its steps: the app's ``QUndoStack``, or ``PlainHistory``."""

    def push(self, step: Step) -> bool:
        """Do ``step`` and keep it for undo; False (and nothing kept) when the store refused it."""
        ...

    def undo(self) -> None: ...

    def redo(self) -> None: ...

    def can_undo(self) -> bool: ...

    def can_redo(self) -> bool: ...

    def undo_text(self) -> str: ...

    def redo_text(self) -> str: ...

    def clear(self) -> None: ...


class PlainHistory:
    """A linear undo history without Qt, with the same rules as the app's: refused steps are dropped,
    consecutive resizes of one entity merge, a new step drops what could have been redone."""

    def __init__(self, changed: Callable[[Change], None], refused: Callable[[str], None]) -> None:
        self._changed = changed
        self._refused = refused
        self._steps: list[Step] = []
        self._index = 0  # steps[:index] are done

    def push(self, step: Step) -> bool:
        try:
            change = step.redo()
        except AnnotatorError as exc:
            self._refused(str(exc))
            return False
        del self._steps[self._index :]
        if not (self._steps and self._steps[-1].merge(step)):
            self._steps.append(step)
        self._index = len(self._steps)
        self._changed(change)
        return True

    def undo(self) -> None:
        if self.can_undo():
            self._run(self._index - 1, undo=True)

    def redo(self) -> None:
        if self.can_redo():
            self._run(self._index, undo=False)

    def _run(self, index: int, *, undo: bool) -> None:
        step = self._steps[index]
        try:
            change = step.undo() if undo else step.redo()
        except AnnotatorError as exc:
            # The step no longer applies: drop it, as QUndoStack drops an obsolete command.
            del self._steps[index]
            self._index = min(self._index, index)
            self._refused(str(exc))
            return
        self._index = index if undo else index + 1
        self._changed(change)

    def can_undo(self) -> bool:
        return self._index > 0

    def can_redo(self) -> bool:
        return self._index < len(self._steps)

    def undo_text(self) -> str:
        return self._steps[self._index - 1].title.english() if self.can_undo() else ""

    def redo_text(self) -> str:
        return self._steps[self._index].title.english() if self.can_redo() else ""

    def clear(self) -> None:
        self._steps.clear()
        self._index = 0

    def __len__(self) -> int:
        return len(self._steps)
