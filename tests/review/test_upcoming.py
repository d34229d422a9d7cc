"""The documents to prepare candidates for: the next unfinished ones."""

from __future__ import annotations

from annotator.model import AnnotatedDocument, Candidate, Document, SourceFile, Status
from annotator.review.upcoming import MOST_UNSURE, READING, never_suggested, next_unfinished, upcoming_unfinished


def add(store, doc_id, text):
    source = SourceFile(path=doc_id, name=doc_id, sha256=(doc_id * 64)[:64], size=1, format="text")
    source.documents.append(AnnotatedDocument(Document(doc_id, text)))
    store.documents.import_source(source)


def test_upcoming_skips_finished_documents_wraps_and_never_returns_the_current(fresh_store):
    for i in range(5):
        add(fresh_store, f"d{i}", f"第{i}篇文章。")
    fresh_store.documents.set_status("d2", Status.DONE)
    fresh_store.documents.set_status("d3", Status.SKIPPED, "ad")
    assert upcoming_unfinished(fresh_store, "d1", 2) == ["d4", "d0"]
    assert upcoming_unfinished(fresh_store, "d1", 10) == ["d4", "d0"]
    assert upcoming_unfinished(fresh_store, None, 1) == ["d0"]


def test_never_suggested_looks_at_candidates_in_any_state(fresh_store):
    add(fresh_store, "d0", "张萍告诉记者")
    assert never_suggested(fresh_store, "d0")
    fresh_store.candidates.replace({"d0": [Candidate("d0", 0, 2, "PER", "张萍", "test", 0.9)]})
    assert not never_suggested(fresh_store, "d0")
    fresh_store.candidates.reject(fresh_store.candidates.for_document("d0")[0].id)
    assert not never_suggested(fresh_store, "d0")


def measure(store, uncertainty: dict[str, float]) -> int:
    """A stored model (bytes that only look like one) that measured these documents."""
    from annotator.store.models import DocumentUncertainty, ModelRecord

    model_id = store.models.add(
        ModelRecord(b"lCRF" + bytes(60), documents=5, entities=20, labels=("PER",), settings={}, metrics={})
    ).id
    with store.transaction():
        store.models.record_uncertainty(DocumentUncertainty(d, model_id, u, u) for d, u in uncertainty.items())
    return model_id


def test_most_unsure_first_takes_the_least_certain_then_reading_order(fresh_store):
    for i in range(5):
        add(fresh_store, f"d{i}", f"第{i}篇文章。")
    # before any model, both orders are reading order
    assert upcoming_unfinished(fresh_store, "d1", 2, MOST_UNSURE) == ["d2", "d3"]
    measure(fresh_store, {"d0": 0.1, "d3": 0.5, "d4": 0.3})
    fresh_store.documents.set_status("d4", Status.DONE)
    # d3 then d0 (measured, least sure first, finished ones left out), then d2 after d1 in reading order
    assert upcoming_unfinished(fresh_store, "d1", 3, MOST_UNSURE) == ["d3", "d0", "d2"]
    assert next_unfinished(fresh_store, "d3", MOST_UNSURE) == "d0"  # never the current one
    assert next_unfinished(fresh_store, None, MOST_UNSURE) == "d3"
    assert next_unfinished(fresh_store, "d1", READING) == "d2"
    # only the newest model's measurements count
    measure(fresh_store, {"d2": 0.9})
    assert upcoming_unfinished(fresh_store, "d1", 2, MOST_UNSURE) == ["d2", "d3"]


def test_done_and_next_follows_the_chosen_order(fresh_store):
    from annotator.review.machine import ReviewMachine

    for i in range(4):
        add(fresh_store, f"d{i}", f"第{i}篇文章。")
    measure(fresh_store, {"d2": 0.8, "d3": 0.2})
    machine = ReviewMachine(fresh_store)
    machine.order = MOST_UNSURE
    assert machine.open_first_unfinished() and machine.doc_id == "d2"
    machine.done_and_next()
    assert machine.doc_id == "d3"
    machine.order = READING
    machine.done_and_next()
    assert machine.doc_id == "d0"
