"""What every part of the store shares: the connection, transactions, queries and the event log."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from annotator.store.connection import database_error, is_environment_error, utc_now
from annotator.store.rows import dumps

if TYPE_CHECKING:
    from annotator.label_schema import LabelSchema


class StoreBase:
    path: Path
    db: sqlite_utils.Database
    annotator: str = ""
    schema: LabelSchema  # provided by SchemaMixin
    _savepoint_depth: int = 0

    # --- transactions ---------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """``BEGIN IMMEDIATE`` at the outermost level, savepoints inside.

        IMMEDIATE takes the write lock up front, so two writers (the app and
        an import worker) wait for each other instead of failing half-way.
        """
        conn = self.db.conn
        if conn.in_transaction:
            self._savepoint_depth += 1
            name = f"sp_{self._savepoint_depth}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
                raise
            else:
                conn.execute(f"RELEASE {name}")
            finally:
                self._savepoint_depth -= 1
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise database_error(self.path, exc) from None
        try:
            yield
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._after_rollback()
            # The disk is full, the file read-only or damaged: say so; other errors are bugs.
            if is_environment_error(exc):
                raise database_error(self.path, exc) from exc
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            self._after_rollback()
            raise database_error(self.path, exc) from None

    def _after_rollback(self) -> None:
        """Drop anything cached from inside a transaction that no longer happened."""

    # --- noticing changes --------------------------------------------------------

    def change_marker(self) -> tuple[int, int]:
        """A value that differs whenever the project changed: by this connection (its
        change count) or by any other (SQLite's data version). Compare two to know."""
        return self.db.conn.total_changes, self._scalar("PRAGMA data_version")

    # --- queries ---------------------------------------------------------------

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.db.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def _row(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        cursor = self.db.conn.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cursor.description], row))

    def _scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.db.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def _exec(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.db.conn.execute(sql, params)

    # --- the event log -----------------------------------------------------------

    def _log(
        self,
        action: str,
        doc_id: str | None,
        target: str | None,
        before: Any = None,
        after: Any = None,
    ) -> None:
        self._exec(
            "INSERT INTO events (at, annotator, action, doc_id, target, before, after) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                utc_now(),
                self.annotator,
                action,
                doc_id,
                target,
                None if before is None else dumps(before),
                None if after is None else dumps(after),
            ),
        )
