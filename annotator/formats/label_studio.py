"""Label Studio: a JSON list of tasks, plus the labelling config that matches them.

Written, one task per document::

    {"data": {"text": "...", "doc_id": "...", "title": "...", "status": "done"},
     "annotations": [{"was_cancelled": false, "result": [
        {"id": "T1", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 6, "text": "姚庄镇总工会", "labels": ["ORG"]}},
        {"type": "relation", "from_id": "T2", "to_id": "T1", "direction": "right", "labels": ["works_at"]},
        {"id": "topic", "from_name": "topic", "to_name": "text", "type": "choices",
         "value": {"choices": ["工会建设"]}}]}],
     "predictions": [...pending candidates, one prediction per source, with --include-candidates...]}

``label_config.xml`` (``NAME.label_config.xml`` next to a single file) holds
the matching ``<View>``: the entity labels with their colours and hotkeys,
the relation labels, and a ``<Choices>`` block per document label. Paste it
into the project's Labeling Interface before importing the tasks.

Offsets are code points by default; ``--offsets utf16`` writes the UTF-16
units Label Studio's browser front end counts (what it needs to highlight
spans correctly after emoji and other non-BMP characters).

Read: Label Studio's JSON export (and JSON-MIN). Of several annotations on a
task the ground truth is taken, else the latest that was not cancelled;
predictions become candidates. A skipped (cancelled) task is imported as
skipped, a task without annotations as todo, one with an annotation as done.
Each region's ``value.text`` tells whether its offsets are UTF-16 units.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import quoteattr

from annotator.errors import InputError
from annotator.formats.dataset import Context, FormatWriter, Part, Written
from annotator.formats.duplicates import Duplicates
from annotator.formats.fields import (
    DocumentIds,
    Fields,
    as_record,
    content_document_id,
    foreign_document_id,
)
from annotator.formats.files import parse_json, read_utf8_source
from annotator.formats.hf_disk import is_hf_disk_metadata
from annotator.formats.numbering import entity_numbers, ordered_relations
from annotator.formats.offset_units import (
    CODEPOINT,
    UTF16,
    RawDocument,
    RawSpan,
    decide_units,
    to_codepoints,
)
from annotator.formats.registry import Reader, ReadOptions, register_reader
from annotator.formats.schema_files import find_export_info
from annotator.label_schema import LabelSchema
from annotator.model import (
    AnnotatedDocument,
    Candidate,
    CandidateState,
    Document,
    Entity,
    Relation,
    SourceFile,
    Status,
)
from annotator.text.offsets import OffsetMap

FORMAT = "label-studio"
CONFIG_NAME = "label_config.xml"
LABELS_TAG, TEXT_TAG = "label", "text"


def _choices_name(name: str) -> str:
    """The config name of a document label, kept clear of the Labels and Text tags."""
    return name if name not in (LABELS_TAG, TEXT_TAG) else f"doc_{name}"


def _doc_label_name(choices_name: str) -> str:
    """The inverse of ``_choices_name``."""
    plain = choices_name[4:] if choices_name.startswith("doc_") else None
    return plain if plain in (LABELS_TAG, TEXT_TAG) else choices_name


# --- writing ---------------------------------------------------------------------------


def labelling_config(schema: LabelSchema) -> str:
    lines = ["<View>", '  <Header value="$title"/>']
    if schema.relations:
        lines.append("  <Relations>")
        lines += [f"    <Relation value={quoteattr(r.name)}/>" for r in schema.relations]
        lines.append("  </Relations>")
    lines.append(f"  <Labels name={quoteattr(LABELS_TAG)} toName={quoteattr(TEXT_TAG)}>")
    for label in schema.entities:
        hotkey = f" hotkey={quoteattr(label.hotkey)}" if label.hotkey else ""
        lines.append(f"    <Label value={quoteattr(label.name)} background={quoteattr(label.color)}{hotkey}/>")
    lines.append("  </Labels>")
    lines.append(f'  <Text name={quoteattr(TEXT_TAG)} value="$text"/>')
    for doc_label in schema.document_labels:
        lines.append(f"  <Choices name={quoteattr(_choices_name(doc_label.name))} toName={quoteattr(TEXT_TAG)} "
                     'choice="single" showInline="true">')
        lines += [f"    <Choice value={quoteattr(v)}/>" for v in doc_label.values]
        lines.append("  </Choices>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def _region(region_id: str, start: int, end: int, text: str, label: str) -> dict[str, Any]:
    return {
        "id": region_id,
        "from_name": LABELS_TAG,
        "to_name": TEXT_TAG,
        "type": "labels",
        "value": {"start": start, "end": end, "text": text, "labels": [label]},
    }


class _TasksPart(Part):
    def __init__(self, handle: IO[str], context: Context) -> None:
        self.handle, self.context = handle, context
        self.utf16 = context.options.offsets == UTF16
        self.first = True
        self.number = 0
        self.directed = {r.name: r.directed for r in context.schema.relations}
        handle.write("[")

    def add(self, bundle: AnnotatedDocument) -> Written:
        doc = bundle.document
        offsets = OffsetMap(doc.text)
        convert = offsets.to_utf16 if self.utf16 else int
        numbers = entity_numbers(bundle)
        result: list[dict[str, Any]] = [
            _region(f"T{numbers[e.id]}", convert(e.start), convert(e.end), e.text, e.label) for e in bundle.entities
        ]
        for relation in ordered_relations(bundle, numbers):
            result.append({
                "type": "relation",
                "from_id": f"T{numbers[relation.head_id]}",
                "to_id": f"T{numbers[relation.tail_id]}",
                "direction": "right" if self.directed.get(relation.label, True) else "bi",
                "labels": [relation.label],
            })
        for name, value in sorted(bundle.doc_labels.items()):
            result.append({"id": _choices_name(name), "from_name": _choices_name(name), "to_name": TEXT_TAG,
                           "type": "choices", "value": {"choices": [value]}})
        status = Status(doc.status)
        # Label Studio numbers tasks from 1, and its SDK's converters need the number (KeyError: 'id' without it)
        self.number += 1
        task: dict[str, Any] = {"id": self.number,
                                "data": {"text": doc.text, "doc_id": doc.id, "title": doc.title,
                                         "status": status.value}}
        if result or status in (Status.DONE, Status.SKIPPED):
            task["annotations"] = [{"was_cancelled": status == Status.SKIPPED, "result": result}]
        else:
            task["annotations"] = []
        candidates = 0
        if self.context.options.include_candidates:
            task["predictions"], candidates = self._predictions(bundle, convert)
        self.handle.write("\n" if self.first else ",\n")
        self.first = False
        self.handle.write(json.dumps(task, ensure_ascii=False))
        return Written(len(bundle.entities), len(bundle.relations), candidates,
                       Counter(e.label for e in bundle.entities))

    def _predictions(self, bundle: AnnotatedDocument, convert) -> tuple[list[dict[str, Any]], int]:
        by_source: dict[str, list[Candidate]] = defaultdict(list)
        decided = 0
        for candidate in bundle.candidates:
            if candidate.state == CandidateState.PENDING:
                by_source[candidate.source].append(candidate)
            else:
                decided += 1
        if decided:
            self.context.report.note("accepted and rejected candidates are not written as predictions "
                                     "(accepted ones are entities already)")
        predictions = []
        for source in sorted(by_source):
            items = by_source[source]
            result = []
            for n, c in enumerate(items, start=1):
                region = _region(f"P{n}", convert(c.start), convert(c.end), c.text, c.label)
                region["score"] = round(c.score, 4)
                result.append(region)
            score = round(sum(c.score for c in items) / len(items), 4)
            predictions.append({"model_version": source, "score": score, "result": result})
        return predictions, sum(len(v) for v in by_source.values())

    def close(self) -> None:
        self.handle.write("\n]\n")


class LabelStudioWriter(FormatWriter):
    name = FORMAT
    description = "Label Studio task JSON with labels and relation results, plus the labelling config XML"
    suffix = ".json"
    single_part = "tasks"
    uses = frozenset({"offsets", "include_candidates"})

    def open_part(self, target: IO[str], context: Context) -> Part:
        if context.options.offsets not in (CODEPOINT, UTF16):
            raise InputError(f"--offsets: '{context.options.offsets}' is not codepoint or utf16")
        return _TasksPart(target, context)

    def describe(self, context: Context) -> dict[str, str]:
        return {CONFIG_NAME: labelling_config(context.schema)}


# --- reading ---------------------------------------------------------------------------


@dataclass
class _Region:
    label: str
    region_id: str
    span: RawSpan
    score: float | None = None
    source: str | None = None  # set for predictions


@dataclass
class _Task:
    raw: RawDocument
    doc_id: str
    title: str
    status: Status
    regions: list[_Region] = field(default_factory=list)
    predictions: list[_Region] = field(default_factory=list)
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # (head region, tail region, label)
    doc_labels: dict[str, str] = field(default_factory=dict)


class _Notes:
    def __init__(self) -> None:
        self.counts: Counter = Counter()
        self.examples: dict[str, str] = {}

    def add(self, kind: str, where: str) -> None:
        self.counts[kind] += 1
        self.examples.setdefault(kind, where)

    def render(self) -> list[str]:
        return [f"{kind}: {n} (first at {self.examples[kind]})" for kind, n in sorted(self.counts.items())]


def _pick_annotation(annotations: list[Fields]) -> Fields | None:
    if not annotations:
        return None
    truth = [a for a in annotations if a.data.get("ground_truth") is True]
    if truth:
        return truth[-1]
    kept = [a for a in annotations if not a.data.get("was_cancelled")]
    pool = kept or annotations
    return max(enumerate(pool), key=lambda pair: (str(pair[1].data.get("updated_at") or ""), pair[0]))[1]


def _task_text(data: Fields) -> str:
    text = data.data.get("text")
    if isinstance(text, str):
        return text
    strings = [k for k, v in data.data.items() if isinstance(v, str) and len(v) > 0]
    if text is None and len(strings) == 1:
        return data.data[strings[0]]
    raise InputError(f"{data.where}: no 'text' field holding the document's text")


def _read_result(items: list[Fields], task: _Task, notes: _Notes, *, source: str | None, default_score: Any) -> None:
    relation_at: dict[tuple[str, str, str], str] = {}  # where each relation was read, for errors
    for item in items:
        kind = item.get("type", str, required=True)
        if kind == "labels":
            value = item.object("value", required=True)
            labels = value.get("labels", list, required=True)
            if not labels or not all(isinstance(x, str) and x for x in labels):
                raise InputError(f"{value.where}: 'labels' must be a list of label names")
            region_id = str(item.get("id", (str, int), default=f"#{len(task.regions) + len(task.predictions)}"))
            expected = value.get("text", str)
            score = item.get("score", (int, float), default=default_score)
            for key in ("start", "end"):
                if value.data.get(key) is None:
                    raise InputError(f"{value.where}: missing field '{key}'")
            span = RawSpan(value.data["start"], value.data["end"], expected, value.where)
            target = task.predictions if source is not None else task.regions
            target.extend(_Region(label, region_id, span, score, source) for label in labels)
        elif kind == "relation":
            if source is not None:
                continue  # predicted relations have no candidate form
            labels = item.get("labels", list, default=[])
            head, tail = str(item.get("from_id", (str, int), required=True)), str(item.get("to_id", (str, int), required=True))
            direction = item.get("direction", str, default="right")
            if direction == "left":
                head, tail = tail, head
            if not labels:
                notes.add("relations without a label were left out (Annotator's relations are labelled)", item.where)
                continue
            for label in labels:
                if not isinstance(label, str) or not label:
                    raise InputError(f"{item.where}: 'labels' must be a list of label names")
                task.relations.append((head, tail, label))
                relation_at[(head, tail, label)] = item.where
        elif kind == "choices" and source is None:
            name = item.get("from_name", str, required=True)
            value = item.object("value", required=True)
            choices = value.get("choices", list, required=True)
            if len(choices) != 1 or not isinstance(choices[0], str):
                raise InputError(f"{value.where}: 'choices' must hold exactly one value (a document label has one)")
            task.doc_labels[_doc_label_name(name)] = choices[0]
        else:
            notes.add(f"results of type '{kind}' were left out (Annotator reads labels, relation and choices)",
                      item.where)
    region_ids = {r.region_id for r in task.regions}
    for head, tail, label in task.relations:
        for role, ref in (("from_id", head), ("to_id", tail)):
            if ref not in region_ids:
                raise InputError(f"{relation_at[(head, tail, label)]}: '{role}' is '{ref}', which is not a region "
                                 "of this annotation")


def _parse_task(data: Any, where: str, notes: _Notes) -> _Task:
    task_fields = as_record(data, where)
    if "data" not in task_fields.data and isinstance(task_fields.data.get("text"), str):
        return _parse_min_task(task_fields, notes)
    payload = task_fields.object("data", required=True)
    text = _task_text(payload)
    if not text:
        raise InputError(f"{payload.where}: 'text' is empty")
    doc_id = foreign_document_id(payload.data.get("doc_id") or task_fields.data.get("id"), text)
    where = f"{where} (document {doc_id})"
    task_fields.where = where
    # "completions" is what Label Studio before 1.0 called annotations (its templates still show it)
    annotations = task_fields.objects("annotations" if "annotations" in task_fields.data else "completions")
    chosen = _pick_annotation(annotations)
    if len([a for a in annotations if not a.data.get("was_cancelled")]) > 1:
        notes.add("tasks with several annotations: the ground truth or latest was imported", where)
    status_value = payload.get("status", str)
    if status_value is not None:
        try:
            status = Status(status_value)
        except ValueError:
            raise InputError(f"{payload.where}: 'status' is '{status_value}', not one of "
                             f"{', '.join(s.value for s in Status)}") from None
    elif chosen is None:
        status = Status.TODO
    else:
        status = Status.SKIPPED if chosen.data.get("was_cancelled") else Status.DONE
    task = _Task(RawDocument(where, text), doc_id, payload.get("title", str, default=""), status)
    if chosen is not None:
        _read_result(chosen.objects("result"), task, notes, source=None, default_score=None)
    for prediction in task_fields.objects("predictions"):
        source = str(prediction.get("model_version", (str, int), default="") or "label-studio")
        _read_result(prediction.objects("result"), task, notes, source=source,
                     default_score=prediction.get("score", (int, float), default=0.5))
    task.raw.spans = [r.span for r in task.regions + task.predictions]
    return task


def _parse_min_task(fields: Fields, notes: _Notes) -> _Task:
    """JSON-MIN: {"text", "id", "<from_name>": [{"start", "end", "text", "labels"}]}; relations are not exported."""
    text = fields.get("text", str, required=True)
    doc_id = foreign_document_id(fields.data.get("doc_id") or fields.data.get("id"), text)
    fields.where = f"{fields.where} (document {doc_id})"
    task = _Task(RawDocument(fields.where, text), doc_id, fields.get("title", str, default=""), Status.DONE)
    for key, value in fields.data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) and "labels" in v for v in value):
            for n, item in enumerate(value):
                region = Fields(item, f"{fields.where}: {key}[{n}]")
                labels = region.get("labels", list, required=True)
                for label in labels:
                    if not isinstance(label, str) or not label:
                        raise InputError(f"{region.where}: 'labels' must be a list of label names")
                    task.regions.append(_Region(label, f"{key}{n}", RawSpan(
                        region.get("start", int, required=True), region.get("end", int, required=True),
                        region.get("text", str), region.where)))
    task.raw.spans = [r.span for r in task.regions]
    notes.add("JSON-MIN tasks hold no relations", fields.where)
    return task


def _bundle(task: _Task, unit: str, annotator: str) -> AnnotatedDocument:
    raw = task.raw
    doc = Document(id=task.doc_id, text=raw.text, title=task.title, kind="text", status=task.status)
    bundle = AnnotatedDocument(doc, doc_labels=dict(task.doc_labels))
    by_region: dict[str, int] = {}
    for region in task.regions:
        start, end = to_codepoints(raw, region.span, unit)
        number = len(bundle.entities) + 1
        bundle.entities.append(Entity(task.doc_id, start, end, region.label, raw.text[start:end],
                                      id=number, annotator=annotator, origin="import"))
        by_region.setdefault(region.region_id, number)  # a span stated twice is merged by Duplicates
    for head, tail, label in task.relations:
        bundle.relations.append(Relation(task.doc_id, label, by_region[head], by_region[tail], annotator=annotator))
    for region in task.predictions:
        start, end = to_codepoints(raw, region.span, unit)
        score = float(region.score) if region.score is not None else 0.5
        bundle.candidates.append(Candidate(task.doc_id, start, end, region.label, raw.text[start:end],
                                           source=region.source or "label-studio", score=score))
    return bundle


def read_label_studio(path: Path, options: ReadOptions) -> SourceFile:
    source, text = read_utf8_source(path, FORMAT)
    parsed = parse_json(text, str(path))
    if isinstance(parsed, dict) and "export" in parsed and "entities" in parsed:
        raise InputError(f"{path}: this is a label schema written beside an export, not a dataset; "
                         "import the data file next to it")
    if is_hf_disk_metadata(parsed):
        raise InputError(f"{path}: this describes a Hugging Face dataset saved with save_to_disk, not a dataset; "
                         "import its folder (or the .arrow files in it)")
    tasks = parsed if isinstance(parsed, list) else [parsed]
    notes = _Notes()
    parsed_tasks: list[_Task] = []
    ids = DocumentIds()
    for n, item in enumerate(tasks, start=1):
        # numbered from 1 like Label Studio's own list, with the task's id where it has one
        given = item.get("id") if isinstance(item, dict) else None
        where = f"{path}: task {n}" + (f" (id {given})" if isinstance(given, (int, str)) and given != n else "")
        task = _parse_task(item, where, notes)
        if ids.claim(task.doc_id, derived=task.doc_id == content_document_id(task.raw.text), where=where):
            parsed_tasks.append(task)
    info = find_export_info(path) or {}
    decision = decide_units([t.raw for t in parsed_tasks], tool="Label Studio", convention=UTF16,
                            declared=info.get("offsets") if info.get("format") == FORMAT else None,
                            forced=options.offsets)
    source.notes.extend(decision.notes)
    source.notes.extend(notes.render() + ids.note())
    duplicates = Duplicates()
    for task, unit in zip(parsed_tasks, decision.units):
        source.documents.append(duplicates.merge(_bundle(task, unit, options.annotator), task.raw.where))
    source.notes.extend(duplicates.notes())
    return source


def looks_like_label_studio(head: bytes) -> bool:
    start = head.decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")[:1]
    return start in ("[", "{")


register_reader(
    Reader(
        name=FORMAT,
        description="Label Studio JSON export (tasks with annotations and predictions), or JSON-MIN",
        extensions=(".json",),
        read=read_label_studio,
        sniff=looks_like_label_studio,
        priority=40,
    )
)
LabelStudioWriter().register()
