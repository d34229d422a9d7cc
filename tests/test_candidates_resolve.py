"""Conflict resolution: merging agreeing sources, longest well-supported span, rejections, and plugged-in sources."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.candidates import LabelledSpan, Suggestion, default_context, register_source, suggest, unregister_source
from annotator.candidates.gazetteer import Gazetteer
from annotator.candidates.resolve import combine, resolve

TEXT = "浙江省嘉兴市嘉善县姚庄镇总工会主席张萍说"


def s(start: int, end: int, label: str, source: str, score: float) -> Suggestion:
    return Suggestion(start, end, label, TEXT[start:end], source, score)


@pytest.fixture
def context():
    return default_context()


def test_agreeing_sources_merge_into_one_candidate_with_a_higher_score(context):
    (merged,) = resolve([s(17, 19, "PER", "pos", 0.35), s(17, 19, "PER", "rules", 0.9)], context)
    assert merged.source == "rules+pos"  # strongest first
    assert merged.score == pytest.approx(combine([0.9, 0.35]))
    assert merged.score > 0.9


def test_the_same_source_twice_does_not_count_as_agreement(context):
    (merged,) = resolve([s(17, 19, "PER", "rules", 0.6), s(17, 19, "PER", "rules", 0.6)], context)
    assert merged.source == "rules"
    assert merged.score == pytest.approx(combine([0.6, 0.6]))


def test_the_longest_well_supported_span_wins_an_overlap(context):
    chosen = resolve(
        [s(0, 12, "LOC", "rules", 0.8), s(9, 12, "PER", "pos", 0.7), s(0, 15, "ORG", "rules", 0.85)], context
    )
    assert [(c.text, c.label) for c in chosen] == [(TEXT[0:15], "ORG")]


def test_a_confident_model_span_beats_a_weaker_longer_span_of_the_rules(context):
    # 嘉善县姚庄镇总工会 by the model, sure of its boundaries, inside a longer rule span it contradicts
    rule = s(6, 15, "ORG", "rules", 0.85)
    longer = s(0, 17, "ORG", "rules", 0.85)
    chosen = resolve([longer, rule, s(6, 15, "ORG", "model", 0.97), s(0, 6, "LOC", "rules", 0.8)], context)
    assert [(c.text, c.source) for c in chosen] == [("浙江省嘉兴市", "rules"), ("嘉善县姚庄镇总工会", "model+rules")]
    # less sure than the rule: the rules' preference for the longer span stands
    chosen = resolve([longer, rule, s(6, 15, "ORG", "model", 0.8)], context)
    assert [c.text for c in chosen] == [TEXT[0:17]]


def test_a_weaker_model_span_across_two_rule_spans_gives_way_to_them(context):
    spans = [s(0, 12, "ORG", "model", 0.7), s(0, 6, "LOC", "rules", 0.8), s(9, 12, "LOC", "rules", 0.8)]
    assert [c.text for c in resolve(spans, context)] == ["浙江省嘉兴市", "姚庄镇"]
    # as sure as they are, or backed by the rules too, it keeps the longer span's place
    assert [c.text for c in resolve([replace(spans[0], score=0.9), *spans[1:]], context)] == [TEXT[0:12]]
    agreed = [*spans, s(0, 12, "ORG", "rules", 0.6)]
    assert [c.text for c in resolve(agreed, context)] == [TEXT[0:12]]


def test_a_weak_long_span_does_not_beat_a_strong_short_one(context):
    chosen = resolve([s(0, 15, "ORG", "gazetteer", 0.45), s(9, 12, "LOC", "rules", 0.8)], context)
    assert [c.text for c in chosen] == ["姚庄镇"]


def test_weak_suggestions_fill_the_gaps_and_too_weak_ones_are_dropped(context):
    chosen = resolve([s(0, 6, "LOC", "pos", 0.5), s(17, 19, "PER", "pos", 0.2)], context)
    assert [c.text for c in chosen] == ["浙江省嘉兴市"]


def test_one_label_per_span_the_best(context):
    (chosen,) = resolve([s(0, 15, "ORG", "rules", 0.85), s(0, 15, "LOC", "rules", 0.7)], context)
    assert chosen.label == "ORG"


def test_the_result_never_overlaps_and_is_in_reading_order(context):
    suggestions = suggest(TEXT * 3 + "。2019年发放8500元。")
    for a, b in zip(suggestions, suggestions[1:], strict=False):
        assert a.end <= b.start


def test_labels_outside_the_schema_are_dropped(context):
    narrowed = replace(context, labels=frozenset({"PER"}))
    assert [c.label for c in resolve([s(0, 15, "ORG", "rules", 0.85), s(17, 19, "PER", "rules", 0.9)], narrowed)] == ["PER"]


def test_a_rejected_text_and_label_never_comes_back_in_that_document(context):
    here = context.for_document(rejected={("张萍", "PER")})
    assert resolve([s(17, 19, "PER", "rules", 0.99)], here) == []
    # the same text with another label is still possible
    assert len(resolve([s(17, 19, "ORG", "rules", 0.8)], here)) == 1


def test_spans_overlapping_what_the_reviewer_labelled_are_not_proposed(context):
    here = context.for_document(entities=[LabelledSpan(9, 15, "ORG", TEXT[9:15])])
    chosen = resolve([s(0, 15, "ORG", "rules", 0.85), s(15, 17, "TITLE", "rules", 0.85)], here)
    assert [c.text for c in chosen] == ["主席"]


def test_rejections_elsewhere_lower_the_score_and_acceptances_temper_that(context):
    plain = resolve([s(17, 19, "PER", "rules", 0.9)], context)[0].score
    rejected = replace(context, rejections={("张萍", "PER"): 3})
    lowered = resolve([s(17, 19, "PER", "rules", 0.9)], rejected)
    assert lowered and lowered[0].score < plain
    accepted = replace(rejected, gazetteer=Gazetteer({("张萍", "PER"): 3}))
    tempered = resolve([s(17, 19, "PER", "rules", 0.9)], accepted)[0].score
    assert lowered[0].score < tempered < plain


def test_many_rejections_drop_a_candidate(context):
    rejected = replace(context, rejections={("张萍", "PER"): 20})
    assert resolve([s(17, 19, "PER", "rules", 0.9)], rejected) == []


class ConstantModel:
    """A plug-in source standing in for a learned one: one candidate for every 张萍."""

    name = "constant"

    def suggest(self, analysis, context):
        start = analysis.text.find("张萍")
        return [Suggestion(start, start + 2, "PER", "张萍", self.name, 0.7)] if start >= 0 else []


def test_a_registered_source_plugs_in_and_agrees_with_the_others():
    register_source("constant", ConstantModel)
    try:
        (person,) = [c for c in suggest(TEXT) if c.label == "PER"]
        assert "constant" in person.source.split("+")
        assert "rules" in person.source.split("+")
    finally:
        unregister_source("constant")
    assert all("constant" not in c.source for c in suggest(TEXT))


def test_a_context_can_choose_its_sources(context):
    only_pos = replace(context, sources=("pos",))
    assert all(c.source == "pos" for c in suggest(TEXT, context=only_pos))


def test_the_model_agreeing_with_the_sources_it_learnt_from_is_not_counted_twice(context):
    # the model tags with the rules' hits as features: its probability already weighs them
    (merged,) = resolve([s(17, 19, "PER", "model", 0.9), s(17, 19, "PER", "rules", 0.8)], context)
    assert (merged.source, merged.score) == ("model+rules", pytest.approx(0.9))
    (merged,) = resolve([s(17, 19, "PER", "model", 0.5), s(17, 19, "PER", "rules", 0.8), s(17, 19, "PER", "pos", 0.35)],
                        context)
    assert merged.source == "rules+model+pos"
    assert merged.score == pytest.approx(combine([0.8, 0.35]))


def test_a_source_of_its_own_can_keep_less_certain_suggestions(context):
    settings = replace(context.rules.resolution, min_score=0.4, source_min_scores={"model": 0.3})
    lowered = replace(context, rules=replace(context.rules, resolution=settings))
    found = resolve([s(17, 19, "PER", "model", 0.35), s(0, 3, "LOC", "rules", 0.35), s(6, 9, "LOC", "model", 0.25)],
                    lowered)
    assert [(c.text, c.source) for c in found] == [("张萍", "model")]
    # the model's minimum counts its own score, not a group it merely joins
    found = resolve([s(0, 3, "LOC", "rules", 0.35), s(0, 3, "LOC", "model", 0.1)], lowered)
    assert found == []
    # rejections elsewhere lower its own score as they lower the group's
    rejected = replace(lowered, rejections={("张萍", "PER"): 3})
    assert resolve([s(17, 19, "PER", "model", 0.35)], rejected) == []


def test_the_bundled_resolution_keeps_the_models_less_certain_spans(context):
    assert context.rules.resolution.source_min_scores == {"model": pytest.approx(0.3), "starter": pytest.approx(0.3)}
    assert context.rules.model.alternatives == pytest.approx(0.2)
