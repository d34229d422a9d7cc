"""Opening an SQLite database safely, and turning its errors into messages.

Three ways in, and none writes anything by opening:

* ``connect(path)`` for changing an existing project (``mode=rw``: it never
  creates a file). The caller switches on WAL once it knows the file is one
  of ours (``prepare_for_writing``).
* ``connect(path, create=True)`` for building a new project in a private file
  (``store.creation`` does that and moves it into place).
* ``connect(path, read_only=True)`` for looking only (``mode=ro``). A WAL
  database needs its ``-shm`` file even to be read: SQLite creates it (and an
  empty ``-wal``) when the folder allows, and a read-only connection cannot
  remove them again, so once it closes a short ordinary connection lets
  SQLite tidy them away, which it does only if nobody else is using them.
  Where nothing can be created (a read-only file or folder) and no ``-wal``
  exists, nobody can be writing the project, and it is opened
  ``immutable=1``, which needs no ``-shm``.

Before SQLite sees a file, ``check_project_file`` reads its first 100 bytes:
an empty file, another kind of file and a truncated database are refused by
name without being touched (SQLite would turn an empty file into a database).

SQLite errors become ``DatabaseError`` messages that name the file and say
what is wrong (locked, read-only, damaged, disk full) in plain words.
"""

from __future__ import annotations

import atexit
import os
import sqlite3
import weakref
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from annotator.errors import (
    DamagedProjectError,
    DatabaseError,
    NotAProjectError,
    NotFoundError,
    ReadOnlyProjectError,
)

BUSY_TIMEOUT_MS = 5000
# How long a writer waits for another program's lock before giving up.
BUSY_TIMEOUT_ENV = "ANNOTATOR_BUSY_TIMEOUT_MS"

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100


def busy_timeout_ms() -> int:
    try:
        return max(0, int(os.environ.get(BUSY_TIMEOUT_ENV, BUSY_TIMEOUT_MS)))
    except ValueError:
        return BUSY_TIMEOUT_MS


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def sidecars(path: Path) -> tuple[Path, Path]:
    """The ``-wal`` and ``-shm`` files SQLite keeps beside a WAL database."""
    return Path(f"{path}-wal"), Path(f"{path}-shm")


# --- what kind of file is it? ---------------------------------------------------------


def check_project_file(path: Path) -> bytes:
    """Refuse, by reading its header only, a file that cannot be a project; its first 100 bytes.

    Raises ``NotFoundError`` when there is no file, ``NotAProjectError`` for a
    folder, an empty file or another kind of file, ``DamagedProjectError``
    when the file is shorter than its header says.
    """
    if path.is_dir():
        raise NotAProjectError(f"{path}: is a folder, not a project file")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(HEADER_BYTES)
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such project file") from None
    except OSError as exc:
        raise DatabaseError(f"{path}: cannot read the project file ({exc.strerror or exc})") from None
    if size == 0:
        raise NotAProjectError(f"{path}: the file is empty (0 bytes); it is not an Annotator project")
    if header[:16] != SQLITE_MAGIC:
        raise NotAProjectError(f"{path}: not an SQLite database (the file is damaged or is some other kind of file)")
    expected = recorded_size(header)
    wal, _shm = sidecars(path)
    has_wal_frames = wal.exists() and wal.stat().st_size > 0
    # With frames in the -wal the file itself may lag behind its header; otherwise it must hold every page.
    if expected is not None and size < expected and not has_wal_frames:
        raise DamagedProjectError(
            f"{path}: the project file is truncated: it holds {size:,} of the {expected:,} bytes its header records"
        )
    return header


def is_wal_header(header: bytes) -> bool:
    """The file format bytes say WAL: reading it needs a -shm."""
    return header[18:20] == b"\x02\x02"


def recorded_size(header: bytes) -> int | None:
    """The database size the header records, when the header vouches for it (SQLite's own rule)."""
    if len(header) < HEADER_BYTES:
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    change_counter, valid_for = header[24:28], header[92:96]
    if pages == 0 or change_counter != valid_for or page_size < 512:
        return None
    return pages * page_size


# --- opening ---------------------------------------------------------------------------------


