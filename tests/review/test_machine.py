"""The review state machine without Qt: what the keys call, the notes it gives, and the state it keeps in step with the store."""

from __future__ import annotations

import random

from review_projects import ARTICLE, snapshot, span

from annotator.model import CandidateState
from annotator.review.document_state import DocumentState
from annotator.review.machine import ReviewMachine
from annotator.review.notes import Note
from annotator.review.spans import Edge, SpanKind


class Recorder(ReviewMachine):
    """The machine with its hooks written down, as the window would hear them."""

    def __init__(self, store) -> None:
        super().__init__(store)
        self.notes: list[Note] = []
        self.heard: list[str] = []

    def on_note(self, note: Note) -> None:
        self.notes.append(note)

    def on_document_opened(self, doc_id: str) -> None:
        self.heard.append(f"opened {doc_id}")

    def on_schema_changed(self) -> None:
        self.heard.append("schema")

    @property
    def last_note(self) -> str:
        return self.notes[-1].key if self.notes else ""


def fresh_view(store, doc_id):
    state = DocumentState.load(store, doc_id)
    return [(s.key, s.start, s.end, s.label) for s in state.spans], state.relations, state.doc_labels


def kept_view(controller):
    state = controller.state
    return [(s.key, s.start, s.end, s.label) for s in state.spans], state.relations, state.doc_labels


def test_the_state_kept_after_each_step_equals_a_fresh_read(store):
    """Each command re-reads only the rows it touched; after any sequence that must equal reading everything."""
    controller = Recorder(store)
    controller.open_document("a1")
    rng = random.Random(5)
    for step in range(1, 81):
        choice = rng.randrange(9)
        spans = list(controller.state.spans)
        if spans:
            controller.set_focus(rng.choice(spans).key)
        if choice == 0:
            controller.accept_focused()
        elif choice == 1:
            controller.reject_or_delete_focused()
        elif choice == 2:
            controller.label_key(str(rng.randint(1, 5)))
        elif choice == 3:
            start = rng.randrange(len(ARTICLE) - 3)
            controller.apply_label("LOC", (start, start + rng.randint(1, 3)))
        elif choice == 4:
            controller.move_edge(rng.choice([Edge.START, Edge.END]), rng.choice([-1, 1]))
        elif choice == 5:
            entities = [s for s in spans if s.is_entity]
            if len(entities) >= 2:
                head, tail = rng.sample(entities, 2)
                controller.set_focus(head.key)
                controller.start_relation()
                controller.set_focus(tail.key)
                controller.pick_relation(1)
                controller.cancel()
        elif choice == 6:
            controller.undo()
        elif choice == 7:
            controller.redo()
        else:
            controller.set_doc_label("topic", rng.choice(["工会建设", "其他", None]))
        assert kept_view(controller) == fresh_view(store, "a1"), f"after step {step}"
    controller.close()


def test_tab_without_focus_starts_from_the_caret(store):
    controller = Recorder(store)
    controller.open_document("a1")
    controller.caret = span(ARTICLE, "姚庄镇总工会")[0]
    controller.focus_next()
    assert controller.focused_span().text == "姚庄镇总工会"
    controller.close()


def test_a_relation_draft_only_steps_through_entities_and_skips_the_head(store):
    a = store.annotations.add_entity("a1", *span(ARTICLE, "邹倜然"), "PER")
    b = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    controller = Recorder(store)
    controller.open_document("a1")
    controller.set_focus(controller.state.entity_span(a.id).key)
    controller.start_relation()
    controller.focus_next()
    assert controller.focus.kind == SpanKind.ENTITY and controller.focus.id == b.id
    controller.focus_next()  # wraps past the head back to the only other entity
    assert controller.focus.id == b.id
    controller.close()


def test_undo_of_a_step_in_another_document_goes_back_to_it(store):
    controller = Recorder(store)
    controller.open_document("a2")
    controller.apply_label("ORG", (6, 12))
    controller.open_document("a1")
    before = snapshot(store)
    controller.undo()
    assert controller.doc_id == "a2"
    assert snapshot(store) != before and store.annotations.entities("a2") == []
    controller.close()


def test_fresh_candidates_from_a_worker_keep_the_focus(store):
    from annotator.model import Candidate

    controller = Recorder(store)
    controller.open_document("a1")
    controller.focus_next()
    focused = controller.focused_span()
    assert focused.is_candidate
    # what a background refresh does: the same suggestions again, plus the focused one's score changed
    pending = store.candidates.for_document("a1")
    fresh = [
        Candidate("a1", c.start, c.end, c.label, c.text, c.source, 0.5 if c.id == focused.key.id else c.score)
        for c in pending
    ]
    store.candidates.replace({"a1": fresh})
    controller.reload()
    now = controller.focused_span()
    assert now is not None and now.key == focused.key
    assert (now.start, now.end, now.label, now.score) == (focused.start, focused.end, focused.label, 0.5)


def test_a_refresh_that_drops_the_focused_candidate_drops_the_focus(store):
    controller = Recorder(store)
    controller.open_document("a1")
    controller.focus_next()
    focused = controller.focused_span()
    others = [c for c in store.candidates.for_document("a1") if c.id != focused.key.id]
    store.candidates.replace({"a1": others})
    controller.reload()
    assert controller.focused_span() is None
    controller.close()


