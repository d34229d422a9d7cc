"""The label schema is data: loaded from TOML or JSON, validated with messages that name the field."""

from __future__ import annotations

import pytest

from annotator.errors import SchemaError
from annotator.label_schema import EntityLabel, LabelSchema, default_schema


def test_the_default_schema_has_this_corpus_labels_and_relations():
    schema = default_schema()
    assert schema.entity_names == ["PER", "ORG", "LOC", "TITLE", "DATE", "MONEY", "WORK"]
    assert [e.hotkey for e in schema.entities] == ["1", "2", "3", "4", "5", "6", "7"]
    assert schema.entity("ORG").display == "机构"
    assert schema.relation_names == ["works_at", "has_title", "located_in", "part_of"]
    assert schema.relation("located_in").heads == ("ORG", "LOC")
    assert [r.name for r in schema.relations_allowed("PER", "ORG")] == ["works_at"]
    assert [r.name for r in schema.relations_allowed("ORG", "LOC")] == ["located_in"]
    assert schema.relations_allowed("DATE", "PER") == []
    assert schema.document_label("topic").values[0] == "劳动权益"


def test_toml_and_json_round_trip(tmp_path):
    schema = default_schema()
    for name in ("schema.toml", "schema.json"):
        path = tmp_path / name
        schema.save(path)
        assert LabelSchema.load(path) == schema


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[entities]]\nname = "A B"\n', "entity label name 'A B' is not allowed"),
        ('[[entities]]\nname = "A"\ncolor = "red"\n', "entity label 'A': color 'red' is not #RRGGBB"),
        ('[[entities]]\nname = "A"\nhotkey = "1"\n[[entities]]\nname = "B"\nhotkey = "1"\n',
         "hotkey '1' is used by both 'A' and 'B'"),
        ('[[entities]]\nname = "A"\n[[entities]]\nname = "A"\n', "entity label 'A' is defined twice"),
        ('[[entities]]\nname = "A"\n[[relations]]\nname = "r"\nheads = ["B"]\n',
         "relation 'r': heads names 'B', which is not an entity label"),
        ('[[entities]]\nname = "A"\ncolour = "#ffffff"\n', r"entities\[0\]: unknown field\(s\) colour"),
        ('[[entities]]\ndisplay = "x"\n', r"entities\[0\]: missing 'name'"),
        ('[[document_labels]]\nname = "topic"\nvalues = []\n', "document label 'topic' has no values"),
        ('entities = "PER"\n', "'entities' must be a list of tables"),
        ("[[entities]\n", "not valid TOML"),
    ],
)
def test_malformed_schemas_are_refused_with_the_field_named(tmp_path, toml, message):
    path = tmp_path / "labels.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(SchemaError, match=message) as raised:
        LabelSchema.load(path)
    assert str(path) in str(raised.value)


def test_edits_return_new_validated_schemas():
    schema = default_schema()
    renamed = schema.renamed_entity("ORG", "ORGANIZATION")
    assert renamed.relation("works_at").tails == ("ORGANIZATION",)
    assert renamed.relation("part_of").heads == ("ORGANIZATION",)
    assert schema.entity("ORG")  # the original is unchanged
    recoloured = schema.with_entity(EntityLabel("PER", "人名", "", "#000000", "1"))
    assert recoloured.entity_names == schema.entity_names
    assert recoloured.entity("PER").color == "#000000"
    with pytest.raises(SchemaError, match="hotkey '2' is used by both"):
        schema.with_entity(EntityLabel("EVENT", hotkey="2"))
    with pytest.raises(SchemaError, match="unknown entity label 'NOPE'"):
        schema.renamed_entity("NOPE", "X")
