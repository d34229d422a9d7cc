"""Which held-back candidates could be shown while precision stays at the floor? (docs/candidates.md)

Issue 16 asks for recall at a precision floor (≥ 0.80 on the tuning splits and on People's
Daily). Some candidates are held back today: the words jieba tags ``nt``/``ns`` that no rule
takes (the ``pos`` source proposes them at 0.38, under ``min_score``), other proper nouns
(``nz``) and abbreviations (``j``), which no source proposes, and the other occurrences of a
name found elsewhere in the same document. This measures, family by family, what showing each
would cost and gain: every word of the family is shown at score 0.40 (``--score``), below every
rule's score, so it only fills gaps no other candidate covers, as it would be ordered last for
review. Its word is proposed at that score alone: the ``pos`` source's own 0.38 for the same
span is replaced rather than combined with it (``resolve.combine`` would make 0.63 of the two,
above ``strong_score``, and the word would then take the place of the rule spans it overlaps).
A word some other source already proposes with the same label is not held back and is left as
it is. Two rows change the resolution's settings instead of adding candidates.

For each family it prints one row of the table in docs/candidates.md ("The operating point"):
the found / false ORG and LOC candidates it adds on the three tuning splits together and on
People's Daily dev, the pages-tune and People's Daily ORG and LOC precision / recall with it
(only a label whose figures moved; "unchanged" when neither did), and the extra candidates (all
labels) a reviewer sees per 1,000 characters on the tune pages and on People's Daily.

Only the tuning splits (``annotator.candidates.evaluate``'s "tuning" group) and People's Daily
dev (the external file evaluate.py finds beside the checkout) are read: never a frozen split.

    python benchmarks/candidate_families.py [--score 0.4] [--peoples-daily PATH]

Measured 2026-12-01 (rules of main 2a5e9df), about 10 s on a shared core: the table in
docs/candidates.md, which it prints as it stands there.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotator.candidates.analysis import TextAnalysis, all_cjk, analyse  # noqa: E402 - after the path is set
from annotator.candidates.context import SuggestContext, default_context  # noqa: E402
from annotator.candidates.engine import proposals_of  # noqa: E402
from annotator.candidates.evaluate import (  # noqa: E402
    DEFAULT_PEOPLES_DAILY,
    GROUPS,
    SPLITS_BY_KEY,
    Report,
    read_peoples_daily,
    score,
    split_items,
)
from annotator.candidates.pos_source import SOURCE as POS_SOURCE  # noqa: E402
from annotator.candidates.resolve import resolve  # noqa: E402
from annotator.candidates.sources import registered_sources  # noqa: E402
from annotator.candidates.spans import Suggestion  # noqa: E402

TUNING = GROUPS["tuning"]
PEOPLES_DAILY = "peoples-daily"
PAGES_TUNE = "pages-tune"
LABELS = ("ORG", "LOC")

Span = tuple[int, int, str]
Item = tuple[str, str, set[Span]]
# A family's suggestions for an analysed text, given every source's proposals for it.
Additions = Callable[[TextAnalysis, list[Suggestion]], list[Suggestion]]
WordTest = Callable[[TextAnalysis, int], bool]


@dataclass
class Prepared:
    """A text of one evaluated set: its gold, its analysis and every source's proposals."""

    doc_id: str
    text: str
    gold: set[Span]
    analysis: TextAnalysis
    proposals: list[Suggestion]


@dataclass
class Measured:
    """One set's ORG/LOC figures with a family shown, and how many candidates a reviewer sees."""

    report: Report
    chars: int
    candidates: Counter[str]

    def per_thousand(self, labels: Sequence[str] | None = None) -> float:
        shown = sum(n for label, n in self.candidates.items() if labels is None or label in labels)
        return 1000 * shown / self.chars


@dataclass(frozen=True)
class Family:
    """A row of the table: candidates added to the proposals, or resolution settings changed."""

    name: str
    additions: Additions | None = None
    settings: dict[str, Any] | None = None


def evaluated_sets(peoples_daily: Path) -> dict[str, list[Item]]:
    """The tuning splits and People's Daily dev, by key: never a frozen split."""
    sets: dict[str, list[Item]] = {}
    for key in TUNING:
        split = SPLITS_BY_KEY[key]
        assert not split.frozen, key
        sets[key] = split_items(split)
    sentences = read_peoples_daily(peoples_daily)
    sets[PEOPLES_DAILY] = [(f"pd{i}", text, gold) for i, (text, gold) in enumerate(sentences)]
    return sets


def prepare(items: Sequence[Item], context: SuggestContext) -> list[Prepared]:
    """Each text analysed once and every source's proposals kept, so each family only resolves again."""
    names = context.sources if context.sources is not None else registered_sources()
    prepared = []
    for doc_id, text, gold in items:
        analysis = analyse(text)
        proposals = [s for name in names for s in proposals_of(name, analysis, context)]
        prepared.append(Prepared(doc_id, text, gold, analysis, proposals))
    return prepared


