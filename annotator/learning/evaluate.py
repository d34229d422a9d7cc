"""Measuring the learned suggester: People's Daily cross-validation, the feature ablation, calibration, the seed pages.

    python -m annotator.learning.evaluate peoples-daily [--half all|tune|check] [--curve] [--plain] [--json]
    python -m annotator.learning.evaluate ablation [--half tune|all] [--json]
    python -m annotator.learning.evaluate held-out [--json]
    python -m annotator.learning.evaluate seeds [--verbose] [--json]
    python -m annotator.learning.evaluate tune-pages [--json]

**People's Daily** (``--file``, default ``$ANNOTATOR_PEOPLES_DAILY`` or
``shared/data/peoplesdaily/example.dev`` in a folder above the checkout; never bundled) is read as one reviewed document per
sentence, PER/LOC/ORG. Its sentences are split once, by a hash of their text,
into a *tune* half and a *check* half: every choice of features and settings
was made by cross-validation on the tune half, and the check half was not
read until they were frozen. ``peoples-daily`` reports k-fold cross-validation
(folds of whole documents, fixed seed) on the half asked for, with the
reliability table of both span scores; ``ablation`` the same for each feature
configuration; ``held-out`` trains on the tune half and tags the check half,
next to a plain character CRF and the candidate rules on the same sentences.

**Seeds**: the gold set (``tests/data/candidates_gold.jsonl``) holds
paragraphs of the five seed pages (``meta.source``). With three pages
reviewed (their gold entities are the project's labels and the model's
training data), the candidates of the other two are scored against their
gold, with and without the model: every one of the ten ways to choose the
three pages.

**Tune pages**: the same protocol on the tune pages of ``tests/data/pages/``
(grouped 4-fold: a page stays on one side), the ground on which how the
model contributes to the candidates was chosen. Their test pages are never
read.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from annotator.candidates.context import SuggestContext, default_context
from annotator.candidates.engine import suggest
from annotator.candidates.gazetteer import Gazetteer
from annotator.errors import InputError
from annotator.learning.dataset import Example, examples_from
from annotator.learning.features import FeatureSettings
from annotator.learning.metrics import Tally, calibration_table, tally_spans
from annotator.learning.model import LearnedModel
from annotator.learning.runner import run_trainings
from annotator.learning.settings import TrainingSettings
from annotator.learning.tags import decode
from annotator.learning.training import (
    FINAL,
    FOLD,
    TaskResult,
    dictionary_of,
    plan_tasks,
    prepare,
    summarise,
    with_dictionary,
)
from annotator.store.models import MODEL_FORMAT_VERSION, StoredModel

REPO = Path(__file__).resolve().parents[2]
PEOPLES_DAILY_ENV = "ANNOTATOR_PEOPLES_DAILY"
_PEOPLES_DAILY_PLACE = Path("shared") / "data" / "peoplesdaily" / "example.dev"


def default_peoples_daily() -> Path:
    """$ANNOTATOR_PEOPLES_DAILY, else ``shared/data/peoplesdaily/example.dev`` beside the checkout or a folder above it."""
    given = os.environ.get(PEOPLES_DAILY_ENV)
    if given:
        return Path(given)
    for folder in REPO.parents:
        if (folder / _PEOPLES_DAILY_PLACE).is_file():
            return folder / _PEOPLES_DAILY_PLACE
    return REPO.parent / _PEOPLES_DAILY_PLACE


DEFAULT_PEOPLES_DAILY = default_peoples_daily()
DEFAULT_GOLD = REPO / "tests" / "data" / "candidates_gold.jsonl"
DEFAULT_PAGES_GOLD = REPO / "tests" / "data" / "candidates_gold_pages.jsonl"
PD_LABELS = ("PER", "LOC", "ORG")
SEED_LABELS = ("PER", "ORG", "LOC", "TITLE", "DATE", "MONEY", "WORK")
HALVES = ("all", "tune", "check")


# --- People's Daily ---------------------------------------------------------------------------------


def read_bio(path: str | Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Sentences of a character-per-line BIO file (``char TAG``, blank lines between sentences)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file (People's Daily dev split, character BIO)")
    sentences = []
    chars: list[str] = []
    tags: list[str] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        parts = line.split()
        if not parts:
            if chars:
                sentences.append(("".join(chars), decode(tags)))
            chars, tags = [], []
            continue
        if len(parts) == 2:
            chars.append(parts[0])
            tags.append(parts[1])
    return sentences


def half_of(text: str) -> str:
    """The frozen tune/check split: the parity of the first byte of the sentence's SHA-1."""
    return "tune" if hashlib.sha1(text.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def peoples_daily_examples(path: str | Path = DEFAULT_PEOPLES_DAILY, half: str = "all") -> list[Example]:
    sentences = read_bio(path)
    records = [
        (f"pd{number:05d}", text, spans)
        for number, (text, spans) in enumerate(sentences, start=1)
        if half == "all" or half_of(text) == half
    ]
    return examples_from(records, PD_LABELS)


@dataclass
class CrossValidation:
    name: str
    settings: TrainingSettings
    metrics: dict[str, Any]
    curve: list[dict[str, Any]]
    calibration: dict[str, dict[str, Any]]
    seconds: float
    feature_seconds: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "overall": self.metrics["overall"],
            "labels": self.metrics["labels"],
            "folds": self.metrics["folds"],
            "documents": self.metrics["documents"],
            "learning_curve": self.curve,
            "calibration": self.calibration,
            "seconds": round(self.seconds, 1),
            "feature_seconds": round(self.feature_seconds, 2),
            "settings": self.settings.to_dict(),
        }


