"""The reviewer's segmentation edits: merge two documents, split one, move text from one to another.

The importer cuts pages into articles; a reviewer fixes what it got wrong.
Each edit:

- keeps provenance: every piece still says exactly where in which file its
  text came from (pieces are clipped at cuts and shifted with their text);
- carries the annotations along: entities, relations, candidates, document
  labels and reviewer flags move with their text. An entity (or a relation)
  that the edit would cut in two makes it refuse, with a message naming it;
  a machine candidate that would be cut is dropped (and comes back on undo);
- runs in one transaction and writes one event;
- returns a ``SegmentationEdit``, whose ``Segmentation.undo`` restores the
  exact previous state (document ids, titles, metadata, positions, every
  annotation row with its id) and whose ``Segmentation.redo`` does the edit
  again with the same ids. These are what the app's undo commands call.

An edit moves a document's rows in every table as one unit, each row with its
id, and its undo puts those exact rows back. So this module snapshots and
rewrites the rows of the edited documents itself, table by table, instead of
through each aggregate's methods, which deal in single annotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.errors import InputError
from annotator.model import Document, Provenance, Status, content_hash
from annotator.store.connection import utc_now
from annotator.store.database import Aggregate
from annotator.store.rows import dumps
from annotator.store.segmentation_plan import (
    Part,
    Plan,
    Slice,
    paragraph_bounds,
    provenance_base,
)

PARAGRAPH_BREAK = "\n"
_TABLES = ("entities", "relations", "candidates", "doc_labels", "time_spent")
_DEFAULT_TITLE_CHARS = 24


@dataclass
class SegmentationEdit:
    """What a merge, split or move did, so it can be undone exactly and redone with the same ids."""

    action: str  # "merge", "split" or "move"
    # the arguments that do the same edit again (a split's new document id included)
    params: dict[str, Any]
    # every row of the documents the edit touched, as they were: {doc id: {table: [rows]}}
    before: dict[str, dict[str, list[dict[str, Any]]]]
    # the documents the edit left, with their content hash and annotation ids, to check nothing changed since
    after: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def created(self) -> list[str]:
        return [doc_id for doc_id in self.after if doc_id not in self.before]

    @property
    def removed(self) -> list[str]:
        return [doc_id for doc_id in self.before if doc_id not in self.after]


class Segmentation(Aggregate):
    # --- the edits ------------------------------------------------------------------

    def merge(self, first_id: str, second_id: str, *, separator: str = PARAGRAPH_BREAK) -> SegmentationEdit:
        """Append ``second_id``'s text to ``first_id``'s, as a new paragraph (or, with ``separator=""``,
        continuing the last one); the second document is removed and its annotations move over."""
        if separator not in (PARAGRAPH_BREAK, ""):
            raise InputError(f"documents are merged with a paragraph break or nothing between them, not {separator!r}")
        if first_id == second_id:
            raise InputError(f"document {first_id} cannot be merged with itself")
        with self._db.transaction():
            first, second = self._project.documents.get(first_id), self._project.documents.get(second_id)
            edit = self._begin("merge", {"first_id": first_id, "second_id": second_id, "separator": separator},
                               [first_id, second_id])
            parts: list[Part] = [Slice(first_id, 0, len(first.text)), separator, Slice(second_id, 0, len(second.text))]
            plan = Plan({first_id: first, second_id: second}, {first_id: parts})
            meta = dict(first.meta)
            merged = list(meta.get("merged", [])) + [
                {"id": second.id, "title": second.title, "offset": len(first.text) + len(separator)}
            ]
            meta["merged"] = merged
            if first.meta.get("dropped_duplicates") or second.meta.get("dropped_duplicates"):
                meta["dropped_duplicates"] = first.meta.get("dropped_duplicates", []) + second.meta.get(
                    "dropped_duplicates", []
                )
            status = first.status if first.status == second.status else Status.IN_PROGRESS
            self._write_plan(plan, metas={first_id: meta}, provenance_of={first_id: [first, second]})
            self._db.execute(
                "UPDATE documents SET status = ?, status_reason = ? WHERE id = ?",
                (Status(status).value, first.status_reason if status == first.status else "", first_id),
            )
            self._merge_document_rows(into=first_id, source=second_id)
            self._db.execute("DELETE FROM documents WHERE id = ?", (second_id,))
            self._finish(edit, "document.merge", first_id, f"document:{second_id}")
        return edit

    def split(
        self, doc_id: str, offset: int, *, new_id: str | None = None, title: str | None = None
    ) -> SegmentationEdit:
        """Cut a document in two at ``offset``; the text after it becomes a new document placed right after.

        A paragraph break at the cut is dropped. An entity or relation across
        the cut makes the split refuse.
        """
        with self._db.transaction():
            doc = self._project.documents.get(doc_id)
            text = doc.text
            if not isinstance(offset, int) or not 0 < offset < len(text):
                raise InputError(
                    f"document {doc_id}: cannot split at {offset}; choose a point inside the text (1-{len(text) - 1})"
                )
            head_end = offset - 1 if text[offset - 1] == PARAGRAPH_BREAK else offset
            tail_start = offset + 1 if text[offset] == PARAGRAPH_BREAK else offset
            if not text[:head_end].strip() or not text[tail_start:].strip():
                raise InputError(f"document {doc_id}: splitting at {offset} would leave an empty document")
            new_id = new_id or self._split_id(doc, tail_start)
            if self._project.documents.exists(new_id):
                raise InputError(f"cannot split document {doc_id}: a document with id '{new_id}' already exists")
            params = {"doc_id": doc_id, "offset": offset, "new_id": new_id, "title": title}
            edit = self._begin("split", params, [doc_id])
            parts: dict[str, list[Part]] = {
                doc_id: [Slice(doc_id, 0, head_end)],
                new_id: [Slice(doc_id, tail_start, len(text))],
            }
            plan = Plan({doc_id: doc}, parts)
            self._refuse_cut(plan, [doc_id], f"cannot split document {doc_id} at {offset}")
            tail_text = plan.outputs[new_id].text
            new_title = title if title is not None else _default_title(tail_text)
            self._insert_document_row(doc_id, new_id, new_title)
            self._write_plan(
                plan,
                metas={doc_id: _without(doc.meta, "flags"), new_id: {"split_from": doc_id}},
                provenance_of={doc_id: [doc], new_id: [doc]},
            )
            self._db.execute(
                "INSERT INTO doc_labels (doc_id, name, value, annotator, updated_at) "
                "SELECT ?, name, value, annotator, updated_at FROM doc_labels WHERE doc_id = ?",
                (new_id, doc_id),
            )
            self._finish(edit, "document.split", doc_id, f"document:{new_id}")
        return edit

    def move_text(
        self, source_id: str, start: int, end: int, target_id: str, *, at: int | None = None
    ) -> SegmentationEdit:
        """Move ``start:end`` of one document into another, as a paragraph of its own.

        ``at`` is where in the target it goes: its end (the default), 0, or the
        start of one of its paragraphs. The source must keep some text (to move
        all of it, merge instead).
        """
        if source_id == target_id:
            raise InputError(f"document {source_id}: text is moved between two different documents")
        with self._db.transaction():
            source, target = self._project.documents.get(source_id), self._project.documents.get(target_id)
            text = source.text
            if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
                raise InputError(
                    f"document {source_id}: {start}-{end} is not a stretch of its text (length {len(text)})"
                )
            while start < end and text[start] == PARAGRAPH_BREAK:
                start += 1
            while end > start and text[end - 1] == PARAGRAPH_BREAK:
                end -= 1
            if not text[start:end].strip():
                raise InputError(f"document {source_id}: {start}-{end} holds no text to move")
            keep_to, keep_from = paragraph_bounds(text, start, end)
            if not (text[:keep_to] + text[keep_from:]).strip():
                raise InputError(
                    f"moving {start}-{end} would leave document {source_id} empty; merge the two documents instead"
                )
            target_text = target.text
            at = len(target_text) if at is None else at
            if not isinstance(at, int) or not 0 <= at <= len(target_text):
                raise InputError(f"document {target_id}: {at} is outside its text (length {len(target_text)})")
            if 0 < at < len(target_text) and target_text[at - 1] != PARAGRAPH_BREAK:
                raise InputError(f"document {target_id}: text can be moved to the start of a paragraph, not into one")
            edit = self._begin(
                "move",
                {"source_id": source_id, "start": start, "end": end, "target_id": target_id, "at": at},
                [source_id, target_id],
            )
            moved = Slice(source_id, start, end)
            if at == len(target_text):
                target_parts: list[Part] = [Slice(target_id, 0, at), PARAGRAPH_BREAK, moved]
            else:
                target_parts = [Slice(target_id, 0, at), moved, PARAGRAPH_BREAK, Slice(target_id, at, len(target_text))]
            source_parts: list[Part] = [Slice(source_id, 0, keep_to), Slice(source_id, keep_from, len(text))]
            plan = Plan({source_id: source, target_id: target}, {source_id: source_parts, target_id: target_parts})
            self._refuse_cut(plan, [source_id, target_id], f"cannot move {start}-{end} of document {source_id}")
            self._write_plan(
                plan,
                metas={source_id: _without(source.meta, "flags"), target_id: _without(target.meta, "flags")},
                provenance_of={source_id: [source], target_id: [target, source]},
            )
            self._finish(edit, "document.move_text", source_id, f"document:{target_id}")
        return edit

    # --- undo and redo ---------------------------------------------------------------

    def undo(self, edit: SegmentationEdit) -> None:
        """Put back exactly what ``edit`` changed: documents, ids, metadata, positions and every annotation."""
        with self._db.transaction():
            self._check_unchanged_since(edit)
            extra_time = self._time_since(edit)
            involved = sorted(set(edit.before) | set(edit.after))
            for doc_id, snapshot in edit.before.items():
                row = snapshot["documents"][0]
                columns = list(row)
                if self._project.documents.exists(doc_id):
                    self._db.execute(
                        f"UPDATE documents SET {', '.join(f'{_q(c)} = ?' for c in columns)} WHERE id = ?",
                        [row[c] for c in columns] + [doc_id],
                    )
                else:
                    self._insert_row("documents", row)
            self._delete_where("candidates", involved)
            self._delete_where("doc_labels", involved)
            self._delete_where("time_spent", involved)
            for snapshot in edit.before.values():
                for entity in snapshot["entities"]:
                    columns = [c for c in entity if c != "id"]
                    self._db.execute(
                        f"UPDATE entities SET {', '.join(f'{_q(c)} = ?' for c in columns)} WHERE id = ?",
                        [entity[c] for c in columns] + [entity["id"]],
                    )
                for relation in snapshot["relations"]:
                    self._db.execute("UPDATE relations SET doc_id = ? WHERE id = ?", (relation["doc_id"], relation["id"]))
                for table in ("candidates", "doc_labels", "time_spent"):
                    for row in snapshot[table]:
                        self._insert_row(table, row)
            for doc_id in edit.created:
                self._db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            for (doc_id, annotator), seconds in extra_time.items():
                self._db.execute(
                    "INSERT INTO time_spent (doc_id, annotator, seconds) VALUES (?, ?, ?) "
                    "ON CONFLICT(doc_id, annotator) DO UPDATE SET seconds = seconds + excluded.seconds",
                    (doc_id, annotator, seconds),
                )
            home = next(iter(edit.before))
            self._db.log(
                f"document.un{edit.action}" if edit.action != "move" else "document.unmove_text",
                home,
                f"document:{home}",
                {doc_id: info["content_hash"] for doc_id, info in edit.after.items()},
                {doc_id: s["documents"][0]["content_hash"] for doc_id, s in edit.before.items()},
            )

    def redo(self, edit: SegmentationEdit) -> SegmentationEdit:
        """Do ``edit`` again (after ``undo``); a split makes the same new document id."""
        operation = {"merge": self.merge, "split": self.split, "move": self.move_text}[edit.action]
        return operation(**edit.params)

    # --- the machinery ---------------------------------------------------------------

    def _begin(self, action: str, params: dict[str, Any], doc_ids: list[str]) -> SegmentationEdit:
        # Packages and annotators' versions hold offsets into these texts: changing
        # them would misplace everything annotated elsewhere.
        for doc_id, why in self._project.assignments.in_team_work(doc_ids).items():
            raise InputError(
                f"document {doc_id} {why}; its text cannot be split, merged or moved (unassign it first)"
            )
        return SegmentationEdit(action, params, {doc_id: self._snapshot(doc_id) for doc_id in doc_ids})

    def _snapshot(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        snapshot = {"documents": self._db.rows("SELECT * FROM documents WHERE id = ?", (doc_id,))}
        for table in _TABLES:
            order = "name" if table == "doc_labels" else "annotator" if table == "time_spent" else "id"
            snapshot[table] = self._db.rows(f"SELECT * FROM {table} WHERE doc_id = ? ORDER BY {order}", (doc_id,))
        return snapshot

    def _finish(self, edit: SegmentationEdit, action: str, doc_id: str, target: str) -> None:
        new_id = edit.params.get("new_id")
        for after_id in [*edit.before, *([new_id] if new_id else [])]:
            hash_now = self._db.scalar("SELECT content_hash FROM documents WHERE id = ?", (after_id,))
            if hash_now is None:
                continue
            edit.after[after_id] = {
                "content_hash": hash_now,
                "entities": self._ids("entities", after_id),
                "relations": self._ids("relations", after_id),
                "time_spent": {
                    r["annotator"]: r["seconds"]
                    for r in self._db.rows("SELECT annotator, seconds FROM time_spent WHERE doc_id = ?", (after_id,))
                },
            }
        self._db.log(
            action,
            doc_id,
            target,
            {d: _summary(s["documents"][0]) for d, s in edit.before.items()},
            {d: {"content_hash": i["content_hash"], "entities": len(i["entities"])} for d, i in edit.after.items()},
        )

    def _ids(self, table: str, doc_id: str) -> list[int]:
        return [r["id"] for r in self._db.rows(f"SELECT id FROM {table} WHERE doc_id = ? ORDER BY id", (doc_id,))]

    def _refuse_cut(self, plan: Plan, doc_ids: list[str], what: str) -> None:
        """Refuse an edit that would cut an entity, or leave a relation's ends in two documents."""
        marks = ",".join("?" * len(doc_ids))
        landing: dict[int, str] = {}
        for row in self._db.rows(f"SELECT * FROM entities WHERE doc_id IN ({marks}) ORDER BY start", doc_ids):
            where = plan.locate(row["doc_id"], row["start"], row["end"])
            if where is None:
                raise InputError(
                    f"{what}: entity {row['id']} '{row['text']}' ({row['label']}, {row['start']}-{row['end']}) "
                    "would be cut in two; delete or shrink it first"
                )
            landing[row["id"]] = where[0]
        for row in self._db.rows(
            f"SELECT r.id, r.label, h.text AS head, t.text AS tail, r.head_id, r.tail_id FROM relations r "
            f"JOIN entities h ON h.id = r.head_id JOIN entities t ON t.id = r.tail_id WHERE r.doc_id IN ({marks})",
            doc_ids,
        ):
            if landing[row["head_id"]] != landing[row["tail_id"]]:
                raise InputError(
                    f"{what}: relation {row['id']} ({row['label']}) links '{row['head']}' and '{row['tail']}', "
                    "which would end up in different documents; delete the relation first"
                )

    def _write_plan(
        self,
        plan: Plan,
        *,
        metas: dict[str, dict[str, Any]],
        provenance_of: dict[str, list[Document]],
    ) -> None:
        """Write every output document's text, provenance and flags; move annotations with their text."""
        now = utc_now()
        for doc_id, out in plan.outputs.items():
            meta = _without(metas.get(doc_id, {}), "flags")
            if out.flags:
                meta["flags"] = out.flags
            base = provenance_base(provenance_of.get(doc_id, []))
            provenance = (
                Provenance(base.file, base.sha256, base.encoding, out.pieces) if base is not None else None
            )
            self._db.execute(
                "UPDATE documents SET text = ?, raw_text = ?, content_hash = ?, meta = ?, provenance = ?, "
                "updated_at = ? WHERE id = ?",
                (
                    out.text,
                    out.raw_text if out.raw_text != out.text else None,
                    content_hash(out.text),
                    dumps(meta),
                    dumps(provenance.to_dict()) if provenance else None,
                    now,
                    doc_id,
                ),
            )
        sources = list(plan.documents)
        marks = ",".join("?" * len(sources))
        for row in self._db.rows(f"SELECT id, doc_id, start, \"end\" FROM entities WHERE doc_id IN ({marks})", sources):
            new_doc, new_start = plan.locate(row["doc_id"], row["start"], row["end"])  # type: ignore[misc]
            self._db.execute(
                "UPDATE entities SET doc_id = ?, start = ?, \"end\" = ? WHERE id = ?",
                (new_doc, new_start, new_start + row["end"] - row["start"], row["id"]),
            )
        for row in self._db.rows(
            f"SELECT r.id, h.doc_id FROM relations r JOIN entities h ON h.id = r.head_id WHERE r.doc_id IN ({marks})",
            sources,
        ):
            self._db.execute("UPDATE relations SET doc_id = ? WHERE id = ?", (row["doc_id"], row["id"]))
        # Candidates are re-inserted rather than updated: shifting them one by one
        # could collide with (doc, start, end, label) of one not shifted yet.
        candidates = self._db.rows(f"SELECT * FROM candidates WHERE doc_id IN ({marks})", sources)
        self._db.execute(f"DELETE FROM candidates WHERE doc_id IN ({marks})", sources)
        for row in candidates:
            where = plan.locate(row["doc_id"], row["start"], row["end"])
            if where is None:
                continue  # a suggestion the edit cut in two; undo brings it back
            moved = dict(row)
            moved["doc_id"], moved["start"] = where
            moved["end"] = where[1] + row["end"] - row["start"]
            self._insert_row("candidates", moved)

    def _merge_document_rows(self, *, into: str, source: str) -> None:
        """Document labels the kept document lacks, and time spent, follow a merged document."""
        self._db.execute(
            "UPDATE doc_labels SET doc_id = ? WHERE doc_id = ? "
            "AND name NOT IN (SELECT name FROM doc_labels WHERE doc_id = ?)",
            (into, source, into),
        )
        self._db.execute("DELETE FROM doc_labels WHERE doc_id = ?", (source,))
        self._db.execute(
            # "AND true" lets SQLite tell the upsert clause from a join constraint
            "INSERT INTO time_spent (doc_id, annotator, seconds) SELECT ?, annotator, seconds FROM time_spent "
            "WHERE doc_id = ? AND true "
            "ON CONFLICT(doc_id, annotator) DO UPDATE SET seconds = seconds + excluded.seconds",
            (into, source),
        )
        self._db.execute("DELETE FROM time_spent WHERE doc_id = ?", (source,))

    def _insert_document_row(self, source_id: str, new_id: str, title: str) -> None:
        """A copy of the source document's row (kind, status, source), placed right after it in reading order."""
        row = self._db.row("SELECT * FROM documents WHERE id = ?", (source_id,))
        assert row is not None
        following = self._db.scalar(
            "SELECT MIN(position) FROM documents WHERE position > ?", (row["position"],)
        )
        position = (row["position"] + following) / 2 if following is not None else row["position"] + 1
        now = utc_now()
        new_row = dict(row)
        new_row.update(
            id=new_id, title=title, position=position, meta="{}", provenance=None, created_at=now, updated_at=now
        )
        self._insert_row("documents", new_row)

    def _split_id(self, doc: Document, tail_start: int) -> str:
        """The new document's id: like an imported one (file hash and source offset) when the text has provenance."""
        base = f"{doc.id}-{tail_start}"
        provenance = doc.provenance
        if provenance is not None and provenance.sha256:
            for piece in provenance.pieces:
                if piece.end > tail_start:
                    source_offset = piece.src_start + max(0, tail_start - piece.start)
                    base = f"{provenance.sha256[:10]}-{source_offset:05d}"
                    break
        candidate, n = base, 2
        while self._project.documents.exists(candidate):
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def _check_unchanged_since(self, edit: SegmentationEdit) -> None:
        for doc_id, info in edit.after.items():
            row = self._db.row("SELECT content_hash FROM documents WHERE id = ?", (doc_id,))
            what = f"cannot undo the {edit.action} of document {doc_id}"
            if row is None:
                raise InputError(f"{what}: the document no longer exists")
            if row["content_hash"] != info["content_hash"]:
                raise InputError(f"{what}: its text changed since; undo the later edits first")
            for table in ("entities", "relations"):
                if self._ids(table, doc_id) != info[table]:
                    raise InputError(f"{what}: its {table} changed since; undo the later edits first")
        for doc_id in edit.removed:
            if self._project.documents.exists(doc_id):
                raise InputError(f"cannot undo the {edit.action}: a document with id '{doc_id}' exists again")

    def _time_since(self, edit: SegmentationEdit) -> dict[tuple[str, str], float]:
        """Time annotators spent on the edited documents after the edit; it is kept, credited to the old documents."""
        home = next(iter(edit.before))
        extra: dict[tuple[str, str], float] = {}
        for doc_id, info in edit.after.items():
            for row in self._db.rows("SELECT annotator, seconds FROM time_spent WHERE doc_id = ?", (doc_id,)):
                gained = row["seconds"] - info["time_spent"].get(row["annotator"], 0.0)
                if gained > 0:
                    key = (doc_id if doc_id in edit.before else home, row["annotator"])
                    extra[key] = extra.get(key, 0.0) + gained
        return extra

    def _insert_row(self, table: str, row: dict[str, Any]) -> None:
        columns = list(row)
        self._db.execute(
            f"INSERT INTO {table} ({', '.join(_q(c) for c in columns)}) VALUES ({', '.join('?' * len(columns))})",
            [row[c] for c in columns],
        )

    def _delete_where(self, table: str, doc_ids: list[str]) -> None:
        self._db.execute(f"DELETE FROM {table} WHERE doc_id IN ({','.join('?' * len(doc_ids))})", doc_ids)


def _q(column: str) -> str:
    return f'"{column}"'


def _without(meta: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in meta.items() if k != key}


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    return {"title": row["title"], "length": len(row["text"]), "content_hash": row["content_hash"]}


def _default_title(text: str) -> str:
    first = text.strip().split(PARAGRAPH_BREAK, 1)[0]
    return first if len(first) <= _DEFAULT_TITLE_CHARS else first[:_DEFAULT_TITLE_CHARS] + "…"
