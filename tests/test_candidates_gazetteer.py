"""The gazetteer from the reviewers' labels, rejection memory, and "label all occurrences"."""

from __future__ import annotations

import pytest
from candidates_helpers import add_documents, pending

from annotator.candidates import (
    apply_occurrences,
    context_from_store,
    find_occurrences,
    propagate_labels,
    refresh_candidates,
    reload_rules,
    suggest,
)
from annotator.candidates.ruledata import user_dir
from annotator.errors import InputError, SchemaError

# 鸿运集团 (invented) is a company the rules cannot know: a brand name with no place in it.
DOC_A = "鸿运集团召开职代会。会后，鸿运集团职工代表张建华说，今年工资将提高。张建华还表示满意。"
DOC_B = "记者走访了鸿运集团的一线班组，张建华说情况不错。"
DOC_C = "鸿运集团鸿运集团子公司"


@pytest.fixture
def without_the_starter():
    """The user's model.toml turns the bundled starter model off: the starter learnt from the pages that a brand
    before 集团 is often a company, and may guess 鸿运集团 itself; these tests are about what the rules and the
    gazetteer find. The bundled settings are back afterwards."""
    path = user_dir() / "model.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("starter = false\n", encoding="utf-8")
    reload_rules()
    yield
    path.unlink(missing_ok=True)
    reload_rules()


@pytest.fixture
def project(fresh_store):
    add_documents(fresh_store, {"a": DOC_A, "b": DOC_B})
    return fresh_store


def test_the_rules_alone_do_not_know_the_brand(without_the_starter):
    assert not any(s.text == "鸿运集团" for s in suggest(DOC_B))


def test_a_label_becomes_a_candidate_elsewhere_in_the_document_and_across_the_corpus(project):
    project.annotations.add_entity("a", 0, 4, "ORG")
    refresh_candidates(project, ["a", "b"])
    (same_doc,) = pending(project, "a", "鸿运集团", "ORG")
    assert same_doc.start == DOC_A.index("鸿运集团", 1) and "gazetteer" in same_doc.source
    (other_doc,) = pending(project, "b", "鸿运集团", "ORG")
    assert "gazetteer" in other_doc.source
    # the reviewer's own document is trusted more than the rest of the corpus
    assert same_doc.score > other_doc.score


def test_the_labelled_span_itself_is_not_proposed_again(project):
    project.annotations.add_entity("a", 0, 4, "ORG")
    refresh_candidates(project, ["a"])
    assert all(c.start != 0 for c in pending(project, "a"))


def test_a_gazetteer_entry_inside_a_longer_word_scores_lower(fresh_store):
    add_documents(fresh_store, {"x": "张萍说。", "y": "张萍萍说，张萍也说。"})
    fresh_store.annotations.add_entity("x", 0, 2, "PER")
    context = context_from_store(fresh_store)
    scores = {s.start: s.score for s in suggest("张萍萍说，张萍也说。", context=context) if "gazetteer" in s.source}
    inside_word, whole_word = scores.get(0), scores[5]
    assert inside_word is None or inside_word < whole_word


def test_rejected_in_a_document_never_comes_back_there_and_ranks_lower_elsewhere(project):
    refresh_candidates(project, ["a", "b"])
    first, _second = pending(project, "a", "张建华", "PER")
    before_elsewhere = pending(project, "b", "张建华", "PER")[0].score

    project.candidates.reject(first.id)  # what the app's reject key does
    refresh_candidates(project, ["a", "b"])

    assert pending(project, "a", "张建华", "PER") == []  # neither occurrence comes back in a
    rejected = project.candidates.for_document("a", states=["rejected"])
    assert [(c.text, c.label) for c in rejected] == [("张建华", "PER")]
    (elsewhere,) = pending(project, "b", "张建华", "PER")
    assert elsewhere.score < before_elsewhere


def test_undoing_a_rejection_lets_it_come_back(project):
    refresh_candidates(project, ["a"])
    candidate = pending(project, "a", "张建华", "PER")[0]
    project.candidates.reject(candidate.id)
    project.candidates.reset(candidate.id)
    refresh_candidates(project, ["a"])
    assert pending(project, "a", "张建华", "PER")


