"""Importing files and folders into a project: the one pipeline behind ``annotator import``,
the app's Import dialog and the first-run seeding.

``run_import`` takes an import through three stages, reporting each through
``progress(stage, done, total, what)``:

1. ``files``: find the files (folders searched recursively), read each one
   (``annotator.project.reading``: on every core for large batches, each file
   made safe to store by ``annotator.formats.sanitize``) and store each whole.
   A file that cannot be read or fails validation is reported and leaves no
   trace; the other files still import. Files are stored several to a short
   transaction, each in a savepoint of its own.
2. ``candidates``: the new documents get candidate spans. They were marked
   due in the transaction that stored them (``store.candidates_due``),
   and this stage computes whatever is due in the project, so documents an
   interrupted import (killed, or stopped by another program's lock) left
   without candidates are finished too.
3. ``search``: the search index takes in the new documents.

``should_stop()`` is asked between files and between chunks of the later
stages; what was stored stays whole, and what is left stays due for the next
import or the app (``finish_pending``). A stage that fails for a reason the
user can act on (a locked database) ends the import with the files already
stored; ``ImportResult.unfinished`` says why, and the next run finishes it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.candidates import load_rules
from annotator.candidates.refresh import refresh_candidates
from annotator.errors import AnnotatorError, DatabaseError, InputError
from annotator.formats.registry import ReadOptions, importable_extensions, is_companion
from annotator.formats.sanitize import printable
from annotator.model import ImportReport, SourceFile, Status
from annotator.project.reading import read_one, read_sources
from annotator.project.search import SearchIndex
from annotator.store import Store

# The stages ``run_import`` reports.
FILES, CANDIDATES, SEARCH = "files", "candidates", "search"

# progress(stage, done, total, what): files count files (what: the file's name), the later stages documents
StageProgress = Callable[[str, int, int, str], None]
# The older, per-stage callbacks of ``import_paths``: (files_done, files_total, current_path) and (done, total).
Progress = Callable[[int, int, Path], None]
CandidateProgress = Callable[[int, int], None]


class ImportStopped(Exception):
    """Raised inside a stage's progress report once ``should_stop()`` says so."""


@dataclass(frozen=True)
class ImportSettings:
    # read every file as this format (None: detected per file)
    format: str | None = None
    # how to read (width normalisation, offsets, annotator); None: the defaults, as the store's annotator
    read: ReadOptions | None = None
    # Mark the imported documents with this status (``done`` imports gold data as reviewed). Only
    # documents the file leaves at ``todo`` change; a status the file gives (in_progress, done,
    # skipped: Annotator's own JSONL, Prodigy's answers) is kept, and the file's report says so.
    status: Status | None = None
    # the new documents are owed candidate spans (documents that brought candidates of their own,
    # and documents imported as done or skipped, are not)
    suggest: bool = True
    # compute owed candidates and index for search now; False leaves both to a later
    # ``finish_pending`` (the app does that in a job of its own)
    finish: bool = True
    # worker processes for reading and for candidates (None: one per core; 1: none)
    workers: int | None = None


@dataclass
class ImportResult:
    reports: list[ImportReport] = field(default_factory=list)
    # the files found
    files: int = 0
    # should_stop() ended the import early
    stopped: bool = False
    # candidate spans stored, and the documents they were computed for
    candidates: int = 0
    suggested: list[str] = field(default_factory=list)
    # documents an earlier, interrupted import left without candidates, finished by this one
    resumed: int = 0
    # documents taken into the search index
    indexed: int = 0
    # about the import as a whole (the candidate cap, what is left for later)
    notes: list[str] = field(default_factory=list)
    # why the candidates or search stage did not finish (the files stored stay stored)
    unfinished: AnnotatorError | None = None

    @property
    def doc_ids(self) -> list[str]:
        return [doc_id for report in self.reports for doc_id in report.doc_ids]

    @property
    def documents(self) -> int:
        return sum(report.documents for report in self.reports)

    @property
    def failed(self) -> list[ImportReport]:
        return [report for report in self.reports if report.outcome == "failed"]

    def unfinished_message(self) -> str | None:
        """Why the import stopped after storing its files, and what finishes it; None if it finished."""
        if self.unfinished is None:
            return None
        return (
            f"{printable(str(self.unfinished))}; what was stored is kept, and running the same import again "
            "finishes it (opening the project in the app finishes the candidate spans and search index too)"
        )


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
    """One file read (and made safe, as in ``run_import``) and stored whole, and nothing more: no
    candidates, no search index. Raises the reader's error. For tools and tests."""
    outcome = read_one(Path(path), format, options or ReadOptions(annotator=store.annotator))
    if isinstance(outcome, AnnotatorError):
        raise outcome
    return store.documents.import_source(outcome)


