"""The quality targets, computed on the hand-annotated gold set (docs/candidates.md has the figures).

Targets (issue 4): over PER, ORG, LOC, TITLE, DATE, MONEY and WORK together, recall
at least 0.90 and precision at least 0.75, and no label under 0.80 recall. The
dev split is what the rules were tuned on and must meet them. The held-out test
split was never looked at while tuning; it does not meet the recall target (see
docs/candidates.md), so here it is guarded against getting worse than reported.
"""

from __future__ import annotations

import pytest

from annotator.candidates.evaluate import DEFAULT_GOLD, LABELS, load_gold, score, suggester
from annotator.formats.native_jsonl import read_jsonl
from annotator.formats.registry import ReadOptions


@pytest.fixture(scope="module")
def reports():
    documents = load_gold(DEFAULT_GOLD)
    predict = suggester()
    return {
        split: score([(d.id, d.text, d.spans) for d in documents if d.split == split], predict, LABELS)
        for split in ("dev", "test")
    }


def test_the_gold_set_is_valid_annotator_jsonl_with_both_splits():
    source = read_jsonl(DEFAULT_GOLD, ReadOptions())
    splits = {bundle.document.meta["split"] for bundle in source.documents}
    assert splits == {"dev", "test"}
    labels = {e.label for bundle in source.documents for e in bundle.entities}
    assert labels == set(LABELS)
    assert sum(len(bundle.entities) for bundle in source.documents) > 1000


def test_dev_split_meets_the_targets(reports):
    dev = reports["dev"]
    assert dev.overall.recall >= 0.90, dev.as_dict()
    assert dev.overall.precision >= 0.75, dev.as_dict()
    for label in LABELS:
        assert dev.per_label[label].recall >= 0.80, (label, dev.as_dict())


def test_held_out_split_does_not_get_worse_than_reported(reports):
    test = reports["test"]
    assert test.overall.precision >= 0.80, test.as_dict()
    assert test.overall.recall >= 0.78, test.as_dict()
