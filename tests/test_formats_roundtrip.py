"""Every format: export, import into a new project, export again gives the same bytes.

Formats that hold everything (native JSONL, doccano, Label Studio, Prodigy,
spaCy, brat, Hugging Face) must also bring back exactly the same entities and
relations, nested spans and non-BMP text included. CoNLL holds less (no
relations, no nesting, no whitespace); what it drops is reported, and its own
round trip is still identical.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_project import RICH_TEXT, annotations, build_rich_project, tree

from annotator.project.exporting import export
from annotator.formats.registry import ExportOptions
from annotator.project.importing import import_paths
from annotator.store import Store

SUFFIX = {"jsonl": ".jsonl", "doccano": ".jsonl", "label-studio": ".json", "prodigy": ".jsonl",
          "spacy": ".spacy", "brat": "", "conll": ".conll", "hf": ""}
LOSSLESS = ["jsonl", "doccano", "label-studio", "prodigy", "spacy", "brat", "hf"]


@pytest.fixture
def rich_store(fresh_store):
    build_rich_project(fresh_store)
    return fresh_store


def round_trip(store: Store, tmp_path: Path, fmt: str, options: ExportOptions | None = None, **selection):
    first = tmp_path / f"first{SUFFIX[fmt]}"
    summary = export(store, fmt, str(first), options=options, **selection)
    with Store(tmp_path / "second.db", annotator="importer") as second:
        reports = import_paths(second, [first])
        assert all(r.outcome in ("imported", "empty") for r in reports), [r.notes for r in reports]
        again = tmp_path / f"again{SUFFIX[fmt]}"
        export(second, fmt, str(again), options=options, **selection)
        imported = annotations(second)
        statuses = {d: second.documents.get(d).status.value for d in second.documents.ids()}
    return summary, first, again, imported, statuses


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_export_import_export_is_identical(rich_store, tmp_path, fmt):
    summary, first, again, _imported, _statuses = round_trip(rich_store, tmp_path, fmt, statuses=None)
    assert summary.documents == 4
    assert tree(again) == tree(first)


@pytest.mark.parametrize("fmt", LOSSLESS)
def test_lossless_formats_bring_back_every_entity_and_relation(rich_store, tmp_path, fmt):
    expected = annotations(rich_store)
    summary, *_rest, imported, _statuses = round_trip(rich_store, tmp_path, fmt, statuses=None)
    assert imported == expected
    assert (summary.entities, summary.relations) == (11, 4)
    assert summary.skipped == []


@pytest.mark.parametrize("fmt", ["jsonl", "label-studio", "prodigy", "spacy"])
def test_formats_with_a_status_keep_it(rich_store, tmp_path, fmt):
    *_rest, statuses = round_trip(rich_store, tmp_path, fmt, statuses=None)
    expected = {"a-1": "done", "a-2": "done", "a-3": "skipped", "a-4": "todo" if fmt == "prodigy" else "in_progress"}
    assert statuses == expected


@pytest.mark.parametrize("fmt", ["conll", "prodigy", "spacy", "hf"])
def test_word_tokens_round_trip_too(rich_store, tmp_path, fmt):
    options = ExportOptions(tokens="word")
    _summary, first, again, imported, _statuses = round_trip(rich_store, tmp_path, fmt, options, statuses=None)
    assert tree(again) == tree(first)
    if fmt != "conll":
        assert imported == annotations(rich_store)


@pytest.mark.parametrize("fmt", ["doccano", "label-studio"])
def test_utf16_offsets_round_trip_and_come_back_as_code_points(rich_store, tmp_path, fmt):
    options = ExportOptions(offsets="utf16")
    _summary, first, again, imported, _statuses = round_trip(rich_store, tmp_path, fmt, options, statuses=None)
    assert tree(again) == tree(first)
    assert imported == annotations(rich_store)
    beijing = RICH_TEXT.index("北京")
    written = first.read_text(encoding="utf-8")
    # 𠮷 and 😀 come before 北京: two more UTF-16 units than code points
    key = '"start_offset": ' if fmt == "doccano" else '"start": '
    assert f"{key}{beijing + 2}" in written and f"{key}{beijing}," not in written


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_splits_round_trip(rich_store, tmp_path, fmt):
    options = ExportOptions(splits={"train": 0.5, "dev": 0.25, "test": 0.25})
    summary, first, again, _imported, _statuses = round_trip(rich_store, tmp_path, fmt, options, statuses=None)
    assert first.is_dir()
    assert sum(s["documents"] for s in summary.splits.values()) == 4
    assert tree(again) == tree(first)


def test_conll_reports_what_it_cannot_hold(rich_store, tmp_path):
    summary, first, *_rest = round_trip(rich_store, tmp_path, "conll", statuses=None)
    skipped = "\n".join(summary.skipped)
    # 姚庄镇 and 姚庄镇总工会 nest inside the union; 嘉善县姚庄 is covered by it too
    assert "'姚庄镇总工会' (9-15) nested inside ORG '浙江省嘉兴市嘉善县姚庄镇总工会' (0-15)" in skipped
    assert "'嘉善县姚庄' (6-11) nested inside" in skipped
    assert "4 relation(s) not written: CoNLL has no place for relations" in skipped
    assert any("spaces or blank lines" in note for note in summary.notes)
    assert summary.entities == 8  # 11 minus the three nested ones
    text = first.read_text(encoding="utf-8")
    assert text.startswith("-DOCSTART- -X- a-1 O\n\n浙 B-ORG\n江 I-ORG\n")
    assert "\n𠮷 O\n野 O\n家 O\n😀 O\n在 O\n北 B-LOC\n京 I-LOC\n" in text
    # the blank line between paragraphs is a sentence break; the space is not a token
    assert "\n。 O\n\n2 B-DATE\n" in text and "会 I-ORG\n提 O\n" in text


def test_conll_word_tokens_cut_words_at_entity_edges(rich_store, tmp_path):
    summary = export(rich_store, "conll", str(tmp_path / "w.conll"), options=ExportOptions(tokens="word"))
    lines = (tmp_path / "w.conll").read_text(encoding="utf-8").splitlines()
    assert "张萍 B-PER" in lines and "北京 B-LOC" in lines and "专职 B-TITLE" in lines
    assert summary.documents == 2


@pytest.mark.parametrize("fmt", LOSSLESS)
def test_line_separators_inside_the_text_survive(fresh_store, tmp_path, fmt):
    """U+2028, U+0085 and CR stay inside strings; a reader that split on them would break the record."""
    from annotator.model import AnnotatedDocument, Document, SourceFile, Status

    text = "张萍\u2028在北京\x85工作\r\n记者\t邹倜然。"
    source = SourceFile(path="s", name="s", sha256="s", size=1, format="text")
    source.documents.append(AnnotatedDocument(Document(id="sep", text=text, status=Status.DONE)))
    fresh_store.documents.import_source(source)
    for needle, label in (("张萍", "PER"), ("北京", "LOC"), ("邹倜然", "PER")):
        start = text.index(needle)
        fresh_store.annotations.add_entity("sep", start, start + len(needle), label)
    fresh_store.documents.set_status("sep", Status.DONE)
    _summary, first, again, imported, _statuses = round_trip(fresh_store, tmp_path, fmt)
    assert imported == annotations(fresh_store)
    assert tree(again) == tree(first)
