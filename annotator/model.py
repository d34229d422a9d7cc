"""The domain model: plain dataclasses shared by the core, the CLI and the app.

Offsets everywhere are Python string indices (code points) into
``Document.text``, end exclusive. Qt and web tools count UTF-16 units; they
convert at their edge (see ``annotator.text.offsets``), never here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Status(str, Enum):
    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"

    def __str__(self) -> str:
        return self.value


class CandidateState(str, Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return self.value


DOCUMENT_KINDS = ("news", "feature", "photo", "text")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Piece:
    """A stretch of document text and the place in a source file it came from.

    ``raw_text[start:end] == source_text[src_start:src_end]`` where
    ``source_text`` is the decoded file (BOM stripped, nothing else changed).
    Text between pieces (paragraph breaks) was inserted by the importer.
    """

    start: int
    end: int
    file: str
    src_start: int
    src_end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "file": self.file,
            "src_start": self.src_start,
            "src_end": self.src_end,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Piece:
        # positional: every stored document's provenance comes through here
        return cls(
            int(data["start"]), int(data["end"]), str(data["file"]), int(data["src_start"]), int(data["src_end"])
        )

    def shifted(self, delta: int) -> Piece:
        return Piece(self.start + delta, self.end + delta, self.file, self.src_start, self.src_end)


@dataclass
class Provenance:
    """Where a document came from: its main file and every piece's source offsets."""

    file: str
    sha256: str | None = None
    encoding: str | None = None
    pieces: list[Piece] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file}
        if self.sha256:
            out["sha256"] = self.sha256
        if self.encoding:
            out["encoding"] = self.encoding
        out["pieces"] = [p.to_dict() for p in self.pieces]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Provenance:
        return cls(
            file=str(data.get("file", "")),
            sha256=data.get("sha256"),
            encoding=data.get("encoding"),
            pieces=[Piece.from_dict(p) for p in data.get("pieces", [])],
        )


@dataclass
class Document:
    id: str
    text: str
    title: str = ""
    kind: str = "news"
    status: Status = Status.TODO
    status_reason: str = ""
    # The text before punctuation-width normalisation. Normalisation maps one
    # character to one character, so offsets are the same in both.
    raw_text: str | None = None
    # Page furniture and import findings: kicker, subtitle, section, byline
    # (reporters, correspondents, place, date), flags for the reviewer
    # (low-confidence joins), dropped duplicates.
    meta: dict[str, Any] = field(default_factory=dict)
    provenance: Provenance | None = None
    position: float = 0.0

    @property
    def content_hash(self) -> str:
        # Remembered for the text it was computed from (an import asks several
        # times per document, and a worker process's answer travels with the
        # document); outside the dataclass fields, so equality ignores it.
        remembered = self.__dict__.get("_hashed")
        if remembered is not None and remembered[0] is self.text:
            return remembered[1]
        digest = content_hash(self.text)
        self.__dict__["_hashed"] = (self.text, digest)
        return digest


@dataclass
class Entity:
    doc_id: str
    start: int
    end: int
    label: str
    text: str
    id: int | None = None
    annotator: str = ""
    # manual, candidate:<source> when accepted from a candidate, or import
    origin: str = "manual"


@dataclass
class Relation:
    doc_id: str
    label: str
    head_id: int
    tail_id: int
    id: int | None = None
    annotator: str = ""


@dataclass
class Candidate:
    doc_id: str
    start: int
    end: int
    label: str
    text: str
    source: str
    score: float
    state: CandidateState = CandidateState.PENDING
    id: int | None = None
    entity_id: int | None = None


@dataclass
class Event:
    """One line of the append-only log: who did what, with the state before and after."""

    at: str
    annotator: str
    action: str
    doc_id: str | None
    target: str | None
    before: Any
    after: Any
    id: int | None = None


