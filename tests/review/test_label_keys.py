"""Digits stand for the first nine labels; a label's own hotkey comes first."""

from __future__ import annotations

from annotator.label_schema import EntityLabel, LabelSchema
from annotator.review.label_keys import key_for_label, label_for_key, label_keys


def schema(*labels: EntityLabel) -> LabelSchema:
    return LabelSchema(entities=labels).validated()


def test_default_schema_hotkeys_are_digits(fresh_store):
    keys = label_keys(fresh_store.schema.current)
    assert keys["1"] == "PER" and keys["2"] == "ORG"
    assert key_for_label(fresh_store.schema.current)["LOC"] == "3"


def test_labels_without_hotkeys_get_their_position():
    s = schema(EntityLabel("A"), EntityLabel("B"), EntityLabel("C"))
    assert label_keys(s) == {"1": "A", "2": "B", "3": "C"}


def test_own_hotkey_wins_over_position():
    s = schema(EntityLabel("A"), EntityLabel("B", hotkey="1"), EntityLabel("C", hotkey="p"))
    keys = label_keys(s)
    assert keys["1"] == "B"  # B's own key, not A's position
    assert keys["2"] == "B" and keys["3"] == "C" and keys["p"] == "C"
    assert "A" not in keys.values()
    shown = key_for_label(s)
    assert shown == {"B": "1", "C": "p"}
    assert label_for_key(s, "P") == "C"
    assert label_for_key(s, "9") is None