def cross_validate(
    examples: Sequence[Example], settings: TrainingSettings, *, name: str = "", labels: Sequence[str] = PD_LABELS,
    workers: int | None = None, in_process: bool = False,
) -> CrossValidation:
    tasks = plan_tasks(examples, settings, final=False)
    outcome = run_trainings(examples, labels, tasks, settings, workers=workers, in_process=in_process)
    metrics, curve = summarise(outcome.results, labels, len(examples), settings.span_score)
    scored = [item for result in outcome.results if result.kind == FOLD for item in result.scored]
    calibration = {
        "min": calibration_table([(low, ok) for low, _product, ok in scored]),
        "product": calibration_table([(product, ok) for _low, product, ok in scored]),
    }
    return CrossValidation(name, settings, metrics, curve, calibration, outcome.wall_seconds, outcome.feature_seconds)


PLAIN = FeatureSettings(word_position=False, pos_tags=False, unknown_words=False, rule_hits=False, dictionary=False)


def ablation_settings(base: TrainingSettings) -> list[tuple[str, TrainingSettings]]:
    """The configurations of the ablation table: built up group by group, each group taken out of the
    full set, then the cheaper variants of the default."""
    default = base
    plain = replace(base, features=PLAIN)
    everything = base.with_features(replace(base.features, word_position=True))
    steps = [
        ("plain character CRF (BIO)", replace(plain, scheme="BIO")),
        ("plain character CRF", plain),
        ("+ jieba word position", replace(plain, features=replace(PLAIN, word_position=True))),
        ("+ jieba POS tags", replace(plain, features=replace(PLAIN, word_position=True, pos_tags=True))),
        ("+ unknown words", replace(plain, features=replace(PLAIN, word_position=True, pos_tags=True,
                                                            unknown_words=True))),
        ("+ rule hits", replace(plain, features=replace(PLAIN, word_position=True, pos_tags=True,
                                                        unknown_words=True, rule_hits=True))),
        ("+ dictionary (all features)", everything),
    ]
    base = everything
    removals = [
        ("all but word position (the default)", base.with_features(base.features.without("word_position"))),
        ("all but POS tags", base.with_features(base.features.without("pos_tags"))),
        ("all but unknown words", base.with_features(base.features.without("unknown_words"))),
        ("all but rule hits", base.with_features(base.features.without("rule_hits"))),
        ("all but dictionary", base.with_features(base.features.without("dictionary"))),
        ("all but bigrams", base.with_features(base.features.without("bigrams"))),
        ("all, window 1", base.with_features(replace(base.features, window=1))),
        ("all, BIO tags", replace(base, scheme="BIO")),
    ]
    cheaper = [
        ("the default but character pairs", default.with_features(default.features.without("bigrams"))),
        ("the default, window 1", default.with_features(replace(default.features, window=1))),
        ("the default, window 1, no pairs", default.with_features(replace(default.features, window=1,
                                                                          bigrams=False))),
    ]
    return steps + removals + cheaper


