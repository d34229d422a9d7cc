"""Export of 2,000 annotated documents to JSONL with verification, against reading the same rows and ``json.dumps``.

The project is built once and cached: articles cut from the synthetic pages
(with their provenance and page furniture), each marked done with 20
entities (some nested) and 5 relations that the schema allows.

- ``export_jsonl``: ``annotator.project.exporting.export`` as the CLI and the
  app run it: reading the store, checking every span and relation, building
  the records, writing to a temporary file, syncing it to disk and renaming it
  into place. The baseline is the least any JSONL export of the same data
  does: the same rows read from SQLite with plain queries, put into dicts and
  written with ``json.dumps``, one line a document (no objects, no checks, no
  safe write). Wall clock, in turns.
- ``export_format_*`` (informational, full run): every other format on a
  smaller selection, against the JSONL export of the same documents.
"""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
import sqlite3
import statistics
from pathlib import Path

from annotator.formats import WRITERS
from annotator.formats.registry import ExportOptions, ReadOptions
from annotator.ingest.text_reader import read_text
from annotator.model import Entity, Relation, Status
from annotator.project.exporting import export
from annotator.store import Store
from annotator.text.segmenter import get_segmenter
from harness.corpus import page_paths
from harness.measure import Figure, alternating, ratio_at_most
from harness.profiles import call_tree
from harness.session import Session

GROUP = "export"
FIGURES = {
    "export_jsonl": "JSONL export of 2,000 documents with verification, against reading the same rows and json.dumps",
    "export_format_brat_char": "brat export against JSONL, informational",
    "export_format_conll_char": "CoNLL export (characters) against JSONL, informational",
    "export_format_conll_word": "CoNLL export (words) against JSONL, informational",
    "export_format_doccano_char": "doccano export against JSONL, informational",
    "export_format_hf_char": "Hugging Face export (characters) against JSONL, informational",
    "export_format_hf_word": "Hugging Face export (words) against JSONL, informational",
    "export_format_label-studio_char": "Label Studio export against JSONL, informational",
    "export_format_prodigy_char": "Prodigy export against JSONL, informational",
    "export_format_spacy_char": "spaCy export against JSONL, informational",
}
PROJECT_VERSION = 1
TARGET_RATIO = 2
PROFILE_DOCUMENTS = 2_000
EXPORT_NOTE = (
    "The baseline reads the same rows with plain queries and dumps them. The export builds the rows "
    "into documents, entities and relations, checks every span against the text and every relation's "
    "ends, numbers the entities and sorts the relations for the records, and writes through a temporary "
    "file that is synced to disk and renamed into place, so that a failed export leaves nothing behind."
)
# The steps of an export, by the function that does each, for the profile's summary.
EXPORT_STEPS = {
    "reading documents and annotations from SQLite (store.documents.iter_annotated)": "iter_annotated",
    "checking every span and relation (verify_document)": "verify_document",
    "building the JSONL records (document_record)": "document_record",
    "serialising them (json.dumps)": "dumps",
    "syncing the file to disk (fsync)": "fsync",
}
LABELS = ("PER", "ORG", "LOC", "TITLE", "DATE")
# (relation, head label, tail label), as resources/label_schema.toml allows them
RELATIONS = (("works_at", "PER", "ORG"), ("has_title", "PER", "TITLE"), ("located_in", "ORG", "LOC"),
             ("part_of", "ORG", "ORG"))
# The baseline's queries: the columns the JSONL records are made of.
_DOCUMENT_ROWS = "SELECT id, title, text, raw_text, kind, status, status_reason, meta, provenance FROM documents WHERE id IN ({})"
_ENTITY_ROWS = 'SELECT doc_id, id, start, "end", label, text, annotator FROM entities WHERE doc_id IN ({}) ORDER BY doc_id, start'
_RELATION_ROWS = "SELECT doc_id, id, label, head_id, tail_id, annotator FROM relations WHERE doc_id IN ({}) ORDER BY id"
_LABEL_ROWS = "SELECT doc_id, name, value FROM doc_labels WHERE doc_id IN ({})"
_TIME_ROWS = "SELECT doc_id, annotator, seconds FROM time_spent WHERE doc_id IN ({})"


def _annotate(bundle, rng: random.Random) -> None:
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


