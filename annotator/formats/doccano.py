"""doccano: JSON Lines for sequence labelling with relations.

Written, one document per line::

    {"id": "d55bd91ce4-00012", "text": "...", "title": "...",
     "entities": [{"id": 1, "label": "ORG", "start_offset": 0, "end_offset": 6}],
     "relations": [{"id": 1, "from_id": 2, "to_id": 1, "type": "works_at"}]}

``id`` and ``title`` are extra columns, which doccano keeps as metadata. Entity
and relation ids are numbers local to the document.

Offsets are UTF-16 code units by default, because that is what doccano
itself counts: its sequence-labelling page takes offsets from the browser's
DOM selection (JavaScript strings count UTF-16 units) and stores them as
they are; only a project with "Count grapheme clusters as one character"
counts otherwise (doccano 1.8.4, ``frontend``'s text annotator and
``projects.models.Project.grapheme_mode``, off by default). ``--offsets
codepoint`` writes Python string indices instead. Either way each record
names its unit in an extra column, ``"offset_unit"``, which doccano keeps as
metadata, so the file says how to read it wherever it goes.

Read: that shape (doccano's "relation" projects) and the plain sequence
labelling shape ``{"text", "label": [[start, end, "LABEL"], ...]}``. doccano
has no review status, so documents are imported as done. Offsets are checked
for UTF-16 units (see ``annotator.formats.offset_units``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from annotator.errors import InputError
from annotator.formats.dataset import Context, FormatWriter, Part, Written
from annotator.formats.duplicates import Duplicates
from annotator.formats.fields import DocumentIds, Fields, as_record, content_document_id, foreign_document_id
from annotator.formats.files import head_json_values, json_lines, read_utf8_source
from annotator.formats.numbering import entity_numbers, ordered_relations
from annotator.formats.offset_units import CODEPOINT, UTF16, RawDocument, RawSpan, decide_units, to_codepoints
from annotator.formats.registry import Reader, ReadOptions, register_reader
from annotator.formats.schema_files import find_export_info
from annotator.model import AnnotatedDocument, Document, Entity, Relation, SourceFile, Status
from annotator.text.offsets import OffsetMap

FORMAT = "doccano"
# the extra column in which an export names its offset unit (doccano keeps it as metadata)
UNIT_COLUMN = "offset_unit"


# --- writing ---------------------------------------------------------------------------


class _DoccanoPart(Part):
    def __init__(self, handle: IO[str], context: Context) -> None:
        self.handle, self.utf16 = handle, context.options.offsets == UTF16

    def add(self, bundle: AnnotatedDocument) -> Written:
        doc = bundle.document
        numbers = entity_numbers(bundle)
        convert = OffsetMap(doc.text).to_utf16 if self.utf16 else int
        # Every record has the same columns: doccano 1.8.4 reads the file into a table and stores a
        # column missing from one record as NaN in that record's metadata, which its database refuses.
        record: dict[str, Any] = {"id": doc.id, "text": doc.text, "title": doc.title}
        record[UNIT_COLUMN] = UTF16 if self.utf16 else CODEPOINT
        record["entities"] = [
            {"id": numbers[e.id], "label": e.label, "start_offset": convert(e.start), "end_offset": convert(e.end)}
            for e in bundle.entities
        ]
        record["relations"] = [
            {"id": n, "from_id": numbers[r.head_id], "to_id": numbers[r.tail_id], "type": r.label}
            for n, r in enumerate(ordered_relations(bundle, numbers), start=1)
        ]
        self.handle.write(json.dumps(record, ensure_ascii=False))
        self.handle.write("\n")
        return Written(len(bundle.entities), len(bundle.relations), labels=Counter(e.label for e in bundle.entities))


class DoccanoWriter(FormatWriter):
    name = FORMAT
    description = "doccano JSONL (sequence labelling with relations)"
    suffix = ".jsonl"
    uses = frozenset({"offsets"})
    default_offsets = UTF16

    def open_part(self, target: IO[str], context: Context) -> Part:
        if context.options.offsets not in (CODEPOINT, UTF16):
            raise InputError(f"--offsets: '{context.options.offsets}' is not codepoint or utf16")
        return _DoccanoPart(target, context)


# --- reading ---------------------------------------------------------------------------


@dataclass
class _Pending:
    """One record, parsed but with offsets not yet converted."""

    raw: RawDocument
    doc_id: str
    title: str
    # the unit the record names in its offset_unit column, if any
    unit: str | None = None
    labels: list[str] = field(default_factory=list)
    local_ids: list[str] = field(default_factory=list)
    relations: list[tuple[str, str, str, str]] = field(default_factory=list)  # (where, from, to, type)


def _entities(fields: Fields, pending: _Pending) -> None:
    if "entities" in fields.data and fields.data["entities"] is not None:
        items, key = fields.get("entities", list), "entities"
    else:
        key = "label" if "label" in fields.data else "labels"
        items = fields.get(key, list, default=[])
    for n, item in enumerate(items):
        at = f"{fields.where}: {key}[{n}]"
        if isinstance(item, dict):
            entity = Fields(item, at)
            start, end = entity.get("start_offset", int, required=True), entity.get("end_offset", int, required=True)
            label = entity.get("label", str, required=True)
            local = str(entity.get("id", (int, str), default=f"#{n}"))
        elif isinstance(item, list) and len(item) == 3 and isinstance(item[2], str):
            start, end, label = item
            local = f"#{n}"
        else:
            raise InputError(f"{at}: expected {{\"label\", \"start_offset\", \"end_offset\"}} or "
                             "[start, end, \"LABEL\"]")
        if not label:
            raise InputError(f"{at}: the label is empty")
        if local in pending.local_ids:
            raise InputError(f"{at}: entity id {local} is used twice")
        pending.raw.spans.append(RawSpan(start, end, None, at))
        pending.labels.append(label)
        pending.local_ids.append(local)


def _relations(fields: Fields, pending: _Pending) -> None:
    for relation in fields.objects("relations"):
        ends = []
        for role in ("from_id", "to_id"):
            ref = str(relation.get(role, (int, str), required=True))
            if ref not in pending.local_ids:
                raise InputError(f"{relation.where}: '{role}' is {ref}, which is not an entity of this document")
            ends.append(ref)
        label = relation.get("type", str, required=True)
        if not label:
            raise InputError(f"{relation.where}: 'type' is empty")
        pending.relations.append((relation.where, ends[0], ends[1], label))


def _parse(record: Any, where: str) -> _Pending:
    fields = as_record(record, where)
    text = fields.get("text", str, required=True)
    if not text:
        raise InputError(f"{where}: 'text' is empty")
    doc_id = foreign_document_id(fields.get("id", (int, str)), text)
    fields.where = f"{where} (document {doc_id})"
    unit = fields.get(UNIT_COLUMN, str)
    if unit is not None and unit not in (CODEPOINT, UTF16):
        raise InputError(f"{fields.where}: '{UNIT_COLUMN}' is '{unit}', not {CODEPOINT} or {UTF16}")
    pending = _Pending(RawDocument(fields.where, text), doc_id, fields.get("title", str, default=""), unit)
    _entities(fields, pending)
    _relations(fields, pending)
    return pending


def _bundle(pending: _Pending, unit: str, annotator: str) -> AnnotatedDocument:
    raw = pending.raw
    bundle = AnnotatedDocument(Document(id=pending.doc_id, text=raw.text, title=pending.title, kind="text",
                                        status=Status.DONE))
    number: dict[str, int] = {}
    for n, (span, label, local) in enumerate(zip(raw.spans, pending.labels, pending.local_ids), start=1):
        start, end = to_codepoints(raw, span, unit)
        number[local] = n
        bundle.entities.append(Entity(pending.doc_id, start, end, label, raw.text[start:end], id=n,
                                      annotator=annotator, origin="import"))
    for _where, head, tail, label in pending.relations:
        bundle.relations.append(Relation(pending.doc_id, label, number[head], number[tail], annotator=annotator))
    return bundle


def read_doccano(path: Path, options: ReadOptions) -> SourceFile:
    source, text = read_utf8_source(path, FORMAT)
    pendings: list[_Pending] = []
    ids = DocumentIds()
    for number, record in json_lines(path, text):
        pending = _parse(record, f"{path}: line {number}")
        if ids.claim(pending.doc_id, derived=pending.doc_id == content_document_id(pending.raw.text),
                     where=f"{path}: line {number}"):
            pendings.append(pending)
    info = find_export_info(path) or {}
    decision = decide_units([p.raw for p in pendings], tool="doccano", convention=UTF16,
                            declared=info.get("offsets") if info.get("format") == FORMAT else None,
                            forced=options.offsets, stated=[p.unit for p in pendings])
    duplicates = Duplicates()
    for pending, unit in zip(pendings, decision.units):
        source.documents.append(duplicates.merge(_bundle(pending, unit, options.annotator), pending.raw.where))
    source.notes.extend(decision.notes + ids.note() + duplicates.notes())
    if pendings:
        source.notes.append("doccano has no review status; the documents were imported as done")
    return source


def looks_like_doccano(head: bytes) -> bool:
    """A JSON line whose spans use doccano's keys: start_offset/end_offset, or [start, end, label] triples."""
    for record in head_json_values(head, 200):
        if not isinstance(record, dict) or "text" not in record:
            return False
        if {"status", "source", "kind", "spans", "tokens", "ner_tags"} & set(record):
            return False
        for key in ("entities", "label", "labels"):
            items = record.get(key)
            if isinstance(items, list) and items:
                first = items[0]
                if isinstance(first, dict):
                    return "start_offset" in first
                return isinstance(first, list) and len(first) == 3
    return False


register_reader(
    Reader(
        name=FORMAT,
        description="doccano JSONL: entities with start_offset/end_offset and relations, or label triples",
        extensions=(".jsonl",),
        read=read_doccano,
        sniff=looks_like_doccano,
        priority=30,
    )
)
DoccanoWriter().register()