def held_out(
    path: str | Path, settings: TrainingSettings, *, workers: int | None = None, in_process: bool = False
) -> dict[str, Any]:
    """Train on the tune half, tag the check half: the learned model, a plain character CRF, and the candidate rules."""
    tune = peoples_daily_examples(path, "tune")
    check = peoples_daily_examples(path, "check")
    out: dict[str, Any] = {"train_documents": len(tune), "test_documents": len(check)}
    everything = [*tune, *check]
    train_ids = tuple(range(len(tune)))
    for name, chosen in (("learned model", settings), ("plain character CRF", replace(settings, features=PLAIN))):
        task_list = [t for t in plan_tasks(tune, chosen, final=True) if t.kind == FINAL]
        outcome = run_trainings(tune, PD_LABELS, task_list, chosen, workers=workers, in_process=in_process)
        model = LearnedModel(_model_bytes(outcome.results[0]), PD_LABELS, chosen)
        prepared = prepare(everything, chosen)
        dictionary = dictionary_of(prepared, train_ids)[0] if chosen.features.dictionary else None
        tallies: dict[str, Tally] = {}
        for item in prepared[len(tune):]:
            rows = with_dictionary(item, dictionary, None) if dictionary is not None else item.features
            prediction = model.predict_features(item.example.text, rows)
            tally_spans(tallies, {(p.start, p.end, p.label) for p in prediction.spans}, item.example.spans)
        out[name] = _report(tallies, PD_LABELS)
    context = default_context()
    tallies = {}
    for example in check:
        found = {(s.start, s.end, s.label) for s in suggest(example.text, context=context) if s.label in PD_LABELS}
        tally_spans(tallies, found, example.spans)
    out["candidate rules (no model)"] = _report(tallies, PD_LABELS)
    return out


def reviewed_project_contexts(
    examples: Sequence[Example], settings: TrainingSettings, *, workers: int | None = None, in_process: bool = False,
) -> tuple[SuggestContext, SuggestContext]:
    """What a project whose reviewed documents are ``examples`` suggests with: their labelled texts
    as its gazetteer (without a model), and the same with a model trained on them."""
    labels = tuple(label for label in SEED_LABELS if any(s[2] == label for e in examples for s in e.spans))
    tasks = [t for t in plan_tasks(examples, settings) if t.kind == FINAL]
    outcome = run_trainings(examples, labels, tasks, settings, workers=workers, in_process=in_process)
    base = default_context()
    labelled: dict[tuple[str, str], int] = {}
    for example in examples:
        for start, end, label in example.spans:
            key = (example.text[start:end], label)
            labelled[key] = labelled.get(key, 0) + 1
    project = replace(base, gazetteer=Gazetteer(labelled, base.rules.gazetteer.min_length))
    with_model = replace(project, model=stored_model_for(_model_bytes(outcome.results[0]), labels, settings))
    return project, with_model


def _model_bytes(result: TaskResult) -> bytes:
    if result.data is None:
        raise InputError(f"training {result.task_id} produced no model")
    return result.data


def _report(tallies: dict[str, Tally], labels: Sequence[str]) -> dict[str, Any]:
    overall = Tally()
    for label in labels:
        overall.add(tallies.get(label, Tally()))
    return {"overall": overall.as_dict(), "labels": {label: tallies.get(label, Tally()).as_dict() for label in labels}}


# --- the seed pages ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldParagraph:
    id: str
    page: str
    text: str
    spans: tuple[tuple[int, int, str], ...]


def seed_paragraphs(path: str | Path = DEFAULT_GOLD) -> list[GoldParagraph]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        source = record.get("meta", {}).get("source", "")
        if not source.startswith("seeds/"):
            continue  # paragraphs written for the gold set belong to no page
        spans = tuple((e["start"], e["end"], e["label"]) for e in record["entities"])
        out.append(GoldParagraph(record["id"], Path(source).name, record["text"], spans))
    return out


def stored_model_for(data: bytes, labels: Sequence[str], settings: TrainingSettings, model_id: int = 1) -> StoredModel:
    """A model as the store would hand it to the candidate pipeline, without a store."""
    return StoredModel(
        id=model_id, format_version=MODEL_FORMAT_VERSION, created_at="", annotator="", documents=0, entities=0,
        labels=tuple(labels), settings=settings.to_dict(), metrics={}, learning_curve=[], trained_after_event=0,
        size=len(data), sha256=hashlib.sha256(data).hexdigest(), data=data,
        label_map={label: label for label in labels},
    )


