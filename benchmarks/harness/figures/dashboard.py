"""The dashboard's figures on a large annotated project with a history (informational: no target).

The dashboard computes on a worker thread, so the window never freezes; the
figure is how long the person who runs the project waits for the charts.
The baseline is the cheapest useful figure: documents counted by status.
"""

from __future__ import annotations

import statistics

from annotator.project import progress
from annotator.store import Store
from harness.measure import Figure, alternating
from harness.projects import build_project
from harness.session import Session

GROUP = "dashboard"
FIGURES = {"dashboard_100k": "the dashboard's figures for 100,000 documents, against counting them by status"}
PROJECT_VERSION = 1


def figures(session: Session) -> list[Figure]:

    documents = session.plan.dashboard_documents
    path = session.cache / f"dashboard-v{PROJECT_VERSION}-{documents}.db"
    if not path.is_file():
        partial = path.with_suffix(".partial")
        build_project(partial, documents, chars_per_page=1500, entities_per_doc=5, candidates_per_doc=3, days=60)
        partial.rename(path)
    with Store(path, annotator="bench") as store:
        events = store.db.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        times = alternating(
            {
                "baseline": lambda i: progress.status_counts(store),
                "dashboard": lambda i: progress.project_progress(store, days=30),
            },
            session.plan.repeats,
        )
    return [
        Figure(
            id="dashboard_100k",
            name=f"dashboard figures for {documents:,} documents",
            value=statistics.median(times["dashboard"]) * 1000,
            unit="ms",
            baseline=statistics.median(times["baseline"]) * 1000,
            baseline_name="documents counted by status",
            detail=f"{events:,} events over 60 days; progress.project_progress for the last 30 days, "
                   f"median of {session.plan.repeats}, in turns",
            informational=True,
        )
    ]
