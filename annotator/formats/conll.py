"""CoNLL / BIO: one token and its tag per line, the format of the Chinese NER corpora.

Written (character level, the MSRA / People's Daily convention)::

    -DOCSTART- -X- d55bd91ce4-00012 O

    姚 B-ORG
    庄 I-ORG
    ...
    。 O

    (the next line of the document)

A document starts with a CoNLL-2003 style ``-DOCSTART-`` line whose third
column carries the document id (readers that skip ``-DOCSTART-`` lines, like
the usual CoNLL loaders, are unaffected). Each line of the text is a
sentence, followed by a blank line. Whitespace is not a token: spaces and
blank lines are not written, so a document comes back with its lines joined
by single line breaks and without spaces. ``--tokens word`` writes jieba words
instead of characters (words are cut at entity boundaries, so every entity
covers whole words).

What BIO cannot hold is reported: nested or overlapping entities (the
outermost span is kept), an entity crossing a line break, relations, titles
and document labels. Read: BIO/IOB2, IOB1, BIOES and BMES tags, in the last
column; ``-DOCSTART-`` lines separate documents, and a file without them
becomes one document per sentence. Documents are imported as done.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import quote, unquote

from annotator.errors import InputError
from annotator.formats.bio import decode, encode
from annotator.formats.dataset import Context, FormatWriter, Part, Written
from annotator.formats.fields import DocumentIds, content_document_id
from annotator.formats.files import numbered_lines, read_input
from annotator.formats.nesting import describe_drop, outermost
from annotator.formats.registry import Reader, ReadOptions, register_reader
from annotator.formats.tokens import TokenIndex, tokenize
from annotator.model import AnnotatedDocument, Document, Entity, SourceFile, Status

FORMAT = "conll"
DOCSTART = "-DOCSTART-"
_COLUMNS = re.compile(r"[ \t]+")
# A tag line: a token without spaces, optional middle columns, then a tag.
_TAG_LINE = re.compile(r"^\S+(?:[ \t]+\S+)*[ \t]+(?:O|[BIESM][-_]\S+)$")


# --- writing ---------------------------------------------------------------------------


@dataclass
class _Line:
    """One line of the text without its whitespace: what CoNLL holds of it."""

    start: int
    end: int
    # offsets in the document of the characters kept, in order
    kept: list[int]

    @property
    def text_positions(self) -> dict[int, int]:
        return {position: i for i, position in enumerate(self.kept)}


def _lines(text: str) -> list[_Line]:
    lines, start = [], 0
    for part in text.split("\n"):
        end = start + len(part)
        kept = [i for i in range(start, end) if not text[i].isspace()]
        if kept:
            lines.append(_Line(start, end, kept))
        start = end + 1
    return lines


def conll_sentences(bundle: AnnotatedDocument, context: Context) -> tuple[list[list[tuple[str, str]]], int]:
    """The document's sentences as (token, tag) pairs, and how many entities they hold."""
    doc, report = bundle.document, context.report
    flat = outermost(bundle.entities, context.schema.entity_names)
    for entity, cover in flat.dropped:
        report.skip(describe_drop(doc.id, entity, cover, "the BIO tags"), "nested spans")
    sentences, placed = [], set()
    for line in _lines(doc.text):
        inside = [e for e in flat.kept if line.start <= e.start and e.end <= line.end]
        placed.update(id(e) for e in inside)
        positions = line.text_positions
        sentence = "".join(doc.text[i] for i in line.kept)
        spans = []
        for entity in inside:
            covered = [positions[i] for i in range(entity.start, entity.end) if i in positions]
            spans.append((covered[0], covered[-1] + 1, entity.label))
        tokenization = tokenize(sentence, context.options.tokens, [x for s in spans for x in s[:2]])
        if tokenization.cuts:
            report.note("with --tokens word, jieba words that cross an entity boundary are cut there")
        index = TokenIndex(tokenization.tokens)
        aligned = [(*index.align(start, end), label) for start, end, label in spans]
        tags = encode(len(tokenization.tokens), aligned)
        sentences.append([(t.text, tag) for t, tag in zip(tokenization.tokens, tags)])
    for entity in flat.kept:
        if id(entity) not in placed:
            report.skip(f"document {doc.id}: {entity.label} {entity.text!r} ({entity.start}-{entity.end}) crosses "
                        "a line break, and CoNLL sentences are lines; left out", "spans across lines")
    return sentences, len(placed)


