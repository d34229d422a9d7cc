"""Import: pages read, cut into articles and stored, against tagging the same text with rjieba.

- ``import_vs_rjieba``: the files stage of ``annotator.project.importing.run_import``
  (what ``annotator import`` and the app's import dialog run) of 1,000 pages into
  a new project, without candidates or the search index, on one core (``workers=1``: reading,
  decoding, page segmentation, the store's transactional inserts), against
  ``rjieba.tag`` over the text of the same pages on one core: the one pass
  over the words that any Chinese pipeline makes. Wall clock, in turns.
- ``segmentation_vs_rjieba`` (informational): the page parser alone (read,
  decode, cut into documents, no database), one core, against the same
  baseline: what the parser costs of the import.
- ``import_all_pages`` (informational): the run's big project, every page
  imported with the default worker pool, against reading the files and
  inserting their raw text in one transaction; the project the search,
  memory, list and start-up figures open.
"""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path

import rjieba

from annotator.formats.registry import ReadOptions
from annotator.ingest.text_reader import read_text
from annotator.project.importing import ImportSettings, run_import
from annotator.store import Store
from annotator.text.segmenter import get_segmenter
from harness.corpus import page_paths
from harness.measure import Figure, alternating, ratio_at_most
from harness.profiles import call_tree
from harness.session import Session

GROUP = "import"
FIGURES = {
    "import_vs_rjieba": "import of 1,000 pages (read, segment, store; no candidates), one core, against rjieba.tag",
    "segmentation_vs_rjieba": "the page parser alone on the same pages, one core, against rjieba.tag",
    "import_all_pages": "import of the big project's pages with the worker pool, against reading and inserting them",
}
BIG_PROJECT = "big_project"
TARGET_RATIO = 2
PROFILE_PAGES = 200
IMPORT_NOTE = (
    "The baseline is rjieba's segmentation and POS tagging of the pages' text, in memory. The import "
    "reads and decodes each page, cuts it into its articles (headlines, bylines, column breaks, "
    "continuations, duplicates, page furniture), normalises widths and punctuation, and stores every "
    "article with its provenance, an event and a search-queue entry in a transaction. The summary below "
    "splits the time between the page parser (annotator/ingest/) and storing. The parser's cost is not work "
    "done twice: each page's bigram sets are made once and reused, and its two topic spaces (body lines for "
    "intertitles, paragraphs for continuations) learn from different paragraphs, so neither can stand in for "
    "the other without changing the output. Bigram sets, their counts and the weights picked from them (about a "
    "tenth of the import) are already in C (the bigrams in two sweeps of the engine, not a lookahead tried at every "
    "position), the byline and credit patterns are tried only on lines holding what each needs, and the patterns "
    "searched along a line open on one class of characters the engine skips between (those tied to a line's end "
    "are searched in its last few characters only). The regular-expression "
    "engine still does about a fifth of the parser's instructions (callgrind), some hundred patterns, most asked of "
    "nearly every line; "
    "the rest is Python spread over many rule functions, none above a few per "
    "cent. Cutting a "
    "third off the import needs a cheaper topic measure or fewer comparisons: a change of rules, to be judged "
    "on the tuning pages and by cross-validation (`benchmarks/parser_fingerprint.py` and "
    "`benchmarks/parser_cpu.py` compare another checkout's output and CPU time). The synthetic pages are recombined from the "
    "seed articles, so paragraphs recur from page to page; every cache the parser keeps is forgotten as each page "
    "begins (annotator/ingest/page_cache.py), so that recurrence buys nothing a user's own pages would not get "
    "(caches kept across pages had flattered the parser by about 11% of its instructions: "
    "`benchmarks/parser_instructions.py`)."
)
# The steps of an import, by the function that does each, for the profile's summary.
IMPORT_STEPS = {
    "reading the file (read_input)": "read_input",
    "decoding": "decode_bytes",
    "cutting the page into articles (segment_text)": "segment_text",
    "storing the documents (store.documents.import_source)": "import_source",
    "committing (Store.transaction)": "transaction",
}


def read_and_insert(paths: list[Path], db: Path) -> None:
    """The big import's baseline: raw text of every file into one table, one transaction."""
    db.unlink(missing_ok=True)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE pages (name TEXT PRIMARY KEY, body TEXT NOT NULL)")
    with conn:
        for path in paths:
            conn.execute("INSERT INTO pages VALUES (?, ?)", (path.name, path.read_text(encoding="utf-8")))
    conn.close()


def remove_project(db: Path) -> None:
    for leftover in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        leftover.unlink(missing_ok=True)


