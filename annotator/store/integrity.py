"""``annotator check``: is the database sound, and does every annotation still fit its text?"""

from __future__ import annotations

import json

from annotator.errors import SchemaError
from annotator.store.candidates_due import CandidatesDueMixin
from annotator.store.rows import loads


class IntegrityMixin(CandidatesDueMixin):
    def check(self) -> list[str]:
        """Every problem found, in plain words; an empty list means the project is sound."""
        problems: list[str] = []
        for (result,) in self._exec("PRAGMA integrity_check").fetchall():
            if result != "ok":
                problems.append(f"SQLite integrity: {result}")
        for row in self._exec("PRAGMA foreign_key_check").fetchall():
            problems.append(f"table {row[0]} row {row[1]} points at a missing row in {row[2]}")
        try:
            schema = self.schema
        except SchemaError as exc:
            return problems + [str(exc)]
        entity_labels = set(schema.entity_names)
        texts: dict[str, str] = {}

        def doc_text(doc_id: str) -> str:
            if doc_id not in texts:
                texts[doc_id] = self.document_text(doc_id)
            return texts[doc_id]

        for row in self._rows("SELECT * FROM entities ORDER BY doc_id, start"):
            where = f"document {row['doc_id']}, entity {row['id']} ({row['text']!r})"
            if doc_text(row["doc_id"])[row["start"] : row["end"]] != row["text"]:
                problems.append(f"{where}: does not match the text at {row['start']}-{row['end']}")
            if row["label"] not in entity_labels:
                problems.append(f"{where}: label '{row['label']}' is not in the schema")
        for row in self._rows(
            "SELECT r.id, r.doc_id, r.label, h.doc_id AS head_doc, t.doc_id AS tail_doc, "
            "h.label AS head_label, t.label AS tail_label FROM relations r "
            "JOIN entities h ON h.id = r.head_id JOIN entities t ON t.id = r.tail_id"
        ):
            where = f"document {row['doc_id']}, relation {row['id']} ({row['label']})"
            if not (row["head_doc"] == row["tail_doc"] == row["doc_id"]):
                problems.append(f"{where}: head and tail are not both in the document")
            try:
                schema.check_relation(row["label"], row["head_label"], row["tail_label"])
            except SchemaError as exc:
                problems.append(f"{where}: {exc}")
        for row in self._rows("SELECT id, doc_id, start, \"end\", text FROM candidates"):
            if doc_text(row["doc_id"])[row["start"] : row["end"]] != row["text"]:
                problems.append(f"document {row['doc_id']}, candidate {row['id']}: does not match the text")
        for row in self._rows("SELECT id, text, raw_text, provenance FROM documents"):
            if row["raw_text"] is not None and len(row["raw_text"]) != len(row["text"]):
                problems.append(f"document {row['id']}: raw text and text differ in length")
            try:
                provenance = loads(row["provenance"]) or {}
            except json.JSONDecodeError:
                problems.append(f"document {row['id']}: provenance is not valid JSON")
                continue
            for piece in provenance.get("pieces", []):
                if not (0 <= piece["start"] <= piece["end"] <= len(row["text"])):
                    problems.append(
                        f"document {row['id']}: provenance piece {piece['start']}-{piece['end']} is outside the text"
                    )
        owed = self.documents_owed_candidates()
        if owed:
            problems.append(
                f"{len(owed)} document(s) still wait for the candidate spans of an import that was interrupted "
                f"(the first is {owed[0]}); run the same 'annotator import' again, or open the project in the "
                "app, to finish them"
            )
        return problems