def _loses_whitespace(text: str) -> bool:
    """True when the text comes back different: CoNLL keeps only the non-space characters of each line."""
    kept = ("".join(ch for ch in line if not ch.isspace()) for line in text.split("\n"))
    return "\n".join(line for line in kept if line) != text


class _ConllPart(Part):
    def __init__(self, handle: IO[str], context: Context) -> None:
        self.handle, self.context = handle, context

    def add(self, bundle: AnnotatedDocument) -> Written:
        doc = bundle.document
        sentences, written = conll_sentences(bundle, self.context)
        state = self.context.state
        state["relations"] = state.get("relations", 0) + len(bundle.relations)
        if _loses_whitespace(doc.text):
            state["whitespace"] = state.get("whitespace", 0) + 1
        out = [f"{DOCSTART} -X- {quote(doc.id, safe='')} O", ""]
        for sentence in sentences:
            out.extend(f"{token} {tag}" for token, tag in sentence)
            out.append("")
        self.handle.write("\n".join(out) + "\n")
        labels = Counter(tag[2:] for s in sentences for _t, tag in s if tag.startswith("B-"))
        return Written(written, 0, labels=labels)


class ConllWriter(FormatWriter):
    name = FORMAT
    description = "CoNLL BIO: one token and tag per line, by character (MSRA style) or jieba word"
    suffix = ".conll"
    uses = frozenset({"tokens"})

    def open_part(self, target: IO[str], context: Context) -> Part:
        return _ConllPart(target, context)

    def finish(self, context: Context, summary) -> None:
        relations = context.state.get("relations", 0)
        if relations:
            context.report.skip(f"{relations} relation(s) not written: CoNLL has no place for relations", "relations")
        if context.state.get("whitespace"):
            context.report.note(f"{context.state['whitespace']} document(s) hold spaces or blank lines, which CoNLL "
                                "does not keep (whitespace is not a token); they come back without them")
        context.report.note("CoNLL holds tokens and tags only: titles and document labels are not written")


# --- reading ---------------------------------------------------------------------------


_CHAR_AND_POSITION = re.compile(r"^(.)(\d{1,2})$")
_CJK = re.compile(r"[\u3400-\u9fff\U00020000-\U0002ffff]")


def has_word_positions(text: str) -> bool:
    """True when every token is one character followed by its position in its word (Weibo NER's "2nd" files).

    ``李0 开1 复2`` is 李开复 with the segmentation folded into the tokens: the
    digits count 0, 1, 2... within each word. Read as they stand they would
    put the digits into the text, so they are recognised by that count (each
    token's number is 0 or one more than the previous token's) and removed.
    """
    previous, tokens, cjk = -1, 0, False
    for _number, raw in numbered_lines(text):
        line = raw.strip(" \t\r\ufeff")
        if not line or line.startswith(DOCSTART):
            continue
        match = _CHAR_AND_POSITION.match(_COLUMNS.split(line)[0])
        if not match:
            return False
        position = int(match.group(2))
        if position not in (0, previous + 1):
            return False
        previous, tokens = position, tokens + 1
        cjk = cjk or bool(_CJK.match(match.group(1)))
    return tokens > 0 and cjk


