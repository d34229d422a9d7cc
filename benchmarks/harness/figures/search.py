"""Full-text search over the imported project (every synthetic page, cut into articles), as the app runs it.

A 2-character query typed into the document list's search box: the list
filtered to the matching documents in reading order and its first screen
painted with snippets (``DocumentListPanel.set_filter``), median over
repeats; the figure is the slowest of three 2-character words (in nearly
every document, common, rarer). The first search of a session also reads
the list's catalogue once; it is reported beside the figure. The baseline,
for scale, is the scan an index saves: counting the documents whose text
contains the word with ``instr``. Building the index after the import is
reported too.
"""

from __future__ import annotations

import statistics
import time

from harness.figures.ingest import ensure_big_project
from harness.measure import Figure, samples, seconds, value_at_most
from harness.session import Session

TWO_CHARACTER_QUERIES = ("工会", "职工", "嘉善")
INDEXED = "search_indexed"


def ensure_indexed(session: Session) -> float | None:
    """Bring the big project's search index up to date; the seconds it took (None if it already was)."""
    if INDEXED in session.artifacts:
        return None
    from annotator.project.search import SearchIndex
    from annotator.store import Store

    with Store(ensure_big_project(session), annotator="bench") as store:
        started = time.perf_counter()
        SearchIndex(store).sync(batch=500)
        took = time.perf_counter() - started
    session.artifacts[INDEXED] = took
    return took


def figures(session: Session) -> list[Figure]:
    from annotator.project.document_listing import ListFilter
    from annotator.store import Store
    from annotator.ui.app import ensure_application
    from annotator.ui.document_list import DocumentListPanel

    indexing = ensure_indexed(session)
    pages = session.plan.pages
    app = ensure_application()
    with Store(ensure_big_project(session), annotator="bench") as store:
        conn = store.db.conn
        documents, chars = conn.execute("SELECT COUNT(*), SUM(length(text)) FROM documents").fetchone()
        panel = DocumentListPanel(store)
        panel.resize(360, 800)
        panel.show()
        app.processEvents()

        def search(query: str) -> int:
            panel.set_filter(ListFilter(query=query))
            panel.grab()  # the first screen painted, snippets and all
            return panel.model.rowCount()

        def clear() -> None:
            panel.set_filter(ListFilter())
            app.processEvents()

        first = seconds(lambda: search(TWO_CHARACTER_QUERIES[0]))
        clear()
        per_query = {}
        for query in TWO_CHARACTER_QUERIES:
            times = []
            for _ in range(session.plan.search_repeats):
                times.append(seconds(lambda: search(query)))
                hits = panel.model.rowCount()
                clear()
            scan = samples(
                lambda i: conn.execute(
                    "SELECT COUNT(*) FROM documents WHERE instr(text, ?) > 0 OR instr(title, ?) > 0", (query, query)
                ).fetchone(),
                3,
            )
            per_query[query] = (statistics.median(times), statistics.median(scan), hits)
        panel.shutdown()
        panel.close()
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
                f"{documents:,} documents, {chars / 1e6:.0f} M characters; the document list filtered and its "
                f"first screen painted, median of {session.plan.search_repeats}; slowest of: {listing}; "
                f"the session's first search took {first * 1000:.0f} ms"
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
