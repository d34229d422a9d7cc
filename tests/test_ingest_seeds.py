"""The five seed pages end to end, against the gold list written by reading them (tests/data/seed_articles_gold.json),
and two pages of our own that mimic their hard cases with other content (tests/data/ingest/pages_gold.json)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats.registry import ReadOptions
from annotator.ingest.evaluate import canon, read_page, score_pages
from annotator.ingest.text_reader import read_text
from annotator.model import DOCUMENT_KINDS, Document
from annotator.project.importing import discover, import_file

DATA = Path(__file__).parent / "data"
SEED_GOLD = DATA / "seed_articles_gold.json"
OWN_GOLD = DATA / "ingest" / "pages_gold.json"
BYLINE_KEYS = {"raw", "reporters", "correspondents", "photographers", "others", "agency", "place", "date"}


def score(gold_path: Path, folder: Path) -> tuple[int, int, list[str], list[tuple[dict, Document]]]:
    """The same scoring as python -m annotator.ingest.evaluate, so the seeds and the unseen pages are judged alike."""
    result = score_pages(gold_path.name, gold_path, folder)
    return result.exact, result.total, [f"{m.page}: {m.title}" for m in result.misses], result.matched


@pytest.fixture(scope="module")
def seed_results(request):
    seeds = Path(request.config.rootpath) / "seeds"
    return score(SEED_GOLD, seeds)


@pytest.fixture(scope="module")
def own_results():
    return score(OWN_GOLD, DATA / "ingest")


@pytest.mark.parametrize("results", ["seed_results", "own_results"])
def test_at_least_95_percent_of_articles_come_out_exactly_right(results, request):
    exact, total, misses, _ = request.getfixturevalue(results)
    assert total >= 10
    assert exact / total >= 0.95, f"{exact}/{total} exact; wrong: {misses}"


@pytest.mark.parametrize("results", ["seed_results", "own_results"])
def test_first_and_last_sentences_titles_and_kinds_match_the_gold(results, request):
    _, _, _, matched = request.getfixturevalue(results)
    for article, doc in matched:
        text = canon(doc.text)
        assert text.startswith(canon(article["first"])), article["title"]
        assert text.endswith(canon(article["last"])), article["title"]
        assert canon(doc.title) == canon(article["title"])
        assert doc.kind == article["kind"], article["title"]
        for key in ("kicker", "subtitle", "section"):
            if key in article:
                assert canon(article[key]) in canon(doc.meta.get(key, "")), (article["title"], key)
        for key, value in article.get("byline", {}).items():
            assert doc.meta["byline"][key] == value, (article["title"], key)


@pytest.mark.parametrize("results", ["seed_results", "own_results"])
def test_continuations_and_dropped_duplicates_are_recorded(results, request):
    _, _, _, matched = request.getfixturevalue(results)
    continued = [(a, d) for a, d in matched if "continues" in a]
    assert continued
    for article, doc in continued:
        joins = [f for f in doc.meta["flags"] if f["kind"] == "continuation"]
        assert len(joins) == len(article["continues"]), article["title"]
    for article, doc in matched:
        if "dropped_duplicate_lines" in article:
            (dropped,) = doc.meta["dropped_duplicates"]
            assert dropped["lines"] == article["dropped_duplicate_lines"]


def test_every_seed_document_keeps_exact_provenance(seeds_dir: Path):
    for path in sorted(seeds_dir.glob("*.txt")):
        decoded, docs = read_page(path)
        assert docs, path.name
        for doc in docs:
            raw = doc.raw_text
            assert len(raw) == len(doc.text)
            covered: set[int] = set()
            for piece in doc.provenance.pieces:
                assert piece.file == path.name
                assert raw[piece.start : piece.end] == decoded[piece.src_start : piece.src_end], (doc.id, piece)
                covered.update(range(piece.start, piece.end))
            assert all(raw[i] == "\n" for i in range(len(raw)) if i not in covered), doc.id
            first = doc.provenance.pieces[0]
            assert doc.id == f"{doc.provenance.sha256[:10]}-{first.src_start:05d}"


def test_every_seed_document_has_well_formed_metadata(seeds_dir: Path):
    for path in sorted(seeds_dir.glob("*.txt")):
        _, docs = read_page(path)
        for doc in docs:
            assert doc.kind in DOCUMENT_KINDS and doc.kind != "text"
            assert doc.title and "#" not in doc.title
            byline = doc.meta.get("byline", {})
            assert set(byline) <= BYLINE_KEYS and all(byline.values()), doc.id
            for flag in doc.meta.get("flags", []):
                assert set(flag) == {"kind", "offset", "confidence", "message"}
                assert 0 <= flag["offset"] <= len(doc.text) and 0 <= flag["confidence"] <= 1
            # the headline is not part of the text
            assert not doc.text.startswith(doc.title)


def test_the_seed_folder_imports_once_and_reimporting_changes_nothing(seeds_dir: Path, fresh_store):
    files = discover([seeds_dir])
    reports = [import_file(fresh_store, path) for path in files]
    assert [r.outcome for r in reports] == ["imported"] * 5
    assert fresh_store.documents.count() == sum(r.documents for r in reports) == 43
    events = len(fresh_store.events.find())
    again = [import_file(fresh_store, path) for path in files]
    assert [r.outcome for r in again] == ["unchanged"] * 5
    assert fresh_store.documents.count() == 43 and len(fresh_store.events.find()) == events
    assert fresh_store.check() == []
    # notes tell the user what the importer decided
    notes = [n for r in reports for n in r.notes]
    assert any("continues the sentence" in n for n in notes)
    assert any("word for word" in n for n in notes)


@pytest.mark.parametrize(("encoding", "newline"), [("gb18030", "\r\n"), ("utf-16", "\n"), ("utf-8-sig", "\r\n")])
def test_a_seed_page_in_another_encoding_and_line_ending_cuts_the_same(
    seeds_dir: Path, tmp_path: Path, encoding: str, newline: str
):
    original = seeds_dir / "000_d55bd91ce48279e9.txt"
    _, expected = read_page(original)
    text = original.read_text(encoding="utf-8").replace("\n", newline)
    copy = tmp_path / original.name
    copy.write_bytes(text.encode(encoding))
    source = read_text(copy, ReadOptions())
    docs = [d.document for d in source.documents]
    assert [(d.title, d.text, d.kind) for d in docs] == [(d.title, d.text, d.kind) for d in expected]
    for doc in docs:
        for piece in doc.provenance.pieces:
            assert doc.raw_text[piece.start : piece.end] == text[piece.src_start : piece.src_end]
