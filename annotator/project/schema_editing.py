"""Editing the label schema as a draft, then applying it in one step that carries annotations along.

The schema editor works on a ``SchemaDraft``: mutable copies of the labels
that remember which saved label each one started as (``origin``). That is
what turns "the user typed a new name" into a rename that moves every
entity, relation and document label with it, instead of a removal and an
addition that would orphan them. Relations refer to entity drafts, not
names, so renaming an entity label in the draft updates the relations that
allow it.

``problems()`` says what is wrong, label by label and field by field, for
the editor to show beside the field; ``apply_draft`` writes everything in
one transaction (renames first, through the store's rename methods, then
the schema itself) or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from annotator.errors import SchemaError
from annotator.label_schema import (
    COLOR_PATTERN,
    NAME_PATTERN,
    DocumentLabel,
    EntityLabel,
    LabelSchema,
    RelationLabel,
)
from annotator.review.steps import Change, Step, Title

if TYPE_CHECKING:
    from annotator.store import Store

# Colours offered to new entity labels, in order (Tableau 10).
NEW_LABEL_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")

ENTITIES, RELATIONS, DOCUMENT_LABELS = "entities", "relations", "document_labels"


@dataclass(eq=False)
class EntityDraft:
    name: str
    display: str = ""
    description: str = ""
    color: str = "#888888"
    hotkey: str = ""
    # the label's name in the saved schema; None for a label added in this draft
    origin: str | None = None


@dataclass(eq=False)
class RelationDraft:
    name: str
    display: str = ""
    description: str = ""
    directed: bool = True
    # empty means any entity label
    heads: list[EntityDraft] = field(default_factory=list)
    tails: list[EntityDraft] = field(default_factory=list)
    origin: str | None = None


@dataclass(eq=False)
class ValueDraft:
    value: str
    origin: str | None = None


@dataclass(eq=False)
class DocumentLabelDraft:
    name: str
    display: str = ""
    description: str = ""
    values: list[ValueDraft] = field(default_factory=list)
    origin: str | None = None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the draft: which list, which row (-1: the schema), which field, what.

    ``code`` names the kind of problem and ``detail`` the offending value, so
    the app can say it in the interface language; ``message`` is the English.
    """

    section: str
    index: int
    field: str
    message: str
    code: str = ""
    detail: str = ""


@dataclass
class Usage:
    """How much data uses each label: what a removal would orphan, what a rename carries along."""

    entities: dict[str, int] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    document_labels: dict[str, int] = field(default_factory=dict)
    document_values: dict[tuple[str, str], int] = field(default_factory=dict)


def label_usage(store: Store) -> Usage:
    conn = store.db.conn
    return Usage(
        entities=dict(conn.execute("SELECT label, COUNT(*) FROM entities GROUP BY label").fetchall()),
        relations=dict(conn.execute("SELECT label, COUNT(*) FROM relations GROUP BY label").fetchall()),
        document_labels=dict(conn.execute("SELECT name, COUNT(*) FROM doc_labels GROUP BY name").fetchall()),
        document_values={
            (name, value): n
            for name, value, n in conn.execute("SELECT name, value, COUNT(*) FROM doc_labels GROUP BY name, value")
        },
    )


