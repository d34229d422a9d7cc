"""Reading input files into ``SourceFile``s: in this process, or in worker processes for large batches.

Reading a newspaper page means decoding it and cutting it into articles,
which costs far more than storing the result. For a large import the files
are read by a pool of worker processes (spawned, never forked: the app has
threads), each loading the segmenter once, while the caller stores the
results as they come back, in the order of the files. Small batches, and
projects with readers a fresh process would not have (registered at run time
by a plugin or a test), are read here.

Results come as ``(path, SourceFile)`` or ``(path, AnnotatorError)``: a file
that cannot be read is reported, and the others still come in. Any other
exception is a bug and propagates, as it would in this process.
"""

from __future__ import annotations

import logging
import pickle
from collections import deque
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from annotator import formats
from annotator.errors import AnnotatorError
from annotator.formats.registry import ReadOptions
from annotator.formats.sanitize import sanitize_source
from annotator.model import SourceFile
from annotator.platform.parallel import exit_with_parent, spawn_context, worker_count
from annotator.text.segmenter import get_segmenter

log = logging.getLogger(__name__)

Outcome = SourceFile | AnnotatorError

# Below this much input, starting worker processes (about half a second with
# the segmenter) costs more than it saves.
POOL_MIN_BYTES = 3_000_000
POOL_MIN_FILES = 8
# What one worker reads in one go: enough to make the round trip cheap, small
# enough that results keep flowing and the workers stay evenly busy.
CHUNK_BYTES = 400_000
CHUNK_FILES = 32


def read_one(path: Path, format: str | None, options: ReadOptions) -> Outcome:
    """``path`` read by the reader ``format`` names, or the one its extension and content call for,
    and made safe to store (``annotator.formats.sanitize``)."""
    try:
        reader = formats.reader_named(format) if format else formats.detect_reader(path)
        return sanitize_source(reader.read(path, options))
    except AnnotatorError as exc:
        return exc


def read_sources(
    files: Sequence[Path],
    *,
    format: str | None = None,
    options: ReadOptions,
    workers: int | None = None,
) -> Generator[tuple[Path, Outcome], None, None]:
    """Each file read into a ``SourceFile`` (or the error that stopped it), in the order given."""
    count = worker_count(workers)
    if count > 1 and _worth_a_pool(files) and _workers_can_read(options):
        yield from _pooled(files, format, options, count)
    else:
        yield from _here(files, format, options)


def _here(files: Sequence[Path], format: str | None, options: ReadOptions) -> Iterator[tuple[Path, Outcome]]:
    for path in files:
        yield path, read_one(path, format, options)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _worth_a_pool(files: Sequence[Path]) -> bool:
    if len(files) < POOL_MIN_FILES:
        return False
    total = 0
    for path in files:
        total += _size(path)
        if total >= POOL_MIN_BYTES:
            return True
    return False


def _workers_can_read(options: ReadOptions) -> bool:
    """Would a fresh process have the same readers? Only Annotator's own register on import;
    a reader added at run time (a plugin, a test) is only known here."""
    try:
        pickle.dumps(options)
    except Exception:  # noqa: BLE001 - options carrying something a process cannot receive
        return False
    return all(getattr(r.read, "__module__", "").startswith("annotator.") for r in formats.READERS.values())


def _chunks(files: Sequence[Path]) -> Iterator[list[Path]]:
    chunk: list[Path] = []
    size = 0
    for path in files:
        chunk.append(path)
        size += _size(path)
        if size >= CHUNK_BYTES or len(chunk) >= CHUNK_FILES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _pooled(
    files: Sequence[Path], format: str | None, options: ReadOptions, workers: int
) -> Iterator[tuple[Path, Outcome]]:
    """Chunks read by the pool, yielded in order, with at most two chunks per worker in flight."""
    done = 0
    pool: ProcessPoolExecutor | None = None
    try:
        pool = ProcessPoolExecutor(
            max_workers=workers, mp_context=spawn_context(), initializer=_start_worker
        )
        in_flight: deque[tuple[list[Path], Future]] = deque()
        chunks = _chunks(files)
        for chunk in chunks:
            in_flight.append((chunk, pool.submit(_read_chunk, chunk, format, options)))
            if len(in_flight) >= 2 * workers:
                break
        while in_flight:
            chunk, future = in_flight.popleft()
            outcomes = future.result()
            following = next(chunks, None)
            if following is not None:
                in_flight.append((following, pool.submit(_read_chunk, following, format, options)))
            for path, outcome in zip(chunk, outcomes, strict=True):
                yield path, outcome
                done += 1
    except (BrokenProcessPool, OSError) as exc:
        # Frozen builds without freeze_support, locked-down machines: carry on here.
        log.warning("worker processes failed (%s); reading the files in this process", exc)
        yield from _here(files[done:], format, options)
    finally:
        if pool is not None:
            # a caller that stops early (Cancel, an error) does not wait for files it will not store
            pool.shutdown(wait=True, cancel_futures=True)


def _start_worker() -> None:
    """Initialiser of a worker process: the readers and the segmenter, once."""
    exit_with_parent()
    get_segmenter()


def _read_chunk(chunk: list[Path], format: str | None, options: ReadOptions) -> list[Outcome]:
    return [read_one(path, format, options) for path in chunk]