def seeds(
    path: str | Path, settings: TrainingSettings, *, reviewed: int = 3, workers: int | None = None,
    in_process: bool = False, verbose: bool = False,
) -> dict[str, Any]:
    """Every rotation of ``reviewed`` pages; ``verbose`` adds each rotation's missed entities (``missed``)."""
    paragraphs = seed_paragraphs(path)
    pages = sorted({p.page for p in paragraphs})
    rotations = []
    for chosen in itertools.combinations(pages, reviewed):
        train = [p for p in paragraphs if p.page in chosen]
        test = [p for p in paragraphs if p.page not in chosen]
        examples = examples_from([(p.id, p.text, p.spans) for p in train], SEED_LABELS)
        project, with_model = reviewed_project_contexts(examples, settings, workers=workers, in_process=in_process)
        without = replace(project, sources=("pos", "rules", "gazetteer"))
        only_model = replace(with_model, sources=("model",))
        row: dict[str, Any] = {"reviewed": list(chosen), "evaluated": [p for p in pages if p not in chosen],
                               "train_paragraphs": len(train), "test_paragraphs": len(test)}
        found = {}
        for name, context in (("rules and gazetteer", without), ("with the model", with_model),
                              ("model alone", only_model)):
            row[name], found[name] = _score_context(test, context)
        if verbose:
            row["missed"] = _differences(test, found["with the model"], found["rules and gazetteer"])
        row["recall gain"] = round(row["with the model"]["overall"]["recall"]
                                   - row["rules and gazetteer"]["overall"]["recall"], 4)
        rotations.append(row)
    gains = [r["recall gain"] for r in rotations]
    precisions = [r["with the model"]["overall"]["precision"] for r in rotations]
    return {
        "rotations": rotations,
        "mean recall gain": round(sum(gains) / len(gains), 4),
        "min recall gain": min(gains),
        "mean precision with the model": round(sum(precisions) / len(precisions), 4),
        "min precision with the model": min(precisions),
        "rotations meeting the target": sum(1 for g, p in zip(gains, precisions) if g >= 0.05 and p >= 0.75),
    }


