"""Each annotator's own version of a document, merged from their package.

A version is a ``DocumentLayer`` owned by an annotator: their entities,
relations, document labels and status, each entity and relation with who made
it and when. Versions are never edited in this project: a merge replaces an
annotator's version of a document with the newer one from their package (and
the event log keeps what it replaced). The project layer, which the window
edits, is separate (``store.layers``); adjudication fills it from the versions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from annotator.model import (
    DocumentLayer,
    LayerEntity,
    LayerLabel,
    LayerRelation,
    Status,
)
from annotator.store.connection import utc_now
from annotator.store.database import Aggregate, chunked, placeholders
from annotator.store.layers import layer_summary


@dataclass(frozen=True)
class VersionInfo:
    """A version's bookkeeping: its fingerprint, when the annotator last changed it, when and whence it was merged."""

    doc_id: str
    annotator: str
    status: Status
    fingerprint: str
    changed_at: str
    merged_at: str
    merged_from: str


class Versions(Aggregate):
    # --- reading ------------------------------------------------------------------------

    def annotators(self) -> list[str]:
        return [name for (name,) in self._db.execute("SELECT DISTINCT annotator FROM versions ORDER BY annotator")]

    def info(self, doc_ids: Sequence[str] | None = None) -> dict[str, dict[str, VersionInfo]]:
        """{document: {annotator: VersionInfo}} for ``doc_ids`` (or every document with a version)."""
        sql = "SELECT doc_id, annotator, status, fingerprint, changed_at, merged_at, merged_from FROM versions"
        found: dict[str, dict[str, VersionInfo]] = {}
        batches = [None] if doc_ids is None else chunked(list(dict.fromkeys(doc_ids)))
        for chunk in batches:
            where = "" if chunk is None else f" WHERE doc_id IN ({placeholders(len(chunk))})"
            for doc_id, annotator, status, fingerprint, changed_at, merged_at, merged_from in self._db.execute(
                sql + where + " ORDER BY doc_id, annotator", chunk or ()
            ):
                found.setdefault(doc_id, {})[annotator] = VersionInfo(
                    doc_id, annotator, Status(status), fingerprint, changed_at, merged_at, merged_from
                )
        return found

    def documents(self, *, at_least: int = 1) -> list[str]:
        """Documents with versions by at least ``at_least`` annotators, in reading order."""
        return [
            doc_id
            for (doc_id,) in self._db.execute(
                "SELECT v.doc_id FROM versions v JOIN documents d ON d.id = v.doc_id GROUP BY v.doc_id "
                "HAVING COUNT(*) >= ? ORDER BY MIN(d.position)",
                (at_least,),
            )
        ]

    def layers(self, doc_ids: Sequence[str]) -> dict[str, dict[str, DocumentLayer]]:
        """Every version of each of ``doc_ids``: {document: {annotator: layer}}, a few hundred documents a query."""
        found: dict[str, dict[str, DocumentLayer]] = {}
        execute = self._db.conn.execute
        for chunk in chunked(list(dict.fromkeys(doc_ids))):
            marks = placeholders(len(chunk))
            for doc_id, annotator, status, reason in execute(
                f"SELECT doc_id, annotator, status, status_reason FROM versions WHERE doc_id IN ({marks})", chunk
            ):
                found.setdefault(doc_id, {})[annotator] = DocumentLayer(
                    doc_id, annotator, status=Status(status), status_reason=reason
                )
            for doc_id, annotator, *values in execute(
                f"SELECT doc_id, annotator, key, start, \"end\", label, text, made_by, origin, created_at, updated_at "
                f"FROM version_entities WHERE doc_id IN ({marks}) ORDER BY doc_id, annotator, key",
                chunk,
            ):
                found[doc_id][annotator].entities.append(LayerEntity(*values))
            for doc_id, annotator, *values in execute(
                f"SELECT doc_id, annotator, key, label, head_key, tail_key, made_by, created_at "
                f"FROM version_relations WHERE doc_id IN ({marks}) ORDER BY doc_id, annotator, key",
                chunk,
            ):
                found[doc_id][annotator].relations.append(LayerRelation(*values))
            for doc_id, annotator, *values in execute(
                f"SELECT doc_id, annotator, name, value, made_by, updated_at FROM version_doc_labels "
                f"WHERE doc_id IN ({marks}) ORDER BY doc_id, annotator, name",
                chunk,
            ):
                found[doc_id][annotator].doc_labels.append(LayerLabel(*values))
        return found

    def problems(self, doc_text: Callable[[str], str]) -> list[str]:
        """Versions' entities that no longer fit their document's text, in plain words (for ``check``)."""
        return [
            f"document {doc_id}, {annotator}'s version, entity {key} ({text!r}): does not match the text at "
            f"{start}-{end}"
            for doc_id, annotator, key, start, end, text in self._db.execute(
                "SELECT doc_id, annotator, key, start, \"end\", text FROM version_entities ORDER BY doc_id, annotator, key"
            )
            if doc_text(doc_id)[start:end] != text
        ]

    def of_document(self, doc_id: str) -> dict[str, DocumentLayer]:
        return self.layers([doc_id]).get(doc_id, {})

    # --- writing --------------------------------------------------------------------------

    def put(self, layer: DocumentLayer, *, changed_at: str, merged_from: str) -> bool:
        """Store ``layer`` as its owner's version of the document, replacing the one before.

        Returns False, writing nothing, when the stored version already says the same.
        """
        return bool(self.put_many([(layer, changed_at)], merged_from=merged_from))

    def put_many(
        self,
        layers: Sequence[tuple[DocumentLayer, str]],
        *,
        merged_from: str,
        fingerprints: dict[str, str] | None = None,
    ) -> int:
        """``put`` for many (layer, changed_at) at once, a few statements per batch; returns how many were
        stored (those that said something new). One event per version stored; a version it replaces goes
        into that event whole, so nothing merged is ever lost. ``fingerprints`` ({document: fingerprint}),
        when the caller has computed them already, saves computing them again."""
        db = self._db
        if not layers:
            return 0
        for layer, _changed_at in layers:
            if not layer.owner:
                raise ValueError("a version belongs to an annotator; the layer has no owner")
        with db.transaction():
            doc_ids = [layer.doc_id for layer, _c in layers]
            stored = self.info(doc_ids)
            fresh = []
            for layer, changed_at in layers:
                fingerprint = (fingerprints or {}).get(layer.doc_id) or layer.fingerprint()
                previous = stored.get(layer.doc_id, {}).get(layer.owner)
                if previous is None or previous.fingerprint != fingerprint:
                    fresh.append((layer, changed_at, fingerprint, previous))
            replaced_docs = [layer.doc_id for layer, _c, _f, previous in fresh if previous is not None]
            old = self.layers(replaced_docs) if replaced_docs else {}
            db.executemany(
                "DELETE FROM versions WHERE doc_id = ? AND annotator = ?",
                [(layer.doc_id, layer.owner) for layer, _c, _f, previous in fresh if previous is not None],
            )
            now = utc_now()
            db.executemany(
                "INSERT INTO versions (doc_id, annotator, status, status_reason, fingerprint, changed_at, merged_at, "
                "merged_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(layer.doc_id, layer.owner, Status(layer.status).value, layer.status_reason, fingerprint, changed_at,
                  now, merged_from) for layer, changed_at, fingerprint, _p in fresh],
            )
            db.executemany(
                "INSERT INTO version_entities (doc_id, annotator, key, start, \"end\", label, text, made_by, origin, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(layer.doc_id, layer.owner, e.key, e.start, e.end, e.label, e.text, e.made_by, e.origin, e.created_at,
                  e.updated_at) for layer, _c, _f, _p in fresh for e in layer.entities],
            )
            db.executemany(
                "INSERT INTO version_relations (doc_id, annotator, key, label, head_key, tail_key, made_by, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(layer.doc_id, layer.owner, r.key, r.label, r.head_key, r.tail_key, r.made_by, r.created_at)
                 for layer, _c, _f, _p in fresh for r in layer.relations],
            )
            db.executemany(
                "INSERT INTO version_doc_labels (doc_id, annotator, name, value, made_by, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(layer.doc_id, layer.owner, d.name, d.value, d.made_by, d.updated_at)
                 for layer, _c, _f, _p in fresh for d in layer.doc_labels],
            )
            db.log_many(
                (
                    "version.merge",
                    layer.doc_id,
                    f"version:{layer.owner}",
                    None if previous is None else {
                        "fingerprint": previous.fingerprint, "changed_at": previous.changed_at,
                        "merged_from": previous.merged_from,
                        "layer": layer_summary(old[layer.doc_id][layer.owner]),
                    },
                    {
                        "fingerprint": fingerprint, "changed_at": changed_at, "merged_from": merged_from,
                        "status": Status(layer.status).value, "entities": len(layer.entities),
                        "relations": len(layer.relations),
                    },
                )
                for layer, changed_at, fingerprint, previous in fresh
            )
        return len(fresh)
