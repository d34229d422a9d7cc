"""Full-text search over the imported project (every synthetic page, cut into articles).

A 2-character query, as the document list runs it: the total count and the
first page of 50 results with snippets, median over repeats; the figure is
the slowest of three 2-character words (in nearly every document, common,
rarer). The baseline, for scale, is the scan an index saves: counting the
documents whose text contains the word with ``instr``. Building the index
after the import is reported beside it.
"""

from __future__ import annotations

import statistics
import time

from harness.figures.ingest import ensure_big_project
from harness.measure import Figure, samples, value_at_most
from harness.session import Session

TWO_CHARACTER_QUERIES = ("工会", "职工", "嘉善")
INDEXED = "search_indexed"


def ensure_indexed(session: Session) -> float | None:
    """Bring the big project's search index up to date; the seconds it took (None if it already was)."""
    if INDEXED in session.artifacts:
        return None
    from annotator.search import SearchIndex
    from annotator.store import Store

    with Store(ensure_big_project(session), annotator="bench") as store:
        started = time.perf_counter()
        SearchIndex(store).sync(batch=500)
        took = time.perf_counter() - started
    session.artifacts[INDEXED] = took
    return took


def figures(session: Session) -> list[Figure]:
    from annotator.search import SearchIndex
    from annotator.store import Store

    indexing = ensure_indexed(session)
    pages = session.plan.pages
    with Store(ensure_big_project(session), annotator="bench") as store:
        conn = store.db.conn
        documents, chars = conn.execute("SELECT COUNT(*), SUM(length(text)) FROM documents").fetchone()
        index = SearchIndex(store)
        per_query = {}
        for query in TWO_CHARACTER_QUERIES:
            index.search(query, limit=50)  # the first run reads the index pages from disk
            times = samples(lambda i: index.search(query, limit=50), session.plan.search_repeats)
            scan = samples(
                lambda i: conn.execute(
                    "SELECT COUNT(*) FROM documents WHERE instr(text, ?) > 0 OR instr(title, ?) > 0", (query, query)
                ).fetchone(),
                3,
            )
            total = index.search(query, limit=50).total
            per_query[query] = (statistics.median(times), statistics.median(scan), total)
    slowest = max(per_query, key=lambda q: per_query[q][0])
    value, scan, _ = per_query[slowest]
    listing = ", ".join(f"{q} {t:,} hits {v * 1000:.1f} ms" for q, (v, _s, t) in per_query.items())
    out = [
        Figure(
            name=f"full-text search over {pages:,} pages, 2-character query",
            value=value * 1000,
            unit="ms",
            baseline=scan * 1000,
            baseline_name="scanning every text for the word (instr), no index",
            targets=[value_at_most(100, "ms")],
            detail=(
                f"{documents:,} documents, {chars / 1e6:.0f} M characters; count and first 50 results with snippets, "
                f"median of {session.plan.search_repeats}; slowest of: {listing}"
            ),
        )
    ]
    if indexing is not None:
        out.append(
            Figure(
                name=f"search index build for {pages:,} pages",
                value=indexing,
                unit="s",
                detail=f"SearchIndex.sync after the import, {chars / indexing / 1e6:.2f} M characters/s",
                informational=True,
            )
        )
    return out
