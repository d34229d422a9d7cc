"""A document's review state read from the store: spans, relations, document labels."""

from __future__ import annotations

from annotator.model import AnnotatedDocument, Candidate, Document, SourceFile
from annotator.review.document_state import DocumentState
from annotator.review.spans import SpanKind


def add_doc(store, text="浙江省嘉兴市姚庄镇总工会专职副主席张萍", doc_id="d1", candidates=()):
    source = SourceFile(path=f"{doc_id}.txt", name=f"{doc_id}.txt", sha256=doc_id * 8, size=1, format="text")
    source.documents.append(AnnotatedDocument(Document(doc_id, text, title="t"), candidates=list(candidates)))
    store.documents.import_source(source)
    return doc_id


def test_state_lists_entities_and_only_pending_candidates(fresh_store):
    text = "浙江省嘉兴市姚庄镇总工会专职副主席张萍"
    cands = [
        Candidate("d1", 0, 3, "LOC", "浙江省", "rule:place", 0.9),
        Candidate("d1", 17, 19, "PER", "张萍", "jieba:nr", 0.8),
    ]
    add_doc(fresh_store, text, candidates=cands)
    first, second = fresh_store.candidates.for_document("d1")
    fresh_store.candidates.reject(second.id)
    org = fresh_store.annotations.add_entity("d1", 6, 12, "ORG")
    per = fresh_store.annotations.add_entity("d1", 17, 19, "PER")
    fresh_store.annotations.add_relation(per.id, org.id, "works_at")
    fresh_store.annotations.set_doc_label("d1", "topic", "工会建设")

    state = DocumentState.load(fresh_store, "d1")
    kinds = [(s.key.kind, s.text) for s in state.spans]
    assert kinds == [(SpanKind.CANDIDATE, "浙江省"), (SpanKind.ENTITY, "姚庄镇总工会"), (SpanKind.ENTITY, "张萍")]
    assert state.pending_count() == 1
    assert [r.label for r in state.relations_of(org.id)] == ["works_at"]
    assert state.doc_labels == {"topic": "工会建设"}
    assert state.document.status.value == "in_progress"
    assert state.entity_span(per.id).annotator == "tester"

    fresh_store.candidates.accept(first.id)
    state.reload(fresh_store)
    assert state.pending_count() == 0
    assert len(state.entities) == 3
