"""Candidate spans in the database: storing suggestions and the reviewer's decisions on them.

Suggestions are machine output and are replaced freely while pending.
Decisions are annotation actions: accepting creates an entity, rejecting is
remembered so the same text is never proposed again in that document, and
both are logged and undoable (``reset_candidate``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from annotator.errors import InputError, NotFoundError
from annotator.model import Candidate, CandidateState, Entity
from annotator.store.annotations import AnnotationsMixin
from annotator.store.connection import utc_now
from annotator.store.rows import (
    CANDIDATE_FIELDS,
    candidate_from_row,
    candidate_from_values,
    candidate_to_dict,
    entity_to_dict,
)


class CandidatesMixin(AnnotationsMixin):
    def candidate(self, candidate_id: int) -> Candidate:
        row = self._row("SELECT * FROM candidates WHERE id = ?", (candidate_id,))
        if row is None:
            raise NotFoundError(f"no candidate with id {candidate_id}")
        return candidate_from_row(row)

    def candidates(self, doc_id: str, states: Iterable[CandidateState | str] | None = None) -> list[Candidate]:
        sql = f"SELECT {CANDIDATE_FIELDS} FROM candidates WHERE doc_id = ?"
        params: list = [doc_id]
        if states is not None:
            values = [CandidateState(s).value for s in states]
            sql += f" AND state IN ({','.join('?' * len(values))})"
            params += values
        # tuples, not dicts: the window reads every pending candidate of a document it opens
        rows = self.db.conn.execute(sql + " ORDER BY start, \"end\", label", params)
        return [candidate_from_values(values) for values in rows]

    # --- machine suggestions ----------------------------------------------------------

    def replace_candidates(self, suggestions: Mapping[str, Iterable[Candidate]]) -> int:
        """Replace the pending candidates of each document with fresh suggestions.

        Decided candidates stay. A pending candidate that is suggested again
        keeps its id (its source and score are updated), so a refresh while a
        reviewer works on the document, or while undo steps refer to its
        candidates, changes only what really changed. A suggestion is dropped
        when its text and label were rejected in that document, or when an
        entity already covers exactly that span. Returns the number of
        candidates added or updated.
        """
        stored = 0
        with self.transaction():
            for doc_id, items in suggestions.items():
                doc_text = self.document_text(doc_id)
                existing = {
                    (r["start"], r["end"], r["label"]): r
                    for r in self._rows(
                        "SELECT id, start, \"end\", label, text, source, score, state FROM candidates WHERE doc_id = ?",
                        (doc_id,),
                    )
                }
                rejected = {(r["text"], r["label"]) for r in existing.values() if r["state"] == "rejected"}
                labelled = {
                    (r["start"], r["end"])
                    for r in self._rows("SELECT start, \"end\" FROM entities WHERE doc_id = ?", (doc_id,))
                }
                fresh: dict[tuple[int, int, str], Candidate] = {}
                for c in items:
                    if (c.text, c.label) in rejected or (c.start, c.end) in labelled:
                        continue
                    if doc_text[c.start : c.end] != c.text:
                        raise InputError(
                            f"document {doc_id}: candidate {c.text!r} from {c.source} does not match "
                            f"the text at {c.start}-{c.end}"
                        )
                    fresh.setdefault((c.start, c.end, c.label), c)
                gone = [r["id"] for key, r in existing.items() if r["state"] == "pending" and key not in fresh]
                if gone:
                    self.db.conn.executemany("DELETE FROM candidates WHERE id = ?", [(i,) for i in gone])
                updates, inserts = [], []
                for key, c in fresh.items():
                    row = existing.get(key)
                    if row is None:
                        inserts.append((doc_id, c.start, c.end, c.label, c.text, c.source, float(c.score)))
                    elif row["state"] == "pending" and (row["source"], row["score"]) != (c.source, float(c.score)):
                        updates.append((c.source, float(c.score), row["id"]))
                self.db.conn.executemany("UPDATE candidates SET source = ?, score = ? WHERE id = ?", updates)
                self.db.conn.executemany(
                    "INSERT INTO candidates (doc_id, start, \"end\", label, text, source, score) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    inserts,
                )
                stored += len(updates) + len(inserts)
        return stored

    def rejection_counts(self) -> dict[tuple[str, str], int]:
        """How often each (text, label) was rejected across the project; feeds the ranking."""
        return {
            (r["text"], r["label"]): r["n"]
            for r in self._rows(
                "SELECT text, label, COUNT(*) AS n FROM candidates WHERE state = 'rejected' GROUP BY text, label"
            )
        }

    def documents_containing(self, text: str) -> list[str]:
        """Ids of the documents whose text contains ``text``, in reading order; for "label all occurrences"."""
        if not text:
            return []
        return [
            r["id"]
            for r in self._rows("SELECT id FROM documents WHERE instr(text, ?) > 0 ORDER BY position", (text,))
        ]

    def labelled_texts(self) -> dict[tuple[str, str], int]:
        """How often each (text, label) was labelled as an entity; the gazetteer's source."""
        return {
            (r["text"], r["label"]): r["n"]
            for r in self._rows("SELECT text, label, COUNT(*) AS n FROM entities GROUP BY text, label")
        }

    # --- the reviewer's decisions ----------------------------------------------------

    def accept_candidate(
        self,
        candidate_id: int,
        *,
        label: str | None = None,
        start: int | None = None,
        end: int | None = None,
    ) -> Entity:
        """Accept a candidate as an entity, optionally fixing its label or boundaries."""
        with self.transaction():
            candidate = self.candidate(candidate_id)
            if candidate.state is CandidateState.ACCEPTED:
                raise InputError(f"candidate {candidate_id} ({candidate.text!r}) is already accepted")
            label = label or candidate.label
            start = candidate.start if start is None else start
            end = candidate.end if end is None else end
            existing = self._scalar(
                "SELECT id FROM entities WHERE doc_id = ? AND start = ? AND \"end\" = ? AND label = ?",
                (candidate.doc_id, start, end, label),
            )
            if existing is not None:
                entity = self.entity(existing)
            else:
                entity = self.add_entity(candidate.doc_id, start, end, label, origin=f"candidate:{candidate.source}")
            self._exec(
                "UPDATE candidates SET state = 'accepted', entity_id = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                (entity.id, self.annotator, utc_now(), candidate_id),
            )
            self._log(
                "candidate.accept",
                candidate.doc_id,
                f"candidate:{candidate_id}",
                candidate_to_dict(candidate),
                {"state": "accepted", "entity": entity_to_dict(entity), "created": existing is None},
            )
        return entity

    def reject_candidate(self, candidate_id: int) -> Candidate:
        with self.transaction():
            candidate = self.candidate(candidate_id)
            if candidate.state is CandidateState.ACCEPTED:
                raise InputError(
                    f"candidate {candidate_id} ({candidate.text!r}) was accepted; delete the entity instead"
                )
            if candidate.state is CandidateState.REJECTED:
                return candidate
            self._exec(
                "UPDATE candidates SET state = 'rejected', decided_by = ?, decided_at = ? WHERE id = ?",
                (self.annotator, utc_now(), candidate_id),
            )
            self._log(
                "candidate.reject", candidate.doc_id, f"candidate:{candidate_id}", candidate_to_dict(candidate),
                {"state": "rejected"},
            )
            self._touch_document(candidate.doc_id)
        return candidate

    def reset_candidate(self, candidate_id: int, *, delete_entity: bool = True) -> Candidate:
        """Undo a decision: back to pending; an entity created by accepting is deleted."""
        with self.transaction():
            candidate = self.candidate(candidate_id)
            if candidate.state is CandidateState.PENDING:
                return candidate
            if candidate.state is CandidateState.ACCEPTED and candidate.entity_id is not None and delete_entity:
                created = self._scalar(
                    "SELECT origin FROM entities WHERE id = ?", (candidate.entity_id,)
                ) == f"candidate:{candidate.source}"
                self._exec("UPDATE candidates SET entity_id = NULL WHERE id = ?", (candidate_id,))
                if created:
                    self.delete_entity(candidate.entity_id)
            self._exec(
                "UPDATE candidates SET state = 'pending', entity_id = NULL, decided_by = NULL, decided_at = NULL "
                "WHERE id = ?",
                (candidate_id,),
            )
            self._log(
                "candidate.reset", candidate.doc_id, f"candidate:{candidate_id}", candidate_to_dict(candidate),
                {"state": "pending"},
            )
        return candidate
