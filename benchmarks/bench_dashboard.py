"""The dashboard's figures on a large project: 100,000 documents, ~300,000 entity events.

    python benchmarks/bench_dashboard.py
    python benchmarks/bench_dashboard.py --db /tmp/big.db   # keep and reuse the project

The dashboard computes its figures on a worker thread, so nothing here
freezes the window; the figure that matters is how long the user waits for
the charts. The baseline, measured in the same run, is the cheapest useful
figure: documents counted by status.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import build_project  # noqa: E402

from annotator import progress  # noqa: E402
from annotator.store import Store  # noqa: E402


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    path = args.db or Path(tempfile.mkdtemp(prefix="annotator-dashboard-bench-")) / "big.db"
    if not path.exists():
        build_project(path, args.docs, chars_per_page=1500, entities_per_doc=5, candidates_per_doc=3, days=60)
    with Store(path, annotator="bench") as store:
        events = store.db.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        print(f"project: {store.document_count():,} documents, {events:,} events")
        baseline = timed(lambda: progress.status_counts(store))
        print(f"documents by status (baseline):      {baseline:8.1f} ms")
        for days in (30, 90, None):
            ms = timed(lambda: progress.project_progress(store, days=days))
            label = f"all figures, {'all time' if days is None else f'last {days} days'}"
            print(f"{label + ':':<37}{ms:8.1f} ms  ({ms / baseline:.0f}x the baseline)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
