"""Hugging Face: a dataset folder with JSON Lines splits and a dataset card.

The folder holds ``train.jsonl`` (and ``dev.jsonl``, ``test.jsonl``... with
splits), ``README.md`` (a dataset card whose YAML header declares the splits,
so ``datasets.load_dataset(FOLDER)`` works, and whose body lists the labels,
counts per split and label, the tag names and how the data was made) and
``schema.json``. Each line is one document::

    {"id": "...", "title": "...", "text": "...",
     "entities": [{"id": "T1", "start": 0, "end": 6, "label": "ORG", "text": "姚庄镇总工会"}],
     "relations": [{"id": "R1", "head": "T2", "tail": "T1", "label": "works_at"}],
     "doc_labels": {"topic": "工会建设"},
     "tokens": ["姚", "庄", ...], "ner_tags": [1, 2, ...]}

``entities`` (code-point offsets, end exclusive, nested ones included) and
``relations`` are the full annotation; ``tokens``/``ner_tags`` are the BIO view
for token classification: characters (or jieba words with ``--tokens word``)
without whitespace, tags as indices into the names in the card
(``O, B-PER, I-PER, ...`` in schema order), the outermost span winning where
entities nest. ``doc_labels`` appears when the schema has document labels.

Load with ``datasets.load_dataset("json", data_files={"train": ".../train.jsonl"})``.
Read back: these records (documents import as done), or any JSON Lines with
``tokens`` and ``ner_tags`` (tag names as strings, or numbers with a
``schema.json`` beside them).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from annotator import __version__
from annotator.errors import InputError
from annotator.formats.bio import decode, encode, tag_names
from annotator.formats.dataset import Context, FormatWriter, Part, Written
from annotator.formats.fields import DocumentIds, as_record, content_document_id
from annotator.formats.files import head_json_values, json_lines, read_input, read_utf8_source
from annotator.formats.hf_disk import tag_names_from_info
from annotator.formats.native_jsonl import _record_to_bundle as native_record_to_bundle
from annotator.formats.nesting import POLICY, describe_drop, outermost
from annotator.formats.numbering import entity_numbers, ordered_relations
from annotator.formats.registry import ExportSummary, Reader, ReadOptions, register_companion, register_reader
from annotator.formats.schema_files import SCHEMA_NAME, is_schema_file
from annotator.formats.splits import METHOD as SPLIT_METHOD
from annotator.formats.tokens import TokenIndex, tokenize
from annotator.label_schema import LabelSchema
from annotator.model import AnnotatedDocument, Document, Entity, SourceFile, Status

FORMAT = "hf"
CARD = "README.md"


# --- writing ---------------------------------------------------------------------------


class _RecordsPart(Part):
    def __init__(self, handle: IO[str], context: Context) -> None:
        self.handle, self.context = handle, context
        self.tag_ids = {name: i for i, name in enumerate(tag_names(context.schema))}
        self.doc_label_names = [d.name for d in context.schema.document_labels]

    def add(self, bundle: AnnotatedDocument) -> Written:
        doc, report = bundle.document, self.context.report
        numbers = entity_numbers(bundle)
        record: dict[str, Any] = {
            "id": doc.id,
            "title": doc.title,
            "text": doc.text,
            "entities": [{"id": f"T{numbers[e.id]}", "start": e.start, "end": e.end, "label": e.label,
                          "text": e.text} for e in bundle.entities],
            "relations": [{"id": f"R{n}", "head": f"T{numbers[r.head_id]}", "tail": f"T{numbers[r.tail_id]}",
                           "label": r.label} for n, r in enumerate(ordered_relations(bundle, numbers), start=1)],
        }
        if self.doc_label_names:
            record["doc_labels"] = {name: bundle.doc_labels.get(name) for name in self.doc_label_names}
        flat = outermost(bundle.entities, self.context.schema.entity_names)
        if flat.dropped:
            state = self.context.state
            state["not_in_tags"] = state.get("not_in_tags", 0) + len(flat.dropped)
            state.setdefault("not_in_tags_example", describe_drop(doc.id, *flat.dropped[0], "ner_tags"))
        tokenization = tokenize(doc.text, self.context.options.tokens, [x for e in flat.kept for x in (e.start, e.end)])
        if tokenization.cuts:
            report.note("with --tokens word, jieba words that cross an entity boundary are cut there")
        words = tokenization.words()
        index = TokenIndex(words)
        spans = []
        for entity in flat.kept:
            aligned = index.align(entity.start, entity.end)
            if aligned is None:
                report.note(f"document {doc.id}: {entity.label} {entity.text!r} starts or ends on whitespace, so "
                            "no token starts or ends with it; it is in 'entities' but not in ner_tags")
                continue
            spans.append((*aligned, entity.label))
        record["tokens"] = [t.text for t in words]
        record["ner_tags"] = [self.tag_ids[tag] for tag in encode(len(words), spans)]
        self.handle.write(json.dumps(record, ensure_ascii=False))
        self.handle.write("\n")
        relation_labels = self.context.state.setdefault("relation_labels", {})
        split_counts = relation_labels.setdefault(self.context.split, Counter())
        split_counts.update(r.label for r in bundle.relations)
        return Written(len(bundle.entities), len(bundle.relations), labels=Counter(e.label for e in bundle.entities))


class HuggingFaceWriter(FormatWriter):
    name = FORMAT
    description = "Hugging Face dataset folder: JSONL splits (text, entities, relations, tokens, ner_tags) and a card"
    suffix = ".jsonl"
    always_folder = True
    single_part = "train"
    uses = frozenset({"tokens"})

    def open_part(self, target: IO[str], context: Context) -> Part:
        return _RecordsPart(target, context)

    def finish(self, context: Context, summary: ExportSummary) -> None:
        if context.state.get("not_in_tags"):
            context.report.note(f"{context.state['not_in_tags']} nested or overlapping entit(ies) are in 'entities' "
                                "but not in ner_tags, where the outermost span wins; first: "
                                f"{context.state['not_in_tags_example']}")

    def finish_folder(self, folder: Path, context: Context, summary: ExportSummary) -> None:
        splits = {}
        for name, counts in summary.splits.items():
            file_name = f"{self.single_part if name == 'all' else name}{self.suffix}"
            if counts["documents"] == 0:
                (folder / file_name).unlink()
                context.report.note(f"split '{name}' got no documents; {file_name} was not written "
                                    "(datasets cannot load an empty JSON file)")
            else:
                splits[self.single_part if name == "all" else name] = (file_name, counts)
        (folder / CARD).write_text(dataset_card(context, summary, splits), encoding="utf-8", newline="\n")


def _yaml_string(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of it)."""
    return json.dumps(value, ensure_ascii=False)


