"""Large annotated projects with a history, built straight into the tables (for the dashboard figure).

Documents are random sequences of real paragraphs from ``seeds/`` (fixed
random seed, so every run builds the same project); entities, their events
and status changes are spread over ``days`` days and several annotators.
Rows go straight into the tables of a freshly migrated project (the
triggers still fire): importing 100,000 documents and annotating them
through the store would take far longer than the figure it serves.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

from annotator.model import content_hash
from annotator.store import Store
from harness.corpus import seed_paragraphs

STATUSES = ("todo", "in_progress", "done", "skipped")


def pages(count: int, chars_per_page: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """(title, text) pairs; each text is about ``chars_per_page`` characters of paragraphs."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs(min_chars=8)
    titles = [p for p in paragraphs if len(p) <= 40] or paragraphs
    for index in range(count):
        chosen, length = [], 0
        while length < chars_per_page:
            paragraph = rng.choice(paragraphs)
            chosen.append(paragraph)
            length += len(paragraph) + 2
        # A number keeps every text distinct (the store refuses duplicate texts).
        yield f"{rng.choice(titles)[:30]}（{index + 1}）", f"第{index + 1}篇\n\n" + "\n\n".join(chosen)


def build_project(
    path: Path,
    count: int,
    *,
    chars_per_page: int = 5000,
    entities_per_doc: int = 0,
    candidates_per_doc: int = 0,
    annotators: tuple[str, ...] = ("alice", "bob", "chen"),
    days: int = 30,
    seed: int = 7,
) -> Path:
    """A project at ``path`` with ``count`` documents and, optionally, annotations and events."""
    if path.exists():
        path.unlink()
    Store(path, annotator="bench").close()
    rng = random.Random(seed)
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    labels = ("PER", "ORG", "LOC", "TITLE", "DATE")
    start_day = datetime(2024, 3, 1, tzinfo=timezone.utc)
    conn.execute("BEGIN")
    now = "2024-03-01T00:00:00.000Z"
    for index, (title, text) in enumerate(pages(count, chars_per_page, seed)):
        doc_id = f"doc{index + 1:06d}"
        status = rng.choices(STATUSES, weights=(5, 2, 4, 1))[0]
        conn.execute(
            "INSERT INTO documents (id, position, title, text, status, content_hash, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, index + 1, title, text, status, content_hash(text), now, now),
        )
        used: set[tuple[int, int]] = set()
        for _ in range(entities_per_doc if status != "todo" else 0):
            start = rng.randrange(0, len(text) - 4)
            end = start + rng.randint(2, 4)
            if (start, end) in used or not text[start:end].strip() or "\n" in text[start:end]:
                continue
            used.add((start, end))
            who = rng.choice(annotators)
            at = start_day + timedelta(days=rng.randrange(days), seconds=rng.randrange(86400))
            stamp = at.isoformat(timespec="milliseconds").replace("+00:00", "Z")
            conn.execute(
                "INSERT INTO entities (doc_id, start, \"end\", label, text, annotator, origin, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, 'manual', ?, ?)",
                (doc_id, start, end, rng.choice(labels), text[start:end], who, stamp, stamp),
            )
            conn.execute(
                "INSERT INTO events (at, annotator, action, doc_id, target, before, after) "
                "VALUES (?, ?, 'entity.add', ?, NULL, NULL, NULL)",
                (stamp, who, doc_id),
            )
        for _ in range(candidates_per_doc):
            start = rng.randrange(0, len(text) - 4)
            end = start + 2
            conn.execute(
                "INSERT OR IGNORE INTO candidates (doc_id, start, \"end\", label, text, source, score) "
                "VALUES (?, ?, ?, ?, ?, 'rules', 0.5)",
                (doc_id, start, end, rng.choice(labels), text[start:end]),
            )
        if status == "done":
            at = start_day + timedelta(days=rng.randrange(days), seconds=rng.randrange(86400))
            conn.execute(
                "INSERT INTO events (at, annotator, action, doc_id, target, before, after) "
                "VALUES (?, ?, 'document.status', ?, ?, ?, ?)",
                (
                    at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
                    rng.choice(annotators),
                    doc_id,
                    f"document:{doc_id}",
                    '{"reason":"","status":"in_progress"}',
                    '{"reason":"","status":"done"}',
                ),
            )
    for name in annotators:
        conn.execute("INSERT OR IGNORE INTO annotators (name, created_at) VALUES (?, ?)", (name, now))
    conn.execute("COMMIT")
    conn.close()
    return path
