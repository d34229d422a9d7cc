"""Import of N pages (segment and store) against reading the files and inserting their raw text.

- baseline: read every page file and insert its raw text into SQLite in one
  transaction: what any importer must at least do;
- import: the files stage of ``annotator.project.importing.run_import`` (what ``annotator import`` and
  the app's import dialog run) into a new project: decoding, page
  segmentation into articles, and the store's transactional inserts. Candidate
  generation and search indexing, which follow an import, are figures of their own;
- segmentation on one core: read and cut the files into documents in this
  process, no database: the part a faster parser would shrink.

The last import's project is the "large project" the search, memory and
document-list figures open.
"""

from __future__ import annotations

import sqlite3
import statistics
from pathlib import Path

from harness.corpus import page_paths
from harness.measure import Figure, alternating, ratio_at_most
from harness.session import Session

BIG_PROJECT = "big_project"
PROFILE_PAGES = 200
IMPORT_NOTE = (
    "The baseline parses nothing: it reads each page and stores it as one row. The import decodes the "
    "page, cuts it into its articles (headlines, bylines, column breaks, continuations, duplicates), "
    "normalises punctuation and stores every article with its provenance, an event and a search-queue "
    "entry. Pages are read and cut in worker processes on every core while the importing thread stores "
    "them, several files to a transaction, so the import is bounded by the parser's own CPU time: see "
    "the one-core segmentation figure, which alone is tens of times the baseline, and the summary below. "
    "Meeting 1.5× would take a page parser tens of times faster than this Python one."
)
# The steps of an import, by the function that does each, for the profile's summary.
IMPORT_STEPS = {
    "reading the file (read_input)": "read_input",
    "decoding": "decode_bytes",
    "cutting the page into articles (segment_text)": "segment_text",
    "storing the documents (Store.import_source)": "import_source",
}


def read_and_insert(paths: list[Path], db: Path) -> None:
    """The baseline: raw text of every file into one table, one transaction."""
    db.unlink(missing_ok=True)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE pages (name TEXT PRIMARY KEY, body TEXT NOT NULL)")
    with conn:
        for path in paths:
            conn.execute("INSERT INTO pages VALUES (?, ?)", (path.name, path.read_text(encoding="utf-8")))
    conn.close()


def import_pages(paths: list[Path], db: Path, *, workers: int | None = None) -> int:
    from annotator.project.importing import ImportSettings, run_import
    from annotator.store import Store

    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)
    with Store(db, annotator="bench") as store:
        # the files stage only: read, segment, store (no candidates, no search index)
        reports = run_import(store, paths, ImportSettings(suggest=False, finish=False, workers=workers)).reports
    failed = [r for r in reports if r.outcome == "failed"]
    if failed:
        raise RuntimeError(f"{len(failed)} pages failed to import: {failed[0].notes}")
    return sum(r.documents for r in reports)


def segment_pages(paths: list[Path]) -> int:
    from annotator.formats.registry import ReadOptions
    from annotator.ingest.text_reader import read_text

    options = ReadOptions()
    return sum(len(read_text(path, options).documents) for path in paths)


def ensure_big_project(session: Session) -> Path:
    """The imported project of all the run's pages (imported now, untimed, if the import figure did not run)."""
    if BIG_PROJECT not in session.artifacts:
        db = session.work / "big.db"
        session.artifacts["big_project_documents"] = import_pages(page_paths(session.cache, session.plan.pages), db)
        session.artifacts[BIG_PROJECT] = db
    return session.artifacts[BIG_PROJECT]


def figures(session: Session) -> list[Figure]:
    from annotator.text.segmenter import get_segmenter

    plan = session.plan
    paths = page_paths(session.cache, plan.pages)
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    get_segmenter()  # loading the dictionary is start-up cost, not import cost
    segment_pages(paths[:20])  # warm caches (regular expressions, the dictionary's pages)
    work = session.work
    times = alternating(
        {
            "baseline": lambda i: read_and_insert(paths, work / "baseline.db"),
            "import": lambda i: import_pages(paths, work / f"import-{i}.db"),
        },
        plan.import_repeats,
    )
    last = work / f"import-{plan.import_repeats - 1}.db"
    for attempt in range(plan.import_repeats - 1):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{work / f'import-{attempt}.db'}{suffix}").unlink(missing_ok=True)
    session.artifacts[BIG_PROJECT] = last
    conn = sqlite3.connect(last)
    documents = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    conn.close()
    session.artifacts["big_project_documents"] = documents

    sample = paths[: plan.segment_pages]
    sample_times = alternating(
        {
            "baseline": lambda i: read_and_insert(sample, work / "baseline-sample.db"),
            "segment": lambda i: segment_pages(sample),
        },
        plan.repeats if len(sample) <= 1000 else max(3, plan.repeats // 2),
    )
    return [
        Figure(
            name=f"import of {len(paths):,} pages (segment, store)",
            value=statistics.median(times["import"]),
            unit="s",
            baseline=statistics.median(times["baseline"]),
            baseline_name="read the files and insert their raw text into SQLite in one transaction",
            targets=[ratio_at_most(1.5)],
            profile=lambda: profile_import(paths[:PROFILE_PAGES], work / "profile.db"),
            note=IMPORT_NOTE,
            detail=(
                f"{megabytes:.0f} MB of UTF-8 in {len(paths):,} files, {documents:,} documents; "
                f"median of {plan.import_repeats}, in turns with the baseline; the files stage of annotator.project.importing.run_import "
                "without candidates"
            ),
        ),
        Figure(
            name=f"segmentation of {len(sample):,} pages, one core",
            value=statistics.median(sample_times["segment"]),
            unit="s",
            baseline=statistics.median(sample_times["baseline"]),
            baseline_name="read the files and insert their raw text into SQLite in one transaction",
            detail="read, decode and cut into documents in one process, no database: the parser's own cost",
            informational=True,
        ),
    ]


def profile_import(paths: list[Path], db: Path) -> str:
    from harness.profiles import call_tree

    return (
        f"import of {len(paths)} pages, profiled in one process (workers=1, so that reading and segmenting "
        "show up beside storing; the real import reads in worker processes while this thread stores):\n"
        + call_tree(lambda: import_pages(paths, db, workers=1), shares=IMPORT_STEPS)
    )
