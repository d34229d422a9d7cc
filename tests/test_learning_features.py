"""The learned suggester's parts: tags, sequences, features, the dictionary, the scores' calibration."""

from __future__ import annotations

from collections import Counter

import hypothesis
from hypothesis import strategies as st

from annotator.candidates.analysis import TextAnalysis, analyse
from annotator.candidates.gazetteer import Gazetteer
from annotator.learning.dataset import Readiness, examples_from
from annotator.learning.features import Dictionary, FeatureSettings, document_features, sequence_ranges
from annotator.learning.metrics import Tally, calibration_table, tally_spans
from annotator.learning.model_features import ModelFeatures
from annotator.learning.settings import TrainingSettings
from annotator.learning.tags import decode, encode, tag_labels
from annotator.learning.training import CURVE, FINAL, FOLD, fold_order, plan_tasks


def test_bioes_tags_round_trip_and_mark_single_characters():
    spans = [(0, 2, "PER"), (3, 4, "LOC"), (5, 9, "ORG")]
    tags = encode(spans, 10)
    assert tags == ["B-PER", "E-PER", "O", "S-LOC", "O", "B-ORG", "I-ORG", "I-ORG", "E-ORG", "O"]
    assert decode(tags) == spans
    assert decode(encode(spans, 10, "BIO")) == spans
    assert tag_labels(["PER"]) == ["O", "B-PER", "I-PER", "E-PER", "S-PER"]


def test_decoding_keeps_spans_a_tagger_left_unfinished():
    # an I without B starts a span; a span still open at the end is closed there
    assert decode(["O", "I-PER", "E-PER", "B-LOC", "I-LOC"]) == [(1, 3, "PER"), (3, 5, "LOC")]
    # a label change inside a span ends it
    assert decode(["B-PER", "I-ORG", "E-ORG"]) == [(0, 1, "PER"), (1, 3, "ORG")]


def test_sequences_are_sentences_and_lines_never_cutting_an_entity():
    text = "张三说：“好。”李四来了！\n\n王五走了"
    assert [text[s:e] for s, e in sequence_ranges(text)] == ["张三说：“好。”", "李四来了！", "王五走了"]
    # an entity spanning a sentence end keeps its sentence whole
    kept = sequence_ranges("他读了《好。书》很开心。", [(3, 8, "WORK")])
    assert [(s, e) for s, e in kept] == [(0, 12)]


@hypothesis.settings(max_examples=400, deadline=None)
@hypothesis.given(st.text(alphabet="张三。！？!?；;”’」』）)》】\"' \r\n\t", max_size=14))
def test_the_cuts_of_a_text_with_nothing_to_keep_together_are_those_of_the_careful_search(text):
    """Prediction's quick search (nothing to keep together) against the search that checks every cut: a span of
    one character blocks no cut, so with it the careful search cuts everywhere too."""
    assert sequence_ranges(text) == sequence_ranges(text, [(0, 1, "X")])


def _known_subset(rows: list[tuple[str, ...]]) -> set[str]:
    """Every other attribute name seen (sorted): a model that knows some of a text's attributes and not others."""
    return set(sorted({name for row in rows for name in row})[::2])


def test_a_models_features_are_the_definitions_known_attributes_in_the_same_order():
    """``ModelFeatures.rows`` (what prediction tags with) against ``document_features`` (what training uses) less
    the attributes the model does not know (a line break's character or pair is always passed on), for every
    group of features, where jieba's words cover the text and where the segmenter left some of it out."""
    text = "王芳在杭州工作。\n李明（北京大学教授）说：“好。”\r\n\n张三、李四到了上海市总工会。"
    whole = analyse(text)
    tagged = list(zip(whole.words, whole.tags, strict=True))
    gapped = TextAnalysis(text, tagged[:3] + tagged[5:-4] + [("不在", "v")] + tagged[-2:])
    assert gapped.starts[1:] != gapped.ends[:-1] and gapped.ends[-1] == len(text)
    rules, dictionary = [(0, 2, "PER"), (3, 5, "LOC"), (3, 5, "ORG"), (60, 80, "LOC")], [(1, 3, "ORG"), (3, 4, "LOC")]
    groups = ("bigrams", "word_position", "pos_tags", "unknown_words", "rule_hits", "dictionary")
    choices = [FeatureSettings(word_position=True), FeatureSettings(), *(FeatureSettings().without(g) for g in groups)]
    for chosen in choices:
        for analysis in (whole, gapped):
            full = document_features(analysis, chosen, rule_spans=rules, dictionary_spans=dictionary)
            known = _known_subset(full)
            expected = [
                tuple(
                    name.encode() for name in row
                    if name in known or (name[0] in "cb" and ("\n" in name or "\r" in name))
                )
                for row in full
            ]
            built = ModelFeatures(chosen, known).rows(analysis, rule_spans=rules, dictionary_spans=dictionary)
            assert built == expected, chosen


