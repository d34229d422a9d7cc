"""Deciding whether imported offsets count code points or UTF-16 units (doccano, Label Studio)."""

from __future__ import annotations

import json

import pytest

from annotator.errors import InputError
from annotator.formats.offset_units import CODEPOINT, UTF16, RawDocument, RawSpan, decide_units, to_codepoints
from annotator.text.offsets import OffsetMap


def doc(text: str, *spans: tuple[int, int, str | None]) -> RawDocument:
    raw = RawDocument(f"doc {text[:4]}", text)
    raw.spans = [RawSpan(s, e, t, f"doc {text[:4]}: span {n}") for n, (s, e, t) in enumerate(spans)]
    return raw


def decide(*docs: RawDocument, declared=None, forced="auto", stated=None):
    return decide_units(list(docs), tool="doccano", convention=UTF16, declared=declared, forced=forced,
                        stated=stated)


def test_text_inside_the_bmp_is_left_alone():
    decision = decide(doc("张萍在北京。", (0, 2, None)))
    assert decision.units == [CODEPOINT] and decision.notes == []


def test_an_end_beyond_the_text_in_code_points_proves_utf16():
    text = "记者张萍😀北京"
    raw = doc(text, (6, 8, None))
    decision = decide(raw)
    assert decision.units == [UTF16]
    assert to_codepoints(raw, raw.spans[0], UTF16) == (5, 7)
    assert "converted UTF-16 offsets" in decision.notes[0]


def test_an_offset_inside_a_surrogate_pair_proves_code_points():
    text = "😀张萍在北京"
    decision = decide(doc(text, (1, 3, None), (4, 6, None)))
    assert decision.units == [CODEPOINT] and decision.notes == []


def test_the_span_text_decides():
    text = "𠮷野家的张萍"
    start = OffsetMap(text).to_utf16(4)
    assert decide(doc(text, (start, start + 2, "张萍"))).units == [UTF16]
    assert decide(doc(text, (4, 6, "张萍"))).units == [CODEPOINT]


def test_undecided_documents_follow_what_the_file_says_and_otherwise_ask():
    open_doc = doc("😀姚庄镇总工会位于嘉兴。", (2, 8, None))  # fits both ways, differently
    proving_codepoints = doc("😀张萍在北京", (1, 3, None))
    assert decide(open_doc, proving_codepoints).units == [CODEPOINT, CODEPOINT]
    decision = decide(open_doc, declared=CODEPOINT)
    assert decision.units == [CODEPOINT]
    assert "as the schema file written with the export declares" in decision.notes[0]
    # the record's own offset_unit column decides, and is checked
    assert decide(open_doc, stated=[UTF16]).units == [UTF16]
    assert decide(open_doc, stated=[CODEPOINT]).units == [CODEPOINT]
    with pytest.raises(InputError, match=r"offsets read as code points, as the record's offset_unit says"):
        decide(doc("记者张萍😀北京", (6, 8, None)), stated=[CODEPOINT])
    # nothing says: never a silent guess, a question
    with pytest.raises(InputError, match=r"doc 😀姚庄镇: the offsets fit the text both as UTF-16 units \(doccano's "
                                         r"count\) and as code points, and the file does not say which .* Import "
                                         r"again with --offsets utf16 .* or --offsets codepoint"):
        decide(open_doc)


def test_a_span_that_fits_neither_way_names_the_document_and_span():
    with pytest.raises(InputError, match=r"doc 😀张萍在: span 0: offsets 0-40 are outside the text \(length 6\) "
                                         r"\(nor as UTF-16 units\)"):
        decide(doc("😀张萍在北京", (0, 40, None)))


def test_a_document_mixing_both_counts_is_refused():
    text = "😀张萍在北京😀"
    with pytest.raises(InputError, match="only as code points and others only as UTF-16 units"):
        decide(doc(text, (1, 3, None), (7, 9, None)))  # first only as code points, second only as UTF-16


def test_a_forced_unit_is_checked():
    with pytest.raises(InputError, match=r"span 0: .* \(offsets read as code points, as --offsets asked\)"):
        decide(doc("记者张萍😀北京", (6, 8, None)), forced=CODEPOINT)
    assert decide(doc("😀姚庄镇总工会位于嘉兴。", (2, 8, None)), forced=UTF16).units == [UTF16]


def test_an_ambiguous_doccano_file_that_does_not_say_is_refused_with_a_question(fresh_store, tmp_path):
    """A file without offset_unit or schema file whose offsets fit both ways: the answer comes from --offsets."""
    from annotator.formats.registry import ReadOptions
    from annotator.project.importing import import_paths
    from annotator.store import Store

    text = "姚庄镇总工会😀位于嘉兴。"
    path = tmp_path / "piped.jsonl"
    path.write_text(json.dumps({"id": "x", "text": text, "entities": [
        {"id": 1, "label": "LOC", "start_offset": 9, "end_offset": 11}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    (report,) = import_paths(fresh_store, [path])
    assert report.outcome == "failed"
    assert "does not say which" in report.notes[0] and "--offsets utf16" in report.notes[0]
    assert fresh_store.documents.ids() == []
    import_paths(fresh_store, [path], options=ReadOptions(offsets="utf16"))
    assert [e.text for e in fresh_store.annotations.entities("x")] == ["于嘉"]
    with Store(tmp_path / "other.db") as other:
        import_paths(other, [path], options=ReadOptions(offsets="codepoint"))
        assert [e.text for e in other.annotations.entities("x")] == ["嘉兴"]
