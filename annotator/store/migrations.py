"""The versioned database schema.

Migrations are applied in order, each in its own transaction, and recorded by
sqlite-utils in ``_sqlite_migrations``. Never edit a released migration; add
a new one at the end. ``PRAGMA user_version`` mirrors the number applied so
other tools can see the version at a glance.

Opening a project only reads which migrations it has (``inspect``, in plain
SQL); sqlite-utils is imported when there are migrations to apply, which is
rare, so opening a project does not pay for importing it (about 90 ms).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from annotator.errors import NewerProjectError, NotAProjectError
from annotator.store.connection import OpenDatabase
from annotator.store.sqlite_utils_loader import load_sqlite_utils

if TYPE_CHECKING:
    import sqlite_utils
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "annotator"
# the table sqlite-utils records applied migrations in
MIGRATIONS_TABLE = "_sqlite_migrations"

# Every migration, in order: its name and the function that applies it to a sqlite-utils Database.
registered: list[tuple[str, Callable[[sqlite_utils.Database], None]]] = []


def migration(name: str):
    def register(apply: Callable[[sqlite_utils.Database], None]) -> Callable[[sqlite_utils.Database], None]:
        registered.append((name, apply))
        return apply

    return register


def migration_set() -> Migrations:
    """The migrations as sqlite-utils applies and records them."""
    migrations = load_sqlite_utils().Migrations(MIGRATION_SET)
    for name, apply in registered:
        migrations(name=name)(apply)
    return migrations


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
    # Full-text search: a bigram index kept in step by triggers. These are the
    # statements the migration ran as released (it called annotator/search.py
    # at commit e8e480f), frozen here so later changes to the search code can
    # never change what this migration does. Released, it also cut the texts
    # of the documents already there into bigrams, which only live code can
    # do; here they are queued instead (search_queue, indexed = 0), and the
    # search index indexes them on its next sync, exactly as it does for
    # newly imported documents.
    for statement in (
        """CREATE TABLE search_docs (
            key INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL UNIQUE,
            position REAL NOT NULL
        )""",
        "CREATE INDEX search_docs_position ON search_docs(position, key)",
        """CREATE TABLE search_queue (
            key INTEGER PRIMARY KEY,
            indexed INTEGER NOT NULL,
            old_title TEXT,
            old_text TEXT
        )""",
        """CREATE VIRTUAL TABLE search_fts USING fts5(
            title, body, content='', columnsize=0, tokenize='ascii'
        )""",
        """CREATE TRIGGER search_document_insert AFTER INSERT ON documents
        BEGIN
            INSERT INTO search_docs (doc_id, position) VALUES (new.id, new.position);
            INSERT OR IGNORE INTO search_queue (key, indexed)
                SELECT key, 0 FROM search_docs WHERE doc_id = new.id;
        END""",
        """CREATE TRIGGER search_document_update AFTER UPDATE OF id, title, text, position ON documents
        BEGIN
            INSERT OR IGNORE INTO search_queue (key, indexed, old_title, old_text)
                SELECT key, 1, old.title, old.text FROM search_docs
                WHERE doc_id = old.id AND (old.title IS NOT new.title OR old.text IS NOT new.text);
            UPDATE search_docs SET doc_id = new.id, position = new.position
                WHERE doc_id = old.id AND (doc_id IS NOT new.id OR position IS NOT new.position);
        END""",
        """CREATE TRIGGER search_document_delete AFTER DELETE ON documents
        BEGIN
            INSERT OR IGNORE INTO search_queue (key, indexed, old_title, old_text)
                SELECT key, 1, old.title, old.text FROM search_docs WHERE doc_id = old.id;
            DELETE FROM search_docs WHERE doc_id = old.id;
        END""",
        "INSERT INTO search_fts (search_fts) VALUES ('delete-all')",
        "DELETE FROM search_queue",
        "DELETE FROM search_docs WHERE doc_id NOT IN (SELECT id FROM documents)",
        (
            "INSERT INTO search_docs (doc_id, position) SELECT id, position FROM documents "
            "WHERE id NOT IN (SELECT doc_id FROM search_docs) ORDER BY position"
        ),
        "INSERT OR IGNORE INTO search_queue (key, indexed) SELECT key, 0 FROM search_docs",
        (
            "INSERT INTO settings (key, value) VALUES ('search.tokenizer_version', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        ),
    ):
        db.conn.execute(statement)


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


@migration("0005_teams")
def _teams(db: sqlite_utils.Database) -> None:
    # Work split among several annotators, each in a package of their own,
    # merged back as one version per annotator and adjudicated into gold.
    for statement in (
        # Who works on which document; a document given to two or more people is double-annotated.
        """CREATE TABLE assignments (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            assigned_at TEXT NOT NULL,
            assigned_by TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator)
        )""",
        "CREATE INDEX assignments_annotator ON assignments(annotator, doc_id)",
        # In a package only: each document's annotations as they were packed, by
        # fingerprint, so merging can tell whether the project changed them since.
        """CREATE TABLE package_documents (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            base TEXT NOT NULL
        )""",
        # Each annotator's own version of a document, as merged from their package.
        """CREATE TABLE versions (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'skipped')),
            status_reason TEXT NOT NULL DEFAULT '',
            fingerprint TEXT NOT NULL,
            changed_at TEXT NOT NULL,
            merged_at TEXT NOT NULL,
            merged_from TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator)
        )""",
        "CREATE INDEX versions_annotator ON versions(annotator, doc_id)",
        # ``key`` is the entity's id in the package; relations refer to entities by it.
        """CREATE TABLE version_entities (
            doc_id TEXT NOT NULL,
            annotator TEXT NOT NULL,
            key INTEGER NOT NULL,
            start INTEGER NOT NULL CHECK (start >= 0),
            "end" INTEGER NOT NULL,
            label TEXT NOT NULL,
            text TEXT NOT NULL,
            made_by TEXT NOT NULL,
            origin TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator, key),
            FOREIGN KEY (doc_id, annotator) REFERENCES versions(doc_id, annotator) ON DELETE CASCADE,
            CHECK ("end" > start)
        )""",
        """CREATE TABLE version_relations (
            doc_id TEXT NOT NULL,
            annotator TEXT NOT NULL,
            key INTEGER NOT NULL,
            label TEXT NOT NULL,
            head_key INTEGER NOT NULL,
            tail_key INTEGER NOT NULL,
            made_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator, key),
            FOREIGN KEY (doc_id, annotator) REFERENCES versions(doc_id, annotator) ON DELETE CASCADE
        )""",
        """CREATE TABLE version_doc_labels (
            doc_id TEXT NOT NULL,
            annotator TEXT NOT NULL,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            made_by TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (doc_id, annotator, name),
            FOREIGN KEY (doc_id, annotator) REFERENCES versions(doc_id, annotator) ON DELETE CASCADE
        )""",
        # A document whose gold is settled: by an adjudicator, or by a merge that
        # took the only version there is. ``versions`` holds the fingerprints of the
        # versions the decision was made on; when one changes, it needs looking at again.
        """CREATE TABLE adjudications (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            adjudicator TEXT NOT NULL,
            method TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            versions TEXT NOT NULL
        )""",
        # Packages name the project they came from; merging refuses another project's.
        (
            "INSERT OR IGNORE INTO settings (key, value) "
            "VALUES ('project.id', lower(hex(randomblob(16))))"
        ),
    ):
        db.conn.execute(statement)


@migration("0006_models")
def _models(db: sqlite_utils.Database) -> None:
    # The learned suggester's models, versioned, with what they were trained on and how well
    # they did (annotator/store/models.py); the bytes of old versions are dropped, their
    # figures kept for the learning curve. And how unsure the current model is of each
    # unfinished document, for "most unsure first". One statement at a time, so the
    # migration stays inside the transaction it runs in.
    for statement in (
        """CREATE TABLE models (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            format_version INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            annotator TEXT NOT NULL DEFAULT '',
            documents INTEGER NOT NULL,
            entities INTEGER NOT NULL,
            labels TEXT NOT NULL,
            settings TEXT NOT NULL,
            metrics TEXT NOT NULL,
            learning_curve TEXT NOT NULL,
            trained_after_event INTEGER NOT NULL DEFAULT 0,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            data BLOB
        )""",
        """CREATE TABLE document_uncertainty (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
            uncertainty REAL NOT NULL,
            expected_wrong_sentences REAL NOT NULL,
            computed_at TEXT NOT NULL
        )""",
        "CREATE INDEX document_uncertainty_rank ON document_uncertainty(model_id, uncertainty DESC)",
    ):
        db.conn.execute(statement)


@migration("0007_candidates_due")
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
    return [name for name, _apply in registered]


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """The migrations recorded in the project, in the order they were applied (as sqlite-utils reads them)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MIGRATIONS_TABLE,)).fetchone():
        return [
            name
            for (name,) in conn.execute(
                f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", (MIGRATION_SET,)
            )
        ]
    return []


