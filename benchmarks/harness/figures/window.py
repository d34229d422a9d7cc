"""The annotation window, offscreen: opening a large document, and accepting a candidate by key.

- open: showing a 10,000-character document with 1,000 highlighted spans
  (entities, some nested, and pending candidates), laid out and painted,
  against the same text in a bare QTextEdit;
- accept: Return on the focused candidate: committed to SQLite (synchronous =
  FULL), the document's state re-read and the text repainted (the partial
  repaint the keypress asks for, pending paint events flushed), against a
  bare SQLite insert and commit into a table on the same kind of database.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTextEdit

from annotator.model import AnnotatedDocument, Candidate, Document, Entity, SourceFile
from annotator.review.spans import SpanKind
from annotator.store import Store
from annotator.ui.app import build_main_window, ensure_application
from annotator.ui.theme import text_font
from harness.measure import Figure, percentile, ratio_at_most, value_at_most
from harness.session import Session

GROUP = "window"
FIGURES = {
    "open_large_document": "open a 10,000-character article with 1,000 spans, against the text in a bare QTextEdit",
    "keypress_accept_median": "accept keypress to commit and repaint, median",
    "keypress_accept_p99": "accept keypress to commit and repaint, 99th percentile",
}

HAN = "中华人民共和国工会职工浙江嘉善姚庄镇总工会专家团主席记者劳动权益服务技能创新企业安全生产法律援助"
PUNCT = "，。、；："


def synthetic_text(length: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    chars: list[str] = []
    while len(chars) < length:
        for i in range(rng.randint(120, 360)):
            chars.append(rng.choice(PUNCT) if i and i % rng.randint(12, 30) == 0 else rng.choice(HAN))
        chars.append("\n")
    return "".join(chars[:length])


def build_review_project(path: Path, length: int = 10_000, entities: int = 600, candidates: int = 400) -> tuple[int, int]:
    """Document ``doc`` of ``length`` characters with about ``entities`` entities (every tenth with a nested one)
    and ``candidates`` pending candidates; ``doc2`` to switch away to. Returns (entities, candidates) stored."""

    text = synthetic_text(length)
    rng = random.Random(11)
    labels = ["PER", "ORG", "LOC", "TITLE", "DATE"]
    step = length // (entities + candidates)
    spans, cands = [], []
    for i in range(entities + candidates):
        start = i * step
        end = min(length, start + rng.randint(2, max(3, step - 1)))
        while end > start + 1 and text[end - 1].isspace():
            end -= 1
        if text[start].isspace() or not text[start:end].strip():
            start += 1
        if start >= end:
            continue
        label = rng.choice(labels)
        if i < entities:
            spans.append(Entity("doc", start, end, label, text[start:end]))
            if i % 10 == 0 and end - start >= 3:
                spans.append(Entity("doc", start, start + 2, "LOC", text[start : start + 2]))
        else:
            cands.append(Candidate("doc", start, end, label, text[start:end], "bench", 0.5))
    source = SourceFile(path="bench.txt", name="bench.txt", sha256="b" * 64, size=length, format="native")
    source.documents.append(AnnotatedDocument(Document("doc", text, title="bench"), entities=spans, candidates=cands))
    other = SourceFile(path="b2.txt", name="b2.txt", sha256="c" * 64, size=length, format="native")
    other.documents.append(AnnotatedDocument(Document("doc2", text[::-1], title="other")))
    with Store(path, annotator="bench") as store:
        store.documents.import_source(source)
        store.documents.import_source(other)
        return len(store.annotations.entities("doc")), len(store.candidates.for_document("doc"))


def bare_insert_and_commit(db: Path, count: int) -> list[float]:
    """Seconds for each of ``count`` one-row inserts, each committed, on a WAL database with synchronous = FULL."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE spans (id INTEGER PRIMARY KEY, doc TEXT, start INT, \"end\" INT, label TEXT)")
    times = []
    for i in range(count):
        started = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO spans (doc, start, \"end\", label) VALUES ('doc', ?, ?, 'PER')", (i, i + 2))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - started)
    conn.close()
    return times


def figures(session: Session) -> list[Figure]:


    plan = session.plan
    db = session.work / "review.db"
    entity_count, candidate_count = build_review_project(db)
    app = ensure_application()
    window = build_main_window(db, "bench", restore_settings=False)
    window.start(background=False)
    window.show()
    app.processEvents()
    view = window.view
    text = window.store.documents.text("doc")

    editor = QTextEdit()
    editor.resize(view.size())
    editor.show()
    baseline_open, open_times = [], []
    for _ in range(plan.open_rounds):
        started = time.perf_counter()
        document = QTextDocument(editor)
        document.setDefaultFont(text_font())
        document.setPlainText(text)
        editor.setDocument(document)
        editor.viewport().repaint()
        baseline_open.append(time.perf_counter() - started)
        window.controller.open_document("doc2")
        app.processEvents()
        started = time.perf_counter()
        window.controller.open_document("doc")
        view.viewport().repaint()
        open_times.append(time.perf_counter() - started)
        app.processEvents()
    editor.close()

    window.controller.open_document("doc")
    app.processEvents()
    view.setFocus()
    first = window.controller.state.spans.first(SpanKind.CANDIDATE)
    window.controller.set_focus(first.key)
    view.viewport().repaint()
    app.processEvents()
    accept_times = []
    for _ in range(min(plan.keys, candidate_count)):
        span = window.controller.focused_span()
        if span is None or not span.is_candidate:
            break
        started = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_Return)
        app.processEvents()  # the repaint the keypress asked for
        accept_times.append(time.perf_counter() - started)
    window.close()
    window.shutdown()
    bare = bare_insert_and_commit(session.work / "bare-insert.db", len(accept_times))

    opened, opened_bare = statistics.median(open_times), statistics.median(baseline_open)
    keys = f"{len(accept_times)} keypresses, each accepting the focused candidate"
    return [
        Figure(
            id="open_large_document",
            name="open a 10,000-character document with 1,000 spans",
            value=opened * 1000,
            unit="ms",
            baseline=opened_bare * 1000,
            baseline_name="the same text in a bare QTextEdit",
            targets=[value_at_most(50, "ms"), ratio_at_most(3)],
            detail=(
                f"{entity_count} entities (some nested) and {candidate_count} candidates in {len(text):,} characters; "
                f"open_document and a full repaint of the view; median of {plan.open_rounds}"
            ),
        ),
        Figure(
            id="keypress_accept_median",
            name="accept-candidate keypress to commit and repaint, median",
            value=statistics.median(accept_times) * 1000,
            unit="ms",
            baseline=statistics.median(bare) * 1000,
            baseline_name="a bare SQLite insert and commit (WAL, synchronous = FULL)",
            targets=[value_at_most(16, "ms")],
            detail=keys,
        ),
        Figure(
            id="keypress_accept_p99",
            name="accept-candidate keypress to commit and repaint, p99",
            value=percentile(accept_times, 0.99) * 1000,
            unit="ms",
            baseline=percentile(bare, 0.99) * 1000,
            baseline_name="p99 of the bare SQLite insert and commit",
            targets=[value_at_most(50, "ms")],
            detail=keys,
        ),
    ]
