"""Prodigy: JSON Lines with tokens, spans and relations, as ``rel.manual`` and ``spans.manual`` save them.

Written, one task per document::

    {"text": "...", "meta": {"id": "...", "title": "..."},
     "tokens": [{"text": "姚", "start": 0, "end": 1, "id": 0, "ws": false}, ...],
     "spans": [{"start": 0, "end": 6, "token_start": 0, "token_end": 5, "label": "ORG", "text": "..."}],
     "relations": [{"head": 21, "child": 5, "label": "works_at",
                    "head_span": {"start": 20, "end": 22, "token_start": 20, "token_end": 21, "label": "PER"},
                    "child_span": {...}}],
     "answer": "accept"}

``token_end`` is inclusive, and a relation's ``head``/``child`` are the last
tokens of its spans, as in Prodigy and spaCy's relation-extraction tutorial
(whose ``parse_data.py`` reads this directly). Spans may overlap (Prodigy's
span categorisation holds nested spans). Tokens are characters, or jieba
words with ``--tokens word``; a span whose edge falls inside a token, which
only a span starting or ending on whitespace can do, is reported and left out.
Offsets are code points (Prodigy is Python). Answers: done -> accept,
skipped -> ignore, todo/in progress -> no answer; read back the same way
(reject -> skipped).

Binary tasks are read differently: in data from Prodigy's yes/no interfaces
(``_view_id`` "ner", or spans carrying their own ``answer``, as ner.teach
saves them) an answer is about one suggested span. Accepted spans become
entities, rejected ones rejected candidates ("not this label here"), and
every task about the same text adds its decision to one document, imported
as in progress.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import IO, Any

from annotator.errors import InputError
from annotator.formats.dataset import Context, FormatWriter, Part, Written
from annotator.formats.duplicates import Duplicates
from annotator.formats.fields import Fields, as_record, foreign_document_id
from annotator.formats.files import head_json_values, json_lines, read_utf8_source
from annotator.formats.numbering import ordered_relations
from annotator.formats.registry import Reader, ReadOptions, register_reader
from annotator.formats.tokens import TokenIndex, tokenize
from annotator.model import (
    AnnotatedDocument,
    Candidate,
    CandidateState,
    Document,
    Entity,
    Relation,
    SourceFile,
    Status,
    span_mismatch,
)

FORMAT = "prodigy"
_ANSWERS = {Status.DONE: "accept", Status.SKIPPED: "ignore"}
_STATUS_OF_ANSWER = {"accept": Status.DONE, "ignore": Status.SKIPPED, "reject": Status.SKIPPED}


# --- writing ---------------------------------------------------------------------------


class _ProdigyPart(Part):
    def __init__(self, handle: IO[str], context: Context) -> None:
        self.handle, self.context = handle, context

    def add(self, bundle: AnnotatedDocument) -> Written:
        doc = bundle.document
        report = self.context.report
        boundaries = [x for e in bundle.entities for x in (e.start, e.end)]
        tokenization = tokenize(doc.text, self.context.options.tokens, boundaries)
        if tokenization.cuts:
            report.note("with --tokens word, jieba words that cross an entity boundary are cut there")
        index = TokenIndex(tokenization.tokens)
        spans: dict[int | None, dict[str, Any]] = {}
        for entity in bundle.entities:
            aligned = index.align(entity.start, entity.end)
            if aligned is None:
                report.skip(f"document {doc.id}: {entity.label} {entity.text!r} ({entity.start}-{entity.end}) "
                            "starts or ends inside a token (on whitespace); left out", "unaligned spans")
                continue
            spans[entity.id] = {"start": entity.start, "end": entity.end, "token_start": aligned[0],
                                "token_end": aligned[1], "label": entity.label, "text": entity.text}
        relations = []
        for relation in ordered_relations(bundle):
            head, child = spans.get(relation.head_id), spans.get(relation.tail_id)
            if head is None or child is None:
                report.skip(f"document {doc.id}: relation {relation.label} left out because one of its "
                            "spans was left out", "relations")
                continue
            relations.append({
                "head": head["token_end"],
                "child": child["token_end"],
                "head_span": {k: head[k] for k in ("start", "end", "token_start", "token_end", "label")},
                "child_span": {k: child[k] for k in ("start", "end", "token_start", "token_end", "label")},
                "label": relation.label,
            })
        meta: dict[str, Any] = {"id": doc.id}
        if doc.title:
            meta["title"] = doc.title
        task: dict[str, Any] = {
            "text": doc.text,
            "meta": meta,
            "tokens": [{"text": t.text, "start": t.start, "end": t.end, "id": i, "ws": t.ws}
                       for i, t in enumerate(tokenization.tokens)],
            "spans": list(spans.values()),
            "relations": relations,
        }
        answer = _ANSWERS.get(Status(doc.status))
        if answer:
            task["answer"] = answer
        self.handle.write(json.dumps(task, ensure_ascii=False))
        self.handle.write("\n")
        labels = Counter(s["label"] for s in spans.values())
        return Written(len(spans), len(relations), labels=labels)


class ProdigyWriter(FormatWriter):
    name = FORMAT
    description = "Prodigy JSONL: tokens, spans (token_end inclusive) and relations"
    suffix = ".jsonl"
    uses = frozenset({"tokens"})

    def open_part(self, target: IO[str], context: Context) -> Part:
        return _ProdigyPart(target, context)


# --- reading ---------------------------------------------------------------------------


def _span_key(span: Fields) -> tuple[int, int, str]:
    return (span.get("start", int, required=True), span.get("end", int, required=True),
            span.get("label", str, required=True))


def _record_to_bundle(record: Any, where: str, annotator: str) -> AnnotatedDocument:
    fields = as_record(record, where)
    text = fields.get("text", str, required=True)
    if not text:
        raise InputError(f"{where}: 'text' is empty")
    meta = fields.object("meta")
    given_id = meta.data.get("id") if meta else None
    doc_id = foreign_document_id(given_id, text)
    fields.where = f"{where} (document {doc_id})"
    answer = fields.get("answer", str)
    if answer is not None and answer not in _STATUS_OF_ANSWER:
        raise InputError(f"{fields.where}: 'answer' is '{answer}', not accept, reject or ignore")
    status = _STATUS_OF_ANSWER[answer] if answer else Status.TODO
    title = meta.get("title", str, default="") if meta else ""
    bundle = AnnotatedDocument(Document(id=doc_id, text=text, title=title, kind="text", status=status))
    numbers: dict[tuple[int, int, str], int] = {}
    for span in fields.objects("spans"):
        key = _span_key(span)
        if not key[2]:
            raise InputError(f"{span.where}: 'label' is empty")
        expected = span.get("text", str, default=text[key[0]:key[1]])
        problem = span_mismatch(text, key[0], key[1], expected)
        if problem:
            raise InputError(f"{span.where}: {problem}")
        number = len(bundle.entities) + 1
        numbers.setdefault(key, number)  # a span stated twice is merged (and counted) by Duplicates
        bundle.entities.append(Entity(doc_id, key[0], key[1], key[2], expected, id=number,
                                      annotator=annotator, origin="import"))
    for relation in fields.objects("relations"):
        ends = []
        for role in ("head_span", "child_span"):
            span = relation.object(role, required=True)
            key = _span_key(span)
            if key not in numbers:
                raise InputError(f"{span.where}: {key[2]} {key[0]}-{key[1]} is not among the task's spans")
            ends.append(numbers[key])
        label = relation.get("label", str, required=True)
        if not label:
            raise InputError(f"{relation.where}: 'label' is empty")
        bundle.relations.append(Relation(doc_id, label, ends[0], ends[1], annotator=annotator))
    return bundle


# Prodigy's interfaces that ask one yes/no question about a suggested span
# (ner.teach, ner.correct's binary mode): an answer there is a decision about
# that span, not a claim that the task's spans are all the entities of the text.
BINARY_VIEWS = frozenset({"ner", "binary"})


def _is_binary(fields: Fields) -> bool:
    if fields.data.get("_view_id") in BINARY_VIEWS:
        return True
    spans = fields.data.get("spans")
    return isinstance(spans, list) and any(isinstance(s, dict) and "answer" in s for s in spans)


class _BinaryDecisions:
    """Yes/no answers about single spans, gathered per text into one document.

    accept: the span is an entity; reject: it is not (a rejected candidate,
    which the project never suggests again in that document); ignore: no
    answer. A later answer about the same span replaces an earlier one.
    """

    def __init__(self, annotator: str) -> None:
        self.annotator = annotator
        self.documents: dict[str, AnnotatedDocument] = {}
        self.decisions: dict[str, dict[tuple[int, int, str], tuple[str, float, str]]] = {}
        self.counts: Counter = Counter()
        self.changed_minds = 0
        self.tasks = 0

    def add(self, fields: Fields, text: str, doc_id: str, title: str) -> None:
        self.tasks += 1
        task_answer = fields.get("answer", str)
        if doc_id not in self.documents:
            self.documents[doc_id] = AnnotatedDocument(Document(id=doc_id, text=text, title=title, kind="text",
                                                                status=Status.IN_PROGRESS))
            self.decisions[doc_id] = {}
        decisions = self.decisions[doc_id]
        for span in fields.objects("spans"):
            key = _span_key(span)
            if not key[2]:
                raise InputError(f"{span.where}: 'label' is empty")
            expected = span.get("text", str, default=text[key[0]:key[1]])
            problem = span_mismatch(text, key[0], key[1], expected)
            if problem:
                raise InputError(f"{span.where}: {problem}")
            answer = span.get("answer", str, default=task_answer)
            if answer not in _STATUS_OF_ANSWER:
                raise InputError(f"{span.where}: 'answer' is {answer!r}, not accept, reject or ignore")
            score = float(span.get("score", (int, float), default=0.5))
            if key in decisions and decisions[key][0] != answer:
                self.changed_minds += 1
            decisions[key] = (answer, score, expected)

    def finish(self) -> tuple[list[AnnotatedDocument], list[str]]:
        for doc_id, bundle in self.documents.items():
            for (start, end, label), (answer, score, text) in sorted(self.decisions[doc_id].items()):
                self.counts[answer] += 1
                if answer == "accept":
                    bundle.entities.append(Entity(doc_id, start, end, label, text, id=len(bundle.entities) + 1,
                                                  annotator=self.annotator, origin="import"))
                elif answer == "reject":
                    bundle.candidates.append(Candidate(doc_id, start, end, label, text, source="prodigy",
                                                       score=score, state=CandidateState.REJECTED))
        if not self.tasks:
            return [], []
        note = (f"{self.tasks} task(s) are binary answers about single spans (as ner.teach saves them), about "
                f"{len(self.documents)} text(s): {self.counts['accept']} accepted span(s) became entities, "
                f"{self.counts['reject']} rejected span(s) became rejected candidates (not this label here), "
                f"{self.counts['ignore']} ignored; the documents were imported as in progress, since yes/no "
                "answers do not cover the whole text")
        notes = [note]
        if self.changed_minds:
            notes.append(f"{self.changed_minds} span(s) were answered differently by different tasks; "
                         "the later answer in the file was kept")
        return list(self.documents.values()), notes


def read_prodigy(path: Path, options: ReadOptions) -> SourceFile:
    source, text = read_utf8_source(path, FORMAT)
    seen: dict[str, AnnotatedDocument] = {}
    repeats: list[int] = []
    binary = _BinaryDecisions(options.annotator)
    duplicates = Duplicates()
    for number, record in json_lines(path, text):
        where = f"{path}: line {number}"
        fields = as_record(record, where)
        if _is_binary(fields):
            task_text = fields.get("text", str, required=True)
            if not task_text:
                raise InputError(f"{where}: 'text' is empty")
            meta = fields.object("meta")
            doc_id = foreign_document_id(meta.data.get("id") if meta else None, task_text)
            fields.where = f"{where} (document {doc_id})"
            title = meta.get("title", str, default="") if meta else ""
            binary.add(fields, task_text, doc_id, title)
            continue
        bundle = _record_to_bundle(record, where, options.annotator)
        if bundle.document.id in seen:
            # A Prodigy dataset holds one manual task per annotator; the first is imported.
            repeats.append(number)
            continue
        seen[bundle.document.id] = duplicates.merge(bundle, f"line {number}")
        source.documents.append(bundle)
    binary_documents, binary_notes = binary.finish()
    for bundle in binary_documents:
        manual = seen.get(bundle.document.id)
        if manual is None:
            source.documents.append(bundle)
            continue
        # The same text was also annotated by hand: its manual entities stand, the yes/no answers add to them.
        taken = {(e.start, e.end, e.label) for e in manual.entities}
        for entity in bundle.entities:
            if (entity.start, entity.end, entity.label) not in taken:
                entity.id = len(manual.entities) + 1
                manual.entities.append(entity)
        manual.candidates.extend(bundle.candidates)
    if repeats:
        lines = ", ".join(map(str, repeats[:10])) + (" ..." if len(repeats) > 10 else "")
        source.notes.append(f"{len(repeats)} manual task(s) repeat a text seen earlier in the file (another "
                            f"annotator's copy); the first of each was imported, lines {lines} were not")
    source.notes.extend(binary_notes + duplicates.notes())
    return source


def looks_like_prodigy(head: bytes) -> bool:
    for record in head_json_values(head, 50):
        if not isinstance(record, dict) or "text" not in record or "ner_tags" in record:
            return False
        tokens = record.get("tokens")
        if isinstance(record.get("spans"), list) or "answer" in record or "_input_hash" in record:
            return True
        return isinstance(tokens, list) and bool(tokens) and isinstance(tokens[0], dict)
    return False


register_reader(
    Reader(
        name=FORMAT,
        description="Prodigy JSONL (ner.manual, spans.manual, rel.manual annotations)",
        extensions=(".jsonl",),
        read=read_prodigy,
        sniff=looks_like_prodigy,
        priority=30,
    )
)
ProdigyWriter().register()
