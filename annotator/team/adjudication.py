"""Adjudication: turning the annotators' versions of a document into its gold layer.

The gold layer is the document's project layer once it is adjudicated. The
adjudicator works on it with whole-document steps (take one annotator's
version, the union of all, or only what all agree on) and with steps on one
disagreement at a time (a stretch of text where the versions differ: take one
annotator's spans there, their union, or none), and may edit it further like
any document. Each step is one ``store.layers.replace``, so it can be undone
exactly. ``settle`` then records the document as adjudicated, naming how the
gold came about (``version:NAME``, ``union``, ``agreed`` or ``edited``) and the
versions it was decided on.

Everything here but ``settle``/``unsettle`` is pure: layers in, layer out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from annotator.errors import InputError
from annotator.model import (
    DocumentLayer,
    LayerEntity,
    LayerLabel,
    LayerRelation,
    Status,
)
from annotator.store import Store
from annotator.store.adjudications import Adjudication
from annotator.store.layers import LayerChange

UNION = "union"
AGREED = "agreed"
EDITED = "edited"
VERSION_PREFIX = "version:"


@dataclass(frozen=True)
class Disagreement:
    """A stretch of the text where the versions do not all say the same."""

    start: int
    end: int
    # each annotator's entities that overlap the stretch ((), when they marked nothing there)
    spans: dict[str, tuple[LayerEntity, ...]]

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


def disagreements(versions: Mapping[str, DocumentLayer]) -> list[Disagreement]:
    """The stretches where the versions differ, in reading order.

    Overlapping entities of all versions are grouped into stretches; a stretch
    where every annotator has exactly the same spans and labels is agreement
    and left out.
    """
    people = sorted(versions)
    marked = sorted(
        ((e.start, e.end, name, e) for name in people for e in versions[name].entities),
        key=lambda item: (item[0], item[1], item[2]),
    )
    groups: list[list[tuple[int, int, str, LayerEntity]]] = []
    end = -1
    for item in marked:
        if groups and item[0] < end:
            groups[-1].append(item)
            end = max(end, item[1])
        else:
            groups.append([item])
            end = item[1]
    found = []
    for group in groups:
        spans = {name: tuple(e for _s, _e, who, e in group if who == name) for name in people}
        said = {name: sorted(e.span for e in entities) for name, entities in spans.items()}
        if len({repr(value) for value in said.values()}) > 1:
            found.append(Disagreement(min(i[0] for i in group), max(i[1] for i in group), spans))
    return found


# --- whole-document proposals ----------------------------------------------------------


def take_version(versions: Mapping[str, DocumentLayer], annotator: str) -> DocumentLayer:
    """Gold as ``annotator`` has it: their entities (with maker and times), relations and document labels."""
    if annotator not in versions:
        raise InputError(f"{annotator} has no version of this document (versions: {', '.join(sorted(versions))})")
    version = versions[annotator]
    return replace(version, owner="", status=Status.DONE, status_reason="")


def take_union(versions: Mapping[str, DocumentLayer]) -> DocumentLayer:
    """Every span any annotator marked (once), the relations between them, and the document labels
    (where annotators chose different values, the first annotator's, by name)."""
    return _combine(versions, keep=lambda count, total: count >= 1)


def take_agreed(versions: Mapping[str, DocumentLayer]) -> DocumentLayer:
    """Only what every annotator marked alike: spans, relations and document labels."""
    return _combine(versions, keep=lambda count, total: count == total)


def _combine(versions: Mapping[str, DocumentLayer], keep) -> DocumentLayer:
    if not versions:
        raise InputError("there are no versions to combine")
    people = sorted(versions)
    total = len(people)
    doc_id = versions[people[0]].doc_id
    chosen: dict[tuple[int, int, str], LayerEntity] = {}
    votes: dict[tuple[int, int, str], int] = {}
    for name in people:
        for span in {e.span for e in versions[name].entities}:
            votes[span] = votes.get(span, 0) + 1
        for entity in versions[name].entities:
            chosen.setdefault(entity.span, entity)
    entities = [chosen[span] for span in sorted(chosen) if keep(votes[span], total)]
    keys = {e.span: index + 1 for index, e in enumerate(entities)}
    entities = [replace(e, key=keys[e.span]) for e in entities]
    relation_votes: dict[tuple, int] = {}
    relation_rows: dict[tuple, LayerRelation] = {}
    for name in people:
        by_key = versions[name].entity_by_key()
        seen = set()
        for relation in versions[name].relations:
            head, tail = by_key.get(relation.head_key), by_key.get(relation.tail_key)
            if head is None or tail is None or head.span not in keys or tail.span not in keys:
                continue
            triple = (head.span, tail.span, relation.label)
            if triple in seen:
                continue
            seen.add(triple)
            relation_votes[triple] = relation_votes.get(triple, 0) + 1
            relation_rows.setdefault(triple, relation)
    relations = [
        replace(relation_rows[t], key=index + 1, head_key=keys[t[0]], tail_key=keys[t[1]])
        for index, t in enumerate(sorted(t for t in relation_votes if keep(relation_votes[t], total)))
    ]
    labels: dict[str, LayerLabel] = {}
    label_votes: dict[tuple[str, str], int] = {}
    for name in people:
        for label in versions[name].doc_labels:
            label_votes[(label.name, label.value)] = label_votes.get((label.name, label.value), 0) + 1
            labels.setdefault(label.name, label)
    doc_labels = [label for label in labels.values() if keep(label_votes[(label.name, label.value)], total)]
    return DocumentLayer(doc_id, "", entities, relations, sorted(doc_labels, key=lambda d: d.name), Status.DONE, "")


# --- one disagreement at a time -------------------------------------------------------------


def resolve(
    gold: DocumentLayer,
    versions: Mapping[str, DocumentLayer],
    disagreement: Disagreement,
    choice: str | None,
) -> DocumentLayer:
    """``gold`` with the stretch of ``disagreement`` decided: an annotator's name takes their spans there,
    ``UNION`` takes everyone's, ``None`` takes none. Relations follow their entities: a gold relation whose
    end goes is dropped; a chosen annotator's relation comes along once both its ends are in gold."""
    start, end = disagreement.start, disagreement.end
    if choice is None:
        incoming: list[LayerEntity] = []
        sources: list[str] = []
    elif choice == UNION:
        sources = sorted(disagreement.spans)
        incoming = [e for name in sources for e in disagreement.spans[name]]
    elif choice in disagreement.spans:
        sources = [choice]
        incoming = list(disagreement.spans[choice])
    else:
        raise InputError(f"{choice} has no version of this document")
    kept = [e for e in gold.entities if e.end <= start or e.start >= end]
    next_key = max([e.key for e in gold.entities] + [0]) + 1
    spans = {e.span for e in kept}
    entities = list(kept)
    for entity in sorted(incoming, key=lambda e: (e.start, e.end, e.label)):
        if entity.span in spans:
            continue
        spans.add(entity.span)
        entities.append(replace(entity, key=next_key))
        next_key += 1
    present = {e.key for e in entities}
    relations = [r for r in gold.relations if r.head_key in present and r.tail_key in present]
    by_span = {e.span: e.key for e in entities}
    existing = {(r.head_key, r.tail_key, r.label) for r in relations}
    next_relation = max([r.key for r in gold.relations] + [0]) + 1
    for name in sources:
        theirs = versions[name].entity_by_key()
        for relation in versions[name].relations:
            head, tail = theirs.get(relation.head_key), theirs.get(relation.tail_key)
            if head is None or tail is None or head.span not in by_span or tail.span not in by_span:
                continue
            triple = (by_span[head.span], by_span[tail.span], relation.label)
            if triple in existing:
                continue
            existing.add(triple)
            relations.append(replace(relation, key=next_relation, head_key=triple[0], tail_key=triple[1]))
            next_relation += 1
    return replace(gold, entities=sorted(entities, key=lambda e: (e.start, e.end, e.label)), relations=relations)


# --- recording the decision -------------------------------------------------------------------


@dataclass
class Settlement:
    """What ``settle`` did, for its undo."""

    doc_id: str
    previous: Adjudication | None
    status_change: LayerChange | None


def describe(gold: DocumentLayer, versions: Mapping[str, DocumentLayer]) -> str:
    """How the gold came about: from one version, the union, the agreed part, or edited."""
    fingerprint = replace(gold, status=Status.DONE, status_reason="").fingerprint()
    for name in sorted(versions):
        if take_version(versions, name).fingerprint() == fingerprint:
            return VERSION_PREFIX + name
    if versions and take_union(versions).fingerprint() == fingerprint:
        return UNION
    if versions and take_agreed(versions).fingerprint() == fingerprint:
        return AGREED
    return EDITED


def settle(store: Store, doc_id: str) -> Settlement:
    """Record the document's current project layer as its gold: adjudicated, on the versions there are now;
    its status becomes done."""
    with store.transaction():
        versions = store.versions.of_document(doc_id)
        gold = store.layers.get(doc_id)
        change = None
        if gold.status is not Status.DONE:
            change = store.layers.replace(replace(gold, status=Status.DONE, status_reason=""))
            gold = change.after
        method = describe(gold, versions)
        previous = store.adjudications.settle(
            doc_id, method, {name: layer.fingerprint() for name, layer in versions.items()}
        )
    return Settlement(doc_id, previous, change)


def unsettle(store: Store, settlement: Settlement) -> None:
    """The exact inverse of ``settle``."""
    with store.transaction():
        store.adjudications.restore(settlement.doc_id, settlement.previous)
        if settlement.status_change is not None:
            store.layers.undo(settlement.status_change)


def resettle(store: Store, settlement: Settlement) -> Settlement:
    """``settle`` again after ``unsettle`` (redo), with the same rows."""
    with store.transaction():
        if settlement.status_change is not None:
            store.layers.redo(settlement.status_change)
        gold = store.layers.get(settlement.doc_id)
        versions = store.versions.of_document(settlement.doc_id)
        store.adjudications.settle(
            settlement.doc_id, describe(gold, versions), {n: v.fingerprint() for n, v in versions.items()}
        )
    return settlement


def pending(store: Store) -> list[str]:
    """Documents waiting for adjudication, in reading order."""
    return store.adjudications.pending()


def annotators_of(versions: Iterable[DocumentLayer]) -> list[str]:
    return sorted(v.owner for v in versions)
