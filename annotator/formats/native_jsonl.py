"""The project's own gold format: JSON Lines, one document per line, full fidelity.

Offsets are code points into ``text``, end exclusive. Entity ids are ``T1``,
``T2``... in reading order and relation ids ``R1``... within each document,
so exporting the same data twice gives byte-identical files. See README.md,
"The JSONL format", for the field list.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from annotator.errors import InputError
from annotator.formats.fields import DocumentIds, as_record, content_document_id
from annotator.formats.fields import Fields as _Fields
from annotator.formats.files import head_json_values, json_lines, read_utf8_source
from annotator.formats.dataset import Context, FormatWriter, Part, Written
from annotator.formats.registry import (
    ExportOptions,
    ExportSummary,
    Reader,
    ReadOptions,
    register_reader,
)
from annotator.label_schema import LabelSchema
from annotator.model import (
    AnnotatedDocument,
    Candidate,
    CandidateState,
    Document,
    Entity,
    Provenance,
    Relation,
    SourceFile,
    Status,
)

FORMAT = "jsonl"


# --- writing ---------------------------------------------------------------------------


def document_record(bundle: AnnotatedDocument, *, include_candidates: bool = False) -> dict[str, Any]:
    doc = bundle.document
    entity_ids = {entity.id: f"T{n}" for n, entity in enumerate(bundle.entities, start=1)}
    relations = sorted(
        bundle.relations,
        key=lambda r: (int(entity_ids[r.head_id][1:]), int(entity_ids[r.tail_id][1:]), r.label),
    )
    record: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title,
        "text": doc.text,
        "status": Status(doc.status).value,
        "kind": doc.kind,
        "source": doc.provenance.to_dict() if doc.provenance else None,
        "entities": [
            {
                "id": entity_ids[e.id],
                "start": e.start,
                "end": e.end,
                "label": e.label,
                "text": e.text,
                "annotator": e.annotator,
            }
            for e in bundle.entities
        ],
        "relations": [
            {
                "id": f"R{n}",
                "label": r.label,
                "head": entity_ids[r.head_id],
                "tail": entity_ids[r.tail_id],
                "annotator": r.annotator,
            }
            for n, r in enumerate(relations, start=1)
        ],
    }
    if doc.status_reason:
        record["status_reason"] = doc.status_reason
    if doc.raw_text is not None and doc.raw_text != doc.text:
        record["raw_text"] = doc.raw_text
    if doc.meta:
        record["meta"] = doc.meta
    if bundle.doc_labels:
        record["doc_labels"] = dict(sorted(bundle.doc_labels.items()))
    if bundle.time_spent:
        record["time_spent"] = {k: round(v, 3) for k, v in sorted(bundle.time_spent.items())}
    if include_candidates:
        record["candidates"] = [
            {
                "start": c.start,
                "end": c.end,
                "label": c.label,
                "text": c.text,
                "source": c.source,
                "score": round(c.score, 4),
                "state": c.state.value,
            }
            for c in bundle.candidates
        ]
    return record


class _NativePart(Part):
    def __init__(self, handle: IO[str], context: Context) -> None:
        self.handle, self.context = handle, context

    def add(self, bundle: AnnotatedDocument) -> Written:
        record = document_record(bundle, include_candidates=self.context.options.include_candidates)
        self.handle.write(json.dumps(record, ensure_ascii=False))
        self.handle.write("\n")
        return Written(
            entities=len(bundle.entities),
            relations=len(bundle.relations),
            candidates=len(record.get("candidates", ())),
            labels=Counter([e.label for e in bundle.entities]),
        )


class NativeJsonlWriter(FormatWriter):
    name = FORMAT
    description = "Annotator's own JSON Lines: entities, relations, annotators, status, provenance"
    suffix = ".jsonl"
    uses = frozenset({"include_candidates"})

    def open_part(self, target: IO[str], context: Context) -> Part:
        return _NativePart(target, context)


WRITER = NativeJsonlWriter()


def write_jsonl(
    bundles: Iterable[AnnotatedDocument], schema: LabelSchema, out: str, options: ExportOptions
) -> ExportSummary:
    return WRITER.write(bundles, schema, out, options)


# --- reading ---------------------------------------------------------------------------


def _record_to_bundle(data: Any, where: str) -> AnnotatedDocument:
    fields = as_record(data, where)
    text = fields.get("text", str, required=True)
    if not text:
        raise InputError(f"{where}: 'text' is empty")
    doc_id = str(fields.get("id", (str, int), default="") or content_document_id(text))
    where = f"{where} (document {doc_id})"
    fields.where = where
    status_value = fields.get("status", str, default="todo")
    try:
        status = Status(status_value)
    except ValueError:
        raise InputError(
            f"{where}: 'status' is '{status_value}', not one of {', '.join(s.value for s in Status)}"
        ) from None
    raw_text = fields.get("raw_text", str)
    if raw_text is not None and len(raw_text) != len(text):
        raise InputError(f"{where}: 'raw_text' must be as long as 'text' ({len(raw_text)} vs {len(text)})")
    source = fields.get("source", dict)
    try:
        provenance = Provenance.from_dict(source) if source else None
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{where}: 'source' is malformed ({exc})") from None
    document = Document(
        id=doc_id,
        text=text,
        title=fields.get("title", str, default=""),
        kind=fields.get("kind", str, default="text"),
        status=status,
        status_reason=fields.get("status_reason", str, default=""),
        raw_text=raw_text,
        meta=fields.get("meta", dict, default={}),
        provenance=provenance,
    )
    bundle = AnnotatedDocument(document)
    local_ids: dict[str, int] = {}
    for n, item in enumerate(fields.get("entities", list, default=[])):
        at = f"{where}: entities[{n}]"
        if not isinstance(item, dict):
            raise InputError(f"{at}: expected an object")
        ef = _Fields(item, at)
        start, end = ef.get("start", int, required=True), ef.get("end", int, required=True)
        if not (0 <= start < end <= len(text)):
            raise InputError(f"{at}: offsets {start}-{end} are outside the text (length {len(text)})")
        label = ef.get("label", str, required=True)
        span_text = ef.get("text", str, default=text[start:end])
        if text[start:end] != span_text:
            raise InputError(f"{at}: text[{start}:{end}] is {text[start:end]!r}, not {span_text!r}")
        key = str(ef.get("id", (str, int), default=f"T{n + 1}"))
        if key in local_ids:
            raise InputError(f"{at}: id '{key}' is used twice")
        local_ids[key] = n + 1
        bundle.entities.append(
            Entity(
                doc_id=doc_id,
                start=start,
                end=end,
                label=label,
                text=span_text,
                id=n + 1,
                annotator=ef.get("annotator", str, default=""),
                origin=ef.get("origin", str, default="import"),
            )
        )
    for n, item in enumerate(fields.get("relations", list, default=[])):
        at = f"{where}: relations[{n}]"
        if not isinstance(item, dict):
            raise InputError(f"{at}: expected an object")
        rf = _Fields(item, at)
        ends = {}
        for role in ("head", "tail"):
            key = str(rf.get(role, (str, int), required=True))
            if key not in local_ids:
                raise InputError(f"{at}: '{role}' is '{key}', which is not an entity of this document")
            ends[role] = local_ids[key]
        bundle.relations.append(
            Relation(
                doc_id=doc_id,
                label=rf.get("label", str, required=True),
                head_id=ends["head"],
                tail_id=ends["tail"],
                annotator=rf.get("annotator", str, default=""),
            )
        )
    for n, item in enumerate(fields.get("candidates", list, default=[])):
        at = f"{where}: candidates[{n}]"
        if not isinstance(item, dict):
            raise InputError(f"{at}: expected an object")
        cf = _Fields(item, at)
        start, end = cf.get("start", int, required=True), cf.get("end", int, required=True)
        if not (0 <= start < end <= len(text)):
            raise InputError(f"{at}: offsets {start}-{end} are outside the text (length {len(text)})")
        state = cf.get("state", str, default="pending")
        try:
            state_value = CandidateState(state)
        except ValueError:
            raise InputError(f"{at}: 'state' is '{state}', not pending, accepted or rejected") from None
        bundle.candidates.append(
            Candidate(
                doc_id=doc_id,
                start=start,
                end=end,
                label=cf.get("label", str, required=True),
                text=cf.get("text", str, default=text[start:end]),
                source=cf.get("source", str, default="import"),
                score=float(cf.get("score", (int, float), default=0.5)),
                state=state_value,
            )
        )
    for name, value in fields.get("doc_labels", dict, default={}).items():
        if not isinstance(value, str):
            raise InputError(f"{where}: doc_labels.{name} must be a string")
        bundle.doc_labels[name] = value
    for annotator, seconds in fields.get("time_spent", dict, default={}).items():
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or seconds < 0:
            raise InputError(f"{where}: time_spent.{annotator} must be a number of seconds")
        bundle.time_spent[annotator] = float(seconds)
    return bundle


def _foreign_annotations(record: Any) -> str | None:
    """The format whose annotations ``record`` carries where this format has none, if any.

    Annotator's JSONL holds spans in ``entities`` with ``start``/``end``. A
    record whose spans sit under another format's keys would import as plain
    text, its annotations lost without a word; it is refused instead.
    """
    if not isinstance(record, dict):
        return None
    entities = record.get("entities")
    if isinstance(entities, list) and entities and isinstance(entities[0], dict) and "start_offset" in entities[0]:
        return "doccano"
    if "entities" in record:
        return None
    spans = record.get("spans")
    if isinstance(spans, list) and spans and isinstance(spans[0], dict) and "start" in spans[0]:
        return "prodigy"
    if "ner_tags" in record:
        return "hf"
    for key in ("label", "labels"):
        items = record.get(key)
        if isinstance(items, list) and items and isinstance(items[0], list) and len(items[0]) == 3:
            return "doccano"
    return None


def read_jsonl(path: Path, options: ReadOptions) -> SourceFile:
    source, text = read_utf8_source(path, FORMAT)
    ids = DocumentIds()
    for number, record in json_lines(path, text):
        foreign = _foreign_annotations(record)
        if foreign:
            raise InputError(f"{path}: line {number} holds its annotations the way the {foreign} format does, "
                             f"which Annotator's JSONL would drop; import it with --format {foreign}")
        bundle = _record_to_bundle(record, f"{path}: line {number}")
        doc = bundle.document
        if ids.claim(doc.id, derived=doc.id == content_document_id(doc.text), where=f"{path}: line {number}"):
            source.documents.append(bundle)
    source.notes.extend(ids.note())
    return source


def _looks_native(head: bytes) -> bool:
    for record in head_json_values(head):
        return isinstance(record, dict) and "text" in record
    # No line, or a first line that is not JSON: let the reader report the exact error.
    return True


register_reader(
    Reader(
        name=FORMAT,
        description="JSON Lines with a 'text' field; Annotator's own export brings its annotations along",
        extensions=(".jsonl", ".ndjson"),
        read=read_jsonl,
        sniff=_looks_native,
        priority=50,
    )
)
WRITER.register()
