"""Which entity label a key stands for.

The digits 1-9 stand for the first nine entity labels in schema order, so
any schema works from the keyboard. A label's own ``hotkey`` (from the
schema) comes first: it claims its key even when that is a digit another
label would otherwise get.
"""

from __future__ import annotations

from annotator.label_schema import LabelSchema

DIGITS = "123456789"


def label_keys(schema: LabelSchema) -> dict[str, str]:
    """key -> entity label name, for every label that has a key."""
    keys = {label.hotkey: label.name for label in schema.entities if label.hotkey}
    for digit, label in zip(DIGITS, schema.entities):
        keys.setdefault(digit, label.name)
    return keys


def key_for_label(schema: LabelSchema) -> dict[str, str]:
    """entity label name -> the key shown in the palette: its own hotkey, else its digit."""
    shown: dict[str, str] = {}
    for key, name in label_keys(schema).items():
        own = schema.entity(name).hotkey
        if name not in shown or key == own:
            shown[name] = key
    return shown


def label_for_key(schema: LabelSchema, key: str) -> str | None:
    keys = label_keys(schema)
    return keys.get(key) or keys.get(key.lower()) or keys.get(key.upper())