class SchemaDraft:
    def __init__(self, schema: LabelSchema) -> None:
        self.saved = schema
        self.name = schema.name
        self.version = schema.version
        self.entities: list[EntityDraft] = []
        self.relations: list[RelationDraft] = []
        self.document_labels: list[DocumentLabelDraft] = []
        self._fill(schema, keep_origins_from=schema)

    def _fill(self, schema: LabelSchema, keep_origins_from: LabelSchema) -> None:
        saved_entities = set(keep_origins_from.entity_names)
        saved_relations = set(keep_origins_from.relation_names)
        saved_documents = {d.name: d for d in keep_origins_from.document_labels}
        self.entities = [
            EntityDraft(e.name, e.display, e.description, e.color, e.hotkey,
                        e.name if e.name in saved_entities else None)
            for e in schema.entities
        ]
        by_name = {e.name: e for e in self.entities}
        self.relations = [
            RelationDraft(
                r.name, r.display, r.description, r.directed,
                [by_name[h] for h in r.heads if h in by_name], [by_name[t] for t in r.tails if t in by_name],
                r.name if r.name in saved_relations else None,
            )
            for r in schema.relations
        ]
        self.document_labels = []
        for d in schema.document_labels:
            saved = saved_documents.get(d.name)
            saved_values = set(saved.values) if saved else set()
            self.document_labels.append(DocumentLabelDraft(
                d.name, d.display, d.description,
                [ValueDraft(v, v if v in saved_values else None) for v in d.values],
                d.name if saved else None,
            ))

    def load(self, schema: LabelSchema) -> None:
        """Take an imported schema's labels; labels with a saved label's name stay that label."""
        self.name, self.version = schema.name, schema.version
        self._fill(schema, keep_origins_from=self.saved)

    # --- editing ------------------------------------------------------------------------------------

    def add_entity(self) -> EntityDraft:
        used_colors = {e.color.lower() for e in self.entities}
        color = next((c for c in NEW_LABEL_COLORS if c not in used_colors), NEW_LABEL_COLORS[len(self.entities) % 10])
        used_keys = {e.hotkey for e in self.entities}
        hotkey = next((k for k in "123456789" if k not in used_keys), "")
        draft = EntityDraft(self._fresh_name("LABEL", [e.name for e in self.entities]), color=color, hotkey=hotkey)
        self.entities.append(draft)
        return draft

    def add_relation(self) -> RelationDraft:
        draft = RelationDraft(self._fresh_name("relation", [r.name for r in self.relations]))
        self.relations.append(draft)
        return draft

    def add_document_label(self) -> DocumentLabelDraft:
        draft = DocumentLabelDraft(self._fresh_name("label", [d.name for d in self.document_labels]),
                                   values=[ValueDraft("yes"), ValueDraft("no")])
        self.document_labels.append(draft)
        return draft

    def remove_entity(self, draft: EntityDraft) -> None:
        self.entities.remove(draft)
        for relation in self.relations:
            relation.heads = [h for h in relation.heads if h is not draft]
            relation.tails = [t for t in relation.tails if t is not draft]

    def move(self, section: str, index: int, step: int) -> int:
        """Move row ``index`` of a section by ``step``; returns its new index."""
        items = getattr(self, section)
        target = max(0, min(len(items) - 1, index + step))
        items.insert(target, items.pop(index))
        return target

    @staticmethod
    def _fresh_name(stem: str, taken: Iterable[str]) -> str:
        taken = set(taken)
        if stem not in taken:
            return stem
        return next(f"{stem}_{n}" for n in range(2, 10_000) if f"{stem}_{n}" not in taken)

    # --- checking -----------------------------------------------------------------------------------

    def problems(self) -> list[Problem]:
        found: list[Problem] = []

        def check_name(section: str, index: int, name: str, what: str, seen: dict[str, int]) -> None:
            if not name:
                found.append(Problem(section, index, "name", f"the {what} needs a name", "name_missing"))
            elif not NAME_PATTERN.match(name):
                found.append(Problem(section, index, "name",
                                     f"'{name}' is not allowed: 1-40 characters, no spaces, commas, ; or |",
                                     "name_invalid", name))
            elif name in seen:
                found.append(Problem(section, index, "name", f"'{name}' is already the name of another {what}",
                                     "name_taken", name))
            seen.setdefault(name, index)

        names: dict[str, int] = {}
        hotkeys: dict[str, str] = {}
        for index, label in enumerate(self.entities):
            check_name(ENTITIES, index, label.name, "entity label", names)
            if not COLOR_PATTERN.match(label.color):
                found.append(Problem(ENTITIES, index, "color", f"'{label.color}' is not a colour like #4e79a7",
                                     "color_invalid", label.color))
            if label.hotkey:
                if len(label.hotkey) != 1 or label.hotkey.isspace():
                    found.append(Problem(ENTITIES, index, "hotkey", "the hotkey must be one key", "hotkey_invalid"))
                elif label.hotkey in hotkeys:
                    found.append(Problem(ENTITIES, index, "hotkey",
                                         f"'{label.hotkey}' is already the hotkey of {hotkeys[label.hotkey]}",
                                         "hotkey_taken", hotkeys[label.hotkey]))
                else:
                    hotkeys[label.hotkey] = label.name
        relation_names: dict[str, int] = {}
        for index, relation in enumerate(self.relations):
            check_name(RELATIONS, index, relation.name, "relation label", relation_names)
        document_names: dict[str, int] = {}
        for index, doc_label in enumerate(self.document_labels):
            check_name(DOCUMENT_LABELS, index, doc_label.name, "document label", document_names)
            values = [v.value for v in doc_label.values]
            if not values:
                found.append(Problem(DOCUMENT_LABELS, index, "values", "a document label needs at least one value",
                                     "values_missing"))
            for value in values:
                if not value.strip():
                    found.append(Problem(DOCUMENT_LABELS, index, "values", "a value cannot be empty", "value_empty"))
                    break
            duplicates = sorted({v for v in values if values.count(v) > 1})
            if duplicates:
                found.append(Problem(DOCUMENT_LABELS, index, "values", f"'{duplicates[0]}' is listed twice",
                                     "value_twice", duplicates[0]))
        if not found:
            try:
                self._build()
            except SchemaError as exc:  # anything the field checks above do not cover
                found.append(Problem("schema", -1, "", str(exc), "schema"))
        return found

    def build(self) -> LabelSchema:
        """The draft as a validated schema; raises SchemaError with the first problem."""
        problems = self.problems()
        if problems:
            raise SchemaError(describe(problems[0], self))
        return self._build()

    def _build(self) -> LabelSchema:
        return LabelSchema(
            name=self.name,
            version=self.version,
            entities=tuple(EntityLabel(e.name, e.display, e.description, e.color, e.hotkey) for e in self.entities),
            relations=tuple(
                RelationLabel(r.name, r.display, r.description, r.directed,
                              tuple(h.name for h in r.heads), tuple(t.name for t in r.tails))
                for r in self.relations
            ),
            document_labels=tuple(
                DocumentLabel(d.name, d.display, d.description, tuple(v.value for v in d.values))
                for d in self.document_labels
            ),
        ).validated("the edited schema")

    # --- what applying would do -----------------------------------------------------------------

    def entity_renames(self) -> list[tuple[str, str]]:
        return [(e.origin, e.name) for e in self.entities if e.origin and e.origin != e.name]

    def relation_renames(self) -> list[tuple[str, str]]:
        return [(r.origin, r.name) for r in self.relations if r.origin and r.origin != r.name]

    def document_label_renames(self) -> list[tuple[str, str]]:
        return [(d.origin, d.name) for d in self.document_labels if d.origin and d.origin != d.name]

    def value_renames(self) -> list[tuple[str, str, str]]:
        """(document label's saved name, old value, new value)."""
        return [
            (d.origin, v.origin, v.value)
            for d in self.document_labels if d.origin
            for v in d.values if v.origin and v.origin != v.value
        ]

    def removed(self) -> tuple[list[str], list[str], list[str], list[tuple[str, str]]]:
        """Saved entity, relation and document labels (and values) the draft no longer has."""
        kept_entities = {e.origin for e in self.entities}
        kept_relations = {r.origin for r in self.relations}
        kept_documents = {d.origin: d for d in self.document_labels if d.origin}
        values = []
        for saved in self.saved.document_labels:
            draft = kept_documents.get(saved.name)
            if draft is not None:
                kept_values = {v.origin for v in draft.values}
                values += [(saved.name, v) for v in saved.values if v not in kept_values]
        return (
            [n for n in self.saved.entity_names if n not in kept_entities],
            [n for n in self.saved.relation_names if n not in kept_relations],
            [d.name for d in self.saved.document_labels if d.name not in kept_documents],
            values,
        )

    def blocked_removals(self, usage: Usage) -> list[str]:
        """Why the draft cannot be applied as it stands: removals of labels that data still uses."""
        entities, relations, documents, values = self.removed()
        reasons = []
        for name in entities:
            if usage.entities.get(name):
                reasons.append(f"entity label '{name}' is used by {usage.entities[name]} entities")
        for name in relations:
            if usage.relations.get(name):
                reasons.append(f"relation label '{name}' is used by {usage.relations[name]} relations")
        for name in documents:
            if usage.document_labels.get(name):
                reasons.append(f"document label '{name}' is set on {usage.document_labels[name]} documents")
        for name, value in values:
            if usage.document_values.get((name, value)):
                reasons.append(f"value '{value}' of '{name}' is set on {usage.document_values[(name, value)]} documents")
        return reasons

    def is_changed(self) -> bool:
        try:
            return self._build().to_dict() != self.saved.to_dict()
        except SchemaError:
            return True