# SQLite's page cache while importing, in KiB (its default is 2 MB). The
# indexes on ids and content hashes take new entries all over; once a project
# holds 100,000 documents they no longer fit a small cache, and each insert
# reads pages back from the file: twice the store's time per page.
IMPORT_CACHE_KIB = 32 * 1024

# Files are stored several to a transaction (each in a savepoint of its own, so
# a file that fails leaves no trace), which saves a disk sync per file. The
# transaction is kept short, because the window's own writes wait for it: it
# is opened only once files read are waiting to be stored, never while the
# next file is read, and committed after BATCH_FILES files or BATCH_SECONDS of
# storing. A file read waits at most WAITING_SECONDS to be stored.
BATCH_FILES = 64
BATCH_SECONDS = 0.05
WAITING_SECONDS = 0.5


class _Batches:
    """Files read, waiting to be stored several to a short write transaction, in the order they came."""

    def __init__(self, store: Store, result: ImportResult, *, owed: bool) -> None:
        self.store = store
        self.result = result
        self.owed = owed
        # each file read (to be stored) or refused (its report), in the order the files came
        self._waiting: list[tuple[Path, SourceFile | ImportReport]] = []
        self._first_waiting = 0.0

    def add(self, path: Path, outcome: SourceFile | ImportReport) -> None:
        if not self._waiting:
            self._first_waiting = time.monotonic()
        self._waiting.append((path, outcome))

    def store_if_due(self) -> None:
        if len(self._waiting) >= BATCH_FILES or (
            self._waiting and time.monotonic() - self._first_waiting >= WAITING_SECONDS
        ):
            self.store_waiting()

    def store_waiting(self) -> None:
        """Store the files waiting, a short transaction at a time. A database error (another program's
        lock, a full disk) ends the import: the result says why, what was committed stays, and the
        files after it are left for the next import, which goes on from there."""
        waiting, self._waiting = self._waiting, []
        waiting.reverse()  # taken from the end, in the order they came
        reports = self.result.reports
        while waiting and self.result.unfinished is None:
            refused = waiting[-1][1]
            if isinstance(refused, ImportReport):
                reports.append(refused)  # a file refused when read: nothing to store, no lock to take
                waiting.pop()
                continue
            committed = len(reports)
            try:
                with self.store.transaction():
                    started = time.monotonic()
                    for count in range(1, BATCH_FILES + 1):
                        path, outcome = waiting.pop()
                        if isinstance(outcome, ImportReport):
                            reports.append(outcome)
                        else:
                            try:
                                reports.append(self.store_source(outcome, owed=self.owed))
                            except DatabaseError as exc:
                                # not this file's fault: the files before it in this transaction are kept
                                self.result.unfinished = exc
                                break
                            except AnnotatorError as exc:
                                reports.append(_refused(path, exc))
                        if not waiting or count == BATCH_FILES or time.monotonic() - started >= BATCH_SECONDS:
                            break
            except DatabaseError as exc:
                # the transaction could not be opened or committed: none of its files is stored
                reports[committed:] = [report for report in reports[committed:] if report.outcome != "imported"]
                self.result.unfinished = exc

    def store_source(self, source: SourceFile, *, owed: bool) -> ImportReport:
        """One file whole, or nothing: a savepoint inside the open transaction."""
        with self.store.transaction():
            report = self.store.documents.import_source(source)
            if owed and report.doc_ids:
                self.store.candidates_due.mark(_owed_candidates(source, report))
        return report


def _owed_candidates(source: SourceFile, report: ImportReport) -> list[str]:
    """The stored documents that need candidates: unfinished, and without candidates of their own."""
    stored = set(report.doc_ids)
    return [
        bundle.document.id
        for bundle in source.documents
        if bundle.document.id in stored
        and not bundle.candidates
        and Status(bundle.document.status) in (Status.TODO, Status.IN_PROGRESS)
    ]


def _apply_status(source: SourceFile, status: Status | str) -> None:
    """``status`` for the documents the file leaves at todo; the file's own statuses are kept, and noted."""
    status = Status(status)
    kept: Counter[str] = Counter()
    for bundle in source.documents:
        current = Status(bundle.document.status)
        if current is Status.TODO:
            bundle.document.status = status
        elif current is not status:
            kept[current.value] += 1
    if kept:
        counts = ", ".join(f"{value} {n}" for value, n in sorted(kept.items()))
        source.notes.append(
            f"{source.path}: {sum(kept.values())} document(s) kept the status the file gives them ({counts}) "
            f"instead of '{status.value}'"
        )


