"""The project database: one SQLite file holding documents, annotations and their history.

``Store`` is the only way the rest of the program writes to the database.
Each public method that changes something runs in a transaction and appends
an event (who, when, what, before and after) in that same transaction, so the
log and the data can never disagree. Methods compose: calling several inside
``with store.transaction():`` makes them one unit.

One ``Store`` belongs to one thread. Background workers open their own.
"""

from __future__ import annotations

import getpass
import sqlite3
from pathlib import Path
from typing import Any

from annotator.platform import app_paths
from annotator.errors import DatabaseError
from annotator.label_schema import LabelSchema
from annotator.store import migrations
from annotator.store.connection import connect, describe_sqlite_error, utc_now
from annotator.store.events import EventsMixin
from annotator.store.integrity import IntegrityMixin
from annotator.store.models import ModelStore
from annotator.store.segmentation import SegmentationMixin


def default_annotator() -> str:
    try:
        return getpass.getuser() or "annotator"
    except Exception:  # getuser raises on some locked-down Windows accounts
        return "annotator"


# Each layer builds on the one before: schema -> documents -> annotations ->
# candidates -> segmentation edits / integrity checks; the event log is read alongside.
class Store(SegmentationMixin, IntegrityMixin, EventsMixin):
    def __init__(
        self,
        path: str | Path | None = None,
        *,
        annotator: str | None = None,
        schema: LabelSchema | None = None,
    ) -> None:
        self.path = Path(path) if path else app_paths.default_db_path()
        self.closed = False
        self.db = connect(self.path)
        self._savepoint_depth = 0
        self._schema_cache: LabelSchema | None = None
        try:
            self.version = migrations.apply(self.db, str(self.path))
        except DatabaseError:
            self.db.conn.close()
            raise
        except sqlite3.Error as exc:
            self.db.conn.close()
            raise DatabaseError(describe_sqlite_error(self.path, exc)) from None
        self._install_schema_if_missing(schema)
        # the learned suggester's models and the documents' uncertainty
        self.models = ModelStore(self)
        self.annotator = ""
        self.set_annotator(annotator or default_annotator())

    # --- lifecycle ------------------------------------------------------------

    def close(self) -> None:
        self.db.conn.close()
        self.closed = True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- annotators and settings ---------------------------------------------

    def set_annotator(self, name: str) -> None:
        name = (name or "").strip()
        if not name:
            raise DatabaseError("the annotator name cannot be empty")
        with self.transaction():
            self._exec(
                "INSERT OR IGNORE INTO annotators (name, created_at) VALUES (?, ?)",
                (name, utc_now()),
            )
        self.annotator = name

    def annotators(self) -> list[str]:
        return [r["name"] for r in self._rows("SELECT name FROM annotators ORDER BY name")]

    def setting(self, key: str, default: str | None = None) -> str | None:
        value = self._scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else value

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self._exec(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )


def open_store(path: str | Path | None = None, **kwargs: Any) -> Store:
    return Store(path, **kwargs)
