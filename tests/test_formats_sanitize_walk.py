"""sanitize_source finds a control character or a surrogate however deep in a document's meta it sits, and in any
piece's file name, and counts each replacement as before (it walks meta without a call per value, and checks the one
file name a page's pieces share once)."""

from __future__ import annotations

import pytest

from annotator.errors import InputError
from annotator.formats.sanitize import sanitize_source
from annotator.model import AnnotatedDocument, Document, Piece, Provenance, SourceFile


def _source(meta: dict, piece_files: list[str]) -> SourceFile:
    pieces = [Piece(k, k + 1, name, k, k + 1) for k, name in enumerate(piece_files)]
    doc = Document(id="d1", text="工会职工", meta=meta, provenance=Provenance(file="page.txt", pieces=pieces))
    return SourceFile(path="page.txt", name="page.txt", sha256="0", size=4, format="text",
                      documents=[AnnotatedDocument(doc)])


def test_a_control_character_deep_in_meta_is_cleaned_and_noted() -> None:
    meta = {"title_src": [2, 22], "byline": {"raw": "本报记者\x07某某", "reporters": ["某\x00某"]}, "flags": []}
    source = sanitize_source(_source(meta, ["page.txt", "page.txt"]))
    cleaned = source.documents[0].document.meta
    assert cleaned == {"title_src": [2, 22], "byline": {"raw": "本报记者\ufffd某某", "reporters": ["某\ufffd某"]},
                       "flags": []}
    assert source.notes and "2 control character(s)" in source.notes[0] and "d1" in source.notes[0]


def test_clean_meta_is_handed_back_untouched() -> None:
    meta = {"byline": {"raw": "本报记者 某某", "reporters": ["某某"]}, "title_src": [0, 4]}
    source = sanitize_source(_source(meta, ["page.txt"] * 3))
    assert source.documents[0].document.meta is meta
    assert source.notes == []


def test_a_surrogate_in_a_nested_key_is_refused() -> None:
    with pytest.raises(InputError, match="surrogate"):
        sanitize_source(_source({"byline": [{"\ud800": "某某"}]}, ["page.txt"]))


def test_a_control_character_in_a_pieces_file_name_is_counted_per_piece() -> None:
    source = sanitize_source(_source({}, ["page\x01.txt", "page\x01.txt", "page.txt"]))
    assert source.notes and "2 control character(s) (U+0001 ×2)" in source.notes[0]


def test_a_surrogate_in_a_pieces_file_name_is_refused() -> None:
    with pytest.raises(InputError, match="source.pieces.file"):
        sanitize_source(_source({}, ["page.txt", "page\udc80.txt"]))
