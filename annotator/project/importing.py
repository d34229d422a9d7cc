"""Importing files and folders into a project: find the files, read each, store each whole.

A file that cannot be read or fails validation is reported and leaves no
trace in the database; the other files still import. Files are read by
``annotator.project.reading`` (on every core for large batches) and stored as they
come, each in a savepoint of a short transaction shared by a few files.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from annotator import formats
from annotator.errors import AnnotatorError, DatabaseError, InputError
from annotator.formats.registry import ReadOptions, importable_extensions, is_companion
from annotator.model import ImportReport, SourceFile
from annotator.project.reading import read_sources
from annotator.store import Store

# progress(files_done, files_total, current_path)
Progress = Callable[[int, int, Path], None]
# candidate_progress(documents_done, documents_total)
CandidateProgress = Callable[[int, int], None]


def discover(paths: Sequence[str | Path]) -> list[Path]:
    """The importable files named by ``paths``, expanding folders recursively, in a stable order."""
    if not paths:
        raise InputError("no files or folders given")
    extensions = importable_extensions()
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        if path.is_dir():
            files = sorted(
                f
                for f in path.rglob("*")
                if f.is_file()
                and f.suffix.lower() in extensions
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
                and not is_companion(f)  # read with another file (brat .txt, an export's schema)
            )
            if not files:
                raise InputError(
                    f"{path}: the folder holds no files Annotator can import ({', '.join(sorted(extensions))})"
                )
            found.extend(files)
        else:
            found.append(path)
    unique: dict[Path, None] = {}
    for path in found:
        unique.setdefault(path.resolve(), None)
    return list(unique)


def import_file(store: Store, path: Path, *, format: str | None = None, options: ReadOptions | None = None) -> ImportReport:
    reader = formats.reader_named(format) if format else formats.detect_reader(path)
    source = reader.read(path, options or ReadOptions(annotator=store.annotator))
    return store.documents.import_source(source)


# SQLite's page cache while importing, in KiB (its default is 2 MB). The
# indexes on ids and content hashes take new entries all over; once a project
# holds 100,000 documents they no longer fit a small cache, and each insert
# reads pages back from the file: twice the store's time per page.
IMPORT_CACHE_KIB = 32 * 1024

# Files are stored several to a transaction (each in a savepoint of its own, so
# a file that fails leaves no trace), which saves a disk sync per file. The
# transaction is kept short, because the window's own writes wait for it.
BATCH_FILES = 64
BATCH_SECONDS = 0.05


class _Batches:
    """One write transaction at a time around several files, committed when full or old."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._open: contextlib.ExitStack | None = None
        self._files = 0
        self._since = 0.0

    def store_source(self, source: SourceFile) -> ImportReport:
        if self._open is None:
            self._open = contextlib.ExitStack()
            self._open.enter_context(self.store.transaction())
            self._files, self._since = 0, time.monotonic()
        self._files += 1
        return self.store.documents.import_source(source)  # a savepoint inside the open transaction

    def commit_if_due(self) -> None:
        if self._open is not None and (
            self._files >= BATCH_FILES or time.monotonic() - self._since >= BATCH_SECONDS
        ):
            self.commit()

    def commit(self) -> None:
        if self._open is not None:
            opened, self._open = self._open, None
            opened.close()

    def roll_back(self, exc: BaseException) -> None:
        if self._open is not None:
            opened, self._open = self._open, None
            opened.__exit__(type(exc), exc, exc.__traceback__)


def import_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    format: str | None = None,
    options: ReadOptions | None = None,
    progress: Progress | None = None,
    suggest: bool = True,
    candidate_progress: CandidateProgress | None = None,
    workers: int | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> list[ImportReport]:
    """Import ``paths``; with ``suggest``, new documents that brought no candidates of
    their own get candidate spans (see ``annotator.candidates.refresh_candidates``).

    Large batches are read by worker processes while this thread stores them;
    ``workers`` caps them (default: one per core; 1 reads everything here) and
    the candidate workers alike. ``should_stop()``, asked between files, ends
    the import early: the files stored so far stay, whole.
    """
    files = discover(paths)
    reports: list[ImportReport] = []
    batches = _Batches(store)
    read_options = options or ReadOptions(annotator=store.annotator)
    outcomes = read_sources(files, format=format, options=read_options, workers=workers)
    conn = store.db.conn
    (cache_size,) = conn.execute("PRAGMA cache_size").fetchone()
    conn.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
    try:
        for done, (path, outcome) in enumerate(outcomes):
            if progress:
                progress(done, len(files), path)
            if should_stop is not None and should_stop():
                break
            if isinstance(outcome, AnnotatorError):
                reports.append(ImportReport(file=str(path), outcome="failed", notes=[str(outcome)]))
                continue
            try:
                reports.append(batches.store_source(outcome))
            except DatabaseError:
                # The project, not the file: locked, full, read-only or damaged. The next
                # file would fail the same way: stop (the open batch rolls back whole).
                raise
            except AnnotatorError as exc:
                reports.append(ImportReport(file=str(path), outcome="failed", notes=[str(exc)]))
            batches.commit_if_due()
        batches.commit()
    except BaseException as exc:
        batches.roll_back(exc)
        raise
    finally:
        outcomes.close()  # stops the worker processes of an import that ended early
        conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
    if progress and files and len(reports) == len(files):
        progress(len(files), len(files), files[-1])
    if suggest:
        suggest_for_new_documents(store, reports, progress=candidate_progress, workers=workers)
    return reports


def suggest_for_new_documents(
    store: Store,
    reports: Sequence[ImportReport],
    *,
    progress: CandidateProgress | None = None,
    workers: int | None = None,
) -> int:
    """Candidates for the documents ``reports`` imported, unless they came with their own."""
    # candidates bring the segmenter and the rules; imported only when an import suggests
    from annotator.candidates import refresh_candidates

    new_ids = [doc_id for report in reports for doc_id in report.doc_ids if not store.candidates.for_document(doc_id)]
    if not new_ids:
        return 0
    return refresh_candidates(store, new_ids, progress=progress, workers=workers)
