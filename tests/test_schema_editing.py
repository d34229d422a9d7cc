"""Editing the schema as a draft: field-level problems, and applying renames that carry the data along."""

from __future__ import annotations

import hashlib

import pytest

from annotator.errors import SchemaError
from annotator.label_schema import LabelSchema
from annotator.model import AnnotatedDocument, Document, SourceFile
from annotator.project.schema_editing import (
    DOCUMENT_LABELS,
    ENTITIES,
    RELATIONS,
    SchemaDraft,
    apply_draft,
    label_usage,
)
from annotator.store import Store

TEXT = "本报讯 记者张萍报道：北京市总工会主席王明出席会议。"


@pytest.fixture
def store(fresh_store: Store) -> Store:
    store = fresh_store
    store.documents.import_source(SourceFile(
        path="x", name="x", sha256=hashlib.sha256(b"x").hexdigest(), size=1, format="test",
        documents=[AnnotatedDocument(Document(id="d1", text=TEXT, title="t"))],
    ))

    def add(needle: str, label: str):
        start = TEXT.index(needle)
        return store.annotations.add_entity("d1", start, start + len(needle), label)

    person = add("王明", "PER")
    org = add("北京市总工会", "ORG")
    add("张萍", "PER")
    store.annotations.add_relation(person.id, org.id, "works_at")
    store.annotations.set_doc_label("d1", "topic", "工会建设")
    return store


def rows(store: Store, sql: str) -> list[tuple]:
    return store.db.conn.execute(sql).fetchall()


def test_a_new_name_is_a_rename_that_carries_entities_and_relation_constraints(store: Store):
    draft = SchemaDraft(store.schema.current)
    person = next(e for e in draft.entities if e.name == "PER")
    person.name = "PERSON"
    apply_draft(store, draft)
    assert rows(store, "SELECT label, COUNT(*) FROM entities GROUP BY label") == [("ORG", 1), ("PERSON", 2)]
    assert store.schema.current.relation("works_at").heads == ("PERSON",)
    assert [e.action for e in store.events.find(action="schema.rename_entity")] == ["schema.rename_entity"]


def test_swapping_two_names_goes_through_temporary_ones(store: Store):
    draft = SchemaDraft(store.schema.current)
    by_name = {e.name: e for e in draft.entities}
    by_name["PER"].name, by_name["ORG"].name = "ORG", "PER"
    apply_draft(store, draft)
    assert rows(store, "SELECT text, label FROM entities ORDER BY id") == [
        ("王明", "ORG"), ("北京市总工会", "PER"), ("张萍", "ORG")]
    assert store.schema.current.relation("works_at").heads == ("ORG",)
    assert store.schema.current.relation("works_at").tails == ("PER",)
    assert not any(name.startswith("__rename") for name in store.schema.current.entity_names)


def test_relation_and_document_label_renames(store: Store):
    draft = SchemaDraft(store.schema.current)
    next(r for r in draft.relations if r.name == "works_at").name = "employed_by"
    topic = next(d for d in draft.document_labels if d.name == "topic")
    topic.name = "theme"
    next(v for v in topic.values if v.value == "工会建设").value = "工会组织建设"
    apply_draft(store, draft)
    assert rows(store, "SELECT label FROM relations") == [("employed_by",)]
    assert store.annotations.doc_labels("d1") == {"theme": "工会组织建设"}
    assert "工会组织建设" in store.schema.current.document_label("theme").values


def test_swapping_document_label_values(store: Store):
    draft = SchemaDraft(store.schema.current)
    values = {v.value: v for v in draft.document_labels[0].values}
    values["工会建设"].value, values["其他"].value = "其他", "工会建设"
    apply_draft(store, draft)
    assert store.annotations.doc_labels("d1") == {"topic": "其他"}


def test_recolour_hotkey_description_and_order(store: Store):
    draft = SchemaDraft(store.schema.current)
    draft.entities[0].color = "#123456"
    draft.entities[0].hotkey = "p"
    draft.entities[1].description = "机构名称"
    draft.move(ENTITIES, 1, -1)
    apply_draft(store, draft)
    schema = store.schema.current
    assert schema.entity_names[:2] == ["ORG", "PER"]
    assert schema.entity("PER").color == "#123456" and schema.entity("PER").hotkey == "p"


def test_removing_a_label_in_use_is_refused_and_nothing_changes(store: Store):
    before = store.schema.current.to_dict()
    draft = SchemaDraft(store.schema.current)
    draft.entities[0].name = "PERSON"  # a rename that must be rolled back too
    draft.remove_entity(next(e for e in draft.entities if e.name == "ORG"))
    with pytest.raises(SchemaError, match="entity label 'ORG' is used by 1 entities"):
        apply_draft(store, draft)
    assert store.schema.current.to_dict() == before
    assert rows(store, "SELECT DISTINCT label FROM entities ORDER BY label") == [("ORG",), ("PER",)]


