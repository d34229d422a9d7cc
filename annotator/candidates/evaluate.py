"""Measuring candidate quality: exact-span precision, recall and F1 per label.

    python -m annotator.candidates.evaluate [--gold FILE] [--peoples-daily FILE] [--errors]

On the hand-annotated gold set (tests/data/candidates_gold.jsonl) it reports the
dev and the held-out test split separately, with the plain jieba.posseg baseline
alongside; on the People's Daily dev split (PER/LOC/ORG, character BIO) it
reports the same for those three labels. ``--errors`` lists the misses and
false alarms on the dev split only: the test split is for reporting, never for
tuning.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.candidates.baseline import posseg_spans
from annotator.candidates.context import SuggestContext, default_context
from annotator.candidates.engine import suggest
from annotator.errors import InputError

REPO = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = REPO / "tests" / "data" / "candidates_gold.jsonl"
DEFAULT_PEOPLES_DAILY = REPO.parent / "shared" / "data" / "peoplesdaily" / "example.dev"
LABELS = ("PER", "ORG", "LOC", "TITLE", "DATE", "MONEY", "WORK")

Span = tuple[int, int, str]


@dataclass
class GoldDocument:
    id: str
    text: str
    split: str
    spans: set[Span]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "gold": self.tp + self.fn, "predicted": self.tp + self.fp}


@dataclass
class Report:
    labels: tuple[str, ...]
    per_label: dict[str, Tally] = field(default_factory=dict)
    errors: list[tuple[str, str, Span, str]] = field(default_factory=list)

    def tally(self, label: str) -> Tally:
        return self.per_label.setdefault(label, Tally())

    @property
    def overall(self) -> Tally:
        total = Tally()
        for label in self.labels:
            t = self.per_label.get(label, Tally())
            total.tp, total.fp, total.fn = total.tp + t.tp, total.fp + t.fp, total.fn + t.fn
        return total

    def as_dict(self) -> dict:
        return {"overall": self.overall.as_dict(),
                "labels": {label: self.per_label.get(label, Tally()).as_dict() for label in self.labels}}


def load_gold(path: str | Path = DEFAULT_GOLD) -> list[GoldDocument]:
    path = Path(path)
    documents = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
            spans = set()
            for entity in record.get("entities", []):
                start, end = entity["start"], entity["end"]
                if text[start:end] != entity.get("text", text[start:end]):
                    raise InputError(f"{path}: line {number}: entity text does not match offsets {start}-{end}")
                spans.add((start, end, entity["label"]))
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: line {number}: not a gold record ({exc})") from None
        documents.append(GoldDocument(record.get("id", f"line{number}"), text, record.get("meta", {}).get("split", "dev"), spans))
    return documents


def read_peoples_daily(path: str | Path) -> list[tuple[str, set[Span]]]:
    """Sentences of a character-per-line BIO file, with their gold spans."""
    sentences: list[tuple[str, set[Span]]] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if chars:
            sentences.append(("".join(chars), bio_spans(tags)))
        chars.clear()
        tags.clear()

    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        parts = line.split()
        if len(parts) != 2:
            continue
        chars.append(parts[0])
        tags.append(parts[1])
    flush()
    return sentences


def bio_spans(tags: Sequence[str]) -> set[Span]:
    spans: set[Span] = set()
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("B-") or tag == "O" or (tag.startswith("I-") and tag[2:] != label):
            if start is not None:
                spans.add((start, i, label))  # type: ignore[arg-type]
            start, label = (i, tag[2:]) if tag[:2] in ("B-", "I-") else (None, None)
    return spans


def score(
    items: Iterable[tuple[str, str, set[Span]]],
    predict: Callable[[str], set[Span]],
    labels: Sequence[str],
    *,
    keep_errors: bool = False,
) -> Report:
    report = Report(tuple(labels))
    for doc_id, text, gold in items:
        predicted = {s for s in predict(text) if s[2] in labels}
        gold = {s for s in gold if s[2] in labels}
        for span in predicted & gold:
            report.tally(span[2]).tp += 1
        for span in predicted - gold:
            report.tally(span[2]).fp += 1
            if keep_errors:
                report.errors.append((doc_id, "false alarm", span, text[span[0]:span[1]]))
        for span in gold - predicted:
            report.tally(span[2]).fn += 1
            if keep_errors:
                report.errors.append((doc_id, "missed", span, text[span[0]:span[1]]))
    return report


def suggester(context: SuggestContext | None = None) -> Callable[[str], set[Span]]:
    context = context or default_context()
    return lambda text: {(s.start, s.end, s.label) for s in suggest(text, context=context)}


def format_table(title: str, reports: dict[str, Report]) -> str:
    names = list(reports)
    labels = next(iter(reports.values())).labels
    header = f"{'label':<8}" + "".join(f"{name:>26}" for name in names)
    sub = f"{'':<8}" + "".join(f"{'P':>8}{'R':>9}{'F1':>9}" for _ in names)
    lines = [title, header, sub]
    for label in (*labels, "all"):
        cells = []
        for name in names:
            t = reports[name].overall if label == "all" else reports[name].per_label.get(label, Tally())
            cells.append(f"{t.precision:>8.3f}{t.recall:>9.3f}{t.f1:>9.3f}")
        gold = (reports[names[0]].overall if label == "all" else reports[names[0]].per_label.get(label, Tally()))
        lines.append(f"{label:<8}" + "".join(cells) + f"   (gold {gold.tp + gold.fn})")
    return "\n".join(lines)


def evaluate_gold(
    path: str | Path = DEFAULT_GOLD, *, keep_errors: bool = False, splits: Sequence[str] = ("dev", "test")
) -> dict[str, dict[str, Report]]:
    documents = load_gold(path)
    results: dict[str, dict[str, Report]] = {}
    ours = suggester()
    for split in splits:
        items = [(d.id, d.text, d.spans) for d in documents if d.split == split]
        results[split] = {
            "suggester": score(items, ours, LABELS, keep_errors=keep_errors and split == "dev"),
            "jieba POS baseline": score(items, posseg_spans, LABELS),
        }
    return results


def evaluate_peoples_daily(path: str | Path = DEFAULT_PEOPLES_DAILY) -> dict[str, Report]:
    sentences = read_peoples_daily(path)
    items = [(f"pd{i}", text, gold) for i, (text, gold) in enumerate(sentences)]
    labels = ("PER", "LOC", "ORG")
    return {"suggester": score(items, suggester(), labels), "jieba POS baseline": score(items, posseg_spans, labels)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotator.candidates.evaluate", description=__doc__.split("\n\n")[1])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold set in Annotator's JSONL")
    parser.add_argument("--peoples-daily", type=Path, default=DEFAULT_PEOPLES_DAILY,
                        help="People's Daily BIO file (skipped when it does not exist)")
    parser.add_argument("--errors", action="store_true", help="list misses and false alarms on the dev split")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all", help="which gold split to report")
    parser.add_argument("--no-peoples-daily", action="store_true", help="skip the People's Daily evaluation")
    args = parser.parse_args(argv)
    splits = ("dev", "test") if args.split == "all" else (args.split,)
    gold = evaluate_gold(args.gold, keep_errors=args.errors, splits=splits)
    use_peoples = not args.no_peoples_daily and args.peoples_daily.is_file()
    peoples = evaluate_peoples_daily(args.peoples_daily) if use_peoples else None
    if args.json:
        out = {split: {name: r.as_dict() for name, r in reports.items()} for split, reports in gold.items()}
        if peoples:
            out["peoples_daily"] = {name: r.as_dict() for name, r in peoples.items()}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        for split, reports in gold.items():
            print(format_table(f"Gold set, {split} split ({args.gold.name})", reports))
            print()
        if peoples:
            print(format_table(f"People's Daily dev ({args.peoples_daily.name}), PER/LOC/ORG", peoples))
        elif not args.no_peoples_daily:
            print(f"People's Daily file not found at {args.peoples_daily}; skipped")
    if args.errors and "dev" in gold:
        for doc_id, kind, (start, end, label), text in sorted(gold["dev"]["suggester"].errors):
            print(f"{doc_id}\t{kind}\t{label}\t{start}-{end}\t{text}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
