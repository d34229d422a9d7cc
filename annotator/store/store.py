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
from pathlib import Path
from typing import Any

from annotator.platform import app_paths
from annotator.errors import DatabaseError
from annotator.label_schema import LabelSchema, default_schema
from annotator.store.connection import utc_now
from annotator.store.events import EventsMixin
from annotator.store.integrity import IntegrityMixin
from annotator.store.opening import open_database
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
        read_only: bool = False,
        _fresh: bool = False,
    ) -> None:
        self.path = Path(path) if path else app_paths.default_db_path()
        self.closed = False
        # Opened to look only: nothing is written, not even who is annotating (see store/opening.py).
        self.read_only = read_only
        self._savepoint_depth = 0
        self._schema_cache: LabelSchema | None = None
        self.db, self.version = open_database(
            self.path,
            read_only=read_only,
            fresh=_fresh,
            # A new project is built whole in a private file, then moved into place.
            build=lambda private: Store(private, annotator=annotator, schema=schema, _fresh=True).close(),
        )
        try:
            if read_only:
                if not self._scalar("SELECT COUNT(*) FROM label_schema"):
                    self._schema_cache = schema or default_schema()
            else:
                self._install_schema_if_missing(schema)
            self.annotator = ""
            self.set_annotator(annotator or default_annotator())
        except BaseException:
            self.db.conn.close()
            raise

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
        if self.read_only:
            self.annotator = name
            return
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
