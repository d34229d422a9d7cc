"""Does a broad place-name lexicon raise LOC (and ORG) recall on text nobody tuned for? (docs/candidates.md)

Two permissively licensed lists are tried; neither is bundled (fetch them and pass their paths):

- THUOCL's place names (THU Open Chinese Lexicon, ``data/THUOCL_diming.txt`` of
  github.com/thunlp/THUOCL at a30ce79, MIT licence, (c) 2018 THUNLP): 44,804 words with their
  document frequency in a Sogou news corpus, one ``word<TAB>DF`` a line. It lists places of every
  kind and size (浙江, 洛杉矶, 珠穆朗玛峰, 湘潭县, 大甲镇), but also the kinds of place and body
  themselves (医院, 大桥, 小区, 公安局), organisations (北京大学, 工商银行) and fragments (鲁木齐).
- ``--townships``: China's townships and subdistricts, ``dist/streets.csv`` of
  github.com/modood/Administrative-divisions-of-China at 57a0aa9 (WTFPL), 41,352 names read
  without their level (景山街道 → 景山): the level below the counties of ``place_names.toml``.

    git clone https://github.com/thunlp/THUOCL
    git clone https://github.com/modood/Administrative-divisions-of-China adoc
    python benchmarks/place_lexicon.py THUOCL/data/THUOCL_diming.txt --townships adoc/dist/streets.csv

Which words are kept is decided from general word lists and jieba's dictionary alone, never from
a gold set:

- ``all``: every word of two to eight CJK characters the bundled rules do not know as a place yet;
- ``names``: of those, no word that ends with an organisation type (``organisations.toml``
  ``suffixes``) or that jieba's dictionary lists as an everyday word (by its tag and frequency,
  the test ``annotator.candidates.place_names`` applies to the stems of divisions: 振兴/v goes),
  and none of the rules' ``not_names``;
- ``proper``: of ``names``, the words jieba's dictionary does not know, tags as a place (ns) or
  has seen ten times or fewer (商场/n goes; this list was drawn after the seed splits' false
  candidates of ``names`` were read, never the judged sets');
- ``bodies``: the words ``names`` left out for their organisation type that have a name before
  the type by the same test (a name + 大学): organisations, for the ORG rows.

Each is tried in the ways the rules could take it:

- ``known``: added to the rules' known place names (as a user's ``place_names.toml`` would add
  them, through ``ANNOTATOR_HOME``): address chains, sites and the organisation rule's anchors
  read them, and a known name alone is a place;
- ``shown``: every occurrence that starts and ends on jieba's word boundaries is proposed as a
  place (or organisation) at ``--score`` (0.45, above ``min_score``, below every rule's score, so
  it fills gaps other candidates leave);
- ``evidence``: the same at ``--evidence-score`` (0.25, below ``min_score``): on its own it is
  never shown, but it raises what another source proposes (jieba's ``ns`` tag at 0.38 with it
  makes 0.54).

It prints first how many gold places of pages tune and of People's Daily no candidate touches
at all and how many of those each list names (the most a list can add: a miss that another
candidate overlaps is a matter of bounds, not of a name the rules do not know), then one row per
list and way: the found / false ORG and LOC candidates it adds on the three tuning splits
together and on People's Daily, and the pages-tune and People's Daily ORG and LOC precision /
recall with it. Only the tuning splits (``annotator.candidates.evaluate``'s "tuning" group) and
People's Daily dev (the external file evaluate.py finds beside the checkout) are read: never a
frozen split.

Measured 2026-12-02 (rules of main cee045e), about a minute on a shared core: the table in
docs/candidates.md ("A broader place-name lexicon"), which condenses its rows.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

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
from annotator.candidates.place_names import (  # noqa: E402
    _COMMON_NOUN_LIMIT,
    _RARE_LIMIT,
    _WORD_TAGS,
    jieba_dictionary,
    read_dictionary,
)
from annotator.candidates.resolve import resolve  # noqa: E402
from annotator.candidates.ruleset import RuleSet, reload_rules  # noqa: E402
from annotator.candidates.sources import registered_sources  # noqa: E402
from annotator.candidates.spans import Suggestion  # noqa: E402
from annotator.platform.app_paths import HOME_ENV  # noqa: E402

PEOPLES_DAILY = "peoples-daily"
PAGES_TUNE = "pages-tune"
LABELS = ("ORG", "LOC")
SOURCE = "lexicon"
_MAX_LENGTH = 8

Span = tuple[int, int, str]
Item = tuple[str, str, set[Span]]


def read_lexicon(path: Path) -> dict[str, int]:
    """THUOCL's ``word<TAB>DF`` lines (CR, LF or CRLF line ends, a BOM at the start) as word → DF."""
    entries: dict[str, int] = {}
    for line in re.split(r"\r\n|\r|\n", path.read_text(encoding="utf-8-sig")):
        word, _, frequency = line.strip().partition("\t")
        if word:
            entries[word] = int(re.sub(r"\D", "", frequency) or 0)
    return entries


