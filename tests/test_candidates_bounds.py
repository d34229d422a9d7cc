"""Candidates are bounded: a cap per document, labelled texts too frequent to propagate, long texts in stretches."""

from __future__ import annotations

import itertools
import json
from dataclasses import replace

import pytest

from annotator.candidates import engine, ruleset, suggest
from annotator.candidates.analysis import (
    MODEL_EXPECTED_WRONG,
    MODEL_ID,
    MODEL_UNCERTAINTY,
)
from annotator.candidates.context import LabelledSpan, default_context
from annotator.candidates.gazetteer import Gazetteer
from annotator.candidates.resolve import ResolutionSettings
from annotator.candidates.ruledata import RuleTable
from annotator.candidates.sources import register_source, unregister_source
from annotator.errors import InputError
from annotator.project.importing import run_import

NAMES = "张建华和王建国说，"


def with_rules(context, *, cap=None, per_text=None):
    rules = context.rules
    if cap is not None:
        rules = replace(rules, resolution=replace(rules.resolution, max_per_document=cap))
    if per_text is not None:
        rules = replace(rules, gazetteer=replace(rules.gazetteer, max_matches_per_text=per_text))
    return replace(context, rules=rules)


def test_the_bundled_cap_and_limit_are_data():
    rules = ruleset.load_rules()
    assert rules.resolution.max_per_document == 3000
    assert rules.gazetteer.max_matches_per_text == 100
    with pytest.raises(InputError, match="max_per_document"):
        ResolutionSettings.from_table(RuleTable({"max_per_document": 0}, "resolution.toml"))


def test_a_long_text_gives_at_most_the_cap_the_first_in_reading_order():
    text = NAMES * 2000
    capped = suggest(text, context=with_rules(default_context(), cap=50))
    assert len(capped) == 50
    assert capped == sorted(capped, key=lambda s: s.start)
    # the same as the first fifty of an uncapped run over the same stretch (the starter model's scores may differ
    # in the last bit: CRFsuite sums the marginals over a text of another length)
    uncapped = suggest(text[: capped[-1].end + 20], context=default_context())[:50]
    assert [(s.start, s.end, s.label, s.source) for s in capped] == [(s.start, s.end, s.label, s.source) for s in uncapped]
    assert [s.score for s in capped] == pytest.approx([s.score for s in uncapped], abs=1e-9)


def test_one_texts_occurrences_never_overlap_and_stop_at_the_limit():
    gazetteer = Gazetteer({("中中", "LOC"): 1, ("中中中", "ORG"): 1})
    assert [(s, e) for s, e, entry in gazetteer.matches("中中中中中") if entry == "中中"] == [(0, 2), (2, 4)]
    assert [(s, e) for s, e, entry in gazetteer.matches("中中中中中") if entry == "中中中"] == [(0, 3)]
    assert len([m for m in gazetteer.matches("中" * 1000, limit=7) if m[2] == "中中"]) == 7


def test_a_labelled_text_is_proposed_at_most_max_matches_per_text_times():
    context = with_rules(default_context(), per_text=3).for_document(
        entities=(LabelledSpan(0, 3, "PER", "张建华"),)
    )
    from_labels = [s.start for s in suggest(NAMES * 20, context=context) if "gazetteer" in s.source]
    # its first three occurrences: the labelled one itself (not proposed again) and the next two
    assert from_labels == [len(NAMES), 2 * len(NAMES)]
    unlimited = with_rules(default_context(), per_text=100).for_document(entities=context.entities_here)
    assert len([s for s in suggest(NAMES * 20, context=unlimited) if "gazetteer" in s.source]) == 19


def test_long_texts_are_cut_at_paragraphs_and_cover_everything(monkeypatch):
    text = ("工会召开会议。" * 30 + "\n") * 40
    cuts = engine.windows(text, 1000)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cuts))
    assert all(end - start <= 1000 for start, end in cuts)
    assert all(text[end - 1] == "\n" for _, end in cuts[:-1])
    no_breaks = "工会召开会议。" * 500
    assert all(no_breaks[end - 1] == "。" for _, end in engine.windows(no_breaks, 1000)[:-1])
    assert engine.windows("中" * 2500, 1000) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_a_text_longer_than_a_stretch_gets_the_same_kind_of_candidates_everywhere(monkeypatch):
    monkeypatch.setattr(engine, "WINDOW_CHARS", 400)
    paragraph = "本报讯（记者张建华）河南省洛阳市涧西区总工会召开会议，发放慰问金8500元。\n"
    text = paragraph * 30
    context = default_context().for_document(entities=(LabelledSpan(6, 9, "PER", "张建华"),))
    found = suggest(text, context=context)
    for s in found:
        assert text[s.start : s.end] == s.text
    # every paragraph, in every stretch, gets the organisation; the name is learnt from the one
    # labelled in the first stretch (entities outside a stretch still teach it) and never re-proposed there
    organisations = {s.start // len(paragraph) for s in found if s.text == "河南省洛阳市涧西区总工会"}
    assert organisations == set(range(30))
    names = sorted(s.start for s in found if s.text == "张建华")
    assert 6 not in names and names[-1] == 29 * len(paragraph) + 6


def test_an_import_says_which_documents_reached_the_cap(fresh_store, tmp_path, monkeypatch):
    rules = ruleset.load_rules()
    monkeypatch.setattr(ruleset, "_loaded", replace(rules, resolution=replace(rules.resolution, max_per_document=10)))
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"id": "long", "text": "本报讯（记者张建华）洛阳市总工会召开会议。" * 40}, ensure_ascii=False)
                    + "\n" + json.dumps({"id": "short", "text": "张建华说。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run_import(fresh_store, [path])
    assert len(fresh_store.candidates.for_document("long")) == 10
    (note,) = result.notes
    assert "1 document(s) reached the cap of 10 candidate spans per document (long)" in note


class _MeasuringSource:
    """Stands in for the learned model: measures each text it sees (one sentence per 1,000 characters,
    each wrong with a probability set by the stretch's first character) and proposes nothing."""

    name = "measuring"

    def suggest(self, analysis, context):
        sentences = len(analysis.text) / 1000
        wrong = 0.5 if analysis.text.startswith("甲") else 0.1
        analysis.measures[MODEL_ID] = 7
        analysis.measures[MODEL_EXPECTED_WRONG] = wrong * sentences
        analysis.measures[MODEL_UNCERTAINTY] = wrong
        return []


def test_a_long_text_is_measured_over_its_stretches():
    register_source("measuring", _MeasuringSource, replace=True)
    try:
        context = replace(default_context(), sources=("measuring",))
        first = "甲" * 29_999 + "\n"  # the first stretch ends at this paragraph
        text = first + "乙" * 90_000
        cuts = engine.windows(text)
        assert cuts[0] == (0, 30_000) and len(cuts) == 3
        suggestions, measures = engine.suggest_measured(text, context=context)
        assert suggestions == []
        assert measures[MODEL_ID] == 7
        assert measures[MODEL_EXPECTED_WRONG] == pytest.approx(0.5 * 30 + 0.1 * 90)
        # the sentences' mean, as the model gives it for a whole text (the stretches' lengths weigh it)
        assert measures[MODEL_UNCERTAINTY] == pytest.approx((0.5 * 30 + 0.1 * 90) / 120)
        _, short_measures = engine.suggest_measured("甲" * 2000, context=context)
        assert short_measures[MODEL_UNCERTAINTY] == 0.5 and short_measures[MODEL_EXPECTED_WRONG] == pytest.approx(1.0)
    finally:
        unregister_source("measuring")
