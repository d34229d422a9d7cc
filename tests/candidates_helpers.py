"""Small helpers for the candidate tests: a project with given documents."""

from __future__ import annotations

from annotator.model import AnnotatedDocument, Document, SourceFile, content_hash
from annotator.store import Store


def add_documents(store: Store, texts: dict[str, str]) -> list[str]:
    source = SourceFile(
        path="test", name="test", sha256=content_hash("".join(texts.values())), size=0, format="text"
    )
    source.documents = [AnnotatedDocument(Document(doc_id, text)) for doc_id, text in texts.items()]
    return store.documents.import_source(source).doc_ids


def pending(store: Store, doc_id: str, text: str | None = None, label: str | None = None):
    return [
        c for c in store.candidates.for_document(doc_id, states=["pending"])
        if (text is None or c.text == text) and (label is None or c.label == label)
    ]