@dataclass
class AnnotatedDocument:
    """A document with everything attached to it; the unit of import and export."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    doc_labels: dict[str, str] = field(default_factory=dict)
    # seconds spent on the document, per annotator
    time_spent: dict[str, float] = field(default_factory=dict)


# --- layers: one person's annotation of one document ------------------------------------


@dataclass(slots=True)
class LayerEntity:
    """An entity of a layer. ``key`` identifies it inside the layer (relations refer to it);
    ``made_by``, ``origin`` and the times are the entity's own, kept wherever it is copied."""

    key: int
    start: int
    end: int
    label: str
    text: str
    made_by: str = ""
    origin: str = "manual"
    created_at: str = ""
    updated_at: str = ""

    @property
    def span(self) -> tuple[int, int, str]:
        return (self.start, self.end, self.label)


@dataclass(slots=True)
class LayerRelation:
    key: int
    label: str
    head_key: int
    tail_key: int
    made_by: str = ""
    created_at: str = ""


@dataclass(slots=True)
class LayerLabel:
    name: str
    value: str
    made_by: str = ""
    updated_at: str = ""


@dataclass
class DocumentLayer:
    """Everything one annotator decided about one document: entities, relations, document labels, status.

    ``owner`` is whose layer it is: an annotator's name for their version (merged
    from their package), or "" for the project's own layer, the one the window
    edits and, once adjudicated, the gold layer.
    """

    doc_id: str
    owner: str = ""
    entities: list[LayerEntity] = field(default_factory=list)
    relations: list[LayerRelation] = field(default_factory=list)
    doc_labels: list[LayerLabel] = field(default_factory=list)
    status: Status = Status.TODO
    status_reason: str = ""

    def entity_by_key(self) -> dict[int, LayerEntity]:
        return {e.key: e for e in self.entities}

    def fingerprint(self) -> str:
        """What the layer says, as a digest: spans, labels, relations, document labels, status and who made
        each; not ids, origins or times. Two layers with the same fingerprint say the same."""
        return layer_fingerprint(self)


def layer_fingerprint(layer: DocumentLayer) -> str:
    # One line per fact, sorted, so the order rows were read in does not matter. Merging
    # fingerprints every document of every package: this is written for speed.
    spans = {e.key: f"{e.start}\t{e.end}\t{e.label}" for e in layer.entities}
    lines = sorted(f"e\t{e.start}\t{e.end}\t{e.label}\t{e.made_by}" for e in layer.entities)
    lines += sorted(
        f"r\t{spans[r.head_key]}\t{spans[r.tail_key]}\t{r.label}\t{r.made_by}"
        for r in layer.relations
        if r.head_key in spans and r.tail_key in spans
    )
    lines += sorted(f"d\t{d.name}\t{d.value}" for d in layer.doc_labels)
    lines.append(f"s\t{Status(layer.status).value}\t{layer.status_reason}")
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()

def span_mismatch(text: str, start: int, end: int, expected: str) -> str | None:
    """Why a span does not fit ``text``, or None when ``text[start:end] == expected``."""
    if not (isinstance(start, int) and isinstance(end, int)):
        return f"offsets must be integers, got start={start!r} end={end!r}"
    if start < 0 or end > len(text):
        return f"offsets {start}-{end} are outside the text (length {len(text)})"
    if start >= end:
        return f"empty or reversed span {start}-{end}"
    actual = text[start:end]
    if actual != expected:
        return f"text[{start}:{end}] is {actual!r}, not {expected!r}"
    return None


@dataclass
class SourceFile:
    """One input file, read and split into documents; imported in one transaction."""

    path: str
    name: str
    sha256: str
    size: int
    format: str
    encoding: str | None = None
    documents: list[AnnotatedDocument] = field(default_factory=list)
    # What the reader noticed and the user should know: dropped duplicates,
    # low-confidence joins, converted offsets, skipped lines.
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    file: str
    # imported, unchanged (this exact file was imported before) or empty
    outcome: str
    documents: int = 0
    entities: int = 0
    relations: int = 0
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
