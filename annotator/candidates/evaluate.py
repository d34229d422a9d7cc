"""Measuring candidate quality: exact-span precision, recall and F1 per label.

    python -m annotator.candidates.evaluate [--split NAME ...] [--errors] [--json]

It reports five gold splits, each with the suggester on all seven labels and,
like with like, the suggester and plain jieba.posseg on the three labels jieba
can produce (PER, LOC, ORG):

- ``seed-dev``: the dev split of tests/data/candidates_gold.jsonl (tuning);
- ``seed-tuning``: that file's old "held out" split (``meta.split`` "test"):
  its entries shaped rules, so it is tuning material now;
- ``pages-tune``: the tune split of the unseen pages
  (tests/data/candidates_gold_pages.jsonl, tuning);
- ``pages-test``: the test split of the unseen pages, the frozen test set. No
  rule was written against it; never look at its errors.
- ``pages-test13``: the test13 split of the unseen pages, a thirteenth frozen test set
  (outlets, regions and subjects no other set uses); frozen the same way.

The suggester scored is the rules' (jieba, the rules, an empty gazetteer), without the
starter model bundled with Annotator (``annotator.learning.starter``), which learnt from
the tuning splits. On the frozen split and People's Daily, where the starter saw nothing,
what a fresh project gets (the rules with the starter) is reported beside it.

``--split tuning`` selects the three tuning splits (what to use while working
on the rules), ``--split test`` the frozen ones, ``--split all`` (the default)
every split. The People's Daily dev split (PER/LOC/ORG, character BIO, external
and not bundled) is reported when its file exists. ``--errors`` lists the
misses and false alarms of the selected tuning splits; it never lists the
frozen test splits'.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.candidates.baseline import BASELINE_TAGS, posseg_spans
from annotator.candidates.context import SuggestContext, default_context
from annotator.candidates.engine import suggest
from annotator.candidates.sources import STARTER_SOURCE, registered_sources
from annotator.candidates.tally import Tally
from annotator.errors import InputError
from annotator.readme_figures import measured_once, write_block

REPO = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = REPO / "tests" / "data" / "candidates_gold.jsonl"
PAGES_GOLD = REPO / "tests" / "data" / "candidates_gold_pages.jsonl"
# The external People's Daily file lives beside the checkout (../shared/...); a git worktree sits one
# folder deeper (wt/<branch>), so its parent's parent is tried too.
_PEOPLES_DAILY = Path("shared") / "data" / "peoplesdaily" / "example.dev"
DEFAULT_PEOPLES_DAILY = next(
    (base / _PEOPLES_DAILY for base in (REPO.parent, REPO.parent.parent) if (base / _PEOPLES_DAILY).is_file()),
    REPO.parent / _PEOPLES_DAILY,
)
LABELS = ("PER", "ORG", "LOC", "TITLE", "DATE", "MONEY", "WORK")
# The labels plain jieba POS tags can produce (nr, ns, nt): the baseline is scored on these only.
BASELINE_LABELS = ("PER", "ORG", "LOC")
assert set(BASELINE_TAGS.values()) == set(BASELINE_LABELS)

Span = tuple[int, int, str]


@dataclass(frozen=True)
class GoldSplit:
    """One split of a gold file: ``key`` names it on the command line, ``value`` is its ``meta.split``."""

    key: str
    title: str
    path: Path
    value: str
    frozen: bool = False


SPLITS = (
    GoldSplit("seed-dev", "seed dev (tuning)", DEFAULT_GOLD, "dev"),
    GoldSplit("seed-tuning", "seed, the old held-out split (tuning)", DEFAULT_GOLD, "test"),
    GoldSplit("pages-tune", "unseen pages, tune (tuning)", PAGES_GOLD, "tune"),
    GoldSplit("pages-test", "unseen pages, test (FROZEN)", PAGES_GOLD, "test", frozen=True),
    GoldSplit("pages-test13", "unseen pages, thirteenth test set (FROZEN)", PAGES_GOLD, "test13", frozen=True),
)
SPLITS_BY_KEY = {split.key: split for split in SPLITS}
GROUPS = {
    "tuning": tuple(s.key for s in SPLITS if not s.frozen),
    "test": tuple(s.key for s in SPLITS if s.frozen),
    "all": tuple(s.key for s in SPLITS),
}

# how the README's table names each split; a split not listed is a fresh frozen set
README_TITLES = {
    "seed-dev": "seed dev (tuning)",
    "seed-tuning": "seed, old held-out (tuning)",
    "pages-tune": "unseen pages, tune (tuning)",
    "pages-test": "**unseen pages, test (frozen, seen often)**",
}
README_BLOCK = "candidate quality"
README_COMMAND = "python -m annotator.candidates.evaluate --readme"

SUGGESTER = "suggester"
SUGGESTER_PLO = "suggester, PER/LOC/ORG"
# what a fresh project gets: the rules with the bundled starter model (reported where the starter saw nothing)
WITH_STARTER = "suggester + starter"
WITH_STARTER_PLO = "suggester + starter, PER/LOC/ORG"
BASELINE = "jieba POS, PER/LOC/ORG"


@dataclass
class GoldDocument:
    id: str
    text: str
    split: str
    spans: set[Span]
    source: str = ""  # the page a record was cut from (meta.source), for the pages' gold


@dataclass
class Report:
    labels: tuple[str, ...]
    per_label: dict[str, Tally] = field(default_factory=dict)
    errors: list[tuple[str, str, Span, str]] = field(default_factory=list)

    def tally(self, label: str) -> Tally:
        return self.per_label.setdefault(label, Tally())

    def label(self, label: str) -> Tally:
        return self.per_label.get(label, Tally())

    @property
    def overall(self) -> Tally:
        total = Tally()
        for label in self.labels:
            total.add(self.label(label))
        return total

    def restricted(self, labels: Sequence[str]) -> Report:
        """The same counts over fewer labels."""
        return Report(tuple(labels), {label: self.per_label[label] for label in labels if label in self.per_label})

    def as_dict(self) -> dict:
        return {"labels_scored": list(self.labels), "overall": self.overall.as_dict(),
                "labels": {label: self.label(label).as_dict() for label in self.labels}}


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
        meta = record.get("meta", {})
        documents.append(GoldDocument(record.get("id", f"line{number}"), text, meta.get("split", "dev"), spans,
                                      str(meta.get("source", ""))))
    return documents


def split_items(split: GoldSplit, pages: Sequence[str] = ()) -> list[tuple[str, str, set[Span]]]:
    """(id, text, gold spans) of every document of one split; with ``pages``, only those cut from a page whose
    file name starts with one of them (``p71`` …: the pages of one set, after it became tuning material)."""
    return [(d.id, d.text, d.spans) for d in load_gold(split.path) if d.split == split.value
            and (not pages or Path(d.source).name.startswith(tuple(pages)))]


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
    for label in labels:
        report.tally(label)
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


def rules_context(context: SuggestContext | None = None) -> SuggestContext:
    """``context`` (default: a fresh project's) with every source but the bundled starter model."""
    context = context or default_context()
    names = context.sources if context.sources is not None else registered_sources()
    return replace(context, sources=tuple(name for name in names if name != STARTER_SOURCE))


def suggester(context: SuggestContext | None = None, *, starter: bool = False) -> Callable[[str], set[Span]]:
    """The candidates' spans: the rules' (without the starter model, which learnt from the tuning splits), or
    with ``starter`` what a fresh project gets."""
    context = context or default_context()
    if not starter:
        context = rules_context(context)
    return lambda text: {(s.start, s.end, s.label) for s in suggest(text, context=context)}


def compare(
    items: Sequence[tuple[str, str, set[Span]]], labels: Sequence[str] = LABELS, *, keep_errors: bool = False,
    predict: Callable[[str], set[Span]] | None = None, with_starter: Callable[[str], set[Span]] | None = None,
) -> dict[str, Report]:
    """The suggester on ``labels``, and suggester and baseline on the labels the baseline can produce; with
    ``with_starter``, that suggester (a fresh project's, the starter model included) too."""
    ours = score(items, predict or suggester(), labels, keep_errors=keep_errors)
    shared = [label for label in BASELINE_LABELS if label in labels]
    reports = {
        SUGGESTER: ours,
        SUGGESTER_PLO: ours.restricted(shared),
        BASELINE: score(items, posseg_spans, shared),
    }
    if with_starter is not None:
        fresh = score(items, with_starter, labels)
        reports[WITH_STARTER] = fresh
        reports[WITH_STARTER_PLO] = fresh.restricted(shared)
    return reports


def evaluate_splits(
    keys: Sequence[str] = GROUPS["all"], *, keep_errors: bool = False, pages: Sequence[str] = ()
) -> dict[str, dict[str, Report]]:
    """Reports per split key (only the records of ``pages`` when given). Errors are kept for tuning splits only,
    never for the frozen ones. The frozen splits are scored with the starter model too (it never saw them);
    the tuning splits are not (it learnt from them: docs/learning.md gives them leave one set out)."""
    predict = suggester()
    fresh = suggester(starter=True)
    results = {}
    for key in keys:
        split = SPLITS_BY_KEY[key]
        results[key] = compare(split_items(split, pages), keep_errors=keep_errors and not split.frozen, predict=predict,
                               with_starter=fresh if split.frozen else None)
    return results


def evaluate_peoples_daily(path: str | Path = DEFAULT_PEOPLES_DAILY) -> dict[str, Report]:
    sentences = read_peoples_daily(path)
    items = [(f"pd{i}", text, gold) for i, (text, gold) in enumerate(sentences)]
    return compare(items, BASELINE_LABELS, with_starter=suggester(starter=True))


def _cell(t: Tally | None) -> str:
    return f"{'':>8}{'':>7}{'':>7}" if t is None else f"{t.precision:>8.3f}{t.recall:>7.3f}{t.f1:>7.3f}"


def format_split(title: str, reports: dict[str, Report]) -> str:
    """Per label: the suggester (the rules), with the starter model where it was scored, then jieba POS on the
    labels it can produce (blank elsewhere)."""
    ours, plo, base = reports[SUGGESTER], reports[SUGGESTER_PLO], reports[BASELINE]
    fresh, fresh_plo = reports.get(WITH_STARTER), reports.get(WITH_STARTER_PLO)
    lines = [
        title,
        f"{'':<14}{'rules':>22}" + (f"{'rules + starter':>22}" if fresh else "") + f"{'jieba POS':>22}",
        f"{'label':<14}" + f"{'P':>8}{'R':>7}{'F1':>7}" * (3 if fresh else 2) + f"{'gold':>7}",
    ]

    def row(name: str, ours_tally: Tally, fresh_tally: Tally | None, base_tally: Tally | None) -> str:
        starter = _cell(fresh_tally) if fresh else ""
        return f"{name:<14}{_cell(ours_tally)}{starter}{_cell(base_tally)}{ours_tally.gold:>7}"

    for label in ours.labels:
        lines.append(row(label, ours.label(label), fresh.label(label) if fresh else None,
                         base.label(label) if label in base.labels else None))
    if ours.labels != plo.labels:
        lines.append(row("PER/LOC/ORG", plo.overall, fresh_plo.overall if fresh_plo else None, base.overall))
        lines.append(row("all labels", ours.overall, fresh.overall if fresh else None, None))
    else:
        lines.append(row("all", ours.overall, fresh.overall if fresh else None, base.overall))
    return "\n".join(lines)


def format_summary(results: dict[str, dict[str, Report]]) -> str:
    """One line per split: the suggester on all labels, and both on PER/LOC/ORG."""
    lines = [
        f"{'split':<42}{'entities':>9}{'P':>7}{'R':>7}{'F1':>7}{'F1 PER/LOC/ORG':>16}{'jieba POS F1':>14}"
        f"{'F1 + starter':>14}",
    ]
    for key, reports in results.items():
        title = SPLITS_BY_KEY[key].title if key in SPLITS_BY_KEY else key
        t = reports[SUGGESTER].overall
        fresh = reports.get(WITH_STARTER)
        lines.append(
            f"{title:<42}{t.gold:>9}{t.precision:>7.3f}{t.recall:>7.3f}{t.f1:>7.3f}"
            f"{reports[SUGGESTER_PLO].overall.f1:>16.3f}{reports[BASELINE].overall.f1:>14.3f}"
            + (f"{fresh.overall.f1:>14.3f}" if fresh else f"{'—':>14}")
        )
    return "\n".join(lines)


def _pr(t: Tally) -> str:
    return f"{t.precision:.3f} / {t.recall:.3f}"


def readme_row(title: str, reports: dict[str, Report], *, starter: bool = False) -> str:
    """One split's row of the README's table, as measured now: the rules, or with ``starter`` what a fresh
    project gets (the rules and the bundled starter model)."""
    ours, plo = (reports[WITH_STARTER], reports[WITH_STARTER_PLO]) if starter else (reports[SUGGESTER], reports[SUGGESTER_PLO])
    t = ours.overall
    return (f"| {title} | {t.gold:,} | {t.precision:.3f} | {t.recall:.3f} | {t.f1:.3f} "
            f"| {_pr(ours.label('ORG'))} | {_pr(ours.label('LOC'))} | {plo.overall.f1:.3f} "
            f"| {reports[BASELINE].overall.f1:.3f} |")


def readme_title(key: str) -> str:
    return README_TITLES.get(key, f"**unseen pages, {SPLITS_BY_KEY[key].value} (frozen, measured once)**")


def readme_table(results: dict[str, dict[str, Report]], peoples: dict[str, Report] | None) -> str:
    """The README's candidate table: every split now (the rules; on text the starter model never saw, with it
    too), People's Daily, then each fresh set as measured once."""
    rows = ["| split | entities | P | R | F1 | ORG P / R | LOC P / R | F1, PER/LOC/ORG | jieba POS F1, PER/LOC/ORG |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    named = [(readme_title(key), reports) for key, reports in results.items()]
    if peoples:
        named.append(("People's Daily dev (PER/LOC/ORG, external)", peoples))
    for title, reports in named:
        rows.append(readme_row(title, reports))
        if WITH_STARTER in reports:
            rows.append(readme_row(f"{title}, rules and starter model (a fresh project)", reports, starter=True))
    for entry in measured_once():
        c = entry.candidates
        measured = [("", c)] + ([(", rules and starter model", c["with_starter"])] if "with_starter" in c else [])
        for what, figures in measured:
            org, loc = (f"{figures[label][0]:.3f} / {figures[label][1]:.3f}" for label in ("ORG", "LOC"))
            rows.append(f"| {entry.set} ({entry.pages}){what}: measured once at {c['commit']}, now tuning "
                        f"| | | | | {org} | {loc} | | |")
    return "\n".join(rows)


def _selected(names: Sequence[str]) -> tuple[str, ...]:
    keys: list[str] = []
    for name in names:
        for key in GROUPS.get(name, (name,)):
            if key not in keys:
                keys.append(key)
    return tuple(keys)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotator.candidates.evaluate", description=__doc__.split("\n\n")[1])
    parser.add_argument("--split", action="append", choices=(*GROUPS, *SPLITS_BY_KEY),
                        help="which gold split(s) to report (repeatable): a split, 'tuning' (the three tuning "
                             "splits), 'test' (the frozen test splits) or 'all' (default)")
    parser.add_argument("--peoples-daily", type=Path, default=DEFAULT_PEOPLES_DAILY,
                        help="People's Daily BIO file (skipped with a note when it does not exist)")
    parser.add_argument("--no-peoples-daily", action="store_true", help="skip the People's Daily evaluation")
    parser.add_argument("--summary", action="store_true", help="one line per split instead of the per-label tables")
    parser.add_argument("--errors", action="store_true",
                        help="list misses and false alarms of the selected tuning splits on stderr (never the test split's)")
    parser.add_argument("--pages", default="",
                        help="comma-separated page name prefixes (p71,p72): score only the records cut from those "
                             "pages, e.g. a test set measured once and then made tuning material")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--readme", action="store_true",
                        help="score every split and People's Daily, then rewrite README.md's candidate table "
                             "(what the README claims comes from here)")
    args = parser.parse_args(argv)
    if args.readme:
        if not args.peoples_daily.is_file():
            parser.error(f"--readme: the People's Daily file {args.peoples_daily} is needed for the README's table")
        table = readme_table(evaluate_splits(), evaluate_peoples_daily(args.peoples_daily))
        write_block(README_BLOCK, README_COMMAND, table)
        print(table)
        return 0
    keys = _selected(args.split or ["all"])
    pages = tuple(prefix.strip() for prefix in args.pages.split(",") if prefix.strip())
    results = evaluate_splits(keys, keep_errors=args.errors, pages=pages)
    use_peoples = not args.no_peoples_daily and args.peoples_daily.is_file()
    peoples = evaluate_peoples_daily(args.peoples_daily) if use_peoples else None
    skipped = None if use_peoples or args.no_peoples_daily else f"People's Daily file not found at {args.peoples_daily}; skipped"
    if args.json:
        out: dict = {key: {name: r.as_dict() for name, r in reports.items()} for key, reports in results.items()}
        if peoples:
            out["peoples-daily"] = {name: r.as_dict() for name, r in peoples.items()}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    elif args.summary:
        rows = dict(results)
        if peoples:
            rows["People's Daily dev (PER/LOC/ORG, external)"] = peoples
        print(format_summary(rows))
    else:
        for key, reports in results.items():
            split = SPLITS_BY_KEY[key]
            only = f", pages {', '.join(pages)} only" if pages else ""
            print(format_split(f"{split.title}: {split.path.name}, meta.split = {split.value}{only}", reports))
            print()
        if peoples:
            print(format_split(f"People's Daily dev ({args.peoples_daily.name}), PER/LOC/ORG, external", peoples))
    if skipped:
        print(skipped, file=sys.stderr)
    if args.errors:
        for key, reports in results.items():
            for doc_id, kind, (start, end, label), text in sorted(reports[SUGGESTER].errors):
                print(f"{key}\t{doc_id}\t{kind}\t{label}\t{start}-{end}\t{text}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