class _ConllReader:
    def __init__(self, path: Path, annotator: str, strip_positions: bool = False) -> None:
        self.path, self.annotator, self.strip_positions = path, annotator, strip_positions
        self.documents: list[AnnotatedDocument] = []
        self.ids = DocumentIds()
        self.loose_starts = 0
        self.marked = False
        self._doc_id: str | None = None
        self._sentences: list[list[tuple[str, str, str]]] = []  # (token, tag, where)
        self._sentence: list[tuple[str, str, str]] = []

    def read(self, text: str) -> None:
        for number, raw in numbered_lines(text):
            line = raw.strip(" \t\r\ufeff")
            where = f"{self.path}: line {number}"
            if not line:
                self._end_sentence()
                continue
            columns = _COLUMNS.split(line)
            if columns[0] == DOCSTART:
                self._end_document()
                self.marked = True
                self._doc_id = unquote(columns[2]) if len(columns) >= 4 and columns[2] != "-X-" else None
                continue
            if len(columns) < 2:
                raise InputError(f"{where}: expected a token and its tag, got {line!r}")
            token = columns[0][0] if self.strip_positions else columns[0]
            self._sentence.append((token, columns[-1], where))
        self._end_document()

    def _end_sentence(self) -> None:
        if self._sentence:
            self._sentences.append(self._sentence)
            self._sentence = []
            if not self.marked:  # without -DOCSTART- lines every sentence is a document
                self._end_document()

    def _end_document(self) -> None:
        if self._sentence:
            self._sentences.append(self._sentence)
            self._sentence = []
        if not self._sentences:
            return
        texts, entities, offset = [], [], 0
        for sentence in self._sentences:
            starts, position = [], offset
            for token, _tag, _where in sentence:
                starts.append(position)
                position += len(token)
            decoded = decode([tag for _t, tag, _w in sentence], [w for _t, _tag, w in sentence])
            self.loose_starts += decoded.loose_starts
            for first, last, label in decoded.spans:
                entities.append((starts[first], starts[last] + len(sentence[last][0]), label))
            texts.append("".join(token for token, _tag, _w in sentence))
            offset = position + 1
        text = "\n".join(texts)
        doc_id = self._doc_id or content_document_id(text)
        bundle = AnnotatedDocument(Document(id=doc_id, text=text, title="", kind="text", status=Status.DONE))
        for n, (start, end, label) in enumerate(entities, start=1):
            bundle.entities.append(Entity(doc_id, start, end, label, text[start:end], id=n,
                                          annotator=self.annotator, origin="import"))
        where = self._sentences[0][0][2]
        if self.ids.claim(doc_id, derived=self._doc_id is None, where=where):
            self.documents.append(bundle)
        self._sentences, self._doc_id = [], None


def read_conll(path: Path, options: ReadOptions) -> SourceFile:
    data, sha = read_input(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}: line {line} is not valid UTF-8; CoNLL files must be UTF-8") from None
    source = SourceFile(path=str(path), name=path.name, sha256=sha, size=len(data), format=FORMAT, encoding="utf-8")
    positions = has_word_positions(text)
    reader = _ConllReader(path, options.annotator, strip_positions=positions)
    reader.read(text)
    if positions:
        source.notes.append("each token is a character followed by its position in its word (李0 开1 复2, as in "
                            "Weibo NER's 2nd-version files); the positions were removed from the text")
    source.documents.extend(reader.documents)
    source.notes.extend(reader.ids.note())
    if reader.loose_starts:
        source.notes.append(f"{reader.loose_starts} entit(ies) began with an I-, E- or M- tag instead of B- "
                            "(IOB1 style); each was read as the start of an entity")
    if not reader.marked and reader.documents:
        source.notes.append("the file has no -DOCSTART- lines, so each sentence became a document")
    if reader.documents:
        source.notes.append("CoNLL has no review status; the documents were imported as done")
    return source


def looks_like_conll(head: bytes) -> bool:
    lines = head.decode("utf-8", errors="ignore").split("\n")  # whole lines (registry.read_head)
    # Every .txt file to import is sniffed: stop at the 60th line with text, and at the first untagged one.
    content: list[str] = []
    for line in lines:
        line = line.strip(" \t\r\ufeff")
        if line:
            content.append(line)
            if len(content) == 60:
                break
    if not content:
        return False
    if not all(line.startswith(DOCSTART) or _TAG_LINE.match(line) for line in content):
        return False
    return len(content) >= 3 or content[0].startswith(DOCSTART)


register_reader(
    Reader(
        name=FORMAT,
        description="CoNLL / BIO: a token and its tag per line (BIO, IOB1, BIOES, BMES)",
        extensions=(".conll", ".conll03", ".bio", ".bmes", ".bioes", ".iob", ".iob2", ".ner", ".tsv",
                    ".train", ".dev", ".test", ".txt"),
        read=read_conll,
        sniff=looks_like_conll,
        priority=20,
    )
)
ConllWriter().register()
