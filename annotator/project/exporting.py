"""Exporting a project: choose the documents and annotations, hand them to a format, report what was written.

This is the one entry point for the CLI (``annotator export``) and the app's
File → Export dialog::

    summary = export(store, "conll", "out/gold.conll",
                     labels=["PER", "ORG"], options=ExportOptions(tokens="word"),
                     progress=lambda done, total: ...)

Selection happens in two steps:

* **Documents**: by status (default: done only), by id (``doc_ids``) and, when
  ``annotators`` is given, only documents those people annotated.
* **Layer**: which annotations: ``project`` (the project's own, as the window
  shows them), ``gold`` (the same, but documents that several annotators did
  are left out until adjudicated) or an annotator's name (their versions,
  merged from their package). By default ``gold`` once the project has
  adjudicated documents, else ``project``.
* **Annotations** inside them: ``labels`` keeps only entities with those
  labels, ``annotators`` only entities and relations those people made. A
  relation whose head or tail was filtered out is left out too (counted in the
  summary's notes). Documents with nothing left stay in the export: for
  training, a document without entities is a negative example.

Every format checks each document before writing and writes atomically, so a
failed or cancelled export leaves nothing behind (see ``annotator.formats.dataset``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace

from annotator import formats
from annotator.errors import InputError, SchemaError
from annotator.formats.registry import ExportOptions, ExportSummary
from annotator.formats.splits import check_splits, parse_splits
from annotator.model import AnnotatedDocument, DocumentLayer, Entity, Relation, Status
from annotator.store import Store

DEFAULT_STATUSES = (Status.DONE,)
PROJECT_LAYER = "project"
GOLD_LAYER = "gold"

# progress(documents_done, documents_total). It is called from the exporting
# thread; raising from it cancels the export and nothing is written.
Progress = Callable[[int, int], None]

__all__ = [
    "DEFAULT_STATUSES", "GOLD_LAYER", "PROJECT_LAYER", "Progress", "default_layer", "export", "parse_splits",
    "parse_statuses", "select_documents",
]


def default_layer(store: Store) -> str:
    """``gold`` once the project has adjudicated documents, else ``project``."""
    return GOLD_LAYER if store.adjudications.everything() else PROJECT_LAYER


def check_layer(store: Store, layer: str) -> str:
    if layer in (PROJECT_LAYER, GOLD_LAYER):
        return layer
    known = store.versions.annotators()
    if layer not in known:
        raise InputError(
            f"--layer: '{layer}' is not gold, project or an annotator with merged work "
            f"({', '.join(known) or 'no work of annotators has been merged'})"
        )
    return layer


def version_bundle(bundle: AnnotatedDocument, version: DocumentLayer) -> AnnotatedDocument:
    """``bundle``'s document with an annotator's version as its annotations."""
    entities = [
        Entity(bundle.document.id, e.start, e.end, e.label, e.text, e.key, e.made_by, e.origin)
        for e in version.entities
    ]
    relations = [
        Relation(bundle.document.id, r.label, r.head_key, r.tail_key, r.key, r.made_by) for r in version.relations
    ]
    document = replace(bundle.document, status=version.status, status_reason=version.status_reason)
    return AnnotatedDocument(
        document, entities, relations, [], {d.name: d.value for d in version.doc_labels},
        {k: v for k, v in bundle.time_spent.items() if k == version.owner},
    )


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
    annotators: Sequence[str] | None = None,
    layer: str = PROJECT_LAYER,
) -> list[str]:
    """Ids of the documents to export, in reading order."""
    if layer in (PROJECT_LAYER, GOLD_LAYER):
        ids = store.documents.ids(statuses, annotators=annotators or None)
        if layer == GOLD_LAYER:
            waiting = set(store.adjudications.pending())
            ids = [d for d in ids if d not in waiting]
    else:
        wanted_statuses = None if statuses is None else {Status(s) for s in statuses}
        versions = store.versions.info()
        ids = [
            d for d in store.documents.ids()
            if layer in versions.get(d, {}) and (wanted_statuses is None or versions[d][layer].status in wanted_statuses)
        ]
    if doc_ids is not None:
        wanted = set(doc_ids)
        existing = store.documents.existing(doc_ids)
        missing = [d for d in doc_ids if d not in existing]
        if missing:
            raise InputError(f"--doc: no document with id '{missing[0]}'")
        ids = [d for d in ids if d in wanted]
    return ids


def _check_filters(store: Store, labels: Sequence[str] | None, annotators: Sequence[str] | None) -> None:
    schema = store.schema.current
    for label in labels or ():
        if not schema.has_entity(label):
            raise SchemaError(f"--label: '{label}' is not an entity label of this project "
                              f"({', '.join(schema.entity_names)})")
    known = store.settings.annotators()
    for name in annotators or ():
        if name not in known:
            raise InputError(f"--annotator: nobody called '{name}' has worked in this project "
                             f"({', '.join(known) or 'nobody yet'})")


def filter_annotations(
    bundle: AnnotatedDocument, labels: Sequence[str] | None, annotators: Sequence[str] | None
) -> tuple[AnnotatedDocument, int]:
    """The bundle with only the wanted entities, relations and candidates; and how many relations lost an end."""
    if not labels and not annotators:
        return bundle, 0
    label_set = set(labels or ())
    people = set(annotators or ())
    entities = [
        e for e in bundle.entities
        if (not label_set or e.label in label_set) and (not people or e.annotator in people)
    ]
    kept_ids = {e.id for e in entities}
    relations = [r for r in bundle.relations if not people or r.annotator in people]
    orphaned = sum(1 for r in relations if r.head_id not in kept_ids or r.tail_id not in kept_ids)
    relations = [r for r in relations if r.head_id in kept_ids and r.tail_id in kept_ids]
    candidates = [c for c in bundle.candidates if not label_set or c.label in label_set]
    return replace(bundle, entities=entities, relations=relations, candidates=candidates), orphaned


def export(
    store: Store,
    format: str,
    out: str,
    *,
    statuses: Iterable[Status] | None = DEFAULT_STATUSES,
    doc_ids: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
    annotators: Sequence[str] | None = None,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
    layer: str | None = None,
) -> ExportSummary:
    """Write the selected documents in ``format`` to ``out`` ('-' for stdout where the format allows).

    Returns an ``ExportSummary``: documents, entities and relations written
    (per split and per label), the files written, what was skipped and why,
    and notes. Raises ``InputError``/``SchemaError`` for a bad selection or
    option and ``VerificationError`` when a span does not fit its text; in
    every error case nothing is written.
    """
    writer = formats.writer_named(format)
    if out == "-" and not writer.stdout:
        raise InputError(f"the {format} format writes {'a folder' if writer.folder else 'a binary file'}; "
                         "give a path with -o, not '-'")
    options = replace(options) if options else ExportOptions()
    if options.splits:
        options.splits = check_splits(dict(options.splits))
    statuses = None if statuses is None else tuple(Status(s) for s in statuses)
    _check_filters(store, labels, annotators)
    layer = check_layer(store, layer or default_layer(store))
    ids = select_documents(store, statuses=statuses, doc_ids=doc_ids, annotators=annotators, layer=layer)
    options.selection = _describe_selection(store, statuses, doc_ids, labels, annotators, len(ids))
    options.selection["layer"] = layer
    held_back = 0
    if layer == GOLD_LAYER:
        everything = select_documents(store, statuses=statuses, doc_ids=doc_ids, annotators=annotators)
        held_back = len(everything) - len(ids)
    orphaned = 0

    def bundles() -> Iterator[AnnotatedDocument]:
        nonlocal orphaned
        step = max(1, len(ids) // 200)
        if progress:
            progress(0, len(ids))
        for done, bundle in enumerate(store.documents.iter_annotated(ids, include_candidates=options.include_candidates), 1):
            if layer not in (PROJECT_LAYER, GOLD_LAYER):
                bundle = version_bundle(bundle, store.versions.of_document(bundle.document.id)[layer])
            bundle, lost = filter_annotations(bundle, labels, annotators)
            orphaned += lost
            yield bundle
            if progress and (done % step == 0 or done == len(ids)):
                progress(done, len(ids))

    summary = writer.write(bundles(), store.schema.current, out, options)
    if orphaned:
        summary.notes.append(f"{orphaned} relation(s) left out because their head or tail was filtered out")
    if held_back:
        summary.notes.append(
            f"{held_back} document(s) annotated by several people are not adjudicated yet and were left out "
            "of the gold layer (adjudicate them, or export --layer project)"
        )
    if not ids:
        summary.notes.append("no document matched the selection; the output holds no documents")
    return summary


def _describe_selection(
    store: Store,
    statuses: tuple[Status, ...] | None,
    doc_ids: Sequence[str] | None,
    labels: Sequence[str] | None,
    annotators: Sequence[str] | None,
    count: int,
) -> dict:
    selection: dict = {
        "project": store.schema.current.name,
        "statuses": [s.value for s in statuses] if statuses is not None else "all",
        "documents": count,
    }
    if doc_ids is not None:
        selection["document_ids"] = len(doc_ids)
    if labels:
        selection["labels"] = list(labels)
    if annotators:
        selection["annotators"] = list(annotators)
    return selection
