"""Adopting a peer's label set: the labels a set of files uses that the project's schema lacks, shown first, then added.

Importing a brat corpus, a Label Studio project or a doccano export with
labels of its own otherwise fails on the first unknown label. ``plan`` reads
the files (as the import will) and the label sets the tools keep beside them
(``annotator.formats.label_sets``: brat's ``annotation.conf`` in the file's
folder or above it, a Label Studio ``label_config.xml`` or
``NAME.label_config.xml``, a doccano label list, the ``schema.json`` an
Annotator export writes), and lists what is missing: entity labels (with the
tool's colour where it gives a usable one), relation labels (with the
argument labels the tool allows) and document labels. ``adopt`` adds them to
the schema in one step, logged like any schema edit. Nothing is renamed or
removed, and a label the schema already has is left as it is; where the data
relates labels that an existing relation does not allow, the plan says so,
because that import will still fail.

Used by ``annotator import --add-labels [--dry-run]`` and the import dialog.
"""

from __future__ import annotations

import colorsys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator import formats
from annotator.errors import AnnotatorError
from annotator.formats.label_sets import (
    PeerLabels,
    PeerRelation,
    from_schema,
    is_doccano_label_list,
    is_label_studio_config,
    read_brat_conf,
    read_doccano_labels,
    read_label_studio_config,
)
from annotator.formats.registry import ReadOptions
from annotator.formats.schema_files import SCHEMA_NAME, SIDECAR_SUFFIX, is_schema_file
from annotator.label_schema import (
    COLOR_PATTERN,
    NAME_PATTERN,
    DocumentLabel,
    EntityLabel,
    LabelSchema,
    RelationLabel,
)
from annotator.project.schema_editing import NEW_LABEL_COLORS
from annotator.store import Store

# Colour names the tools' configs use (Label Studio's templates say "orange", "green"...).
_NAMED_COLOURS = {
    "red": "#e15759", "orange": "#f28e2b", "yellow": "#edc948", "green": "#59a14f", "blue": "#4e79a7",
    "purple": "#b07aa1", "pink": "#ff9da7", "brown": "#9c755f", "gray": "#bab0ac", "grey": "#bab0ac",
    "cyan": "#76b7b2", "teal": "#76b7b2", "magenta": "#b07aa1", "black": "#333333",
}


@dataclass
class LabelPlan:
    """What adopting the files' labels would add, and where each came from."""

    entities: list[EntityLabel] = field(default_factory=list)
    relations: list[RelationLabel] = field(default_factory=list)
    document_labels: list[DocumentLabel] = field(default_factory=list)
    # the label sets read: brat annotation.conf, label_config.xml...
    sources: list[str] = field(default_factory=list)
    # names that cannot be labels (spaces, commas...), and why the import may still fail
    problems: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.entities or self.relations or self.document_labels)

    def describe(self) -> list[str]:
        """One line per addition, for the CLI and the dialog."""
        lines = []
        for entity in self.entities:
            lines.append(f"entity label {entity.name} ({entity.color})")
        for relation in self.relations:
            ends = f"{'/'.join(relation.heads) or 'any'} -> {'/'.join(relation.tails) or 'any'}"
            lines.append(f"relation label {relation.name} ({ends}{'' if relation.directed else ', undirected'})")
        for doc_label in self.document_labels:
            lines.append(f"document label {doc_label.name} ({', '.join(doc_label.values)})")
        return lines


def label_sets_near(path: Path, root: Path | None = None) -> list[PeerLabels]:
    """The label sets kept beside ``path``: in its folder, and for brat in the folders above it up to ``root``."""
    found: list[PeerLabels] = []
    folder = path.parent
    stem = path.name.rsplit(".", 1)[0]
    candidates = [folder / f"{stem}.label_config.xml", folder / "label_config.xml"]
    for candidate in candidates:
        if candidate.is_file() and is_label_studio_config(candidate):
            found.append(read_label_studio_config(candidate))
            break
    for candidate in sorted(folder.glob("*.json")):
        if is_doccano_label_list(candidate):
            found.append(read_doccano_labels(candidate))
    for candidate in (folder / f"{stem}{SIDECAR_SUFFIX}", folder / SCHEMA_NAME):
        if candidate.is_file() and is_schema_file(candidate):
            try:
                found.append(from_schema(LabelSchema.load(candidate), str(candidate)))
            except AnnotatorError:
                pass
            break
    if path.suffix.lower() == ".ann":
        stop = root.resolve() if root else None
        current = folder.resolve()
        while True:  # brat looks for the configuration in the document's folder, then upwards
            conf = current / "annotation.conf"
            if conf.is_file():
                found.append(read_brat_conf(conf))
                break
            if current == stop or current.parent == current or stop is None:
                break
            current = current.parent
    return found


def _colour(given: str | None, used: set[str]) -> str:
    """The tool's colour where it is one Annotator can use, else the first free one of the palette, else a new hue."""
    if given:
        value = _NAMED_COLOURS.get(given.strip().lower(), given.strip())
        if COLOR_PATTERN.match(value):
            return value.lower()
    for colour in NEW_LABEL_COLORS:
        if colour not in used:
            return colour
    n = len(used)
    while True:  # hues a golden angle apart stay distinguishable however many labels come
        red, green, blue = colorsys.hsv_to_rgb((n * 0.618033988749895) % 1.0, 0.55, 0.85)
        colour = f"#{int(red * 255):02x}{int(green * 255):02x}{int(blue * 255):02x}"
        if colour not in used:
            return colour
        n += 1