def tune_page_paragraphs(path: str | Path = DEFAULT_PAGES_GOLD) -> list[GoldParagraph]:
    """The paragraphs of the *tune* pages of ``tests/data/pages/``; the frozen test pages are never read."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("meta", {}).get("split") != "tune":
            continue
        spans = tuple((e["start"], e["end"], e["label"]) for e in record["entities"])
        out.append(GoldParagraph(record["id"], record["meta"]["source"], record["text"], spans))
    return out


def tune_pages(
    path: str | Path, settings: TrainingSettings, *, folds: int = 4, workers: int | None = None,
    in_process: bool = False,
) -> dict[str, Any]:
    """The seed protocol on pages the rules were not written for: grouped k-fold over the tune pages.

    Each fold's pages are scored with the other folds' pages reviewed (their
    entities the gazetteer and the model's training data). The settings of how
    the model contributes (resources/candidates/model.toml and resolution.toml)
    were chosen here, never on the seed rotations.
    """
    paragraphs = tune_page_paragraphs(path)
    pages = sorted({p.page for p in paragraphs})
    fold_of = {page: int(hashlib.sha1(page.encode()).hexdigest(), 16) % folds for page in pages}
    tallies: dict[str, dict[str, Tally]] = {"rules and gazetteer": {}, "with the model": {}, "model alone": {}}
    for fold in range(folds):
        train = [p for p in paragraphs if fold_of[p.page] != fold]
        test = [p for p in paragraphs if fold_of[p.page] == fold]
        if not test:
            continue
        examples = examples_from([(p.id, p.text, p.spans) for p in train], SEED_LABELS)
        project, with_model = reviewed_project_contexts(examples, settings, workers=workers, in_process=in_process)
        contexts = {
            "rules and gazetteer": replace(project, sources=("pos", "rules", "gazetteer")),
            "with the model": with_model,
            "model alone": replace(with_model, sources=("model",)),
        }
        for name, context in contexts.items():
            for paragraph in test:
                found = {(s.start, s.end, s.label) for s in suggest(paragraph.text, context=context)}
                tally_spans(tallies[name], found, paragraph.spans)
    out: dict[str, Any] = {"pages": len(pages), "paragraphs": len(paragraphs), "folds": folds}
    for name, tally in tallies.items():
        out[name] = _report(tally, SEED_LABELS)
    out["recall gain"] = round(out["with the model"]["overall"]["recall"]
                               - out["rules and gazetteer"]["overall"]["recall"], 4)
    return out


def _score_context(
    paragraphs: Sequence[GoldParagraph], context: SuggestContext
) -> tuple[dict[str, Any], dict[str, set[tuple[int, int, str]]]]:
    """The figures of the candidates, and the candidates of each paragraph."""
    tallies: dict[str, Tally] = {}
    found_in: dict[str, set[tuple[int, int, str]]] = {}
    for paragraph in paragraphs:
        found = found_in[paragraph.id] = {(s.start, s.end, s.label) for s in suggest(paragraph.text, context=context)}
        tally_spans(tallies, found, paragraph.spans)
    return _report(tallies, SEED_LABELS), found_in


def _differences(
    paragraphs: Sequence[GoldParagraph], found: dict[str, set[tuple[int, int, str]]],
    baseline: dict[str, set[tuple[int, int, str]]],
) -> list[dict[str, Any]]:
    """The gold entities the candidates with the model miss, each saying whether the rules and gazetteer found it."""
    missed = []
    for paragraph in paragraphs:
        for start, end, label in paragraph.spans:
            if (start, end, label) not in found[paragraph.id]:
                missed.append({"paragraph": paragraph.id, "text": paragraph.text[start:end], "label": label,
                               "rules and gazetteer found it": (start, end, label) in baseline[paragraph.id]})
    return missed


# --- printing -----------------------------------------------------------------------------------


def _line(name: str, figures: dict[str, Any], labels: Sequence[str]) -> str:
    overall = figures["overall"]
    cells = "".join(f"{figures['labels'][label]['f1']:>8.3f}" for label in labels)
    return f"{name:<34}{overall['precision']:>8.3f}{overall['recall']:>8.3f}{overall['f1']:>8.3f}{cells}"


def _header(labels: Sequence[str]) -> str:
    return f"{'':<34}{'P':>8}{'R':>8}{'F1':>8}" + "".join(f"{label + ' F1':>8}" for label in labels)


def _calibration_lines(table: dict[str, Any]) -> list[str]:
    lines = [f"    {'score':<12}{'spans':>7}{'mean score':>12}{'right':>8}"]
    for row in table["bins"]:
        if row["spans"]:
            lines.append(f"    {row['from']:.2f}-{row['to']:.2f}  {row['spans']:>7}{row['mean_score']:>12.3f}"
                         f"{row['accuracy']:>8.3f}")
    lines.append(f"    ECE {table['ece']:.4f}, Brier {table['brier']:.4f}, {table['spans']} spans")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotator.learning.evaluate",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("peoples-daily", "ablation", "held-out", "seeds", "tune-pages"))
    parser.add_argument("--file", type=Path, default=DEFAULT_PEOPLES_DAILY, help="People's Daily BIO file")
    parser.add_argument("--gold", type=Path, default=None,
                        help="the gold set (default: the seed pages'; tune-pages: the tune pages')")
    parser.add_argument("--half", choices=HALVES, default=None,
                        help="which People's Daily sentences (default: all; tune for the ablation)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--curve", action="store_true", help="also compute the learning curve (slower)")
    parser.add_argument("--plain", action="store_true",
                        help="peoples-daily: a plain character CRF (characters and pairs only), the baseline")
    parser.add_argument("--workers", type=int, default=None,
                        help="training processes (default: one per core; 1 trains in this process)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--verbose", action="store_true", help="seeds: list each rotation's missed entities")
    args = parser.parse_args(argv)
    here = args.workers == 1
    settings = replace(TrainingSettings(), folds=args.folds, curve_fractions=TrainingSettings().curve_fractions
                       if args.curve else ())
    if args.what == "peoples-daily":
        examples = peoples_daily_examples(args.file, args.half or "all")
        if args.plain:
            settings = replace(settings, features=PLAIN)
        result = cross_validate(examples, settings, name=f"People's Daily ({args.half or 'all'})",
                                workers=args.workers, in_process=here)
        if args.json:
            print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
            return 0
        print(f"{result.name}: {len(examples)} sentences, {args.folds}-fold cross-validation, "
              f"{result.seconds:.0f} s (features {result.feature_seconds:.1f} s)")
        print(_header(PD_LABELS))
        print(_line("plain character CRF" if args.plain else "learned model", result.metrics, PD_LABELS))
        for point in result.curve:
            print(f"  learning curve: {point['documents']:>7.1f} documents  F1 {point['overall']:.3f}  "
                  + "  ".join(f"{k} {v:.3f}" for k, v in point["labels"].items()))
        for how in ("min", "product"):
            print(f"  reliability of span scores ({how} of the tags' marginals):")
            print("\n".join(_calibration_lines(result.calibration[how])))
    elif args.what == "ablation":
        examples = peoples_daily_examples(args.file, args.half or "tune")
        rows = []
        # The table goes to stderr as it grows when stdout is for the JSON.
        table = sys.stderr if args.json else sys.stdout
        print(f"People's Daily ({args.half or 'tune'}): {len(examples)} sentences, {args.folds}-fold", file=table)
        print(_header(PD_LABELS) + f"{'seconds':>9}", file=table)
        for name, chosen in ablation_settings(settings):
            result = cross_validate(examples, chosen, name=name, workers=args.workers, in_process=here)
            rows.append(result.as_dict())
            print(_line(name, result.metrics, PD_LABELS) + f"{result.seconds:>9.0f}", file=table, flush=True)
        if args.json:
            print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.what == "held-out":
        figures = held_out(args.file, settings, workers=args.workers, in_process=here)
        if args.json:
            print(json.dumps(figures, ensure_ascii=False, indent=2))
            return 0
        print(f"People's Daily: trained on the tune half ({figures['train_documents']} sentences), "
              f"tested on the check half ({figures['test_documents']})")
        print(_header(PD_LABELS))
        for name in ("learned model", "plain character CRF", "candidate rules (no model)"):
            print(_line(name, figures[name], PD_LABELS))
    elif args.what == "tune-pages":
        figures = tune_pages(args.gold or DEFAULT_PAGES_GOLD, settings, workers=args.workers, in_process=here)
        if args.json:
            print(json.dumps(figures, ensure_ascii=False, indent=2))
            return 0
        print(f"Tune pages: {figures['pages']} pages, grouped {figures['folds']}-fold "
              "(the other folds' pages reviewed; all 7 labels, exact spans)")
        for name in ("rules and gazetteer", "with the model", "model alone"):
            overall = figures[name]["overall"]
            print(f"{name:<22}P {overall['precision']:.3f}  R {overall['recall']:.3f}  F1 {overall['f1']:.3f}")
        print(f"recall gain {figures['recall gain']:+.4f}")
    else:
        found = seeds(args.gold or DEFAULT_GOLD, settings, workers=args.workers, in_process=here,
                      verbose=args.verbose)
        if args.json:
            print(json.dumps(found, ensure_ascii=False, indent=2))
            return 0
        print("Seed pages: 3 reviewed, the other 2 scored (all 7 labels, exact spans)")
        print(f"{'reviewed pages':<18}{'rules+gazetteer P/R':>22}{'with model P/R':>18}{'recall gain':>13}"
              f"{'model alone P/R':>18}")
        for row in found["rotations"]:
            base, model, alone = (row[k]["overall"] for k in ("rules and gazetteer", "with the model", "model alone"))
            pages = ",".join(page[:3] for page in row["reviewed"])
            print(f"{pages:<18}{base['precision']:>14.3f}/{base['recall']:.3f}{model['precision']:>10.3f}/"
                  f"{model['recall']:.3f}{row['recall gain']:>+13.3f}{alone['precision']:>10.3f}/{alone['recall']:.3f}")
            for miss in row.get("missed", []):
                lost = "  (the rules and gazetteer found it)" if miss["rules and gazetteer found it"] else ""
                print(f"    missed {miss['label']:<6} {miss['text']}{lost}")
        print(f"mean recall gain {found['mean recall gain']:+.3f} (min {found['min recall gain']:+.3f}); "
              f"precision with the model: mean {found['mean precision with the model']:.3f}, "
              f"min {found['min precision with the model']:.3f}; "
              f"{found['rotations meeting the target']} of {len(found['rotations'])} rotations meet the target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
