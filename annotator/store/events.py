"""Reading the append-only event log.

Every change writes an event (who, when, what, before and after) in the same
transaction as the change itself (``ProjectDatabase.log``). Triggers in the
database refuse UPDATE and DELETE on ``events``, so history cannot be
rewritten even by a bug elsewhere in the program.
"""

from __future__ import annotations

from annotator.model import Event
from annotator.store.database import Aggregate
from annotator.store.rows import event_from_row


class Events(Aggregate):
    def find(
        self,
        doc_id: str | None = None,
        *,
        annotator: str | None = None,
        action: str | None = None,
        since_id: int = 0,
        limit: int | None = None,
    ) -> list[Event]:
        """Events in the order they happened, filtered by document, annotator and action."""
        clauses, params = ["id > ?"], [since_id]
        for column, value in (("doc_id", doc_id), ("annotator", annotator), ("action", action)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        sql = f"SELECT * FROM events WHERE {' AND '.join(clauses)} ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [event_from_row(r) for r in self._db.rows(sql, params)]