def import_pages(paths: list[Path], db: Path, *, workers: int | None = None) -> int:
    """Import ``paths`` into a new project at ``db``, without candidates; the number of documents."""
    remove_project(db)
    with Store(db, annotator="bench") as store:
        # the files stage only: read, segment, store (candidates and the search index are figures of their own)
        reports = run_import(store, paths, ImportSettings(suggest=False, finish=False, workers=workers)).reports
    failed = [r for r in reports if r.outcome == "failed"]
    if failed:
        raise RuntimeError(f"{len(failed)} pages failed to import: {failed[0].notes}")
    return sum(r.documents for r in reports)


def segment_pages(paths: list[Path]) -> int:
    options = ReadOptions()
    return sum(len(read_text(path, options).documents) for path in paths)


def ensure_big_project(session: Session) -> Path:
    """The imported project of all the run's pages (imported now, with the pool, if not yet)."""
    if BIG_PROJECT not in session.artifacts:
        db = session.work / "big.db"
        started = time.perf_counter()
        session.artifacts["big_project_documents"] = import_pages(page_paths(session.cache, session.plan.pages), db)
        session.artifacts["big_project_seconds"] = time.perf_counter() - started
        session.artifacts[BIG_PROJECT] = db
    return session.artifacts[BIG_PROJECT]


def figures(session: Session) -> list[Figure]:
    plan = session.plan
    paths = page_paths(session.cache, max(plan.import_pages, plan.pages))
    pages = paths[: plan.import_pages]
    texts = [path.read_text(encoding="utf-8") for path in pages]
    chars = sum(map(len, texts))
    megabytes = sum(p.stat().st_size for p in pages) / 1e6
    get_segmenter()  # the dictionary's loading is start-up, not import
    segment_pages(pages[:20])  # warm caches (regular expressions, the dictionary's pages)
    tagger = rjieba.Jieba()
    work = session.work
    times = alternating(
        {
            "rjieba": lambda i: [tagger.tag(text) for text in texts],
            "import": lambda i: import_pages(pages, work / "import-1000.db", workers=1),
            "parser": lambda i: segment_pages(pages),
        },
        plan.import_repeats,
    )
    documents = import_pages(pages, work / "import-1000.db", workers=1)
    remove_project(work / "import-1000.db")
    baseline = statistics.median(times["rjieba"])
    out = [
        Figure(
            id="import_vs_rjieba",
            name=f"import of {len(pages):,} pages, one core",
            value=statistics.median(times["import"]),
            unit="s",
            baseline=baseline,
            baseline_name="rjieba.tag over the same pages' text, one core",
            targets=[ratio_at_most(TARGET_RATIO)],
            profile=lambda: profile_import(pages[:PROFILE_PAGES], work / "profile.db"),
            note=IMPORT_NOTE,
            detail=(
                f"{megabytes:.1f} MB of UTF-8 in {len(pages):,} files, {chars:,} characters, {documents:,} "
                f"articles; run_import's files stage (workers=1) into a new project; wall clock, median of "
                f"{plan.import_repeats}, in turns with the baseline"
            ),
        ),
        Figure(
            id="segmentation_vs_rjieba",
            name=f"page parser alone on {len(pages):,} pages, one core",
            value=statistics.median(times["parser"]),
            unit="s",
            baseline=baseline,
            baseline_name="rjieba.tag over the same pages' text, one core",
            detail="read, decode and cut into articles in this process, no database: the parser's own cost",
            informational=True,
        ),
    ]
    out.append(_big_import(session, paths[: plan.pages]))
    return out


def _big_import(session: Session, paths: list[Path]) -> Figure:
    """The big project, imported once with the pool (timed), against read-and-insert of the same files."""
    session.artifacts.pop(BIG_PROJECT, None)
    db = ensure_big_project(session)
    seconds = session.artifacts["big_project_seconds"]
    baseline_started = time.perf_counter()
    read_and_insert(paths, session.work / "baseline.db")
    baseline = time.perf_counter() - baseline_started
    (session.work / "baseline.db").unlink(missing_ok=True)
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    with sqlite3.connect(db) as conn:
        documents = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    return Figure(
        id="import_all_pages",
        name=f"import of {len(paths):,} pages, every core",
        value=seconds,
        unit="s",
        baseline=baseline,
        baseline_name="read the files and insert their raw text into SQLite in one transaction",
        detail=(
            f"{megabytes:.0f} MB in {len(paths):,} files, {documents:,} articles; run_import's files stage with the default "
            "worker pool, no candidates; one run each (it builds the project the later figures open)"
        ),
        informational=True,
    )


def profile_import(paths: list[Path], db: Path) -> str:
    return (
        f"import of {len(paths)} pages, one core (workers=1), profiled:\n"
        + call_tree(lambda: import_pages(paths, db, workers=1), shares=IMPORT_STEPS)
    )
