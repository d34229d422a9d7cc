"""Full-text search across the project's documents, made for Chinese.

Chinese has no spaces, and the words people look for are mostly two
characters long (工会, 职工, 嘉善). SQLite's built-in tokenisers cannot find
them: ``unicode61`` treats a run of Han characters as one token and
``trigram`` needs at least three characters. So the index holds every
overlapping character bigram of the title and text, as an FTS5 table with
positions. A query term of two or more characters becomes a phrase of its
bigrams, which matches exactly where the term occurs as a substring; a
one-character term falls back to scanning the text (``instr``). The
search figure of ``benchmarks/run.py`` (docs/performance.md) measures it.

Keeping the index in step with the documents is the database's job, not the
callers': triggers (migration ``0002_search_index``) record every insert,
delete and change of a document's title, text, id or position, whoever makes
it (imports, merges and splits, other tools). What the triggers cannot do is
cut text into bigrams, so they queue the changed documents, with the text the
index still holds, and :meth:`SearchIndex.sync` brings the index up to date.
``search`` syncs small queues itself; after a large import, call ``sync``
(the import dialog does) or let it run in the background.

Folding is one character to one character (ASCII case, full-width forms), so
every offset reported here is a code-point offset into the original text.
"""

from __future__ import annotations

import json
import operator
import re
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from annotator.errors import DatabaseError

if TYPE_CHECKING:
    from annotator.store import Store

# Bump when ``fold`` or ``index_tokens`` change: rows already indexed would
# no longer match what ``sync`` deletes, so the index is rebuilt.
TOKENIZER_VERSION = 1
TOKENIZER_SETTING = "search.tokenizer_version"

FTS_TABLE = "search_fts"
DOCS_TABLE = "search_docs"
QUEUE_TABLE = "search_queue"

# ``search`` indexes a queue this short itself; longer ones are left to an
# explicit ``sync`` (the import dialog, or a background worker) so a search
# never stalls the window for long.
AUTO_SYNC_LIMIT = 300

# ASCII characters other than letters and digits are moved to this private-use
# plane so that FTS5's ``ascii`` tokenizer sees every bigram as one token:
# it splits only on ASCII non-alphanumerics and keeps all other characters.
_ASCII_SHIFT = 0x100000

# progress(done, total)
Progress = Callable[[int, int], None]


# --- folding and tokens ---------------------------------------------------------------


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        char = chr(code)
        folded = char
        # Full-width Latin letters, digits and punctuation (Ａ, ０, ！) and the
        # ideographic space match their ASCII forms.
        if 0xFF01 <= code <= 0xFFEF or code == 0x3000:
            normal = unicodedata.normalize("NFKC", char)
            if len(normal) == 1:
                folded = normal
        lower = folded.lower()
        if len(lower) == 1:
            folded = lower
        if ord(folded) < 128 and not folded.isalnum():
            folded = chr(_ASCII_SHIFT + ord(folded))
        if folded != char:
            table[code] = folded
    return table


