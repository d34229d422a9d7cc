"""Import speed: page segmentation against a plain read-and-insert of the same files, measured in one run.

    python benchmarks/bench_ingest.py [--pages N] [--repeats R] [--json OUT]

The corpus is synthetic newspaper pages built from the seed pages' articles
(headlines, kickers, bylines, paragraphs, photos), recombined with a fixed
random seed: each page gets several articles, some paragraphs cut by column
breaks, some articles interrupted and continued further down, photos and ads,
half of the pages in Markdown style and half plain, as the seeds are.

Figures, each the median of ``repeats`` runs over the whole corpus:

- ``baseline``: read every file and insert its raw text into SQLite, in one
  transaction (what any importer must at least do);
- ``segment``: read, decode and cut every file into documents, no database;
- ``import``: ``annotator.importing.import_file`` for every file into a fresh
  project (segmentation plus the store's transactional insert, one file at a
  time; candidate suggestions are measured elsewhere).

The target (issue 3) is that import is bounded by I/O and the SQLite insert,
not by segmentation: ``segment`` should stay well below ``import``.
``measure()`` is what the benchmark harness calls.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator import app_paths
from annotator.formats.registry import ReadOptions
from annotator.importing import import_file
from annotator.ingest.text_reader import read_text
from annotator.store import Store
from annotator.text.segmenter import get_segmenter

SEED = 20220623


@dataclass
class Article:
    title: str
    kicker: str
    byline: str  # a standalone byline line, or ""
    paragraphs: list[str]
    photo: bool


def seed_articles() -> list[Article]:
    """The articles of the bundled seed pages, as the importer reads them (raw text, before normalisation)."""
    articles = []
    for path in sorted(app_paths.seeds_dir().glob("*.txt")):
        for annotated in read_text(path, ReadOptions(normalise_width=False)).documents:
            doc = annotated.document
            paragraphs = (doc.raw_text or doc.text).split("\n")
            byline = ""
            if doc.kind == "feature" and paragraphs and paragraphs[0].startswith("本报记者"):
                byline = paragraphs.pop(0)
            articles.append(
                Article(doc.title, doc.meta.get("kicker", ""), byline, paragraphs, doc.kind == "photo")
            )
    return articles


def _cut(paragraph: str, rng: random.Random) -> tuple[str, str]:
    at = rng.randint(len(paragraph) // 4, 3 * len(paragraph) // 4)
    return paragraph[:at], paragraph[at:]


def synthetic_page(articles: list[Article], rng: random.Random, number: int) -> str:
    """One page: 6-10 articles, Markdown or plain headlines, column breaks, a continuation, maybe an ad."""
    markdown = rng.random() < 0.5
    chosen = rng.sample(articles, rng.randint(6, min(10, len(articles))))
    blocks: list[str] = []
    continuation: list[str] = []
    for index, article in enumerate(chosen):
        if article.kicker and not article.photo:
            blocks.append(article.kicker)
        title = f"{article.title}（{number}-{index}）"
        blocks.append(("# " if markdown and index % 3 == 0 else "## " if markdown else "") + title)
        if article.byline:
            blocks.append(article.byline)
        paragraphs = list(article.paragraphs)
        # every article distinct, or the store would skip repeats as already imported
        paragraphs[0] = f"{paragraphs[0]}（第{number}期第{index}篇）"
        if not article.photo and len(paragraphs) > 3 and rng.random() < 0.5:
            # a column break inside a paragraph
            k = rng.randrange(len(paragraphs) - 1)
            paragraphs[k : k + 1] = list(_cut(paragraphs[k], rng))
        if not continuation and not article.photo and len(paragraphs) > 4 and rng.random() < 0.4:
            # interrupted mid-sentence, continued at the bottom of the page
            k = len(paragraphs) // 2
            head, tail = _cut(paragraphs[k], rng)
            continuation = [tail, *paragraphs[k + 1 :]]
            paragraphs = [*paragraphs[:k], head]
        blocks.extend(paragraphs)
    blocks.extend(continuation)
    if rng.random() < 0.3:
        blocks.append("广告")
    return "\n\n" + "\n\n".join(blocks) + "\n"


def build_corpus(folder: Path, pages: int, seed: int = SEED) -> list[Path]:
    rng = random.Random(seed)
    articles = seed_articles()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(pages):
        path = folder / f"page_{number:05d}.txt"
        path.write_text(synthetic_page(articles, rng, number), encoding="utf-8")
        paths.append(path)
    return paths


def baseline(paths: list[Path], db: Path) -> None:
    """Read every file and insert its raw text into SQLite in one transaction."""
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE pages (name TEXT PRIMARY KEY, body TEXT NOT NULL)")
    with conn:
        for path in paths:
            conn.execute("INSERT INTO pages VALUES (?, ?)", (path.name, path.read_text(encoding="utf-8")))
    conn.close()


def segment_only(paths: list[Path]) -> int:
    options = ReadOptions()
    return sum(len(read_text(path, options).documents) for path in paths)


def full_import(paths: list[Path], db: Path) -> int:
    """Each file read, segmented and stored in its own transaction, as ``annotator import`` does
    (candidate suggestions, which ``import`` also runs, are a figure of their own)."""
    store = Store(db, annotator="bench")
    try:
        return sum(import_file(store, path).documents for path in paths)
    finally:
        store.close()


def _median_seconds(run: Callable[[int], object], repeats: int) -> float:
    samples = []
    for attempt in range(repeats):
        start = time.perf_counter()
        run(attempt)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def measure(pages: int = 300, repeats: int = 3, folder: Path | None = None) -> dict:
    """Build the corpus and time baseline, segmentation and import; returns the figures."""
    get_segmenter()  # loading jieba's dictionary is start-up cost, not import cost
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as scratch:
        work = Path(scratch)
        paths = build_corpus(folder or work / "corpus", pages)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in paths)
        documents = segment_only(paths[:20])  # warm caches (regexes, jieba)
        base = _median_seconds(lambda i: baseline(paths, work / f"baseline-{i}.db"), repeats)
        seg = _median_seconds(lambda i: segment_only(paths), repeats)
        imp = _median_seconds(lambda i: full_import(paths, work / f"import-{i}.db"), repeats)
        documents = full_import(paths, work / "count.db")
    return {
        "pages": pages,
        "characters": chars,
        "documents": documents,
        "repeats": repeats,
        "baseline_s": base,
        "segment_s": seg,
        "import_s": imp,
        "segment_vs_baseline": seg / base,
        "import_vs_baseline": imp / base,
        "segment_share_of_import": seg / imp,
        "segment_pages_per_s": pages / seg,
        "segment_mchars_per_s": chars / seg / 1e6,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    figures = measure(args.pages, args.repeats)
    print(f"{figures['pages']} synthetic pages, {figures['characters'] / 1e6:.1f} M characters, "
          f"{figures['documents']} documents; median of {figures['repeats']} runs")
    print(f"  baseline (read + insert raw, one transaction): {figures['baseline_s'] * 1000:8.1f} ms")
    print(f"  segment (read + decode + cut into documents):  {figures['segment_s'] * 1000:8.1f} ms  "
          f"{figures['segment_vs_baseline']:5.1f}x baseline, {figures['segment_pages_per_s']:.0f} pages/s, "
          f"{figures['segment_mchars_per_s']:.2f} M chars/s")
    print(f"  import (segment + store, per-file transactions): {figures['import_s'] * 1000:6.1f} ms  "
          f"{figures['import_vs_baseline']:5.1f}x baseline")
    print(f"  segmentation is {figures['segment_share_of_import']:.0%} of import time")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
