"""The project's documents as a filtered list read a window at a time: what the document list shows.

Opening a list of 100,000 documents must not read 100,000 rows: documents
carry their whole text inline, so even asking each for its id touches a page
per document. The listing therefore works in two steps:

1. ``keys(filter)``: the matching documents' rowids in reading order, taken
   from the covering indexes on (position) and (status, position) when the
   filter allows. A list of integers, ~10 ms for 100,000 documents.
2. ``rows(keys)``: titles, status and counts for the few rows on screen.

Rowids are handles for one session only (VACUUM may renumber them); nothing
stores them.
"""

from __future__ import annotations

import json
import operator
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from annotator.model import Status
from annotator.project.search import DOCS_TABLE, SearchIndex, Snippet, find_hits, make_snippets, parse_query

if TYPE_CHECKING:
    from annotator.store import Store

# Characters of the text shown in place of a missing title.
UNTITLED_PREVIEW = 40


@dataclass(frozen=True)
class ListFilter:
    """Which documents to list. Empty sets and an empty query mean no restriction."""

    statuses: frozenset[str] = frozenset()
    # documents with at least one entity of one of these labels
    labels: frozenset[str] = frozenset()
    # documents one of these people worked on: they added or last changed an
    # entity, a relation or a document label there, or spent time on it
    annotators: frozenset[str] = frozenset()
    # full-text terms, all of which must occur (see annotator.project.search)
    query: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.statuses or self.labels or self.annotators or self.query.strip())

    @classmethod
    def make(
        cls,
        statuses: Iterable[Status | str] = (),
        labels: Iterable[str] = (),
        annotators: Iterable[str] = (),
        query: str = "",
    ) -> ListFilter:
        return cls(
            frozenset(Status(s).value for s in statuses), frozenset(labels), frozenset(annotators), query
        )


@dataclass(frozen=True)
class DocumentRow:
    key: int
    doc_id: str
    title: str
    # the start of the text, for documents without a title
    preview: str
    status: Status
    status_reason: str
    kind: str
    entities: int
    relations: int
    pending_candidates: int

    @property
    def display_title(self) -> str:
        return self.title or self.preview


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


