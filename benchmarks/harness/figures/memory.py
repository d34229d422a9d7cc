"""Memory with the large project open: the annotation window's resident memory once it has settled.

The window opens the imported project (every synthetic page, cut into
articles), opens the first unfinished document, finishes its background jobs
(jieba, candidates for the next documents), scrolls the document list to the
end and searches every document for a 2-character word; then its resident
set size is read. The baseline is a bare QApplication and QMainWindow, shown.
Each runs in a fresh process.
"""

from __future__ import annotations

import statistics

from harness.figures.ingest import ensure_big_project
from harness.figures.search import ensure_indexed
from harness.launch import quiet_qt_environment, settled_memory
from harness.measure import Figure, value_at_most
from harness.session import Session

GROUP = "memory"
FIGURES = {"memory_20k": "resident memory of the annotation window with the 20,000-page project open and settled"}
TARGET_MB = 300


def figures(session: Session) -> list[Figure]:
    db = ensure_big_project(session)
    ensure_indexed(session)
    folder = session.work / "memory"
    folder.mkdir(exist_ok=True)
    env = quiet_qt_environment(session.cache / "home")
    runs = max(1, min(3, session.plan.launches))
    bare = [settled_memory("bare", env, folder)["rss_mb"] for _ in range(runs)]
    app = [settled_memory("app", env, folder, db) for _ in range(runs)]
    peak = max(r["peak_mb"] or 0 for r in app)
    return [
        Figure(
            id="memory_20k",
            name=f"memory with a {session.plan.pages:,}-page database open",
            value=statistics.median(r["rss_mb"] for r in app),
            unit="MB",
            baseline=statistics.median(bare),
            baseline_name="a bare QApplication and QMainWindow, shown",
            targets=[value_at_most(TARGET_MB, "MB RSS")],
            unjudged="" if session.plan.big else f"measured on {session.plan.pages:,} pages, not 20,000",
            detail=(
                f"{session.artifacts.get('big_project_documents', 0):,} documents; resident set once settled "
                f"(document open, background jobs done, list scrolled, corpus searched), median of {runs} processes; "
                f"peak {peak:.0f} MB"
            ),
        )
    ]