def shown_alone(proposals: list[Suggestion], added: list[Suggestion]) -> list[Suggestion]:
    """``proposals`` with ``added`` shown at their own scores: a span and label another source than
    ``pos`` proposes already is not held back (it is left as it is), and ``pos``'s own proposal of an
    added span gives way to it rather than combining with it."""
    proposed_by_others = {(s.start, s.end, s.label) for s in proposals if s.source != POS_SOURCE}
    new = {(s.start, s.end, s.label): s for s in added if (s.start, s.end, s.label) not in proposed_by_others}
    kept = [s for s in proposals if (s.start, s.end, s.label) not in new]
    return kept + list(new.values())


def tagged_words(test: WordTest, label_of_tag: dict[str, str], at: float) -> Additions:
    """Every word of two CJK characters or more with one of the tags that passes ``test``, at score ``at``."""

    def add(analysis: TextAnalysis, proposals: list[Suggestion]) -> list[Suggestion]:
        added = []
        for i, (word, tag) in enumerate(zip(analysis.words, analysis.tags)):
            label = label_of_tag.get(tag)
            if label and len(word) >= 2 and all_cjk(word) and test(analysis, i):
                added.append(Suggestion(analysis.starts[i], analysis.ends[i], label, word, POS_SOURCE, at))
        return shown_alone(proposals, added)

    return add


def other_occurrences(context: SuggestContext, at: float) -> Additions:
    """Every other occurrence, on word boundaries, of an ORG or LOC text chosen at ``strong_score`` or
    more, at score ``at``."""

    def add(analysis: TextAnalysis, proposals: list[Suggestion]) -> list[Suggestion]:
        strong = context.rules.resolution.strong_score
        chosen = {
            (s.text, s.label)
            for s in resolve(proposals, context)
            if s.label in LABELS and s.score >= strong and len(s.text) >= 2
        }
        text = analysis.text
        added = []
        for name, label in chosen:
            start = text.find(name)
            while start >= 0:
                end = start + len(name)
                if analysis.is_boundary(start) and analysis.is_boundary(end):
                    added.append(Suggestion(start, end, label, name, "occurrences", at))
                start = text.find(name, end)
        return shown_alone(proposals, added)

    return add


def families(context: SuggestContext, at: float) -> list[Family]:
    """The rows of the table, in its order."""
    organisations, places = context.rules.organisations, context.rules.places
    nt, ns = {"nt": "ORG"}, {"ns": "LOC"}

    def every(analysis: TextAnalysis, i: int) -> bool:
        return True

    def nt_with_type(analysis: TextAnalysis, i: int) -> bool:
        return analysis.words[i].endswith(organisations.suffixes)

    def four_or_more(analysis: TextAnalysis, i: int) -> bool:
        return len(analysis.words[i]) >= 4

    def three_or_more(analysis: TextAnalysis, i: int) -> bool:
        return len(analysis.words[i]) >= 3

    def starts_with_place(analysis: TextAnalysis, i: int) -> bool:
        word = analysis.words[i]
        return places.is_place_name(word[:2]) or places.is_place_name(word[:3])

    def made_up(analysis: TextAnalysis, i: int) -> bool:
        return not analysis.is_known(i)

    def with_level(analysis: TextAnalysis, i: int) -> bool:
        return analysis.words[i].endswith(places.admin) and len(analysis.words[i]) >= 3

    def after_word_of_place(analysis: TextAnalysis, i: int) -> bool:
        return i > 0 and analysis.words[i - 1] in places.place_words

    def in_list(analysis: TextAnalysis, i: int) -> bool:
        words = analysis.words
        return (i > 0 and words[i - 1] == "、") or (i + 1 < len(words) and words[i + 1] == "、")

    pos_minimum = {**context.rules.resolution.source_min_scores, POS_SOURCE: 0.38}
    return [
        Family("every word jieba tags `nt`/`ns` (`[source_min_scores] pos = 0.38`)",
               settings={"source_min_scores": pos_minimum}),
        Family("`min_score` 0.35 (the same, and jieba's person names)", settings={"min_score": 0.35}),
        Family("dictionary organisations (`nt`) alone", tagged_words(every, nt, at)),
        Family("`nt` ending with an organisation type", tagged_words(nt_with_type, nt, at)),
        Family("`nt` of four characters or more", tagged_words(four_or_more, nt, at)),
        Family("`nt` starting with a known place", tagged_words(starts_with_place, nt, at)),
        Family("`nt` words jieba made up", tagged_words(made_up, nt, at)),
        Family("dictionary places (`ns`) alone", tagged_words(every, ns, at)),
        Family("`ns` of three characters or more", tagged_words(three_or_more, ns, at)),
        Family("`ns` ending with a level (省, 市, 村 …), three characters or more", tagged_words(with_level, ns, at)),
        Family("`ns` words jieba made up", tagged_words(made_up, ns, at)),
        Family("`ns` after a word of place (在, 来到 …)", tagged_words(after_word_of_place, ns, at)),
        Family("`ns` in a list (、 beside it)", tagged_words(in_list, ns, at)),
        Family("other proper nouns (`nz`) as organisations", tagged_words(every, {"nz": "ORG"}, at)),
        Family("`nz` as places", tagged_words(every, {"nz": "LOC"}, at)),
        Family("abbreviations (`j`) as organisations", tagged_words(every, {"j": "ORG"}, at)),
        Family("other occurrences, in the same document, of a text chosen with a score ≥ 0.6",
               other_occurrences(context, at)),
    ]


