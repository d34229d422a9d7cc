"""Keyboard relations: allowed types numbered for the pair, refusals explained."""

from __future__ import annotations

import pytest

from annotator.model import Entity, Relation
from annotator.review.relation_draft import RelationDraft, RelationRefused


def ent(id_: int, label: str, text: str = "张萍") -> Entity:
    return Entity("d", 0, len(text), label, text, id=id_)


def test_choices_follow_the_schema(fresh_store):
    draft = RelationDraft(fresh_store.schema.current, ent(1, "PER"))
    assert draft.choices() == []
    draft.propose_tail(ent(2, "ORG", "姚庄镇总工会"))
    names = [c.relation.name for c in draft.choices()]
    assert names == ["works_at"]
    assert draft.pick(1).name == "works_at"
    assert draft.only_choice().name == "works_at"


def test_invalid_pair_and_bad_number_are_refused_with_reasons(fresh_store):
    draft = RelationDraft(fresh_store.schema.current, ent(1, "PER"))
    with pytest.raises(RelationRefused, match="tail"):
        draft.pick(1)
    draft.propose_tail(ent(2, "DATE", "2018年"))
    with pytest.raises(RelationRefused, match="no relation type goes from PER to DATE"):
        draft.pick(1)
    draft.propose_tail(ent(3, "ORG", "总工会"))
    with pytest.raises(RelationRefused, match="pick 1–1"):
        draft.pick(2)


def test_existing_relation_is_marked_and_refused(fresh_store):
    draft = RelationDraft(fresh_store.schema.current, ent(1, "ORG", "市总工会"))
    draft.propose_tail(ent(2, "ORG", "镇总工会"))
    existing = [Relation("d", "part_of", 1, 2, id=7)]
    choices = draft.choices(existing)
    assert [(c.relation.name, c.exists) for c in choices] == [("part_of", True)]
    with pytest.raises(RelationRefused, match="already related"):
        draft.pick(1, existing)
    assert draft.only_choice(existing) is None


def test_head_cannot_be_its_own_tail(fresh_store):
    head = ent(1, "ORG")
    draft = RelationDraft(fresh_store.schema.current, head)
    draft.propose_tail(head)
    assert draft.tail is None
