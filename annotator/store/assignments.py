"""Who works on which document: the lead's split of the corpus among annotators.

A document given to two or more annotators is double-annotated: their
versions are compared for agreement and adjudicated into gold. Planning the
split (how many, which overlap) is ``annotator.team.assignment``; this part
only stores it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from annotator.errors import InputError
from annotator.store.connection import utc_now
from annotator.store.database import Aggregate, chunked, placeholders


class Assignments(Aggregate):
    # --- reading ---------------------------------------------------------------------

    def of_annotator(self, annotator: str) -> list[str]:
        """The documents assigned to ``annotator``, in reading order."""
        return [
            doc_id
            for (doc_id,) in self._db.execute(
                "SELECT a.doc_id FROM assignments a JOIN documents d ON d.id = a.doc_id "
                "WHERE a.annotator = ? ORDER BY d.position",
                (annotator,),
            )
        ]

    def of_documents(self, doc_ids: Sequence[str]) -> dict[str, list[str]]:
        """Who each of ``doc_ids`` is assigned to (sorted names; [] for nobody)."""
        found: dict[str, list[str]] = {doc_id: [] for doc_id in doc_ids}
        for chunk in chunked(list(found)):
            for doc_id, annotator in self._db.execute(
                f"SELECT doc_id, annotator FROM assignments WHERE doc_id IN ({placeholders(len(chunk))}) "
                "ORDER BY doc_id, annotator",
                chunk,
            ):
                found[doc_id].append(annotator)
        return found

    def everything(self) -> dict[str, list[str]]:
        """Every assigned document and who it is assigned to."""
        found: dict[str, list[str]] = {}
        for doc_id, annotator in self._db.execute("SELECT doc_id, annotator FROM assignments ORDER BY doc_id, annotator"):
            found.setdefault(doc_id, []).append(annotator)
        return found

    def counts(self) -> dict[str, dict[str, int]]:
        """Per annotator: documents assigned, of which shared with someone else."""
        counts: dict[str, dict[str, int]] = {}
        for annotator, total, shared in self._db.execute(
            "SELECT a.annotator, COUNT(*), SUM(CASE WHEN n.people > 1 THEN 1 ELSE 0 END) FROM assignments a "
            "JOIN (SELECT doc_id, COUNT(*) AS people FROM assignments GROUP BY doc_id) n ON n.doc_id = a.doc_id "
            "GROUP BY a.annotator ORDER BY a.annotator"
        ):
            counts[annotator] = {"documents": total, "shared": shared or 0}
        return counts

    def in_team_work(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """Which of ``doc_ids`` take part in team work (assigned, with versions or adjudicated), and how."""
        found: dict[str, str] = {}
        for chunk in chunked(list(dict.fromkeys(doc_ids))):
            marks = placeholders(len(chunk))
            for what, table, column in (
                ("has its adjudicated gold", "adjudications", "doc_id"),
                ("has annotators' versions", "versions", "doc_id"),
                ("is assigned to annotators", "assignments", "doc_id"),
            ):
                for (doc_id,) in self._db.execute(
                    f"SELECT DISTINCT {column} FROM {table} WHERE {column} IN ({marks})", chunk
                ):
                    found.setdefault(doc_id, what)
        return found

    # --- writing -----------------------------------------------------------------------

    def assign(self, plan: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
        """Give each document of ``plan`` exactly the annotators listed (an empty list unassigns it).

        Returns who each of those documents was assigned to before, which,
        given back to ``assign``, undoes the change. One event per document
        whose assignment changed.
        """
        cleaned: dict[str, list[str]] = {}
        for doc_id, names in plan.items():
            people = sorted({(name or "").strip() for name in names})
            if "" in people:
                raise InputError(f"document {doc_id}: an annotator's name is empty")
            cleaned[doc_id] = people
        db = self._db
        with db.transaction():
            missing = set(cleaned) - self._project.documents.existing(list(cleaned))
            if missing:
                raise InputError(f"cannot assign document '{min(missing)}': there is no such document")
            before = self.of_documents(list(cleaned))
            now = utc_now()
            for doc_id, people in cleaned.items():
                previous = before[doc_id]
                if previous == people:
                    continue
                gone = [name for name in previous if name not in people]
                new = [name for name in people if name not in previous]
                db.executemany("DELETE FROM assignments WHERE doc_id = ? AND annotator = ?", [(doc_id, n) for n in gone])
                db.executemany(
                    "INSERT INTO assignments (doc_id, annotator, assigned_at, assigned_by) VALUES (?, ?, ?, ?)",
                    [(doc_id, name, now, db.annotator) for name in new],
                )
                db.log("assignment.set", doc_id, f"document:{doc_id}", previous, people)
        return before
