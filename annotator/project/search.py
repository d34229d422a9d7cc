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
index still holds, and :meth:`SearchIndex.sync` brings the index up to date
through the store's index writer (``annotator.store.search_index``). This
module is the query side.
``search`` syncs small queues itself; after a large import, call ``sync``
(the import dialog does) or let it run in the background.

Folding is one character to one character (ASCII case, full-width forms), so
every offset reported here is a code-point offset into the original text.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from annotator.errors import DatabaseError
from annotator.store.search_index import DOCS_TABLE, FTS_TABLE
from annotator.text.bigrams import ASCII_SHIFT, fold, fold_table, index_tokens

if TYPE_CHECKING:
    from annotator.store import Store

# ``search`` indexes a queue this short itself; longer ones are left to an
# explicit ``sync`` (the import dialog, or a background worker) so a search
# never stalls the window for long.
AUTO_SYNC_LIMIT = 300

# progress(done, total)
Progress = Callable[[int, int], None]


# --- queries -------------------------------------------------------------------------------


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
    for code, folded in fold_table().items():
        if folded == target:
            variants.add(chr(code))
    return tuple(sorted(v for v in variants if not (ASCII_SHIFT <= ord(v) < ASCII_SHIFT + 128)))


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
        return self.store.search_index.pending()

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
            n = self.store.search_index.index_queued(batch)
            if not n:
                break
            done += n
            if progress:
                progress(min(done, total), max(total, done))
        return done

    def rebuild(self, *, progress: Progress | None = None) -> int:
        """Throw the index away and index every document again."""
        self.store.search_index.reset()
        self._checked_version = True
        return self.sync(progress=progress)

    def _check_version(self) -> None:
        if self._checked_version:
            return
        if not self.store.search_index.tokenizer_is_current():
            self.store.search_index.reset()
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
