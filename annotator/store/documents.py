"""Documents: importing them whole, reading them back, and their review status."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from annotator.errors import InputError, NotFoundError, SchemaError
from annotator.model import (
    AnnotatedDocument,
    Candidate,
    Document,
    Entity,
    ImportReport,
    Relation,
    SourceFile,
    Status,
    span_mismatch,
)
from annotator.store.schema_store import SchemaMixin
from annotator.store.connection import utc_now
from annotator.store.rows import (
    CANDIDATE_FIELDS,
    DOCUMENT_COLUMNS,
    ENTITY_FIELDS,
    RELATION_FIELDS,
    candidate_from_values,
    document_from_row,
    document_from_values,
    dumps,
)

# SQLite's default limit on host parameters is 999 on older builds.
_CHUNK = 500


def _placeholders(n: int) -> str:
    return ",".join("?" * n)


class DocumentsMixin(SchemaMixin):
    # --- import -------------------------------------------------------------------

    def import_source(self, source: SourceFile) -> ImportReport:
        """Write every document of ``source`` in one transaction, or nothing.

        A file whose bytes were imported before is left alone, and a document
        whose text is already in the project is skipped, so importing twice
        never duplicates anything.
        """
        report = ImportReport(file=source.path, outcome="imported", notes=list(source.notes))
        previous = self._row("SELECT imported_at FROM sources WHERE sha256 = ?", (source.sha256,))
        if previous:
            report.outcome = "unchanged"
            report.notes.append(f"already imported on {previous['imported_at'][:10]}; nothing to do")
            return report
        if not source.documents:
            report.outcome = "empty"
            return report
        with self.transaction():
            source_id = self._exec(
                "INSERT INTO sources (name, path, sha256, format, encoding, size, documents, notes, "
                "imported_at, annotator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    source.name,
                    source.path,
                    source.sha256,
                    source.format,
                    source.encoding,
                    source.size,
                    len(source.documents),
                    dumps(source.notes),
                    utc_now(),
                    self.annotator,
                ),
            ).lastrowid
            position = self._scalar("SELECT COALESCE(MAX(position), 0) FROM documents")
            for annotated in source.documents:
                doc = annotated.document
                where = f"{source.path}: document {doc.id}"
                existing = self._row("SELECT text FROM documents WHERE id = ?", (doc.id,))
                if existing is not None:
                    if existing["text"] != doc.text:
                        report.skipped.append(f"{where}: a different document with this id is already in the project")
                    else:
                        report.skipped.append(f"{where}: already in the project")
                    continue
                duplicate = self._scalar(
                    "SELECT id FROM documents WHERE content_hash = ? LIMIT 1", (doc.content_hash,)
                )
                if duplicate:
                    report.skipped.append(f"{where}: same text as document {duplicate}")
                    continue
                position += 1
                counts = self._insert_annotated(annotated, source_id=source_id, position=position, where=where)
                report.documents += 1
                report.entities += counts[0]
                report.relations += counts[1]
                report.doc_ids.append(doc.id)
            self._exec("UPDATE sources SET documents = ? WHERE id = ?", (report.documents, source_id))
        return report

    def _insert_annotated(
        self, annotated: AnnotatedDocument, *, source_id: int | None, position: float, where: str
    ) -> tuple[int, int]:
        doc = annotated.document
        if not doc.text:
            raise InputError(f"{where}: the text is empty")
        if doc.raw_text is not None and len(doc.raw_text) != len(doc.text):
            raise InputError(f"{where}: raw_text and text differ in length, so offsets would not match")
        now = utc_now()
        self._exec(
            "INSERT INTO documents (id, position, title, text, raw_text, kind, status, status_reason, "
            "meta, provenance, content_hash, source_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                position,
                doc.title,
                doc.text,
                doc.raw_text if doc.raw_text != doc.text else None,
                doc.kind,
                Status(doc.status).value,
                doc.status_reason,
                dumps(doc.meta),
                dumps(doc.provenance.to_dict()) if doc.provenance else None,
                doc.content_hash,
                source_id,
                now,
                now,
            ),
        )
        schema = self.schema
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
            new_id = self._exec(
                "INSERT INTO entities (doc_id, start, \"end\", label, text, annotator, origin, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id,
                    entity.start,
                    entity.end,
                    entity.label,
                    entity.text,
                    entity.annotator or self.annotator,
                    entity.origin or "import",
                    now,
                    now,
                ),
            ).lastrowid
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
            self._exec(
                "INSERT OR IGNORE INTO relations (doc_id, label, head_id, tail_id, annotator, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (doc.id, relation.label, head, tail, relation.annotator or self.annotator, now),
            )
        for candidate in annotated.candidates:
            self._insert_candidate(candidate, doc, where)
        for name, value in annotated.doc_labels.items():
            self._check_doc_label(name, value, where)
            self._exec(
                "INSERT INTO doc_labels (doc_id, name, value, annotator, updated_at) VALUES (?, ?, ?, ?, ?)",
                (doc.id, name, value, self.annotator, now),
            )
        for annotator, seconds in annotated.time_spent.items():
            self._exec(
                "INSERT INTO time_spent (doc_id, annotator, seconds) VALUES (?, ?, ?)",
                (doc.id, annotator, float(seconds)),
            )
        self._log(
            "document.import",
            doc.id,
            f"document:{doc.id}",
            None,
            {
                "title": doc.title,
                "content_hash": doc.content_hash,
                "entities": len(annotated.entities),
                "relations": len(annotated.relations),
            },
        )
        return len(annotated.entities), len(annotated.relations)

    def _insert_candidate(self, candidate: Candidate, doc: Document, where: str) -> None:
        problem = span_mismatch(doc.text, candidate.start, candidate.end, candidate.text)
        if problem:
            raise InputError(f"{where}, candidate {candidate.text!r}: {problem}")
        self._exec(
            "INSERT OR IGNORE INTO candidates (doc_id, start, \"end\", label, text, source, score, state) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                candidate.start,
                candidate.end,
                candidate.label,
                candidate.text,
                candidate.source,
                float(candidate.score),
                candidate.state.value,
            ),
        )

    def _check_doc_label(self, name: str, value: str, where: str) -> None:
        try:
            label = self.schema.document_label(name)
        except SchemaError as exc:
            raise SchemaError(f"{where}: {exc}") from None
        if value not in label.values:
            raise SchemaError(
                f"{where}: document label '{name}' has no value '{value}' (values: {', '.join(label.values)})"
            )

    # --- reading ------------------------------------------------------------------

    def document(self, doc_id: str) -> Document:
        row = self._row(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            raise NotFoundError(f"no document with id '{doc_id}' in {self.path}")
        return document_from_row(row)

    def has_document(self, doc_id: str) -> bool:
        return self._scalar("SELECT 1 FROM documents WHERE id = ?", (doc_id,)) is not None

    def document_text(self, doc_id: str) -> str:
        text = self._scalar("SELECT text FROM documents WHERE id = ?", (doc_id,))
        if text is None:
            raise NotFoundError(f"no document with id '{doc_id}' in {self.path}")
        return text

    def document_count(self, statuses: Iterable[Status | str] | None = None) -> int:
        if statuses is None:
            return self._scalar("SELECT COUNT(*) FROM documents")
        values = [Status(s).value for s in statuses]
        return self._scalar(
            f"SELECT COUNT(*) FROM documents WHERE status IN ({_placeholders(len(values))})", values
        )

    def document_ids(
        self,
        statuses: Iterable[Status | str] | None = None,
        *,
        labels: Iterable[str] | None = None,
        annotators: Iterable[str] | None = None,
    ) -> list[str]:
        """Ids in reading order, filtered by status, by entity label used and by annotator."""
        clauses: list[str] = []
        params: list[Any] = []
        if statuses is not None:
            values = [Status(s).value for s in statuses]
            clauses.append(f"status IN ({_placeholders(len(values))})")
            params += values
        if labels is not None:
            values = list(labels)
            clauses.append(
                f"id IN (SELECT doc_id FROM entities WHERE label IN ({_placeholders(len(values))}))"
            )
            params += values
        if annotators is not None:
            values = list(annotators)
            marks = _placeholders(len(values))
            clauses.append(
                f"(id IN (SELECT doc_id FROM entities WHERE annotator IN ({marks})) "
                f"OR id IN (SELECT doc_id FROM relations WHERE annotator IN ({marks})))"
            )
            params += values + values
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return [r["id"] for r in self._rows(f"SELECT id FROM documents {where} ORDER BY position", params)]

    def annotated_document(self, doc_id: str, *, include_candidates: bool = True) -> AnnotatedDocument:
        return next(iter(self.iter_annotated([doc_id], include_candidates=include_candidates)))

    def iter_annotated(
        self, doc_ids: Sequence[str], *, include_candidates: bool = False
    ) -> Iterator[AnnotatedDocument]:
        """Documents with their annotations, in the order given, read in batches."""
        # Tuples, not dicts, and objects built positionally: whole-project
        # exports read every row of the project through here.
        execute = self.db.conn.execute
        for offset in range(0, len(doc_ids), _CHUNK):
            chunk = list(doc_ids[offset : offset + _CHUNK])
            marks = _placeholders(len(chunk))
            bundles = {
                values[0]: AnnotatedDocument(document_from_values(values))
                for values in execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id IN ({marks})", chunk)
            }
            for values in execute(
                f"SELECT {ENTITY_FIELDS} FROM entities WHERE doc_id IN ({marks}) "
                "ORDER BY doc_id, start, \"end\", label, id",
                chunk,
            ):
                bundles[values[0]].entities.append(Entity(*values))
            for values in execute(
                f"SELECT {RELATION_FIELDS} FROM relations WHERE doc_id IN ({marks}) ORDER BY id", chunk
            ):
                bundles[values[0]].relations.append(Relation(*values))
            if include_candidates:
                for values in execute(
                    f"SELECT {CANDIDATE_FIELDS} FROM candidates WHERE doc_id IN ({marks}) "
                    "ORDER BY doc_id, start, \"end\", label",
                    chunk,
                ):
                    bundles[values[0]].candidates.append(candidate_from_values(values))
            for doc_id, name, value in execute(
                f"SELECT doc_id, name, value FROM doc_labels WHERE doc_id IN ({marks}) ORDER BY name", chunk
            ):
                bundles[doc_id].doc_labels[name] = value
            for doc_id, annotator, seconds in execute(
                f"SELECT doc_id, annotator, seconds FROM time_spent WHERE doc_id IN ({marks}) ORDER BY annotator",
                chunk,
            ):
                bundles[doc_id].time_spent[annotator] = seconds
            for doc_id in chunk:
                if doc_id not in bundles:
                    raise NotFoundError(f"no document with id '{doc_id}' in {self.path}")
                yield bundles[doc_id]

    def sources(self) -> list[dict[str, Any]]:
        return self._rows("SELECT * FROM sources ORDER BY id")

    # --- status ---------------------------------------------------------------------

    def set_status(self, doc_id: str, status: Status | str, reason: str = "") -> tuple[Status, str]:
        """Set the review status; returns the previous status and reason (for undo)."""
        status = Status(status)
        with self.transaction():
            row = self._row("SELECT status, status_reason FROM documents WHERE id = ?", (doc_id,))
            if row is None:
                raise NotFoundError(f"no document with id '{doc_id}' in {self.path}")
            before = (Status(row["status"]), row["status_reason"])
            if before == (status, reason):
                return before
            self._exec(
                "UPDATE documents SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
                (status.value, reason, utc_now(), doc_id),
            )
            self._log(
                "document.status",
                doc_id,
                f"document:{doc_id}",
                {"status": before[0].value, "reason": before[1]},
                {"status": status.value, "reason": reason},
            )
        return before

    def _touch_document(self, doc_id: str) -> None:
        """Mark a document in progress the first time anyone annotates it."""
        row = self._row("SELECT status FROM documents WHERE id = ?", (doc_id,))
        if row and row["status"] == Status.TODO.value:
            self.set_status(doc_id, Status.IN_PROGRESS)
        else:
            self._exec("UPDATE documents SET updated_at = ? WHERE id = ?", (utc_now(), doc_id))

    def next_unfinished(self, after_doc_id: str | None = None) -> str | None:
        """The next todo or in-progress document in reading order, wrapping around."""
        unfinished = "status IN ('todo', 'in_progress')"
        if after_doc_id is not None:
            position = self._scalar("SELECT position FROM documents WHERE id = ?", (after_doc_id,))
            if position is not None:
                following = self._scalar(
                    f"SELECT id FROM documents WHERE {unfinished} AND position > ? ORDER BY position LIMIT 1",
                    (position,),
                )
                if following:
                    return following
        return self._scalar(
            f"SELECT id FROM documents WHERE {unfinished} AND id IS NOT ? ORDER BY position LIMIT 1",
            (after_doc_id,),
        )

    # --- figures ------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        by_status = {s.value: 0 for s in Status}
        for row in self._rows("SELECT status, COUNT(*) AS n FROM documents GROUP BY status"):
            by_status[row["status"]] = row["n"]
        entity_labels = {
            r["label"]: r["n"]
            for r in self._rows("SELECT label, COUNT(*) AS n FROM entities GROUP BY label ORDER BY label")
        }
        relation_labels = {
            r["label"]: r["n"]
            for r in self._rows("SELECT label, COUNT(*) AS n FROM relations GROUP BY label ORDER BY label")
        }
        candidate_states = {
            r["state"]: r["n"] for r in self._rows("SELECT state, COUNT(*) AS n FROM candidates GROUP BY state")
        }
        people: dict[str, dict[str, Any]] = {}

        def person(name: str) -> dict[str, Any]:
            return people.setdefault(name, {"entities": 0, "relations": 0, "documents": 0, "seconds": 0.0})

        for row in self._rows(
            "SELECT annotator, COUNT(*) AS n, COUNT(DISTINCT doc_id) AS docs FROM entities GROUP BY annotator"
        ):
            person(row["annotator"]).update(entities=row["n"], documents=row["docs"])
        for row in self._rows("SELECT annotator, COUNT(*) AS n FROM relations GROUP BY annotator"):
            person(row["annotator"])["relations"] = row["n"]
        for row in self._rows("SELECT annotator, SUM(seconds) AS s FROM time_spent GROUP BY annotator"):
            person(row["annotator"])["seconds"] = round(row["s"] or 0.0, 1)
        return {
            "database": str(self.path),
            "documents": {"total": sum(by_status.values()), **by_status},
            "entities": {"total": sum(entity_labels.values()), "by_label": entity_labels},
            "relations": {"total": sum(relation_labels.values()), "by_label": relation_labels},
            "candidates": {s: candidate_states.get(s, 0) for s in ("pending", "accepted", "rejected")},
            "annotators": dict(sorted(people.items())),
        }