def dataset_info_yaml(schema: LabelSchema) -> list[str]:
    """The card's ``dataset_info``: the features of every record, declared rather than inferred.

    Without it ``datasets`` infers each split's types from its own rows, and a
    field that is empty or null throughout one split (no relations in a small
    test split, a document label nobody set) gets type null there and the
    splits no longer load together. ``ner_tags`` is a sequence of ClassLabel,
    as msra_ner, peoples_daily_ner and conll2003 publish it, so
    ``features["ner_tags"].feature.names`` gives the tag names (what
    transformers' token-classification example reads).
    """
    lines = ["dataset_info:", "  features:"]
    for name in ("id", "title", "text"):
        lines += [f"  - name: {name}", "    dtype: string"]
    lines += ["  - name: entities", "    list:"]
    for name, dtype in (("id", "string"), ("start", "int64"), ("end", "int64"), ("label", "string"),
                        ("text", "string")):
        lines += [f"    - name: {name}", f"      dtype: {dtype}"]
    lines += ["  - name: relations", "    list:"]
    for name in ("id", "head", "tail", "label"):
        lines += [f"    - name: {name}", "      dtype: string"]
    if schema.document_labels:
        lines += ["  - name: doc_labels", "    struct:"]
        for doc_label in schema.document_labels:
            lines += [f"    - name: {_yaml_string(doc_label.name)}", "      dtype: string"]
    lines += ["  - name: tokens", "    sequence: string", "  - name: ner_tags", "    sequence:", "      class_label:",
              "        names:"]
    lines += [f"          '{i}': {_yaml_string(tag)}" for i, tag in enumerate(tag_names(schema))]
    # (no "splits" here: datasets wants byte counts of its own Arrow files there; the configs above name the splits)
    return lines


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def dataset_card(context: Context, summary: ExportSummary, splits: dict[str, tuple[str, dict[str, int]]]) -> str:
    schema, options = context.schema, context.options
    lines = [
        "---",
        "language:",
        "- zh",
        f"pretty_name: {json.dumps(schema.name, ensure_ascii=False)}",
        "task_categories:",
        "- token-classification",
        "task_ids:",
        "- named-entity-recognition",
        "tags:",
        "- relation-extraction",
        "- annotator",
        "configs:",
        "- config_name: default",
        "  data_files:",
    ]
    for name, (file_name, _counts) in splits.items():
        lines += [f"  - split: {name}", f"    path: {file_name}"]
    lines += dataset_info_yaml(schema)
    lines += ["---", "", f"# {schema.name}", "",
              f"Gold entity and relation annotations of Chinese news articles, exported by Annotator {__version__} "
              f"in its Hugging Face format.", "", "## Loading", "", "```python", "from datasets import load_dataset",
              "", "dataset = load_dataset(\"path/to/this/folder\")  # the header above declares splits and features",
              "dataset[\"" + next(iter(splits), "train") + "\"].features[\"ner_tags\"].feature.names  # the tag names",
              "```", "",
              "Loading the files with `load_dataset(\"json\", data_files=...)` instead infers the types split by "
              "split, and a field that is empty throughout one split (no relations in a small split) then fails "
              "to load; pass `features=` or load the folder.", "",
              "## Splits", "", "| split | documents | entities | relations |", "|---|---:|---:|---:|"]
    for name, (_file, counts) in splits.items():
        lines.append(f"| {name} | {counts['documents']} | {counts['entities']} | {counts['relations']} |")
    lines += ["", "## Fields", "",
              "- `id`, `title`, `text`: the document.",
              "- `entities`: `id`, `start`, `end` (code-point offsets into `text`, end exclusive: "
              "`text[start:end] == entity text`), `label`, `text`. Nested and overlapping entities are all here.",
              "- `relations`: `id`, `head` and `tail` (entity ids), `label`.",
              f"- `tokens`: the text cut into {'characters' if options.tokens == 'char' else 'jieba words'}, "
              "whitespace left out.",
              "- `ner_tags`: one BIO tag per token, a ClassLabel: an index into the tag names below. "
              f"{POLICY[0].upper() + POLICY[1:]}; every entity is still in `entities`."]
    if schema.document_labels:
        lines.append("- `doc_labels`: the document-level labels (`null` where not set).")
    lines += ["", "## Entity labels", "", "| label | name | description | entities |", "|---|---|---|---:|"]
    for label in schema.entities:
        lines.append(f"| {label.name} | {_cell(label.display)} | {_cell(label.description)} | "
                     f"{summary.labels.get(label.name, 0)} |")
    relation_counts: Counter = Counter()
    for counts in context.state.get("relation_labels", {}).values():
        relation_counts.update(counts)
    if schema.relations:
        lines += ["", "## Relation labels", "", "| label | name | head | tail | directed | description | relations |",
                  "|---|---|---|---|---|---|---:|"]
        for relation in schema.relations:
            lines.append(f"| {relation.name} | {_cell(relation.display)} | {'/'.join(relation.heads) or 'any'} | "
                         f"{'/'.join(relation.tails) or 'any'} | {'yes' if relation.directed else 'no'} | "
                         f"{_cell(relation.description)} | {relation_counts.get(relation.name, 0)} |")
    if schema.document_labels:
        lines += ["", "## Document labels", "", "| label | values |", "|---|---|"]
        for doc_label in schema.document_labels:
            lines.append(f"| {doc_label.name} | {_cell(', '.join(doc_label.values))} |")
    lines += ["", "## Tag names (`ner_tags`)", "", ", ".join(f"{i} `{t}`" for i, t in enumerate(tag_names(schema))),
              "", "## How it was made", ""]
    selection = options.selection or {}
    statuses = selection.get("statuses", ["done"])
    which = (f"the documents marked {' or '.join(statuses)}" if isinstance(statuses, list)
             else "the documents of every status")
    lines.append(f"- Annotated by people in Annotator (suggested spans were accepted, corrected or rejected by "
                 f"hand); this export holds {which}.")
    if selection.get("labels"):
        lines.append(f"- Entity labels exported: {', '.join(selection['labels'])}.")
    if selection.get("annotators"):
        lines.append(f"- Annotations by: {', '.join(selection['annotators'])}.")
    if options.splits:
        ratios = ", ".join(f"{name} {ratio:g}" for name, ratio in options.splits.items())
        lines.append(f"- Splits ({ratios}) are drawn from a hash of each document id, so they are the same on "
                     f"every export: {SPLIT_METHOD}" + (f"; seed {options.split_seed!r}." if options.split_seed else "."))
    if context.state.get("not_in_tags"):
        lines.append(f"- {context.state['not_in_tags']} nested or overlapping entit(ies) are not in `ner_tags` "
                     "(the outermost span wins there); `entities` and `relations` are complete.")
    lines += [f"- The label schema is in `{SCHEMA_NAME}` (load it in Annotator to annotate more of the same).", ""]
    return "\n".join(lines)


