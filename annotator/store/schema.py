"""The project's copy of the label schema, and edits that carry annotations along."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from annotator.errors import SchemaError
from annotator.label_schema import LabelSchema, default_schema
from annotator.store.connection import utc_now
from annotator.store.database import Aggregate, ProjectDatabase

if TYPE_CHECKING:
    from annotator.store.store import Store


class ProjectSchema(Aggregate):
    def __init__(self, db: ProjectDatabase, project: Store) -> None:
        super().__init__(db, project)
        self._cache: LabelSchema | None = None
        db.on_rollback(self._forget)

    def install_if_missing(self, schema: LabelSchema | None) -> None:
        """Give a new project its schema (``schema``, or the default one)."""
        if self._db.scalar("SELECT COUNT(*) FROM label_schema"):
            return
        schema = schema or default_schema()
        with self._db.transaction():
            self._db.execute(
                "INSERT INTO label_schema (id, body, updated_at) VALUES (1, ?, ?)",
                (schema.to_json(), utc_now()),
            )
            self._db.log("schema.install", None, None, None, schema.to_dict())
        self._cache = schema

    @property
    def current(self) -> LabelSchema:
        """The project's label schema as it is now."""
        if self._cache is None:
            body = self._db.scalar("SELECT body FROM label_schema WHERE id = 1")
            self._cache = LabelSchema.from_json(body, origin=f"{self._db.path}: label schema")
        return self._cache

    def _forget(self) -> None:
        self._cache = None

    def set(self, schema: LabelSchema) -> LabelSchema:
        """Replace the schema. Refuses if annotations use a label the new schema drops."""
        schema.validated()
        before = self.current
        with self._db.transaction():
            self._check_labels_still_defined(schema)
            self._write_schema(before, schema, "schema.update")
        return before

    def rename_entity_label(self, old: str, new: str) -> None:
        """Rename an entity label, carrying entities and candidates along."""
        before = self.current
        after = before.renamed_entity(old, new)
        with self._db.transaction():
            moved = self._project.annotations.relabel_entities(old, new)
            self._project.candidates.relabel(old, new)
            self._write_schema(before, after, "schema.rename_entity", extra={"old": old, "new": new, "entities": moved})

    def rename_relation_label(self, old: str, new: str) -> None:
        before = self.current
        after = before.renamed_relation(old, new)
        with self._db.transaction():
            moved = self._project.annotations.relabel_relations(old, new)
            self._write_schema(before, after, "schema.rename_relation", extra={"old": old, "new": new, "relations": moved})

    def rename_document_label(self, old: str, new: str) -> None:
        """Rename a document-level label, carrying the values set on documents along."""
        before = self.current
        before.document_label(old)
        after = replace(
            before,
            document_labels=tuple(replace(d, name=new) if d.name == old else d for d in before.document_labels),
        ).validated()
        with self._db.transaction():
            moved = self._project.annotations.rename_doc_label(old, new)
            self._write_schema(
                before, after, "schema.rename_document_label", extra={"old": old, "new": new, "documents": moved}
            )

    def rename_document_label_value(self, name: str, old: str, new: str) -> None:
        """Rename one value of a document-level label, on every document that has it."""
        before = self.current
        label = before.document_label(name)
        if old not in label.values:
            raise SchemaError(f"document label '{name}' has no value '{old}' (values: {', '.join(label.values)})")
        values = tuple(new if v == old else v for v in label.values)
        after = replace(
            before,
            document_labels=tuple(replace(d, values=values) if d.name == name else d for d in before.document_labels),
        ).validated()
        with self._db.transaction():
            moved = self._project.annotations.rename_doc_label_value(name, old, new)
            self._write_schema(
                before, after, "schema.rename_document_label_value",
                extra={"label": name, "old": old, "new": new, "documents": moved},
            )

    def _check_labels_still_defined(self, schema: LabelSchema) -> None:
        entities, relations, triples = self._project.annotations.labels_in_use()
        entity_labels = set(schema.entity_names)
        for label, n in entities.items():
            if label not in entity_labels:
                raise SchemaError(
                    f"the new schema drops entity label '{label}', which {n} entities use; rename or delete them first"
                )
        relation_labels = set(schema.relation_names)
        for label, n in relations.items():
            if label not in relation_labels:
                raise SchemaError(
                    f"the new schema drops relation label '{label}', which {n} relations use; "
                    "rename or delete them first"
                )
        for label, head, tail in triples:
            if label in relation_labels:
                schema.check_relation(label, head, tail)

    def _write_schema(self, before: LabelSchema, after: LabelSchema, action: str, extra: dict | None = None) -> None:
        self._db.execute(
            "UPDATE label_schema SET body = ?, updated_at = ? WHERE id = 1",
            (after.to_json(), utc_now()),
        )
        payload = after.to_dict()
        if extra:
            payload = {**payload, "change": extra}
        self._db.log(action, None, None, before.to_dict(), payload)
        # Re-read on next use: an outer transaction may still roll this back.
        self._cache = None
