"""Conversions between database rows and the domain dataclasses."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.errors import DamagedProjectError
from annotator.model import (
    Candidate,
    CandidateState,
    Document,
    Entity,
    Event,
    Provenance,
    Relation,
    Status,
)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads(value: str | None, *, origin: Path | str, where: str) -> Any:
    """A stored JSON value, read back. Annotator wrote it with ``dumps``, so one that does not
    parse means the file was damaged: a ``DamagedProjectError`` naming the file (``origin``)
    and the value (``where``: the record and column), not a crash."""
    if value is None:
        return None
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise DamagedProjectError(
            f"{origin}: the project file is damaged: {where} is not valid JSON ({exc.msg} at character {exc.pos}); "
            "'annotator check' lists everything that is wrong, 'annotator restore' puts a backup back"
        ) from None


DOCUMENT_COLUMNS = (
    "id, position, title, text, raw_text, kind, status, status_reason, meta, provenance"
)


def document_from_row(row: dict[str, Any], origin: Path | str) -> Document:
    """A document from its row; ``origin`` (the project file) is named if a stored value is damaged."""
    where = f"document {row['id']}"
    provenance = loads(row["provenance"], origin=origin, where=f"{where}, provenance")
    return Document(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        kind=row["kind"],
        status=Status(row["status"]),
        status_reason=row["status_reason"],
        raw_text=row["raw_text"],
        meta=loads(row["meta"], origin=origin, where=f"{where}, meta") or {},
        provenance=Provenance.from_dict(provenance) if provenance else None,
        position=row["position"],
    )


# Bulk reads (exports of whole projects) build objects straight from tuples:
# the same conversions as the *_from_row functions, without a dict per row.
# Columns are listed in the order of each dataclass's fields.
ENTITY_FIELDS = 'doc_id, start, "end", label, text, id, annotator, origin'
RELATION_FIELDS = "doc_id, label, head_id, tail_id, id, annotator"
CANDIDATE_FIELDS = 'doc_id, start, "end", label, text, source, score, state, id, entity_id'


def document_from_values(values: tuple[Any, ...], origin: Path | str) -> Document:
    """A document from a row of ``DOCUMENT_COLUMNS``, in that order; ``origin`` as in ``document_from_row``."""
    doc_id, position, title, text, raw_text, kind, status, status_reason, meta, provenance = values
    provenance = loads(provenance, origin=origin, where=f"document {doc_id}, provenance")
    return Document(
        doc_id,
        text,
        title,
        kind,
        Status(status),
        status_reason,
        raw_text,
        loads(meta, origin=origin, where=f"document {doc_id}, meta") or {},
        Provenance.from_dict(provenance) if provenance else None,
        position,
    )


_CANDIDATE_STATES = {state.value: state for state in CandidateState}


def candidate_from_values(values: tuple[Any, ...]) -> Candidate:
    """A candidate from a row of ``CANDIDATE_FIELDS``."""
    doc_id, start, end, label, text, source, score, state, candidate_id, entity_id = values
    state = _CANDIDATE_STATES.get(state) or CandidateState(state)  # the enum's own look-up raises on bad values
    return Candidate(doc_id, start, end, label, text, source, score, state, candidate_id, entity_id)


def entity_from_row(row: dict[str, Any]) -> Entity:
    return Entity(
        id=row["id"],
        doc_id=row["doc_id"],
        start=row["start"],
        end=row["end"],
        label=row["label"],
        text=row["text"],
        annotator=row["annotator"],
        origin=row["origin"],
    )


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "doc_id": entity.doc_id,
        "start": entity.start,
        "end": entity.end,
        "label": entity.label,
        "text": entity.text,
        "annotator": entity.annotator,
        "origin": entity.origin,
    }


def relation_from_row(row: dict[str, Any]) -> Relation:
    return Relation(
        id=row["id"],
        doc_id=row["doc_id"],
        label=row["label"],
        head_id=row["head_id"],
        tail_id=row["tail_id"],
        annotator=row["annotator"],
    )


def relation_to_dict(relation: Relation) -> dict[str, Any]:
    return {
        "id": relation.id,
        "doc_id": relation.doc_id,
        "label": relation.label,
        "head_id": relation.head_id,
        "tail_id": relation.tail_id,
        "annotator": relation.annotator,
    }


def candidate_from_row(row: dict[str, Any]) -> Candidate:
    return Candidate(
        id=row["id"],
        doc_id=row["doc_id"],
        start=row["start"],
        end=row["end"],
        label=row["label"],
        text=row["text"],
        source=row["source"],
        score=row["score"],
        state=CandidateState(row["state"]),
        entity_id=row["entity_id"],
    )


def candidate_to_dict(candidate: Candidate) -> dict[str, Any]:
    return {
        "id": candidate.id,
        "doc_id": candidate.doc_id,
        "start": candidate.start,
        "end": candidate.end,
        "label": candidate.label,
        "text": candidate.text,
        "source": candidate.source,
        "score": candidate.score,
        "state": candidate.state.value,
        "entity_id": candidate.entity_id,
    }


def event_from_row(row: dict[str, Any], origin: Path | str) -> Event:
    return Event(
        id=row["id"],
        at=row["at"],
        annotator=row["annotator"],
        action=row["action"],
        doc_id=row["doc_id"],
        target=row["target"],
        before=loads(row["before"], origin=origin, where=f"event {row['id']}, before"),
        after=loads(row["after"], origin=origin, where=f"event {row['id']}, after"),
    )
