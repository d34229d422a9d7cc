"""Entities, relations, document labels and time spent: the annotator's own work.

Every operation has an exact inverse (``delete_entity`` / ``restore_entity``
and so on) that brings back the same ids, so undo and redo in the app are
plain calls to these methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, cast

from annotator.errors import InputError, NotFoundError, SchemaError
from annotator.label_schema import LabelSchema
from annotator.model import AnnotatedDocument, Entity, Relation, span_mismatch
from annotator.store.connection import utc_now
from annotator.store.database import Aggregate, chunked, placeholders, step_of_write
from annotator.store.rows import (
    ENTITY_FIELDS,
    RELATION_FIELDS,
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


class Annotations(Aggregate):
    # --- entities ------------------------------------------------------------------

    def entity(self, entity_id: int) -> Entity:
        row = self._db.row("SELECT * FROM entities WHERE id = ?", (entity_id,))
        if row is None:
            raise NotFoundError(f"no entity with id {entity_id}")
        return entity_from_row(row)

    def entities(self, doc_id: str) -> list[Entity]:
        # tuples built straight into entities: the window reads every entity of a document it opens
        return [
            Entity(*values)
            for values in self._db.conn.execute(
                f"SELECT {ENTITY_FIELDS} FROM entities WHERE doc_id = ? ORDER BY start, \"end\", label, id",
                (doc_id,),
            )
        ]

    def add_entity(self, doc_id: str, start: int, end: int, label: str, *, origin: str = "manual") -> Entity:
        self._project.schema.current.entity(label)
        with self._db.transaction():
            text = self._checked_span(doc_id, start, end)
            self._refuse_duplicate(doc_id, start, end, label)
            now = utc_now()
            entity_id = self._db.execute(
                "INSERT INTO entities (doc_id, start, \"end\", label, text, annotator, origin, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, start, end, label, text, self._db.annotator, origin, now, now),
            ).lastrowid
            entity = Entity(doc_id, start, end, label, text, entity_id, self._db.annotator, origin)
            self._db.log("entity.add", doc_id, f"entity:{entity_id}", None, entity_to_dict(entity))
            self._project.documents.note_annotated(doc_id)
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
        with self._db.transaction():
            before = self.entity(entity_id)
            new_label = label if label is not None else before.label
            new_start = start if start is not None else before.start
            new_end = end if end is not None else before.end
            self._project.schema.current.entity(new_label)
            text = self._checked_span(before.doc_id, new_start, new_end)
            if (new_start, new_end, new_label) != (before.start, before.end, before.label):
                self._refuse_duplicate(before.doc_id, new_start, new_end, new_label)
            if new_label != before.label:
                self._check_relations_allow(entity_id, new_label)
            after = replace(
                before, label=new_label, start=new_start, end=new_end, text=text, annotator=self._db.annotator
            )
            if after == before:
                return before, after
            self._db.execute(
                "UPDATE entities SET label = ?, start = ?, \"end\" = ?, text = ?, annotator = ?, updated_at = ? "
                "WHERE id = ?",
                (new_label, new_start, new_end, text, self._db.annotator, utc_now(), entity_id),
            )
            self._db.log("entity.update", before.doc_id, f"entity:{entity_id}", entity_to_dict(before), entity_to_dict(after))
            self._project.documents.note_annotated(before.doc_id)
        return before, after

    def set_entity(self, entity: Entity) -> None:
        """Put an entity back exactly as given (label, span and annotator); the inverse of ``update_entity``."""
        with self._db.transaction():
            before = self.entity(entity.id)  # type: ignore[arg-type]
            text = self._checked_span(entity.doc_id, entity.start, entity.end)
            if text != entity.text:
                raise InputError(f"entity {entity.id}: the document text changed under it")
            self._db.execute(
                "UPDATE entities SET label = ?, start = ?, \"end\" = ?, text = ?, annotator = ?, updated_at = ? "
                "WHERE id = ?",
                (entity.label, entity.start, entity.end, text, entity.annotator, utc_now(), entity.id),
            )
            self._db.log("entity.update", entity.doc_id, f"entity:{entity.id}", entity_to_dict(before), entity_to_dict(entity))

    def delete_entity(self, entity_id: int) -> DeletedEntity:
        """Delete an entity and the relations that use it; candidates accepted as it become rejected."""
        with self._db.transaction():
            entity = self.entity(entity_id)
            relations = [
                relation_from_row(r)
                for r in self._db.rows(
                    "SELECT * FROM relations WHERE head_id = ? OR tail_id = ? ORDER BY id", (entity_id, entity_id)
                )
            ]
            for relation in relations:
                self._delete_relation_row(relation)
            candidate_ids = self._project.candidates.release_entity(entity_id)
            self._db.execute("DELETE FROM entities WHERE id = ?", (entity_id,))
            self._db.log("entity.delete", entity.doc_id, f"entity:{entity_id}", entity_to_dict(entity), None)
            self._project.documents.note_annotated(entity.doc_id)
        return DeletedEntity(entity, relations, candidate_ids)

    def restore_entity(self, deleted: DeletedEntity | Entity) -> Entity:
        """Bring back a deleted entity with its id, its relations and its accepted candidates."""
        if isinstance(deleted, Entity):
            deleted = DeletedEntity(deleted)
        entity = deleted.entity
        with self._db.transaction():
            text = self._checked_span(entity.doc_id, entity.start, entity.end)
            if text != entity.text:
                raise InputError(f"entity {entity.id}: the document text changed since it was deleted")
            now = utc_now()
            self._db.execute(
                "INSERT INTO entities (id, doc_id, start, \"end\", label, text, annotator, origin, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (entity.id, entity.doc_id, entity.start, entity.end, entity.label, entity.text,
                 entity.annotator, entity.origin, now, now),
            )
            self._db.log("entity.restore", entity.doc_id, f"entity:{entity.id}", None, entity_to_dict(entity))
            self._project.candidates.restore_entity_link(entity.id, deleted.candidate_ids)  # type: ignore[arg-type]
            for relation in deleted.relations:
                self.restore_relation(relation)
        return entity

    def _checked_span(self, doc_id: str, start: int, end: int) -> str:
        doc_text = self._project.documents.text(doc_id)
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
        existing = self._db.scalar(
            "SELECT id FROM entities WHERE doc_id = ? AND start = ? AND \"end\" = ? AND label = ?",
            (doc_id, start, end, label),
        )
        if existing is not None:
            raise InputError(f"document {doc_id}: {start}-{end} is already labelled {label} (entity {existing})")

    def _check_relations_allow(self, entity_id: int, new_label: str) -> None:
        for row in self._db.rows(
            "SELECT r.label, r.head_id, h.label AS head_label, t.label AS tail_label FROM relations r "
            "JOIN entities h ON h.id = r.head_id JOIN entities t ON t.id = r.tail_id "
            "WHERE r.head_id = ? OR r.tail_id = ?",
            (entity_id, entity_id),
        ):
            head = new_label if row["head_id"] == entity_id else row["head_label"]
            tail = row["tail_label"] if row["head_id"] == entity_id else new_label
            try:
                self._project.schema.current.check_relation(row["label"], head, tail)
            except SchemaError as exc:
                raise SchemaError(f"cannot relabel entity {entity_id} as {new_label}: {exc}") from None

    # --- relations --------------------------------------------------------------------

    def relation(self, relation_id: int) -> Relation:
        row = self._db.row("SELECT * FROM relations WHERE id = ?", (relation_id,))
        if row is None:
            raise NotFoundError(f"no relation with id {relation_id}")
        return relation_from_row(row)

    def relations(self, doc_id: str) -> list[Relation]:
        return [relation_from_row(r) for r in self._db.rows("SELECT * FROM relations WHERE doc_id = ? ORDER BY id", (doc_id,))]

    def add_relation(self, head_id: int, tail_id: int, label: str) -> Relation:
        with self._db.transaction():
            head, tail = self.entity(head_id), self.entity(tail_id)
            if head.doc_id != tail.doc_id:
                raise InputError(f"entities {head_id} and {tail_id} are in different documents")
            if head_id == tail_id:
                raise InputError("a relation needs two different entities")
            self._project.schema.current.check_relation(label, head.label, tail.label)
            directed = self._project.schema.current.relation(label).directed
            pairs = [(head_id, tail_id)] if directed else [(head_id, tail_id), (tail_id, head_id)]
            for a, b in pairs:
                if self._db.scalar(
                    "SELECT 1 FROM relations WHERE head_id = ? AND tail_id = ? AND label = ?", (a, b, label)
                ):
                    raise InputError(f"'{head.text}' and '{tail.text}' are already related by {label}")
            relation_id = self._db.execute(
                "INSERT INTO relations (doc_id, label, head_id, tail_id, annotator, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (head.doc_id, label, head_id, tail_id, self._db.annotator, utc_now()),
            ).lastrowid
            relation = Relation(head.doc_id, label, head_id, tail_id, relation_id, self._db.annotator)
            self._db.log("relation.add", head.doc_id, f"relation:{relation_id}", None, relation_to_dict(relation))
            self._project.documents.note_annotated(head.doc_id)
        return relation

    def delete_relation(self, relation_id: int) -> Relation:
        with self._db.transaction():
            relation = self.relation(relation_id)
            self._delete_relation_row(relation)
            self._project.documents.note_annotated(relation.doc_id)
        return relation

    def _delete_relation_row(self, relation: Relation) -> None:
        self._db.execute("DELETE FROM relations WHERE id = ?", (relation.id,))
        self._db.log("relation.delete", relation.doc_id, f"relation:{relation.id}", relation_to_dict(relation), None)

    def restore_relation(self, relation: Relation) -> Relation:
        with self._db.transaction():
            self._db.execute(
                "INSERT INTO relations (id, doc_id, label, head_id, tail_id, annotator, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (relation.id, relation.doc_id, relation.label, relation.head_id, relation.tail_id,
                 relation.annotator, utc_now()),
            )
            self._db.log("relation.restore", relation.doc_id, f"relation:{relation.id}", None, relation_to_dict(relation))
        return relation

    # --- document labels and time -------------------------------------------------------

    def doc_labels(self, doc_id: str) -> dict[str, str]:
        return {r["name"]: r["value"] for r in self._db.rows("SELECT name, value FROM doc_labels WHERE doc_id = ?", (doc_id,))}

    def set_doc_label(self, doc_id: str, name: str, value: str | None) -> str | None:
        """Set (or clear, with None) a document-level label; returns the previous value."""
        with self._db.transaction():
            self._project.documents.text(doc_id)
            if value is not None:
                self._check_doc_label(name, value, f"document {doc_id}")
            else:
                self._project.schema.current.document_label(name)
            before = self._db.scalar("SELECT value FROM doc_labels WHERE doc_id = ? AND name = ?", (doc_id, name))
            if before == value:
                return before
            if value is None:
                self._db.execute("DELETE FROM doc_labels WHERE doc_id = ? AND name = ?", (doc_id, name))
            else:
                self._db.execute(
                    "INSERT INTO doc_labels (doc_id, name, value, annotator, updated_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(doc_id, name) DO UPDATE SET value = excluded.value, "
                    "annotator = excluded.annotator, updated_at = excluded.updated_at",
                    (doc_id, name, value, self._db.annotator, utc_now()),
                )
            self._db.log("doc_label.set", doc_id, f"doc_label:{name}", before, value)
            self._project.documents.note_annotated(doc_id)
        return before

    def add_time(self, doc_id: str, seconds: float) -> None:
        """Add reviewing time for the current annotator; the app calls this as the clock runs."""
        seconds = float(seconds)
        if seconds <= 0:
            return
        with self._db.transaction():
            self._db.execute(
                "INSERT INTO time_spent (doc_id, annotator, seconds) VALUES (?, ?, ?) "
                "ON CONFLICT(doc_id, annotator) DO UPDATE SET seconds = seconds + excluded.seconds",
                (doc_id, self._db.annotator, float(seconds)),
            )
            self._db.log("time.add", doc_id, f"time:{self._db.annotator}", None, {"seconds": float(seconds)})

    def time_spent(self, doc_id: str) -> dict[str, float]:
        return {
            r["annotator"]: r["seconds"]
            for r in self._db.rows("SELECT annotator, seconds FROM time_spent WHERE doc_id = ?", (doc_id,))
        }


    # --- reading many documents at once ------------------------------------------------

    def attach(self, bundles: dict[str, AnnotatedDocument]) -> None:
        """Fill in the entities, relations, document labels and time of ``bundles``' documents."""
        chunk = list(bundles)
        marks = placeholders(len(chunk))
        execute = self._db.conn.execute
        for values in execute(
            f"SELECT {ENTITY_FIELDS} FROM entities WHERE doc_id IN ({marks}) ORDER BY doc_id, start, \"end\", label, id",
            chunk,
        ):
            bundles[values[0]].entities.append(Entity(*values))
        for values in execute(f"SELECT {RELATION_FIELDS} FROM relations WHERE doc_id IN ({marks}) ORDER BY id", chunk):
            bundles[values[0]].relations.append(Relation(*values))
        for doc_id, name, value in execute(
            f"SELECT doc_id, name, value FROM doc_labels WHERE doc_id IN ({marks}) ORDER BY name", chunk
        ):
            bundles[doc_id].doc_labels[name] = value
        for doc_id, annotator, seconds in execute(
            f"SELECT doc_id, annotator, seconds FROM time_spent WHERE doc_id IN ({marks}) ORDER BY annotator", chunk
        ):
            bundles[doc_id].time_spent[annotator] = seconds

    def entities_by_document(self, doc_ids: Sequence[str]) -> dict[str, list[Entity]]:
        """The entities of each document, in the order ``entities`` gives, a few hundred documents a query."""
        found: dict[str, list[Entity]] = {doc_id: [] for doc_id in doc_ids}
        for chunk in chunked(list(found)):
            for values in self._db.conn.execute(
                f"SELECT {ENTITY_FIELDS} FROM entities WHERE doc_id IN ({placeholders(len(chunk))}) "
                "ORDER BY doc_id, start, \"end\", label, id",
                chunk,
            ):
                found[values[0]].append(Entity(*values))
        return found

    def spans_by_document(self, doc_ids: Sequence[str]) -> dict[str, set[tuple[int, int]]]:
        """The (start, end) of every entity of each document, a few hundred documents a query."""
        spans: dict[str, set[tuple[int, int]]] = {doc_id: set() for doc_id in doc_ids}
        for chunk in chunked(list(spans)):
            for doc_id, start, end in self._db.execute(
                f"SELECT doc_id, start, \"end\" FROM entities WHERE doc_id IN ({placeholders(len(chunk))})", chunk
            ):
                spans[doc_id].add((start, end))
        return spans

    def find_entity(self, doc_id: str, start: int, end: int, label: str) -> int | None:
        """The id of the entity with exactly this span and label, if there is one."""
        return self._db.scalar(
            "SELECT id FROM entities WHERE doc_id = ? AND start = ? AND \"end\" = ? AND label = ?",
            (doc_id, start, end, label),
        )

    def documents_with(
        self, *, labels: Iterable[str] | None = None, annotators: Iterable[str] | None = None
    ) -> set[str]:
        """Ids of the documents that use one of ``labels`` and that one of ``annotators`` worked on."""
        clauses: list[str] = []
        params: list[str] = []
        if labels is not None:
            values = list(labels)
            clauses.append(f"id IN (SELECT doc_id FROM entities WHERE label IN ({placeholders(len(values))}))")
            params += values
        if annotators is not None:
            values = list(annotators)
            marks = placeholders(len(values))
            clauses.append(
                f"(id IN (SELECT doc_id FROM entities WHERE annotator IN ({marks})) "
                f"OR id IN (SELECT doc_id FROM relations WHERE annotator IN ({marks})))"
            )
            params += values + values
        where = " AND ".join(clauses) or "1"
        # the document ids come from the annotation tables' own indexes (entities_label_doc, ...)
        return {
            doc_id
            for (doc_id,) in self._db.execute(
                f"SELECT id FROM (SELECT DISTINCT doc_id AS id FROM entities UNION SELECT doc_id FROM relations) "
                f"WHERE {where}",
                params,
            )
        }

    def labelled_texts(self) -> dict[tuple[str, str], int]:
        """How often each (text, label) was labelled as an entity; the gazetteer's source."""
        return {
            (text, label): n
            for text, label, n in self._db.execute("SELECT text, label, COUNT(*) FROM entities GROUP BY text, label")
        }

    def label_usage(self) -> dict[str, int]:
        usage: dict[str, int] = {}
        for table in ("entities", "relations"):
            for label, n in self._db.execute(f"SELECT label, COUNT(*) FROM {table} GROUP BY label"):
                usage[label] = usage.get(label, 0) + n
        return usage

    def entity_label_counts(self) -> dict[str, int]:
        return dict(self._db.execute("SELECT label, COUNT(*) FROM entities GROUP BY label ORDER BY label"))

    def relation_label_counts(self) -> dict[str, int]:
        return dict(self._db.execute("SELECT label, COUNT(*) FROM relations GROUP BY label ORDER BY label"))

    def work_by_annotator(self) -> dict[str, dict[str, Any]]:
        """Per annotator: entities, relations, documents with their entities, and seconds spent."""
        people: dict[str, dict[str, Any]] = {}

        def person(name: str) -> dict[str, Any]:
            return people.setdefault(name, {"entities": 0, "relations": 0, "documents": 0, "seconds": 0.0})

        for annotator, n, docs in self._db.execute(
            "SELECT annotator, COUNT(*), COUNT(DISTINCT doc_id) FROM entities GROUP BY annotator"
        ):
            person(annotator).update(entities=n, documents=docs)
        for annotator, n in self._db.execute("SELECT annotator, COUNT(*) FROM relations GROUP BY annotator"):
            person(annotator)["relations"] = n
        for annotator, seconds in self._db.execute("SELECT annotator, SUM(seconds) FROM time_spent GROUP BY annotator"):
            person(annotator)["seconds"] = round(seconds or 0.0, 1)
        return dict(sorted(people.items()))

    # --- steps of other aggregates' writes ------------------------------------------------

    @step_of_write
    def insert_imported(self, annotated: AnnotatedDocument, where: str) -> None:
        """Store the annotations an imported document came with (``Documents.import_source``)."""
        db, doc = self._db, annotated.document
        schema = self._project.schema.current
        now = utc_now()
        entity_ids: dict[int, int] = {}
        for index, entity in enumerate(annotated.entities):
            label_where = f"{where}, entity {index + 1} ({entity.text!r})"
            if not schema.has_entity(entity.label):
                raise SchemaError(
                    f"{label_where}: label '{entity.label}' is not in the project's schema "
                    f"({', '.join(schema.entity_names)})"
                )
            problem = span_mismatch(doc.text, entity.start, entity.end, entity.text)
            if problem:
                raise InputError(f"{label_where}: {problem}")
            new_id = cast(int, db.execute(
                "INSERT INTO entities (doc_id, start, \"end\", label, text, annotator, origin, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id,
                    entity.start,
                    entity.end,
                    entity.label,
                    entity.text,
                    entity.annotator or db.annotator,
                    entity.origin or "import",
                    now,
                    now,
                ),
            ).lastrowid)  # an INSERT's row id
            if entity.id is not None:
                if entity.id in entity_ids:
                    raise InputError(f"{label_where}: entity id {entity.id} is used twice")
                entity_ids[entity.id] = new_id
        labels_by_id = {entity_ids[e.id]: e.label for e in annotated.entities if e.id is not None}
        for index, relation in enumerate(annotated.relations):
            rel_where = f"{where}, relation {index + 1} ({relation.label})"
            head = entity_ids.get(relation.head_id)
            tail = entity_ids.get(relation.tail_id)
            if head is None or tail is None:
                missing = relation.head_id if head is None else relation.tail_id
                raise InputError(f"{rel_where}: points at entity {missing}, which the document does not have")
            if head == tail:
                raise InputError(f"{rel_where}: head and tail are the same entity")
            try:
                schema.check_relation(relation.label, labels_by_id[head], labels_by_id[tail])
            except SchemaError as exc:
                raise SchemaError(f"{rel_where}: {exc}") from None
            db.execute(
                "INSERT OR IGNORE INTO relations (doc_id, label, head_id, tail_id, annotator, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (doc.id, relation.label, head, tail, relation.annotator or db.annotator, now),
            )
        for name, value in annotated.doc_labels.items():
            self._check_doc_label(name, value, where)
            db.execute(
                "INSERT INTO doc_labels (doc_id, name, value, annotator, updated_at) VALUES (?, ?, ?, ?, ?)",
                (doc.id, name, value, db.annotator, now),
            )
        for annotator, seconds in annotated.time_spent.items():
            db.execute(
                "INSERT INTO time_spent (doc_id, annotator, seconds) VALUES (?, ?, ?)",
                (doc.id, annotator, float(seconds)),
            )

    @step_of_write
    def relabel_entities(self, old: str, new: str) -> int:
        """Give every entity labelled ``old`` the label ``new`` (a schema rename); returns how many."""
        return self._db.execute("UPDATE entities SET label = ? WHERE label = ?", (new, old)).rowcount

    @step_of_write
    def relabel_relations(self, old: str, new: str) -> int:
        return self._db.execute("UPDATE relations SET label = ? WHERE label = ?", (new, old)).rowcount

    @step_of_write
    def rename_doc_label(self, old: str, new: str) -> int:
        return self._db.execute("UPDATE doc_labels SET name = ? WHERE name = ?", (new, old)).rowcount

    @step_of_write
    def rename_doc_label_value(self, name: str, old: str, new: str) -> int:
        return self._db.execute(
            "UPDATE doc_labels SET value = ? WHERE name = ? AND value = ?", (new, name, old)
        ).rowcount

    # --- soundness --------------------------------------------------------------------

    def labels_in_use(self) -> tuple[dict[str, int], dict[str, int], list[tuple[str, str, str]]]:
        """Entity label counts, relation label counts, and every (relation, head label, tail label) used."""
        triples = [
            (label, head, tail)
            for label, head, tail in self._db.execute(
                "SELECT r.label, h.label, t.label FROM relations r "
                "JOIN entities h ON h.id = r.head_id JOIN entities t ON t.id = r.tail_id "
                "GROUP BY r.label, h.label, t.label"
            )
        ]
        return self.entity_label_counts(), self.relation_label_counts(), triples

    def problems(self, schema: LabelSchema, doc_text: Callable[[str], str]) -> list[str]:
        """Entities that no longer fit their text or schema, and relations the schema does not allow."""
        problems: list[str] = []
        entity_labels = set(schema.entity_names)
        for row in self._db.rows("SELECT * FROM entities ORDER BY doc_id, start"):
            where = f"document {row['doc_id']}, entity {row['id']} ({row['text']!r})"
            if doc_text(row["doc_id"])[row["start"] : row["end"]] != row["text"]:
                problems.append(f"{where}: does not match the text at {row['start']}-{row['end']}")
            if row["label"] not in entity_labels:
                problems.append(f"{where}: label '{row['label']}' is not in the schema")
        for row in self._db.rows(
            "SELECT r.id, r.doc_id, r.label, h.doc_id AS head_doc, t.doc_id AS tail_doc, "
            "h.label AS head_label, t.label AS tail_label FROM relations r "
            "JOIN entities h ON h.id = r.head_id JOIN entities t ON t.id = r.tail_id"
        ):
            where = f"document {row['doc_id']}, relation {row['id']} ({row['label']})"
            if not (row["head_doc"] == row["tail_doc"] == row["doc_id"]):
                problems.append(f"{where}: head and tail are not both in the document")
            try:
                schema.check_relation(row["label"], row["head_label"], row["tail_label"])
            except SchemaError as exc:
                problems.append(f"{where}: {exc}")
        return problems

    def _check_doc_label(self, name: str, value: str, where: str) -> None:
        try:
            label = self._project.schema.current.document_label(name)
        except SchemaError as exc:  # an unknown label: say which document (fuzzing found it named none)
            raise SchemaError(f"{where}: {exc}") from None
        if value not in label.values:
            raise SchemaError(
                f"{where}: document label '{name}' has no value '{value}' (values: {', '.join(label.values)})"
            )
