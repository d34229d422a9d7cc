"""The label sets other tools keep beside their data: brat's annotation.conf, Label Studio's labelling
config, doccano's exported label list, and the schema Annotator writes with an export.

Each is read into a ``PeerLabels``: entity labels (with a colour where the
tool gives one), relation labels (with the entity labels allowed at each end,
where the tool says), and document labels with their values. What to do with
them, and with the labels the data itself uses, is
``annotator.project.label_adoption``'s business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from annotator.errors import AnnotatorError, InputError
from annotator.formats.files import parse_json
from annotator.formats.registry import register_companion
from annotator.label_schema import LabelSchema


@dataclass
class PeerRelation:
    # empty: any entity label
    heads: set[str] = field(default_factory=set)
    tails: set[str] = field(default_factory=set)
    directed: bool = True


@dataclass
class PeerLabels:
    origin: str
    entities: dict[str, str | None] = field(default_factory=dict)  # name -> colour or None
    relations: dict[str, PeerRelation] = field(default_factory=dict)
    document_labels: dict[str, list[str]] = field(default_factory=dict)


# --- brat ------------------------------------------------------------------------------

_SECTION = re.compile(r"^\[(\w+)\]\s*$")
_MACRO = re.compile(r"^(<[^>]+>)\s*=\s*(.+)$")
_ROLE_SUFFIX = re.compile(r"(\{[\d,-]+\}|[?*+])$")


def read_brat_conf(path: Path) -> PeerLabels:
    """Entity, relation and event types of a brat ``annotation.conf``.

    Event types become entity labels (their triggers) and event roles become
    relation labels from the trigger to the argument, as the brat reader
    imports events. Abstract types (``!Life``) and brat's own relation
    ``<OVERLAP>`` are left out; macros (``<POG>=Person|Organization``) are
    expanded; ``<ENTITY>``, ``<EVENT>`` and ``<ANY>`` allow any label.
    """
    labels = PeerLabels(str(path))
    macros: dict[str, str] = {}
    section = ""
    events: dict[str, list[tuple[str, list[str]]]] = {}
    for raw in path.read_text(encoding="utf-8-sig").splitlines():
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        match = _SECTION.match(line.strip())
        if match:
            section = match.group(1)
            continue
        macro = _MACRO.match(line.strip())
        if macro:
            macros[macro.group(1)] = macro.group(2).strip()
            continue
        name, _, rest = line.strip().partition(" ") if "\t" not in line.strip() else line.strip().partition("\t")
        name = name.strip()
        if name.startswith(("!", "<")):
            continue
        if section == "entities":
            labels.entities[name] = None
        elif section in ("relations", "events"):
            arguments = []
            directed = True
            for part in rest.split(","):
                role, sep, types = part.strip().partition(":")
                if not sep:
                    continue
                if role == "<REL-TYPE>":
                    directed = "symmetric" not in types
                    continue
                expanded = [t for item in types.split("|") for t in macros.get(item.strip(), item.strip()).split("|")]
                arguments.append((_ROLE_SUFFIX.sub("", role.strip()), [t.strip() for t in expanded if t.strip()]))
            if section == "relations" and len(arguments) >= 2:
                labels.relations[name] = PeerRelation(_concrete(arguments[0][1]), _concrete(arguments[1][1]), directed)
            elif section == "events":
                labels.entities[name] = None
                events[name] = arguments
    for event_type, arguments in events.items():
        for role, role_types in arguments:
            relation = labels.relations.setdefault(role, PeerRelation())
            relation.heads.add(event_type)
            if "<EVENT>" in role_types or "<ANY>" in role_types or "<ENTITY>" in role_types:
                relation.tails = {"*"}
            elif "*" not in relation.tails:
                relation.tails.update(role_types)
    for relation in labels.relations.values():
        if "*" in relation.tails:
            relation.tails = set()
    return labels


def _concrete(role_types: list[str]) -> set[str]:
    return set() if any(t.startswith("<") for t in role_types) else set(role_types)


# --- Label Studio ----------------------------------------------------------------------

_LABEL_TAGS = {"Labels", "ParagraphLabels", "HyperTextLabels"}


def read_label_studio_config(path: Path) -> PeerLabels:
    """``<Labels>`` (entity labels with their background colours), ``<Relations>`` and ``<Choices>``."""
    labels = PeerLabels(str(path))
    try:
        root = ElementTree.parse(path).getroot()
    except (ElementTree.ParseError, OSError) as exc:
        raise AnnotatorError(f"{path}: not a Label Studio labelling config ({exc})") from None
    for element in root.iter():
        if element.tag in _LABEL_TAGS:
            for label in element.iter("Label"):
                if label.get("value"):
                    labels.entities[label.get("value", "")] = label.get("background")
        elif element.tag == "Relations":
            for relation in element.iter("Relation"):
                if relation.get("value"):
                    labels.relations[relation.get("value", "")] = PeerRelation()
        elif element.tag == "Choices" and element.get("name"):
            values = [c.get("value", "") for c in element.iter("Choice") if c.get("value")]
            if values:
                labels.document_labels[_choices_label(element.get("name", ""))] = values
    return labels


def _choices_label(name: str) -> str:
    # Annotator writes a document label called "label" or "text" as doc_label / doc_text (see label_studio.py)
    return name[4:] if name in ("doc_label", "doc_text") else name


def is_label_studio_config(path: Path) -> bool:
    if path.suffix.lower() != ".xml":
        return False
    try:
        head = path.read_text(encoding="utf-8-sig", errors="ignore")[:4096]
    except OSError:
        return False
    return "<View" in head and "<Label" in head


# --- doccano ---------------------------------------------------------------------------


def _doccano_label_items(parsed: Any) -> list[dict[str, Any]] | None:
    if not isinstance(parsed, list) or not parsed:
        return None
    if all(isinstance(i, dict) and isinstance(i.get("text"), str) and "background_color" in i for i in parsed):
        return parsed
    return None


def is_doccano_label_list(path: Path) -> bool:
    """A JSON list of doccano label types, as its "Export labels" writes them."""
    if path.suffix.lower() != ".json":
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(2048).decode("utf-8", errors="ignore")
        if '"background_color"' not in head:
            return False
        return _doccano_label_items(parse_json(path.read_text(encoding="utf-8-sig"), str(path))) is not None
    except (OSError, UnicodeDecodeError, InputError):  # not readable, not JSON, or hostile (too deep)
        return False


def read_doccano_labels(path: Path) -> PeerLabels:
    """Span types become entity labels, relation types relation labels; categories are left out."""
    labels = PeerLabels(str(path))
    items = _doccano_label_items(parse_json(path.read_text(encoding="utf-8-sig"), str(path))) or []
    for item in items:
        kind = item.get("task_type", "Span")
        colour = item.get("background_color")
        if kind == "Span":
            labels.entities[item["text"]] = colour if isinstance(colour, str) else None
        elif kind == "Relation":
            labels.relations[item["text"]] = PeerRelation()
    return labels


# --- Annotator's own schema file -------------------------------------------------------


def from_schema(schema: LabelSchema, origin: str) -> PeerLabels:
    labels = PeerLabels(origin)
    for entity in schema.entities:
        labels.entities[entity.name] = entity.color
    for relation in schema.relations:
        labels.relations[relation.name] = PeerRelation(set(relation.heads), set(relation.tails), relation.directed)
    for doc_label in schema.document_labels:
        labels.document_labels[doc_label.name] = list(doc_label.values)
    return labels


register_companion(is_doccano_label_list)