# --- reading ---------------------------------------------------------------------------


def _tag_names_beside(path: Path) -> list[str] | None:
    """Names for numeric ner_tags: Annotator's schema.json, else a Hugging Face dataset_info(s).json."""
    schema_path = path.parent / SCHEMA_NAME
    if schema_path.is_file():
        try:
            return tag_names(LabelSchema.load(schema_path))
        except InputError:
            pass
    return tag_names_from_info(path.parent)


def _tags_record_to_bundle(fields, where: str, names: list[str] | None, annotator: str) -> AnnotatedDocument:
    tokens = fields.get("tokens", list, required=True)
    tags = fields.get("ner_tags", list, required=True)
    if len(tokens) != len(tags):
        raise InputError(f"{where}: 'tokens' has {len(tokens)} items but 'ner_tags' has {len(tags)}")
    if not all(isinstance(t, str) and t for t in tokens):
        raise InputError(f"{where}: 'tokens' must be a list of non-empty strings")
    if all(isinstance(t, str) for t in tags):
        tag_strings = tags
    elif all(isinstance(t, int) and not isinstance(t, bool) for t in tags):
        if names is None:
            raise InputError(f"{where}: 'ner_tags' are numbers, and there is no {SCHEMA_NAME} or dataset_info.json "
                             "beside the file to name them; write the tags as strings (B-PER...) or add one")
        bad = [t for t in tags if not 0 <= t < len(names)]
        if bad:
            raise InputError(f"{where}: ner_tags value {bad[0]} is not one of the {len(names)} tag names")
        tag_strings = [names[t] for t in tags]
    else:
        raise InputError(f"{where}: 'ner_tags' must be all strings or all numbers")
    text = "".join(tokens)
    starts, position = [], 0
    for token in tokens:
        starts.append(position)
        position += len(token)
    decoded = decode(tag_strings, [f"{where}: ner_tags[{i}]" for i in range(len(tags))])
    given = fields.data.get("id")
    # msra_ner, peoples_daily_ner and conll2003 number their rows "0", "1"... in every split: not document ids
    usable = isinstance(given, str) and given.strip() and not given.isdigit()
    doc_id = given if usable else content_document_id(text)
    bundle = AnnotatedDocument(Document(id=doc_id, text=text, title=fields.get("title", str, default=""),
                                        kind="text", status=Status.DONE))
    for n, (first, last, label) in enumerate(decoded.spans, start=1):
        start, end = starts[first], starts[last] + len(tokens[last])
        bundle.entities.append(Entity(doc_id, start, end, label, text[start:end], id=n, annotator=annotator,
                                      origin="import"))
    return bundle