def test_removing_a_document_value_in_use_is_refused(store: Store):
    draft = SchemaDraft(store.schema.current)
    topic = draft.document_labels[0]
    topic.values = [v for v in topic.values if v.value != "工会建设"]
    with pytest.raises(SchemaError, match="value '工会建设' of 'topic' is set on 1 documents"):
        apply_draft(store, draft)


def test_unused_labels_can_be_removed_and_added(store: Store):
    draft = SchemaDraft(store.schema.current)
    draft.remove_entity(next(e for e in draft.entities if e.name == "MONEY"))
    added = draft.add_entity()
    added.name = "EVENT"
    relation = draft.add_relation()
    relation.name = "attended"
    relation.heads = [draft.entities[0]]
    relation.tails = [added]
    apply_draft(store, draft)
    schema = store.schema.current
    assert "MONEY" not in schema.entity_names and "EVENT" in schema.entity_names
    assert schema.relation("attended").allows("PER", "EVENT")


def test_narrowing_a_relation_below_existing_data_is_refused(store: Store):
    draft = SchemaDraft(store.schema.current)
    works_at = next(r for r in draft.relations if r.name == "works_at")
    works_at.tails = [next(e for e in draft.entities if e.name == "LOC")]
    with pytest.raises(SchemaError, match="works_at"):
        apply_draft(store, draft)
    assert store.schema.current.relation("works_at").tails == ("ORG",)


def test_problems_point_at_the_field(store: Store):
    draft = SchemaDraft(store.schema.current)
    draft.entities[1].name = "PER"
    draft.entities[2].color = "green"
    draft.entities[3].hotkey = "1"
    draft.entities[4].name = "has space"
    draft.relations[0].name = ""
    draft.document_labels[0].values[1].value = draft.document_labels[0].values[0].value
    found = {(p.section, p.index, p.field) for p in draft.problems()}
    assert found == {
        (ENTITIES, 1, "name"), (ENTITIES, 2, "color"), (ENTITIES, 3, "hotkey"), (ENTITIES, 4, "name"),
        (RELATIONS, 0, "name"), (DOCUMENT_LABELS, 0, "values"),
    }
    with pytest.raises(SchemaError, match="entity label 'PER'"):
        draft.build()


def test_removing_an_entity_label_drops_it_from_relations(store: Store):
    draft = SchemaDraft(store.schema.current)
    loc = next(e for e in draft.entities if e.name == "LOC")
    draft.remove_entity(loc)
    located_in = next(r for r in draft.relations if r.name == "located_in")
    assert [h.name for h in located_in.heads] == ["ORG"] and located_in.tails == []


def test_an_imported_schema_keeps_labels_of_the_same_name(store: Store, tmp_path):
    exported = tmp_path / "schema.toml"
    store.schema.current.save(exported)
    loaded = LabelSchema.load(exported)
    draft = SchemaDraft(store.schema.current)
    draft.load(loaded)
    assert not draft.is_changed()
    assert all(e.origin == e.name for e in draft.entities)
    changed = loaded
    for name in ("LOC", "TITLE", "DATE", "MONEY", "WORK"):
        changed = changed.without_entity(name)
    draft.load(changed)
    assert draft.removed()[0] == ["LOC", "TITLE", "DATE", "MONEY", "WORK"]
    apply_draft(store, draft)
    assert store.schema.current.entity_names == ["PER", "ORG"]
    assert rows(store, "SELECT COUNT(*) FROM entities") == [(3,)]


def test_a_schema_changed_elsewhere_is_not_overwritten(store: Store, db_path):
    draft = SchemaDraft(store.schema.current)
    draft.entities[0].color = "#000000"
    with Store(db_path, annotator="other") as other:
        other.schema.rename_entity_label("MONEY", "AMOUNT")
    store.schema._forget()
    with pytest.raises(SchemaError, match="changed elsewhere"):
        apply_draft(store, draft)


def test_new_labels_get_a_free_colour_and_hotkey(store: Store):
    draft = SchemaDraft(store.schema.current)
    added = draft.add_entity()
    assert added.hotkey == "8" and added.color not in {e.color for e in draft.entities[:-1]}
    assert added.name == "LABEL" and draft.add_entity().name == "LABEL_2"


def test_usage_counts(store: Store):
    usage = label_usage(store)
    assert usage.entities == {"ORG": 1, "PER": 2}
    assert usage.relations == {"works_at": 1}
    assert usage.document_values == {("topic", "工会建设"): 1}
