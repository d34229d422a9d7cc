"""What happens to nested and overlapping entities in formats that hold one label per token.

BIO tags (CoNLL, the ``ner_tags`` of Hugging Face records) and spaCy's
``doc.ents`` give each token at most one entity. The policy: **the outermost
span wins**. Entities are taken longest first (then leftmost, then in schema
label order); one that overlaps an entity already taken is left out of that
view and reported with the entity that covers it. Formats that can hold
overlaps keep everything (native JSONL, doccano, Label Studio, Prodigy, brat,
spaCy's ``doc.spans``, the ``entities`` of Hugging Face records).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.model import Entity

POLICY = "nested or overlapping entities: the outermost (longest) span is kept in the one-label-per-token view"


@dataclass
class Flattened:
    kept: list[Entity]
    # (left out, the kept entity it overlaps)
    dropped: list[tuple[Entity, Entity]]


def outermost(entities: Sequence[Entity], label_order: Sequence[str] = ()) -> Flattened:
    rank = {name: i for i, name in enumerate(label_order)}
    order = sorted(
        entities,
        key=lambda e: (-(e.end - e.start), e.start, rank.get(e.label, len(rank)), e.label, e.id or 0),
    )
    kept: list[Entity] = []
    dropped: list[tuple[Entity, Entity]] = []
    for entity in order:
        cover = next((k for k in kept if k.start < entity.end and entity.start < k.end), None)
        if cover is None:
            kept.append(entity)
        else:
            dropped.append((entity, cover))
    kept.sort(key=lambda e: (e.start, e.end))
    return Flattened(kept, dropped)


def describe_drop(doc_id: str, entity: Entity, cover: Entity, view: str) -> str:
    how = "nested inside" if cover.start <= entity.start and entity.end <= cover.end else "overlaps"
    return (f"document {doc_id}: {entity.label} {entity.text!r} ({entity.start}-{entity.end}) {how} "
            f"{cover.label} {cover.text!r} ({cover.start}-{cover.end}); left out of {view} "
            "(the outermost span wins)")
