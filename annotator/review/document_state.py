"""One document as the reviewer sees it: text, spans, relations and document labels, read from the store."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from annotator.errors import NotFoundError
from annotator.model import CandidateState, Document, Entity, Relation
from annotator.review.spans import Span, SpanIndex, SpanKey, SpanKind
from annotator.store import Store


@dataclass
class DocumentState:
    document: Document
    spans: SpanIndex
    entities: dict[int, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    doc_labels: dict[str, str] = field(default_factory=dict)

    @property
    def doc_id(self) -> str:
        return self.document.id

    @property
    def text(self) -> str:
        return self.document.text

    @classmethod
    def load(cls, store: Store, doc_id: str) -> DocumentState:
        state = cls(store.documents.get(doc_id), SpanIndex(()))
        state.reload(store)
        return state

    def reload(self, store: Store) -> None:
        """Re-read everything that annotating can change (not the text, which only segmentation edits change)."""
        entities = store.annotations.entities(self.doc_id)
        pending = store.candidates.for_document(self.doc_id, states=[CandidateState.PENDING])
        self.entities = {e.id: e for e in entities if e.id is not None}
        self.spans = SpanIndex([Span.of_entity(e) for e in entities] + [Span.of_candidate(c) for c in pending])
        self.relations = store.annotations.relations(self.doc_id)
        self.doc_labels = store.annotations.doc_labels(self.doc_id)
        self.refresh_status(store)

    def refresh(
        self,
        store: Store,
        spans: Iterable[SpanKey] = (),
        *,
        relations: bool = False,
        doc_labels: bool = False,
    ) -> None:
        """Re-read only what one change touched: some spans, and maybe the relations or document labels.

        A keypress on a long document must not re-read a thousand rows; the
        command that made the change knows which rows it touched.
        """
        changed = list(dict.fromkeys(spans))
        if changed:
            added: list[Span] = []
            for key in changed:
                if key.kind == SpanKind.ENTITY:
                    self.entities.pop(key.id, None)
                    try:
                        entity = store.annotations.entity(key.id)
                    except NotFoundError:
                        continue
                    if entity.doc_id == self.doc_id:
                        self.entities[key.id] = entity
                        added.append(Span.of_entity(entity))
                else:
                    try:
                        candidate = store.candidates.get(key.id)
                    except NotFoundError:
                        continue
                    if candidate.state is CandidateState.PENDING and candidate.doc_id == self.doc_id:
                        added.append(Span.of_candidate(candidate))
            self.spans = self.spans.replaced(changed, added)
        if relations:
            self.relations = store.annotations.relations(self.doc_id)
        if doc_labels:
            self.doc_labels = store.annotations.doc_labels(self.doc_id)
        self.refresh_status(store)

    def refresh_status(self, store: Store) -> None:
        document = store.documents.get(self.doc_id)
        self.document.status, self.document.status_reason = document.status, document.status_reason

    # --- questions the window asks ------------------------------------------------------

    def span(self, key: SpanKey | None) -> Span | None:
        return self.spans.get(key)

    def entity_span(self, entity_id: int) -> Span | None:
        return self.spans.get(SpanKey(SpanKind.ENTITY, entity_id))

    def relations_of(self, entity_id: int) -> list[Relation]:
        return [r for r in self.relations if entity_id in (r.head_id, r.tail_id)]

    def pending_count(self) -> int:
        return sum(1 for s in self.spans if s.is_candidate)

