"""Opening an SQLite database safely, and explicit transactions on it.

SQLite errors are turned into ``DatabaseError`` messages that name the file
and say what is wrong (locked, read-only, not a database, corrupt).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import sqlite_utils

from annotator.errors import DatabaseError

BUSY_TIMEOUT_MS = 5000
# How long a writer waits for another program's lock before giving up.
BUSY_TIMEOUT_ENV = "ANNOTATOR_BUSY_TIMEOUT_MS"


def busy_timeout_ms() -> int:
    try:
        return max(0, int(os.environ.get(BUSY_TIMEOUT_ENV, BUSY_TIMEOUT_MS)))
    except ValueError:
        return BUSY_TIMEOUT_MS


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def describe_sqlite_error(path: Path | str, exc: BaseException) -> str:
    message = str(exc)
    lowered = message.lower()
    if "locked" in lowered or "busy" in lowered:
        return f"{path}: the database is locked by another program; close it and try again"
    if "readonly" in lowered or "read-only" in lowered:
        return f"{path}: the database is read-only; check the file's permissions"
    if "not a database" in lowered or "file is encrypted" in lowered:
        return f"{path}: not an SQLite database (the file is damaged or is some other kind of file)"
    if "malformed" in lowered or "corrupt" in lowered:
        return f"{path}: the database is corrupt ({message}); restore a backup or run 'annotator check'"
    if "unable to open" in lowered:
        return f"{path}: cannot open the database file (missing folder or no permission)"
    if "disk i/o" in lowered or "disk is full" in lowered or "database or disk is full" in lowered:
        return f"{path}: cannot write the database ({message})"
    return f"{path}: database error: {message}"


def connect(path: Path) -> sqlite_utils.Database:
    """Open ``path`` with WAL, foreign keys and a busy timeout."""
    if path.exists() and path.is_dir():
        raise DatabaseError(f"{path}: is a folder, not a database file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot create its folder ({exc.strerror or exc})") from None
    try:
        # Autocommit at the driver level: every transaction is opened
        # explicitly by ``ProjectDatabase.transaction()``, never implicitly.
        timeout = busy_timeout_ms()
        conn = sqlite3.connect(str(path), timeout=timeout / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {timeout}")
        # Reading the schema is the first thing that fails on a file that is
        # not a database, so do it before anything else.
        conn.execute("PRAGMA schema_version").fetchone()
        # Network file systems refuse WAL; SQLite then keeps its rollback
        # journal, which is slower but just as safe.
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        # FULL: a committed annotation survives a power cut, not just a crash.
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error as exc:
        raise DatabaseError(describe_sqlite_error(path, exc)) from None
    # No sqlite-utils plugins on a project: finding them scans every installed package's entry
    # points (a tenth of a second at start-up), and the project needs none of their SQL functions.
    return sqlite_utils.Database(conn, execute_plugins=False)