@lru_cache(maxsize=1)
def _fold_pattern() -> re.Pattern[str]:
    # Few characters of a Chinese text fold (line breaks, ASCII punctuation,
    # Latin capitals), so replacing just those is several times faster than
    # ``str.translate``, which looks up every character.
    codes = sorted(_fold_table())
    ranges: list[tuple[int, int]] = []
    for code in codes:
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    parts = (re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile("[" + "".join(parts) + "]")


@lru_cache(maxsize=1)
def _fold_chars() -> dict[str, str]:
    return {chr(code): folded for code, folded in _fold_table().items()}


def fold(text: str) -> str:
    """``text`` as the index sees it: same length, one character for one character."""
    chars = _fold_chars()
    return _fold_pattern().sub(lambda match: chars[match.group()], text)


def index_tokens(text: str) -> str:
    """Every overlapping bigram of the folded text, space-separated, in order.

    Token ``i`` is ``text[i:i + 2]``, so FTS5 positions are code-point offsets
    and a phrase of consecutive bigrams matches exactly a substring.
    """
    folded = fold(text)
    return " ".join(map(operator.add, folded[:-1], folded[1:]))


def parse_query(query: str) -> tuple[str, ...]:
    """The terms of a query: split on white space, each kept once, in order.

    A document matches when it contains every term (in its title or text).
    """
    terms: list[str] = []
    seen: set[str] = set()
    for term in query.split():
        key = fold(term)
        if key not in seen:
            seen.add(key)
            terms.append(term)
    return tuple(terms)


def _phrase(term: str) -> str:
    # Folding removed every ASCII quote, so the phrase needs no escaping.
    return '"' + index_tokens(term) + '"'


@lru_cache(maxsize=256)
def _fold_variants(char: str) -> tuple[str, ...]:
    """Every character that folds to the same thing as ``char`` (for the 1-character scan)."""
    target = fold(char)
    variants = {char, target}
    for code, folded in _fold_table().items():
        if folded == target:
            variants.add(chr(code))
    return tuple(sorted(v for v in variants if not (_ASCII_SHIFT <= ord(v) < _ASCII_SHIFT + 128)))


# --- results ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Snippet:
    """An excerpt of a document's text around one or more hits.

    ``text == document.text[start:start + len(text)]``; ``hits`` are
    (start, end) code-point offsets into the document text, end exclusive.
    """

    text: str
    start: int
    hits: tuple[tuple[int, int], ...]

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class SearchHit:
    doc_id: str
    title: str
    status: str
    # occurrences of all the terms in the text
    hit_count: int
    # (start, end) code-point offsets of the terms in the title
    title_hits: tuple[tuple[int, int], ...]
    snippets: tuple[Snippet, ...]

    @property
    def first_hit(self) -> tuple[int, int] | None:
        for snippet in self.snippets:
            if snippet.hits:
                return snippet.hits[0]
        return None


@dataclass
class SearchResults:
    query: str
    terms: tuple[str, ...]
    # documents that match, in reading order
    total: int = 0
    # the requested page of them, with snippets
    hits: list[SearchHit] = field(default_factory=list)
    offset: int = 0
    # documents changed since the index was last brought up to date; the
    # results may miss them until ``sync`` runs
    pending: int = 0
    elapsed_ms: float = 0.0


# --- finding hits in a text -------------------------------------------------------------


def find_hits(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of every term in ``text``, sorted; overlaps allowed."""
    folded = fold(text)
    hits: list[tuple[int, int]] = []
    for term in terms:
        needle = fold(term)
        if not needle:
            continue
        at = folded.find(needle)
        while at != -1:
            hits.append((at, at + len(needle)))
            at = folded.find(needle, at + 1)
    hits.sort()
    return hits


def make_snippets(
    text: str, hits: Sequence[tuple[int, int]], *, context: int = 24, limit: int = 3
) -> tuple[Snippet, ...]:
    """Up to ``limit`` excerpts around the hits, each within one paragraph.

    An excerpt reaches ``context`` characters either side of its hits and
    takes in the following hits while it stays under ``4 * context`` long, so
    a paragraph dense with hits gives one readable excerpt, not a page.
    """
    snippets: list[Snippet] = []
    longest = 4 * context
    window: list[int] | None = None
    window_hits: list[tuple[int, int]] = []

    def paragraph_bounds(start: int, end: int) -> tuple[int, int]:
        lo = max(start - context, text.rfind("\n", 0, start) + 1)
        newline = text.find("\n", end)
        hi = min(end + context, len(text) if newline == -1 else newline)
        return lo, max(hi, end)

    for start, end in hits:
        lo, hi = paragraph_bounds(start, end)
        if window is not None and start < window[1] and hi - window[0] <= longest:
            window[1] = max(window[1], hi)
            window_hits.append((start, end))
            continue
        if window is not None:
            snippets.append(Snippet(text[window[0] : window[1]], window[0], tuple(window_hits)))
            if len(snippets) == limit:
                return tuple(snippets)
        window, window_hits = [lo, hi], [(start, end)]
    if window is not None:
        snippets.append(Snippet(text[window[0] : window[1]], window[0], tuple(window_hits)))
    return tuple(snippets)


# --- keeping the index in step --------------------------------------------------------------


def create_schema(conn: sqlite3.Connection) -> None:
    """Tables and triggers of the index; the migration calls this once."""
    statements = [
        # One row per live document: a stable integer key for FTS5 (a
        # document's rowid may change on VACUUM, its key never does) and a
        # copy of the position, so results come out in reading order without
        # reading the documents themselves.
        f"""CREATE TABLE {DOCS_TABLE} (
            key INTEGER PRIMARY KEY AUTOINCREMENT,
            doc_id TEXT NOT NULL UNIQUE,
            position REAL NOT NULL
        )""",
        f"CREATE INDEX {DOCS_TABLE}_position ON {DOCS_TABLE}(position, key)",
        # Keys whose index entries are out of date, with the title and text
        # the index holds for them (needed to delete from a contentless
        # table); indexed = 0 when the index holds nothing for the key yet.
        f"""CREATE TABLE {QUEUE_TABLE} (
            key INTEGER PRIMARY KEY,
            indexed INTEGER NOT NULL,
            old_title TEXT,
            old_text TEXT
        )""",
        # Contentless: the documents table already holds the text, so the
        # index stores only bigrams and their positions.
        f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
            title, body, content='', columnsize=0, tokenize='ascii'
        )""",
        # INSERT OR IGNORE everywhere: when a key is already queued, the
        # queued row still describes what the index holds.
        f"""CREATE TRIGGER search_document_insert AFTER INSERT ON documents
        BEGIN
            INSERT INTO {DOCS_TABLE} (doc_id, position) VALUES (new.id, new.position);
            INSERT OR IGNORE INTO {QUEUE_TABLE} (key, indexed)
                SELECT key, 0 FROM {DOCS_TABLE} WHERE doc_id = new.id;
        END""",
        f"""CREATE TRIGGER search_document_update AFTER UPDATE OF id, title, text, position ON documents
        BEGIN
            INSERT OR IGNORE INTO {QUEUE_TABLE} (key, indexed, old_title, old_text)
                SELECT key, 1, old.title, old.text FROM {DOCS_TABLE}
                WHERE doc_id = old.id AND (old.title IS NOT new.title OR old.text IS NOT new.text);
            UPDATE {DOCS_TABLE} SET doc_id = new.id, position = new.position
                WHERE doc_id = old.id AND (doc_id IS NOT new.id OR position IS NOT new.position);
        END""",
        f"""CREATE TRIGGER search_document_delete AFTER DELETE ON documents
        BEGIN
            INSERT OR IGNORE INTO {QUEUE_TABLE} (key, indexed, old_title, old_text)
                SELECT key, 1, old.title, old.text FROM {DOCS_TABLE} WHERE doc_id = old.id;
            DELETE FROM {DOCS_TABLE} WHERE doc_id = old.id;
        END""",
    ]
    for statement in statements:
        conn.execute(statement)


def enqueue_all(conn: sqlite3.Connection) -> int:
    """Register every document not yet known to the index (the migration's first fill)."""
    conn.execute(
        f"INSERT INTO {DOCS_TABLE} (doc_id, position) SELECT id, position FROM documents "
        f"WHERE id NOT IN (SELECT doc_id FROM {DOCS_TABLE}) ORDER BY position"
    )
    return conn.execute(
        f"INSERT OR IGNORE INTO {QUEUE_TABLE} (key, indexed) SELECT key, 0 FROM {DOCS_TABLE}"
    ).rowcount


def pending_count(conn: sqlite3.Connection) -> int:
    return conn.execute(f"SELECT COUNT(*) FROM {QUEUE_TABLE}").fetchone()[0]


def index_queued(conn: sqlite3.Connection, limit: int) -> int:
    """Bring up to ``limit`` queued keys up to date; the caller owns the transaction."""
    rows = conn.execute(
        f"SELECT q.key, q.indexed, q.old_title, q.old_text, d.title, d.text FROM {QUEUE_TABLE} q "
        f"LEFT JOIN {DOCS_TABLE} s ON s.key = q.key LEFT JOIN documents d ON d.id = s.doc_id "
        f"ORDER BY q.key LIMIT ?",
        (limit,),
    ).fetchall()
    for key, indexed, old_title, old_text, title, text in rows:
        if indexed:
            conn.execute(
                f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, title, body) VALUES ('delete', ?, ?, ?)",
                (key, index_tokens(old_title or ""), index_tokens(old_text or "")),
            )
        if text is not None:
            conn.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (?, ?, ?)",
                (key, index_tokens(title or ""), index_tokens(text)),
            )
    if rows:
        marks = ",".join("?" * len(rows))
        conn.execute(f"DELETE FROM {QUEUE_TABLE} WHERE key IN ({marks})", [row[0] for row in rows])
    return len(rows)


