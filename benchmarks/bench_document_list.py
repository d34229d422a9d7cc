"""Opening the document list on a 100,000-document project, offscreen.

    python benchmarks/bench_document_list.py             # 100,000 documents
    python benchmarks/bench_document_list.py --docs 20000

Target: the list opens "instantly": constructing the panel and painting its
first screen takes about as long on 100,000 documents as on 100 (the
baseline, measured in the same run). Also times each kind of filter and a
jump to the last row, which reads a page from the far end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtWidgets import QApplication  # noqa: E402
from synthetic_corpus import build_project  # noqa: E402

from annotator.document_listing import ListFilter  # noqa: E402
from annotator.store import Store  # noqa: E402
from annotator.ui.document_list import DocumentListPanel  # noqa: E402


def open_panel(app: QApplication, path: Path) -> tuple[float, DocumentListPanel, Store]:
    started = time.perf_counter()
    store = Store(path, annotator="bench")
    panel = DocumentListPanel(store)
    panel.resize(360, 800)
    panel.show()
    app.processEvents()
    panel.grab()  # force a full paint of the first screen
    return (time.perf_counter() - started) * 1000, panel, store


def close(panel: DocumentListPanel, store: Store) -> None:
    panel.shutdown()
    panel.close()
    panel.deleteLater()
    store.close()


def median_open(app: QApplication, path: Path, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        ms, panel, store = open_panel(app, path)
        times.append(ms)
        close(panel, store)
        app.processEvents()
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, help="keep the big project here (reused when it exists)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="annotator-list-bench-"))
    big = args.db or folder / "big.db"
    small = folder / "small.db"
    if not big.exists():
        started = time.perf_counter()
        build_project(big, args.docs, chars_per_page=1500, entities_per_doc=5, candidates_per_doc=3)
        print(f"built {args.docs:,} documents in {time.perf_counter() - started:.0f} s")
    build_project(small, 100, chars_per_page=1500, entities_per_doc=5, candidates_per_doc=3)

    app = QApplication.instance() or QApplication([])
    # warm up Qt's fonts and styles so neither side pays for them
    median_open(app, small, 1)
    baseline = median_open(app, small, args.repeat)
    opened = median_open(app, big, args.repeat)
    print(f"open + first paint, 100 documents (baseline): {baseline:7.1f} ms")
    print(f"open + first paint, {args.docs:,} documents:  {opened:7.1f} ms  ({opened / baseline:.2f}x the baseline)")

    _, panel, store = open_panel(app, big)
    labels = store.schema.entity_names
    filters = [
        ("status: done", ListFilter.make(statuses=["done"])),
        ("status: todo + in progress", ListFilter.make(statuses=["todo", "in_progress"])),
        (f"label: {labels[0]}", ListFilter.make(labels=[labels[0]])),
        ("annotator: alice", ListFilter.make(annotators=["alice"])),
        (f"done + label {labels[0]}", ListFilter.make(statuses=["done"], labels=[labels[0]])),
    ]
    print("\nfilter (rows, then apply + repaint)")
    for name, filter in filters:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            panel.set_filter(filter)
            panel.grab()
            times.append((time.perf_counter() - started) * 1000)
            panel.set_filter(ListFilter())
        print(f"  {name:<30}{panel.model.rowCount() if False else '':>0}{statistics.median(times):8.1f} ms")
    started = time.perf_counter()
    panel.view.scrollToBottom()
    panel.grab()
    print(f"  {'jump to the last row':<30}{(time.perf_counter() - started) * 1000:8.1f} ms")
    close(panel, store)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