def describe(problem: Problem, draft: SchemaDraft) -> str:
    """A problem in one sentence that names its label."""
    if problem.index < 0:
        return problem.message
    label = getattr(draft, problem.section)[problem.index]
    kind = {ENTITIES: "entity label", RELATIONS: "relation label", DOCUMENT_LABELS: "document label"}[problem.section]
    return f"{kind} '{label.name or '(unnamed)'}': {problem.message}"


def _rename_all(pairs: list[tuple[str, str]], names: Iterable[str], rename: Callable[[str, str], None]) -> None:
    """Rename several labels, through temporary names when they swap or chain (A->B, B->A)."""
    if not pairs:
        return
    sources = {old for old, _ in pairs}
    if not any(new in sources for _, new in pairs):
        for old, new in pairs:
            rename(old, new)
        return
    taken = set(names) | {new for _, new in pairs}
    temporary = []
    for index, (old, new) in enumerate(pairs):
        temp = next(f"__rename_{index}_{n}" for n in range(1000) if f"__rename_{index}_{n}" not in taken)
        taken.add(temp)
        rename(old, temp)
        temporary.append((temp, new))
    for temp, new in temporary:
        rename(temp, new)


@dataclass(frozen=True)
class SchemaChange:
    """One saved edit of the schema: the schema before and after, and the renames that carry the data along.

    ``values`` maps a document label's name *after* the change to its
    (old value, new value) pairs. ``inverse()`` is the change that takes it
    all back, which is what undo applies.
    """

    old: LabelSchema
    new: LabelSchema
    entities: tuple[tuple[str, str], ...] = ()
    relations: tuple[tuple[str, str], ...] = ()
    document_labels: tuple[tuple[str, str], ...] = ()
    values: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    # an inverse renames values before the labels that hold them, since they carry the new names
    values_first: bool = False

    def inverse(self) -> SchemaChange:
        def swapped(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
            return tuple((new, old) for old, new in pairs)

        return SchemaChange(
            old=self.new,
            new=self.old,
            entities=swapped(self.entities),
            relations=swapped(self.relations),
            document_labels=swapped(self.document_labels),
            values=tuple((name, swapped(pairs)) for name, pairs in self.values),
            values_first=not self.values_first,
        )


def plan_draft(store: Store, draft: SchemaDraft) -> SchemaChange:
    """What saving the draft would do; raises SchemaError (nothing written) when it cannot be saved.

    It cannot when the draft is invalid, removes a label that data still
    uses, or the saved schema changed since the draft was made.
    """
    final = draft.build()
    if store.schema.current.to_dict() != draft.saved.to_dict():
        raise SchemaError("the label schema was changed elsewhere while you edited it; reopen the editor")
    blocked = draft.blocked_removals(label_usage(store))
    if blocked:
        raise SchemaError("cannot remove a label that is in use: " + "; ".join(blocked))
    renamed_docs = dict(draft.document_label_renames())
    by_label: dict[str, list[tuple[str, str]]] = {}
    for saved_name, old, new in draft.value_renames():
        by_label.setdefault(renamed_docs.get(saved_name, saved_name), []).append((old, new))
    return SchemaChange(
        old=store.schema.current,
        new=final,
        entities=tuple(draft.entity_renames()),
        relations=tuple(draft.relation_renames()),
        document_labels=tuple(draft.document_label_renames()),
        values=tuple((name, tuple(pairs)) for name, pairs in by_label.items()),
    )


def apply_schema_change(store: Store, change: SchemaChange) -> LabelSchema:
    """Rename what the change renames (carrying the data along), then replace the schema; all or nothing.

    Raises SchemaError (nothing written) when the saved schema is no longer
    the change's starting point, or a relation's heads or tails would be
    narrowed below what existing relations need.
    """
    with store.transaction():
        if store.schema.current.to_dict() != change.old.to_dict():
            raise SchemaError("the label schema was changed elsewhere; it no longer matches this step")

        def rename_values() -> None:
            for label_name, pairs in change.values:

                def rename(old: str, new: str, name: str = label_name) -> None:
                    store.schema.rename_document_label_value(name, old, new)

                _rename_all(list(pairs), store.schema.current.document_label(label_name).values, rename)

        if change.values_first:
            rename_values()
        _rename_all(list(change.entities), store.schema.current.entity_names, store.schema.rename_entity_label)
        _rename_all(list(change.relations), store.schema.current.relation_names, store.schema.rename_relation_label)
        _rename_all(list(change.document_labels), [d.name for d in store.schema.current.document_labels],
                    store.schema.rename_document_label)
        if not change.values_first:
            rename_values()
        store.schema.set(change.new)
    return change.new


def apply_draft(store: Store, draft: SchemaDraft) -> LabelSchema:
    """Write the draft: renames carry the data along, then the schema is replaced; all or nothing.

    Raises SchemaError (nothing written) when the draft is invalid, removes a
    label that data still uses, or narrows a relation's heads or tails below
    what existing relations need.
    """
    with store.transaction():
        return apply_schema_change(store, plan_draft(store, draft))


class ChangeSchema(Step):
    """Saving the schema editor's draft, as one undoable step (undo applies the inverse change)."""

    restores_status = False

    def __init__(self, store: Store, draft: SchemaDraft, *, doc_id: str = "") -> None:
        # ``doc_id``: the document open in the window, re-read afterwards ("" for none)
        super().__init__(store, doc_id, Title("change_schema"))
        self.change = plan_draft(store, draft)

    def status_documents(self) -> list[str]:
        return []

    def forward(self) -> Change:
        apply_schema_change(self.store, self.change)
        return Change(self.doc_id, everything=True, documents=True, schema=True)

    def backward(self) -> Change:
        apply_schema_change(self.store, self.change.inverse())
        return Change(self.doc_id, everything=True, documents=True, schema=True)
