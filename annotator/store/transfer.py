"""Moving documents between projects: filling an annotator's package, and merging one back.

A package is a project file of its own (see ``annotator.team.packages``).
``fill_package`` runs on the new, empty package and copies into it, from the
lead's project, the annotator's documents with everything attached to them.
``merge_package`` runs on the lead's project and takes an annotator's package
back: each document's annotations become that annotator's version
(``store.versions``); a document nobody else annotated also becomes the
project layer, as gold, unless the project changed it since it was packed.

Like a segmentation edit, both move a document's rows in every table as one
unit, so this part reads and writes those tables itself. Each runs in one
transaction and appends events in it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.errors import InputError
from annotator.model import DocumentLayer, Status
from annotator.store.connection import utc_now
from annotator.store.database import Aggregate, chunked, placeholders
from annotator.store.rows import loads

if TYPE_CHECKING:
    from annotator.store.store import Store

# Tables of project-wide data that a package carries whole when the project has them
# (the learned model). Copied by name, column by column, so a table added by a later
# migration travels as soon as it is listed here.
WHOLE_TABLES = ("models",)
# Documents handled per batch while merging.
BATCH = 500

Progress = Callable[[int, int], None]


@dataclass
class MergeOutcome:
    """What merging one package did to the project."""

    annotator: str
    documents: int = 0  # documents in the package
    versions_new: int = 0
    versions_updated: int = 0
    unchanged: int = 0
    added_documents: int = 0
    adopted: int = 0  # single-annotated documents whose gold is now this annotator's version
    needs_adjudication: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # the project has a newer version from this annotator
    conflicts: list[str] = field(default_factory=list)  # documents whose text differs: not merged

    @property
    def changed(self) -> int:
        return self.versions_new + self.versions_updated


def _check_spans(layer: DocumentLayer, text: str, where: str) -> None:
    for entity in layer.entities:
        if not 0 <= entity.start < entity.end <= len(text) or text[entity.start : entity.end] != entity.text:
            raise InputError(
                f"{where}: document {layer.doc_id}, entity {entity.text!r} at {entity.start}-{entity.end} does not "
                "match the document's text; the package is damaged; nothing was merged"
            )


def _columns(conn, schema: str, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA {schema}.table_info({table})")]


class Transfers(Aggregate):
    # --- packing ------------------------------------------------------------------------

    def fill_package(
        self,
        source: Store,
        doc_ids: Sequence[str],
        annotator: str,
        *,
        settings: dict[str, str],
        progress: Progress | None = None,
    ) -> dict[str, int]:
        """Copy ``doc_ids`` from ``source`` into this (new, empty) project, for ``annotator``.

        Each document comes with the annotator's own version if ``source`` has
        one, else with the project layer; with its candidates, sources and the
        annotator's time; and with the fingerprint of ``source``'s project layer,
        which merging compares to tell whether the project changed it since.
        ``settings`` (project id, package description, guidelines) are written
        as they are. Returns counts of what was copied.
        """
        db = self._db
        if db.scalar("SELECT COUNT(*) FROM documents"):
            raise ValueError("a package is filled once, into a new project")
        src = source.db.conn
        counts = {"documents": 0, "entities": 0, "relations": 0, "candidates": 0}
        with db.transaction():
            for key, value in settings.items():
                db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
            doc_columns = _columns(src, "main", "documents")
            source_columns = _columns(src, "main", "sources")
            copied_sources: set[int] = set()
            total = len(doc_ids)
            for done, chunk in enumerate(chunked(list(doc_ids), BATCH)):
                marks = placeholders(len(chunk))
                project_layers = source.layers.of_documents(chunk)
                versions = source.versions.layers(chunk)
                rows = {
                    row[0]: row
                    for row in src.execute(f"SELECT {', '.join(doc_columns)} FROM documents WHERE id IN ({marks})", chunk)
                }
                source_ids = {row[doc_columns.index("source_id")] for row in rows.values()} - copied_sources - {None}
                if source_ids:
                    ids = sorted(source_ids)
                    for row in src.execute(
                        f"SELECT {', '.join(source_columns)} FROM sources WHERE id IN ({placeholders(len(ids))})", ids
                    ):
                        db.execute(
                            f"INSERT INTO sources ({', '.join(source_columns)}) VALUES ({placeholders(len(row))})", row
                        )
                    copied_sources |= source_ids
                for doc_id in chunk:
                    project_layer = project_layers[doc_id]
                    layer = versions.get(doc_id, {}).get(annotator, project_layer)
                    row = dict(zip(doc_columns, rows[doc_id]))
                    row["status"], row["status_reason"] = Status(layer.status).value, layer.status_reason
                    db.execute(
                        f"INSERT INTO documents ({', '.join(row)}) VALUES ({placeholders(len(row))})", list(row.values())
                    )
                    ids = self._insert_layer(doc_id, layer)
                    counts["documents"] += 1
                    counts["entities"] += len(layer.entities)
                    counts["relations"] += len(layer.relations)
                    # an accepted candidate keeps its entity when that entity came along
                    from_project = layer is project_layer
                    for values in src.execute(
                        "SELECT start, \"end\", label, text, source, score, state, entity_id, decided_by, decided_at "
                        "FROM candidates WHERE doc_id = ?",
                        (doc_id,),
                    ):
                        *head, state, entity_id, decided_by, decided_at = values
                        if state == "accepted":
                            if not from_project or entity_id not in ids:
                                continue
                            entity_id = ids[entity_id]
                        else:
                            entity_id = None
                        db.execute(
                            "INSERT INTO candidates (doc_id, start, \"end\", label, text, source, score, state, entity_id, "
                            "decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (doc_id, *head, state, entity_id, decided_by, decided_at),
                        )
                        counts["candidates"] += 1
                    seconds = src.execute(
                        "SELECT seconds FROM time_spent WHERE doc_id = ? AND annotator = ?", (doc_id, annotator)
                    ).fetchone()
                    if seconds:
                        db.execute(
                            "INSERT INTO time_spent (doc_id, annotator, seconds) VALUES (?, ?, ?)",
                            (doc_id, annotator, seconds[0]),
                        )
                    db.execute(
                        "INSERT INTO package_documents (doc_id, base) VALUES (?, ?)",
                        (doc_id, project_layer.fingerprint()),
                    )
                    db.execute(
                        "INSERT INTO assignments (doc_id, annotator, assigned_at, assigned_by) VALUES (?, ?, ?, ?)",
                        (doc_id, annotator, utc_now(), db.annotator),
                    )
                if progress:
                    progress(min(total, (done + 1) * BATCH), total)
            counts["tables"] = self._copy_whole_tables(src)
            db.log(
                "package.create",
                None,
                f"annotator:{annotator}",
                None,
                {**counts, "annotator": annotator, "documents_ids": list(doc_ids), "settings": sorted(settings)},
            )
        return counts

    def _insert_layer(self, doc_id: str, layer: DocumentLayer) -> dict[int, int]:
        """Write ``layer`` as the project layer of a document that has none yet; returns {key: new id}."""
        db = self._db
        ids: dict[int, int] = {}
        for e in layer.entities:
            ids[e.key] = db.execute(
                "INSERT INTO entities (doc_id, start, \"end\", label, text, annotator, origin, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_id, e.start, e.end, e.label, e.text, e.made_by, e.origin, e.created_at, e.updated_at),
            ).lastrowid
        db.executemany(
            "INSERT INTO relations (doc_id, label, head_id, tail_id, annotator, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [(doc_id, r.label, ids[r.head_key], ids[r.tail_key], r.made_by, r.created_at)
             for r in layer.relations if r.head_key in ids and r.tail_key in ids],
        )
        db.executemany(
            "INSERT INTO doc_labels (doc_id, name, value, annotator, updated_at) VALUES (?, ?, ?, ?, ?)",
            [(doc_id, d.name, d.value, d.made_by, d.updated_at) for d in layer.doc_labels],
        )
        return ids

    def _copy_whole_tables(self, src) -> int:
        copied = 0
        for table in WHOLE_TABLES:
            theirs = _columns(src, "main", table)
            ours = set(_columns(self._db.conn, "main", table))
            columns = [c for c in theirs if c in ours]
            if not columns:
                continue
            names = ", ".join(f'"{c}"' for c in columns)
            self._db.executemany(
                f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({placeholders(len(columns))})",
                src.execute(f"SELECT {names} FROM {table}"),
            )
            copied += 1
        return copied

    # --- merging ------------------------------------------------------------------------

    def merge_package(
        self, package: Store, annotator: str, *, merged_from: str, progress: Progress | None = None
    ) -> MergeOutcome:
        """Take ``annotator``'s work from ``package`` into this project (see the module's docstring).

        The caller has checked that the package belongs to this project and
        that its labels fit this project's schema. Merging the same package
        twice changes nothing the second time.
        """
        db = self._db
        outcome = MergeOutcome(annotator)
        pkg = package.db.conn
        doc_columns = [c for c in _columns(pkg, "main", "documents") if c in set(_columns(db.conn, "main", "documents"))]
        package_ids = [doc_id for (doc_id,) in pkg.execute("SELECT id FROM documents ORDER BY position")]
        outcome.documents = len(package_ids)
        bases = dict(pkg.execute("SELECT doc_id, base FROM package_documents"))
        project = self._project
        with db.transaction():
            project.settings.add_annotator(annotator)
            known_people = set(project.settings.annotators())
            for done, chunk in enumerate(chunked(package_ids, BATCH)):
                marks = placeholders(len(chunk))
                theirs = {
                    row[0]: dict(zip(doc_columns, row))
                    for row in pkg.execute(f"SELECT {', '.join(doc_columns)} FROM documents WHERE id IN ({marks})", chunk)
                }
                ours = dict(db.execute(f"SELECT id, content_hash FROM documents WHERE id IN ({marks})", chunk))
                added: set[str] = set()
                for doc_id in chunk:
                    if doc_id not in ours:
                        if self._add_document(theirs[doc_id], merged_from, outcome):
                            added.add(doc_id)
                    elif ours[doc_id] != theirs[doc_id]["content_hash"]:
                        outcome.conflicts.append(doc_id)
                merged = [doc_id for doc_id in chunk if doc_id in added or (
                    doc_id in ours and ours[doc_id] == theirs[doc_id]["content_hash"])]
                if not merged:
                    continue
                layers = package.layers.of_documents(merged)
                texts = package.documents.texts(merged)
                stored = project.versions.info(merged)
                assigned = project.assignments.of_documents(merged)
                decisions = project.adjudications.of_documents(merged)
                gold = project.layers.of_documents(merged)
                puts: list[tuple[DocumentLayer, str]] = []
                adopt: list[DocumentLayer] = []
                fingerprints: dict[str, str] = {}
                for doc_id in merged:
                    layer = layers[doc_id]
                    layer.owner = annotator
                    _check_spans(layer, texts[doc_id], merged_from)
                    changed_at = theirs[doc_id]["updated_at"]
                    previous = stored.get(doc_id, {}).get(annotator)
                    fingerprint = fingerprints[doc_id] = layer.fingerprint()
                    if previous is not None and previous.fingerprint == fingerprint:
                        outcome.unchanged += 1
                        continue
                    if previous is not None and previous.changed_at > changed_at:
                        outcome.stale.append(doc_id)
                        continue
                    for person in {e.made_by for e in layer.entities} - known_people - {""}:
                        project.settings.add_annotator(person)
                        known_people.add(person)
                    puts.append((layer, changed_at))
                    if previous is None:
                        outcome.versions_new += 1
                    else:
                        outcome.versions_updated += 1
                    others = set(stored.get(doc_id, {})) - {annotator}
                    alone = not others and set(assigned[doc_id]) <= {annotator}
                    decision = decisions.get(doc_id)
                    if alone and decision is None:
                        untouched = doc_id in added or gold[doc_id].fingerprint() == bases.get(doc_id)
                    elif alone and decision.method == "single" and previous is not None:
                        untouched = (
                            decision.versions == {annotator: previous.fingerprint}
                            and gold[doc_id].fingerprint() == previous.fingerprint
                        )
                    else:
                        untouched = False
                    if untouched:
                        adopt.append(layer)
                    else:
                        outcome.needs_adjudication.append(doc_id)
                project.versions.put_many(puts, merged_from=merged_from, fingerprints=fingerprints)
                project.layers.replace_many(
                    [DocumentLayer(layer.doc_id, "", layer.entities, layer.relations, layer.doc_labels, layer.status,
                                   layer.status_reason) for layer in adopt],
                    source=f"version:{annotator}",
                    current=gold,
                )
                project.adjudications.settle_many(
                    {layer.doc_id: ("single", {annotator: fingerprints[layer.doc_id]}) for layer in adopt}
                )
                outcome.adopted += len(adopt)
                if added:
                    project.assignments.assign({doc_id: [annotator] for doc_id in sorted(added)})
                self._merge_time(pkg, merged, annotator)
                if progress:
                    progress(min(len(package_ids), (done + 1) * BATCH), len(package_ids))
        return outcome

    def _add_document(self, row: dict, merged_from: str, outcome: MergeOutcome) -> bool:
        """A document the project does not have yet comes in with the package; refused if its text is
        already here under another id (the package split or merged documents)."""
        db = self._db
        duplicate = db.scalar("SELECT id FROM documents WHERE content_hash = ? LIMIT 1", (row["content_hash"],))
        meta = loads(row.get("meta")) or {}
        if duplicate is not None or "split_from" in meta:
            outcome.conflicts.append(row["id"])
            return False
        row = dict(row)
        row["source_id"] = None
        row["position"] = (db.scalar("SELECT COALESCE(MAX(position), 0) FROM documents") or 0) + 1
        row["status"], row["status_reason"] = Status.TODO.value, ""
        db.execute(f"INSERT INTO documents ({', '.join(row)}) VALUES ({placeholders(len(row))})", list(row.values()))
        db.log("document.import", row["id"], f"document:{row['id']}", None,
               {"title": row["title"], "content_hash": row["content_hash"], "package": merged_from})
        outcome.added_documents += 1
        return True

    def _merge_time(self, pkg, doc_ids: list[str], annotator: str) -> None:
        """The annotator's time on each document: the package's total, which only grows, wins."""
        marks = placeholders(len(doc_ids))
        theirs = dict(pkg.execute(
            f"SELECT doc_id, seconds FROM time_spent WHERE annotator = ? AND doc_id IN ({marks})", (annotator, *doc_ids)
        ))
        ours = dict(self._db.execute(
            f"SELECT doc_id, seconds FROM time_spent WHERE annotator = ? AND doc_id IN ({marks})", (annotator, *doc_ids)
        ))
        for doc_id, seconds in theirs.items():
            before = ours.get(doc_id)
            if before is not None and before >= seconds:
                continue
            self._db.execute(
                "INSERT INTO time_spent (doc_id, annotator, seconds) VALUES (?, ?, ?) "
                "ON CONFLICT(doc_id, annotator) DO UPDATE SET seconds = excluded.seconds",
                (doc_id, annotator, seconds),
            )
            self._db.log("time.merge", doc_id, f"time:{annotator}", before, {"seconds": seconds})