def _arrow_rows(path: Path) -> tuple[SourceFile, list[str] | None, Iterator[tuple[str, Any]]]:
    """The rows of one Arrow file of a dataset saved with ``save_to_disk``, read through ``datasets``."""
    try:
        import datasets  # optional: only needed to read save_to_disk folders, never in the app bundle
    except ImportError:
        raise InputError(f"{path}: is part of a Hugging Face dataset saved with save_to_disk; reading it needs the "
                         "datasets package (pip install datasets), or save it as JSON Lines with "
                         "dataset.to_json(\"data.jsonl\", force_ascii=False) and import that") from None
    data, sha = read_input(path)
    try:
        dataset = datasets.Dataset.from_file(str(path))
    except Exception as exc:  # pyarrow raises its own errors on files that are not Arrow streams
        raise InputError(f"{path}: not a Hugging Face Arrow file ({type(exc).__name__}: {exc})") from None
    source = SourceFile(path=str(path), name=path.name, sha256=sha, size=len(data), format=FORMAT)
    tags = dataset.features.get("ner_tags")
    inner = getattr(tags, "feature", None)
    names = list(inner.names) if isinstance(inner, datasets.ClassLabel) else _tag_names_beside(path)
    return source, names, ((f"{path}: row {n}", row) for n, row in enumerate(dataset))


