"""Review steps on a plain history, without Qt: each step is committed, undo restores the database exactly."""

from __future__ import annotations

import pytest
from review_projects import ARTICLE, snapshot, span

from annotator.model import CandidateState, Status
from annotator.review import steps as s
from annotator.review.spans import SpanKind


class Recorded(s.PlainHistory):
    """A plain history that keeps what it reported, and the steps pushed, for the assertions."""

    def __init__(self) -> None:
        self.changes: list[s.Change] = []
        self.refusals: list[str] = []
        super().__init__(self.changes.append, self.refusals.append)
        self.pushed: list[s.Step] = []

    def push(self, step: s.Step) -> bool:
        self.pushed.append(step)
        return super().push(step)


@pytest.fixture
def undo():
    return Recorded()


def round_trip(history, store, step):
    """Push, undo, redo: returns the snapshots before and after."""
    before = snapshot(store)
    assert history.push(step)
    after = snapshot(store)
    assert after != before
    history.undo()
    assert snapshot(store) == before
    history.redo()
    assert snapshot(store) == after
    return before, after


def test_add_entity_round_trip_keeps_the_id_and_the_status(store, undo):
    start, end = span(ARTICLE, "浙江省")
    step = s.AddEntity(store, "a1", start, end, "LOC")
    round_trip(undo, store, step)
    entity = store.annotations.entities("a1")[0]
    assert (entity.text, entity.label, entity.id) == ("浙江省", "LOC", step.entity.id)
    assert undo.changes[-1].focus.kind == SpanKind.ENTITY
    undo.undo()
    assert store.documents.get("a1").status is Status.TODO  # the automatic "in progress" is taken back too


def test_astral_offsets_are_code_points(store, undo):
    start, end = span(ARTICLE, "𠮷野家")
    undo.push(s.AddEntity(store, "a1", start, end, "ORG"))
    assert store.annotations.entities("a1")[0].text == "𠮷野家"


def test_refused_step_is_dropped_with_a_reason(store, undo):
    start, end = span(ARTICLE, "浙江省")
    assert undo.push(s.AddEntity(store, "a1", start, end, "LOC"))
    assert not undo.push(s.AddEntity(store, "a1", start, end, "LOC"))  # duplicate
    assert len(undo) == 1
    assert "already labelled LOC" in undo.refusals[-1]
    assert not undo.push(s.AddEntity(store, "a1", start, start + 1, "NOPE"))
    assert len(undo) == 1
    assert "unknown entity label 'NOPE'" in undo.refusals[-1]


def test_delete_entity_with_relations_is_undone_as_a_whole(store, undo):
    org = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会"), "ORG")
    per = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    store.annotations.add_relation(per.id, org.id, "works_at")
    before, after = round_trip(undo, store, s.DeleteEntity(store, org.id))
    assert after["relations"] == [] and len(before["relations"]) == 1


def test_resizes_of_one_entity_merge_into_one_step(store, undo):
    start, end = span(ARTICLE, "姚庄镇总工")
    entity = store.annotations.add_entity("a1", start, end, "ORG")
    before = snapshot(store)
    undo.push(s.UpdateEntity(store, entity.id, end=end + 1))
    undo.push(s.UpdateEntity(store, entity.id, start=start - 1))
    undo.push(s.UpdateEntity(store, entity.id, start=start))
    assert len(undo) == 1
    assert store.annotations.entity(entity.id).text == "姚庄镇总工会"
    undo.undo()
    assert snapshot(store) == before
    undo.redo()
    assert store.annotations.entity(entity.id).text == "姚庄镇总工会"
    undo.push(s.UpdateEntity(store, entity.id, label="LOC"))  # a relabel is its own step
    assert len(undo) == 2


def test_relabel_refused_when_a_relation_forbids_it(store, undo):
    org = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会"), "ORG")
    per = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    store.annotations.add_relation(per.id, org.id, "works_at")
    undo.push(s.UpdateEntity(store, org.id, label="DATE"))
    assert len(undo) == 0
    assert "cannot relabel" in undo.refusals[-1]
    assert store.annotations.entity(org.id).label == "ORG"


def test_accept_candidate_round_trip_restores_the_same_entity_id(store, undo):
    cand = next(x for x in store.candidates.for_document("a1") if x.text == "张萍")
    step = s.AcceptCandidate(store, cand.id)
    round_trip(undo, store, step)
    entity = store.annotations.entities("a1")[0]
    assert entity.id == step.entity.id and entity.origin == "candidate:jieba:nr"
    assert store.candidates.get(cand.id).state is CandidateState.ACCEPTED
    assert undo.changes[-1].entities_created == 1


