"""The versioned database schema.

Migrations are applied in order, each in its own transaction, and recorded by
sqlite-utils in ``_sqlite_migrations``. Never edit a released migration; add
a new one at the end. ``PRAGMA user_version`` mirrors the number applied so
other tools can see the version at a glance.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from annotator.errors import DatabaseError

MIGRATION_SET = "annotator"

migrations = Migrations(MIGRATION_SET)
_names: list[str] = []


def migration(name: str):
    _names.append(name)
    return migrations(name=name)


@migration("0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    # AUTOINCREMENT on annotation tables: an id is never reused after a
    # delete, so "entity:5" in the event log always names the same entity.
    db.executescript(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );

        CREATE TABLE label_schema (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            body TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );

        CREATE TABLE annotators (
            name TEXT PRIMARY KEY,
            created_at TEXT NOT NULL
        );

        CREATE TABLE sources (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            format TEXT NOT NULL,
            encoding TEXT,
            size INTEGER NOT NULL,
            documents INTEGER NOT NULL,
            notes TEXT NOT NULL DEFAULT '[]',
            imported_at TEXT NOT NULL,
            annotator TEXT NOT NULL DEFAULT ''
        );

        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            position REAL NOT NULL,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            raw_text TEXT,
            kind TEXT NOT NULL DEFAULT 'news',
            status TEXT NOT NULL DEFAULT 'todo'
                CHECK (status IN ('todo', 'in_progress', 'done', 'skipped')),
            status_reason TEXT NOT NULL DEFAULT '',
            meta TEXT NOT NULL DEFAULT '{}',
            provenance TEXT,
            content_hash TEXT NOT NULL,
            source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX documents_position ON documents(position);
        CREATE INDEX documents_status ON documents(status, position);
        CREATE INDEX documents_content_hash ON documents(content_hash);
        CREATE INDEX documents_source ON documents(source_id);

        CREATE TABLE entities (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            text TEXT NOT NULL,
            annotator TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL DEFAULT 'manual',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK ("end" > start),
            CHECK (length(text) = "end" - start)
        );
        CREATE INDEX entities_doc ON entities(doc_id, start);
        CREATE INDEX entities_label ON entities(label);
        CREATE INDEX entities_annotator ON entities(annotator);

        CREATE TABLE relations (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            head_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            tail_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            CHECK (head_id != tail_id),
            UNIQUE (head_id, tail_id, label)
        );
        CREATE INDEX relations_doc ON relations(doc_id);
        CREATE INDEX relations_tail ON relations(tail_id);

        CREATE TABLE candidates (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            text TEXT NOT NULL,
            source TEXT NOT NULL,
            score REAL NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'accepted', 'rejected')),
            entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
            decided_by TEXT,
            decided_at TEXT,
            CHECK ("end" > start),
            UNIQUE (doc_id, start, "end", label)
        );
        CREATE INDEX candidates_doc ON candidates(doc_id, state, start);
        CREATE INDEX candidates_rejected ON candidates(state, text) WHERE state = 'rejected';

        CREATE TABLE doc_labels (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            annotator TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, name)
        );

        CREATE TABLE time_spent (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            seconds REAL NOT NULL DEFAULT 0 CHECK (seconds >= 0),
            PRIMARY KEY (doc_id, annotator)
        );

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            annotator TEXT NOT NULL,
            action TEXT NOT NULL,
            doc_id TEXT,
            target TEXT,
            before TEXT,
            after TEXT
        );
        CREATE INDEX events_doc ON events(doc_id, id);
        CREATE INDEX events_annotator ON events(annotator, at);

        CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
        BEGIN
            SELECT RAISE(ABORT, 'the event log is append-only');
        END;
        CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
        BEGIN
            SELECT RAISE(ABORT, 'the event log is append-only');
        END;
        """
    )


@migration("0002_search_index")
def _search_index(db: sqlite_utils.Database) -> None:
    # Full-text search: a bigram index kept in step by triggers, filled here
    # with the documents the project already has (see annotator/project/search.py).
    from annotator.project import search

    search.install(db.conn)


@migration("0003_document_list_indexes")
def _document_list_indexes(db: sqlite_utils.Database) -> None:
    # Covering indexes for the document list's label and annotator filters:
    # they answer "which documents" without reading the annotation rows.
    for statement in (
        "CREATE INDEX entities_label_doc ON entities(label, doc_id)",
        "CREATE INDEX entities_annotator_doc ON entities(annotator, doc_id)",
        "CREATE INDEX relations_annotator_doc ON relations(annotator, doc_id)",
        "CREATE INDEX doc_labels_annotator_doc ON doc_labels(annotator, doc_id)",
    ):
        db.conn.execute(statement)


@migration("0004_events_by_action")
def _events_by_action(db: sqlite_utils.Database) -> None:
    # The dashboard counts work per day per annotator for a few actions; this
    # covering index lets it read just those events, and just the days shown.
    db.conn.execute("CREATE INDEX events_action ON events(action, at, annotator)")


@migration("0005_candidates_due")
def _candidates_due(db: sqlite_utils.Database) -> None:
    # Documents whose candidate spans are still to be computed. An import writes
    # them in the same transaction as the documents and removes them once the
    # candidates are stored, so an import that is killed, or that meets a lock,
    # part-way is finished by the next one (or by the app), and `check` says so
    # until then.
    db.conn.execute(
        """CREATE TABLE candidates_due (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE ON UPDATE CASCADE
        ) WITHOUT ROWID"""
    )


def known_names() -> list[str]:
    return list(_names)


def apply(db: sqlite_utils.Database, path: str) -> int:
    """Bring ``db`` up to date; refuse databases that are not ours or are newer."""
    tables = set(db.table_names())
    applied = [m.name for m in migrations.applied(db)]
    ours = set(known_names())
    if tables and not applied and tables - {"_sqlite_migrations"}:
        raise DatabaseError(
            f"{path}: this SQLite database is not an Annotator project (it has tables "
            f"{', '.join(sorted(tables)[:5])}); choose a new file or an Annotator database"
        )
    unknown = [name for name in applied if name not in ours]
    if unknown:
        raise DatabaseError(
            f"{path}: the database was written by a newer version of Annotator "
            f"(it has migration {unknown[0]}); update Annotator to open it"
        )
    migrations.apply(db)
    version = len(known_names())
    db.execute(f"PRAGMA user_version = {version}")
    return version
