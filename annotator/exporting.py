"""Exporting a project: choose the documents, hand them to a format's writer, report what was written."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from annotator import formats
from annotator.errors import InputError
from annotator.formats.registry import ExportOptions, ExportSummary
from annotator.model import AnnotatedDocument, Status
from annotator.store import Store

DEFAULT_STATUSES = (Status.DONE,)

# progress(documents_done, documents_total)
Progress = Callable[[int, int], None]


def parse_statuses(value: str) -> tuple[Status, ...] | None:
    """'done,skipped' -> statuses; 'all' -> None (no filter)."""
    if value.strip() == "all":
        return None
    statuses = []
    for part in value.split(","):
        part = part.strip()
        try:
            statuses.append(Status(part))
        except ValueError:
            raise InputError(
                f"--status: '{part}' is not one of todo, in_progress, done, skipped or all"
            ) from None
    return tuple(statuses)


def select_documents(
    store: Store,
    *,
    statuses: Iterable[Status] | None = DEFAULT_STATUSES,
    doc_ids: Sequence[str] | None = None,
) -> list[str]:
    ids = store.document_ids(statuses)
    if doc_ids is not None:
        wanted = set(doc_ids)
        missing = [d for d in doc_ids if not store.has_document(d)]
        if missing:
            raise InputError(f"--doc: no document with id '{missing[0]}'")
        ids = [d for d in ids if d in wanted]
    return ids


def export(
    store: Store,
    format: str,
    out: str,
    *,
    statuses: Iterable[Status] | None = DEFAULT_STATUSES,
    doc_ids: Sequence[str] | None = None,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
) -> ExportSummary:
    writer = formats.writer_named(format)
    if out == "-" and writer.folder:
        raise InputError(f"the {format} format writes a folder; give a folder with -o, not '-'")
    options = options or ExportOptions()
    ids = select_documents(store, statuses=statuses, doc_ids=doc_ids)

    def bundles() -> Iterator[AnnotatedDocument]:
        for done, bundle in enumerate(store.iter_annotated(ids, include_candidates=options.include_candidates)):
            if progress and done % 100 == 0:
                progress(done, len(ids))
            yield bundle
        if progress:
            progress(len(ids), len(ids))

    return writer.write(bundles(), store.schema, out, options)
