"""The checks every export runs on every document before anything is written."""

from __future__ import annotations

from annotator.errors import VerificationError
from annotator.model import AnnotatedDocument, span_mismatch


def verify_document(bundle: AnnotatedDocument) -> None:
    """Raise ``VerificationError`` if a span does not fit the text or a relation dangles."""
    doc = bundle.document
    text, length = doc.text, len(doc.text)
    ids = set()
    for entity in bundle.entities:
        start, end = entity.start, entity.end
        # the common case, checked inline: exports verify every span of the project
        if type(start) is int and type(end) is int and 0 <= start < end <= length and text[start:end] == entity.text:
            ids.add(entity.id)
            continue
        problem = span_mismatch(text, start, end, entity.text)
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
