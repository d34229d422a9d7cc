"""The arithmetic of segmentation edits, away from the database: new texts, pieces, flags and offsets.

An edit is described as a *plan*: for each document that exists afterwards,
the parts its text is made of, in order. A part is a slice of a document as
it is now, or a string the edit inserts (the "\\n" between paragraphs).
From a plan follow the new text and raw text, the provenance pieces (each
piece clipped to the slices and shifted), the reviewer's flags, and where
every old offset lands, so annotations move with their text. A span that no
single slice holds whole is cut by the edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from annotator.model import Document, Piece, Provenance


@dataclass(frozen=True)
class Slice:
    doc_id: str
    start: int
    end: int


Part = Slice | str


@dataclass
class Output:
    """One document's text after the edit, and where its parts came from."""

    doc_id: str
    text: str = ""
    raw_text: str = ""
    pieces: list[Piece] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    # (slice, offset of the slice in the new text)
    placed: list[tuple[Slice, int]] = field(default_factory=list)


class Plan:
    def __init__(self, documents: dict[str, Document], parts: dict[str, list[Part]]) -> None:
        self.documents = documents
        self.outputs: dict[str, Output] = {}
        for doc_id, doc_parts in parts.items():
            self.outputs[doc_id] = self._build(doc_id, [p for p in doc_parts if not _empty(p)])
        self._place_flags()

    def _build(self, doc_id: str, parts: list[Part]) -> Output:
        out = Output(doc_id)
        texts: list[str] = []
        raws: list[str] = []
        offset = 0
        for part in parts:
            if isinstance(part, str):
                texts.append(part)
                raws.append(part)
                offset += len(part)
                continue
            doc = self.documents[part.doc_id]
            texts.append(doc.text[part.start : part.end])
            raws.append((doc.raw_text if doc.raw_text is not None else doc.text)[part.start : part.end])
            out.placed.append((part, offset))
            out.pieces.extend(_clip_pieces(doc.provenance, part, offset))
            offset += part.end - part.start
        out.text = "".join(texts)
        out.raw_text = "".join(raws)
        return out

    def _place_flags(self) -> None:
        """Each reviewer's flag goes where its offset goes; a flag at the very end of a slice stays with it."""
        for doc_id, doc in self.documents.items():
            for flag in doc.meta.get("flags", []):
                position = flag.get("offset", 0)
                target = self.locate_point(doc_id, position)
                if target is not None:
                    moved = dict(flag)
                    moved["offset"] = target[1]
                    self.outputs[target[0]].flags.append(moved)
        for out in self.outputs.values():
            out.flags.sort(key=lambda f: f.get("offset", 0))

    def locate_point(self, doc_id: str, position: int) -> tuple[str, int] | None:
        """Where offset ``position`` of ``doc_id`` lands; a point between two slices goes with the later one."""
        at_end = None
        for out in self.outputs.values():
            for part, offset in out.placed:
                if part.doc_id != doc_id:
                    continue
                if part.start <= position < part.end:
                    return out.doc_id, offset + position - part.start
                if position == part.end:
                    at_end = (out.doc_id, offset + position - part.start)
        return at_end

    def locate(self, doc_id: str, start: int, end: int) -> tuple[str, int] | None:
        """Where the span ``start:end`` of document ``doc_id`` lands: (document, new start), or None if cut."""
        for out in self.outputs.values():
            for part, offset in out.placed:
                if part.doc_id == doc_id and part.start <= start and end <= part.end:
                    return out.doc_id, offset + start - part.start
        return None


def _empty(part: Part) -> bool:
    return part == "" if isinstance(part, str) else part.end <= part.start


def _clip_pieces(provenance: Provenance | None, part: Slice, offset: int) -> list[Piece]:
    if provenance is None:
        return []
    pieces = []
    for piece in provenance.pieces:
        lo, hi = max(piece.start, part.start), min(piece.end, part.end)
        if lo >= hi:
            continue
        pieces.append(
            Piece(
                lo - part.start + offset,
                hi - part.start + offset,
                piece.file,
                piece.src_start + lo - piece.start,
                piece.src_end - (piece.end - hi),
            )
        )
    return pieces


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` widened by one "\\n" on one side when it covers whole paragraphs, so no empty paragraph stays."""
    whole = (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")
    if not whole:
        return start, end
    if end < len(text):
        return start, end + 1
    if start > 0:
        return start - 1, end
    return start, end


def provenance_base(documents: list[Document]) -> Provenance | None:
    for doc in documents:
        if doc.provenance is not None:
            return doc.provenance
    return None