def inspect(db: OpenDatabase, path: str, *, new: bool = False) -> list[str]:
    """The migrations ``db`` still needs. Reads only: a database that is empty (unless
    ``new``), another program's or from a newer Annotator is refused before anything is written."""
    tables = [
        name for (name,) in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    ]
    if not tables:
        if new:
            return known_names()
        raise NotAProjectError(
            f"{path}: an empty SQLite database (it has no tables); it is not an Annotator project"
        )
    applied = applied_names(db.conn)
    if not applied:
        shown = sorted(t for t in tables if not t.startswith("sqlite_"))[:5]
        raise NotAProjectError(
            f"{path}: this SQLite database is not an Annotator project (it has tables "
            f"{', '.join(shown)}); choose a new file or an Annotator project"
        )
    known = known_names()
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise NewerProjectError(
            f"{path}: the project was written by a newer version of Annotator "
            f"(it has migration {unknown[0]}); update Annotator to open it"
        )
    user_version = db.conn.execute("PRAGMA user_version").fetchone()[0]
    if user_version > len(known):
        raise NewerProjectError(
            f"{path}: the project was written by a newer version of Annotator (schema version "
            f"{user_version}, this one knows {len(known)}); update Annotator to open it"
        )
    return [name for name in known if name not in applied]


def apply(db: OpenDatabase, path: str, *, new: bool = False) -> int:
    """Bring ``db`` up to date; refuse databases that are not ours or are newer (see ``inspect``)."""
    if inspect(db, path, new=new):
        migration_set().apply(db.sqlite_utils())
    version = len(known_names())
    # Only when it changes: writing the header on every open would change the file.
    if db.conn.execute("PRAGMA user_version").fetchone()[0] != version:
        db.conn.execute(f"PRAGMA user_version = {version}")
    return version
