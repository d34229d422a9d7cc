"""What every part of the store shares: the open connection, transactions, queries and appending events.

Each aggregate of the store (documents, annotations, candidates, ...) holds one
``ProjectDatabase`` and runs its own SQL through it. A public method that
writes opens ``transaction()`` and appends an event with ``log()`` inside it,
so the data and the event log can never disagree.
"""

from __future__ import annotations

import contextlib
import functools
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from annotator.store.connection import OpenDatabase, database_error, is_environment_error, utc_now
from annotator.store.rows import dumps

if TYPE_CHECKING:
    from annotator.store.store import Store

# SQLite's default limit on host parameters is 999 on older builds.
CHUNK = 500

F = TypeVar("F", bound=Callable[..., Any])


def placeholders(n: int) -> str:
    return ",".join("?" * n)


def chunked(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for offset in range(0, len(items), size):
        yield items[offset : offset + size]


class ProjectDatabase:
    """The project file as the aggregates see it: one connection, owned by one thread."""

    def __init__(self, path: Path, db: OpenDatabase) -> None:
        self.path = path
        self.db = db
        self.conn: sqlite3.Connection = db.conn
        # who the events are written for; ``Store.set_annotator`` changes it
        self.annotator = ""
        self._savepoint_depth = 0
        self._rollback_hooks: list[Callable[[], None]] = []

    # --- transactions ---------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """``BEGIN IMMEDIATE`` at the outermost level, savepoints inside.

        IMMEDIATE takes the write lock up front, so two writers (the app and
        an import worker) wait for each other instead of failing half-way.
        """
        conn = self.conn
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

    def on_rollback(self, hook: Callable[[], None]) -> None:
        """Call ``hook`` after a transaction rolls back, to drop anything cached inside it."""
        self._rollback_hooks.append(hook)

    def _after_rollback(self) -> None:
        for hook in self._rollback_hooks:
            hook()

    # --- queries ---------------------------------------------------------------

    def rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def row(self, sql: str, params: Any = ()) -> dict[str, Any] | None:
        cursor = self.conn.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cursor.description], row))

    def scalar(self, sql: str, params: Any = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, params: Any) -> sqlite3.Cursor:
        return self.conn.executemany(sql, params)

    # --- the event log -----------------------------------------------------------

    def log(
        self,
        action: str,
        doc_id: str | None,
        target: str | None,
        before: Any = None,
        after: Any = None,
    ) -> None:
        """Append one event; call it inside the transaction that makes the change."""
        self.conn.execute(
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

    def log_many(self, entries: Iterable[tuple[str, str | None, str | None, Any, Any]]) -> None:
        """Append one event per (action, doc_id, target, before, after), all at the same time; for writes
        that change many documents at once (a merge). Call it inside the transaction that makes the change."""
        now, annotator = utc_now(), self.annotator
        self.conn.executemany(
            "INSERT INTO events (at, annotator, action, doc_id, target, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (now, annotator, action, doc_id, target, None if before is None else dumps(before),
                 None if after is None else dumps(after))
                for action, doc_id, target, before, after in entries
            ],
        )

    def require_transaction(self, what: str) -> None:
        if not self.conn.in_transaction:
            raise RuntimeError(f"{what} is one step of a larger write; call it inside that write's transaction")


def step_of_write(method: F) -> F:
    """Mark a public method as one step of another aggregate's write.

    Such a method writes no event of its own: the write that calls it, in the
    same transaction, appends the event that records the whole change. It
    refuses to run outside a transaction, so it cannot be used on its own and
    leave a change the log does not know about.
    """

    @functools.wraps(method)
    def checked(self: Aggregate, *args: Any, **kwargs: Any) -> Any:
        self._db.require_transaction(f"{type(self).__name__}.{method.__name__}")
        return method(self, *args, **kwargs)

    checked.step_of_write = True  # type: ignore[attr-defined]
    return checked  # type: ignore[return-value]


class Aggregate:
    """One part of the store: it owns its tables' SQL and reaches the others through ``project``."""

    def __init__(self, db: ProjectDatabase, project: Store) -> None:
        self._db = db
        # the composition root (``Store``); only its public aggregates are used
        self._project = project