def test_accept_with_a_fix_changes_label_and_boundaries(store, undo):
    cand = next(x for x in store.candidates.for_document("a1") if x.text == "姚庄镇总工会")
    start, end = span(ARTICLE, "姚庄镇")
    round_trip(undo, store, s.AcceptCandidate(store, cand.id, label="LOC", start=start, end=end))
    entity = store.annotations.entities("a1")[0]
    assert (entity.text, entity.label) == ("姚庄镇", "LOC")


def test_later_steps_survive_undo_and_redo_of_an_accept(store, undo):
    """Redo brings back the same entity id, so a relation pushed after it still applies."""
    per = next(x for x in store.candidates.for_document("a1") if x.text == "张萍")
    org = next(x for x in store.candidates.for_document("a1") if x.text == "姚庄镇总工会")
    undo.push(s.AcceptCandidate(store, per.id))
    undo.push(s.AcceptCandidate(store, org.id))
    per_entity, org_entity = undo.pushed[0].entity, undo.pushed[1].entity
    undo.push(s.AddRelation(store, per_entity.id, org_entity.id, "works_at"))
    full = snapshot(store)
    for _ in range(3):
        undo.undo()
    assert store.annotations.entities("a1") == [] and store.annotations.relations("a1") == []
    for _ in range(3):
        undo.redo()
    assert snapshot(store) == full


def test_reject_candidate_round_trip(store, undo):
    cand = store.candidates.for_document("a1")[0]
    round_trip(undo, store, s.RejectCandidate(store, cand.id))
    assert store.candidates.get(cand.id).state is CandidateState.REJECTED


def test_relation_steps_round_trip(store, undo):
    org = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会"), "ORG")
    per = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    add = s.AddRelation(store, per.id, org.id, "works_at")
    round_trip(undo, store, add)
    round_trip(undo, store, s.DeleteRelation(store, add.relation.id))
    undo.push(s.AddRelation(store, org.id, per.id, "works_at"))  # wrong direction
    assert "goes from PER to ORG" in undo.refusals[-1]


def test_status_and_document_label_round_trip(store, undo):
    round_trip(undo, store, s.SetStatus(store, "a1", Status.SKIPPED, "advertisement"))
    assert store.documents.get("a1").status_reason == "advertisement"
    assert undo.changes[-1].documents
    round_trip(undo, store, s.SetDocLabel(store, "a1", "topic", "工会建设"))
    round_trip(undo, store, s.SetDocLabel(store, "a1", "topic", "其他"))
    assert store.annotations.doc_labels("a1") == {"topic": "其他"}


def test_undo_that_no_longer_applies_is_refused_and_dropped(store, undo):
    start, end = span(ARTICLE, "浙江省")
    step = s.AddEntity(store, "a1", start, end, "LOC")
    undo.push(step)
    store.annotations.delete_entity(step.entity.id)  # someone else removed it meanwhile
    undo.undo()
    assert len(undo) == 0
    assert f"no entity with id {step.entity.id}" in undo.refusals[-1]


def test_split_and_merge_round_trip_with_annotations(store, undo):
    store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    offset = ARTICLE.index("\n") + 1
    before = snapshot(store)
    split = s.split_at(store, "a1", offset)
    undo.push(split)
    new_id = split.edit.created[0]
    assert store.documents.text("a1") == ARTICLE[: offset - 1]
    assert [e.text for e in store.annotations.entities(new_id)] == ["张萍"]
    assert undo.changes[-1].text and undo.changes[-1].documents
    undo.undo()
    assert snapshot(store) == before
    undo.redo()
    assert store.documents.exists(new_id)  # the same id again
    undo.push(s.merge_with(store, "a1", new_id))
    assert store.documents.text("a1") == ARTICLE and not store.documents.exists(new_id)
    undo.undo()
    undo.undo()
    assert snapshot(store) == before


def test_move_text_to_the_next_document_round_trip(store, undo):
    before = snapshot(store)
    start, end = span(ARTICLE, "姚庄镇总工会专职副主席张萍告诉记者，𠮷野家员工也加入了。😀")
    undo.push(s.move_text(store, "a1", start, end, "a2", at=0))
    assert store.documents.text("a2").startswith("姚庄镇总工会专职副主席")
    undo.undo()
    assert snapshot(store) == before


def test_a_split_through_an_entity_is_refused(store, undo):
    store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    assert not undo.push(s.split_at(store, "a1", span(ARTICLE, "张萍")[0] + 1))
    assert len(undo) == 0
    assert undo.refusals


