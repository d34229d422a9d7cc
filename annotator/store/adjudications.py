"""Which documents' gold is settled, by whom, how, and on which versions.

A document annotated by several people is adjudicated: the adjudicator takes
one version, the union, or edits, and the project layer becomes the gold
layer (``store.layers`` writes it). This part records the decision: who, when,
how (``version:NAME``, ``union``, ``edited``, or ``single`` when a merge took
the only version there was) and the fingerprints of the versions it was made
on. A version that changes afterwards (a newer package merged) makes the
document need adjudicating again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from annotator.store.connection import utc_now
from annotator.store.database import Aggregate, chunked, placeholders
from annotator.store.rows import dumps


@dataclass(frozen=True)
class Adjudication:
    doc_id: str
    adjudicator: str
    method: str
    decided_at: str
    # {annotator: fingerprint of their version} when it was decided
    versions: dict[str, str] = field(default_factory=dict)


class Adjudications(Aggregate):
    # --- reading ----------------------------------------------------------------------

    def get(self, doc_id: str) -> Adjudication | None:
        row = self._db.row("SELECT * FROM adjudications WHERE doc_id = ?", (doc_id,))
        return None if row is None else _from_row(row)

    def everything(self) -> dict[str, Adjudication]:
        return {row["doc_id"]: _from_row(row) for row in self._db.rows("SELECT * FROM adjudications")}

    def pending(self) -> list[str]:
        """Documents with versions whose gold is not settled, or was settled on versions that changed since;
        in reading order."""
        current: dict[str, dict[str, str]] = {}
        for doc_id, annotator, fingerprint in self._db.execute("SELECT doc_id, annotator, fingerprint FROM versions"):
            current.setdefault(doc_id, {})[annotator] = fingerprint
        settled = {doc_id: json.loads(versions) for doc_id, versions in self._db.execute(
            "SELECT doc_id, versions FROM adjudications"
        )}
        waiting = {doc_id for doc_id, versions in current.items() if settled.get(doc_id) != versions}
        if not waiting:
            return []
        return [doc_id for (doc_id,) in self._db.execute("SELECT id FROM documents ORDER BY position") if doc_id in waiting]

    # --- writing ------------------------------------------------------------------------

    def settle(self, doc_id: str, method: str, versions: Mapping[str, str]) -> Adjudication | None:
        """Record that ``doc_id``'s gold is settled; returns the decision it replaces (for ``restore``)."""
        db = self._db
        with db.transaction():
            self._project.documents.text(doc_id)  # refuses a document that does not exist
            previous = self.get(doc_id)
            decision = Adjudication(doc_id, db.annotator, method, utc_now(), dict(sorted(versions.items())))
            self._write(decision)
            db.log("adjudication.settle", doc_id, f"document:{doc_id}", _to_dict(previous), _to_dict(decision))
        return previous

    def of_documents(self, doc_ids: Sequence[str]) -> dict[str, Adjudication]:
        """The decisions on those of ``doc_ids`` that have one."""
        found: dict[str, Adjudication] = {}
        for chunk in chunked(list(dict.fromkeys(doc_ids))):
            for row in self._db.rows(
                f"SELECT * FROM adjudications WHERE doc_id IN ({placeholders(len(chunk))})", chunk
            ):
                found[row["doc_id"]] = _from_row(row)
        return found

    def settle_many(self, decisions: Mapping[str, tuple[str, Mapping[str, str]]]) -> dict[str, Adjudication | None]:
        """``settle`` for many documents at once: {document: (method, versions)}; returns the decisions replaced."""
        db = self._db
        with db.transaction():
            previous = self.of_documents(list(decisions))
            now = utc_now()
            made = [Adjudication(doc_id, db.annotator, method, now, dict(sorted(versions.items())))
                    for doc_id, (method, versions) in decisions.items()]
            for decision in made:
                self._write(decision)
            db.log_many(
                ("adjudication.settle", d.doc_id, f"document:{d.doc_id}", _to_dict(previous.get(d.doc_id)), _to_dict(d))
                for d in made
            )
        return {doc_id: previous.get(doc_id) for doc_id in decisions}

    def restore(self, doc_id: str, previous: Adjudication | None) -> None:
        """Put back the decision ``settle`` replaced (or none): the inverse of ``settle``."""
        db = self._db
        with db.transaction():
            current = self.get(doc_id)
            if previous is None:
                db.execute("DELETE FROM adjudications WHERE doc_id = ?", (doc_id,))
            else:
                self._write(previous)
            db.log("adjudication.restore", doc_id, f"document:{doc_id}", _to_dict(current), _to_dict(previous))

    def _write(self, decision: Adjudication) -> None:
        self._db.execute(
            "INSERT INTO adjudications (doc_id, adjudicator, method, decided_at, versions) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(doc_id) DO UPDATE SET adjudicator = excluded.adjudicator, method = excluded.method, "
            "decided_at = excluded.decided_at, versions = excluded.versions",
            (decision.doc_id, decision.adjudicator, decision.method, decision.decided_at, dumps(decision.versions)),
        )


def _from_row(row: dict) -> Adjudication:
    return Adjudication(row["doc_id"], row["adjudicator"], row["method"], row["decided_at"], json.loads(row["versions"]))


def _to_dict(decision: Adjudication | None) -> dict | None:
    if decision is None:
        return None
    return {
        "adjudicator": decision.adjudicator,
        "method": decision.method,
        "decided_at": decision.decided_at,
        "versions": decision.versions,
    }