def plan(schema: LabelSchema, files: Sequence[Path], *, format: str | None = None,
         options: ReadOptions | None = None, root: Path | None = None) -> LabelPlan:
    """The labels ``files`` use, or whose tools declare them, that ``schema`` lacks.

    Reads every file (a file that cannot be read is skipped here; the import
    reports it). brat events are read whole, so their types and roles are
    offered too.
    """
    options = replace(options or ReadOptions(), events="all", schema=None)
    result = LabelPlan()
    declared = PeerLabels("files")
    used_entities: dict[str, None] = {}
    used_relations: dict[str, PeerRelation] = {}
    used_doc_labels: dict[str, list[str]] = {}
    seen_sources: set[str] = set()
    for path in files:
        for peer in label_sets_near(path, root):
            if peer.origin in seen_sources:
                continue
            seen_sources.add(peer.origin)
            result.sources.append(peer.origin)
            for name, colour in peer.entities.items():
                declared.entities.setdefault(name, colour)
            for name, relation in peer.relations.items():
                declared.relations.setdefault(name, relation)
            for name, values in peer.document_labels.items():
                declared.document_labels.setdefault(name, values)
        try:
            reader = formats.reader_named(format) if format else formats.detect_reader(path)
            source = reader.read(path, options)
        except AnnotatorError:
            continue
        for bundle in source.documents:
            labels = {e.id: e.label for e in bundle.entities}
            for entity in bundle.entities:
                used_entities.setdefault(entity.label, None)
            for relation in bundle.relations:
                seen = used_relations.setdefault(relation.label, PeerRelation())
                seen.heads.add(labels.get(relation.head_id, ""))
                seen.tails.add(labels.get(relation.tail_id, ""))
            for name, value in bundle.doc_labels.items():
                values = used_doc_labels.setdefault(name, [])
                if value not in values:
                    values.append(value)
    _fill(result, schema, declared, used_entities, used_relations, used_doc_labels)
    return result


def _fill(result: LabelPlan, schema: LabelSchema, declared: PeerLabels, used_entities: dict[str, None],
          used_relations: dict[str, PeerRelation], used_doc_labels: dict[str, list[str]]) -> None:
    colours = {e.color for e in schema.entities}
    entity_names = set(schema.entity_names)
    for name in [*declared.entities, *(n for n in used_entities if n not in declared.entities)]:
        if name in entity_names:
            continue
        if not NAME_PATTERN.match(name):
            result.problems.append(f"entity label {name!r} cannot be added: a label is 1-40 characters without "
                                   "spaces, commas, ; or |")
            continue
        colour = _colour(declared.entities.get(name), colours)
        colours.add(colour)
        entity_names.add(name)
        result.entities.append(EntityLabel(name=name, color=colour))
    relation_names = set(schema.relation_names)
    for name in [*declared.relations, *(n for n in used_relations if n not in declared.relations)]:
        if name in relation_names:
            existing = schema.relation(name)
            for head in sorted(used_relations.get(name, PeerRelation()).heads):
                for tail in sorted(used_relations[name].tails):
                    if head and tail and not existing.allows(head, tail):
                        result.problems.append(f"relation {name} is used from {head} to {tail}, which the "
                                               "project's schema does not allow; edit the schema before importing")
            continue
        if not NAME_PATTERN.match(name):
            result.problems.append(f"relation label {name!r} cannot be added: a label is 1-40 characters without "
                                   "spaces, commas, ; or |")
            continue
        peer = declared.relations.get(name, PeerRelation())
        heads = tuple(sorted(h for h in peer.heads if h in entity_names)) if peer.heads <= entity_names else ()
        tails = tuple(sorted(t for t in peer.tails if t in entity_names)) if peer.tails <= entity_names else ()
        relation_names.add(name)
        result.relations.append(RelationLabel(name=name, heads=heads, tails=tails, directed=peer.directed))
    doc_names = {d.name for d in schema.document_labels}
    for name in {**used_doc_labels, **declared.document_labels}:
        if name in doc_names:
            continue
        if not NAME_PATTERN.match(name):
            result.problems.append(f"document label {name!r} cannot be added: not a valid label name")
            continue
        merged = list(dict.fromkeys([*declared.document_labels.get(name, []), *used_doc_labels.get(name, [])]))
        result.document_labels.append(DocumentLabel(name=name, values=tuple(merged)))


def adopted_schema(schema: LabelSchema, additions: LabelPlan) -> LabelSchema:
    return replace(
        schema,
        entities=schema.entities + tuple(additions.entities),
        relations=schema.relations + tuple(additions.relations),
        document_labels=schema.document_labels + tuple(additions.document_labels),
    ).validated()


def adopt(store: Store, additions: LabelPlan) -> LabelSchema:
    """Add the planned labels to the project's schema in one step (a no-op when there are none)."""
    if additions.empty:
        return store.schema.current
    return store.schema.set(adopted_schema(store.schema.current, additions))
