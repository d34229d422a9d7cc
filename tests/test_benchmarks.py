"""The benchmark harness still runs end to end on a tiny corpus (its figures are never asserted: they are not timed tests)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.ingest.pages import segment_text

REPO = Path(__file__).resolve().parent.parent
BENCHMARKS = REPO / "benchmarks"
FIELDS = {"name", "value", "unit", "baseline", "ratio", "target", "met"}


@pytest.fixture(scope="module")
def harness():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from harness import corpus, measure

        yield corpus, measure
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_synthetic_pages_are_pages_of_several_articles(harness, tmp_path: Path):
    corpus, _measure = harness
    pages = corpus.page_paths(tmp_path, 3)
    assert [p.name for p in pages] == ["page_00000.txt", "page_00001.txt", "page_00002.txt"]
    text = pages[1].read_text(encoding="utf-8")
    assert len(segment_text(text, file_name="p.txt", sha256="0" * 64).documents) >= 5
    # Each page has its own seed: a larger corpus starts with the same pages.
    assert corpus.page_paths(tmp_path, 5)[1].read_text(encoding="utf-8") == text


def test_article_texts_add_up_to_the_size_asked(harness):
    corpus, _measure = harness
    texts = corpus.article_texts(20_000, shortest=500, longest=1500)
    assert sum(map(len, texts)) >= 20_000
    assert texts == corpus.article_texts(20_000, shortest=500, longest=1500)


def test_a_figure_is_met_only_when_every_target_is(harness):
    _corpus, measure = harness
    fast = measure.Figure("f", 20.0, "ms", baseline=10.0,
                          targets=[measure.value_at_most(50, "ms"), measure.ratio_at_most(3)])
    slow = measure.Figure("f", 40.0, "ms", baseline=10.0,
                          targets=[measure.value_at_most(50, "ms"), measure.ratio_at_most(3)])
    assert fast.ratio == 2.0 and fast.met is True
    assert slow.met is False
    assert measure.Figure("f", None, "s", targets=[measure.value_at_most(2, "s")]).met is None
    assert measure.Figure("f", 1.0, "s", error="broke").met is False
    assert set(fast.as_json()) >= FIELDS


def test_the_harness_runs_and_writes_its_report_and_json(tmp_path: Path):
    out, report = tmp_path / "figures.json", tmp_path / "performance.md"
    env = {k: v for k, v in os.environ.items() if k != "ANNOTATOR_BENCH_CACHE"}
    completed = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--pages", "4", "--repeats", "1",
         "--only", "import,search,list,export", "--no-profile",
         "--cache", str(tmp_path / "cache"), "--json", str(out), "--report", str(report)],
        env=env, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"cpus", "python", "qt", "sqlite"} <= set(data["machine"])
    names = [f["name"] for f in data["figures"]]
    assert any(n.startswith("import of 4 pages") for n in names)
    assert any(n.startswith("full-text search") for n in names)
    assert any(n.startswith("export of") for n in names)
    for figure in data["figures"]:
        assert FIELDS <= set(figure), figure
        assert figure["met"] in (True, False, None)
        assert figure["value"] is not None and figure["value"] > 0, figure
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Performance")
    for name in names:
        assert name in text
    # the pages are cached for the next run
    assert (tmp_path / "cache" / "pages" / "manifest.json").is_file()


def test_a_candidates_group_runs_on_a_small_plan(harness, tmp_path: Path):
    from harness.figures import candidates
    from harness.session import QUICK, Session

    plan = QUICK.scaled(posseg_chars=3_000, pool_chars=3_000, candidate_repeats=1, capacity_loops=10_000)
    figures = candidates.figures(Session(plan=plan, cache=tmp_path, work=tmp_path))
    assert [f.name for f in figures][0] == "candidate generation, one core"
    assert all(f.value and f.baseline for f in figures)


def test_the_training_figure_says_so_when_peoples_daily_is_absent(harness, tmp_path: Path, monkeypatch):
    from harness.figures import learning
    from harness.session import QUICK, Session

    monkeypatch.setenv("ANNOTATOR_PEOPLES_DAILY", str(tmp_path / "missing.dev"))
    (figure,) = learning._training(Session(plan=QUICK, cache=tmp_path, work=tmp_path))
    assert figure.id == "train_pd_dev" and figure.value is None and figure.met is None
    assert "not found" in figure.detail and figure.as_json()["id"] == "train_pd_dev"
