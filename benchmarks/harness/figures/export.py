"""Export of N annotated documents to JSONL with verification, against ``json.dumps`` and write of the same records.

The project is built once and cached: articles cut from the synthetic pages
(with their provenance and page furniture), each marked done with 20
entities (some nested) and 5 relations that the schema allows. The export is
``annotator.project.exporting.export`` as the CLI and the app run it: reading the
store, checking every span and relation, writing to a temporary file, syncing
it to disk and renaming it into place. The baseline holds the same records
already in memory and only serialises and writes them.

In the full mode, every other format is timed too, on a smaller selection,
against the JSONL export of the same documents (informational).
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
from pathlib import Path

from harness.corpus import page_paths
from harness.measure import Figure, alternating, ratio_at_most
from harness.session import Session

PROJECT_VERSION = 1
PROFILE_DOCUMENTS = 5_000
EXPORT_NOTE = (
    "The baseline serialises records that are already in memory. The export first reads every document "
    "with its entities, relations, provenance and page furniture from SQLite and builds them into objects, "
    "which by itself costs more than serialising them (summary below); checking every span, building the "
    "records and writing the file safely (a temporary file, synced and renamed) come on top. The reading "
    "path was cut by building objects straight from row tuples; what is left is SQLite handing Python one "
    "value at a time and the JSON of each document's provenance and furniture being parsed. Meeting 2× "
    "would take reading the project at close to the speed of json.dumps, or a second process."
)
# The steps of an export, by the function that does each, for the profile's summary.
EXPORT_STEPS = {
    "reading documents and annotations from SQLite (store.documents.iter_annotated)": "iter_annotated",
    "checking every span and relation (verify_document)": "verify_document",
    "building the JSONL records (document_record)": "document_record",
    "serialising them (json.dumps) — all the baseline does": "dumps",
}
LABELS = ("PER", "ORG", "LOC", "TITLE", "DATE")
# (relation, head label, tail label), as resources/label_schema.toml allows them
RELATIONS = (("works_at", "PER", "ORG"), ("has_title", "PER", "TITLE"), ("located_in", "ORG", "LOC"),
             ("part_of", "ORG", "ORG"))


def _annotate(bundle, rng: random.Random) -> None:
    from annotator.model import Entity, Relation, Status

    doc = bundle.document
    doc.status = Status.DONE
    text = doc.text
    if len(text) < 120:
        return
    starts = sorted(rng.sample(range(0, len(text) - 8), 20))
    by_label: dict[str, list[int]] = {label: [] for label in LABELS}
    previous_end = -1
    for number, start in enumerate(starts, start=1):
        if start < previous_end:
            start = previous_end
        end = start + rng.randint(2, 6)
        span = text[start:end]
        if end > len(text) or not span.strip() or "\n" in span or span != span.strip():
            continue
        label = LABELS[number % len(LABELS)] if number % 7 else "ORG"
        nested = number % 9 == 0 and end - start >= 4  # a span inside the one before it
        bundle.entities.append(Entity(doc.id, start, end, label, span, id=number))
        by_label[label].append(number)
        if nested:
            bundle.entities.append(Entity(doc.id, start, start + 2, "LOC", text[start : start + 2], id=100 + number))
            by_label["LOC"].append(100 + number)
        previous_end = end
    pairs = set()
    for relation, head, tail in RELATIONS * 3:
        if len(bundle.relations) >= 5 or not by_label[head] or not by_label[tail]:
            continue
        pair = (rng.choice(by_label[head]), rng.choice(by_label[tail]))
        if pair[0] != pair[1] and pair not in pairs:
            pairs.add(pair)
            bundle.relations.append(Relation(doc.id, relation, pair[0], pair[1]))


def ensure_export_project(session: Session, documents: int) -> Path:
    """A cached project of at least ``documents`` annotated articles (built from the synthetic pages once)."""
    from annotator.formats.registry import ReadOptions
    from annotator.ingest.text_reader import read_text
    from annotator.store import Store

    path = session.cache / f"export-v{PROJECT_VERSION}-{documents}.db"
    if path.is_file():
        return path
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    rng = random.Random(31)
    added = 0
    pages = 0
    with Store(partial, annotator="bench") as store:
        while added < documents:
            batch = page_paths(session.cache, pages + 50)[pages:]
            pages += len(batch)
            with store.transaction():
                for page in batch:
                    source = read_text(page, ReadOptions(annotator="bench"))
                    source.documents = source.documents[: documents - added]
                    for bundle in source.documents:
                        _annotate(bundle, rng)
                    added += store.documents.import_source(source).documents
                    if added >= documents:
                        break
    partial.rename(path)
    return path


def _records(store, ids: list[str]) -> list[dict]:
    from annotator.formats.native_jsonl import document_record

    return [document_record(bundle) for bundle in store.documents.iter_annotated(ids)]


def dumps_and_write(records: list[dict], out: Path) -> None:
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False))
            handle.write("\n")


def _export(store, format: str, out: Path, ids: list[str] | None = None, **options) -> None:
    from annotator.project.exporting import export
    from annotator.formats.registry import ExportOptions

    export(store, format, str(out), statuses=None, doc_ids=ids, options=ExportOptions(**options))
    if out.is_dir():
        shutil.rmtree(out)
    else:
        out.unlink()


def figures(session: Session) -> list[Figure]:
    from annotator.store import Store

    plan = session.plan
    path = ensure_export_project(session, plan.export_documents)
    out = session.work / "export"
    out.mkdir(exist_ok=True)
    figures_out = []
    with Store(path, annotator="bench") as store:
        ids = store.documents.ids()
        records = _records(store, ids)
        entities = sum(len(r["entities"]) for r in records)
        relations = sum(len(r["relations"]) for r in records)
        times = alternating(
            {
                "baseline": lambda i: dumps_and_write(records, out / "baseline.jsonl"),
                "export": lambda i: _export(store, "jsonl", out / "export.jsonl"),
            },
            plan.repeats,
        )
        megabytes = sum(len(json.dumps(r, ensure_ascii=False).encode()) + 1 for r in records) / 1e6
        figures_out.append(
            Figure(
                name=f"export of {len(ids):,} documents to JSONL with verification",
                value=statistics.median(times["export"]),
                unit="s",
                baseline=statistics.median(times["baseline"]),
                baseline_name="json.dumps and write of the same records, already in memory",
                targets=[ratio_at_most(2)],
                profile=lambda: _profile_export(path, ids[:PROFILE_DOCUMENTS], out / "profile.jsonl"),
                note=EXPORT_NOTE,
                detail=(
                    f"{entities:,} entities and {relations:,} relations, {megabytes:.0f} MB written; "
                    f"annotator.project.exporting.export; median of {plan.repeats}, in turns"
                ),
            )
        )
        if plan.format_documents:
            figures_out += _other_formats(store, ids[: plan.format_documents], out, plan.candidate_repeats)
    return figures_out


def _other_formats(store, ids: list[str], out: Path, repeats: int) -> list[Figure]:
    import importlib.util

    from annotator.formats import WRITERS
    from annotator.text.segmenter import get_segmenter

    get_segmenter()  # word tokens need it; its loading is start-up cost
    runs = {}
    for name in sorted(WRITERS):
        if name == "spacy" and importlib.util.find_spec("spacy") is None:
            continue
        runs[(name, "char")] = (lambda n: lambda i: _export(store, n, out / f"{n}.out", ids))(name)
    for name in ("conll", "hf"):
        if name in WRITERS:
            runs[(name, "word")] = (lambda n: lambda i: _export(store, n, out / f"{n}-w.out", ids, tokens="word"))(name)
    if ("jsonl", "char") not in runs:
        return []
    times = alternating({f"{name}/{tokens}": run for (name, tokens), run in runs.items()}, repeats)
    baseline = statistics.median(times["jsonl/char"])
    return [
        Figure(
            name=f"export of {len(ids):,} documents to {key}",
            value=statistics.median(values),
            unit="s",
            baseline=baseline,
            baseline_name="the JSONL export of the same documents",
            detail=f"median of {repeats}, in turns; {len(ids) / statistics.median(values):,.0f} documents/s",
            informational=True,
        )
        for key, values in times.items()
        if key != "jsonl/char"
    ]


def _profile_export(path: Path, ids: list[str], out: Path) -> str:
    from annotator.store import Store
    from harness.profiles import call_tree

    with Store(path, annotator="bench") as store:
        tree = call_tree(lambda: _export(store, "jsonl", out, ids), shares=EXPORT_STEPS)
    return f"export of {len(ids):,} documents to JSONL, profiled:\n{tree}"