class OpenDatabase:
    """An open project file: its connection, on which the store runs its own SQL.

    Not sqlite-utils' ``Database``: importing sqlite-utils costs about 90 ms
    (it pulls in click, dateutil and pluggy), which every start of the app
    and every command would pay to open a project. Applying migrations uses
    it (``migrations.apply``), and so may tests and tools: whatever else
    sqlite-utils' ``Database`` offers (``query``, ``table_names``,
    ``db["table"]``...) is there too, over the same connection, with
    sqlite-utils imported on first use.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._full: Any = None

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executescript(self, script: str) -> sqlite3.Cursor:
        return self.conn.executescript(script)

    def sqlite_utils(self) -> Any:
        """sqlite-utils' ``Database`` over this connection (imported now if it was not yet)."""
        if self._full is None:
            # imported here, not at the top: opening a project does without it (start-up time)
            from annotator.store.sqlite_utils_loader import load_sqlite_utils

            # No plugins: finding them scans every installed package's entry points (a tenth of a second).
            self._full = load_sqlite_utils().Database(self.conn, execute_plugins=False)
        return self._full

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_full":
            raise AttributeError(name)
        return getattr(self.sqlite_utils(), name)

    def __getitem__(self, table: str) -> Any:
        return self.sqlite_utils()[table]



def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{path.resolve().as_uri()}?{query}"


# The projects this process has open, by resolved path: their live connections.
#
# POSIX record locks belong to the process, not to a file descriptor, and closing *any*
# descriptor of a file drops every lock the process holds on it. SQLite keeps its own
# descriptors open for that reason, but a header read through ``open()`` would close
# one: the process's connections would lose their locks, and the next connection to
# close would believe itself the last, checkpoint and delete the -wal and -shm under
# the others, whose later commits would then go to a deleted file (and be lost with
# the process). So a project already open here is not read again behind SQLite's back.
_open_here: dict[str, weakref.WeakSet[sqlite3.Connection]] = {}


def _key(path: Path) -> str:
    return str(path.resolve())


def is_open_here(path: Path) -> bool:
    """Whether this process holds a live connection to ``path`` made by ``connect``."""
    return any(True for _ in _open_here.get(_key(path), ()))


class _TrackedConnection(sqlite3.Connection):
    """A project connection, listed in ``_open_here`` until it is closed."""

    tracked_as: str | None = None

    def close(self) -> None:
        super().close()
        if self.tracked_as is not None:
            _open_here.get(self.tracked_as, weakref.WeakSet()).discard(self)
            self.tracked_as = None


def _track(conn: sqlite3.Connection, path: Path) -> None:
    if isinstance(conn, _TrackedConnection):
        conn.tracked_as = _key(path)
        _open_here.setdefault(conn.tracked_as, weakref.WeakSet()).add(conn)


class _TidyingConnection(_TrackedConnection):
    """A read-only connection that, once closed, lets SQLite remove the ``-wal``/``-shm`` it had to create."""

    tidy_path: Path | None = None

    def close(self) -> None:
        super().close()
        if self.tidy_path is not None:
            path, self.tidy_path = self.tidy_path, None
            if not tidy_sidecars(path):
                # A statement still alive (in the traceback of an error, say) keeps
                # SQLite's handle open after close(); by the time the process exits it is gone.
                atexit.register(tidy_sidecars, path)


