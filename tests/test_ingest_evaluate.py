"""The article-splitting evaluator (annotator/ingest/evaluate.py) and the unseen-page corpus it scores.

The scoring is checked on a tiny handmade page with handmade documents, so it does not depend on what
the splitter does today. The corpus checks are about the gold being well formed, never about the
splitter's figure on it (that guard comes with a better splitter)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from annotator.errors import InputError
from annotator.ingest import evaluate
from annotator.model import Document

DATA = Path(__file__).parent / "data"
PAGES = DATA / "pages"
SPLITS = ("tune", "test", "test13")
KINDS = {"news", "feature", "photo"}
LABELS = {"PER", "ORG", "LOC", "TITLE", "DATE", "MONEY", "WORK"}

# line numbers:   1            3                        5                 7             9                11              13
TINY_PAGE = "# 第一篇\n\n本报讯 甲乙丙,丁戊。\n\n己庚辛壬癸子丑\n\n寅卯辰。\n\n## 第二篇\n\n天地玄黄。\n\n宇宙洪荒。\n"
TINY_GOLD = {"pages": {"tiny.txt": [
    {"title": "第一篇", "kind": "news", "paragraphs": ["3", "5+7"], "byline": {"agency": "本报"}},
    {"title": "第二篇", "kind": "photo", "paragraphs": ["11", "13"]},
]}}


def doc(title: str, text: str, kind: str = "news", meta: dict | None = None) -> Document:
    return Document(id=title, text=text, title=title, kind=kind, meta=meta or {})


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "tiny.txt").write_text(TINY_PAGE, encoding="utf-8")
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(TINY_GOLD, ensure_ascii=False), encoding="utf-8")

    def with_documents(docs: list[Document]) -> evaluate.SetScore:
        monkeypatch.setattr(evaluate, "read_page", lambda path: (path.read_text(encoding="utf-8"), docs))
        return evaluate.score_pages("tiny", gold, tmp_path)

    return with_documents


def test_an_article_is_exact_when_a_document_has_its_text_with_column_breaks_rejoined_and_widths_normalised(tiny):
    result = tiny([
        doc("第一篇", "本报讯 甲乙丙，丁戊。\n己庚辛壬癸子丑寅卯辰。", meta={"byline": {"agency": "本报"}}),
        doc("第二篇", "天地玄黄。\n宇宙洪荒。", kind="photo"),
    ])
    assert (result.exact, result.total, result.documents) == (2, 2, 2)
    assert result.misses == [] and result.furniture == []


def test_a_wrong_cut_is_a_miss_that_names_the_closest_document_and_what_differs(tiny):
    result = tiny([
        doc("第一篇", "本报讯 甲乙丙，丁戊。\n己庚辛壬癸子丑\n寅卯辰。"),  # the column break not rejoined
        doc("第二篇", "天地玄黄。\n宇宙洪荒。", kind="photo"),
        doc("", "广告"),
    ])
    assert (result.exact, result.total, result.documents, result.unmatched_documents) == (1, 2, 3, 2)
    (miss,) = result.misses
    assert miss.title == "第一篇" and miss.closest_title == "第一篇"
    described = "\n".join(miss.describe())
    assert "missing: 己庚辛壬癸子丑寅卯辰。" in described
    assert "extra:   己庚辛壬癸子丑" in described and "extra:   寅卯辰。" in described


def test_two_articles_run_together_are_both_misses(tiny):
    result = tiny([doc("第一篇", "本报讯 甲乙丙，丁戊。\n己庚辛壬癸子丑寅卯辰。\n第二篇\n天地玄黄。\n宇宙洪荒。")])
    assert result.exact == 0 and [m.title for m in result.misses] == ["第一篇", "第二篇"]
    assert all(m.closest_title == "第一篇" for m in result.misses)


def test_title_kind_and_byline_differences_are_reported_apart_from_the_text(tiny):
    result = tiny([
        doc("第一篇", "本报讯 甲乙丙，丁戊。\n己庚辛壬癸子丑寅卯辰。"),
        doc("宇宙", "天地玄黄。\n宇宙洪荒。", kind="news"),
    ])
    assert result.exact == 2
    assert any("byline agency None" in f for f in result.furniture)
    assert any("title '宇宙'" in f for f in result.furniture)
    assert any("kind news, expected photo" in f for f in result.furniture)


def test_test_page_differences_are_shown_only_when_asked_for(tiny):
    scores = {"tune": tiny([doc("x", "无关。")]), "test": tiny([doc("y", "另一篇。")])}
    sets = [("tune", Path(), Path(), True), ("test", Path(), Path(), False)]
    quiet = evaluate.report(scores, verbose=True, show_test_diffs=False, sets=sets)
    assert "== tune: articles that differ ==" in quiet and "== test" not in quiet
    assert "--show-test-diffs" in quiet
    loud = evaluate.report(scores, verbose=True, show_test_diffs=True, sets=sets)
    assert "== test: differences shown for the final report, not for tuning ==" in loud


def test_a_gold_file_without_pages_or_an_article_without_paragraphs_is_refused(tmp_path: Path):
    bad = tmp_path / "gold.json"
    bad.write_text('{"articles": []}', encoding="utf-8")
    with pytest.raises(InputError, match="pages"):
        evaluate.load_gold(bad)
    bad.write_text('{"pages": {"a.txt": [{"title": "t", "kind": "news"}]}}', encoding="utf-8")
    with pytest.raises(InputError, match="paragraphs"):
        evaluate.load_gold(bad)


def test_the_seed_pages_score_through_the_evaluator_as_in_the_seed_test():
    result = evaluate.score_pages("seeds", DATA / "seed_articles_gold.json", Path(__file__).parent.parent / "seeds")
    assert result.total == 43 and result.exact / result.total >= 0.95


# --- the unseen-page corpus -------------------------------------------------------------------------


def load_builder():
    spec = importlib.util.spec_from_file_location("pages_build", PAGES / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("split", SPLITS)
def test_every_gold_article_is_well_formed(split: str):
    gold = evaluate.load_gold(PAGES / split / "gold.json")
    assert len(gold) >= 8
    for page, articles in gold.items():
        lines = (PAGES / split / page).read_text(encoding="utf-8").split("\n")
        used: set[int] = set()
        for article in articles:
            # a photo caption printed with no headline of its own has an empty title, and only a photo may
            assert "#" not in article["title"] and (article["title"].strip() or article["kind"] == "photo"), \
                (page, article)
            assert article["kind"] in KINDS, (page, article["title"])
            numbers = [int(n) for spec in article["paragraphs"] for n in spec.split("+")]
            assert all(lines[n - 1].strip() for n in numbers), (page, article["title"])
            assert not used & set(numbers), f"{page}: a line is in two articles ({article['title']})"
            used.update(numbers)
            text = evaluate.expected_text(lines, article["paragraphs"])
            assert text.strip() and all(p.strip() for p in text.split("\n")), (page, article["title"])
            assert text.startswith(article["first"]) and text.endswith(article["last"]), (page, article["title"])
            for join in article.get("continues", []):
                assert any(f"{join['after_line']}+{join['line']}" in spec for spec in article["paragraphs"])
            if "dropped_duplicate_lines" in article:
                first, last = article["dropped_duplicate_lines"]
                copies = [lines[n - 1].strip() for n in range(first, last + 1) if lines[n - 1].strip()]
                originals = {lines[n - 1].strip() for n in numbers}
                assert copies and all(c in originals for c in copies), (page, article["title"])
                assert not set(range(first, last + 1)) & used


@pytest.mark.parametrize("split", SPLITS)
def test_pages_and_gold_are_exactly_what_their_specs_build(split: str):
    builder = load_builder()
    gold = json.loads((PAGES / split / "gold.json").read_text(encoding="utf-8"))
    specs = sorted((PAGES / split).glob("*.spec"))
    assert [s.with_suffix(".txt").name for s in specs] == sorted(gold["pages"])
    for spec in specs:
        text, articles = builder.build_page(spec)
        assert (PAGES / split / spec.with_suffix(".txt").name).read_text(encoding="utf-8") == text
        entries = [builder.gold_entry(a, spec.name) for a in articles]
        assert json.loads(json.dumps(entries, ensure_ascii=False)) == gold["pages"][spec.with_suffix(".txt").name]


def test_candidate_gold_on_the_pages_has_offsets_that_match_its_text_and_covers_every_split():
    records = [json.loads(line) for line in (DATA / "candidates_gold_pages.jsonl").read_text(encoding="utf-8").splitlines()]
    pages = {(r["meta"]["split"], r["meta"]["source"]) for r in records}
    for split in SPLITS:
        expected = {(split, f"tests/data/pages/{split}/{p.name}") for p in (PAGES / split).glob("*.txt")}
        assert {p for p in pages if p[0] == split} == expected
    assert len({r["id"] for r in records}) == len(records)
    for record in records:
        text = record["text"]
        assert text.strip() and record["meta"]["split"] in SPLITS
        end = 0
        for entity in record["entities"]:
            assert entity["label"] in LABELS, record["id"]
            assert text[entity["start"]:entity["end"]] == entity["text"], record["id"]
            assert entity["start"] >= end, f"{record['id']}: overlapping spans"
            if entity["label"] != "WORK":  # a WORK is everything inside 《》, quotes included
                assert entity["text"] == entity["text"].strip(" “”‘’《》（）()，。、"), record["id"]
            end = entity["end"]
    # the existing loader of the candidate evaluation reads the file as it is
    from annotator.candidates.evaluate import load_gold

    assert len(load_gold(DATA / "candidates_gold_pages.jsonl")) == len(records)


def test_both_test_sets_are_frozen_and_only_the_tuning_sets_show_differences():
    shown = {name: may_show for name, _, _, may_show in evaluate.SETS}
    assert shown == {"seeds": True, "tune": True, "test": False, "test13": False}
    # the builder writes every split the evaluator scores
    assert set(load_builder().SPLITS) == {name for name in shown if name != "seeds"}


def test_sets_scores_only_the_sets_named_so_the_test_figure_stays_unseen(capsys: pytest.CaptureFixture[str]):
    assert evaluate.main(["--sets", "seeds", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert list(figures) == ["seeds"] and figures["seeds"]["total"] == 43
    with pytest.raises(SystemExit):
        evaluate.main(["--sets", "seeds,nonsense"])
    assert "unknown set nonsense" in capsys.readouterr().err


def test_pages_scores_only_the_pages_named(capsys: pytest.CaptureFixture[str]):
    gold = json.loads((PAGES / "tune" / "gold.json").read_text(encoding="utf-8"))["pages"]
    expected = sum(len(articles) for page, articles in gold.items() if page.startswith(("p01", "p02")))
    assert evaluate.main(["--sets", "tune", "--pages", "p01,p02", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert 0 < figures["tune"]["total"] == expected < sum(len(articles) for articles in gold.values())
