"""What happens to nested and overlapping entities in formats that hold one label per token.

BIO tags (CoNLL, the ``ner_tags`` of Hugging Face records) and spaCy's
``doc.ents`` give each token at most one entity. The policy: **the outermost
span wins**. Entities are taken longest first (then leftmost, then in schema
label order); one that overlaps an entity already taken is left out of that
view and reported with the entity that covers it. Formats that can hold
overlaps keep everything (native JSONL, doccano, Label Studio, Prodigy, brat,
spaCy's ``doc.spans``, the ``entities`` of Hugging Face records).

Some readers of those formats take one layer only, though: spaCy's
``doc.ents`` setter refuses overlapping spans (E1010), and so does the
relation-extraction tutorial's ``parse_data.py`` reading a Prodigy file. For
them an export can keep one layer everywhere (``--nested outermost`` or
``--nested innermost``): the other spans are left out and reported, with
the relations that touch them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from annotator.model import AnnotatedDocument, Entity

ALL, OUTERMOST, INNERMOST = "all", "outermost", "innermost"
NESTING_CHOICES = (ALL, OUTERMOST, INNERMOST)

POLICY = "nested or overlapping entities: the outermost (longest) span is kept in the one-label-per-token view"


@dataclass
class Flattened:
    kept: list[Entity]
    # (left out, the kept entity it overlaps)
    dropped: list[tuple[Entity, Entity]]


def outermost(entities: Sequence[Entity], label_order: Sequence[str] = ()) -> Flattened:
    return _one_layer(entities, label_order, longest_first=True)


def innermost(entities: Sequence[Entity], label_order: Sequence[str] = ()) -> Flattened:
    """The mirror policy: shortest spans first, so the nested ones win."""
    return _one_layer(entities, label_order, longest_first=False)


def _one_layer(entities: Sequence[Entity], label_order: Sequence[str], *, longest_first: bool) -> Flattened:
    rank = {name: i for i, name in enumerate(label_order)}
    sign = -1 if longest_first else 1
    order = sorted(
        entities,
        key=lambda e: (sign * (e.end - e.start), e.start, rank.get(e.label, len(rank)), e.label, e.id or 0),
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


def describe_drop(doc_id: str, entity: Entity, cover: Entity, view: str, winner: str = OUTERMOST) -> str:
    if cover.start <= entity.start and entity.end <= cover.end:
        how = "nested inside"
    elif entity.start <= cover.start and cover.end <= entity.end:
        how = "holds"
    else:
        how = "overlaps"
    return (f"document {doc_id}: {entity.label} {entity.text!r} ({entity.start}-{entity.end}) {how} "
            f"{cover.label} {cover.text!r} ({cover.start}-{cover.end}); left out of {view} "
            f"(the {winner} span wins)")


class _Skips(Protocol):
    def skip(self, message: str, kind: str = "") -> None: ...


def one_layer(bundle: AnnotatedDocument, policy: str, label_order: Sequence[str], report: _Skips) -> AnnotatedDocument:
    """``bundle`` with only the outermost or innermost layer of entities, and the relations between those."""
    flat = (outermost if policy == OUTERMOST else innermost)(bundle.entities, label_order)
    if not flat.dropped:
        return bundle
    doc_id = bundle.document.id
    for entity, cover in flat.dropped:
        report.skip(describe_drop(doc_id, entity, cover, f"this export (--nested {policy})", policy), "nested spans")
    kept_ids = {e.id for e in flat.kept}
    relations = []
    for relation in bundle.relations:
        if relation.head_id in kept_ids and relation.tail_id in kept_ids:
            relations.append(relation)
        else:
            report.skip(f"document {doc_id}: relation {relation.label} left out with a span of the other "
                        f"layer (--nested {policy})", "relations")
    kept_objects = {id(e) for e in flat.kept}
    kept = [e for e in bundle.entities if id(e) in kept_objects]  # reading order, as given
    return replace(bundle, entities=kept, relations=relations)
