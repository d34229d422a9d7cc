"""Bulk reads build objects straight from row tuples; they must give exactly what the row-by-name converters give."""

from __future__ import annotations

from dataclasses import fields

from annotator.model import (
    AnnotatedDocument,
    Candidate,
    CandidateState,
    Document,
    Entity,
    Piece,
    Provenance,
    Relation,
    SourceFile,
)
from annotator.store import Store
from annotator.store.rows import (
    CANDIDATE_FIELDS,
    ENTITY_FIELDS,
    RELATION_FIELDS,
    candidate_from_row,
    document_from_row,
    entity_from_row,
    relation_from_row,
)


def columns(listing: str) -> list[str]:
    return [name.strip().strip('"') for name in listing.split(",")]


def test_the_column_lists_follow_the_dataclass_fields():
    # positional construction relies on this order
    assert columns(ENTITY_FIELDS) == [f.name for f in fields(Entity)]
    assert columns(RELATION_FIELDS) == [f.name for f in fields(Relation)]
    assert columns(CANDIDATE_FIELDS) == [f.name for f in fields(Candidate)]


def test_bulk_reads_match_the_row_converters(fresh_store: Store):
    text = "浙江省总工会主席张萍在杭州。"
    doc = Document(
        "d1", text, title="标题", kind="feature", raw_text=text, meta={"kicker": "引题", "flags": [{"kind": "x"}]},
        provenance=Provenance("p.txt", "0" * 64, "utf-8", [Piece(0, 7, "p.txt", 3, 10), Piece(7, 14, "p.txt", 12, 19)]),
    )
    bundle = AnnotatedDocument(
        doc,
        entities=[Entity("d1", 0, 6, "ORG", "浙江省总工会", id=1), Entity("d1", 8, 10, "PER", "张萍", id=2),
                  Entity("d1", 0, 3, "LOC", "浙江省", id=3)],
        relations=[Relation("d1", "works_at", 2, 1)],
        candidates=[Candidate("d1", 11, 13, "LOC", "杭州", "rules", 0.75)],
        doc_labels={},
    )
    source = SourceFile(path="s", name="s", sha256="1" * 64, size=1, format="test", documents=[bundle])
    fresh_store.documents.import_source(source)
    fresh_store.candidates.reject(fresh_store.candidates.for_document("d1")[0].id)

    (read,) = fresh_store.documents.iter_annotated(["d1"], include_candidates=True)
    def by_name(sql: str) -> list[dict]:
        return list(fresh_store.db.query(sql))

    assert read.document == document_from_row(by_name(
        "SELECT id, position, title, text, raw_text, kind, status, status_reason, meta, provenance "
        "FROM documents WHERE id = 'd1'")[0])
    assert read.entities == [entity_from_row(r) for r in by_name(
        "SELECT * FROM entities ORDER BY start, \"end\", label, id")]
    assert read.relations == [relation_from_row(r) for r in by_name("SELECT * FROM relations")]
    assert read.candidates == [candidate_from_row(r) for r in by_name("SELECT * FROM candidates")]
    assert read.candidates[0].state is CandidateState.REJECTED
    assert fresh_store.annotations.entities("d1") == read.entities
    assert fresh_store.candidates.for_document("d1") == read.candidates
    assert fresh_store.candidates.for_document("d1", [CandidateState.PENDING]) == []
