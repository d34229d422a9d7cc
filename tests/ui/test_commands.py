"""Undo commands on a bare QUndoStack, without widgets: each step is committed, undo restores the database exactly."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from ui_projects import ARTICLE, snapshot, span

from annotator.model import CandidateState, Status
from annotator.review.spans import SpanKind
from annotator.ui import commands as c


@pytest.fixture
def undo(store):
    changes, refusals = [], []
    context = c.CommandContext(store, changes.append, refusals.append)
    stack = QUndoStack()
    stack.changes, stack.refusals, stack.context = changes, refusals, context
    yield stack
    stack.clear()


def round_trip(stack, store, command):
    """Push, undo, redo: returns the snapshots before and after."""
    before = snapshot(store)
    stack.push(command)
    after = snapshot(store)
    assert after != before
    stack.undo()
    assert snapshot(store) == before
    stack.redo()
    assert snapshot(store) == after
    return before, after


def test_add_entity_round_trip_keeps_the_id_and_the_status(store, undo):
    start, end = span(ARTICLE, "浙江省")
    command = c.AddEntity(undo.context, "a1", start, end, "LOC")
    round_trip(undo, store, command)
    entity = store.annotations.entities("a1")[0]
    assert (entity.text, entity.label, entity.id) == ("浙江省", "LOC", command.entity.id)
    assert undo.changes[-1].focus.kind == SpanKind.ENTITY
    undo.undo()
    assert store.documents.get("a1").status is Status.TODO  # the automatic "in progress" is taken back too


def test_astral_offsets_are_code_points(store, undo):
    start, end = span(ARTICLE, "𠮷野家")
    undo.push(c.AddEntity(undo.context, "a1", start, end, "ORG"))
    assert store.annotations.entities("a1")[0].text == "𠮷野家"


def test_refused_step_is_dropped_from_the_stack_with_a_reason(store, undo):
    start, end = span(ARTICLE, "浙江省")
    undo.push(c.AddEntity(undo.context, "a1", start, end, "LOC"))
    undo.push(c.AddEntity(undo.context, "a1", start, end, "LOC"))  # duplicate
    assert undo.count() == 1
    assert "already labelled LOC" in undo.refusals[-1]
    undo.push(c.AddEntity(undo.context, "a1", start, start + 1, "NOPE"))
    assert undo.count() == 1
    assert "unknown entity label 'NOPE'" in undo.refusals[-1]


def test_delete_entity_with_relations_is_undone_as_a_whole(store, undo):
    org = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会"), "ORG")
    per = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    store.annotations.add_relation(per.id, org.id, "works_at")
    before, after = round_trip(undo, store, c.DeleteEntity(undo.context, org.id))
    assert after["relations"] == [] and len(before["relations"]) == 1


def test_resizes_of_one_entity_merge_into_one_step(store, undo):
    start, end = span(ARTICLE, "姚庄镇总工")
    entity = store.annotations.add_entity("a1", start, end, "ORG")
    before = snapshot(store)
    undo.push(c.UpdateEntity(undo.context, entity.id, end=end + 1))
    undo.push(c.UpdateEntity(undo.context, entity.id, start=start - 1))
    undo.push(c.UpdateEntity(undo.context, entity.id, start=start))
    assert undo.count() == 1
    assert store.annotations.entity(entity.id).text == "姚庄镇总工会"
    undo.undo()
    assert snapshot(store) == before
    undo.redo()
    assert store.annotations.entity(entity.id).text == "姚庄镇总工会"
    undo.push(c.UpdateEntity(undo.context, entity.id, label="LOC"))  # a relabel is its own step
    assert undo.count() == 2


def test_relabel_refused_when_a_relation_forbids_it(store, undo):
    org = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会"), "ORG")
    per = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    store.annotations.add_relation(per.id, org.id, "works_at")
    undo.push(c.UpdateEntity(undo.context, org.id, label="DATE"))
    assert undo.count() == 0
    assert "cannot relabel" in undo.refusals[-1]
    assert store.annotations.entity(org.id).label == "ORG"


def test_accept_candidate_round_trip_restores_the_same_entity_id(store, undo):
    cand = next(x for x in store.candidates.for_document("a1") if x.text == "张萍")
    command = c.AcceptCandidate(undo.context, cand.id)
    round_trip(undo, store, command)
    entity = store.annotations.entities("a1")[0]
    assert entity.id == command.entity.id and entity.origin == "candidate:jieba:nr"
    assert store.candidates.get(cand.id).state is CandidateState.ACCEPTED
    assert undo.changes[-1].entities_created == 1


def test_accept_with_a_fix_changes_label_and_boundaries(store, undo):
    cand = next(x for x in store.candidates.for_document("a1") if x.text == "姚庄镇总工会")
    start, end = span(ARTICLE, "姚庄镇")
    round_trip(undo, store, c.AcceptCandidate(undo.context, cand.id, label="LOC", start=start, end=end))
    entity = store.annotations.entities("a1")[0]
    assert (entity.text, entity.label) == ("姚庄镇", "LOC")


def test_later_steps_survive_undo_and_redo_of_an_accept(store, undo):
    """Redo brings back the same entity id, so a relation pushed after it still applies."""
    per = next(x for x in store.candidates.for_document("a1") if x.text == "张萍")
    org = next(x for x in store.candidates.for_document("a1") if x.text == "姚庄镇总工会")
    undo.push(c.AcceptCandidate(undo.context, per.id))
    undo.push(c.AcceptCandidate(undo.context, org.id))
    per_entity, org_entity = undo.command(0).entity, undo.command(1).entity
    undo.push(c.AddRelation(undo.context, per_entity.id, org_entity.id, "works_at"))
    full = snapshot(store)
    for _ in range(3):
        undo.undo()
    assert store.annotations.entities("a1") == [] and store.annotations.relations("a1") == []
    for _ in range(3):
        undo.redo()
    assert snapshot(store) == full


def test_reject_candidate_round_trip(store, undo):
    cand = store.candidates.for_document("a1")[0]
    round_trip(undo, store, c.RejectCandidate(undo.context, cand.id))
    assert store.candidates.get(cand.id).state is CandidateState.REJECTED


def test_relation_commands_round_trip(store, undo):
    org = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会"), "ORG")
    per = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    add = c.AddRelation(undo.context, per.id, org.id, "works_at")
    round_trip(undo, store, add)
    round_trip(undo, store, c.DeleteRelation(undo.context, add.relation.id))
    undo.push(c.AddRelation(undo.context, org.id, per.id, "works_at"))  # wrong direction
    assert "goes from PER to ORG" in undo.refusals[-1]


def test_status_and_document_label_round_trip(store, undo):
    round_trip(undo, store, c.SetStatus(undo.context, "a1", Status.SKIPPED, "advertisement"))
    assert store.documents.get("a1").status_reason == "advertisement"
    assert undo.changes[-1].documents
    round_trip(undo, store, c.SetDocLabel(undo.context, "a1", "topic", "工会建设"))
    round_trip(undo, store, c.SetDocLabel(undo.context, "a1", "topic", "其他"))
    assert store.annotations.doc_labels("a1") == {"topic": "其他"}


def test_undo_that_no_longer_applies_is_refused_and_dropped(store, undo):
    start, end = span(ARTICLE, "浙江省")
    undo.push(c.AddEntity(undo.context, "a1", start, end, "LOC"))
    entity_id = undo.command(0).entity.id
    store.annotations.delete_entity(entity_id)  # someone else removed it meanwhile
    undo.undo()
    assert undo.count() == 0
    assert f"no entity with id {entity_id}" in undo.refusals[-1]


def test_split_and_merge_round_trip_with_annotations(store, undo):
    store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    offset = ARTICLE.index("\n") + 1
    before = snapshot(store)
    split = c.split_at(undo.context, "a1", offset)
    undo.push(split)
    new_id = split.edit.created[0]
    assert store.documents.text("a1") == ARTICLE[: offset - 1]
    assert [e.text for e in store.annotations.entities(new_id)] == ["张萍"]
    assert undo.changes[-1].text and undo.changes[-1].documents
    undo.undo()
    assert snapshot(store) == before
    undo.redo()
    assert store.documents.exists(new_id)  # the same id again
    undo.push(c.merge_with(undo.context, "a1", new_id))
    assert store.documents.text("a1") == ARTICLE and not store.documents.exists(new_id)
    undo.undo()
    undo.undo()
    assert snapshot(store) == before


def test_move_text_to_the_next_document_round_trip(store, undo):
    before = snapshot(store)
    start, end = span(ARTICLE, "姚庄镇总工会专职副主席张萍告诉记者，𠮷野家员工也加入了。😀")
    undo.push(c.move_text(undo.context, "a1", start, end, "a2", at=0))
    assert store.documents.text("a2").startswith("姚庄镇总工会专职副主席")
    undo.undo()
    assert snapshot(store) == before


def test_a_split_through_an_entity_is_refused(store, undo):
    store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    undo.push(c.split_at(undo.context, "a1", span(ARTICLE, "张萍")[0] + 1))
    assert undo.count() == 0
    assert undo.refusals


def test_label_all_occurrences_is_one_undoable_step(store, undo):
    from annotator.candidates import find_occurrences

    before = snapshot(store)
    found = find_occurrences(store, "总工会", "ORG", doc_id=None)
    assert len(found) == 3  # twice in a1, once in a2
    undo.push(c.ApplyOccurrences(undo.context, "a1", found, "ORG"))
    assert sorted((e.doc_id, e.text) for e in store.annotations.entities("a1") + store.annotations.entities("a2")) == [
        ("a1", "总工会"), ("a1", "总工会"), ("a2", "总工会")
    ]
    assert undo.changes[-1].entities_created == 3
    undo.undo()
    assert snapshot(store) == before
    undo.redo()
    assert len(store.annotations.entities("a1")) == 2
