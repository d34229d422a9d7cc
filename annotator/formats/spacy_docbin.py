"""spaCy: a ``.spacy`` DocBin, built and read through spaCy's own API (``pip install 'annotator[spacy]'``).

Each document becomes a ``Doc`` whose tokens are characters (as spaCy's
blank Chinese pipeline cuts them) or, with ``--tokens word``, jieba words cut
at entity boundaries. Whitespace follows spaCy's convention, so ``doc.text``
is the document text exactly and character offsets line up.

* ``doc.spans["sc"]`` holds every entity, nested and overlapping ones too
  (what spaCy's ``spancat`` trains on);
* ``doc.ents`` holds them as well when none overlap; where some do, the
  outermost span wins there (what ``ner`` trains on) and the summary says so;
* ``doc.user_data["annotator"]`` keeps the document id, title, status and the
  relations as ``[head, tail, label]`` indices into ``doc.spans["sc"]``.

Spans are placed with ``Doc.char_span(..., alignment_mode="strict")``. One
that does not line up with tokens (only possible when it starts or ends on
whitespace) is reported and left out, with its relations; nothing is dropped
silently. With splits the folder holds ``train.spacy``, ``dev.spacy``... ready
for ``spacy train --paths.train ... --paths.dev ...``.

Read: any DocBin; entities come from ``doc.spans["sc"]`` and ``doc.ents``
(and other span groups), relations and ids from Annotator's ``user_data``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from annotator.errors import InputError, VerificationError
from annotator.formats.dataset import BINARY, Context, FormatWriter, Part, Written
from annotator.formats.fields import DocumentIds, content_document_id
from annotator.formats.files import read_input, refuse_zlib_bomb
from annotator.formats.nesting import outermost
from annotator.formats.numbering import ordered_relations
from annotator.formats.registry import Reader, ReadOptions, register_reader
from annotator.formats.tokens import tokenize
from annotator.model import (
    AnnotatedDocument,
    Document,
    Entity,
    Relation,
    SourceFile,
    Status,
)

FORMAT = "spacy"
SPAN_KEY = "sc"
USER_DATA_KEY = "annotator"


def require_spacy() -> Any:
    try:
        # spaCy is optional (the spacy extra) and slow to import: loaded when a DocBin is read or written
        import spacy
    except ImportError:
        raise InputError("the spaCy format needs spaCy, which is not installed; "
                         "install it with: pip install 'annotator[spacy]'") from None
    return spacy


# --- writing ---------------------------------------------------------------------------


class _DocBinPart(Part):
    def __init__(self, path: Path, context: Context) -> None:
        require_spacy()
        # spaCy is optional (the spacy extra) and slow to import: loaded when a DocBin is read or written
        from spacy.tokens import DocBin
        from spacy.vocab import Vocab

        self.path, self.context = path, context
        self.vocab = Vocab()
        self.docbin = DocBin(store_user_data=True)

    def add(self, bundle: AnnotatedDocument) -> Written:
        # spaCy is optional (the spacy extra) and slow to import: loaded when a DocBin is read or written
        from spacy.tokens import Doc

        source, report = bundle.document, self.context.report
        boundaries = [x for e in bundle.entities for x in (e.start, e.end)]
        tokenization = tokenize(source.text, self.context.options.tokens, boundaries)
        if tokenization.cuts:
            report.note("with --tokens word, jieba words that cross an entity boundary are cut there")
        doc = Doc(self.vocab, words=[t.text for t in tokenization.tokens], spaces=[t.ws for t in tokenization.tokens])
        if doc.text != source.text:  # pragma: no cover - tokenize guarantees it
            raise VerificationError(f"document {source.id}: the spaCy Doc's text differs from the document's; "
                                    "nothing was written")
        spans, kept = [], []
        for entity in bundle.entities:
            span = doc.char_span(entity.start, entity.end, label=entity.label, alignment_mode="strict")
            if span is None:
                report.skip(f"document {source.id}: {entity.label} {entity.text!r} ({entity.start}-{entity.end}) "
                            "does not line up with spaCy tokens (it starts or ends on whitespace); left out",
                            "unaligned spans")
                continue
            spans.append(span)
            kept.append(entity)
        doc.spans[SPAN_KEY] = spans
        flat = outermost(kept, self.context.schema.entity_names)
        position = {id(e): i for i, e in enumerate(kept)}
        doc.ents = sorted((spans[position[id(e)]] for e in flat.kept), key=lambda s: s.start)
        if flat.dropped:
            state = self.context.state
            state["not_in_ents"] = state.get("not_in_ents", 0) + len(flat.dropped)
            state.setdefault("not_in_ents_example", f"{flat.dropped[0][0].text!r} in document {source.id}")
        index = {e.id: i for i, e in enumerate(kept)}
        relations = []
        for relation in ordered_relations(bundle):
            if relation.head_id not in index or relation.tail_id not in index:
                report.skip(f"document {source.id}: relation {relation.label} left out because one of its spans "
                            "was left out", "relations")
                continue
            relations.append([index[relation.head_id], index[relation.tail_id], relation.label])
        doc.user_data[USER_DATA_KEY] = {"id": source.id, "title": source.title, "status": Status(source.status).value,
                                        "relations": relations}
        self.docbin.add(doc)
        return Written(len(kept), len(relations), labels=Counter(e.label for e in kept))

    def close(self) -> None:
        self.docbin.to_disk(self.path)


class SpacyWriter(FormatWriter):
    name = FORMAT
    description = "spaCy DocBin (.spacy): doc.spans['sc'] with every entity, doc.ents, relations in user_data"
    suffix = ".spacy"
    part_kind = BINARY
    uses = frozenset({"tokens"})

    def open_part(self, target: Path, context: Context) -> Part:
        return _DocBinPart(target, context)

    def finish(self, context: Context, summary) -> None:
        if context.state.get("not_in_ents"):
            context.report.note(f"{context.state['not_in_ents']} nested or overlapping entit(ies) are in "
                                f"doc.spans['{SPAN_KEY}'] but not in doc.ents, where the outermost span wins "
                                f"(first: {context.state['not_in_ents_example']})")


# --- reading ---------------------------------------------------------------------------


def read_spacy(path: Path, options: ReadOptions) -> SourceFile:
    require_spacy()
    # spaCy is optional (the spacy extra) and slow to import: loaded when a DocBin is read or written
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    data, sha = read_input(path)
    refuse_zlib_bomb(path, data)
    try:
        docs = list(DocBin().from_bytes(data).get_docs(Vocab()))
    except Exception as exc:  # noqa: BLE001 - spaCy raises ValueError, KeyError or msgpack errors on damaged data
        raise InputError(f"{path}: not a spaCy DocBin ({type(exc).__name__}: {exc})") from None
    source = SourceFile(path=str(path), name=path.name, sha256=sha, size=len(data), format=FORMAT)
    ids = DocumentIds()
    for n, doc in enumerate(docs):
        bundle = _doc_to_bundle(doc, f"{path}: doc {n}", options.annotator)
        if bundle is None:
            source.notes.append(f"doc {n} has no text and was not imported")
            continue
        document = bundle.document
        if ids.claim(document.id, derived=document.id == content_document_id(document.text), where=f"{path}: doc {n}"):
            source.documents.append(bundle)
    source.notes.extend(ids.note())
    return source


def _doc_to_bundle(doc: Any, where: str, annotator: str) -> AnnotatedDocument | None:
    text = doc.text
    if not text.strip():
        return None
    meta = doc.user_data.get(USER_DATA_KEY) if isinstance(doc.user_data, dict) else None
    meta = meta if isinstance(meta, dict) else {}
    given = meta.get("id")
    doc_id = given if isinstance(given, str) and given else content_document_id(text)
    where = f"{where} (document {doc_id})"
    status_value = meta.get("status", Status.DONE.value)
    try:
        status = Status(status_value)
    except ValueError:
        raise InputError(f"{where}: user_data status is '{status_value}', not one of "
                         f"{', '.join(s.value for s in Status)}") from None
    given_title = meta.get("title")
    title = given_title if isinstance(given_title, str) else ""
    bundle = AnnotatedDocument(Document(id=doc_id, text=text, title=title, kind="text", status=status))
    numbers: dict[tuple[int, int, str], int] = {}
    ordered: list[int] = []  # entity number of each span in doc.spans["sc"], for the relations

    def add(span: Any, field: str) -> int:
        if not span.label_:
            raise InputError(f"{where}: {field} has a span without a label at {span.start_char}-{span.end_char}")
        key = (span.start_char, span.end_char, span.label_)
        if key not in numbers:
            numbers[key] = len(bundle.entities) + 1
            bundle.entities.append(Entity(doc_id, key[0], key[1], key[2], span.text, id=numbers[key],
                                          annotator=annotator, origin="import"))
        return numbers[key]

    groups = dict(doc.spans)
    for span in groups.pop(SPAN_KEY, []):
        ordered.append(add(span, f"doc.spans['{SPAN_KEY}']"))
    for span in doc.ents:
        add(span, "doc.ents")
    for key, group in sorted(groups.items()):
        for span in group:
            add(span, f"doc.spans['{key}']")
    for n, item in enumerate(meta.get("relations") or []):
        at = f"{where}: user_data relations[{n}]"
        if not (isinstance(item, (list, tuple)) and len(item) == 3 and isinstance(item[2], str)):
            raise InputError(f"{at}: expected [head index, tail index, label]")
        head, tail, label = item
        for role, value in (("head", head), ("tail", tail)):
            if not isinstance(value, int) or not 0 <= value < len(ordered):
                raise InputError(f"{at}: the {role} {value!r} is not a span of doc.spans['{SPAN_KEY}']")
        bundle.relations.append(Relation(doc_id, label, ordered[head], ordered[tail], annotator=annotator))
    bundle.entities.sort(key=lambda e: (e.start, e.end, e.label))
    return bundle


register_reader(
    Reader(
        name=FORMAT,
        description="spaCy DocBin (.spacy): doc.ents, doc.spans and Annotator's relations",
        extensions=(".spacy",),
        read=read_spacy,
    )
)
SpacyWriter().register()
