"""What checking and backing up a large project costs: the figures behind the check-at-open policy.

    python benchmarks/project_checks.py [--documents 20000] [--cache DIR] [--repeats 3]

Builds (once, then cached) a project of 20,000 pages of about 5,000
characters each, with entities, candidates, events and the search index, as
``benchmarks/harness/projects.py`` builds its projects; then times, median
of ``--repeats`` in one process (so the file is in the operating system's
cache after the first read, as it is for an app that just opened it):

* ``checks.read`` (the baseline): reading the whole file once, 1 MB at a time;
* ``checks.open``: opening the project read-only, as ``stats`` does;
* ``checks.quick_check``: SQLite's ``PRAGMA quick_check`` (its first run, from a
  cold start of this process, is printed too);
* ``checks.integrity_check``: SQLite's full ``PRAGMA integrity_check``;
* ``checks.content``: Annotator's checks of what SQLite cannot see (UTF-8,
  document hashes, JSON);
* ``checks.backup``: ``take_backup``: the copy through SQLite's backup API and
  its quick check;
* ``checks.verify``: checking a backup before restoring it (full check).

Each figure is printed with its ratio to the baseline; docs/reliability.md
quotes them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for path in (REPO, HERE):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

DEFAULT_CACHE = REPO / ".benchmarks-cache"
CACHE_ENV = "ANNOTATOR_BENCH_CACHE"


def ensure_project(cache: Path, documents: int) -> Path:
    from harness.projects import build_project

    from annotator.project.search import SearchIndex
    from annotator.store import Store

    path = cache / f"checks-{documents}.db"
    if path.is_file():
        return path
    partial = cache / f"checks-{documents}.partial.db"
    build_project(partial, documents, chars_per_page=5000, entities_per_doc=5, candidates_per_doc=10)
    with Store(partial, annotator="bench") as store:
        SearchIndex(store).sync(batch=500)
    partial.rename(path)
    return path


def timed(run, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        out.append(time.perf_counter() - started)
    return out


def read_whole(path: Path) -> None:
    with open(path, "rb") as handle:
        while handle.read(1 << 20):
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000, help="pages (one document each) in the project")
    parser.add_argument("--cache", type=Path, help=f"where the project is kept (default: ${CACHE_ENV} or {DEFAULT_CACHE})")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    cache = (args.cache or Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE)).resolve()
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="annotator-checks-"))
    os.environ["ANNOTATOR_HOME"] = str(work / "home")

    import sqlite3

    from annotator.store import Store, backups, health
    from annotator.store.backups import BackupSettings

    project = ensure_project(cache, args.documents)
    conn = sqlite3.connect(f"{project.as_uri()}?mode=ro", uri=True)
    started = time.perf_counter()
    first_quick = health.quick_check(conn)
    first_quick_seconds = time.perf_counter() - started
    size = project.stat().st_size
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    counts = conn.execute(
        "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM entities), "
        "(SELECT COUNT(*) FROM candidates), (SELECT COUNT(*) FROM events)"
    ).fetchone()
    settings = BackupSettings(folder=str(work / "backups"), keep_recent=1, keep_daily=0)
    made: list[Path] = []

    def backup() -> None:
        taken = backups.take_backup(project, settings, only_if_changed=False)
        made.append(taken.path)

    figures = [
        ("checks.read", "read the whole file (baseline)", timed(lambda: read_whole(project), args.repeats)),
        ("checks.open", "open read-only (what stats pays)", timed(lambda: Store(project, read_only=True).close(), args.repeats)),
        ("checks.quick_check", "PRAGMA quick_check", timed(lambda: health.quick_check(conn), args.repeats)),
        ("checks.integrity_check", "PRAGMA integrity_check", timed(lambda: health.integrity_check(conn), args.repeats)),
        ("checks.content", "UTF-8, document hashes, JSON", timed(lambda: health.content_problems(conn), args.repeats)),
        ("checks.backup", "backup (copy and quick check)", timed(backup, args.repeats)),
    ]
    figures.append(("checks.verify", "verify a backup before restoring", timed(lambda: backups.verify(made[-1]), args.repeats)))
    conn.close()
    baseline = statistics.median(figures[0][2])
    print(
        f"project: {counts[0]:,} documents, {counts[1]:,} entities, {counts[2]:,} candidates, {counts[3]:,} events; "
        f"{size / 1e6:,.0f} MB, {pages:,} pages; SQLite {sqlite3.sqlite_version}, {os.cpu_count()} CPUs"
    )
    print(f"first quick_check in this process: {first_quick_seconds:.2f} s ({'ok' if not first_quick else first_quick[0]})")
    print("| id | what | median | runs | × baseline |")
    print("|---|---|---|---|---|")
    for figure_id, what, runs in figures:
        median = statistics.median(runs)
        print(f"| `{figure_id}` | {what} | {median:.2f} s | {', '.join(f'{r:.2f}' for r in runs)} | {median / baseline:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