# --- Return moves on; a number stays ------------------------------------------------------------


def focus_text(machine, text):
    machine.set_focus(next(s.key for s in machine.state.spans if s.text == text))


def test_a_number_on_a_candidate_accepts_it_and_the_focus_stays_so_a_second_number_corrects_it(store):
    machine = Recorder(store)
    machine.open_document("a1")
    focus_text(machine, "嘉兴市")
    assert machine.label_key("2")  # ORG
    focused = machine.focused_span()
    assert focused.is_entity and (focused.text, focused.label) == ("嘉兴市", "ORG")
    assert machine.label_key("3")  # meant LOC after all: the same span again, not the next one
    assert [(e.text, e.label) for e in store.annotations.entities("a1")] == [("嘉兴市", "LOC")]
    assert machine.focused_span().text == "嘉兴市"
    # the next candidate is untouched
    assert ("姚庄镇总工会", "ORG") in [(c.text, c.label) for c in store.candidates.for_document("a1", [CandidateState.PENDING])]


def test_return_accepts_a_candidate_and_moves_to_the_next_candidate(store):
    machine = Recorder(store)
    machine.open_document("a1")
    focus_text(machine, "邹倜然")
    machine.accept_focused()
    assert [(e.text, e.label) for e in store.annotations.entities("a1")] == [("邹倜然", "PER")]
    assert machine.focused_span().text == "嘉兴市"


def test_return_on_an_entity_leaves_it_and_moves_to_the_next_candidate(store):
    machine = Recorder(store)
    machine.open_document("a1")
    focus_text(machine, "嘉兴市")
    machine.label_key("3")
    before = snapshot(store)
    machine.accept_focused()
    assert snapshot(store) == before
    assert machine.focused_span().text == "姚庄镇总工会"
    # on the last candidate, a number then Return ends with the note, the focus on what was labelled
    machine.reject_or_delete_focused()  # 姚庄镇总工会
    focus_text(machine, "邹倜然")
    machine.reject_or_delete_focused()
    focus_text(machine, "张萍")
    machine.label_key("1")
    machine.accept_focused()
    assert machine.last_note == "no_candidates_left" and machine.focused_span().text == "张萍"


def test_a_number_relabels_the_focused_entity_in_place(store):
    entity = store.annotations.add_entity("a1", *span(ARTICLE, "浙江省"), "ORG")
    machine = Recorder(store)
    machine.open_document("a1")
    machine.set_focus(machine.state.entity_span(entity.id).key)
    machine.label_key("3")
    assert store.annotations.entity(entity.id).label == "LOC"
    assert machine.focus == machine.state.entity_span(entity.id).key


def test_a_refused_pick_says_why_as_a_note(store):
    per = store.annotations.add_entity("a1", *span(ARTICLE, "邹倜然"), "PER")
    date = store.annotations.add_entity("a1", *span(ARTICLE, "浙江省"), "LOC")
    machine = Recorder(store)
    machine.open_document("a1")
    machine.set_focus(machine.state.entity_span(per.id).key)
    machine.start_relation()
    machine.pick_relation(1)
    assert machine.notes[-1] == Note("choose_tail")
    machine.set_focus(machine.state.entity_span(date.id).key)
    machine.pick_relation(1)
    assert machine.last_note == "no_relation_type"


def test_a_relation_is_announced_by_its_display_name(store):
    org = store.annotations.add_entity("a1", *span(ARTICLE, "姚庄镇总工会"), "ORG")
    per = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    machine = Recorder(store)
    machine.open_document("a1")
    machine.set_focus(machine.state.entity_span(per.id).key)
    machine.start_relation()
    machine.set_focus(machine.state.entity_span(org.id).key)
    machine.pick_relation(1)
    assert machine.notes[-1] == Note("relation_added", ("任职于", "张萍", "姚庄镇总工会"))


# --- the label schema as a step ----------------------------------------------------------------------


def test_a_schema_change_is_undone_like_any_step_and_earlier_steps_still_undo(store):
    from annotator.project.schema_editing import ChangeSchema, SchemaDraft

    machine = Recorder(store)
    machine.open_document("a1")
    machine.apply_label("LOC", span(ARTICLE, "浙江省"))
    before_rename = snapshot(store)
    draft = SchemaDraft(store.schema.current)
    next(e for e in draft.entities if e.name == "LOC").name = "PLACE"
    assert machine.push(ChangeSchema(store, draft, doc_id="a1"))
    assert "schema" in machine.heard
    assert [e.label for e in store.annotations.entities("a1")] == ["PLACE"]
    assert [s.label for s in machine.state.spans if s.is_entity] == ["PLACE"]
    machine.undo()
    assert snapshot(store) == before_rename and "LOC" in store.schema.current.entity_names
    assert [s.label for s in machine.state.spans if s.is_entity] == ["LOC"]
    machine.undo()  # the labelling before it
    assert store.annotations.entities("a1") == []
    machine.redo()
    machine.redo()
    assert [e.label for e in store.annotations.entities("a1")] == ["PLACE"]
