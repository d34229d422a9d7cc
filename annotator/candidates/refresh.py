"""Computing and storing candidates for many documents, on every core for large batches.

Small batches run in this process. Large ones go to a pool of worker processes
(spawned, never forked: the app has threads), each loading the segmenter and
the rules once; this process reads the documents and writes the results as
they come back, in order, reporting progress after each chunk.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from annotator.candidates import workers as worker
from annotator.candidates.analysis import MODEL_EXPECTED_WRONG, MODEL_ID, MODEL_UNCERTAINTY
from annotator.candidates.context import SuggestContext, context_from_store, documents_facts
from annotator.candidates.sources import source_factories
from annotator.candidates.workers import DocumentJob, DocumentResult, compute
from annotator.model import Candidate
from annotator.platform.parallel import spawn_context, worker_count
from annotator.store import Store
from annotator.store.models import DocumentUncertainty

log = logging.getLogger(__name__)

# progress(documents_done, documents_total)
Progress = Callable[[int, int], None]

# A chunk is what one worker computes in one go, and what is written in one transaction.
CHUNK_CHARS = 60_000
CHUNK_DOCUMENTS = 200
# Below this much text, starting worker processes costs more than it saves.
POOL_MIN_CHARS = 400_000


# --- the orchestration --------------------------------------------------------------------


def _chunks(store: Store, doc_ids: Sequence[str]) -> Iterator[list[DocumentJob]]:
    chunk: list[DocumentJob] = []
    size = 0
    # Read CHUNK_DOCUMENTS documents' texts and facts at a time: a few queries per batch, not per document.
    for offset in range(0, len(doc_ids), CHUNK_DOCUMENTS):
        batch = doc_ids[offset : offset + CHUNK_DOCUMENTS]
        texts = store.documents.texts(batch)
        facts = documents_facts(store, batch)
        for doc_id in batch:
            text = texts[doc_id]
            rejected, entities = facts[doc_id]
            chunk.append(DocumentJob(doc_id, text, rejected, entities))
            size += len(text)
            if size >= CHUNK_CHARS or len(chunk) >= CHUNK_DOCUMENTS:
                yield chunk
                chunk, size = [], 0
    if chunk:
        yield chunk


def _write(store: Store, results: Iterable[DocumentResult]) -> int:
    results = list(results)
    still_there = store.documents.existing(doc_id for doc_id, _rows, _measures in results)  # others were deleted meanwhile
    present = [result for result in results if result[0] in still_there]
    batch = {doc_id: [Candidate(doc_id, *row) for row in rows] for doc_id, rows, _measures in present}
    measured = [
        DocumentUncertainty(
            doc_id, int(measures[MODEL_ID]), measures[MODEL_UNCERTAINTY], measures[MODEL_EXPECTED_WRONG]
        )
        for doc_id, _rows, measures in present
        if MODEL_ID in measures
    ]
    if not batch:
        return 0
    with store.transaction():
        stored = store.candidates.replace(batch)
        store.models.record_uncertainty(measured)
    return stored


def propagate_labels(store: Store, texts: Iterable[str], *, progress: Progress | None = None) -> list[str]:
    """Bring the gazetteer's suggestions up to date after the labels of ``texts`` changed.

    Refreshes the unfinished (todo or in progress) documents containing any of
    ``texts``, so a newly labelled text is now suggested wherever else it
    occurs (and one whose label was taken back no longer is), and returns
    their ids. Candidates suggested again keep their ids, so this is safe on
    the document a reviewer has open. Finished documents are left alone.
    """
    from annotator.model import Status

    wanted = [text for text in dict.fromkeys(texts) if len(text.strip()) >= 2]
    if not wanted:
        return []
    unfinished = set(store.documents.ids([Status.TODO, Status.IN_PROGRESS]))
    ids = [
        doc_id
        for doc_id in dict.fromkeys(d for text in wanted for d in store.documents.containing(text))
        if doc_id in unfinished
    ]
    refresh_candidates(store, ids, progress=progress)
    return ids


def refresh_candidates(
    store: Store,
    doc_ids: Iterable[str],
    *,
    progress: Progress | None = None,
    workers: int | None = None,
    context: SuggestContext | None = None,
) -> int:
    """Compute candidates for ``doc_ids`` and store them; returns how many were stored.

    Pending candidates of these documents are replaced; accepted and rejected
    ones stay, and a rejected (text, label) is never proposed again in its
    document. ``workers`` caps the processes that compute, this one included
    (default: one per core; 1 keeps everything in this process).
    ``progress(done, total)`` counts documents.
    """
    ids = list(dict.fromkeys(doc_ids))
    total = len(ids)
    if progress:
        progress(0, total)
    if not ids:
        return 0
    base = context or context_from_store(store)
    count = worker_count(workers)
    chunks = _chunks(store, ids)

    # Read ahead until the batch is known to be large enough for the pool.
    ahead: list[list[DocumentJob]] = []
    ahead_chars = 0
    if count > 1:
        for chunk in chunks:
            ahead.append(chunk)
            ahead_chars += sum(len(job.text) for job in chunk)
            if ahead_chars >= POOL_MIN_CHARS:
                break
    pending_chunks: Iterator[list[DocumentJob]] = _chain(ahead, chunks)
    use_pool = count > 1 and ahead_chars >= POOL_MIN_CHARS

    stored = 0
    finished: set[str] = set()

    def store_results(results: list[DocumentResult]) -> None:
        nonlocal stored
        stored += _write(store, results)
        finished.update(result[0] for result in results)
        if progress:
            progress(len(finished), total)

    if use_pool:
        try:
            for results in _pooled(pending_chunks, base, count):
                store_results(results)
            return stored
        except (BrokenProcessPool, OSError) as exc:
            # Frozen builds without freeze_support, locked-down machines: carry on here.
            log.warning("worker processes failed (%s); computing candidates in this process", exc)
            pending_chunks = _chunks(store, [doc_id for doc_id in ids if doc_id not in finished])
    for chunk in pending_chunks:
        store_results(compute(chunk, base))
    return stored


def _chain(first: list[list[DocumentJob]], rest: Iterator[list[DocumentJob]]) -> Iterator[list[DocumentJob]]:
    yield from first
    yield from rest


def _pooled(
    chunks: Iterator[list[DocumentJob]], context: SuggestContext, workers: int
) -> Iterator[list[DocumentResult]]:
    """Results chunk by chunk from ``workers - 1`` worker processes and this one, as they finish.

    This process computes a chunk whenever no finished one is waiting, rather
    than idling: it starts at once, while the workers are still loading, and
    the workers keep two chunks each in flight so they never wait for it.
    """
    helpers = workers - 1
    with ProcessPoolExecutor(
        max_workers=helpers, mp_context=spawn_context(), initializer=worker.start, initargs=(context, source_factories())
    ) as pool:
        in_flight: deque[tuple[Future, list[DocumentJob]]] = deque()

        def submit_more() -> None:
            while len(in_flight) < 2 * helpers:
                chunk = next(chunks, None)
                if chunk is None:
                    return
                in_flight.append((pool.submit(worker.work, chunk), chunk))

        submit_more()
        while True:
            while in_flight and in_flight[0][0].done():
                yield in_flight.popleft()[0].result()
                submit_more()
            chunk = next(chunks, None)
            if chunk is None:
                break
            yield compute(chunk, context)
            submit_more()
        while in_flight:
            # At the end, a chunk no worker has started yet is computed here
            # rather than waited for.
            future, chunk = in_flight[-1]
            if len(in_flight) > 1 and future.cancel():
                in_flight.pop()
                yield compute(chunk, context)
                continue
            yield in_flight.popleft()[0].result()
