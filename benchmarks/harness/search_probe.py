"""Run in a child process: open a project as the app's document list does, then search it.

    python -m harness.search_probe PROJECT.db QUERY [REPEATS]

Prints one JSON line: ``open_ms`` (the store opened, the list panel built and
its first screen painted), ``first_ms`` (the first search in this fresh
process: the query typed, the list filtered and its first screen painted,
snippets and all) and ``again_ms`` (the same search repeated, median).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time

from annotator.project.document_listing import ListFilter
from annotator.store import Store
from annotator.ui.app import ensure_application
from annotator.ui.document_list import DocumentListPanel


def main(argv: list[str]) -> int:
    db, query = argv[0], argv[1]
    repeats = int(argv[2]) if len(argv) > 2 else 5
    app = ensure_application()
    started = time.perf_counter()
    store = Store(db, annotator="bench")
    panel = DocumentListPanel(store)
    panel.resize(360, 800)
    panel.show()
    app.processEvents()
    panel.grab()
    opened = time.perf_counter() - started

    def search(text: str) -> float:
        began = time.perf_counter()
        panel.set_filter(ListFilter(query=text))
        panel.grab()  # the first screen painted, snippets and all
        return time.perf_counter() - began

    first = search(query)
    hits = panel.model.rowCount()
    again = []
    for _ in range(repeats):
        panel.set_filter(ListFilter())
        app.processEvents()
        again.append(search(query))
    print(json.dumps({
        "open_ms": opened * 1000, "first_ms": first * 1000, "again_ms": statistics.median(again) * 1000, "hits": hits,
    }))
    sys.stdout.flush()
    os._exit(0)  # measured; skip tearing the panel down


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
