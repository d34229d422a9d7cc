"""The project's copy of the label schema, and edits that carry annotations along."""

from __future__ import annotations

from dataclasses import replace

from annotator.errors import SchemaError
from annotator.label_schema import LabelSchema, default_schema
from annotator.store.base import StoreBase
from annotator.store.connection import utc_now


class SchemaMixin(StoreBase):
    _schema_cache: LabelSchema | None = None

    def _install_schema_if_missing(self, schema: LabelSchema | None) -> None:
        if self._scalar("SELECT COUNT(*) FROM label_schema"):
            return
        schema = schema or default_schema()
        with self.transaction():
            self._exec(
                "INSERT INTO label_schema (id, body, updated_at) VALUES (1, ?, ?)",
                (schema.to_json(), utc_now()),
            )
            self._log("schema.install", None, None, None, schema.to_dict())
        self._schema_cache = schema

    @property
    def schema(self) -> LabelSchema:
        if self._schema_cache is None:
            body = self._scalar("SELECT body FROM label_schema WHERE id = 1")
            self._schema_cache = LabelSchema.from_json(body, origin=f"{self.path}: label schema")
        return self._schema_cache

    def _after_rollback(self) -> None:
        super()._after_rollback()
        self._schema_cache = None

    def set_schema(self, schema: LabelSchema) -> LabelSchema:
        """Replace the schema. Refuses if annotations use a label the new schema drops."""
        schema.validated()
        before = self.schema
        with self.transaction():
            self._check_labels_still_defined(schema)
            self._write_schema(before, schema, "schema.update")
        return before

    def rename_entity_label(self, old: str, new: str) -> None:
        """Rename an entity label, carrying entities and candidates along."""
        before = self.schema
        after = before.renamed_entity(old, new)
        with self.transaction():
            moved = self._exec("UPDATE entities SET label = ? WHERE label = ?", (new, old)).rowcount
            self._exec("UPDATE candidates SET label = ? WHERE label = ?", (new, old))
            self._write_schema(before, after, "schema.rename_entity", extra={"old": old, "new": new, "entities": moved})

    def rename_relation_label(self, old: str, new: str) -> None:
        before = self.schema
        after = before.renamed_relation(old, new)
        with self.transaction():
            moved = self._exec("UPDATE relations SET label = ? WHERE label = ?", (new, old)).rowcount
            self._write_schema(before, after, "schema.rename_relation", extra={"old": old, "new": new, "relations": moved})

    def rename_document_label(self, old: str, new: str) -> None:
        """Rename a document-level label, carrying the values set on documents along."""
        before = self.schema
        before.document_label(old)
        after = replace(
            before,
            document_labels=tuple(replace(d, name=new) if d.name == old else d for d in before.document_labels),
        ).validated()
        with self.transaction():
            moved = self._exec("UPDATE doc_labels SET name = ? WHERE name = ?", (new, old)).rowcount
            self._write_schema(
                before, after, "schema.rename_document_label", extra={"old": old, "new": new, "documents": moved}
            )

    def rename_document_label_value(self, name: str, old: str, new: str) -> None:
        """Rename one value of a document-level label, on every document that has it."""
        before = self.schema
        label = before.document_label(name)
        if old not in label.values:
            raise SchemaError(f"document label '{name}' has no value '{old}' (values: {', '.join(label.values)})")
        values = tuple(new if v == old else v for v in label.values)
        after = replace(
            before,
            document_labels=tuple(replace(d, values=values) if d.name == name else d for d in before.document_labels),
        ).validated()
        with self.transaction():
            moved = self._exec(
                "UPDATE doc_labels SET value = ? WHERE name = ? AND value = ?", (new, name, old)
            ).rowcount
            self._write_schema(
                before, after, "schema.rename_document_label_value",
                extra={"label": name, "old": old, "new": new, "documents": moved},
            )

    def label_usage(self) -> dict[str, int]:
        usage: dict[str, int] = {}
        for table in ("entities", "relations"):
            for row in self._rows(f"SELECT label, COUNT(*) AS n FROM {table} GROUP BY label"):
                usage[row["label"]] = usage.get(row["label"], 0) + row["n"]
        return usage

    def _check_labels_still_defined(self, schema: LabelSchema) -> None:
        entity_labels = set(schema.entity_names)
        for row in self._rows("SELECT label, COUNT(*) AS n FROM entities GROUP BY label"):
            if row["label"] not in entity_labels:
                raise SchemaError(
                    f"the new schema drops entity label '{row['label']}', which {row['n']} entities use; "
                    "rename or delete them first"
                )
        relation_labels = set(schema.relation_names)
        for row in self._rows("SELECT label, COUNT(*) AS n FROM relations GROUP BY label"):
            if row["label"] not in relation_labels:
                raise SchemaError(
                    f"the new schema drops relation label '{row['label']}', which {row['n']} relations use; "
                    "rename or delete them first"
                )
        for row in self._rows(
            "SELECT r.label, h.label AS head, t.label AS tail FROM relations r "
            "JOIN entities h ON h.id = r.head_id JOIN entities t ON t.id = r.tail_id "
            "GROUP BY r.label, h.label, t.label"
        ):
            if row["label"] in relation_labels:
                schema.check_relation(row["label"], row["head"], row["tail"])

    def _write_schema(self, before: LabelSchema, after: LabelSchema, action: str, extra: dict | None = None) -> None:
        self._exec(
            "UPDATE label_schema SET body = ?, updated_at = ? WHERE id = 1",
            (after.to_json(), utc_now()),
        )
        payload = after.to_dict()
        if extra:
            payload = {**payload, "change": extra}
        self._log(action, None, None, before.to_dict(), payload)
        # Re-read on next use: an outer transaction may still roll this back.
        self._schema_cache = None
