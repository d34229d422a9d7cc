"""A document's project layer as a whole: read it, replace it, and undo or redo the replacement exactly.

The project layer is what the window edits and what is exported: the rows of
``entities``, ``relations`` and ``doc_labels`` of a document, plus its status.
Adjudication replaces it with a version chosen from the annotators' (or their
union, or a mix), and a merge replaces it with the only version there is. Both
go through ``replace``, which keeps every row that stays (same id) and writes
only the difference; each entity and relation keeps who made it and when.

Like a segmentation edit, a replacement rewrites a document's rows in several
tables as one unit and its undo puts the exact rows back, ids included; so
this module writes those rows itself rather than one annotation at a time
through ``store.annotations``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from annotator.errors import InputError, NotFoundError, SchemaError
from annotator.model import (
    DocumentLayer,
    LayerEntity,
    LayerLabel,
    LayerRelation,
    Status,
)
from annotator.store.connection import utc_now
from annotator.store.database import Aggregate, chunked, placeholders


@dataclass
class LayerChange:
    """What ``Layers.replace`` did, so ``undo`` and ``redo`` can put either side back exactly.

    In ``before`` and ``after`` an entity's and a relation's key is its row id."""

    doc_id: str
    before: DocumentLayer
    after: DocumentLayer
    # candidates that had been accepted as an entity the replacement removed: {entity id: [candidate ids]}
    released: dict[int, list[int]] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _entity_row(e: LayerEntity) -> tuple:
    return (e.key, e.start, e.end, e.label, e.text, e.made_by, e.origin, e.created_at, e.updated_at)


class Layers(Aggregate):
    # --- reading ----------------------------------------------------------------------

    def get(self, doc_id: str) -> DocumentLayer:
        """The project layer of one document (keys are the rows' ids)."""
        return self.of_documents([doc_id])[doc_id]

    def of_documents(self, doc_ids: Sequence[str]) -> dict[str, DocumentLayer]:
        """The project layer of each document, a few hundred documents a query."""
        layers: dict[str, DocumentLayer] = {}
        execute = self._db.conn.execute
        for chunk in chunked(list(dict.fromkeys(doc_ids))):
            marks = placeholders(len(chunk))
            for doc_id, status, reason in execute(
                f"SELECT id, status, status_reason FROM documents WHERE id IN ({marks})", chunk
            ):
                layers[doc_id] = DocumentLayer(doc_id, "", status=Status(status), status_reason=reason)
            for doc_id, *values in execute(
                f"SELECT doc_id, id, start, \"end\", label, text, annotator, origin, created_at, updated_at "
                f"FROM entities WHERE doc_id IN ({marks}) ORDER BY doc_id, start, \"end\", label, id",
                chunk,
            ):
                layers[doc_id].entities.append(LayerEntity(*values))
            for doc_id, *values in execute(
                f"SELECT doc_id, id, label, head_id, tail_id, annotator, created_at FROM relations "
                f"WHERE doc_id IN ({marks}) ORDER BY doc_id, id",
                chunk,
            ):
                layers[doc_id].relations.append(LayerRelation(*values))
            for doc_id, *values in execute(
                f"SELECT doc_id, name, value, annotator, updated_at FROM doc_labels WHERE doc_id IN ({marks}) "
                "ORDER BY doc_id, name",
                chunk,
            ):
                layers[doc_id].doc_labels.append(LayerLabel(*values))
        missing = [doc_id for doc_id in doc_ids if doc_id not in layers]
        if missing:
            raise NotFoundError(f"no document with id '{missing[0]}' in {self._db.path}")
        return layers

    # --- replacing ------------------------------------------------------------------------

    def replace(self, wanted: DocumentLayer, *, with_status: bool = True) -> LayerChange:
        """Make the document's project layer say what ``wanted`` says, in one transaction.

        Entities are matched on span, label and who made them: a match keeps its
        row (and id); the rest are deleted or inserted with their own maker,
        origin and times. Relations in ``wanted`` refer to its entities' keys.
        With ``with_status`` the document's status follows ``wanted`` too.
        Refuses spans that do not fit the text and labels the schema lacks.
        """
        return self.replace_many([wanted], with_status=with_status)[0]

    def replace_many(
        self,
        wanted_layers: Sequence[DocumentLayer],
        *,
        with_status: bool = True,
        source: str | None = None,
        current: dict[str, DocumentLayer] | None = None,
    ) -> list[LayerChange]:
        """``replace`` for many documents at once (a merge), a few statements per batch instead of per row.

        With ``source`` (such as ``version:NAME``), each event records the new layer by that name and its
        fingerprint instead of in full: the caller keeps that layer elsewhere (the annotator's version).
        ``current`` is the documents' project layers as the caller read them in this same transaction
        (``of_documents``), to save reading them again."""
        if not wanted_layers:
            return []
        db = self._db
        changes: list[LayerChange] = []
        with db.transaction():
            schema = self._project.schema.current
            entity_labels = set(schema.entity_names)
            ids = [layer.doc_id for layer in wanted_layers]
            if len(set(ids)) != len(ids):
                raise InputError("a document's layer can be replaced once per step")
            known = current is not None and all(i in current for i in ids)
            befores = current if known else self.of_documents(ids)
            texts = self._project.documents.texts(ids)
            now = utc_now()
            next_entity = self._next_id("entities")
            next_relation = self._next_id("relations")
            entity_rows: list[tuple] = []
            relation_rows: list[tuple] = []
            gone_ids: list[int] = []
            label_docs: list[tuple[str, list[LayerLabel]]] = []
            afters: list[DocumentLayer] = []
            for wanted in wanted_layers:
                doc_id, before, text = wanted.doc_id, befores[wanted.doc_id], texts[wanted.doc_id]
                remaining: dict[tuple, list[LayerEntity]] = {}
                for entity in before.entities:
                    remaining.setdefault((entity.start, entity.end, entity.label, entity.made_by), []).append(entity)
                mapped: dict[int, LayerEntity] = {}
                for entity in wanted.entities:
                    where = f"document {doc_id}, entity {entity.text!r} ({entity.start}-{entity.end})"
                    if entity.label not in entity_labels:
                        raise SchemaError(f"{where}: label '{entity.label}' is not in the project's schema")
                    if text[entity.start : entity.end] != entity.text or not 0 <= entity.start < entity.end:
                        raise InputError(f"{where}: does not match the document's text")
                    if entity.key in mapped:
                        raise InputError(f"{where}: key {entity.key} is used twice")
                    same = remaining.get((entity.start, entity.end, entity.label, entity.made_by))
                    if same:
                        mapped[entity.key] = same.pop(0)
                    else:
                        row = LayerEntity(next_entity, entity.start, entity.end, entity.label, entity.text,
                                          entity.made_by, entity.origin, entity.created_at or now,
                                          entity.updated_at or now)
                        next_entity += 1
                        mapped[entity.key] = row
                        entity_rows.append((*_entity_row(row), doc_id))
                kept = {e.key for e in mapped.values()}
                gone_ids += [e.key for e in before.entities if e.key not in kept]
                old_relations = {(r.head_key, r.tail_key, r.label): r for r in before.relations}
                relations: list[LayerRelation] = []
                seen: set[tuple[int, int, str]] = set()
                for relation in wanted.relations:
                    head, tail = mapped.get(relation.head_key), mapped.get(relation.tail_key)
                    if head is None or tail is None:
                        raise InputError(
                            f"document {doc_id}: relation {relation.label} points at an entity it does not have"
                        )
                    try:
                        schema.check_relation(relation.label, head.label, tail.label)
                    except SchemaError as exc:
                        raise SchemaError(f"document {doc_id}: {exc}") from None
                    triple = (head.key, tail.key, relation.label)
                    if triple in seen or head.key == tail.key:
                        continue
                    seen.add(triple)
                    row = old_relations.get(triple) or LayerRelation(
                        next_relation, relation.label, head.key, tail.key, relation.made_by, relation.created_at or now
                    )
                    if row.key == next_relation:
                        next_relation += 1
                    relations.append(row)
                relation_rows += [(r.key, doc_id, r.label, r.head_key, r.tail_key, r.made_by, r.created_at)
                                  for r in relations]
                labels = sorted(wanted.doc_labels, key=lambda d: d.name)
                for label in labels:
                    values = schema.document_label(label.name).values
                    if label.value not in values:
                        raise SchemaError(f"document {doc_id}: document label '{label.name}' has no value '{label.value}'")
                labels = [replace(d, updated_at=d.updated_at or now) for d in labels]
                if labels != before.doc_labels:
                    label_docs.append((doc_id, labels))
                status = (Status(wanted.status), wanted.status_reason) if with_status else (before.status, before.status_reason)
                afters.append(DocumentLayer(
                    doc_id, "",
                    sorted(mapped.values(), key=lambda e: (e.start, e.end, e.label, e.key)),
                    sorted(relations, key=lambda r: r.key),
                    labels if labels != before.doc_labels else before.doc_labels,
                    status[0], status[1],
                ))
            # every relation of these documents goes; those that stay are put back below with their ids
            db.executemany(
                "DELETE FROM relations WHERE id = ?",
                [(r.key,) for doc_id in ids for r in befores[doc_id].relations],
            )
            released: dict[int, list[int]] = {}
            for entity_id in gone_ids:
                candidate_ids = self._project.candidates.release_entity(entity_id)
                if candidate_ids:
                    released[entity_id] = candidate_ids
            db.executemany("DELETE FROM entities WHERE id = ?", [(k,) for k in gone_ids])
            db.executemany(
                "INSERT INTO entities (id, start, \"end\", label, text, annotator, origin, created_at, updated_at, doc_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                entity_rows,
            )
            db.executemany(
                "INSERT INTO relations (id, doc_id, label, head_id, tail_id, annotator, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                relation_rows,
            )
            db.executemany("DELETE FROM doc_labels WHERE doc_id = ?", [(doc_id,) for doc_id, _labels in label_docs])
            db.executemany(
                "INSERT INTO doc_labels (doc_id, name, value, annotator, updated_at) VALUES (?, ?, ?, ?, ?)",
                [(doc_id, d.name, d.value, d.made_by, d.updated_at) for doc_id, labels in label_docs for d in labels],
            )
            db.executemany(
                "UPDATE documents SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
                [(Status(after.status).value, after.status_reason, now, after.doc_id) for after in afters],
            )
            for after in afters:
                before = befores[after.doc_id]
                entity_ids = {e.key for e in before.entities}
                changes.append(LayerChange(
                    after.doc_id, before, after,
                    {k: v for k, v in released.items() if k in entity_ids},
                ))
            db.log_many(
                (
                    "layer.replace", change.doc_id, f"document:{change.doc_id}", layer_summary(change.before),
                    layer_summary(change.after) if source is None
                    else {"from": source, "fingerprint": change.after.fingerprint()},
                )
                for change in changes
            )
        return changes

    def _next_id(self, table: str) -> int:
        """The id AUTOINCREMENT would give the next row of ``table`` (ids are never reused)."""
        used = self._db.scalar("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)) or 0
        return max(used, self._db.scalar(f"SELECT COALESCE(MAX(id), 0) FROM {table}")) + 1

    def undo(self, change: LayerChange) -> None:
        """Put back the layer as it was before ``change``, with the same ids."""
        with self._db.transaction():
            self._swap(change.doc_id, change.after, change.before, "layer.undo")
            for entity_id, candidate_ids in change.released.items():
                self._project.candidates.restore_entity_link(entity_id, candidate_ids)

    def redo(self, change: LayerChange) -> None:
        """Do ``change`` again after its undo, with the same ids."""
        with self._db.transaction():
            for entity_id in change.released:
                self._project.candidates.release_entity(entity_id)
            self._swap(change.doc_id, change.before, change.after, "layer.redo")

    def _swap(self, doc_id: str, expected: DocumentLayer, wanted: DocumentLayer, action: str) -> None:
        current = self.get(doc_id)
        if current != expected:
            raise InputError(f"document {doc_id} was changed since; its annotations cannot be put back exactly")
        db = self._db
        wanted_ids = {e.key for e in wanted.entities}
        current_ids = {e.key for e in current.entities}
        db.execute("DELETE FROM relations WHERE doc_id = ?", (doc_id,))
        db.executemany("DELETE FROM entities WHERE id = ?", [(k,) for k in current_ids - wanted_ids])
        db.executemany(
            "INSERT INTO entities (id, start, \"end\", label, text, annotator, origin, created_at, updated_at, doc_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(*_entity_row(e), doc_id) for e in wanted.entities if e.key not in current_ids],
        )
        db.executemany(
            "INSERT INTO relations (id, label, head_id, tail_id, annotator, created_at, doc_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(r.key, r.label, r.head_key, r.tail_key, r.made_by, r.created_at, doc_id) for r in wanted.relations],
        )
        self._write_doc_labels(doc_id, current.doc_labels, wanted.doc_labels)
        db.execute(
            "UPDATE documents SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
            (Status(wanted.status).value, wanted.status_reason, utc_now(), doc_id),
        )
        db.log(action, doc_id, f"document:{doc_id}", layer_summary(current), layer_summary(wanted))

    def _write_doc_labels(self, doc_id: str, current: list[LayerLabel], wanted: list[LayerLabel]) -> None:
        if sorted(current, key=lambda d: d.name) == sorted(wanted, key=lambda d: d.name):
            return
        schema = self._project.schema.current
        for label in wanted:
            definition = schema.document_label(label.name)
            if label.value not in definition.values:
                raise SchemaError(f"document {doc_id}: document label '{label.name}' has no value '{label.value}'")
        self._db.execute("DELETE FROM doc_labels WHERE doc_id = ?", (doc_id,))
        now = utc_now()
        self._db.executemany(
            "INSERT INTO doc_labels (doc_id, name, value, annotator, updated_at) VALUES (?, ?, ?, ?, ?)",
            [(doc_id, d.name, d.value, d.made_by, d.updated_at or now) for d in wanted],
        )


def layer_summary(layer: DocumentLayer) -> dict:
    """A layer as the event log keeps it: every entity, relation and document label, and the status."""
    return {
        "entities": [list(_entity_row(e)) for e in layer.entities],
        "relations": [[r.key, r.label, r.head_key, r.tail_key, r.made_by, r.created_at] for r in layer.relations],
        "doc_labels": {d.name: [d.value, d.made_by, d.updated_at] for d in layer.doc_labels},
        "status": Status(layer.status).value,
        "reason": layer.status_reason,
    }


def with_keys_from(layer: DocumentLayer, start: int) -> DocumentLayer:
    """``layer`` with its entity keys renumbered from ``start`` (relations follow), to mix layers safely."""
    mapping = {e.key: start + i for i, e in enumerate(layer.entities)}
    return replace(
        layer,
        entities=[replace(e, key=mapping[e.key]) for e in layer.entities],
        relations=[
            replace(r, head_key=mapping[r.head_key], tail_key=mapping[r.tail_key])
            for r in layer.relations
            if r.head_key in mapping and r.tail_key in mapping
        ],
    )