def run_import(
    store: Store,
    paths: Sequence[str | Path],
    settings: ImportSettings = ImportSettings(),
    *,
    progress: StageProgress | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import ``paths`` into ``store``: files, then candidates, then the search index (see the module)."""
    files = discover(paths)
    result = ImportResult(files=len(files))
    stop = should_stop or (lambda: False)
    try:
        _store_files(store, files, settings, result, progress, stop)
    except DatabaseError as exc:  # committing the last batch
        result.unfinished = exc
    if settings.finish and not result.stopped and result.unfinished is None:
        finish_pending(store, suggest=settings.suggest, workers=settings.workers, progress=progress,
                       should_stop=stop, result=result)
    return result


def _store_files(
    store: Store,
    files: list[Path],
    settings: ImportSettings,
    result: ImportResult,
    progress: StageProgress | None,
    stop: Callable[[], bool],
) -> None:
    batches = _Batches(store, result, owed=settings.suggest)
    read_options = settings.read or ReadOptions(annotator=store.annotator)
    outcomes = read_sources(files, format=settings.format, options=read_options, workers=settings.workers)
    conn = store.db.conn
    (cache_size,) = conn.execute("PRAGMA cache_size").fetchone()
    conn.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")
    try:
        for done, (path, outcome) in enumerate(outcomes):
            if progress:
                progress(FILES, done, len(files), path.name)
            if stop():
                result.stopped = True
                break
            if isinstance(outcome, AnnotatorError):
                batches.add(path, _refused(path, outcome))
            else:
                if settings.status is not None:
                    _apply_status(outcome, settings.status)
                batches.add(path, outcome)
            batches.store_if_due()
            if result.unfinished is not None:
                break
        batches.store_waiting()
    finally:
        outcomes.close()  # stops the worker processes of an import that ended early
        conn.execute(f"PRAGMA cache_size = {int(cache_size)}")
    if progress and files and not result.stopped and result.unfinished is None:
        progress(FILES, len(files), len(files), "")


def owes_work(store: Store) -> bool:
    """Did an import leave documents without their candidate spans? (Then ``finish_pending`` is due.)"""
    return bool(store.candidates_due.owed())


def _refused(path: Path, error: AnnotatorError) -> ImportReport:
    """The report of a file that was not imported; its message always names the file."""
    message = str(error)
    if str(path) not in message and path.name not in message:
        message = f"{path}: {message}"
    return ImportReport(file=str(path), outcome="failed", notes=[printable(message)])


def finish_pending(
    store: Store,
    *,
    suggest: bool = True,
    workers: int | None = None,
    progress: StageProgress | None = None,
    should_stop: Callable[[], bool] | None = None,
    result: ImportResult | None = None,
) -> ImportResult:
    """The last two stages on their own: candidates for every document still owed them, then the
    search index. What an import runs after storing its files, and what the app runs when it opens
    a project an interrupted import left unfinished."""
    result = result if result is not None else ImportResult()
    stop = should_stop or (lambda: False)

    def reporter(stage: str) -> Callable[[int, int], None]:
        def report(done: int, total: int) -> None:
            if stop():
                raise ImportStopped()
            if progress:
                progress(stage, done, total, "")

        return report

    try:
        if suggest:
            _finish_candidates(store, result, reporter(CANDIDATES), workers)
        result.indexed = SearchIndex(store).sync(progress=reporter(SEARCH))
    except ImportStopped:
        result.stopped = True
    except AnnotatorError as exc:
        result.unfinished = exc
    return result


def _finish_candidates(
    store: Store, result: ImportResult, report: Callable[[int, int], None], workers: int | None
) -> None:
    owed = store.candidates_due.owed()
    if not owed:
        return
    new = set(result.doc_ids)
    result.resumed = sum(1 for doc_id in owed if doc_id not in new)
    result.candidates += refresh_candidates(store, owed, progress=report, workers=workers)
    result.suggested += owed
    cap = load_rules().resolution.max_per_document
    capped = store.candidates.documents_with_pending(owed, at_least=cap)
    if capped:
        shown = ", ".join(capped[:5]) + (", ..." if len(capped) > 5 else "")
        result.notes.append(
            f"{len(capped)} document(s) reached the cap of {cap:,} candidate spans per document ({shown}); "
            "the rest are suggested as those are decided (the cap is 'max_per_document' in resolution.toml)"
        )


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
    status: Status | None = None,
) -> list[ImportReport]:
    """``run_import`` with a callback per stage, returning the files' reports; an error that kept
    the candidates or the search index from finishing is raised (after the files were stored)."""

    def staged(stage: str, done: int, total: int, what: str) -> None:
        if stage == FILES and progress is not None:
            progress(done, total, files[min(done, len(files) - 1)])
        elif stage == CANDIDATES and candidate_progress is not None:
            candidate_progress(done, total)

    files = discover(paths)
    settings = ImportSettings(format=format, read=options, status=status, suggest=suggest, workers=workers)
    result = run_import(store, files, settings, progress=staged, should_stop=should_stop)
    if result.unfinished is not None:
        raise result.unfinished
    return result.reports