def _json_rows(path: Path) -> tuple[SourceFile, list[str] | None, Iterator[tuple[str, Any]]]:
    source, content = read_utf8_source(path, FORMAT)
    return source, _tag_names_beside(path), ((f"{path}: line {n}", r) for n, r in json_lines(path, content))


def read_hf(path: Path, options: ReadOptions) -> SourceFile:
    source, names, rows = _arrow_rows(path) if path.suffix.lower() == ".arrow" else _json_rows(path)
    ids = DocumentIds()
    for where, record in rows:
        fields = as_record(record, where)
        if "entities" in record:
            record = dict(record)
            record.setdefault("status", Status.DONE.value)
            labels = record.get("doc_labels")
            if isinstance(labels, dict):
                record["doc_labels"] = {k: v for k, v in labels.items() if v is not None}
            bundle = native_record_to_bundle(record, where)
            for entity in bundle.entities:
                entity.annotator = entity.annotator or options.annotator
        else:
            bundle = _tags_record_to_bundle(fields, where, names, options.annotator)
        doc = bundle.document
        if ids.claim(doc.id, derived=doc.id == content_document_id(doc.text), where=where):
            source.documents.append(bundle)
    source.notes.extend(ids.note())
    if source.documents:
        source.notes.append("Hugging Face records have no review status; the documents were imported as done")
    return source


def looks_like_hf(head: bytes) -> bool:
    for record in head_json_values(head, 20):
        return isinstance(record, dict) and "ner_tags" in record and "tokens" in record
    return False


def _is_card(path: Path) -> bool:
    return path.name == CARD and is_schema_file(path.parent / SCHEMA_NAME)


register_companion(_is_card)
register_reader(
    Reader(
        name=FORMAT,
        description="Hugging Face JSON Lines records with tokens and ner_tags (Annotator's, or token-classification data)",
        extensions=(".jsonl", ".arrow"),
        read=read_hf,
        sniff=looks_like_hf,
        priority=25,
    )
)
HuggingFaceWriter().register()