class DocumentListing:
    """Filtered, ordered access to the documents of one ``Store`` (and its thread)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._conn = store.db.conn
        self.search = SearchIndex(store)
        # what _cached_signature and _reading_order read, with what it was read at
        self._cache: dict[str, tuple[tuple, Any]] = {}

    def where(self, filter: ListFilter) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if filter.statuses:
            values = sorted(filter.statuses)
            clauses.append(f"documents.status IN ({_marks(values)})")
            params += values
        if filter.labels:
            values = sorted(filter.labels)
            clauses.append(f"documents.id IN (SELECT doc_id FROM entities WHERE label IN ({_marks(values)}))")
            params += values
        if filter.annotators:
            values = sorted(filter.annotators)
            marks = _marks(values)
            clauses.append(
                "documents.id IN ("
                f"SELECT doc_id FROM entities WHERE annotator IN ({marks}) "
                f"UNION SELECT doc_id FROM relations WHERE annotator IN ({marks}) "
                f"UNION SELECT doc_id FROM doc_labels WHERE annotator IN ({marks}) "
                f"UNION SELECT doc_id FROM time_spent WHERE annotator IN ({marks}))"
            )
            params += values * 4
        if filter.query.strip():
            search = self.search.filter_sql(filter.query)
            if search is not None:
                clauses.append(search[0])
                params += search[1]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def keys(self, filter: ListFilter = ListFilter()) -> list[int]:
        """Rowids of the matching documents, in reading order.

        With a search query, a short queue of changed documents is indexed
        first; a long one is left to a background sync (see ``pending_index``).
        """
        if filter.query.strip():
            self.search.sync_if_small()
            found = self.search.matching_keys(filter.query)
            if found is not None:
                matched = self._in_reading_order(found)
                rest = replace(filter, query="")
                if rest.is_empty:
                    return matched
                wanted = set(matched)
                return [key for key in self._keys_sql(rest) if key in wanted]
        return self._keys_sql(filter)

    def _in_reading_order(self, search_keys: list[int]) -> list[int]:
        """The rowids of the documents with these search-index keys, in reading order.

        Joining a common word's keys to the documents in SQL and sorting them
        takes ~400 ms on 150,000 documents. Here the reading order is read once
        (until documents are added, removed or reordered) and reused. When
        documents were added in reading order, as imports add them, key order
        is reading order: each key maps straight to its rowid, and a project
        that only ever grew numbers both alike, so with nothing waiting to be
        indexed the keys are the answer. Otherwise the reading order is walked,
        keeping the documents whose key matched.
        """
        signature = self._cached_signature()
        order = self._key_order(signature)
        if order != "other":
            search_keys.sort()  # the index gives them sorted already: a linear check
            if order == "same" and self.search.pending() == 0:
                return search_keys  # an index with nothing queued holds only live documents
            rowid_of = self._rowid_of_search_key(signature)
            return [rowid_of[key] for key in search_keys if key in rowid_of]
        wanted = set(search_keys)
        aligned = self._search_keys_in_reading_order(signature)
        return [key for key, search_key in zip(self._reading_order(signature), aligned) if search_key in wanted]

    def _keys_sql(self, filter: ListFilter) -> list[int]:
        where, params = self.where(filter)
        return self._ordered_rowids(f"FROM documents{where}", params)

    def _ordered_rowids(self, source: str, params: Sequence[Any] = ()) -> list[int]:
        """``documents.rowid`` of ``source`` (a FROM clause), in reading order, read as one string.

        A row per document costs a tuple each in Python: 60 ms for 150,000
        documents, where one concatenated string costs 15 ms, and 13 ms to parse.
        """
        if sqlite3.sqlite_version_info >= (3, 44, 0):
            sql = f"SELECT group_concat(documents.rowid ORDER BY documents.position, documents.rowid) {source}"
        else:
            # Older SQLite has no ORDER BY inside an aggregate; it concatenates the
            # rows of an ordered subquery in the order the subquery yields them.
            sql = (
                f"SELECT group_concat(key) FROM (SELECT documents.rowid AS key {source} "
                "ORDER BY documents.position, documents.rowid)"
            )
        (joined,) = self._conn.execute(sql, params).fetchone()
        return json.loads(f"[{joined}]") if joined else []  # json parses integers in C

    # Read once and kept until documents are added, removed or reordered (the
    # ``signature`` changes); annotating never changes them.

    def _cached_signature(self) -> tuple:
        """``signature()``, recomputed (a scan of the catalogue) only after something was written."""
        writes = (self._conn.execute("PRAGMA data_version").fetchone()[0], self._conn.total_changes)
        cached = self._cache.get("signature")
        if cached is None or cached[0] != writes:
            cached = self._cache["signature"] = (writes, self.signature())
        return cached[1]

    def _reading_order(self, signature: tuple) -> list[int]:
        """Every document's rowid, in reading order."""
        cached = self._cache.get("order")
        if cached is None or cached[0] != signature:
            cached = self._cache["order"] = (signature, self._ordered_rowids("FROM documents"))
        return cached[1]

    def _search_keys_in_reading_order(self, signature: tuple) -> list[int | None]:
        """Beside each entry of ``_reading_order``, that document's search-index key."""
        cached = self._cache.get("search_keys")
        if cached is None or cached[0] != signature:
            search_key_of = dict(self._conn.execute(
                f"SELECT d.rowid, s.key FROM {DOCS_TABLE} s JOIN documents d ON d.id = s.doc_id"
            ).fetchall())
            aligned = [search_key_of.get(key) for key in self._reading_order(signature)]
            cached = self._cache["search_keys"] = (signature, aligned)
        return cached[1]

    def _key_order(self, signature: tuple) -> str:
        """How index keys run along the reading order: "same" (each key is its document's rowid),
        "rising", or "other"."""
        cached = self._cache.get("key_order")
        if cached is None or cached[0] != signature:
            if self._keys_are_rowids_in_reading_order():
                order = "same"  # decided in SQL, without reading 150,000 numbers into Python
            else:
                search_keys = self._search_keys_in_reading_order(signature)
                rising = None not in search_keys and all(a < b for a, b in zip(search_keys, search_keys[1:]))
                order = "rising" if rising else "other"
            cached = self._cache["key_order"] = (signature, order)
        return cached[1]

    def _keys_are_rowids_in_reading_order(self) -> bool:
        (differing,) = self._conn.execute(
            f"SELECT COUNT(*) FROM {DOCS_TABLE} s JOIN documents d ON d.id = s.doc_id WHERE s.key != d.rowid"
        ).fetchone()
        if differing:
            return False
        # Reading order is rowid order when rowids only rise along it: checked on the reading
        # order itself, read from the position index. (Listing the rowids in rowid order to
        # compare would read the whole documents table, every text: seconds on a large project
        # for the first search of a session.)
        order = self._ordered_rowids("FROM documents")
        return all(map(operator.lt, order[:-1], order[1:]))  # at C speed: 150,000 numbers

    def _rowid_of_search_key(self, signature: tuple) -> dict[int, int]:
        cached = self._cache.get("rowid_of")
        if cached is None or cached[0] != signature:
            mapping = dict(zip(self._search_keys_in_reading_order(signature), self._reading_order(signature)))
            cached = self._cache["rowid_of"] = (signature, mapping)
        return cached[1]

    def count(self, filter: ListFilter = ListFilter()) -> int:
        if filter.query.strip():
            return len(self.keys(filter))
        where, params = self.where(filter)
        return self._conn.execute(f"SELECT COUNT(*) FROM documents{where}", params).fetchone()[0]

    def rows(self, keys: Sequence[int]) -> dict[int, DocumentRow]:
        """The rows for ``keys`` (missing keys, e.g. deleted documents, are left out)."""
        out: dict[int, DocumentRow] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            for row in self._conn.execute(
                "SELECT d.rowid, d.id, d.title, "
                f"CASE WHEN d.title = '' THEN substr(d.text, 1, {UNTITLED_PREVIEW}) ELSE '' END, "
                "d.status, d.status_reason, d.kind, "
                "(SELECT COUNT(*) FROM entities e WHERE e.doc_id = d.id), "
                "(SELECT COUNT(*) FROM relations r WHERE r.doc_id = d.id), "
                "(SELECT COUNT(*) FROM candidates c WHERE c.doc_id = d.id AND c.state = 'pending') "
                f"FROM documents d WHERE d.rowid IN ({_marks(chunk)})",
                chunk,
            ):
                key, doc_id, title, preview, status, reason, kind, entities, relations, pending = row
                out[key] = DocumentRow(
                    key, doc_id, title, " ".join(preview.split()), Status(status), reason, kind,
                    entities, relations, pending,
                )
        return out

    def snippets(self, keys: Sequence[int], query: str, *, context: int = 16) -> dict[int, Snippet]:
        """The first excerpt around the query's terms in each document of ``keys`` that has one."""
        terms = parse_query(query)
        out: dict[int, Snippet] = {}
        if not terms or not keys:
            return out
        for start in range(0, len(keys), 200):
            chunk = list(keys[start : start + 200])
            for key, text in self._conn.execute(
                f"SELECT rowid, text FROM documents WHERE rowid IN ({_marks(chunk)})", chunk
            ):
                found = make_snippets(text, find_hits(text, terms), context=context, limit=1)
                if found:
                    out[key] = found[0]
        return out

    def pending_index(self) -> int:
        """Documents whose changes the search index has not taken in yet."""
        return self.search.pending()

    def status_counts(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}
        counts.update(self._conn.execute("SELECT status, COUNT(*) FROM documents GROUP BY status").fetchall())
        return counts

    def doc_ids(self, keys: Sequence[int]) -> list[str]:
        """The document ids of ``keys``, in the same order (missing keys left out)."""
        found: dict[int, str] = {}
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            found.update(self._conn.execute(
                f"SELECT rowid, id FROM documents WHERE rowid IN ({_marks(chunk)})", chunk
            ).fetchall())
        return [found[key] for key in keys if key in found]

    def key_of(self, doc_id: str) -> int | None:
        row = self._conn.execute("SELECT rowid FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else row[0]

    def signature(self) -> tuple[int, float, int]:
        """Changes whenever documents are added, removed or reordered (read from the small catalogue)."""
        return tuple(self._conn.execute(
            "SELECT COUNT(*), TOTAL(position), COALESCE(MAX(key), 0) FROM search_docs"
        ).fetchone())

    # --- what the filters can offer ---------------------------------------------------------

    def _distinct(self, table: str, column: str) -> list[str]:
        """DISTINCT through an index, one probe per value (a loose index scan).

        A plain DISTINCT reads every row: 30 ms on a big project, for a
        handful of names.
        """
        return [value for (value,) in self._conn.execute(
            f"WITH RECURSIVE v(x) AS (SELECT MIN({column}) FROM {table} "
            f"UNION ALL SELECT (SELECT MIN({column}) FROM {table} WHERE {column} > x) FROM v WHERE x IS NOT NULL) "
            "SELECT x FROM v WHERE x IS NOT NULL"
        )]

    def annotator_names(self) -> list[str]:
        names = {name for (name,) in self._conn.execute("SELECT name FROM annotators")}
        names.update(self._distinct("entities", "annotator"))
        names.update(self._distinct("relations", "annotator"))
        return sorted(n for n in names if n)

    def labels_in_use(self) -> list[str]:
        """Entity labels of the schema, then any label the data uses that the schema lacks."""
        schema_labels = self.store.schema.current.entity_names
        used = self._distinct("entities", "label")
        return schema_labels + [label for label in used if label not in schema_labels]