def read_rows_and_dump(db: Path, ids: list[str], out: Path) -> int:
    """The baseline: the rows of ``ids`` read with plain queries, as dicts, one ``json.dumps`` a line."""
    conn = sqlite3.connect(db)
    written = 0
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            records: dict[str, dict] = {}
            for doc_id, title, text, raw_text, kind, status, reason, meta, provenance in conn.execute(
                _DOCUMENT_ROWS.format(marks), chunk
            ):
                records[doc_id] = {
                    "id": doc_id, "title": title, "text": text, "raw_text": raw_text, "kind": kind, "status": status,
                    "status_reason": reason, "meta": json.loads(meta) if meta else None,
                    "source": json.loads(provenance) if provenance else None, "entities": [], "relations": [],
                }
            for doc_id, entity_id, begin, end, label, text, annotator in conn.execute(_ENTITY_ROWS.format(marks), chunk):
                records[doc_id]["entities"].append(
                    {"id": entity_id, "start": begin, "end": end, "label": label, "text": text, "annotator": annotator}
                )
            for doc_id, relation_id, label, head, tail, annotator in conn.execute(_RELATION_ROWS.format(marks), chunk):
                records[doc_id]["relations"].append(
                    {"id": relation_id, "label": label, "head": head, "tail": tail, "annotator": annotator}
                )
            for doc_id, name, value in conn.execute(_LABEL_ROWS.format(marks), chunk):
                records[doc_id].setdefault("doc_labels", {})[name] = value
            for doc_id, annotator, seconds in conn.execute(_TIME_ROWS.format(marks), chunk):
                records[doc_id].setdefault("time_spent", {})[annotator] = seconds
            for doc_id in chunk:
                handle.write(json.dumps(records[doc_id], ensure_ascii=False))
                handle.write("\n")
                written += 1
    conn.close()
    return written


def _export(store, format: str, out: Path, ids: list[str] | None = None, **options) -> None:
    export(store, format, str(out), statuses=None, doc_ids=ids, options=ExportOptions(**options))
    if out.is_dir():
        shutil.rmtree(out)
    else:
        out.unlink()


def figures(session: Session) -> list[Figure]:
    plan = session.plan
    path = ensure_export_project(session, plan.export_documents)
    out = session.work / "export"
    out.mkdir(exist_ok=True)
    figures_out = []
    with Store(path, annotator="bench") as store:
        ids = store.documents.ids()[: plan.export_documents]
        conn = store.db.conn
        marks = ",".join("?" * len(ids))
        entities = conn.execute(f"SELECT COUNT(*) FROM entities WHERE doc_id IN ({marks})", ids).fetchone()[0]
        relations = conn.execute(f"SELECT COUNT(*) FROM relations WHERE doc_id IN ({marks})", ids).fetchone()[0]
        read_rows_and_dump(path, ids, out / "baseline.jsonl")
        megabytes = (out / "baseline.jsonl").stat().st_size / 1e6
        times = alternating(
            {
                "baseline": lambda i: read_rows_and_dump(path, ids, out / "baseline.jsonl"),
                "export": lambda i: _export(store, "jsonl", out / "export.jsonl", ids),
            },
            plan.repeats,
        )
        figures_out.append(
            Figure(
                id="export_jsonl",
                name=f"export of {len(ids):,} documents to JSONL with verification",
                value=statistics.median(times["export"]),
                unit="s",
                baseline=statistics.median(times["baseline"]),
                baseline_name="the same rows read with plain queries and written with json.dumps, one line a document",
                targets=[ratio_at_most(TARGET_RATIO)],
                profile=lambda: _profile_export(path, ids[:PROFILE_DOCUMENTS], out / "profile.jsonl"),
                note=EXPORT_NOTE,
                detail=(
                    f"{entities:,} entities and {relations:,} relations, about {megabytes:.0f} MB written; "
                    f"annotator.project.exporting.export; wall clock, median of {plan.repeats}, in turns"
                ),
            )
        )
        if plan.format_documents:
            figures_out += _other_formats(store, ids[: plan.format_documents], out, plan.candidate_repeats)
    return figures_out


def _other_formats(store, ids: list[str], out: Path, repeats: int) -> list[Figure]:
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
            id=f"export_format_{key.replace('/', '_')}",
            name=f"export of {len(ids):,} documents to {key}",
            value=statistics.median(values),
            unit="s",
            baseline=baseline,
            baseline_name="the JSONL export of the same documents",
            detail=f"median of {repeats}, in turns; {len(ids) / statistics.median(values):,.0f} documents/s",
            informational=True,
        )
        for key, values in times.items()
        if key != "jsonl/char" and f"export_format_{key.replace('/', '_')}" in FIGURES
    ]


def _profile_export(path: Path, ids: list[str], out: Path) -> str:
    with Store(path, annotator="bench") as store:
        tree = call_tree(lambda: _export(store, "jsonl", out, ids), shares=EXPORT_STEPS)
    return f"export of {len(ids):,} documents to JSONL, profiled:\n{tree}"
