"""Candidate spans in the database: storing suggestions and the reviewer's decisions on them.

Suggestions are machine output and are replaced freely while pending (each
replacement is logged, with what it added, updated and removed).
Decisions are annotation actions: accepting creates an entity, rejecting is
remembered so the same text is never proposed again in that document, and
both are logged and undoable (``reset``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from annotator.errors import InputError, NotFoundError
from annotator.model import (
    AnnotatedDocument,
    Candidate,
    CandidateState,
    Document,
    Entity,
    span_mismatch,
)
from annotator.store.connection import utc_now
from annotator.store.database import Aggregate, chunked, placeholders, step_of_write
from annotator.store.rows import (
    CANDIDATE_FIELDS,
    candidate_from_row,
    candidate_from_values,
    candidate_to_dict,
    entity_to_dict,
)


class Candidates(Aggregate):
    def get(self, candidate_id: int) -> Candidate:
        row = self._db.row("SELECT * FROM candidates WHERE id = ?", (candidate_id,))
        if row is None:
            raise NotFoundError(f"no candidate with id {candidate_id}")
        return candidate_from_row(row)

    def for_document(self, doc_id: str, states: Iterable[CandidateState | str] | None = None) -> list[Candidate]:
        sql = f"SELECT {CANDIDATE_FIELDS} FROM candidates WHERE doc_id = ?"
        params: list = [doc_id]
        if states is not None:
            values = [CandidateState(s).value for s in states]
            sql += f" AND state IN ({placeholders(len(values))})"
            params += values
        # tuples, not dicts: the window reads every pending candidate of a document it opens
        rows = self._db.conn.execute(sql + " ORDER BY start, \"end\", label", params)
        return [candidate_from_values(values) for values in rows]

    def rejected_by_document(self, doc_ids: Sequence[str]) -> dict[str, set[tuple[str, str]]]:
        """The rejected (text, label) pairs of each document, a few hundred documents a query."""
        rejected: dict[str, set[tuple[str, str]]] = {doc_id: set() for doc_id in doc_ids}
        for chunk in chunked(list(rejected)):
            for doc_id, text, label in self._db.execute(
                f"SELECT doc_id, text, label FROM candidates WHERE state = 'rejected' "
                f"AND doc_id IN ({placeholders(len(chunk))})",
                chunk,
            ):
                rejected[doc_id].add((text, label))
        return rejected

    def documents_with_any(self, doc_ids: Sequence[str]) -> set[str]:
        """Which of ``doc_ids`` have at least one candidate, in any state."""
        found: set[str] = set()
        for chunk in chunked(list(dict.fromkeys(doc_ids))):
            found.update(
                doc_id
                for (doc_id,) in self._db.execute(
                    f"SELECT DISTINCT doc_id FROM candidates WHERE doc_id IN ({placeholders(len(chunk))})", chunk
                )
            )
        return found

    def rejection_counts(self) -> dict[tuple[str, str], int]:
        """How often each (text, label) was rejected across the project; feeds the ranking."""
        return {
            (text, label): n
            for text, label, n in self._db.execute(
                "SELECT text, label, COUNT(*) FROM candidates WHERE state = 'rejected' GROUP BY text, label"
            )
        }

    def state_counts(self) -> dict[str, int]:
        counts = dict(self._db.execute("SELECT state, COUNT(*) FROM candidates GROUP BY state"))
        return {state: counts.get(state, 0) for state in ("pending", "accepted", "rejected")}

    # --- machine suggestions ----------------------------------------------------------

    def replace(self, suggestions: Mapping[str, Iterable[Candidate]]) -> int:
        """Replace the pending candidates of each document with fresh suggestions.

        Decided candidates stay. A pending candidate that is suggested again
        keeps its id (its source and score are updated), so a refresh while a
        reviewer works on the document, or while undo steps refer to its
        candidates, changes only what really changed. A suggestion is dropped
        when its text and label were rejected in that document, or when an
        entity already covers exactly that span. Returns the number of
        candidates added or updated. Each document whose candidates changed
        gets one ``candidates.replace`` event saying how many were added,
        updated and removed.
        """
        doc_ids = list(suggestions)
        if not doc_ids:
            return 0
        db = self._db
        stored = 0
        with db.transaction():
            # One query per few hundred documents for each kind of row, not one per document.
            texts = self._project.documents.texts(doc_ids)
            labelled = self._project.annotations.spans_by_document(doc_ids)
            existing: dict[str, dict[tuple[int, int, str], tuple]] = {doc_id: {} for doc_id in doc_ids}
            for chunk in chunked(doc_ids):
                for row in db.execute(
                    "SELECT doc_id, id, start, \"end\", label, text, source, score, state FROM candidates "
                    f"WHERE doc_id IN ({placeholders(len(chunk))})",
                    chunk,
                ):
                    existing[row[0]][(row[2], row[3], row[4])] = row
            gone: list[tuple[int]] = []
            updates: list[tuple[str, float, int]] = []
            inserts: list[tuple[str, int, int, str, str, str, float]] = []
            for doc_id, items in suggestions.items():
                doc_text, rows, spans = texts[doc_id], existing[doc_id], labelled[doc_id]
                rejected = {(r[5], r[4]) for r in rows.values() if r[8] == "rejected"}
                fresh: dict[tuple[int, int, str], Candidate] = {}
                for c in items:
                    if (c.text, c.label) in rejected or (c.start, c.end) in spans:
                        continue
                    if doc_text[c.start : c.end] != c.text:
                        raise InputError(
                            f"document {doc_id}: candidate {c.text!r} from {c.source} does not match "
                            f"the text at {c.start}-{c.end}"
                        )
                    fresh.setdefault((c.start, c.end, c.label), c)
                removed = [(r[1],) for key, r in rows.items() if r[8] == "pending" and key not in fresh]
                added = updated = 0
                for key, c in fresh.items():
                    row = rows.get(key)
                    if row is None:
                        inserts.append((doc_id, c.start, c.end, c.label, c.text, c.source, float(c.score)))
                        added += 1
                    elif row[8] == "pending" and (row[6], row[7]) != (c.source, float(c.score)):
                        updates.append((c.source, float(c.score), row[1]))
                        updated += 1
                gone += removed
                if added or updated or removed:
                    db.log(
                        "candidates.replace",
                        doc_id,
                        f"candidates:{doc_id}",
                        None,
                        {"added": added, "updated": updated, "removed": len(removed)},
                    )
                stored += added + updated
            db.executemany("DELETE FROM candidates WHERE id = ?", gone)
            db.executemany("UPDATE candidates SET source = ?, score = ? WHERE id = ?", updates)
            db.executemany(
                "INSERT INTO candidates (doc_id, start, \"end\", label, text, source, score) VALUES (?, ?, ?, ?, ?, ?, ?)",
                inserts,
            )
            # these documents have had their candidates computed: an import no longer owes them any
            self._project.candidates_due.settle(doc_ids)
        return stored

    def documents_with_pending(self, doc_ids: Sequence[str], *, at_least: int) -> list[str]:
        """Those of ``doc_ids`` with ``at_least`` pending candidates (the ones the per-document cap cut short)."""
        found: list[str] = []
        for chunk in chunked(list(doc_ids)):
            found += [
                doc_id
                for (doc_id,) in self._db.execute(
                    f"SELECT doc_id FROM candidates WHERE doc_id IN ({placeholders(len(chunk))}) "
                    "AND state = 'pending' GROUP BY doc_id HAVING COUNT(*) >= ?",
                    [*chunk, at_least],
                )
            ]
        return found

    # --- the reviewer's decisions ----------------------------------------------------

    def accept(
        self,
        candidate_id: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> Entity:
        """Accept a candidate as an entity, optionally fixing its label or boundaries."""
        db, annotations = self._db, self._project.annotations
        with db.transaction():
            candidate = self.get(candidate_id)
            if candidate.state is CandidateState.ACCEPTED:
                raise InputError(f"candidate {candidate_id} ({candidate.text!r}) is already accepted")
            label = label or candidate.label
            start = candidate.start if start is None else start
            end = candidate.end if end is None else end
            existing = annotations.find_entity(candidate.doc_id, start, end, label)
            if existing is not None:
                entity = annotations.entity(existing)
            else:
                entity = annotations.add_entity(
                    candidate.doc_id, start, end, label, origin=f"candidate:{candidate.source}"
                )
            db.execute(
                "UPDATE candidates SET state = 'accepted', entity_id = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                (entity.id, db.annotator, utc_now(), candidate_id),
            )
            db.log(
                "candidate.accept",
                candidate.doc_id,
                f"candidate:{candidate_id}",
                candidate_to_dict(candidate),
                {"state": "accepted", "entity": entity_to_dict(entity), "created": existing is None},
            )
        return entity

    def reject(self, candidate_id: int) -> Candidate:
        db = self._db
        with db.transaction():
            candidate = self.get(candidate_id)
            if candidate.state is CandidateState.ACCEPTED:
                raise InputError(
                    f"candidate {candidate_id} ({candidate.text!r}) was accepted; delete the entity instead"
                )
            if candidate.state is CandidateState.REJECTED:
                return candidate
            db.execute(
                "UPDATE candidates SET state = 'rejected', decided_by = ?, decided_at = ? WHERE id = ?",
                (db.annotator, utc_now(), candidate_id),
            )
            db.log(
                "candidate.reject", candidate.doc_id, f"candidate:{candidate_id}", candidate_to_dict(candidate),
                {"state": "rejected"},
            )
            self._project.documents.note_annotated(candidate.doc_id)
        return candidate

    def reset(self, candidate_id: int, *, delete_entity: bool = True) -> Candidate:
        """Undo a decision: back to pending; an entity created by accepting is deleted."""
        db = self._db
        with db.transaction():
            candidate = self.get(candidate_id)
            if candidate.state is CandidateState.PENDING:
                return candidate
            if candidate.state is CandidateState.ACCEPTED and candidate.entity_id is not None and delete_entity:
                annotations = self._project.annotations
                created = annotations.entity(candidate.entity_id).origin == f"candidate:{candidate.source}"
                db.execute("UPDATE candidates SET entity_id = NULL WHERE id = ?", (candidate_id,))
                if created:
                    annotations.delete_entity(candidate.entity_id)
            db.execute(
                "UPDATE candidates SET state = 'pending', entity_id = NULL, decided_by = NULL, decided_at = NULL "
                "WHERE id = ?",
                (candidate_id,),
            )
            db.log(
                "candidate.reset", candidate.doc_id, f"candidate:{candidate_id}", candidate_to_dict(candidate),
                {"state": "pending"},
            )
        return candidate

    # --- steps of other aggregates' writes ------------------------------------------------

    @step_of_write
    def insert_imported(self, candidates: Iterable[Candidate], doc: Document, where: str) -> None:
        """Store the candidates an imported document came with (``Documents.import_source``)."""
        for candidate in candidates:
            problem = span_mismatch(doc.text, candidate.start, candidate.end, candidate.text)
            if problem:
                raise InputError(f"{where}, candidate {candidate.text!r}: {problem}")
            self._db.execute(
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

    @step_of_write
    def release_entity(self, entity_id: int) -> list[int]:
        """Candidates accepted as an entity being deleted become rejected; returns their ids."""
        candidate_ids = [
            cid for (cid,) in self._db.execute("SELECT id FROM candidates WHERE entity_id = ?", (entity_id,))
        ]
        if candidate_ids:
            self._db.execute(
                f"UPDATE candidates SET state = 'rejected', entity_id = NULL, decided_by = ?, decided_at = ? "
                f"WHERE id IN ({placeholders(len(candidate_ids))})",
                (self._db.annotator, utc_now(), *candidate_ids),
            )
        return candidate_ids

    @step_of_write
    def restore_entity_link(self, entity_id: int, candidate_ids: Iterable[int]) -> None:
        """The inverse of ``release_entity``: those candidates are accepted as the restored entity again."""
        self._db.executemany(
            "UPDATE candidates SET state = 'accepted', entity_id = ? WHERE id = ?",
            [(entity_id, cid) for cid in candidate_ids],
        )

    @step_of_write
    def relabel(self, old: str, new: str) -> int:
        """Give every candidate labelled ``old`` the label ``new`` (a schema rename)."""
        return self._db.execute("UPDATE candidates SET label = ? WHERE label = ?", (new, old)).rowcount

    # --- reading many documents at once, and soundness ------------------------------------

    def attach(self, bundles: dict[str, AnnotatedDocument]) -> None:
        """Fill in the candidates of ``bundles``' documents."""
        chunk = list(bundles)
        for values in self._db.conn.execute(
            f"SELECT {CANDIDATE_FIELDS} FROM candidates WHERE doc_id IN ({placeholders(len(chunk))}) "
            "ORDER BY doc_id, start, \"end\", label",
            chunk,
        ):
            bundles[values[0]].candidates.append(candidate_from_values(values))

    def problems(self, doc_text: Callable[[str], str]) -> list[str]:
        return [
            f"document {doc_id}, candidate {cid}: does not match the text"
            for cid, doc_id, start, end, text in self._db.execute(
                "SELECT id, doc_id, start, \"end\", text FROM candidates"
            )
            if doc_text(doc_id)[start:end] != text
        ]
