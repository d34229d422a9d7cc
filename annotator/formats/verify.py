"""The checks every export runs on every document before anything is written."""

from __future__ import annotations

from annotator.errors import VerificationError
from annotator.model import AnnotatedDocument, span_mismatch


def verify_document(bundle: AnnotatedDocument) -> None:
    """Raise ``VerificationError`` if a span does not fit the text or a relation dangles."""
    doc = bundle.document
    ids = set()
    for entity in bundle.entities:
        problem = span_mismatch(doc.text, entity.start, entity.end, entity.text)
        if problem:
            raise VerificationError(
                f"document {doc.id}, entity {entity.id} ({entity.label}): {problem}; nothing was written"
            )
        ids.add(entity.id)
    for relation in bundle.relations:
        for role, entity_id in (("head", relation.head_id), ("tail", relation.tail_id)):
            if entity_id not in ids:
                raise VerificationError(
                    f"document {doc.id}, relation {relation.id} ({relation.label}): its {role} "
                    f"(entity {entity_id}) is not among the exported entities; nothing was written"
                )
    for candidate in bundle.candidates:
        problem = span_mismatch(doc.text, candidate.start, candidate.end, candidate.text)
        if problem:
            raise VerificationError(f"document {doc.id}, candidate {candidate.id}: {problem}; nothing was written")
