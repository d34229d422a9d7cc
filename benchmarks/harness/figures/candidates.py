"""Candidate generation against plain ``jieba.posseg`` over the same text, on one core and on every core.

- one core: ``annotator.candidates.suggest`` over article-length texts
  (segmentation, POS tags, every rule family, the gazetteer and the conflict
  resolution) against ``jieba.posseg.cut`` over the same texts;
- every core: ``refresh_candidates`` for every document of a new project (what
  runs after a large import: read, compute, store), with one worker in this
  process against the pool of worker processes, worker start-up included.
  Next to it, as a control, how much faster the same number of processes
  finish a trivially parallel job than one: what the machine allows right now.
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
from pathlib import Path

from harness.corpus import article_texts
from harness.measure import Figure, Target, alternating, median_seconds, ratio_at_most
from harness.session import Session


def _project(folder: Path, texts: list[str]):
    from annotator.model import AnnotatedDocument, Document, SourceFile, content_hash
    from annotator.store import Store

    store = Store(folder / "candidates.db", annotator="bench")
    source = SourceFile(path="bench", name="bench", sha256=content_hash("\n".join(texts)), size=0, format="text")
    source.documents = [AnnotatedDocument(Document(f"doc{i:05d}", text)) for i, text in enumerate(texts)]
    report = store.documents.import_source(source)
    return store, report.doc_ids


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_capacity(workers: int, repeats: int, n: int = 6_000_000) -> float:
    """How much faster ``workers`` spawned processes do ``workers`` equal CPU-bound jobs than one process does."""
    serial = median_seconds(lambda i: [_burn(n) for _ in range(workers)], repeats)
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        pool.map(_burn, [1000] * workers)  # a warm pool: start-up is not the question here
        parallel = median_seconds(lambda i: pool.map(_burn, [n] * workers), repeats)
    return serial / parallel


def figures(session: Session) -> list[Figure]:
    from annotator.candidates import context_from_store, default_context, refresh_candidates, suggest, warm_up
    from annotator.text.segmenter import import_jieba

    plan = session.plan
    jieba = import_jieba()  # first: it points jieba's cache at the app's cache folder
    jieba.initialize()  # loaded before timing: the baseline's start-up is not the question
    import jieba.posseg as posseg
    warm_up()
    context = default_context()
    texts = article_texts(plan.posseg_chars)
    chars = sum(map(len, texts))
    suggest(texts[0], context=context)  # the first call loads the rule files
    one_core = alternating(
        {
            "posseg": lambda i: [list(posseg.cut(t)) for t in texts],
            "suggest": lambda i: [suggest(t, context=context) for t in texts],
        },
        plan.candidate_repeats,
    )

    workers = min(os.cpu_count() or 1, 8)
    large = article_texts(plan.pool_chars, seed=7)
    large_chars = sum(map(len, large))
    store, ids = _project(session.work, large)
    with store:
        project_context = context_from_store(store)
        pooled = alternating(
            {
                "one": lambda i: refresh_candidates(store, ids, workers=1, context=project_context),
                "pool": lambda i: refresh_candidates(store, ids, workers=workers, context=project_context),
            },
            plan.candidate_repeats,
        )
    capacity = parallel_capacity(workers, plan.candidate_repeats, plan.capacity_loops)

    suggest_s, posseg_s = statistics.median(one_core["suggest"]), statistics.median(one_core["posseg"])
    one_s, pool_s = statistics.median(pooled["one"]), statistics.median(pooled["pool"])
    return [
        Figure(
            name="candidate generation, one core",
            value=suggest_s,
            unit="s",
            baseline=posseg_s,
            baseline_name="plain jieba.posseg over the same text, one core",
            targets=[ratio_at_most(1 / 3, "≤ 0.33× baseline (3× faster)")],
            detail=(
                f"{len(texts)} texts, {chars:,} characters; {chars / suggest_s:,.0f} against "
                f"{chars / posseg_s:,.0f} characters/s; median of {plan.candidate_repeats}, in turns"
            ),
        ),
        Figure(
            name=f"candidate generation, {workers} cores",
            value=pool_s,
            unit="s",
            baseline=one_s,
            baseline_name="the same refresh_candidates with one worker, in-process",
            targets=[Target(1 / 1.8, "ratio", True, "≤ 0.56× baseline (about 2× faster)")],
            profile=lambda: _pool_timeline(session.work, large, workers),
            detail=(
                f"refresh_candidates on a new project of {len(large)} documents, {large_chars:,} characters: "
                f"{one_s / pool_s:.2f}× faster with {workers} processes computing (this one and "
                f"{workers - 1} worker{'s' if workers > 2 else ''}), start-up included "
                f"({large_chars / pool_s:,.0f} characters/s); control: {workers} processes finish a trivially "
                f"parallel job {capacity:.2f}× faster than one on this machine now"
            ),
        ),
    ]


def _pool_timeline(folder: Path, texts: list[str], workers: int) -> str:
    """When the documents of a pooled refresh were done, against the one-worker pace: where the time goes."""
    import time

    from annotator.candidates import context_from_store, refresh_candidates

    lines = []
    for count in (1, workers):
        store, ids = _project(folder / f"timeline-{count}", texts)
        with store:
            context = context_from_store(store)
            marks: list[tuple[float, int]] = []
            started = time.perf_counter()
            refresh_candidates(
                store, ids, workers=count, context=context,
                progress=lambda done, total: marks.append((time.perf_counter() - started, done)),
            )
            total = time.perf_counter() - started
        first = next((t for t, done in marks if done), total)
        quarter = [next((t for t, done in marks if done >= len(ids) * q / 4), total) for q in (1, 2, 3, 4)]
        lines.append(
            f"{count} process(es): {total:5.2f} s; first documents stored after {first:.2f} s; "
            "a quarter, half, three quarters, all after " + ", ".join(f"{t:.2f}" for t in quarter) + " s"
        )
    return "\n".join(lines)
