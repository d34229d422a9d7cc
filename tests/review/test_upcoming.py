"""The documents to prepare candidates for: the next unfinished ones."""

from __future__ import annotations

from annotator.model import AnnotatedDocument, Candidate, Document, SourceFile, Status
from annotator.review.upcoming import never_suggested, upcoming_unfinished


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
