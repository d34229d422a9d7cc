"""The label schema: which entity, relation and document labels a project uses.

The schema is data. The default lives in ``resources/label_schema.toml``; each
database keeps its own copy (as JSON) that users can edit. Validation errors
name the label and the field that is wrong.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from annotator.errors import SchemaError
from annotator.platform import app_paths

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

# What a label name and a colour may be; the schema editor checks its drafts field by field against these.
NAME_PATTERN = re.compile(r"^[^\s,;|]{1,40}$")
COLOR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class EntityLabel:
    name: str
    display: str = ""
    description: str = ""
    color: str = "#888888"
    hotkey: str = ""


@dataclass(frozen=True)
class RelationLabel:
    name: str
    display: str = ""
    description: str = ""
    directed: bool = True
    # empty means any entity label
    heads: tuple[str, ...] = ()
    tails: tuple[str, ...] = ()

    def allows(self, head_label: str, tail_label: str) -> bool:
        return (not self.heads or head_label in self.heads) and (
            not self.tails or tail_label in self.tails
        )


@dataclass(frozen=True)
class DocumentLabel:
    name: str
    display: str = ""
    description: str = ""
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class LabelSchema:
    name: str = "schema"
    version: int = 1
    entities: tuple[EntityLabel, ...] = ()
    relations: tuple[RelationLabel, ...] = ()
    document_labels: tuple[DocumentLabel, ...] = field(default_factory=tuple)

    # --- lookup -----------------------------------------------------------

    @property
    def entity_names(self) -> list[str]:
        return [e.name for e in self.entities]

    @property
    def relation_names(self) -> list[str]:
        return [r.name for r in self.relations]

    def entity(self, name: str) -> EntityLabel:
        for label in self.entities:
            if label.name == name:
                return label
        raise SchemaError(
            f"unknown entity label '{name}' (the schema has {', '.join(self.entity_names) or 'none'})"
        )

    def relation(self, name: str) -> RelationLabel:
        for label in self.relations:
            if label.name == name:
                return label
        raise SchemaError(
            f"unknown relation label '{name}' (the schema has {', '.join(self.relation_names) or 'none'})"
        )

    def document_label(self, name: str) -> DocumentLabel:
        for label in self.document_labels:
            if label.name == name:
                return label
        names = ", ".join(d.name for d in self.document_labels) or "none"
        raise SchemaError(f"unknown document label '{name}' (the schema has {names})")

    def has_entity(self, name: str) -> bool:
        return any(e.name == name for e in self.entities)

    def relations_allowed(self, head_label: str, tail_label: str) -> list[RelationLabel]:
        return [r for r in self.relations if r.allows(head_label, tail_label)]

    def check_relation(self, label: str, head_label: str, tail_label: str) -> None:
        relation = self.relation(label)
        if not relation.allows(head_label, tail_label):
            heads = "/".join(relation.heads) or "any"
            tails = "/".join(relation.tails) or "any"
            raise SchemaError(
                f"relation '{label}' goes from {heads} to {tails}, not from {head_label} to {tail_label}"
            )

    # --- edits (each returns a new schema) ----------------------------------

    def with_entity(self, label: EntityLabel) -> LabelSchema:
        """Add ``label``, or replace the label of the same name."""
        entities = [e for e in self.entities if e.name != label.name]
        index = next((i for i, e in enumerate(self.entities) if e.name == label.name), len(entities))
        entities.insert(index, label)
        return replace(self, entities=tuple(entities)).validated()

    def with_relation(self, label: RelationLabel) -> LabelSchema:
        relations = [r for r in self.relations if r.name != label.name]
        index = next((i for i, r in enumerate(self.relations) if r.name == label.name), len(relations))
        relations.insert(index, label)
        return replace(self, relations=tuple(relations)).validated()

    def renamed_entity(self, old: str, new: str) -> LabelSchema:
        self.entity(old)
        entities = tuple(replace(e, name=new) if e.name == old else e for e in self.entities)
        relations = tuple(
            replace(
                r,
                heads=tuple(new if h == old else h for h in r.heads),
                tails=tuple(new if t == old else t for t in r.tails),
            )
            for r in self.relations
        )
        return replace(self, entities=entities, relations=relations).validated()

    def renamed_relation(self, old: str, new: str) -> LabelSchema:
        self.relation(old)
        relations = tuple(replace(r, name=new) if r.name == old else r for r in self.relations)
        return replace(self, relations=relations).validated()

    def without_entity(self, name: str) -> LabelSchema:
        self.entity(name)
        entities = tuple(e for e in self.entities if e.name != name)
        relations = tuple(
            replace(
                r,
                heads=tuple(h for h in r.heads if h != name),
                tails=tuple(t for t in r.tails if t != name),
            )
            for r in self.relations
        )
        return replace(self, entities=entities, relations=relations).validated()

    def without_relation(self, name: str) -> LabelSchema:
        self.relation(name)
        return replace(self, relations=tuple(r for r in self.relations if r.name != name)).validated()

    # --- validation and serialisation --------------------------------------

    def validated(self, origin: str = "label schema") -> LabelSchema:
        _validate(self, origin)
        return self

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for relation in data["relations"]:
            relation["heads"] = list(relation["heads"])
            relation["tails"] = list(relation["tails"])
        for doc_label in data["document_labels"]:
            doc_label["values"] = list(doc_label["values"])
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    def to_toml(self) -> str:
        # imported here: only writing a schema file needs it, and the app's start need not wait for it
        import tomli_w

        return tomli_w.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, data: Any, origin: str = "label schema") -> LabelSchema:
        if not isinstance(data, dict):
            raise SchemaError(f"{origin}: expected a table of settings, got {type(data).__name__}")
        try:
            schema = cls(
                name=str(data.get("name", "schema")),
                version=int(data.get("version", 1)),
                entities=tuple(
                    _build(EntityLabel, item, f"{origin}: entities[{i}]")
                    for i, item in enumerate(_list(data, "entities", origin))
                ),
                relations=tuple(
                    _build(RelationLabel, item, f"{origin}: relations[{i}]", tuples=("heads", "tails"))
                    for i, item in enumerate(_list(data, "relations", origin))
                ),
                document_labels=tuple(
                    _build(DocumentLabel, item, f"{origin}: document_labels[{i}]", tuples=("values",))
                    for i, item in enumerate(_list(data, "document_labels", origin))
                ),
            )
        except (TypeError, ValueError) as exc:
            raise SchemaError(f"{origin}: {exc}") from None
        return schema.validated(origin)

    @classmethod
    def from_json(cls, text: str, origin: str = "label schema") -> LabelSchema:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SchemaError(f"{origin}: not valid JSON ({exc})") from None
        except RecursionError:  # a hostile file nested thousands of levels deep
            raise SchemaError(f"{origin}: JSON nested too deeply to be a label schema") from None
        return cls.from_dict(data, origin)

    @classmethod
    def load(cls, path: str | Path) -> LabelSchema:
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise SchemaError(f"{path}: cannot read the label schema ({exc.strerror or exc})") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SchemaError(f"{path}: the label schema is not UTF-8 text") from None
        if path.suffix.lower() == ".json":
            return cls.from_json(text, origin=str(path))
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SchemaError(f"{path}: not valid TOML ({exc})") from None
        return cls.from_dict(data, origin=str(path))

    def save(self, path: str | Path) -> None:
        path = Path(path)
        content = self.to_toml() if path.suffix.lower() == ".toml" else self.to_json()
        path.write_text(content, encoding="utf-8")


def default_schema() -> LabelSchema:
    return LabelSchema.load(app_paths.resource("label_schema.toml"))


def _list(data: dict, key: str, origin: str) -> list:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise SchemaError(f"{origin}: '{key}' must be a list of tables, got {type(value).__name__}")
    return value


def _build(kind: type, item: Any, where: str, tuples: tuple[str, ...] = ()):
    if not isinstance(item, dict):
        raise SchemaError(f"{where}: expected a table, got {type(item).__name__}")
    known = {declared.name for declared in fields(kind)}
    unknown = sorted(set(item) - known)
    if unknown:
        raise SchemaError(f"{where}: unknown field(s) {', '.join(unknown)} (allowed: {', '.join(sorted(known))})")
    if "name" not in item:
        raise SchemaError(f"{where}: missing 'name'")
    values = dict(item)
    for key in tuples:
        if key in values:
            if not isinstance(values[key], list) or not all(isinstance(v, str) for v in values[key]):
                raise SchemaError(f"{where} ({item['name']}): '{key}' must be a list of strings")
            values[key] = tuple(values[key])
    for key, value in values.items():
        if key not in tuples and key != "directed" and not isinstance(value, str):
            raise SchemaError(f"{where} ({item['name']}): '{key}' must be a string")
    if "directed" in values and not isinstance(values["directed"], bool):
        raise SchemaError(f"{where} ({item['name']}): 'directed' must be true or false")
    return kind(**values)


def _validate(schema: LabelSchema, origin: str) -> None:
    seen: set[str] = set()
    hotkeys: dict[str, str] = {}
    for label in schema.entities:
        _check_name(label.name, origin, "entity label")
        if label.name in seen:
            raise SchemaError(f"{origin}: entity label '{label.name}' is defined twice")
        seen.add(label.name)
        if not COLOR_PATTERN.match(label.color):
            raise SchemaError(f"{origin}: entity label '{label.name}': color '{label.color}' is not #RRGGBB")
        if label.hotkey:
            if len(label.hotkey) != 1 or label.hotkey.isspace():
                raise SchemaError(f"{origin}: entity label '{label.name}': hotkey '{label.hotkey}' must be one key")
            if label.hotkey in hotkeys:
                raise SchemaError(
                    f"{origin}: hotkey '{label.hotkey}' is used by both '{hotkeys[label.hotkey]}' and '{label.name}'"
                )
            hotkeys[label.hotkey] = label.name
    relation_names: set[str] = set()
    for relation in schema.relations:
        _check_name(relation.name, origin, "relation label")
        if relation.name in relation_names:
            raise SchemaError(f"{origin}: relation label '{relation.name}' is defined twice")
        relation_names.add(relation.name)
        for role, labels in (("heads", relation.heads), ("tails", relation.tails)):
            for name in labels:
                if name not in seen:
                    raise SchemaError(
                        f"{origin}: relation '{relation.name}': {role} names '{name}', which is not an entity label"
                    )
    doc_names: set[str] = set()
    for doc_label in schema.document_labels:
        _check_name(doc_label.name, origin, "document label")
        if doc_label.name in doc_names:
            raise SchemaError(f"{origin}: document label '{doc_label.name}' is defined twice")
        doc_names.add(doc_label.name)
        if not doc_label.values:
            raise SchemaError(f"{origin}: document label '{doc_label.name}' has no values")
        if len(set(doc_label.values)) != len(doc_label.values):
            raise SchemaError(f"{origin}: document label '{doc_label.name}' lists a value twice")


def _check_name(name: str, origin: str, what: str) -> None:
    if not NAME_PATTERN.match(name or ""):
        raise SchemaError(
            f"{origin}: {what} name '{name}' is not allowed (1-40 characters, no spaces, commas, ; or |)"
        )
