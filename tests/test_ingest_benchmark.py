"""The import benchmark still runs (its figures are printed by the script, never asserted here)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

from annotator.ingest.pages import segment_text

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_ingest.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_ingest", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_synthetic_pages_are_pages_of_several_articles():
    bench = load_bench()
    articles = bench.seed_articles()
    assert len(articles) >= 40
    page = bench.synthetic_page(articles, random.Random(1), 0)
    result = segment_text(page, file_name="p.txt", sha256="0" * 64)
    assert len(result.documents) >= 5


def test_measure_returns_every_figure(tmp_path: Path):
    figures = load_bench().measure(pages=3, repeats=1, folder=tmp_path / "corpus")
    for key in ("baseline_s", "segment_s", "import_s"):
        assert figures[key] > 0
    assert figures["documents"] >= 15
    assert 0 < figures["segment_share_of_import"]
