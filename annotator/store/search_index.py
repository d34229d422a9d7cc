"""Writing the full-text search index: a derived cache of the documents' titles and texts.

The index tables (``search_docs``, ``search_queue``, ``search_fts``) were made
by migration ``0002_search_index``. Triggers on ``documents`` keep
``search_docs`` in step and queue every changed document, with the text the
index still holds; ``index_queued`` cuts the queued texts into bigrams
(``annotator.text.bigrams``) and brings the FTS table up to date. Querying
the index is ``annotator.project.search``'s job.

Index writes append no event: the index holds nothing that is not already in
``documents``, can be thrown away and rebuilt at any time (``reset``), and
the documents' own changes are logged where they are made. ``reset`` does
log one, since it also records the tokenizer version in ``settings``.
"""

from __future__ import annotations

from annotator.store.database import Aggregate, placeholders
from annotator.text.bigrams import TOKENIZER_SETTING, TOKENIZER_VERSION, index_tokens

FTS_TABLE = "search_fts"
DOCS_TABLE = "search_docs"
QUEUE_TABLE = "search_queue"


class SearchIndexWriter(Aggregate):
    def pending(self) -> int:
        """How many documents changed since the index was last brought up to date."""
        return self._db.scalar(f"SELECT COUNT(*) FROM {QUEUE_TABLE}")

    def tokenizer_is_current(self) -> bool:
        stored = self._db.scalar("SELECT value FROM settings WHERE key = ?", (TOKENIZER_SETTING,))
        return stored == str(TOKENIZER_VERSION)

    def index_queued(self, limit: int) -> int:
        """Bring up to ``limit`` queued documents up to date, in one transaction; returns how many."""
        db = self._db
        with db.transaction():
            rows = db.execute(
                f"SELECT q.key, q.indexed, q.old_title, q.old_text, d.title, d.text FROM {QUEUE_TABLE} q "
                f"LEFT JOIN {DOCS_TABLE} s ON s.key = q.key LEFT JOIN documents d ON d.id = s.doc_id "
                f"ORDER BY q.key LIMIT ?",
                (limit,),
            ).fetchall()
            deletions = [
                (key, index_tokens(old_title or ""), index_tokens(old_text or ""))
                for key, indexed, old_title, old_text, _, _ in rows
                if indexed
            ]
            additions = [
                (key, index_tokens(title or ""), index_tokens(text))
                for key, _, _, _, title, text in rows
                if text is not None
            ]
            db.executemany(
                f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, title, body) VALUES ('delete', ?, ?, ?)", deletions
            )
            db.executemany(f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (?, ?, ?)", additions)
            if rows:
                keys = [row[0] for row in rows]
                db.execute(f"DELETE FROM {QUEUE_TABLE} WHERE key IN ({placeholders(len(keys))})", keys)
        return len(rows)

    def reset(self) -> int:
        """Empty the index and queue every document again; returns how many are queued."""
        db = self._db
        with db.transaction():
            db.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')")
            db.execute(f"DELETE FROM {QUEUE_TABLE}")
            db.execute(f"DELETE FROM {DOCS_TABLE} WHERE doc_id NOT IN (SELECT id FROM documents)")
            db.execute(
                f"INSERT INTO {DOCS_TABLE} (doc_id, position) SELECT id, position FROM documents "
                f"WHERE id NOT IN (SELECT doc_id FROM {DOCS_TABLE}) ORDER BY position"
            )
            db.execute(f"INSERT OR IGNORE INTO {QUEUE_TABLE} (key, indexed) SELECT key, 0 FROM {DOCS_TABLE}")
            before = db.scalar("SELECT value FROM settings WHERE key = ?", (TOKENIZER_SETTING,))
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (TOKENIZER_SETTING, str(TOKENIZER_VERSION)),
            )
            queued = self.pending()
            db.log(
                "search.reset", None, "search", {"tokenizer": before}, {"tokenizer": TOKENIZER_VERSION, "queued": queued}
            )
        return queued
