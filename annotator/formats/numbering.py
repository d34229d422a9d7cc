"""Stable local ids for a document's entities and relations, shared by every format.

Entities are numbered in reading order (the store returns them sorted by
start, end and label) and relations by their ends, so the same data always
gets the same ids and exports are byte-identical from run to run.
"""

from __future__ import annotations

from annotator.model import AnnotatedDocument, Relation


def entity_numbers(bundle: AnnotatedDocument) -> dict[int | None, int]:
    """Entity id -> 1, 2, 3... in reading order."""
    return {entity.id: n for n, entity in enumerate(bundle.entities, start=1)}


def ordered_relations(bundle: AnnotatedDocument, numbers: dict[int | None, int] | None = None) -> list[Relation]:
    numbers = numbers or entity_numbers(bundle)
    return sorted(bundle.relations, key=lambda r: (numbers[r.head_id], numbers[r.tail_id], r.label))