def is_everyday_word(word: str, dictionary: dict[str, tuple[int, str]]) -> bool:
    """jieba's dictionary lists ``word`` as an everyday word (place_names' test for division stems)."""
    if word not in dictionary:
        return False
    frequency, tag = dictionary[word]
    return frequency > _RARE_LIMIT and (tag in _WORD_TAGS or (tag == "n" and frequency > _COMMON_NOUN_LIMIT))


def is_proper_name(word: str, dictionary: dict[str, tuple[int, str]]) -> bool:
    """jieba's dictionary does not know ``word``, tags it as a place, or has seen it too seldom for its tag to
    say much (商场/n 1,000-odd times is a word, 西柏坡/ns a place)."""
    if word not in dictionary:
        return True
    frequency, tag = dictionary[word]
    return tag == "ns" or frequency <= _RARE_LIMIT


def word_lists(entries: Iterable[str], rules: RuleSet) -> dict[str, frozenset[str]]:
    """The lists tried (``all``, ``names``, ``bodies``), chosen from word lists and jieba's dictionary alone."""
    path = jieba_dictionary()
    if path is None:
        raise SystemExit("jieba's dictionary was not found; is jieba installed?")
    dictionary = read_dictionary(path)
    places, organisations = rules.places, rules.organisations
    candidates = [w for w in entries if 2 <= len(w) <= _MAX_LENGTH and all_cjk(w) and not places.is_place_name(w)]
    everything = frozenset(candidates)
    names, proper, bodies = set(), set(), set()
    for word in candidates:
        if word in places.not_names or is_everyday_word(word, dictionary):
            continue
        suffix = next((s for s in organisations.suffixes if word.endswith(s)), None)
        if suffix is None:
            names.add(word)
            if is_proper_name(word, dictionary):
                proper.add(word)
            continue
        stem = word[: -len(suffix)]
        if len(stem) >= 2 and not is_everyday_word(stem, dictionary) and stem not in places.not_names:
            bodies.add(word)
    return {"all": everything, "names": frozenset(names), "proper": frozenset(proper), "bodies": frozenset(bodies)}


@dataclass
class Prepared:
    """A text of one evaluated set: its gold, its analysis and every source's proposals."""

    doc_id: str
    text: str
    gold: set[Span]
    analysis: TextAnalysis
    proposals: list[Suggestion]


def evaluated_sets(peoples_daily: Path) -> dict[str, list[Item]]:
    """The tuning splits and People's Daily dev, by key: never a frozen split."""
    sets: dict[str, list[Item]] = {}
    for key in GROUPS["tuning"]:
        split = SPLITS_BY_KEY[key]
        assert not split.frozen, key
        sets[key] = split_items(split)
    sets[PEOPLES_DAILY] = [(f"pd{i}", text, gold) for i, (text, gold) in enumerate(read_peoples_daily(peoples_daily))]
    return sets


