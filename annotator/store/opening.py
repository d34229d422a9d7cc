"""Opening a project file: refuse what is not a project before writing anything, create new ones whole.

In order, for a project opened to be changed:

1. No file yet: ``creation.create_project_file`` builds the project in a
   private file and moves it into place, so a second process doing the same
   either wins or opens the winner's project.
2. ``connection.connect`` refuses a folder, an empty file, another kind of
   file and a truncated one from their first bytes, without SQLite touching
   them.
3. ``migrations.inspect`` refuses, by reading only, an empty SQLite
   database, another program's and one from a newer Annotator.
4. Only then is anything written: WAL is switched on, and a project from an
   older Annotator is backed up and migrated.

Opened read-only, steps 2 and 3 are the same and nothing is ever written; a
project from an older Annotator is migrated in a temporary copy, which goes
when the connection closes, so its file stays as it was.

Messages about a damaged project say which backups exist (``backups.advice``):
``ensure_sound`` runs SQLite's quick check, and ``reading_project`` turns what
a damaged file raises while it is read (SQLite's "malformed", text that is
not UTF-8, JSON that does not parse) into a ``DamagedProjectError``.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

from annotator.errors import DamagedProjectError, DatabaseError, NotAProjectError
from annotator.store import backups, health, migrations
from annotator.store.connection import (
    OpenDatabase,
    busy_timeout_ms,
    connect,
    database_error,
    is_environment_error,
    prepare_for_writing,
)
from annotator.store.creation import create_project_file


def open_database(
    path: Path,
    *,
    read_only: bool = False,
    fresh: bool = False,
    build: Callable[[Path], None] | None = None,
) -> tuple[OpenDatabase, int]:
    """The open database at ``path`` and its schema version.

    ``fresh``: ``path`` is a private new file being built (by ``build``).
    ``build(private_path)`` makes a complete new project when ``path`` does
    not exist yet (opened for writing only).
    """
    if fresh:
        return _open_fresh(path)
    if not read_only and not path.exists() and not path.is_symlink():
        if build is None:
            raise DatabaseError(f"{path}: no such project file")
        create_project_file(path, build)
    try:
        db = connect(path, read_only=read_only)
    except (DamagedProjectError, NotAProjectError) as exc:
        raise with_backup_advice(path, exc) from None
    try:
        pending = migrations.inspect(db, str(path))
        if read_only:
            if pending:
                db = _migrated_copy(db, path)
            return db, len(migrations.known_names())
        prepare_for_writing(db, path)
        if pending:
            # A schema upgrade rewrites tables; keep the project as it was first.
            backups.take_backup(path, only_if_changed=False)
        return db, migrations.apply(db, str(path))
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        db.conn.close()
        raise with_backup_advice(path, database_error(path, exc)) from None
    except BaseException:
        db.conn.close()
        raise


def _open_fresh(path: Path) -> tuple[OpenDatabase, int]:
    db = connect(path, create=True)
    try:
        prepare_for_writing(db, path)
        return db, migrations.apply(db, str(path), new=True)
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        db.conn.close()
        raise database_error(path, exc) from None
    except BaseException:
        db.conn.close()
        raise


def with_backup_advice(path: Path, error: DatabaseError) -> DatabaseError:
    """``error`` with a sentence on the project's backups, when the project looks damaged.

    A file that is not a project at all gets the sentence only when backups
    of a project by that name exist (it was one, and something overwrote it).
    """
    if not isinstance(error, (DamagedProjectError, NotAProjectError)):
        return error
    if isinstance(error, NotAProjectError) and not backups.list_backups(path):
        return error
    advice = backups.advice(path)
    return type(error)(f"{error}; {advice}") if advice else error


class _TemporaryCopy(sqlite3.Connection):
    """A connection to a private copy of a project, deleted when the connection closes."""

    copy_path: Path | None = None

    def close(self) -> None:
        super().close()
        if self.copy_path is not None:
            with contextlib.suppress(OSError):
                self.copy_path.unlink()
            self.copy_path = None


def _migrated_copy(db: OpenDatabase, path: Path) -> OpenDatabase:
    """A project from an older Annotator, read-only: migrate a temporary copy, never the file itself."""
    fd, name = tempfile.mkstemp(prefix="annotator-upgraded-", suffix=".db")
    os.close(fd)
    copy = sqlite3.connect(name, isolation_level=None, factory=_TemporaryCopy)
    copy.copy_path = Path(name)
    try:
        db.conn.backup(copy)
        db.conn.close()
        copy.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        copy.execute("PRAGMA foreign_keys = ON")
        upgraded = OpenDatabase(copy)
        migrations.apply(upgraded, str(path))
        copy.execute("PRAGMA query_only = ON")
    except BaseException:
        copy.close()
        raise
    return upgraded


def ensure_sound(conn: sqlite3.Connection, path: Path) -> None:
    """SQLite's quick check of the open project; a ``DamagedProjectError`` saying what and which backups exist."""
    with reading_project(path):
        problems = health.quick_check(conn, limit=3)
    if problems:
        raise with_backup_advice(
            path, DamagedProjectError(f"{path}: the project file is damaged ({'; '.join(problems)})")
        )


@contextlib.contextmanager
def reading_project(path: Path) -> Iterator[None]:
    """Around code that reads a project: what a damaged file raises becomes a ``DamagedProjectError``."""
    try:
        yield
    except DamagedProjectError:
        raise
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if not is_environment_error(exc):
            raise
        _let_go(exc)
        raise with_backup_advice(path, database_error(path, exc)) from None
    except json.JSONDecodeError as exc:
        _let_go(exc)
        raise with_backup_advice(
            path, DamagedProjectError(f"{path}: the project file is damaged (a stored value is not valid JSON: {exc.msg})")
        ) from None


def _let_go(exc: BaseException) -> None:
    """Drop the reading code's frames: a cursor left in one keeps SQLite's handle (and a ``-shm``) after close."""
    traceback.clear_frames(exc.__traceback__)
