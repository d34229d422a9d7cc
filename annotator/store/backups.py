"""Rolling backups of a project, made with SQLite's backup API, and bringing one back.

Where: a ``backups/`` folder next to the project file (the ``folder`` setting;
an absolute path puts them elsewhere). Next to the project, backups travel
with it when its folder is copied, and ``annotator restore --db PROJECT``
finds them without knowing which computer made them; the default project
lives in the data folder, so its backups are in ``<data folder>/backups/``.

What: ``<stem>.<UTC time>.db``, a complete, self-contained SQLite file
(rollback journal, no ``-wal`` to go with it), copied page by page from a
consistent snapshot while the app keeps working (WAL lets a reader and a
writer run together), checked with ``quick_check`` before it gets its name,
so a half-written or damaged copy is never taken for a backup. A copy that
fails its check means the project itself is damaged: ``take_backup`` raises
``DamagedProjectError`` and keeps the good backups it has.

When: the app takes one as it opens a project and every ``interval_minutes``
while it runs (in a worker), ``annotator import`` before it writes, and the
store before it migrates a project to a newer schema. A backup is skipped
when nothing changed since the newest one (see ``fingerprint``).

How many: the newest ``keep_recent``, plus the newest of each of the last
``keep_daily`` days, so damage noticed days later still has a good backup
before it. The settings are data: ``resources/backups.toml``, overridden
value by value by ``backups.toml`` in the user's data folder.

Restoring never overwrites anything: the current project file (with its
``-wal``) is moved aside into the backups folder as
``<stem>.set-aside-<time>.db``, and the backup, verified by a full integrity
check first, is copied into its place.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from annotator.errors import (
    DamagedProjectError,
    DatabaseError,
    InputError,
    NotFoundError,
    describe_os_error,
)
from annotator.platform import app_paths
from annotator.store import health, migrations
from annotator.store.connection import (
    connect,
    database_error,
    is_environment_error,
    sidecars,
)
from annotator.store.creation import FILE_MODE

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SETTINGS_NAME = "backups.toml"
STAMP_FORMAT = "%Y%m%dT%H%M%S"
# A ``.part`` file untouched this long belongs to a backup that was killed.
STALE_PART_SECONDS = 600


@dataclass(frozen=True)
class BackupSettings:
    folder: str = "backups"
    keep_recent: int = 3
    keep_daily: int = 5
    interval_minutes: float = 30.0


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # UTC
    size: int

    def when(self) -> str:
        """The time it was taken, in the computer's time zone, to the second."""
        return self.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class Restored:
    backup: Path
    # where the project file that was replaced now is (None if there was none)
    set_aside: Path | None


# --- settings -----------------------------------------------------------------------------


def default_settings_path() -> Path:
    return app_paths.resource(SETTINGS_NAME)


def user_settings_path() -> Path:
    return app_paths.data_dir() / SETTINGS_NAME


def load_settings(default_path: Path | None = None, user_path: Path | None = None) -> BackupSettings:
    """The bundled settings with the user's on top. A bad value is an ``InputError`` naming the file."""
    values: dict[str, Any] = {}
    default_path = default_path or default_settings_path()
    if default_path.is_file():
        values.update(_read_settings(default_path))
    user_path = user_path if user_path is not None else user_settings_path()
    if user_path.is_file():
        values.update(_read_settings(user_path))
    return BackupSettings(**values)


