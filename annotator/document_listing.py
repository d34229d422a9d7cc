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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.model import Status
from annotator.search import SearchIndex, Snippet, find_hits, make_snippets, parse_query

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
    # full-text terms, all of which must occur (see annotator.search)
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
        where, params = self.where(filter)
        return [key for (key,) in self._conn.execute(
            f"SELECT documents.rowid FROM documents{where} ORDER BY documents.position, documents.rowid", params
        )]

    def count(self, filter: ListFilter = ListFilter()) -> int:
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
        schema_labels = self.store.schema.entity_names
        used = self._distinct("entities", "label")
        return schema_labels + [label for label in used if label not in schema_labels]
