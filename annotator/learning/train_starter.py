"""Train the starter model bundled with Annotator (``annotator.learning.starter``).

    python -m annotator.learning.train_starter       # writes resources/learning/starter.crfsuite and starter.json

It learns from the gold this repository owns: the seed gold (tests/data/candidates_gold.jsonl, both splits)
and the tune pages' gold (the records of tests/data/candidates_gold_pages.jsonl whose ``meta.split`` is
"tune"); never the frozen test pages' records, which are skipped unread. Its features are the project
model's without the dictionary (a fresh project has labelled nothing), so **the candidate rules' hits are
among its features: any change to the rules (resources/candidates/*.toml, annotator/candidates/rules*)
changes what it sees, and it must be retrained after one** (tests/test_learning_starter.py checks that the
shipped model is what this writes). Training is deterministic (L-BFGS from zero weights, the same data in
the same order), under a minute on an idle core (three under load). The choice of features was measured leave one set out
over the tune pages and on People's Daily dev (docs/learning.md, "The starter model";
benchmarks/starter_model.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from annotator.errors import InputError
from annotator.learning.dataset import examples_from
from annotator.learning.features import FeatureSettings
from annotator.learning.runner import run_trainings
from annotator.learning.settings import TrainingSettings
from annotator.learning.starter import DESCRIPTION_FILE, FOLDER, MODEL_FILE
from annotator.learning.training import FINAL, plan_tasks
from annotator.store.models import MODEL_FORMAT_VERSION

REPO = Path(__file__).resolve().parents[2]
SEED_GOLD = REPO / "tests" / "data" / "candidates_gold.jsonl"
PAGES_GOLD = REPO / "tests" / "data" / "candidates_gold_pages.jsonl"
# (gold file, the meta.split values learnt from; None: every record)
TRAINING_GOLD: tuple[tuple[Path, frozenset[str] | None], ...] = (
    (SEED_GOLD, None),
    (PAGES_GOLD, frozenset({"tune"})),
)
OUTPUT = REPO / "resources" / FOLDER
LABELS = ("PER", "ORG", "LOC", "TITLE", "DATE", "MONEY", "WORK")
SETTINGS = TrainingSettings(features=FeatureSettings().without("dictionary"))

Paragraph = tuple[str, str, tuple[tuple[int, int, str], ...]]


def training_paragraphs() -> list[Paragraph]:
    """(id, text, entity spans) of every gold record the starter learns from, in file order."""
    out: list[Paragraph] = []
    for path, splits in TRAINING_GOLD:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            if splits is not None and record.get("meta", {}).get("split") not in splits:
                continue  # the frozen test pages are skipped unread
            spans = tuple((e["start"], e["end"], e["label"]) for e in record["entities"])
            out.append((f"{path.stem}:{record['id']}", record["text"], spans))
    return out


def train(paragraphs: Sequence[Paragraph], settings: TrainingSettings = SETTINGS) -> tuple[bytes, dict[str, Any]]:
    """The starter's CRFsuite bytes and its description (labels, settings, what it learnt from, checksum)."""
    examples = examples_from(list(paragraphs), LABELS)
    labels = tuple(label for label in LABELS if any(s[2] == label for e in examples for s in e.spans))
    tasks = [task for task in plan_tasks(examples, settings) if task.kind == FINAL]
    outcome = run_trainings(examples, labels, tasks, settings, workers=1, in_process=True)
    data = outcome.results[0].data
    if data is None:
        raise InputError("training the starter model produced no model")
    description = {
        "format_version": MODEL_FORMAT_VERSION,
        "labels": list(labels),
        "settings": settings.to_dict(),
        "paragraphs": len(paragraphs),
        "entities": sum(len(spans) for _, _, spans in paragraphs),
        "trained_on": [f"{path.relative_to(REPO)}" + (f" ({', '.join(sorted(splits))})" if splits else "")
                       for path, splits in TRAINING_GOLD],
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    return data, description


def write(data: bytes, description: dict[str, Any], folder: Path = OUTPUT) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MODEL_FILE).write_bytes(data)
    (folder / DESCRIPTION_FILE).write_text(json.dumps(description, ensure_ascii=False, indent=2) + "\n",
                                           encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotator.learning.train_starter", description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="the folder to write the starter to")
    args = parser.parse_args(argv)
    paragraphs = training_paragraphs()
    data, description = train(paragraphs)
    write(data, description, args.output)
    print(f"starter model: {description['paragraphs']} paragraphs, {description['entities']} entities, "
          f"{len(data):,} bytes -> {args.output / MODEL_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
