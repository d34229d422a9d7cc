"""Entities, relations, document labels and time spent: the annotator's own work.

Every operation has an exact inverse (``delete_entity`` / ``restore_entity``
and so on) that brings back the same ids, so undo and redo in the app are
plain calls to these methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from annotator.errors import InputError, NotFoundError, SchemaError
from annotator.model import Entity, Relation
from annotator.store.documents import DocumentsMixin
from annotator.store.connection import utc_now
from annotator.store.rows import (
    ENTITY_FIELDS,
    entity_from_row,
    entity_to_dict,
    relation_from_row,
    relation_to_dict,
)


@dataclass
class DeletedEntity:
    """Everything ``delete_entity`` removed, so ``restore_entity`` can put it back."""

    entity: Entity
    relations: list[Relation] = field(default_factory=list)
    # candidates that had been accepted as this entity; deleting it rejects them
    candidate_ids: list[int] = field(default_factory=list)


class AnnotationsMixin(DocumentsMixin):
    # --- entities ------------------------------------------------------------------

    def entity(self, entity_id: int) -> Entity:
        row = self._row("SELECT * FROM entities WHERE id = ?", (entity_id,))
        if row is None:
            raise NotFoundError(f"no entity with id {entity_id}")
        return entity_from_row(row)

    def entities(self, doc_id: str) -> list[Entity]:
        # tuples built straight into entities: the window reads every entity of a document it opens
        return [
            Entity(*values)
            for values in self.db.conn.execute(
                f"SELECT {ENTITY_FIELDS} FROM entities WHERE doc_id = ? ORDER BY start, \"end\", label, id",
                (doc_id,),
            )
        ]

    def add_entity(self, doc_id: str, start: int, end: int, label: str, *, origin: str = "manual") -> Entity:
        self.schema.entity(label)
        with self.transaction():
            text = self._checked_span(doc_id, start, end)
            self._refuse_duplicate(doc_id, start, end, label)
            now = utc_now()
            entity_id = self._exec(
                "INSERT INTO entities (doc_id, start, \"end\", label, text, annotator, origin, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, start, end, label, text, self.annotator, origin, now, now),
            ).lastrowid
            entity = Entity(doc_id, start, end, label, text, entity_id, self.annotator, origin)
            self._log("entity.add", doc_id, f"entity:{entity_id}", None, entity_to_dict(entity))
            self._touch_document(doc_id)
        return entity

    def update_entity(
        self,
        entity_id: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> tuple[Entity, Entity]:
        """Relabel or resize an entity; returns (before, after)."""
        with self.transaction():
            before = self.entity(entity_id)
            new_label = label if label is not None else before.label
            new_start = start if start is not None else before.start
            new_end = end if end is not None else before.end
            self.schema.entity(new_label)
            text = self._checked_span(before.doc_id, new_start, new_end)
            if (new_start, new_end, new_label) != (before.start, before.end, before.label):
                self._refuse_duplicate(before.doc_id, new_start, new_end, new_label)
            if new_label != before.label:
                self._check_relations_allow(entity_id, new_label)
            after = replace(
                before, label=new_label, start=new_start, end=new_end, text=text, annotator=self.annotator
            )
            if after == before:
                return before, after
            self._exec(
                "UPDATE entities SET label = ?, start = ?, \"end\" = ?, text = ?, annotator = ?, updated_at = ? "
                "WHERE id = ?",
                (new_label, new_start, new_end, text, self.annotator, utc_now(), entity_id),
            )
            self._log("entity.update", before.doc_id, f"entity:{entity_id}", entity_to_dict(before), entity_to_dict(after))
            self._touch_document(before.doc_id)
        return before, after

    def set_entity(self, entity: Entity) -> None:
        """Put an entity back exactly as given (label, span and annotator); the inverse of ``update_entity``."""
        with self.transaction():
            before = self.entity(entity.id)  # type: ignore[arg-type]
            text = self._checked_span(entity.doc_id, entity.start, entity.end)
            if text != entity.text:
                raise InputError(f"entity {entity.id}: the document text changed under it")
            self._exec(
                "UPDATE entities SET label = ?, start = ?, \"end\" = ?, text = ?, annotator = ?, updated_at = ? "
                "WHERE id = ?",
                (entity.label, entity.start, entity.end, text, entity.annotator, utc_now(), entity.id),
            )
            self._log("entity.update", entity.doc_id, f"entity:{entity.id}", entity_to_dict(before), entity_to_dict(entity))

    def delete_entity(self, entity_id: int) -> DeletedEntity:
        """Delete an entity and the relations that use it; candidates accepted as it become rejected."""
        with self.transaction():
            entity = self.entity(entity_id)
            relations = [
                relation_from_row(r)
                for r in self._rows(
                    "SELECT * FROM relations WHERE head_id = ? OR tail_id = ? ORDER BY id", (entity_id, entity_id)
                )
            ]
            for relation in relations:
                self._delete_relation_row(relation)
            candidate_ids = [
                r["id"] for r in self._rows("SELECT id FROM candidates WHERE entity_id = ?", (entity_id,))
            ]
            if candidate_ids:
                marks = ",".join("?" * len(candidate_ids))
                self._exec(
                    f"UPDATE candidates SET state = 'rejected', entity_id = NULL, decided_by = ?, decided_at = ? "
                    f"WHERE id IN ({marks})",
                    (self.annotator, utc_now(), *candidate_ids),
                )
            self._exec("DELETE FROM entities WHERE id = ?", (entity_id,))
            self._log("entity.delete", entity.doc_id, f"entity:{entity_id}", entity_to_dict(entity), None)
            self._touch_document(entity.doc_id)
        return DeletedEntity(entity, relations, candidate_ids)

    def restore_entity(self, deleted: DeletedEntity | Entity) -> Entity:
        """Bring back a deleted entity with its id, its relations and its accepted candidates."""
        if isinstance(deleted, Entity):
            deleted = DeletedEntity(deleted)
        entity = deleted.entity
        with self.transaction():
            text = self._checked_span(entity.doc_id, entity.start, entity.end)
            if text != entity.text:
                raise InputError(f"entity {entity.id}: the document text changed since it was deleted")
            now = utc_now()
            self._exec(
                "INSERT INTO entities (id, doc_id, start, \"end\", label, text, annotator, origin, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entity.id, entity.doc_id, entity.start, entity.end, entity.label, entity.text,
                 entity.annotator, entity.origin, now, now),
            )
            self._log("entity.restore", entity.doc_id, f"entity:{entity.id}", None, entity_to_dict(entity))
            for candidate_id in deleted.candidate_ids:
                self._exec(
                    "UPDATE candidates SET state = 'accepted', entity_id = ? WHERE id = ?", (entity.id, candidate_id)
                )
            for relation in deleted.relations:
                self.restore_relation(relation)
        return entity

    def _checked_span(self, doc_id: str, start: int, end: int) -> str:
        doc_text = self.document_text(doc_id)
        if not (isinstance(start, int) and isinstance(end, int)) or start < 0 or end > len(doc_text) or start >= end:
            raise InputError(
                f"document {doc_id}: span {start}-{end} is not inside the text (length {len(doc_text)})"
            )
        text = doc_text[start:end]
        if not text.strip():
            raise InputError(f"document {doc_id}: span {start}-{end} holds only white space")
        if "\x00" in text:
            # SQLite's length() stops at a NUL, so the table's span check would refuse the row with a raw error.
            # Imports now replace NULs; a project imported earlier may still hold some.
            raise InputError(
                f"document {doc_id}: span {start}-{end} contains a NUL character (U+0000), which cannot be "
                "stored in an entity; label the text on either side of it"
            )
        return text

    def _refuse_duplicate(self, doc_id: str, start: int, end: int, label: str) -> None:
        existing = self._scalar(
            "SELECT id FROM entities WHERE doc_id = ? AND start = ? AND \"end\" = ? AND label = ?",
            (doc_id, start, end, label),
        )
        if existing is not None:
            raise InputError(f"document {doc_id}: {start}-{end} is already labelled {label} (entity {existing})")

    def _check_relations_allow(self, entity_id: int, new_label: str) -> None:
        for row in self._rows(
            "SELECT r.label, r.head_id, h.label AS head_label, t.label AS tail_label FROM relations r "
            "JOIN entities h ON h.id = r.head_id JOIN entities t ON t.id = r.tail_id "
            "WHERE r.head_id = ? OR r.tail_id = ?",
            (entity_id, entity_id),
        ):
            head = new_label if row["head_id"] == entity_id else row["head_label"]
            tail = row["tail_label"] if row["head_id"] == entity_id else new_label
            try:
                self.schema.check_relation(row["label"], head, tail)
            except SchemaError as exc:
                raise SchemaError(f"cannot relabel entity {entity_id} as {new_label}: {exc}") from None

    # --- relations --------------------------------------------------------------------

    def relation(self, relation_id: int) -> Relation:
        row = self._row("SELECT * FROM relations WHERE id = ?", (relation_id,))
        if row is None:
            raise NotFoundError(f"no relation with id {relation_id}")
        return relation_from_row(row)

    def relations(self, doc_id: str) -> list[Relation]:
        return [relation_from_row(r) for r in self._rows("SELECT * FROM relations WHERE doc_id = ? ORDER BY id", (doc_id,))]

    def add_relation(self, head_id: int, tail_id: int, label: str) -> Relation:
        with self.transaction():
            head, tail = self.entity(head_id), self.entity(tail_id)
            if head.doc_id != tail.doc_id:
                raise InputError(f"entities {head_id} and {tail_id} are in different documents")
            if head_id == tail_id:
                raise InputError("a relation needs two different entities")
            self.schema.check_relation(label, head.label, tail.label)
            directed = self.schema.relation(label).directed
            pairs = [(head_id, tail_id)] if directed else [(head_id, tail_id), (tail_id, head_id)]
            for a, b in pairs:
                if self._scalar(
                    "SELECT 1 FROM relations WHERE head_id = ? AND tail_id = ? AND label = ?", (a, b, label)
                ):
                    raise InputError(f"'{head.text}' and '{tail.text}' are already related by {label}")
            relation_id = self._exec(
                "INSERT INTO relations (doc_id, label, head_id, tail_id, annotator, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (head.doc_id, label, head_id, tail_id, self.annotator, utc_now()),
            ).lastrowid
            relation = Relation(head.doc_id, label, head_id, tail_id, relation_id, self.annotator)
            self._log("relation.add", head.doc_id, f"relation:{relation_id}", None, relation_to_dict(relation))
            self._touch_document(head.doc_id)
        return relation

    def delete_relation(self, relation_id: int) -> Relation:
        with self.transaction():
            relation = self.relation(relation_id)
            self._delete_relation_row(relation)
            self._touch_document(relation.doc_id)
        return relation

    def _delete_relation_row(self, relation: Relation) -> None:
        self._exec("DELETE FROM relations WHERE id = ?", (relation.id,))
        self._log("relation.delete", relation.doc_id, f"relation:{relation.id}", relation_to_dict(relation), None)

    def restore_relation(self, relation: Relation) -> Relation:
        with self.transaction():
            self._exec(
                "INSERT INTO relations (id, doc_id, label, head_id, tail_id, annotator, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (relation.id, relation.doc_id, relation.label, relation.head_id, relation.tail_id,
                 relation.annotator, utc_now()),
            )
            self._log("relation.restore", relation.doc_id, f"relation:{relation.id}", None, relation_to_dict(relation))
        return relation

    # --- document labels and time -------------------------------------------------------

    def doc_labels(self, doc_id: str) -> dict[str, str]:
        return {r["name"]: r["value"] for r in self._rows("SELECT name, value FROM doc_labels WHERE doc_id = ?", (doc_id,))}

    def set_doc_label(self, doc_id: str, name: str, value: str | None) -> str | None:
        """Set (or clear, with None) a document-level label; returns the previous value."""
        with self.transaction():
            self.document_text(doc_id)
            if value is not None:
                self._check_doc_label(name, value, f"document {doc_id}")
            else:
                self.schema.document_label(name)
            before = self._scalar("SELECT value FROM doc_labels WHERE doc_id = ? AND name = ?", (doc_id, name))
            if before == value:
                return before
            if value is None:
                self._exec("DELETE FROM doc_labels WHERE doc_id = ? AND name = ?", (doc_id, name))
            else:
                self._exec(
                    "INSERT INTO doc_labels (doc_id, name, value, annotator, updated_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(doc_id, name) DO UPDATE SET value = excluded.value, "
                    "annotator = excluded.annotator, updated_at = excluded.updated_at",
                    (doc_id, name, value, self.annotator, utc_now()),
                )
            self._log("doc_label.set", doc_id, f"doc_label:{name}", before, value)
            self._touch_document(doc_id)
        return before

    def add_time(self, doc_id: str, seconds: float) -> None:
        """Add reviewing time for the current annotator; the app calls this as the clock runs."""
        if seconds <= 0:
            return
        with self.transaction():
            self._exec(
                "INSERT INTO time_spent (doc_id, annotator, seconds) VALUES (?, ?, ?) "
                "ON CONFLICT(doc_id, annotator) DO UPDATE SET seconds = seconds + excluded.seconds",
                (doc_id, self.annotator, float(seconds)),
            )

    def time_spent(self, doc_id: str) -> dict[str, float]:
        return {
            r["annotator"]: r["seconds"]
            for r in self._rows("SELECT annotator, seconds FROM time_spent WHERE doc_id = ?", (doc_id,))
        }