def reset_index(conn: sqlite3.Connection) -> int:
    """Empty the index and queue every document again; the caller owns the transaction."""
    conn.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('delete-all')")
    conn.execute(f"DELETE FROM {QUEUE_TABLE}")
    conn.execute(f"DELETE FROM {DOCS_TABLE} WHERE doc_id NOT IN (SELECT id FROM documents)")
    enqueue_all(conn)
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (TOKENIZER_SETTING, str(TOKENIZER_VERSION)),
    )
    return pending_count(conn)


def install(conn: sqlite3.Connection) -> int:
    """Create the index and fill it with the documents already there; the migration's body.

    Runs inside the migration's transaction, so a project either has a
    complete index or none at all. Returns the number of documents indexed.
    """
    create_schema(conn)
    reset_index(conn)
    done = 0
    while n := index_queued(conn, 500):
        done += n
    return done


# --- the public face ----------------------------------------------------------------------------


class SearchIndex:
    """Search a project, and keep its index up to date, through a ``Store``.

    Like the store it uses, one ``SearchIndex`` belongs to one thread.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._conn = store.db.conn
        self._checked_version = False

    # --- maintenance -------------------------------------------------------------------

    def pending(self) -> int:
        """How many documents changed since the index was last brought up to date."""
        return pending_count(self._conn)

    def sync(self, *, batch: int = 200, progress: Progress | None = None) -> int:
        """Index every queued document, ``batch`` per transaction; returns how many.

        Short transactions keep the write lock free for the annotator between
        batches, so a long sync can run in a worker beside the window.
        """
        self._check_version()
        total = self.pending()
        done = 0
        if progress:
            progress(0, total)
        while True:
            with self.store.transaction():
                n = index_queued(self._conn, batch)
            if not n:
                break
            done += n
            if progress:
                progress(min(done, total), max(total, done))
        return done

    def rebuild(self, *, progress: Progress | None = None) -> int:
        """Throw the index away and index every document again."""
        with self.store.transaction():
            reset_index(self._conn)
        self._checked_version = True
        return self.sync(progress=progress)

    def _check_version(self) -> None:
        if self._checked_version:
            return
        stored = self._conn.execute(
            "SELECT value FROM settings WHERE key = ?", (TOKENIZER_SETTING,)
        ).fetchone()
        if stored is None or stored[0] != str(TOKENIZER_VERSION):
            with self.store.transaction():
                reset_index(self._conn)
        self._checked_version = True

    # --- queries -------------------------------------------------------------------------

    def filter_sql(self, query: str) -> tuple[str, list[str]] | None:
        """An SQL condition on ``documents.id`` that holds for matching documents.

        For composing with other filters (the document list); None when the
        query has no terms. Call :meth:`sync` first for current results.
        """
        terms = parse_query(query)
        if not terms:
            return None
        sql, params = self._keys_sql(terms)
        return f"documents.id IN (SELECT doc_id FROM {DOCS_TABLE} WHERE key IN ({sql}))", params

    def _keys_sql(self, terms: Sequence[str]) -> tuple[str, list[str]]:
        """SELECT of the keys of documents containing every term."""
        long_terms = [t for t in terms if len(t) >= 2]
        short_terms = [t for t in terms if len(t) < 2]
        params: list[str] = []
        if long_terms:
            sql = f"SELECT rowid AS key FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?"
            params.append(" AND ".join(_phrase(t) for t in long_terms))
        else:
            sql = f"SELECT key FROM {DOCS_TABLE}"
        if short_terms:
            # A character that no bigram can find: scan the text for it (and
            # for the characters that fold to it, since the scan sees raw text).
            checks = []
            for term in short_terms:
                alternatives = []
                for variant in _fold_variants(term):
                    alternatives.append("instr(d.text, ?) > 0 OR instr(d.title, ?) > 0")
                    params += [variant, variant]
                checks.append("(" + " OR ".join(alternatives) + ")")
            sql = (
                f"SELECT s.key FROM {DOCS_TABLE} s JOIN documents d ON d.id = s.doc_id "
                f"WHERE s.key IN ({sql}) AND {' AND '.join(checks)}"
            )
        return sql, params

    def matching_keys(self, query: str) -> list[int] | None:
        """Keys of the documents containing every term, straight from the index, in increasing order.

        None when a term is too short for the index (one character), so the
        caller must scan the text instead (``filter_sql`` does). Call
        :meth:`sync` first for current results. A key deleted since the last
        sync may still be among them; callers map keys to live documents.
        """
        terms = parse_query(query)
        if not terms or any(len(term) < 2 for term in terms):
            return None
        # One string, not a row per match: a common word is in most of 100,000
        # documents. json parses the integers in C; the index yields them in order.
        (joined,) = self._conn.execute(
            f"SELECT group_concat(rowid) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
            "ORDER BY rowid)",
            [" AND ".join(_phrase(t) for t in terms)],
        ).fetchone()
        return json.loads(f"[{joined}]") if joined else []

    def documents_containing(self, text: str) -> list[str] | None:
        """Ids of the documents whose text may hold ``text``, in reading order; None when it is too short to look up.

        The index sees folded text (case, full width), so this is a superset of
        the documents holding ``text`` exactly, never missing one; the caller
        checks each. A one-character text has no bigram: None, scan instead.
        Brings the index up to date first, so call it where writing is fine
        (a worker, not the window's thread).
        """
        if len(text) < 2:
            return None
        self._check_version()
        self.sync()
        return [
            doc_id
            for (doc_id,) in self._conn.execute(
                f"SELECT s.doc_id FROM {FTS_TABLE} JOIN {DOCS_TABLE} s ON s.key = {FTS_TABLE}.rowid "
                f"WHERE {FTS_TABLE} MATCH ? ORDER BY s.position, s.key",
                ["body : " + _phrase(text)],
            )
        ]

    def count(self, query: str) -> int:
        terms = parse_query(query)
        if not terms:
            return 0
        sql, params = self._keys_sql(terms)
        return self._conn.execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0]

    def search(
        self,
        query: str,
        *,
        limit: int = 50,
        offset: int = 0,
        snippets: int = 3,
        context: int = 24,
        auto_sync: bool = True,
    ) -> SearchResults:
        """Documents containing every term of ``query``, in reading order, a page at a time."""
        started = time.perf_counter()
        terms = parse_query(query)
        results = SearchResults(query=query, terms=terms, offset=offset)
        results.pending = self.sync_if_small() if auto_sync else self.pending()
        if not terms:
            return results
        sql, params = self._keys_sql(terms)
        # One pass over the index: every match's key in reading order (a list
        # of integers, cheap even for the whole corpus); texts are read only
        # for the page shown.
        ordered = [
            key
            for (key,) in self._conn.execute(
                f"SELECT s.key FROM ({sql}) m JOIN {DOCS_TABLE} s ON s.key = m.key ORDER BY s.position, s.key",
                params,
            )
        ]
        results.total = len(ordered)
        page = ordered[offset : offset + limit]
        if page:
            marks = ",".join("?" * len(page))
            by_key = {
                row[0]: row[1:]
                for row in self._conn.execute(
                    f"SELECT s.key, d.id, d.title, d.status, d.text FROM {DOCS_TABLE} s "
                    f"JOIN documents d ON d.id = s.doc_id WHERE s.key IN ({marks})",
                    page,
                )
            }
            for key in page:
                if key not in by_key:
                    continue
                doc_id, title, status, text = by_key[key]
                text_hits = find_hits(text, terms)
                results.hits.append(
                    SearchHit(
                        doc_id=doc_id,
                        title=title,
                        status=status,
                        hit_count=len(text_hits),
                        title_hits=tuple(find_hits(title, terms)),
                        snippets=make_snippets(text, text_hits, context=context, limit=snippets),
                    )
                )
        results.elapsed_ms = (time.perf_counter() - started) * 1000
        return results

    def sync_if_small(self) -> int:
        """Index a short queue now (up to ``AUTO_SYNC_LIMIT``); returns what is still pending."""
        pending = self.pending()
        if not 0 < pending <= AUTO_SYNC_LIMIT:
            return pending
        # Never wait for the write lock here: while an import holds it, a
        # search in the window would freeze for the whole busy timeout.
        # Search what is indexed instead, and say how much is missing.
        (timeout,) = self._conn.execute("PRAGMA busy_timeout").fetchone()
        self._conn.execute("PRAGMA busy_timeout = 0")
        try:
            self._check_version()
            self.sync()
        except DatabaseError:
            pass
        finally:
            self._conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
        return self.pending()