def test_refresh_keeps_decisions_and_replaces_pending(project):
    refresh_candidates(project, ["a"])
    accepted = pending(project, "a", "张建华", "PER")[0]
    entity = project.candidates.accept(accepted.id)
    refresh_candidates(project, ["a"])
    assert project.candidates.get(accepted.id).state.value == "accepted"
    assert project.annotations.entity(entity.id).text == "张建华"
    # nothing pending overlaps the accepted entity
    assert all(c.end <= entity.start or c.start >= entity.end for c in pending(project, "a"))


# --- label all occurrences ----------------------------------------------------------------


def test_find_occurrences_across_the_corpus_says_what_each_one_is(project):
    add_documents(project, {"c": DOC_C})
    project.annotations.add_entity("a", 0, 4, "ORG")
    project.annotations.add_entity("c", 4, 11, "ORG")  # 鸿运集团子公司, overlapping the second occurrence
    occurrences = find_occurrences(project, "鸿运集团", "ORG")
    assert [(o.doc_id, o.start) for o in occurrences] == [("a", 0), ("a", 13), ("b", 5), ("c", 0), ("c", 4)]
    by_place = {(o.doc_id, o.start): o for o in occurrences}
    assert by_place[("a", 0)].labelled and not by_place[("a", 0)].applicable
    assert by_place[("a", 13)].applicable
    assert [e.text for e in by_place[("c", 4)].overlapping] == ["鸿运集团子公司"]
    assert by_place[("b", 5)].before.endswith("走访了") and by_place[("b", 5)].after.startswith("的一线")


def test_find_occurrences_in_one_document(project):
    assert [o.start for o in find_occurrences(project, "鸿运集团", "ORG", doc_id="a")] == [0, 13]


def test_a_name_inside_a_longer_word_is_flagged(fresh_store):
    add_documents(fresh_store, {"x": "张萍萍说，张萍也说。"})
    flags = {o.start: o.split_word for o in find_occurrences(fresh_store, "张萍", "PER")}
    assert flags == {0: True, 5: False}


def test_apply_occurrences_labels_them_in_one_transaction_and_undo_deletes_them(project):
    project.annotations.add_entity("a", 0, 4, "ORG")
    occurrences = find_occurrences(project, "鸿运集团", "ORG")
    created = apply_occurrences(project, [o for o in occurrences if o.applicable], "ORG")
    assert [(e.doc_id, e.start) for e in created] == [("a", 13), ("b", 5)]
    assert all(e.origin == "gazetteer" for e in created)
    # applying again, or the already labelled one, adds nothing
    assert apply_occurrences(project, occurrences, "ORG") == []
    for entity in created:  # the app's undo
        project.annotations.delete_entity(entity.id)
    assert [e.start for e in project.annotations.entities("a")] == [0]
    assert project.annotations.entities("b") == []


def test_apply_occurrences_writes_nothing_when_one_no_longer_matches(project):
    occurrences = find_occurrences(project, "鸿运集团", "ORG")
    stale = occurrences[:1] + [occurrences[1].__class__(**{**occurrences[1].__dict__, "start": 1, "end": 5})]
    with pytest.raises(InputError, match="no longer at 1-5"):
        apply_occurrences(project, stale, "ORG")
    assert project.annotations.entities("a") == []


def test_occurrences_need_a_text_and_a_label_of_the_schema(project):
    with pytest.raises(InputError):
        find_occurrences(project, "  ", "ORG")
    with pytest.raises(SchemaError):
        find_occurrences(project, "鸿运集团", "COMPANY")


def test_propagating_a_new_label_reaches_unfinished_documents_only(fresh_store, without_the_starter):
    add_documents(fresh_store, {"a": DOC_A, "b": DOC_B, "finished": "鸿运集团的年报。", "other": "没有这个词。"})
    refresh_candidates(fresh_store, ["a", "b", "finished", "other"])
    fresh_store.documents.set_status("finished", "done")
    assert not pending(fresh_store, "b", "鸿运集团")
    before = {c.id for c in fresh_store.candidates.for_document("a")}

    fresh_store.annotations.add_entity("a", 0, 4, "ORG")
    refreshed = propagate_labels(fresh_store, ["鸿运集团", "x"])

    assert refreshed == ["a", "b"]
    assert [c.source for c in pending(fresh_store, "b", "鸿运集团", "ORG")] == ["gazetteer"]
    assert len(pending(fresh_store, "a", "鸿运集团", "ORG")) == 1
    assert not pending(fresh_store, "finished", "鸿运集团")
    # what was suggested before and still is keeps its id
    assert before & {c.id for c in fresh_store.candidates.for_document("a")}
