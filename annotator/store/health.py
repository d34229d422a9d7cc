"""Is the project file sound? SQLite's own checks, and checks of what SQLite cannot see.

* ``quick_check``: SQLite's ``PRAGMA quick_check``: every page reachable,
  every record well formed; not the indexes' agreement with their tables.
  What the app and the commands that read a project run when they open it.
* ``full_check``: ``PRAGMA integrity_check`` (quick_check plus the indexes),
  foreign keys, and ``content_problems``: every stored text is valid UTF-8,
  every document's text still has the hash stored with it, and every JSON
  column parses. SQLite checks none of these, and a damaged byte
  inside a record's payload is invisible to its checks while it breaks
  everything that reads the record. ``annotator check`` runs it, then the
  store's own checks of offsets and labels.

``opening.reading_project`` turns what a damaged file raises while it is read
into a ``DamagedProjectError``; ``opening.ensure_sound`` runs the quick check
and says which backups exist.
"""

from __future__ import annotations

import hashlib
import sqlite3

from annotator.store.connection import is_environment_error

# Problems listed at most per check; a badly damaged file yields thousands.
MAX_PROBLEMS = 50

# Columns holding JSON, as (table, column, the column naming the row).
JSON_COLUMNS = (
    ("documents", "meta", "id"),
    ("documents", "provenance", "id"),
    ("sources", "notes", "id"),
    ("label_schema", "body", "id"),
    ("events", "before", "id"),
    ("events", "after", "id"),
    ("adjudications", "versions", "doc_id"),
    ("models", "labels", "id"),
    ("models", "settings", "id"),
    ("models", "metrics", "id"),
    ("models", "learning_curve", "id"),
)


def quick_check(conn: sqlite3.Connection, limit: int = MAX_PROBLEMS) -> list[str]:
    """SQLite's quick check, in its own words; empty when it passes."""
    return _pragma_check(conn, "quick_check", limit)


def integrity_check(conn: sqlite3.Connection, limit: int = MAX_PROBLEMS) -> list[str]:
    """SQLite's full integrity check (pages, records and every index); empty when it passes."""
    return _pragma_check(conn, "integrity_check", limit)


def _pragma_check(conn: sqlite3.Connection, pragma: str, limit: int) -> list[str]:
    try:
        rows = conn.execute(f"PRAGMA {pragma}({int(limit)})").fetchall()
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        if not is_environment_error(exc):
            raise
        return [f"SQLite cannot read the file: {_words(exc)}"]
    return [f"SQLite: {row[0]}" for row in rows if row[0] != "ok"]


def foreign_key_problems(conn: sqlite3.Connection, limit: int = MAX_PROBLEMS) -> list[str]:
    problems = []
    for row in conn.execute("PRAGMA foreign_key_check").fetchmany(limit):
        problems.append(f"table {row[0]} row {row[1]} points at a missing row in {row[2]}")
    return problems


def content_problems(conn: sqlite3.Connection, limit: int = MAX_PROBLEMS) -> list[str]:
    """Stored text that is not UTF-8, and JSON columns that do not parse; in plain words."""
    problems: list[str] = []
    tables = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_fts_%' ORDER BY name"
        )
    ]
    for table in tables:
        problems += _undecodable_text(conn, table, limit - len(problems))
        if len(problems) >= limit:
            return problems
    if "documents" in tables:
        problems += _text_hash_problems(conn, limit - len(problems))
        if len(problems) >= limit:
            return problems
    for table, column, key in JSON_COLUMNS:
        if table not in tables:
            continue
        rows = conn.execute(
            f'SELECT CAST("{key}" AS BLOB) FROM "{table}" '
            f'WHERE "{column}" IS NOT NULL AND NOT json_valid(CAST("{column}" AS BLOB)) LIMIT ?',
            (limit - len(problems),),
        ).fetchall()
        for (row_key,) in rows:
            problems.append(f"table {table}, row {_shown(row_key)}: {column} is not valid JSON")
        if len(problems) >= limit:
            return problems
    return problems


def _undecodable_text(conn: sqlite3.Connection, table: str, limit: int) -> list[str]:
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    columns = [row[1] for row in info]
    if not columns:
        return []
    # A row is named by its rowid, or in a table WITHOUT ROWID by its (first) primary-key column.
    (definition,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone() or ("",)
    without_rowid = "WITHOUT ROWID" in (definition or "").upper()
    row_name = next((f'"{row[1]}"' for row in sorted(info, key=lambda r: r[5]) if row[5]), "rowid") if without_rowid else "rowid"
    # Read the raw bytes of every text value (blobs stay blobs) and decode them here.
    selected = ", ".join(
        f'CASE WHEN typeof("{c}") = \'text\' THEN CAST("{c}" AS BLOB) END' for c in columns
    )
    problems = []
    for row in conn.execute(f'SELECT {row_name}, {selected} FROM "{table}"'):
        for column, value in zip(columns, row[1:]):
            if value is None:
                continue
            try:
                value.decode("utf-8")
            except UnicodeDecodeError as exc:
                problems.append(
                    f"table {table}, row {row[0]}: {column} holds bytes that are not UTF-8 text (at byte {exc.start})"
                )
                if len(problems) >= limit:
                    return problems
    return problems


def _text_hash_problems(conn: sqlite3.Connection, limit: int) -> list[str]:
    """Documents whose text no longer hashes to the ``content_hash`` stored with it.

    Catches a damaged byte that still decodes (one CJK character turned into
    another), which no other check sees. The hash is SHA-256 of the text's
    UTF-8 bytes, exactly as they are stored.
    """
    problems = []
    rows = conn.execute("SELECT CAST(id AS BLOB), CAST(text AS BLOB), content_hash FROM documents")
    for doc_id, text, stored in rows:
        if text is not None and hashlib.sha256(text).hexdigest() != stored:
            problems.append(f"document {_shown(doc_id)}: its text has changed since it was stored (the hash differs)")
            if len(problems) >= limit:
                break
    return problems


def _shown(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return str(value)


def full_check(conn: sqlite3.Connection, limit: int = MAX_PROBLEMS) -> list[str]:
    """Everything SQLite-level that is wrong with the file: pages, indexes, foreign keys, text, JSON."""
    problems = integrity_check(conn, limit)
    for stage in (foreign_key_problems, content_problems):
        try:
            problems += stage(conn, limit)
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            if not is_environment_error(exc):
                raise
            problems.append(f"SQLite cannot read part of the file: {_words(exc)}")
    return problems


def _words(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "a value that is not UTF-8 text"
    return str(exc)
