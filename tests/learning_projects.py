"""A small project to learn from (tests/data/learning/tiny_corpus.jsonl: 12 documents done, 4 to do), for the
learning tests and the app's."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.learning import CrfSettings, TrainingSettings
from annotator.project.importing import import_paths
from annotator.store import Store

CORPUS = Path(__file__).resolve().parent / "data" / "learning" / "tiny_corpus.jsonl"
# Small and quick: three folds, one point of the learning curve below them, few iterations.
QUICK = TrainingSettings(folds=3, curve_fractions=(0.5,), crf=CrfSettings(max_iterations=60))


def tiny_project(path: Path, keep=None) -> Store:
    """A project from the fixture corpus; ``keep(record)`` chooses which records to import."""
    source = CORPUS
    if keep is not None:
        lines = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if keep(json.loads(line))]
        source = path.with_suffix(".jsonl")
        source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store(path, annotator="tester")
    (report,) = import_paths(store, [source], format="jsonl")
    assert report.outcome == "imported"
    return store