def tidy_sidecars(path: Path) -> bool:
    """Open and close ``path`` once, so SQLite removes an unused ``-wal`` and ``-shm``.

    SQLite's last connection to close checkpoints and deletes them, and only
    the last: while the app (or anyone) has the project open, they stay.
    Nothing was written through this connection, so the checkpoint has
    nothing of ours to copy. True when no ``-wal`` or ``-shm`` is left.
    """
    try:
        conn = sqlite3.connect(_uri(path, mode="rw"), uri=True, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except (sqlite3.Error, UnicodeDecodeError):
        pass
    finally:
        conn.close()
    return not any(side.exists() for side in sidecars(path))


def connect(path: Path, *, read_only: bool = False, create: bool = False) -> OpenDatabase:
    """Open ``path``: read-only, for writing an existing project, or (``create``) a new file."""
    path = Path(path)
    # A project this process has open is a project: its header is not read again (see _open_here).
    already_open = not create and is_open_here(path)
    header = b"" if create or already_open else check_project_file(path)
    timeout = busy_timeout_ms()
    if not read_only and not create and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise ReadOnlyProjectError(read_only_message(path))
    conn: sqlite3.Connection | None = None
    try:
        if read_only:
            conn = _connect_read_only(path, timeout, wal=already_open or is_wal_header(header))
        else:
            conn = sqlite3.connect(
                _uri(path, mode="rwc" if create else "rw"),
                uri=True,
                timeout=timeout / 1000,
                isolation_level=None,
                factory=_TrackedConnection,
            )
        # Autocommit at the driver level: every transaction is opened
        # explicitly by ``ProjectDatabase.transaction()``, never implicitly.
        conn.execute(f"PRAGMA busy_timeout = {timeout}")
        # Reading the schema is the first thing that fails on a damaged file.
        conn.execute("PRAGMA schema_version").fetchone()
        conn.execute("PRAGMA foreign_keys = ON")
        # FULL: a committed annotation survives a power cut, not just a crash.
        conn.execute("PRAGMA synchronous = FULL")
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        if conn is not None:
            conn.close()  # a read-only one tidies the -wal and -shm it made
        raise database_error(path, exc) from None
    _track(conn, path)
    return OpenDatabase(conn)


def _connect_read_only(path: Path, timeout: int, *, wal: bool) -> sqlite3.Connection:
    wal_file, shm = sidecars(path)
    had_sidecars = wal_file.exists() or shm.exists()
    can_create_here = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    params = {"mode": "ro"}
    if not wal_file.exists() and not can_create_here:
        # No -wal: nobody is writing it, and nobody can (the file or folder is read-only).
        params["immutable"] = "1"
    had_frames = wal_file.exists() and wal_file.stat().st_size > 0

    def open_with(**params: str) -> sqlite3.Connection:
        return sqlite3.connect(
            _uri(path, **params), uri=True, timeout=timeout / 1000, isolation_level=None, factory=_TidyingConnection
        )

    conn = open_with(**params)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError as exc:
        conn.close()
        if "immutable" in params or had_frames or not is_disk_full(exc):
            raise
        # The disk is too full for SQLite to make its -shm, which only happens when no one has
        # the project open, and no -wal holds changes: the file alone is the whole project.
        conn = open_with(mode="ro", immutable="1")
        return _query_only(conn)
    if wal and not had_sidecars and can_create_here:
        conn.tidy_path = path  # type: ignore[attr-defined]
    return _query_only(conn)


def _query_only(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.execute("PRAGMA query_only = ON")
    return conn


def is_disk_full(exc: sqlite3.Error) -> bool:
    """SQLite could not make a file bigger: ``SQLITE_FULL``, or the ``-shm`` it needs could not grow."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    return name in ("SQLITE_FULL", "SQLITE_IOERR_SHMSIZE") or "disk is full" in str(exc).lower()


def prepare_for_writing(db: OpenDatabase, path: Path) -> None:
    """WAL, once the file is known to be a project of ours (switching it is a write)."""
    try:
        # Network file systems refuse WAL; SQLite then keeps its rollback
        # journal, which is slower but just as safe.
        if db.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.conn.execute("PRAGMA journal_mode = WAL").fetchone()
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise database_error(path, exc) from None


# --- errors in plain words -----------------------------------------------------------------


def read_only_message(path: Path) -> str:
    return (
        f"{path}: the project is read-only (the file or its folder cannot be written); "
        "it can be viewed and exported, not changed"
    )


def database_error(path: Path | str, exc: BaseException) -> DatabaseError:
    """The ``DatabaseError`` (or subclass) that says what ``exc`` means for the project at ``path``."""
    if isinstance(exc, DatabaseError):
        return exc
    return _specific_error(path, exc) or DatabaseError(f"{path}: database error: {exc}")


def describe_sqlite_error(path: Path | str, exc: BaseException) -> str:
    return str(database_error(path, exc))


def is_environment_error(exc: BaseException) -> bool:
    """An error of the disk or the file (full, read-only, locked, damaged), not of what was asked of it."""
    if isinstance(exc, (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError)):
        return False
    return isinstance(exc, (sqlite3.Error, UnicodeDecodeError)) and _specific_error("", exc) is not None


def _specific_error(path: Path | str, exc: BaseException) -> DatabaseError | None:
    if isinstance(exc, UnicodeDecodeError):
        # Python fails to decode what SQLite returns: a text value, or an error
        # message quoting a damaged schema.
        return DamagedProjectError(f"{path}: the project file is damaged (it holds text that is not valid UTF-8)")
    if not isinstance(exc, sqlite3.Error):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""
    message = str(exc)
    lowered = message.lower()
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in lowered or "busy" in lowered:
        return DatabaseError(f"{path}: the database is locked by another program; close it and try again")
    if name.startswith("SQLITE_READONLY") or "readonly" in lowered or "read-only" in lowered:
        return ReadOnlyProjectError(read_only_message(Path(path)))
    if is_disk_full(exc):
        return DatabaseError(
            f"{path}: the disk is full (or the project reached a size limit); the change was not saved. "
            "Free some space and try again"
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or any(
        word in lowered for word in ("malformed", "corrupt", "not a database", "file is encrypted")
    ):
        return DamagedProjectError(f"{path}: the project file is damaged (SQLite: {message})")
    if "could not decode" in lowered:
        return DamagedProjectError(f"{path}: the project file is damaged (it holds text that is not valid UTF-8)")
    if name.startswith("SQLITE_IOERR") or "disk i/o" in lowered:
        return DatabaseError(
            f"{path}: the disk reported an error reading or writing the project ({message}); "
            "the change was not saved"
        )
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in lowered:
        return DatabaseError(f"{path}: cannot open the project file (missing folder or no permission)")
    return None