def measure(prepared: Sequence[Prepared], context: SuggestContext, family: Family | None = None) -> Measured:
    """The set's figures with ``family`` shown (the rules as they are without one)."""
    if family is not None and family.settings:
        resolution = replace(context.rules.resolution, **family.settings)
        context = replace(context, rules=replace(context.rules, resolution=resolution))
    chosen_by_text: dict[str, set[Span]] = {}
    candidates: Counter[str] = Counter()
    for item in prepared:
        proposals = list(item.proposals)
        if family is not None and family.additions is not None:
            proposals = family.additions(item.analysis, proposals)
        chosen = resolve(proposals, context)
        candidates.update(s.label for s in chosen)
        chosen_by_text[item.text] = {(s.start, s.end, s.label) for s in chosen}
    report = score([(p.doc_id, p.text, p.gold) for p in prepared], chosen_by_text.__getitem__, LABELS)
    return Measured(report, sum(len(p.text) for p in prepared), candidates)


def signed(value: float, places: int = 0) -> str:
    """+3, −3 (a minus sign, as the docs write it) and 0 for counts; +0.0 for figures with ``places``."""
    if places == 0 and value == 0:
        return "0"
    return f"{'−' if value < 0 else '+'}{abs(value):.{places}f}"


def figures(measured: Measured, labels: Sequence[str] = LABELS) -> str:
    cells = []
    for label in labels:
        tally = measured.report.label(label)
        cells.append(f"{label} {tally.precision:.3f} / {tally.recall:.3f}")
    return ", ".join(cells)


def row(name: str, results: dict[str, Measured], base: dict[str, Measured]) -> list[str]:
    """The cells of one family's row."""
    cells = [name]
    for label in LABELS:
        for keys in (TUNING, (PEOPLES_DAILY,)):
            found = sum(results[k].report.label(label).tp - base[k].report.label(label).tp for k in keys)
            false = sum(results[k].report.label(label).fp - base[k].report.label(label).fp for k in keys)
            cells.append(f"{signed(found)} / {signed(false)}" if found or false else "–")
    for key in (PAGES_TUNE, PEOPLES_DAILY):
        moved = [label for label in LABELS if figures(results[key], [label]) != figures(base[key], [label])]
        cells.append(figures(results[key], moved) if moved else "unchanged")
    more = [results[k].per_thousand() - base[k].per_thousand() for k in (PAGES_TUNE, PEOPLES_DAILY)]
    cells.append(f"{signed(more[0], 1)} / {signed(more[1], 1)}")
    return cells


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--score", type=float, default=0.4, help="the score each family's words are shown at")
    parser.add_argument("--peoples-daily", type=Path, default=DEFAULT_PEOPLES_DAILY,
                        help="People's Daily BIO file (its dev split); the table needs it")
    args = parser.parse_args(argv)
    if not args.peoples_daily.is_file():
        print(f"People's Daily file not found at {args.peoples_daily}; pass --peoples-daily", file=sys.stderr)
        return 2
    began = time.perf_counter()
    context = default_context()
    prepared = {key: prepare(items, context) for key, items in evaluated_sets(args.peoples_daily).items()}
    base = {key: measure(texts, context) for key, texts in prepared.items()}
    tune, peoples = base[PAGES_TUNE], base[PEOPLES_DAILY]
    print(f"As they are: pages tune {figures(tune)}; People's Daily {figures(peoples)}; candidates per "
          f"1,000 characters {tune.per_thousand():.1f} / {peoples.per_thousand():.1f} "
          f"({tune.per_thousand(LABELS):.1f} / {peoples.per_thousand(LABELS):.1f} ORG or LOC)")
    print()
    print("| shown as well | ORG tuning | ORG People's Daily | LOC tuning | LOC People's Daily | pages tune with it "
          "| People's Daily with it | more per 1,000 chars (tune / PD) |")
    print("|---|---|---|---|---|---|---|---|")
    above: list[str] = []
    for family in families(context, args.score):
        results = {key: measure(texts, context, family) for key, texts in prepared.items()}
        cells = row(family.name, results, base)
        # the figures of a row the same as the row above's (pages tune, People's Daily) say so
        shown = [cell if column not in (5, 6) or cell == "unchanged" or above[column:column + 1] != [cell]
                 else "as above" for column, cell in enumerate(cells)]
        print("| " + " | ".join(shown) + " |", flush=True)
        above = cells
    print(f"\n{time.perf_counter() - began:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
