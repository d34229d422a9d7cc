"""Documents still owed their candidate spans: a to-do list kept in the project itself.

Candidates are part of finishing an import. The documents an import stores
are marked due in the same transaction (``mark``), and the mark goes in the
transaction that stores their candidates (``Candidates.replace`` calls
``settle``); so when an import is killed, or gives up on a lock, between
storing the documents and storing their candidates, the next import (or the
app, when it opens the project) finds what is left and finishes it, and
``annotator check`` reports it until then.

The table holds no one's work, only what is still to be computed, so like the
search index's queue it is written without an event of its own: the import,
or the candidates' replacement, that writes it logs the change.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.store.database import Aggregate, chunked, placeholders, step_of_write


class CandidatesDue(Aggregate):
    @step_of_write
    def mark(self, doc_ids: Iterable[str]) -> None:
        """Note that these documents still need candidates (a step of the import that stores them)."""
        rows = [(doc_id,) for doc_id in doc_ids]
        if rows:
            self._db.executemany("INSERT OR IGNORE INTO candidates_due (doc_id) VALUES (?)", rows)

    @step_of_write
    def settle(self, doc_ids: Iterable[str]) -> None:
        """Drop the marks of ``doc_ids`` (a step of the write that stores their candidates)."""
        for chunk in chunked(list(doc_ids)):
            self._db.execute(f"DELETE FROM candidates_due WHERE doc_id IN ({placeholders(len(chunk))})", chunk)

    def owed(self) -> list[str]:
        """Documents still owed their candidates, in reading order. A document with candidate rows
        has had them stored (they are written a document at a time), whatever its mark says."""
        return [
            doc_id
            for (doc_id,) in self._db.execute(
                "SELECT d.id FROM candidates_due c JOIN documents d ON d.id = c.doc_id "
                "WHERE NOT EXISTS (SELECT 1 FROM candidates WHERE candidates.doc_id = c.doc_id) "
                "ORDER BY d.position"
            )
        ]

    def problems(self) -> list[str]:
        """For ``annotator check``: an interrupted import that left documents without their candidates."""
        owed = self.owed()
        if not owed:
            return []
        return [
            (
                f"{len(owed)} document(s) still wait for the candidate spans of an import that was interrupted "
                f"(the first is {owed[0]}); run the same 'annotator import' again, or open the project in the "
                "app, to finish them"
            )
        ]
