"""Importing files and folders into a project: find the files, read each, store each in one transaction.

A file that cannot be read or fails validation is reported and leaves no
trace in the database; the other files still import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from annotator import formats
from annotator.errors import AnnotatorError, InputError
from annotator.formats.registry import ReadOptions, importable_extensions, is_companion
from annotator.model import ImportReport
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
    return store.import_source(source)


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
) -> list[ImportReport]:
    """Import ``paths``; with ``suggest``, new documents that brought no candidates of
    their own get candidate spans (see ``annotator.candidates.refresh_candidates``)."""
    files = discover(paths)
    reports: list[ImportReport] = []
    for done, path in enumerate(files):
        if progress:
            progress(done, len(files), path)
        try:
            reports.append(import_file(store, path, format=format, options=options))
        except AnnotatorError as exc:
            reports.append(ImportReport(file=str(path), outcome="failed", notes=[str(exc)]))
    if progress and files:
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
    from annotator.candidates import refresh_candidates

    new_ids = [doc_id for report in reports for doc_id in report.doc_ids if not store.candidates(doc_id)]
    if not new_ids:
        return 0
    return refresh_candidates(store, new_ids, progress=progress, workers=workers)