def prepare(items: Sequence[Item], context: SuggestContext) -> list[Prepared]:
    names = context.sources if context.sources is not None else registered_sources()
    prepared = []
    for doc_id, text, gold in items:
        analysis = analyse(text)
        proposals = [s for name in names for s in proposals_of(name, analysis, context)]
        prepared.append(Prepared(doc_id, text, gold, analysis, proposals))
    return prepared


def occurrences(analysis: TextAnalysis, words: frozenset[str], label: str, at: float) -> list[Suggestion]:
    """Every occurrence of one of ``words`` that starts and ends on a word boundary, as ``label`` at ``at``."""
    text, found = analysis.text, []
    for start in analysis.starts:
        for length in range(2, _MAX_LENGTH + 1):
            end = start + length
            if end > len(text):
                break
            if text[start:end] in words and analysis.is_boundary(end):
                found.append(Suggestion(start, end, label, text[start:end], SOURCE, at))
    return found


Additions = Callable[[TextAnalysis], list[Suggestion]]


def measure(prepared: Sequence[Prepared], context: SuggestContext, additions: Additions | None = None) -> Report:
    chosen: dict[str, set[Span]] = {}
    for item in prepared:
        proposals = item.proposals + (additions(item.analysis) if additions else [])
        chosen[item.text] = {(s.start, s.end, s.label) for s in resolve(proposals, context)}
    return score([(p.doc_id, p.text, p.gold) for p in prepared], chosen.__getitem__, LABELS)


def with_known_places(names: frozenset[str]) -> SuggestContext:
    """The bundled rules with ``names`` added to the known place names, as a user's place_names.toml adds them."""
    home = Path(tempfile.mkdtemp(prefix="place-lexicon-"))
    folder = home / "data" / "candidates"
    folder.mkdir(parents=True)
    listed = ", ".join(f'"{n}"' for n in sorted(names))
    (folder / "place_names.toml").write_text(f"names = [{listed}]\n", encoding="utf-8")
    previous = os.environ.get(HOME_ENV)
    os.environ[HOME_ENV] = str(home)
    try:
        reload_rules()
        return default_context()
    finally:
        if previous is None:
            del os.environ[HOME_ENV]
        else:
            os.environ[HOME_ENV] = previous
        reload_rules()


def figures(report: Report) -> str:
    return ", ".join(f"{label} {report.label(label).precision:.3f} / {report.label(label).recall:.3f}" for label in LABELS)


def added(results: dict[str, Report], base: dict[str, Report], keys: Sequence[str]) -> str:
    cells = []
    for label in LABELS:
        found = sum(results[k].label(label).tp - base[k].label(label).tp for k in keys)
        false = sum(results[k].label(label).fp - base[k].label(label).fp for k in keys)
        cells.append(f"{label} {found:+d} / {false:+d}")
    return ", ".join(cells)


def read_townships(path: Path) -> dict[str, int]:
    """The names of townships and subdistricts of a CSV with a ``name`` column (modood's ``dist/streets.csv``),
    without their level (景山街道 → 景山, 泥汊镇 → 泥汊), as word → 0."""
    with path.open(encoding="utf-8", newline="") as handle:
        names = [row["name"].strip() for row in csv.DictReader(handle) if row.get("name")]
    stems = (_TOWNSHIP_LEVEL.sub("", name) for name in names)
    return {stem: 0 for stem in stems if len(stem) >= 2}


_TOWNSHIP_LEVEL = re.compile("(?:街道办事处|街道|民族乡|镇|乡|苏木)$")


