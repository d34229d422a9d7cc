"""The quality figures, computed on the hand-annotated gold sets (docs/candidates.md has them).

Three splits are tuning material: the seed dev split, the seed's old "held out" split (its
entries shaped rules, so it is tuning material now) and the tune split of the unseen pages.
The test split of the unseen pages is the frozen test set: no rule was written against it and
its errors are never looked at (eleven later frozen sets, test2 to test12, were measured once each and then
became tuning material: tests/data/pages/measured_once.json keeps their figures). The test13 split (pages-test13)
is a thirteenth frozen set, measured once at the end of the sixteenth round. Each split is guarded against getting
worse than the figures reported in docs/candidates.md (rounded down); the frozen ones report pass or fail only. The dev split must also keep meeting the targets
of issue 4: recall at least 0.90 and precision at least 0.75 over all seven labels, and no label
under 0.80 recall.
"""

from __future__ import annotations

import pytest

from annotator.candidates.evaluate import (
    BASELINE,
    DEFAULT_GOLD,
    LABELS,
    PAGES_GOLD,
    README_COMMAND,
    REPO,
    SPLITS,
    SPLITS_BY_KEY,
    SUGGESTER,
    compare,
    readme_row,
    readme_table,
    readme_title,
    split_items,
    suggester,
)
from annotator.formats.native_jsonl import read_jsonl
from annotator.formats.registry import ReadOptions
from annotator.readme_figures import measured_once

# (precision, recall) over all labels, then recall of ORG and LOC: at least what docs/candidates.md reports
FLOORS = {
    # the tuning splits after the eighth round of issue 16's general shapes ("What moved the figures")
    "seed-dev": {"all": (0.96, 0.95), "ORG": 0.94, "LOC": 0.88},
    "seed-tuning": {"all": (0.87, 0.86), "ORG": 0.75, "LOC": 0.83},
    # the tune pages, with the second to twelfth test sets (p41-p48, p61-p68, p71-p78, p81-p88, p91-p98, p101-p108,
    # p111-p118, p121-p128, p131-p138, p141-p148, p151-p158) moved to tuning after each was measured once (7333
    # entities: 0.863 / 0.814, ORG R 0.744, LOC R 0.788, after the sixteenth round)
    "pages-tune": {"all": (0.86, 0.81), "ORG": 0.74, "LOC": 0.78},
    # the frozen split, measured at the end of the sixth round (474961b); pass or fail only
    "pages-test": {"all": (0.84, 0.80), "ORG": 0.78, "LOC": 0.76},
    # the thirteenth test set (p161-p168), measured once by the lead at the end of issue 16's sixteenth round: 567
    # entities, the rules 0.840 / 0.815, ORG R 0.667, LOC R 0.812; pass or fail only
    "pages-test13": {"all": (0.84, 0.81), "ORG": 0.66, "LOC": 0.81},
}


class LazyReports:
    """Each split's reports, computed the first time a test asks for that split: so a run that
    leaves out the frozen split's tests (``-k "not pages-test"``) never evaluates it."""

    def __init__(self) -> None:
        self._predict = suggester()
        self._reports: dict[str, dict] = {}

    def __getitem__(self, key: str) -> dict:
        if key not in self._reports:
            self._reports[key] = compare(split_items(SPLITS_BY_KEY[key]), predict=self._predict)
        return self._reports[key]


@pytest.fixture(scope="module")
def reports():
    return LazyReports()


def test_the_gold_sets_are_valid_annotator_jsonl_with_their_splits():
    for path, splits in ((DEFAULT_GOLD, {"dev", "test"}), (PAGES_GOLD, {"tune", "test", "test13"})):
        source = read_jsonl(path, ReadOptions())
        assert {bundle.document.meta["split"] for bundle in source.documents} == splits
        assert {e.label for bundle in source.documents for e in bundle.entities} == set(LABELS)
    assert {s.key for s in SPLITS if s.frozen} == {"pages-test", "pages-test13"}


def test_pages_select_the_records_of_those_pages_only():
    split = SPLITS_BY_KEY["pages-tune"]
    every = split_items(split)
    two = split_items(split, ("p01", "p02"))
    assert 0 < len(two) < len(every)
    assert {doc_id.split("-")[2][:3] for doc_id, _, _ in two} == {"p01", "p02"}
    assert split_items(split, ("p99",)) == []


def test_dev_split_meets_the_targets(reports):
    dev = reports["seed-dev"][SUGGESTER]
    assert dev.overall.recall >= 0.90, dev.as_dict()
    assert dev.overall.precision >= 0.75, dev.as_dict()
    for label in LABELS:
        assert dev.per_label[label].recall >= 0.80, (label, dev.as_dict())


@pytest.mark.parametrize("key", list(FLOORS))
def test_no_split_gets_worse_than_reported(reports, key):
    ours = reports[key][SUGGESTER]
    precision, recall = FLOORS[key]["all"]
    if SPLITS_BY_KEY[key].frozen:
        # Pass or fail only: figures printed on every failing run would let rule work be steered by
        # the frozen text (python -m annotator.candidates.evaluate measures it at the end of a round).
        held = (ours.overall.precision >= precision and ours.overall.recall >= recall
                and all(ours.label(label).recall >= FLOORS[key][label] for label in ("ORG", "LOC")))
        assert held, "the frozen test split fell below its measured figures; see which change did on the tuning splits"
        return
    assert ours.overall.precision >= precision, ours.as_dict()
    assert ours.overall.recall >= recall, ours.as_dict()
    for label in ("ORG", "LOC"):
        assert ours.label(label).recall >= FLOORS[key][label], (label, ours.as_dict())


# Only splits with a measured floor are evaluated here: a new frozen split gets its floor when it is measured
# once; until then no test run scores it.
@pytest.mark.parametrize("key", [split.key for split in SPLITS if split.key in FLOORS])
def test_the_baseline_is_scored_only_on_the_labels_jieba_can_produce(reports, key):
    assert reports[key][BASELINE].labels == ("PER", "ORG", "LOC")


def test_the_readme_shows_the_figures_the_evaluator_measures_now(reports):
    # README.md's table is written by `python -m annotator.candidates.evaluate --readme`: a change that moves a
    # figure must rewrite it. People's Daily is not bundled, so its row is checked where it is measured, not here.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    stale = [key for key in FLOORS if readme_row(readme_title(key), reports[key]) not in readme]
    # a frozen split is named, never printed: its figures must not be seen while tuning
    assert not stale, f"README.md's candidate table is stale for {stale}: run `{README_COMMAND}`"


def test_the_readme_keeps_every_fresh_set_as_it_was_measured_once():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme_table({}, None).splitlines() if line.startswith("| test")]
    starters = sum("with_starter" in entry.candidates for entry in measured_once())
    assert len(rows) == len(measured_once()) + starters and all(row in readme for row in rows)
