"""Documents still owed their candidate spans: a to-do list kept in the project itself.

Candidates are part of finishing an import. The documents an import stores
are marked due in the same transaction, and the mark goes once their
candidates are stored; so when an import is killed, or gives up on a lock,
between storing the documents and storing their candidates, the next import
(or the app, when it opens the project) finds what is left and finishes it,
and ``annotator check`` reports it until then.

A document that has any candidate row has had its candidates stored (they
are written a document at a time, in one transaction), so its mark is stale
and is dropped without computing anything again.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.store.candidates import CandidatesMixin

# SQLite's default limit on host parameters is 999 on older builds.
_CHUNK = 500


class CandidatesDueMixin(CandidatesMixin):
    def mark_candidates_due(self, doc_ids: Iterable[str]) -> None:
        """Note that these documents still need candidates (inside the transaction that stores them)."""
        rows = [(doc_id,) for doc_id in doc_ids]
        if rows:
            with self.transaction():
                self.db.conn.executemany("INSERT OR IGNORE INTO candidates_due (doc_id) VALUES (?)", rows)

    def documents_owed_candidates(self) -> list[str]:
        """Documents marked due that have no candidates yet, in reading order."""
        return [
            doc_id
            for (doc_id,) in self._exec(
                "SELECT d.id FROM candidates_due c JOIN documents d ON d.id = c.doc_id "
                "WHERE NOT EXISTS (SELECT 1 FROM candidates WHERE candidates.doc_id = c.doc_id) "
                "ORDER BY d.position"
            )
        ]

    def settle_candidates_due(self, doc_ids: Iterable[str] | None = None) -> int:
        """Drop the marks of ``doc_ids`` (their candidates were computed), or, with None, every stale
        mark (the document has candidates). Returns how many marks went."""
        with self.transaction():
            if doc_ids is None:
                return self._exec(
                    "DELETE FROM candidates_due WHERE EXISTS "
                    "(SELECT 1 FROM candidates WHERE candidates.doc_id = candidates_due.doc_id)"
                ).rowcount
            ids = list(doc_ids)
            removed = 0
            for offset in range(0, len(ids), _CHUNK):
                chunk = ids[offset : offset + _CHUNK]
                removed += self._exec(
                    f"DELETE FROM candidates_due WHERE doc_id IN ({','.join('?' * len(chunk))})", chunk
                ).rowcount
            return removed

    def documents_with_pending_candidates(self, doc_ids: Iterable[str], *, at_least: int) -> list[str]:
        """Those of ``doc_ids`` with ``at_least`` pending candidates (the ones the per-document cap cut short)."""
        ids = list(doc_ids)
        found: list[str] = []
        for offset in range(0, len(ids), _CHUNK):
            chunk = ids[offset : offset + _CHUNK]
            found += [
                doc_id
                for (doc_id,) in self._exec(
                    f"SELECT doc_id FROM candidates WHERE doc_id IN ({','.join('?' * len(chunk))}) "
                    "AND state = 'pending' GROUP BY doc_id HAVING COUNT(*) >= ?",
                    [*chunk, at_least],
                )
            ]
        return found
