"""Full-text search over a large synthetic corpus: latency, index size and indexing speed.

    python benchmarks/bench_search.py                 # 20,000 pages (~300 MB of text)
    python benchmarks/bench_search.py --pages 2000    # quicker
    python benchmarks/bench_search.py --trigram       # also measure FTS5's trigram tokenizer

Target: a 2-character query (total count plus the first page of 50 results
with snippets) in under 100 ms over 20,000 pages. Baselines measured in the
same run: scanning the text with ``instr`` (no index at all) and, with
``--trigram``, SQLite's own trigram tokenizer, which cannot use its index for
2-character queries and so falls back to a scan.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import build_project  # noqa: E402

from annotator.search import SearchIndex  # noqa: E402
from annotator.store import Store  # noqa: E402

QUERIES = [
    ("2 chars, in every page", "工会"),
    ("2 chars, common", "职工"),
    ("2 chars, rarer", "嘉善"),
    ("3 chars", "总工会"),
    ("4 chars", "工会主席"),
    ("6 chars", "浙江省嘉兴市"),
    ("two terms", "工会 嘉善"),
    ("not in the corpus", "量子计算"),
]


def timed(fn, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))], result


def index_bytes(conn: sqlite3.Connection) -> int:
    total = 0
    for table in ("search_fts_data", "search_fts_idx", "search_fts_docsize", "search_docs"):
        try:
            total += conn.execute("SELECT SUM(pgsize) FROM dbstat WHERE name = ?", (table,)).fetchone()[0] or 0
        except sqlite3.OperationalError:
            return -1
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=20_000)
    parser.add_argument("--chars", type=int, default=5_000, help="characters per page (default 5,000)")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--trigram", action="store_true", help="also build and time a trigram index")
    parser.add_argument("--db", type=Path, help="keep the project here (reused when it exists)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="annotator-search-bench-"))
    path = args.db or folder / "corpus.db"
    if not path.exists():
        started = time.perf_counter()
        build_project(path, args.pages, chars_per_page=args.chars)
        print(f"built {args.pages:,} pages in {time.perf_counter() - started:.1f} s")

    store = Store(path, annotator="bench")
    conn = store.db.conn
    chars, size = conn.execute("SELECT SUM(length(text)), SUM(length(CAST(text AS BLOB))) FROM documents").fetchone()
    print(f"corpus: {store.document_count():,} pages, {chars / 1e6:.1f} M characters, {size / 1e6:.0f} MB of UTF-8")

    index = SearchIndex(store)
    pending = index.pending()
    if pending:
        started = time.perf_counter()
        index.sync(batch=500)
        seconds = time.perf_counter() - started
        print(f"indexing: {pending:,} pages in {seconds:.1f} s ({chars / seconds / 1e6:.2f} M characters/s)")
    bigram_bytes = index_bytes(conn)
    if bigram_bytes > 0:
        print(f"bigram index: {bigram_bytes / 1e6:.0f} MB ({bigram_bytes / size:.2f}x the text)")

    print(f"\n{'query':<24}{'matches':>9}{'search ms':>11}{'p95':>8}{'scan ms':>10}{'scan/search':>13}")
    two_char = []
    for what, query in QUERIES:
        median, p95, results = timed(lambda: index.search(query, limit=50), args.repeat)
        terms = query.split()
        where = " AND ".join("(instr(text, ?) > 0 OR instr(title, ?) > 0)" for _ in terms)
        params = [t for term in terms for t in (term, term)]
        scan, _, count = timed(
            lambda: conn.execute(f"SELECT COUNT(*) FROM documents WHERE {where}", params).fetchone()[0], 1
        )
        assert results.total == count, (query, results.total, count)
        if len(query) == 2:
            two_char.append(median)
        print(f"{what:<24}{results.total:>9,}{median:>11.1f}{p95:>8.1f}{scan:>10.0f}{scan / median:>12.0f}x")
    one_char, _, results = timed(lambda: index.search("嘉", limit=50), 3)
    print(f"{'1 char (scan fallback)':<24}{results.total:>9,}{one_char:>11.1f}")
    worst = max(two_char)
    verdict = "meets" if worst < 100 else "MISSES"
    print(f"\n2-character queries: worst median {worst:.1f} ms, {verdict} the 100 ms target")

    if args.trigram:
        print("\ntrigram tokenizer, for comparison:")
        conn.execute(
            "CREATE VIRTUAL TABLE bench_trigram USING fts5(title, text, content='documents', "
            "content_rowid='rowid', tokenize='trigram')"
        )
        started = time.perf_counter()
        conn.execute("INSERT INTO bench_trigram (bench_trigram) VALUES ('rebuild')")
        print(f"  build {time.perf_counter() - started:.1f} s")
        tri = conn.execute(
            "SELECT SUM(pgsize) FROM dbstat WHERE name IN ('bench_trigram_data', 'bench_trigram_idx')"
        ).fetchone()[0]
        print(f"  index {tri / 1e6:.0f} MB ({tri / size:.2f}x the text)")
        for what, query in QUERIES:
            if " " in query:
                continue
            if len(query) >= 3:
                sql, params = "SELECT COUNT(*) FROM bench_trigram WHERE bench_trigram MATCH ?", ['"' + query + '"']
            else:  # trigrams cannot hold a 2-character term: LIKE scans the table
                sql, params = "SELECT COUNT(*) FROM documents WHERE text LIKE ?", [f"%{query}%"]
            median, _, _ = timed(lambda: conn.execute(sql, params).fetchone(), 3 if len(query) < 3 else args.repeat)
            print(f"  {what:<22}{median:>10.1f} ms (count only)")
        conn.execute("DROP TABLE bench_trigram")
    store.close()
    if not args.db:
        for leftover in folder.iterdir():
            leftover.unlink()
        os.rmdir(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
