"""The reviewer's intents without any widget: what the keys call, and the state it keeps in step with the store."""

from __future__ import annotations

import random

from ui_projects import ARTICLE, snapshot, span

from annotator.review.document_state import DocumentState
from annotator.review.spans import Edge, SpanKind
from annotator.ui.review_controller import ReviewController


def fresh_view(store, doc_id):
    state = DocumentState.load(store, doc_id)
    return [(s.key, s.start, s.end, s.label) for s in state.spans], state.relations, state.doc_labels


def kept_view(controller):
    state = controller.state
    return [(s.key, s.start, s.end, s.label) for s in state.spans], state.relations, state.doc_labels


def test_the_state_kept_after_each_step_equals_a_fresh_read(qapp, store):
    """Each command re-reads only the rows it touched; after any sequence that must equal reading everything."""
    controller = ReviewController(store)
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


def test_tab_without_focus_starts_from_the_caret(qapp, store):
    controller = ReviewController(store)
    controller.open_document("a1")
    controller.caret = span(ARTICLE, "姚庄镇总工会")[0]
    controller.focus_next()
    assert controller.focused_span().text == "姚庄镇总工会"
    controller.close()


def test_a_relation_draft_only_steps_through_entities_and_skips_the_head(qapp, store):
    a = store.annotations.add_entity("a1", *span(ARTICLE, "邹倜然"), "PER")
    b = store.annotations.add_entity("a1", *span(ARTICLE, "张萍"), "PER")
    controller = ReviewController(store)
    controller.open_document("a1")
    controller.set_focus(controller.state.entity_span(a.id).key)
    controller.start_relation()
    controller.focus_next()
    assert controller.focus.kind == SpanKind.ENTITY and controller.focus.id == b.id
    controller.focus_next()  # wraps past the head back to the only other entity
    assert controller.focus.id == b.id
    controller.close()


def test_undo_of_a_step_in_another_document_goes_back_to_it(qapp, store):
    controller = ReviewController(store)
    controller.open_document("a2")
    controller.apply_label("ORG", (6, 12))
    controller.open_document("a1")
    before = snapshot(store)
    controller.undo()
    assert controller.doc_id == "a2"
    assert snapshot(store) != before and store.annotations.entities("a2") == []
    controller.close()


def test_fresh_candidates_from_a_worker_keep_the_focus(qapp, store):
    from annotator.model import Candidate

    controller = ReviewController(store)
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


def test_a_refresh_that_drops_the_focused_candidate_drops_the_focus(qapp, store):
    controller = ReviewController(store)
    controller.open_document("a1")
    controller.focus_next()
    focused = controller.focused_span()
    others = [c for c in store.candidates.for_document("a1") if c.id != focused.key.id]
    store.candidates.replace({"a1": others})
    controller.reload()
    assert controller.focused_span() is None
    controller.close()