def test_label_all_occurrences_is_one_undoable_step(store, undo):
    from annotator.candidates import find_occurrences

    before = snapshot(store)
    found = find_occurrences(store, "总工会", "ORG", doc_id=None)
    assert len(found) == 3  # twice in a1, once in a2
    undo.push(s.ApplyOccurrences(store, "a1", found, "ORG"))
    assert sorted((e.doc_id, e.text) for e in store.annotations.entities("a1") + store.annotations.entities("a2")) == [
        ("a1", "总工会"), ("a1", "总工会"), ("a2", "总工会")
    ]
    assert undo.changes[-1].entities_created == 3
    undo.undo()
    assert snapshot(store) == before
    undo.redo()
    assert len(store.annotations.entities("a1")) == 2


# --- a decided span leaves no pending candidate -------------------------------------------------


def pending(store, doc_id="a1"):
    return [(c.text, c.label) for c in store.candidates.for_document(doc_id, [CandidateState.PENDING])]


def test_label_all_occurrences_settles_the_candidates_on_the_spans_it_labels(store, undo):
    """The ghost of issue 13: "A" left a pending candidate under every entity it made."""
    from annotator.candidates import find_occurrences

    assert ("姚庄镇总工会", "ORG") in pending(store)
    before = snapshot(store)
    found = find_occurrences(store, "姚庄镇总工会", "ORG", doc_id="a1")
    assert len(found) == 2
    undo.push(s.ApplyOccurrences(store, "a1", found, "ORG"))
    assert ("姚庄镇总工会", "ORG") not in pending(store)
    settled = [c for c in store.candidates.for_document("a1") if c.text == "姚庄镇总工会"]
    entity_at = {(e.start, e.end): e.id for e in store.annotations.entities("a1")}
    assert [(c.state, c.entity_id) for c in settled] == [
        (CandidateState.ACCEPTED, entity_at[(c.start, c.end)]) for c in settled
    ]
    undo.undo()
    assert snapshot(store) == before
    undo.redo()
    assert ("姚庄镇总工会", "ORG") not in pending(store)


def test_labelling_a_selection_over_a_candidate_settles_it_even_with_another_label(store, undo):
    before = snapshot(store)
    start, end = span(ARTICLE, "嘉兴市")
    step = s.AddEntity(store, "a1", start, end, "ORG")  # the candidate says LOC
    undo.push(step)
    assert ("嘉兴市", "LOC") not in pending(store)
    candidate = next(c for c in store.candidates.for_document("a1") if c.text == "嘉兴市")
    assert (candidate.state, candidate.entity_id) == (CandidateState.ACCEPTED, step.entity.id)
    # what the document view re-reads: the entity and the candidate it settled
    assert {k.kind for k in undo.changes[-1].touched} == {SpanKind.ENTITY, SpanKind.CANDIDATE}
    undo.undo()
    assert snapshot(store) == before


def test_accepting_one_of_two_suggestions_for_a_span_settles_the_other(store, undo):
    from annotator.model import Candidate

    start, end = span(ARTICLE, "张萍")
    store.candidates.replace({"a1": [*store.candidates.for_document("a1"), Candidate("a1", start, end, "TITLE", "张萍", "rule:x", 0.2)]})
    assert pending(store).count(("张萍", "TITLE")) == 1
    before = snapshot(store)
    per = next(c for c in store.candidates.for_document("a1") if (c.text, c.label) == ("张萍", "PER"))
    round_trip(undo, store, s.AcceptCandidate(store, per.id))
    assert [text for text, _ in pending(store)].count("张萍") == 0
    undo.undo()
    assert snapshot(store) == before


def test_resizing_an_entity_onto_a_candidate_settles_it(store, undo):
    start, end = span(ARTICLE, "姚庄镇总工")
    entity = store.annotations.add_entity("a1", start, end, "ORG")
    before = snapshot(store)
    undo.push(s.UpdateEntity(store, entity.id, end=end + 1))  # now exactly 姚庄镇总工会, a pending ORG candidate
    assert ("姚庄镇总工会", "ORG") not in pending(store)
    undo.undo()
    assert snapshot(store) == before


def test_titles_read_in_english_without_the_app(store, undo):
    start, end = span(ARTICLE, "浙江省")
    undo.push(s.AddEntity(store, "a1", start, end, "LOC"))
    assert undo.undo_text() == "Label “浙江省” as LOC"
    from annotator.candidates import find_occurrences

    found = find_occurrences(store, "总工会", "ORG", doc_id=None)
    undo.push(s.ApplyOccurrences(store, "a1", found, "ORG"))
    assert undo.undo_text() == "Label 3 occurrence(s) of “总工会” as ORG"