def test_features_per_character_follow_the_settings():
    analysis = analyse("李华在上海工作")
    rows = document_features(analysis, FeatureSettings(), rule_spans=[(3, 5, "LOC")], dictionary_spans=[(0, 2, "PER")])
    assert len(rows) == len(analysis.text)
    first = set(rows[0])
    assert {"bias", "c0=李", "c1=华", "b0=李华", "d=BPER"} <= first
    assert any(name.startswith("p=") for name in first) and any(name.startswith("wp=B") for name in first)
    assert not any(name.startswith("w=") for name in first)  # off by default
    with_place = document_features(analysis, FeatureSettings(word_position=True))
    assert any(name.startswith("w=B") for name in with_place[0])
    assert "r=BLOC" in rows[3] and "r=ILOC" in rows[4] and "r=ALOC" in rows[5]
    plain = document_features(analysis, FeatureSettings().without("word_position", "pos_tags", "unknown_words",
                                                                   "rule_hits", "dictionary", "bigrams"))
    assert all(not name.startswith(("w=", "p=", "u=", "r=", "d=", "b")) or name == "bias" for name in plain[3])
    assert len(plain[3]) == 1 + 5  # the bias and five characters


def test_the_dictionary_finds_the_longest_entry_and_hides_a_documents_own_entities():
    dictionary = Dictionary({("上海", "LOC"): 2, ("上海市总工会", "ORG"): 1, ("李华", "PER"): 1})
    text = "李华在上海市总工会，上海"
    assert dictionary.spans(text) == [(0, 2, "PER"), (3, 9, "ORG"), (10, 12, "LOC")]
    # a training document that alone holds 上海市总工会 and 李华 does not find them; 上海 is also elsewhere
    own = Counter({("上海市总工会", "ORG"): 1, ("李华", "PER"): 1, ("上海", "LOC"): 1})
    assert dictionary.spans(text, own) == [(3, 5, "LOC"), (10, 12, "LOC")]


def test_an_entry_longer_than_the_rest_of_the_text_matches_nothing_past_its_end():
    # a longer entry with the same first character must not match the cut-off end of the text
    assert Dictionary({("中国", "LOC"): 1, ("中国银行", "ORG"): 1}).spans("我爱中国") == [(2, 4, "LOC")]
    assert list(Gazetteer({("中国", "LOC"): 1, ("中国银行", "ORG"): 1}).matches("我爱中国")) == [(2, 4, "中国")]


def test_folds_are_whole_documents_stable_as_documents_are_added():
    examples = examples_from([(f"d{i}", "张三来了", [(0, 2, "PER")]) for i in range(12)])
    settings = TrainingSettings(folds=3, curve_fractions=(0.5,))
    tasks = plan_tasks(examples, settings)
    assert [t.kind for t in tasks].count(FINAL) == 1
    folds = [t for t in tasks if t.kind == FOLD]
    assert len(folds) == 3
    assert sorted(i for t in folds for i in t.test) == list(range(12))
    for task in folds:
        assert not set(task.train) & set(task.test)
    assert all(t.share == 0.5 and len(t.train) == 4 for t in tasks if t.kind == CURVE)
    # adding documents does not move the old ones relative to each other
    more = examples_from([(f"d{i}", "张三来了", [(0, 2, "PER")]) for i in range(20)])
    old_order = [examples[i].doc_id for i in fold_order(examples, 0)]
    new_order = [more[i].doc_id for i in fold_order(more, 0) if int(more[i].doc_id[1:]) < 12]
    assert old_order == new_order


def test_nested_entities_keep_the_outermost():
    (example,) = examples_from([("d", "上海市总工会", [(0, 3, "LOC"), (0, 6, "ORG")])], ["PER", "ORG", "LOC"])
    assert example.spans == ((0, 6, "ORG"),)


def test_tallies_and_the_reliability_table():
    tallies: dict[str, Tally] = {}
    tally_spans(tallies, {(0, 2, "PER"), (3, 5, "LOC")}, {(0, 2, "PER"), (6, 8, "ORG")})
    assert (tallies["PER"].tp, tallies["LOC"].fp, tallies["ORG"].fn) == (1, 1, 1)
    table = calibration_table([(0.95, True), (0.97, True), (0.55, False), (0.52, True)])
    rows = {row["from"]: row for row in table["bins"] if row["spans"]}
    assert rows[0.95]["accuracy"] == 1.0 and rows[0.5]["accuracy"] == 0.5
    assert table["spans"] == 4 and 0 < table["ece"] < 0.1


def test_readiness_says_how_much_more_is_needed():
    state = Readiness(documents=3, entities=12, min_documents=5, min_entities=20)
    assert not state.ready
    message = state.message()
    assert "3 documents marked done with 12 entities" in message
    assert "Mark 2 more reviewed documents as done and label 8 more entities" in message
    assert "rules" in message
    assert Readiness(6, 12, 5, 20).message().count("Label 8 more entities") == 1
    assert Readiness(5, 20, 5, 20).ready and Readiness(5, 20, 5, 20).message() == ""


def test_training_settings_round_trip():
    settings = TrainingSettings(folds=3, curve_fractions=(0.5,), span_score="product")
    assert TrainingSettings.from_dict(settings.to_dict()) == settings