def _read_settings(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read the backup settings ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    section = data.get("backups", {})
    if not isinstance(section, dict):
        raise InputError(f"{path}: [backups] must be a table of settings")
    checks = {
        "folder": (lambda v: isinstance(v, str) and v.strip() != "", "a folder name or path"),
        "keep_recent": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 1, "a whole number, 1 or more"),
        "keep_daily": (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a whole number, 0 or more"),
        "interval_minutes": (
            lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0,
            "a number of minutes above 0",
        ),
    }
    for key, value in section.items():
        if key not in checks:
            raise InputError(f"{path}: unknown backup setting '{key}' (known: {', '.join(checks)})")
        valid, wanted = checks[key]
        if not valid(value):
            raise InputError(f"{path}: backup setting '{key}' must be {wanted}, not {value!r}")
    return dict(section)


# --- where backups are --------------------------------------------------------------------


def backup_folder(project: Path, settings: BackupSettings | None = None) -> Path:
    settings = settings or load_settings()
    folder = Path(settings.folder).expanduser()
    return folder if folder.is_absolute() else project.resolve().parent / folder


def _suffix(project: Path) -> str:
    return project.suffix or ".db"


def _stamp(moment: datetime) -> str:
    return moment.strftime(STAMP_FORMAT) + f".{moment.microsecond // 1000:03d}Z"


def _pattern(project: Path) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(project.stem)}\.(\d{{8}}T\d{{6}})\.(\d{{3}})Z{re.escape(_suffix(project))}$"
    )


