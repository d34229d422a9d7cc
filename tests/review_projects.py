"""Small projects for the review logic's and the app's tests, and database snapshots to compare before and after undo."""

from __future__ import annotations

import pytest

from annotator.model import AnnotatedDocument, Candidate, Document, SourceFile
from annotator.store import Store

# A short article with nested places, a byline and an astral character
# (𠮷 takes two UTF-16 units), so offsets are exercised everywhere.
ARTICLE = (
    "本报讯（记者邹倜然）浙江省嘉兴市姚庄镇总工会成立了“工会专家团”。\n"
    "姚庄镇总工会专职副主席张萍告诉记者，𠮷野家员工也加入了。😀"
)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def candidate(doc_id: str, text: str, needle: str, label: str, source: str = "rule:test", score: float = 0.8):
    start, end = span(text, needle)
    return Candidate(doc_id, start, end, label, needle, source, score)


def add_document(store: Store, doc_id: str, text: str, *, title: str = "", candidates=(), meta=None, position_name=None):
    name = position_name or f"{doc_id}.txt"
    source = SourceFile(path=name, name=name, sha256=(doc_id * 64)[:64], size=len(text), format="text")
    source.documents.append(
        AnnotatedDocument(Document(doc_id, text, title=title or text[:12], meta=meta or {}), candidates=list(candidates))
    )
    report = store.documents.import_source(source)
    assert report.documents == 1, report
    return doc_id


def default_candidates(doc_id: str = "a1", text: str = ARTICLE):
    return [
        candidate(doc_id, text, "邹倜然", "PER", "jieba:nr", 0.91),
        candidate(doc_id, text, "嘉兴市", "LOC", "rule:place", 0.85),
        candidate(doc_id, text, "姚庄镇总工会", "ORG", "gazetteer", 0.77),
        candidate(doc_id, text, "张萍", "PER", "jieba:nr", 0.88),
    ]


TRACKED = {
    "documents": "SELECT id, status, status_reason, text FROM documents ORDER BY id",
    "entities": 'SELECT id, doc_id, start, "end", label, text, annotator, origin FROM entities ORDER BY id',
    "relations": "SELECT id, doc_id, label, head_id, tail_id, annotator FROM relations ORDER BY id",
    "candidates": 'SELECT id, doc_id, start, "end", label, state, entity_id FROM candidates ORDER BY id',
    "doc_labels": "SELECT doc_id, name, value FROM doc_labels ORDER BY doc_id, name",
}


def snapshot(store_or_path) -> dict[str, list[tuple]]:
    """Everything annotating can change, without timestamps: undo must bring it back exactly."""
    if isinstance(store_or_path, Store):
        conn = store_or_path.db.conn
        return {name: conn.execute(sql).fetchall() for name, sql in TRACKED.items()}
    with Store(store_or_path, annotator="snapshot") as other:
        return snapshot(other)


@pytest.fixture
def project(db_path):
    """Two articles; the first with four candidates. Returns the database path."""
    with Store(db_path, annotator="tester") as store:
        add_document(store, "a1", ARTICLE, title="“工会专家团”，给力！", candidates=default_candidates(),
                     meta={"byline": {"reporters": ["邹倜然"]}, "flags": [{"kind": "join", "offset": 42, "confidence": 0.4, "message": "low-confidence join"}]})
        add_document(store, "a2", "第二篇文章：北京市总工会召开会议。", title="第二篇")
    return db_path


@pytest.fixture
def store(project):
    with Store(project, annotator="tester") as store:
        yield store
