"""Would a model bundled with Annotator (trained on our own gold) help a new project before it has any reviews?

A fresh project's candidates come from jieba, the rules and (once something is labelled) the
gazetteer; the learned model comes only with the project's own reviewed documents. This asks
whether a starter model, trained on the gold this repository holds, would lift the candidates
on pages nobody tuned for: grouped k-fold over the *tune* pages of `tests/data/pages/` (a page
and its paragraphs stay on one side), training on all the seed gold plus the other tune folds,
and scoring the held-out pages' candidates with the bundled rules alone, with the starter model
added, and with the model alone (exact spans, all labels). The frozen test pages are never read.

    python benchmarks/starter_model.py [--folds 4]

Measured 2026-12-01 (4 folds, the learning settings of docs/learning.md): rules P 0.835 R 0.786
F1 0.810; rules + starter model P 0.834 R 0.792 F1 0.812; model alone P 0.871 R 0.710. A recall
gain of 0.006 does not pay for bundling a model, so none is bundled (docs/learning.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotator.candidates import default_context, suggest  # noqa: E402 - after the path is set
from annotator.learning.dataset import examples_from  # noqa: E402
from annotator.learning.evaluate import SEED_LABELS, _model_bytes, _report, stored_model_for  # noqa: E402
from annotator.learning.metrics import tally_spans  # noqa: E402
from annotator.learning.runner import run_trainings  # noqa: E402
from annotator.learning.settings import TrainingSettings  # noqa: E402
from annotator.learning.training import FINAL, plan_tasks  # noqa: E402

SEED_GOLD = REPO / "tests" / "data" / "candidates_gold.jsonl"
PAGES_GOLD = REPO / "tests" / "data" / "candidates_gold_pages.jsonl"


def load(path: Path, split: str | None = None) -> list[tuple[str, str, tuple, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if split is not None and record["meta"].get("split") != split:
            continue  # the test pages are never read
        spans = tuple((e["start"], e["end"], e["label"]) for e in record["entities"])
        out.append((record["id"], record["text"], spans, record["meta"].get("source", "")))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=4)
    args = parser.parse_args(argv)
    seed = load(SEED_GOLD)
    tune = load(PAGES_GOLD, "tune")
    pages = sorted({item[3] for item in tune})
    fold_of = {page: int(hashlib.sha1(page.encode()).hexdigest(), 16) % args.folds for page in pages}
    settings = TrainingSettings()
    base = default_context()
    tallies: dict[str, dict] = {"rules": {}, "rules + starter model": {}, "model alone": {}}
    for fold in range(args.folds):
        held = [item for item in tune if fold_of[item[3]] == fold]
        train = seed + [item for item in tune if fold_of[item[3]] != fold]
        examples = examples_from([(i, text, spans) for i, text, spans, _ in train], SEED_LABELS)
        labels = tuple(label for label in SEED_LABELS if any(s[2] == label for e in examples for s in e.spans))
        tasks = [task for task in plan_tasks(examples, settings) if task.kind == FINAL]
        outcome = run_trainings(examples, labels, tasks, settings, workers=1, in_process=True)
        model = stored_model_for(_model_bytes(outcome.results[0]), labels, settings)
        contexts = {
            "rules": base,
            "rules + starter model": replace(base, model=model),
            "model alone": replace(base, model=model, sources=("model",)),
        }
        for name, context in contexts.items():
            for _, text, spans, _ in held:
                found = {(s.start, s.end, s.label) for s in suggest(text, context=context)}
                tally_spans(tallies[name], found, spans)
        print(f"fold {fold + 1}/{args.folds}: {len(held)} held-out paragraphs, {len(train)} for training", flush=True)
    for name, tally in tallies.items():
        overall = _report(tally, SEED_LABELS)["overall"]
        print(f"{name:24s} P {overall['precision']:.3f}  R {overall['recall']:.3f}  F1 {overall['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