def misses(prepared: Sequence[Prepared], context: SuggestContext) -> list[str]:
    """The gold places no candidate touches (a list can only add these: a miss another candidate overlaps is a
    matter of bounds, not of a name the rules do not know)."""
    missed = []
    for item in prepared:
        chosen = resolve(item.proposals, context)
        for start, end, label in item.gold:
            if label == "LOC" and not any(s.start < end and start < s.end for s in chosen):
                missed.append(item.text[start:end])
    return missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lexicon", type=Path, help="THUOCL_diming.txt (word<TAB>DF a line)")
    parser.add_argument("--townships", type=Path, help="modood's dist/streets.csv (townships and subdistricts)")
    parser.add_argument("--score", type=float, default=0.45, help="the score a lexicon word is shown at")
    parser.add_argument("--evidence-score", type=float, default=0.25, help="the score a lexicon word adds as evidence")
    parser.add_argument("--peoples-daily", type=Path, default=DEFAULT_PEOPLES_DAILY, help="People's Daily BIO file")
    args = parser.parse_args(argv)
    for path in (args.lexicon, args.peoples_daily, *([args.townships] if args.townships else [])):
        if not path.is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
    began = time.perf_counter()
    context = default_context()
    lexicons = {"THUOCL": read_lexicon(args.lexicon)}
    if args.townships:
        lexicons["townships"] = read_townships(args.townships)
    lists = {name: word_lists(entries, context.rules) for name, entries in lexicons.items()}
    for name, entries in lexicons.items():
        sizes = ", ".join(f"{key} {len(words):,}" for key, words in lists[name].items())
        print(f"{name}: {len(entries):,} words; not known to the rules yet: {sizes}")
    sets = evaluated_sets(args.peoples_daily)
    prepared = {key: prepare(items, context) for key, items in sets.items()}
    base = {key: measure(texts, context) for key, texts in prepared.items()}
    tuning = tuple(GROUPS["tuning"])
    print(f"As they are: pages tune {figures(base[PAGES_TUNE])}; People's Daily {figures(base[PEOPLES_DAILY])}")
    for key in (PAGES_TUNE, PEOPLES_DAILY):
        missed = misses(prepared[key], context)
        gold = sum(1 for item in prepared[key] for span in item.gold if span[2] == "LOC")
        listed = ", ".join(
            f"{name} `{list_name}` {sum(1 for w in missed if w in lists[name][list_name])}"
            for name in lexicons for list_name in ("all", "proper")
        )
        print(f"{key}: {gold} gold places, {len(missed)} that no candidate touches; of these the lists name {listed}")
    print()
    print("| row | found / false on the tuning splits | on People's Daily | pages tune with it | People's Daily with it |")
    print("|---|---|---|---|---|")

    def show(name: str, results: dict[str, Report]) -> None:
        print(f"| {name} | {added(results, base, tuning)} | {added(results, base, (PEOPLES_DAILY,))} "
              f"| {figures(results[PAGES_TUNE])} | {figures(results[PEOPLES_DAILY])} |", flush=True)

    for lexicon_name in lexicons:
        for list_name in ("all", "names", "proper"):
            known = with_known_places(lists[lexicon_name][list_name])
            show(f"{lexicon_name} `{list_name}` as known places",
                 {key: measure(prepare(items, known), known) for key, items in sets.items()})
        rows = [("all", "LOC"), ("names", "LOC"), ("proper", "LOC"), ("bodies", "ORG")]
        for list_name, label in rows if lexicon_name == "THUOCL" else rows[2:3]:
            for mode, at in (("shown", args.score), ("evidence", args.evidence_score)):
                words = lists[lexicon_name][list_name]

                def additions(analysis: TextAnalysis, words: frozenset[str] = words, label: str = label,
                              at: float = at) -> list[Suggestion]:
                    return occurrences(analysis, words, label, at)

                show(f"{lexicon_name} `{list_name}` {mode} as {label} at {at}",
                     {key: measure(texts, context, additions) for key, texts in prepared.items()})
    print(f"\n{time.perf_counter() - began:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
