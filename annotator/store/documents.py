"""Documents and the source files they came from: importing them whole, reading them back, review status."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from annotator.errors import DamagedProjectError, InputError, NotFoundError
from annotator.model import (
    AnnotatedDocument,
    Document,
    ImportReport,
    SourceFile,
    Status,
)
from annotator.store.connection import utc_now
from annotator.store.database import Aggregate, chunked, placeholders, step_of_write
from annotator.store.rows import (
    DOCUMENT_COLUMNS,
    document_from_row,
    document_from_values,
    dumps,
    loads,
)


class Documents(Aggregate):
    # --- import -------------------------------------------------------------------

    def import_source(self, source: SourceFile) -> ImportReport:
        """Write every document of ``source`` in one transaction, or nothing.

        A file whose bytes were imported before is left alone, and a document
        whose text is already in the project is skipped, so importing twice
        never duplicates anything.
        """
        db = self._db
        report = ImportReport(file=source.path, outcome="imported", notes=list(source.notes))
        previous = db.row("SELECT imported_at FROM sources WHERE sha256 = ?", (source.sha256,))
        if previous:
            report.outcome = "unchanged"
            report.notes.append(f"already imported on {previous['imported_at'][:10]}; nothing to do")
            return report
        if not source.documents:
            report.outcome = "empty"
            return report
        with db.transaction():
            source_id = db.execute(
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
                    db.annotator,
                ),
            ).lastrowid
            position = db.scalar("SELECT COALESCE(MAX(position), 0) FROM documents")
            # what the project holds already, asked once for the whole file, then kept up to date below as
            # each document is taken: the same answers as asking before every document, in a few queries
            ids = [annotated.document.id for annotated in source.documents]
            texts_by_id = self._texts_of(ids)
            id_by_hash = self._first_with_hash([annotated.document.content_hash for annotated in source.documents])
            now = utc_now()
            rows: list[tuple[Any, ...]] = []
            events: list[tuple[str, str | None, str | None, Any, Any]] = []
            for annotated in source.documents:
                doc = annotated.document
                where = f"{source.path}: document {doc.id}"
                existing = texts_by_id.get(doc.id)
                if existing is not None:
                    if existing != doc.text:
                        report.skipped.append(f"{where}: a different document with this id is already in the project")
                    else:
                        report.skipped.append(f"{where}: already in the project")
                    continue
                duplicate = id_by_hash.get(doc.content_hash)
                if duplicate:
                    report.skipped.append(f"{where}: same text as document {duplicate}")
                    continue
                position += 1
                rows.append(self._document_row(annotated, source_id=source_id, position=position, where=where, now=now))
                texts_by_id[doc.id] = doc.text
                id_by_hash[doc.content_hash] = doc.id
                if annotated != AnnotatedDocument(doc):
                    # it comes with annotations, candidates or time spent, whose rows refer to the document's
                    self._insert_rows(rows)
                    self._project.annotations.insert_imported(annotated, where)
                    self._project.candidates.insert_imported(annotated.candidates, doc, where)
                events.append(("document.import", doc.id, f"document:{doc.id}", None, {
                    "title": doc.title,
                    "content_hash": doc.content_hash,
                    "entities": len(annotated.entities),
                    "relations": len(annotated.relations),
                }))
                report.documents += 1
                report.entities += len(annotated.entities)
                report.relations += len(annotated.relations)
                report.doc_ids.append(doc.id)
            self._insert_rows(rows)
            db.log_many(events)
            db.execute("UPDATE sources SET documents = ? WHERE id = ?", (report.documents, source_id))
        return report

    def _texts_of(self, doc_ids: list[str]) -> dict[str, str]:
        """The text of each of ``doc_ids`` the project holds (those it does not are left out)."""
        found: dict[str, str] = {}
        for chunk in chunked(list(dict.fromkeys(doc_ids))):
            found.update(
                self._db.execute(f"SELECT id, text FROM documents WHERE id IN ({placeholders(len(chunk))})", chunk)
            )
        return found

    def _first_with_hash(self, hashes: list[str]) -> dict[str, str]:
        """For each content hash the project holds, its first document (the one the hash's index lists first)."""
        found: dict[str, str] = {}
        for chunk in chunked(list(dict.fromkeys(hashes))):
            for content_hash, doc_id in self._db.execute(
                f"SELECT content_hash, id FROM documents WHERE content_hash IN ({placeholders(len(chunk))}) "
                "ORDER BY content_hash, rowid",
                chunk,
            ):
                found.setdefault(content_hash, doc_id)
        return found

    def _insert_rows(self, rows: list[tuple[Any, ...]]) -> None:
        """Insert the documents' rows gathered so far, in one statement, and empty the list."""
        if rows:
            self._db.executemany(
                "INSERT INTO documents (id, position, title, text, raw_text, kind, status, status_reason, "
                "meta, provenance, content_hash, source_id, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            rows.clear()

    @staticmethod
    def _document_row(
        annotated: AnnotatedDocument, *, source_id: int | None, position: float, where: str, now: str
    ) -> tuple[Any, ...]:
        doc = annotated.document
        if not doc.text:
            raise InputError(f"{where}: the text is empty")
        if doc.raw_text is not None and len(doc.raw_text) != len(doc.text):
            raise InputError(f"{where}: raw_text and text differ in length, so offsets would not match")
        return (
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
        )

    # --- reading ------------------------------------------------------------------

    def get(self, doc_id: str) -> Document:
        row = self._db.row(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,))
        if row is None:
            raise NotFoundError(f"no document with id '{doc_id}' in {self._db.path}")
        return document_from_row(row, self._db.path)

    def exists(self, doc_id: str) -> bool:
        return self._db.scalar("SELECT 1 FROM documents WHERE id = ?", (doc_id,)) is not None

    def existing(self, doc_ids: Iterable[str]) -> set[str]:
        """Which of ``doc_ids`` are in the project, in one query per few hundred ids."""
        found: set[str] = set()
        for chunk in chunked(list(dict.fromkeys(doc_ids))):
            found.update(
                doc_id
                for (doc_id,) in self._db.execute(
                    f"SELECT id FROM documents WHERE id IN ({placeholders(len(chunk))})", chunk
                )
            )
        return found

    def text(self, doc_id: str) -> str:
        text = self._db.scalar("SELECT text FROM documents WHERE id = ?", (doc_id,))
        if text is None:
            raise NotFoundError(f"no document with id '{doc_id}' in {self._db.path}")
        return text

    def texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """The text of each of ``doc_ids``, read a few hundred at a time; raises if one is missing."""
        texts: dict[str, str] = {}
        for chunk in chunked(list(dict.fromkeys(doc_ids))):
            texts.update(
                self._db.execute(f"SELECT id, text FROM documents WHERE id IN ({placeholders(len(chunk))})", chunk)
            )
        for doc_id in doc_ids:
            if doc_id not in texts:
                raise NotFoundError(f"no document with id '{doc_id}' in {self._db.path}")
        return texts

    def count(self, statuses: Iterable[Status | str] | None = None) -> int:
        if statuses is None:
            return self._db.scalar("SELECT COUNT(*) FROM documents")
        values = [Status(s).value for s in statuses]
        return self._db.scalar(f"SELECT COUNT(*) FROM documents WHERE status IN ({placeholders(len(values))})", values)

    def count_by_status(self) -> dict[str, int]:
        counts = {s.value: 0 for s in Status}
        for status, n in self._db.execute("SELECT status, COUNT(*) FROM documents GROUP BY status"):
            counts[status] = n
        return counts

    def ids(
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
            clauses.append(f"status IN ({placeholders(len(values))})")
            params += values
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        ids = [doc_id for (doc_id,) in self._db.execute(f"SELECT id FROM documents {where} ORDER BY position", params)]
        if labels is not None or annotators is not None:
            wanted = self._project.annotations.documents_with(labels=labels, annotators=annotators)
            ids = [doc_id for doc_id in ids if doc_id in wanted]
        return ids

    def containing(self, text: str) -> list[str]:
        """Ids of the documents whose text contains ``text``, in reading order; for "label all occurrences"."""
        if not text:
            return []
        return [
            doc_id
            for (doc_id,) in self._db.execute(
                "SELECT id FROM documents WHERE instr(text, ?) > 0 ORDER BY position", (text,)
            )
        ]

    def annotated(self, doc_id: str, *, include_candidates: bool = True) -> AnnotatedDocument:
        return next(iter(self.iter_annotated([doc_id], include_candidates=include_candidates)))

    def iter_annotated(
        self, doc_ids: Sequence[str], *, include_candidates: bool = False
    ) -> Iterator[AnnotatedDocument]:
        """Documents with their annotations, in the order given, read in batches."""
        # Tuples, not dicts, and objects built positionally: whole-project
        # exports read every row of the project through here.
        execute = self._db.conn.execute
        annotations, candidates = self._project.annotations, self._project.candidates
        for chunk in chunked(list(doc_ids)):
            marks = placeholders(len(chunk))
            bundles = {
                values[0]: AnnotatedDocument(document_from_values(values, self._db.path))
                for values in execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id IN ({marks})", chunk)
            }
            annotations.attach(bundles)
            if include_candidates:
                candidates.attach(bundles)
            for doc_id in chunk:
                if doc_id not in bundles:
                    raise NotFoundError(f"no document with id '{doc_id}' in {self._db.path}")
                yield bundles[doc_id]

    def sources(self) -> list[dict[str, Any]]:
        return self._db.rows("SELECT * FROM sources ORDER BY id")

    # --- status ---------------------------------------------------------------------

    def set_status(self, doc_id: str, status: Status | str, reason: str = "") -> tuple[Status, str]:
        """Set the review status; returns the previous status and reason (for undo)."""
        status = Status(status)
        db = self._db
        with db.transaction():
            row = db.row("SELECT status, status_reason FROM documents WHERE id = ?", (doc_id,))
            if row is None:
                raise NotFoundError(f"no document with id '{doc_id}' in {db.path}")
            before = (Status(row["status"]), row["status_reason"])
            if before == (status, reason):
                return before
            db.execute(
                "UPDATE documents SET status = ?, status_reason = ?, updated_at = ? WHERE id = ?",
                (status.value, reason, utc_now(), doc_id),
            )
            db.log(
                "document.status",
                doc_id,
                f"document:{doc_id}",
                {"status": before[0].value, "reason": before[1]},
                {"status": status.value, "reason": reason},
            )
        return before

    @step_of_write
    def note_annotated(self, doc_id: str) -> None:
        """Mark a document in progress the first time anyone annotates it, and note when it changed."""
        row = self._db.row("SELECT status FROM documents WHERE id = ?", (doc_id,))
        if row and row["status"] == Status.TODO.value:
            self.set_status(doc_id, Status.IN_PROGRESS)
        else:
            self._db.execute("UPDATE documents SET updated_at = ? WHERE id = ?", (utc_now(), doc_id))

    def next_unfinished(self, after_doc_id: str | None = None) -> str | None:
        """The next todo or in-progress document in reading order, wrapping around."""
        unfinished = "status IN ('todo', 'in_progress')"
        if after_doc_id is not None:
            position = self._db.scalar("SELECT position FROM documents WHERE id = ?", (after_doc_id,))
            if position is not None:
                following = self._db.scalar(
                    f"SELECT id FROM documents WHERE {unfinished} AND position > ? ORDER BY position LIMIT 1",
                    (position,),
                )
                if following:
                    return following
        return self._db.scalar(
            f"SELECT id FROM documents WHERE {unfinished} AND id IS NOT ? ORDER BY position LIMIT 1",
            (after_doc_id,),
        )

    def adjacent(self, doc_id: str, step: int = 1) -> str | None:
        """The document after (``step=1``) or before (``step=-1``) ``doc_id`` in reading order, if any."""
        position = self._db.scalar("SELECT position FROM documents WHERE id = ?", (doc_id,))
        if position is None:
            raise NotFoundError(f"no document with id '{doc_id}' in {self._db.path}")
        if step >= 0:
            sql = (
                "SELECT id FROM documents WHERE position > ? OR (position = ? AND id > ?) "
                "ORDER BY position, id LIMIT 1"
            )
        else:
            sql = (
                "SELECT id FROM documents WHERE position < ? OR (position = ? AND id < ?) "
                "ORDER BY position DESC, id DESC LIMIT 1"
            )
        return self._db.scalar(sql, (position, position, doc_id))

    # --- soundness --------------------------------------------------------------------

    def problems(self) -> list[str]:
        """What is wrong with the documents themselves (raw text, provenance), in plain words."""
        problems: list[str] = []
        for row in self._db.rows("SELECT id, text, raw_text, provenance FROM documents"):
            if row["raw_text"] is not None and len(row["raw_text"]) != len(row["text"]):
                problems.append(f"document {row['id']}: raw text and text differ in length")
            try:
                provenance = loads(row["provenance"], origin=self._db.path, where=f"document {row['id']}, provenance") or {}
            except DamagedProjectError:
                problems.append(f"document {row['id']}: provenance is not valid JSON")
                continue
            for piece in provenance.get("pieces", []):
                if not (0 <= piece["start"] <= piece["end"] <= len(row["text"])):
                    problems.append(
                        f"document {row['id']}: provenance piece {piece['start']}-{piece['end']} is outside the text"
                    )
        return problems