def list_backups(project: Path, settings: BackupSettings | None = None) -> list[Backup]:
    """The project's backups, newest first (files moved aside by a restore are not backups)."""
    folder = backup_folder(project, settings)
    if not folder.is_dir():
        return []
    pattern = _pattern(project)
    found = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if not match or not entry.is_file():
            continue
        taken = datetime.strptime(match.group(1), STAMP_FORMAT).replace(
            microsecond=int(match.group(2)) * 1000, tzinfo=timezone.utc
        )
        found.append(Backup(entry, taken, entry.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def advice(project: Path, settings: BackupSettings | None = None) -> str:
    """A clause on the backups that exist for ``project``, to end a message about damage."""
    try:
        backups = list_backups(project, settings)
        folder = backup_folder(project, settings)
    except (OSError, InputError):
        return ""
    if not backups:
        return f"no backup of it exists (looked in {folder})"
    return (
        f"the newest of its {len(backups)} backups is from {backups[0].when()} ({backups[0].path}): "
        f"'annotator restore --db {project}' brings it back and keeps the damaged file aside"
    )


# --- taking one ---------------------------------------------------------------------------


FINGERPRINT_SQL = (
    "SELECT (SELECT MAX(id) FROM events), (SELECT COUNT(*) FROM candidates), (SELECT MAX(id) FROM candidates), "
    "(SELECT TOTAL(seconds) FROM time_spent), (SELECT COUNT(*) FROM settings), (SELECT COUNT(*) FROM documents)"
)


def fingerprint(conn: sqlite3.Connection) -> tuple:
    """A value that changes when the project does.

    Every change to annotations, documents, statuses and the schema writes an
    event, so the newest event id covers them; candidates, time spent and
    settings are written without one and are counted separately.
    """
    return (conn.execute("PRAGMA user_version").fetchone()[0], *conn.execute(FINGERPRINT_SQL).fetchone())


def _fingerprint_of(path: Path) -> tuple | None:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return None
    try:
        return fingerprint(conn)
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def take_backup(
    project: Path,
    settings: BackupSettings | None = None,
    *,
    only_if_changed: bool = True,
    now: datetime | None = None,
) -> Backup | None:
    """Back ``project`` up; None when nothing changed since the newest backup, or it has no documents.

    Raises ``DamagedProjectError`` when the project cannot be copied whole or
    its copy fails SQLite's quick check (the good backups are kept), and
    ``DatabaseError`` when the backup cannot be written (disk full, no
    permission); the project is never changed.
    """
    settings = settings or load_settings()
    project = Path(project)
    folder = backup_folder(project, settings)
    now = now or datetime.now(timezone.utc)
    source = connect(project, read_only=True)
    part: Path | None = None
    try:
        with _reading(project):
            current = fingerprint(source.conn)
            if current[-1] == 0:
                return None  # no documents: nothing worth keeping yet
            if only_if_changed:
                newest = next(iter(list_backups(project, settings)), None)
                if newest is not None and _fingerprint_of(newest.path) == current:
                    return None
            try:
                folder.mkdir(parents=True, exist_ok=True)
                _remove_stale_parts(project, folder)
                fd, name = tempfile.mkstemp(prefix=f".{project.stem}.", suffix=".part", dir=folder)
                os.close(fd)
            except OSError as exc:
                raise DatabaseError(f"{folder}: cannot write a backup there ({describe_os_error(exc)})") from None
            part = Path(name)
            problems = _copy(source.conn, part, project, folder)
        if problems:
            raise DamagedProjectError(
                f"{project}: the project file is damaged: its copy fails SQLite's check ({problems[0]})"
            )
        target = folder / f"{project.stem}.{_stamp(now)}{_suffix(project)}"
        try:
            os.chmod(part, FILE_MODE)
            os.replace(part, target)
        except OSError as exc:
            raise DatabaseError(f"{folder}: cannot write a backup there ({describe_os_error(exc)})") from None
        part = None
    finally:
        source.conn.close()
        if part is not None:
            with contextlib.suppress(OSError):
                part.unlink()
    prune(project, settings, now=now)
    return Backup(target, now, target.stat().st_size)


def _copy(source: sqlite3.Connection, part: Path, project: Path, folder: Path) -> list[str]:
    """Copy ``source`` into the file ``part`` and check the copy; SQLite's problems with it, if any."""
    try:
        copy = sqlite3.connect(part, isolation_level=None)
    except sqlite3.Error as exc:
        raise DatabaseError(f"{folder}: cannot write a backup there ({exc})") from None
    try:
        try:
            source.backup(copy)
        except sqlite3.Error as exc:
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" or "disk is full" in str(exc):
                raise DatabaseError(f"{folder}: cannot write a backup there (the disk is full)") from None
            raise
        # One self-contained file: a rollback journal, and nothing left in a -wal.
        copy.execute("PRAGMA journal_mode = DELETE").fetchone()
        problems = health.quick_check(copy)
    except OSError as exc:
        raise DatabaseError(f"{folder}: cannot write a backup there ({describe_os_error(exc)})") from None
    finally:
        copy.close()
    with open(part, "rb") as handle:
        os.fsync(handle.fileno())
    return problems


def _remove_stale_parts(project: Path, folder: Path) -> None:
    cutoff = time.time() - STALE_PART_SECONDS
    for entry in folder.glob(f".{project.stem}.*.part"):
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < cutoff:
                entry.unlink()


def prune(project: Path, settings: BackupSettings | None = None, *, now: datetime | None = None) -> list[Path]:
    """Delete the backups the settings no longer keep; returns what was deleted."""
    settings = settings or load_settings()
    backups = list_backups(project, settings)
    keep = {b.path for b in backups[: settings.keep_recent]}
    days_seen: list[str] = []
    for backup in backups:
        day = backup.taken_at.astimezone().date().isoformat()
        if day in days_seen:
            continue
        if len(days_seen) >= settings.keep_daily:
            break
        days_seen.append(day)
        keep.add(backup.path)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                removed.append(backup.path)
    return removed


# --- checking and restoring -----------------------------------------------------------------


def verify(path: Path) -> list[str]:
    """Why ``path`` cannot be restored, in plain words; empty when it is a sound project of ours."""
    try:
        db = connect(Path(path), read_only=True)
    except DatabaseError as exc:
        return [str(exc)]
    try:
        problems = health.full_check(db.conn)
        if not problems:
            migrations.inspect(db, str(path))
        return problems
    except DatabaseError as exc:
        return [str(exc)]
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if not is_environment_error(exc):
            raise
        return [str(database_error(path, exc))]
    finally:
        db.conn.close()


def find_backup(project: Path, name: str, settings: BackupSettings | None = None) -> Path:
    """A backup given by path, or by its file name in the project's backups folder."""
    given = Path(name).expanduser()
    if given.is_file():
        return given
    in_folder = backup_folder(project, settings) / name
    if in_folder.is_file():
        return in_folder
    raise NotFoundError(f"{name}: no such backup (neither a file nor in {backup_folder(project, settings)})")


def newest_good_backup(project: Path, settings: BackupSettings | None = None) -> tuple[Backup | None, list[str]]:
    """The newest backup that passes its checks, and why any newer ones were passed over."""
    passed_over: list[str] = []
    for backup in list_backups(project, settings):
        problems = verify(backup.path)
        if not problems:
            return backup, passed_over
        passed_over.append(f"{backup.path.name}: {problems[0]}")
    return None, passed_over


def restore(project: Path, backup: Path | None = None, settings: BackupSettings | None = None) -> Restored:
    """Put a backup (by default the newest good one) in the project's place; the current file is kept aside."""
    settings = settings or load_settings()
    project = Path(project)
    if backup is None:
        chosen, passed_over = newest_good_backup(project, settings)
        if chosen is None:
            detail = f" ({'; '.join(passed_over)})" if passed_over else ""
            raise DatabaseError(
                f"{project}: no good backup to restore in {backup_folder(project, settings)}{detail}"
            )
        backup = chosen.path
    else:
        problems = verify(backup)
        if problems:
            raise DamagedProjectError(f"{backup}: this backup cannot be restored: {problems[0]}")
    _refuse_if_open(project)
    folder = backup_folder(project, settings)
    private: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{project.name}.", suffix=".restoring", dir=project.parent)
        os.close(fd)
        private = Path(name)
        shutil.copyfile(backup, private)
        os.chmod(private, FILE_MODE)
        with open(private, "rb") as handle:
            os.fsync(handle.fileno())
        set_aside = _set_aside(project, folder)
        try:
            os.replace(private, project)
        except OSError:
            if set_aside is not None:
                os.replace(set_aside, project)
            raise
        private = None
    except OSError as exc:
        raise DatabaseError(f"{project}: cannot restore the backup ({describe_os_error(exc)})") from None
    finally:
        if private is not None:
            with contextlib.suppress(OSError):
                private.unlink()
    return Restored(backup=Path(backup), set_aside=set_aside)


def _set_aside(project: Path, folder: Path) -> Path | None:
    """Move the project file (and its -wal and -shm) into the backups folder; where it went."""
    wal, shm = sidecars(project)
    if not project.exists():
        for leftover in (wal, shm):
            with contextlib.suppress(OSError):
                leftover.unlink()
        return None
    target = folder / f"{project.stem}.set-aside-{_stamp(datetime.now(timezone.utc))}{_suffix(project)}"
    target_wal, target_shm = sidecars(target)
    for source, destination in ((wal, target_wal), (shm, target_shm)):
        if source.exists():
            shutil.move(source, destination)
    shutil.move(project, target)
    return target


def _refuse_if_open(project: Path) -> None:
    """Refuse while another connection has the project open (the app, an import).

    In WAL mode every open connection holds a shared lock, so an exclusive
    lock is granted only to a lone connection. A file SQLite cannot read as a
    database at all cannot be open as a project anywhere either.
    """
    if not project.exists():
        return
    try:
        conn = sqlite3.connect(f"{project.resolve().as_uri()}?mode=rw", uri=True, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("ROLLBACK")
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        message = str(exc).lower()
        if "locked" in message or "busy" in message:
            raise DatabaseError(
                f"{project}: the project is open in Annotator or another program; close it, then restore"
            ) from None
    finally:
        conn.close()


@contextlib.contextmanager
def _reading(project: Path):
    """What a damaged project raises while being copied becomes a ``DamagedProjectError`` (no advice: we are the backups)."""
    try:
        yield
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if not is_environment_error(exc):
            raise
        raise database_error(project, exc) from None


def safeguard(project: Path, settings: BackupSettings | None = None) -> Backup | None:
    """Before a big write (an import, a session in the app): back up, and make sure the project is sound.

    The backup's copy passes SQLite's quick check only if the project does;
    when nothing changed since the newest backup, the project itself is
    checked instead. Raises ``DamagedProjectError`` (with the backups that
    exist) when it is damaged.
    """
    settings = settings or load_settings()
    try:
        backup = take_backup(project, settings)
    except DamagedProjectError as exc:
        raise DamagedProjectError(f"{exc}; {advice(project, settings)}") from None
    if backup is None:
        db = connect(project, read_only=True)
        try:
            with _reading(project):
                problems = health.quick_check(db.conn, limit=3)
        finally:
            db.conn.close()
        if problems:
            raise DamagedProjectError(
                f"{project}: the project file is damaged ({'; '.join(problems)}); {advice(project, settings)}"
            )
    return backup
